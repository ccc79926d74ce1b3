"""A workspace: one folder holding the database, the WARC archive and settings.toml."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .archive import Archive
from .errors import WorkspaceError
from .settings import SETTINGS_FILE, Settings, default_file_text
from .store import Store, connect

DEFAULT_DIR = "dragoman-data"
DB_FILE = "dragoman.db"


def resolve_root(explicit: str | Path | None) -> Path:
    """--workspace, else $DRAGOMAN_HOME, else ./dragoman-data."""
    return Path(explicit or os.environ.get("DRAGOMAN_HOME") or DEFAULT_DIR).expanduser()


@dataclass
class Workspace:
    root: Path
    settings: Settings
    store: Store
    archive: Archive

    @classmethod
    def init(cls, root: Path) -> bool:
        """Create the folder, settings file and database; returns False if it already existed."""
        existed = (root / DB_FILE).exists()
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root}: exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        if not (root / SETTINGS_FILE).exists():
            (root / SETTINGS_FILE).write_text(default_file_text(), encoding="utf-8")
        connect(root / DB_FILE).close()
        (root / "archive").mkdir(exist_ok=True)
        return not existed

    @classmethod
    def open(cls, root: Path, *, overrides: Iterable[str] = (), create: bool = False,
             readonly: bool = False) -> "Workspace":
        if not (root / DB_FILE).exists():
            if not create:
                raise WorkspaceError(f"{root}: not a Dragoman workspace; run `dragoman init` "
                                     f"(or pass --workspace / set DRAGOMAN_HOME)")
            cls.init(root)
        settings = Settings.load(root, overrides)
        settings.set("workspace.root", str(root.resolve()), "workspace")
        con = connect(root / DB_FILE, readonly=readonly)
        archive = Archive(root / "archive", level=settings["archive.gzip_level"]) if not readonly else _ReadArchive(root)
        return cls(root, settings, Store(con), archive)

    def close(self) -> None:
        self.store.close()


class _ReadArchive(Archive):
    """An archive opened for reading only (does not create folders)."""

    def __init__(self, root: Path) -> None:
        self.root = root / "archive"
