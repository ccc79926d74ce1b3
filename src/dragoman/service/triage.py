"""Triage: the document list an analyst works through, filtered, with read/unread, tags and notes, and with
republications and near-duplicates grouped under their original.

Near-duplicates and stories are workspace-wide analysis (`analysis/`), computed on demand; they are cached per
workspace and per state of its documents (see `analysis_cache`), so paging through a large workspace does not
redo them."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from ..errors import InputError, NotFound
from . import marks
from .audit import Actor
from .documents import DocumentFilter, _where, page_bounds

GRADES = ("A", "B", "C", "D", "E", "F", "unrated")
COPIES_SHOWN = 5            # near-duplicates listed under their original; the rest are counted
EAGER_MAX = 2000            # up to this many documents, workspace analysis is computed with the page
STALE_OK_S = 60.0           # while documents keep changing (a run), reuse analysis at most this old


@dataclass(frozen=True, slots=True)
class TriageFilter:
    """The document filter plus what only triage narrows by."""

    documents: DocumentFilter = DocumentFilter()
    grade: str | None = None          # the outlet's Admiralty grade, or "unrated"
    story: str | None = None          # a story id (analysis/stories)
    tag: str | None = None
    unread: bool = False              # only what this reader has not marked read
    grouped: bool = True              # near-duplicates under their original


# ------------------------------------------------------------------------------------------------ caching

@dataclass
class _Entry:
    key: tuple
    value: Any
    at: float


@dataclass
class _Cache:
    entries: dict[tuple[str, str], _Entry] = field(default_factory=dict)
    running: set[tuple[str, str]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE = _Cache()


def documents_version(con) -> tuple:
    """What changes whenever a document is added, re-processed or removed (two index lookups)."""
    return tuple(con.execute("SELECT (SELECT count(*) FROM documents),"
                             " (SELECT max(updated_at) FROM documents)").fetchone())


def analysis_cache(ws, name: str, compute: Callable[[Any], Any], *, wait: bool | None = None) -> Any:
    """`compute(ws)` for this workspace's documents as they are now, remembered until they change.

    In a small workspace (up to EAGER_MAX documents) it is computed at once. In a large one it is computed in a
    background thread with its own connection, and the caller gets None (or the previous result) meanwhile, so
    no page waits seconds for it. While a run keeps changing documents, a result up to STALE_OK_S old is served
    as it is. `wait` forces either way."""
    slot = (str(ws.root), name)
    version = documents_version(ws.store.con)
    if wait is None:
        wait = version[0] <= EAGER_MAX
    with _CACHE.lock:
        entry = _CACHE.entries.get(slot)
        if entry is not None and (entry.key == version or time.monotonic() - entry.at < STALE_OK_S):
            return entry.value
        if wait:
            value = compute(ws)        # under the lock: two requests never compute the same thing twice
            _CACHE.entries[slot] = _Entry(version, value, time.monotonic())
            return value
        if slot not in _CACHE.running:
            _CACHE.running.add(slot)
            threading.Thread(target=_refresh, args=(ws, slot, version, compute), daemon=True,
                             name=f"dragoman-{name}").start()
        return entry.value if entry is not None else None


def _refresh(ws, slot: tuple[str, str], version: tuple, compute: Callable[[Any], Any]) -> None:
    """Compute in the background on a read-only connection of its own (the request's closes when it ends)."""
    from ..archive import Archive
    from ..store import Store, connect
    from ..workspace import DB_FILE, Workspace
    try:
        con = connect(ws.root / DB_FILE, readonly=True)
        try:
            value = compute(Workspace(ws.root, ws.settings, Store(con), Archive(ws.root / "archive")))
        finally:
            con.close()
        with _CACHE.lock:
            _CACHE.entries[slot] = _Entry(version, value, time.monotonic())
    except Exception as exc:          # a failed refresh leaves the old result; the next page tries again
        import logging
        logging.getLogger(__name__).warning("%s: %s", slot[1], exc)
    finally:
        with _CACHE.lock:
            _CACHE.running.discard(slot)


def _duplicates(ws) -> dict[str, str]:
    from ..analysis.duplicates import Text, near_duplicates
    rows = ws.store.con.execute("SELECT id, json_extract(data, '$.text'), url, published FROM documents")
    return near_duplicates(Text(i, text or "", url, _when(published)) for i, text, url, published in rows)


def duplicates(ws, *, wait: bool | None = None) -> dict[str, str] | None:
    """doc id -> the original it repeats (republications and near-duplicates), for the whole workspace; None
    while a large workspace's are still being computed."""
    return analysis_cache(ws, "duplicates", _duplicates, wait=wait)


def _stories(ws) -> list[dict[str, Any]]:
    from ..analysis.timeline import timeline, when
    out = []
    for s in timeline(ws):
        docs = list(dict.fromkeys(r.doc_id for r in s.reports))
        kind = f"{s.type} ({s.mode})" if s.mode else s.type
        label = f"{when(s)} · {kind} · {', '.join(s.participants[:3]) or 'participants unknown'}"
        out.append({"id": s.id, "label": label + (f" · {s.place}" if s.place else ""), "documents": docs,
                    "conflicts": len(s.conflicts)})
    return out


def stories(ws, *, wait: bool | None = None) -> list[dict[str, Any]] | None:
    """Every story (one happening across documents): id, a label, its documents; None while a large
    workspace's are still being computed."""
    return analysis_cache(ws, "stories", _stories, wait=wait)


def _when(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------------ the list

def triage(ws, flt: TriageFilter, actor: Actor, *, offset: int = 0, limit: int = 50) -> dict[str, Any]:
    """One page of documents, newest first. With grouping on, a document that repeats another matching one is
    listed under it (`copies`) instead of on its own; `total` counts the rows listed on their own."""
    offset, limit = page_bounds(offset, limit)
    con = ws.store.con
    where, params = _where(ws, flt.documents)
    if flt.grade:
        where.append(_grade_clause(ws, flt.grade, params))
    if flt.tag:
        where.append("d.id IN (SELECT doc_id FROM document_tags WHERE tag = ? COLLATE NOCASE)")
        params.append(flt.tag)
    if flt.unread:
        where.append("d.id NOT IN (SELECT doc_id FROM document_reads WHERE reader = ?)")
        params.append(actor.name)
    story = None
    if flt.story:
        known = stories(ws)
        if known is None:
            raise InputError(f"story {flt.story}", "stories are still being worked out across the workspace; "
                             "reload in a minute")
        story = next((s for s in known if s["id"] == flt.story), None)
        if story is None:
            raise NotFound(f"story {flt.story!r} not found (stories change as documents come in; pick one again)")
        where.append("d.id IN (SELECT value FROM json_each(?))")
        params.append(_json_list(story["documents"]))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    matched = [r[0] for r in con.execute(f"SELECT d.id FROM documents d{clause}"
                                         " ORDER BY d.published DESC, d.rowid DESC", params)]
    copies: dict[str, list[str]] = {}
    listed = matched
    repeats = duplicates(ws) if flt.grouped else None
    if repeats is not None:
        present = set(matched)
        for doc_id in matched:                   # newest first, so copies read newest first too
            original = repeats.get(doc_id)
            if original in present:
                copies.setdefault(original, []).append(doc_id)
        listed = [d for d in matched if repeats.get(d) not in present]
    page_ids = listed[offset:offset + limit]
    shown_copies = {d: copies.get(d, [])[:COPIES_SHOWN] for d in page_ids}
    rows = _rows(con, page_ids + [c for cs in shown_copies.values() for c in cs])
    state = marks.marks_for(con, list(rows), actor.name)
    items = []
    for doc_id in page_ids:
        item = rows[doc_id] | state[doc_id]
        item["copies"] = [rows[c] | state[c] for c in shown_copies[doc_id]]
        item["more_copies"] = len(copies.get(doc_id, [])) - len(item["copies"])
        items.append(item)
    return {"items": items, "total": len(listed), "matched": len(matched), "offset": offset, "limit": limit,
            "story": story, "grouping": "off" if not flt.grouped else "pending" if repeats is None else "on"}


def _grade_clause(ws, grade: str, params: list[Any]) -> str:
    """Documents whose outlet has this grade: by the outlet names the registry gives that grade."""
    from ..outlets import Registry
    if grade not in GRADES:
        raise InputError(f"grade {grade!r}", f"use one of {', '.join(GRADES)}")
    registry = Registry.load(ws.root)
    if grade == "unrated":
        params.append(_json_list([o.name for o in registry]))
        return "(d.outlet IS NULL OR d.outlet NOT IN (SELECT value FROM json_each(?)))"
    params.append(_json_list([o.name for o in registry if o.reliability == grade]))
    return "d.outlet IN (SELECT value FROM json_each(?))"


def _json_list(values: list[str]) -> str:
    import json
    return json.dumps(values, ensure_ascii=False)


def _rows(con, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks_ = ",".join("?" * len(ids))
    rows = con.execute(
        "SELECT d.id, d.title, json_extract(d.data, '$.title_translation.text') AS title_english,"
        " json_extract(d.data, '$.title_translation.engine') AS title_engine, d.language,"
        " coalesce(d.outlet, d.source) AS outlet, d.source, d.url, d.published, d.status, d.capture_sha256,"
        " json_extract(d.data, '$.meta.reliability') AS grade,"
        " substr(json_extract(d.data, '$.text'), 1, 240) AS opening,"
        " json_array_length(d.data, '$.mentions') AS mentions, json_array_length(d.data, '$.places') AS places,"
        " json_array_length(d.data, '$.events') AS events"
        f" FROM documents d WHERE d.id IN ({marks_})", ids).fetchall()
    return {r["id"]: dict(r) for r in rows}


def facets(ws) -> dict[str, Any]:
    """What the filters offer: languages and outlets (with grades) present, tags in use, statuses."""
    from ..outlets import Registry
    con = ws.store.con
    registry = Registry.load(ws.root)
    grade_of = {o.name: o.reliability for o in registry}
    outlets = [{"name": name, "documents": n, "grade": grade_of.get(name, "unrated")}
               for name, n in con.execute("SELECT coalesce(outlet, source) AS o, count(*) FROM documents"
                                          " GROUP BY o ORDER BY o COLLATE NOCASE")]
    return {"languages": [(r[0], r[1]) for r in con.execute(
                "SELECT language, count(*) FROM documents WHERE language IS NOT NULL GROUP BY language"
                " ORDER BY count(*) DESC")],
            "outlets": outlets, "tags": marks.all_tags(con), "grades": GRADES,
            "statuses": ("pending", "done", "failed")}


def story_choices(ws, *, load: bool = False) -> list[dict[str, Any]] | None:
    """The stories for the filter: in small workspaces with the page; in large ones once asked for (`load`,
    computed in the background) or already known. None: not (yet) computed."""
    if ws.store.con.execute("SELECT count(*) FROM documents").fetchone()[0] <= EAGER_MAX or load:
        return stories(ws)
    with _CACHE.lock:
        entry = _CACHE.entries.get((str(ws.root), "stories"))
    return entry.value if entry is not None else None
