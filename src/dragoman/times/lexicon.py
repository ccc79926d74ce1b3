"""Per-language time vocabularies (`data/<lang>.yaml`), validated when loaded and folded for matching.

Keys (all optional except `language`, `months`, `weekdays`, `units`):
  months / month_abbreviations   {1..12: [names]}; abbreviations also match with a trailing dot
  weekdays                       {1 (Monday)..7: [names]}
  seasons                        {spring|summer|autumn|winter: [names]}
  ambiguous, ambiguous_weekdays, ambiguous_seasons, ambiguous_days
                                 names that are also ordinary words: alone they need a cue
  month_nouns_before/after, weekday_nouns_before/after
                                 "شهر آب", "ağustos ayında", "يوم الثلاثاء", "salı günü" (inside the span)
  units                          {day|week|month|year: [forms]}; unit_duals {unit: [forms meaning two]}
  numbers                        {word: value}; amount_idioms [{phrase, amount, unit}]
  days                           {offset: [phrases]}: yesterday is -1
  periods                        {week|month|year: {offset: [phrases]}}: set phrases for a whole period
  relative_before / relative_after
                                 {offset: [words]} before or after a month, weekday, season or unit noun
  year_relative + year_relative_order (after|before)
                                 {offset: [phrases]}: "в августе прошлого года", "geçen yılın ağustos ayında"
  month_joins, day_month_joins   "August of last year", "22 من آب"
  ago_before / ago_after         "منذ", "il y a" / "ago", "назад", "önce"
  prepositions                   words that, just before a bare name, show it is a time ("in", "في")
  year_prepositions              those that also make a bare number a year ("in 2020", not "около 2000")
  day_prefixes, day_suffixes, year_prefixes, year_suffixes, suffixes (Turkish case endings)
  range_to / range_and           "26 по 28", "26 au 28" / "10 و11", "10 and 11" (two days of one month)
  future_cues                    words marking a future reference in the clause; * stands for letters
  plural_units                   unit forms that need a number ("منذ سنوات" is "for years", not one year)
  event_words_after_ago / event_endings_before_ago
                                 what makes "N days before" count from an event, not the publication:
                                 "قبل يوم واحد من مقتله", "kazadan iki gün önce"; ago_fillers may stand between
                                 ("seçimden sadece üç ay önce"), now_before_ago count from now ("bundan")
  ordinal_days                   {word: 1..31}: "العاشر من أيلول"
  period_parts_before / period_parts_after
                                 {early|mid|late: [words]} before or after a year, month or week: "أواسط العام
                                 الماضي" (mid last year), "ağustos sonunda" (late August); see find._part_of
  named_days                     {YYYY-MM-DD: [phrases]}: a day that names an event ("15 temmuz": the 2016
                                 coup attempt); event_words / commemoration_words tell when it does
  byline_cues, speech_cues       what marks a byline line ("par", "publié le") / an attribution ("a déclaré")
  same_year / previous_year / next_year
                                 "aynı yıl", "l'année précédente": the year of the last year written, or one off
  later_after                    "четыре года спустя", "iki yıl sonra": counted years after the last year
                                 written in the paragraph (nothing without one)
  decade_before / decade_after   "les années 1980" / "1980'li yıllar", "1980s", "1980-х" (* is letters)
  night_before                   "в ночь на четверг": a night before a day starts the day before
  half_words                     "dört buçuk yıl önce": a half amount, which no calendar unit can place
  duration_words                 ago words that also mean "for" ("منذ أربع سنوات"): counted months and years
                                 after them stay uncertain
  year_nouns_after, year_prepositions_final
                                 what makes a bare number a year: a noun after it ("1921 Anayasası", * is
                                 letters), or a preposition before it when it ends the phrase ("de 2020.")
  homographs                     words or phrases that look like a time but are not ("Bu yazı" is "this
                                 article", "روسيا اليوم" a channel): a match touching one is dropped
  capitalised_names, month_day_order, trailing_weekday, bare_unit_means_one ("неделю назад" is one week),
  vowel_harmony                  (booleans), numeric_order (dmy|mdy); vowel_harmony: a Turkish ending must
                                 agree with its word and the word keep its letters ("kişi" is not kış + i)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..datafile import safe_load
from ..errors import InputError
from .fold import fold_word

DATA_DIR = Path(__file__).parent / "data"
UNITS = ("day", "week", "month", "year")
SEASONS = ("spring", "summer", "autumn", "winter")
MAX_OFFSET = 3

_WORD_LISTS = ("ambiguous", "ambiguous_weekdays", "ambiguous_seasons", "ambiguous_days", "month_nouns_before",
               "month_nouns_after", "weekday_nouns_before", "weekday_nouns_after", "month_joins", "day_month_joins",
               "ago_before", "ago_after", "prepositions", "year_prepositions", "day_prefixes", "day_suffixes",
               "year_prefixes", "year_suffixes", "suffixes", "range_to", "range_and", "future_cues", "plural_units",
               "event_words_after_ago", "event_endings_before_ago", "homographs", "event_words",
               "commemoration_words", "byline_cues", "speech_cues", "night_before", "half_words", "duration_words",
               "year_nouns_after", "year_prepositions_final", "same_year", "previous_year", "next_year",
               "ago_fillers", "now_before_ago", "later_after", "decade_before", "decade_after")
_FLAGS = ("capitalised_names", "month_day_order", "trailing_weekday", "bare_unit_means_one", "vowel_harmony")
PARTS = ("early", "mid", "late")
_KEYS = frozenset(("language", "ordinal_days", "named_days", "period_parts_before", "period_parts_after", "months", "month_abbreviations", "weekdays", "seasons", "units",
                   "unit_duals", "numbers", "amount_idioms", "days", "periods", "relative_before", "relative_after",
                   "year_relative", "year_relative_order", "numeric_order", *_WORD_LISTS, *_FLAGS))


class LexiconError(InputError):
    """A time vocabulary file is unreadable or has bad entries; every problem is listed."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        super().__init__(str(path), "; ".join(problems) + " (fix the file; see dragoman/times/lexicon.py for the keys)")
        self.problems = problems


@dataclass(frozen=True)
class Lexicon:
    """One language's vocabulary, every entry folded (see `fold.fold_word`)."""

    lang: str
    months: dict[str, int]
    abbreviations: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    units: dict[str, str]
    duals: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    idioms: dict[str, tuple[int, str]]
    days: dict[str, int]
    periods: dict[str, tuple[str, int]]
    relative_before: dict[str, int]
    relative_after: dict[str, int]
    year_relative: dict[str, int]
    year_relative_before: bool
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)   # the word lists, by key
    flags: frozenset[str] = frozenset()
    numeric_order: str = "dmy"
    named_days: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # phrase -> (month, day, year)
    year_anaphors: dict[str, int] = field(default_factory=dict)   # "aynı yıl" 0, "l'année précédente" -1
    parts_before: dict[str, str] = field(default_factory=dict)    # "أواسط" -> mid, "fin" -> late
    parts_after: dict[str, str] = field(default_factory=dict)     # "sonunda" -> late
    spellings: frozenset[str] = frozenset()   # every word of the file as written, lower case (vowel_harmony)
    folded_spellings: frozenset[str] = frozenset()

    def wordlist(self, key: str) -> tuple[str, ...]:
        return self.words.get(key, ())

    def is_ambiguous(self, folded_name: str) -> bool:
        return folded_name in self.words.get("_ambiguous", ())


class _Checker:
    """Collects problems instead of stopping at the first, so one run shows them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def words(self, key: str, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problems.append(f"{key}: expected a list of non-empty words, got {value!r}")
            return []
        return [fold_word(v) for v in value]

    def keyed(self, key: str, value: Any, allowed: tuple | range | None) -> dict[Any, list[str]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problems.append(f"{key}: expected a mapping, got {type(value).__name__}")
            return {}
        out: dict[Any, list[str]] = {}
        for k, v in value.items():
            if allowed is not None and k not in allowed:
                self.problems.append(f"{key}: unknown key {k!r} (use {_describe(allowed)})")
                continue
            out[k] = self.words(f"{key}.{k}", v)
        return out

    def inverse(self, key: str, groups: dict[Any, list[str]]) -> dict[str, Any]:
        """word -> key, refusing a word listed under two different keys."""
        out: dict[str, Any] = {}
        for k, words in groups.items():
            for w in words:
                if out.get(w, k) != k:
                    self.problems.append(f"{key}: {w!r} is listed under both {out[w]!r} and {k!r}")
                out[w] = k
        return out


def _describe(allowed: tuple | range) -> str:
    if isinstance(allowed, range):
        return f"{allowed.start}..{allowed.stop - 1}"
    return ", ".join(map(str, allowed))


def parse(raw: Any, path: Path | str) -> Lexicon:
    """Validate a loaded YAML mapping and fold it into a Lexicon; raises LexiconError naming every problem."""
    c = _Checker()
    if not isinstance(raw, dict):
        raise LexiconError(path, ["the file must hold a mapping of keys"])
    for key in raw:
        if key not in _KEYS:
            c.problems.append(f"unknown key {key!r}")
    lang = raw.get("language")
    if not isinstance(lang, str) or not lang:
        c.problems.append("language: missing")
    offsets = range(-MAX_OFFSET, MAX_OFFSET + 1)
    months = c.keyed("months", raw.get("months"), range(1, 13))
    if set(months) != set(range(1, 13)) and "months" in raw:
        c.problems.append(f"months: missing {sorted(set(range(1, 13)) - set(months))}")
    abbreviations = c.keyed("month_abbreviations", raw.get("month_abbreviations"), range(1, 13))
    weekdays = c.keyed("weekdays", raw.get("weekdays"), range(1, 8))
    if set(weekdays) != set(range(1, 8)):
        c.problems.append(f"weekdays: missing {sorted(set(range(1, 8)) - set(weekdays))}")
    units = c.keyed("units", raw.get("units"), UNITS)
    for name in ("months", "weekdays", "units"):
        if name not in raw:
            c.problems.append(f"{name}: missing")
    words = {key: tuple(c.words(key, raw.get(key))) for key in _WORD_LISTS}
    month_map = c.inverse("months", {m: months.get(m, []) + abbreviations.get(m, []) for m in range(1, 13)})
    weekday_map = c.inverse("weekdays", weekdays)
    season_map = c.inverse("seasons", c.keyed("seasons", raw.get("seasons"), SEASONS))
    day_map = c.inverse("days", c.keyed("days", raw.get("days"), offsets))
    for key, names in (("ambiguous", month_map), ("ambiguous_weekdays", weekday_map),
                       ("ambiguous_seasons", season_map), ("ambiguous_days", day_map)):
        for w in words[key]:
            if w not in names:
                c.problems.append(f"{key}: {w!r} is not one of the names listed")
    for w in words["plural_units"]:
        if w not in [u for us in units.values() for u in us]:
            c.problems.append(f"plural_units: {w!r} is not one of the units listed")
    numbers: dict[str, int] = {}
    for k, v in (raw.get("numbers") or {}).items():
        if not isinstance(k, str) or not isinstance(v, int) or isinstance(v, bool) or not 0 < v <= 100:
            c.problems.append(f"numbers: {k!r}: {v!r} must be a word with a whole number 1..100 "
                              "(quote words YAML reads as true/false: on, no, yes)")
        else:
            numbers[fold_word(k)] = v
    ordinals: dict[str, int] = {}
    for k, v in (raw.get("ordinal_days") or {}).items():
        if not isinstance(k, str) or not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= 31:
            c.problems.append(f"ordinal_days: {k!r}: {v!r} must be a word with a day number 1..31")
        else:
            ordinals[fold_word(k)] = v
    named_days: dict[str, tuple[int, int, int]] = {}
    for k, v in (raw.get("named_days") or {}).items():
        if not isinstance(k, date):
            c.problems.append(f"named_days: {k!r} must be a date YYYY-MM-DD")
            continue
        for phrase in c.words(f"named_days.{k}", v):
            named_days[phrase] = (k.month, k.day, k.year)
    idioms: dict[str, tuple[int, str]] = {}
    for item in raw.get("amount_idioms") or []:
        if not (isinstance(item, dict) and isinstance(item.get("phrase"), str) and isinstance(item.get("amount"), int)
                and item.get("unit") in UNITS):
            c.problems.append(f"amount_idioms: {item!r} needs phrase, a whole amount and a unit ({', '.join(UNITS)})")
        else:
            idioms[fold_word(item["phrase"])] = (item["amount"], item["unit"])
    periods: dict[str, tuple[str, int]] = {}
    raw_periods = raw.get("periods") or {}
    if not isinstance(raw_periods, dict):
        c.problems.append("periods: expected a mapping of units")
        raw_periods = {}
    for unit, groups in raw_periods.items():
        if unit not in UNITS:
            c.problems.append(f"periods: unknown unit {unit!r} (use {', '.join(UNITS)})")
            continue
        for w, off in c.inverse(f"periods.{unit}", c.keyed(f"periods.{unit}", groups, offsets)).items():
            periods[w] = (unit, off)
    order = raw.get("year_relative_order", "after")
    if order not in ("after", "before"):
        c.problems.append(f"year_relative_order: {order!r} must be after or before")
    numeric_order = raw.get("numeric_order", "dmy")
    if numeric_order not in ("dmy", "mdy"):
        c.problems.append(f"numeric_order: {numeric_order!r} must be dmy or mdy")
    flags = set()
    for flag in _FLAGS:
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            c.problems.append(f"{flag}: {value!r} must be true or false")
        elif value:
            flags.add(flag)
    written = set(_written_words(raw)) if "vowel_harmony" in flags else set()
    lex = Lexicon(
        lang=lang if isinstance(lang, str) else "",
        months=month_map,
        abbreviations=frozenset(w for ws in abbreviations.values() for w in ws),
        weekdays=weekday_map,
        seasons=season_map,
        units=c.inverse("units", units),
        duals=c.inverse("unit_duals", c.keyed("unit_duals", raw.get("unit_duals"), UNITS)),
        numbers=numbers,
        ordinals=ordinals,
        idioms=idioms,
        days=day_map,
        periods=periods,
        relative_before=c.inverse("relative_before", c.keyed("relative_before", raw.get("relative_before"), offsets)),
        relative_after=c.inverse("relative_after", c.keyed("relative_after", raw.get("relative_after"), offsets)),
        year_relative=c.inverse("year_relative", c.keyed("year_relative", raw.get("year_relative"), offsets)),
        year_relative_before=order == "before",
        words={**words, "_ambiguous": tuple(words["ambiguous"] + words["ambiguous_weekdays"]
                                            + words["ambiguous_seasons"] + words["ambiguous_days"])},
        flags=frozenset(flags),
        numeric_order=numeric_order if isinstance(numeric_order, str) else "dmy",
        named_days=named_days,
        parts_before=c.inverse("period_parts_before", c.keyed("period_parts_before", raw.get("period_parts_before"), PARTS)),
        parts_after=c.inverse("period_parts_after", c.keyed("period_parts_after", raw.get("period_parts_after"), PARTS)),
        year_anaphors=c.inverse("year anaphors", {0: words["same_year"], -1: words["previous_year"],
                                                  1: words["next_year"]}),
        spellings=frozenset(written),
        folded_spellings=frozenset(fold_word(w) for w in written),
    )
    if c.problems:
        raise LexiconError(path, c.problems)
    return lex


def lower(text: str) -> str:
    """Lower case that keeps Turkish dotted and dotless i apart (I -> ı, İ -> i)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def _written_words(raw: Any):
    """Every word of every entry as written, lower case, for checks that need the unfolded letters."""
    if isinstance(raw, str):
        yield from (lower(w).strip("'") for w in raw.replace("*", " ").split())
    elif isinstance(raw, dict):
        for k, v in raw.items():
            if k != "language":
                yield from _written_words(k)
                yield from _written_words(v)
    elif isinstance(raw, list):
        for v in raw:
            yield from _written_words(v)


def load(path: Path | str) -> Lexicon:
    """Read and validate one vocabulary file."""
    path = Path(path)
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(path, [f"cannot read: {exc}"]) from exc
    lex = parse(raw, path)
    if lex.lang != path.stem:
        raise LexiconError(path, [f"language: {lex.lang!r} does not match the file name {path.stem!r}"])
    return lex


def languages() -> tuple[str, ...]:
    """The languages with a bundled vocabulary."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.yaml")))


@lru_cache(maxsize=None)
def bundled(lang: str) -> Lexicon | None:
    """The bundled vocabulary for `lang`, loaded once; None when there is none."""
    path = DATA_DIR / f"{lang}.yaml"
    return load(path) if path.is_file() else None
