"""Accounts, API tokens and browser sessions.

A token is `dgm_<user id>_<secret>`; only scrypt(secret, salt) is stored, so a stolen database gives no token.
Verifying scrypt costs ~50 ms, so a verified token is remembered (by its SHA-256) for a few minutes in-process.
No accounts at all means the single-user local mode: the server then serves loopback only, as `local` (admin).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from ..errors import InputError, NotFound
from . import audit
from .audit import ROLES, Actor

SESSION_HOURS = 12
_CACHE_SECONDS = 300
_verified: dict[str, tuple[float, int]] = {}     # sha256(token) -> (when verified, user id)


def has_accounts(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def add(con: sqlite3.Connection, name: str, role: str, by: Actor) -> dict[str, Any]:
    """Create an account; returns it with its token, which is shown this once and never stored."""
    name = name.strip()
    if not name or len(name) > 64 or not all(c.isalnum() or c in "._-" for c in name):
        raise InputError(f"user name {name!r}", "use 1–64 letters, digits, '.', '_' or '-'")
    _check_role(role)
    if con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise InputError(f"user {name!r}", f"exists already; `dragoman users token {name}` gives a new token")
    cur = con.execute("INSERT INTO users (name, role, created) VALUES (?, ?, ?)", (name, role, _now()))
    token = _new_token(con, int(cur.lastrowid))
    audit.record(con, by, "user.add", name, None, {"role": role})
    return {"name": name, "role": role, "token": token}


def new_token(con: sqlite3.Connection, name: str, by: Actor) -> dict[str, Any]:
    user = _user(con, name)
    token = _new_token(con, user["id"])
    audit.record(con, by, "user.token", name, None, {"token": "replaced"})
    return {"name": name, "role": user["role"], "token": token}


def disable(con: sqlite3.Connection, name: str, by: Actor) -> dict[str, Any]:
    user = _user(con, name)
    con.execute("UPDATE users SET disabled = 1, token_hash = NULL WHERE id = ?", (user["id"],))
    con.execute("DELETE FROM sessions WHERE user_id = ?", (user["id"],))
    _verified.clear()
    audit.record(con, by, "user.disable", name, {"disabled": bool(user["disabled"])}, {"disabled": True})
    return {"name": name, "disabled": True}


def listing(con: sqlite3.Connection) -> list[dict[str, Any]]:
    return [{"name": r["name"], "role": r["role"], "disabled": bool(r["disabled"]), "created": r["created"]}
            for r in con.execute("SELECT name, role, disabled, created FROM users ORDER BY name")]


def authenticate(con: sqlite3.Connection, token: str) -> Actor | None:
    """The active account a token belongs to, or None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "dgm" or not parts[1].isdigit():
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    cached = _verified.get(digest)
    row = con.execute("SELECT id, name, role, disabled, token_salt, token_hash FROM users WHERE id = ?",
                      (int(parts[1]),)).fetchone()
    if row is None or row["disabled"] or not row["token_hash"]:
        return None
    if not (cached and cached[1] == row["id"] and time.monotonic() - cached[0] < _CACHE_SECONDS):
        if not hmac.compare_digest(_hash(parts[2], row["token_salt"]), row["token_hash"]):
            return None
        _verified[digest] = (time.monotonic(), row["id"])
    return Actor(row["name"], row["role"])


def open_session(con: sqlite3.Connection, actor_name: str) -> tuple[str, str]:
    """A new browser session for an authenticated user: (cookie value, CSRF token)."""
    user = _user(con, actor_name)
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    expires = datetime.now(timezone.utc) + timedelta(hours=SESSION_HOURS)
    con.execute("DELETE FROM sessions WHERE expires < ?", (_now(),))
    con.execute("INSERT INTO sessions (id_hash, user_id, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                (_sha(session_id), user["id"], csrf, _now(), expires.isoformat(timespec="seconds")))
    return session_id, csrf


def session(con: sqlite3.Connection, session_id: str) -> tuple[Actor, str] | None:
    """(who, their CSRF token) for a live session cookie, else None."""
    row = con.execute("SELECT u.name, u.role, u.disabled, s.csrf, s.expires FROM sessions s"
                      " JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?", (_sha(session_id),)).fetchone()
    if row is None or row["disabled"] or row["expires"] < _now():
        return None
    return Actor(row["name"], row["role"]), row["csrf"]


def close_session(con: sqlite3.Connection, session_id: str) -> None:
    con.execute("DELETE FROM sessions WHERE id_hash = ?", (_sha(session_id),))


def _new_token(con: sqlite3.Connection, user_id: int) -> str:
    secret, salt = secrets.token_urlsafe(32), secrets.token_hex(16)
    con.execute("UPDATE users SET token_salt = ?, token_hash = ?, disabled = 0 WHERE id = ?",
                (salt, _hash(secret, salt), user_id))
    _verified.clear()
    return f"dgm_{user_id}_{secret}"


def _hash(secret: str, salt: str) -> str:
    return hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), n=2 ** 14, r=8, p=1).hex()


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _user(con: sqlite3.Connection, name: str) -> sqlite3.Row:
    row = con.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFound(f"user {name!r} not found; list them with `dragoman users list`")
    return row


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"role {role!r}", f"use one of {', '.join(ROLES)}")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
