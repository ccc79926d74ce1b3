"""An excerpt id back to its archived original: the text at its span, re-read and re-hashed from the WARC."""

from __future__ import annotations

from typing import Any


def cite(ws, excerpt_id: str) -> dict[str, Any]:
    """The excerpt's original, its document and outlet, and whether the capture re-hashes to its SHA-256
    (`problem` says why not). Raises NotFound for an id that names nothing."""
    from ..archive import ArchiveError
    from ..brief.excerpts import excerpt_from_id, pieces_of
    from ..outlets import Registry
    doc, excerpt = excerpt_from_id(ws, excerpt_id)
    verified, problem = False, None
    if doc.capture is None:
        problem = "no archived capture (the document was stored without its bytes)"
    else:
        try:
            ws.archive.read(doc.capture)          # re-hashes the record against the stored SHA-256
            verified = True
        except ArchiveError as exc:
            problem = str(exc)
    _, outlet, descriptor, grade = Registry.load(ws.root).describe_document(doc)
    capture = doc.capture
    return {
        "excerpt": excerpt.id, "document": doc.id, "url": doc.url, "title": doc.title,
        "outlet": outlet,
        "descriptor": descriptor, "grade": grade,
        "published": doc.published.isoformat() if doc.published else None,
        "language": excerpt.language, "span": [excerpt.start, excerpt.end],
        "pieces": [[p.start, p.end] for p in pieces_of(excerpt.id)],
        "original": doc.text[excerpt.start:excerpt.end], "quoted": excerpt.original,
        "english": excerpt.english or None, "translation": excerpt.translation,
        "capture": None if capture is None else {
            "sha256": capture.sha256, "warc": capture.archive, "offset": capture.offset,
            "length": capture.length, "captured": capture.captured.isoformat(), "origin": capture.origin,
            "verified": verified},
        "problem": problem,
    }
