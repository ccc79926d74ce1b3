"""Where Dragoman keeps data it builds once per machine (the gazetteer, arabnamer renderings)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """`$DRAGOMAN_CACHE`, else `~/.cache/dragoman`: shared by every workspace, rebuilt when missing."""
    return Path(os.environ.get("DRAGOMAN_CACHE") or Path.home() / ".cache" / "dragoman")
