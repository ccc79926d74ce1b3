"""Calendar arithmetic for time expressions: half-open [begin, end) date intervals at each precision.

Weeks are ISO weeks (Monday to Sunday). Seasons are meteorological, northern hemisphere: spring March-May,
summer June-August, autumn September-November, winter December-February, counted from the December of the
year it starts in ("winter 2023" is December 2023 to February 2024).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

Interval = tuple[date, date]

SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def day(d: date) -> Interval:
    return d, d + timedelta(days=1)


def week(d: date) -> Interval:
    """The ISO week (Monday-Sunday) containing `d`."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=7)


def month(year: int, m: int) -> Interval:
    return date(year, m, 1), _add_months(date(year, m, 1), 1)


def year(y: int) -> Interval:
    return date(y, 1, 1), date(y + 1, 1, 1)


def season(name: str, y: int) -> Interval:
    """The season that starts in year `y`."""
    begin = date(y, SEASON_START[name], 1)
    return begin, _add_months(begin, 3)


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= monthrange(y, m)[1]


def days_in(y: int, m: int) -> int:
    return monthrange(y, m)[1]


def _add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    return date(total // 12, total % 12 + 1, 1)


def shift_month(anchor: date, n: int) -> tuple[int, int]:
    """(year, month) `n` calendar months from the anchor's month."""
    d = _add_months(anchor.replace(day=1), n)
    return d.year, d.month


def named_month(anchor: date, m: int, offset: int) -> int:
    """The year of month `m` counted from the anchor: -1 the last one before the anchor's month
    ("last August"), -2 the one before that, 0 the anchor's year ("this August"), +1 the first after."""
    if offset == 0:
        return anchor.year
    if offset < 0:
        y = anchor.year if m < anchor.month else anchor.year - 1
        return y + offset + 1
    y = anchor.year if m > anchor.month else anchor.year + 1
    return y + offset - 1


def named_day(anchor: date, m: int, d: int, offset: int) -> int:
    """The year of day `d` of month `m` with a relative word: -1 the latest on or before the anchor ("le 25
    septembre dernier" in a piece of 27 September is two days earlier, not a year), -2 the one before that,
    0 the anchor's year, +1 the first after the anchor. 29 February looks for a leap year."""
    if offset == 0:
        return anchor.year
    step = -1 if offset < 0 else 1
    y, found = anchor.year + (1 if offset < 0 else -1), 0
    for _ in range(12):
        y += step
        if valid_day(y, m, d) and (date(y, m, d) <= anchor if offset < 0 else date(y, m, d) > anchor):
            found += 1
            if found == abs(offset):
                return y
    return anchor.year


def bare_month(anchor: date, m: int, future: bool) -> int:
    """The year of a month named without a year: the latest one up to the anchor's month, or with a
    future cue the first one from the anchor's month on ("en octobre" in a piece of 5 October is that one)."""
    if future:
        return anchor.year if m >= anchor.month else anchor.year + 1
    return anchor.year if m <= anchor.month else anchor.year - 1


FUTURE_SLACK = timedelta(days=30)


def bare_day_month(anchor: date, m: int, d: int, future: bool, grace_days: int) -> int:
    """The year of a day and month named without a year: the latest on or before the anchor (or up to
    `grace_days` after it, for what a piece announces); with a future cue the first from a month before the
    anchor on: reported speech keeps its future ("tayinlerin 10 Haziran'da çıkarılacağını duyurdu" in a
    column of 14 June is this 10 June, which has just passed). 29 February looks up to four years away; a day
    no year has comes back as the anchor's year."""
    years = range(anchor.year - 1, anchor.year + 5) if future else range(anchor.year + 1, anchor.year - 5, -1)
    for y in years:
        if not valid_day(y, m, d):
            continue
        candidate = date(y, m, d)
        if candidate >= anchor - FUTURE_SLACK if future else candidate <= anchor + timedelta(days=grace_days):
            return y
    return anchor.year


def weekday(anchor: date, iso_day: int, offset: int) -> date:
    """A weekday (1 Monday .. 7 Sunday) relative to the anchor: -1 the latest strictly before it ("last
    Tuesday"), -2 the one before that, 0 the one in the anchor's ISO week, +1 the first strictly after."""
    if offset == 0:
        return week(anchor)[0] + timedelta(days=iso_day - 1)
    if offset < 0:
        back = (anchor.isoweekday() - iso_day) % 7 or 7
        return anchor - timedelta(days=back + 7 * (-offset - 1))
    ahead = (iso_day - anchor.isoweekday()) % 7 or 7
    return anchor + timedelta(days=ahead + 7 * (offset - 1))


def bare_weekday(anchor: date, iso_day: int, future: bool) -> date:
    """A weekday named alone: the latest on or before the anchor, or with a future cue the first on or after."""
    if future:
        return anchor + timedelta(days=(iso_day - anchor.isoweekday()) % 7)
    return anchor - timedelta(days=(anchor.isoweekday() - iso_day) % 7)


def _season_of(d: date) -> tuple[str, int]:
    """The season containing `d` and the year it starts in."""
    if d.month == 12:
        return "winter", d.year
    if d.month <= 2:
        return "winter", d.year - 1
    for name in ("autumn", "summer", "spring"):
        if d.month >= SEASON_START[name]:
            return name, d.year
    raise AssertionError(d)


def named_season(anchor: date, name: str, offset: int) -> int:
    """The starting year of season `name` relative to the anchor: -1 the latest one that ended before the
    anchor's season began ("прошлым летом" in late September is this year's summer), 0 the one this year
    (for winter: the one under way or the next), +1 the first one that starts after the anchor."""
    current_name, current_year = _season_of(anchor)
    current_begin = season(current_name, current_year)[0]
    if offset == 0:
        return current_year if name == current_name else anchor.year
    if offset < 0:
        y = anchor.year
        while season(name, y)[0] >= current_begin:
            y -= 1
        return y + offset + 1
    y = anchor.year - 1
    while season(name, y)[0] <= anchor:
        y += 1
    return y + offset - 1


def bare_season(anchor: date, name: str, future: bool) -> int:
    """A season named alone: the one under way or the latest before it; with a future cue the one under way
    or the next."""
    current_name, current_year = _season_of(anchor)
    if name == current_name:
        return current_year
    return named_season(anchor, name, 1 if future else -1)
