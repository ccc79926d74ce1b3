"""OPML lists of feeds: import with folders and per-feed language/outlet, and export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import Iterable

from ..errors import InputError
from ..store.feeds import Feed


def read_opml(raw: bytes, origin: str) -> list[Feed]:
    """Every outline with an xmlUrl, its folder being the path of enclosing outlines."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(origin, f"not valid OPML/XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise InputError(origin, f"not OPML (root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise InputError(origin, "OPML has no <body>")
    feeds: list[Feed] = []

    def walk(node: ET.Element, folders: list[str], language: str | None) -> None:
        for outline in node.findall("outline"):
            label = outline.get("title") or outline.get("text") or ""
            lang = outline.get("language") or language
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            if url:
                feeds.append(Feed(url=url, title=label or None, folder="/".join(folders) or None,
                                  language=lang, outlet=outline.get("outlet") or outline.get("text") or None,
                                  html_url=outline.get("htmlUrl") or None))
            else:
                walk(outline, [*folders, outline.get("text") or label], lang)

    walk(body, [], None)
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
