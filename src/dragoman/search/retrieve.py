"""The three ways a document can match a search, each giving documents best first with its evidence:
full-text (FTS5, any script, stems), entity (the entity store's links), semantic (passage vectors)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..store import fts
from ..vectors.index import VectorIndex
from .entities import QueryEntity

POOL = 200               # candidates each way, before fusion


@dataclass(frozen=True, slots=True)
class Scope:
    """The documents a search may return, as SQL over `documents d` (the caller's filters)."""

    where: tuple[str, ...] = ()
    params: tuple[Any, ...] = ()

    def clause(self) -> str:
        return "".join(f" AND {w}" for w in self.where)

    def ids(self, con: sqlite3.Connection) -> set[str] | None:
        """Every document id in scope, or None when nothing narrows it."""
        if not self.where:
            return None
        return {r[0] for r in con.execute("SELECT d.id FROM documents d WHERE 1" + self.clause(), self.params)}


@dataclass(slots=True)
class EntityEvidence:
    entity_id: str
    name: str
    mentions: int
    surfaces: list[str] = field(default_factory=list)


def text_hits(con: sqlite3.Connection, query: str, scope: Scope, limit: int = POOL) -> list[tuple[str, float]]:
    """[(doc id, bm25 score, higher is better)] for documents holding every word (as written or by its stem)."""
    expression = fts.match_expression(query)
    if expression is None:
        return []
    rows = con.execute(
        "SELECT d.id, bm25(documents_fts, 10.0, 5.0, 3.0, 1.0) AS score FROM documents_fts"
        " JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?" + scope.clause()
        + " ORDER BY score LIMIT ?", (expression, *scope.params, limit)).fetchall()
    return [(r[0], round(-r[1], 3)) for r in rows]


def entity_hits(con: sqlite3.Connection, entities: list[QueryEntity], scope: Scope, *, require_all: bool = False,
                limit: int = POOL) -> dict[str, list[EntityEvidence]]:
    """doc id -> the named entities it mentions (with the spellings used), documents that mention all of them
    first, then by mentions; with `require_all`, only documents that mention every one."""
    found: dict[str, list[EntityEvidence]] = {}
    for qe in entities:
        rows = con.execute(
            "SELECT l.doc_id, count(*) AS n, group_concat(DISTINCT l.surface) AS surfaces FROM entity_links l"
            " JOIN documents d ON d.id = l.doc_id WHERE l.entity_id = ?" + scope.clause()
            + " GROUP BY l.doc_id ORDER BY n DESC, l.doc_id LIMIT ?", (qe.entity_id, *scope.params, limit))
        for doc_id, n, surfaces in rows:
            spellings = sorted(set((surfaces or "").split(",")) - {""})
            found.setdefault(doc_id, []).append(EntityEvidence(qe.entity_id, qe.name, n, spellings))
    if require_all:
        found = {doc_id: evidence for doc_id, evidence in found.items() if len(evidence) == len(entities)}
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[1]), -sum(e.mentions for e in kv[1]), kv[0])))


@dataclass(frozen=True, slots=True)
class SemanticHit:
    doc_id: str
    language: str
    score: float
    rank: int              # within the document's language (E5 scores a language's own text higher)
    start: int
    end: int


def semantic_hits(con: sqlite3.Connection, query_vector, scope: Scope, *, floor: float, margin: float,
                  per_language: int) -> list[SemanticHit]:
    """The best documents of each language: at least `floor`, within `margin` of that language's best, at most
    `per_language` of each. Ranked within their language, since E5 scores an English query higher against
    English text than against an Arabic text that says the same (0.83 vs 0.78 on the demo)."""
    hits = VectorIndex(con).search(query_vector, allowed=scope.ids(con), limit=POOL, floor=floor)
    if not hits:
        return []
    languages = _languages(con, [h.doc_id for h in hits])
    best: dict[str, float] = {}
    out: list[SemanticHit] = []
    for h in hits:                                   # best first
        language = languages.get(h.doc_id) or "?"
        top = best.setdefault(language, h.score)
        rank = sum(1 for s in out if s.language == language) + 1
        if h.score < top - margin or rank > per_language:
            continue
        out.append(SemanticHit(h.doc_id, language, h.score, rank, h.start, h.end))
    return out


def _languages(con: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.update({r[0]: r[1] for r in con.execute(f"SELECT id, language FROM documents WHERE id IN ({marks})",
                                                    chunk)})
    return out
