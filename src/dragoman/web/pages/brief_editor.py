"""The brief editor (issue 15): list and start briefs (a draft about an entity/query/dates, or a blank brief to
pick excerpts into), and edit one: title, analysis sentences with their footnotes and the evidence check of each,
pull quote, image, order of sources and excerpts, re-draft, export.

Server-rendered from the same service calls as /api/briefs; static/briefs.js sends the analyst's changes to
/api and reloads the page, so what is shown is always what is stored."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from ...brief.model import roman, text_dir
from ...service import briefs
from ..templating import render
from .common import viewing

router = APIRouter()


@router.get("/briefs", response_class=HTMLResponse)
def briefs_page(request: Request) -> HTMLResponse:
    with viewing(request) as (ws, actor, csrf):
        return render(request, "briefs.html", title="Briefs", section="briefs", actor=actor, csrf=csrf,
                      briefs=briefs.list_briefs(ws), can_edit=actor.can("analyst"))


@router.get("/briefs/{brief_id}", response_class=HTMLResponse)
def brief_page(request: Request, brief_id: int = Path(..., ge=1, le=2 ** 53)) -> HTMLResponse:
    with viewing(request) as (ws, actor, csrf):
        shown = briefs.get(ws, brief_id, checks=True)
        data = shown["brief"]
        checks = {(c["paragraph"], c["sentence"]): c for c in shown["checks"]}
        excerpts = [(source, excerpt) for source in data["sources"] for excerpt in source["excerpts"]]
        images = briefs.image_choices(ws, brief_id) if actor.can("analyst") else []
        return render(request, "brief_editor.html", title=data["title"], section="briefs", actor=actor, csrf=csrf,
                      shown=shown, brief=data, checks=checks, excerpts=excerpts, images=images,
                      can_edit=actor.can("analyst"), formats=list(briefs.FORMATS), roman=roman, text_dir=text_dir)
