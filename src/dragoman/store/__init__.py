"""SQLite storage: one plain database file per workspace (open it with Datasette or sqlite3 too)."""

from .db import connect
from .repo import Store

__all__ = ["Store", "connect"]
