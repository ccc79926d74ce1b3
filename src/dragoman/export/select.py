"""Which stored documents an export covers, read in batches so memory stays bounded however large the workspace.

A selection is the processed documents (status `done`), narrowed by any of:

- `query`: the full-text search (`dragoman search` syntax);
- `entity`: documents that mention a person, organisation or place (any spelling seen, id or canonical name);
- `start`/`end`: published on those days (inclusive, the outlet's own calendar day);
- `outlets`: published by these outlets (registry id, name in any script, or the site's domain).

Only row ids are held for the query and entity filters; documents are decoded BATCH at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterator

import msgspec

from ..errors import InputError, NotFound
from ..model import Document, from_json
from ..outlets import Registry
from ..outlets.keys import name_key
from ..store import fts
from .facts import final_id

BATCH = 200


@dataclass(frozen=True)
class Selection:
    query: str | None = None
    entity: str | None = None
    start: date | None = None
    end: date | None = None
    outlets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise InputError("period", f"it ends ({self.end}) before it starts ({self.start})")

    def describe(self) -> dict[str, object]:
        return {"query": self.query, "entity": self.entity,
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None, "outlets": list(self.outlets)}


@dataclass
class Rows:
    """The selection resolved against one workspace: row ids to keep (None: every row) and the outlet test."""

    ws: object
    selection: Selection
    registry: Registry
    keep: set[int] | None = None
    entity_id: str | None = None
    wanted_outlets: set[str] = field(default_factory=set)
    unprocessed: int = 0
    on_error: Callable[[str, str], None] | None = None
    failed: set[str] = field(default_factory=set)

    @classmethod
    def resolve(cls, ws, selection: Selection, registry: Registry) -> "Rows":
        rows = cls(ws, selection, registry)
        con = ws.store.con
        if selection.query:
            rows.keep = _query_rows(con, selection.query)
        if selection.entity:
            rows.entity_id = _entity_id(ws, selection.entity)
            found = {r[0] for r in con.execute(
                "SELECT DISTINCT d.rowid FROM entity_links l JOIN documents d ON d.id = l.doc_id"
                " WHERE l.entity_id = ?", (rows.entity_id,))}
            rows.keep = found if rows.keep is None else rows.keep & found
        rows.wanted_outlets = {_outlet_key(registry, o) for o in selection.outlets}
        rows.unprocessed = con.execute("SELECT count(*) FROM documents WHERE status != 'done'").fetchone()[0]
        return rows

    def documents(self) -> Iterator[Document]:
        """The selected documents in storage order, decoded a batch at a time."""
        con = self.ws.store.con
        last = 0
        while True:
            heads = con.execute(
                "SELECT rowid, source, outlet, url, published FROM documents"
                " WHERE status = 'done' AND rowid > ? ORDER BY rowid LIMIT ?", (last, BATCH)).fetchall()
            if not heads:
                return
            last = heads[-1][0]
            wanted = [h[0] for h in heads if self._wanted(h)]
            if not wanted:
                continue
            marks = ",".join("?" * len(wanted))
            for doc_id, data in con.execute(
                    f"SELECT id, data FROM documents WHERE rowid IN ({marks}) ORDER BY rowid", wanted):
                try:
                    yield from_json(data)
                except (msgspec.DecodeError, msgspec.ValidationError) as exc:
                    self._unreadable(doc_id, f"stored record cannot be read ({exc})")

    def _unreadable(self, doc_id: str, reason: str) -> None:
        """Reported once however often the selection is read; the export goes on without it."""
        if doc_id not in self.failed:
            self.failed.add(doc_id)
            if self.on_error is not None:
                self.on_error(f"document {doc_id}", reason)

    def __iter__(self) -> Iterator[Document]:
        """Iterable more than once (the story analysis reads the selection twice)."""
        return self.documents()

    def count(self) -> int:
        return sum(1 for _ in self._heads())

    def _heads(self):
        con = self.ws.store.con
        for head in con.execute("SELECT rowid, source, outlet, url, published FROM documents WHERE status = 'done'"):
            if self._wanted(head):
                yield head

    def _wanted(self, head) -> bool:
        rowid, source, outlet, url, published = head
        if self.keep is not None and rowid not in self.keep:
            return False
        sel = self.selection
        if sel.start or sel.end:
            day = _day(published)
            if day is None or (sel.start and day < sel.start) or (sel.end and day > sel.end):
                return False
        if self.wanted_outlets:
            found = self.registry.match(url=url, source=source, name=outlet)
            keys = {found.id} if found is not None else {name_key(outlet or ""), (source or "").lower()}
            if not keys & self.wanted_outlets:
                return False
        return True


def _query_rows(con, query: str) -> set[int]:
    expression = fts.match_expression(query)
    if expression is None:
        raise InputError(f"--query {query!r}", "no word to search for")
    return {r[0] for r in con.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (expression,))}


def _entity_id(ws, entity: str) -> str:
    """The entity as it stands after merges: by id, canonical name or any spelling the store has seen, else
    through the resolver (a spelling never seen: `Хафтар` for Khalifa Haftar)."""
    from ..store.entities import EntityStore
    store = EntityStore(ws.store.con)
    try:
        found = store.get(entity)
    except NotFound:
        from ..analysis.participants import Names
        from ..analysis.reports import find_entity
        party = find_entity(Names.for_connection(ws.store.con), entity)
        if party is None or party.entity_id is None:
            raise
        found = store.get(party.entity_id)
    return final_id(ws.store.con, found["id"])


def _outlet_key(registry: Registry, wanted: str) -> str:
    """An --outlet value as the key documents are matched on: the registry id, else a domain or a name."""
    found = registry.outlets.get(wanted) or registry.match(url=wanted, source=wanted, name=wanted)
    if found is not None:
        return found.id
    return wanted.strip().lower() if "." in wanted else name_key(wanted)


def _day(published: str | None) -> date | None:
    """The calendar day a stored ISO timestamp names, in the outlet's own time zone (its first ten characters)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
