"""The timeline: stories in time order, shaped for reading (text lines) and for piping (JSON-ready dicts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..outlets import Registry
from . import dates
from .dates import Days
from .model import Report, Story
from .participants import Names
from .reports import documents, find_entity, involves, reports_from_documents, select
from .stories import build_stories

EXCERPT = 110           # characters of a source's sentence shown in the text timeline


def timeline(ws, *, entity: str | None = None, start: date | None = None, end: date | None = None) -> list[Story]:
    """The stories about `entity` (any spelling) dated within [start, end], in time order."""
    names = Names.for_connection(ws.store.con)
    reports = reports_from_documents(list(documents(ws)), Registry.load(ws.root), names)
    stories = build_stories(select(reports, names, entity=entity, start=start, end=end))
    if entity:
        wanted = find_entity(names, entity)
        stories = [s for s in stories if any(involves(r, wanted, entity) for r in s.reports)]
    return stories


def when(story: Story) -> str:
    """The story's date as the timeline shows it: "22 Aug 2023", "Aug 2023", "date unknown (reported 17 Sep
    2023)"."""
    return dates.short(Days.of(story.start, story.end, story.precision), story.reported)


def denied(story: Story) -> bool:
    """Every report of it says it did not happen ("the Kremlin has not announced any agreement")."""
    return bool(story.reports) and all(r.negated for r in story.reports)


def story_dict(story: Story) -> dict[str, Any]:
    """The story for `--json`: its date, who, where (with coordinates), credibility, conflicts and sources."""
    c = story.credibility
    return {
        "id": story.id, "date": when(story), "precision": story.precision,
        "start": story.start.isoformat() if story.start else None,
        "end": story.end.isoformat() if story.end else None,
        "reported": story.reported.isoformat() if story.reported else None,
        "type": story.type, "mode": story.mode, "denied": denied(story), "participants": story.participants,
        "place": {"name": story.place, "lat": story.lat, "lon": story.lon} if story.place else None,
        "credibility": {"grade": c.grade, "label": c.label, "independent": c.independent,
                        "reasoning": c.reasoning},
        "conflicts": [{"field": x.field, "values": x.values, "note": x.note} for x in story.conflicts],
        "sources": [report_dict(r) for r in story.reports],
        "claims": [report_dict(r) for r in story.claims],
    }


def report_dict(r: Report) -> dict[str, Any]:
    """One source's report for `--json`: the outlet, its own date and place, the span, original and English."""
    own = Days.of(r.when_start, r.when_end, r.precision)
    return {
        "doc_id": r.doc_id, "kind": r.kind, "type": r.type, "mode": r.mode, "negated": r.negated,
        "outlet": r.outlet, "outlet_id": r.outlet_id, "descriptor": r.descriptor, "grade": r.grade,
        "family": r.family, "duplicate_of": r.duplicate_of, "url": r.url, "title": r.title,
        "title_english": r.title_english, "published": r.published.isoformat() if r.published else None,
        "language": r.language, "date": dates.short(own) if own else None, "precision": r.precision,
        "ordinal": r.ordinal, "place": {"name": r.place, "lat": r.lat, "lon": r.lon} if r.place else None,
        "actors": r.actors, "targets": r.targets, "participants": r.participants, "span": [r.start, r.end],
        "text": r.text, "english": r.english, "translation": r.translation, "attributed_to": r.attributed_to,
        "certainty": r.certainty, "hedges": r.hedges, "confidence": r.confidence,
    }


def story_lines(story: Story) -> list[str]:
    """The text timeline's block for one story: heading, credibility, ⚠ conflicts, one line per source."""
    kind = f"{story.type} ({story.mode})" if story.mode else story.type
    where = f" · {story.place}" if story.place else ""
    heading = f"{when(story)} · {kind}{' — reported as not happening' if denied(story) else ''} · " \
              f"{', '.join(story.participants) or 'participants unknown'}{where}"
    c = story.credibility
    families = len(c.independent) if not denied(story) else len({r.counted_family for r in story.reports})
    basis = f"{families} independent outlet famil{'y' if families == 1 else 'ies'}"
    lines = [heading, f"  credibility {c.grade}: {c.label} ({'denied by ' if denied(story) else ''}{basis})"]
    lines += [f"  ⚠ {x.note}" for x in story.conflicts]
    seen: set[str] = set()
    for r in story.reports:
        if r.doc_id in seen:
            continue
        seen.add(r.doc_id)
        lines.append("  - " + _source_line(r))
    return lines


def _source_line(r: Report) -> str:
    own = Days.of(r.when_start, r.when_end, r.precision)
    published = r.published.date().isoformat() if r.published else "undated"
    says = f"gives {dates.short(own)}" if own else "gives no date"
    repeat = "" if not (r.duplicate_of and r.original_outlet) else \
        ", a copy of another of its documents" if r.original_outlet == r.outlet else f", repeats {r.original_outlet}"
    excerpt = (r.english if r.english and r.translation != "gloss" else r.text).strip()
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[:EXCERPT - 1].rstrip() + "…"
    return f"{r.outlet} ({r.descriptor}; {r.grade}{repeat}) {published}, {says}: “{excerpt}”"
