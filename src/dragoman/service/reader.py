"""The reader: one document's original beside its English, sentence by sentence, with what the stages found
marked in the original (each mark says its canonical form, the rule and how sure), how each English was made,
and what analysts noted on it."""

from __future__ import annotations

from typing import Any

from ..model import Document
from . import marks
from .audit import Actor
from .documents import sentence_view

PRECISION = {1: "exact site or town", 2: "near it, or part of a region", 3: "region or country (centre point)"}


def reader_view(ws, doc_id: str, actor: Actor) -> dict[str, Any]:
    """Everything the reader page shows about one document."""
    from ..brief.excerpts import excerpt_id
    from ..outlets import Registry
    from .triage import duplicates
    doc = ws.store.get_document(doc_id)
    notes = annotations(doc)
    sentences = []
    for n, s in enumerate(doc.sentences):
        view = {"gloss": None, "translated_span": None} | sentence_view(doc.text, s)
        view["provenance"] = dict.fromkeys(("engine", "model", "version", "created", "note")) | view["provenance"]
        view.update(number=n, excerpt=excerpt_id(doc, [s.span]), pieces=pieces(doc.text, s.span.start, s.span.end,
                                                                                  notes))
        sentences.append(view)
    found, outlet, descriptor, grade = Registry.load(ws.root).describe_document(doc)
    repeats = duplicates(ws) or {}          # a large workspace's are worked out in the background
    copies = [r for r, original in repeats.items() if original == doc.id]
    related = _titles(ws, ([repeats[doc.id]] if doc.id in repeats else []) + copies)
    con = ws.store.con
    return {
        "id": doc.id, "title": doc.title, "title_english": doc.title_translation.text if doc.title_translation else None,
        "language": doc.language, "url": doc.url, "source": doc.source,
        "outlet": outlet, "outlet_id": found.id if found else None,
        "descriptor": descriptor, "grade": grade,
        "published": doc.published.isoformat() if doc.published else None,
        "capture": None if doc.capture is None else {
            "sha256": doc.capture.sha256, "warc": doc.capture.archive, "offset": doc.capture.offset,
            "length": doc.capture.length, "captured": doc.capture.captured.isoformat(), "origin": doc.capture.origin},
        "translation_summary": doc.meta.get("translation"),
        "sentences": sentences, "untranslated": not any(s.translation for s in doc.sentences),
        "text_only": not doc.sentences, "text": doc.text if not doc.sentences else "",
        "mentions": [_mention_row(doc, m) for m in doc.mentions],
        "places": [_place_row(doc, p) for p in doc.places],
        "times": [_time_row(doc, t) for t in doc.times],
        "events": [_event_row(doc, e) for e in doc.events],
        "claims": [_claim_row(doc, c) for c in doc.claims],
        "original": related.get(repeats.get(doc.id)) if doc.id in repeats else None,
        "copies": [related[c] for c in copies if c in related],
        "read": marks.is_read(con, doc.id, actor.name), "tags": marks.tags_of(con, doc.id),
        "notes": marks.notes_of(con, doc.id),
    }


# ------------------------------------------------------------------------------------------------ marks

def annotations(doc: Document) -> list[dict[str, Any]]:
    """Every span to mark in the original: (start, end, kind, what the mark says on hover, entity id)."""
    out: list[dict[str, Any]] = []
    for m in doc.mentions:
        out.append({"start": m.span.start, "end": m.span.end, "kind": f"name-{(m.label or 'misc').lower()}",
                    "title": _mention_title(m), "entity": m.entity_id})
    for p in doc.places:
        out.append({"start": p.span.start, "end": p.span.end, "kind": "place", "title": _place_title(p)})
    for t in doc.times:
        out.append({"start": t.span.start, "end": t.span.end, "kind": "date", "title": _time_title(t)})
    for e in doc.events:
        at = _trigger_at(doc, e)
        if at is not None:
            out.append({"start": at[0], "end": at[1], "kind": "event", "title": _event_title(e)})
    for c in doc.claims:
        out.append({"start": c.span.start, "end": c.span.end, "kind": "claim", "title": _claim_title(c)})
    return out


def pieces(text: str, start: int, end: int, marks_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text between start and end cut at every mark's edge; each piece lists the marks covering it, so
    overlapping marks (a name inside a claim) both show."""
    inside = [m for m in marks_ if m["start"] < end and m["end"] > start and m["end"] > m["start"]]
    cuts = sorted({start, end, *(max(start, m["start"]) for m in inside), *(min(end, m["end"]) for m in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        over = [m for m in inside if m["start"] <= a and m["end"] >= b]
        over.sort(key=lambda m: m["end"] - m["start"], reverse=True)        # outermost first
        out.append({"text": text[a:b], "kinds": [m["kind"] for m in over],
                    "title": "\n".join(dict.fromkeys(m["title"] for m in reversed(over))),
                    "entity": next((m.get("entity") for m in reversed(over) if m.get("entity")), None)})
    return out


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _mention_title(m) -> str:
    parts = [f"{m.text} → {m.value}" if m.value and m.value != m.text else m.text,
             f"{m.label}" + (f" ({m.kind})" if m.kind else "")]
    if m.rule:
        parts.append(f"rule {m.rule} {_score(m.score)}")
    parts.append(f"confidence {_score(m.confidence)}")
    line = " · ".join(parts)
    return f"{line}\n{m.evidence}" if m.evidence else line


def _place_title(p) -> str:
    where = ", ".join(x for x in (p.feature, p.country) if x)
    coords = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "not located"
    return (f"place: {p.text} → {p.value}" + (f" ({where})" if where else "") + f" · {coords} · "
            f"{PRECISION.get(p.precision, p.precision)} · confidence {_score(p.confidence)}")


def _time_title(t) -> str:
    return f"date: {t.text} → {t.value} ({t.precision}) · confidence {_score(t.confidence)}"


def _event_title(e) -> str:
    who = ", ".join(e.actors) or "?"
    whom = f" → {', '.join(e.targets)}" if e.targets else ""
    when = f" · {e.start.date().isoformat()} ({e.precision})" if e.start and e.precision else ""
    where = f" · at {e.place}" if e.place else ""
    status = "" if e.factual else f" · {e.status if e.status != 'happened' else 'roles not established'}"
    return f"event {e.value}" + (f" ({e.mode})" if e.mode else "") + f": {who}{whom}{where}{when}{status}" \
        f" · confidence {_score(e.confidence)}"


def _claim_title(c) -> str:
    chain = " ← ".join(c.attributed_to) or "unattributed"
    hedges = f" · hedged: {', '.join(c.hedges)}" if c.hedges else ""
    return f"claim ({c.value}{', quote' if c.quote else ''}) attributed to {chain} · certainty {_score(c.certainty)}" \
        f"{hedges} · confidence {_score(c.confidence)}"


def _trigger_at(doc: Document, e) -> tuple[int, int] | None:
    """Where the event's trigger word lies (inside its span), else None."""
    if not e.trigger:
        return None
    at = doc.text.find(e.trigger, e.span.start, e.span.end)
    return (at, at + len(e.trigger)) if at >= 0 else None


def _sentence_of(doc: Document, offset: int) -> int | None:
    for n, s in enumerate(doc.sentences):
        if s.span.start <= offset < s.span.end:
            return n
    return None


def _mention_row(doc, m) -> dict[str, Any]:
    return {"text": m.text, "value": m.value, "label": m.label, "kind": m.kind, "entity": m.entity_id,
            "rule": m.rule, "score": m.score, "confidence": m.confidence, "evidence": m.evidence,
            "sentence": _sentence_of(doc, m.span.start)}


def _place_row(doc, p) -> dict[str, Any]:
    return {"text": p.text, "value": p.value, "country": p.country, "feature": p.feature, "lat": p.lat,
            "lon": p.lon, "precision": PRECISION.get(p.precision, str(p.precision)), "confidence": p.confidence,
            "sentence": _sentence_of(doc, p.span.start)}


def _time_row(doc, t) -> dict[str, Any]:
    return {"text": t.text, "value": t.value, "precision": t.precision, "confidence": t.confidence,
            "sentence": _sentence_of(doc, t.span.start)}


def _event_row(doc, e) -> dict[str, Any]:
    return {"type": e.value, "mode": e.mode, "actors": e.actors, "targets": e.targets, "place": e.place,
            "date": e.start.date().isoformat() if e.start else None, "precision": e.precision,
            "status": e.status, "assigned": e.assigned, "trigger": e.trigger, "confidence": e.confidence,
            "sentence": _sentence_of(doc, e.span.start)}


def _claim_row(doc, c) -> dict[str, Any]:
    return {"text": c.text, "kind": c.value, "attributed_to": c.attributed_to, "source_type": c.source_type,
            "certainty": c.certainty, "hedges": c.hedges, "confidence": c.confidence,
            "sentence": _sentence_of(doc, c.span.start)}


def _titles(ws, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks_ = ",".join("?" * len(ids))
    return {r["id"]: dict(r) for r in ws.store.con.execute(
        f"SELECT id, title, language, coalesce(outlet, source) AS outlet, published FROM documents"
        f" WHERE id IN ({marks_})", ids)}
