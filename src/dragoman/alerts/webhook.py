"""Webhook deliveries in a background thread: each hit POSTed as JSON through the fetcher's address check,
retried with a doubling wait, never on the pipeline's path. Outcomes go back to the parent, which records them.

Webhooks to this machine (127.0.0.0/8, ::1) are refused like any private address unless the analyst sets
`alerts.webhook_allow_loopback` (for a local receiver, tests and the latency bench).
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..settings import Settings

LOOPBACK = ("127.0.0.0/8", "::1/128")


def drain(q: queue.Queue) -> list:
    """Everything a background thread has put in `q` so far, without waiting."""
    out = []
    while True:
        try:
            out.append(q.get_nowait())
        except queue.Empty:
            return out


@dataclass(frozen=True)
class Delivery:
    hit_id: int
    url: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    hit_id: int
    state: str                 # sent, failed, or pending (stopped while retrying)
    tries: int
    error: str | None = None


class WebhookSender:
    """One thread, one queue; `outcomes()` hands back what was delivered or given up on."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.retries = max(0, int(settings["alerts.webhook_retries"]))
        self.backoff_s = float(settings["alerts.webhook_backoff_s"])
        self._todo: queue.Queue[Delivery | None] = queue.Queue()
        self._done: queue.Queue[Outcome] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def send(self, delivery: Delivery) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="webhooks", daemon=True)
            self._thread.start()
        self._todo.put(delivery)

    def _fetcher(self):
        from ..ingest.fetch import Fetcher
        allow = LOOPBACK if self.settings["alerts.webhook_allow_loopback"] else ()
        return Fetcher(self.settings, allow=allow)

    def _work(self) -> None:
        fetcher = self._fetcher()
        try:
            while True:
                delivery = self._todo.get()
                if delivery is None:
                    return
                self._done.put(self._deliver(fetcher, delivery))
        finally:
            fetcher.close()

    def _deliver(self, fetcher, d: Delivery) -> Outcome:
        error = ""
        for attempt in range(self.retries + 1):
            try:
                fetcher.post_json(d.url, d.payload)
                return Outcome(d.hit_id, "sent", attempt + 1)
            except InputError as exc:
                error = exc.reason
                if exc.reason.startswith("refused"):                   # an address rule won't change
                    if "loopback" in error:
                        error += "; for a webhook to this machine set alerts.webhook_allow_loopback"
                    return Outcome(d.hit_id, "failed", attempt + 1, error)
                if self._stop.is_set():
                    return Outcome(d.hit_id, "pending", attempt + 1, error)  # tried again at the next start
                wait = self.backoff_s * 2 ** attempt
                asked = getattr(exc, "retry_after", None)
                if attempt < self.retries:
                    self._stop.wait(max(wait, asked or 0.0))
        return Outcome(d.hit_id, "failed", self.retries + 1, f"{error} after {self.retries} retries")

    def outcomes(self) -> list[Outcome]:
        return drain(self._done)

    def finish(self, timeout_s: float) -> bool:
        """Deliver what is queued within `timeout_s`; past it, stop retrying (undelivered hits stay pending)."""
        if self._thread is None:
            return True
        self._todo.put(None)
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join(1.0)
        done = not self._thread.is_alive()
        self._thread = None
        return done
