"""Reader (`/documents/{id}`): the original beside its English, sentence by sentence, with what the stages
found marked in the original; corrections, excerpts for a brief, citations, tags and notes."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...service import briefs, reader
from ..templating import render
from .common import viewing

router = APIRouter()


@router.get("/documents/{doc_id}")
def reader_page(request: Request, doc_id: str):
    with viewing(request) as (ws, actor, csrf):
        view = reader.reader_view(ws, doc_id, actor)
        can_edit = actor.can("analyst")
        return render(request, "reader.html", title=view["title"] or f"Document {view['id']}", section="triage",
                      actor=actor, csrf=csrf, doc=view, can_edit=can_edit,
                      briefs=briefs.list_briefs(ws) if can_edit else [])
