"""The SQLite connection: WAL mode, foreign keys, numbered migrations tracked in `user_version`."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from ..errors import WorkspaceError

MIGRATIONS = resources.files("dragoman.store") / "migrations"


def _migrations() -> list[tuple[int, str]]:
    found = []
    for item in MIGRATIONS.iterdir():
        if item.name.endswith(".sql"):
            found.append((int(item.name.split("_", 1)[0]), item.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return _migrations()[-1][0]


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) the database; read-only connections never write or migrate."""
    if readonly:
        if not path.exists():
            raise WorkspaceError(f"{path}: no database here; run `dragoman init` first")
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        con = sqlite3.connect(path, isolation_level=None)   # explicit BEGIN/COMMIT only
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        # Statement journals (each write statement and savepoint inside a transaction keeps one) in memory: spilled
        # to a temporary file they cost the pipeline's writer ~300 write calls a document.
        con.execute("PRAGMA temp_store=MEMORY")
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA busy_timeout=10000")
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > latest_version():
        raise WorkspaceError(f"{path}: database schema v{version} is newer than this Dragoman "
                             f"(v{latest_version()}); upgrade Dragoman")
    if readonly and version < latest_version():
        raise WorkspaceError(f"{path}: database schema v{version} is older than this Dragoman's "
                             f"(v{latest_version()}); run `dragoman init` to upgrade it")
    if not readonly:
        migrate(con, version)
    return con


def migrate(con: sqlite3.Connection, current: int) -> None:
    for number, sql in _migrations():
        if number <= current:
            continue
        con.execute("BEGIN")
        try:
            for statement in _statements(sql):
                con.execute(statement)
            con.execute(f"PRAGMA user_version={number}")
            con.execute("COMMIT")
        except sqlite3.Error:
            con.execute("ROLLBACK")
            raise


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    parts, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            parts.append(buf.strip())
            buf = ""
    if buf.strip():
        parts.append(buf.strip())
    return parts
