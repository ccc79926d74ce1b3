"""Content words of a report's English, for telling whether two reports say the same thing ("asked for
air-defence systems, drones" ~ "has asked for air-defense systems, drones, combat jets")."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable

from ..text.normalize import fold

MIN_SHARED = 3          # content words two reports must share…
MIN_OVERLAP = 0.3       # …and that share of the shorter report's content words (or of their weight, see Weights)

_WORD = re.compile(r"[a-z]+")
_SPELLING = {"defense": "defence", "offense": "offence", "armor": "armour", "center": "centre",
             "jets": "aircraft", "jet": "aircraft", "warplane": "aircraft", "pact": "agreement",
             "deal": "agreement", "treaty": "agreement", "seek": "ask", "sought": "ask", "request": "ask",
             "want": "ask", "demand": "ask", "repair": "maintain", "maintenance": "maintain"}
# Function words and the vocabulary of reporting itself ("sources said"), which every claim shares.
_STOP = frozenset("""
a about above according across added adding after again against ago all along also although among an and another
any are around as at be been before being between both but by can close come comes could day did do does during
each earlier familiar for from further had has have he her here him his how however if in informed into is it its
last later like made make many matter may more most much must near new no nor not now of off on once one only or
other our out over own part people per person reported reportedly said same say saying says she should since so
some source sources still such than that the their them then there these they this those though through thus to
told too turn under until up upon us very was way we well were what when where whether which while who whom whose
why will with within without would year years yet
""".split())


def stem(word: str) -> str:
    """A crude English stem that is enough to match "systems"/"system", "asked"/"asks"/"ask"."""
    word = _SPELLING.get(word, word)
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("ss", "ss"),
                         ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + keep
            break
    return _SPELLING.get(word, word)


def keywords(text: str | None, exclude: Iterable[str] = ()) -> set[str]:
    """Stemmed content words of `text`, minus stop words and the words of `exclude` (participants' names)."""
    if not text:
        return set()
    return set(_content(text)) - _name_words(tuple(sorted(exclude)))


@lru_cache(maxsize=1 << 16)
def _content(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(fold(text).replace("-", " ")) if len(w) > 2 and w not in _STOP)


@lru_cache(maxsize=1 << 12)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(w) for name in names for w in _WORD.findall(fold(name)))


def shared(a: set[str], b: set[str]) -> tuple[int, float]:
    """(words in common, their share of the smaller set)."""
    common = len(a & b)
    return common, (common / min(len(a), len(b)) if a and b else 0.0)


def similar(a: set[str], b: set[str]) -> bool:
    common, overlap = shared(a, b)
    return common >= MIN_SHARED and overlap >= MIN_OVERLAP


class Weights:
    """Inverse document frequency over a set of texts: words every report uses ("deputy", "minister") count
    for little, the ones that carry the claim ("air", "drone") for much."""

    def __init__(self, texts: Iterable[set[str]]) -> None:
        self.df: dict[str, int] = {}
        self.n = 0
        for words in texts:
            self.n += 1
            for w in words:
                self.df[w] = self.df.get(w, 0) + 1

    def of(self, word: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(word, 0))) + 1.0

    def similar(self, claim: set[str], other: set[str]) -> float:
        """The weighted share of `claim`'s words that `other` also has; 0 when they share fewer than MIN_SHARED."""
        common = claim & other
        if len(common) < MIN_SHARED or not claim:
            return 0.0
        return sum(self.of(w) for w in common) / sum(self.of(w) for w in claim)
