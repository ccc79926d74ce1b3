"""Document-level passes over Arabic names: the gazetteer's places the rules missed, and nisba adjectives that
name no one.

- Places: the rules know countries and capitals only (`lexicons.place_names`); towns and governorates (درعا،
  الرمادي، عدن، لحج) come from the gazetteer the places stage reads, through the same spotter (`geo.spot`) run
  over the whole document, so the other places it names vouch for a smaller town. A hit is added as LOC where no
  name was found, unless it is a common word (a bare word whose definite form is about as frequent: حديثة،
  سلطات، جزيرة), a clitic misread (كبيرة is not ك + بيرة) or a quoted title («الشرق الأوسط», the paper).
- Governorates: the gazetteer's own table of names (`geo/data/places.yaml` `subdivisions:`) gives the Arabic
  names of first-level divisions (أبين، شبوة، القصيم); those written bare, with no kind word (محافظة، ولاية),
  join the rules' place names (`subdivision_names`).
- Nisba adjectives: "المسلحين الحوثيين" (Houthi gunmen), "المعارضة السورية", "مقاتلة سورية" describe a noun they
  agree with and name no organisation or place; the same word as a head noun ("هاجم الحوثيون", "ضد الحوثيين",
  "والحوثيين") does.
"""

from __future__ import annotations

import bisect
import sys
from functools import lru_cache

from ..errors import DragomanError
from .spans import NameSpan, make, resolve
from .tokens import key

GAZETTEER_SOURCE = "rules:gazetteer"
GAZETTEER_CONFIDENCE = 0.6
DEFINITE_GAP = 1.0       # a bare word whose form with ال is at most this much rarer is a common word (حديثة)
COMMON_MIN = 3.0         # …and the definite form is at least this frequent
PROPER_GAP = 1.2         # a definite word this much more frequent than its bare form is a name
CLITIC_GAIN = 0.5        # the whole word this much more frequent than the place behind a clitic: another word
_ARTICLE = "ال"
_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل", "وبال", "ولل", "فبال", "فلل")
_NISBA = ("ي", "ية", "يه", "يين", "يون", "يات")
# An indefinite nisba agrees with the noun before it: ending pairs (noun, adjective).
_AGREES = (("ة", "ية"), ("ين", "يين"), ("ون", "يون"), ("ات", "ية"), ("ات", "يات"))
_NOT_NOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"})
_QUOTES = {"«": "»", "\"": "\"", "“": "”"}
_WORD_CHARS = "\u0621-\u064A\u0660-\u0669\u064B-\u065F\u0670"


def _zipf(word: str) -> float:
    from .guards import zipf
    return zipf(word, "ar")


def common_word(word: str) -> bool:
    """A bare Arabic word (no article) that is a common noun or adjective rather than a name: its definite form
    is a real word about as frequent as it or more (حظر/الحظر, آمنة/الآمنة, ساحلي/الساحلي, حديثة/الحديثة;
    درعا and عدن have none, دبي almost none)."""
    if word.startswith(_ARTICLE):
        return False
    definite = _zipf(_ARTICLE + word)
    return definite >= COMMON_MIN and definite >= _zipf(word) - DEFINITE_GAP


def proper_definite(word: str) -> bool:
    """A definite word far rarer without its article is a name (القدس/قدس, الأنبار/أنبار), not a noun
    (المعارضة/معارضة)."""
    return word.startswith(_ARTICLE) and _zipf(word) - _zipf(word[2:]) >= PROPER_GAP


def common_definite(word: str) -> bool:
    """A definite word used at least as often without its article: a noun (المدينة/مدينة), even where a place
    is so named (Medina)."""
    return word.startswith(_ARTICLE) and _zipf(word[2:]) >= _zipf(word)


@lru_cache(maxsize=1)
def _gazetteer():
    """The places stage's gazetteer, or None (with one warning) when it cannot be opened or built."""
    from ..geo.gazetteer import Gazetteer
    try:
        return Gazetteer.open()
    except (DragomanError, OSError) as exc:
        sys.stderr.write(f"warning: no gazetteer for Arabic places in NER ({exc})\n")
        return None


# Kind words that open a division's full name (محافظة عدن): the rules take only the bare names. A name that
# opens with a direction (شمال سيناء) is left to the places stage: the rules' gold marks "north of" + سيناء.
_OPENING_WORDS = frozenset({"محافظة", "ولاية", "منطقة", "شعبية", "بلدية", "إمارة", "جهة", "المنطقة", "الولاية",
                            "شمال", "جنوب", "شرق", "غرب", "وسط"})


def subdivision_names() -> list[str]:
    """Arabic names of first-level divisions the gazetteer adds (`geo.places`), as written without a kind word
    or a direction and not a common word: what the rules may take as a place by itself."""
    from ..geo.places import load_additions
    names = (n for extra in load_additions().subdivisions.values() for n in extra.names.get("ar", ()))
    return sorted({n for n in names if n.split()[0] not in _OPENING_WORDS
                   and not (" " not in n and (common_word(n) or common_definite(n)))})


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole written word around text[start:end] (its clitics included)."""
    a, b = start, end
    while a > 0 and _is_letter(text[a - 1]):
        a -= 1
    while b < len(text) and _is_letter(text[b]):
        b += 1
    return a, b


def _is_letter(c: str) -> bool:
    return "\u0621" <= c <= "\u064A" or "\u064B" <= c <= "\u065F" or c == "\u0670" or c == "\u0640"


def _quoted(text: str, start: int, end: int) -> bool:
    """«الشرق الأوسط»: a quoted name is a title (a paper, an operation), not the place."""
    before, after = text[start - 1:start], text[end:end + 1]
    return bool(before) and before in _QUOTES and after == _QUOTES[before]


def _not_a_place(text: str, start: int, end: int, cued: bool) -> bool:
    if _quoted(text, start, end):
        return True
    surface = text[start:end]
    if " " in surface.strip() or cued:
        return False
    a, b = _word_at(text, start, end)
    written = text[a:b]
    if written != surface and _zipf(written) >= _zipf(surface) + CLITIC_GAIN:
        return True                                   # كبيرة: a word, not ك + بيرة
    return common_word(surface) or common_definite(surface)          # الحماة (the mother-in-law), not حماة


def gazetteer_places(texts: list[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    """`found` plus, as LOC, the gazetteer's places in the document (`texts`, its sentences) that overlap no
    name already found."""
    gazetteer = _gazetteer()
    if gazetteer is None or not any(t.strip() for t in texts):
        return found
    from ..geo.plausible import Others
    from ..geo.spot import spot
    bases, at = [], 0
    for text in texts:
        bases.append(at)
        at += len(text) + 1
    joined = "\n".join(texts)
    # people and organisations are no place; the rules' own places stay in, as anchors for smaller towns
    others = Others.from_mentions((base + s.start, base + s.end, s.label, s.text)
                                  for base, spans in zip(bases, found) for s in spans if s.label in ("PER", "ORG"))
    extra: list[list[NameSpan]] = [[] for _ in texts]
    for top in spot(joined, "ar", gazetteer, exclude=others.spans, persons=others.person_words):
        i = bisect.bisect_right(bases, top.start) - 1
        start, end = top.start - bases[i], top.end - bases[i]
        text = texts[i]
        if end > len(text) or any(s.start < end and start < s.end for s in found[i]) \
                or _not_a_place(text, start, end, top.cue is not None):
            continue
        span = make(text, start, end, "LOC", GAZETTEER_SOURCE, GAZETTEER_CONFIDENCE)
        if span is not None:
            extra[i].append(span)
    return [resolve([*spans, *more]) if more else spans for spans, more in zip(found, extra)]


def _word_before(text: str, start: int) -> str | None:
    """The word right before `start`, when only spaces separate them (no punctuation, no line break)."""
    k = start
    while k > 0 and text[k - 1] == " ":
        k -= 1
    if k == start or k == 0 or not _is_letter(text[k - 1]):
        return None
    a, _ = _word_at(text, k - 1, k)
    return text[a:k]


def nisba_adjective(text: str, span: NameSpan) -> bool:
    """A one-word ORG/LOC that is a nisba adjective agreeing with the noun before it: definite after a definite
    noun (المسلحين الحوثيين، المعارضة السورية), indefinite after an indefinite one with the same ending
    (مسلحين حوثيين، مقاتلة سورية). A word with its own proclitic (والحوثيين) is a conjunct, not an adjective."""
    word = span.text
    if " " in word or span.label not in ("ORG", "LOC") or not word.endswith(_NISBA):
        return False
    a, _ = _word_at(text, span.start, span.end)
    if a != span.start:
        return text[a:span.start].endswith(_ARTICLE)    # السورية read as ال + سورية: the adjective
    before = _word_before(text, span.start)
    if before is None:
        return False
    if word.startswith(_ARTICLE):
        return before.startswith(_DEFINITE) and len(before) > 3 and before not in _NOT_NOUNS
    if before.startswith(_ARTICLE) or key(before) == key(word):
        return False
    return any(before.endswith(noun) and word.endswith(adj) and len(before) > len(noun) + 2 for noun, adj in _AGREES)


def drop_adjectives(texts: list[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    return [[s for s in spans if not nisba_adjective(text, s)] for text, spans in zip(texts, found)]
