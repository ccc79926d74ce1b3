"""Matching keys for names written in Latin, Arabic or Cyrillic script.

Three levels, from strict to loose, each a plain string so it can key a dict:

- `exact`: the name as written, case-folded, with quotes and spacing normalised ("ЧВК «Вагнер»").
- `key`: the spelling with the noise removed. Arabic: hamza/alef forms, ta marbuta, alef maqsura, tashkeel,
  tatweel and the article ال folded away. Latin and Cyrillic: romanised (Cyrillic with `iuliia` Wikipedia,
  the way English-language media write Russian names), lowercased, no diacritics, no articles al-/el-/ad-…,
  no hyphens, doubled letters collapsed ("Al-Jufra" = "Jufra", "Yunus-Bek" = "Yunusbek").
- `skeleton`: consonants only, folded into sound classes that survive the trip through Arabic script, which
  writes no short vowels and has no p, v or g (ب, ف, غ/ج stand in). "Haftar", "Hifter", "حفتر" and "Хафтар"
  are all `hftr`; "Yevkurov", "Ievkourov", "يفكيروف" and "Евкуров" are all `fkrf`.

Everything is cached per string: the same names come back in every document.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import iuliia
from anyascii import anyascii

from ..text.normalize import script_of

CACHE = 1 << 16

# ---------------------------------------------------------------- Arabic

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")   # marks and tatweel
_AR_FOLD = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",   # آ أ إ ٱ -> ا
    "\u0672": "\u0627", "\u0673": "\u0627",
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a",                      # ى ی ے -> ي
    "\u0629": "\u0647",                                                              # ة -> ه
    "\u0624": "\u0648", "\u0626": "\u064a", "\u0621": "",                            # ؤ -> و, ئ -> ي, ء dropped
    "\u06a9": "\u0643",                                                              # Persian kaf
})
_AR_ARTICLE = "\u0627\u0644"   # ال
_AR_NON_LETTER = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\s]")

# Arabic letters to skeleton classes; long vowels, hamza and ayn carry no consonant a Latin spelling keeps.
_AR_SKELETON = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "g", "چ": "ts", "ح": "h", "خ": "h", "د": "d",
    "ذ": "d", "ض": "d", "ظ": "d", "ر": "r", "ز": "s", "ژ": "g", "س": "s", "ش": "s", "ص": "s", "غ": "g",
    "گ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}


def fold_arabic(text: str) -> str:
    """Arabic letters folded, nothing else touched: marks and tatweel dropped, alef/hamza/ya/ta marbuta
    forms unified (the NER models read words through this)."""
    return _TASHKEEL.sub("", unicodedata.normalize("NFKC", text)).translate(_AR_FOLD)


def normalize_arabic(text: str) -> str:
    """Arabic folded for comparison, and everything but Arabic letters turned into single spaces."""
    return " ".join(_AR_NON_LETTER.sub(" ", fold_arabic(text)).split())


def strip_arabic_article(word: str) -> str:
    """الجفرة -> جفرة; short words keep their letters (الله, ال)."""
    return word[2:] if word.startswith(_AR_ARTICLE) and len(word) > 4 else word


def _arabic_key(text: str) -> str:
    return " ".join(strip_arabic_article(w) for w in normalize_arabic(text).split())


def _arabic_skeleton_word(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        if ch == "و" and i == 0:
            out.append("f")            # initial waw is a consonant: وليد Walid, وزارة
            continue
        cls = _AR_SKELETON.get(ch)
        if cls is None:
            continue
        if cls == "h" and i == len(word) - 1:
            continue                   # final ه is mostly ta marbuta; Latin drops final h too
        out.append(cls)
    return _collapse("".join(out))


# ---------------------------------------------------------------- Latin (and romanised Cyrillic)

# al-/el- and their sun-letter forms (ad-, ash-, an-…) when glued by a hyphen or apostrophe; "al"/"el"
# alone only as a separate word before another ("Al Jufra"), since "as", "at", "an" are English words.
_ARTICLE = re.compile(r"\b(?:(?:al|el|ad|ed|as|es|ash|esh|at|et|az|ez|an|en|ar|er|ul|ud)[-\u2010\u2011'\u2019\u02bc]"
                      r"|(?:al|el) )(?=\w{2})")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_APOSTROPHES = re.compile("['\u2019\u02bc\u02bb\u02b9\u02ba`]")   # ʹ ʺ: romanised soft and hard signs
_HYPHENS = re.compile("[-\u2010\u2011\u2012\u2013]")
_DOUBLE = re.compile(r"(.)\1+")
# Digraphs first, then single letters, into sound classes (p->b, v/f, j/zh/gh->g, kh->h, sh/z->s, ch->ts).
_DIGRAPHS = re.compile(r"tsch|tch|dzh|sch|shch|ch|sh|zh|kh|gh|dj|ph|th|dh|ck|ts|c(?=[eiy])|[a-z]")
_LATIN_SKELETON = {
    "tsch": "ts", "tch": "ts", "ch": "ts", "ts": "ts", "dzh": "g", "sch": "s", "shch": "sts", "sh": "s",
    "zh": "g", "kh": "h", "gh": "g", "dj": "g", "ph": "f", "th": "t", "dh": "d", "ck": "k",
    "b": "b", "c": "k", "d": "d", "f": "f", "g": "g", "h": "h", "j": "g", "k": "k", "l": "l", "m": "m",
    "n": "n", "p": "b", "q": "k", "r": "r", "s": "s", "t": "t", "v": "f", "x": "ks", "z": "s",
}


def _collapse(text: str) -> str:
    return _DOUBLE.sub(r"\1", text)


def romanize(text: str) -> str:
    """Latin letters for any script: Cyrillic as English-language media write it (iuliia), the rest by anyascii."""
    if _has_cyrillic(text):
        text = iuliia.WIKIPEDIA.translate(text)
    return anyascii(text)


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _latin_words(text: str) -> list[str]:
    """Lowercase ASCII words with articles, apostrophes and hyphens taken out."""
    text = romanize(text).lower().replace("\u02b9", "").replace("\u02ba", "")
    text = _ARTICLE.sub("", text)
    text = _HYPHENS.sub("", _APOSTROPHES.sub("", text))
    return _NON_WORD.sub(" ", text).split()


def _latin_skeleton_word(word: str) -> str:
    out = []
    for m in _DIGRAPHS.finditer(word):
        piece = m.group()
        if piece == "w":
            if m.start() == 0:
                out.append("f")        # Wagner/فاغنر, Walid/وليد
            continue
        cls = _LATIN_SKELETON.get(piece)
        if cls is None:                # vowels (y included: Yevkurov = Evkurov)
            if piece.startswith("c"):
                out.append("s")        # c before e/i/y
            continue
        out.append(cls)
    if out and out[-1] == "h" and word.endswith("h"):
        out.pop()                      # final h, as in Arabic final ه: Abdullah = عبدالله
    return _collapse("".join(out))


# ---------------------------------------------------------------- the keys

class NameKeys(NamedTuple):
    """The three matching keys of a name, and the script it is written in."""

    exact: str
    key: str
    skeleton: str
    script: str

    @property
    def tokens(self) -> list[str]:
        """The skeleton's words: surname blocking and token-level matching use them."""
        return self.skeleton.split()


_QUOTES = re.compile("[\"\u00ab\u00bb\u201c\u201d\u201e\u2039\u203a]")


@lru_cache(maxsize=CACHE)
def exact_key(text: str) -> str:
    """The name as written: NFC, case-folded, quotes and runs of spaces normalised."""
    text = _QUOTES.sub('"', unicodedata.normalize("NFC", text)).casefold()
    return " ".join(text.replace("\u0640", "").split())


@lru_cache(maxsize=CACHE)
def name_key(text: str) -> str:
    """The normalised spelling: Arabic folded (ال dropped), other scripts romanised and cleaned."""
    if script_of(text) == "arabic":
        return _arabic_key(text)
    return " ".join(_collapse(w) for w in _latin_words(text))


@lru_cache(maxsize=CACHE)
def skeleton(text: str) -> str:
    """Consonant classes per word; the key shared by spellings of one name across scripts."""
    if script_of(text) == "arabic":
        words = [_arabic_skeleton_word(w) for w in _arabic_key(text).split()]
    else:
        words = [_latin_skeleton_word(w) for w in _latin_words(text)]
    return " ".join(w for w in words if w)


@lru_cache(maxsize=CACHE)
def keys(text: str) -> NameKeys:
    """All keys of a name, computed once per distinct string."""
    return NameKeys(exact_key(text), name_key(text), skeleton(text), script_of(text) or "other")


def script_name(text: str) -> str:
    """latin, arabic, cyrillic or other: how the entity store groups variants."""
    script = script_of(text)
    return script if script in ("latin", "arabic", "cyrillic") else "other"
