"""Resolve a name mention to a canonical entity, recording which rule decided and how sure it was.

Rules, tried in order; the first that decides wins:

    alias      the name as written is a known alias (term base or workspace)       score 1.0
    acronym    an all-capitals name is the initials of an organisation ("LNA")     0.95
    key        same normalised spelling ("Al-Jufra" = "Jufra", "حَفْتَر" = "حفتر")   0.97
    normal     the NER's dictionary form is an alias or key ("Хафтара" -> "Хафтар")  0.95
    skeleton   same consonant skeleton, confirmed by spelling ("Yevkirov")         the confirmation score
    surname    one word that is the surname of exactly one known person            0.9
    fuzzy      close spelling among the few aliases sharing a skeleton block       rapidfuzz score
    arabnamer  an Arabic name that arabnamer's rendering of an English name fits   match probability

A rule that finds several entities equally well gives `ambiguous`; nothing found gives `unknown`. Both
leave `entity_id` None (with the runners-up in `candidates`) rather than force the nearest entity. The NER
label limits the kinds a mention may resolve to (a PER never lands on an organisation).

Thresholds were set with the term base's names respelled (other iuliia schemes, one-letter typos,
Arabic ج/غ and long-vowel swaps: 77-90% found, 1 of 1,273 put on the wrong entity) against 12,877 Google
train names as strangers (4 Latin and 4 Arabic accepted, each a near-namesake such as "Saleh" or
"Putina"); the arabnamer threshold on eval-split names (see ARABNAMER_ACCEPT). tests/test_names_resolver.py
holds the cases.

`arabnamer="auto"` runs the model (in a child process, once, for every English name) the first time an
Arabic name reaches that rule; call `prepare()` in the parent and give workers `arabnamer="cached"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from rapidfuzz import fuzz

from ..vocab.termbase import TermBase
from .index import MIN_SKELETON, KnownEntity, NameIndex, allowed_kinds
from ..text.normalize import script_of
from .keys import exact_key, keys, name_key, skeleton
from .match import ArabicEnglish, latin_similarity
from .render import ArabicRenderer, english_words

__all__ = ["EntityResolver", "Resolution", "KnownEntity", "RULES", "explain"]

RULES = ("alias", "acronym", "key", "normal", "skeleton", "surname", "fuzzy", "arabnamer", "ambiguous", "unknown")
# What each rule's decision rests on, for `entities show` and the mention's evidence.
RULE_EVIDENCE = {
    "alias": "written as a known name of {name}",
    "acronym": "the initials of {name}",
    "key": "spelled as {name} once accents, vowel marks and articles are set aside",
    "normal": "its dictionary form is a known name of {name}",
    "skeleton": "same consonants as {name}, and a close spelling",
    "surname": "the surname of {name}, the only known person with it",
    "fuzzy": "a close spelling of {name}, clearly ahead of any other",
    "arabnamer": "the Arabic spelling arabnamer gives for {name}",
}
SKELETON_CONFIRM = 0.72     # spelling (key) similarity a same-skeleton match must also reach…
SHORT_CONFIRM = 0.86        # …or this, when the skeleton has only MIN_SKELETON classes ("btn": Putin, Petin)
ARABIC_CONFIRM = 0.85       # …or this in Arabic, where one letter is often a vowel (باسكوف Baskov, بيسكوف Peskov)
CROSS_SKELETON = 4          # Arabic vs Latin has no spelling to confirm: the skeleton must be this long
FUZZY_ACCEPT = 0.86
FUZZY_SHORT = 0.92          # for Arabic, and names under SHORT_NAME letters: "Haffar" is not "Haftar"
SHORT_NAME = 8
FUZZY_MARGIN = 0.05         # the best entity must beat the next by this much, else `ambiguous`
ARABNAMER_ACCEPT = 0.80     # on eval-split names: 73% of known names found, 0.1% of strangers accepted
ARABNAMER_MARGIN = 0.10
ARABNAMER_SHORTLIST = 10    # English names fully scored per Arabic name…
ARABNAMER_FLOOR = 70.0      # …among those whose cheap score reaches this (accepted pairs score 79.7+)
SHOWN_CANDIDATES = 5
CACHE_SIZE = 1 << 16
_PROCLITICS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_TR_SUFFIX = re.compile("['\u2019][a-zçğıöşü]{1,5}$")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a mention resolved to, by which rule and how surely; runners-up (entity id, score) when unsure."""

    entity_id: str | None
    canonical: str | None
    kind: str | None
    rule: str
    score: float
    candidates: list[tuple[str, float]] = field(default_factory=list)


class EntityResolver:
    """Built once per process from the term base (and the workspace's known entities); `resolve` is cached."""

    def __init__(self, index: NameIndex, *, matcher: ArabicEnglish | None = None, arabnamer: str = "auto") -> None:
        if arabnamer not in ("auto", "cached", "off"):
            raise ValueError(f"arabnamer must be auto, cached or off, not {arabnamer!r}")
        self.index = index
        self.arabnamer = arabnamer
        self.matcher = matcher
        self._prepared = False
        self._cache: dict[tuple, Resolution] = {}
        self._english: list[tuple[str, str]] | None = None
        self._english_list: tuple[str, ...] = ()
        self._alias_keys: dict[str, tuple[bool, str, str]] = {}    # alias -> (Arabic?, key, joined skeleton)

    @classmethod
    def from_termbase(cls, termbase: TermBase | None = None, store_entities: Iterable[KnownEntity] = (), *,
                      renderer: ArabicRenderer | None = None, arabnamer: str = "auto") -> "EntityResolver":
        """`arabnamer`: auto (run the model once, batched, for names not yet rendered), cached (use only
        renderings already cached: for worker processes after the parent called `prepare`), or off."""
        index = NameIndex.build(termbase if termbase is not None else TermBase.load_default(), store_entities)
        if renderer is None and arabnamer != "off":
            renderer = ArabicRenderer(offline=arabnamer == "cached")
        matcher = ArabicEnglish(renderer) if renderer is not None else None
        return cls(index, matcher=matcher, arabnamer=arabnamer)

    def prepare(self) -> int:
        """Render every English name in Arabic now (one model run in a child process, skipped when cached);
        call it in the parent before starting workers. Returns how many words were rendered."""
        self._prepared = True
        if self.matcher is None or self.arabnamer == "off":
            return 0
        return self.matcher.prepare(name for name, _ in self._english_names())

    def kind_of(self, entity_id: str | None) -> str | None:
        """The kind of a known entity (for the store, which gets only a mention's label)."""
        entry = self.index.entries.get(self.index.final(entity_id)) if entity_id else None
        return entry.kind if entry else None

    # -- resolving ------------------------------------------------------------------------------

    def resolve(self, surface: str, label: str | None, lang: str | None, normal: str | None = None) -> Resolution:
        key = (surface, label, lang, normal)
        found = self._cache.get(key)
        if found is None:
            found = self._resolve(surface.strip(), label, lang, normal.strip() if normal else None)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _resolve(self, surface: str, label: str | None, lang: str | None, normal: str | None) -> Resolution:
        if not surface:
            return Resolution(None, None, None, "unknown", 0.0)
        kinds = allowed_kinds(label)
        forms = self._forms(surface)
        if (lang or "").startswith("tr"):
            # Turkish puts case endings after an apostrophe: Hafter'in, Vagner'e
            forms += [f for f in self._forms(_TR_SUFFIX.sub("", surface)) if f not in forms]
        normals = [f for f in self._forms(normal) if f not in forms] if normal else []
        near: list[tuple[str, float]] = []
        steps: list[tuple[str, Callable[[], Resolution | None]]] = [
            ("alias", lambda: self._exact(forms, kinds, "alias", 1.0)),
            ("acronym", lambda: self._acronym(surface, kinds)),
            ("key", lambda: self._key(forms, kinds, "key", 0.97)),
            ("normal", lambda: self._exact(normals, kinds, "normal", 0.95)
             or self._key(normals, kinds, "normal", 0.95)),
            ("skeleton", lambda: self._skeleton(forms + normals, kinds)),
            ("surname", lambda: self._surname(forms + normals, kinds)),
            ("fuzzy", lambda: self._fuzzy(forms + normals, kinds, near)),
            ("arabnamer", lambda: self._arabnamer(forms, kinds, near)),
        ]
        for _, step in steps:
            found = step()
            if found is not None:
                return found
        near.sort(key=lambda c: -c[1])
        return Resolution(None, None, None, "unknown", 0.0, _top(near))

    def _forms(self, text: str | None) -> list[str]:
        """The name, without leading titles, and (Arabic) without a glued و/ف and ب/ل/ك."""
        if not text:
            return []
        forms = [text]
        stripped = self.index.strip_title(text)
        if stripped:
            forms.append(stripped)
        if script_of(text) == "arabic":
            for form in list(forms):
                forms.extend(_without_clitics(form))
        return list(dict.fromkeys(forms))

    def _decide(self, ids: Iterable[str], kinds: frozenset[str] | None, rule: str, score: float,
                scores: dict[str, float] | None = None) -> Resolution | None:
        finals: dict[str, float] = {}
        for entity_id in ids:
            final = self.index.final(entity_id)
            entry = self.index.entries.get(final)
            if entry is None or (kinds is not None and entry.kind not in kinds):
                continue
            value = scores.get(entity_id, score) if scores else score
            finals[final] = max(finals.get(final, 0.0), value)
        if not finals:
            return None
        if len(finals) > 1:
            return Resolution(None, None, None, "ambiguous", 0.0, _top(list(finals.items())))
        (entity_id, value), = finals.items()
        entry = self.index.entries[entity_id]
        return Resolution(entity_id, entry.name, entry.kind, rule, round(value, 3), [(entity_id, round(value, 3))])

    def _exact(self, forms: list[str], kinds, rule: str, score: float) -> Resolution | None:
        for form in forms:
            ek = exact_key(form)
            pinned = self.index.pinned.get(ek)
            if pinned is not None:
                found = self._decide([pinned], kinds, rule, score)
                if found is not None:
                    return found
            found = self._decide(self.index.exact.get(ek, ()), kinds, rule, score)
            if found is not None:
                return found
        return None

    def _acronym(self, surface: str, kinds) -> Resolution | None:
        if len(surface) < 3 or not surface.isupper() or not surface.isalpha():
            return None
        return self._decide(self.index.acronym.get(surface, ()), kinds, "acronym", 0.95)

    def _key(self, forms: list[str], kinds, rule: str, score: float) -> Resolution | None:
        for form in forms:
            found = self._decide(self.index.key.get(name_key(form), ()), kinds, rule, score)
            if found is not None:
                return found
        return None

    def _skeleton(self, forms: list[str], kinds) -> Resolution | None:
        for form in forms:
            joined = keys(form).skeleton.replace(" ", "")
            if len(joined) < MIN_SKELETON:
                continue
            scores = {}
            for entity_id in self.index.skeleton.get(joined, ()):
                confirm = self._confirm(form, entity_id, len(joined))
                if confirm >= _needed(joined, form):
                    scores[entity_id] = confirm
            found = self._decide(scores, kinds, "skeleton", 0.0, scores)
            if found is not None:
                return found
        return None

    def _confirm(self, form: str, entity_id: str, length: int) -> float:
        """How well the spelling (key, not skeleton) agrees with the entity's aliases in the same script."""
        arabic = script_of(form) == "arabic"
        key = name_key(form).replace(" ", "")
        best = 0.0
        for alias in self.index.entries[entity_id].aliases:
            if (script_of(alias) == "arabic") == arabic:
                best = max(best, fuzz.ratio(key, name_key(alias).replace(" ", "")) / 100)
        if best == 0.0 and length >= CROSS_SKELETON and not arabic:
            # a Latin/Cyrillic name for an entity known only in Arabic: the long skeleton alone decides
            # (Arabic names for English-only entities go to the arabnamer rule, which can judge them)
            best = SKELETON_CONFIRM
        return best

    def _surname(self, forms: list[str], kinds) -> Resolution | None:
        if kinds is not None and "person" not in kinds:
            return None
        for form in forms:
            if len(form.split()) != 1:
                continue
            k = keys(form)
            scores = {i: 0.9 for i in self.index.surname.get(k.key, ())}
            if not scores and len(k.skeleton) >= MIN_SKELETON:
                # same skeleton as a surname: only with a spelling close enough ("Shoigu" for "Shoygu")
                for surname, entity_id in self.index.surname_skeleton.get(k.skeleton, ()):
                    if fuzz.ratio(k.key, surname) / 100 >= _needed(k.skeleton, form):
                        scores[entity_id] = 0.9
            found = self._decide(scores, frozenset({"person"}), "surname", 0.9)
            if found is not None:
                return found
        return None

    def _fuzzy(self, forms: list[str], kinds, near: list[tuple[str, float]]) -> Resolution | None:
        best: dict[str, float] = {}
        for form in forms:
            arabic = script_of(form) == "arabic"
            ka, sa = ("", "") if arabic else (name_key(form), skeleton(form).replace(" ", ""))
            for alias, entity_id in self.index.candidates(keys(form).skeleton):
                alias_keys = self._alias_keys.get(alias)
                if alias_keys is None:
                    alias_keys = self._alias_keys[alias] = (script_of(alias) == "arabic", name_key(alias),
                                                            skeleton(alias).replace(" ", ""))
                if alias_keys[0] != arabic:
                    continue
                final = self.index.final(entity_id)
                entry = self.index.entries.get(final)
                if entry is None or (kinds is not None and entry.kind not in kinds):
                    continue
                # latin_similarity from keys made once per form and once per alias
                score = _similar(form, alias, True) if arabic else \
                    0.0 if not ka or not alias_keys[1] else \
                    (0.5 * fuzz.ratio(ka, alias_keys[1]) + 0.5 * fuzz.ratio(sa, alias_keys[2])) / 100
                best[final] = max(best.get(final, 0.0), score)
        # Arabic writes few vowels, so its keys are short and dense: always the stricter threshold
        short = script_of(forms[0]) == "arabic" or len(name_key(forms[0]).replace(" ", "")) < SHORT_NAME
        return self._pick(best, FUZZY_SHORT if short else FUZZY_ACCEPT, FUZZY_MARGIN, "fuzzy", near)

    def _arabnamer(self, forms: list[str], kinds, near: list[tuple[str, float]]) -> Resolution | None:
        if self.matcher is None or self.arabnamer == "off" or script_of(forms[0]) != "arabic":
            return None
        if not self._prepared and self.arabnamer == "auto":
            self.prepare()
        names = self._english_names()
        if not names:
            return None
        best: dict[str, float] = {}
        shortlists = self.matcher.shortlists(forms, self._english_list, keep=ARABNAMER_SHORTLIST,
                                             floor=ARABNAMER_FLOOR)
        for form, picks in zip(forms, shortlists):
            for j in picks:
                name, entity_id = names[j]
                if kinds is None or self.index.entries[entity_id].kind in kinds:
                    best[entity_id] = max(best.get(entity_id, 0.0), self.matcher.similarity(form, name))
        return self._pick(best, ARABNAMER_ACCEPT, ARABNAMER_MARGIN, "arabnamer", near)

    def _pick(self, best: dict[str, float], accept: float, margin: float, rule: str,
              near: list[tuple[str, float]]) -> Resolution | None:
        ranked = sorted(best.items(), key=lambda c: -c[1])
        near.extend((i, round(s, 3)) for i, s in ranked[:SHOWN_CANDIDATES] if s >= 0.5)
        if not ranked or ranked[0][1] < accept:
            return None
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - margin:
            return Resolution(None, None, None, "ambiguous", 0.0, _top(ranked))
        entity_id, score = ranked[0]
        entry = self.index.entries[entity_id]
        return Resolution(entity_id, entry.name, entry.kind, rule, round(score, 3), _top(ranked))

    def _english_names(self) -> list[tuple[str, str]]:
        """(English name, entity id) for the arabnamer rule: canonical forms and English variants."""
        if self._english is None:
            self._english = [(name, entry.id) for entry in self.index.entries.values()
                             if entry.id not in self.index.redirect for name in sorted(entry.english)
                             if english_words(name)]
            self._english_list = tuple(name for name, _ in self._english)
        return self._english


def _needed(skeleton: str, form: str) -> float:
    """The spelling agreement a same-skeleton match needs: more for short skeletons and for Arabic."""
    if len(skeleton.replace(" ", "")) <= MIN_SKELETON:
        return SHORT_CONFIRM
    return ARABIC_CONFIRM if script_of(form) == "arabic" else SKELETON_CONFIRM


def _similar(a: str, b: str, arabic: bool) -> float:
    if not arabic:
        return latin_similarity(a, b)
    ka, kb = keys(a), keys(b)
    return (0.5 * fuzz.ratio(ka.key.replace(" ", ""), kb.key.replace(" ", ""))
            + 0.5 * fuzz.ratio(ka.skeleton.replace(" ", ""), kb.skeleton.replace(" ", ""))) / 100


def _without_clitics(text: str) -> list[str]:
    """وحفتر -> حفتر, لحفتر -> حفتر, للجيش -> الجيش: the first word without a glued conjunction/preposition."""
    first, _, rest = text.partition(" ")
    out = []
    word = first
    if word[:1] in _PROCLITICS and len(word) > 3:
        word = word[1:]
        out.append(word)
    if word[:2] == "لل" and len(word) > 4:
        out.append("ال" + word[2:])
    elif word[:1] in _PREPOSITIONS and len(word) > 3:
        out.append(word[1:])
    return [" ".join(filter(None, (w, rest))) for w in out]


def _top(items: list[tuple[str, float]]) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for entity_id, score in sorted(items, key=lambda c: -c[1]):
        seen.setdefault(entity_id, round(score, 3))
    return list(seen.items())[:SHOWN_CANDIDATES]


def explain(resolution: Resolution) -> str:
    """The resolution in words: the rule's evidence and score, or why nothing was linked."""
    if resolution.entity_id:
        what = RULE_EVIDENCE.get(resolution.rule, "matched {name}").format(name=resolution.canonical)
        return f"{resolution.rule} {resolution.score:.2f}: {what}"
    if resolution.rule == "ambiguous":
        return "ambiguous: as close to " + ", ".join(i for i, _ in resolution.candidates) + "; not linked"
    return "unknown: no known entity matches; not linked"
