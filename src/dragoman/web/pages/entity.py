"""Entity pages (`/entities`, `/entities/{id}`): every spelling by script with why it is attached, the
documents, events and timeline of an entity, and the analyst's merge, split and undo (through /api)."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Request

from ...service import entity_view
from ..templating import render
from .common import viewing

router = APIRouter()


@router.get("/entities")
def entities_page(request: Request, kind: Optional[str] = None, q: Optional[str] = None):
    with viewing(request) as (ws, actor, csrf):
        listing = entity_view.browse(ws, kind=kind or None, query=q)
        return render(request, "entities.html", title="Entities", section="entities", actor=actor, csrf=csrf,
                      listing=listing, kind=kind or "", q=q or "")


@router.get("/entities/{ident}")
def entity_page(request: Request, ident: str):
    with viewing(request) as (ws, actor, csrf):
        entity = entity_view.entity_page(ws, ident)
        can_edit = actor.can("analyst")
        return render(request, "entity.html", title=entity["name"], section="entities", actor=actor, csrf=csrf,
                      entity=entity, can_edit=can_edit,
                      candidates=entity_view.merge_candidates(ws, entity["id"], entity["kind"]) if can_edit else [])
