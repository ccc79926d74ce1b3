"""The timeline (issue 15): stories in time order, each with its date as a band whose width is its precision
(a day, a week, a month…), conflicting dates flagged, the credibility grade, and the evidence sentences behind it.

Server-rendered: the bands are SVG rectangles placed here (no inline style is allowed, and none is needed). The
axis spans the chosen From/To, else the days the sources were published; a story dated outside it is marked at
the edge as earlier or later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...service import timeline as service
from ...service.timeline import parse_day
from ..templating import render
from .common import viewing
from .mapview import chosen_filters

router = APIRouter()
WIDTH = 600                  # SVG user units across the axis
MIN_BAND = 3                 # a day on a long axis is still visible
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass
class Axis:
    first: date
    stop: date               # exclusive

    def x(self, day: date) -> float:
        span = max((self.stop - self.first).days, 1)
        return round(WIDTH * (day - self.first).days / span, 1)

    def ticks(self) -> list[tuple[float, str]]:
        """Month starts (or years, on an axis of more than two years) with their labels."""
        out, day = [], date(self.first.year, self.first.month, 1)
        yearly = (self.stop - self.first).days > 730
        while day < self.stop:
            if day >= self.first and (not yearly or day.month == 1):
                out.append((self.x(day), str(day.year) if yearly else f"{MONTHS[day.month - 1]} {day.year}"))
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return out


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, entity: str = Query(""), from_: str = Query("", alias="from"),
                  to: str = Query("")) -> HTMLResponse:
    filters = {k: v for k, v in chosen_filters(request).items() if k in ("entity", "from", "to")}
    start, end = parse_day(filters.get("from"), "from"), parse_day(filters.get("to"), "to")
    with viewing(request) as (ws, actor, csrf):
        data = service.timeline(ws, entity=filters.get("entity"), start=start, end=end)
        axis = _axis(data["stories"], start, end)
        rows = [_row(story, axis) for story in data["stories"]]
        return render(request, "timeline.html", title="Timeline", section="timeline", actor=actor, csrf=csrf,
                      filters=filters, rows=rows, axis=axis, ticks=axis.ticks() if axis else [], width=WIDTH)


def _day(value: str | None) -> date | None:
    return datetime.fromisoformat(value).date() if value else None


def _axis(stories: list[dict[str, Any]], start: date | None, end: date | None) -> Axis | None:
    """From/To when chosen; else the publication days of the sources (what the documents cover)."""
    published = [d for s in stories for r in s["sources"] if (d := _day(r["published"]))]
    first = start or min(published, default=None)
    last = end or max(published, default=None)
    if first is None or last is None:
        dated = [d for s in stories for d in (_day(s["start"]), _day(s["end"])) if d]
        if not dated:
            return None
        first, last = first or min(dated), last or max(dated)
    first = date(first.year, first.month, 1)          # whole months read better
    return Axis(first, max(last + timedelta(days=1), first + timedelta(days=7)))


def _row(story: dict[str, Any], axis: Axis | None) -> dict[str, Any]:
    band = None
    first, stop = _day(story["start"]), _day(story["end"])
    if axis is not None and first is not None:
        stop = stop or first + timedelta(days=1)
        if stop <= axis.first:
            band = {"kind": "earlier", "x": 0, "width": MIN_BAND}
        elif first >= axis.stop:
            band = {"kind": "later", "x": WIDTH - MIN_BAND, "width": MIN_BAND}
        else:
            x0, x1 = axis.x(max(first, axis.first)), axis.x(min(stop, axis.stop))
            band = {"kind": story["precision"] or "day", "x": min(x0, WIDTH - MIN_BAND), "width": max(x1 - x0, MIN_BAND)}
    elif axis is not None and story["reported"]:
        day = _day(story["reported"])
        if axis.first <= day < axis.stop:
            band = {"kind": "reported", "x": min(axis.x(day), WIDTH - MIN_BAND), "width": MIN_BAND}
    dates = [c for c in story["conflicts"] if c["field"] == "date"]
    return {"story": story, "band": band, "date_conflicts": dates,
            "other_conflicts": [c for c in story["conflicts"] if c["field"] != "date"],
            "sources": _unique_sources(story["sources"])}


def _unique_sources(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per document and evidence sentence (a document telling it twice in one sentence shows once)."""
    seen, out = set(), []
    for r in reports:
        key = (r["doc_id"], tuple(r.get("sentences") or ()))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
