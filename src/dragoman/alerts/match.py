"""Which of a batch of just-stored documents each watchlist catches, and whether a catch repeats a story.

The tests are read from what the pipeline already stored: the full-text index (query), the entity links
(entity), the resolved places' coordinates (near). Each is one query over the batch, so matching costs
milliseconds per commit. Semantic watchlists are scored apart (see `semantic.py`), off the pipeline's path.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterable

from ..analysis.duplicates import THRESHOLD, jaccard, shingles
from ..analysis.duplicates import _url_key as url_key
from ..errors import NotFound
from ..geo.areas import km
from ..model import Document
from ..store import fts
from ..store.watchlists import Hit, Watchlist

NEAR_MAX_PRECISION = 2      # a town or a site, or near one; a region's or country's centre is no place to measure from
RECENT_ORIGINALS = 200      # earlier hits of a watchlist a new one is compared with for repeats


@dataclass(frozen=True)
class Candidate:
    """A document a watchlist caught, before the repeat check."""

    watchlist: Watchlist
    doc: Document
    why: str
    score: float | None = None


def in_languages(w: Watchlist, doc: Document) -> bool:
    return not w.languages or (doc.language or "") in w.languages


def by_query(con: sqlite3.Connection, w: Watchlist, docs: list[Document]) -> list[Candidate]:
    """Documents whose title, text or English have every word of the query (as written or by stem)."""
    expression = fts.match_expression(w.value)
    if expression is None or not docs:
        return []
    by_id = {d.id: d for d in docs}
    marks = ",".join("?" * len(by_id))
    rowids = dict(con.execute(f"SELECT rowid, id FROM documents WHERE id IN ({marks})", list(by_id)).fetchall())
    # MATCH limited to the batch's rows: SQLite walks only the query's posting lists, never joins the whole index.
    found = con.execute(f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN"
                        f" ({','.join('?' * len(rowids))})", (expression, *rowids)).fetchall() if rowids else []
    return [Candidate(w, by_id[rowids[r[0]]], f"words: {w.value}") for r in found]


class EntityIndex:
    """The final (after merges) entity of each link, and the watchlist's own entity, read once per batch."""

    def __init__(self, con: sqlite3.Connection, docs: list[Document]) -> None:
        self.con = con
        self._final: dict[str, str] = {}
        self.links: dict[str, list[tuple[str, str]]] = {}      # doc id -> [(entity id, surface)]
        if docs:
            marks = ",".join("?" * len(docs))
            for doc_id, entity_id, surface in con.execute(
                    f"SELECT doc_id, entity_id, surface FROM entity_links WHERE entity_id IS NOT NULL"
                    f" AND doc_id IN ({marks})", [d.id for d in docs]):
                self.links.setdefault(doc_id, []).append((entity_id, surface))

    def final(self, entity_id: str) -> str:
        if entity_id not in self._final:
            from ..store.entities import EntityStore
            self._final[entity_id] = EntityStore(self.con)._final(entity_id)
        return self._final[entity_id]

    def target(self, w: Watchlist) -> str | None:
        """The watchlist's entity as it stands now: its stored id after merges, else its name if now known."""
        from ..store.entities import EntityStore
        if w.params.get("entity_id"):
            known = self.con.execute("SELECT 1 FROM entities WHERE id = ?", (w.params["entity_id"],)).fetchone()
            if known:
                return self.final(w.params["entity_id"])
        try:
            return self.final(EntityStore(self.con).get(w.value)["id"])
        except NotFound:
            return None


def by_entity(index: EntityIndex, w: Watchlist, docs: list[Document]) -> list[Candidate]:
    """Documents with a mention linked to the watchlist's entity, whatever the script or spelling."""
    target = index.target(w)
    if target is None:
        return []
    found = []
    for doc in docs:
        surfaces = [s for e, s in index.links.get(doc.id, []) if index.final(e) == target]
        if surfaces:
            spelled = ", ".join(dict.fromkeys(surfaces))
            found.append(Candidate(w, doc, f"entity {w.params.get('entity_name') or w.value} as {spelled}"))
    return found


def by_place(w: Watchlist, docs: list[Document]) -> list[Candidate]:
    """Documents with a resolved town or site within `km` of the watchlist's point (nearest one named)."""
    lat, lon, radius = w.params["lat"], w.params["lon"], w.params["km"]
    found = []
    for doc in docs:
        best: tuple[float, str] | None = None
        for p in doc.places:
            if p.lat is None or p.lon is None or p.precision > NEAR_MAX_PRECISION:
                continue
            d = km(lat, lon, p.lat, p.lon)
            if d <= radius and (best is None or d < best[0]):
                best = (d, p.value or p.text)
        if best:
            found.append(Candidate(w, doc, f"place {best[1]}, {best[0]:.0f} km from {w.params.get('place_name')}"))
    return found


class RepeatCheck:
    """Whether a caught document repeats one the watchlist caught before (same URL or near-identical text)."""

    def __init__(self, con: sqlite3.Connection, cache_size: int = 2000) -> None:
        self.con = con
        self._shingles: OrderedDict[str, tuple[set[int], str | None]] = OrderedDict()
        self.cache_size = cache_size

    def _remember(self, doc_id: str, text: str, url: str | None) -> tuple[set[int], str | None]:
        value = (shingles(text), url_key(url))
        self._shingles[doc_id] = value
        while len(self._shingles) > self.cache_size:
            self._shingles.popitem(last=False)
        return value

    def _of(self, doc_ids: Iterable[str]) -> dict[str, tuple[set[int], str | None]]:
        out, missing = {}, []
        for doc_id in doc_ids:
            if doc_id in self._shingles:
                self._shingles.move_to_end(doc_id)
                out[doc_id] = self._shingles[doc_id]
            else:
                missing.append(doc_id)
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, text, url in self.con.execute(
                    f"SELECT id, json_extract(data, '$.text'), url FROM documents WHERE id IN ({marks})", chunk):
                out[doc_id] = self._remember(doc_id, text or "", url)
        return out

    def original(self, doc: Document, earlier: list[str]) -> str | None:
        """The id of the earlier hit `doc` repeats, or None."""
        mine = self._shingles.get(doc.id) or self._remember(doc.id, doc.text or "", doc.url)
        for other_id, (theirs, url) in self._of([e for e in earlier if e != doc.id]).items():
            if (url and url == mine[1]) or jaccard(mine[0], theirs) >= THRESHOLD:
                return other_id
        return None


def to_hits(candidates: list[Candidate], repeats: RepeatCheck, earlier: dict[int, list[str]]) -> list[Hit]:
    """Candidates as hits, each marked as a repeat of an earlier hit (or of one before it in this batch)."""
    hits = []
    for c in candidates:
        wid = c.watchlist.id
        seen = earlier.setdefault(wid, [])
        hit = Hit(wid, c.doc.id, c.why, c.score, duplicate_of=repeats.original(c.doc, seen))
        if hit.duplicate_of is None:
            seen.insert(0, c.doc.id)
        hits.append(hit)
    return hits
