"""Pages travel to Dask workers as their compressed WARC records: the worker reads the very bytes the client
would have read, and an unreadable record is recorded as the local runner records it."""

import logging
import os
import re

import pytest

pytest.importorskip("distributed")

from distributed import LocalCluster  # noqa: E402

from dragoman.ingest.sources import ingest_sources  # noqa: E402
from dragoman.model import to_json  # noqa: E402
from dragoman.runner import run_pending  # noqa: E402
from dragoman.scale import connect  # noqa: E402
from dragoman.scale.archived import SLACK, ArchivedRecords, unpack  # noqa: E402
from dragoman.workspace import Workspace  # noqa: E402

from test_dask import LIGHT, stored  # noqa: E402

PAGES = {f"page{i}.html": ("<html><head><title>Haber</title></head><body><p>"
                           + f"Hafter {i}. kez Moskova'da Şoygu ile görüştü. " * (40 + 30 * i) + "</p></body></html>")
         for i in range(4)}


def _workspace(root, pages) -> Workspace:
    pages.mkdir(exist_ok=True)
    for name, html in PAGES.items():
        (pages / name).write_text(html, encoding="utf-8")
    ws = Workspace.open(root, create=True, overrides=LIGHT)
    ingest_sources(ws, [pages])
    return ws


def _docs(ws):
    return sorted(ws.store.pending("-"), key=lambda d: d.capture.offset)


def test_the_worker_reads_the_bytes_the_client_would_read(tmp_path):
    ws = _workspace(tmp_path / "ws", tmp_path / "pages")
    # a record no document points at (a brief's picture) after the last page, then a large one
    ws.archive.write(b"\x89PNG" + os.urandom(2000), uri="https://example.org/p.png", content_type="image/png",
                     origin="picture")
    records = ArchivedRecords(ws)
    docs = _docs(ws)
    assert len(docs) == 4
    for doc in docs:
        raw, archived = records.wire(doc)
        assert raw is None and len(archived) < doc.capture.length        # compressed, this record alone or so
        assert unpack(doc, archived) == (ws.archive.read(doc.capture), None)
    ws.archive.write(os.urandom(3 * SLACK), uri="https://example.org/big.png", content_type="image/png",
                     origin="picture")
    last = docs[-1]
    records = ArchivedRecords(ws)            # the last page is now followed by more than it could ever take up
    assert records.wire(last) == (ws.archive.read(last.capture), None)


def test_an_unreadable_record_is_recorded_as_the_local_runner_records_it(tmp_path):
    results = {}
    for kind in ("local", "dask"):
        ws = _workspace(tmp_path / kind, tmp_path / "pages")
        broken = _docs(ws)[1]
        broken.capture.sha256 = "0" * 64            # as if the archived bytes had been altered since
        ws.store.con.execute("UPDATE documents SET data = ? WHERE id = ?", (to_json(broken).decode(), broken.id))
        if kind == "local":
            report = run_pending(ws)
        else:
            with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0",
                              silence_logs=logging.ERROR) as local, \
                    connect(local.scheduler_address, ws.settings) as cluster:
                report = run_pending(ws, cluster=cluster)
        # (where the record sits differs between the two ingests: the folders' names are in its header)
        events = sorted((e["item"], e["stage"], re.sub(r"@\d+", "@", e["reason"] or ""))
                        for e in ws.store.run_events(report.run_id))
        results[kind] = (report.tally.as_dict() | {"stage_seconds": None}, events, stored(ws), broken.id)
    (tally, events, rows, broken), theirs = results["dask"], results["local"]
    assert tally == theirs[0] and rows["documents"] == theirs[2]["documents"]
    assert events == theirs[1]
    [(doc, reason)] = [(doc, reason) for doc, stage, reason in events if stage == "archive"]
    assert doc == broken and "SHA-256 mismatch" in reason

