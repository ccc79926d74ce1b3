"""Briefs an analyst keeps in the workspace: draft from the knowledge base, edit, re-draft, render.

The analyst's own text (title, analysis, pull quote) is kept apart in `edits` and laid over every re-draft, so
re-drafting with new documents never overwrites what the analyst wrote.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from ..brief.model import Brief
from ..errors import InputError, NotFound
from ..store.repo import now_iso
from . import audit
from .audit import Actor

EDITABLE = ("title", "subtitle", "analysis", "pull_quote")
FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def draft(ws, *, query: str | None = None, entity: str | None = None, start: date | None = None,
          end: date | None = None, title: str | None = None, actor: Actor) -> dict[str, Any]:
    from ..brief.assemble import assemble
    if not (query or entity):
        raise InputError("brief", "say what it is about: an entity and/or a query")
    drafted = assemble(ws, query=query, entity=entity, start=start, end=end, title=title)
    request = {"query": query, "entity": entity, "from": start.isoformat() if start else None,
               "to": end.isoformat() if end else None, "title": title}
    stamp = now_iso()
    with ws.store.transaction() as con:
        cur = con.execute("INSERT INTO briefs (title, request, data, edits, author, created, updated)"
                          " VALUES (?, ?, ?, '{}', ?, ?, ?)",
                          (drafted.title, json.dumps(request), _dump(drafted), actor.name, stamp, stamp))
        brief_id = int(cur.lastrowid)
        audit.record(con, actor, "brief.draft", f"brief:{brief_id}", None, request)
    return get(ws, brief_id)


def list_briefs(ws) -> list[dict[str, Any]]:
    return [dict(r) for r in ws.store.con.execute(
        "SELECT id, title, author, created, updated FROM briefs ORDER BY updated DESC")]


def get(ws, brief_id: int) -> dict[str, Any]:
    row = _row(ws, brief_id)
    brief = _load(row["data"])
    return {"id": row["id"], "author": row["author"], "created": row["created"], "updated": row["updated"],
            "request": json.loads(row["request"]), "edited": sorted(json.loads(row["edits"])),
            "problems": brief.problems(), "brief": msgspec.to_builtins(brief)}


def edit(ws, brief_id: int, changes: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """Apply the analyst's changes to the editable parts; anything else is refused by name."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InputError(f"brief {brief_id}", f"cannot edit {', '.join(unknown)}; editable: {', '.join(EDITABLE)}")
    row = _row(ws, brief_id)
    current = msgspec.to_builtins(_load(row["data"]))
    edits = json.loads(row["edits"]) | changes
    updated = _apply(current, changes)
    problems = updated.problems()
    if problems:
        raise InputError(f"brief {brief_id}", "; ".join(problems))
    with ws.store.transaction() as con:
        con.execute("UPDATE briefs SET title = ?, data = ?, edits = ?, updated = ? WHERE id = ?",
                    (updated.title, _dump(updated), json.dumps(edits, ensure_ascii=False), now_iso(), brief_id))
        audit.record(con, actor, "brief.edit", f"brief:{brief_id}", {k: current.get(k) for k in changes}, changes)
    return get(ws, brief_id)


def redraft(ws, brief_id: int, actor: Actor) -> dict[str, Any]:
    """Draft again from the same request (new documents count) and lay the analyst's edits over it."""
    from ..brief.assemble import assemble
    row = _row(ws, brief_id)
    request, edits = json.loads(row["request"]), json.loads(row["edits"])
    drafted = assemble(ws, query=request.get("query"), entity=request.get("entity"),
                       start=date.fromisoformat(request["from"]) if request.get("from") else None,
                       end=date.fromisoformat(request["to"]) if request.get("to") else None, title=request.get("title"))
    merged = _apply(msgspec.to_builtins(drafted), edits)
    if merged.problems():          # an edit that cites a note the new draft no longer has: keep the draft's text
        merged = drafted
    with ws.store.transaction() as con:
        con.execute("UPDATE briefs SET title = ?, data = ?, updated = ? WHERE id = ?",
                    (merged.title, _dump(merged), now_iso(), brief_id))
        audit.record(con, actor, "brief.redraft", f"brief:{brief_id}", None, {"kept_edits": sorted(edits)})
    return get(ws, brief_id)


def render(ws, brief_id: int, fmt: str) -> tuple[bytes, str]:
    """The brief in one of md, html, pdf, docx: (bytes, media type)."""
    from ..brief.render import render as write
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    brief = _load(_row(ws, brief_id)["data"])
    with tempfile.TemporaryDirectory(prefix="dragoman-brief-") as tmp:
        path = write(brief, Path(tmp) / f"brief.{fmt}")
        return path.read_bytes(), FORMATS[fmt]


def _apply(data: dict[str, Any], changes: dict[str, Any]) -> Brief:
    try:
        return msgspec.convert(data | changes, Brief)
    except msgspec.ValidationError as exc:
        raise InputError("brief edit", str(exc)) from None


def _row(ws, brief_id: int):
    row = ws.store.con.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
    if row is None:
        raise NotFound(f"brief {brief_id} not found")
    return row


def _dump(brief: Brief) -> str:
    return msgspec.json.encode(brief).decode("utf-8")


def _load(data: str) -> Brief:
    return msgspec.json.decode(data, type=Brief)
