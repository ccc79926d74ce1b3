"""The sources page: the outlet registry with grades and rationale, how many documents each outlet has here,
and the feeds with their health (failing feeds flagged)."""

from __future__ import annotations

from typing import Any

from ..outlets.model import GRADES
from . import outlets, runs


def overview(ws) -> dict[str, Any]:
    counts = {name: n for name, n in ws.store.con.execute(
        "SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet")}
    blank = {"domains": [], "names": [], "telegram": [], "languages": [], "country": None, "parent": None}
    listed = [blank | o | {"documents": counts.get(o["name"], 0)} for o in outlets.list_outlets(ws.root)]
    listed.sort(key=lambda o: (-o["documents"], o["name"].casefold()))
    feeds = runs.feeds(ws)
    return {"outlets": listed, "feeds": feeds, "failing": sum(1 for f in feeds if f["failing"]),
            "grades": list(GRADES.items()), "alert_after": ws.settings["feeds.alert_after"]}
