"""What the event coder takes and returns; offsets are relative to the sentence text."""

from __future__ import annotations

from dataclasses import dataclass, field

LABELS = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A name found in the sentence by the entities stage (or the eval's NER helper)."""

    start: int
    end: int
    label: str                       # PER, ORG, LOC, MISC
    canonical: str | None = None     # the resolved entity's name, when known
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class SentenceInput:
    """One sentence to code: its text, where it starts in the document, and its name mentions."""

    text: str
    offset: int = 0
    mentions: list[MentionRef] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EventHit:
    """One coded event: PLOVER type and mode, the trigger, who did it to whom, where, and how sure we are."""

    type: str
    mode: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    actors: list[str]
    targets: list[str]
    place: str | None
    span_start: int
    span_end: int
    confidence: float
    negated: bool = False
    sentence: int = 0                # index of the sentence in the list given to `EventCoder.code`
    status: str = "happened"         # happened, planned, hypothetical, requested, denied, negated… (STATUSES)
    act: str | None = None           # for a framed event (AGREE to / THREATEN to / DEMAND that…): the act framed
    assigned: bool = True            # actor (and target, where the type needs one) established from structure


# What a coded event says about reality: only "happened" is told as a fact in the timeline and the brief.
STATUSES = ("happened", "planned", "hypothetical", "requested", "proposed", "denied", "negated", "reference")
# Types that are complete with an actor alone ("troops were mobilised", "protesters rallied").
ONE_PARTY = frozenset({"MOBILIZE", "PROTEST", "RETREAT", "AGREE", "REJECT"})
