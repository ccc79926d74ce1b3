"""Ingest local files and folders (.html, .htm, .txt, .md) with analyst translation sidecars (.en.tsv)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import SuppliedTranslation
from .decode import canonical_url, decode_text, html_charset, refuse_binary
from .items import Item

CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".md": "text/markdown"}
SIDECAR = ".en.tsv"      # analyst translation: ORIGINAL<TAB>ENGLISH per line
SIDECAR_MAX_BYTES = 20_000_000
_KINDS = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]


def read_sidecar(path: Path) -> tuple[list[SuppliedTranslation], list[str]]:
    """Pairs from `<stem>.en.tsv`, and a note for each line that could not be used."""
    pairs, notes = [], []
    try:
        with open_regular(path) as fh:
            text = read_capped(fh, SIDECAR_MAX_BYTES, str(path)).decode("utf-8-sig")
    except InputError as exc:
        return [], [f"{path.name}: {exc.reason}; translation ignored"]
    except UnicodeDecodeError:
        return [], [f"{path.name}: not valid UTF-8; translation ignored"]
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        original, sep, english = line.partition("\t")
        if not sep or not original.strip() or not english.strip() or "\t" in english:
            notes.append(f"{path.name} line {number}: expected ORIGINAL<TAB>ENGLISH; line ignored")
            continue
        pairs.append(SuppliedTranslation(original.strip(), english.strip()))
    return pairs, notes


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR)


def _title_from_text(text: str, markdown: bool) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return re.sub(r"^#+\s*", "", line) if markdown else line[:200]
    return None


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading. A FIFO would block forever and a device (/dev/zero linked as .html)
    never ends, so anything but a regular file is refused, judged on the opened file itself (no race)."""
    item = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))   # a FIFO opens at once
    except FileNotFoundError:
        raise InputError(item, "no such file") from None
    except PermissionError:
        raise InputError(item, "permission denied") from None
    except (OSError, ValueError) as exc:          # ValueError: a path with a NUL byte
        raise InputError(item, f"cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((label for test, label in _KINDS if test(mode)), "not a regular file")
        raise InputError(item, f"{kind}, not a regular file; refused")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_capped(fh: BinaryIO, max_bytes: int, item: str) -> bytes:
    """At most `max_bytes` from `fh`; more is refused. Counted while reading: st_size can lie (/proc, growing
    files) and a decompressing stream has no size; when it already says too much, nothing is read."""
    size = os.fstat(fh.fileno()).st_size
    if size > max_bytes:
        raise InputError(item, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, "
                               "setting ingest.max_bytes)")
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(item, f"too large (over {max_bytes / 1e6:.1f} MB, setting ingest.max_bytes)")
    return data


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refusing missing, unreadable, non-regular, oversized and empty files with a named reason."""
    item = str(path)
    with open_regular(path) as fh:
        try:
            data = read_capped(fh, max_bytes, item)
        except OSError as exc:
            raise InputError(item, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(item, "empty file")
    return data


def read_page(path: Path, max_bytes: int) -> tuple[Item, list[str]]:
    """A page or text file with the analyst translation beside it (`<stem>.en.tsv`), and a note for every
    sidecar line that could not be used."""
    item = read_file(path, max_bytes)
    sidecar = sidecar_for(path)
    notes: list[str] = []
    if sidecar.exists():
        item.supplied_translations, notes = read_sidecar(sidecar)
    return item, notes


def read_file(path: Path, max_bytes: int) -> Item:
    """Validate and read one page or text file into an Item."""
    item = str(path)
    data = read_bytes(path, max_bytes)
    refuse_binary(item, data)
    content_type = CONTENT_TYPES[path.suffix.lower()]
    meta = {"file": path.name}
    if content_type == "text/html":
        charset = html_charset(item, data)
        url = canonical_url(data.decode(charset, errors="replace"))
        return Item(raw=data, content_type=content_type, origin=item, url=url, charset=charset, meta=meta)
    text, charset = decode_text(item, data)
    if not text.strip():
        raise InputError(item, "empty file")
    return Item(raw=data, content_type=content_type, origin=item, charset=charset, text=text, meta=meta,
                title=_title_from_text(text, content_type == "text/markdown"))
