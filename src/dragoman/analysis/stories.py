"""Stories: one happening as all documents report it. Event reports are grouped (see `cluster`), the date and
place most independent families give become the story's, and every report that disagrees is kept with its own
value and flagged in a Conflict ("Outlets disagree on the date: …") rather than merged away."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from . import dates
from .cluster import PLACE_KM, Cluster, cluster, km, report_days
from .credibility import assess
from .dates import Days
from .model import Conflict, Credibility, Report, Story

__all__ = ["Conflict", "Story", "build_stories"]

_GRADE_ORDER = {g: i for i, g in enumerate("ABCDEF")}


def build_stories(reports: list[Report]) -> list[Story]:
    """The happenings the event reports describe, in time order (undated ones by when they were first reported),
    each with its conflicts, the claims told in the same sentences, and its credibility."""
    claims: dict[str, list[Report]] = {}
    for r in reports:
        if r.kind == "claim":
            claims.setdefault(r.doc_id, []).append(r)
    stories = [_story(c, claims) for c in cluster(reports)]
    return sorted(stories, key=lambda s: (_when(s), s.id))


def _story(c: Cluster, claims: dict[str, list[Report]]) -> Story:
    days = c.days
    conflicts = [x for x in (_date_conflict(c), _place_conflict(c)) if x is not None]
    support = [r for r in c.reports if not r.negated]
    credibility: Credibility = assess(support, against=[r for r in c.reports if r.negated], conflicts=conflicts)
    place = c.place or _any_place(c)
    participants = _participants(c)
    reports = sorted(c.reports, key=lambda r: _rank(r, days))
    modes = Counter(r.mode for r in c.reports if r.mode)
    reported = min((r.published for r in c.reports if r.published), default=None, key=_utc_key)
    sample = next((r for r in c.reports if report_days(r) == days), None) if days else None
    return Story(
        id=_story_id(c.group, participants, days, reported), type=c.group,
        mode=modes.most_common(1)[0][0] if modes else None, participants=participants,
        place=place.place if place else None, lat=place.lat if place else None, lon=place.lon if place else None,
        start=sample.when_start if sample else None, end=sample.when_end if sample else None,
        precision=days.precision if days else None, reports=reports, claims=_claims_of(c.reports, claims),
        conflicts=conflicts, credibility=credibility, reported=reported)


def _date_conflict(c: Cluster) -> Conflict | None:
    days = c.days
    if days is None:
        return None
    dissent = [r for r in c.reports if (d := report_days(r)) is not None and not d.overlaps(days)]
    if not dissent:
        return None
    values: dict[str, list[str]] = {dates.long(days): _outlets(r for r in c.reports if report_days(r) == days)}
    for d in sorted({report_days(r) for r in dissent}):
        values.setdefault(dates.long(d), []).extend(
            o for o in _outlets(r for r in dissent if report_days(r) == d) if o not in values.get(dates.long(d), []))
    return Conflict("date", values, "Outlets disagree on the date: " + _listing(_editions(values, c)) + ".")


def _editions(values: dict[str, list[str]], c: Cluster) -> dict[str, list[str]]:
    """For the note: an outlet that gives two values in different languages is named with each edition's."""
    twice = {o for o, n in Counter(o for outlets in values.values() for o in outlets).items() if n > 1}
    if not twice:
        return values
    out: dict[str, list[str]] = {}
    for value, outlets in values.items():
        shown = []
        for o in outlets:
            langs = sorted({r.language for r in c.reports if r.outlet == o and r.language
                            and report_days(r) is not None and dates.long(report_days(r)) == value})
            shown.append(f"{o} in {'/'.join(langs)}" if o in twice and langs else o)
        out[value] = shown
    return out


def _place_conflict(c: Cluster) -> Conflict | None:
    consensus = c.place
    if consensus is None:
        return None
    # Only reports that date the happening speak to its place: an undated aside ("observers in Tripoli said the
    # trip…") names where the speaker is as often as where it happened.
    dissent = [r for r in c.reports if r.lat is not None and (r.place_precision or 3) < 3 and r.dated
               and r.place != consensus.place and km(r, consensus) > PLACE_KM]
    if not dissent:
        return None
    values = {consensus.place: _outlets(r for r in c.reports if r.place == consensus.place)}
    for r in dissent:
        values.setdefault(r.place, [])
        if r.outlet not in values[r.place]:
            values[r.place].append(r.outlet)
    return Conflict("place", values, "Outlets disagree on the place: " + _listing(values) + ".")


def _listing(values: dict[str, list[str]]) -> str:
    return "; ".join(f"{value} ({', '.join(outlets) or 'no outlet gives it exactly'})"
                     for value, outlets in values.items())


def _outlets(reports) -> list[str]:
    return list(dict.fromkeys(r.outlet for r in reports))


def _participants(c: Cluster) -> list[str]:
    """Who acts in it, as most families tell it: those two families (or the only one) name as actor or target,
    most named first; failing those, whom the evidence sentences of two families name."""
    need = 1 if len(c.families) == 1 else 2
    acting: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    for r in c.reports:
        for p in (*r.actors, *r.targets):
            if p in r.participants:
                acting.setdefault(p, set()).add(r.counted_family)
        for p in r.participants:
            named.setdefault(p, set()).add(r.counted_family)
    persons = {p for r in c.reports for p in r.persons}
    kept = [p for p, f in acting.items() if len(f) >= need] or [p for p, f in named.items() if len(f) >= need] \
        or list(named)
    return sorted(kept, key=lambda p: (-len(acting.get(p, ())), -len(named[p]), p not in persons, p))


def _any_place(c: Cluster) -> Report | None:
    located = [r for r in c.reports if r.place]
    if not located:
        return None
    top = Counter(r.place for r in located).most_common(1)[0][0]
    return next(r for r in located if r.place == top)


def _claims_of(reports: list[Report], claims: dict[str, list[Report]]) -> list[Report]:
    out: list[Report] = []
    for r in reports:
        lo, hi = r.sentence or (r.start, r.end)
        for claim in claims.get(r.doc_id, []):
            if claim.start < hi and lo < claim.end and claim not in out:
                out.append(claim)
    return out


def _rank(r: Report, days: Days | None):
    """Best first: originals before republications, reports that agree on the date, better outlets, finer
    dates, plainer sourcing."""
    mine = report_days(r)
    agrees = days is not None and mine is not None and mine.overlaps(days)
    return (r.duplicate_of is not None, mine != days, not agrees, _GRADE_ORDER.get(r.grade, 9), dates.rank(r.precision),
            -r.certainty, -r.confidence, r.published.timestamp() if r.published else float("inf"),
            r.doc_id, r.start)


def _story_id(kind: str, participants: list[str], days: Days | None, reported: datetime | None) -> str:
    when = f"{days.first.isoformat()}/{days.precision}" if days else \
        f"undated/{reported.date().isoformat() if reported else '?'}"
    key = "|".join([kind, ",".join(sorted(participants)), when])
    return "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _when(s: Story):
    if s.start is not None:
        return (s.start.date(), 0)
    return (s.reported.date() if s.reported else datetime.max.date(), 1)


def _utc_key(value: datetime) -> float:
    return value.timestamp()
