"""The name span every recogniser returns, and the two ways spans from several sources are combined."""

from __future__ import annotations

from typing import Iterable

import msgspec

LABELS = ("PER", "ORG", "LOC", "MISC")
# Characters trimmed off both ends of a span: a name never starts or ends with space or punctuation,
# (and a markdown line break's backslash), but keeps the closing » of ЧВК «Вагнер» when it also holds the opening «.
_EDGE = " \t\r\n\u00a0.,;:!?()[]{}\"'\u2018\u2019\u201c\u201d\u00ab\u00bb\u060c\u061b\u061f-\u2013\u2014/\\"
_PAIRS = {"\u00bb": "\u00ab", "\u201d": "\u201c", ")": "(", "\"": "\""}


class NameSpan(msgspec.Struct, frozen=True):
    """A name in a text: `text[start:end]`, its label (PER, ORG, LOC, MISC) and dictionary form.

    `source` names what found it: `spacy`, `natasha`, `rules:<rule>`, `places`, or `termbase:<concept>`
    (the term-base concept id, so a resolver can use it); joined with `+` when two sources agreed.
    """

    start: int
    end: int
    text: str
    label: str
    normal: str | None
    source: str
    confidence: float

    @property
    def concept(self) -> str | None:
        """The term-base concept this span matched, if any."""
        for part in self.source.split("+"):
            if part.startswith("termbase:"):
                return part.removeprefix("termbase:")
        return None


def make(text: str, start: int, end: int, label: str, source: str, confidence: float,
         normal: str | None = None) -> NameSpan | None:
    """A span over `text[start:end]` with space and stray punctuation trimmed; None when nothing is left."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        opener = _PAIRS.get(text[end - 1])
        if opener and opener in text[start:end - 1]:
            break
        end -= 1
    if start >= end:
        return None
    return NameSpan(start, end, text[start:end], label, normal, source, round(confidence, 3))


def _overlaps(a: NameSpan, b: NameSpan) -> bool:
    return a.start < b.end and b.start < a.end


def resolve(candidates: Iterable[NameSpan]) -> list[NameSpan]:
    """Non-overlapping spans sorted by start: the surest first, then the longest, then the leftmost."""
    ordered = sorted(candidates, key=lambda s: (-s.confidence, -(s.end - s.start), s.start))
    taken: list[NameSpan] = []
    for span in ordered:
        if not any(_overlaps(span, t) for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def supplement(model: list[NameSpan], extra: list[NameSpan]) -> list[NameSpan]:
    """A model's spans plus extra ones (known aliases, places) the model missed.

    An extra span that covers whole model spans replaces them (ЧВК + Вагнер -> ЧВК «Вагнер»); one with
    the same extent as a model span lends it its label and dictionary form, since our term base is
    curated for this domain; one inside or across a model span is dropped: the model saw more context.
    """
    out = list(model)
    for span in sorted(extra, key=lambda s: (-(s.end - s.start), s.start)):
        hit = [i for i, m in enumerate(out) if _overlaps(span, m)]
        if not hit:
            out.append(span)
            continue
        if len(hit) == 1 and (out[hit[0]].start, out[hit[0]].end) == (span.start, span.end):
            m = out[hit[0]]
            out[hit[0]] = msgspec.structs.replace(m, label=span.label, normal=span.normal or m.normal,
                                                  source=f"{m.source}+{span.source}",
                                                  confidence=max(m.confidence, span.confidence))
            continue
        if all(span.start <= out[i].start and out[i].end <= span.end for i in hit):
            sources = "+".join(dict.fromkeys(out[i].source for i in hit))
            keep = msgspec.structs.replace(span, source=f"{sources}+{span.source}")
            out = [m for i, m in enumerate(out) if i not in hit] + [keep]
    return sorted(out, key=lambda s: s.start)
