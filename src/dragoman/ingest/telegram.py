"""Telegram collector: Telegram Desktop chat exports (`result.json`) and public channel preview pages (t.me/s/…).

Both readers yield one Item per message that has text, or an InputError naming the message and what is wrong
with it; nothing else escapes, so one bad message never costs the rest of the channel.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..model import SuppliedTranslation
from .files import open_regular
from .items import Item

EXPORT_FILE = "result.json"
MESSAGE_TYPE = "application/vnd.telegram.message+json"
USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")            # Telegram's rule for public @handles
_HEAD_BYTES = 4096                                              # the export header precedes "messages"


def export_file(path: Path) -> Path:
    """The export's JSON: `path` itself, or the `result.json` inside a folder."""
    return path / EXPORT_FILE if path.is_dir() else path


def is_export(path: Path) -> bool:
    """Cheap check: a .json file (or a folder holding result.json) whose start mentions "messages"."""
    try:
        file = export_file(path)
        if file.suffix.lower() != ".json":
            return False
        with open_regular(file) as fh:
            head = fh.read(_HEAD_BYTES)
    except (OSError, ValueError, InputError):    # unreadable, not a regular file, a path with a NUL byte
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b'"messages"' in head


def is_preview(raw: bytes) -> bool:
    """Whether bytes look like a t.me channel preview (or embed) page."""
    return b"tgme_widget_message" in raw and b"data-post=" in raw


# ---------------------------------------------------------------- shared helpers


def _kind(value: Any) -> str:
    """A JSON value's type in words, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "a string", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    """A value quoted for a one-line message, cut so junk input cannot flood the report."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_EXPECTED = {str: "a string", int: "an integer"}


def _field(obj: dict, key: str, kind: type, origin: str) -> Any:
    """obj[key] when present and of `kind` (None when absent or null); any other type is the item's error."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):   # bool is an int to Python, never to us
        raise InputError(origin, f"{key} is {_kind(value)}, not {_EXPECTED[kind]}")
    return value


def _iso_time(value: str, what: str, origin: str) -> tuple[datetime, bool]:
    """An ISO time in UTC, and whether the zone had to be assumed (Telegram writes local-less times)."""
    try:
        when = datetime.fromisoformat(value.strip())
        return (when.replace(tzinfo=timezone.utc), True) if when.tzinfo is None else \
            (when.astimezone(timezone.utc), False)
    except ValueError:
        raise InputError(origin, f"{what} {_short(value)} is not an ISO date") from None
    except OverflowError:
        raise InputError(origin, f"{what} {_short(value)} is out of range") from None


def _utf8(text: str, what: str, origin: str) -> bytes:
    """UTF-8 bytes; JSON can smuggle in lone surrogates (\\ud800) that nothing downstream could store."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(origin, f"{what} contains a lone surrogate escape (\\ud800-\\udfff), "
                                 "not valid Unicode") from None


def _matching(pairs: list[SuppliedTranslation], text: str) -> list[SuppliedTranslation]:
    """The analyst pairs whose original occurs in the text; spacing is compared loosely (tabs, line breaks)."""
    flat = " ".join(text.split())
    return [p for p in pairs if (o := " ".join(p.original.split())) and o in flat]


# ---------------------------------------------------------------- Telegram Desktop export


@dataclass
class _Export:
    """What every message of one export shares."""

    file: Path
    handle: str | None
    name: str | None
    channel_id: str | None
    translations: list[SuppliedTranslation]


def read_export(path: Path, *, handle: str | None = None,
                translations: list[SuppliedTranslation] | None = None) -> Iterator[Item | InputError]:
    """Items for the text messages of a Telegram Desktop "Export chat history" JSON (file or its folder)."""
    try:
        file = export_file(path)
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror or exc})")
        return
    where = str(file)
    try:
        export = _load(file)
    except InputError as exc:
        yield exc
        return
    if handle is not None:
        handle = handle.strip().removeprefix("https://t.me/").removeprefix("@")
        if not USERNAME.fullmatch(handle):
            yield InputError(where, f"handle {_short(handle)} is not a Telegram username")
            return
    elif USERNAME.fullmatch(file.parent.name):
        handle = file.parent.name     # people name export folders after the channel; Desktop's own names fail
    header: dict[str, str | None] = {"name": None, "id": None}
    for key in header:
        try:
            value = _field(export, key, int if key == "id" else str, where)
            header[key] = None if value is None else _utf8(str(value), key, where).decode()
        except InputError as exc:
            yield exc                 # a damaged header costs that field, not the messages
    context = _Export(file, handle, header["name"], header["id"], list(translations or []))
    for index, message in enumerate(export["messages"]):
        try:
            item = _export_item(message, index, context)
        except InputError as exc:
            yield exc
            continue
        if item is not None:
            yield item


def _load(file: Path) -> dict:
    """The export as a dict with a messages list, or the one error that says why not."""
    where = str(file)
    try:
        with open_regular(file) as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(where, f"cannot read ({exc.strerror or exc})") from None
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except ValueError:                # the only other one json raises: an integer past Python's digit limit
        raise InputError(where, "not valid JSON (a number is too long)") from None
    except RecursionError:
        raise InputError(where, "not valid JSON (nested too deeply)") from None
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise InputError(where, "not a Telegram export: no messages list")
    return export


def _flatten(text: Any, origin: str) -> tuple[str, list[str]]:
    """Visible text from a string or a list of strings and entity dicts, and the hrefs of text links."""
    if text is None or isinstance(text, str):
        return text or "", []
    if not isinstance(text, list):
        raise InputError(origin, f"text is {_kind(text)}, not a string or list")
    parts, links = [], []
    for number, part in enumerate(text):
        if isinstance(part, str):
            parts.append(part)
            continue
        if not isinstance(part, dict) or not isinstance(part.get("text"), str):
            raise InputError(origin, f"text part {number} is {_kind(part)} without a text string")
        parts.append(part["text"])
        if part.get("type") == "text_link" and (href := _field(part, "href", str, origin)):
            links.append(href)
    return "".join(parts), links


def _export_time(message: dict, key: str, origin: str) -> tuple[datetime | None, bool]:
    """`<key>_unixtime` (exact, UTC) else `<key>` (wall time with no zone); and whether UTC was assumed."""
    unix = message.get(f"{key}_unixtime")
    if unix is not None:
        if isinstance(unix, bool) or not isinstance(unix, (str, int)):
            raise InputError(origin, f"{key}_unixtime is {_kind(unix)}, not a Unix time")
        try:
            seconds = int(unix)
        except ValueError:
            raise InputError(origin, f"{key}_unixtime {_short(unix)} is not a Unix time") from None
        try:
            return datetime.fromtimestamp(seconds, timezone.utc), False
        except (ValueError, OverflowError, OSError):       # which one depends on how far out and the platform
            raise InputError(origin, f"{key}_unixtime {_short(unix)} is out of range") from None
    stated = _field(message, key, str, origin)
    return _iso_time(stated, key, origin) if stated is not None else (None, False)


def _export_item(message: Any, index: int, context: _Export) -> Item | None:
    """One export message as an Item; None for service and media-only messages."""
    if not isinstance(message, dict):
        raise InputError(f"{context.file}#messages[{index}]", f"message is {_kind(message)}, not an object")
    message_id = message.get("id")
    if isinstance(message_id, bool) or not isinstance(message_id, int):
        raise InputError(f"{context.file}#messages[{index}]", f"id is {_kind(message_id)}, not an integer")
    origin = f"{context.file}#{message_id}"
    kind = _field(message, "type", str, origin)
    if kind is None:
        raise InputError(origin, "message has no type")
    if kind != "message":
        return None                   # joins, pins, title changes: nothing the channel said
    text, links = _flatten(message.get("text"), origin)
    if not text.strip():
        return None                   # a photo or file with no caption has nothing to read
    raw = _utf8(json.dumps(message, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "message", origin)
    published, assumed = _export_time(message, "date", origin)
    edited, edited_assumed = _export_time(message, "edited", origin)
    meta = {"message_id": str(message_id), "channel": context.name, "channel_id": context.channel_id,
            "views": _field(message, "views", int, origin),
            "forwarded_from": _field(message, "forwarded_from", str, origin),
            "reply_to_message_id": _field(message, "reply_to_message_id", int, origin),
            "edited": edited.isoformat() if edited else None,
            "links": " ".join(links) or None, "date_zone": "assumed UTC" if assumed or edited_assumed else None}
    photo, file = _field(message, "photo", str, origin), _field(message, "file", str, origin)
    media_type = _field(message, "media_type", str, origin)
    if photo or file or media_type:
        meta["media"] = photo or file
        meta["media_type"] = media_type or ("photo" if photo else "file")
    handle = context.handle
    return Item(raw=raw, content_type=MESSAGE_TYPE, origin=origin, charset="utf-8",
                url=f"https://t.me/{handle}/{message_id}" if handle else None,
                source=f"t.me/{handle}" if handle else f"telegram:{context.channel_id or 'unknown'}",
                outlet=context.name, published=published, text=text,
                meta={k: str(v) for k, v in meta.items() if v is not None},
                supplied_translations=_matching(context.translations, text))


# ---------------------------------------------------------------- t.me/s/<channel> preview pages


def _has_class(name: str) -> str:
    """XPath test for one class token (not a prefix of another class)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_MESSAGES = f"//div[{_has_class('tgme_widget_message')}][@data-post]"
_POST = re.compile(rf"({USERNAME.pattern})/(\d{{1,18}})")
_REPLY_ID = re.compile(r"/(\d{1,18})/?(?:[?#].*)?$")
_COUNT = re.compile(r"(\d{1,15}(?:\.\d{1,3})?)\s*([KMB]?)", re.I)
_SCALE = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9}
_BACKGROUND = re.compile(r"background-image:\s*url\(['\"]?([^'\")]+)")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_MEDIA = (("tgme_widget_message_photo_wrap", "photo"), ("tgme_widget_message_video_player", "video"),
          ("tgme_widget_message_roundvideo_player", "video"), ("tgme_widget_message_voice_player", "voice"),
          ("tgme_widget_message_document_wrap", "file"), ("tgme_widget_message_sticker_wrap", "sticker"))


def read_preview_html(raw: bytes, url: str) -> Iterator[Item | InputError]:
    """Items for the text messages of a public channel preview page (`https://t.me/s/<channel>`)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = etree.fromstring(raw, lxml_html.HTMLParser(encoding="utf-8")) if raw.strip() else None
    except (etree.LxmlError, ValueError) as exc:     # libxml2 gives up on some junk instead of recovering
        yield InputError(url, f"unparseable HTML ({type(exc).__name__})")
        return
    posts = root.xpath(_MESSAGES) if root is not None else []
    if not posts:
        yield InputError(url, "not a Telegram preview page: no div.tgme_widget_message with data-post")
        return
    title = _text(root.xpath(f"//*[{_has_class('tgme_channel_info_header_title')}]")) or \
        next((c.strip() for c in root.xpath("//meta[@property='og:title']/@content") if c.strip()), None)
    for post in posts:
        try:
            item = _preview_item(post, url, title)
        except InputError as exc:
            yield exc
            continue
        if item is not None:
            yield item


def _text(elements: list) -> str | None:
    """The first element's text with spacing collapsed, or None."""
    for element in elements:
        if text := " ".join(element.text_content().split()):
            return text
    return None


def _lines(element) -> str:
    """Visible text with <br> as a line break and HTML's own whitespace collapsed (no recursion: junk nests)."""
    parts: list[str] = []
    stack = [(element, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not element and node.tail:
                parts.append(_SPACE.sub(" ", node.tail))
            continue
        if node.tag == "br":
            parts.append("\n")
        elif isinstance(node.tag, str) and node.text and node.tag not in ("script", "style"):
            parts.append(_SPACE.sub(" ", node.text))          # comments' text is not shown; their tail is
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "\n".join(line.strip() for line in "".join(parts).split("\n")).strip()


def _count(text: str | None) -> str | None:
    """A counter as Telegram abbreviates it ("1.2K", "3M") in full digits; None when it is not one."""
    match = _COUNT.fullmatch(text.strip()) if text else None
    if not match:
        return None
    return str(int(Decimal(match.group(1)) * _SCALE[match.group(2).upper()]))


def _media(post) -> dict[str, str | None]:
    """The first photo, video, voice note, file or sticker of a preview message, and its kind."""
    for css, media_type in _MEDIA:
        for media in post.xpath(f".//*[{_has_class(css)}]")[:1]:
            background = _BACKGROUND.search(media.get("style") or "")
            sources = media.xpath(".//@src")               # <video src>, <audio src> inside the player
            return {"media": background.group(1) if background else (sources[0] if sources else media.get("href")),
                    "media_type": media_type}
    return {}


def _preview_item(post, url: str, title: str | None) -> Item | None:
    """One preview message as an Item; None for service and media-only messages."""
    from lxml import html as lxml_html

    data_post = post.get("data-post", "")
    found = _POST.fullmatch(data_post.strip())
    if not found:
        raise InputError(f"{url}#{_short(data_post)}", "data-post is not CHANNEL/NUMBER")
    channel, message_id = found.group(1), str(int(found.group(2)))
    origin = f"{url}#{message_id}"
    if "service_message" in (post.get("class") or "").split():
        return None
    bodies = post.xpath(f".//*[{_has_class('tgme_widget_message_text')}]"
                        f"[not(ancestor::*[{_has_class('tgme_widget_message_reply')}])]")   # not the quoted post
    text = _lines(bodies[0]) if bodies else ""
    if not text.strip():
        return None                   # a photo or video with no caption has nothing to read
    forwarded = post.xpath(f".//*[{_has_class('tgme_widget_message_forwarded_from_name')}]")
    links = [a.get("href") for a in bodies[0].iter("a") if (a.get("href") or "").startswith(("http:", "https:"))
             and not a.text_content().strip().startswith(("#", "@"))]      # hashtags and mentions stay on t.me
    meta: dict[str, str | None] = {
        "message_id": message_id, "channel": title or channel, "forwarded_from": _text(forwarded),
        "views": _count(_text(post.xpath(f".//*[{_has_class('tgme_widget_message_views')}]"))),
        "links": " ".join(links) or None, **_media(post)}
    for href in post.xpath(f".//a[{_has_class('tgme_widget_message_reply')}]/@href")[:1]:
        if reply := _REPLY_ID.search(href):
            meta["reply_to_message_id"] = str(int(reply.group(1)))
    published = None
    for stamp in post.xpath(f".//*[{_has_class('tgme_widget_message_date')}]//time/@datetime")[:1]:
        published, assumed = _iso_time(stamp, "date", origin)
        meta["date_zone"] = "assumed UTC" if assumed else None
    # raw is this message's element as lxml writes it back (the page's other bytes are not this message's).
    # It includes the view counter, so a later capture of the same post is a new document, as a changed page is.
    raw = lxml_html.tostring(post, encoding="unicode", with_tail=False).encode("utf-8")
    # content_type stays text/html because raw is HTML, but text is set: the extract stage must keep a
    # Document whose text is already set instead of re-extracting this snippet.
    return Item(raw=raw, content_type="text/html", origin=origin, charset="utf-8",
                url=f"https://t.me/{channel}/{message_id}", source=f"t.me/{channel}", outlet=title,
                published=published, text=text, meta={k: v for k, v in meta.items() if v is not None})
