"""A watchlist's hits as an Atom 1.0 feed (RFC 4287). Titles and texts come from the web: ElementTree escapes
them, and characters XML 1.0 cannot carry are dropped first, so the feed always parses."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..store.repo import now_iso

ATOM = "http://www.w3.org/2005/Atom"
FEED_DIR = "alerts"
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: Any) -> str:
    return _NOT_XML.sub("", str(text or ""))


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _stamp(value: str) -> str:
    """An RFC 3339 time; a stored time without an offset is read as UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).isoformat(timespec="seconds")


def feed_id(name: str) -> str:
    return f"tag:dragoman,2026:watchlist/{name}"


def atom_feed(watchlist: dict[str, Any], hits: list[dict[str, Any]]) -> bytes:
    """The feed of one watchlist: its newest hits (repeats of a story left out), newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    name = watchlist["name"]
    _sub(feed, "id", feed_id(name))
    _sub(feed, "title", f"Dragoman watchlist {name}")
    _sub(feed, "subtitle", f"{watchlist['kind']}: {watchlist['value']}")
    _sub(feed, "updated", hits[0]["matched_at"] if hits else (watchlist.get("created_at") or now_iso()))
    _sub(feed, "generator", "Dragoman")
    author = _sub(feed, "author")
    _sub(author, "name", "Dragoman")
    for hit in hits:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{feed_id(name)}/{hit['doc_id']}")
        original = hit.get("title") or hit["doc_id"]
        english = hit.get("title_english")
        _sub(entry, "title", f"{english} [{original}]" if english and english != original else original)
        _sub(entry, "updated", hit["matched_at"])
        if hit.get("published"):
            _sub(entry, "published", _stamp(hit["published"]))
        url = hit.get("url") or ""
        if url.startswith(("http://", "https://")):
            _sub(entry, "link", href=url, rel="alternate")
        facts = [hit["why"], f"language {hit.get('language') or '?'}", f"outlet {hit.get('outlet') or '?'}",
                 f"document {hit['doc_id']}"]
        if hit.get("score") is not None:
            facts.append(f"score {hit['score']}")
        _sub(entry, "summary", "; ".join(facts))
        _sub(entry, "category", term=watchlist["kind"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def feed_path(root: Path, name: str) -> Path:
    return Path(root) / FEED_DIR / f"{name}.atom"


def write_feed(root: Path, name: str, data: bytes) -> Path:
    """Write the feed file whole (a reader never sees half a feed)."""
    path = feed_path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".atom.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
