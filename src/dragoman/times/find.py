"""`find_times`: every time expression in a text, with its exact span and the interval it names."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from . import fallback
from .fold import Folded, fold
from .context import SKIP, Context, Narrative, Resolution, Scan
from .grammar import alternation, for_language
from .hit import TimeHit
from .resolve import RESOLVERS

FAR_FUTURE = timedelta(days=730)   # beyond this after the anchor a date is kept but doubted
FAR_FUTURE_CONFIDENCE = 0.3
# A year written out up to this far ahead is a plan or a deadline ("до конца 2028 года"), not a typo: it stays
# usable (confidence 0.5) with its note.
PLANNED = timedelta(days=3653)
PLANNED_CONFIDENCE = 0.5
_WRITTEN = frozenset(("iso", "numeric", "dmy", "mdy", "my", "ym", "year", "range_y", "range_m", "season_year"))


def find_times(text: str, lang: str, anchor: datetime | date | None = None,
               narrative: Narrative | None = None, folded: Folded | None = None) -> list[TimeHit]:
    """Time expressions in `text` (language `lang`), resolved against `anchor`, the publication date.

    ar, ru, tr, fr and en use our vocabularies (`times/data/*.yaml`); other languages get numeric dates
    plus what dateparser reads from short candidates. Weeks are ISO weeks (Monday to Sunday); a month
    named alone is the latest one up to the anchor's month, or the next one when its clause speaks of
    the future. Nothing matched is dropped silently: relative expressions without an anchor come back
    with no interval and confidence 0.2; impossible dates keep their valid part (the month of 31 Feb)
    with confidence <= 0.2; dates beginning over two years after the anchor keep their interval with
    confidence <= 0.3 (a year written out up to ten years ahead, a plan or deadline: 0.5); each with a note. Hits are in text order and never overlap. A day or month named
    without a year after an explicit year in the same paragraph is in that year (`Narrative`); pass one
    `narrative` to calls over consecutive pieces of one document (and, if it is at hand, `folded`, the
    text's fold, so it is not folded again).
    """
    code = (lang or "").lower().split("-")[0].split("_")[0]
    grammar = for_language(code)
    anchor_day = anchor.date() if isinstance(anchor, datetime) else anchor
    tz = anchor.tzinfo if isinstance(anchor, datetime) else None
    folded = folded if folded is not None else fold(text)
    hits: list[TimeHit] = []
    scan = Scan(grammar, folded, anchor_day, narrative)
    matches = grammar.matches(folded.text)
    m = next(matches, None)
    while m is not None:
        rid = m.lastgroup
        context = Context(scan, m)
        resolution = RESOLVERS[grammar.kinds[rid]](context)
        if resolution is not None and resolution is not SKIP and not scan.genuine(*m.span(rid)):
            resolution = None                  # a look-alike: "kişi" is not kış, "Bu yazı" not this summer
        if resolution is None:                 # not a time after all: look again from the next word
            m = _send(matches, m.start(rid) + 1)
            continue
        if resolution is SKIP:                 # nothing inside it is a time either
            m = _send(matches, m.end(rid))
            continue
        resolution = _night_before(context, resolution)
        scan.record(grammar.kinds[rid], resolution, m.end(rid))     # "fin 2021" still names the year 2021
        resolution, (grow_left, grow_right) = _part_of(context, resolution)
        start, end = folded.span(m.start(rid) - grow_left, m.end(rid) + grow_right)
        hits.append(_hit(text, start, end, resolution, grammar.kinds[rid], anchor_day, tz))
        m = _send(matches, m.end(rid))
    if grammar.lex is None and code:
        taken = [(h.start, h.end) for h in hits]
        for start, end, resolution in fallback.find(text, code, anchor_day, taken):
            hits.append(_hit(text, start, end, resolution, "dateparser", anchor_day, tz))
        hits.sort(key=lambda h: h.start)
    return hits


def _night_before(c: Context, r: Resolution) -> Resolution:
    """"в ночь на четверг", "dans la nuit de mercredi": a night names two days, the one it starts on too."""
    if r.precision != "day" or r.begin is None or not c.near("night_before"):
        return r
    return Resolution(r.begin - timedelta(days=1), r.end, "day", r.confidence,
                      f"{r.note}; the night before" if r.note else "the night before: from the day before")


# Parts of a period: a year's early part is its first quarter, its middle April to September, its end the last
# quarter; a month's are days 1-10, 11-20 and 21 to the end. (The realtext gold reads "mid last year" and "the
# end of the year" the same way.) A week keeps its seven days: "early next week" is too loose for two of them.
_YEAR_PARTS = {"early": (1, 4), "mid": (4, 10), "late": (10, 13)}
_MONTH_PARTS = {"early": (1, 11), "mid": (11, 21), "late": (21, 32)}
_PART_FINDERS: dict[str, tuple] = {}


def _part_finders(g):
    lang = g.lex.lang
    if lang not in _PART_FINDERS:
        before, after = g.lex.parts_before, g.lex.parts_after
        _PART_FINDERS[lang] = (
            re.compile(rf"(?<!\w)({alternation(before)})(?:\s*-\s*|\s+)(?:(?:de|d'|of|the|of the)\s*)?\Z") if before else None,
            re.compile(rf"\s+({alternation(after)})(?!\w)") if after else None)
    return _PART_FINDERS[lang]


def _part_of(c: Context, r: Resolution) -> tuple[Resolution, tuple[int, int]]:
    """"أواسط العام الماضي" (mid last year), "fin septembre", "ağustos sonundaki": the part of the period, with
    the part word taken into the span. Returns the resolution and how far the span grows left and right."""
    if c.g.lex is None or r.begin is None or r.precision not in ("year", "month") \
            or not (c.g.lex.parts_before or c.g.lex.parts_after):
        return r, (0, 0)
    before, after = _part_finders(c.g)
    text = c.folded.text
    found = before.search(text, max(0, c.start - 30), c.start) if before else None
    grow = (c.start - found.start(), 0) if found else (0, 0)
    if found is None and after is not None:
        found = after.match(text, c.end)
        grow = (0, found.end() - c.end) if found else grow
    if found is None:
        return r, (0, 0)
    part = (c.g.lex.parts_before if grow[0] else c.g.lex.parts_after)[" ".join(found.group(1).split())]
    b = r.begin
    if r.precision == "year" and r.end.year - b.year == 1:
        lo, hi = _YEAR_PARTS[part]
        begin, end = date(b.year, lo, 1), date(b.year + 1, 1, 1) if hi == 13 else date(b.year, hi, 1)
        return Resolution(begin, end, "month", r.confidence, r.note), grow
    if r.precision == "month" and (r.end - b).days <= 31:
        lo, hi = _MONTH_PARTS[part]
        end = min(date(b.year, b.month, 1) + timedelta(days=hi - 1), r.end)
        return Resolution(b + timedelta(days=lo - 1), end, "day", r.confidence, r.note), grow
    return r, (0, 0)


def _send(matches, pos: int):
    """The next match starting at `pos` or later, or None."""
    try:
        return matches.send(pos)
    except StopIteration:
        return None


def _hit(text: str, start: int, end: int, r: Resolution, rule: str, anchor: date | None,
         tz: tzinfo | None) -> TimeHit:
    confidence, note = r.confidence, r.note
    if anchor is not None and r.begin is not None and r.begin > anchor + FAR_FUTURE:
        planned = rule in _WRITTEN and r.begin <= anchor + PLANNED
        confidence = min(confidence, PLANNED_CONFIDENCE if planned else FAR_FUTURE_CONFIDENCE)
        far = f"begins {(r.begin - anchor).days} days after the publication date"
        note = f"{note}; {far}" if note else far
    return TimeHit(start=start, end=end, text=text[start:end], begin=_at_midnight(r.begin, tz),
                   end_dt=_at_midnight(r.end, tz), precision=r.precision, confidence=confidence, rule=rule,
                   note=note)


def _at_midnight(d: date | None, tz: tzinfo | None) -> datetime | None:
    return None if d is None else datetime.combine(d, time(0), tzinfo=tz)
