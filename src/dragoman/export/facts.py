"""What one stored document contributes to an export, in the terms every format shares: its outlet, the people
and organisations it names (as the entities they sit in now, after merges), the places it resolves, its events
with their status, and its claims, each with the sentence that backs it under a citable excerpt id.

Every string from a page is cleaned here (see `text.Cleaner`), so no format can forget to. An event is a fact
only when it is told as done with its roles established (`EventFact.factual`); every other event keeps its status
(planned, hypothetical, requested, proposed, denied, negated, unassigned) so no format can pass it off as something
that happened.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..analysis.participants import PARTY_KINDS
from ..analysis.sources import Source, describe
from ..brief.excerpts import GLOSSED, UNTRANSLATED, make_excerpt, sentences_in
from ..geo.facilities import FEATURES as FACILITY_FEATURES
from ..model import Document, Event, Place, Span
from ..outlets import Registry
from .text import Cleaner

MAX_ALIASES = 50            # spellings per entity: the most seen; a name seen in 300 forms is noise past these
NAME_CHARS = 300
TEXT_CHARS = 4000


def final_id(con: sqlite3.Connection, entity_id: str) -> str:
    """Where an entity sits now: follows `merged_into` to the entity that absorbed it."""
    seen = {entity_id}
    while True:
        row = con.execute("SELECT merged_into FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None or not row[0] or row[0] in seen:
            return entity_id
        entity_id = row[0]
        seen.add(entity_id)


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: str                   # after merges
    kind: str                 # person, organisation, unit
    name: str                 # canonical (English)
    aliases: tuple[str, ...]  # every other spelling the workspace has seen, most seen first
    origin: str               # known (term base), new (first seen in this workspace), split (by an analyst)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    key: str                  # gazetteer id, else name and coordinates
    name: str
    lat: float
    lon: float
    precision: int            # 1 site or town, 2 near it / part of a region, 3 region or country
    feature: str | None
    country: str | None

    @property
    def layer(self) -> str:
        return "facility" if self.feature in FACILITY_FEATURES else "place"


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence(s) backing an event or claim: original, English and how it was made, and an excerpt id
    that `dragoman cite` resolves back to the archived bytes (None for a document without sentences)."""

    excerpt_id: str | None
    original: str
    english: str              # "" when there is no real translation (untranslated, or only glossed)
    translation: str          # analyst, ctranslate2 <model>, original English, untranslated…


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    entity: EntityRef | None  # None: the coder's words name nobody the workspace knows


@dataclass(slots=True)
class EventFact:
    index: int                # position among the document's events (part of its ids)
    type: str                 # PLOVER type
    mode: str | None
    status: str               # happened, planned, hypothetical, requested, proposed, denied, negated, unassigned
    actors: list[Party]
    targets: list[Party]
    place: PlaceRef | None
    place_name: str | None
    start: datetime | None
    end: datetime | None
    precision: str | None     # day, week, month, season, year
    trigger: str | None
    confidence: float
    span: Span
    evidence: Evidence

    @property
    def factual(self) -> bool:
        """Told as done, with who did it to whom established: the only events exported as happenings."""
        return self.status == "happened"


@dataclass(slots=True)
class ClaimFact:
    index: int
    kind: str                 # reported, quote, assessment…
    text: str
    attributed_to: list[str]  # outermost first: outlet → source
    speaker: str | None
    source_type: str | None   # named, official, outlet, anonymous, observers
    certainty: float
    hedges: list[str]
    quote: bool
    span: Span
    entities: list[EntityRef]
    evidence: Evidence


@dataclass(slots=True)
class DocFacts:
    doc: Document
    source: Source
    outlet_type: str | None
    outlet_country: str | None
    title: str
    title_english: str
    url: str
    entities: dict[str, EntityRef] = field(default_factory=dict)
    surfaces: dict[str, list[str]] = field(default_factory=dict)     # entity id -> spellings in this document
    mentions: dict[str, int] = field(default_factory=dict)           # entity id -> mentions in this document
    places: dict[str, PlaceRef] = field(default_factory=dict)
    place_mentions: dict[str, int] = field(default_factory=dict)
    events: list[EventFact] = field(default_factory=list)
    claims: list[ClaimFact] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def published(self) -> datetime | None:
        return self.doc.published

    @property
    def sha256(self) -> str | None:
        return self.doc.capture.sha256 if self.doc.capture else None


# What each status means, in words every format writes beside the event (never "happened" unless it did).
STATUS_WORDS = {
    "happened": "reported as having happened",
    "planned": "reported as planned, not as done",
    "hypothetical": "reported as a possibility, not as done",
    "requested": "reported as requested, not as done",
    "proposed": "reported as proposed (an offer), not as agreed or done",
    "denied": "reported as denied",
    "negated": "reported as not having happened",
    "unassigned": "who did it to whom is not established: not a fact about anyone",
}


def calendar(event: EventFact) -> tuple[str | None, str | None]:
    """The event's date as ISO prefixes at its precision: ("2023-09-28", None), ("2023-09", None), ("2023", None),
    or the first and last day of a week or season; (None, None) when the text gives no date."""
    if event.start is None:
        return None, None
    day = event.start.date()
    if event.precision in (None, "day"):
        return day.isoformat(), None
    if event.precision == "month":
        return day.isoformat()[:7], None
    if event.precision == "year":
        return day.isoformat()[:4], None
    last = (event.end - timedelta(seconds=1)).date() if event.end is not None else day
    return day.isoformat(), (last.isoformat() if last > day else None)


def event_status(event: Event) -> str:
    """What an event is told as: negated and denied beat everything, then the coder's status, then whether its
    roles are established."""
    if event.negated or event.status == "negated":
        return "negated"
    if event.status != "happened":
        return event.status
    return "happened" if event.assigned else "unassigned"


class Catalogue:
    """Entities by id as they stand after merges, with their spellings; cached (bounded by the entity count)."""

    def __init__(self, con: sqlite3.Connection, clean: Cleaner) -> None:
        self.con = con
        self.clean = clean
        self._refs: dict[str, EntityRef | None] = {}

    def entity(self, entity_id: str, name: str, kind: str | None) -> EntityRef | None:
        """The entity a mention resolved to, if it is a person, organisation or unit."""
        if entity_id not in self._refs:
            self._refs[entity_id] = self._load(entity_id, name, kind)
        return self._refs[entity_id]

    def _load(self, entity_id: str, name: str, kind: str | None) -> EntityRef | None:
        final = final_id(self.con, entity_id)
        if final != entity_id and final in self._refs:
            return self._refs[final]
        row = self.con.execute("SELECT kind, name, origin FROM entities WHERE id = ?", (final,)).fetchone()
        kind, name, origin = (row[0], row[1], row[2]) if row else (kind, name, "known")
        if kind not in PARTY_KINDS:
            return None
        canonical = self.clean(name, NAME_CHARS)
        variants = (r[0] for r in self.con.execute(
            "SELECT variant FROM entity_variants WHERE entity_id = ? ORDER BY count DESC, variant LIMIT ?",
            (final, MAX_ALIASES + 1)))
        aliases = tuple(a for a in self.clean.all(self.clean(v, NAME_CHARS) for v in variants) if a != canonical)
        ref = EntityRef(final, kind, canonical, aliases[:MAX_ALIASES], origin)
        self._refs[final] = ref
        return ref


class FactBuilder:
    """Builds DocFacts for one export (one registry, one entity catalogue, one cleaner)."""

    def __init__(self, con: sqlite3.Connection, registry: Registry, clean: Cleaner) -> None:
        self.registry = registry
        self.clean = clean
        self.catalogue = Catalogue(con, clean)
        self._evidence: tuple[str, dict] = ("", {})      # the current document's excerpts by sentence numbers
        self.parts = {"events", "claims"}                  # what the format at hand writes (the rest is not built)

    def build(self, doc: Document) -> DocFacts:
        clean = self.clean
        source = describe(self.registry, doc)
        outlet = self.registry.outlets.get(source.outlet_id) if source.outlet_id else None
        english = doc.title_translation.text if doc.title_translation else \
            (doc.title if (doc.language or "").startswith("en") else "")
        facts = DocFacts(doc=doc, source=_clean_source(source, clean), outlet_type=outlet.type if outlet else None,
                         outlet_country=outlet.country if outlet else None,
                         title=clean(doc.title, TEXT_CHARS), title_english=clean(english, TEXT_CHARS),
                         url=clean(doc.url))
        by_value: dict[str, EntityRef] = {}
        for m in doc.mentions:
            if not m.entity_id:
                continue
            ref = self.catalogue.entity(m.entity_id, m.value, m.kind)
            if ref is None:
                continue
            by_value.setdefault(m.value, ref)
            facts.entities.setdefault(ref.id, ref)
            facts.mentions[ref.id] = facts.mentions.get(ref.id, 0) + 1
            spelled = clean(m.text, NAME_CHARS)
            if spelled and spelled not in facts.surfaces.setdefault(ref.id, []):
                facts.surfaces[ref.id].append(spelled)
        located = [(p, ref) for p in doc.places if (ref := self._place(p)) is not None]
        for _, ref in located:
            facts.places.setdefault(ref.key, ref)
            facts.place_mentions[ref.key] = facts.place_mentions.get(ref.key, 0) + 1
        for index, event in enumerate(doc.events if "events" in self.parts else ()):
            facts.events.append(self._event(doc, index, event, by_value, located))
        for index, claim in enumerate(doc.claims if "claims" in self.parts else ()):
            inside = [self.catalogue.entity(m.entity_id, m.value, m.kind) for m in doc.mentions
                      if m.entity_id and claim.span.start <= m.span.start and m.span.end <= claim.span.end]
            facts.claims.append(ClaimFact(
                index=index, kind=claim.value, text=clean(claim.span.of(doc.text) or claim.text, TEXT_CHARS),
                attributed_to=clean.all(claim.attributed_to), speaker=clean(claim.speaker) or None,
                source_type=claim.source_type, certainty=claim.certainty, hedges=clean.all(claim.hedges),
                quote=claim.quote, span=claim.span, entities=list({r.id: r for r in inside if r}.values()),
                evidence=self.evidence(doc, claim.span)))
        return facts

    def _place(self, place: Place) -> PlaceRef | None:
        """A resolved place (one with coordinates); unresolved names are no place to put on a map."""
        if place.lat is None or place.lon is None:
            return None
        key = place.gazetteer_id or f"{place.value}@{place.lat:.4f},{place.lon:.4f}"
        return PlaceRef(key=key, name=self.clean(place.value, NAME_CHARS), lat=place.lat, lon=place.lon,
                        precision=place.precision, feature=place.feature, country=place.country)

    def _event(self, doc: Document, index: int, event: Event, by_value: dict[str, EntityRef],
               located: list[tuple[Place, PlaceRef]]) -> EventFact:
        def parties(names: list[str]) -> list[Party]:
            out = [Party(self.clean(n, NAME_CHARS), by_value.get(n)) for n in names]
            return [p for p in out if p.name]

        place = None
        if event.place:
            near = [(abs(p.span.start - event.span.start), ref) for p, ref in located if p.value == event.place]
            place = min(near, key=lambda item: item[0])[1] if near else None
        return EventFact(index=index, type=event.value, mode=event.mode, status=event_status(event),
                         actors=parties(event.actors), targets=parties(event.targets), place=place,
                         place_name=self.clean(event.place) or None, start=event.start, end=event.end,
                         precision=event.precision if event.start else None,
                         trigger=self.clean(event.trigger) or None,
                         confidence=event.confidence, span=event.span, evidence=self.evidence(doc, event.span))

    def evidence(self, doc: Document, span: Span) -> Evidence:
        """The whole sentences around `span` as a citable excerpt (the span itself when there are none); events
        and claims of one sentence share it."""
        indexes = sentences_in(doc, span.start, span.end)
        if not indexes:
            return Evidence(None, self.clean(span.of(doc.text), TEXT_CHARS), "", UNTRANSLATED)
        key = (doc.id, tuple(indexes))
        if self._evidence[0] != doc.id:
            self._evidence = (doc.id, {})
        found = self._evidence[1].get(key)
        if found is None:
            excerpt = make_excerpt(doc, indexes)
            english = "" if excerpt.translation in (GLOSSED, UNTRANSLATED) else excerpt.english
            found = Evidence(excerpt.id, self.clean(excerpt.original, TEXT_CHARS), self.clean(english, TEXT_CHARS),
                             excerpt.translation)
            self._evidence[1][key] = found
        return found


def _clean_source(source: Source, clean: Cleaner) -> Source:
    return Source(source.outlet_id, clean(source.outlet, NAME_CHARS), source.family,
                  clean(source.descriptor, NAME_CHARS), source.grade)
