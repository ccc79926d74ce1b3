"""Turn one matched candidate into an interval: one small function per rule kind.

A resolver returns a `Resolution`; None when the candidate is not a time expression after all (an
ambiguous word with no cue, a year without "in"/"году"/"عام"); SKIP when nothing inside it is either.
Dates that cannot exist keep what is valid of them (the month of "31 February 2023") with low
confidence and a note, so nothing is dropped silently.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from . import calendar as cal
from .context import SKIP, Context, Resolution
from .grammar import wildcard_alternation
from .hit import UNCERTAIN

_DAY_NUMBERS = re.compile(r"(?<![0-9])[0-9]{1,2}(?![0-9])")
GRACE_DAYS = 7          # a day named without a year may be this far after the anchor (announcements)
IMPOSSIBLE = 0.2
NO_ANCHOR = 0.2


def _unresolved(precision: str, what: str = "relative to the publication date, which is not known") -> Resolution:
    return Resolution(None, None, precision, NO_ANCHOR, what)


def _month_note(months: list[int]) -> tuple[int, str | None]:
    if len(set(months)) > 1:
        return months[0], f"the two month names disagree ({months[0]} and {months[1]}); took the first"
    return months[0], None


def _day_result(y: int, m: int, d: int, confidence: float, note: str | None = None) -> Resolution:
    """A day, or when it cannot exist, its month (or year) with low confidence and a note."""
    if not 1 <= m <= 12:
        return Resolution(*cal.year(y), "year", IMPOSSIBLE / 2, _join(note, f"no month {m}; kept the year {y}"))
    if not cal.valid_day(y, m, d):
        return Resolution(*cal.month(y, m), "month", IMPOSSIBLE,
                          _join(note, f"no day {d} in {y}-{m:02d} (it has {cal.days_in(y, m)}); kept the month"))
    return Resolution(*cal.day(date(y, m, d)), "day", confidence, note)


def _join(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) if kept else None


def _weekday_check(c: Context, r: Resolution) -> Resolution:
    """A weekday written beside a date ("Tuesday, 22 August 2023") must agree with it."""
    for slot in ("w", "w2"):
        wd = c.lookup("weekday", slot)
        if wd is not None and r.precision == "day" and r.begin and r.begin.isoweekday() != wd:
            return Resolution(r.begin, r.end, r.precision, min(r.confidence, 0.6),
                              _join(r.note, f"the weekday written does not match {r.begin.isoformat()}"))
    return r


# ---------------------------------------------------------------- absolute dates

def _iso(c: Context) -> Resolution:
    return _day_result(c.number("y"), c.number("b"), c.number("c"), 0.95)


def _numeric(c: Context) -> Resolution:
    """22.08.2023, 22/8/2023; English reads 8/22/2023 month first. When one order cannot be a date the
    other is taken; when both can, the language's order is, and for month-first a note says so."""
    a, b, y = c.number("a"), c.number("b"), c.number("y")
    month_first = c.g.lex is not None and c.g.lex.numeric_order == "mdy"
    d, m = (b, a) if month_first else (a, b)
    if m > 12 >= d:
        d, m = m, d
    elif month_first and d <= 12 and d != m:
        return _day_result(y, m, d, 0.6, "day and month could be either way round; read month first")
    return _day_result(y, m, d, 0.95)


def _dmy(c: Context) -> Resolution:
    m, note = _month_note(c.months("m"))
    return _weekday_check(c, _day_result(c.number("y"), m, c.number("d"), 0.95, note))


def _my(c: Context) -> Resolution:
    m, note = _month_note(c.months("m"))
    return Resolution(*cal.month(c.number("y"), m), "month", 0.95, note)


def _dm(c: Context) -> Resolution | None:
    if not c.capitalised("m"):
        return None
    m, note = _month_note(c.months("m"))
    d = c.number("d")
    if c.anchor is None:
        return _unresolved("day", "the year is not written and the publication date is not known")
    carried = _named(c, m, d) or _carried(c)
    if carried:
        return _weekday_check(c, _day_result(carried[0], m, d, 0.8, _join(note, carried[1])))
    future = c.future()
    if not any(cal.valid_day(y, m, d) for y in (2023, 2024)):      # 2024 is a leap year: 29 Feb exists
        y = cal.bare_month(c.anchor, m, future)
        return _day_result(y, m, d, 0.85, note)
    y = cal.bare_day_month(c.anchor, m, d, future, GRACE_DAYS)
    return _weekday_check(c, _day_result(y, m, d, 0.85, note))


def _named(c: Context, m: int, d: int) -> tuple[int, str] | None:
    """The year of the event a named day stands for ("15 Temmuz" in a text about the 2016 coup attempt)."""
    y = c.scan.named_year(m, d, c.start, c.end)
    return (y, f"names the event of {y}-{m:02d}-{d:02d} the text is about") if y is not None else None


def _carried(c: Context, sentence: bool = False) -> tuple[int, str] | None:
    """The year a date without one takes from the narrative (an explicit year earlier in the paragraph; with
    `sentence`, in the same sentence)."""
    y = c.scan.carried_year(c.start, sentence=sentence)
    return (y, f"year {y} carried from earlier in the paragraph") if y is not None else None


def _range(c: Context) -> Resolution | None:
    """Two days: "26–28 September", "من 30 آب إلى 2 أيلول 2023"; the year comes from either end or the anchor."""
    m2 = c.months("m2")[0]
    m1s = c.months("m1")
    m1 = m1s[0] if m1s else m2
    d1, d2 = c.number("d1"), c.number("d2")
    y2 = c.number("y") if c.text("y") else None
    y1 = c.number("y1") if c.text("y1") else None
    if y2 is None and y1 is not None:
        y2 = y1 if m1 <= m2 else y1 + 1
    carried = (_named(c, m1, d1) or _carried(c)) if y2 is None else None
    if carried:
        y2 = carried[0]
    if y2 is None:
        if c.anchor is None:
            return _unresolved("day", "the year is not written and the publication date is not known")
        y2 = c.anchor.year
        if cal.valid_day(2024, m2, d2):         # 2024 is a leap year: every real day exists in it
            y2 = cal.bare_day_month(c.anchor, m2, d2, c.future(), GRACE_DAYS)
    if y1 is None:
        y1 = y2 if m1 <= m2 else y2 - 1
    first, last = _day_result(y1, m1, d1, 0.95), _day_result(y2, m2, d2, 0.95)
    if first.precision != "day" or last.precision != "day":
        bad = first if first.precision != "day" else last
        return Resolution(first.begin, last.end, bad.precision, IMPOSSIBLE, bad.note)
    if first.begin >= last.end:
        return Resolution(first.begin, first.end, "day", IMPOSSIBLE,
                          "the range ends before it begins; kept its first day")
    confidence = 0.95 if c.text("y") or c.text("y1") else 0.8 if carried else 0.85
    joiner = (c.text("j") or "").strip(" -")
    listed = len(_DAY_NUMBERS.findall(c.folded.text, c.start, c.m.start(f"{c.rid}_m2")))
    if joiner and joiner in c.g.lex.wordlist("range_and") and (last.begin - first.begin).days + 1 > listed:
        return Resolution(first.begin, last.end, "day", 0.6,
                          f"days listed with {joiner!r}, not a range; the interval covers them all")
    return Resolution(first.begin, last.end, "day", confidence)


def _range_years(c: Context) -> Resolution | None:
    """"2019-2020", "بين عامي 2019 و2020", "с 2019 по 2021 год": a dash needs no other cue."""
    y1, y2 = c.number("y1"), c.number("y2")
    if not y1 < y2 <= y1 + 50:
        return None
    joined_by_dash = (c.text("j") or "").strip() == "-"
    if not (joined_by_dash or c.cued(year=True) or not (c.text("y1") or "").strip().isdigit()):
        return None
    return Resolution(cal.year(y1)[0], cal.year(y2)[1], "year", 0.85)


def _dm_relative(c: Context) -> Resolution | None:
    """"22 أغسطس الماضي", "22 августа прошлого года": the relative word fixes the year."""
    m, note = _month_note(c.months("m"))
    if c.anchor is None:
        return _unresolved("day")
    d = c.number("d")
    if c.g.kinds[c.rid] == "dm_yrel":
        y = c.anchor.year + c.lookup("yrel", "r")
    else:
        offset = c.lookup("relb", "r") if c.g.kinds[c.rid] == "dm_relb" else c.lookup("rela", "r")
        y = cal.named_day(c.anchor, m, d, offset)
    return _weekday_check(c, _day_result(y, m, d, 0.9, note))


def _range_months(c: Context) -> Resolution:
    m1, m2, y = c.months("m1")[0], c.months("m2")[0], c.number("y")
    y1 = y if m1 <= m2 else y - 1
    return Resolution(cal.month(y1, m1)[0], cal.month(y, m2)[1], "month", 0.9)


# ---------------------------------------------------------------- relative to the anchor

def _month_yrel(c: Context) -> Resolution | None:
    if not c.capitalised("m"):
        return None
    m, note = _month_note(c.months("m"))
    if c.anchor is None:
        return _unresolved("month")
    return Resolution(*cal.month(c.anchor.year + c.lookup("yrel", "r"), m), "month", 0.9, note)


def _month_rel(c: Context) -> Resolution | None:
    if not c.capitalised("m"):
        return None
    m, note = _month_note(c.months("m"))
    offset = c.lookup("relb", "r") if c.g.kinds[c.rid] == "month_relb" else c.lookup("rela", "r")
    if c.anchor is None:
        return _unresolved("month")
    return Resolution(*cal.month(cal.named_month(c.anchor, m, offset), m), "month", 0.9, note)


def _season_year(c: Context) -> Resolution:
    return Resolution(*cal.season(c.lookup("season", "s"), c.number("y")), "season", 0.85)


def _season_rel(c: Context) -> Resolution:
    name = c.lookup("season", "s")
    if c.anchor is None:
        return _unresolved("season")
    kind = c.g.kinds[c.rid]
    if kind == "season_yrel":
        return Resolution(*cal.season(name, c.anchor.year + c.lookup("yrel", "r")), "season", 0.8)
    offset = c.lookup("relb", "r") if kind == "season_relb" else c.lookup("rela", "r")
    return Resolution(*cal.season(name, cal.named_season(c.anchor, name, offset)), "season", 0.85)


def _weekday_rel(c: Context) -> Resolution | None:
    if not c.capitalised("w"):
        return None
    wd = c.lookup("weekday", "w")
    offset = c.lookup("relb", "r") if c.g.kinds[c.rid] == "weekday_relb" else c.lookup("rela", "r")
    if c.anchor is None:
        return _unresolved("day")
    return Resolution(*cal.day(cal.weekday(c.anchor, wd, offset)), "day", 0.9)


def _ago(c: Context) -> Resolution | None:
    if c.tied_to_event():
        return SKIP                           # "قبل يوم واحد من مقتله": counted from the killing
    if c.near("half_words") or c.near("half_words", before=False):
        return SKIP                           # "dört buçuk yıl önce": four and a half years
    if c.followed_by("weekday") or c.followed_by("digits"):
        return None                           # "منذ يوم الثلاثاء", "منذ عام 2020": the unit is a noun
    unit, amount = c.lookup("unit", "u"), c.number("n")
    if unit is None:                          # a dual: "يومين", "أسبوعين"
        unit, amount = c.lookup("dual", "u"), 2
    if amount is None:
        if "bare_unit_means_one" not in c.g.lex.flags or c.name_word("unit", "u") in c.g.lex.wordlist("plural_units"):
            return None                       # "weeks ago", "منذ سنوات": too vague to place
        amount = 1
    idiom = c.g.lex.idioms.get(" ".join(f"{c.text('n') or ''} {c.name_word('unit', 'u') or ''}".split()))
    if idiom:
        amount, unit = idiom
    if c.anchor is None:
        return _unresolved(unit)
    r = _shift(c.anchor, unit, -amount, 0.9 if unit == "day" else 0.8)
    duration = [w for w in c.g.lex.wordlist("duration_words") if c.folded.text.startswith(w, c.start)]
    if duration and unit in ("month", "year") and amount > 1:
        return Resolution(r.begin, r.end, r.precision, UNCERTAIN,
                          f"{duration[0]!r} with counted {unit}s is as often 'for' as 'ago'")
    return r


def _shift(anchor: date, unit: str, offset: int, confidence: float) -> Resolution:
    """The day, ISO week, month or year `offset` units from the anchor's."""
    if unit == "day":
        return Resolution(*cal.day(anchor + timedelta(days=offset)), "day", confidence)
    if unit == "week":
        return Resolution(*cal.week(anchor + timedelta(weeks=offset)), "week", confidence)
    if unit == "month":
        return Resolution(*cal.month(*cal.shift_month(anchor, offset)), "month", confidence)
    return Resolution(*cal.year(anchor.year + offset), "year", confidence)


def _period(c: Context) -> Resolution:
    unit, offset = c.lookup("period", "p")
    return _shift(c.anchor, unit, offset, 0.9) if c.anchor else _unresolved(unit)


def _unit_rel(c: Context) -> Resolution:
    unit = c.lookup("unit", "u")
    offset = c.lookup("relb", "r") if c.g.kinds[c.rid] == "unit_relb" else c.lookup("rela", "r")
    return _shift(c.anchor, unit, offset, 0.9) if c.anchor else _unresolved(unit)


def _dayword(c: Context) -> Resolution:
    """"أمس", "вчера"; with a weekday beside it ("أمس الثلاثاء") the weekday must agree."""
    offset = c.lookup("dayword", "w")
    named_weekday = c.text("w2") is not None
    ambiguous = not named_weekday and c.g.lex.is_ambiguous(c.name_word("dayword", "w"))
    if c.anchor is None:
        return _unresolved("day")
    r = _shift(c.anchor, "day", offset, 0.5 if ambiguous else 0.95)
    if ambiguous:
        return Resolution(r.begin, r.end, r.precision, r.confidence, "the word can also mean 'the day'")
    return _weekday_check(c, r)


def _year(c: Context) -> Resolution | None:
    text = c.text("y")
    if text.strip().isdigit() and not (c.cued(year=True) or _bare_year_named(c)):
        return None                          # a bare number: "2020 soldiers"
    return Resolution(*cal.year(c.number("y")), "year", 0.85)


_PHRASE_END = re.compile(r"\s*(?:[.,;:!?»\")\]\\]|\s-\s|\n|\Z)")
_NOUN_AFTER: dict[str, re.Pattern[str] | None] = {}


def _bare_year_named(c: Context) -> bool:
    """A bare number that is a year all the same: after a copyright sign ("© armenews.com 2024"), before a
    noun it dates ("1921 Anayasası"), or ending a phrase after "de"/"pour"/"of" ("la guerre de 2020.")."""
    text = c.folded.text
    if "©" in text[max(0, c.start - 30):c.start]:
        return True
    lex = c.g.lex
    if lex is None:
        return False
    if lex.lang not in _NOUN_AFTER:
        nouns = lex.wordlist("year_nouns_after")
        _NOUN_AFTER[lex.lang] = re.compile(r"\s+" + wildcard_alternation(nouns) + r"(?!\w)") if nouns else None
    nouns = _NOUN_AFTER[lex.lang]
    if nouns is not None and nouns.match(text, c.end):
        return True
    return c.near("year_prepositions_final") and _PHRASE_END.match(text, c.end) is not None


def _later(c: Context) -> Resolution | None:
    """"четыре года спустя", "iki yıl sonra", "trois ans plus tard": years after the last year written."""
    if c.tied_to_event():
        return SKIP                           # "savaştan iki yıl sonra": after the war, not after a year
    y = c.scan.carried_year(c.start, bare=True)
    amount = c.number("n")
    if y is None or amount is None or c.lookup("unit", "u") != "year":
        return None
    return Resolution(*cal.year(y + amount), "year", 0.75, f"counted from {y}, the last year written before it")


def _decade(c: Context) -> Resolution | None:
    """"1980'li yıllar", "les années 1980", "the 1980s": ten years from a year ending in 0."""
    y = c.number("y")
    if y % 10:
        return None
    return Resolution(cal.year(y)[0], cal.year(y + 9)[1], "year", 0.85)


def _year_anaphor(c: Context) -> Resolution | None:
    """"aynı yıl", "l'année précédente", "العام السابق": the last year written in the paragraph, or one off."""
    y = c.scan.carried_year(c.start, bare=True)
    if y is None:
        return None
    offset = c.lookup("yana", "a")
    return Resolution(*cal.year(y + offset), "year", 0.8, f"counted from {y}, the last year written before it")


def _bare_season(c: Context) -> Resolution | None:
    name = c.lookup("season", "s")
    if c.g.lex.is_ambiguous(c.name_word("season", "s")) and not c.cued():
        return None
    if c.anchor is None:
        return _unresolved("season")
    return Resolution(*cal.season(name, cal.bare_season(c.anchor, name, c.future())), "season", 0.6)


def _bare_month(c: Context) -> Resolution | None:
    name = c.name_word("month", "m")
    if name in c.g.lex.abbreviations or not c.capitalised("m"):
        return None
    if c.g.lex.is_ambiguous(name) and not c.cued():
        return None
    m, note = _month_note(c.months("m"))
    # A month alone takes a year only from its own sentence: "في نيسان/ إبريل 2014 … . ونفذ حزب الله خلال
    # شهري ايار/ مايو وحزيران" is May 2015, the offensive the piece reports, not May 2014.
    carried = _carried(c, sentence=True)
    if carried:
        return Resolution(*cal.month(carried[0], m), "month", 0.75, _join(note, carried[1]))
    if c.anchor is None:
        return _unresolved("month", "the year is not written and the publication date is not known")
    future = c.future()
    return Resolution(*cal.month(cal.bare_month(c.anchor, m, future), m), "month", 0.75,
                      _join(note, "future cue in the clause: the next one" if future else None))


def _bare_weekday(c: Context) -> Resolution | None:
    if not c.capitalised("w"):
        return None
    if c.g.lex.is_ambiguous(c.name_word("weekday", "w")) and not c.cued():
        return None
    if c.anchor is None:
        return _unresolved("day")
    wd = c.lookup("weekday", "w")
    first = c.paired_day()
    if first is not None:                  # "mercredi et jeudi": the Thursday after that Wednesday
        return Resolution(*cal.day(first + timedelta(days=(wd - first.isoweekday()) % 7 or 7)), "day", 0.7,
                          "the day after the one it is paired with")
    return Resolution(*cal.day(cal.bare_weekday(c.anchor, wd, c.future())), "day", 0.7)


RESOLVERS: dict[str, Callable[[Context], Resolution | None]] = {
    "iso": _iso, "numeric": _numeric, "dmy": _dmy, "mdy": _dmy, "my": _my, "ym": _my, "dm": _dm, "md": _dm,
    "range_y": _range_years, "dm_rela": _dm_relative, "dm_relb": _dm_relative, "dm_yrel": _dm_relative,
    "range_dm2": _range, "range_md2": _range, "range_d": _range, "range_md": _range, "range_m": _range_months,
    "month_yrel": _month_yrel, "month_relb": _month_rel, "month_rela": _month_rel,
    "season_year": _season_year, "season_yrel": _season_rel, "season_relb": _season_rel, "season_rela": _season_rel,
    "weekday_relb": _weekday_rel, "weekday_rela": _weekday_rel, "ago": _ago, "period": _period,
    "unit_relb": _unit_rel, "unit_rela": _unit_rel, "dayword": _dayword, "year": _year,
    "season": _bare_season, "month": _bare_month, "weekday": _bare_weekday, "year_anaphor": _year_anaphor,
    "later": _later, "decade": _decade,
}
