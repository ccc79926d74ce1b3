"""p50/p95 server time of the workbench's triage list and reader pages on a large workspace (issue 15's target:
≤ 200 ms at p95 on ≥ 10,000 documents).

The workspace is the demo corpus run through the pipeline once, then each processed document stored again under
a new id and URL (annotations included) until there are --documents of them. Nine copies in ten get their words
shuffled, so they are new texts for near-duplicate detection; the tenth keeps the text, a republication, so
triage has copies to group. Requests go through the ASGI app in-process (FastAPI's test client): the figures are
the server's own time. The first triage request starts working out the workspace's near-duplicates in the
background (cached until the documents change); the time until copies are grouped is reported on its own.

    .venv/bin/python bench/workbench.py --documents 10000 --requests 200 [--workspace DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def build(root: Path, documents: int) -> None:
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
            if copies % 10:
                words = doc.text.split()
                shuffle.shuffle(words)
                clone.text = " ".join(words).ljust(len(doc.text))
            ws.store.add_document(clone)
            ws.store.save_processed(clone, status="done", pipeline=pipeline)
    ws.close()


def measure(client, paths: list[str], n: int) -> dict[str, float]:
    times = []
    for i in range(n):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.text[:300])
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1], "max": times[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workspace", type=Path, help="Reuse (or build) the workspace here.")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from dragoman.web import create_app
    root = args.workspace or Path(tempfile.mkdtemp(prefix="dragoman-workbench-")) / "ws"
    if not (root / "dragoman.db").exists():
        started = time.perf_counter()
        build(root, args.documents)
        print(f"built {root} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    client = TestClient(create_app(root))
    total = client.get("/api/stats").json()["documents"]
    started = time.perf_counter()
    assert client.get("/").status_code == 200
    cold = (time.perf_counter() - started) * 1000
    while "being grouped" in client.get("/").text:          # near-duplicates, worked out in the background
        time.sleep(0.1)
    grouped = time.perf_counter() - started
    ids = [item["id"] for item in client.get("/api/documents", params={"limit": 200}).json()["items"]]
    random.seed(1)
    lists = ["/", "/?lang=ar", "/?offset=5000", "/?from=2023-09-01&to=2023-09-30", "/?entity=Haftar",
             "/?q=Haftar", "/?outlet=TASS&status=done", "/?grade=C", "/?unread=1", "/?q=حفتر&grouped=0"]
    readers = [f"/documents/{random.choice(ids)}" for _ in range(50)]
    rows = {"triage list (10 filter mixes)": measure(client, lists, args.requests),
            "reader": measure(client, readers, args.requests)}
    print(f"{total} documents, {args.requests} requests each; first triage page {cold:.0f} ms, copies grouped "
          f"(near-duplicates worked out in the background) after {grouped:.1f} s")
    print("| page | p50 ms | p95 ms | max ms |\n|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |")


if __name__ == "__main__":
    main()
