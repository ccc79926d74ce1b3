"""Triage (`/`): the document list with filters, full-text search, read/unread, tags and notes, and copies
grouped under their original."""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request

from ...errors import InputError, NotFound
from ...service import triage as triaging
from ...service.documents import DocumentFilter
from ...service.timeline import parse_day
from ..templating import render
from .common import viewing

router = APIRouter()
PAGE = 50
FIELDS = ("q", "lang", "outlet", "grade", "from", "to", "entity", "place", "story", "status", "tag", "unread",
          "grouped")


@router.get("/")
def triage_page(request: Request, q: Optional[str] = None, lang: Optional[str] = None,
                outlet: Optional[str] = None, grade: Optional[str] = None,
                from_: Optional[str] = Query(None, alias="from"), to: Optional[str] = None,
                entity: Optional[str] = None, place: Optional[str] = None, story: Optional[str] = None,
                status: Optional[str] = None, tag: Optional[str] = None, unread: Optional[str] = None,
                grouped: str = "1", stories: Optional[str] = None,
                offset: int = Query(0, ge=0, le=2 ** 53)):
    asked = {k: request.query_params.get(k, "").strip() for k in FIELDS}
    with viewing(request) as (ws, actor, csrf):
        problem, result = None, {"items": [], "total": 0, "matched": 0, "offset": 0, "limit": PAGE, "story": None,
                                   "grouping": "off"}
        try:
            flt = triaging.TriageFilter(
                DocumentFilter(language=_blank(lang), outlet=_blank(outlet), since=parse_day(from_, "from"),
                               until=parse_day(to, "to"), status=_blank(status), entity=_blank(entity),
                               place=_blank(place), text=_blank(q)),
                grade=_blank(grade), story=_blank(story), tag=_blank(tag), unread=bool(_blank(unread)),
                grouped=grouped != "0")
            result = triaging.triage(ws, flt, actor, offset=offset, limit=PAGE)
        except (InputError, NotFound) as exc:
            problem = str(exc)
        facets = triaging.facets(ws)
        story_choices = triaging.story_choices(ws, load=bool(stories))
        return render(request, "triage.html", title="Triage", section="triage", actor=actor, csrf=csrf,
                      result=result, facets=facets, stories=story_choices, asked=asked, problem=problem,
                      pages=_pages(asked, result), load_stories=_link(asked | {"stories": "1"}),
                      asked_stories=bool(stories),
                      can_edit=actor.can("analyst"))


def _blank(value: Optional[str]) -> Optional[str]:
    return value.strip() if value and value.strip() else None


def _link(params: dict[str, str], **changes) -> str:
    merged = {k: v for k, v in (params | changes).items() if v not in (None, "")}
    return "/?" + urlencode(merged) if merged else "/"


def _pages(asked: dict[str, str], result: dict) -> dict[str, Optional[str]]:
    offset, limit, total = result["offset"], result["limit"], result["total"]
    return {"previous": _link(asked, offset=str(max(0, offset - limit)) if offset - limit > 0 else None)
            if offset > 0 else None,
            "next": _link(asked, offset=str(offset + limit)) if offset + limit < total else None,
            "first": offset + 1 if total else 0, "last": min(total, offset + limit)}
