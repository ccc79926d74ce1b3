"""Is a name found in text a place *here*? Language-aware checks shared by the spotter and the places stage.

A gazetteer holds a town for almost every word: Arabic ليل (night) is Lille, بيان (statement) Albion, Turkish
"Ben" (I) Bern, French "Union" Union NJ. So a single-word name that is a common word of the document's language
(wordfreq zipf at or above the language's bar) stays a place only with a cue word, or when one of its
candidates is a country, continent, sea or one of our curated entries, or a town big enough that news names
it that often: a million people anywhere, or ten thousand in a country where the language is spoken (Van,
Ordu, Mardin in Turkish; Marib in Arabic), more the commoner the word, capitals counted ten times. A cue word
("مدينة", "base de") saves a word of middling frequency only when a candidate is of the kind it names.
Besides that:
- a name must be capitalised where its script has case ("сирийско-турецкой" is not Syria);
- a name inside a person's or an organisation's span is theirs ("МИД Ирана"), and a word of a person's name
  met elsewhere in the document is that person ("Ekrem İmamoğlu" ... "İmamoğlu'na"; "جون كيري" ... "كيري");
- a name right after an organisation's head word is the organisation's ("حزب نداء تونس", "МИД Ирана"; cues.yaml
  `organisation`; not in English, where gold sets count "Cambridge" in "Cambridge University");
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

from .cues import cue_table, in_organisation
from .gazetteer import Candidate, Gazetteer
from .keys import WORD, fold_word, name_key

# Zipf frequency from which a word is "common" (about 30 per million words at 4.5). Arabic has no capitals to
# tell a name from a word, so its bar is lower.
COMMON_ZIPF = {"ar": 4.0, "ru": 4.5, "tr": 4.5, "fr": 4.5, "en": 4.5}
VERY = 1.0                        # zipf above the bar at which a cue word no longer saves a word
WORLD_TOWN = 1_000_000            # a common word may name a town this big anywhere (×5.6 per zipf point above
WORLD_SCALE = 0.75                # the bar: الميدان, "the square", is not Medan; واشنطن stays Washington)…
CAPITAL_WEIGHT = 10               # capitals are named far more than their size says
NOTABLE_TOWN = 100_000            # a town this big is not hidden by a surname of the same spelling            # a common word may name a town this big anywhere…
HOME_TOWN = 10_000                # …or this big where the language is spoken, times 100 per zipf point above the
HOME_SCALE = 2.0                  # bar (Marib at 4.0 passes; Kuwait's Bayan does not make بيان, statement, a place)
_STRONG = frozenset({"country", "continent", "sea"})
ORGANISATIONS = frozenset({"reg:europe-union"})   # areas that are institutions: resolvable, never spotted
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


def organisation_only(cands: Iterable[Candidate]) -> bool:
    """The name is an institution named like an area (the European Union); towns that share it ("Eu") are not
    what a writer means by it."""
    cands = list(cands)
    return any(c.id in ORGANISATIONS for c in cands) and not any(c.feature in _STRONG for c in cands)


def is_acronym(surface: str) -> bool:
    letters = [ch for ch in surface if ch.isalpha()]
    return 2 <= len(letters) <= 5 and surface.lower() != surface.upper() and all(ch.isupper() for ch in letters)


def lower_case(surface: str) -> bool:
    """The name starts with a small letter in a script that has case."""
    first = next((ch for ch in surface if ch.isalpha()), "")
    return bool(first) and first.lower() != first.upper() and first.islower()


def _strong(c: Candidate) -> bool:
    return c.feature in _STRONG or c.source in _CURATED


def notable(c: Candidate) -> bool:
    """Known well enough that a surname of the same spelling does not hide it (Kent the county, Jordan)."""
    return (c.feature in ("country", "continent", "sea", "region") or c.source in _CURATED
            or (c.feature in ("city", "capital") and c.population >= NOTABLE_TOWN))


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
        size = c.population * (CAPITAL_WEIGHT if c.feature == "capital" else 1)
        excess = max(0.0, excess)
        if size >= WORLD_TOWN * 10 ** (WORLD_SCALE * excess) or (
                c.country in home and size >= HOME_TOWN * 10 ** (HOME_SCALE * excess)):
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
    name_ends: frozenset[str] = frozenset()      # last words of capitalised runs that are no place (spot.name_ends)

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


def arabic_adjective(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """"المعارضة السورية", "مقاتلة سورية" (the Syrian opposition, a Syrian jet): a relative adjective whose stem
    with "-يا"/"-ا" is a country (سوريا), either with the article or after a feminine noun it agrees with.
    Countries that carry the article themselves (السعودية, العراق) have no such twin."""
    word = text[start:end].strip()
    key = name_key(word)
    if " " in key:
        return False
    twins = [t for ending in _AR_NISBA if key.endswith(ending) and len(key) - len(ending) >= 2
             for t in (key[:-len(ending)] + "يا", key[:-len(ending)] + "ا")]
    if not any(c.feature == "country" for t in twins for c in gazetteer.candidates_for_key(t)):
        return False
    if "ال" in word[:4]:
        return True
    before = WORD.findall(text[max(0, start - 30):start])
    feminine = bool(before) and fold_word(before[-1]).endswith(("ه", "ات")) and key.endswith("يه")
    return feminine


@lru_cache(maxsize=8)
def cue_words(lang: str) -> frozenset[str]:
    """Keys of the words of the language's feature cues ("قاعدة", "аэропорт", "base"): a name made of one of
    them and no known place is a description, not a name."""
    table = cue_table()
    return frozenset(w for side in (table.before, table.after) for cue in side.get(lang, ()) for w in cue.words
                     if cue.feature != "near")


def plausible_name(text: str, where: tuple[int, int], lang: str, gazetteer: Gazetteer, others: Others,
                   home: frozenset[str]) -> bool:
    """Whether another recogniser's place name (an NER LOC mention at `where` in `text`) passes the checks
    above, and neither cuts a word short nor is made of common words only."""
    surface = text[where[0]:where[1]]
    from .spot import key_forms
    if lower_case(surface) or others.covers(*where) or in_organisation(text, *where, lang):
        return False
    keys = key_forms(surface, lang) or [name_key(surface)]
    if others.person(keys[0]):
        return False
    cands = next((c for c in (gazetteer.candidates_for_key(k) for k in keys) if c), [])
    if keys[0] in others.name_ends and not any(notable(c) for c in cands):
        return False                                  # "İmamoğlu'nun" after "Ekrem İmamoğlu"
    if organisation_only(cands):
        return False
    if is_acronym(surface) and not acronym_known(cands):
        return False
    if roman_numeral(surface) or (lang == "ar" and where[1] < len(text) and text[where[1]].isalpha()):
        return False                                  # "XXe"; تونس cut out of التونسية (Tunisian)
    word_start = where[0]
    while lang == "ar" and word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1                               # the whole word: "السورية" when NER left out its article
    if lang == "ar" and arabic_adjective(text, word_start, where[1], gazetteer):
        return False
    words = WORD.findall(surface)
    if not cands and (all(zipf(w, lang) >= COMMON_ZIPF.get(lang, 9) for w in words)
                      or (len(words) > 1 and name_key(words[0]) in cue_words(lang))):
        return False                                  # "قاعدة أميركية" (an American base): no name in it
    if not common_word(surface, lang):
        return True
    return notable_despite_common(gazetteer.with_namesakes(cands) if lang != "en" else cands, home,
                                  any_name=lang in ("ar", "ru"), excess=zipf(surface, lang) - COMMON_ZIPF[lang])
