"""Sources (`/sources`): the outlet registry with grades and rationale (analysts edit them through
PATCH /api/outlets/{id}), and feed health with failing feeds flagged."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...service import sources
from ..templating import render
from .common import viewing

router = APIRouter()


@router.get("/sources")
def sources_page(request: Request):
    with viewing(request) as (ws, actor, csrf):
        return render(request, "sources.html", title="Sources", section="sources", actor=actor, csrf=csrf,
                      view=sources.overview(ws), can_edit=actor.can("analyst"))
