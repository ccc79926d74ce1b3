"""Killing `dragoman run` (SIGTERM, or kill -9 of the process) leaves no worker or resource tracker behind and no
run marked "running" once the next command starts."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from dragoman.workspace import DB_FILE

TESTS = Path(__file__).parent
SRC = TESTS.parent / "src"


def dragoman(*args, home, **kw):
    env = {**os.environ, "DRAGOMAN_HOME": str(home),
           "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "dragoman",
                             "--set", "pipeline.plugins=plugins.hostile_stages",
                             "--set", 'pipeline.stages=["extract", "pause"]',
                             "--set", "pipeline.workers=2", "--set", "pipeline.batch_size=1", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"doc{i:02d}.txt").write_text(f"Report {i}: Haftar met Shoigu in Moscow on Monday.\n")
    home = tmp_path / "ws"
    proc = dragoman("ingest", str(folder), home=home)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    return home


def _workers_of(proc, want=2, timeout=180):
    """The run's descendants (workers and the resource tracker), once both workers have started."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = parent.children(recursive=True)
        if sum("spawn_main" in " ".join(_cmdline(k)) for k in kids) >= want:
            return kids
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.2)
    raise AssertionError("workers never started")


def _cmdline(p):
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def _all_gone(procs, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return []
        time.sleep(0.2)
    return [(p.pid, _cmdline(p)) for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _db_file(home):
    return home / DB_FILE


def _done(home):
    con = sqlite3.connect(_db_file(home), timeout=30)
    try:
        return con.execute("SELECT count(*) FROM documents WHERE status = 'done'").fetchone()[0]
    finally:
        con.close()


def _some_done(run, home, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _done(home) < 2:
        assert run.poll() is None, run.stderr.read()
        time.sleep(0.2)


def test_sigterm_stops_workers_and_marks_the_run_interrupted(home):
    run = dragoman("run", home=home)
    kids = _workers_of(run)
    _some_done(run, home)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) == 130
    assert _all_gone(kids) == []
    con = sqlite3.connect(_db_file(home))
    status = con.execute("SELECT status FROM runs WHERE kind = 'pipeline'").fetchall()
    con.close()
    assert status == [("interrupted",)]
    assert 2 <= _done(home) < 60                                       # what finished before the signal is kept


def test_kill_9_leaves_no_orphan_and_the_next_start_closes_the_run(home):
    run = dragoman("run", home=home)
    kids = _workers_of(run)
    run.kill()
    run.wait(timeout=30)
    assert _all_gone(kids) == []                                # workers and resource tracker went with it
    con = sqlite3.connect(_db_file(home))
    assert con.execute("SELECT status FROM runs WHERE kind = 'pipeline'").fetchall() == [("running",)]
    con.close()
    again = dragoman("run", "--json", home=home)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert json.loads(out)["failed"] == 0
    con = sqlite3.connect(_db_file(home))
    statuses = con.execute("SELECT status FROM runs WHERE kind = 'pipeline' ORDER BY id").fetchall()
    left = con.execute("SELECT count(*) FROM documents WHERE status != 'done'").fetchone()[0]
    con.close()
    assert statuses == [("interrupted",), ("finished",)] and left == 0
