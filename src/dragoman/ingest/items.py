"""The hand-over between collectors (files, feeds, Telegram, WARC, the fetcher) and the store.

Every collector turns what it reads into `Item`s: the raw bytes as captured plus whatever the source already
states. `store_item` archives the bytes, builds the Document (id from URL + SHA-256 of the bytes) and stores
it once; the same item seen again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import InputError
from ..model import Capture, Document, SuppliedTranslation, document_id, sha256_hex
from ..workspace import Workspace
from ..text.controls import strip_controls
from .decode import source_of


@dataclass
class Item:
    raw: bytes                      # exactly what was captured (a page, a feed entry, a Telegram message)
    content_type: str               # text/html, text/plain, text/markdown, application/json…
    origin: str                     # where it was read: a path, a URL, `export.json#123`
    url: str | None = None          # the item's public address, when it has one
    charset: str | None = None
    source: str | None = None       # host or channel; derived from `url` when left out
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    text: str | None = None         # when the source already gives clean text (Telegram, plain files)
    language: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    supplied_translations: list[SuppliedTranslation] = field(default_factory=list)


@dataclass
class Notice:
    """Something a collector wants the analyst to know that is not a failure (e.g. records it skipped)."""

    item: str
    message: str


@dataclass
class IngestReport:
    run_id: int = 0
    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)      # (item, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    feeds_added: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"run": self.run_id, "new": len(self.new), "unchanged": len(self.unchanged),
                "updated": len(self.updated), "feeds_added": self.feeds_added, "failed": [{"item": i, "reason": r} for i, r in self.failed],
                "warnings": [{"item": i, "reason": r} for i, r in self.warnings], "new_ids": self.new}


def to_document(item: Item, sha256: str | None = None) -> Document:
    """The pending Document an item becomes (without its capture); `sha256` is the hex digest of `item.raw` when
    the caller has it. Terminal escapes and control characters in what the source states (text, title, channel
    name) are dropped here, so they reach no output."""
    meta = {key: _clean(value) for key, value in item.meta.items()}
    if item.charset:
        meta.setdefault("charset", item.charset)
    return Document(id=document_id(item.url, sha256 or sha256_hex(item.raw)), source=_clean(item.source or source_of(item.url)),
                    outlet=_clean(item.outlet), url=item.url, title=_clean(item.title), published=item.published,
                    language=item.language, text=_clean(item.text) or "", content_type=item.content_type,
                    meta=meta, supplied_translations=list(item.supplied_translations))


def _clean(value: Any) -> Any:
    return strip_controls(value) if isinstance(value, str) else value


def store_item(ws: Workspace, item: Item, report: IngestReport) -> str:
    """Archive and store one item; returns new, unchanged or updated (new analyst translations)."""
    if not item.raw:
        raise InputError(item.origin, "empty item")
    digest = sha256_hex(item.raw)          # the document's id and the archive record's digest
    doc = to_document(item, digest)
    if ws.store.has_document(doc.id):
        stored = ws.store.get_document(doc.id)
        if item.supplied_translations and item.supplied_translations != stored.supplied_translations:
            ws.store.replace_supplied_translations(doc.id, item.supplied_translations)
            report.updated.append(doc.id)
            return "updated"
        report.unchanged.append(doc.id)
        return "unchanged"
    doc.capture = ws.archive.write(item.raw, uri=item.url or item.origin, content_type=item.content_type,
                                   origin=item.origin, charset=item.charset, sha256=digest)
    with ws.store.transaction():
        ws.store.add_document(doc)
    report.new.append(doc.id)
    return "new"


def archive_once(ws: Workspace, raw: bytes, *, uri: str, content_type: str, origin: str) -> Capture:
    """Archive bytes that are not a document themselves (a feed, an export), once per distinct content."""
    found = ws.store.find_capture(sha256_hex(raw))
    if found:
        return found
    capture = ws.archive.write(raw, uri=uri, content_type=content_type, origin=origin)
    with ws.store.transaction():
        ws.store.add_capture(capture)
    return capture


def record_failure(ws: Workspace, report: IngestReport, exc: InputError) -> None:
    """Failures are reported and stored with the run, never dropped."""
    report.failed.append((exc.item, exc.reason))
    ws.store.record_events(report.run_id, [(exc.item, "ingest", "error", exc.reason, None)])
