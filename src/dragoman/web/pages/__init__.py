"""The workbench in the browser: server-rendered pages over the same service layer as /api.

One module per page family, each with its own `router`; the little JavaScript they need lives in
static/ (app.js for what all pages share, one file per page for the rest)."""

from fastapi import APIRouter

from . import brief_editor, entity, mapview, reader, sources, timeline, triage

router = APIRouter(include_in_schema=False)
for _module in (triage, reader, entity, mapview, timeline, brief_editor, sources):
    router.include_router(_module.router)
