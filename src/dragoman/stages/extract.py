"""HTML -> main text, title, publication time and site metadata, recording which extraction path won.

The cascade (`meta["extractor"]` names the winner):
0. `density` alone, trafilatura not run, when our density pick holds every prose paragraph left on the pruned
   page (no part of the article can lie elsewhere) and has 50 words or more (on the benchmark 112 of 181 pages
   before <br> parted words in our text, 123 after; the eval's F1 0.9778 -> 0.9780 -> 0.9783);
0b. `density-second` when our first pick has under 50 words: the page read again, pruned keeping a `<form>` and
   blocks labelled only by layout words ("Page-ad-margins", "elementor-widget-wrap"), loose `<br>` lines wrapped
   into paragraphs; it stands alone at 90 % (17 of 181 benchmark pages, session 9; F1 0.9783 -> 0.9788);
1. `trafilatura` in fast mode, accepted when our own density extractor finds (nearly) the same text;
2. otherwise `trafilatura-precision`: precision mode, where trafilatura also weighs its readability and
   jusText fallbacks (straight away when our pick has no words: fast mode could not agree with it);
3. `+chunks` when the article was cut into same-class blocks and only the first was kept;
4. `density`: our pick wins when it is the same article in fewer words (trafilatura's leftovers: captions,
   author boxes, related links), or when trafilatura kept under a third of it (a notice, not the article);
5. too little text: `trafilatura-recall`, `density`, `paragraphs` (after pruning), then `baseline`.
HTML comments are stripped before parsing: trafilatura drops text that follows a comment in a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from functools import lru_cache
from typing import Any

from ..model import Document
from ..pipeline import Skip, stage
from ..settings import Settings
from ..text.controls import strip_controls

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
    """Every paragraph-like block's text: a fallback, run on the pruned tree."""
    texts = [" ".join(b.text_content().split()) for b in tree.xpath("//p|//h2|//h3|//li|//blockquote")]
    return "\n".join(t for t in texts if len(t) > 1)


# -- our own density extractor: a check on trafilatura and a fallback ---------------------------------

_NEVER_TEXT = {"script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button", "select",
               "textarea", "template", "figure", "figcaption", "header", "menu", "dialog", "object", "embed"}
_HIDDEN_ROLES = {"navigation", "complementary", "banner", "contentinfo", "dialog", "search"}
_BOILERPLATE = re.compile(r"comment|share|sharing|social|related|recommend|promo|advert|\bads?\b|\bad-|sponsor|"
                          r"sidebar|footer|\bnav|menu|newsletter|subscri|signup|sign-up|cookie|consent|breadcrumb|"
                          r"byline|author|caption|credit|toolbar|popup|modal|outbrain|taboola|disqus|\btags?\b|"
                          r"most-?popular|most-?read|trending|more-?stories|read-?more|widget", re.I)
_CONTENT_LABEL = re.compile(r"article|body|content|entry|main|post|story|text", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd")
_SCORED = ("p", "pre", "td", "blockquote")
_WORD = re.compile(r"\w+")


def _flat(element) -> str:
    return " ".join(element.text_content().split())


def _link_density(element, length: int) -> float:
    return sum(len(_flat(a)) for a in element.iter("a")) / length if length else 1.0


@lru_cache(maxsize=8192)
def _boilerplate_label(tag: str, label: str) -> bool:
    """Class/id words that mark navigation, ads, comments, sharing... unless they also say it is content."""
    return (tag not in ("html", "body", "article", "main") and bool(_BOILERPLATE.search(label))
            and not _CONTENT_LABEL.search(label))


def _is_boilerplate(element, labels: bool = True) -> bool:
    """Hidden, or (with `labels`) labelled as boilerplate by its class/id (tags that never hold text are
    stripped before)."""
    attrib = element.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true" or attrib.get("role") in _HIDDEN_ROLES:
        return True
    if (style := attrib.get("style")) and _DISPLAY_NONE.search(style):
        return True
    label, ident = attrib.get("class"), attrib.get("id")
    if not labels or (label is None and ident is None):
        return False
    return _boilerplate_label(element.tag, f"{label or ''} {ident or ''}")


_LAYOUT_WORDS = re.compile(r"\bads?\b|\bad-|advert|widget", re.I)


def _layout_wrapper(element) -> bool:
    """A block labelled boilerplate only by layout words ("ad", "advert", "widget": "Page-ad-margins",
    "elementor-widget-wrap"), not hidden, that holds a prose paragraph."""
    label = f"{element.get('class') or ''} {element.get('id') or ''}"
    return (not _BOILERPLATE.search(_LAYOUT_WORDS.sub(" ", label)) and not _is_boilerplate(element, labels=False)
            and any(map(_prose, element.iter("p"))))


def prune(tree, keep_prose: bool = False) -> None:
    """Remove what is never main text: scripts, navigation, hidden blocks, boilerplate-labelled blocks.

    `keep_prose` is the second try on a page whose first pruning left us (nearly) no article: a `<form>` stays
    (ASP.NET pages wrap the whole page in one), and so does a block that holds prose and is labelled only by
    layout words (a whole-page wrapper named "Page-ad-margins" or "m-advertisement-off-canvas--pusher", a
    column named "non-ad-column", WordPress's "elementor-widget-wrap" around the article)."""
    from lxml import etree
    etree.strip_elements(tree, *(_NEVER_TEXT - {"form"} if keep_prose else _NEVER_TEXT), with_tail=False)
    doomed = [el for el in tree.iter() if isinstance(el.tag, str) and _is_boilerplate(el)]
    if keep_prose:
        doomed = [el for el in doomed if not _layout_wrapper(el)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()          # keeps the tail text, which belongs to the parent
    for br in tree.iter("br"):          # a line break parts words: "FL<br>June 10" is "FL June 10", not "FLJune"
        br.tail = " " + br.tail if br.tail else " "


# Tags that end a line of text written straight into a container (and are never wrapped into a paragraph).
_LINE_ENDS = {"br", "hr", "p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "pre", "section", "article", "main", "li", "form", "center", "address", "fieldset", "details"}
_CONTAINERS = ("div", "section", "article", "main", "body", "center", "font", "span")


def wrap_loose_text(tree) -> None:
    """Text written straight into a container (lines parted by `<br>`, no `<p>`: a Korean site's table-era
    pages, IGN's React pages) wrapped into paragraphs, one a line, so the density pick can score and read it."""
    for element in list(tree.iter(*_CONTAINERS)):
        loose = (element.text or "") + "".join(child.tail or "" for child in element)
        if len(loose.strip()) < 25:
            continue
        children = list(element)
        for child in children:
            element.remove(child)           # each child takes its tail along
        lead, element.text = element.text, None
        run: list = []
        for child in children:
            if isinstance(child.tag, str) and child.tag in _LINE_ENDS:
                _append_line(element, lead, run)
                lead, child.tail, run = child.tail, None, []
                element.append(child)
            else:
                run.append(child)
        _append_line(element, lead, run)


def _append_line(element, lead: str | None, run: list) -> None:
    """One line (leading text, then inline children with their tails) back into `element`, as a paragraph when
    it holds any text."""
    if (lead and lead.strip()) or any(_flat(child) or (child.tail or "").strip() for child in run):
        paragraph = element.makeelement("p", {})
        paragraph.text = lead
        paragraph.extend(run)
        element.append(paragraph)
    else:
        element.extend(run)                 # images and empty spans stay where they were


def density_text(tree) -> str:
    """Readability-style: paragraphs vote for their parent (and half for the grandparent); the best block,
    discounted by its share of link text, wins with siblings that scored nearly as well. Expects a pruned tree."""
    return density_pick(tree)[0]


def density_pick(tree) -> tuple[str, list]:
    """`density_text`'s text and the elements it was read from."""
    scores: dict = {}
    for block in tree.iter(*_SCORED):
        text = _flat(block)
        parent = block.getparent()
        if len(text) < 25 or parent is None:
            continue
        score = 1 + text.count(",") + text.count("\u060c") + min(len(text) // 100, 3)    # Latin and Arabic commas
        scores[parent] = scores.get(parent, 0) + score
        if (grand := parent.getparent()) is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return "", []
    adjusted = {el: score * (1 - _link_density(el, len(_flat(el))))
                for el, score in sorted(scores.items(), key=lambda kv: -kv[1])[:8]}
    top = max(adjusted.values())
    tied = [el for el, score in adjusted.items() if score == top]
    best = tied[0]
    if len(tied) > 1:        # a tie goes to the longer block (a long caption's commas can equal a short article's),
        around = set(best.iterancestors())            # never to one around the first
        best = max((el for el in tied if el not in around), key=lambda el: len(_flat(el)))
    chosen = [best]
    if (parent := best.getparent()) is not None:
        chosen = [s for s in parent if s is best or (isinstance(s.tag, str) and _sibling_is_text(s, scores, top))]
    lines = []
    for element in chosen:
        inner = [block for block in element.iter(*_BLOCKS) if block is not element]
        for block in (inner if inner else [element]):
            if _inside_block(block, element):
                continue
            text = _flat(block)
            if len(text) > 1 and _link_density(block, len(text)) < 0.5:
                lines.append(text)
    return "\n".join(lines), chosen


def _inside_block(block, top) -> bool:
    """A block within another block below `top` (its text is read with that one). Blocks above `top` do not
    count: on table-laid pages the whole article sits in one `<td>`, and its paragraphs are still the lines."""
    for ancestor in block.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in _BLOCKS:
            return True
    return False


def stands_alone(tree, own: str, share: float = 0.95) -> bool:
    """Our density pick needs no second opinion: it has at least 50 words and holds (by word trigrams, `share`)
    every prose paragraph left on the pruned page, so no part of the article lies elsewhere."""
    if _words(own) < 50:
        return False
    prose = [text for text in map(_prose, tree.iter("p")) if text]
    return bool(prose) and _coverage("\n".join(prose), own) >= share


def _sibling_is_text(sibling, scores: dict, top: float) -> bool:
    if sibling in scores:
        length = len(_flat(sibling))
        return scores[sibling] * (1 - _link_density(sibling, length)) >= max(10.0, top * 0.2)
    if sibling.tag == "p":
        text = _flat(sibling)
        return len(text) > 80 and _link_density(sibling, len(text)) < 0.25
    return False


# -- articles split into chunks: trafilatura keeps the first, we add the rest -----------------------------

def _trigrams(text: str) -> list[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return list(zip(words, words[1:], words[2:])) if len(words) > 2 else [tuple(words)] if words else []


def _core(nodes: list, share: float = 0.8):
    """The deepest element holding `share` of the nodes (a stray pull-quote elsewhere does not widen it)."""
    counts: Counter = Counter()
    depth: dict = {}
    for node in nodes:
        for level, element in enumerate(reversed([node, *node.iterancestors()])):
            counts[element] += 1
            depth[element] = level
    return max((el for el, c in counts.items() if c >= share * len(nodes)), key=depth.get, default=None)


def _prose(paragraph) -> str | None:
    text = _flat(paragraph)
    return text if len(text) >= 80 and _link_density(paragraph, len(text)) < 0.2 else None


def add_chunks(tree, text: str, climb: int = 3) -> str | None:
    """The text plus the article's other chunks, or None when there are none.

    Some sites cut an article into sibling blocks with the same class (between ads); extractors keep the
    first. Find the block holding the extracted paragraphs, walk up a few levels to one with same-class
    siblings of at least three prose paragraphs each (never past <article>/<main>, never into a sibling
    that is itself an article or has its own <h1>), and add their paragraphs where they sit.
    """
    lines = text.split("\n")
    first_line: dict = {}
    for number, line in enumerate(lines):
        for gram in _trigrams(line):
            first_line.setdefault(gram, number)
    found = []
    for paragraph in tree.iter("p"):
        grams = _trigrams(_flat(paragraph))
        places = [first_line[g] for g in grams if g in first_line]
        if len(grams) > 4 and len(places) >= 0.5 * len(grams):
            found.append((paragraph, Counter(places).most_common(1)[0][0]))
    if len(found) < 2 or (node := _core([p for p, _ in found])) is None:
        return None
    last_line = max((line for p, line in found if node in p.iterancestors()), default=len(lines) - 1)
    for _ in range(climb + 1):
        parent = node.getparent()
        if parent is None or node.tag in ("body", "html", "article", "main"):
            return None
        if node.get("class"):
            before, after, seen = [], [], False
            for sibling in parent:
                if sibling is node:
                    seen = True
                elif (sibling.tag == node.tag and sibling.get("class") == node.get("class")
                      and not sibling.xpath("descendant-or-self::article|.//h1")):
                    prose = [t for t in map(_prose, sibling.iter("p")) if t and not _shares_text(t, first_line)]
                    if len(prose) >= 3:
                        (after if seen else before).extend(prose)
            if before or after:
                return "\n".join([*before, *lines[:last_line + 1], *after, *lines[last_line + 1:]])
        node = parent
    return None


def _shares_text(text: str, known: dict) -> bool:
    grams = _trigrams(text)
    return sum(g in known for g in grams) > 0.2 * len(grams)


@lru_cache(maxsize=4)
def _coverage(part: str, whole: str) -> float:
    """Share of `part`'s word trigrams that occur in `whole`."""
    grams = _trigrams(part)
    known = set(_trigrams(whole))
    return sum(g in known for g in grams) / len(grams) if grams else 0.0


def _drop_leading_title(text: str, title: str | None) -> str:
    """Extractors often repeat the headline as the first line; the title is kept separately."""
    first, sep, rest = text.partition("\n")
    if title and sep and " ".join(first.split()) == " ".join(title.split()):
        return rest.strip()
    return text


def _html_parser():
    """lxml.html's parser, but with its element classes chosen in C: lxml.html picks them by a Python callback
    on every element the code touches (~10 % of extraction). Every element is an HtmlElement (text_content,
    drop_tree...); only the form classes (FormElement, InputElement...), which nothing here uses, are not made."""
    from lxml import etree
    from lxml import html as lxml_html
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


def _parse(html: str, errors: list[str] | None = None):
    """lxml tree without HTML comments: trafilatura drops the text that follows a comment inside a paragraph.
    Nesting is allowed 2,048 levels deep (libxml2's huge mode); past that libxml2 stops reading, noted in
    `errors`."""
    from lxml import html as lxml_html
    parser = _html_parser()
    tree = lxml_html.fromstring(html.encode("utf-8"), parser=parser)   # bytes: an <?xml encoding?> line is fine
    if errors is not None:
        errors.extend(e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT")
    return tree


# Containers that carry no text of their own; dropped when a page nests too deep for the parser to read.
_CONTAINER_TAG = re.compile(r"</?(?!(?:p|h[1-6]|li|br|title|head|meta|link|body|html|script|style|time)\b)"
                            r"[a-zA-Z][^>]*>")


def _parse_page(html: str) -> tuple[Any, str, str | None]:
    """(tree, html, note): a page nested deeper than the parser reads is flattened (containers dropped,
    paragraphs kept) and read again, so its text is not lost in silence; the note says so."""
    errors: list[str] = []
    tree = _parse(html, errors)
    if not errors:
        return tree, html, None
    flat = _CONTAINER_TAG.sub(" ", html)
    return _parse(flat), flat, "nesting too deep for the parser; read flattened (containers dropped)"


def _drop_scripts(tree) -> None:
    """Scripts and style sheets out of trafilatura's copy: every one of its passes (cleaning, readability,
    jusText, its page-length measure) removes them, and copying and walking them is a share of its cost.
    JSON-LD stays: trafilatura reads `articleBody` from it when a page has too little text."""
    doomed = [el for el in tree.iter("script", "style")
              if el.tag == "style" or el.get("type") != "application/ld+json"]
    for element in doomed:
        element.drop_tree()              # keeps the tail text, as trafilatura's own removal does


def _words(text: str) -> int:
    return len(_WORD.findall(text))


@stage("extract", version="2", requires=("raw",), assigns=("text", "title", "published", "outlet", "meta"))
def build(settings: Settings):
    """Main text and metadata from HTML (trafilatura cross-checked by a density extractor, then fallbacks)."""
    import trafilatura

    min_chars = settings["extract.min_chars"]

    def trafilatura_text(tree, url: str | None, **mode) -> str:
        result = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                             include_tables=True, **mode)
        return (result.text or "") if result else ""

    def second_pick(html: str) -> str | None:
        """Our pick on a page where the first found (nearly) nothing: pruned keeping prose under boilerplate
        labels and forms, loose text wrapped into paragraphs; kept only when it stands alone."""
        tree = _parse(html)
        prune(tree, keep_prose=True)
        wrap_loose_text(tree)
        own = density_text(tree)
        # 90 %: the looser pruning leaves a stray paragraph outside the article (an author's bio, a teaser, a
        # standfirst) where the first keeps none; on the benchmark our pick beat or matched trafilatura's there.
        return own if len(own) >= min_chars and stands_alone(tree, own, share=0.9) else None

    def main_text(tree, html: str, url: str | None) -> tuple[str, str]:
        """The main text and the path that won. Prunes `tree`."""
        prune(tree)
        own = density_text(tree)
        if len(own) >= min_chars and stands_alone(tree, own):
            return own, "density"           # two pages in three: no second opinion needed
        ours = _words(own)
        if ours < 50 and (second := second_pick(html)):
            return second, "density-second"
        # Trafilatura's own tree, parsed again only now: a copy made before pruning cost about as much on
        # every page as this parse does on the third that need one.
        fresh = _parse(html)
        _drop_scripts(fresh)
        # With no words of ours, fast mode cannot agree with us: straight to the second opinion.
        text, method = (trafilatura_text(fresh, url, fast=True), "trafilatura") if ours else ("", "trafilatura")
        theirs = _words(text)
        if not (len(text) >= min_chars and 0.6 * theirs <= ours <= theirs and _coverage(own, text) >= 0.9):
            # The two disagree: a second, slower opinion (a quarter of news pages on the benchmark).
            text, method = trafilatura_text(fresh, url, favor_precision=True), "trafilatura-precision"
            theirs = _words(text)
        if len(text) >= min_chars:
            if (longer := add_chunks(tree, text)) is not None:
                return longer, method + "+chunks"
            if len(own) >= min_chars and theirs < 0.3 * ours:
                return own, "density"       # trafilatura latched onto a notice or a caption
            if 0.6 * theirs <= ours < theirs and _coverage(own, text) >= 0.9:
                return own, "density"       # the same article without trafilatura's leftovers
            return text, method
        # Too little: the recall-minded settings, our density pick, every paragraph left after pruning, and
        # trafilatura's baseline (JSON-LD articleBody, else the page's text) for text outside any paragraph.
        tried = [(text, method)]
        for method, make in (("trafilatura-recall", lambda: trafilatura_text(_parse(html), url, favor_recall=True)),
                             ("density", lambda: own),
                             ("paragraphs", lambda: _paragraph_text(tree)),
                             ("baseline", lambda: trafilatura.baseline(html)[1])):
            candidate = make() or ""
            if len(candidate) >= min_chars:
                return candidate, method
            tried.append((candidate, method))
        # Still short: keep the longest that survives pruning (a lone "Menu" does not; a short notice does).
        body = tree.find("body")
        visible = _flat(body if body is not None else tree)
        kept = [(t, m) for t, m in tried if t.strip() and _coverage(t, visible) >= 0.5]
        return max(kept, key=lambda pair: len(pair[0].strip()), default=("", "none"))

    def extract(doc: Document) -> Document:
        if doc.content_type != "text/html" or doc.text:
            return doc                       # text, Markdown and Telegram posts arrive with their text
        assert doc.raw is not None
        # Escapes and controls never have a place in a page's text; dropped before anything is read from it.
        html = strip_controls(doc.raw.decode(doc.meta.get("charset") or "utf-8", errors="replace"))
        try:
            tree, html, note = _parse_page(html)
        except Exception as exc:           # lxml raises bare ParserError/ValueError on junk
            raise Skip(f"unparseable HTML ({type(exc).__name__})") from None
        if note:
            doc.meta["extract_note"] = note
        # Metadata first: the text extractors prune the tree.
        meta = page_metadata(tree)
        title = headline(tree, meta)
        published, published_from = published_time(tree, meta)
        lang = tree.get("lang")
        text, method = main_text(tree, html, doc.url)
        if not text.strip():
            raise Skip("no main text")
        doc.title = doc.title or title
        # A byte-order mark inside the text (CMS paste debris: "S\ufefferge") splits names; trafilatura drops it,
        # our density text must too.
        lines = (line.strip() for line in text.replace("\ufeff", "").splitlines())   # <br> indentation goes
        doc.text = _drop_leading_title("\n".join(line for line in lines if line), doc.title)
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
        if lang:
            doc.meta["declared_language"] = lang.strip().lower()
        return doc

    def preload(languages: list[str]) -> None:
        """jusText's stop words (every language's, ~1 CPU-s), which trafilatura reads on its first hard page."""
        from trafilatura import external
        if getattr(external, "JT_STOPLIST", None) is None:
            external.jt_stoplist_init()

    extract.preload = preload
    return extract
