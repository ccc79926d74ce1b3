"""What analysis works with: a Report (one event or claim as one document tells it), a Story (one happening as
all documents report it), the Conflicts between their reports, and a Credibility grade with its reasons.

Plain dataclasses computed on demand from stored Documents; nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from .dates import Days


@dataclass
class Report:
    """One event or claim as one document tells it, with the outlet behind it and the evidence span."""

    doc_id: str
    kind: str                 # "event" or "claim"
    type: str                 # PLOVER type (CONSULT…) for events; claim kind (reported, quote, assessment)
    outlet_id: str | None     # outlet registry id, None when unrated
    outlet: str               # display name (registry name, else the document's outlet/source)
    family: str               # registry family for rated outlets, else the source domain
    descriptor: str           # registry descriptor, or "unrated outlet: <domain>"
    grade: str                # Admiralty A–F, or "unrated"
    url: str | None
    title: str | None         # original-language title
    title_english: str | None
    published: datetime | None
    language: str | None
    start: int                # span in the document text: the evidence sentence (events) or the claim span
    end: int
    text: str                 # the original text of that span
    english: str | None       # its English: the sentence translation, or the text itself for English originals
    translation: str | None   # how the English was made: "analyst", "ctranslate2 <model>", "gloss"; None if original
    actors: list[str]         # canonical names
    targets: list[str]
    participants: list[str]   # actors + targets + PER/ORG mentions in the span (canonical), de-duplicated
    place: str | None
    lat: float | None
    lon: float | None
    when_start: datetime | None   # the happening's interval as the text gives it, else None
    when_end: datetime | None
    precision: str | None         # day, week, month, season, year; None when the text gives no date
    attributed_to: list[str]      # claim chain (outermost first); for events, that of a claim covering it
    certainty: float              # claim certainty (1.0 for plain reporting)
    hedges: list[str]
    confidence: float             # coder / claim confidence
    duplicate_of: str | None      # doc id of the document this one repeats (near-duplicate), if any
    # -- beyond the shared interface ------------------------------------------------------------
    mode: str | None = None                 # PLOVER mode (visit, host…)
    negated: bool = False                   # "did not meet": it speaks against the happening
    ordinal: int | None = None              # 1 = a first occurrence, 2+ = a repeat ("again", "second visit")
    source_type: str | None = None          # of the covering claim: named, official, anonymous, observers, outlet
    original_family: str | None = None      # for a duplicate: the family of the document it repeats…
    original_outlet: str | None = None      # …and that document's outlet
    place_precision: int | None = None      # of `place`: 1 site or town, 2 near it, 3 region or country
    participant_ids: list[str] = field(default_factory=list)   # entity ids of `participants`, where known
    persons: list[str] = field(default_factory=list)           # the participants that are people
    # each participant's kind: person, organisation, unit, or country (a state named by its country)
    kinds: dict[str, str] = field(default_factory=dict)
    sentence: tuple[int, int] | None = None  # the evidence sentence's span (claims: the sentence they sit in)
    trigger: str | None = None
    trigger_at: int | None = None           # where the trigger lies in the document text, when known

    @property
    def counted_family(self) -> str:
        """The family this report counts for: a republished story counts with the family it repeats."""
        return self.original_family or self.family

    @property
    def dated(self) -> bool:
        return self.when_start is not None and self.precision is not None

    @cached_property
    def days(self) -> Days | None:
        """The calendar days the text gives the happening, in the outlet's own time zone."""
        return Days.of(self.when_start, self.when_end, self.precision)


@dataclass
class Conflict:
    """Reports of one happening that disagree on a field; every value is kept with who reports it."""

    field: str                      # "date" or "place"
    values: dict[str, list[str]]    # shown value ("22 August 2023") -> outlet names reporting it
    note: str                       # one sentence an analyst reads


@dataclass
class Credibility:
    """Admiralty information credibility (1 confirmed … 6 cannot be judged) and why."""

    grade: int
    label: str
    independent: list[str]          # the independent outlet families that report it
    reasoning: list[str]            # short sentences: sources, what counts once and why, conflicts, hedges


@dataclass
class Story:
    """One happening as all documents report it; contradictions are kept as Conflicts, not merged away."""

    id: str                          # stable: hash of type + participants + consensus date
    type: str
    mode: str | None
    participants: list[str]
    place: str | None
    lat: float | None
    lon: float | None
    start: datetime | None           # consensus interval
    end: datetime | None
    precision: str | None
    reports: list[Report]            # events reporting it, best first
    claims: list[Report]             # claims in the same sentences
    conflicts: list[Conflict]
    credibility: Credibility
    reported: datetime | None = None     # earliest publication among its reports (shown when undated)
