"""Search across languages for the faces and for watchlists: text, the entities the query names, and meaning,
with the analyst's filters, each result saying why it matched."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import InputError
from ..search import Scope, SemanticOptions, describe, hybrid, query_entities
from ..search.entities import names_only
from ..store import fts
from ..vectors.index import VectorIndex
from .documents import DocumentFilter, _where, page_bounds


def search(ws, query: str, *, lang: str | None = None, outlet: str | None = None, since: date | None = None,
           until: date | None = None, semantic: bool | None = None, limit: int = 20) -> dict[str, Any]:
    """Documents that match `query` by text, by an entity it names (any script or spelling), or by meaning.

    `semantic`: None (default) uses meaning when the workspace has passage vectors and the query is not just a
    name or a quoted phrase (names and phrases are matched exactly); True always when vectors exist; False never.
    `until` is inclusive. Returns {"query", "count", "results", "entities", "semantic"}; each result carries
    `matched` (text, entity, semantic), `why` (one line) and the evidence of each."""
    _, limit = page_bounds(0, limit)
    query = " ".join(query.split())
    if not query:
        raise InputError("search ''", "no words to search for")
    con = ws.store.con
    where, params = _where(ws, DocumentFilter(language=lang, outlet=outlet, since=since, until=until))
    scope = Scope(tuple(where), tuple(params))
    entities = query_entities(con, query)
    use, note = _semantic_choice(con, query, entities, semantic)
    vector = None
    if use:
        from ..vectors import embed_query
        vector = embed_query(query)
    settings = ws.settings
    options = SemanticOptions(floor=settings["search.semantic_floor"])
    results = describe(con, query, hybrid(con, query, entities, scope, query_vector=vector, semantic=options,
                                          limit=limit))
    return {"query": query, "count": len(results), "results": results,
            "entities": [{"id": e.entity_id, "name": e.name, "as": e.surface, "rule": e.rule} for e in entities],
            "semantic": {"used": use, "note": note}}


def _semantic_choice(con, query: str, entities, asked: bool | None) -> tuple[bool, str]:
    if asked is False:
        return False, "off (asked)"
    passages, _ = VectorIndex(con).count()
    if not passages:
        return False, ("no passage vectors in this workspace: add \"embed\" to pipeline.stages and `dragoman run`"
                       if asked else "no passage vectors (the embed stage is off)")
    if asked:
        return True, "on (asked)"
    if names_only(query, entities):
        return False, "off: the query is names, matched by entity and text"
    phrases, terms = fts.parse_query(query)
    if phrases and not terms:
        return False, "off: a quoted phrase is matched exactly"
    return True, "on"


def coverage(ws, *, lang: str | None = None, outlet: str | None = None, since: date | None = None,
             until: date | None = None, limit: int = 50) -> dict[str, Any]:
    """Groups of documents, across languages, that report one happening (shared entities within days, backed
    by meaning when the workspace has passage vectors; near-duplicates join their original)."""
    from ..analysis.coverage import group
    from ..analysis.coverage_load import load_items
    _, limit = page_bounds(0, limit)
    where, params = _where(ws, DocumentFilter(language=lang, outlet=outlet, since=since, until=until))
    items = load_items(ws.store.con, Scope(tuple(where), tuple(params)))
    groups = group(items)
    titles = {r[0]: (r[1], r[2], r[3], r[4]) for r in ws.store.con.execute(
        "SELECT id, title, language, coalesce(outlet, source), published FROM documents")}
    return {"documents": len(items), "count": len(groups), "groups": [
        {"documents": [{"id": i, "title": titles[i][0], "language": titles[i][1], "outlet": titles[i][2],
                        "published": titles[i][3]} for i in g.ids],
         "languages": g.languages, "entities": g.entities[:8],
         "first": g.first.isoformat() if g.first else None, "last": g.last.isoformat() if g.last else None,
         "links": [{"a": a, "b": b, "why": why} for a, b, why in g.links]}
        for g in groups[:limit]]}


def match_document(ws, doc_id: str, query: str, *, semantic: bool = False, doc=None) -> dict[str, Any] | None:
    """Whether ONE stored document matches `query` (for watchlists, as documents are processed): by text, by an
    entity the query names (a names-only query needs all of them), and with `semantic`, by meaning at least
    `search.semantic_watch_floor` (its vectors from `doc` in flight from the embed stage, else from the index).
    Returns {"matched", "why", "semantic_score"} or None."""
    from ..search import semantic_score
    from ..search.semantic import document_vectors
    query = " ".join(query.split())
    if not query:
        raise InputError("watch query ''", "no words to match")
    con = ws.store.con
    scope = Scope(("d.id = ?",), (doc_id,))
    entities = query_entities(con, query)
    found = hybrid(con, query, entities, scope, query_vector=None, limit=1)
    matched = list(found[0].matched) if found else []
    why = [r for r in (describe(con, query, found)[0]["why"],) if r] if found else []
    score = None
    if semantic:
        vectors = document_vectors(doc if doc is not None else ws.store.get_document(doc_id), con)
        score = semantic_score(query, vectors)
        if score is not None and score >= ws.settings["search.semantic_watch_floor"]:
            matched.append("semantic")
            why.append(f"meaning {score:.2f}")
    if not matched:
        return None
    return {"matched": matched, "why": " + ".join(why), "semantic_score": score}
