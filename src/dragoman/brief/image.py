"""The brief's picture: a `<figure>` in a selected document's archived HTML whose credit states a licence.

Only pictures whose credit names a reusable licence (public domain, CC0, Creative Commons) qualify; agency
photos ("© TASS", "[Getty]", "AFP") do not. The picture itself is remote and is never fetched: the brief shows
its caption and credit and links the page it was published on. A caption in another language is kept as
published, with the names and dates in it glossed in English and marked untranslated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..model import Document
from .model import Image, absolute_date

# Reusable licences as credits write them; the match is what the brief prints as the licence.
_LICENCE = re.compile(r"\b(public\s+domain|CC0(?:\s*1\.0)?|CC[\s-]BY(?:-(?:SA|ND|NC))*(?:[\s-]\d\.\d)?"
                      r"|creative\s+commons\s+[\w\- .]+?\d\.\d)", re.I)
_CREDIT_CLASS = ("credit", "copyright", "source", "author")
_CREDIT_LEAD = re.compile(r"^\s*(?:photo|image|picture|credit|source|фото|صورة)\s*[:：]\s*", re.I)
_SEPARATORS = " \t/|—–-,;:()[]"
_TRAILING_GROUP = re.compile(r"[(\[]([^()\[\]]*)[)\]]?\s*$")
_CREDIT_ANYWHERE = re.compile(r"\b(?:photo|image|picture|credit)\s*:", re.I)
_LANGUAGE_NAMES = {"ar": "Arabic", "ru": "Russian", "tr": "Turkish", "fr": "French", "fa": "Persian",
                   "de": "German", "es": "Spanish", "it": "Italian", "zh": "Chinese", "uk": "Ukrainian"}


@dataclass(frozen=True)
class Figure:
    """A picture on a page as published: address, caption, alt text, credit and the licence in that credit."""

    src: str
    caption: str
    alt: str
    credit: str
    licence: str | None


def figures(html: str, base_url: str | None = None) -> list[Figure]:
    """Every `<figure>` with an `<img>` in a page (broken markup tolerated), in page order."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    found: list[Figure] = []
    for figure in tree.iter("figure"):
        img = next(figure.iter("img"), None)
        src = (img.get("src") or img.get("data-src") or "").strip() if img is not None else ""
        if not src:
            continue
        caption_el = next(figure.iter("figcaption"), None)
        credit_parts: list[str] = []
        caption = ""
        if caption_el is not None:
            for el in caption_el.iter():
                classes = (el.get("class") or "").lower()
                if el is not caption_el and any(word in classes for word in _CREDIT_CLASS):
                    credit_parts.append(_flat(el.text_content()))
            caption = _flat(caption_el.text_content())
            for part in credit_parts:
                caption = caption.replace(part, "")
        credit = " ".join(credit_parts)
        if not credit:
            caption, credit = _split_credit(caption)
        licence = _LICENCE.search(credit)
        found.append(Figure(src=urljoin(base_url or "", src), caption=_tidy(caption),
                            alt=_flat(img.get("alt") or ""), credit=_credit_name(credit),
                            licence=_licence_name(licence.group(1)) if licence else None))
    return found


def image_for(doc: Document, raw: bytes, *, outlet: str, terms=None) -> Image | None:
    """The brief's Image from a document's archived page, or None when no picture carries a licence."""
    if "html" not in (doc.content_type or ""):
        return None
    charset = (doc.capture.charset if doc.capture else None) or doc.meta.get("charset") or "utf-8"
    html = raw.decode(_codec(charset), errors="replace")
    for fig in figures(html, doc.url):
        if fig.licence is None or not fig.credit:
            continue
        if urlsplit(fig.src).scheme.lower() not in ("http", "https"):
            continue        # a page never names a picture on the analyst's disk (file:, bare paths, data:)
        language = doc.language or "en"
        published = f", {absolute_date(doc.published)}" if doc.published else ""
        caption = _english_or_glossed(fig.caption or fig.alt, language, doc, terms)
        shows = _english_or_glossed(fig.alt or fig.caption, language, doc, terms)
        return Image(path_or_url=fig.src, caption=caption or f"Picture published by {outlet}{published}",
                     shows=shows or caption, source=doc.url or doc.source, licence=fig.licence, credit=fig.credit)
    return None


def has_english_caption(image: Image) -> bool:
    return "caption, untranslated" not in image.caption


def _english_or_glossed(text: str, language: str, doc: Document, terms) -> str:
    """English text as it is; other languages as published plus their names and dates in English."""
    if not text or language.split("-")[0] == "en":
        return text
    named: list[str] = []
    if terms is not None:
        for match in terms.gloss(text, language).matches:
            if match.term.english not in named:
                named.append(match.term.english)
    from ..times import find_times
    for hit in find_times(text, language, doc.published):
        if hit.begin is not None and (when := _when(hit)) not in named:
            named.append(when)
    name = _LANGUAGE_NAMES.get(language.split("-")[0], language)
    says = f"; it names {', '.join(named)}" if named else ""
    return f"{text} [{name} caption, untranslated{says}]"


def _when(hit) -> str:
    if hit.precision == "day":
        return absolute_date(hit.begin)
    if hit.precision == "month":
        return absolute_date(hit.begin).split(" ", 1)[1]
    return str(hit.begin.year)


def _split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) when the credit is not marked up: a trailing "(…)" or "[…]", or "Photo: …" onwards."""
    trailing = _TRAILING_GROUP.search(caption)
    if trailing and (_LICENCE.search(trailing.group(1)) or _CREDIT_LEAD.match(trailing.group(1))):
        return caption[:trailing.start()], trailing.group(1)
    lead = _CREDIT_ANYWHERE.search(caption)
    if lead:
        return caption[:lead.start()], caption[lead.start():]
    match = _LICENCE.search(caption)
    if match:
        cut = caption.rfind(". ", 0, match.start())
        return (caption[:cut + 1], caption[cut + 1:]) if cut >= 0 else ("", caption)
    return caption, ""


def _tidy(caption: str) -> str:
    text = _flat(caption).strip(" \t/|—–-,;:")
    return re.sub(r"[(\[]\s*[)\]]", "", text).strip()


def _credit_name(credit: str) -> str:
    """"(US Africa Command / Public Domain)" -> "US Africa Command"."""
    text = _CREDIT_LEAD.sub("", credit.strip(_SEPARATORS))
    text = _LICENCE.sub("", text)
    text = _CREDIT_LEAD.sub("", text.strip(_SEPARATORS))
    return text.strip(_SEPARATORS)


def _licence_name(found: str) -> str:
    text = " ".join(found.split())
    if text.lower() == "public domain":
        return "Public Domain"
    if text.lower().startswith("cc"):
        return re.sub(r"^CC[\s-]BY", "CC BY", text.upper())
    return text


def _flat(text: str) -> str:
    return " ".join(text.split())


def _codec(charset: str) -> str:
    import codecs
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return "utf-8"


# -- pictures the brief embeds ----------------------------------------------------------------------------------

MAX_IMAGE_BYTES = 8 * 1024 * 1024          # a lead picture is a few hundred kilobytes; more is not a photo
MAX_IMAGE_PIXELS = 40_000_000               # decompression bombs stop here
EMBEDDABLE = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def image_problem(data: bytes) -> str | None:
    """Why these bytes may not be embedded in a brief, or None: only PNG, JPEG or WebP that really decode
    (never SVG, whatever the name says), within the size caps."""
    import io

    from PIL import Image as PILImage, UnidentifiedImageError
    if len(data) > MAX_IMAGE_BYTES:
        return f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            kind = picture.format
            width, height = picture.size
            if kind not in EMBEDDABLE:
                return f"{kind or 'unknown'} is not PNG, JPEG or WebP"
            if width * height > MAX_IMAGE_PIXELS:
                return f"{width}×{height} pixels is too large"
            picture.verify()                 # checksums and the end of the stream: truncation fails here
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.load()                   # and every pixel decodes
    except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError, SyntaxError) as exc:
        return f"not a readable PNG, JPEG or WebP ({type(exc).__name__})"
    return None


def checked_image_file(path) -> Path:
    """`path` as a picture the brief may embed, or an InputError that names it and says why."""
    from ..errors import InputError
    file = Path(path).expanduser()
    if not file.is_file():
        raise InputError(str(path), "no such image file")
    problem = image_problem(file.read_bytes())
    if problem:
        raise InputError(str(path), f"cannot be used as the brief's image: {problem}")
    return file.resolve()


def with_file(image: Image | None, path, *, source: str | None = None) -> Image:
    """The brief's Image showing the file at `path`: the caption and credit of the page's picture stay when
    there was one; an analyst's file otherwise says it was chosen by the analyst."""
    file = checked_image_file(path)
    if image is None:
        return Image(path_or_url=str(file), caption=file.stem.replace("-", " ").replace("_", " "),
                     shows=file.stem, source=source or "chosen by the analyst", licence="as the analyst states",
                     credit="analyst's choice")
    return Image(path_or_url=str(file), caption=image.caption, shows=image.shows, source=source or image.source,
                 licence=image.licence, credit=image.credit)


def draw_stand_in(path) -> Path:
    """A small stand-in picture for the demo (the public-domain AFRICOM image is not available offline): an
    airfield at dusk with a jet's silhouette on the apron, drawn here so every byte is ours."""
    from PIL import Image as PILImage, ImageDraw
    width, height = 480, 270
    picture = PILImage.new("RGB", (width, height), (196, 214, 232))
    draw = ImageDraw.Draw(picture)
    for y in range(height // 2):              # sky fading to the horizon
        shade = 160 + y * 80 // (height // 2)
        draw.line([(0, y), (width, y)], fill=(shade - 40, shade - 20, shade))
    draw.rectangle([0, height // 2, width, height], fill=(176, 152, 112))           # desert
    draw.polygon([(0, 200), (width, 170), (width, 215), (0, 250)], fill=(92, 92, 96))  # runway
    body = [(150, 176), (330, 170), (360, 176), (330, 182), (150, 186)]
    draw.polygon(body, fill=(60, 66, 72))                                             # fuselage
    draw.polygon([(230, 178), (290, 150), (305, 152), (262, 180)], fill=(52, 58, 64))  # wing
    draw.polygon([(160, 178), (150, 150), (170, 152), (185, 178)], fill=(52, 58, 64))  # tail fin
    draw.rectangle([8, 8, 200, 28], fill=(255, 255, 255))
    draw.text((14, 12), "Stand-in image (demo)", fill=(20, 20, 20))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(out, format="PNG", optimize=True)
    return out
