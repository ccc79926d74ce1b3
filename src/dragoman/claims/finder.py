"""find_claims: sentences that report rather than assert, with the chain outlet → relaying outlet → source."""

from __future__ import annotations

from dataclasses import dataclass

from .attribute import Attribution, attribute, inside, negated, own_spans
from .certainty import certainty
from .lexicon import Found, Lexicon, lexicon
from .model import ClaimHit, ClaimSentence
from .sources import Source, find_sources

UNIDENTIFIED = Source(0, 0, "unidentified source", "anonymous")
UNATTRIBUTED = Source(0, 0, "unattributed reports", "anonymous")
UNNAMED_OBSERVERS = Source(0, 0, "unnamed observers", "observers")
OWN_VIEW = Source(0, 0, "", "outlet")          # the outlet hedging its own statement: no one else in the chain
ANAPHOR_REACH = 4      # sentences back that "the same sources" / "هؤلاء" may point


@dataclass(slots=True)
class _Scan:
    text: str
    quotes: list[tuple[int, int]]     # inner spans of direct quotations
    cues: list[Found]
    hedges: list[Found]
    sources: list[Source]
    comps: list[Found]


def _quotes(text: str, lex: Lexicon, mentions: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int]]:
    """Quoted spans long enough to be speech; «Вагнер» and «العربي الجديد» are names, not quotes."""
    spans = []
    for m in lex.quote_re.finditer(text):
        name = m.lastgroup
        assert name is not None
        start, end = m.span(name)
        inner = text[start:end]
        if len(inner.split()) < lex.quote_min_words:
            continue
        if any(s <= start and end <= e for s, e, _, _ in mentions):
            continue
        spans.append(_strip_quote(text, start, end))
    return spans


def _complementizers(text: str, lex: Lexicon, quotes: list[tuple[int, int]]) -> list[Found]:
    """"that"/"أن"/"что", leaving out "so that", "بعد أن", "parce que" and those inside quotes."""
    out = []
    for c in lex.complementizers.find(text):
        before = text[:c.start].rstrip(" ,،").rsplit(None, 1)
        if before and before[-1].casefold() in lex.not_complementizer_after:
            continue
        if not inside(quotes, c.start, c.end):
            out.append(c)
    return out


def _strip_quote(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u00a0,.;:—–-":
        start += 1
    while end > start and text[end - 1] in " \u00a0,;:—–-":
        end -= 1
    return start, end


def _scan(sentence: ClaimSentence, lex: Lexicon, history: list[Source], outlet: str | None) -> _Scan | None:
    text = sentence.text
    cues = lex.cues.find(text)
    hedges = lex.hedges.find(text)
    quotes = _quotes(text, lex, sentence.mentions) if any(o in text for o, _ in lex.quotes) else []
    if not cues and not hedges and not quotes:
        return None                       # the common case: a plain statement by the outlet
    blocked = [span for c in cues for span in own_spans(c)]
    sources = find_sources(text, lex, sentence.mentions, history, outlet, blocked)
    negators = lex.negators.find(text) if cues else []
    cues = [c for c in cues
            if not inside(quotes, c.start, c.end)
            and not any(s.head and s.head[0] < e and b < s.head[1] for s in sources for b, e in own_spans(c))
            and not any(s.anaphor and s.start <= c.start and c.end <= s.end for s in sources)
            and not negated(c, negators, text)]
    comps = _complementizers(text, lex, quotes) if cues else []
    return _Scan(text, quotes, cues, hedges, sources, comps)


def _chain(outlet: str | None, relays: list[Source], source: Source | None) -> list[str]:
    chain = [outlet] if outlet else []
    for link in [*relays, source]:
        if link is None or link.self_ref or link.label in chain:
            continue
        chain.append(link.label)
    return chain


def _speaker(source: Source | None) -> str | None:
    return source.label if source is not None and source.type in ("named", "official") else None


class _Builder:
    """Turns a scanned sentence into hits; remembers the last source for "the same sources" and "he added"."""

    def __init__(self, lex: Lexicon, outlet: str | None) -> None:
        self.lex = lex
        self.outlet = outlet

    def hit(self, index: int, scan: _Scan, span: tuple[int, int], kind: str, source: Source,
            relays: list[Source], cues: list[str], *, quote: bool = False, own_view: bool = False) -> ClaimHit:
        hedges = scan.hedges
        source_type = source.type
        chain = ([self.outlet] if self.outlet else []) if own_view else _chain(self.outlet, relays, source)
        outer = {r.label for r in relays if not r.self_ref and r.label != self.outlet}
        return ClaimHit(
            sentence_index=index, start=span[0], end=span[1], text=scan.text[span[0]:span[1]], kind=kind,
            attributed_to=chain, source_type=source_type, speaker=None if own_view else _speaker(source),
            cues=cues, hedges=_unique(h.text for h in hedges), quote=quote,
            certainty=certainty(source_type, quote=quote, own_view=own_view,
                                hedge_weights=[h.entry.weight for h in hedges], relays=len(outer)))

    def sentence(self, index: int, scan: _Scan, previous: Source | None) -> list[ClaimHit]:
        attributions: list[Attribution] = []
        for cue in scan.cues:
            a = attribute(cue, scan.text, scan.sources, scan.comps, self.lex)
            if not _valid(a, scan) or any(_embedded(a, b) for b in attributions):
                continue
            if a.source is None and a.cue.entry.role == "verb" and previous is not None \
                    and _implicit_subject(scan.text, a, self.lex):
                a.source = previous          # "وأضاف أن …", "Also noted that …": the last speaker goes on
            attributions.append(a)
        _cut_at_others(attributions, scan.text)
        cue_words = _unique(a.cue.text for a in attributions)
        relays = _unique_sources([r for a in attributions for r in a.relays]
                                 + [a.source for a in attributions if a.source and a.source.type == "outlet"])
        hits: list[ClaimHit] = []
        used: set[int] = set()
        for start, end in scan.quotes:
            speaker, cue = self._quote_speaker(scan, start, end, attributions)
            if speaker is None:
                continue
            if cue is not None:
                used.add(id(cue))
            inner = [r for r in relays if r is not speaker]
            hits.append(self.hit(index, scan, (start, end), "quote", speaker, inner, cue_words, quote=True))
        principal = [a for a in attributions if id(a) not in used and not (a.source and a.source.type == "outlet")]
        if not principal and not hits:
            principal = [a for a in attributions if a.source is not None][-1:]
        seen: set[str] = set()
        named_any = any(a.source is not None for a in principal)
        for a in principal:
            if a.source is None and named_any:
                continue
            source = a.source or (UNNAMED_OBSERVERS if a.cue.entry.kind == "assessment" else UNIDENTIFIED)
            if source.label in seen:
                continue
            seen.add(source.label)
            # Observers who say something give their view; "according to UN experts" reports what they found.
            kind = "assessment" if a.cue.entry.kind == "assessment" \
                or (source.type == "observers" and a.cue.entry.role == "verb") else "reported"
            inner = [r for r in relays if r is not source]
            hits.append(self.hit(index, scan, a.content, kind, source, inner, cue_words))
        if not hits and not attributions:
            hits.extend(self._hedged(index, scan))
        return hits

    def _quote_speaker(self, scan: _Scan, start: int, end: int, attributions: list[Attribution],
                       ) -> tuple[Source | None, Attribution | None]:
        """Who is quoted: the source of the nearest reporting verb outside the quote, else the nearest person."""
        near = sorted((a for a in attributions if a.source is not None),
                      key=lambda a: min(abs(a.cue.start - end), abs(start - a.cue.end)))
        if near:
            return near[0].source, near[0]
        people = [s for s in scan.sources if s.person and not (start <= s.start and s.end <= end)]
        if people:
            return min(people, key=lambda s: min(abs(s.start - end), abs(start - s.end))), None
        return None, None

    def _hedged(self, index: int, scan: _Scan) -> list[ClaimHit]:
        """No reporting cue: an evidential hedge ("reportedly", "aurait") makes an unattributed report; an
        estimative one ("likely", "вероятно") makes the outlet's own assessment; weak ones ("may") make nothing."""
        alone = [h for h in scan.hedges if h.entry.alone]
        if not alone:
            return []
        whole = (0, len(scan.text.rstrip()))
        if any(h.entry.evidential for h in alone):
            return [self.hit(index, scan, whole, "reported", UNATTRIBUTED, [], [])]
        return [self.hit(index, scan, whole, "assessment", OWN_VIEW, [], [], own_view=True)]


def _valid(a: Attribution, scan: _Scan) -> bool:
    """A cue counts when it has a source, or (verbs) opens a "that" clause or closes the sentence."""
    if a.cue.entry.strict and a.comp is None:
        return False
    if a.source is not None:
        return True
    if a.cue.entry.role != "verb":
        return False
    return a.content != (0, len(scan.text)) or not scan.text[a.cue.end:].strip(" .!?؟»”\"")


def _lead(a: Attribution) -> int:
    return min(a.cue.start, a.source.start) if a.source is not None and a.source.end > 0 else a.cue.start


def _cut_at_others(attributions: list[Attribution], text: str) -> None:
    """Content stops where another attribution starts: "Peskov said the talks were useful, according to TASS"."""
    for a in attributions:
        start, end = a.content
        for other in attributions:
            lead = _lead(other)
            if other is not a and start < lead < end and (start, end) != (0, len(text)):
                end = lead
        if end != a.content[1]:
            while end > start and text[end - 1] in " ,،;:—–-":
                end -= 1
            a.content = (start, end)


def _embedded(a: Attribution, outer: Attribution) -> bool:
    """A cue inside another's content is part of what is reported ("… أن الطائرات نُقلت …")."""
    return outer.comp is not None and outer.content[0] <= a.cue.start < outer.content[1]


def _implicit_subject(text: str, a: Attribution, lex: Lexicon) -> bool:
    """Whether a verb has no subject of its own ("وأضاف أن", "Также отметил, что"), so the last speaker goes on."""
    if lex.subject == "first":
        return True                                  # Turkish drops subjects freely
    if lex.prefer == "after":
        stop = a.comp.start if a.comp else len(text)
        between = text[a.cue.end:stop].strip()
        return not between or between[0] in ",،"
    return len(text[:a.cue.start].split()) <= 1


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _unique_sources(sources: list[Source]) -> list[Source]:
    out: dict[str, Source] = {}
    for s in sorted(sources, key=lambda s: s.start):
        out.setdefault(s.label, s)
    return [s for s in out.values() if not s.self_ref]


def find_claims(sentences: list[ClaimSentence], lang: str, *, outlet: str | None = None) -> list[ClaimHit]:
    """Claims in a document's sentences (in order), for a language with a lexicon (en, ar, ru, tr, fr);
    other languages give no claims. `outlet` (the publishing outlet's name) heads every chain."""
    lex = lexicon(lang)
    if lex is None or not sentences:
        return []
    builder = _Builder(lex, outlet)
    hits: list[ClaimHit] = []
    history: list[tuple[int, Source]] = []   # (sentence, source) named lately: "the same sources", "he added"
    for index, sentence in enumerate(sentences):
        history = [(i, s) for i, s in history if index - i <= ANAPHOR_REACH]
        scan = _scan(sentence, lex, [s for _, s in history], outlet)
        if scan is None:
            continue
        last = history[-1][1] if history and history[-1][0] == index - 1 else None
        found = builder.sentence(index, scan, last)
        hits.extend(found)
        source = _last_source(found, scan) if found else None
        if source is not None:
            history.append((index, source))
    return hits


def _last_source(found: list[ClaimHit], scan: _Scan) -> Source | None:
    """The source a following "the same sources" / "he added" refers to: the innermost link of the last hit."""
    last = found[-1]
    label = last.attributed_to[-1] if last.attributed_to else None
    if label is None or last.source_type == "outlet" and len(last.attributed_to) <= 1 \
            or label in (UNIDENTIFIED.label, UNATTRIBUTED.label, UNNAMED_OBSERVERS.label):
        return None
    match = next((s for s in scan.sources if s.label == label), None)
    if match is not None:
        return Source(0, 0, match.label, match.type, person=match.person, noun=match.noun)
    return Source(0, 0, label, last.source_type)
