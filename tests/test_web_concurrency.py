"""The server keeps answering reads while `dragoman run` writes to the same database (SQLite WAL)."""

from __future__ import annotations

import subprocess
import sys
import time

from fastapi.testclient import TestClient

from dragoman.demo import demo_sources
from dragoman.ingest.sources import ingest_sources
from dragoman.web import create_app
from dragoman.workspace import Workspace


def test_reads_are_answered_while_the_pipeline_writes(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace.open(root, create=True)
    assert not ingest_sources(ws, demo_sources()).failed
    ws.close()
    client = TestClient(create_app(root))
    run = subprocess.Popen([sys.executable, "-m", "dragoman", "-w", str(root), "--set", "pipeline.workers=1", "run"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    statuses, slowest, during = [], 0.0, 0
    try:
        while run.poll() is None:
            for route in ("/api/documents?limit=20", "/api/stats", "/api/search?q=Haftar"):
                started = time.perf_counter()
                statuses.append(client.get(route).status_code)
                slowest = max(slowest, time.perf_counter() - started)
            during += 1
            time.sleep(0.05)
        assert run.wait(timeout=600) == 0, run.stderr.read().decode(errors="replace")
    finally:
        if run.poll() is None:
            run.kill()
    assert during >= 3, "the run ended before the server was asked anything"
    assert set(statuses) == {200}
    assert slowest < 9.0          # a read that waited on the writer would hit the 10 s busy timeout
    done = client.get("/api/stats").json()
    assert done["by_status"].get("done", 0) == done["documents"]
