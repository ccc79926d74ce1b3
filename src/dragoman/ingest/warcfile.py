"""Read WARC / WARC.gz (and ARC) files, ours or anyone's, into Items: HTTP responses and resource records.

Compressed archives are read under two caps, so a small file cannot inflate into gigabytes: each record's body
at most `ingest.max_bytes`, and the whole file at most `MAX_RATIO` times its size on disk (plus that limit).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError
from ..settings import BY_NAME
from .decode import decode_text, html_charset, parse_content_type
from .files import open_regular
from .items import Item, Notice

TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}
MAX_RATIO = 100              # inflated bytes per byte on disk; real web archives stay far below (~5-15)
_CHUNK = 1 << 16
# Compressed bytes warcio inflates at a time: deflate reaches ~1,000:1, so 4 KB can become 4 MB in one step
# (warcio's default 16 KB made 16 MB steps, whatever the caps below said).
_BLOCK = 4096


class _Bomb(Exception):
    pass


class _Collect(logging.Filter):
    def __init__(self, notes: list[str]) -> None:
        super().__init__()
        self.notes = notes

    def filter(self, record: logging.LogRecord) -> bool:
        self.notes.append(record.getMessage())
        return False


@contextlib.contextmanager
def _quiet(notes: list[str]):
    """What warcio prints or logs about damaged input (spaces in a target URI, a record not followed by a
    newline) goes to `notes`, for one notice, instead of the analyst's terminal."""
    log = logging.getLogger("warcio.recordloader")
    printed, collect = io.StringIO(), _Collect(notes)
    log.addFilter(collect)
    try:
        with contextlib.redirect_stderr(printed):
            yield
    finally:
        log.removeFilter(collect)
        notes.extend(" ".join(line.split()) for line in printed.getvalue().split("WARNING:") if line.strip())


def _quietly(iterator: ArchiveIterator, notes: list[str]) -> Iterator:
    records = iter(iterator)
    while True:
        with _quiet(notes):
            record = next(records, None)
        if record is None:
            return
        yield record


def _body(record, limit: int, budget: list[int]) -> bytes:
    """A record's body read in chunks, stopping at `limit` bytes or when the file's inflation budget is spent."""
    stream, parts, size = record.content_stream(), [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        budget[0] -= len(chunk)
        if size > limit:
            raise _Bomb(f"a record inflates past {limit / 1e6:.1f} MB (setting ingest.max_bytes)")
        if budget[0] < 0:
            raise _Bomb(f"the file inflates more than {MAX_RATIO}x its size")
        parts.append(chunk)
    return b"".join(parts)


def read_warc(path: Path, max_bytes: int = BY_NAME["ingest.max_bytes"].default) -> Iterator[Item | InputError | Notice]:
    """Text records as Items; a corrupt or oversized record ends the file with a named error (earlier records
    are kept); an archive without any record is reported."""
    skipped = records = 0
    notes: list[str] = []
    try:
        fh = open_regular(path)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        budget = [MAX_RATIO * os.fstat(fh.fileno()).st_size + max_bytes]
        iterator = ArchiveIterator(fh, arc2warc=True, block_size=_BLOCK)
        try:
            for record in _quietly(iterator, notes):
                records += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                if record.rec_type == "response" and record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    if not status.startswith("2"):
                        skipped += 1
                        continue
                    ctype, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
                else:
                    ctype, charset = parse_content_type(record.rec_headers.get_header("Content-Type"))
                if ctype not in TEXT_TYPES:
                    skipped += 1
                    continue
                body = _body(record, max_bytes, budget)
                url = record.rec_headers.get_header("WARC-Target-URI")
                with _quiet(notes):                     # only after reading: it consumes the record
                    origin = f"{path}@{iterator.get_record_offset()}"
                if not body.strip():
                    yield InputError(origin, "empty record")
                    continue
                if ctype in ("text/html", "application/xhtml+xml"):
                    ctype, charset = "text/html", html_charset(origin, body, declared=charset)
                    yield Item(raw=body, content_type=ctype, origin=origin, charset=charset,
                               url=url if url and url.startswith(("http://", "https://")) else None,
                               meta={"warc": path.name, "warc_date": record.rec_headers.get_header("WARC-Date") or ""})
                else:
                    try:
                        text, charset = decode_text(origin, body, label=charset)
                    except InputError as exc:
                        yield exc
                        continue
                    yield Item(raw=body, content_type=ctype, origin=origin, charset=charset, text=text,
                               url=url if url and url.startswith(("http://", "https://")) else None,
                               meta={"warc": path.name})
        except _Bomb as exc:
            yield InputError(f"{path}@{iterator.get_record_offset()}", f"{exc}; rest of the file skipped")
            return
        except Exception as exc:  # noqa: BLE001
            # On damaged input warcio raises whatever its parser trips on (ArchiveLoadFailed, zlib's OSError,
            # EOFError, AttributeError, TypeError…); it cannot resync after a broken record, so the rest is
            # skipped and the reason named. Our own code inside the loop raises nothing.
            where = fh.tell()
            yield InputError(f"{path}@{where}", f"corrupt WARC record near byte {where} "
                                                f"({type(exc).__name__}: {exc}); rest of the file skipped")
            records = records or 1          # named above: not also "no records"
    if notes:
        yield Notice(str(path), f"{len(notes)} warcio warning(s) on damaged records, e.g. {notes[0][:200]}")
    if not records:
        yield InputError(str(path), "no WARC or ARC records (an empty or truncated archive)")
    elif skipped:
        yield Notice(str(path), f"{skipped} non-text or non-2xx records skipped")
