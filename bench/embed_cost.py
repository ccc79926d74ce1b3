"""What the embed stage costs: pipeline docs/s without it and with it, its CPU seconds per document, the index
bytes per document, and the brute-force search time at 10,000 and 100,000 documents.

    python bench/embed_cost.py --input ../shared/realtext-dev --repeat 2

The input folder's .html pages (searched recursively) are ingested into a fresh workspace (`--repeat` distinct
copies of each); the pipeline runs without the embed stage, then the embed stage alone on the same documents.
CPU seconds are summed over the process tree (user + system), which the other work on a shared machine
disturbs less than wall time does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.workspace import Workspace


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn):
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = fn()
    return result, time.perf_counter() - wall, cpu_seconds() - cpu


def prepare(source: Path, target: Path, repeat: int) -> int:
    pages = sorted(p for p in source.rglob("*.html"))
    if not pages:
        sys.exit(f"{source}: no .html pages")
    for page in pages:
        for copy in range(repeat):
            (target / f"{page.parent.name}-{page.stem}-{copy}.html").write_bytes(
                page.read_bytes() + f"\n<!-- bench copy {copy} -->\n".encode())
    return len(pages) * repeat


def search_ms(documents: int, passages_per_doc: float, repeat: int = 5) -> float:
    """Brute-force search over random unit vectors standing in for `documents` documents' passages."""
    from dragoman.vectors.index import VectorIndex
    import sqlite3
    rng = np.random.default_rng(0)
    n = int(documents * passages_per_doc)
    con = sqlite3.connect(":memory:")
    con.execute('CREATE TABLE passage_vectors (id INTEGER PRIMARY KEY, doc_id TEXT, "start" INT, "end" INT,'
                " model TEXT, dim INT, vector BLOB)")
    vectors = rng.standard_normal((n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    con.executemany('INSERT INTO passage_vectors (doc_id, "start", "end", model, dim, vector) VALUES (?,?,?,?,?,?)',
                    ((f"d{i // max(1, int(passages_per_doc))}", i, i + 1, "m", 384, v.astype(np.float16).tobytes())
                     for i, v in enumerate(vectors)))
    index = VectorIndex(con)
    index.search(vectors[0], limit=50)                       # the first search reads the matrix
    started = time.perf_counter()
    for i in range(repeat):
        index.search(vectors[i + 1], limit=50)
    return (time.perf_counter() - started) / repeat * 1000


def _table_bytes(con) -> int | None:
    """Pages of the vector table and its indexes (SQLite's dbstat), or None where dbstat is not built in."""
    import sqlite3
    try:
        return con.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%passage_vectors%'").fetchone()[0]
    except sqlite3.Error:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workers", type=int, default=0, help="0 = one per core")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "embed_cost.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        count = prepare(args.input, pages, args.repeat)
        ws = Workspace.open(Path(tmp) / "ws", create=True, overrides=[f"pipeline.workers={args.workers}"])
        ingest_sources(ws, [pages])
        without, wall_without, cpu_without = timed(lambda: run_pending(ws))
        db = ws.root / "dragoman.db"
        ws.store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_before = db.stat().st_size
        ws.settings.set("pipeline.stages", [*ws.settings["pipeline.stages"], "embed"], "bench")
        embedded, wall_embed, cpu_embed = timed(lambda: run_pending(ws, only=("embed",)))
        ws.store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_after = db.stat().st_size
        passages, docs = ws.store.con.execute(
            "SELECT count(*), count(DISTINCT doc_id) FROM passage_vectors").fetchone()
        vector_bytes = ws.store.con.execute("SELECT sum(length(vector)) FROM passage_vectors").fetchone()[0] or 0
        table_bytes = _table_bytes(ws.store.con)
        ws.close()
    done = without.tally.ok
    per_doc = passages / max(docs, 1)
    result = {
        "date": time.strftime("%Y-%m-%d"), "input": str(args.input), "documents": count, "processed": done,
        "workers": without.workers, "cores": os.cpu_count(), "load_average": os.getloadavg(),
        "pipeline_docs_per_s": round(done / wall_without, 2),
        "pipeline_with_embed_docs_per_s": round(done / (wall_without + wall_embed), 2),
        "embed_alone_docs_per_s": round(docs / wall_embed, 2) if wall_embed else None,
        "cpu_s_per_doc_pipeline": round(cpu_without / max(done, 1), 3),
        "cpu_s_per_doc_embed": round(cpu_embed / max(docs, 1), 3),
        "passages_per_doc": round(per_doc, 2),
        "index_mb_per_10k_docs_vectors": round(vector_bytes / max(docs, 1) * 10_000 / 1e6, 1),
        "index_mb_per_10k_docs_table": round(table_bytes / max(docs, 1) * 10_000 / 1e6, 1) if table_bytes else None,
        "db_file_growth_mb_per_10k_docs": round((size_after - size_before) / max(docs, 1) * 10_000 / 1e6, 1),
        "search_ms_10k_docs": round(search_ms(10_000, per_doc), 1),
        "search_ms_100k_docs": round(search_ms(100_000, per_doc), 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
