"""Reports: every event and claim of the stored documents, one per happening a sentence tells, with the outlet
behind it, its evidence span and English, and the near-duplicate it repeats. Computed on demand; nothing is
stored.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Iterator

from ..errors import NotFound
from ..model import Document, from_json
from ..outlets import Registry
from ..text.normalize import fold
from .cluster import cluster
from .dates import Days
from .duplicates import Text, near_duplicates
from .evidence import Origin, document_reports
from .model import Report
from .participants import Names, Party
from .sources import describe

__all__ = ["Report", "documents", "find_entity", "involves", "load_reports", "reports_from_documents", "select"]


def load_reports(ws, *, entity: str | None = None, start: date | None = None, end: date | None = None,
                 query: str | None = None) -> list[Report]:
    """The reports of the workspace's documents (or of those matching the full-text `query`).

    `entity` (a canonical name, an entity id or any spelling) keeps the reports of every happening it takes part
    in, including reports that do not name it themselves (a ministry post that "the delegation returned to
    Benghazi"), and the claims that name it. `start`/`end` keep the happenings dated within those days (a
    happening's date is the one most outlets give, so a dissenting date stays beside it), and the claims and
    undated happenings published within them. Raises NotFound when `entity` is neither a known entity nor a
    name any report involves.
    """
    names = Names.for_connection(ws.store.con)
    reports = reports_from_documents(list(documents(ws, query)), Registry.load(ws.root), names)
    return select(reports, names, entity=entity, start=start, end=end)


def reports_from_documents(docs: list[Document], registry: Registry, names: Names) -> list[Report]:
    """Every event and claim of `docs` as Reports, near-duplicates marked."""
    duplicates = near_duplicates(Text(d.id, d.text, d.url, d.published) for d in docs)
    sources = {d.id: describe(registry, d) for d in docs}
    reports: list[Report] = []
    for doc in docs:
        original = duplicates.get(doc.id)
        origin = Origin(sources[doc.id], original, sources[original].family if original else None,
                        sources[original].outlet if original else None)
        reports += document_reports(doc, origin, names)
    return reports


def select(reports: list[Report], names: Names, *, entity: str | None = None, start: date | None = None,
           end: date | None = None) -> list[Report]:
    """The reports about `entity` within [start, end], whole happenings at a time (see `load_reports`)."""
    if not entity and not (start or end):
        return reports
    wanted = find_entity(names, entity) if entity else None
    keep: set[int] = set()
    grouped: set[int] = set()
    for c in cluster(reports):
        grouped |= {id(r) for r in c.reports}
        if (not entity or any(involves(r, wanted, entity) for r in c.reports)) and _dated_within(
                c.days, min((r.published for r in c.reports if r.published), default=None), start, end):
            keep |= {id(r) for r in c.reports}
    for r in reports:
        if id(r) not in grouped and (not entity or involves(r, wanted, entity)) and _dated_within(
                Days.of(r.when_start, r.when_end, r.precision), r.published, start, end):
            keep.add(id(r))
    out = [r for r in reports if id(r) in keep]
    if entity and not out and wanted is None:
        raise NotFound(f"entity {entity!r}: no known entity has that name or id, and no event or claim names "
                       f"it; check the spelling, or find the documents with `dragoman search`")
    return out


def find_entity(names: Names, entity: str) -> Party | None:
    """A known entity by id, canonical name or any spelling in any script."""
    index = names.resolver.index
    ident = entity.strip()
    if ident in index.entries:
        entry = index.entries[index.final(ident)]
        return Party(entry.name, entry.id, entry.kind)
    return names.resolve(ident)


def involves(report: Report, wanted: Party | None, entity: str) -> bool:
    """`report` names the entity (`wanted`, else the name `entity` as written) among who takes part."""
    if wanted is not None:
        return (wanted.entity_id in report.participant_ids) or wanted.name in report.participants \
            or wanted.name in report.actors or wanted.name in report.targets
    key = fold(entity)
    return any(fold(p) == key for p in (*report.participants, *report.actors, *report.targets))


def _dated_within(days: Days | None, published, start: date | None, end: date | None) -> bool:
    """The happening's days (else the day it was published) overlap [start, end]."""
    if not (start or end):
        return True
    if days is None:
        if published is None:
            return False
        day = published.date()
        days = Days(day, day + timedelta(days=1), "day")
    first = start or date.min
    stop = end + timedelta(days=1) if end else date.max
    return days.first < stop and first < days.stop


def documents(ws, query: str | None = None) -> Iterator[Document]:
    """The stored documents, or those the full-text `query` finds."""
    if query:
        total = ws.store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        hits = ws.store.search(query, limit=max(total, 1))
        yield from _decode(ws, (h["id"] for h in hits))
        return
    for (data,) in ws.store.con.execute("SELECT data FROM documents ORDER BY rowid"):
        yield from_json(data)


def _decode(ws, ids: Iterable[str]) -> Iterator[Document]:
    for doc_id in ids:
        row = ws.store.con.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None:
            yield from_json(row[0])
