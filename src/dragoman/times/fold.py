"""Fold text for time matching while keeping a way back to the original offsets.

Matching runs on a folded copy: lower case, ASCII digits (Arabic-Indic and Persian too), أ/إ→ا (but آ is
kept: آب is August, أب "father"), ة→ه, ى→ي, ё→е, Latin letters without accents (Turkish ı/İ→i), one dash
and one apostrophe. Every mapping is one
character to one character, so offsets carry over unchanged; only when the text holds characters we drop
(harakat, tatweel, zero-width marks) is an offset table built.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_LETTERS = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",                      # أ إ ٱ -> ا
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643",                      # ى ی -> ي, ک -> ك
    "\u0629": "\u0647",                                                              # ة -> ه
    "\u0451": "\u0435", "\u0401": "\u0435",                                          # ё Ё -> е
    "\u0131": "i", "\u0130": "i",                                                    # ı İ -> i
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
}


def _latin_base(cp: int) -> str | None:
    """The unaccented letter for an accented Latin one (é -> e), if it decomposes to one."""
    decomposed = unicodedata.normalize("NFD", chr(cp))
    base = decomposed[0]
    if len(decomposed) > 1 and base.isascii() and base.isalpha():
        return base
    return None


def _table() -> dict[int, str]:
    table: dict[int, str] = {cp: d for cp, d in _DIGITS.items()}
    for cp in range(0x00C0, 0x0250):
        base = _latin_base(cp)
        if base:
            table[cp] = base
    table.update({ord(k): v for k, v in _LETTERS.items()})
    return table


_TABLE = _table()
_MAPPED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")
# Dropped: Arabic harakat and Quranic marks, superscript alef, tatweel, zero-width and direction marks,
# the soft hyphen, and combining marks left over from decomposed input.
_DROP_RANGES = [(0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640),
                (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0x061C, 0x061C), (0x00AD, 0x00AD),
                (0xFEFF, 0xFEFF), (0x0300, 0x036F)]
_DROP_SET = frozenset(chr(cp) for lo, hi in _DROP_RANGES for cp in range(lo, hi + 1))
_DROP = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _DROP_RANGES) + "]")


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded text and, when characters were dropped, the original offset of each folded one."""

    text: str
    original: str
    offsets: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) for a folded [start, end)."""
        if self.offsets is None:
            return start, end
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        stop = self.offsets[end - 1] + 1
        while stop < len(self.original) and unicodedata.category(self.original[stop]) == "Mn":
            stop += 1                        # the last letter's harakat belong to the span
        return self.offsets[start], stop


    def slice(self, start: int, end: int) -> "Folded":
        """The fold of original[start:end], cut from this one (the same as folding the piece again)."""
        if self.offsets is None:
            return Folded(self.text[start:end], self.original[start:end])
        lo, hi = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        return Folded(self.text[lo:hi], self.original[start:end], [o - start for o in self.offsets[lo:hi]])


def fold_word(text: str) -> str:
    """The folded form of a lexicon entry (no offsets), whitespace collapsed."""
    return " ".join(_DROP.sub("", text).translate(_TABLE).lower().split())


def _map(text: str) -> str:
    # str.translate looks every character up; on non-ASCII text replacing just the few mapped ones is
    # several times faster.
    if text.isascii():
        return text.translate(_TABLE).lower()
    return _MAPPED.sub(_replace, text).lower()


def _replace(m: re.Match[str]) -> str:
    return _TABLE[ord(m.group())]


def fold(text: str) -> Folded:
    """Fold `text` for matching; `Folded.span` maps matches back to `text`."""
    if text.isascii() or not _DROP.search(text):
        return Folded(_map(text), text)
    keep = [i for i, ch in enumerate(text) if ch not in _DROP_SET]
    return Folded(_map("".join(text[i] for i in keep)), text, keep)
