"""The worker pool: stages are built once per run and workers are forked from the process that built them, so a
replaced worker loads nothing again; documents queued on a replaced worker are not lost."""

import os
from contextlib import contextmanager

import pytest

from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.workspace import Workspace

PLUGINS = 'pipeline.plugins=["plugins.hostile_stages", "plugins.counted_stages"]'


@pytest.fixture
def builds(tmp_path, monkeypatch):
    path = tmp_path / "builds.txt"
    monkeypatch.setenv("DRAGOMAN_TEST_BUILDS", str(path))
    return path


def _texts(folder, n, marked_first=""):
    folder.mkdir()
    for i in range(n):
        body = f"Report {i}: Haftar met Shoigu in Moscow on Monday.\n" + (marked_first if i == 0 else "")
        (folder / f"doc{i:02d}.txt").write_text(body, encoding="utf-8")
    return folder


def test_stages_are_built_once_even_when_a_worker_is_replaced(tmp_path, builds):
    from plugins.hostile_stages import STALL
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        PLUGINS, 'pipeline.stages=["extract", "counted", "stall"]', "pipeline.workers=2", "pipeline.batch_size=1",
        "pipeline.stage_timeout_s=5"])
    try:
        ingest_sources(ws, [_texts(tmp_path / "in", 8, STALL)])
        report = run_pending(ws)
        # the stalled document fails; the one queued behind it on the same worker is processed by its replacement
        assert (report.tally.ok, report.tally.failed) == (7, 1)
        [problem] = ws.store.run_events(report.run_id)
        assert problem["stage"] == "stall" and "worker was replaced" in problem["reason"]
        pids = builds.read_text(encoding="utf-8").split()
        assert len(pids) == 1 and int(pids[0]) != os.getpid()       # built once, in the model process
    finally:
        ws.close()


def test_every_document_is_processed_once_with_workers(tmp_path, builds):
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        PLUGINS, 'pipeline.stages=["extract", "counted", "pause"]', "pipeline.workers=2", "pipeline.batch_size=2"])
    try:
        ingest_sources(ws, [_texts(tmp_path / "in", 9)])
        report = run_pending(ws)
        assert (report.tally.documents, report.tally.ok, report.tally.failed) == (9, 9, 0)
        assert ws.store.count_pending(report.pipeline) == 0
        assert len(builds.read_text(encoding="utf-8").split()) == 1
    finally:
        ws.close()


def _french_and_english(tmp_path):
    """Six short pages, every third French, in a workspace that preloads English first and French second."""
    folder = tmp_path / "in"
    folder.mkdir()
    french = "Le ministre de la Défense a rencontré le maréchal Haftar à Benghazi lundi, selon des responsables."
    english = "The defence minister met Khalifa Haftar in Benghazi on Monday, officials said on Tuesday."
    for i in range(6):
        text = (french if i % 3 == 0 else english).replace("Benghazi", f"Benghazi ({i + 1})")
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        PLUGINS, 'pipeline.stages=["extract", "langid", "counted", "languages"]', 'pipeline.preload=["en", "fr"]',
        "pipeline.workers=2", "pipeline.batch_size=1"])
    return folder, ws


def test_a_language_many_documents_need_loads_once_for_every_worker(tmp_path, builds, monkeypatch):
    """Workers start after the first preloaded language; a document in a language not loaded yet is handed back,
    and once enough wait for it (here one), the model process loads it and workers forked then process them, so no
    worker loads a model of its own."""
    from dragoman import pool
    monkeypatch.setattr(pool, "LOAD_AFTER", 1)
    report, model_process, by_process = _run_french_and_english(tmp_path, builds, monkeypatch)
    assert sorted(by_process) == [[model_process, "en"], [model_process, "fr"]]
    assert report.pool["loaded_on_request"] == ["fr"] and report.pool["stages_run_again"] == 0


def _run_french_and_english(tmp_path, builds, monkeypatch):
    """Run the French-and-English workspace to the end: its report, the model process's pid, and the
    (pid, language) of every model load."""
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv("DRAGOMAN_TEST_LOADS", str(loads))
    folder, ws = _french_and_english(tmp_path)
    try:
        ingest_sources(ws, [folder])
        report = run_pending(ws)
        assert (report.tally.documents, report.tally.ok, report.tally.failed) == (6, 6, 0)
        assert ws.store.count_pending(report.pipeline) == 0
        done = ws.store.con.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0]
        assert done == 6
    finally:
        ws.close()
    [model_process] = builds.read_text(encoding="utf-8").split()
    return report, model_process, [line.split() for line in loads.read_text(encoding="utf-8").splitlines()]


def test_a_rare_language_loads_only_in_the_workers_that_end_the_run(tmp_path, builds, monkeypatch):
    """Two French documents among English ones, fewer than the model process loads a language for: they wait
    until the English ones are done, then one worker loads French itself, processes both and ends; the model
    process never loads French, and no stage runs twice on a document that was handed back."""
    report, model_process, by_process = _run_french_and_english(tmp_path, builds, monkeypatch)
    assert [model_process, "en"] in by_process and [model_process, "fr"] not in by_process
    [french_loader] = [pid for pid, lang in by_process if lang == "fr"]
    assert french_loader != model_process
    assert report.pool["forks_loading_themselves"] == 1 and report.pool["loaded_on_request"] == []
    assert report.pool["deferred"] == 2 and report.pool["stages_run_again"] == 0
    assert report.pool["cpu_s"]["models"] > 0 and report.pool["cpu_s"]["workers"] > 0


@contextmanager
def _french_kills(tmp_path, monkeypatch):
    """The French-and-English workspace run to the end with every French model load killing its process; yields
    the open workspace and the run's report."""
    monkeypatch.setenv("DRAGOMAN_TEST_LOADS", str(tmp_path / "loads.txt"))
    monkeypatch.setenv("DRAGOMAN_TEST_FRENCH_KILLS", "1")
    folder, ws = _french_and_english(tmp_path)
    try:
        ingest_sources(ws, [folder])
        yield ws, run_pending(ws)
    finally:
        ws.close()


def test_a_model_process_that_dies_loading_a_language_does_not_stall_the_run(tmp_path, builds, monkeypatch):
    """The model process dies loading a later language (its workers with it): a new one loads only the first
    language, the documents that waited are handed to workers that load what they need themselves (here that
    kills them too, so those documents fail with the reason), and the run ends with every document counted."""
    from dragoman import pool
    monkeypatch.setattr(pool, "LOAD_AFTER", 1)
    with _french_kills(tmp_path, monkeypatch) as (ws, report):
        assert report.tally.documents == 6 and report.tally.ok + report.tally.failed == 6
        failed = {e["item"] for e in ws.store.run_events(report.run_id) if e["outcome"] == "error"}
        french_ids = {doc_id for (doc_id,) in ws.store.con.execute("SELECT id FROM documents")
                      if ws.store.get_document(doc_id).text.startswith("Le ")}
        assert len(french_ids) == 2 and french_ids <= failed
        assert all("died" in e["reason"] for e in ws.store.run_events(report.run_id))


def test_a_worker_that_dies_loading_a_rare_language_fails_only_its_documents(tmp_path, builds, monkeypatch):
    """The worker that loads a rare language itself dies doing so: each French document fails with the reason
    (one worker after another), the English ones are stored, and the run ends."""
    with _french_kills(tmp_path, monkeypatch) as (ws, report):
        assert (report.tally.documents, report.tally.ok, report.tally.failed) == (6, 4, 2)
        failed = {e["item"]: e["reason"] for e in ws.store.run_events(report.run_id) if e["outcome"] == "error"}
        assert all(ws.store.get_document(doc_id).text.startswith("Le ") for doc_id in failed)
        assert all("died" in reason for reason in failed.values())
        assert "model_process_restarts" not in report.pool


def test_long_documents_in_both_directions_do_not_stall_the_pool(tmp_path, builds):
    """The parent queues a second long document on a worker while that worker sends back the first: neither
    may wait on the other (a page and its result each larger than what a pipe holds)."""
    import signal
    import threading
    folder = tmp_path / "in"
    folder.mkdir()
    line = "The defence minister met Khalifa Haftar in Benghazi on Monday, officials said. "
    for i in range(6):
        (folder / f"long{i}.txt").write_text(f"Report {i}.\n" + line * 25_000, encoding="utf-8")   # ~2 MB each
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        PLUGINS, 'pipeline.stages=["extract", "counted"]', "pipeline.workers=2", "pipeline.batch_size=1"])
    # A stalled run is ended the way SIGTERM ends one (as interrupted), so the test fails instead of hanging.
    watchdog = threading.Timer(180, lambda: os.kill(os.getpid(), signal.SIGTERM))
    try:
        ingest_sources(ws, [folder])
        watchdog.start()
        try:
            report = run_pending(ws)
        except KeyboardInterrupt:
            pytest.fail("the pool stalled")
        assert (report.tally.ok, report.tally.failed) == (6, 0)
    finally:
        watchdog.cancel()
        ws.close()


def test_a_pool_started_before_ingest_processes_what_ingest_stored(tmp_path, builds):
    """`dragoman ingest --run`: the model process loads while ingest reads; the run then uses it."""
    from dragoman.pipeline import plan, start_pool
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        PLUGINS, 'pipeline.stages=["extract", "counted", "pause"]', "pipeline.workers=2", "pipeline.batch_size=2"])
    try:
        pool = start_pool(plan(ws.settings), ws.settings, 2)
        ingest_sources(ws, [_texts(tmp_path / "in", 9)])
        report = run_pending(ws, preloaded=pool)
        assert (report.tally.documents, report.tally.ok, report.tally.failed) == (9, 9, 0)
        assert report.pool["forks"] == 2 and ws.store.count_pending(report.pipeline) == 0
        pids = builds.read_text(encoding="utf-8").split()
        assert len(pids) == 1 and int(pids[0]) != os.getpid()       # the stages were built once, by that process
    finally:
        ws.close()


def test_a_started_pool_a_small_run_does_not_need_is_ended(tmp_path, builds):
    from dragoman.pipeline import plan, start_pool
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        PLUGINS, 'pipeline.stages=["extract", "counted"]', "pipeline.workers=2", "pipeline.batch_size=32"])
    try:
        pool = start_pool(plan(ws.settings), ws.settings, 2)
        process = pool.zygote.process
        ingest_sources(ws, [_texts(tmp_path / "in", 3)])
        report = run_pending(ws, preloaded=pool)           # 3 documents: one process is enough
        assert (report.workers, report.tally.ok) == (1, 3)
        assert pool.zygote is None and not process.is_alive()
        assert os.getpid() in map(int, builds.read_text(encoding="utf-8").split())    # built in-process
    finally:
        ws.close()


def test_stage_clocks_tell_the_document_in_hand_from_the_ones_around_it():
    import multiprocessing

    from dragoman.pool import StageClocks
    clocks = StageClocks(multiprocessing.get_context("spawn"), 4, ["extract", "segment", "ner"])
    started = clocks.writer(2)
    assert clocks.read(2, 0) is False                 # no stage of the first document yet: "start"
    started(0, "segment")
    stage, since = clocks.read(2, 0)
    assert stage == "segment" and clocks.base <= since
    assert clocks.read(2, 1) is False                 # the next document has not started a stage
    started(1, "extract")
    assert clocks.read(2, 0) is True                  # the worker moved past the first: its result is on the way
    assert clocks.read(2, 1)[0] == "extract"
    started(65537, "ner")                             # the count wraps at 16 bits without losing its place
    assert clocks.read(2, 65537)[0] == "ner" and clocks.read(2, 65536) is True and clocks.read(2, 65538) is False
    assert all(clocks.read(cell, 0) is False for cell in (0, 1, 3))    # one cell per worker
    clocks.clear(2)
    assert clocks.read(2, 65537) is False
