"""The bundled demo corpus: complete, consistent with its manifest, and searchable in every script."""

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from dragoman.demo import DEMO, manifest, pages_dir
from dragoman.ingest.files import SIDECAR, read_sidecar
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    from dragoman.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("demo") / "ws", create=True, overrides=["pipeline.workers=1"])
    report = ingest_sources(ws, [pages_dir()])
    assert not report.failed and not report.warnings
    run_pending(ws)
    yield ws
    ws.close()


def _docs(ws):
    return {d.meta["file"]: d for d in ws.store.pending("")}


def test_corpus_has_the_required_mix():
    entries = manifest()
    languages = Counter(e["language"] for e in entries)
    assert len(entries) >= 14
    assert languages["ar"] >= 4 and languages["ru"] >= 3 and languages["tr"] >= 1
    assert languages["fr"] >= 1 and languages["en"] >= 3
    assert any(e.get("duplicate_of") for e in entries), "a republished near-duplicate is part of the corpus"
    files = {p.name for p in pages_dir().glob("*.html")}
    assert files == {e["file"] for e in entries}


def test_every_foreign_page_has_an_analyst_translation():
    for entry in manifest():
        if entry["language"] == "en":
            continue
        sidecar = pages_dir() / entry["file"].replace(".html", SIDECAR)
        pairs, notes = read_sidecar(sidecar)
        assert len(pairs) >= 5 and not notes, entry["file"]


def test_pipeline_agrees_with_the_manifest(demo_ws):
    docs = _docs(demo_ws)
    for entry in manifest():
        doc = docs[entry["file"]]
        assert doc.language == entry["language"], entry["file"]
        assert doc.url == entry["url"], entry["file"]
        assert doc.published == entry["published"], entry["file"]
        assert doc.meta["charset"].replace("cp", "windows-") == entry.get("encoding", "utf-8"), entry["file"]
        assert "©" not in doc.text and len(doc.text) > 600, entry["file"]      # boilerplate stripped, body kept
        if entry["language"] != "en":
            assert "translation_unplaced" not in doc.meta, entry["file"]   # every analyst sentence found its span
            assert doc.title_translation is not None, entry["file"]


@pytest.mark.parametrize("variants", [("حفتر", "حَفْتَر"), ("Шойгу", "ШОЙГУ", "шойгу"), ("ещё", "еще")])
def test_demo_searches_match_across_spellings(demo_ws, variants):
    results = [sorted(r["id"] for r in demo_ws.store.search(q, limit=100)) for q in variants]
    assert results[0] and all(r == results[0] for r in results)


def test_arabic_search_finds_the_arabic_pages(demo_ws):
    hits = demo_ws.store.search("حفتر", limit=100)
    assert sum(1 for h in hits if h["language"] == "ar") >= 4


def test_demo_reingest_adds_nothing(demo_ws):
    again = ingest_sources(demo_ws, [pages_dir()])
    assert again.new == [] and not again.failed


def test_later_ingest_material_is_well_formed():
    export = json.loads((DEMO / "telegram" / "mod_russia" / "result.json").read_text(encoding="utf-8"))
    assert export["type"] == "public_channel" and len(export["messages"]) >= 4
    assert any(isinstance(m.get("text"), list) for m in export["messages"])
    for feed in (DEMO / "feeds").iterdir():
        ET.fromstring(feed.read_bytes())
