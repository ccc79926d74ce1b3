"""What the entity pages show: entities to browse, and one entity with its spellings by script (and the rule and
score that attached each), merge history, documents, the events it takes part in, and its timeline."""

from __future__ import annotations

from typing import Any

from ..errors import InputError, NotFound
from ..store.entities import EntityStore

DOCUMENTS_SHOWN = 100
EVENT_DOCUMENTS = 60          # documents read for the entity's events (most mentions first)
KINDS_SQL = "SELECT kind, count(*) FROM entities WHERE merged_into IS NULL GROUP BY kind ORDER BY count(*) DESC"


def browse(ws, *, kind: str | None = None, query: str | None = None, limit: int = 200) -> dict[str, Any]:
    """Entities (not merged away), most mentioned first; `query` matches the name or any spelling seen."""
    con = ws.store.con
    where, params = ["e.merged_into IS NULL"], []
    if kind:
        where.append("e.kind = ?")
        params.append(kind)
    if query and query.strip():
        needle = "%" + query.strip().replace("%", "").replace("_", "") + "%"
        where.append("(e.name LIKE ? OR e.id LIKE ? OR e.id IN (SELECT entity_id FROM entity_variants"
                     " WHERE variant LIKE ?))")
        params += [needle, needle, needle]
    rows = con.execute(
        "SELECT e.id, e.kind, e.name, e.origin,"
        " (SELECT count(*) FROM entity_links l WHERE l.entity_id = e.id) AS mentions,"
        " (SELECT count(DISTINCT doc_id) FROM entity_links l WHERE l.entity_id = e.id) AS documents,"
        " (SELECT count(*) FROM entity_variants v WHERE v.entity_id = e.id) AS spellings"
        f" FROM entities e WHERE {' AND '.join(where)} ORDER BY mentions DESC, e.name LIMIT ?",
        [*params, limit]).fetchall()
    return {"items": [dict(r) for r in rows], "kinds": [(k, n) for k, n in con.execute(KINDS_SQL)]}


def entity_page(ws, ident: str) -> dict[str, Any]:
    """One entity (after merges) as its page shows it."""
    store = EntityStore(ws.store.con)
    profile = store.profile(ident)
    documents = profile["documents"]
    profile["documents_total"] = len(documents)
    profile["documents"] = _with_dates(ws, documents[:DOCUMENTS_SHOWN])
    profile["events"] = _events(ws, profile["name"], [d["id"] for d in documents[:EVENT_DOCUMENTS]])
    profile["timeline"], profile["timeline_problem"] = _timeline(ws, profile["id"])
    profile["absorbed"] = [dict(r) for r in ws.store.con.execute(
        "SELECT id, name FROM entities WHERE merged_into = ? ORDER BY name", (profile["id"],))]
    names = {e["id"]: e["name"] for e in profile["absorbed"]}
    for m in profile["merges"]:
        for side in ("kept", "other"):
            m[f"{side}_name"] = names.get(m[side]) or _name(ws, m[side])
        m["by"] = _who(ws, m)
    return profile


def merge_candidates(ws, entity_id: str, kind: str, limit: int = 300) -> list[dict[str, Any]]:
    """Other entities an analyst may fold into this one: same kind first, most mentioned first."""
    return [dict(r) for r in ws.store.con.execute(
        "SELECT e.id, e.name, e.kind FROM entities e WHERE e.merged_into IS NULL AND e.id != ?"
        " ORDER BY e.kind != ?, (SELECT count(*) FROM entity_links l WHERE l.entity_id = e.id) DESC LIMIT ?",
        (entity_id, kind, limit))]


def _who(ws, merge: dict[str, Any]) -> str:
    """The account behind an analyst's merge or split (from the audit log), else the store's actor (auto)."""
    if merge["actor"] != "analyst":
        return merge["actor"]
    row = ws.store.con.execute("SELECT actor FROM audit WHERE action IN ('entity.merge', 'entity.split')"
                               " AND json_extract(after, '$.merge') = ? ORDER BY id DESC LIMIT 1",
                               (merge["id"],)).fetchone()
    return row[0] if row else "analyst"


def _name(ws, entity_id: str) -> str:
    row = ws.store.con.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return row[0] if row else entity_id


def _with_dates(ws, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not documents:
        return []
    marks = ",".join("?" * len(documents))
    extra = {r[0]: (r[1], r[2]) for r in ws.store.con.execute(
        f"SELECT id, published, coalesce(outlet, source) FROM documents WHERE id IN ({marks})",
        [d["id"] for d in documents])}
    return [d | {"published": extra.get(d["id"], (None, None))[0], "outlet": extra.get(d["id"], (None, None))[1]}
            for d in documents]


def _events(ws, name: str, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The events of its documents in which it is an actor or a target, oldest first."""
    out = []
    for doc_id in doc_ids:
        doc = ws.store.get_document(doc_id)
        for e in doc.events:
            role = "actor" if name in e.actors else "target" if name in e.targets else None
            if role is None:
                continue
            out.append({"document": doc.id, "outlet": doc.outlet or doc.source, "type": e.value, "mode": e.mode,
                        "role": role, "actors": e.actors, "targets": e.targets, "place": e.place,
                        "date": e.start.date().isoformat() if e.start else None, "precision": e.precision,
                        "status": e.status if e.assigned else f"{e.status}, roles not established",
                        "factual": e.factual, "text": e.text, "confidence": e.confidence,
                        "sentence": next((n for n, s in enumerate(doc.sentences)
                                          if s.span.start <= e.span.start < s.span.end), None)})
    return sorted(out, key=lambda e: (e["date"] or "9999", e["document"]))


def _timeline(ws, entity_id: str) -> tuple[list[dict[str, Any]], str | None]:
    from .timeline import timeline
    try:
        return timeline(ws, entity=entity_id)["stories"], None
    except (NotFound, InputError) as exc:
        return [], str(exc)
