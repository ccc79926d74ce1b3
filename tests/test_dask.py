"""`run --dask`: the same stored results as the local runner, no document lost or written twice when a Dask
worker is killed mid-run, the stage time budget on Dask workers, and clear errors for a bad scheduler address."""

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import dask  # noqa: E402
from distributed import LocalCluster  # noqa: E402

from dragoman.demo import demo_sources  # noqa: E402
from dragoman.ingest.sources import ingest_sources  # noqa: E402
from dragoman.runner import run_pending  # noqa: E402
from dragoman.scale import DaskError, connect  # noqa: E402
from dragoman.scale.client import HEARTBEAT_S  # noqa: E402
from dragoman.workspace import Workspace  # noqa: E402

TESTS = Path(__file__).parent
LIGHT = ["pipeline.plugins=plugins.hostile_stages", 'pipeline.stages=["extract", "outlet", "langid", "segment", "pause"]',
         "dask.batch_size=3", "pipeline.workers=1"]


def stored(ws: Workspace) -> dict:
    """What a run leaves in the workspace: each document's status and annotations, and its entity links."""
    con = ws.store.con
    docs = {row["id"]: (row["status"], row["pipeline"], _results(json.loads(row["data"])))
            for row in con.execute("SELECT id, status, pipeline, data FROM documents")}
    links = sorted(tuple(row) for row in con.execute(
        'SELECT doc_id, "start", "end", surface, label, rule, entity_id FROM entity_links'))
    return {"documents": docs, "links": _new_entities_by_first_mention(links)}


def _new_entities_by_first_mention(links: list[tuple]) -> list[tuple]:
    """Links with each workspace-made ('new') entity named by its first mention instead of its id. Such an id comes
    from the spelling that made the entity, which depends on the order documents finish in; the grouping must not."""
    made = {row[6] for row in links if row[5] == "new"}
    first: dict[str, tuple] = {}
    for doc_id, start, *_rest, entity_id in links:      # sorted, so the first seen is the first mention
        if entity_id in made and entity_id not in first:
            first[entity_id] = (doc_id, start)
    return [(*row[:6], first.get(row[6], row[6])) for row in links]


def _results(data: dict) -> dict:
    """A stored document less where its capture sits in the archive (two ingests of the same input differ there)."""
    data.pop("capture", None)
    data.get("meta", {}).pop("feed_capture", None)
    return data


def demo_workspace(root: Path, overrides: list[str]) -> Workspace:
    ws = Workspace.open(root, create=True, overrides=overrides)
    assert not ingest_sources(ws, demo_sources()).failed
    return ws


@pytest.fixture(scope="module")
def cluster_address():
    """A running two-worker cluster the tests reach by address, as `--dask tcp://…` would."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def test_local_cluster_stores_what_the_local_runner_stores(tmp_path, tmp_path_factory):
    from test_brief_assemble import build_demo
    local = build_demo(tmp_path_factory)["ws"]          # the demo corpus (ar, ru, tr, fr, en), run in-process
    ws = demo_workspace(tmp_path / "dask", ["pipeline.workers=1", "dask.batch_size=4"])
    with connect("local:2", ws.settings) as cluster:
        assert cluster.workers == 2
        report = run_pending(ws, cluster=cluster)
        # the workers report to this scheduler every HEARTBEAT_S, not Dask's 0.5 s for small clusters
        assert set(cluster.client.run(_heartbeat_ms).values()) == {1000 * HEARTBEAT_S}
        assert run_pending(ws, cluster=cluster).tally.documents == 0        # resume: nothing left to do
    assert report.workers == 2 and report.tally.documents == len(stored(local)["documents"]) > 25
    assert report.tally.failed == 0
    ours, theirs = stored(ws), stored(local)
    assert ours["documents"].keys() == theirs["documents"].keys()
    for doc_id, row in ours["documents"].items():
        assert row == theirs["documents"][doc_id], doc_id
    assert ours["links"] == theirs["links"] and len(ours["links"]) > 100
    run = ws.store.con.execute("SELECT status, settings, counts FROM runs WHERE id = ?", (report.run_id,)).fetchone()
    assert run["status"] == "finished" and json.loads(run["settings"])["dask"].startswith("tcp://")
    assert json.loads(run["counts"])["documents"] == report.tally.documents


def _heartbeat_ms(dask_worker) -> float:
    return dask_worker.periodic_callbacks["heartbeat"].callback_time


def _forked_from_one_process(pids: dict[str, int]) -> bool:
    """Every worker is a child of one fork server (`run --dask local:N`), not a process spawned on its own."""
    import psutil
    parents = {psutil.Process(pid).ppid() for pid in pids.values()}
    return len(parents) == 1 and "forkserver" in " ".join(psutil.Process(parents.pop()).cmdline())


def _has_stages() -> bool:
    import sys
    return "dragoman.pipeline" in sys.modules and "plugins.hostile_stages" in sys.modules


@pytest.mark.parametrize("kind", ["address", "local"])
def test_a_killed_worker_loses_no_document_and_duplicates_none(tmp_path, kind, request):
    reference = demo_workspace(tmp_path / "local", LIGHT)
    expected = run_pending(reference)
    ws = demo_workspace(tmp_path / "dask", LIGHT)
    killed: list[int] = []
    spec = request.getfixturevalue("cluster_address") if kind == "address" else "local:2"
    with connect(spec, ws.settings) as cluster:
        before = cluster.pids()
        if kind == "local":      # forked from the process that built the stages, before any task reached them
            assert _forked_from_one_process(before)
            assert all(cluster.client.run(_has_stages).values())

        def kill_a_busy_worker(done: int, total: int) -> None:
            if killed or done >= total:
                return
            busy = [addr for addr, keys in cluster.client.processing().items() if keys and addr in before]
            if busy:                    # a worker holding a batch right now dies with it
                os.kill(before[busy[0]], signal.SIGKILL)
                killed.append(before[busy[0]])

        report = run_pending(ws, cluster=cluster, progress=kill_a_busy_worker)
        cluster.client.wait_for_workers(2, timeout=60)
        after = cluster.pids()
        if kind == "local":
            assert _forked_from_one_process(after)             # the new one forked from the same warm process
    assert killed and killed[0] not in after.values()        # that worker is gone; the nanny started another
    assert report.tally.documents == expected.tally.documents == len(stored(ws)["documents"])
    assert report.tally.ok == report.tally.documents and report.tally.failed == 0
    assert report.tally.as_dict()["stages"] == expected.tally.as_dict()["stages"]      # each document counted once
    assert stored(ws) == stored(reference)
    assert ws.store.run_events(report.run_id) == []
    run = ws.store.con.execute("SELECT status, counts FROM runs WHERE id = ?", (report.run_id,)).fetchone()
    assert run["status"] == "finished" and json.loads(run["counts"])["documents"] == report.tally.documents


def _profiling(dask_worker) -> bool:
    pc = dask_worker.periodic_callbacks.get("profile")
    return pc is not None and pc.is_running()


def test_a_run_pauses_the_workers_sampling_profiler(tmp_path, cluster_address):
    ws = demo_workspace(tmp_path / "dask", LIGHT)
    during: list[dict] = []
    with connect(cluster_address, ws.settings) as cluster:
        assert all(cluster.client.run(_profiling).values())         # Dask's default: on

        def look(done: int, total: int) -> None:
            if not during:
                during.append(cluster.client.run(_profiling))
        run_pending(ws, cluster=cluster, progress=look)
        after = cluster.client.run(_profiling)
    assert during and not any(during[0].values())
    assert all(after.values()) and len(after) == 2                   # the run's end gives it back


def test_a_stage_past_its_budget_fails_that_document_on_a_dask_worker(tmp_path, cluster_address):
    from plugins.hostile_stages import STALL
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"doc{i}.txt").write_text(f"Отчёт {i}: Хафтар встретился с Шойгу в Москве.\n", encoding="utf-8")
    (folder / "stall.txt").write_text(f"Rapport: {STALL} à Benghazi.\n", encoding="utf-8")
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        "pipeline.plugins=plugins.hostile_stages", 'pipeline.stages=["extract", "stall"]',
        "pipeline.stage_timeout_s=3", "dask.batch_size=2", "pipeline.workers=1"])
    ingest_sources(ws, [folder])
    with connect(cluster_address, ws.settings) as cluster:
        report = run_pending(ws, cluster=cluster)
    assert report.tally.documents == 7 and report.tally.failed == 1 and report.tally.ok == 6
    [event] = ws.store.run_events(report.run_id)
    assert event["stage"] == "stall" and event["outcome"] == "error"
    assert event["reason"] == "took longer than 3 s (setting pipeline.stage_timeout_s)"
    failed = ws.store.con.execute("SELECT data FROM documents WHERE status = 'failed'").fetchone()
    assert STALL in json.loads(failed["data"])["text"]


def test_a_document_that_kills_every_worker_fails_alone(tmp_path):
    from plugins.dask_stages import CRASH
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"doc{i}.txt").write_text(f"Haber {i}: Hafter Moskova'da Şoygu ile görüştü.\n", encoding="utf-8")
    (folder / "crash.txt").write_text(f"خبر: {CRASH} في بنغازي.\n", encoding="utf-8")
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        "pipeline.plugins=plugins.dask_stages", 'pipeline.stages=["extract", "crash"]', "dask.batch_size=6",
        "pipeline.workers=1"])
    ingest_sources(ws, [folder])
    # The scheduler gives up on a task after its first dead worker (the default allows three), to keep this short.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as local, connect(local.scheduler_address, ws.settings) as cluster:
        report = run_pending(ws, cluster=cluster)
    assert report.tally.documents == 6 and report.tally.ok == 5 and report.tally.failed == 1
    [event] = ws.store.run_events(report.run_id)
    assert event["stage"] == "pipeline" and event["reason"].startswith("every Dask worker that took it died")
    failed = ws.store.con.execute("SELECT data FROM documents WHERE status = 'failed'").fetchone()
    assert CRASH in json.loads(failed["data"])["text"]
    assert ws.store.con.execute("SELECT count(*) FROM documents WHERE status = 'done'").fetchone()[0] == 5


def test_workers_with_another_dragoman_refuse_the_run(tmp_path, cluster_address, monkeypatch):
    import dragoman.scale.client as client_module
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=LIGHT)
    (tmp_path / "a.txt").write_text("Хафтар встретился с Шойгу.\n", encoding="utf-8")
    ingest_sources(ws, [tmp_path / "a.txt"])
    monkeypatch.setattr(client_module, "signature", lambda stages: "extract@99")    # as a newer client would ask
    with connect(cluster_address, ws.settings) as cluster, \
            pytest.raises(DaskError, match=r"cannot run this pipeline: .*asks for extract@99; install the same"):
        run_pending(ws, cluster=cluster)
    assert ws.store.con.execute("SELECT status FROM documents").fetchone()[0] == "pending"


def test_bad_addresses_are_one_clear_line(tmp_path):
    from dragoman.settings import Settings
    with pytest.raises(DaskError, match=r"expected local, local:N .* tcp://HOST:8786"):
        connect("localhost:8786", Settings())
    with pytest.raises(DaskError, match="at least one worker"):
        connect("local:0", Settings())
    env = {**os.environ, "DRAGOMAN_HOME": str(tmp_path / "ws"),
           "PYTHONPATH": os.pathsep.join([str(TESTS.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-m", "dragoman", "init"], env=env, check=True, capture_output=True, timeout=120)
    done = subprocess.run([sys.executable, "-m", "dragoman", "--set", "dask.connect_timeout_s=2", "run",
                           "--dask", "tcp://127.0.0.1:9"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("translation:")]
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0] and "no Dask scheduler answered" in lines[0]
    assert "Traceback" not in done.stderr
