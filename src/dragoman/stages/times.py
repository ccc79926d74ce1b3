"""Time expressions: dates and relative dates resolved to intervals against the publication date."""

from __future__ import annotations

from ..model import Document, Span, TimeExpression
from ..pipeline import stage
from ..settings import Settings
from .common import sentence_language

VERSION = "2"


@stage("times", version=VERSION, requires=("sentences",), assigns=("times",))
def build(settings: Settings):
    """Dates, ranges and relative dates ("last August") as intervals, anchored on the publication date, or on
    a repost's byline or a dated quotation's date inside them (`times.date_document`)."""
    from ..times import date_document

    def times(doc: Document) -> Document:
        segments = [(s.span.start, s.span.end, sentence_language(doc, s)) for s in doc.sentences]
        doc.times = [
            TimeExpression(span=Span(hit.start, hit.end), text=hit.text, value=hit.value or "",
                           confidence=hit.confidence, stage="times", version=VERSION, start=hit.begin,
                           end=hit.end_dt, precision=hit.precision, anchor=hit.anchor)
            for hit in date_document(doc.text, doc.language or "", doc.published, segments)]
        return doc

    return times
