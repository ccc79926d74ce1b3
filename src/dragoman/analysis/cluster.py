"""Grouping event reports into happenings. Reports are one happening when their types are compatible (every
CONSULT mode is one), they share a participant, their places agree and their dates fit; what decides a close call
is written below, in the order the passes run.

1. Reports dated to the day: same day, a participant in common, places within PLACE_KM (a different place is
   accepted only on a strong link, and then flagged).
2. Day groups a few days apart (CONFLICT_DAYS) are one happening told with different dates when the link is
   strong: the same occurrence ordinal ("first visit"), or two people in common (or the same people). Never when
   one document tells both dates: an outlet that dates an arrival on the 26th and a meeting on the 28th is
   describing two things.
3. Reports dated to a week or a month join the happening inside that period they share most participants with;
   a "second visit" dated to a month that holds no second visit joins the second visit nearest in time
   (ORDINAL_DAYS) and is flagged as a date conflict: "17 September" vs "October".
4. Undated reports join the latest happening that ended at most UNDATED_DAYS before their publication (a
   report cannot describe what happened after it was published); a numbered one ("the first-ever visit",
   "again") looks first for its numbered occurrence, up to ORDINAL_DAYS back, and never joins another number.
5. Undated reports left over group with each other when they say the same thing (shared content words) and
   were published within UNDATED_GROUP_DAYS of each other.

Throughout, a first and a later occurrence (ordinals 1 and 2) are never one happening, and a place more than
PLACE_KM from the group's takes a strong link (and is then flagged as a conflict by `stories`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from .dates import Days, rank
from .keywords import keywords, similar
from .model import Report
from .sentences import type_group

CONFLICT_DAYS = 3
ORDINAL_DAYS = 45
UNDATED_DAYS = 7
UNDATED_GROUP_DAYS = 30
PLACE_KM = 75.0
COARSE = ("week", "month")          # precisions that attach to a finer happening inside them


@dataclass(eq=False)
class Cluster:
    group: str
    reports: list[Report] = field(default_factory=list)
    days: Days | None = None            # the consensus interval, once reports are dated
    slot: int = -1                      # its place in the index

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.days = consensus_days(self.reports)
        for name in _DERIVED:
            self.__dict__.pop(name, None)

    @cached_property
    def families(self) -> set[str]:
        return {r.counted_family for r in self.reports}

    @cached_property
    def persons(self) -> set[str]:
        return {p for r in self.reports for p in r.persons}

    @cached_property
    def core(self) -> set[str]:
        """The people at least two families name (all of them while one family reports it)."""
        named: dict[str, set[str]] = {}
        for r in self.reports:
            for p in r.persons:
                named.setdefault(p, set()).add(r.counted_family)
        need = 2 if len(self.families) > 1 else 1
        return {p for p, f in named.items() if len(f) >= need} or set(named)

    @cached_property
    def parties(self) -> set[str]:
        return {p for r in self.reports for p in r.participants}

    @cached_property
    def dated_by_document(self) -> dict[str, list[Days]]:
        out: dict[str, list[Days]] = {}
        for r in self.reports:
            if r.days is not None:
                out.setdefault(r.doc_id, []).append(r.days)
        return out

    @cached_property
    def ordinals(self) -> set[int]:
        return {r.ordinal for r in self.reports if r.ordinal is not None}

    @cached_property
    def place(self) -> Report | None:
        """The report whose site or town most families give (the consensus place)."""
        located = [r for r in self.reports if r.lat is not None and (r.place_precision or 3) < 3]
        if not located:
            return None
        support = Counter(r.place for r in located)
        top = max(support, key=lambda name: (len({r.counted_family for r in located if r.place == name}),
                                             support[name], name))
        return next(r for r in located if r.place == top)


_DERIVED = ("families", "persons", "core", "parties", "ordinals", "place", "dated_by_document")


def consensus_days(reports: list[Report]) -> Days | None:
    """The date most independent families give, at the finest precision any report has."""
    dated = [(d, r) for r in reports if (d := report_days(r)) is not None]
    if not dated:
        return None
    finest = min(rank(d.precision) for d, _ in dated)
    votes: dict[Days, set[str]] = {}
    for d, r in dated:
        if rank(d.precision) == finest:
            votes.setdefault(d, set()).add(r.counted_family)
    return max(votes, key=lambda d: (len(votes[d]), -d.first.toordinal()))


def report_days(r: Report) -> Days | None:
    return r.days


def cluster(reports: list[Report]) -> list[Cluster]:
    """Event reports with at least one participant, grouped into happenings (see the module docstring)."""
    events = [r for r in reports if r.kind == "event" and r.participants]
    dated = sorted((r for r in events if report_days(r) is not None), key=_order)
    index = _Index()
    for r in (r for r in dated if report_days(r).precision == "day"):
        day = report_days(r)
        _join_or_new(r, [c for c in index.near(r, day.first, day.stop) if c.days == day], index)
    _merge_close_days(index)
    for r in sorted((r for r in dated if report_days(r).precision != "day"),
                    key=lambda r: (rank(r.precision), _order(r))):
        _place_coarse(r, index)
    leftovers = [r for r in sorted((r for r in events if report_days(r) is None), key=_published_order)
                 if not _place_undated(r, index)]
    for r in leftovers:
        _group_undated(r, index)
    return index.clusters()


class _Index:
    """The clusters so far, findable by participant and week: every report files its cluster under each of its
    participants and each week its date (else its publication) touches."""

    def __init__(self) -> None:
        self.items: list[Cluster | None] = []
        self.by_key: dict[tuple[str, int], set[int]] = {}

    def new(self, r: Report) -> Cluster:
        c = Cluster(type_group(r.type), slot=len(self.items))
        self.items.append(c)
        self.add(c, r)
        return c

    def add(self, c: Cluster, r: Report) -> None:
        c.add(r)
        for week in _weeks(*_span(r)):
            for p in r.participants:
                self.by_key.setdefault((p, week), set()).add(c.slot)

    def near(self, r: Report, first: date, stop: date) -> list[Cluster]:
        """Live clusters of `r`'s type group sharing a participant with it, filed under weeks of [first, stop)."""
        return self.near_parties(r.participants, type_group(r.type), first, stop)

    def near_parties(self, parties, group: str, first: date, stop: date) -> list[Cluster]:
        found: set[int] = set()
        for week in _weeks(first, stop):
            for p in parties:
                found |= self.by_key.get((p, week), set())
        return [c for i in sorted(found) if (c := self.items[i]) is not None and c.group == group]

    def absorb(self, big: Cluster, small: Cluster) -> None:
        for r in small.reports:
            self.add(big, r)
        self.items[small.slot] = None

    def clusters(self) -> list[Cluster]:
        return [c for c in self.items if c is not None]


def _span(r: Report) -> tuple[date, date]:
    """The days a report is filed under: its date, else the day it was published (else no day at all)."""
    if r.days is not None:
        return r.days.first, r.days.stop
    if r.published is not None:
        day = r.published.date()
        return day, day + timedelta(days=1)
    return date.min, date.min


def _weeks(first: date, stop: date) -> range:
    if first == date.min:
        return range(-1, 0)
    return range(first.toordinal() // 7, (stop.toordinal() - 1) // 7 + 1)


def _around(days: Days, margin: int) -> tuple[date, date]:
    return days.first - timedelta(days=margin), days.stop + timedelta(days=margin)


# -- compatibility ------------------------------------------------------------------------------------------

def _shared_people(r: Report, c: Cluster) -> int:
    mine, theirs = set(r.persons), c.persons
    if mine and theirs:
        return len(mine & theirs)
    return len(set(r.participants) & c.parties)


def _strong(r: Report, c: Cluster) -> bool:
    """Enough to link despite a different date or place: the same ordinal, or two people shared, or every
    person the group's outlets agree on named too."""
    if r.ordinal is not None and c.ordinals == {r.ordinal}:
        return True
    mine, theirs = set(r.persons), c.core
    return len(mine & theirs) >= 2 or (bool(theirs) and theirs <= mine)


def _ordinal_ok(r: Report, c: Cluster) -> bool:
    return r.ordinal is None or not c.ordinals or c.ordinals == {r.ordinal}


def _places_agree(r: Report, c: Cluster) -> bool:
    other = c.place
    if other is None or r.lat is None or (r.place_precision or 3) >= 3:
        return True
    return r.place == other.place or km(r, other) <= PLACE_KM


def _same_document_elsewhere(r: Report, c: Cluster) -> bool:
    """`c` holds a report of the same document dated to a period disjoint from `r`'s."""
    mine = report_days(r)
    if mine is None:
        return False
    return any(not d.overlaps(mine) for d in c.dated_by_document.get(r.doc_id, ()))


def _fits(r: Report, c: Cluster, *, strong_only: bool) -> bool:
    """`r` may join `c`: same type group, no clashing ordinal, no other date from the same document, someone in
    common; and a strong link where `strong_only` or where the places disagree."""
    if c.group != type_group(r.type) or not _ordinal_ok(r, c) or _same_document_elsewhere(r, c):
        return False
    if _shared_people(r, c) == 0:
        return False
    if strong_only or not _places_agree(r, c):
        return _strong(r, c)
    return True


# -- passes -------------------------------------------------------------------------------------------------

def _join_or_new(r: Report, candidates: list[Cluster], index: _Index) -> None:
    """Pass 1: a day-dated report joins the fitting group of that day it shares most people with."""
    fitting = [c for c in candidates if _fits(r, c, strong_only=False)]
    if fitting:
        index.add(max(fitting, key=lambda c: (_shared_people(r, c), len(c.families))), r)
    else:
        index.new(r)


def _merge_close_days(index: _Index) -> None:
    """Pass 2: day groups CONFLICT_DAYS apart that are one happening dated differently. Pairs are found through
    the people they share, a few days apart; each round looks only at groups that changed in the round before."""
    by_day: dict[tuple[str, str, int], list[Cluster]] = {}

    def file(c: Cluster) -> None:
        for p in c.persons or c.parties:
            by_day.setdefault((c.group, p, c.days.first.toordinal()), []).append(c)

    todo = [c for c in index.clusters() if _by_day(c)]
    for c in todo:
        file(c)
    while todo:
        pairs, seen = [], set()
        for a in todo:
            if index.items[a.slot] is not a:
                continue
            day = a.days.first.toordinal()
            for p in a.persons or a.parties:
                for other in range(day - CONFLICT_DAYS, day + CONFLICT_DAYS + 1):
                    for b in by_day.get((a.group, p, other), ()):
                        pair = (min(a.slot, b.slot), max(a.slot, b.slot))
                        if b is a or pair in seen or index.items[b.slot] is not b \
                                or b.days.first.toordinal() != other or not 0 < abs(other - day) <= CONFLICT_DAYS:
                            continue                # itself, seen, merged away, filed under an old date, too far
                        seen.add(pair)
                        big, small = (a, b) if (len(a.families), -day) >= (len(b.families), -other) else (b, a)
                        if small.persons & big.core or small.ordinals & big.ordinals:   # a strong link may hold
                            pairs.append((a.days.gap(b.days), -len(big.families), big.days.first,
                                          small.days.first, pair, big, small))
        todo, gone = [], set()
        for *_, big, small in sorted(pairs, key=lambda p: p[:5]):
            if big.slot in gone or small.slot in gone:
                continue
            if all(_fits(r, big, strong_only=True) for r in small.reports):
                index.absorb(big, small)
                gone |= {big.slot, small.slot}
                todo.append(big)                   # looked at again next round, with its new consensus
                file(big)


def _by_day(c: Cluster) -> bool:
    return c.days is not None and c.days.precision == "day"


def _place_coarse(r: Report, index: _Index) -> None:
    """Pass 3: a week or month date joins the happening inside it; a numbered occurrence finds its number."""
    mine = report_days(r)
    near = [c for c in index.near(r, *_around(mine, ORDINAL_DAYS)) if c.days is not None]
    inside = [c for c in near if mine.overlaps(c.days)
              and (mine.precision in COARSE or c.days.precision == mine.precision) and _fits(r, c, strong_only=False)]
    if inside:
        index.add(max(inside, key=lambda c: (_shared_people(r, c), -rank(c.days.precision), len(c.families))), r)
        return
    if r.ordinal is not None:
        numbered = [c for c in near if c.ordinals == {r.ordinal} and mine.gap(c.days) <= ORDINAL_DAYS
                    and _fits(r, c, strong_only=True) and not _published_before(r, c)]
        if numbered:
            index.add(min(numbered, key=lambda c: (mine.gap(c.days), -len(c.families))), r)
            return
    index.new(r)


def _place_undated(r: Report, index: _Index) -> bool:
    """Pass 4: the latest happening that ended at most UNDATED_DAYS before the report was published; a numbered
    report ("the first-ever visit") first looks for its numbered occurrence, up to ORDINAL_DAYS back."""
    if r.published is None:
        return False
    day = r.published.date()
    near = [c for c in index.near(r, day - timedelta(days=ORDINAL_DAYS + 1), day + timedelta(days=1))
            if c.days is not None and c.days.first <= day]
    fitting = []
    if r.ordinal is not None:
        fitting = [c for c in near if c.ordinals == {r.ordinal} and (day - c.days.stop).days < ORDINAL_DAYS
                   and _fits(r, c, strong_only=False)]
    if not fitting:
        fitting = [c for c in near if (day - c.days.stop).days < UNDATED_DAYS and _fits(r, c, strong_only=False)]
    if not fitting:
        return False
    index.add(max(fitting, key=lambda c: (c.days.first, _shared_people(r, c), len(c.families))), r)
    return True


def _group_undated(r: Report, index: _Index) -> None:
    """Pass 5: undated reports of the same thing (shared participants and content words), published close."""
    mine = keywords(r.english or r.text, set(r.participants))
    fitting = []
    window = _span(r)
    window = (window[0] - timedelta(days=UNDATED_GROUP_DAYS), window[1] + timedelta(days=UNDATED_GROUP_DAYS)) \
        if r.published else window
    for c in index.near(r, *window):
        if c.days is not None or not _fits(r, c, strong_only=False):
            continue
        published = [o.published for o in c.reports if o.published]
        if r.published and published and abs((r.published - min(published)).days) > UNDATED_GROUP_DAYS:
            continue
        if any(similar(mine, keywords(o.english or o.text, set(o.participants))) for o in c.reports):
            fitting.append(c)
    if fitting:
        index.add(max(fitting, key=lambda c: (_shared_people(r, c), len(c.families))), r)
    else:
        index.new(r)


def _published_before(r: Report, c: Cluster) -> bool:
    """A report published before a happening began cannot describe it."""
    return r.published is not None and c.days is not None and r.published.date() < c.days.first


def _order(r: Report):
    d = report_days(r)
    return (type_group(r.type), d.first if d else None, -len(r.persons), -r.confidence, r.doc_id, r.start)


def _published_order(r: Report):
    return (r.published.timestamp() if r.published else math.inf, r.doc_id, r.start)


def km(a: Report, b: Report) -> float:
    """Great-circle distance between two located reports."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))

