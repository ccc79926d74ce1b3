"""What `find_times` returns: one time expression, where it is, and the interval it names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

PRECISIONS = ("day", "week", "month", "season", "year")
# Below CONFIDENT a hit is uncertain: it keeps its interval and a note, but timelines and event dates leave it
# out. UNCERTAIN is what a hit gets when its anchor or meaning is in doubt.
CONFIDENT = 0.5
UNCERTAIN = 0.4
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


@dataclass(frozen=True, slots=True)
class TimeHit:
    """A time expression in a text.

    `text[start:end]` is the expression exactly as written (leading prepositions and articles such as "in",
    "في", "в", "le" are left out). `begin` is inclusive and `end_dt` exclusive, both midnight in the
    anchor's time zone (naive without an anchor): 22 Aug 2023 is [2023-08-22, 2023-08-23), August 2023 is
    [2023-08-01, 2023-09-01). Both are None when the expression is relative and there is no anchor, or
    when nothing valid is left of it. `precision` is the unit of each boundary (a range of days is "day").
    `rule` names the rule that matched; `note` says what was uncertain or repaired (or, from
    `date_document`, which byline or quotation anchored it).
    """

    start: int
    end: int
    text: str
    begin: datetime | None
    end_dt: datetime | None
    precision: str
    confidence: float
    rule: str
    note: str | None = None
    anchor: datetime | None = None     # what it was resolved against, when `date_document` set it

    @property
    def value(self) -> str | None:
        """A TIMEX3-style value: 2023-08-22, 2023-W37, 2023-08, 2023-SU, 2023, or BEGIN/END for a range."""
        if self.begin is None or self.end_dt is None:
            return None
        b, last = self.begin.date(), (self.end_dt - timedelta(days=1)).date()
        if self.precision == "day":
            return b.isoformat() if b == last else f"{b.isoformat()}/{last.isoformat()}"
        if self.precision == "week":
            iso = b.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        if self.precision == "month":
            first = f"{b.year}-{b.month:02d}"
            return first if (b.year, b.month) == (last.year, last.month) else f"{first}/{last.year}-{last.month:02d}"
        if self.precision == "season":
            return f"{b.year}-{_SEASON_CODES.get(b.month, 'XX')}"
        return str(b.year) if b.year == last.year else f"{b.year}/{last.year}"
