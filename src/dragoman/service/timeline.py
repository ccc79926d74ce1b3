"""What happened, in time order: stories across outlets with credibility, conflicts and their sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import InputError


def timeline(ws, *, entity: str | None = None, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    from ..analysis.timeline import story_dict, timeline as build
    if start and end and end < start:
        raise InputError("period", f"it ends ({end}) before it starts ({start})")
    stories = build(ws, entity=entity, start=start, end=end)
    return {"entity": entity, "from": start.isoformat() if start else None, "to": end.isoformat() if end else None,
            "count": len(stories), "stories": [story_dict(s) for s in stories]}


def parse_day(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what} {value!r}", "give a day as YYYY-MM-DD") from None
