"""Exports for other tools (STIX 2.1, FollowTheMoney, GeoJSON, KML, CSV): to a file for the CLI, or streamed in
chunks for the web API, so neither face ever holds a whole export in memory.

`stream` runs the export in a worker thread that writes into a small bounded queue: the HTTP response sends
chunks as they come, a slow client slows the export down instead of filling memory, and a client that goes away
stops it. The thread opens its own read-only connection (SQLite connections stay in their thread).
"""

from __future__ import annotations

import queue
import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..export import FORMATS, LAYERS, TABLES, Selection, export
from ..export.select import Rows

MEDIA_TYPES = {"stix": "application/stix+json;version=2.1", "ftm": "application/x-ndjson; charset=utf-8",
               "geojson": "application/geo+json", "kml": "application/vnd.google-earth.kml+xml",
               "csv": "text/csv; charset=utf-8"}
SUFFIXES = {"stix": "stix.json", "ftm": "ftm.json", "geojson": "geojson", "kml": "kml", "csv": "csv"}
CHUNK_CHARS = 64 * 1024
QUEUE_CHUNKS = 16             # at most ~1 MB of export waits for the client


def selection(*, query: str | None = None, entity: str | None = None, start=None, end=None,
              outlets: tuple[str, ...] = ()) -> Selection:
    return Selection(query=query, entity=entity, start=start, end=end, outlets=tuple(outlets))


def check(ws, fmt: str, sel: Selection, *, table: str = "events", layers: tuple[str, ...] = LAYERS) -> None:
    """Refuse a bad request before anything is sent: unknown format, table or layer, an entity nobody is, a query
    with no words (InputError / NotFound)."""
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise InputError(f"table {table!r}", f"use one of {', '.join(TABLES)}")
    if not layers or any(layer not in LAYERS for layer in layers):
        raise InputError(f"layers {','.join(layers) or '(none)'}", f"choose among {', '.join(LAYERS)}")
    from ..outlets import Registry
    Rows.resolve(ws, sel, Registry.load(ws.root))


def export_file(ws, fmt: str, path: Path | str, sel: Selection, **options: Any) -> dict[str, Any]:
    """Write the export to `path` ("-" for stdout); the summary of what was written and left out."""
    return export(ws, fmt, path, sel, **options).as_dict()


def filename(fmt: str, table: str = "events") -> str:
    return f"dragoman-{table}.csv" if fmt == "csv" else f"dragoman-export.{SUFFIXES[fmt]}"


def stream(open_workspace: Callable[[], AbstractContextManager], fmt: str, sel: Selection,
           **options: Any) -> Iterator[bytes]:
    """The export as UTF-8 chunks. `open_workspace()` gives a context manager yielding a workspace, entered in the
    worker thread."""
    chunks: queue.Queue = queue.Queue(maxsize=QUEUE_CHUNKS)
    stop = threading.Event()
    done = object()

    class _Sink:
        def __init__(self) -> None:
            self.parts: list[str] = []
            self.size = 0

        def write(self, text: str) -> int:
            self.parts.append(text)
            self.size += len(text)
            if self.size >= CHUNK_CHARS:
                self.flush()
            return len(text)

        def flush(self) -> None:
            if self.parts:
                _put("".join(self.parts).encode("utf-8"))
                self.parts, self.size = [], 0

    def _put(item: Any) -> None:
        while True:
            if stop.is_set():
                raise _Stopped()
            try:
                chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def work() -> None:
        sink = _Sink()
        try:
            with open_workspace() as ws:
                export(ws, fmt, sink, sel, **options)
            sink.flush()
            _put(done)
        except _Stopped:
            return
        except BaseException as exc:          # noqa: BLE001 - handed to the reading side, which re-raises it
            try:
                _put(exc)
            except _Stopped:
                return

    worker = threading.Thread(target=work, name="dragoman-export", daemon=True)
    worker.start()
    try:
        while True:
            item = chunks.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()                           # the client went away, or the export ended: the worker stops
        worker.join(timeout=5)


class _Stopped(Exception):
    """The reading side stopped listening."""
