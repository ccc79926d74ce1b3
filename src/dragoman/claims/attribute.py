"""Tie each reporting cue in a sentence to its source (and any outlet relaying it), and cut out the reported
content: after "that"/"أن"/"что", after an opening "According to X,", or before a closing ", the sources said"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Found, Lexicon
from .sources import Source

_WINDOW = 150          # how far (characters) a verb's subject may sit from the verb
_OBJECT_WINDOW = 80    # how far the source of "according to" may run
_COMP_REACH = 60       # how far after the verb (or its subject) "that" may come and still open its content
_NEGATION_REACH = 12   # "did not say", "لم تكشف", "не сообщил"
_PREFERENCE = 10       # characters of head start the language's usual subject side gets
_COMMA_COST = 50
_MIN_WORDS = 3         # after a verb with no "that", shorter "content" is a name or a phrase, not what was said       # a comma between a verb and a candidate counts as this many characters
_CLAUSE_STOP = re.compile(r"[.;:!?؟\n]")
_COMMA = re.compile(r"[,،]")
_TRIM = " \t\n,،.;:!?؟…-–—"
_QUOTE_CHARS = "«»“”„\"‹›"
_COORDINATED = re.compile(r"\S+(?:\s+\S+)?\s+(?:and|or|и|или|et|ou|ve|veya)|", re.IGNORECASE)


@dataclass(slots=True)
class Attribution:
    """A reporting cue with who it attributes to and the content span it introduces."""

    cue: Found
    source: Source | None
    relays: list[Source]           # outlets passing it on: a cite cue's reporter, an outlet that was told
    content: tuple[int, int]
    comp: Found | None = None      # the "that" opening the content, when there is one


def own_spans(cue: Found) -> list[tuple[int, int]]:
    """The cue's own words: "quoted … as saying" without the source inside the gap."""
    return [(cue.start, cue.gap[0]), (cue.gap[1], cue.end)] if cue.gap else [(cue.start, cue.end)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _blocked(text: str, lo: int, hi: int, stops: list[tuple[int, int]], *, comma: bool = False) -> bool:
    """True when the stretch between a cue and a candidate crosses a clause end, a "that", or (for
    prepositional cues) a comma."""
    if hi - lo > _WINDOW or _CLAUSE_STOP.search(text, lo, hi) or any(lo <= s < hi for s, _ in stops):
        return True
    return comma and bool(_COMMA.search(text, lo, hi))


def negated(cue: Found, negators: list[Found], text: str) -> bool:
    """"did not say", "لم تكشف", "не сообщил": a negator at most one short word before the cue."""
    return any(0 <= cue.start - n.end <= _NEGATION_REACH and len(text[n.end:cue.start].split()) <= 1
               for n in negators)


def _nearest_before(text: str, pos: int, sources: list[Source], stops: list[tuple[int, int]],
                    *, comma: bool = False, first: bool = False, limit: int = _WINDOW) -> Source | None:
    ok = [s for s in sources if s.end <= pos and pos - s.end <= limit
          and not _blocked(text, s.end, pos, stops, comma=comma)]
    if not ok:
        return None
    return min(ok, key=lambda s: s.start) if first else max(ok, key=lambda s: s.end)


def _nearest_after(text: str, pos: int, sources: list[Source], stops: list[tuple[int, int]],
                   *, comma: bool = False, limit: int = _WINDOW) -> Source | None:
    ok = [s for s in sources if s.start >= pos and s.start - pos <= limit
          and not _blocked(text, pos, s.start, stops, comma=comma)]
    return min(ok, key=lambda s: s.start) if ok else None


def _in_gap(gap: tuple[int, int] | None, sources: list[Source]) -> Source | None:
    if gap is None:
        return None
    return next((s for s in sources if gap[0] <= s.start and s.end <= gap[1]), None)


def _distance(text: str, lo: int, hi: int) -> int:
    return hi - lo + _COMMA_COST * len(_COMMA.findall(text, lo, hi))


def _verb_source(cue: Found, text: str, sources: list[Source], stops: list[tuple[int, int]],
                 lex: Lexicon) -> tuple[Source | None, list[Source]]:
    """The subject of a reporting verb, and any outlet after it that was told (a recipient, not the speaker)."""
    relays: list[Source] = []
    after_pool = sources
    if cue.entry.recipient:
        told = [s for s in sources if s.start >= cue.end and s.type == "outlet"
                and not _blocked(text, cue.end, s.start, stops)]
        relays = [s for s in told if not s.self_ref]
        after_pool = [s for s in sources if s not in told]
    before = _nearest_before(text, cue.start, sources, stops, first=lex.subject == "first")
    after = _nearest_after(text, cue.end, after_pool, stops)
    if before is None or after is None:
        return before or after, relays
    if lex.subject == "first":
        return before, relays
    # The usual side wins unless its candidate sits past a comma and the other one is right by the verb:
    # "…, где провела переговоры с министром, сообщили в Минобороны".
    cost = {id(before): _distance(text, before.end, cue.start), id(after): _distance(text, cue.end, after.start)}
    cost[id(before if lex.prefer == "before" else after)] -= _PREFERENCE
    return min((before, after), key=lambda s: cost[id(s)]), relays


def _place(where: str, cue: Found, text: str, sources: list[Source], stops: list[tuple[int, int]],
           lex: Lexicon) -> Source | None:
    if where == "gap":
        return _in_gap(cue.gap, sources)
    if where == "after":
        return _nearest_after(text, cue.end, sources, stops, limit=_OBJECT_WINDOW)
    return _nearest_before(text, cue.start, sources, stops, first=lex.subject == "first")


def attribute(cue: Found, text: str, sources: list[Source], comps: list[Found], lex: Lexicon) -> Attribution:
    """Find the source for one cue and the content it introduces."""
    stops = [(c.start, c.end) for c in comps]
    role = cue.entry.role
    relays: list[Source] = []
    if role == "verb":
        source, relays = _verb_source(cue, text, sources, stops, lex)
    elif role == "prep":
        source = _nearest_after(text, cue.end, sources, stops, comma=True, limit=_OBJECT_WINDOW)
        if source is not None and source.type == "outlet":
            # "Как сообщил РИА Новости осведомленный источник": the outlet was told, the source follows.
            rest = [s for s in sources if s.start >= source.end and s.type != "outlet"]
            nxt = _nearest_after(text, source.end, rest, stops, comma=True, limit=20) if rest else None
            if nxt is not None:
                relays, source = ([source] if not source.self_ref else []), nxt
    elif role == "post":
        source = _nearest_before(text, cue.start, sources, stops, comma=True, limit=40)
    else:
        source = _place(cue.entry.source, cue, text, sources, stops, lex)
        reporter = _place(cue.entry.reporter, cue, text, sources, stops, lex)
        if reporter is not None and reporter is not source and not reporter.self_ref:
            relays = [reporter]             # whoever passes the source on: "نقلت صحيفة X عن مصادر"
    comp = _opening(text, cue, source, comps)
    return Attribution(cue, source, relays, content_span(text, cue, source, comp), comp)


def _trimmed(text: str, start: int, end: int, min_words: int = 2) -> tuple[int, int] | None:
    """The span without edge punctuation, or None when too little is left to be content (a name, a word)."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if len(text[start:end].split()) >= min_words else None


def _opening(text: str, cue: Found, source: Source | None, comps: list[Found]) -> Found | None:
    """The "that" a reporting word opens: "X said that …", "قال X إن …", "заявил, что …"."""
    anchor = max(cue.end, source.end) if source and source.start >= cue.end else cue.end
    return next((c for c in comps if c.start >= cue.end and c.start - anchor <= _COMP_REACH
                 and not _CLAUSE_STOP.search(text, anchor, c.start)), None)


def content_span(text: str, cue: Found, source: Source | None, comp: Found | None) -> tuple[int, int]:
    """The reported content, else the whole sentence."""
    whole = (0, len(text))
    lead = min(cue.start, source.start) if source else cue.start
    trail = max(cue.end, cue.gap[1] if cue.gap else 0, source.end if source else 0)
    if comp is not None:
        return _trimmed(text, comp.end, len(text)) or whole
    before, after = text[:lead].strip(_TRIM), text[trail:].strip(_TRIM + _QUOTE_CHARS)
    closing = not after or (len(after) <= 20 and " " not in after)     # "…, بحسب ما أعلنه المكتب لحفتر."
    # Turkish verb-final: "Kaynaklar, <content> bildirdi."
    if closing and source and source.end <= cue.start and len(text[:source.start].split()) <= 1:
        comma = _COMMA.search(text, source.end, min(cue.start, source.end + _OBJECT_WINDOW))
        if comma:
            return _trimmed(text, comma.end(), cue.start) or whole
    # "According to X, …", "بحسب المصادر ذاتها، …", "Kaynaklara göre …", "Sources said Haftar …"
    if len(before) <= 4:
        comma = _COMMA.search(text, trail)
        start = comma.end() if comma and not text[trail:comma.start()].strip(_TRIM + _QUOTE_CHARS) else trail
        return _trimmed(text, start, len(text)) or whole
    # "…, the sources said." / "… وفق التقديرات ذاتها."
    if closing:
        comma = list(_COMMA.finditer(text, 0, lead))[-1:]
        if comma and _COORDINATED.fullmatch(text[comma[0].end():lead].strip()):
            lead = comma[0].start()          # "…, residents and officials said."
        return _trimmed(text, 0, lead) or whole
    # "Kremlin spokesman Dmitry Peskov said the talks were useful", "заявил: …"
    if cue.entry.role == "verb" and (source is None or source.end <= cue.start
                                     or text[source.end:source.end + 2].strip().startswith(":")):
        return _trimmed(text, trail, len(text), _MIN_WORDS) or whole
    return whole
