"""One search over text, entities and meaning: each way ranks its documents, the ranks are fused (reciprocal rank
fusion: a document found two ways outranks one found one way at a similar rank), and every result says why it
matched."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..model import from_json
from ..store import fts
from .entities import QueryEntity, names_only
from .retrieve import EntityEvidence, Scope, SemanticHit, entity_hits, semantic_hits, text_hits

RRF_K = 10                # small: the lists are short and their first places matter most
WEIGHTS = {"text": 1.0, "entity": 1.0, "semantic": 0.8}


@dataclass(frozen=True, slots=True)
class SemanticOptions:
    floor: float = 0.78            # least cosine for a semantic match
    margin: float = 0.05           # and within this of the best in the same language
    per_language: int = 5


@dataclass(slots=True)
class Result:
    doc_id: str
    score: float = 0.0
    matched: list[str] = field(default_factory=list)        # text, entity, semantic
    text_score: float | None = None
    entities: list[EntityEvidence] = field(default_factory=list)
    semantic: SemanticHit | None = None


def hybrid(con: sqlite3.Connection, query: str, entities: list[QueryEntity], scope: Scope, *,
           query_vector=None, semantic: SemanticOptions = SemanticOptions(), limit: int = 20) -> list[Result]:
    """The fused ranking. `query_vector` None leaves meaning out (no vectors, or not asked for). A query of names
    only finds every document that mentions them all; in a longer query the names back up text and meaning."""
    results: dict[str, Result] = {}

    def add(doc_id: str, way: str, rank: int) -> Result:
        r = results.setdefault(doc_id, Result(doc_id))
        r.matched.append(way)
        r.score += WEIGHTS[way] / (RRF_K + rank)
        return r

    for rank, (doc_id, score) in enumerate(text_hits(con, query, scope), 1):
        add(doc_id, "text", rank).text_score = score
    if query_vector is not None:
        for hit in semantic_hits(con, query_vector, scope, floor=semantic.floor, margin=semantic.margin,
                                 per_language=semantic.per_language):
            add(hit.doc_id, "semantic", hit.rank).semantic = hit
    alone = names_only(query, entities)
    rank = 0
    for doc_id, evidence in entity_hits(con, entities, scope, require_all=alone).items():
        if alone or doc_id in results:
            rank += 1
            add(doc_id, "entity", rank).entities = evidence
    return sorted(results.values(), key=lambda r: (-r.score, r.doc_id))[:limit]


def describe(con: sqlite3.Connection, query: str, results: list[Result]) -> list[dict[str, Any]]:
    """What the faces show: the document, a snippet, and why it matched."""
    out = []
    for r in results:
        row = con.execute("SELECT id, title, language, outlet, source, url, published, data FROM documents"
                          " WHERE id = ?", (r.doc_id,)).fetchone()
        if row is None:
            continue
        doc = from_json(row[7])
        item: dict[str, Any] = {"id": row[0], "title": row[1], "language": row[2], "outlet": row[3] or row[4],
                                "url": row[5], "published": row[6], "score": round(r.score, 4),
                                "matched": r.matched, "why": why(r), "snippet": _snippet(doc, query, r)}
        if r.text_score is not None:
            item["text_score"] = r.text_score
        if r.entities:
            item["entities"] = [{"id": e.entity_id, "name": e.name, "mentions": e.mentions, "spellings": e.surfaces}
                                for e in r.entities]
        if r.semantic:
            item["semantic"] = {"score": r.semantic.score, "rank_in_language": r.semantic.rank,
                                "passage": _passage(doc, r.semantic)}
        out.append(item)
    return out


def why(r: Result) -> str:
    """One line: "text + entity: Khalifa Haftar as «Хафтаром» (3)", "meaning: 0.81"."""
    parts = []
    if "text" in r.matched:
        parts.append("text")
    for e in r.entities:
        shown = ", ".join(f"«{s}»" for s in e.surfaces[:3])
        parts.append(f"entity {e.name} as {shown} ({e.mentions})")
    if r.semantic:
        parts.append(f"meaning {r.semantic.score:.2f} (#{r.semantic.rank} in {r.semantic.language})")
    return " + ".join(parts)


def _snippet(doc, query: str, r: Result) -> str:
    text = doc.text or doc.title or ""
    if "text" in r.matched:
        found = fts.snippet(text, query)
        if fts.snippet_has_match(found, query):
            return found
        english = doc.translation_text()           # matched in the English translation
        return fts.snippet(english, query) if english else found
    if r.entities:
        for surface in r.entities[0].surfaces:
            at = text.find(surface)
            if at >= 0:
                return fts.snippet(text, f'"{surface}"')
    if r.semantic:
        return _passage(doc, r.semantic)
    return fts.snippet(text, query)


def _passage(doc, hit: SemanticHit, width: int = 240) -> str:
    piece = doc.title or "" if hit.start < 0 else doc.text[hit.start:hit.end]
    piece = " ".join(piece.split())
    return piece if len(piece) <= width else piece[:width].rsplit(" ", 1)[0] + "…"
