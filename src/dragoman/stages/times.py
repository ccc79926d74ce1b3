"""Time expressions: dates and relative dates resolved to intervals against the publication date."""

from __future__ import annotations

from datetime import datetime

from ..model import Document, Span, TimeExpression
from ..pipeline import stage
from ..settings import Settings
from .common import sentence_language

VERSION = "1"


@stage("times", version=VERSION, requires=("sentences",), assigns=("times",))
def build(settings: Settings):
    """Dates, ranges and relative dates ("last August") as intervals anchored on the publication date."""
    from ..times import find_times

    def times(doc: Document) -> Document:
        anchor: datetime | None = doc.published
        found: list[TimeExpression] = []
        for sentence in doc.sentences:
            text = sentence.span.of(doc.text)
            for hit in find_times(text, sentence_language(doc, sentence), anchor):
                start = sentence.span.start + hit.start
                found.append(TimeExpression(
                    span=Span(start, sentence.span.start + hit.end), text=hit.text, value=hit.value or "",
                    confidence=hit.confidence, stage="times", version=VERSION, start=hit.begin, end=hit.end_dt,
                    precision=hit.precision, anchor=anchor))
        doc.times = found
        return doc

    return times
