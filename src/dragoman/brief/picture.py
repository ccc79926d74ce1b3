"""The brief's picture fetched: the licensed picture a page published (`image.py` finds it) is downloaded
through the polite fetcher (SSRF guard, robots.txt, per-host pacing, size cap), decoded to check it is really a
PNG, JPEG or WebP, archived as a WARC record with its SHA-256 like any capture, and copied beside the brief so
every format embeds the same bytes. When it cannot be fetched the brief keeps the caption and credit and says why.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .image import image_problem, with_file
from .model import Image

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
MAX_PICTURE_BYTES = 10_000_000       # a lead picture; the fetcher's own cap (fetch.max_bytes) applies too
ORIGIN = "brief picture"


def fetch_picture(ws, image: Image, *, fetcher=None) -> tuple[Image, str | None]:
    """(the picture as a local, archived copy, None), or (`image` unchanged, why it was not fetched).
    A picture already on disk, or one that is no http(s) address, is returned as it is."""
    from ..ingest.fetch import Fetcher, FetchError
    url = image.path_or_url
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return image, None
    own = fetcher is None
    fetcher = fetcher or Fetcher(ws.settings)
    try:
        response = fetcher.get(url, accept=set(IMAGE_TYPES))
    except FetchError as exc:
        return image, f"the picture {url} was not fetched ({exc.reason}); the brief shows its caption only"
    finally:
        if own:
            fetcher.close()
    data = response.body
    if len(data) > MAX_PICTURE_BYTES:
        return image, f"the picture {url} is larger than {MAX_PICTURE_BYTES // 1_000_000} MB; not embedded"
    problem = image_problem(data)
    if problem:
        return image, f"the picture {url} is {problem}; not embedded"
    capture = ws.archive.write(data, uri=response.url, content_type=response.content_type, origin=ORIGIN)
    folder = ws.root / "briefs" / "pictures"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"{capture.sha256[:20]}{IMAGE_TYPES[response.content_type]}"
    if not copy.exists():
        copy.write_bytes(data)
    picked = with_file(image, copy, source=image.source)
    picked.fetched_from, picked.sha256 = response.url, capture.sha256
    return picked, None
