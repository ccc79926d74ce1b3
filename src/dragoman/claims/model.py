"""What goes into claim finding (sentences with their name mentions) and what comes out (one hit per claim)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Source types, from most to least accountable.
SOURCE_TYPES = ("named", "official", "outlet", "anonymous", "observers")
KINDS = ("reported", "quote", "assessment")


@dataclass(slots=True)
class ClaimSentence:
    """One sentence: its text, its offset in the document, and its mentions as
    (start, end, label, canonical name or None) with offsets relative to the sentence; label is PER/ORG/LOC/MISC."""

    text: str
    offset: int = 0
    mentions: list[tuple[int, int, str, str | None]] = field(default_factory=list)


@dataclass(slots=True)
class ClaimHit:
    """A claim in sentence `sentence_index`: `start`/`end` (relative to that sentence) cover the reported content
    where it can be isolated, else the whole sentence. `attributed_to` is the chain, outermost first (the outlet
    when given, then any relaying outlet, then the source); `certainty` follows the scale in `claims.certainty`."""

    sentence_index: int
    start: int
    end: int
    text: str
    kind: str                    # reported, quote or assessment
    attributed_to: list[str]
    source_type: str             # named, official, outlet, anonymous or observers
    speaker: str | None
    cues: list[str]              # the reporting words found
    hedges: list[str]            # the hedging and estimative words found
    certainty: float
    quote: bool
