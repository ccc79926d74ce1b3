"""`dragoman extract`: run the pipeline over files without storing anything, and shape each result into the
extraction contract (one JSON object per input, spans relative to its `text`).

Models load once: the stages are built once (in-process, or once per worker process) and every file flows
through them. Files that cannot be read come back as named InputErrors, in input order, and the run goes on.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import InputError
from .ingest.files import CONTENT_TYPES, SIDECAR, read_page
from .ingest.items import to_document
from .model import Document
from .pipeline import plan, process, start_pool, worker_count
from .settings import Settings


def input_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named directly, and the .html/.htm/.txt/.md files inside folders (name order, no sidecars)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(str(raw), "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in CONTENT_TYPES and not child.name.endswith(SIDECAR) \
                        and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        elif path.suffix.lower() not in CONTENT_TYPES:
            yield InputError(str(raw), f"unsupported format {path.suffix or '(no extension)'!r} "
                                       "(extract reads .html .htm .txt .md)")
        else:
            yield path


def parse_published(value: str | None) -> datetime | None:
    """`--published YYYY-MM-DD` (or a full ISO timestamp) as an aware UTC datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), time())
        except ValueError:
            raise InputError("--published", f"{value!r} is not a date (expected YYYY-MM-DD)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _document(path: Path, settings: Settings, lang: str | None, published: datetime | None) -> Document:
    item, _notes = read_page(path, settings["ingest.max_bytes"])
    doc = to_document(item)
    doc.raw = item.raw
    doc.meta["path"] = str(path)
    if lang:
        doc.language = lang
        doc.meta["language_forced"] = lang
    if published:
        doc.published = published
    return doc


def extract_files(paths: Iterable[str | Path], settings: Settings, *, lang: str | None = None,
            published: datetime | None = None) -> Iterator[dict[str, Any] | InputError]:
    """The contract object for every readable input, or the InputError that names why it was skipped."""
    stages = plan(settings)
    found = list(input_files(paths))
    batch = settings["pipeline.batch_size"]
    files = sum(1 for entry in found if not isinstance(entry, InputError))
    workers = min(worker_count(settings), max(1, files // batch + 1))
    pool = start_pool(stages, settings, workers) if workers > 1 else None    # models load while files are read
    docs: list[Document] = []
    slots: list[InputError | int] = []
    try:
        for entry in found:
            if isinstance(entry, InputError):
                slots.append(entry)
                continue
            try:
                docs.append(_document(entry, settings, lang, published))
                slots.append(len(docs) - 1)
            except InputError as exc:
                slots.append(exc)
    except BaseException:
        if pool is not None:
            pool.close()
        raise
    workers = min(workers, max(1, len(docs) // batch + 1))
    results: dict[str, dict[str, Any]] = {}
    for outcomes in process(iter(docs), stages, settings, workers=workers, batch_size=batch, pool=pool):
        for outcome in outcomes:
            errors = [f"{stage}: {reason}" for stage, kind, reason, _ in outcome.events if kind == "error"]
            results[outcome.doc.id] = contract(outcome.doc) | ({"errors": errors} if errors else {})
    for slot in slots:
        yield slot if isinstance(slot, InputError) else results[docs[slot].id]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def contract(doc: Document) -> dict[str, Any]:
    """The extraction contract: what tools and tests rely on. Spans are offsets into `text`."""
    return {
        "path": doc.meta.get("path"),
        "title": doc.title,
        "text": doc.text,
        "language": doc.language,
        "published": doc.published.date().isoformat() if doc.published else None,
        "entities": [{"text": m.text, "canonical": m.value if m.entity_id else None, "type": m.label,
                      "entity_id": m.entity_id, "start": m.span.start, "end": m.span.end,
                      "confidence": round(m.confidence, 3)} for m in doc.mentions],
        "places": [{"text": p.text, "name": p.value if p.lat is not None else None, "lat": p.lat, "lon": p.lon,
                    "country": p.country, "feature": p.feature,
                    "precision": p.precision if p.lat is not None else None, "start": p.span.start,
                    "end": p.span.end, "confidence": round(p.confidence, 3)} for p in doc.places],
        "times": [{"text": t.text, "start": t.span.start, "end": t.span.end, "from": _iso(t.start),
                   "to": _iso(t.end), "precision": t.precision, "value": t.value, "anchor": _iso(t.anchor),
                   "confidence": round(t.confidence, 3)} for t in doc.times],
        "events": [{"type": e.value, "mode": e.mode, "text": e.text, "start": e.span.start, "end": e.span.end,
                    "actors": e.actors, "targets": e.targets, "place": e.place, "from": _iso(e.start),
                    "to": _iso(e.end), "confidence": round(e.confidence, 3)} for e in doc.events],
        "claims": [{"text": c.text, "start": c.span.start, "end": c.span.end, "kind": c.value,
                    "attributed_to": c.attributed_to, "cues": c.cues, "certainty": round(c.certainty, 3)}
                   for c in doc.claims],
    }
