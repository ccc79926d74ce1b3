"""Which happenings one sentence tells: its events turned into drafts of Reports, each with its date, place and
occurrence number.

The event stage gives every event of a sentence the sentence's first date and first site. Where a sentence names
several, we refine that here, because a timeline depends on it:

- an event takes the date and the place nearest its trigger, first within its own clause ("last month he held
  talks in Benghazi, and on 17 September visited Libya again": one date each), towns and sites before
  countries; one that lies nearer to an event of another type is not this event's ("Yevkurov's first trip, on
  22 August, came a day before Prigozhin was killed … north of Moscow": the date is the trip's, Moscow the
  crash's);
- an event that names several occurrences at once ("travelled twice, first in late August and again in
  October") becomes one report per date, numbered 1, 2…;
- occurrence cues ("again", "вновь", "للمرة الأولى") give the nearest report its ordinal;
- events of one type that the same sentence tells on the same date are one report.

Events coded on a sentence's English rendering have no position in the original; they keep the coder's date
and place. A sentence without a date gives a report without one (precision None): the publication date is
shown beside it, never turned into the happening's day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from ..model import Document, Event, Place, Sentence, TimeExpression
from ..text.clauses import clause_index, clause_starts
from ..times.hit import CONFIDENT
from . import cues
from .dates import Days

CUE_REACH = 40          # a "twice" this close to a trigger (or inside its span) speaks of that event
RUN_GAP = 40            # dates listed together ("on 22 August and 17 September") are at most this far apart
RUN_REACH = 120         # …and the first of them follows the "twice" within this many characters

@dataclass(eq=False)
class Draft:
    """One happening a sentence tells, on its way to becoming a Report."""

    event: Event
    group: str
    trigger: tuple[int, int] | None
    days: Days | None = None
    time: TimeExpression | None = None
    place: Place | None = None
    place_name: str | None = None
    ordinal: int | None = None
    cue_kinds: set[str] = field(default_factory=set)
    members: list[Event] = field(default_factory=list)

    @property
    def anchor(self) -> tuple[int, int] | None:
        return (self.time.span.start, self.time.span.end) if self.time is not None else self.trigger


def type_group(event_type: str) -> str:
    """Event types that can describe one happening: every CONSULT mode (visit, meet, host…) is one."""
    return event_type.upper()


class Spans:
    """A document's dates, located places and mentions in text order, for fetching those inside a span."""

    def __init__(self, doc: Document) -> None:
        self.times = _Sorted(t for t in doc.times if t.start is not None and t.confidence >= CONFIDENT)
        self.places = _Sorted(p for p in doc.places if p.lat is not None)
        self.mentions = _Sorted(doc.mentions)


class _Sorted:
    """Annotations in text order; `within(lo, hi)` gives those lying wholly inside [lo, hi)."""

    def __init__(self, items) -> None:
        self.items = sorted(items, key=lambda x: (x.span.start, x.span.end))
        self.starts = [x.span.start for x in self.items]

    def within(self, lo: int, hi: int) -> list:
        i = bisect_left(self.starts, lo)
        out = []
        while i < len(self.items) and self.starts[i] < hi:
            if self.items[i].span.end <= hi:
                out.append(self.items[i])
            i += 1
        return out


def sentence_drafts(doc: Document, spans: Spans, finder: cues.Finder, lo: int, hi: int,
                    events: list[Event]) -> list[Draft]:
    """The happenings the events of sentence text[lo:hi] tell: listed occurrences split, each with its date and
    place, one per type and date, numbered where a cue says which occurrence it is."""
    times = spans.times.within(lo, hi)
    places = spans.places.within(lo, hi)
    names = [(m.span.start, m.span.end) for m in spans.mentions.within(lo, hi)] + \
        [(p.span.start, p.span.end) for p in places]
    drafts = [Draft(e, type_group(e.value), _trigger(doc.text, e)) for e in events]
    positioned = [d for d in drafts if d.trigger is not None]
    bounds = clause_starts(doc.text, lo, hi)

    def clause(at: int) -> int:
        return clause_index(bounds, at)

    found = finder.within(lo, hi)
    listed, claimed = _split_listed(positioned, [c for c in found if c.kind == "several"], times, names, clause)
    single = [d for d in drafts if not any(x.event is d.event for x in listed)]
    free_times = [t for t in times if id(t) not in claimed]
    for d in single:
        if d.trigger is None:            # coded on the English rendering: the coder's date and place stand
            d.days = Days.of(d.event.start, d.event.end, d.event.precision)
            d.place_name = d.event.place
            d.place = next((p for p in places if d.place_name in (p.value, p.text)), None) if d.place_name else None
            continue
        d.time = _nearest(d, free_times, positioned, clause)
        d.days = _days(d.time)
    for d in listed + single:
        if d.trigger is not None:
            d.place = _nearest(d, places, positioned, clause, places=True)
            d.place_name = d.place.value if d.place else None
    merged = _merge(listed + single)
    _ordinals(merged, [c for c in found if c.kind != "several"], doc, lo, clause)
    return merged


def _split_listed(positioned: list[Draft], several: list[cues.Cue], times: list[TimeExpression],
                  names: list[tuple[int, int]], clause) -> tuple[list[Draft], set[int]]:
    """One draft per date for each event that names several occurrences at once, numbered in order; and the
    ids of the dates they took."""
    out: list[Draft] = []
    claimed: set[int] = set()
    for d in positioned:
        run = _listed_dates(d, several, times, names, clause)
        if len(run) >= 2:
            claimed |= {id(t) for t in run}
            out += [replace(d, time=t, days=_days(t), ordinal=i, members=[], cue_kinds=set())
                    for i, t in enumerate(run, 1)]
    return out, claimed


def _trigger(text: str, event: Event) -> tuple[int, int] | None:
    """Where the trigger lies in the original; None for events coded on the English rendering."""
    if event.via is not None or not event.trigger:
        return None
    at = text.find(event.trigger, event.span.start, event.span.end)
    return (at, at + len(event.trigger)) if at >= 0 else None


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _nearest(draft: Draft, items: list, positioned: list[Draft], clause, *, places: bool = False):
    """The item (date or place) of `draft`: one inside its own event span if another event's span holds it
    too or none does, else the nearest in its own clause. A date strictly nearer to an event of another type is
    that event's; a place strictly nearer to any other event is that event's ("met Putin in Moscow, before a
    separate meeting with Shoigu"). Only the event's own clause counts. Towns and sites come before countries, and a
    country counts only when it is the event's own place (the one its coder marked)."""
    pool = []
    for item in items:
        span = (item.span.start, item.span.end)
        holders = [o for o in positioned if _inside(span, o.event)]
        if holders and not any(o.event is draft.event for o in holders):
            continue
        mine = _distance(draft.trigger, span)
        rivals = (o for o in positioned if o.trigger != draft.trigger and (places or o.group != draft.group))
        if holders or not any(_distance(o.trigger, span) < mine for o in rivals):
            pool.append((mine, item))
    # per clause, never per sentence: a date in another clause belongs to what that clause tells
    pool = [(d, i) for d, i in pool if clause(i.span.start) == clause(draft.trigger[0])]
    if places:
        # a country or region only where the coder marked it as the place ("в Сирии", "en Arménie"): one named
        # in a title or as an owner ("le président élu du Liban", "Türkiye'nin meselesi") is not where it was
        pool = [(d, i) for d, i in pool if i.precision < 3] or \
            [(d, i) for d, i in pool if draft.event.place in (i.value, i.text)]
    return min(pool, key=lambda p: p[0])[1] if pool else None


def _inside(span: tuple[int, int], event: Event) -> bool:
    return event.span.start <= span[0] and span[1] <= event.span.end


def _listed_dates(draft: Draft, several: list[cues.Cue], times: list[TimeExpression],
                  names: list[tuple[int, int]], clause) -> list[TimeExpression]:
    """The dates a "twice"/"two visits" next to this trigger lists: consecutive, close, nothing named between."""
    span = (draft.event.span.start, draft.event.span.end)
    for cue in several:
        at = (cue.start, cue.end)
        if _distance(at, span) > 0 and _distance(at, draft.trigger) > CUE_REACH:
            continue
        run: list[TimeExpression] = []
        for t in times:
            if t.span.start < at[0] or clause(t.span.start) != clause(at[0]):
                continue
            if not run:
                if t.span.start - at[1] > RUN_REACH:
                    break
                run.append(t)
                continue
            gap = (run[-1].span.end, t.span.start)
            if gap[1] - gap[0] > RUN_GAP or any(gap[0] <= s < gap[1] for s, _ in names):
                break
            run.append(t)
        return run
    return []


def _days(t: TimeExpression | None) -> Days | None:
    return Days.of(t.start, t.end, t.precision) if t is not None else None


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One draft per type and date in a sentence. An undated event joins a draft of its type whose event span
    overlaps its own (the nearest); one standing apart ("…, weeks after two visits to Benghazi") stays apart."""
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda d: (d.days is None, -d.event.confidence)):
        same = [o for o in out if o.group == d.group]
        if d.days is not None:
            target = next((o for o in same if o.days == d.days
                           and (o.ordinal == d.ordinal or None in (o.ordinal, d.ordinal))), None)
        else:
            touching = [o for o in same if any(_overlap(e, d.event) for e in o.members)]
            target = min(touching, key=lambda o: _distance(o.anchor, d.anchor)
                         if o.anchor and d.anchor else 0) if touching else None
        if target is None:
            d.members = [d.event]
            out.append(d)
            continue
        target.members.append(d.event)
        target.ordinal = target.ordinal or d.ordinal
        if _place_rank(d) < _place_rank(target):         # the place most tightly bound to its own trigger
            target.place, target.place_name = d.place, d.place_name
    return sorted(out, key=lambda d: (d.anchor or (0, 0), d.ordinal or 0))


def _overlap(a: Event, b: Event) -> bool:
    return a.span.start < b.span.end and b.span.start < a.span.end


def _place_rank(d: Draft) -> tuple[int, int]:
    """Sites and towns before countries, then the nearest to its trigger; no place last."""
    if d.place is None:
        return (9, 0) if d.place_name is None else (8, 0)
    near = _distance(d.trigger, (d.place.span.start, d.place.span.end)) if d.trigger else 0
    return (d.place.precision, near)


def _ordinals(drafts: list[Draft], found: list[cues.Cue], doc: Document, lo: int, clause) -> None:
    """Give each "first"/"again" cue to the nearest report of its own clause; a split keeps its numbering."""
    anchored = [d for d in drafts if d.anchor is not None]
    if found and anchored:
        for cue in found:
            at = (cue.start, cue.end)
            own = [d for d in anchored if clause(d.anchor[0]) == clause(cue.start)]
            if own:
                min(own, key=lambda d: _distance(d.anchor, at)).cue_kinds.add(cue.kind)
    elif len(drafts) == 1:
        drafts[0].cue_kinds |= {c.kind for c in found}
        if not found:
            english = _sentence_english(doc, lo)
            drafts[0].cue_kinds |= {c.kind for c in cues.find(english or "", ("first", "repeat"))}
    for d in drafts:
        if d.ordinal is None and len(d.cue_kinds) == 1:
            d.ordinal = 1 if "first" in d.cue_kinds else 2


def _sentence_english(doc: Document, lo: int) -> str | None:
    """The real English rendering (not a gloss) of the sentence starting at `lo`."""
    for s in doc.sentences:
        if s.span.start == lo:
            t = s.translation
            return t.text if t is not None and t.engine not in ("gloss", "none") else None
    return None


def sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    """The sentence holding `offset` (sentences sorted by start, `starts` their starts)."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i].span.end:
        return sentences[i]
    return None
