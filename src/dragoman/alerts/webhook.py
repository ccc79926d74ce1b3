"""Webhook deliveries in a background thread: each hit POSTed as JSON through the fetcher's address check,
retried with a doubling wait, never on the pipeline's path. Outcomes go back to the parent, which records them.

Webhooks to this machine (127.0.0.0/8, ::1) are refused like any private address unless the analyst sets
`alerts.webhook_allow_loopback` (for a local receiver, tests and the latency bench).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..settings import Settings
from .background import Background

LOOPBACK = ("127.0.0.0/8", "::1/128")


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


class WebhookSender(Background):
    """One thread, one queue; `results()` hands back the Outcome of each delivery made or given up on."""

    name = "webhooks"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.retries = max(0, int(settings["alerts.webhook_retries"]))
        self.backoff_s = float(settings["alerts.webhook_backoff_s"])
        self._fetcher: Any = None

    def send(self, delivery: Delivery) -> None:
        self.put(delivery)

    def handle(self, d: Delivery) -> list[Outcome]:
        if self._fetcher is None:
            from ..ingest.fetch import Fetcher
            allow = LOOPBACK if self.settings["alerts.webhook_allow_loopback"] else ()
            self._fetcher = Fetcher(self.settings, allow=allow)
        return [self._deliver(d)]

    def _deliver(self, d: Delivery) -> Outcome:
        error = ""
        for attempt in range(self.retries + 1):
            try:
                self._fetcher.post_json(d.url, d.payload)
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

    def closed(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None
