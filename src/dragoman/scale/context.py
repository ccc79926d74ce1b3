"""What a Dask worker needs from the workspace, carried as plain data.

Stages read a few small files from the workspace folder (the outlets overlay, the term base, the translation
model list) and the entities the workspace knows (names born here, analysts' merges and pins). The client packs
those into a `WorkspaceContext`; each worker writes them into a private folder of its own and builds its stages
against that folder, so no worker ever opens the analyst's workspace.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..outlets.registry import WORKSPACE_FILE as OUTLETS_FILE
from ..translate.models import REGISTRY_FILE as MODELS_FILE
from ..vocab.termbase import WORKSPACE_FILE as TERMBASE_FILE
from ..workspace import DB_FILE, Workspace

FILES = (OUTLETS_FILE, TERMBASE_FILE, MODELS_FILE)
ENTITY_TABLES = ("entities", "entity_variants")     # all that `store.entities.known_entities` reads


@dataclass(frozen=True)
class WorkspaceContext:
    files: dict[str, bytes]
    tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]     # table -> (columns, rows)

    def digest(self) -> str:
        """Changes whenever anything a worker builds its stages from changes."""
        h = hashlib.sha256()
        for name in sorted(self.files):
            h.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        for table in sorted(self.tables):
            columns, rows = self.tables[table]
            h.update(table.encode() + repr((columns, rows)).encode("utf-8", "surrogatepass"))
        return h.hexdigest()


def pack(ws: Workspace) -> WorkspaceContext:
    """The workspace's read-only parts a worker's stages use."""
    files = {name: (ws.root / name).read_bytes() for name in FILES if (ws.root / name).is_file()}
    tables = {}
    for table in ENTITY_TABLES:
        try:
            cur = ws.store.con.execute(f"SELECT * FROM {table} ORDER BY rowid")
        except sqlite3.OperationalError:        # a database from before the entity tables
            continue
        tables[table] = (tuple(c[0] for c in cur.description), [tuple(row) for row in cur.fetchall()])
    return WorkspaceContext(files, tables)


def materialise(context: WorkspaceContext, folder: Path) -> Path:
    """Write the context into `folder` as a workspace folder the stages can read; returns the folder."""
    from ..store.db import connect
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in context.files.items():
        (folder / name).write_bytes(data)
    con = connect(folder / DB_FILE)              # an empty database of the current schema
    try:
        con.execute("PRAGMA foreign_keys=OFF")   # rows arrive table by table, merges may point forward
        con.execute("BEGIN")
        for table, (columns, rows) in context.tables.items():
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        con.execute("COMMIT")
    finally:
        con.close()
    return folder
