"""The map layers GeoJSON and KML share: events at their place (one feature per event a document tells, streamed),
and places and facilities (one feature per place, with how many documents name it, written at the end; their
count is bounded by the gazetteer, not by the number of documents).

An event without a resolved place has no point: it is counted and left off the map (the CSV table keeps it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .facts import STATUS_WORDS, DocFacts, EventFact, PlaceRef, calendar

GEO_PRECISION = {1: "site or town", 2: "near it or part of a region", 3: "region or country"}
MAX_URLS = 5              # source links a place feature lists; its document count says how many there are


@dataclass
class PlaceTally:
    place: PlaceRef
    documents: int = 0
    mentions: int = 0
    first: str | None = None           # earliest and latest publication day of the documents naming it
    last: str | None = None
    outlets: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def add(self, facts: DocFacts, mentions: int) -> None:
        self.documents += 1
        self.mentions += mentions
        if facts.published is not None:
            day = facts.published.date().isoformat()
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)
        if facts.source.outlet not in self.outlets:
            self.outlets.append(facts.source.outlet)
        if facts.url and len(self.urls) < MAX_URLS and facts.url not in self.urls:
            self.urls.append(facts.url)

    def properties(self) -> dict[str, Any]:
        p = self.place
        return {"layer": p.layer, "id": f"place:{p.key}", "name": p.name, "feature": p.feature,
                "geo_precision": p.precision, "geo_precision_words": GEO_PRECISION.get(p.precision),
                "country": p.country, "gazetteer_id": p.key, "documents": self.documents, "mentions": self.mentions,
                "first_published": self.first, "last_published": self.last, "outlets": sorted(self.outlets),
                "urls": self.urls}


class Layers:
    """Walks the export's documents once: yields event features as they come, tallies places for the end."""

    def __init__(self, ctx, wanted: tuple[str, ...] | None = None) -> None:
        self.ctx = ctx
        self.wanted = wanted or ctx.options["layers"]
        self.places: dict[str, PlaceTally] = {}
        self.unplaced = 0
        ctx.builder.parts = {"events"} if "event" in self.wanted else set()

    def events(self) -> Iterator[tuple[EventFact, dict[str, Any], PlaceRef]]:
        """(event, its properties, its place) for every placed event, tallying places along the way."""
        for facts in self.ctx.facts():
            for key, place in facts.places.items():
                if place.layer in self.wanted:
                    self.places.setdefault(key, PlaceTally(place)).add(facts, facts.place_mentions.get(key, 0))
            if "event" not in self.wanted:
                continue
            for event in facts.events:
                if event.place is None:
                    self.unplaced += 1
                    continue
                props = self.ctx.guarded(f"event {facts.id}:{event.index}", lambda: event_properties(facts, event))
                if props is not None:
                    yield event, props, event.place

    def tallies(self) -> list[PlaceTally]:
        """Places then facilities, most named first (ties by name), once the documents are read."""
        if self.unplaced:
            self.ctx.summary.warnings.append(f"{self.unplaced} event(s) without a resolved place are left off the "
                                             f"map (the CSV event table lists them)")
        return sorted(self.places.values(), key=lambda t: (t.place.layer != "place", -t.documents, t.place.name,
                                                           t.place.key))


def event_properties(facts: DocFacts, event: EventFact) -> dict[str, Any]:
    """What a map shows of an event: type, status, who, when at what precision, where, and the source."""
    first, last = calendar(event)
    place = event.place
    return {
        "layer": "event", "id": f"event:{facts.id}:{event.index}", "name": event_title(event),
        "event_type": event.type, "mode": event.mode, "status": event.status, "factual": event.factual,
        "status_words": STATUS_WORDS.get(event.status, f"reported as {event.status}"),
        "actors": [p.name for p in event.actors], "targets": [p.name for p in event.targets],
        "date": first, "date_end": last, "date_precision": event.precision,
        "place": event.place_name, "feature": place.feature if place else None,
        "geo_precision": place.precision if place else None, "country": place.country if place else None,
        "outlet": facts.source.outlet, "outlet_descriptor": facts.source.descriptor,
        "outlet_grade": facts.source.grade, "url": facts.url or None, "document_id": facts.id,
        "title": facts.title or None, "title_english": facts.title_english or None,
        "published": facts.published.isoformat() if facts.published else None,
        "excerpt_id": event.evidence.excerpt_id, "english": event.evidence.english or None,
        "original": event.evidence.original, "translation": event.evidence.translation,
    }


def event_title(event: EventFact) -> str:
    """"CONSULT (visit): Yevkurov → Haftar", with "[planned] " (or the status) first when not told as done."""
    kind = f"{event.type} ({event.mode})" if event.mode else event.type
    who = ", ".join(p.name for p in event.actors) or "someone"
    whom = f" → {', '.join(p.name for p in event.targets)}" if event.targets else ""
    return f"{'' if event.factual else f'[{event.status}] '}{kind}: {who}{whom}"
