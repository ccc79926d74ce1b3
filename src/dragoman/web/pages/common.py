"""What every page handler shares: the workspace for the request, who is asking and their CSRF token."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from fastapi import Request

from ..app import opened
from ..auth import csrf_token


@contextmanager
def viewing(request: Request, *, role: str = "viewer", write: bool = False) -> Iterator[tuple[object, object, str]]:
    """(workspace, actor, csrf token) for a page; a visitor who is not logged in is sent to /login."""
    with opened(request, role=role, write=write) as (ws, actor):
        yield ws, actor, csrf_token(request, ws.store.con)
