"""The forms outlets are looked up by: (host, path prefix), Telegram handle, folded name."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from ..text.normalize import fold

TELEGRAM_HOSTS = frozenset({"t.me", "telegram.me", "telegram.dog"})
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_HANDLE = re.compile(r"[a-z][a-z0-9_]{3,31}")            # Telegram's rule for public usernames
_WORD = re.compile(r"\w+")
# What separates a site's name from a section in titles: "ТАСС: Ливия", "Le Monde.fr - Afrique".
_SECTION = re.compile(r"\s+[-\u2013\u2014|:]+\s+|:\s+")
_LATIN_EXTRA = str.maketrans({"\u0131": "i", "\u0142": "l", "\u00f8": "o", "\u00df": "ss"})


def split_address(text: str) -> tuple[str, str]:
    """(host, path) of a URL or a bare `host/path`: host lower-case, IDNA-encoded, without `www.`; path
    percent-decoded, lower-case, without leading or trailing slashes. Raises ValueError when there is no usable host."""
    text = text.strip()
    parts = urlsplit(text if "://" in text else "//" + text)
    try:
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        raise ValueError(f"{text!r} is not a domain or URL") from None
    if host.startswith("www."):
        host = host[4:]
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{text!r}: host {host!r} is not a valid domain name") from None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"{text!r} is not a domain such as example.com or example.com/section")
    return host, "/".join(p for p in unquote(parts.path).lower().split("/") if p)


def domain_key(entry: str) -> tuple[str, str]:
    """A registry `domains` entry as (host, path prefix); Telegram addresses belong under `telegram`."""
    host, path = split_address(entry)
    if host in TELEGRAM_HOSTS:
        raise ValueError(f"{entry!r} is a Telegram address; list the channel under telegram instead")
    return host, path


def handle_key(text: str) -> str | None:
    """The lower-case channel handle in `t.me/x`, `https://t.me/s/x/123`, `@x` or `x`; None if there is none."""
    text = text.strip()
    if "://" in text:
        text = text.split("://", 1)[1]
    head, _, rest = text.partition("/")
    if head.lower().removeprefix("www.") in TELEGRAM_HOSTS:
        text = rest.removeprefix("s/")
    elif rest:
        return None
    handle = re.split(r"[/?#]", text.removeprefix("@"), maxsplit=1)[0].lower()
    return handle if _HANDLE.fullmatch(handle) else None


def name_key(text: str) -> str:
    """A name folded for comparison: case, Arabic marks and letter variants, ё, Latin accents and
    punctuation ignored, so "al-Araby al-Jadeed" = "Al Araby Al-Jadeed" and "Anadolu Ajansı" = "anadolu ajansi"."""
    folded = unicodedata.normalize("NFKD", fold(text).translate(_LATIN_EXTRA))
    return " ".join(_WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch))))


def name_keys(text: str) -> list[str]:
    """The whole name, then the part before a section separator ("ТАСС: Ливия" -> "ТАСС")."""
    keys = [name_key(text)]
    head = _SECTION.split(text.strip(), maxsplit=1)[0]
    if head != text.strip():
        keys.append(name_key(head))
    return [k for k in keys if k]
