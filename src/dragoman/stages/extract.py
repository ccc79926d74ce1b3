"""HTML -> main text, title, publication time and site metadata, recording which extractor won."""

from __future__ import annotations

import re
from datetime import datetime

from ..model import Document
from ..pipeline import Skip, stage
from ..settings import Settings

_PUBLISHED = [re.compile(p, re.I | re.S) for p in (
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|"""
    r"""publish[-_]date|date)["'][^>]*content=["']([^"']+)["']""",
    r"""<meta[^>]+content=["']([^"']+)["'][^>]*(?:property|name|itemprop)=["'](?:article:published_time|"""
    r"""datePublished)["']""",
    r"""<time[^>]+datetime=["']([^"']+)["']""",
)]


def published_from_meta(html: str) -> datetime | None:
    """The publication time a page states in its metadata, with its time zone when given."""
    for pattern in _PUBLISHED:
        for match in pattern.finditer(html[:200000]):
            value = match.group(1).strip().replace("Z", "+00:00")
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                continue
    return None


def _body_text(tree) -> str:
    """Last resort: every paragraph-like block's text."""
    blocks = tree.xpath("//p|//h2|//h3|//li|//blockquote") if tree is not None else []
    texts = [" ".join(b.text_content().split()) for b in blocks]
    return "\n".join(t for t in texts if len(t) > 1)


@stage("extract", version="1", requires=("raw",), assigns=("text", "title", "published", "meta"))
def build(settings: Settings):
    """Main text and metadata from HTML (trafilatura, then baseline, then paragraph text)."""
    import trafilatura
    from lxml import html as lxml_html

    min_chars = settings["extract.min_chars"]

    def extract(doc: Document) -> Document:
        if doc.content_type != "text/html":
            return doc                       # text and Markdown were read at ingest
        assert doc.raw is not None
        html = doc.raw.decode(doc.meta.get("charset") or "utf-8", errors="replace")
        try:
            tree = lxml_html.fromstring(html)
        except Exception as exc:           # lxml raises bare ParserError/ValueError on junk
            raise Skip(f"unparseable HTML ({type(exc).__name__})") from None
        result = trafilatura.bare_extraction(tree, url=doc.url, with_metadata=True, include_comments=False,
                                             include_tables=True)
        text, method = (result.text or "") if result else "", "trafilatura"
        if len(text) < min_chars:
            _, base_text, _ = trafilatura.baseline(html)
            text, method = base_text, "baseline"
        if len(text) < min_chars:
            fallback = _body_text(tree)
            if len(fallback) > len(text):
                text, method = fallback, "paragraphs"
        if not text.strip():
            raise Skip("no main text")
        doc.text = text.strip()
        doc.meta["extractor"] = method
        if result:
            doc.title = doc.title or result.title
            for key in ("author", "sitename", "description", "image", "language"):
                value = getattr(result, key, None)
                if value:
                    doc.meta[key] = str(value)
        doc.title = doc.title or _first_heading(tree)
        doc.published = doc.published or published_from_meta(html) or _date_only(result)
        return doc

    return extract


def _first_heading(tree) -> str | None:
    for xpath in ("//h1", "//title"):
        found = tree.xpath(xpath)
        if found:
            text = " ".join(found[0].text_content().split())
            if text:
                return text
    return None


def _date_only(result) -> datetime | None:
    value = getattr(result, "date", None) if result else None
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
