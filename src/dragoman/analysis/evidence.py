"""From one stored Document to Reports: one per happening each sentence tells (see `sentences`), and one per
claim, each with the outlet behind it, the evidence sentence, its English and the claim it is reported through."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from ..model import Claim, Document, Event, Sentence
from . import cues
from .model import Report
from .participants import COUNTRY, PARTY_KINDS, Names, Party
from .sentences import Draft, Spans, sentence_at, sentence_drafts
from .sources import Source

ACTING_LABELS = ("PER", "ORG", "LOC", "GPE")
AGAINST = ("negated", "denied")          # statuses that speak against a happening
MOVES = frozenset({"CONSULT", "MOBILIZE", "RETREAT"})   # types whose place is where someone goes or leaves


def told(event: Event) -> bool:
    """Whether an event enters the analysis: its roles established, and told as done or as not done. Planned,
    hypothetical and requested acts are not happenings; an unassigned event is not a fact about anyone."""
    return event.assigned and event.status in ("happened", *AGAINST)


@dataclass(frozen=True, slots=True)
class Origin:
    """What a document's reports share: its outlet and, for a republished story, the one it repeats."""

    source: Source
    duplicate_of: str | None = None
    original_family: str | None = None
    original_outlet: str | None = None


def document_reports(doc: Document, origin: Origin, names: Names) -> list[Report]:
    """Every event and claim of `doc` as Reports, in text order."""
    sentences = sorted(doc.sentences, key=lambda s: s.span.start)
    starts = [s.span.start for s in sentences]
    grouped: dict[tuple[int, int], list[Event]] = {}
    for event in doc.events:
        if not told(event):
            continue
        sentence = sentence_at(sentences, starts, event.span.start)
        key = (sentence.span.start, sentence.span.end) if sentence else (event.span.start, event.span.end)
        grouped.setdefault(key, []).append(event)
    base = _Base(doc, origin, names, sentences, starts)
    reports: list[Report] = []
    for (lo, hi), events in sorted(grouped.items()):
        drafts = sentence_drafts(doc, base.spans, base.cues, lo, hi, events)
        reports += [base.event_report(draft, lo, hi) for draft in drafts]
    reports += [base.claim_report(claim) for claim in doc.claims]
    return sorted(reports, key=lambda r: (r.start, r.kind))


# -- building Reports ----------------------------------------------------------------------------------------

class _Base:
    """The per-document fields every report shares, and the span-level lookups."""

    def __init__(self, doc: Document, origin: Origin, names: Names, sentences: list[Sentence],
                 starts: list[int]) -> None:
        self.doc, self.origin, self.names = doc, origin, names
        self.sentences, self.starts = sentences, starts
        self.countries = {p.value for p in doc.places if p.feature == "country"}
        self.spans = Spans(doc)
        self.cues = cues.Finder(doc.text)
        # what the coder's actor strings may stand for: resolved names of people, organisations and places
        # (a MISC name such as "Russian" is not an actor)
        self.resolved = {m.value: m for m in doc.mentions if m.entity_id and m.label in ACTING_LABELS}
        source = origin.source
        title_english = doc.title_translation.text if doc.title_translation else \
            (doc.title if (doc.language or "") == "en" else None)
        self.shared = dict(
            doc_id=doc.id, outlet_id=source.outlet_id, outlet=source.outlet, family=source.family,
            descriptor=source.descriptor, grade=source.grade, url=doc.url, title=doc.title,
            title_english=title_english, published=doc.published, language=doc.language,
            duplicate_of=origin.duplicate_of, original_family=origin.original_family,
            original_outlet=origin.original_outlet)

    def event_report(self, draft: Draft, lo: int, hi: int) -> Report:
        """The Report of one happening the sentence text[lo:hi] tells."""
        doc, event = self.doc, draft.event
        members = draft.members or [event]
        place = draft.place_name
        mentions = self.spans.mentions.within(lo, hi)
        local = self.names.sentence_parties(mentions, self.spans.places.within(lo, hi))
        # the event's own place is not a party ("visited Moscow"), unless it is a country an act is aimed at
        # ("нападения ХАМАС на Израиль": Israel is both where and whom)
        barred = place if event.value in MOVES or place not in self.countries else None
        actors = self.names.actors(_unique(a for e in members for a in e.actors), self.resolved, barred, local)
        targets = self.names.actors(_unique(t for e in members for t in e.targets), self.resolved, barred, local)
        parties = self._parties(actors + targets + self.names.mention_parties(mentions))
        claim = _covering_claim(doc.claims, draft.trigger, lo, hi)
        english, how = self._english(lo, hi)
        when = draft.time or (event if draft.days is not None else None)      # the coder's, for English-coded
        modes = [e.mode for e in members if e.mode]
        return Report(
            **self.shared, kind="event", type=event.value, start=lo, end=hi, text=doc.text[lo:hi],
            english=english, translation=how, actors=[p.name for p in actors], targets=[p.name for p in targets],
            participants=[p.name for p in parties], place=place,
            lat=draft.place.lat if draft.place else None, lon=draft.place.lon if draft.place else None,
            place_precision=draft.place.precision if draft.place else None,
            when_start=when.start if when else None, when_end=when.end if when else None,
            precision=draft.days.precision if draft.days else None,
            attributed_to=list(claim.attributed_to) if claim else [],
            certainty=claim.certainty if claim else 1.0, hedges=list(claim.hedges) if claim else [],
            confidence=max(e.confidence for e in members), mode=modes[0] if modes else None,
            negated=all(e.negated or e.status in AGAINST for e in members), ordinal=draft.ordinal,
            source_type=claim.source_type if claim else None,
            participant_ids=[p.entity_id for p in parties if p.entity_id],
            persons=[p.name for p in parties if p.kind == "person"], kinds={p.name: p.kind for p in parties},
            sentence=(lo, hi), trigger=event.trigger,
            trigger_at=draft.trigger[0] if draft.trigger else None)

    def claim_report(self, claim: Claim) -> Report:
        """The Report of one claim: its own span, dated and placed by what lies inside it."""
        doc = self.doc
        lo, hi = claim.span.start, claim.span.end
        sentence = sentence_at(self.sentences, self.starts, lo)
        s_lo, s_hi = (sentence.span.start, sentence.span.end) if sentence else (lo, hi)
        parties = self._parties(self.names.mention_parties(self.spans.mentions.within(lo, hi)))
        time = next(iter(self.spans.times.within(lo, hi)), None)
        located = self.spans.places.within(lo, hi)
        place = min(located, key=lambda p: (p.precision, p.span.start)) if located else None
        english, how = self._english(s_lo, max(s_hi, hi))
        if english is not None and how is None:
            english = doc.text[lo:hi]           # an English original: the claim itself
        return Report(
            **self.shared, kind="claim", type=claim.value, start=lo, end=hi, text=doc.text[lo:hi],
            english=english, translation=how, actors=[], targets=[], participants=[p.name for p in parties],
            place=place.value if place else None, lat=place.lat if place else None,
            lon=place.lon if place else None, place_precision=place.precision if place else None,
            when_start=time.start if time else None,
            when_end=time.end if time else None, precision=time.precision if time else None,
            attributed_to=list(claim.attributed_to), certainty=claim.certainty, hedges=list(claim.hedges),
            confidence=claim.confidence, source_type=claim.source_type,
            participant_ids=[p.entity_id for p in parties if p.entity_id],
            persons=[p.name for p in parties if p.kind == "person"], kinds={p.name: p.kind for p in parties},
            sentence=(s_lo, s_hi))

    def _parties(self, parties: list[Party]) -> list[Party]:
        """De-duplicated; places only when they are countries acting ("Russia is pressing Haftar")."""
        out: list[Party] = []
        seen: set[str] = set()
        for p in parties:
            if p.name in seen or (p.kind not in PARTY_KINDS and p.name not in self.countries):
                continue
            seen.add(p.name)
            out.append(p if p.kind in PARTY_KINDS else Party(p.name, p.entity_id, COUNTRY))
        return out

    def _english(self, lo: int, hi: int) -> tuple[str | None, str | None]:
        """The English of the sentences covering [lo, hi), and how it was made; an English original is its own."""
        first = max(bisect_right(self.starts, lo) - 1, 0)
        covering = [s for s in self.sentences[first:bisect_left(self.starts, hi)] if lo < s.span.end]
        if covering and all((s.language or self.doc.language) == "en" for s in covering):
            return self.doc.text[lo:hi], None
        rendered = [s.translation for s in covering if s.translation and s.translation.engine != "none"]
        if not rendered:
            return (self.doc.text[lo:hi], None) if (self.doc.language or "") == "en" and not covering \
                else (None, None)
        return " ".join(t.text for t in rendered), _how(rendered[0])


def _how(translation) -> str:
    """How an English rendering was made: "analyst", "ctranslate2 opus-mt-ar-en", "gloss"."""
    if translation.engine in ("ctranslate2", "libretranslate") and translation.model:
        return f"{translation.engine} {translation.model}"
    return translation.engine


def _covering_claim(claims: list[Claim], trigger: tuple[int, int] | None, lo: int, hi: int) -> Claim | None:
    """The claim an event is reported through: the one holding its trigger, else (no position known) one covering
    most of the sentence."""
    if trigger is not None:
        return next((c for c in claims if c.span.start <= trigger[0] < c.span.end), None)
    best = max(claims, key=lambda c: min(hi, c.span.end) - max(lo, c.span.start), default=None)
    if best is not None and 2 * (min(hi, best.span.end) - max(lo, best.span.start)) >= hi - lo:
        return best
    return None


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
