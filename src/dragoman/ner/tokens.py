"""Word tokens with offsets and folded keys, and a matcher for multi-word cue phrases."""

from __future__ import annotations

from functools import lru_cache

import re
from typing import Iterable, NamedTuple

from ..vocab.termbase import fold

# Words keep inner hyphens and apostrophes (Yunus-Bek, Libya'da, l'Armée) and Arabic marks (حَفْتَر).
# Dotted abbreviations (U.S., B.C.) are one word; an invisible character a web page left inside a word
# (S\ufefferge, a soft hyphen) does not split it.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}"
                   r"|[\w\u0610-\u061A\u064B-\u065F\u0670\u0640]+"
                   r"(?:[-'\u2019\u02bc\ufeff\u200b\u00ad][\w\u064B-\u065F]+)*")
_SENTENCE_END = frozenset(".!?\u2026\n\u061f\u06d4:;")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
MIN_STEM = 4     # letters a phrase needs before endings glued to it count (match_prefix)
APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
_ELISION = re.compile(f"(?:[ldjmnstcLDJMNSTC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)[{APOSTROPHES}]")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str            # folded: lower case, no accents or harakat, Arabic letters unified
    first: bool         # opens a sentence (or a line, or follows a colon)

    @property
    def cap(self) -> bool:
        """Starts with a capital (Latin/Cyrillic); `al-Jufra` counts, by the letter after the particle."""
        c = self.text[0]
        if c.isupper():
            return True
        head, _, rest = self.text.partition("-")
        return bool(rest) and head.lower() in ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es",
                                                  "ach", "eş", "ech") and rest[:1].isupper()


@lru_cache(maxsize=1 << 17)
def key(text: str) -> str:
    """The folded matching key of a word (cached: news repeats its words, and folding is per character)."""
    return fold(text)[0]


# Sentences and names are tokenised again by several passes (aliases, capitals, guards, scope): short texts are
# remembered. Long ones (whole documents) are not, so the cache stays small.
_CACHED_CHARS = 1000


def tokenize(text: str, lang: str | None = None) -> list[Token]:
    """Word tokens of `text`; `first` marks tokens after . ! ? … : ; a newline, or at the start.

    Apostrophes: English `Haftar's` loses the 's, French `l'Armée` its article; a Turkish case ending
    (`Libya'da`) stays in the token, as in Turkish NER corpora, but not in its key.
    """
    if len(text) <= _CACHED_CHARS:
        return list(_tokenize_cached(text, lang))      # a fresh list: callers may change theirs
    return _tokenize(text, lang)


@lru_cache(maxsize=4096)
def _tokenize_cached(text: str, lang: str | None) -> tuple[Token, ...]:
    return tuple(_tokenize(text, lang))


def _tokenize(text: str, lang: str | None) -> list[Token]:
    out: list[Token] = []
    prev = 0
    for m in _WORD.finditer(text):
        a, b = m.span()
        word = m.group()
        core = word
        if lang == "en" and len(word) > 2 and word[-2] in APOSTROPHES and word[-1] in "sS":
            b -= 2
            word = core = word[:-2]
        elif lang == "fr":
            elided = _ELISION.match(word)
            if elided and elided.end() < len(word):
                a += elided.end()
                word = core = word[elided.end():]
        elif lang == "tr":
            core = _APOSTROPHE.split(word, 1)[0]
        first = not out or not _SENTENCE_END.isdisjoint(text[prev:a])
        out.append(_new_token(Token, (a, b, word, key(core), first)))     # Token(...) without its Python __new__
        prev = b
    return out


_new_token = tuple.__new__


def is_arabic(word: str) -> bool:
    return bool(_ARABIC.search(word))


class Phrases:
    """A set of phrases (titles, cue words) found by token keys, longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(key(w) for w in _WORD.findall(phrase))
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        self.words = frozenset(first for first, options in self.by_first.items() if any(len(p) == 1 for p in options))

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def match(self, keys: list[str], i: int, first: str | None = None) -> int:
        """Number of tokens of the longest phrase starting at `keys[i]` (0 if none); `first` overrides keys[i]."""
        head = keys[i] if first is None else first
        for phrase in self.by_first.get(head, ()):
            n = len(phrase)
            if i + n <= len(keys) and all(keys[i + j] == phrase[j] for j in range(1, n)):
                return n
        return 0

    def match_prefix(self, word: str, max_suffix: int) -> bool:
        """`word` is a one-word phrase plus up to `max_suffix` letters (Turkish case endings); a phrase of fewer
        than MIN_STEM letters only as the whole word (AŞ is no prefix of Aslında)."""
        for n in range(len(word), max(0, len(word) - max_suffix) - 1, -1):
            if word[:n] in self and (n == len(word) or n >= MIN_STEM):
                return True
        return False
