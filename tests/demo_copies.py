"""Private copies of the demo workspace for tests that change it or serve it, and accounts to log in with."""

from __future__ import annotations

import shutil
from pathlib import Path

from dragoman.service import accounts
from dragoman.service.audit import Actor
from dragoman.store import connect
from test_brief_assemble import build_demo

TEST_ADMIN = Actor("test-admin", "admin")


def demo_copy(tmp_path_factory, name: str) -> Path:
    """The processed demo workspace (built once per session) copied to a folder of its own."""
    demo = build_demo(tmp_path_factory)
    demo["ws"].store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")      # the copy must hold every write
    target = tmp_path_factory.mktemp(name) / "ws"
    shutil.copytree(demo["ws"].root, target)
    return target


def add_accounts(root: Path, roles: dict[str, str]) -> dict[str, str]:
    """Accounts {name: role} created in the workspace at `root`: {name: token}."""
    con = connect(root / "dragoman.db")
    try:
        con.execute("BEGIN")
        made = {name: accounts.add(con, name, role, TEST_ADMIN)["token"] for name, role in roles.items()}
        con.execute("COMMIT")
    finally:
        con.close()
    return made
