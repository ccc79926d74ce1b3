"""Documents: a filtered, paginated list; one document with its sentences, translations and annotations;
full-text search; an analyst's correction of a translation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..errors import InputError
from ..model import to_builtins
from ..store import fts
from . import audit
from .audit import Actor

MAX_LIMIT = 200
STATUSES = ("pending", "done", "failed")


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What an analyst narrows the document list by; every field is optional."""

    language: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None            # inclusive
    status: str | None = None
    entity: str | None = None            # an entity id, canonical name or any spelling seen
    place: str | None = None             # a place name as resolved (value) or as written
    text: str | None = None              # full-text words and "quoted phrases"


def page_bounds(offset: int, limit: int) -> tuple[int, int]:
    if not 0 <= offset <= 2 ** 53:
        raise InputError(f"offset {offset}", "must be between 0 and 2^53")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit {limit}", f"must be between 1 and {MAX_LIMIT}")
    return offset, limit


def list_documents(ws, flt: DocumentFilter = DocumentFilter(), *, offset: int = 0, limit: int = 50) -> dict[str, Any]:
    """Newest first; `total` counts every match so a client can page."""
    offset, limit = page_bounds(offset, limit)
    where, params = _where(ws, flt)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    con = ws.store.con
    total = con.execute(f"SELECT count(*) FROM documents d{clause}", params).fetchone()[0]
    # Page by the published index first, then read the (large) rows of that page only.
    rows = con.execute(
        f"WITH page AS (SELECT d.rowid AS r FROM documents d{clause}"
        " ORDER BY d.published DESC, d.rowid DESC LIMIT ? OFFSET ?)"
        " SELECT d.id, d.title, d.language, coalesce(d.outlet, d.source) AS outlet, d.url, d.published, d.status,"
        " d.capture_sha256, json_array_length(d.data, '$.mentions') AS mentions,"
        " json_array_length(d.data, '$.places') AS places, json_array_length(d.data, '$.events') AS events"
        " FROM page JOIN documents d ON d.rowid = page.r ORDER BY d.published DESC, d.rowid DESC",
        [*params, limit, offset]).fetchall()
    return {"items": [dict(r) for r in rows], "total": total, "offset": offset, "limit": limit}


def _where(ws, flt: DocumentFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if flt.language:
        where.append("d.language = ?")
        params.append(flt.language)
    if flt.outlet:
        where.append("(d.outlet = ? COLLATE NOCASE OR d.source = ? COLLATE NOCASE)")
        params += [flt.outlet, flt.outlet]
    if flt.since:
        where.append("d.published >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        where.append("d.published < ?")
        params.append(date.fromordinal(flt.until.toordinal() + 1).isoformat())
    if flt.status:
        if flt.status not in STATUSES:
            raise InputError(f"status {flt.status!r}", f"use one of {', '.join(STATUSES)}")
        where.append("d.status = ?")
        params.append(flt.status)
    if flt.entity:
        from ..store.entities import EntityStore
        entity_id = EntityStore(ws.store.con).get(flt.entity)["id"]        # NotFound names the entity
        where.append("d.id IN (SELECT doc_id FROM entity_links WHERE entity_id = ?)")
        params.append(entity_id)
    if flt.place:
        where.append("EXISTS (SELECT 1 FROM json_each(d.data, '$.places') p WHERE"
                     " json_extract(p.value, '$.value') = ? COLLATE NOCASE"
                     " OR json_extract(p.value, '$.text') = ?)")
        params += [flt.place, flt.place]
    if flt.text:
        expression = fts.match_expression(flt.text)
        if expression is None:
            raise InputError(f"search {flt.text!r}", "no words to search for")
        where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(expression)
    return where, params


def filter_sql(ws, flt: DocumentFilter) -> tuple[list[str], list[Any]]:
    """The WHERE conditions (on `documents d`) and parameters that select what `flt` asks for."""
    return _where(ws, flt)


def search(ws, query: str, *, language: str | None = None, limit: int = 20) -> dict[str, Any]:
    """Search in every language (see `service.search.search`, which takes more filters)."""
    from .search import search as cross_lingual
    return cross_lingual(ws, query, lang=language, limit=limit)


def document_view(ws, doc_id: str) -> dict[str, Any]:
    """Everything about one document, each sentence with its English and how that English was made."""
    doc = ws.store.get_document(doc_id)
    data = to_builtins(doc)
    data["sentences"] = [sentence_view(doc.text, s) for s in doc.sentences]
    return data


def sentence_view(text: str, s) -> dict[str, Any]:
    """Original + English + how it was made; a gloss is marked as such, never passed off as a translation."""
    view: dict[str, Any] = {"span": [s.span.start, s.span.end], "language": s.language,
                            "original": s.span.of(text), "english": None}
    t = s.translation
    if t is None:
        view["provenance"] = {"engine": "none", "note": "untranslated"}
        return view
    if t.engine == "gloss":
        view["gloss"] = t.text
    else:
        view["english"] = t.text
    view["provenance"] = {k: v for k, v in (("engine", t.engine), ("model", t.model), ("version", t.version),
                                           ("created", t.created.isoformat() if t.created else None),
                                           ("note", t.note)) if v}
    if t.span and t.span != s.span:
        view["translated_span"] = [t.span.start, t.span.end]       # the English covers more than this sentence
    return view


def correct_translation(ws, doc_id: str, sentence: int, english: str, actor: Actor) -> dict[str, Any]:
    """An analyst's English for one sentence: it wins over any engine and is kept across re-runs."""
    from ..model import SuppliedTranslation, Translation
    english = " ".join(english.split())
    if not english:
        raise InputError(f"document {doc_id}", "the translation is empty")
    doc = ws.store.get_document(doc_id)
    if not 0 <= sentence < len(doc.sentences):
        raise InputError(f"document {doc.id}", f"no sentence {sentence} (it has {len(doc.sentences)})")
    s = doc.sentences[sentence]
    before = s.translation.text if s.translation else None
    # Kept as a supplied pair too, so the translate stage re-applies it on every re-run.
    original = s.span.of(doc.text)
    doc.supplied_translations = [*[p for p in doc.supplied_translations if p.original != original],
                                 SuppliedTranslation(original, english)]
    s.translation = Translation(text=english, span=s.span, engine="analyst", created=datetime.now().astimezone(),
                                note=f"corrected by {actor.name}")
    with ws.store.transaction() as con:
        ws.store.save_processed(doc, status=_status(ws, doc.id), pipeline=_pipeline(ws, doc.id))
        audit.record(con, actor, "translation.edit", f"{doc.id}#{sentence}", before, english)
    return sentence_view(doc.text, s)


def _status(ws, doc_id: str) -> str:
    return ws.store.con.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]


def _pipeline(ws, doc_id: str) -> str:
    return ws.store.con.execute("SELECT pipeline FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
