"""Exports that other tools read: STIX 2.1 (OpenCTI, MISP), FollowTheMoney (Aleph), GeoJSON (QGIS), KML (Google
Earth) and CSV (spreadsheets, ACLED-style event tables).

Every format streams: the selected documents are read from SQLite a batch at a time (`select.Rows`), turned into
the facts every format shares (`facts.FactBuilder`), and written record by record, so a 100,000-document
workspace exports in bounded memory. What a format must hold until the end is bounded by the workspace's
vocabulary, not its size: the ids of entities and places already written, per-place and per-entity counts for
the map layers and tables, and (STIX only, for selections up to `export.stories_max_documents`) the stories.

A record that fails (a document that cannot be read, an object the format refuses) is reported with its reason
and skipped; the export goes on. The file appears only when the export finished: it is written beside the target
and renamed into place.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from ..errors import InputError
from ..outlets import Registry
from .facts import DocFacts, FactBuilder
from .select import Rows, Selection
from .text import Cleaner

__all__ = ["FORMATS", "TABLES", "Selection", "Summary", "export"]

FORMATS = ("stix", "ftm", "geojson", "kml", "csv")
TABLES = ("events", "entities", "places", "excerpts")
LAYERS = ("event", "place", "facility")
MAX_REPORTED = 50         # skipped records listed one by one; past these only counted


@dataclass
class Summary:
    """What an export wrote and what it left out, and why."""

    format: str
    path: str
    selection: dict[str, Any]
    documents: int = 0
    records: dict[str, int] = field(default_factory=dict)     # what was written, by kind
    skipped: list[str] = field(default_factory=list)          # "item: reason", the first MAX_REPORTED
    skipped_count: int = 0
    warnings: list[str] = field(default_factory=list)
    bidi_removed: int = 0

    def count(self, kind: str, n: int = 1) -> None:
        self.records[kind] = self.records.get(kind, 0) + n

    def skip(self, item: str, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_REPORTED:
            self.skipped.append(f"{item}: {' '.join(str(reason).split())[:300]}")

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "selection": self.selection, "documents": self.documents,
                "records": self.records, "skipped": self.skipped_count, "skipped_items": self.skipped,
                "warnings": self.warnings, "bidi_removed": self.bidi_removed}


@dataclass
class Context:
    """One export run: the workspace, its selection, the fact builder and the summary being filled."""

    ws: Any
    rows: Rows
    builder: FactBuilder
    clean: Cleaner
    summary: Summary
    as_of: datetime            # the workspace's last change: the timestamp of objects shared across documents
    options: dict[str, Any]

    def facts(self) -> Iterator[DocFacts]:
        """The selected documents as facts; one that fails is reported and skipped."""
        for doc in self.rows:
            try:
                facts = self.builder.build(doc)
            except Exception as exc:        # noqa: BLE001 - any failure on one record is reported, never fatal
                self.summary.skip(f"document {doc.id}", f"{type(exc).__name__}: {exc}")
                continue
            self.summary.documents += 1
            yield facts

    def guarded(self, item: str, make: Callable[[], Any]) -> Any:
        """`make()`, or None with the failure reported as skipping `item`."""
        try:
            return make()
        except Exception as exc:            # noqa: BLE001 - one bad record is skipped with its reason
            self.summary.skip(item, f"{type(exc).__name__}: {exc}")
            return None


def export(ws, fmt: str, path: Path | str | TextIO, selection: Selection = Selection(), *, table: str = "events",
           bom: bool = False, layers: tuple[str, ...] = LAYERS) -> Summary:
    """Write the selected documents of workspace `ws` as `fmt` to `path` ("-" for stdout, or an open text stream
    that takes str, such as the web server's streaming response)."""
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r}", f"choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise InputError(f"table {table!r}", f"choose one of {', '.join(TABLES)}")
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown or not layers:
        raise InputError(f"layers {','.join(unknown) or '(none)'}", f"choose among {', '.join(LAYERS)}")
    registry = Registry.load(ws.root)
    rows = Rows.resolve(ws, selection, registry)
    clean = Cleaner()
    summary = Summary(fmt, str(path) if isinstance(path, (str, Path)) else "(stream)", selection.describe())
    rows.on_error = summary.skip
    ctx = Context(ws, rows, FactBuilder(ws.store.con, registry, clean), clean, summary, _as_of(ws),
                  {"table": table, "bom": bom, "layers": tuple(layers)})
    if rows.unprocessed:
        summary.warnings.append(f"{rows.unprocessed} stored document(s) not processed yet (or failed) are left "
                                f"out; run `dragoman run` first to include them")
    writer = _writer(fmt)
    newline = "" if fmt == "csv" else None      # the csv module writes its own line ends
    encoding = "utf-8-sig" if bom else "utf-8"
    if hasattr(path, "write"):
        if bom:
            path.write("\ufeff")
        writer(ctx, path)
    else:
        with _output(path, encoding, newline) as out:
            writer(ctx, out)
    summary.bidi_removed = clean.bidi_removed
    if summary.documents == 0:
        summary.warnings.append("no document matched the selection; the export is empty")
    return summary


def _writer(fmt: str) -> Callable[[Context, TextIO], None]:
    if fmt == "stix":
        from .stix import write
    elif fmt == "ftm":
        from .ftm import write
    elif fmt == "geojson":
        from .geojson import write
    elif fmt == "kml":
        from .kml import write
    else:
        from .tables import write
    return write


def _as_of(ws) -> datetime:
    """When the workspace's documents last changed: re-exporting an unchanged workspace gives identical files."""
    stamp = ws.store.con.execute("SELECT max(updated_at) FROM documents").fetchone()[0]
    when = datetime.fromisoformat(stamp) if stamp else datetime(2020, 1, 1, tzinfo=timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


class _output:
    """The target file, written under a temporary name beside it and renamed into place once complete; or
    stdout for "-"."""

    def __init__(self, path: Path | str, encoding: str, newline: str | None) -> None:
        self.path, self.encoding, self.newline = path, encoding, newline
        self.tmp: str | None = None
        self.handle: TextIO | None = None

    def __enter__(self) -> TextIO:
        if str(self.path) == "-":
            if hasattr(sys.stdout, "reconfigure"):              # a real stdout (a test runner's has none)
                sys.stdout.reconfigure(encoding=self.encoding, newline=self.newline)
            return sys.stdout
        target = Path(self.path)
        if target.is_dir():
            raise InputError(str(target), "is a folder; give a file name")
        if not target.parent.is_dir():
            raise InputError(str(target), f"no folder {target.parent} to write into")
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        self.handle = os.fdopen(fd, "w", encoding=self.encoding, newline=self.newline)
        return self.handle

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.handle is None:
            sys.stdout.flush()
            return
        self.handle.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)
