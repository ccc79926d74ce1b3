"""Main-text extraction scored on the Zyte/Scrapinghub article-extraction benchmark.

The metric is the benchmark's own (`evaluate.py` upstream), reproduced exactly:

- Tokens are the runs matched by the regex `\\w+` (Unicode, case kept, punctuation dropped), so any
  language tokenises without a model; words glued to punctuation still split at it.
- Each text becomes a multiset of 4-token shingles (a text shorter than four tokens is one shorter shingle).
- Per page, TP/FP/FN are the multiset overlap, surplus and shortfall, then divided by their sum so that
  long articles weigh no more than short ones.
- Precision is the mean over pages with TP+FP > 0 (pages where something was predicted), recall the mean
  over pages with TP+FN > 0 (pages with gold text), and F1 is the harmonic mean of those two means, not a
  mean of per-page F1s. A page where nothing is extracted costs recall only.
- Accuracy is the share of pages whose token sequence equals the gold one exactly.

Checked against the published table: scoring upstream's own `output/trafilatura.json` and
`output/readability.json` with `score_texts` gives F1 0.958 and 0.922, as upstream reports.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from ..errors import DragomanError

Counts = tuple[float, float, float]          # (tp, fp, fn), normalised per page
SHINGLE = 4
FLOORS = Path(__file__).with_name("floors.yaml")
_TOKEN = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    """The benchmark's tokens: maximal runs of word characters."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter:
    """Multiset of n-token shingles; a text of fewer than n tokens is one (shorter) shingle."""
    tokens = tokenize(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(true: str, pred: str) -> Counts:
    """TP, FP, FN over shingles of one page, normalised to sum to 1 (all zero when both texts are empty)."""
    gold, guess = shingles(true), shingles(pred)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def scores(counts: list[Counts]) -> dict[str, float]:
    """Macro precision and recall over pages, and the F1 of those two means."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_texts(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Scores for (gold, predicted) text pairs, plus exact-match accuracy."""
    result = scores([page_counts(true, pred) for true, pred in pairs])
    result["accuracy"] = statistics.mean(float(tokenize(t) == tokenize(p)) for t, p in pairs) if pairs else 0.0
    return result


def load_gold(data_dir: Path) -> dict[str, dict[str, str]]:
    """`ground-truth.json`: page id -> {url, articleBody}."""
    path = Path(data_dir) / "ground-truth.json"
    if not path.is_file():
        raise DragomanError(f"{data_dir}: no ground-truth.json; point --data at the extraction-scrapinghub folder")
    return json.loads(path.read_text(encoding="utf-8"))


def load_output(path: Path) -> dict[str, str]:
    """Another system's predictions in the benchmark's format (`output/<name>.json`): page id -> articleBody."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data = data.get("output", data)              # upstream wraps them as {"output": {...}, "version": ...}
    return {key: record.get("articleBody", "") for key, record in data.items()}


def _extractor() -> Callable:
    """The pipeline's own extract stage, built as a run would build it."""
    from ..pipeline import REGISTRY, _discover
    from ..settings import Settings
    _discover()
    return REGISTRY["extract"].build(Settings())


def extract_page(extract: Callable, page_id: str, url: str | None, data: bytes) -> tuple[str, str]:
    """Main text of one page and the extraction path that won (`skip:<reason>` when the stage drops it)."""
    from ..ingest.decode import html_charset
    from ..model import Document
    from ..pipeline import Skip
    doc = Document(id=page_id, source="eval", url=url, raw=data, content_type="text/html",
                   meta={"charset": html_charset(page_id, data)})
    try:
        doc = extract(doc)
    except Skip as skip:
        return "", f"skip:{skip.reason}"
    return doc.text, doc.meta.get("extractor", "?")


def evaluate(data_dir: Path | str) -> dict[str, Any]:
    """Run the extract stage over every page of the benchmark and score it against the gold article bodies."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DragomanError(f"{data_dir}: extraction eval data not found; expected a folder with "
                            "ground-truth.json and html/<id>.html.gz")
    gold = load_gold(data_dir)
    extract = _extractor()
    pairs: list[tuple[str, str]] = []
    paths: Counter = Counter()
    started = time.perf_counter()
    for page_id, record in sorted(gold.items()):
        page = data_dir / "html" / f"{page_id}.html.gz"
        if not page.is_file():
            raise DragomanError(f"{page}: page listed in ground-truth.json is missing")
        text, path = extract_page(extract, page_id, record.get("url"), gzip.decompress(page.read_bytes()))
        pairs.append((record.get("articleBody", ""), text))
        paths[path] += 1
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {k: round(v, 4) for k, v in score_texts(pairs).items()}
    result.update(pages=len(pairs), paths=dict(paths.most_common()), seconds=round(seconds, 2))
    return result


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """Pinned minimum scores, e.g. `{"extraction": {"f1": 0.95, ...}}`."""
    import yaml
    floors = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for name, metrics in floors.items():
        if not isinstance(metrics, dict) or not all(isinstance(v, (int, float)) for v in metrics.values()):
            raise DragomanError(f"{path}: {name} must map metric names to numbers")
    return floors


def below_floor(result: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Each metric that fell below its floor, as `f1 0.9412 < 0.9500`."""
    return [f"{k} {result.get(k, 0.0):.4f} < {v:.4f}" for k, v in floors.items() if result.get(k, 0.0) < v]
