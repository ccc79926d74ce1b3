"""Names across scripts: match each foreign-script name to its English form among all English candidates.

Formats:
- `google`: the Google ar→en transliteration pairs (`ar2en-<split>.txt`, `arabic<TAB>english`, one word
  each). Candidates are every English form of the split, so the task is a 1-in-1,590 pick on `test`.
- `termbase`: the bundled term base's names in one language (`--lang ru` or `ar`) against the canonical
  English of its people and places: a figure on the demo's own names.
- `pairs`: any TSV of `name<TAB>english` with Arabic or Cyrillic script on the left (multi-word names are
  fine). Lines that are not two non-empty fields, or whose left side is neither script, are reported by line
  number and skipped.

Arabic names are matched by `names.match.ArabicEnglish` (the resolver's arabnamer rule), Cyrillic ones by
`names.match.rank_latin` (the resolver's fuzzy rule over iuliia romanisations). Figures: top-1, top-5 and
MRR. For `google`, arabnamer ships a dictionary built from Wikipedia names that overlaps these pairs and
its model was trained on such data, so the result also splits the pairs by whether the English word is in
that dictionary: the "not in dictionary" figure is the cleaner estimate for unseen names.

`fit` re-derives `names.match.WEIGHTS` and `PLATT` from the train split (never from test).
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import DragomanError, InputError
from ..text.normalize import script_of

FORMATS = ("google", "pairs", "termbase")
SPELLED_KINDS = ("person", "place", "facility")      # names spelled across scripts, not translated
SPLITS = ("train", "eval", "test")
TOP = 5
SHOWN_MISSES = 20


def _google_file(data: Path, split: str) -> Path:
    if split not in SPLITS:
        raise DragomanError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    path = data if data.is_file() else data / f"ar2en-{split}.txt"
    if not path.is_file():
        raise DragomanError(f"{data}: no ar2en-{split}.txt; point --data at the names-google-ar2en folder")
    return path


def read_pairs(path: Path, *, scripts: tuple[str, ...] = ("arabic", "cyrillic")
               ) -> tuple[list[tuple[str, str, str]], list[InputError]]:
    """(name, english, script) per usable line, and an InputError naming each line that is not."""
    pairs: list[tuple[str, str, str]] = []
    bad: list[InputError] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DragomanError(f"{path}: cannot read it as UTF-8 text ({exc})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            got = f"got {len(fields)} field(s)" if len(fields) != 2 else "one side is empty"
            bad.append(InputError(f"{path}:{number}", f"expected name<TAB>english, {got}"))
            continue
        script = script_of(fields[0])
        if script not in scripts:
            bad.append(InputError(f"{path}:{number}", f"the name {fields[0]!r} is in {script or 'no'} script, "
                                                      f"not {' or '.join(scripts)}"))
            continue
        if script_of(fields[1]) != "latin":
            bad.append(InputError(f"{path}:{number}", f"the English side {fields[1]!r} is not in Latin script"))
            continue
        pairs.append((fields[0], fields[1], script))
    return pairs, bad


def _rankings(pairs: Sequence[tuple[str, str, str]], candidates: list[str], matcher) -> list[list[tuple[str, float]]]:
    from ..names.match import rank_latin
    out: list[list[tuple[str, float]] | None] = [None] * len(pairs)
    arabic = [i for i, p in enumerate(pairs) if p[2] == "arabic"]
    if arabic:
        ranked = matcher.rank_many([pairs[i][0] for i in arabic], candidates, top=TOP)
        for i, r in zip(arabic, ranked):
            out[i] = r
    for i, p in enumerate(pairs):
        if p[2] != "arabic":
            out[i] = rank_latin(p[0], candidates, top=TOP)
    return [r or [] for r in out]


def _scores(pairs: Sequence[tuple[str, str, str]], rankings: list[list[tuple[str, float]]]) -> dict[str, Any]:
    ranks = []
    for (name, english, _), ranked in zip(pairs, rankings):
        names = [c.casefold() for c, _ in ranked]
        ranks.append(names.index(english.casefold()) + 1 if english.casefold() in names else None)
    n = len(ranks)
    return {"count": n,
            "top1": round(sum(r == 1 for r in ranks) / n, 4) if n else 0.0,
            "top5": round(sum(r is not None and r <= TOP for r in ranks) / n, 4) if n else 0.0,
            "mrr": round(sum(1 / r for r in ranks if r) / n, 4) if n else 0.0,
            "_ranks": ranks}


def termbase_pairs(lang: str | None) -> list[tuple[str, str, str]]:
    """(term, canonical English, script) for the people and places of the bundled term base in `lang` (ru or
    ar) written as their English name is, word for word (Хафтар ↔ Haftar, Бенгази ↔ Benghazi): the
    transliteration task. Translated names (Министерство обороны, силы Хафтара), a surname alone for a full
    name, and terms already in Latin script are left out."""
    from ..vocab.termbase import TermBase
    if lang not in ("ru", "ar"):
        raise DragomanError(f"--format termbase needs --lang ru or --lang ar, not {lang!r}")
    out = []
    for term in TermBase.load_default().terms():
        script = script_of(term.term)
        words = term.term.replace("-", " ").split()
        same_words = len(words) == len(term.english.replace("-", " ").split()) and not term.term.isupper() \
            and (script == "arabic" or all(w[:1].isupper() for w in words))     # not РФ, not Тверская область
        if term.lang == lang and term.kind in SPELLED_KINDS and script in ("arabic", "cyrillic") and same_words:
            out.append((term.term, term.english, script))
    return out


def evaluate(data: Path, *, fmt: str = "google", split: str = "test", limit: int | None = None,
             matcher=None, lang: str | None = None) -> dict[str, Any]:
    """Top-1/top-5/MRR of matching each name to its English form among all the English forms given."""
    from ..names.match import ArabicEnglish
    if fmt not in FORMATS:
        raise DragomanError(f"unknown names format {fmt!r}; use one of {', '.join(FORMATS)}")
    data = Path(data)
    started = time.perf_counter()
    if fmt == "google":
        path = _google_file(data, split)
        pairs, bad = read_pairs(path, scripts=("arabic",))
    elif fmt == "termbase":
        path, bad = Path(f"termbase:{lang}"), []
        pairs = termbase_pairs(lang)
    else:
        if not data.is_file():
            raise DragomanError(f"{data}: not a file; --format pairs reads a TSV of name<TAB>english lines")
        path = data
        pairs, bad = read_pairs(path)
    if limit is not None:
        pairs = pairs[:limit]
    if not pairs:
        raise DragomanError(f"{path}: no usable name<TAB>english lines"
                            + (f" ({len(bad)} bad, first: {bad[0]})" if bad else ""))
    candidates = sorted({english for _, english, _ in pairs}, key=str.casefold)
    matcher = matcher or ArabicEnglish()
    rankings = _rankings(pairs, candidates, matcher)
    scores = _scores(pairs, rankings)
    ranks = scores.pop("_ranks")
    result: dict[str, Any] = {
        "format": fmt, "file": str(path), "split": split if fmt == "google" else None, "lang": lang,
        "candidates": len(candidates), **scores,
        "by_script": {},
        "seconds": round(time.perf_counter() - started, 2),
        "bad_lines": [{"line": e.item.rsplit(":", 1)[-1], "reason": e.reason} for e in bad],
        "misses": [{"name": p[0], "english": p[1], "got": r[0][0] if r else None}
                   for p, r, k in zip(pairs, rankings, ranks) if k != 1][:SHOWN_MISSES],
    }
    for script in sorted({p[2] for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p[2] == script]
        part = _scores([pairs[i] for i in idx], [rankings[i] for i in idx])
        part.pop("_ranks")
        result["by_script"][script] = part
    if fmt == "google":
        result["arabnamer_dictionary"] = _dictionary_split(pairs, rankings)
    return result


def _dictionary_split(pairs, rankings) -> dict[str, Any]:
    """Scores on pairs whose English word arabnamer's bundled dictionary holds, and on the rest."""
    try:
        from arabnamer.utils import DictLookup
        known = DictLookup()
    except (ImportError, FileNotFoundError):
        return {}
    out = {}
    for name, test in (("in_dictionary", True), ("not_in_dictionary", False)):
        idx = [i for i, p in enumerate(pairs) if (p[1] in known) == test]
        part = _scores([pairs[i] for i in idx], [rankings[i] for i in idx])
        part.pop("_ranks")
        out[name] = part
    return out


def format_text(result: dict[str, Any]) -> str:
    lines = [f"names ({result['format']}{', ' + result['split'] if result.get('split') else ''}): "
             f"{result['count']} names, {result['candidates']} English candidates; "
             f"top-1 {result['top1']:.4f}  top-5 {result['top5']:.4f}  MRR {result['mrr']:.4f} "
             f"({result['seconds']} s)"]
    for script, part in result["by_script"].items():
        lines.append(f"  {script}: top-1 {part['top1']:.4f} of {part['count']}")
    for name, part in (result.get("arabnamer_dictionary") or {}).items():
        lines.append(f"  English {name.replace('_', ' ')} of arabnamer: top-1 {part['top1']:.4f} of {part['count']}")
    for bad in result["bad_lines"]:
        lines.append(f"  skipped line {bad['line']}: {bad['reason']}")
    return "\n".join(lines)


# ---------------------------------------------------------------- fitting the Arabic↔English weights

def fit(data: Path, *, split: str = "train", group: int = 1500, iterations: int = 1500, rate: float = 3.0,
        seed: int = 0, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fit `names.match` WEIGHTS (conditional logit: the gold English against the shortlist of its group)
    and PLATT (logistic on the word score: gold vs the best wrong candidate) on one split."""
    import numpy as np

    from ..names.match import ArabicEnglish, _arabic_words
    pairs, _ = read_pairs(_google_file(Path(data), split), scripts=("arabic",))
    random.Random(seed).shuffle(pairs)
    matcher = ArabicEnglish()
    matcher.prepare(e for _, e, _ in pairs)
    say = progress or (lambda _: None)
    groups: list[tuple[Any, Any]] = []
    for start in range(0, len(pairs), group):
        chunk = pairs[start:start + group]
        candidates = sorted({e for _, e, _ in chunk})
        shortlists = matcher.shortlists([a for a, _, _ in chunk], candidates)
        for (arabic, english, _), picks in zip(chunk, shortlists):
            shortlist = [candidates[j] for j in picks]
            word = "".join(_arabic_words(arabic))
            if english not in shortlist:
                shortlist = shortlist[:-1] + [english]
            X = np.array([matcher.features(word, c.lower()) for c in shortlist])
            y = np.array([c == english for c in shortlist], dtype=float)
            groups.append((X, y))
        say(f"features: {min(start + group, len(pairs))}/{len(pairs)}")
    w = np.zeros(groups[0][0].shape[1])
    for step in range(iterations):
        grad = 1e-4 * w
        for X, y in groups:
            s = X @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += X.T @ (p - y) / len(groups)
        w -= rate * grad
        if step % 300 == 0:
            say(f"logit step {step}")
    top1 = sum(float(y[int(np.argmax(X @ w))]) for X, y in groups) / len(groups)
    # Platt scaling on gold vs best wrong score, so `word_probability` is a usable acceptance threshold.
    gold = [float((X @ w)[y == 1].max()) for X, y in groups]
    wrong = [float((X @ w)[y == 0].max()) for X, y in groups if (y == 0).any()]
    a, b = _platt(gold, wrong)
    return {"weights": [round(float(v), 3) for v in w], "platt": [round(a, 4), round(b, 3)],
            "train_top1": round(top1, 4), "groups": len(groups)}


def _platt(positives: list[float], negatives: list[float], iterations: int = 5000) -> tuple[float, float]:
    """Logistic regression of 'is the gold pair' on the score alone (gradient descent, standardised)."""
    import numpy as np
    s = np.array(positives + negatives)
    y = np.array([1.0] * len(positives) + [0.0] * len(negatives))
    mu, sd = float(s.mean()), float(s.std()) or 1.0
    z = (s - mu) / sd
    a = b = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(a * z + b)))
        a -= 0.5 * float(((p - y) * z).mean())
        b -= 0.5 * float((p - y).mean())
    return a / sd, b - a * mu / sd
