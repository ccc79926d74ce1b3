"""Other projects' test inputs (feedparser, html5lib, warcio, chardet; ../shared/peer-corpora) through ingest and
run: every file ends stored or refused with a one-line reason, nothing raises, and every chardet text is decoded
as the encoding its name states. Every chardet file is ingested and checked; a deterministic sample of the rest
goes through ingest + run, to stay fast; bench/replay_peers.py replays every corpus through the CLI."""

import os
from pathlib import Path

import pytest

from dragoman.ingest.decode import html_charset
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.text.controls import strip_controls
from dragoman.workspace import Workspace

CORPORA = Path(os.environ.get("DRAGOMAN_PEER_CORPORA")
               or Path(__file__).resolve().parents[1] / ".." / "shared" / "peer-corpora")
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/peer-corpora is not here")

sys_path_bench = Path(__file__).resolve().parents[1] / "bench"


def _sample(folder: str, every: int) -> list[Path]:
    files = sorted(p for p in (CORPORA / folder).rglob("*") if p.is_file() and p.name != "LICENSE")
    return files[::every]


def _expected(name: str) -> str:
    import sys
    sys.path.insert(0, str(sys_path_bench))
    from replay_peers import expected_encoding
    return expected_encoding(name)


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("peers") / "ws", create=True,
                        overrides=["pipeline.workers=1", "pipeline.stage_timeout_s=60"])
    sources = (_sample("feedparser", 100) + _sample("html5lib-tree-construction", 100) + _sample("warcio", 1)
               + _sample("chardet", 25))
    report = ingest_sources(ws, sources)
    run = run_pending(ws)
    yield ws, sources, report, run
    ws.close()


@pytest.fixture(scope="module")
def chardet_ws(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("chardet") / "ws", create=True)
    report = ingest_sources(ws, [CORPORA / "chardet"])
    yield ws, report
    ws.close()


def test_every_file_is_stored_or_refused_in_one_line(replayed):
    ws, sources, report, run = replayed
    assert len(sources) > 60 and len(report.new) > 40
    for item, reason in report.failed:
        assert reason and "\n" not in reason and "Traceback" not in reason and len(reason) < 1200, (item, reason)
    errors = [e for e in ws.store.run_events(run.run_id) if e["outcome"] == "error"]
    assert not [e for e in errors if "Error:" in e["reason"]], errors      # no stage crashed on any of them
    assert run.tally.documents == len(report.new)


def test_every_chardet_text_is_decoded_as_named(chardet_ws):
    ws, report = chardet_ws
    # html/ holds the same bytes as txt/: stored once, the copies are "unchanged"; both paths are checked below.
    assert len(report.new) == len(report.unchanged) == 157
    assert [item for item, _ in report.failed] == [str(CORPORA / "chardet" / "LICENSE")]
    checked, wrong = 0, []
    for (doc_id,) in ws.store.con.execute("SELECT id FROM documents").fetchall():
        doc = ws.store.get_document(doc_id)
        name = doc.meta.get("file", "")
        if "__" not in name or doc.capture is None:
            continue
        raw = ws.archive.read(doc.capture)
        want = raw.decode(_expected(name), errors="replace").lstrip("\ufeff")
        checked += 1
        if name.endswith(".txt"):
            ok = doc.text == strip_controls(want)
        else:
            ok = raw.decode(doc.meta["charset"], errors="replace").lstrip("\ufeff") == want
        if not ok:
            wrong.append((name, doc.meta.get("charset")))
    for page in sorted((CORPORA / "chardet" / "html").iterdir()):
        raw = page.read_bytes()
        checked += 1
        if raw.decode(html_charset(page.name, raw), errors="replace") != raw.decode(_expected(page.name)):
            wrong.append((page.name, html_charset(page.name, raw)))
    assert checked == 314 and wrong == []
