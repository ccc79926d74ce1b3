"""How alike two names are: Latin/Cyrillic spellings by keys, Arabic against English by arabnamer renderings.

The resolver's fuzzy and arabnamer rules and `dragoman eval names` use these same functions.

Arabic↔English: each English word is rendered in Arabic by arabnamer (n-best, see `render.py`) and
compared with the Arabic word on ten features (best and first rendering, consonant skeletons, long-vowel
pattern…). The weights are a conditional logit fitted on the train split of the Google ar→en names
(`dragoman.eval.names.fit`), and a logistic (Platt) fit of the same split turns a word score into a
probability that the two words are the same name, so the resolver can refuse weak matches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from .keys import name_key, normalize_arabic, skeleton, strip_arabic_article
from .render import ArabicRenderer, english_words

FEATURES = ("best_rendering", "first_rendering", "skeleton", "skeleton_jw", "rendering_jw", "same_first",
            "length_gap", "vowel_pattern", "rendering_rank", "exact_rendering")
# Fitted by `dragoman.eval.names.fit` on ar2en-train.txt (12,877 pairs; train top-1 0.957, eval split 0.961).
WEIGHTS = (8.691, 3.543, 9.04, 0.99, 1.193, 0.311, -0.408, 7.375, 0.456, 2.964)
PLATT = (0.6205, -16.895)         # p = sigmoid(a * score + b): gold pair vs best wrong candidate, same split
RANK_PENALTY = 2.0                # ratio points taken off per place down the n-best list
SHORTLIST = 30                    # candidates re-scored with all features after the cheap first pass
SCORE_CACHE = 1 << 18            # word-pair scores kept before the cache starts over
SKIPPED_WORD = 0.15               # probability taken off per word one name has and the other lacks

_LONG_VOWELS = str.maketrans({"ا": "A", "ي": "I", "و": "U"})
_DOUBLE = re.compile(r"(.)\1+")


def _arabic_pattern(word: str) -> str:
    """Consonant/long-vowel shape: كاسان -> CACAC (A, I, U for ا ي و)."""
    return "".join(c if c in "AIU" else "C" for c in word.translate(_LONG_VOWELS))


def _english_pattern(word: str) -> str:
    out = []
    for c in word:
        out.append("A" if c == "a" else "I" if c in "eiy" else "U" if c in "ouw" else "C" if c.isalpha() else "")
    return _DOUBLE.sub(r"\1", "".join(out))


def _arabic_words(text: str, *, strip: bool = False) -> list[str]:
    """Normalised words; with `strip`, without the article, which is only ever written with a bare alif:
    إلبيرة (Elvira) and ألترمان (Alterman) begin with a name's own syllable, not with ال."""
    words = normalize_arabic(text).split()
    if not strip:
        return words
    hamza = [w.startswith(("\u0625", "\u0623")) for w in _letters_only(text)]
    if len(hamza) != len(words):
        hamza = [False] * len(words)
    return [w if h else strip_arabic_article(w) for w, h in zip(words, hamza)]


def _letters_only(text: str) -> list[str]:
    return re.sub(r"[^\u0621-\u064A]+", " ", text).split()


def _sigmoid(x: float) -> float:
    import math
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


class ArabicEnglish:
    """Scores an Arabic-script name against English ones; renderings come from (and go to) the cache."""

    def __init__(self, renderer: ArabicRenderer | None = None, *,
                 weights: Sequence[float] = WEIGHTS, platt: tuple[float, float] = PLATT) -> None:
        self.renderer = renderer or ArabicRenderer()
        self.weights = tuple(weights)
        self.platt = platt
        self._scores: dict[tuple[str, str], float] = {}
        self._data: tuple | None = None

    def prepare(self, english_names: Iterable[str]) -> int:
        """Render every word of these names now, in one model run; returns how many were new."""
        words: set[str] = set()
        for name in english_names:
            parts = english_words(name)
            words.update(parts)
            if len(parts) > 1:
                words.add("".join(parts))      # see `similarity`: one Arabic word for a multi-word name
        return self.renderer.prepare(words)

    # -- one word against one word -------------------------------------------------------------

    def features(self, arabic_word: str, english_word: str) -> list[float]:
        """The FEATURES of one normalised Arabic word against one English word (lowercase ASCII)."""
        renderings = self.renderer.renderings(english_word) or ("",)
        ratios = [fuzz.ratio(arabic_word, r) - RANK_PENALTY * i for i, r in enumerate(renderings)]
        best_at = max(range(len(ratios)), key=ratios.__getitem__)
        best = renderings[best_at]
        sk_a, sk_e = skeleton(arabic_word).replace(" ", ""), skeleton(english_word).replace(" ", "")
        return [ratios[best_at] / 100, fuzz.ratio(arabic_word, renderings[0]) / 100, fuzz.ratio(sk_a, sk_e) / 100,
                JaroWinkler.similarity(sk_a, sk_e), JaroWinkler.similarity(arabic_word, best),
                float(sk_a[:1] == sk_e[:1]), abs(len(arabic_word) - len(best)) / max(len(arabic_word), len(best), 1),
                fuzz.ratio(_arabic_pattern(arabic_word), _english_pattern(english_word)) / 100,
                best_at / max(1, len(renderings) - 1), float(arabic_word == best)]

    def word_score(self, arabic_word: str, english_word: str) -> float:
        """The fitted linear score (higher is likelier); only differences between candidates mean much."""
        key = (arabic_word, english_word)
        score = self._scores.get(key)
        if score is None:
            score = sum(w * x for w, x in zip(self.weights, self.features(arabic_word, english_word)))
            if len(self._scores) >= SCORE_CACHE:
                self._scores.clear()
            self._scores[key] = score
        return score

    def word_probability(self, arabic_word: str, english_word: str) -> float:
        a, b = self.platt
        return _sigmoid(a * self.word_score(arabic_word, english_word) + b)

    # -- whole names -----------------------------------------------------------------------------

    def similarity(self, arabic: str, english: str) -> float:
        """Probability-like 0..1 that the names are the same: words aligned in order, the shorter name's
        words each matched to one word of the longer, a small cost for every word left over."""
        e_words = english_words(english)
        best = 0.0
        # The article ال as written ("العالي" = a'al), and without it ("الجفرة" = Jufra).
        for a_words in {tuple(_arabic_words(arabic)), tuple(_arabic_words(arabic, strip=True))}:
            if not a_words or not e_words:
                continue
            if len(a_words) == 1 and len(e_words) > 1:
                # one Arabic word for a multi-word English name: also try the English glued ("Abdulrahman")
                best = max(best, self.word_probability(a_words[0], "".join(e_words)))
            best = max(best, _aligned(list(a_words), e_words, self.word_probability))
        return best

    def rank(self, arabic: str, candidates: Sequence[str], top: int = 5) -> list[tuple[str, float]]:
        return self.rank_many([arabic], candidates, top)[0]

    def rank_many(self, queries: Sequence[str], candidates: Sequence[str],
                  top: int = 5) -> list[list[tuple[str, float]]]:
        """For each Arabic query, the `top` English candidates by `similarity` among its shortlist."""
        results = []
        for query, picks in zip(queries, self.shortlists(queries, candidates)):
            scored = sorted(((candidates[j], self.similarity(query, candidates[j])) for j in picks),
                            key=lambda x: -x[1])
            results.append(_break_ties(query, scored)[:top])
        return results

    def shortlists(self, queries: Sequence[str], candidates: Sequence[str], *, keep: int = SHORTLIST,
                   floor: float | None = None) -> list[list[int]]:
        """For each query, the indexes of the `keep` best candidates by a cheap pass over all of them:
        0.7 x the best (n-best-penalised) rendering ratio + 0.3 x the skeleton ratio, on whole names.
        `floor` drops candidates whose cheap score is below it (on the eval split every pair the resolver
        accepts scores 79.7 or more)."""
        import numpy as np
        flat, penalty, starts, skeletons = self._candidate_data(tuple(candidates))
        workers = -1 if len(queries) > 50 else 1      # threads cost more than they save on a few queries
        rendered = process.cdist(["".join(_arabic_words(q)) for q in queries], flat, scorer=fuzz.ratio,
                                 dtype=np.float32, workers=workers) - penalty
        best = np.maximum.reduceat(rendered, starts, axis=1)   # each candidate's renderings are contiguous
        cheap = 0.7 * best + 0.3 * process.cdist([skeleton(q).replace(" ", "") for q in queries], skeletons,
                                                 scorer=fuzz.ratio, dtype=np.float32, workers=workers)
        keep = min(keep, len(candidates))
        picks = np.argpartition(-cheap, keep - 1, axis=1)[:, :keep]
        return [sorted((j for j in row.tolist() if floor is None or cheap[qi, j] >= floor), key=lambda j: -cheap[qi, j])
                for qi, row in enumerate(picks)]

    def _candidate_data(self, candidates: tuple[str, ...]):
        """Flat renderings of every candidate (n-best, words joined), their rank penalties, where each
        candidate starts, and the candidates' skeletons; kept for the last candidate list asked about."""
        import numpy as np
        if self._data is not None and self._data[0] == candidates:
            return self._data[1]
        self.prepare(candidates)
        flat: list[str] = []
        penalty: list[float] = []
        starts: list[int] = []
        for name in candidates:
            words = english_words(name)
            lists = [self.renderer.renderings(w) or ("",) for w in words] or [("",)]
            starts.append(len(flat))
            for i in range(max(len(x) for x in lists)):
                flat.append("".join(x[min(i, len(x) - 1)] for x in lists))
                penalty.append(RANK_PENALTY * i)
            if len(lists) > 1:        # the surname alone, as `similarity` may pair a lone Arabic word with it
                for i, text in enumerate(lists[-1]):
                    flat.append(text)
                    penalty.append(RANK_PENALTY * i)
        data = (flat, np.array(penalty, dtype=np.float32), np.array(starts),
                [skeleton(c).replace(" ", "") for c in candidates])
        self._data = (candidates, data)
        return data


# A letter-by-letter reading of Arabic, and English folded to the same letters: p b, v f, c q k, doubled
# letters once (Arabic writes no p, v or double letters), e i y alike, o u w alike.
_READ_ARABIC = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ى": "a", "ة": "a", "ي": "i", "و": "u", "ئ": "i", "ؤ": "u", "ء": "",
    "ع": "", "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "j", "چ": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "d",
    "ر": "r", "ز": "s", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "s", "غ": "j", "گ": "j", "ف": "f",
    "ڤ": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h"})
_FOLD_ENGLISH = str.maketrans({"e": "i", "y": "i", "o": "u", "w": "u", "p": "b", "v": "f", "c": "k", "q": "k",
                               "g": "j", "z": "s", "x": "k"})
_DIGRAPHS = (("sh", "s"), ("th", "t"), ("kh", "h"), ("ph", "f"))


def _letter_agreement(arabic: str, english: str) -> float:
    """How far the Arabic letters, read one by one, spell the English name (0..100)."""
    read = _DOUBLE.sub(r"\1", "".join(_letters_only(arabic)).translate(_READ_ARABIC))     # إ keeps its i
    spelled = "".join(english_words(english))
    for digraph, letter in _DIGRAPHS:
        spelled = spelled.replace(digraph, letter)
    return fuzz.ratio(read, _DOUBLE.sub(r"\1", spelled.translate(_FOLD_ENGLISH)))


def _break_ties(arabic: str, scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Candidates the fitted score cannot tell apart (harbi, harbe: the same renderings) are ordered by how
    far the Arabic letters spell each; the first of equals stays first."""
    if len(scored) < 2 or scored[0][1] - scored[1][1] > 1e-9:
        return scored
    tied = [c for c in scored if scored[0][1] - c[1] <= 1e-9]
    tied.sort(key=lambda c: -_letter_agreement(arabic, c[0]))
    return tied + scored[len(tied):]


def _aligned(a_words: list[str], e_words: list[str], score) -> float:
    """Best in-order pairing of the shorter list's words with words of the longer one (mean probability).
    The last words always pair: a lone "خليفة" is Khalifa Haftar's first name, not Khalifa Haftar."""
    short, long_, flip = (a_words, e_words, False) if len(a_words) <= len(e_words) else (e_words, a_words, True)
    long_ = long_[-8:]
    best = 0.0
    for head in combinations(range(len(long_) - 1), len(short) - 1):
        total = 0.0
        for s, l in zip(short, (*head, len(long_) - 1)):
            total += score(long_[l], s) if flip else score(s, long_[l])
        best = max(best, total / len(short))
    return max(0.0, best - SKIPPED_WORD * (len(long_) - len(short)))


# ---------------------------------------------------------------- Latin and Cyrillic

@lru_cache(maxsize=1 << 16)
def latin_similarity(a: str, b: str) -> float:
    """0..1 for two names in Latin or Cyrillic script: half spelling (romanised key), half consonant skeleton."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    sa, sb = skeleton(a).replace(" ", ""), skeleton(b).replace(" ", "")
    return (0.5 * fuzz.ratio(ka, kb) + 0.5 * fuzz.ratio(sa, sb)) / 100


def rank_latin(query: str, candidates: Sequence[str], top: int = 5) -> list[tuple[str, float]]:
    """The `top` candidates by `latin_similarity` (Cyrillic queries are romanised first)."""
    keys = [name_key(c) for c in candidates]
    shortlist = process.extract(name_key(query), keys, scorer=fuzz.ratio, limit=SHORTLIST * 2)
    skeletons = process.extract(skeleton(query).replace(" ", ""), [skeleton(c).replace(" ", "") for c in candidates],
                                scorer=fuzz.ratio, limit=SHORTLIST * 2)
    picked = {i for _, _, i in shortlist} | {i for _, _, i in skeletons}
    scored = sorted(((candidates[i], latin_similarity(query, candidates[i])) for i in picked), key=lambda x: -x[1])
    return scored[:top]
