"""OPML lists of feeds: import with folders and per-feed language/outlet, and export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from ..errors import InputError
from ..store.feeds import Feed


def feed_url_problem(url: str) -> str | None:
    """Why `url` cannot be a feed address (None when it can): only one-line http(s) URLs with a host are polled;
    `javascript:`, `file:` and multi-line values are refused."""
    if any(ch in url for ch in "\r\n\t") or not url.isprintable():
        return "a feed address must be one line without control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:                          # e.g. an unclosed IPv6 bracket
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return f"a feed address must be an http(s) URL, not {(parts.scheme or 'a bare path') + ':'!r}"
    return None


def read_opml(raw: bytes, origin: str, refused: list[tuple[str, str]] | None = None) -> list[Feed]:
    """Every outline with a usable xmlUrl, its folder being the path of enclosing outlines; outlines whose
    address is not a one-line http(s) URL are left out and, with `refused`, listed there as (url, reason)."""
    try:
        root = ET.fromstring(raw)
    except (ET.ParseError, LookupError, ValueError) as exc:    # LookupError: an unknown encoding declared
        raise InputError(origin, f"not valid OPML/XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise InputError(origin, f"not OPML (root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise InputError(origin, "OPML has no <body>")
    feeds: list[Feed] = []
    # Depth first in document order, with a stack rather than recursion: folders may nest thousands deep.
    stack: list[tuple[Iterator[ET.Element], list[str], str | None]] = [(iter(body.findall("outline")), [], None)]
    while stack:
        outlines, folders, language = stack[-1]
        outline = next(outlines, None)
        if outline is None:
            stack.pop()
            continue
        label = outline.get("title") or outline.get("text") or ""
        lang = outline.get("language") or language
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            stack.append((iter(outline.findall("outline")), [*folders, outline.get("text") or label], lang))
        elif problem := feed_url_problem(url):
            if refused is not None:
                refused.append((url, problem))
        else:
            feeds.append(Feed(url=url, title=label or None, folder="/".join(folders) or None,
                              language=lang, outlet=outline.get("outlet") or outline.get("text") or None,
                              html_url=outline.get("htmlUrl") or None))
    return feeds


def write_opml(feeds: Iterable[Feed], title: str = "Dragoman feeds") -> bytes:
    """OPML 2.0 with one folder outline per feed folder; language and outlet kept as attributes."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        path = ""
        for part in (feed.folder or "").split("/"):
            if not part:
                continue
            path = f"{path}/{part}"
            if path not in folders:
                folders[path] = ET.SubElement(parent, "outline", text=part, title=part)
            parent = folders[path]
        attrs = {"type": "rss", "text": feed.outlet or feed.title or feed.url, "xmlUrl": feed.url}
        for key, value in (("title", feed.title), ("htmlUrl", feed.html_url), ("language", feed.language),
                           ("outlet", feed.outlet)):
            if value:
                attrs[key] = value
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
