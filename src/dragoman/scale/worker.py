"""The Dask worker's side: a plugin that holds one run's settings and workspace context, stages built once per
worker process (on the first batch, not inside the plugin, so the worker's event loop never blocks on model
loading; a worker forked by `node.py` finds the models already loaded and builds in milliseconds), and the task that processes one batch of documents under the same stage time budget as the local
runner."""

from __future__ import annotations

import ctypes
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..model import Document, from_json, to_json
from ..pipeline import Outcome, StageTimeout, Worker

_RUNS: dict[str, "_Run"] = {}        # this worker process's runs, by key (one per client run)
# Dask's sampling profiler reads the task thread's stack every 10 ms from the worker's event loop: ~25 CPU ms a
# second and GIL time taken from the stages. Paused while a run is installed, started again when the last ends.
PROFILER = ("profile", "profile-cycle")
_paused: list[Any] = []
POLL_S = 0.25


class DragomanPlugin(WorkerPlugin):
    """Installed on every worker of the cluster (and on workers that join or restart later) for one run."""

    def __init__(self, key: str, names: list[str], values: dict[str, Any], context: Any, signature: str) -> None:
        self.key, self.names, self.values = key, names, values
        self.context, self.signature = context, signature

    def setup(self, worker: Any) -> None:
        from ..pipeline import REGISTRY, _discover
        from ..settings import Settings
        from .context import materialise
        _discover(Settings(self.values)["pipeline.plugins"])
        missing = [n for n in self.names if n not in REGISTRY]
        here = ",".join(f"{n}@{REGISTRY[n].version}" for n in self.names if n in REGISTRY)
        if missing or here != self.signature:
            raise RuntimeError(f"this worker's Dragoman runs {here or 'no stages'} but the client asks for "
                               f"{self.signature}; install the same Dragoman version on every worker")
        base = Path(getattr(worker, "local_directory", None) or tempfile.gettempdir())
        folder = materialise(self.context, Path(tempfile.mkdtemp(prefix=f"dragoman-{self.key[:12]}-", dir=base)))
        _RUNS[self.key] = _Run(self.names, self.values | {"workspace.root": str(folder)}, folder)
        callbacks = getattr(worker, "periodic_callbacks", {})
        for name in PROFILER:
            if (pc := callbacks.get(name)) is not None and pc.is_running():
                pc.stop()
                _paused.append(pc)

    def teardown(self, worker: Any) -> None:
        run = _RUNS.pop(self.key, None)
        if run is not None:
            shutil.rmtree(run.folder, ignore_errors=True)
        if not _RUNS:
            while _paused:
                _paused.pop().start()


Wire = tuple[bytes, bytes | None, bytes | None]   # a document as JSON, its raw bytes or its archived record
# the document as JSON, its passage vectors, events, failed, stage seconds, why its archived record was unreadable
WireOutcome = tuple[bytes, Any, list, bool, dict[str, float], str | None]


def process_batch(key: str, batch: list[Wire]) -> list[WireOutcome]:
    """The Dask task: every document of the batch through the run's stages; one outcome each, in order.

    Documents travel as the JSON the store keeps (not pickled objects), so what the client writes is byte for
    byte what an in-process run would write, whatever Python or pickle protocol a worker has. Their pages come
    as the archived WARC record, read here (`archived.py`); one that cannot be read is reported to the client,
    which records it as the local runner does, and the document goes on without its page."""
    from .archived import unpack
    run = _RUNS.get(key)
    if run is None:
        raise RuntimeError("this Dask worker has no Dragoman run installed (the plugin was removed or failed)")
    docs, problems = [], []
    for data, raw, archived in batch:
        doc = from_json(data)
        problem = None
        if archived is not None:
            raw, problem = unpack(doc, archived)
        doc.raw = raw
        docs.append(doc)
        problems.append(problem)
    return [(to_json(o.doc), o.doc.embeddings, o.events, o.failed, o.seconds, problem)
            for o, problem in zip(run.process(docs), problems)]


class _Run:
    def __init__(self, names: list[str], values: dict[str, Any], folder: Path) -> None:
        self.names, self.values, self.folder = names, values, folder
        self.lock = threading.Lock()
        self.worker: Worker | None = None
        self.budget: _Budget | None = None

    def _built(self) -> tuple[Worker, "_Budget"]:
        with self.lock:          # one build per worker process, whatever the thread count
            if self.worker is None:
                from ..pipeline import make_worker
                self.worker = make_worker(self.names, self.values)
                self.budget = _Budget(float(self.values.get("pipeline.stage_timeout_s") or 0))
            assert self.budget is not None
            return self.worker, self.budget

    def process(self, docs: list[Document]) -> list[Outcome]:
        worker, budget = self._built()
        out = []
        for doc in docs:
            watch = budget.watch()
            try:
                outcome = worker.process_one(doc, on_stage=watch.stage)
                watch.stop()
            except StageTimeout as exc:        # the budget fired between two stages: still this document's
                watch.stop()
                doc.raw = None
                outcome = Outcome(doc, events=[(watch.current, "error", str(exc), None)], failed=True)
            out.append(outcome)
        return out


class _Budget:
    """`pipeline.stage_timeout_s` for task threads: a watchdog raises StageTimeout inside the thread that runs a
    stage past its time (as SIGALRM does for in-process runs; signals only reach the main thread, and Dask runs
    tasks in a thread pool). Like SIGALRM, it lands when the stage next runs Python code."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()
        self.watches: set[_Watch] = set()
        if seconds > 0:
            threading.Thread(target=self._loop, name="dragoman-stage-budget", daemon=True).start()

    def watch(self) -> "_Watch":
        w = _Watch(self, threading.get_ident())
        with self.lock:
            self.watches.add(w)
        return w

    def _loop(self) -> None:
        expired = type("StageBudgetExpired", (StageTimeout,), {"__init__": _expired_init(self.seconds)})
        while True:
            time.sleep(POLL_S)
            now = time.monotonic()
            with self.lock:
                for w in self.watches:
                    if not w.fired and w.current != "start" and now - w.since > self.seconds:
                        w.fired = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(w.thread), ctypes.py_object(expired))


def _expired_init(seconds: float):
    def init(self, *args: Any) -> None:
        StageTimeout.__init__(self, f"took longer than {seconds:g} s (setting pipeline.stage_timeout_s)")
    return init


class _Watch:
    """One document's clock: which stage it is in and since when."""

    def __init__(self, budget: _Budget, thread: int) -> None:
        self.budget, self.thread = budget, thread
        self.current, self.since, self.fired = "start", time.monotonic(), False

    def stage(self, name: str) -> None:
        with self.budget.lock:
            self.current, self.since = name, time.monotonic()

    def stop(self) -> None:
        with self.budget.lock:
            self.budget.watches.discard(self)
