"""Where a document's relative dates are anchored: its own date, a repost's byline, a dated quotation.

Three rules, each about *who is speaking when*:

1. **Byline of a repost.** A page that reposts an article often keeps the original byline as a short line of
   its own ("par Krikor Amirzayan le vendredi 26 janvier 2024", "15 janvier 2025 – par …", "Le 19/05/2024 à
   7:17", "Publié le 22 nov. 2023", or a date alone on its line). When such a line carries a full date from two weeks before the page's
   date up to a day after it, the earliest one is when the text was written: "aujourd'hui" and "mercredi"
   count from it.
2. **Dated quotation.** A quotation («…», “…”, "…", „…“) whose introduction in the same sentence carries a
   day-precise date and is an attribution (a colon before the quote, or a speech verb: "On 28 September, X
   wrote: «…»", "وكتب … في 28 أيلول: «…»", "Le 28 septembre, X écrivait : « … »") was said or written on
   that date: its relative expressions count from it. An analyst item of 15 October quoting a 28 September
   article's "the week before last" means 11–17 September, not 28 September–4 October.
3. **Dated citation paragraph.** A paragraph that ends with a colon and carries such a date ("Libya Observer,
   28 September 2023:") anchors the paragraph after it (a block quotation without quotation marks).

Everything else counts from the page's own date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from .find import find_times
from .fold import fold
from .grammar import alternation
from .lexicon import bundled

BYLINE_BEFORE = timedelta(days=14)
BYLINE_AFTER = timedelta(days=1)
_BYLINE_LINE = 200            # a byline is a short paragraph of its own
_INTRO_REACH = 300            # how far back from a quotation its introduction is looked for
_QUOTE_REACH = 4000           # a quotation longer than this is not taken as one
_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"', "‹": "›", "»": "«"}
_OPENERS = re.compile("[«“„\"‹]")
_SENTENCE_END = re.compile(r"[.!?؟](?=\s)|\n")
_CLOCK = re.compile(r"^\s*(?:à|a|at|в|saat|،)?\s*[0-9]{1,2}[:h][0-9]{2}")
_COLON_BEFORE = re.compile(r":\s*\Z")
_WRITTEN_YEAR = frozenset(("iso", "numeric", "dmy", "mdy"))
_ALONE = 40                   # a date alone on its line, with a weekday at most
_CLOCK_ANY = re.compile(r"[0-9]{1,2}[:h][0-9]{2}")
_YEARISH = re.compile(r"(?:1[89]|2[01])[0-9]{2}|[٠-٩]{4}")


@dataclass(frozen=True, slots=True)
class Section:
    """Text [start, end) whose relative dates count from `anchor`; `why` says what dated it."""

    start: int
    end: int
    anchor: date
    why: str


@lru_cache(maxsize=None)
def _cues(lang: str, key: str) -> re.Pattern[str] | None:
    lex = bundled(lang)
    words = lex.wordlist(key) if lex else ()
    return re.compile(r"(?<!\w)" + alternation(words) + r"(?!\w)") if words else None


def _one_day(h) -> bool:
    return h.precision == "day" and h.begin is not None and h.end_dt is not None and (h.end_dt - h.begin).days == 1


def _day_hits(text: str, lang: str, anchor: date | None, folded=None):
    return [h for h in find_times(text, lang, anchor, folded=folded) if _one_day(h)]


def byline_anchor(text: str, lang: str, published: date | None, folded=None) -> tuple[date, str] | None:
    """The date a reposted text was first published, from a byline line of its own (rule 1). `folded`: the
    text's fold, if at hand."""
    if published is None:
        return None
    folded = folded if folded is not None else fold(text)
    cues = _cues(lang, "byline_cues")
    found: list[date] = []
    start = 0
    for paragraph in text.split("\n"):
        line_start, start = start, start + len(paragraph) + 1
        if len(paragraph) > _BYLINE_LINE or not _YEARISH.search(paragraph):
            continue                     # a byline is short and writes its year
        piece = folded.slice(line_start, line_start + len(paragraph))
        cued = cues is not None and cues.search(piece.text) is not None
        if not (cued or len(paragraph) <= _ALONE or _CLOCK_ANY.search(paragraph)):
            continue                     # cheap checks first: most paragraphs with a year are not bylines
        for h in _day_hits(paragraph, lang, published, piece):
            if h.rule not in _WRITTEN_YEAR:
                continue
            after = paragraph[h.end:h.end + 12]
            alone = not paragraph[:h.start].strip(" *–—-|") and not paragraph[h.end:].strip(" *–—-|\\.")
            if not (alone or cued or _CLOCK.match(after)):
                continue
            day = h.begin.date()
            if published - BYLINE_BEFORE <= day <= published + BYLINE_AFTER:
                found.append(day)
    if not found:
        return None
    first = min(found)
    return (first, f"the byline's date {first.isoformat()}") if first != published else None


def quotations(text: str) -> list[tuple[int, int]]:
    """Every quotation's inside [start, end), dated or not, in text order."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (m := _OPENERS.search(text, pos)) is not None:
        close = text.find(_PAIRS[m.group()], m.end(), m.end() + _QUOTE_REACH)
        if close < 0:
            pos = m.end()
            continue
        out.append((m.end(), close))
        pos = close + 1
    return out


def quoted_sections(text: str, lang: str, anchor: date | None, hits=None,
                    quoted: list[tuple[int, int]] | None = None, folded=None) -> list[Section]:
    """Quotations and block quotations with a dated attribution (rules 2 and 3), in text order. `hits` (the
    text dated at `anchor`) and `quoted` (its quotations) save working them out again."""
    if anchor is None:
        return []
    speech = _cues(lang, "speech_cues")
    day_hits = None if hits is None else [h for h in hits if _one_day(h)]
    folded = folded if folded is not None else fold(text)
    sections: list[Section] = []
    for start, close in quoted if quoted is not None else quotations(text):
        dated = _attribution(text, folded, start - 1, lang, anchor, speech, day_hits)
        if dated is not None:
            sections.append(Section(start, close, *dated))
    sections.extend(_block_quotes(text, folded, lang, anchor, speech, day_hits))
    sections.sort(key=lambda s: s.start)
    kept: list[Section] = []
    for s in sections:                   # the outermost section wins where two overlap
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def _intro(text: str, opener: int) -> tuple[int, str]:
    """The introduction of a quotation: back to the sentence's start, or the previous paragraph when the
    quotation opens a paragraph after one that ends with a colon."""
    line_start = text.rfind("\n", 0, opener) + 1
    if not text[line_start:opener].strip():
        before = text[:line_start].rstrip()
        if before.endswith(":"):
            start = before.rfind("\n") + 1
            return start, before[start:]
        return opener, ""
    lo = max(line_start, opener - _INTRO_REACH)
    ends = list(_SENTENCE_END.finditer(text, lo, opener))
    start = ends[-1].end() if ends else lo
    return start, text[start:opener]


def _attribution(text: str, folded, opener: int, lang: str, anchor: date, speech: re.Pattern[str] | None,
                 day_hits=None) -> tuple[date, str] | None:
    """The date a quotation was said or written, if its introduction is a dated attribution."""
    start, intro = _intro(text, opener)
    if not intro.strip():
        return None
    said = _COLON_BEFORE.search(intro) or (
        speech is not None and speech.search(folded.slice(start, start + len(intro)).text))
    if not said:
        return None
    if day_hits is None:
        hits = _day_hits(intro, lang, anchor)
    else:
        hits = [h for h in day_hits if start <= h.start and h.end <= start + len(intro)]
    if not hits:
        return None
    day = hits[-1].begin.date()
    if day > anchor or day == anchor:
        return None                      # said today, or a date that is not when it was said
    return day, f"said or written on {day.isoformat()} ({hits[-1].text})"


def _block_quotes(text: str, folded, lang: str, anchor: date, speech: re.Pattern[str] | None,
                  day_hits=None) -> list[Section]:
    """A paragraph ending with a colon and a dated attribution anchors the next paragraph (rule 3)."""
    out: list[Section] = []
    for m in re.finditer(r":[ \t]*\n+", text):
        nxt = m.end()
        if nxt >= len(text) or text[nxt] in _PAIRS:
            continue                     # a quotation with marks is rule 2's
        end = text.find("\n", nxt)
        end = len(text) if end < 0 else end
        dated = _attribution(text, folded, m.start() + 1, lang, anchor, speech, day_hits)
        if dated is not None:
            out.append(Section(nxt, end, *dated))
    return out
