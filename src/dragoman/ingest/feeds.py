"""RSS 0.9x/2.0, Atom and RDF feeds (feedparser) -> one Item per entry."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..errors import InputError
from .items import Item

ENTRY_TYPE = "application/vnd.dragoman.feed-entry+json"
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "application/feed+json"}


@dataclass
class ParsedFeed:
    title: str | None
    language: str | None
    link: str | None
    version: str
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _when(entry: Any, *keys: str) -> datetime | None:
    for key in keys:
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def html_to_text(html: str) -> str:
    """Feed summaries are HTML fragments; keep their words and paragraph breaks, drop the markup."""
    from lxml import html as lxml_html
    if "<" not in html:
        return " ".join(html.split())
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:          # lxml raises ParserError/ValueError on junk; fall back to the raw string
        return " ".join(html.split())
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [" ".join(p.text_content().split()) for p in root.iter("p", "li", "blockquote", "h2", "h3")]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _entry_content(entry: Any) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or entry.get("description") or ""


def parse_feed(raw: bytes, origin: str, *, outlet: str | None = None, language: str | None = None) -> ParsedFeed:
    """Entries of a feed document; malformed XML is read leniently and said so, junk is refused."""
    import feedparser
    if not raw.strip():
        raise InputError(origin, "empty feed")
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    warnings = []
    if parsed.get("bozo"):
        problem = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
        if not parsed.entries:
            raise InputError(origin, f"not a readable feed ({problem})")
        warnings.append(f"malformed feed ({problem}); read {len(parsed.entries)} entries leniently")
    if not parsed.get("version") and not parsed.entries:
        raise InputError(origin, "not a feed (no RSS, Atom or RDF found)")
    info = parsed.feed
    feed = ParsedFeed(title=info.get("title"), language=(language or info.get("language") or "").lower() or None,
                      link=info.get("link"), version=parsed.get("version") or "unknown", warnings=warnings)
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        content = _entry_content(entry)
        title = entry.get("title")
        if not (link or content or title):
            feed.warnings.append(f"{origin} entry {number}: no link, title or content; skipped")
            continue
        record = {"feed": feed.title, "id": entry.get("id"), "link": link, "title": title,
                  "published": entry.get("published") or entry.get("updated"), "author": entry.get("author"),
                  "content": content, "tags": [t.get("term") for t in entry.get("tags") or [] if t.get("term")]}
        raw_entry = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        meta = {"feed": feed.title or "", "feed_format": feed.version, "entry_id": entry.get("id") or ""}
        if entry.get("author"):
            meta["author"] = entry["author"]
        if record["tags"]:
            meta["tags"] = ", ".join(record["tags"])
        feed.items.append(Item(
            raw=raw_entry, content_type=ENTRY_TYPE, origin=f"{origin}#{entry.get('id') or number}",
            url=link if link and link.startswith(("http://", "https://")) else None, charset="utf-8",
            outlet=outlet or feed.title, title=title, published=_when(entry, "published_parsed", "updated_parsed"),
            text="\n".join(t for t in (html_to_text(content),) if t) or (title or ""),
            language=(entry.get("language") or feed.language), meta={k: v for k, v in meta.items() if v}))
    return feed


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))
