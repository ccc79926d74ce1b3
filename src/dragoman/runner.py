"""Run the pipeline over stored documents: read pending ones, process them, write results back."""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .archive import ArchiveError
from .model import Document
from .store.entities import EntityStore
from .pipeline import RunTally, Stage, plan, process, signature, worker_count
from .vectors.index import VectorIndex
from .workspace import Workspace

if TYPE_CHECKING:
    from .scale import DaskCluster

Progress = Callable[[int, int], None]     # (done, total)


@dataclass
class RunReport:
    run_id: int
    pipeline: str
    workers: int
    elapsed: float
    tally: RunTally
    interrupted: bool = False
    alerts: int = 0              # new watchlist hits (repeats of a story not counted)
    pool: dict | None = None     # the worker pool's counts and CPU seconds by process (pool.Pool.report)

    def as_dict(self) -> dict:
        out = {"run": self.run_id, "pipeline": self.pipeline, "workers": self.workers,
               "elapsed_s": round(self.elapsed, 3),
               "docs_per_s": round(self.tally.documents / self.elapsed, 2) if self.elapsed else None,
               "interrupted": self.interrupted, "alerts": self.alerts}
        return out | self.tally.as_dict() | ({"pool": self.pool} if self.pool else {})


def raw_needed(stages: list[Stage]) -> Callable[[Document], bool]:
    """Whether a document still has a stage needing its archived bytes."""
    needs_raw = {s.name: s.version for s in stages if "raw" in s.requires}
    return lambda doc: bool(doc.capture) and any(doc.stages.get(n) != v for n, v in needs_raw.items())


def _with_raw(ws: Workspace, docs: Iterator[Document], stages: list[Stage],
              problems: list[tuple[str, str, str, str, str | None]]) -> Iterator[Document]:
    """Attach archived bytes to documents that still have a stage needing them."""
    needed = raw_needed(stages)
    for doc in docs:
        if needed(doc):
            try:
                doc.raw = ws.archive.read(doc.capture)
            except ArchiveError as exc:
                problems.append((doc.id, "archive", "error", str(exc), None))
        yield doc


def run_pending(ws: Workspace, *, only: tuple[str, ...] = (), disable: tuple[str, ...] = (),
                progress: Progress | None = None, limit: int | None = None, alerts: bool = True,
                log: Callable[[str], None] | None = None, cluster: "DaskCluster | None" = None,
                preloaded: Any = None) -> RunReport:
    """Process every document whose stored work differs from the current stage list.

    With `only`, just those stages run; a document counts as fully processed only when every stage of the
    whole plan has run on it at its current version. Fully processed documents are matched against the
    workspace's watchlists after each commit (`alerts=False` skips that). With `cluster`, Dask workers process
    the documents and this process still writes everything (same resume, counts and run record). `preloaded` is a
    pool from `pipeline.start_pool`, whose models loaded while the caller ingested (closed if unused).
    """
    full = plan(ws.settings, disable=disable)
    stages = plan(ws.settings, only=only, disable=disable) if only else full
    sig = signature(full)
    total = ws.store.count_pending(sig)
    if limit is not None:
        total = min(total, limit)
    if cluster is None:
        workers = min(worker_count(ws.settings), max(1, total // ws.settings["pipeline.batch_size"] + 1))
        where = {}
    else:
        if preloaded is not None:
            preloaded.close()
            preloaded = None
        workers, where = cluster.workers, {"dask": cluster.address}
    run_id = ws.store.start_run("pipeline", {"stages": sig, "workers": workers} | where | ws.settings.as_dict())
    tally = RunTally()
    entities = EntityStore(ws.store.con)      # the canonical entity store: every variant seen, every merge
    vectors = VectorIndex(ws.store.con)       # passage vectors of the embed stage
    problems: list[tuple[str, str, str, str, str | None]] = []
    watcher = _Alerts(ws, log) if alerts else None
    started = time.perf_counter()
    interrupted = False

    def pending() -> Iterator[Document]:
        for n, doc in enumerate(ws.store.pending(sig)):
            if limit is not None and n >= limit:
                return
            yield doc

    with _terminate_as_interrupt():
        pool: dict = {}
        # Dask workers read the archived bytes themselves, from what the cluster sends them (scale/archived.py)
        outcomes = (process(_with_raw(ws, pending(), stages, problems), stages, ws.settings, workers=workers,
                            batch_size=ws.settings["pipeline.batch_size"], stats=pool, pool=preloaded)
                    if cluster is None else cluster.process(pending(), stages, ws, problems))
        try:
            for batch in outcomes:
                done: list[Document] = []
                with ws.store.transaction(), entities.batch():
                    for outcome in batch:
                        complete = not outcome.failed and all(outcome.doc.stages.get(s.name) == s.version
                                                              for s in full)
                        status = "failed" if outcome.failed else ("done" if complete else "pending")
                        ws.store.save_processed(outcome.doc, status=status, pipeline=sig if complete else "")
                        if complete:
                            done.append(outcome.doc)
                        if "entities" in outcome.doc.stages:
                            entities.record(outcome.doc.id, outcome.doc.mentions, lang=outcome.doc.language)
                        if outcome.doc.embeddings is not None:
                            vectors.replace(outcome.doc.id, outcome.doc.embeddings)
                        tally.add(outcome, stages)
                    ws.store.record_events(run_id, [(o.doc.id, *e) for o in batch for e in o.events])
                    if problems:
                        ws.store.record_events(run_id, problems)
                        problems.clear()
                if watcher:
                    watcher.after_commit(done)      # reads what was just committed; never raises
                if progress:
                    progress(tally.documents, total)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            outcomes.close()             # stops and reaps the workers, whatever ended the loop
            if watcher:
                watcher.close(hurry=interrupted)
                if watcher.problems:
                    with ws.store.transaction():
                        ws.store.record_events(run_id, [("watchlists", "alerts", "error", p, None)
                                                        for p in watcher.problems])
        elapsed = time.perf_counter() - started
        report = RunReport(run_id, sig, workers, elapsed, tally, interrupted, watcher.hits if watcher else 0, pool)
        ws.store.finish_run(run_id, report.as_dict(), "interrupted" if interrupted else "finished")
    if interrupted:
        raise KeyboardInterrupt
    return report


class _Alerts:
    """The run's `AlertWatcher`, started once the workspace has a watchlist (one may be added while the run goes
    on): without one it would match nothing, and importing it (the analysis, places and times modules) costs the
    writer ~0.05–0.2 CPU-s a run. Pending webhooks belong to a watchlist, so none wait when there is none."""

    def __init__(self, ws: Workspace, log: Callable[[str], None] | None) -> None:
        self.ws, self.log = ws, log
        self.watcher = None
        self._start()

    def _start(self) -> None:
        if self.watcher is None and self.ws.store.con.execute("SELECT 1 FROM watchlists LIMIT 1").fetchone():
            from .alerts import AlertWatcher
            self.watcher = AlertWatcher(self.ws, log=self.log)

    def after_commit(self, docs: list[Document]) -> None:
        self._start()
        if self.watcher is not None:
            self.watcher.after_commit(docs)

    def close(self, *, hurry: bool = False) -> None:
        if self.watcher is not None:
            self.watcher.close(hurry=hurry)

    @property
    def problems(self) -> list[str]:
        return self.watcher.problems if self.watcher is not None else []

    @property
    def hits(self) -> int:
        return self.watcher.hits if self.watcher is not None else 0


@contextmanager
def _terminate_as_interrupt():
    """SIGTERM ends a run like Ctrl-C: workers are stopped, finished work is kept, the run is marked interrupted."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def reset_stage(ws: Workspace, stage_name: str, doc_ids: list[str] | None = None) -> int:
    """Mark a stage as not run on these documents (default: all), so the next run redoes it."""
    ids = doc_ids or [row[0] for row in ws.store.con.execute("SELECT id FROM documents")]
    count = 0
    with ws.store.transaction():
        for doc_id in ids:
            doc = ws.store.get_document(doc_id)
            if doc.stages.pop(stage_name, None) is not None:
                count += 1
            ws.store.save_processed(doc, status="pending", pipeline="")
    return count
