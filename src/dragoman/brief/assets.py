"""What a rendered brief may point at: its picture (a checked local file) and its links (http(s) only).
Shared by the Markdown/HTML/PDF renderer and the Word writer, so neither imports the other."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from .model import Brief

# Pictures a browser and WeasyPrint show from a data: URI; SVG inside <img> runs no scripts.
WEB_IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
              ".webp": "image/webp", ".svg": "image/svg+xml"}
IMAGE_SUFFIXES = frozenset(WEB_IMAGES) | {".bmp", ".tif", ".tiff"}


def local_image(brief: Brief) -> Path | None:
    """The brief's picture as a local file that exists, else None (a remote picture is never fetched)."""
    if brief.image is None:
        return None
    ref = brief.image.path_or_url.strip()
    parts = urlsplit(ref)
    if parts.scheme == "file":
        ref = unquote(parts.path)
    elif len(parts.scheme) > 1:       # http:, data:… (one letter is a Windows drive)
        return None
    candidate = Path(ref).expanduser()
    if candidate.suffix.lower() not in IMAGE_SUFFIXES or not candidate.is_file():
        return None
    from .image import image_problem
    if image_problem(candidate.read_bytes()) is not None:     # only PNG, JPEG, WebP that decode, size-capped
        return None
    return candidate.resolve()


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL fit for a link, else None (no javascript:, data:…)."""
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 32 or c.isspace() for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
