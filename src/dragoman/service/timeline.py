"""What happened, in time order: stories across outlets with credibility, conflicts and their sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import InputError


def timeline(ws, *, entity: str | None = None, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    from ..analysis.timeline import story_dict, timeline as build
    if start and end and end < start:
        raise InputError("period", f"it ends ({end}) before it starts ({start})")
    stories = [story_dict(s) for s in build(ws, entity=entity, start=start, end=end)]
    _number_sentences(ws, stories)
    return {"entity": entity, "from": start.isoformat() if start else None, "to": end.isoformat() if end else None,
            "count": len(stories), "stories": stories}


def _number_sentences(ws, stories: list[dict[str, Any]]) -> None:
    """Give every source its evidence sentences' numbers (as the reader numbers them: /documents/ID#sN)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for story in stories:
        for report in (*story["sources"], *story["claims"]):
            doc_id = report["doc_id"]
            if doc_id not in spans:
                doc = ws.store.get_document(doc_id)
                spans[doc_id] = [(s.span.start, s.span.end) for s in doc.sentences]
            start, end = report["span"]
            hits = [i for i, (a, b) in enumerate(spans[doc_id]) if a < end and start < b]
            report["sentences"] = hits or [i for i, (a, b) in enumerate(spans[doc_id]) if a <= start <= b][:1]


def parse_day(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what} {value!r}", "give a day as YYYY-MM-DD") from None
