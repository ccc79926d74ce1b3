"""One daemon thread working through a queue of jobs, off the pipeline's path; the parent collects what each job
gave (or the exception it raised) without waiting, and at the end waits a bounded time for the rest."""

from __future__ import annotations

import queue
import threading
from typing import Any


class Background:
    """Subclasses say what one job does (`handle`, returning its results); `put`, `results`, `finish` do the rest."""

    name = "background"

    def __init__(self) -> None:
        self._todo: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()          # set when `finish` runs out of time: jobs should give up waiting

    def handle(self, job: Any) -> list[Any]:
        raise NotImplementedError

    def put(self, job: Any) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
            self._thread.start()
        self._todo.put(job)

    def _loop(self) -> None:
        while True:
            job = self._todo.get()
            if job is None:
                return
            try:
                for result in self.handle(job):
                    self._done.put(result)
            except Exception as exc:        # a failed job costs its own results, never the run
                self._done.put(exc)

    def results(self) -> list[Any]:
        """Everything the thread has given so far, without waiting."""
        out = []
        while True:
            try:
                out.append(self._done.get_nowait())
            except queue.Empty:
                return out

    def finish(self, timeout_s: float) -> bool:
        """Wait (at most `timeout_s`) for the queued jobs; past it, tell them to stop. True when all were done."""
        if self._thread is None:
            return True
        self._todo.put(None)
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join(1.0)
        done = not self._thread.is_alive()
        self._thread = None
        self.closed()
        return done

    def closed(self) -> None:
        """What to release once the thread is done (or given up on)."""
