"""The resolver's lookup tables: every known entity's aliases under each key, built once.

Entities come from the term base (person / organisation / place / facility / unit concepts: the English
canonical form, its english_variants and the ar/ru/tr/fr terms) and from the workspace's entity store
(names seen before, analyst merges and splits). Store entities are laid over the term base: an alias an
analyst pinned to an entity (by a split) wins over the term base's, and merged-away ids redirect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

import yaml

from ..datafile import safe_load
from ..errors import InputError
from ..vocab.termbase import TermBase
from .keys import exact_key, keys

NAME_KINDS = ("person", "organisation", "place", "facility", "unit")
KIND_OF_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "place", "GPE": "place", "FAC": "facility",
                 "MISC": "other"}
# Which entity kinds a mention with this NER label may resolve to: a PER never lands on an ORG.
LABEL_KINDS: dict[str, frozenset[str]] = {
    "PER": frozenset({"person"}),
    "ORG": frozenset({"organisation", "unit", "other"}),
    "LOC": frozenset({"place", "facility"}),
    "GPE": frozenset({"place"}),
    "FAC": frozenset({"facility", "place"}),
    "MISC": frozenset({"organisation", "unit", "facility", "other"}),
}
MIN_SKELETON = 3          # shorter skeletons ("sg", "bn") are shared by too many names to decide anything
MIN_ACRONYM = 3
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el"})
_TITLES_FILE = resources.files("dragoman.names") / "data" / "titles.yaml"


@dataclass(frozen=True)
class KnownEntity:
    """An entity the workspace store knows: its variants, ids merged into it, variants an analyst pinned."""

    id: str
    kind: str
    name: str
    variants: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()


@dataclass
class Entry:
    id: str
    kind: str
    name: str
    aliases: set[str] = field(default_factory=set)
    english: set[str] = field(default_factory=set)     # Latin-script names, for the Arabic↔English rule


def allowed_kinds(label: str | None) -> frozenset[str] | None:
    """The entity kinds a label allows; None (anything) for no label or one we do not know."""
    return LABEL_KINDS.get((label or "").upper())


@lru_cache(maxsize=1)
def load_titles() -> tuple[str, ...]:
    """Honorifics from titles.yaml, exact-keyed, longest first."""
    try:
        data = safe_load(_TITLES_FILE.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(str(_TITLES_FILE), f"not valid YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise InputError(str(_TITLES_FILE), "expected a mapping of language -> list of titles")
    return tuple(sorted({exact_key(str(t)) for v in data.values() for t in v if str(t).strip()},
                        key=lambda t: -len(t)))


def _acronym(name: str) -> str | None:
    """Libyan National Army -> LNA (initials of the capitalised words), when that gives 3+ letters."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _SMALL_WORDS]
    if len(words) < MIN_ACRONYM or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


class NameIndex:
    """Aliases of every entity under the exact, key and skeleton keys, plus surname and acronym tables."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.redirect: dict[str, str] = {}
        self.exact: dict[str, set[str]] = {}
        self.pinned: dict[str, str] = {}
        self.key: dict[str, set[str]] = {}
        self.skeleton: dict[str, set[str]] = {}
        self.surname: dict[str, set[str]] = {}                       # surname key -> person ids
        self.surname_skeleton: dict[str, set[tuple[str, str]]] = {}  # skeleton -> (surname key, id)
        self.acronym: dict[str, set[str]] = {}
        self.blocks: dict[str, set[tuple[str, str]]] = {}   # skeleton-word block -> (alias, entity id)
        self.titles: tuple[str, ...] = ()

    # -- building -------------------------------------------------------------------------------

    @classmethod
    def build(cls, termbase: TermBase, store_entities: Iterable[KnownEntity] = ()) -> "NameIndex":
        index = cls()
        index.titles = tuple(sorted(set(load_titles()) | {exact_key(t.term) for t in termbase.terms()
                                                          if t.kind == "title"}
                                    | {exact_key(v) for t in termbase.terms() if t.kind == "title"
                                       for v in (t.english, *t.english_variants)}, key=lambda t: -len(t)))
        for concept, terms in termbase.concepts().items():
            kind = terms[0].kind
            if kind not in NAME_KINDS:
                continue
            entry = index._entry(concept, kind, terms[0].english)
            for t in terms:
                index._add(entry, t.term)
                for alias in (t.english, *t.english_variants):
                    index._add(entry, alias, english=True)
        index._add_states()
        for known in store_entities:
            entry = index._entry(known.id, known.kind, known.name)
            for alias in known.variants:
                index._add(entry, alias)
            for alias in known.pinned:
                index._add(entry, alias)
                index.pinned[exact_key(alias)] = known.id
            for merged in known.merged:
                index.redirect[merged] = known.id
        return index

    def _entry(self, entity_id: str, kind: str, name: str) -> Entry:
        entry = self.entries.get(entity_id)
        if entry is None:
            entry = self.entries[entity_id] = Entry(entity_id, kind, name)
            self._add(entry, name, english=True)
            acronym = _acronym(name) if kind in ("organisation", "unit") else None
            if acronym:
                self.acronym.setdefault(acronym, set()).add(entity_id)
        return entry

    def _add_states(self) -> None:
        """Every country (and a few capitals) from `states.py`, under the term base's concept where it has one
        ("Rusya" joins russia), matched exactly only: no skeleton, fuzzy or Arabic-rendering entries."""
        from .states import states
        for state in states():
            held = {i for alias in state.aliases for i in self.exact.get(keys(alias).exact, ())
                    if self.entries[i].kind == "place"}
            if len(held) > 1:
                continue                   # its names belong to several term-base places: leave them to it
            entry = self.entries.get(next(iter(held))) if held else None
            if entry is None:
                entry = self.entries.setdefault(state.id, Entry(state.id, "place", state.english))
                if entry.kind != "place":
                    continue
            for alias in state.aliases:
                self._add_exact(entry, alias)

    def _add_exact(self, entry: Entry, alias: str) -> None:
        alias = alias.strip()
        if not alias or alias in entry.aliases:
            return
        k = keys(alias)
        if self.exact.get(k.exact, {entry.id}) != {entry.id}:
            return                          # the term base's own name for something else wins
        entry.aliases.add(alias)
        self.exact.setdefault(k.exact, set()).add(entry.id)
        if k.key and self.key.get(k.key, {entry.id}) == {entry.id}:
            self.key.setdefault(k.key, set()).add(entry.id)

    def _add(self, entry: Entry, alias: str, *, english: bool = False) -> None:
        alias = alias.strip()
        k = keys(alias)
        if english and k.script == "latin" and len(alias.split()) <= 4:
            entry.english.add(alias)
        if not alias or alias in entry.aliases:
            return
        entry.aliases.add(alias)
        self.exact.setdefault(k.exact, set()).add(entry.id)
        if k.key:
            self.key.setdefault(k.key, set()).add(entry.id)
        joined = k.skeleton.replace(" ", "")
        if len(joined) >= MIN_SKELETON:
            self.skeleton.setdefault(joined, set()).add(entry.id)
        words = k.key.split()
        if entry.kind == "person" and len(words) > 1:
            last = keys(alias.split()[-1]) if len(alias.split()) > 1 else None
            if last is not None:
                self.surname.setdefault(last.key, set()).add(entry.id)
                if len(last.skeleton) >= MIN_SKELETON:
                    self.surname_skeleton.setdefault(last.skeleton, set()).add((last.key, entry.id))
        for block in blocks(k.skeleton):
            self.blocks.setdefault(block, set()).add((alias, entry.id))

    # -- reading --------------------------------------------------------------------------------

    def final(self, entity_id: str) -> str:
        """Follow merges to the entity that absorbed this one."""
        seen = set()
        while entity_id in self.redirect and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.redirect[entity_id]
        return entity_id

    def strip_title(self, text: str) -> str | None:
        """`text` without leading titles ("Field Marshal Khalifa Haftar" -> "Khalifa Haftar"), None if none."""
        folded = exact_key(text)
        out = text.strip()
        changed = False
        while True:
            for title in self.titles:
                if folded.startswith(title + " ") and len(folded) > len(title) + 1:
                    words = len(title.split())
                    out = " ".join(out.split()[words:])
                    folded = exact_key(out)
                    changed = True
                    break
            else:
                return out if changed and out else None

    def candidates(self, skeleton: str) -> set[tuple[str, str]]:
        """(alias, entity id) pairs sharing a block with this skeleton: what the fuzzy rule compares."""
        found: set[tuple[str, str]] = set()
        for block in blocks(skeleton):
            found |= self.blocks.get(block, set())
        return found


def blocks(skeleton: str) -> set[str]:
    """Blocking keys of a skeleton: each word's first two and last two classes (whole word if shorter)."""
    out = set()
    for word in skeleton.split():
        if len(word) >= 2:
            out.add("<" + word[:2])
            out.add(">" + word[-2:])
        elif word:
            out.add("=" + word)
    return out

