"""What is embedded: the title, then the text in passages of whole sentences up to a word budget. News puts the
story first, so a cap on passages keeps the cost bounded for long pages and still covers the lead."""

from __future__ import annotations

from ..model import Document
from ..text.normalize import words

TITLE = (-1, -1)          # the span that stands for the title (it is not part of the text)


def passages(doc: Document, *, max_words: int = 40, max_passages: int = 10) -> list[tuple[tuple[int, int], str]]:
    """[((start, end), text)]: the title first (when there is one), then runs of sentences of at most
    `max_words` words (a longer sentence is a passage on its own); at most `max_passages` in all."""
    out: list[tuple[tuple[int, int], str]] = []
    title = " ".join((doc.title or "").split())
    if title:
        out.append((TITLE, title))
    spans = [(s.span.start, s.span.end) for s in doc.sentences] or _chunks(doc.text, max_words)
    start = end = None
    count = 0
    for s, e in spans:
        n = len(words(doc.text[s:e]))
        if n == 0:
            continue
        if start is not None and count + n > max_words:
            out.append(((start, end), _clean(doc.text[start:end])))
            start = None
        if start is None:
            start, count = s, 0
        end, count = e, count + n
        if len(out) >= max_passages:
            break
    if start is not None and len(out) < max_passages:
        out.append(((start, end), _clean(doc.text[start:end])))
    return [p for p in out[:max_passages] if p[1]]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _chunks(text: str, max_words: int) -> list[tuple[int, int]]:
    """Spans of about `max_words` words, for a document the segment stage has not cut into sentences."""
    spans: list[tuple[int, int]] = []
    start, n, i = None, 0, 0
    for i, ch in enumerate(text):
        if ch.isspace():
            if start is not None and n >= max_words:
                spans.append((start, i))
                start, n = None, 0
            continue
        if start is None:
            start = i
        if i == 0 or text[i - 1].isspace():
            n += 1
    if start is not None:
        spans.append((start, len(text)))
    return spans
