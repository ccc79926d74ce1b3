"""Who changed what, when, and what it was before and after: one row per change."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..store.repo import now_iso

ROLES = ("viewer", "analyst", "admin")


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind a request: their account name and role (the local single user is an admin)."""

    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


LOCAL_ACTOR = Actor("local", "admin")


def record(con: sqlite3.Connection, actor: Actor, action: str, target: str, before: Any = None,
           after: Any = None) -> int:
    cur = con.execute("INSERT INTO audit (at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                      (now_iso(), actor.name, action, target, _json(before), _json(after)))
    return int(cur.lastrowid)


def entries(con: sqlite3.Connection, *, offset: int = 0, limit: int = 100, actor: str | None = None,
            action: str | None = None) -> dict[str, Any]:
    where, params = [], []
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if action:
        where.append("action LIKE ?")
        params.append(action.rstrip("*") + "%")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = con.execute(f"SELECT count(*) FROM audit{clause}", params).fetchone()[0]
    rows = con.execute(f"SELECT id, at, actor, action, target, before, after FROM audit{clause}"
                       " ORDER BY id DESC LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    items = [dict(row) | {"before": _load(row["before"]), "after": _load(row["after"])} for row in rows]
    return {"items": items, "total": total, "offset": offset, "limit": limit}


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)
