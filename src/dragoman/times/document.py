"""`date_document`: every time expression of a whole document, each anchored where it belongs.

`find_times` dates one piece of text against one anchor. A document needs more: its pieces may be in
different languages (the pipeline's sentences), a repost's byline or a dated quotation changes what "today"
means inside it (`sections`), a year written once carries to the dates after it in the paragraph
(`Narrative`), and a day that names an event the text is about ("15 Temmuz" in a column on the 2016 coup
attempt) is that event's day (`named_days`).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Iterable

from .context import Narrative
from .find import find_times
from .fold import Folded, fold
from .grammar import alternation
from .hit import UNCERTAIN, TimeHit
from .lexicon import bundled
from .sections import byline_anchor, quotations, quoted_sections

Segment = tuple[int, int, str]      # [start, end) of the document and its language


def date_document(text: str, lang: str, anchor: datetime | date | None = None,
                  segments: Iterable[Segment] | None = None) -> list[TimeHit]:
    """Time expressions in a whole document, in text order, with their anchor set on each hit.

    `segments` are the document's pieces with their language (the pipeline's sentences); by default the
    whole text is one piece in `lang`. Hits inside a dated quotation count from its date and say so in
    their note; with a repost's byline every other hit counts from the byline's date.
    """
    code = (lang or "").lower().split("-")[0].split("_")[0]
    page_day = anchor.date() if isinstance(anchor, datetime) else anchor
    tz = anchor.tzinfo if isinstance(anchor, datetime) else None
    folded = fold(text)
    byline = byline_anchor(text, code, page_day, folded)
    doc_day, doc_why = byline if byline else (page_day, None)
    named = named_days(folded, code)
    segments = list(segments or [(0, len(text), code)])
    quoted = quotations(text)
    # One pass at the document's date; the quotations' introductions are dated from it, and only the inside
    # of a dated quotation is dated again, at its own date.
    hits = _date_pieces(text, folded, segments, [], (doc_day, doc_why), named, quoted, tz)
    sections = quoted_sections(text, code, doc_day, hits, quoted, folded) if quoted or ":\n" in text else []
    if sections:
        inside = [(s.start, s.end) for s in sections]
        again = _date_pieces(text, folded, _pieces(segments, sections, inside), sections, (doc_day, doc_why),
                             named, quoted, tz)
        hits = sorted([h for h in hits if not any(a <= h.start < b for a, b in inside)] + again,
                      key=lambda h: h.start)
    return hits


def _date_pieces(text: str, folded: Folded, pieces: list[Segment], sections, doc: tuple, named: dict,
                 quoted: list[tuple[int, int]], tz) -> list[TimeHit]:
    """Date each piece against its section's date (else the document's), one narrative through them all."""
    doc_day, doc_why = doc
    narrative = Narrative()
    narrative.named = named
    hits: list[TimeHit] = []
    last_end = 0
    for seg_start, seg_end, seg_lang in pieces:
        if "\n" in text[last_end:seg_start]:
            narrative.set(None)
        narrative.pos = 0
        last_end = seg_end
        section = next((s for s in sections if s.start <= seg_start and seg_end <= s.end), None)
        day, why = (section.anchor, section.why) if section else (doc_day, doc_why)
        for h in find_times(text[seg_start:seg_end], seg_lang, _at(day, tz), narrative,
                            folded.slice(seg_start, seg_end)):
            note, confidence = h.note, h.confidence
            if why and h.begin is not None and _relative(h.rule):
                note = f"{note}; anchored on {why}" if note else f"anchored on {why}"
            elif section is None and h.rule == "dayword" and confidence <= 0.5 \
                    and any(q0 <= h.start + seg_start < q1 for q0, q1 in quoted):
                # «الجيش اليوم أحرز تقدما»: "today" said on a day the text does not give
                confidence, note = UNCERTAIN, "inside a quotation whose date is not known"
            hits.append(dataclasses.replace(h, start=h.start + seg_start, end=h.end + seg_start, note=note,
                                            confidence=confidence, anchor=_at(day, tz)))
        narrative.pos = 0
    return hits


def _relative(rule: str) -> bool:
    return rule not in ("iso", "numeric", "dmy", "mdy", "my", "ym", "range_m", "range_y", "season_year", "year")


def _at(day: date | None, tz) -> datetime | None:
    return None if day is None else datetime.combine(day, time(0), tzinfo=tz)


def _pieces(segments: Iterable[Segment], sections, within: list[tuple[int, int]]) -> list[Segment]:
    """The segments cut where a dated section begins or ends, so each piece has one anchor; only the pieces
    inside `within` are kept."""
    cuts = sorted({p for s in sections for p in (s.start, s.end)})
    out: list[Segment] = []
    for start, end, lang in segments:
        points = [start, *(c for c in cuts if start < c < end), end]
        out.extend((a, b, lang) for a, b in zip(points, points[1:])
                   if b > a and any(lo <= a and b <= hi for lo, hi in within))
    return out


def named_days(folded: Folded, lang: str) -> dict[tuple[int, int], tuple]:
    """The named days (`named_days` in the vocabulary) this text uses as the name of their event.

    "15 Temmuz" next to a word for the event ("darbe girişimi", "gecesi", "operasyonu"; "les attentats du 11
    septembre") anywhere in the text makes every "15 Temmuz" without a year the event's day, 15 July 2016,
    except beside a commemoration word ("anma töreni", "yıl dönümü", "anniversaire", "ذكرى") with no event
    word right after it: a commemoration happens on this year's day ("15 Temmuz anma töreni" is this year's,
    "15 Temmuz darbe girişiminin şehitleri anıldı" still names 2016). A text that never names the event that way keeps plain dates. A named range
    ("17-25 Aralık", the 2013 corruption probes) is never an ordinary date range and needs no event word.
    Returns {(month, day): (year, commemoration finder, event-word finder)}.
    """
    finders = _named_finders(lang)
    if finders is None:
        return {}
    phrases, finder, event, memorial = finders
    folded = folded.text
    active = {}
    for m in finder.finditer(folded):
        phrase = " ".join(m.group(1).split())
        month, day, year = phrases[phrase]
        if (month, day) in active:
            continue
        window = folded[max(0, m.start() - 30):m.end() + 40]
        if "-" in phrase or event.search(window):          # a range ("17-25 Aralık") is a name by itself
            active[(month, day)] = (year, memorial, event)
    return active


@lru_cache(maxsize=None)
def _named_finders(lang: str):
    """Per language, compiled once: each named day's finder, the event words, the commemoration words."""
    lex = bundled(lang)
    if lex is None or not lex.named_days or not lex.wordlist("event_words"):
        return None
    event = re.compile(r"(?<!\w)" + alternation(lex.wordlist("event_words")) + r"\w*")
    memorial = lex.wordlist("commemoration_words")
    phrases = lex.named_days
    finder = re.compile(r"(?<!\w)(" + alternation(phrases) + r")(?:'?\w*)")
    return phrases, finder, event, re.compile(r"(?<!\w)" + alternation(memorial)) if memorial else None
