"""Is a name found in text a place *here*? Language-aware checks shared by the spotter and the places stage.

A gazetteer holds a town for almost every word: Arabic ليل (night) is Lille, بيان (statement) Albion, Turkish
"Ben" (I) Bern, French "Union" Union NJ. So a single-word name that is a common word of the document's language
(wordfreq zipf at or above the language's bar) stays a place only with a cue word, or when one of its
candidates is a country, continent, sea or one of our curated entries, or a town big enough that news names
it that often: a million people anywhere, or ten thousand in a country where the language is spoken, a hundred
times more for each zipf point above the bar (Van,
Ordu, Mardin in Turkish; Marib in Arabic). Besides that:
- a name must be capitalised where its script has case ("сирийско-турецкой" is not Syria);
- a name inside a person's or an organisation's span is theirs ("МИД Ирана"), and a word of a person's name
  met elsewhere in the document is that person ("Ekrem İmamoğlu" ... "İmamoğlu'na"; "جون كيري" ... "كيري");
- an acronym needs a known expansion: a country or area that lists it ("BAE", "ОАЭ", "США"), never a town
  ("İBB" is not Ibb in Yemen);
- an Arabic relative adjective of a country ("السورية", "السوري": Syrian) is not the country.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .gazetteer import Candidate, Gazetteer
from .keys import WORD, name_key

# Zipf frequency from which a word is "common" (about 30 per million words at 4.5). Arabic has no capitals to
# tell a name from a word, so its bar is lower.
COMMON_ZIPF = {"ar": 4.0, "ru": 4.5, "tr": 4.5, "fr": 4.5, "en": 4.5}
VERY = 1.5                        # zipf above the bar at which a cue word no longer saves a word
WORLD_TOWN = 1_000_000            # a common word may name a town this big anywhere…
HOME_TOWN = 10_000                # …or this big where the language is spoken, times 100 per zipf point above the
HOME_SCALE = 2.0                  # bar (Marib at 4.0 passes; Kuwait's Bayan does not make بيان, statement, a place)
_STRONG = frozenset({"country", "continent", "sea"})
_CURATED = frozenset({"facilities", "places.yaml"})
_AR_NISBA = ("ية", "يه", "ي")
_ROMAN = re.compile(r"^[IVXLC]+(?:e|er|ème|eme|th|st|nd|rd)?$")


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """wordfreq's zipf frequency of a word in `lang` (0.0 when wordfreq lacks the language)."""
    from wordfreq import zipf_frequency
    if lang == "tr":                                # Turkish case: İ -> i, I -> ı (Python's lower() adds a dot)
        word = word.replace("İ", "i").replace("I", "ı")
    try:
        return zipf_frequency(word.lower(), lang)
    except (LookupError, ValueError):
        return 0.0


def common_word(surface: str, lang: str) -> bool:
    """A single word that is frequent in the language (multi-word names are never common words here)."""
    words = WORD.findall(surface)
    return len(words) == 1 and lang in COMMON_ZIPF and zipf(words[0], lang) >= COMMON_ZIPF[lang]


def very_common(surface: str, lang: str) -> bool:
    """So frequent that even a cue word beside it is chance ("مدينة فإن")."""
    words = WORD.findall(surface)
    return len(words) == 1 and lang in COMMON_ZIPF and zipf(words[0], lang) >= COMMON_ZIPF[lang] + VERY


def roman_numeral(surface: str) -> bool:
    """"XXe", "IIIe", "XIX": a century or an ordinal, not a place."""
    return bool(_ROMAN.match(surface))


def is_acronym(surface: str) -> bool:
    letters = [ch for ch in surface if ch.isalpha()]
    return 2 <= len(letters) <= 5 and surface.lower() != surface.upper() and all(ch.isupper() for ch in letters)


def lower_case(surface: str) -> bool:
    """The name starts with a small letter in a script that has case."""
    first = next((ch for ch in surface if ch.isalpha()), "")
    return bool(first) and first.lower() != first.upper() and first.islower()


def _strong(c: Candidate) -> bool:
    return c.feature in _STRONG or c.source in _CURATED


def notable_despite_common(cands: Iterable[Candidate], home: frozenset[str], any_name: bool = False,
                           excess: float = 0.0) -> bool:
    """A candidate that a common word may still name: a country or curated entry, or a big enough town under
    its own name (an alternate name of a town is too often a word: Issy-les-Moulineaux is also "Union"). Arabic
    and Cyrillic names are all alternate names in GeoNames, so there (`any_name`) any will do."""
    for c in cands:
        if _strong(c):
            return True
        if c.match != "name" and not any_name:
            continue
        size = c.population * (3 if c.feature == "capital" else 1)
        if size >= WORLD_TOWN or (c.country in home and size >= HOME_TOWN * 10 ** (HOME_SCALE * max(0.0, excess))):
            return True
    return False


def acronym_known(cands: Iterable[Candidate]) -> bool:
    """An acronym names a place only through an area that lists it (a country, subdivision, curated region)."""
    return any(c.feature in _STRONG or c.feature == "region" or c.source in _CURATED for c in cands
               if c.match in ("name", "alt", "code"))


@dataclass(frozen=True)
class Others:
    """What the document's NER says is someone or something else: spans, and the words of people's names."""

    spans: tuple[tuple[int, int], ...] = ()
    person_words: frozenset[str] = frozenset()

    @classmethod
    def from_mentions(cls, mentions: Iterable[tuple[int, int, str, str]]) -> "Others":
        """From (start, end, label, text) of PER/ORG mentions."""
        spans, words = [], set()
        for start, end, label, text in mentions:
            spans.append((start, end))
            parts = WORD.findall(text)
            if label == "PER" and len(parts) >= 2:
                words.update(name_key(p) for p in parts if len(p) >= 3)
        return cls(tuple(sorted(spans)), frozenset(w for w in words if w))

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds [start, end) (bisection over the sorted spans: no quadratic path)."""
        k = bisect.bisect_right(self.spans, (start, float("inf")))
        return any(s <= start and end <= e for s, e in self.spans[max(0, k - 3):k])

    def person(self, key: str) -> bool:
        return " " not in key and key in self.person_words


def arabic_adjective(surface: str, key: str, known_keys: set[str]) -> bool:
    """"السورية"/"السوري" (Syrian): the article plus a relative ending on a stem whose "-يا"/"-ا" form is a name
    in `known_keys` (سوريا). Countries that carry the article themselves (السعودية, العراق) have no such twin."""
    word = surface.strip()
    if " " in word or "ال" not in word[:4]:
        return False
    for ending in _AR_NISBA:
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            stem = key[:-len(ending)]
            if stem + "يا" in known_keys or stem + "ا" in known_keys:
                return True
    return False


def nisba_twins(key: str) -> list[str]:
    """The keys `arabic_adjective` would look up for `key`."""
    out = []
    for ending in _AR_NISBA:
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            out += [key[:-len(ending)] + "يا", key[:-len(ending)] + "ا"]
    return out


def plausible_name(surface: str, lang: str, gazetteer: Gazetteer, others: Others, where: tuple[int, int],
                   home: frozenset[str]) -> bool:
    """Whether another recogniser's place name (an NER LOC mention) passes the checks above."""
    from .spot import key_forms
    if lower_case(surface) or others.covers(*where):
        return False
    keys = key_forms(surface, lang) or [name_key(surface)]
    if others.person(keys[0]):
        return False
    cands = next((c for c in (gazetteer.candidates_for_key(k) for k in keys) if c), [])
    if is_acronym(surface) and not acronym_known(cands):
        return False
    if roman_numeral(surface):
        return False
    if not common_word(surface, lang):
        return True
    return notable_despite_common(gazetteer.with_namesakes(cands) if lang != "en" else cands, home,
                                  any_name=lang in ("ar", "ru"), excess=zipf(surface, lang) - COMMON_ZIPF[lang])
