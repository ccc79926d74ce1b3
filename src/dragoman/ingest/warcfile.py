"""Read WARC / WARC.gz files (ours or anyone's) into Items: HTTP responses and resource records."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError
from .decode import html_charset, parse_content_type
from .items import Item, Notice

TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}


def read_warc(path: Path) -> Iterator[Item | InputError | Notice]:
    """Text records as Items; a corrupt record ends the file with a named error (earlier records are kept)."""
    skipped = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
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
                body = record.content_stream().read()
                url = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}@{iterator.get_record_offset()}"    # only after reading: it consumes the record
                if not body.strip():
                    yield InputError(origin, "empty record")
                    continue
                if ctype in ("text/html", "application/xhtml+xml"):
                    ctype, charset = "text/html", html_charset(origin, body) if not charset else charset
                    yield Item(raw=body, content_type=ctype, origin=origin, charset=charset,
                               url=url if url and url.startswith(("http://", "https://")) else None,
                               meta={"warc": path.name, "warc_date": record.rec_headers.get_header("WARC-Date") or ""})
                else:
                    try:
                        text = body.decode(charset or "utf-8")
                    except (UnicodeDecodeError, LookupError):
                        yield InputError(origin, f"text record not decodable as {charset or 'utf-8'}")
                        continue
                    yield Item(raw=body, content_type=ctype, origin=origin, charset=charset or "utf-8", text=text,
                               url=url if url and url.startswith(("http://", "https://")) else None,
                               meta={"warc": path.name})
        except Exception as exc:  # noqa: BLE001
            # On damaged input warcio raises whatever its parser trips on (ArchiveLoadFailed, zlib's OSError,
            # EOFError, AttributeError, TypeError…); it cannot resync after a broken record, so the rest is
            # skipped and the reason named. Our own code inside the loop raises nothing.
            where = fh.tell()
            yield InputError(f"{path}@{where}", f"corrupt WARC record near byte {where} "
                                                f"({type(exc).__name__}: {exc}); rest of the file skipped")
    if skipped:
        yield Notice(str(path), f"{skipped} non-text or non-2xx records skipped")
