"""What a resolver gets to work with: the match, its text and vocabulary, and questions about its context
(a future cue in the clause, a preposition before it, an event it is counted from)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from .fold import Folded
from .grammar import LOOKUPS, Grammar, alternation
from .morph import words_ok

_DIGITS = re.compile(r"[0-9]+")
# A future cue counts within its clause: "talks began on 12 March, and the next round will be in April".
_CLAUSE_END = re.compile(r"[.!?؟\n,;:،؛]")
_CLAUSE_REACH = 200
_SENTENCE_END = re.compile(r"[.!?؟](?:\s|\Z)")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
_QUOTE_REACH = 300


@dataclass(frozen=True, slots=True)
class Resolution:
    """An interval [begin, end) at a precision, or none (begin/end None) when it cannot be placed."""

    begin: date | None
    end: date | None
    precision: str
    confidence: float
    note: str | None = None


# A resolver returns SKIP when the whole candidate is not a time and nothing inside it is either
# ("قبل يوم واحد من": no "يوم" to find again); None lets the scan look again from the next word.
SKIP = Resolution(None, None, "day", 0.0, "skip")


_NEAR: dict[tuple[int, str, bool], re.Pattern[str] | None] = {}


def _near_finder(lex, key: str, before: bool) -> re.Pattern[str] | None:
    """The finder for a word list right before (or after) a match, compiled once per vocabulary."""
    cache_key = (id(lex), key, before)
    if cache_key not in _NEAR:
        words = lex.wordlist(key)
        _NEAR[cache_key] = None if not words else re.compile(
            rf"(?<!\w){alternation(words)}\s*\Z" if before else rf"\s*{alternation(words)}(?!\w)")
    return _NEAR[cache_key]


class Narrative:
    """The year a narrative is in: the last explicit year ("2 Eylül 2023", "в 2016 году") carries to the dates
    after it that name no year ("iki gün sonra, 4 Eylül'de" is 2023, not the publication year), until the
    paragraph ends or the text comes back to the present (yesterday, last week, N days ago). Shared by the
    calls that date one document piece by piece."""

    __slots__ = ("year", "pos", "named", "last_year")

    def __init__(self) -> None:
        self.year: int | None = None   # from a written day or month: what later days and months take
        self.pos = 0                   # where in the current call's folded text it was written
        self.last_year: int | None = None   # any written year, bare ones too: what "aynı yıl" refers to
        self.named: dict = {}          # (month, day) -> (year, commemoration finder): see document.named_days

    def set(self, year: int | None, pos: int = 0, last_year: int | None = None) -> None:
        self.year, self.pos, self.last_year = year, pos, last_year


# Rules whose year is written: they set the narrative's year. Rules relative to the publication date reset it.
EXPLICIT = frozenset(("iso", "numeric", "dmy", "mdy", "my", "ym", "range_m", "season_year"))
PRESENT = frozenset(("dayword", "ago", "period", "unit_relb", "unit_rela", "weekday_relb", "weekday_rela",
                     "month_yrel", "dm_yrel", "season_yrel"))


class Scan:
    """One call's text, grammar and anchor, and what is worked out once per text (clause ends)."""

    __slots__ = ("g", "folded", "anchor", "_ends", "narrative", "previous")

    def __init__(self, grammar: Grammar, folded: Folded, anchor: date | None,
                 narrative: Narrative | None = None) -> None:
        self.g, self.folded, self.anchor = grammar, folded, anchor
        self._ends: list[int] | None = None
        self.narrative = narrative if narrative is not None else Narrative()
        self.previous: tuple[str, Resolution, int] | None = None    # the last hit: rule, resolution, end

    def named_year(self, month: int, day: int, start: int, end: int) -> int | None:
        """The year of the event a named day stands for in this document ("15 Temmuz" → 2016), unless a
        commemoration word is beside it (this year's commemoration)."""
        named = self.narrative.named.get((month, day))
        if named is None:
            return None
        year, memorial, event = named
        text = self.folded.text
        if re.match(r"\W*(?:\w+\s+)?" + event.pattern, text[end:end + 40]):
            return year                    # "15 Temmuz darbe girişimi": the event by name
        left, right = self.clause(start, end)
        if memorial is not None and memorial.search(text, max(left, start - 40), min(right, end + 40)):
            return None
        return year

    def carried_year(self, start: int, bare: bool = False, sentence: bool = False) -> int | None:
        """The narrative's year at folded `start`, unless a paragraph break (with `sentence`, a sentence end)
        lies between; `bare`: the last year written even alone ("2020 yılında … bir önceki yıla göre")."""
        n = self.narrative
        year = n.last_year if bare else n.year
        between = self.folded.text[n.pos:start]
        if year is None or "\n" in between or (sentence and _SENTENCE_END.search(between)):
            return None
        return year

    def record(self, kind: str, r: Resolution, end: int) -> None:
        """Update the narrative after a hit of rule `kind` ending at folded `end`. Only a written day or month
        carries its year to later days and months: a bare year is too often "since 2016" or "until 2028"."""
        self.previous = (kind, r, end)
        n = self.narrative
        if (kind in EXPLICIT or kind == "year") and r.begin is not None and r.end is not None \
                and r.end.year - r.begin.year <= 1:
            n.set(r.begin.year if r.precision in ("day", "month") else n.year, end, r.begin.year)
        elif kind in PRESENT:
            n.set(None)
        elif n.last_year is not None and "\n" in self.folded.text[n.pos:end]:
            n.set(None)

    def genuine(self, start: int, end: int) -> bool:
        """Whether folded [start, end) is the time it looks like: not part of a web address, touching no
        homograph ("Bu yazı", "روسيا اليوم") and, in Turkish, with words that keep their letters and harmonic
        endings ("kişi" is not kış)."""
        text = self.folded.text
        lo, hi = max(0, start - 200), min(len(text), end + 200)
        left = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
        right = min((i for i in (text.find(" ", end, hi), text.find("\n", end, hi)) if i >= 0), default=hi)
        token = text[left:right]
        if "://" in token or "www." in token or (text[start - 1:start] == "/" and text[end:end + 1] == "/"):
            return False
        h = self.g.homographs
        if h is not None:
            for m in h.finditer(self.folded.text, max(0, start - 40), min(len(self.folded.text), end + 40)):
                if m.start() < end and start < m.end():
                    return False
        if self.g.lex is None or "vowel_harmony" not in self.g.lex.flags:
            return True
        original_start, original_end = self.folded.span(start, end)
        return words_ok(self.folded.original[original_start:original_end], self.g.lex)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The [left, right) bounds of the clause holding folded [start, end)."""
        if self._ends is None:
            self._ends = [m.start() for m in _CLAUSE_END.finditer(self.folded.text)]
        i = bisect_left(self._ends, start)
        left = self._ends[i - 1] + 1 if i else 0
        j = bisect_left(self._ends, end, i)
        right = self._ends[j] if j < len(self._ends) else len(self.folded.text)
        # Text without punctuation would make every clause the whole text: look at most this far.
        return max(left, start - _CLAUSE_REACH), min(right, end + _CLAUSE_REACH)


class Context:
    """One match and what its resolver may ask about it."""

    __slots__ = ("scan", "g", "m", "rid", "folded", "anchor", "start", "end")

    def __init__(self, scan: Scan, m: re.Match[str]) -> None:
        self.scan, self.g, self.folded, self.anchor = scan, scan.g, scan.folded, scan.anchor
        self.m, self.rid = m, m.lastgroup
        self.start, self.end = m.span(m.lastgroup)

    def text(self, slot: str) -> str | None:
        return self.m.group(f"{self.rid}_{slot}") if slot in self.g.slots[self.rid] else None

    def lookup(self, kind: str, slot: str):
        """The vocabulary value of a slot (month number, unit name, offset…), or None."""
        text = self.text(slot)
        finder = self.g.names.get(kind)
        if text is None or finder is None:
            return None
        hit = finder.search(text)
        if hit is None:
            return None
        return getattr(self.g.lex, LOOKUPS[kind])[" ".join(hit.group(1).split())]

    def number(self, slot: str) -> int | None:
        text = self.text(slot)
        if text is None:
            return None
        digits = _DIGITS.search(text)
        if digits:
            return int(digits.group())
        # An ordinal first: "الثامن عشر" is 18, though "عشر" alone is the number 10.
        return self.lookup("ordinal", slot) or self.lookup("num", slot)

    def months(self, slot: str) -> list[int]:
        """Every month a slot names ("آب/أغسطس" names one month twice)."""
        text = self.text(slot) or ""
        lex = self.g.lex
        return [lex.months[" ".join(h.group(1).split())] for h in self.g.names["month"].finditer(text)]

    def name_word(self, kind: str, slot: str) -> str | None:
        text = self.text(slot)
        hit = self.g.names[kind].search(text) if text else None
        return " ".join(hit.group(1).split()) if hit else None

    def future(self) -> bool:
        """Whether the clause around the match speaks of the future ("will", "سوف", "-acak")."""
        if self.g.future is None:
            return False
        left, right = self.scan.clause(self.start, self.end)
        for cue in self.g.future.finditer(self.folded.text, left, right):
            if not self._quoted_apart(cue.start()):
                return True
        return False

    def _quoted_apart(self, pos: int) -> bool:
        """Whether `pos` is inside a quotation that does not hold the match: «…göreceğiz?» dediğim is the
        quoted speaker's future, not the sentence's."""
        text = self.folded.text
        for q in _QUOTED.finditer(text, max(0, pos - _QUOTE_REACH), min(len(text), pos + _QUOTE_REACH)):
            if q.start() < pos < q.end():
                return not (q.start() < self.start < q.end())
        return False

    def cued(self, year: bool = False) -> bool:
        """Whether something marks an ambiguous name as a time: a preposition before it ("في", "en"), a
        month or weekday noun ("شهر", "ayında", "günü"), or a Turkish apostrophe ending ("Aralık'ta").
        For a bare number only the year prepositions count ("in 2020", not "about 2000")."""
        p = self.g.year_preposition_before if year else self.g.preposition_before
        before = self.folded.text[max(0, self.start - 40):self.start]
        if before[-1:].isalpha():
            before += " "                  # "في2013": the preposition glued to the year
        if p is not None and p.search(before):
            return True
        span_text = self.folded.text[self.start:self.end]
        return "'" in span_text or (self.g.nouns is not None and self.g.nouns.search(span_text) is not None)

    def paired_day(self) -> date | None:
        """The day this weekday is paired with: "mercredi et jeudi", "السبت والأحد", "Monday and Tuesday" name
        consecutive days, so the second counts from the first, not from the anchor."""
        prev = self.scan.previous
        if prev is None or prev[1].precision != "day" or prev[1].begin is None or not prev[0].startswith(
                ("weekday", "dayword", "dm", "dmy")):
            return None
        between = self.folded.text[prev[2]:self.start]
        joiners = self.g.lex.wordlist("range_and") + self.g.lex.wordlist("range_to")
        if len(between) > 12 or not re.fullmatch(rf"\s*(?:[,/-]|{alternation(joiners)})?\s*", between):
            return None
        return prev[1].begin

    def near(self, key: str, before: bool = True) -> bool:
        """Whether a word of list `key` is right before the match (or right after it)."""
        finder = _near_finder(self.g.lex, key, before) if self.g.lex else None
        if finder is None:
            return False
        text = self.folded.text
        if before:
            return finder.search(text[max(0, self.start - 40):self.start]) is not None
        return finder.match(text, self.end) is not None

    def followed_by(self, kind: str) -> bool:
        """Whether the next word is a name of `kind`, or for "digits" a number ("منذ يوم الثلاثاء":
        يوم belongs to the weekday; "منذ عام 2020": عام to the year)."""
        text = self.folded.text
        i = self.end
        while i < len(text) and text[i].isspace():
            i += 1
        if i == self.end or i == len(text):
            return False
        if kind == "digits":
            return text[i].isdigit()
        finder = self.g.names.get(kind)
        return finder is not None and finder.match(text, i) is not None

    def tied_to_event(self) -> bool:
        """Whether an "N days before" counts from an event named beside it ("قبل يومين من الزيارة")."""
        if self.g.events is None:
            return False
        after, before = self.g.events
        text = self.folded.text
        return bool(after and after.match(text, self.end)) or bool(
            before and before.search(text, max(0, self.start - 40), self.start))

    def capitalised(self, slot: str) -> bool:
        """For languages that capitalise month and weekday names: whether the name in `slot` is."""
        if "capitalised_names" not in self.g.lex.flags:
            return True
        start = self.m.start(f"{self.rid}_{slot}")
        original = self.folded.span(start, start + 1)[0]
        return self.folded.original[original].isupper()
