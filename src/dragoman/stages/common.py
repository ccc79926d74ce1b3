"""Small helpers the annotation stages share: a sentence's language and the annotations inside it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TypeVar

from ..model import Annotation, Document, Sentence

A = TypeVar("A", bound=Annotation)


def sentence_language(doc: Document, sentence: Sentence) -> str:
    """The sentence's own language, else the document's (a forced `--lang` wins over both)."""
    return doc.meta.get("language_forced") or sentence.language or doc.language or ""


def by_language(doc: Document) -> dict[str, list[Sentence]]:
    """The document's sentences grouped by language, in text order: models work one language at a time."""
    groups: dict[str, list[Sentence]] = {}
    for sentence in doc.sentences:
        groups.setdefault(sentence_language(doc, sentence), []).append(sentence)
    return groups


_SCAN_BELOW = 64          # shorter lists are scanned; longer ones get an index (see `_Index`)


class _Index:
    """Annotations ordered by start, for a bisect per sentence: stages ask `inside` once per sentence, and a scan
    of every annotation each time made a 40,000-sentence page quadratic."""

    def __init__(self, annotations: list) -> None:
        self.source, self.size = annotations, len(annotations)
        self.ends = (annotations[0], annotations[-1])
        order = sorted(range(len(annotations)), key=lambda i: annotations[i].span.start)
        self.starts = [annotations[i].span.start for i in order]
        self.order = order

    def fits(self, annotations: list) -> bool:
        """Still the same list, unchanged as far as can be seen cheaply (stages build a list, then ask)."""
        return (annotations is self.source and len(annotations) == self.size
                and annotations[0] is self.ends[0] and annotations[-1] is self.ends[1])

    def inside(self, start: int, end: int) -> list:
        lo, hi = bisect_left(self.starts, start), bisect_right(self.starts, end)
        picked = sorted(i for i in self.order[lo:hi] if self.source[i].span.end <= end)
        return [self.source[i] for i in picked]


_recent: list[_Index] = []     # a stage asks about mentions, times and places in turn: keep a few


def inside(annotations: list[A], sentence: Sentence) -> list[A]:
    """The annotations (mentions, places, times…) lying wholly inside the sentence, in their order."""
    span = sentence.span
    if len(annotations) < _SCAN_BELOW:
        return [a for a in annotations if span.start <= a.span.start and a.span.end <= span.end]
    index = next((i for i in _recent if i.fits(annotations)), None)
    if index is None:
        index = _Index(annotations)
        _recent[:] = [index, *_recent[:3]]
    return index.inside(span.start, span.end)
