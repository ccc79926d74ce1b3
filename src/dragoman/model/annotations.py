"""Annotation types. Each records its span in `Document.text`, a value, a confidence and its producer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec


class Span(msgspec.Struct, frozen=True, array_like=True):
    """Half-open character offsets [start, end) into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start:self.end]


class Annotation(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What every annotation carries: where, what, how sure, and which stage (and version) said so."""

    span: Span
    text: str              # the surface form as it appears in the document
    value: str             # the normalised value (canonical name, ISO interval, event type…)
    confidence: float = 1.0
    stage: str
    version: str


class Mention(Annotation, kw_only=True, omit_defaults=True):
    """A name in the text: a person, organisation, place or other entity."""

    label: str                       # PER, ORG, LOC, MISC…
    entity_id: str | None = None     # the canonical Entity it was resolved to
    kind: str | None = None          # the resolved entity's kind (person, organisation, unit, place, facility…)
    rule: str | None = None          # which resolution rule attached it (alias, key, surname, fuzzy, arabnamer…)
    score: float | None = None       # that rule's score
    source: str | None = None        # which recogniser found it (spacy, natasha, rules:…, translation)
    evidence: str | None = None      # why it links where it does, or why it stays unlinked, in words
    declined: str | None = None      # the entity it was not linked to for want of evidence (country scope)


class Entity(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A canonical person/organisation/place that mentions across documents and scripts resolve to."""

    id: str
    kind: str
    name: str                               # canonical English form
    variants: list[str] = msgspec.field(default_factory=list)
    stage: str
    version: str
    confidence: float = 1.0


class Place(Annotation, kw_only=True, omit_defaults=True):
    """A resolved location with coordinates and an ACLED-style precision code."""

    lat: float | None = None
    lon: float | None = None
    country: str | None = None       # ISO 3166-1 alpha-2
    feature: str | None = None       # city, airbase, port, region, country…
    precision: int = 3               # 1 exact site/town, 2 near it / part of region, 3 region or country
    gazetteer_id: str | None = None
    alternatives: dict[str, float] = msgspec.field(default_factory=dict)   # other candidates of an uncertain name


class TimeExpression(Annotation, kw_only=True, omit_defaults=True):
    """A date or relative time resolved to an interval; month-only mentions stay month-precise."""

    start: datetime | None = None
    end: datetime | None = None
    precision: str = "day"           # day, week, month, season, year (start inclusive, end exclusive)
    anchor: datetime | None = None   # what a relative expression was resolved against


class Event(Annotation, kw_only=True, omit_defaults=True):
    """Who did what to whom, coded in PLOVER; `value` holds the event type."""

    mode: str | None = None
    actors: list[str] = msgspec.field(default_factory=list)
    targets: list[str] = msgspec.field(default_factory=list)
    place: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    precision: str | None = None     # of start/end: day, week, month, season, year (None: date unknown)
    trigger: str | None = None       # the word(s) that signalled the event
    negated: bool = False            # "did not meet": kept, with lower confidence
    via: str | None = None           # "translation" when coded on the sentence's English rendering
    status: str = "happened"         # planned, hypothetical, requested, denied, negated: never told as done
    act: str | None = None           # the act a framing event (AGREE to / DEMAND that …) is about
    assigned: bool = True            # actor and target established; an unassigned event is never a fact

    @property
    def factual(self) -> bool:
        """Told as having happened, with its roles established: fit for the timeline and the brief."""
        return self.assigned and self.status == "happened"


class Claim(Annotation, kw_only=True, omit_defaults=True):
    """A reported statement and the chain of who it is attributed to."""

    attributed_to: list[str] = msgspec.field(default_factory=list)  # outermost first: outlet → source
    cues: list[str] = msgspec.field(default_factory=list)           # words that mark reporting
    hedges: list[str] = msgspec.field(default_factory=list)         # estimative/hedging words that lower certainty
    source_type: str | None = None   # named, official, outlet, anonymous, observers
    speaker: str | None = None
    quote: bool = False
    certainty: float = 1.0


class GeoClaim(Annotation, kw_only=True, omit_defaults=True):
    """A geographic claim of the text (an offset, a flight time, "very close to") checked by the geostrategy
    module; `value` holds its kind (offset, flight, near), `detail` the computation as the service shows it."""

    verdict: str                     # consistent/inconsistent (offset), holds/stretched/… , unchecked
    summary: str = ""
    detail: dict[str, Any] = msgspec.field(default_factory=dict)
