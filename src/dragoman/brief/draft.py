"""Sentences in the analyst's voice: what a story says happened, where outlets disagree, what a claim says and
who it comes from. Plain English, canonical names, absolute dates; nothing here decides what to include.

The clause for each PLOVER event type is data (`data/phrases.yaml`). Claims are drafted from their English
rendering: an attribution lead ("Sources told X that…") is lifted into "According to sources cited by X, …",
hedges stay, connectives that tied the sentence to its neighbours go, and every relative date becomes absolute.
"""

from __future__ import annotations

import re
import string
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..datafile import safe_load
from ..errors import InputError
from .model import absolute_date

PHRASES = Path(__file__).parent / "data" / "phrases.yaml"
_FIELDS = {"actor", "targets", "place"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_DAY = re.compile(r"^(\d{1,2}) (%s) (\d{4})$" % "|".join(_MONTHS))
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_PREPOSITIONS = {"in", "on", "since", "by", "until", "till", "during", "of", "from", "before", "after", "to",
                 "and", "or", "between", "through", "throughout", "within", "at"}
_PARTS_OF_DAY = re.compile(r"^\s+(morning|afternoon|evening|night)\b", re.I)
HEDGE_WORDS = re.compile(r"\b(may|might|could|likely|unlikely|appears?|seems?|reportedly|allegedly|believed?|"
                         r"believes|expects?|expected|probabl[ey]|possibl[ey]|perhaps|suggests?|thinks?|"
                         r"apparently|not ready)\b", re.I)
_CONNECTIVES = re.compile(r"^(?:however|meanwhile|moreover|in addition|also|for its part|for their part|in turn|"
                          r"on the other hand|in contrast|by contrast|at the same time|furthermore)\s*,\s*", re.I)
_INNER_CONNECTIVES = re.compile(r",\s*(?:for its part|for their part|in turn|however)\s*,", re.I)
_LEADS = (
    re.compile(r"^according to [^,]{1,80},\s*", re.I),
    re.compile(r"^[^,.;]{0,100}?\b(?:told|informed)\b[^,.;]{0,60}?\bthat\s+", re.I),
    re.compile(r"^[^,.;]{0,80}?\bsources?\b[^,.;]{0,60}?\b(?:said|say|says|reported|indicated|revealed|added)"
               r"\b(?:\s+that)?[,\s]+", re.I),
)
_TRAILS = (re.compile(r",?\s*according to [^,.;]{1,80}?\s*(?=\.?$)", re.I),
           re.compile(r",?\s*(?:informed |diplomatic |local )?sources (?:said|say|told [^,.;]{1,60})\s*(?=\.?$)",
                      re.I))
_INNER_SOURCES = re.compile(r",\s*according to [^,.;]{0,40}?\bsources?\b[^,.;]{0,40},", re.I)
_PRONOUN_START = re.compile(r"^(?:he|she|they|it|this|these|those|his|her|their|its)\b", re.I)
# "attribute this to…", "…confirmed that." : a demonstrative standing for a previous sentence.
_ANAPHORA = re.compile(r"\b(?:this|these|those)\b(?=\s+(?:to|is|was|were|as|in|on|at|by|for|with|from)\b|\s*[.,;])",
                       re.I)
# First words that are common English and so lose their capital after "According to X, " (function words,
# nouns for who says it, sentence-opening adverbials); anything else may be a name and keeps it.
_LOWER_FIRST = {"the", "a", "an", "observers", "sources", "analysts", "experts", "diplomatic", "informed",
                "local", "officials", "some", "many", "several", "according", "there", "during", "earlier",
                "later", "on", "in", "at", "as", "while", "since", "after", "before", "following", "despite",
                "amid", "having", "with", "without", "for", "under", "although", "though", "when", "once",
                "both", "each", "all", "most", "only", "another", "other", "such", "no", "one", "two", "three"}
_MODIFIERS = {"late", "early", "mid", "end", "beginning", "middle"}   # "late August": no "in" before the month


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrase table, checked: unknown placeholders or malformed entries name the file and the entry."""
    try:
        data = safe_load(PHRASES.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(PHRASES), f"cannot read the brief's phrase table: {exc}") from None
    events = data.get("events")
    if not isinstance(events, dict):
        raise InputError(str(PHRASES), "needs an `events` mapping of PLOVER type -> phrases")
    for kind, entry in events.items():
        for where, form in _forms(kind, entry):
            if not isinstance(form, str):
                raise InputError(str(PHRASES), f"{where}: must be a string")
            used = {name for _, name, _, _ in string.Formatter().parse(form) if name}
            if used - _FIELDS or "actor" not in used:
                raise InputError(str(PHRASES), f"{where}: placeholders must include {{actor}} and be among "
                                               f"{sorted(_FIELDS)}, got {sorted(used)}")
    for key in ("anonymous", "observers"):
        if not isinstance(data.get(key), list):
            raise InputError(str(PHRASES), f"needs a `{key}` list of words")
    return data


def _forms(kind: str, entry: Any):
    if not isinstance(entry, dict):
        raise InputError(str(PHRASES), f"events.{kind}: must be a mapping")
    for key in ("with_targets", "alone"):
        if key in entry:
            yield f"events.{kind}.{key}", entry[key]
    for mode, sub in (entry.get("modes") or {}).items():
        for key in ("with_targets", "alone"):
            if isinstance(sub, dict) and key in sub:
                yield f"events.{kind}.modes.{mode}.{key}", sub[key]


def names(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def when(start: datetime | date | None, end: datetime | date | None, precision: str | None) -> str | None:
    """"On 22 August 2023", "Between 26 and 28 September 2023", "In August 2023"; None when undated."""
    if start is None or precision is None:
        return None
    if precision == "day":
        last = (end - timedelta(days=1)) if end is not None and end > start else start
        if _day(last) > _day(start):
            return f"Between {span_of_days(start, last)}"
        return f"On {absolute_date(start)}"
    if precision == "week":
        return f"In the week of {absolute_date(start)}"
    if precision == "month":
        return f"In {_MONTHS[start.month - 1]} {start.year}"
    if precision == "season":
        return f"In {_SEASONS.get(start.month, 'the season of')} {start.year}"
    return f"In {start.year}"


def span_of_days(first: date, last: date) -> str:
    """"26 and 28 September 2023", "30 September and 2 October 2023"."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} and {absolute_date(last)}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} and {absolute_date(last)}"
    return f"{absolute_date(first)} and {absolute_date(last)}"


def event_clause(kind: str, mode: str | None, actor: str, targets: list[str], place: str | None) -> str | None:
    """The clause for an event ("Yunus-Bek Yevkurov met Khalifa Haftar in Benghazi"); None when the table has
    no form for this type with what the story knows."""
    entry = phrases()["events"].get(kind)
    if entry is None or not actor:
        return None
    by_mode = (entry.get("modes") or {}).get(mode or "", {}) if isinstance(entry.get("modes"), dict) else {}
    targets = [t for t in targets if t and t != actor]
    if targets:
        form = by_mode.get("with_targets") or entry.get("with_targets")
        if form is None:
            return None
        clause = form.format(actor=actor, targets=names(targets), place=place or "")
        return f"{clause} in {place}" if place and "{place}" not in form else clause
    form = by_mode.get("alone") or entry.get("alone")
    if form is None or ("{place}" in form and not place):
        return None
    return form.format(actor=actor, targets="", place=place or "")


def event_sentence(kind: str, mode: str | None, actor: str, targets: list[str], place: str | None,
                   start: datetime | None, end: datetime | None, precision: str | None) -> str | None:
    """"On 22 August 2023, Yunus-Bek Yevkurov met Khalifa Haftar in Benghazi."; None when undated or unsayable."""
    clause = event_clause(kind, mode, actor, targets, place)
    moment = when(start, end, precision)
    if clause is None or moment is None:
        return None
    return f"{moment}, {clause}."


def choice(values: list[str]) -> str:
    """"22, 23 or 24 August 2023" when the values share month and year; else "A or B"."""
    days = [_DAY.match(v) for v in values]
    if len(values) > 1 and all(days) and len({(m.group(2), m.group(3)) for m in days}) == 1:
        numbers = [m.group(1) for m in days]
        return f"{', '.join(numbers[:-1])} or {numbers[-1]} {days[0].group(2)} {days[0].group(3)}"
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " or " + values[-1]


def conflict_sentence(field: str, values: dict[str, list[str]]) -> str | None:
    """"Outlets disagree on the date (22, 23 or 24 August 2023): Anadolu Agency and TASS give 22 August 2023;
    Libya Observer gives 24 August 2023." — None when there is nothing to disagree about."""
    shown = [v for v in values if values[v]]
    if len(shown) < 2:
        return None
    ordered = sorted(shown, key=_value_order)
    # an outlet that gives two values in two of its items is named once, not once per value as if two outlets
    several = sorted(o for o in {o for v in ordered for o in values[v]} if sum(o in values[v] for v in ordered) > 1)
    details = []
    for value in ordered:
        who = [o for o in sorted(dict.fromkeys(values[value])) if o not in several]
        if who:
            details.append(f"{names(who)} give{'s' if len(who) == 1 else ''} {value}")
    for outlet in several:
        details.append(f"{outlet} gives {names([v for v in ordered if outlet in values[v]])} in different items")
    return f"Outlets disagree on the {field} ({choice(ordered)}): {'; '.join(details)}."


def _value_order(value: str) -> tuple:
    m = _DAY.match(value)
    if m:
        return (0, int(m.group(3)), _MONTHS.index(m.group(2)), int(m.group(1)))
    parts = value.split()
    if len(parts) == 2 and parts[0] in _MONTHS and parts[1].isdigit():
        return (0, int(parts[1]), _MONTHS.index(parts[0]), 99)
    return (1, value)


def source_kind(attributed_to: list[str]) -> tuple[str, str | None]:
    """("anonymous" | "observers" | "named" | "outlet", who) from a claim chain (outermost first).

    The innermost link says who: "informed sources (مصادر مطلعة)" -> ("anonymous", "informed sources").
    """
    if len(attributed_to) < 2:
        return "outlet", None
    who = english_part(attributed_to[-1])
    low = (who or attributed_to[-1]).lower()
    table = phrases()
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w in table["observers"]):
        return "observers", who or "observers"
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w in table["anonymous"]):
        return "anonymous", who or "sources"
    return "named", who


def english_part(link: str) -> str | None:
    """The English of a chain link: "informed sources (مصادر مطلعة)" -> "informed sources"; None if none."""
    head = link.split(" (", 1)[0].strip()
    return head if head and all(ord(c) < 0x250 or not c.isalpha() for c in head) else None


def claim_sentence(english: str, attributed_to: list[str], outlet: str, hedges: list[str],
                   anchor: datetime | None, *, kind: str | None = None) -> str | None:
    """A claim in the analyst's voice with its attribution, or None when its English cannot stand alone
    (it opens with a pronoun, or relies on a date the text does not give)."""
    text = " ".join(english.split()).strip()
    text = _CONNECTIVES.sub("", text)
    text = _INNER_CONNECTIVES.sub("", text)
    if not text or _PRONOUN_START.match(text) or _ANAPHORA.search(text):
        return None
    found, who = source_kind(attributed_to)
    kind = kind or found
    if kind == "anonymous" and found != "anonymous":
        who = english_part(attributed_to[-1]) if attributed_to else None
        who = who if who and who.lower() not in {o.lower() for o in (outlet, attributed_to[0])} else "sources"
    content = None
    if kind == "anonymous":
        content = _strip_attribution(text, keep_hedges=bool(hedges))
        if content is None and not re.search(r"\bsources?\b", text, re.I):
            content = text                   # the English leaves the sources out: the chain supplies them
    if content is not None and who and re.search(rf"\b{re.escape(who.split()[-1])}\b", content, re.I):
        content = None                        # the English names them itself ("Western reports indicate…")
    if content is not None:
        sentence = f"According to {who} cited by {outlet}, {_lower_first(content)}"
    else:
        sentence = f"According to {outlet}, {_lower_first(text)}"
    fixed = absolute_dates(sentence, anchor)
    if fixed is None:
        return None
    return fixed if fixed.endswith((".", "?", "!", "”", '"')) else fixed.rstrip(" ,;:") + "."


def _strip_attribution(text: str, *, keep_hedges: bool) -> str | None:
    """The claim without its attribution ("Sources told X that A" -> "A"); None when there is none to lift."""
    for pattern in (*_LEADS, *_TRAILS, _INNER_SOURCES):
        match = pattern.search(text)
        if not match:
            continue
        removed = match.group(0)
        if keep_hedges and HEDGE_WORDS.search(removed):
            return None                      # the hedge lives in the attribution: keep the sentence whole
        rest = (text[:match.start()] + (" " if pattern is _INNER_SOURCES else "") + text[match.end():]).strip()
        rest = re.sub(r"\s+,", ",", " ".join(rest.split())).strip(" ,")
        if len(rest) < 20:
            return None
        return rest
    return None


def _lower_first(text: str) -> str:
    word = re.match(r"[A-Za-z]+", text)
    if word and word.group(0).lower() in _LOWER_FIRST:
        return text[0].lower() + text[1:]
    return text


def absolute_dates(text: str, anchor: datetime | date | None) -> str | None:
    """`text` with every date made absolute against `anchor` (the publication date): "on Tuesday" ->
    "on 26 September 2023", "last month" -> "in August 2023"; None when a relative date cannot be resolved."""
    from ..times import find_times

    out: list[str] = []
    pos = 0
    for hit in find_times(text, "en", anchor):
        if _YEAR.search(hit.text):
            continue
        if hit.begin is None:
            return None
        start, end = hit.start, hit.end
        phrase = _absolute(hit)
        part_of_day = _PARTS_OF_DAY.match(text[end:])
        before = text[pos:start]
        previous = re.search(r"(\w+)\s*$", before)
        prev_word = previous.group(1).lower() if previous else ""
        if prev_word == "the":                    # "the week before last" -> "the week of …"
            before = before[:previous.start()]
            previous = re.search(r"(\w+)\s*$", before)
            prev_word = previous.group(1).lower() if previous else ""
        if part_of_day and hit.precision == "day":
            phrase = f"the {part_of_day.group(1).lower()} of {phrase}"
            end += part_of_day.end()
        if prev_word not in _PREPOSITIONS and prev_word not in _MODIFIERS:
            phrase = ("on " if hit.precision == "day" and not phrase.startswith("the ") else "in ") + phrase
        out.append(before)
        out.append(phrase)
        pos = end
    out.append(text[pos:])
    result = "".join(out)
    return result[0].upper() + result[1:] if result else result


def _absolute(hit) -> str:
    begin, end = hit.begin, hit.end_dt
    if hit.precision == "day":
        last = end - timedelta(days=1) if end is not None else begin
        return absolute_date(begin) if _day(last) == _day(begin) else span_of_days(begin, last).replace(" and ", "–", 1)
    if hit.precision == "week":
        return f"the week of {absolute_date(begin)}"
    if hit.precision == "month":
        return f"{_MONTHS[begin.month - 1]} {begin.year}"
    if hit.precision == "season":
        return f"{_SEASONS.get(begin.month, 'the season of')} {begin.year}"
    return str(begin.year)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def canonical_names(text: str, spellings: dict[str, str]) -> str:
    """Spell every name one way: each surface form the documents used ("Hifter", "Khalifa Hifter") becomes its
    canonical name ("Khalifa Haftar"), without doubling a first name already written ("Khalifa Khalifa")."""
    for surface in sorted(spellings, key=len, reverse=True):
        canonical = spellings[surface]
        if not surface or surface == canonical or surface in canonical.split():
            continue
        tokens = canonical.split()
        for k in range(len(tokens) - 1, -1, -1):
            lead = r"\b" + r"\s+".join(re.escape(t) for t in tokens[:k]) + r"\s+" if k else r"\b"
            text = re.sub(lead + re.escape(surface) + r"\b", canonical, text)
    return text
