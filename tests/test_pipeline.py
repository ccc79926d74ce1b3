import pytest

from conftest import PAGES
from dragoman.errors import SettingsError
from dragoman.ingest.sources import ingest_sources
from dragoman.model import Document
from dragoman.pipeline import REGISTRY, Skip, Stage, Worker, plan, process, signature, stage
from dragoman.runner import run_pending
from dragoman.settings import Settings


@pytest.fixture
def flaky_stage():
    """A stage that skips Russian documents and crashes on documents mentioning Derna."""
    @stage("test_flaky", version="1", requires=("text",), assigns=("meta",))
    def build(settings):
        def flaky(doc: Document) -> Document:
            if doc.language == "ru":
                raise Skip("russian")
            if "درنة" in doc.text:
                raise RuntimeError("boom")
            doc.meta["flaky"] = "seen"
            return doc
        return flaky
    yield REGISTRY["test_flaky"]
    del REGISTRY["test_flaky"]


def test_plan_follows_settings_order_and_switches(ws):
    full = ["extract", "outlet", "langid", "segment", "translate", "entities", "places", "times", "events",
            "claims", "geoclaims"]
    assert [s.name for s in plan(ws.settings)] == full
    assert [s.name for s in plan(ws.settings, disable=["langid", "claims"])] == \
        ["extract", "outlet", "segment", "translate", "entities", "places", "times", "events", "geoclaims"]
    assert [s.name for s in plan(ws.settings, only=["segment"])] == ["segment"]
    with pytest.raises(SettingsError, match="unknown stage 'nope'"):
        plan(ws.settings, disable=["nope"])


def test_stages_declare_what_they_require_and_assign():
    stages = plan(Settings())
    assert all(isinstance(s, Stage) and s.requires and s.assigns and s.help for s in stages)
    assert signature(stages).startswith("extract@")


def test_full_run_then_resume_does_nothing(ws):
    ingest_sources(ws, [PAGES])
    first = run_pending(ws)
    assert first.tally.documents == 2 and first.tally.failed == 0
    assert run_pending(ws).tally.documents == 0           # everything stored is up to date
    doc = next(d for d in ws.store.pending("") if d.language == "ar")
    assert doc.title == "حفتر يلتقي بوتين في موسكو" and doc.published.isoformat() == "2023-09-28T10:15:00+03:00"
    assert "الأكثر قراءة" not in doc.text and "ملفات تعريف الارتباط" not in doc.text   # boilerplate gone
    assert doc.stages == {s.name: s.version for s in plan(ws.settings)}


def test_skips_and_errors_are_counted_and_stored(ws, tmp_path, flaky_stage):
    ingest_sources(ws, [PAGES])
    (tmp_path / "derna.txt").write_text("فيضانات درنة دمرت أحياء كاملة في المدينة الساحلية.", encoding="utf-8")
    ingest_sources(ws, [tmp_path / "derna.txt"])
    ws.settings.set("pipeline.stages", ["extract", "langid", "test_flaky", "segment"], "test")
    report = run_pending(ws)
    assert report.tally.documents == 3 and report.tally.failed == 1
    assert report.tally.dropped == {"dropped/test_flaky/russian": 1}
    events = ws.store.run_events(report.run_id)
    error = next(e for e in events if e["outcome"] == "error")
    assert error["stage"] == "test_flaky" and "RuntimeError: boom" in error["reason"] and "boom" in error["detail"]
    status = dict(ws.store.con.execute("SELECT language, status FROM documents").fetchall())
    assert status == {"ar": "done", "ru": "done"} or set(status.values()) == {"done", "failed"}
    # the failed document is retried by the next run; the others are not touched again
    assert run_pending(ws).tally.documents == 1


def test_a_new_stage_version_reruns_only_that_stage(ws, monkeypatch):
    ingest_sources(ws, [PAGES])
    run_pending(ws)
    calls = []
    original = REGISTRY["segment"]
    bumped = Stage(original.name, original.version + ".1", original.requires, original.assigns, original.help,
                   lambda s: (lambda doc: calls.append(doc.id) or original.build(s)(doc)))
    monkeypatch.setitem(REGISTRY, "segment", bumped)
    report = run_pending(ws)
    assert report.tally.documents == 2 and len(calls) == 2
    assert set(report.tally.stages) == {"segment"}


def test_worker_processes_match_in_process_results(ws):
    ingest_sources(ws, [PAGES])
    docs = list(ws.store.pending("x"))
    for doc in docs:
        doc.raw = ws.archive.read(doc.capture)
    stages = plan(ws.settings)
    serial = [o.doc for batch in process([d for d in docs], stages, ws.settings, workers=1) for o in batch]
    for doc in docs:
        doc.raw = ws.archive.read(doc.capture)
        doc.stages = {}
    parallel = [o.doc for batch in process(docs, stages, ws.settings, workers=2, batch_size=1) for o in batch]
    key = lambda d: d.id  # noqa: E731
    assert [(d.id, d.text, d.language, len(d.sentences)) for d in sorted(serial, key=key)] == \
           [(d.id, d.text, d.language, len(d.sentences)) for d in sorted(parallel, key=key)]
    assert all(d.raw is None for d in parallel)


def test_missing_requirement_is_a_counted_skip():
    worker = Worker([REGISTRY["segment"]] if "segment" in REGISTRY else plan(Settings(), only=["segment"]),
                    Settings())
    outcome = worker.process_one(Document(id="d1", source="local", text=""))
    assert outcome.events == [("segment", "skip", "no text", None)] and not outcome.failed
