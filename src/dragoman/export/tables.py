"""CSV tables for spreadsheets and ACLED-style event work (`--table`):

- `events`: one row per event a document tells, in ACLED's columns (event_date, time_precision, event_type,
  sub_event_type, actor1, actor2, location, latitude, longitude, geo_precision, source, source_scale, notes)
  and ours (status, factual, excerpt, outlet grade…). `event_type` is the PLOVER type and `sub_event_type` its
  mode, not ACLED's categories. `event_date` is the first day of the period the text gives; `time_precision` is
  ACLED's code (1 day, 2 week, 3 month or coarser) and `date_precision` our word for it. `status` says what the
  event is told as; only `factual` = yes rows are told as done with their roles established.
- `entities`: people, organisations and armed units: canonical name, every alias, how many documents name them.
- `places`: resolved places and facilities with coordinates, precision and how many documents name them.
- `excerpts`: every sentence that backs an event or claim, with its citation: excerpt id (`dragoman cite`),
  outlet, URL, capture SHA-256 and WARC record, original and English.

`source_scale` (ACLED's word): "New media" for Telegram channels, "Other" for ministries, governments and
militaries, "National" when the outlet is based in the country of the event's place, "International" when
elsewhere, empty when either is unknown.

Cells are safe to open in Excel or LibreOffice: text starting with = + - @ (or a tab or carriage return) gets a
leading apostrophe, so it shows as text and never runs as a formula. Arabic and Russian are UTF-8; `--bom` adds
the byte-order mark Excel needs to see that.
"""

from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

from .facts import DocFacts, EntityRef, EventFact, calendar
from .layers import Layers, PlaceTally
from .text import cell

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3}
OFFICIAL = ("ministry", "government", "military")

COLUMNS = {
    "events": ["event_id", "event_date", "date_end", "time_precision", "date_precision", "event_type",
               "sub_event_type", "status", "factual", "actor1", "actor2", "assoc_actors", "location", "latitude",
               "longitude", "geo_precision", "country", "source", "source_scale", "source_grade",
               "source_descriptor", "url", "document_id", "published", "language", "excerpt_id", "notes", "original",
               "translation"],
    "entities": ["entity_id", "name", "kind", "origin", "aliases", "documents", "mentions", "spellings_here",
                 "outlets", "first_published", "last_published"],
    "places": ["place_id", "name", "layer", "feature", "latitude", "longitude", "geo_precision", "country",
               "documents", "mentions", "outlets", "first_published", "last_published", "urls"],
    "excerpts": ["excerpt_id", "backs", "item", "document_id", "outlet", "source_grade", "url", "published",
                 "language", "capture_sha256", "warc_file", "warc_offset", "original", "english", "translation",
                 "attributed_to", "certainty", "status"],
}


def write(ctx, out: TextIO) -> None:
    table = ctx.options["table"]
    writer = csv.writer(out)
    writer.writerow(COLUMNS[table])

    def emit(rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            writer.writerow([cell(row.get(column)) for column in COLUMNS[table]])
            ctx.summary.count(f"{table} row")

    ctx.builder.parts = {"events": {"events"}, "excerpts": {"events", "claims"}}.get(table, set())
    if table == "events":
        for facts in ctx.facts():
            emit(r for e in facts.events if (r := ctx.guarded(f"event {facts.id}:{e.index}",
                                                               lambda: event_row(facts, e))) is not None)
    elif table == "excerpts":
        for facts in ctx.facts():
            emit(excerpt_rows(facts))
    elif table == "entities":
        emit(_Entities(ctx).rows())
    else:
        layers = Layers(ctx, wanted=("place", "facility"))
        for _ in layers.events():
            pass
        emit(place_row(t) for t in layers.tallies())


def event_row(facts: DocFacts, event: EventFact) -> dict[str, Any]:
    first, last = calendar(event)
    place = event.place
    actors = [p.name for p in event.actors]
    targets = [p.name for p in event.targets]
    return {
        "event_id": f"{facts.id}:{event.index}", "event_date": _first_day(first), "date_end": last,
        "time_precision": TIME_PRECISION.get(event.precision or ""), "date_precision": event.precision,
        "event_type": event.type, "sub_event_type": event.mode, "status": event.status, "factual": event.factual,
        "actor1": actors[0] if actors else None, "actor2": targets[0] if targets else None,
        "assoc_actors": "; ".join(actors[1:] + targets[1:]) or None, "location": event.place_name,
        "latitude": round(place.lat, 6) if place else None, "longitude": round(place.lon, 6) if place else None,
        "geo_precision": place.precision if place else None, "country": place.country if place else None,
        "source": facts.source.outlet, "source_scale": source_scale(facts, event),
        "source_grade": facts.source.grade, "source_descriptor": facts.source.descriptor, "url": facts.url,
        "document_id": facts.id, "published": facts.published.isoformat() if facts.published else None,
        "language": facts.doc.language, "excerpt_id": event.evidence.excerpt_id,
        "notes": event.evidence.english or event.evidence.original, "original": event.evidence.original,
        "translation": event.evidence.translation,
    }


def source_scale(facts: DocFacts, event: EventFact) -> str | None:
    if facts.outlet_type == "telegram channel":
        return "New media"
    if facts.outlet_type in OFFICIAL:
        return "Other"
    where = event.place.country if event.place else None
    if not where or not facts.outlet_country:
        return None
    return "National" if where == facts.outlet_country else "International"


def excerpt_rows(facts: DocFacts) -> list[dict[str, Any]]:
    doc = facts.doc
    capture = doc.capture
    base = {"document_id": facts.id, "outlet": facts.source.outlet, "source_grade": facts.source.grade,
            "url": facts.url, "published": facts.published.isoformat() if facts.published else None,
            "language": doc.language, "capture_sha256": facts.sha256,
            "warc_file": capture.archive if capture else None, "warc_offset": capture.offset if capture else None}
    rows: list[dict[str, Any]] = []
    for event in facts.events:
        rows.append({**base, **_evidence(event.evidence), "backs": "event", "item": f"{facts.id}:{event.index}",
                     "status": event.status})
    for claim in facts.claims:
        rows.append({**base, **_evidence(claim.evidence), "backs": "claim", "item": f"{facts.id}:c{claim.index}",
                     "attributed_to": " → ".join(claim.attributed_to), "certainty": claim.certainty})
    return rows


def place_row(tally: PlaceTally) -> dict[str, Any]:
    p = tally.properties()
    return {**p, "place_id": tally.place.key, "latitude": round(tally.place.lat, 6),
            "longitude": round(tally.place.lon, 6), "outlets": "; ".join(p["outlets"]), "urls": " ".join(p["urls"])}


class _Entities:
    """Per-entity tallies over the selection (bounded by the number of entities, not of documents)."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.seen: dict[str, dict[str, Any]] = {}

    def rows(self) -> list[dict[str, Any]]:
        for facts in self.ctx.facts():
            day = facts.published.date().isoformat() if facts.published else None
            for ref in facts.entities.values():
                row = self.seen.setdefault(ref.id, self._row(ref))
                row["documents"] += 1
                row["mentions"] += facts.mentions.get(ref.id, 0)
                for spelling in facts.surfaces.get(ref.id, ()):
                    if spelling not in row["_spellings"] and len(row["_spellings"]) < 50:
                        row["_spellings"].append(spelling)
                if facts.source.outlet not in row["_outlets"]:
                    row["_outlets"].append(facts.source.outlet)
                if day:
                    row["first_published"] = min(row["first_published"] or day, day)
                    row["last_published"] = max(row["last_published"] or day, day)
        rows = sorted(self.seen.values(), key=lambda r: (-r["documents"], r["name"], r["entity_id"]))
        for row in rows:
            row["spellings_here"] = " | ".join(row.pop("_spellings"))
            row["outlets"] = "; ".join(sorted(row.pop("_outlets")))
        return rows

    @staticmethod
    def _row(ref: EntityRef) -> dict[str, Any]:
        return {"entity_id": ref.id, "name": ref.name, "kind": ref.kind, "origin": ref.origin,
                "aliases": " | ".join(ref.aliases), "documents": 0, "mentions": 0, "_spellings": [], "_outlets": [],
                "first_published": None, "last_published": None}


def _evidence(evidence) -> dict[str, Any]:
    return {"excerpt_id": evidence.excerpt_id, "original": evidence.original, "english": evidence.english or None,
            "translation": evidence.translation}


def _first_day(first: str | None) -> str | None:
    """ACLED's event_date is a day: a month ("2023-09") or a year becomes its first day."""
    if first is None:
        return None
    return first + {4: "-01-01", 7: "-01"}.get(len(first), "")
