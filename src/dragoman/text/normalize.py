"""Search folding for Arabic and Cyrillic, applied identically when indexing and when querying.

SQLite's unicode61 tokenizer splits Arabic words at harakat and never folds alef/hamza variants or ё,
so we fold text ourselves before it reaches the index.
"""

from __future__ import annotations

from functools import lru_cache
import re
import unicodedata

TATWEEL = "\u0640"

# Arabic harakat, Quranic annotation marks, superscript alef: dropped.
_DROP = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), ord(TATWEEL)]
_MAP = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # آ أ إ ٱ -> ا
    "\u0649": "\u064a",                                                              # ى -> ي
    "\u0629": "\u0647",                                                              # ة -> ه
    "\u0451": "\u0435", "\u0401": "\u0435",                                          # ё Ё -> е
}
_TABLE = {cp: None for cp in _DROP} | {ord(k): v for k, v in _MAP.items()}
# Light form for stemmers, which need real Arabic spelling (ة, أ) to find affixes.
_LIGHT_TABLE = {cp: None for cp in _DROP} | {0x0451: "\u0435", 0x0401: "\u0435"}
# Whether a text holds any character a table changes: str.translate looks up every character (~60 ns each),
# a regular expression scans for these few ~20 times faster, and most pages (English, Latin script) hold none.
_TOUCHES = re.compile("[" + "".join(map(chr, sorted(_TABLE))) + "]")
_LIGHT_TOUCHES = re.compile("[" + "".join(map(chr, sorted(_LIGHT_TABLE))) + "]")

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """The search form of `text`: NFKC, Arabic/Cyrillic folding, case folded."""
    text = unicodedata.normalize("NFKC", text)
    return (text.translate(_TABLE) if _TOUCHES.search(text) else text).casefold()


def light(text: str) -> str:
    """Marks, tatweel and case removed, letters kept as written: the input stemmers expect."""
    text = unicodedata.normalize("NFKC", text)
    return (text.translate(_LIGHT_TABLE) if _LIGHT_TOUCHES.search(text) else text).casefold()


def _fold_char(ch: str) -> str:
    if unicodedata.category(ch) == "Mn":
        return ""
    return unicodedata.normalize("NFKC", ch).translate(_TABLE).casefold()


# Each character's folded form, remembered: the fold of a character depends on nothing else, and a page holds
# few distinct characters (cleared when a hostile input brings too many).
_FOLDED: dict[str, str] = {}
_FOLDED_LIMIT = 20_000


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each folded character, the offset of the original it came from."""
    out: list[str] = []
    offsets: list[int] = []
    known = _FOLDED
    for i, ch in enumerate(text):
        folded = known.get(ch)
        if folded is None:
            if len(known) >= _FOLDED_LIMIT:
                known.clear()
            folded = known[ch] = _fold_char(ch)
        out.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(out), offsets


def words(folded: str) -> list[str]:
    return _WORD.findall(folded)


_SCRIPTS = {"arabic": re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"),
            "cyrillic": re.compile(r"[\u0400-\u052F]"),
            "latin": re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"),
            "hebrew": re.compile(r"[\u0590-\u05FF]")}


def script_of(text: str) -> str | None:
    """The dominant script of the letters in `text` (arabic, cyrillic, latin, hebrew, other)."""
    if len(text) <= 200:                 # names and aliases, asked about again and again by the name resolver
        return _short_script_of(text)
    return _script_of(text)


@lru_cache(maxsize=1 << 15)
def _short_script_of(text: str) -> str | None:
    return _script_of(text)


def _script_of(text: str) -> str | None:
    sample = text[:2000]
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS.items()}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    return "other" if any(ch.isalpha() for ch in sample) else None
