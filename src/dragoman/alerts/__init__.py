"""Watchlists and alerts: saved searches (words, an entity, a place and radius, a meaning) matched against every
document the pipeline stores; each watchlist's hits as an Atom feed and, optionally, webhook calls.

`AlertWatcher` is what the runner calls after each commit; `service/watchlists.py` is what the faces call.
"""

from .watcher import AlertWatcher

__all__ = ["AlertWatcher"]
