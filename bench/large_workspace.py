"""A large workspace for the server benches: the demo corpus run through the pipeline once, then each processed
document stored again under a new id and URL (annotations included) until there are `documents` of them."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def build(root: Path, documents: int, *, republish_every: int = 0) -> None:
    """With `republish_every` N, copies keep their text only every Nth time (a republication) and have their words
    shuffled otherwise (new texts for near-duplicate detection); without it, copies differ by title only."""
    from dragoman.demo import demo_sources
    from dragoman.ingest.sources import ingest_sources
    from dragoman.runner import run_pending
    from dragoman.workspace import Workspace
    ws = Workspace.open(root, create=True, overrides=["pipeline.workers=1"])
    ingest_sources(ws, demo_sources())
    run_pending(ws)
    originals = [ws.store.get_document(r[0]) for r in ws.store.con.execute("SELECT id FROM documents")]
    pipeline = ws.store.con.execute("SELECT pipeline FROM documents LIMIT 1").fetchone()[0]
    shuffle = random.Random(15)
    copies = 0
    with ws.store.transaction():
        while len(originals) + copies < documents:
            doc = originals[copies % len(originals)]
            copies += 1
            clone = doc.__class__(**{f: getattr(doc, f) for f in doc.__struct_fields__})
            clone.id = f"{doc.id[:24]}-{copies:06d}"
            clone.url = f"{doc.url or 'https://example.org/'}?copy={copies}"
            if not republish_every:
                clone.title = f"{doc.title or ''} #{copies}"
            elif copies % republish_every:
                words = doc.text.split()
                shuffle.shuffle(words)
                clone.text = " ".join(words).ljust(len(doc.text))
            ws.store.add_document(clone)
            ws.store.save_processed(clone, status="done", pipeline=pipeline)
    ws.close()


def open_or_build(workspace: Path | None, documents: int, prefix: str, **options) -> Path:
    """The workspace at `workspace` (built there if it is not one yet), or a new one in a temporary folder."""
    root = workspace or Path(tempfile.mkdtemp(prefix=prefix)) / "ws"
    if not (root / "dragoman.db").exists():
        started = time.perf_counter()
        build(root, documents, **options)
        print(f"built {root} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return root


def percentiles(times_ms: list[float]) -> dict[str, float]:
    times = sorted(times_ms)
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1], "max": times[-1]}
