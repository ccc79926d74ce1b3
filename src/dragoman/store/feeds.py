"""The feed list and each feed's polling state (ETag, Last-Modified, successes and failures)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, fields
from typing import Any

from ..errors import NotFound


@dataclass
class Feed:
    url: str
    title: str | None = None
    folder: str | None = None
    language: str | None = None
    outlet: str | None = None
    html_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    last_success: str | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    next_poll: str | None = None
    items_seen: int = 0
    id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_COLUMNS = [f.name for f in fields(Feed) if f.name != "id"]
_DESCRIBED = ("title", "folder", "language", "outlet", "html_url")


class FeedRepo:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def add(self, feed: Feed, now: str) -> bool:
        """Add a feed, or fill in what an existing entry doesn't say yet; True if it is new."""
        existing = self.con.execute("SELECT id FROM feeds WHERE url = ?", (feed.url,)).fetchone()
        if existing:
            for column in _DESCRIBED:
                value = getattr(feed, column)
                if value:
                    self.con.execute(f"UPDATE feeds SET {column} = coalesce({column}, ?) WHERE id = ?",
                                     (value, existing[0]))
            return False
        self.con.execute("INSERT INTO feeds (url, title, folder, language, outlet, html_url, added_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (feed.url, feed.title, feed.folder, feed.language, feed.outlet, feed.html_url, now))
        return True

    def all(self) -> list[Feed]:
        rows = self.con.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM feeds ORDER BY folder, title, url")
        return [Feed(**dict(row)) for row in rows]

    def get(self, url: str) -> Feed:
        row = self.con.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is None:
            raise NotFound(f"feed {url!r} is not in the feed list; add it with `dragoman feeds add`")
        return Feed(**dict(row))

    def save_state(self, feed: Feed) -> None:
        self.con.execute(
            "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, last_polled = ?, last_success = ?,"
            " consecutive_failures = ?, last_error = ?, next_poll = ?, items_seen = ? WHERE url = ?",
            (feed.title, feed.etag, feed.last_modified, feed.last_polled, feed.last_success,
             feed.consecutive_failures, feed.last_error, feed.next_poll, feed.items_seen, feed.url))

    def remove(self, url: str) -> bool:
        return bool(self.con.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount)
