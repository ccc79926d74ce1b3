"""Worker processes for `run`, each on a budget, none outliving the run.

One document at a time goes to each worker, which reports every stage it starts. The parent watches the clock
and each worker's memory: a stage past `pipeline.stage_timeout_s`, a worker past `pipeline.worker_max_mb` or a
worker that dies fails that one document with the reason, and a fresh worker takes the slot; the rest of the run
goes on. Workers exit with the parent (PR_SET_PDEATHSIG on Linux, else a watchdog on the parent's pid), ignore
Ctrl-C (the parent ends them), and are killed when the run stops for any reason.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Iterator

from .model import Document

POLL_S = 0.25                # how often the parent looks at clocks and memory while it waits
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when `parent_pid` ends, however it ends (kill -9 included)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:       # the parent went before the line above took effect
        os._exit(1)

    def watch() -> None:                 # also covers systems without prctl
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(conn: Connection, names: list[str], values: dict[str, Any], parent_pid: int) -> None:
    """A worker's life: build the stages once, then process one document per message until told to stop."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C reaches the whole group; the parent decides
    from .pipeline import make_worker
    worker = make_worker(names, values)
    conn.send(("ready",))
    while True:
        try:
            doc = conn.recv()
        except (EOFError, OSError):
            return
        if doc is None:
            return
        outcome = worker.process_one(doc, on_stage=lambda name: conn.send(("stage", name)))
        conn.send(("done", outcome))


@dataclass
class _Slot:
    process: Any
    conn: Connection
    ready: bool = False
    doc: Document | None = None
    stage: str = "start"
    since: float = 0.0


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc), None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


class Pool:
    """`workers` budgeted worker processes; `run(docs)` yields each document's Outcome as it completes, and
    None between polls."""

    def __init__(self, names: list[str], values: dict[str, Any], workers: int, *,
                 stage_timeout_s: float, max_mb: float) -> None:
        self.names, self.values, self.size = names, values, workers
        self.stage_timeout_s, self.max_mb = stage_timeout_s, max_mb
        self.context = multiprocessing.get_context("spawn")      # no forked locks from the parent's threads
        self.slots: list[_Slot] = []
        self.replaced = 0

    def _start(self) -> _Slot:
        here, there = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(there, self.names, self.values, os.getpid()),
                                       name="dragoman-worker", daemon=True)
        process.start()
        there.close()
        return _Slot(process, here)

    def _replace(self, slot: _Slot) -> None:
        _end(slot)
        self.slots[self.slots.index(slot)] = self._start()
        self.replaced += 1

    def run(self, docs: Iterator[Document]) -> Iterator[Any | None]:
        from .pipeline import Outcome
        try:
            self.slots = [self._start() for _ in range(self.size)]
            more = True
            while True:
                for slot in self.slots:
                    if more and slot.ready and slot.doc is None:
                        slot.doc = next(docs, None)
                        if slot.doc is None:
                            more = False
                        else:
                            slot.stage, slot.since = "start", time.monotonic()
                            try:
                                slot.conn.send(slot.doc)
                            except OSError:             # the worker died while idle
                                yield _failed(Outcome, slot, f"the worker died (exit code {slot.process.exitcode})")
                                self._replace(slot)
                if not more and all(s.doc is None for s in self.slots):
                    return
                for conn in wait([s.conn for s in self.slots], timeout=POLL_S):
                    slot = next(s for s in self.slots if s.conn is conn)
                    try:
                        while slot.conn.poll():
                            message = slot.conn.recv()
                            if message[0] == "ready":
                                slot.ready = True
                            elif message[0] == "stage":
                                slot.stage, slot.since = message[1], time.monotonic()
                            else:
                                slot.doc = None
                                yield message[1]
                    except (EOFError, OSError):
                        code = slot.process.exitcode
                        if slot.doc is None and not slot.ready:
                            raise RuntimeError(f"a pipeline worker failed to start (exit code {code})") from None
                        if slot.doc is not None:
                            yield _failed(Outcome, slot, f"the worker died (exit code {code})")
                        self._replace(slot)
                now = time.monotonic()
                for slot in list(self.slots):
                    if slot.doc is None:
                        continue
                    if now - slot.since > self.stage_timeout_s:
                        reason = (f"took longer than {self.stage_timeout_s:g} s "
                                  "(setting pipeline.stage_timeout_s); the worker was replaced")
                    elif (mb := rss_mb(slot.process.pid)) is not None and mb > self.max_mb:
                        reason = (f"used {mb:.0f} MB, over {self.max_mb:g} MB (setting pipeline.worker_max_mb); "
                                  "the worker was replaced")
                    else:
                        continue
                    yield _failed(Outcome, slot, reason)
                    self._replace(slot)
                yield None          # a tick: lets the caller commit what it holds while a slow document runs
        finally:
            for slot in self.slots:
                _end(slot)


def _failed(outcome_type: Any, slot: _Slot, reason: str) -> Any:
    doc = slot.doc
    assert doc is not None
    doc.raw = None
    stage = slot.stage if slot.stage != "start" else "pipeline"
    return outcome_type(doc, events=[(stage, "error", reason, None)], failed=True)


def _end(slot: _Slot) -> None:
    """Stop a worker now: ask, then kill; never leave it running."""
    try:
        if slot.doc is None and slot.ready and slot.process.is_alive():
            slot.conn.send(None)
            slot.process.join(timeout=2)
    except (OSError, ValueError):
        pass
    if slot.process.is_alive():
        slot.process.kill()
    slot.process.join(timeout=5)
    slot.conn.close()
