"""Watchlists and their hits in SQLite (migration 0009). Only the parent process writes here."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, NotFound
from .repo import now_iso

KINDS = ("query", "entity", "near", "semantic")


@dataclass
class Watchlist:
    """A saved search: `kind` picks the test, `value` is what the analyst typed, `params` what it resolved to."""

    name: str
    kind: str
    value: str
    params: dict[str, Any] = field(default_factory=dict)
    webhook: str | None = None
    id: int | None = None
    created_at: str | None = None
    created_by: str | None = None

    @property
    def languages(self) -> list[str]:
        return list(self.params.get("languages") or [])

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "value": self.value, "params": self.params,
                "webhook": self.webhook, "created_at": self.created_at, "created_by": self.created_by}


@dataclass
class Hit:
    """A document a watchlist caught; `duplicate_of` names the earlier hit of the same story, if any."""

    watchlist_id: int
    doc_id: str
    why: str
    score: float | None = None
    duplicate_of: str | None = None
    id: int | None = None
    matched_at: str | None = None


class WatchlistRepo:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def add(self, w: Watchlist, actor: str) -> Watchlist:
        if self.con.execute("SELECT 1 FROM watchlists WHERE name = ?", (w.name,)).fetchone():
            raise InputError(f"watchlist {w.name!r}", "already exists; remove it first or pick another name")
        w.created_at, w.created_by = now_iso(), actor
        cur = self.con.execute(
            "INSERT INTO watchlists (name, kind, value, params, webhook, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (w.name, w.kind, w.value, json.dumps(w.params, ensure_ascii=False), w.webhook, w.created_at, actor))
        w.id = int(cur.lastrowid)
        return w

    def all(self) -> list[Watchlist]:
        return [_watchlist(r) for r in self.con.execute("SELECT * FROM watchlists ORDER BY name")]

    def get(self, name: str) -> Watchlist:
        row = self.con.execute("SELECT * FROM watchlists WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFound(f"watchlist {name!r} not found; list them with `dragoman watchlists list`")
        return _watchlist(row)

    def remove(self, name: str) -> Watchlist:
        w = self.get(name)
        self.con.execute("DELETE FROM watchlist_hits WHERE watchlist_id = ?", (w.id,))
        self.con.execute("DELETE FROM watchlists WHERE id = ?", (w.id,))
        return w

    def set_param(self, watchlist_id: int, key: str, value: Any) -> None:
        row = self.con.execute("SELECT params FROM watchlists WHERE id = ?", (watchlist_id,)).fetchone()
        if row is not None:
            params = json.loads(row[0]) | {key: value}
            self.con.execute("UPDATE watchlists SET params = ? WHERE id = ?",
                             (json.dumps(params, ensure_ascii=False), watchlist_id))

    def add_hit(self, hit: Hit, *, webhook: bool) -> int | None:
        """Store a hit once per (watchlist, document); returns its id, or None when it was already stored."""
        hit.matched_at = now_iso()
        state = "pending" if webhook and not hit.duplicate_of else None
        cur = self.con.execute(
            "INSERT INTO watchlist_hits (watchlist_id, doc_id, matched_at, why, score, duplicate_of, webhook_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(watchlist_id, doc_id) DO NOTHING",
            (hit.watchlist_id, hit.doc_id, hit.matched_at, hit.why, hit.score, hit.duplicate_of, state))
        if not cur.rowcount:
            return None
        hit.id = int(cur.lastrowid)
        return hit.id

    def already_hit(self, watchlist_id: int, doc_ids: list[str]) -> set[str]:
        marks = ",".join("?" * len(doc_ids))
        return {r[0] for r in self.con.execute(
            f"SELECT doc_id FROM watchlist_hits WHERE watchlist_id = ? AND doc_id IN ({marks})",
            (watchlist_id, *doc_ids))} if doc_ids else set()

    def recent_originals(self, watchlist_id: int, limit: int) -> list[str]:
        """Doc ids of the latest hits that were not duplicates, newest first (what a new hit may repeat)."""
        return [r[0] for r in self.con.execute(
            "SELECT doc_id FROM watchlist_hits WHERE watchlist_id = ? AND duplicate_of IS NULL"
            " ORDER BY id DESC LIMIT ?", (watchlist_id, limit))]

    def hits(self, *, watchlist: str | None = None, limit: int = 50, include_duplicates: bool = False,
             hit_id: int | None = None) -> list[dict[str, Any]]:
        """Recent hits (or the one `hit_id`), newest first, with the document's title, language, outlet, link."""
        where: list[str] = []
        params: list[Any] = []
        if hit_id is not None:
            where.append("h.id = ?")
            params.append(hit_id)
        if watchlist:
            where.append("w.name = ?")
            params.append(watchlist)
        if not include_duplicates:
            where.append("h.duplicate_of IS NULL")
        rows = self.con.execute(
            "SELECT h.id, w.name AS watchlist, h.doc_id, h.matched_at, h.why, h.score, h.duplicate_of,"
            " h.webhook_state, h.webhook_tries, h.webhook_error, d.title, d.language,"
            " coalesce(d.outlet, d.source) AS outlet, d.url, d.published,"
            # a gloss (names glossed in the original) is not an English title and is never shown as one
            " CASE WHEN json_extract(d.data, '$.title_translation.engine') != 'gloss'"
            " THEN json_extract(d.data, '$.title_translation.text') END AS title_english"
            " FROM watchlist_hits h JOIN watchlists w ON w.id = h.watchlist_id"
            " LEFT JOIN documents d ON d.id = h.doc_id"
            f" WHERE {' AND '.join(where) or '1'} ORDER BY h.id DESC LIMIT ?", [*params, limit]).fetchall()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, dict[str, Any]]:
        """Per watchlist name: hits (not duplicates), duplicates, and the time of the last hit."""
        rows = self.con.execute(
            "SELECT w.name, sum(h.id IS NOT NULL AND h.duplicate_of IS NULL) AS hits,"
            " sum(h.duplicate_of IS NOT NULL) AS duplicates,"
            " max(h.matched_at) AS last FROM watchlists w LEFT JOIN watchlist_hits h ON h.watchlist_id = w.id"
            " GROUP BY w.id").fetchall()
        return {r["name"]: {"hits": r["hits"] or 0, "duplicates": r["duplicates"] or 0, "last_hit": r["last"]}
                for r in rows}

    def pending_deliveries(self, limit: int = 500) -> list[dict[str, Any]]:
        return [dict(r) for r in self.con.execute(
            "SELECT h.id, w.name AS watchlist, w.webhook FROM watchlist_hits h"
            " JOIN watchlists w ON w.id = h.watchlist_id WHERE h.webhook_state = 'pending'"
            " AND w.webhook IS NOT NULL ORDER BY h.id LIMIT ?", (limit,))]

    def record_delivery(self, hit_id: int, state: str, tries: int, error: str | None) -> None:
        self.con.execute("UPDATE watchlist_hits SET webhook_state = ?, webhook_tries = webhook_tries + ?,"
                         " webhook_error = ? WHERE id = ?", (state, tries, error, hit_id))


def _watchlist(row: sqlite3.Row) -> Watchlist:
    return Watchlist(name=row["name"], kind=row["kind"], value=row["value"], params=json.loads(row["params"]),
                     webhook=row["webhook"], id=row["id"], created_at=row["created_at"], created_by=row["created_by"])
