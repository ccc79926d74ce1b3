"""Dates as analysis compares and shows them: calendar days in the outlet's own time zone (22 Aug in Moscow is
22 Aug, whatever the UTC offset), intervals with a precision, and the labels a timeline prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

PRECISIONS = ("day", "week", "month", "season", "year")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True, slots=True, order=True)
class Days:
    """A half-open interval of calendar days [first, stop) with the precision the text gave it."""

    first: date
    stop: date
    precision: str

    @classmethod
    def of(cls, start: datetime | None, end: datetime | None, precision: str | None) -> "Days | None":
        if start is None or precision is None:
            return None
        first = start.date()
        stop = end.date() if end is not None else first + timedelta(days=1)
        return cls(first, max(stop, first + timedelta(days=1)), precision)

    @property
    def days(self) -> int:
        return (self.stop - self.first).days

    def overlaps(self, other: "Days") -> bool:
        return self.first < other.stop and other.first < self.stop

    def contains(self, other: "Days") -> bool:
        return self.first <= other.first and other.stop <= self.stop

    def gap(self, other: "Days") -> int:
        """Days between the two intervals (0 when they overlap)."""
        if self.overlaps(other):
            return 0
        return (other.first - self.stop).days + 1 if self.stop <= other.first else (self.first - other.stop).days + 1


def rank(precision: str | None) -> int:
    """Finer is smaller: day 0 … year 4; no date 9."""
    return PRECISIONS.index(precision) if precision in PRECISIONS else 9


def short(days: Days | None, reported: datetime | None = None) -> str:
    """The timeline's label: "22 Aug 2023", "week of 11 Sep 2023", "Aug 2023", "2023", or
    "date unknown (reported 17 Sep 2023)"."""
    if days is None:
        return f"date unknown (reported {_day(reported.date(), True)})" if reported else "date unknown"
    return _label(days, True)


def long(days: Days) -> str:
    """The form a conflict note uses: "22 August 2023", "October 2023"."""
    return _label(days, False)


def _label(days: Days, abbreviated: bool) -> str:
    first = days.first
    month = _MONTHS[first.month - 1][:3] if abbreviated else _MONTHS[first.month - 1]
    if days.precision == "day":
        if days.days > 1:
            last = days.stop - timedelta(days=1)
            return f"{first.day}–{_day(last, abbreviated)}" if (first.year, first.month) == (last.year, last.month) \
                else f"{_day(first, abbreviated)} – {_day(last, abbreviated)}"
        return _day(first, abbreviated)
    if days.precision == "week":
        return f"week of {_day(first, abbreviated)}"
    if days.precision == "month":
        return f"{month} {first.year}"
    if days.precision == "season":
        last = days.stop - timedelta(days=1)
        return f"{month}–{_MONTHS[last.month - 1][:3] if abbreviated else _MONTHS[last.month - 1]} {last.year}"
    return str(first.year)


def _day(day: date, abbreviated: bool) -> str:
    name = _MONTHS[day.month - 1]
    return f"{day.day} {name[:3] if abbreviated else name} {day.year}"
