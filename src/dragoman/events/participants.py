"""What the lexicon coder (`multilingual.py`) and its Arabic and Turkish rules share: text folded for search
with each character's origin, the names of a sentence as role candidates, and where a clause breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import fold_with_offsets
from .types import MentionRef

_EXTRA_FOLD = str.maketrans({"\u0307": None, "\u0131": "i", "\u2019": "'", "\u02bc": "'"})


WORD = re.compile(r"[\w']+")
_FOLDED: dict[str, str] = {}        # a character's fold depends on nothing else: remembered


def fold(text: str) -> tuple[str, list[int]]:
    """Search-folded text (Turkish dotless i and typographic apostrophes too) and each character's origin."""
    chars, origin = [], []
    known = _FOLDED
    for at, ch in enumerate(text):
        folded = known.get(ch)
        if folded is None:
            if len(known) >= 20_000:             # a hostile page's many distinct characters
                known.clear()
            folded = known[ch] = fold_with_offsets(ch)[0].translate(_EXTRA_FOLD)
        chars.append(folded)
        origin.extend([at] * len(folded))
    return "".join(chars), origin


def whole_word(folded: str, at: int) -> str:
    """The word (letters and apostrophes) that starts at `at`."""
    match = re.match(r"[\w']+", folded[at:])
    return match.group(0) if match else ""


def fold_form(word: str) -> str:
    return fold(word)[0]


@dataclass
class Name:
    mention: MentionRef
    name: str
    place: bool = False
    marked: bool = False      # introduced by a target word or case ending
    gap_to_next_plain: bool = False   # only words (no punctuation, no "and") between it and the next name
    joined: bool = False      # "X and <this>": coordinated with the name before it
    oblique: bool = False     # governed by a postposition ("CHP konusunda", "X hakkında"): neither actor nor target
    ablative: bool = False    # Turkish "-den/-dan" ("İran'dan"): whence, or from whom a demand is made


def can_act(name: Name) -> bool:
    """A person or organisation; a place only when resolved to a known entity (a state acts, a village does
    not); never a bare adjective of nationality (MISC)."""
    label = name.mention.label
    return label in ("PER", "ORG") or (label == "LOC" and name.mention.canonical is not None)


def folded_at(origin: list[int], at: int) -> int:
    return next((i for i, o in enumerate(origin) if o >= at), len(origin))


# Punctuation that ends a clause or sets off an aside: a name beyond it is no participant of this trigger.
_BREAK = re.compile(r"[,;:«»\"“”„()\[\]،؛.!?]|\s[-–—]\s")


_ASIDE = re.compile(r"[,،]\s*(?:[^\s,،;:.]+\s*){1,3}[,،]")      # ", أمس الثلاثاء،", ", mardi,": a short aside


# Arabic sets off a title or description after a name between commas ("حفتر، قائد القوات …، الرئيس بوتين")
_ASIDE_AR = re.compile(r"[،,]\s*(?:[^\s,،;:.؛]+\s*){1,8}[،,]")


def between(text: str, a: int, b: int, lang: str = "") -> str:
    """The text between offsets a and b with its short asides between commas taken out."""
    return (_ASIDE_AR if lang == "ar" else _ASIDE).sub(" ", text[min(a, b):max(a, b)])


def words_between(text: str, a: int, b: int, lang: str = "") -> int:
    return len(WORD.findall(between(text, a, b, lang)))


# Turkish sets its subject off with a comma, Arabic its titles and times: there a comma is no break.
_BREAK_SOV = re.compile(r"[;:«»\"“”„()\[\].!?؛]|\s[-–—]\s")


def clear(text: str, a: int, b: int, lang: str = "") -> bool:
    """No clause break between offsets a and b (a short aside between commas does not break)."""
    return not (_BREAK_SOV if lang in ("tr", "ar") else _BREAK).search(between(text, a, b, lang))
