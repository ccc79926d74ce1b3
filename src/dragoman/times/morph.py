"""Whether a matched word is really the time word it folds to: Turkish endings and homographs.

Matching runs on folded text, where Turkish ş/s and ı/i fall together and any listed ending may follow a
name. That turns "kişi" (person) into kış + i (winter), "kısa" (short) into kış + a and "Dünya" (world) into
dün + ya (yesterday). A Turkish ending follows the last vowel of its word (vowel harmony: kış-ın, dün-kü,
Temmuz'da, Eylül'de), and the word keeps its own letters: checking both on the original spelling keeps the
real inflections and drops the look-alikes.
"""

from __future__ import annotations

import re

from .fold import fold_word
from .lexicon import Lexicon, lower

_VOWELS = "aeıioöuü"
# The last vowel of the word -> the vowels its endings may have (two-way a/e and four-way ı/i/u/ü harmony).
_HARMONY = {"a": "aı", "ı": "aı", "o": "au", "u": "au", "e": "ei", "i": "ei", "ö": "eü", "ü": "eü"}
_INVARIANT = ("ki", "kü")          # -ki is invariant ("yarınki"); after ü it is also written -kü ("dünkü")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _harmonic(stem: str, ending: str) -> bool:
    last = next((ch for ch in reversed(stem) if ch in _VOWELS), None)
    if last is None or ending in _INVARIANT:
        return True
    allowed = _HARMONY[last]
    return all(ch in allowed for ch in ending if ch in _VOWELS)


def turkish_word_ok(word: str, lex: Lexicon) -> bool:
    """A word of a Turkish match is a listed word, or a listed word as written plus a harmonic ending."""
    w = lower(word).replace("’", "'")
    if "'" in w:                         # "Ağustos'ta": the name before the apostrophe, the ending after
        stem, ending = w.split("'", 1)
        return _harmonic(stem, ending) if stem in lex.spellings else True
    if w in lex.spellings:
        return True
    endings = lex.wordlist("suffixes")
    for cut in range(len(w) - 1, 0, -1):
        stem, ending = w[:cut], w[cut:]
        if fold_word(ending) not in endings:
            continue
        if stem in lex.spellings:
            return _harmonic(stem, ending)
        if fold_word(stem) in lex.folded_spellings:
            return False                 # the same letters folded, not as written: kiş(i) is not kış
    return True


def words_ok(original: str, lex: Lexicon) -> bool:
    """Every word of a matched span passes `turkish_word_ok` (languages without vowel_harmony: always)."""
    if "vowel_harmony" not in lex.flags:
        return True
    return all(turkish_word_ok(m.group(), lex) for m in _WORD.finditer(original))
