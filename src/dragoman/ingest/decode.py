"""Checks and decoding for raw bytes: refuse binary junk, find the charset, read page metadata."""

from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from ..errors import InputError

# File signatures of formats people drop into folders by mistake.
_MAGIC = [(b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
          (b"PK\x03\x04", "ZIP/Office document"), (b"\x1f\x8b", "gzip"), (b"\x7fELF", "executable"),
          (b"SQLite format 3", "SQLite database"), (b"\xd0\xcf\x11\xe0", "old Office document")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def refuse_binary(item: str, data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(item, f"binary content ({kind}), not text")
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return                                  # UTF-16 text legitimately contains NUL bytes
    if b"\x00" in head:
        raise InputError(item, "binary content (NUL bytes), not text")


def decode_text(item: str, data: bytes) -> tuple[str, str]:
    """Plain text and Markdown must be UTF-8 (a BOM may say UTF-16)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        raise InputError(item, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                               "save it as UTF-8") from None


def html_charset(item: str, data: bytes) -> str:
    """The charset a page declares (BOM, then <meta>), else UTF-8 if it decodes, else a detected one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(name)
            data.decode(name)
            return name
        except (LookupError, UnicodeDecodeError):
            pass            # a wrong or unknown label; real pages often lie, so detect instead
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise InputError(item, "cannot tell the page's character encoding")
    return best.encoding


_CANONICAL = [re.compile(p, re.I | re.S) for p in (
    r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']""",
    r"""<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']""",
    r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
    r"""<meta[^>]+content=["']([^"']+)["'][^>]*property=["']og:url["']""",
)]


def canonical_url(html: str) -> str | None:
    """The page's own statement of its address, if it makes one and it is an http(s) URL."""
    head = html[:20000]
    for pattern in _CANONICAL:
        match = pattern.search(head)
        if match and urlsplit(match.group(1).strip()).scheme in ("http", "https"):
            return match.group(1).strip()
    return None


def source_of(url: str | None) -> str:
    """The host a document came from, without `www.`; `local` for files with no address."""
    if not url:
        return "local"
    host = (urlsplit(url).hostname or "local").lower()
    return host[4:] if host.startswith("www.") else host
