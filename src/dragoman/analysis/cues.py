"""Occurrence cues ("again", "вновь", "للمرة الأولى", "twice"): which occurrence of a repeated happening a
sentence speaks of. The words are data (`data/cues.yaml`), checked and compiled once into one regex per kind."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..datafile import safe_load
from ..errors import InputError
from ..text.normalize import fold, fold_with_offsets

CUES_PATH = Path(__file__).parent / "data" / "cues.yaml"
KINDS = ("first", "repeat", "several")
LANGS = ("en", "ru", "ar", "tr", "fr")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CLITICS = "[وفبلك]{0,2}"         # a conjunction and/or preposition glued to an Arabic word


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str        # first, repeat, several
    start: int       # offsets in the text searched
    end: int
    words: str


def _pattern(words: list[str]) -> re.Pattern[str]:
    """One alternation over folded cue words, longest first, matched as whole words."""
    parts = []
    for word in sorted({fold(w) for w in words}, key=len, reverse=True):
        body = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(f"{_CLITICS}{body}" if _ARABIC.search(word) else body)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@lru_cache(maxsize=4)
def load(path: Path = CUES_PATH) -> dict[str, re.Pattern[str]]:
    """Kind -> compiled pattern; a malformed file raises InputError naming the file and the entry."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the occurrence cues: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "must map first/repeat/several to per-language word lists")
    unknown = set(data) - set(KINDS)
    if unknown:
        raise InputError(str(path), f"unknown cue kind(s) {sorted(unknown)}; kinds are {', '.join(KINDS)}")
    patterns = {}
    for kind in KINDS:
        by_lang = data.get(kind)
        if not isinstance(by_lang, dict) or not by_lang:
            raise InputError(str(path), f"{kind}: needs a word list per language ({', '.join(LANGS)})")
        words: list[str] = []
        for lang, entries in by_lang.items():
            if lang not in LANGS:
                raise InputError(str(path), f"{kind}.{lang}: unknown language; use {', '.join(LANGS)}")
            if not isinstance(entries, list) or not all(isinstance(w, str) and w.strip() for w in entries):
                raise InputError(str(path), f"{kind}.{lang}: must be a list of non-empty strings")
            words += entries
        patterns[kind] = _pattern(words)
    return patterns


def find(text: str, kinds: tuple[str, ...] = KINDS) -> list[Cue]:
    """Cues in `text`, with offsets into `text` itself."""
    return [c for c in Finder(text).within(0, len(text)) if c.kind in kinds]


class Finder:
    """Cues of one document: the text is folded once, sentences are searched by span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.offsets = _fold(text)
        self._starts: list[int] | None = None

    def within(self, lo: int, hi: int) -> list[Cue]:
        """Cues lying in text[lo:hi], offsets into the whole text."""
        a, b = self._folded_span(lo, hi)
        found = []
        for match in combined().finditer(self.folded, a, b):
            start, end = self._original(match.start()), self._original(match.end() - 1) + 1
            found.append(Cue(match.lastgroup, start, end, self.text[start:end]))
        return found

    def _folded_span(self, lo: int, hi: int) -> tuple[int, int]:
        if self.offsets is None:
            return lo, hi
        from bisect import bisect_left
        return bisect_left(self.offsets, lo), bisect_left(self.offsets, hi)

    def _original(self, at: int) -> int:
        return at if self.offsets is None else self.offsets[at]


def _fold(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)` and, unless they are the same, the offset in `text` of each folded character. Marks that
    folding drops (Arabic harakat, tatweel, combining accents) are cut out first, so the common case needs no
    character-by-character pass."""
    folded = fold(text)
    if len(folded) == len(text) and unicodedata.is_normalized("NFKC", text):
        return folded, None                               # one folded character per original: same offsets
    kept, offsets, at = [], [], 0
    for mark in _marks().finditer(text):
        kept.append(text[at:mark.start()])
        offsets.extend(range(at, mark.start()))
        at = mark.end()
    kept.append(text[at:])
    offsets.extend(range(at, len(text)))
    rest = "".join(kept)
    folded = fold(rest)
    if len(folded) == len(rest) and unicodedata.is_normalized("NFKC", rest):
        return folded, offsets + [len(text)]
    folded, offsets = fold_with_offsets(text)             # rare: NFKC or case folding changes lengths
    return folded, offsets + [len(text)]


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """Characters folding drops: non-spacing marks (harakat, accents as separate marks) and tatweel."""
    marks = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) == "Mn")
    return re.compile("[" + re.escape(marks + "\u0640") + "]+")


@lru_cache(maxsize=1)
def combined() -> re.Pattern[str]:
    """One pass for every kind: a named group per kind."""
    patterns = load()
    return re.compile("|".join(f"(?P<{kind}>{patterns[kind].pattern})" for kind in KINDS))
