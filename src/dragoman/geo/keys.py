"""Matching keys for place names: one key for every spelling a reader would take for the same name.

`name_key` builds on `text.normalize.fold` (NFKC, Arabic alef/hamza/ta marbuta/alef maqsura and harakat,
ё→е, case) and further drops Latin diacritics, apostrophes, periods and hyphens, the Arabic article and its
fused prepositions (ال، بال، وال، فال، كال، لل), the transliterated article before a name ("al-", "el-",
"Al ", "аль-", "эль-"…) and a leading English "the", so "Al-Jufra", "Jufra", "الجفرة", "جفرة",
"Эль-Джуфра" and "Джуфра" pair up. The spotter keys many overlapping word runs of one text, so the work is
split: `fold_word` once per word, `join_key` per run.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text.normalize import fold

# A word, with the combining marks Python's \w leaves out (harakat, tatweel, Latin accents typed separately).
WORD = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
# Letters Unicode does not decompose, Persian/Urdu forms typed into Arabic, Turkish dotless i, hamza seats.
_EXTRA = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t",
                        "ß": "ss", "þ": "th", "ð": "d",
                        "\u06cc": "\u064a", "\u06a9": "\u0643", "\u06c1": "\u0647", "\u06be": "\u0647",
                        "\u06d5": "\u0647", "\u0624": "\u0648", "\u0626": "\u064a", "\u0621": ""})
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02be\u02bf`\u00b4"
GLUE_GAPS = frozenset(APOSTROPHES) | {".", "\u00b7"}       # "Bi'r" -> "bir", "U.S." -> "us"
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_ELISION = re.compile(f"(?<!\\w)[dlj][{APOSTROPHES}](?=\\w)", re.I)   # French d', l' before a name
# Transliterated Arabic article: dropped when it stands alone before a name ("Al Khadim")…
ARTICLE_WORDS = frozenset({"al", "el", "аль", "эль", "ал", "эл", "әл"})
# …and these sun-letter forms only when hyphenated to it ("as-Sidra", "ash-Shati", "эш-Шати").
HYPHEN_ARTICLES = frozenset({"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es",
                              "esh", "et", "ez", "ul", "ud", "us", "ur", "ut", "un", "ас", "ад", "аш", "ат", "ар",
                              "ан", "аз", "эс", "эд", "эш", "эт", "эр", "эн", "эз", "уль", "ул"})
_AR_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")   # longest first
_AR_FIRST = frozenset(p[0] for p in _AR_ARTICLES)
_MIN_REST = 3                                            # letters that must remain after an Arabic article


def strip_ar_article(word: str) -> str:
    """`الجفرة` -> `جفرة`, `بالجفرة` -> `جفرة`; short words (`بالي`, Bali) keep their letters."""
    if not word or word[0] not in _AR_FIRST:
        return word
    for prefix in _AR_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_REST:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word's folded form: marks dropped, Arabic/Cyrillic folded, lower case (articles kept)."""
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return fold(bare).translate(_EXTRA)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A single word's key (folded, Arabic article dropped): what cue phrases are compared on."""
    return strip_ar_article(fold_word(word))


def join_key(words: list[str], hyphened: list[bool]) -> str:
    """The key of folded words; hyphened[i]: a hyphen joined word i to word i+1."""
    out: list[str] = []
    last = len(words) - 1
    for i, word in enumerate(words):
        if i < last and (word in ARTICLE_WORDS or (hyphened[i] and word in HYPHEN_ARTICLES)
                         or (i == 0 and word == "the")):
            continue
        out.append(strip_ar_article(word))
    return " ".join(w for w in out if w)


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """Folded words of a name, glued across apostrophes and periods, with which ones a hyphen joins."""
    words: list[str] = []
    hyphened: list[bool] = []
    pos = 0
    for match in WORD.finditer(text):
        gap = text[pos:match.start()]
        word = fold_word(match.group())
        if words and gap and all(ch in GLUE_GAPS for ch in gap):
            words[-1] += word
        else:
            if words:
                hyphened[-1] = gap.strip() in HYPHENS
            words.append(word)
            hyphened.append(False)
        pos = match.end()
    return words, hyphened


def name_key(text: str) -> str:
    """The matching key of a place name (lower case, no marks, no articles, words joined by one space)."""
    return join_key(*split_words(_ELISION.sub("", text.strip())))


def key_tokens(key: str) -> int:
    """How many words a key has (what n-gram spotting must reach)."""
    return key.count(" ") + 1 if key else 0
