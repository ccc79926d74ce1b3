"""The translate stage end to end: analyst first, a real (tiny) CTranslate2 model, the cache, failing engines."""

import os

import pytest

from conftest import PAGES
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import reset_stage, run_pending
from dragoman.translate import ModelRegistry
from dragoman.workspace import Workspace

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="module")
def marian(tmp_path_factory):
    from test_mt_models import _build_marian
    _, converted = _build_marian(tmp_path_factory.mktemp("marian"))
    return converted


def _workspace(tmp_path, *settings):
    return Workspace.open(tmp_path / "ws", create=True, overrides=["pipeline.workers=1", *settings])


def test_machine_translation_fills_what_the_analyst_left(tmp_path, marian):
    ws = _workspace(tmp_path, "translate.engine=ctranslate2")
    ModelRegistry(ws.root).add(marian, pair="ar-en")
    report = ingest_sources(ws, [PAGES / "ar-page.html"])
    run_pending(ws)
    doc = ws.store.get_document(report.new[0])
    engines = [s.translation.engine for s in doc.sentences]
    assert engines.count("analyst") == 3 and engines.count("ctranslate2") == 2
    machine = next(s.translation for s in doc.sentences if s.translation.engine == "ctranslate2")
    assert machine.model and machine.version and machine.created and machine.span
    assert doc.title_translation.engine == "analyst"          # the analyst's title is kept
    assert doc.meta["translation"] == "analyst 3, ctranslate2 2"
    ws.close()


def test_retranslation_is_served_from_the_cache(tmp_path, marian, monkeypatch):
    import ctranslate2
    ws = _workspace(tmp_path, "translate.engine=ctranslate2")
    ModelRegistry(ws.root).add(marian, pair="ar-en")
    ingest_sources(ws, [PAGES / "ar-page.html"])
    run_pending(ws)
    calls = []
    original = ctranslate2.Translator.translate_batch
    monkeypatch.setattr(ctranslate2.Translator, "translate_batch",
                        lambda self, *a, **k: calls.append(len(a[0])) or original(self, *a, **k))
    reset_stage(ws, "translate")
    report = run_pending(ws, only=("translate",))
    assert report.tally.documents == 1 and calls == []
    ws.close()


def test_an_unreachable_server_leaves_glosses_and_a_visible_reason(tmp_path):
    ws = _workspace(tmp_path, "translate.engine=libretranslate", "translate.libretranslate_url=http://127.0.0.1:9",
                    "translate.timeout_s=1")
    report = ingest_sources(ws, [PAGES / "ar-page.html"])
    run = run_pending(ws)
    doc = ws.store.get_document(report.new[0])
    assert run.tally.failed == 0
    assert {s.translation.engine for s in doc.sentences} == {"analyst", "gloss"}
    assert "127.0.0.1:9" in doc.meta["translation_error"]
    events = ws.store.run_events(run.run_id)
    assert events and events[0]["stage"] == "translate" and events[0]["outcome"] == "skip"
    ws.close()


def test_analyst_edit_through_the_cli_wins(tmp_path, marian):
    import json
    import subprocess
    import sys
    home = tmp_path / "cli"
    env = {**os.environ, "DRAGOMAN_HOME": str(home), "DRAGOMAN_PIPELINE_WORKERS": "1"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "dragoman", *a], env=env, capture_output=True,  # noqa
                                    text=True, check=True)
    run("ingest", str(PAGES / "ar-page.html"))
    run("run")
    doc_id = json.loads(run("search", "مراقبون", "--json").stdout)["results"][0]["id"]
    shown = json.loads(run("show", doc_id, "--json").stdout)
    index = next(i for i, s in enumerate(shown["sentences"]) if s["original"].startswith("ويرجّح"))
    run("translate", doc_id, "--sentence", str(index), "--text", "Observers expect Moscow to seek a long-term presence.")
    after = json.loads(run("show", doc_id, "--json").stdout)["sentences"][index]
    assert after["english"] == "Observers expect Moscow to seek a long-term presence."
    assert after["provenance"]["engine"] == "analyst"
