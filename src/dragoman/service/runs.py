"""Runs (ingest and pipeline), their problems, feeds and their health, and workspace counts."""

from __future__ import annotations

import json
from typing import Any

from .documents import page_bounds


def list_runs(ws, *, offset: int = 0, limit: int = 50) -> dict[str, Any]:
    offset, limit = page_bounds(offset, limit)
    con = ws.store.con
    total = con.execute("SELECT count(*) FROM runs").fetchone()[0]
    items = []
    for row in con.execute("SELECT r.*, (SELECT count(*) FROM run_events e WHERE e.run_id = r.id) AS problems"
                           " FROM runs r ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)):
        item = dict(row)
        item["counts"] = json.loads(item["counts"] or "{}")
        item.pop("settings", None)
        items.append(item)
    return {"items": items, "total": total, "offset": offset, "limit": limit}


def problems(ws, run_id: int) -> dict[str, Any]:
    from ..errors import NotFound
    if ws.store.con.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
        raise NotFound(f"run {run_id} not found")
    rows = ws.store.run_events(run_id)
    return {"run": run_id, "count": len(rows), "problems": rows}


def feeds(ws) -> list[dict[str, Any]]:
    """Every feed with its state; `failing` marks those past the alert threshold."""
    threshold = ws.settings["feeds.alert_after"]
    return [feed.as_dict() | {"failing": feed.consecutive_failures >= threshold} for feed in ws.store.feeds.all()]


def stats(ws) -> dict[str, Any]:
    return ws.store.stats()


def add_feed(ws, url: str, actor, *, title: str | None = None, folder: str | None = None,
             language: str | None = None, outlet: str | None = None) -> dict[str, Any]:
    """Add a feed to the list (audited); only http(s) addresses on one line are feeds."""
    from ..errors import InputError
    from ..store.feeds import Feed
    from ..store.repo import now_iso
    from . import audit
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in "\r\n\t "):
        raise InputError(url[:200], "a feed address is one http:// or https:// URL")
    with ws.store.transaction() as con:
        added = ws.store.feeds.add(Feed(url=url, title=title, folder=folder, language=language, outlet=outlet),
                                   now_iso())
        if added:
            audit.record(con, actor, "feed.add", url, None, {"title": title, "outlet": outlet})
    return {"url": url, "added": added}


def remove_feed(ws, url: str, actor) -> dict[str, Any]:
    from ..errors import NotFound
    from . import audit
    with ws.store.transaction() as con:
        if not ws.store.feeds.remove(url):
            raise NotFound(f"feed {url!r} is not in the feed list")
        audit.record(con, actor, "feed.remove", url, {"url": url}, None)
    return {"url": url, "removed": True}
