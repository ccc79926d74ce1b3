"""The /api routes: each is a thin caller of one service function (the CLI calls the same ones)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Optional

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..service import (accounts, audit, briefs, cite as citing, documents, entities, exports, geo, marks, outlets,
                       runs, timeline, watchlists)
from ..service import search as searching
from ..service.documents import MAX_LIMIT, DocumentFilter
from ..service.timeline import parse_day
from .app import opened

router = APIRouter()
BIGGEST = 2 ** 53            # ids and numbers SQLite and JSON both hold exactly
Offset = Query(0, ge=0, le=BIGGEST, description="Items to skip.")
Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")


# ------------------------------------------------------------------------------------------------ reading

@router.get("/me", summary="Who am I (name and role)")
def me(request: Request) -> dict[str, Any]:
    with opened(request) as (ws, actor):
        return {"name": actor.name, "role": actor.role}


@router.get("/documents", summary="Documents, newest first, filtered and paginated")
def list_documents(request: Request, lang: Optional[str] = None, outlet: Optional[str] = None,
                   from_: Optional[str] = Query(None, alias="from", description="First day, YYYY-MM-DD."),
                   to: Optional[str] = Query(None, description="Last day, YYYY-MM-DD."),
                   status: Optional[str] = None, entity: Optional[str] = None, place: Optional[str] = None,
                   q: Optional[str] = Query(None, description="Full-text words and \"quoted phrases\"."),
                   offset: int = Offset, limit: int = Limit) -> dict[str, Any]:
    flt = DocumentFilter(language=lang, outlet=outlet, since=parse_day(from_, "from"), until=parse_day(to, "to"),
                         status=status, entity=entity, place=place, text=q)
    with opened(request) as (ws, _):
        return documents.list_documents(ws, flt, offset=offset, limit=limit)


@router.get("/documents/{doc_id}", summary="One document: sentences with their English, and annotations")
def show_document(request: Request, doc_id: str) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return documents.document_view(ws, doc_id)


@router.get("/search", summary="Search in every language: text, the entities the query names, and meaning; "
            "each result says why it matched")
def search(request: Request, q: str = Query(..., min_length=1, max_length=1000), lang: Optional[str] = None,
           outlet: Optional[str] = None,
           from_: Optional[str] = Query(None, alias="from", description="First day, YYYY-MM-DD."),
           to: Optional[str] = Query(None, description="Last day, YYYY-MM-DD."),
           semantic: Optional[bool] = Query(None, description="Match by meaning too: true, false, or leave out "
                                                              "to let the query decide."),
           limit: int = Query(20, ge=1, le=MAX_LIMIT)) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return searching.search(ws, q, lang=lang, outlet=outlet, since=parse_day(from_, "from"),
                                until=parse_day(to, "to"), semantic=semantic, limit=limit)


@router.get("/coverage", summary="Documents in any language that report one happening, grouped")
def coverage(request: Request, lang: Optional[str] = None, outlet: Optional[str] = None,
             from_: Optional[str] = Query(None, alias="from", description="First day, YYYY-MM-DD."),
             to: Optional[str] = Query(None, description="Last day, YYYY-MM-DD."),
             limit: int = Query(50, ge=1, le=MAX_LIMIT)) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return searching.coverage(ws, lang=lang, outlet=outlet, since=parse_day(from_, "from"),
                                  until=parse_day(to, "to"), limit=limit)


@router.get("/entities", summary="Canonical entities, most mentioned first")
def list_entities(request: Request, kind: Optional[str] = None,
                  limit: int = Query(50, ge=1, le=MAX_LIMIT)) -> list[dict[str, Any]]:
    with opened(request) as (ws, _):
        return entities.list_entities(ws, kind=kind, limit=limit)


@router.get("/entities/{name_or_id}", summary="One entity: every spelling by script, and why it is attached")
def show_entity(request: Request, name_or_id: str) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return entities.profile(ws, name_or_id)


@router.get("/places", summary="Resolved places as GeoJSON, of some documents or of the documents a filter selects")
def places(request: Request, doc: list[str] = Query([], description="Document ids (repeatable)."),
           lang: Optional[str] = None, outlet: Optional[str] = None,
           from_: Optional[str] = Query(None, alias="from", description="First day, YYYY-MM-DD."),
           to: Optional[str] = Query(None, description="Last day, YYYY-MM-DD."),
           status: Optional[str] = None, entity: Optional[str] = None, place: Optional[str] = None,
           q: Optional[str] = Query(None, description="Full-text words and \"quoted phrases\"."),
           limit: int = Query(5000, ge=1, le=geo.MAX_PLACES)) -> dict[str, Any]:
    flt = DocumentFilter(language=lang, outlet=outlet, since=parse_day(from_, "from"), until=parse_day(to, "to"),
                         status=status, entity=entity, place=place, text=q)
    with opened(request) as (ws, _):
        return geo.places_geojson(ws, doc_ids=doc or None, flt=flt, limit=limit)


@router.get("/facilities", summary="The facility table (airbases, ports) as GeoJSON")
def facilities(request: Request) -> dict[str, Any]:
    with opened(request):
        return geo.facilities_geojson()


@router.get("/timeline", summary="Stories in time order with credibility, conflicts and sources")
def get_timeline(request: Request, entity: Optional[str] = None,
                 from_: Optional[str] = Query(None, alias="from"), to: Optional[str] = None) -> dict[str, Any]:
    start, end = parse_day(from_, "from"), parse_day(to, "to")
    with opened(request) as (ws, _):
        return timeline.timeline(ws, entity=entity, start=start, end=end)


@router.get("/outlets", summary="The outlet registry with grades and rationale")
def list_outlets(request: Request) -> list[dict[str, Any]]:
    with opened(request) as (ws, _):
        return outlets.list_outlets(ws.root)


@router.get("/outlets/{ident}", summary="One outlet")
def show_outlet(request: Request, ident: str) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return outlets.show(ws.root, ident)


@router.get("/cite/{excerpt_id}", summary="An excerpt's original, re-read from its archived capture")
def cite(request: Request, excerpt_id: str) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return citing.cite(ws, excerpt_id)


@router.get("/feeds", summary="Feeds and their health; failing feeds are flagged")
def feeds(request: Request) -> list[dict[str, Any]]:
    with opened(request) as (ws, _):
        return runs.feeds(ws)


@router.get("/runs", summary="Ingest and pipeline runs, newest first")
def list_runs(request: Request, offset: int = Offset, limit: int = Limit) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return runs.list_runs(ws, offset=offset, limit=limit)


@router.get("/runs/{run_id}/problems", summary="What a run skipped or failed, item by item")
def run_problems(request: Request, run_id: int = Path(..., ge=1, le=BIGGEST)) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return runs.problems(ws, run_id)


@router.get("/stats", summary="Counts by status, language and outlet; what the stages found")
def stats(request: Request) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return runs.stats(ws)


@router.get("/briefs", summary="Briefs kept in this workspace")
def list_briefs(request: Request) -> list[dict[str, Any]]:
    with opened(request) as (ws, _):
        return briefs.list_briefs(ws)


@router.get("/briefs/{brief_id}", summary="One brief, with what the analyst edited and any problems")
def show_brief(request: Request, brief_id: int = Path(..., ge=1, le=BIGGEST),
               checks: bool = Query(False, description="Add the evidence check of every analysis sentence.")
               ) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return briefs.get(ws, brief_id, checks=checks)


@router.get("/briefs/{brief_id}/images", summary="Pictures the brief may show (licensed figures of its documents)")
def brief_images(request: Request, brief_id: int = Path(..., ge=1, le=BIGGEST)) -> list[dict[str, Any]]:
    with opened(request) as (ws, _):
        return briefs.image_choices(ws, brief_id)


@router.get("/briefs/{brief_id}/render/{fmt}", summary="The brief as md, html, pdf or docx",
            responses={200: {"content": {m: {} for m in briefs.FORMATS.values()}}})
def render_brief(request: Request, fmt: str, brief_id: int = Path(..., ge=1, le=BIGGEST)) -> Response:
    with opened(request) as (ws, _):
        data, media = briefs.render(ws, brief_id, fmt)
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="brief-{brief_id}.{fmt}"'})


@router.get("/export/{fmt}", summary="The selected documents as stix, ftm, geojson, kml or csv, streamed",
            responses={200: {"content": {m: {} for m in exports.MEDIA_TYPES.values()}}})
def export_documents(request: Request, fmt: str,
                     q: Optional[str] = Query(None, description="Full-text words and \"quoted phrases\"."),
                     entity: Optional[str] = None,
                     from_: Optional[str] = Query(None, alias="from", description="First day published, YYYY-MM-DD."),
                     to: Optional[str] = Query(None, description="Last day published, YYYY-MM-DD."),
                     outlet: list[str] = Query([], description="Outlet id, name or domain (repeatable)."),
                     table: str = Query("events", description="csv: events, entities, places or excerpts."),
                     layer: list[str] = Query([], description="geojson/kml: event, place, facility (repeatable)."),
                     bom: bool = False) -> StreamingResponse:
    sel = exports.selection(query=q, entity=entity, start=parse_day(from_, "from"), end=parse_day(to, "to"),
                            outlets=tuple(outlet))
    layers = tuple(layer) or exports.LAYERS
    with opened(request) as (ws, _):
        exports.check(ws, fmt, sel, table=table, layers=layers)     # a bad request fails before any byte is sent

    @contextmanager
    def workspace():
        with opened(request) as (ws, _):
            yield ws
    return StreamingResponse(exports.stream(workspace, fmt, sel, table=table, bom=bom, layers=layers),
                             media_type=exports.MEDIA_TYPES[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{exports.filename(fmt, table)}"'})


@router.get("/watchlists", summary="Watchlists with their hits so far")
def list_watchlists(request: Request) -> list[dict[str, Any]]:
    with opened(request) as (ws, _):
        return watchlists.listing(ws)


@router.get("/watchlists/{name}", summary="One watchlist and its recent hits (repeats of a story marked)")
def show_watchlist(request: Request, name: str, limit: int = Query(20, ge=1, le=MAX_LIMIT)) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return watchlists.show(ws, name, limit=limit)


@router.get("/watchlists/{name}/atom", summary="A watchlist's hits as an Atom feed",
            responses={200: {"content": {"application/atom+xml": {}}}})
def watchlist_atom(request: Request, name: str) -> Response:
    with opened(request) as (ws, _):
        data = watchlists.atom(ws, name)
    return Response(data, media_type="application/atom+xml")


@router.get("/alerts", summary="Recent watchlist hits, newest first (each story once)")
def list_alerts(request: Request, watchlist: Optional[str] = None,
                limit: int = Query(50, ge=1, le=watchlists.MAX_ALERTS),
                repeats: bool = Query(False, description="Also documents repeating a story already alerted.")
                ) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return watchlists.alerts(ws, watchlist=watchlist, limit=limit, include_duplicates=repeats)


@router.get("/audit", summary="Every change: who, when, what, before and after (admins)")
def audit_log(request: Request, actor: Optional[str] = None, action: Optional[str] = None,
              offset: int = Offset, limit: int = Limit) -> dict[str, Any]:
    with opened(request, role="admin") as (ws, _):
        return audit.entries(ws.store.con, offset=offset, limit=limit, actor=actor, action=action)


@router.get("/users", summary="Accounts (admins)")
def list_users(request: Request) -> list[dict[str, Any]]:
    with opened(request, role="admin") as (ws, _):
        return accounts.listing(ws.store.con)


# ------------------------------------------------------------------------------------------------ changing

class TranslationEdit(BaseModel):
    english: str = Field(..., min_length=1, max_length=20000)


class MergeRequest(BaseModel):
    keep: str = Field(..., min_length=1)
    other: str = Field(..., min_length=1)


class SplitRequest(BaseModel):
    entity: str = Field(..., min_length=1)
    variants: list[str] = Field(..., min_length=1)


class UndoRequest(BaseModel):
    merge: int = Field(..., ge=1, le=BIGGEST)


class BriefRequest(BaseModel):
    query: Optional[str] = None
    entity: Optional[str] = None
    from_: Optional[str] = Field(None, alias="from")
    to: Optional[str] = None
    title: Optional[str] = None


class ExcerptPick(BaseModel):
    document: str = Field(..., min_length=1, max_length=200)
    sentence: int = Field(..., ge=0, le=BIGGEST)
    text: Optional[str] = Field(None, max_length=20000, description="A part of the sentence (original or English).")


class NewUser(BaseModel):
    name: str = Field(..., min_length=1, max_length=64)
    role: str = Field("viewer", pattern="^(viewer|analyst|admin)$")


class NewFeed(BaseModel):
    url: str = Field(..., min_length=8, max_length=2000)


@router.put("/documents/{doc_id}/sentences/{n}/translation", summary="An analyst's English for one sentence")
def edit_translation(request: Request, doc_id: str, body: TranslationEdit, n: int = Path(..., ge=0, le=BIGGEST)) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return documents.correct_translation(ws, doc_id, n, body.english, actor)


@router.post("/entities/merge", summary="Fold one entity into another (analysts)")
def merge(request: Request, body: MergeRequest) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return entities.merge(ws, body.keep, body.other, actor)


@router.post("/entities/split", summary="Move spellings to a new entity (analysts)")
def split(request: Request, body: SplitRequest) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return entities.split(ws, body.entity, body.variants, actor)


@router.post("/entities/undo", summary="Reverse a merge or split (analysts)")
def undo(request: Request, body: UndoRequest) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return entities.undo(ws, body.merge, actor)


@router.patch("/outlets/{ident}", summary="Edit an outlet's entry (analysts)")
def edit_outlet(request: Request, ident: str, body: dict[str, Any]) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return outlets.edit(ws, ident, body, actor)


@router.post("/briefs", summary="Draft a brief from the knowledge base (analysts)")
def draft_brief(request: Request, body: BriefRequest) -> dict[str, Any]:
    start, end = parse_day(body.from_, "from"), parse_day(body.to, "to")
    with opened(request, role="analyst", write=True) as (ws, actor):
        return briefs.draft(ws, query=body.query, entity=body.entity, start=start, end=end, title=body.title,
                            actor=actor)


@router.patch("/briefs/{brief_id}", summary="Edit a brief's title, analysis or pull quote (analysts)")
def edit_brief(request: Request, body: dict[str, Any], brief_id: int = Path(..., ge=1, le=BIGGEST)) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return briefs.edit(ws, brief_id, body, actor)


@router.post("/briefs/{brief_id}/excerpts", summary="Add a sentence of a document, or a cut of it, as an excerpt "
             "(analysts)")
def add_brief_excerpt(request: Request, body: ExcerptPick, brief_id: int = Path(..., ge=1, le=BIGGEST)
                      ) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return briefs.add_excerpt(ws, brief_id, body.document, body.sentence, body.text, actor)


@router.post("/briefs/{brief_id}/redraft", summary="Draft again, keeping the analyst's edits (analysts)")
def redraft_brief(request: Request, brief_id: int = Path(..., ge=1, le=BIGGEST)) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return briefs.redraft(ws, brief_id, actor)


@router.post("/feeds", summary="Add a feed (admins)")
def add_feed(request: Request, body: NewFeed) -> dict[str, Any]:
    with opened(request, role="admin", write=True) as (ws, actor):
        return runs.add_feed(ws, body.url, actor)


@router.delete("/feeds", summary="Remove a feed (admins)")
def remove_feed(request: Request, url: str = Query(..., min_length=1)) -> dict[str, Any]:
    with opened(request, role="admin", write=True) as (ws, actor):
        return runs.remove_feed(ws, url, actor)


@router.post("/users", summary="Create an account; its token is in this reply only (admins)")
def add_user(request: Request, body: NewUser) -> dict[str, Any]:
    with opened(request, role="admin", write=True) as (ws, actor):
        return accounts.add(ws.store.con, body.name, body.role, actor)


@router.post("/users/{name}/disable", summary="Disable an account (admins)")
def disable_user(request: Request, name: str) -> dict[str, Any]:
    with opened(request, role="admin", write=True) as (ws, actor):
        return accounts.disable(ws.store.con, name, actor)


@router.post("/users/{name}/token", summary="Replace an account's token (admins)")
def new_token(request: Request, name: str) -> dict[str, Any]:
    with opened(request, role="admin", write=True) as (ws, actor):
        return accounts.new_token(ws.store.con, name, actor)


# ------------------------------------------------------------------------------------------------ triage marks

class ReadMark(BaseModel):
    read: bool = True


class Tags(BaseModel):
    tags: list[str] = Field(..., max_length=50)


class NoteText(BaseModel):
    text: str = Field(..., min_length=1, max_length=4000)


@router.post("/documents/{doc_id}/read", summary="Mark a document read or unread (for yourself)")
def mark_read(request: Request, doc_id: str, body: ReadMark) -> dict[str, Any]:
    with opened(request, write=True) as (ws, actor):
        return marks.mark_read(ws, doc_id, actor, body.read)


@router.put("/documents/{doc_id}/tags", summary="Replace a document's tags (analysts)")
def set_tags(request: Request, doc_id: str, body: Tags) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return marks.set_tags(ws, doc_id, body.tags, actor)


@router.post("/documents/{doc_id}/notes", summary="Add a note to a document (analysts)")
def add_note(request: Request, doc_id: str, body: NoteText) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return marks.add_note(ws, doc_id, body.text, actor)


@router.delete("/documents/{doc_id}/notes/{note_id}", summary="Remove a note (analysts)")
def delete_note(request: Request, doc_id: str, note_id: int = Path(..., ge=1, le=BIGGEST)) -> dict[str, Any]:
    with opened(request, role="analyst", write=True) as (ws, actor):
        return marks.delete_note(ws, doc_id, note_id, actor)
