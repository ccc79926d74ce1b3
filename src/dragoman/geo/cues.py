"""Cue words around place names (cues.yaml): what kind of place it is, whether the text says only "near" it,
and capitalised words that never stand alone as places."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..datafile import safe_load
from ..errors import InputError
from .facilities import LANGS
from .keys import APOSTROPHES, WORD, name_key, word_key

DEFAULT_PATH = Path(__file__).with_name("data") / "cues.yaml"
CUE_FEATURES = ("airbase", "airport", "naval_base", "port", "city", "region", "country")
_PREFIX_LANGS = ("ru", "tr")
_FEATURES = frozenset(CUE_FEATURES)
# The kinds of place each feature cue may name ("air base" fits an airport too).
CUE_FITS = {"airbase": {"airbase", "airport"}, "airport": {"airport", "airbase"}, "naval_base": {"naval_base", "port"},
            "port": {"port", "naval_base"}, "city": {"city", "capital"}, "region": {"region"},
            "country": {"country"}}
_NEAR = frozenset({"near"})
_PREFIX_MIN = 4
_AR_CLITICS = ("و", "ف", "ب", "ل", "ك")
_FR_DE = frozenset({"de", "d", "du", "des"})
_SUFFIX = re.compile(f"^[{APOSTROPHES}]\\w+")
_WINDOW = 60                     # characters looked at on each side of a name
_WORDS = 5                       # words looked at on each side (the longest cue phrase has four)


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]        # folded words of the cue phrase
    feature: str                  # a CUE_FEATURES value, or "near"
    text: str                     # the phrase as written in cues.yaml


@dataclass(frozen=True)
class CueTable:
    """Cue phrases per language and position, and the stop words."""

    before: dict[str, tuple[Cue, ...]]       # lang -> cues that precede a name, longest first
    after: dict[str, tuple[Cue, ...]]
    stop: dict[str, frozenset[str]]          # lang -> name keys never taken alone
    stop_words: frozenset[str]               # all languages' (an Arabic word in an English page is still a word)
    generic: frozenset[str] = frozenset()    # words naming a kind of place ("street", "county", "شارع")
    qualifiers: frozenset[str] = frozenset() # words narrowing an area ("northern", "west", "greater")
    home: dict[str, frozenset[str]] = field(default_factory=dict)   # lang -> countries where it is spoken
    organisation: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # lang -> side -> heads

    @cached_property
    def _index(self) -> dict[tuple[str, str], dict[str, list[Cue]]]:
        """(lang, position) -> the word next to the name -> cues ending (before) or starting (after) with it."""
        index: dict[tuple[str, str], dict[str, list[Cue]]] = {}
        for position, table in (("before", self.before), ("after", self.after)):
            for lang, cues in table.items():
                by_word: dict[str, list[Cue]] = {}
                for cue in cues:
                    by_word.setdefault(cue.words[-1] if position == "before" else cue.words[0], []).append(cue)
                index[(lang, position)] = by_word
        return index

    def near_name(self, word: str, lang: str, position: str) -> list[Cue]:
        """Cues whose word next to the name could be `word` (longest first); the rest is checked by the caller."""
        by_word = self._index.get((lang, position), {})
        keys = {word}
        if lang in _PREFIX_LANGS:
            keys.update(word[:n] for n in range(_PREFIX_MIN, len(word)))
        if lang == "fr" and word in _FR_DE:
            keys.add("de")
        if lang == "ar" and word[:1] in _AR_CLITICS:
            keys.add(word_key(word[1:]))
        found = [cue for key in keys for cue in by_word.get(key, ())]
        return sorted(found, key=lambda c: -len(c.words))


def _phrases(path: Path, where: str, raw: object) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise InputError(f"{path}: {where}", "must be a list of non-empty phrases")
    return raw


def _add(path: Path, table: dict, where: str, feature: str, raw: object) -> None:
    if not isinstance(raw, dict) or set(raw) - {"before", "after"}:
        raise InputError(f"{path}: {where}", "must map 'before' and/or 'after' to phrase lists")
    for position, phrases in raw.items():
        for phrase in _phrases(path, f"{where}.{position}", phrases):
            words = tuple(word_key(w) for w in WORD.findall(phrase))
            table[position].append(Cue(words, feature, phrase))


def load_cues(path: Path | str = DEFAULT_PATH) -> CueTable:
    """Read and check cues.yaml (unknown features or languages are named in the error)."""
    path = Path(path)
    data = safe_load(path.read_text(encoding="utf-8")) or {}
    tables = {lang: {"before": [], "after": []} for lang in LANGS}
    for feature, langs in (data.get("feature") or {}).items():
        if feature not in CUE_FEATURES:
            raise InputError(f"{path}: feature.{feature}", f"unknown feature (use one of {', '.join(CUE_FEATURES)})")
        for lang, raw in langs.items():
            if lang not in LANGS:
                raise InputError(f"{path}: feature.{feature}.{lang}", "unknown language")
            _add(path, tables[lang], f"feature.{feature}.{lang}", feature, raw)
    for lang, raw in (data.get("near") or {}).items():
        if lang not in LANGS:
            raise InputError(f"{path}: near.{lang}", "unknown language")
        _add(path, tables[lang], f"near.{lang}", "near", raw)
    stop = {}
    for lang, words in (data.get("stop") or {}).items():
        stop[lang] = frozenset(name_key(w) for w in _phrases(path, f"stop.{lang}", words))

    home = {}
    for lang, codes in (data.get("home") or {}).items():
        if lang not in LANGS:
            raise InputError(f"{path}: home.{lang}", "unknown language")
        home[lang] = frozenset(_phrases(path, f"home.{lang}", codes))

    organisation: dict[str, dict[str, frozenset[str]]] = {}
    for lang, raw in (data.get("organisation") or {}).items():
        if lang not in LANGS or not isinstance(raw, dict) or set(raw) - {"before", "after"}:
            raise InputError(f"{path}: organisation.{lang}", "must be a language mapping 'before'/'after' to words")
        organisation[lang] = {side: frozenset(word_key(w) for w in raw.get(side) or [])
                              for side in ("before", "after")}

    def order(cues: list[Cue]) -> tuple[Cue, ...]:
        return tuple(sorted(cues, key=lambda c: -len(c.words)))
    return CueTable({lang: order(t["before"]) for lang, t in tables.items()},
                    {lang: order(t["after"]) for lang, t in tables.items()}, stop,
                    frozenset().union(*stop.values()),
                    frozenset(word_key(w) for w in _phrases(path, "generic", data.get("generic") or [])),
                    frozenset(word_key(w) for w in _phrases(path, "qualifiers", data.get("qualifiers") or [])), home,
                    organisation)


@lru_cache(maxsize=1)
def cue_table() -> CueTable:
    return load_cues()


def _word_ok(word: str, cue: str, lang: str) -> bool:
    if word == cue:
        return True
    if lang in _PREFIX_LANGS and len(cue) >= _PREFIX_MIN:
        return word.startswith(cue)
    if lang == "fr" and cue == "de":
        return word in _FR_DE
    if lang == "ar":
        return word[:1] in _AR_CLITICS and word_key(word[1:]) == cue
    return False


def words_before(text: str, start: int) -> list[str]:
    """Folded words just before `start`, nearest last."""
    return [word_key(w) for w in WORD.findall(text[max(0, start - _WINDOW):start])[-_WORDS:]]


def words_after(text: str, end: int) -> list[str]:
    """Folded words just after `end`, skipping an apostrophe suffix ("Cufra'daki" -> the words after it)."""
    tail = text[end:end + _WINDOW]
    suffix = _SUFFIX.match(tail)
    if suffix:
        tail = tail[suffix.end():]
    return [word_key(w) for w in WORD.findall(tail)[:_WORDS]]


def _match_end(words: list[str], table: CueTable, lang: str, features: frozenset[str]) -> Cue | None:
    """The longest `before` cue that the words end with."""
    if not words:
        return None
    for cue in table.near_name(words[-1], lang, "before"):
        n = len(cue.words)
        if cue.feature in features and n <= len(words) and all(
                _word_ok(w, c, lang) for w, c in zip(words[-n:], cue.words)):
            return cue
    return None


def _match_start(words: list[str], table: CueTable, lang: str, features: frozenset[str]) -> Cue | None:
    """The longest `after` cue that the words start with."""
    if not words:
        return None
    for cue in table.near_name(words[0], lang, "after"):
        n = len(cue.words)
        if cue.feature in features and n <= len(words) and all(
                _word_ok(w, c, lang) for w, c in zip(words[:n], cue.words)):
            return cue
    return None


def in_organisation(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the name at text[start:end] sits in an organisation's name ("حزب نداء تونس", "МИД Ирана")."""
    heads = cue_table().organisation.get(lang)
    if not heads:
        return False
    before = words_before(text, start)[-(2 if lang == "ar" else 1):]
    if lang == "ar":                                   # "لحزب": the clitic ل before حزب
        before += [word_key(w[1:]) for w in before if w[:1] in _AR_CLITICS]
    after = words_after(text, end)[:4 if lang == "tr" else 1]
    return bool(set(before) & heads["before"]) or bool(set(after) & heads["after"])


def find_cues(text: str, start: int, end: int, lang: str) -> tuple[Cue | None, Cue | None]:
    """(feature cue, proximity cue) around the name at text[start:end]."""
    table = cue_table()
    before, after = words_before(text, start), words_after(text, end)
    feature = _match_end(before, table, lang, _FEATURES) or _match_start(after, table, lang, _FEATURES)
    if feature is None:
        inside = [word_key(w) for w in WORD.findall(text[start:end])]
        if len(inside) >= 2:          # a cue inside a longer name: "Benina International Airport", "قاعدة الخادم"
            feature = (_match_end(inside[1:], table, lang, _FEATURES)
                       or _match_start(inside[:-1], table, lang, _FEATURES))
    near = _match_end(before, table, lang, _NEAR) or _match_start(after, table, lang, _NEAR)
    return feature, near


def find_cue(text: str, start: int, end: int, lang: str, *, near: bool = False) -> Cue | None:
    """The feature cue (or, with near=True, the proximity cue) around the name at text[start:end]."""
    return find_cues(text, start, end, lang)[1 if near else 0]
