"""Best effort for languages without a vocabulary of ours (fa, uk, de…): dateparser, on short candidates only.

Candidates come from dateparser's own locale data (month names, "yesterday"-type phrases, "N days ago"
patterns), found with one compiled regex; each candidate alone goes to `DateDataParser.get_date_data`,
whose `period` gives the precision, so "اوت ۲۰۲۳" stays a month. `search_dates` over running text is never
used: it is slow and drops words ("أغسطس الماضي" came back as "في أغسطس" with a made-up day).
"""

from __future__ import annotations

import importlib
import re
from datetime import date, datetime
from functools import lru_cache

from . import calendar as cal
from .context import Resolution
from .resolve import NO_ANCHOR

CONFIDENCE = 0.6
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_UNITS = ("day", "week", "month", "year")
# Two far-apart bases: an expression whose reading changes with the base is relative.
_PROBES = (date(2001, 6, 15), date(2011, 2, 3))
_MARKS = re.compile("[\u064b-\u065f\u0670]")


@lru_cache(maxsize=None)
def _candidates(lang: str) -> re.Pattern[str] | None:
    """The candidate finder for `lang` from dateparser's locale data, or None when it has none."""
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)?", lang):
        return None
    try:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
    except ImportError:
        return None
    months = [n for key in _MONTH_KEYS for n in info.get(key, []) if len(n) > 2]
    phrases = [p for key, ps in info.get("relative-type", {}).items()
               if any(u in key.split() for u in _UNITS) for p in ps]
    numbered = [p.replace(r"(\d++[.,]?\d*+)", r"\d{1,3}") for key, ps in info.get("relative-type-regex", {}).items()
                if any(u in key.split() for u in _UNITS) for p in ps]
    # Locale phrases carry marks running text often leaves out ("هفتهٔ گذشته" is written "هفته گذشته").
    phrases += [_MARKS.sub("", p) for p in phrases if _MARKS.search(p)]
    parts = []
    if months:
        names = "(?:" + "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True)) + ")"
        parts.append(rf"(?:\d{{1,2}}\.?\s+(?:\w{{1,3}}\s+)?)?{names}(?:\s+(?:\w{{1,3}}\s+)?\d{{4}}(?!\d))?")
    if phrases:
        parts.append("(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + ")")
    parts.extend(f"(?:{p})" for p in numbered)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=64)
def _parser(lang: str, base: date):
    from dateparser.date import DateDataParser   # heavy; only languages without a vocabulary need it

    return DateDataParser(languages=[lang], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": False})


@lru_cache(maxsize=4096)                      # the same few phrases recur across a feed
def _parse(lang: str, text: str, base: date) -> tuple[date, str] | None:
    try:
        data = _parser(lang, base).get_date_data(text)
    except (ValueError, OverflowError) as exc:          # dateparser raises these on odd numbers
        raise _Unparsable(str(exc)) from exc
    if data is None or data.date_obj is None or data.period not in _UNITS:
        return None
    return data.date_obj.date(), data.period


class _Unparsable(Exception):
    pass


def _interval(d: date, period: str) -> tuple[date, date]:
    if period == "day":
        return cal.day(d)
    if period == "week":
        return cal.week(d)
    if period == "month":
        return cal.month(d.year, d.month)
    return cal.year(d.year)


def find(text: str, lang: str, anchor: date | None, taken: list[tuple[int, int]]) -> list[tuple[int, int, Resolution]]:
    """(start, end, resolution) for every candidate dateparser can read that overlaps nothing in `taken`."""
    finder = _candidates(lang)
    if finder is None:
        return []
    out = []
    taken = sorted(taken)
    i = 0
    for m in finder.finditer(text):
        start, end = m.span()
        while i < len(taken) and taken[i][1] <= start:      # both run left to right: one pass
            i += 1
        if i < len(taken) and taken[i][0] < end:
            continue
        try:
            probes = [_parse(lang, m.group(), base) for base in _PROBES]
            if any(p is None for p in probes):
                continue
            relative = probes[0] != probes[1]
            parsed = _parse(lang, m.group(), anchor) if anchor and relative else probes[0]
        except _Unparsable as exc:
            note = f"dateparser could not read it: {exc}"
            out.append((start, end, Resolution(None, None, "day", NO_ANCHOR / 2, note)))
            continue
        if parsed is None:
            continue
        if relative and anchor is None:
            out.append((start, end, Resolution(None, None, parsed[1], NO_ANCHOR,
                                                "relative to the publication date, which is not known")))
            continue
        d, period = parsed
        begin, stop = _interval(d, period)
        out.append((start, end, Resolution(begin, stop, period, CONFIDENCE, "read by dateparser")))
    return out

