"""HTML -> main text, title, publication time and site metadata, recording which extractor won."""

from __future__ import annotations

from datetime import datetime

from ..model import Document
from ..pipeline import Skip, stage
from ..settings import Settings

# Meta keys (property/name/itemprop, lower-cased) that state a publication time, most specific first.
PUBLISHED_KEYS = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publish-date",
                  "publish_date", "dc.date.issued", "dc.date", "date")


def page_metadata(tree) -> dict[str, str]:
    """The page's own <meta> statements, keyed by lower-cased property/name/itemprop."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and value.strip():
            meta.setdefault(key.strip().lower(), value.strip())
    return meta


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def published_time(tree, meta: dict[str, str]) -> tuple[datetime | None, str | None]:
    """Publication time and where it came from: metadata, then <time datetime>, then htmldate's guess."""
    for key in PUBLISHED_KEYS:
        if key in meta and (value := _parse_time(meta[key])):
            return value, f"meta:{key}"
    for value in tree.xpath("//time/@datetime")[:3]:
        if parsed := _parse_time(value):
            return parsed, "time-element"
    from htmldate import find_date
    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except Exception:          # htmldate raises assorted errors on odd pages; a date is optional
        found = None
    return (_parse_time(found), "htmldate") if found else (None, None)


def _text_of(elements) -> str | None:
    for element in elements:
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def headline(tree, meta: dict[str, str]) -> str | None:
    """The headline as printed on the page (h1), else the social title, else <title>."""
    h1 = _text_of(tree.xpath("//h1"))
    if h1 and len(h1) < 300:
        return h1
    return meta.get("og:title") or _text_of(tree.xpath("//title"))


def _paragraph_text(tree) -> str:
    """Last resort: every paragraph-like block's text."""
    texts = [" ".join(b.text_content().split()) for b in tree.xpath("//p|//h2|//h3|//li|//blockquote")]
    return "\n".join(t for t in texts if len(t) > 1)


def _drop_leading_title(text: str, title: str | None) -> str:
    """Extractors often repeat the headline as the first line; the title is kept separately."""
    first, sep, rest = text.partition("\n")
    if title and sep and " ".join(first.split()) == " ".join(title.split()):
        return rest.strip()
    return text


@stage("extract", version="1", requires=("raw",), assigns=("text", "title", "published", "outlet", "meta"))
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
        # Metadata first: trafilatura prunes the tree it is given.
        meta = page_metadata(tree)
        title = headline(tree, meta)
        published, published_from = published_time(tree, meta)
        result = trafilatura.bare_extraction(lxml_html.fromstring(html), url=doc.url, with_metadata=False,
                                             include_comments=False, include_tables=True)
        text, method = (result.text or "") if result else "", "trafilatura"
        if len(text) < min_chars:
            _, base_text, _ = trafilatura.baseline(html)
            text, method = base_text, "baseline"
        if len(text) < min_chars:
            fallback = _paragraph_text(tree)
            if len(fallback) > len(text):
                text, method = fallback, "paragraphs"
        if not text.strip():
            raise Skip("no main text")
        doc.title = doc.title or title
        doc.text = _drop_leading_title(text.strip(), doc.title)
        doc.published = doc.published or published
        doc.outlet = doc.outlet or meta.get("og:site_name")   # the site's own name until the registry knows it
        doc.meta["extractor"] = method
        if published_from:
            doc.meta["published_from"] = published_from
        for key, field in (("author", "author"), ("article:author", "author"), ("og:site_name", "sitename"),
                           ("og:description", "description"), ("description", "description"),
                           ("og:image", "image")):
            if key in meta and field not in doc.meta:
                doc.meta[field] = meta[key]
        lang = tree.get("lang")
        if lang:
            doc.meta["declared_language"] = lang.strip().lower()
        return doc

    return extract
