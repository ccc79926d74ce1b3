"""Checks and decoding for raw bytes: refuse binary junk, find the charset, read page metadata."""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from ..errors import InputError

# File signatures of formats people drop into folders by mistake.
_MAGIC = [(b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
          (b"PK\x03\x04", "ZIP/Office document"), (b"\x1f\x8b", "gzip"), (b"\x7fELF", "executable"),
          (b"SQLite format 3", "SQLite database"), (b"\xd0\xcf\x11\xe0", "old Office document")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def refuse_binary(item: str, data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(item, f"binary content ({kind}), not text")
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return                                  # UTF-16 text legitimately contains NUL bytes
    if b"\x00" in head:
        raise InputError(item, "binary content (NUL bytes), not text")


def decode_text(item: str, data: bytes) -> tuple[str, str]:
    """Plain text and Markdown must be UTF-8 (a BOM may say UTF-16)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        raise InputError(item, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                               "save it as UTF-8") from None


# Single-byte encodings that accept (almost) any byte, so a wrong one decodes without error: tried when a
# page's own label gives implausible text. Order breaks ties: windows-1256 also carries the French letters
# of windows-1252, so Western text would read the same in both.
_LEGACY = ("windows-1252", "windows-1251", "koi8-r", "windows-1256")
_FOREIGN_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")     # a word with a non-ASCII letter
_SAMPLE_WORDS = 3000           # enough non-ASCII words to judge a page; keeps big pages cheap
_PLAUSIBLE = 0.9


def _canonical(name: str) -> str:
    """`cp1251`/`windows_1251` -> `windows-1251`, `KOI8_R` -> `koi8-r`; other names as Python spells them."""
    codec = codecs.lookup(name).name
    return codec.replace("cp", "windows-", 1) if re.fullmatch(r"cp125\d", codec) else codec


# Scripts that legitimately share a word: Japanese mixes kana and kanji, Korean hangul and hanja.
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "FULLWIDTH": "CJK",
                  "HALFWIDTH": "CJK", "IDEOGRAPHIC": "CJK", "HANGUL": "CJK", "FEMININE": "LATIN",
                  "MASCULINE": "LATIN", "MODIFIER": "LATIN"}


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    first = unicodedata.name(char, "?").split(" ", 1)[0]       # LATIN, CYRILLIC, ARABIC, GREEK...
    return _SCRIPT_FAMILY.get(first, first)


def _word_ok(word: str) -> bool:
    """One script, sensible case (lower, Title or UPPER), and not a run of accented Latin letters."""
    scripts = {_script(c) for c in word}
    if len(scripts) > 1:
        return False                    # Cyrillic glued to Latin, Arabic glued to accented Latin: mojibake
    if word.lower() != word.upper() and not (word.islower() or word.isupper() or word.istitle()):
        return False                    # "мОСКВА": KOI8-R read as windows-1251 (or the other way round)
    if scripts == {"LATIN"} and len(word) >= 4:
        accented = sum(ord(c) > 127 for c in word)
        return accented * 2 <= len(word)    # "Ìîñêâà": Cyrillic bytes read as Latin-1
    return True


def plausibility(text: str) -> float:
    """How much decoded text looks like real writing, 0..1, judged on its words with non-ASCII letters.

    A wrong single-byte charset still decodes, but gives words that mix scripts, have random case or are
    runs of accented Latin letters, and turns mostly-lowercase prose into mostly-uppercase. ASCII-only text
    scores 1: every ASCII-compatible charset reads it the same.
    """
    words, good, lower, cased = 0, 0, 0, 0
    for match in _FOREIGN_WORD.finditer(text):
        word = match.group()
        words += 1
        good += _word_ok(word)
        for char in word:
            if char.islower():
                lower += 1
                cased += 1
            elif char.isupper():
                cased += 1
        if words >= _SAMPLE_WORDS:
            break
    if not words:
        return 0.5 if "\ufffd" in text else 1.0
    score = good / words
    if cased >= 30 and lower < 0.4 * cased:
        score *= lower / (0.4 * cased)   # prose is mostly lower case; case-swapped Cyrillic is not
    return score


def _decoded(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None


def _is_utf8(label: str) -> bool:
    try:
        return codecs.lookup(label).name == "utf-8"
    except LookupError:
        return False


def html_charset(item: str, data: bytes) -> str:
    """The page's charset: BOM, then UTF-8 if the bytes are valid UTF-8, then the label if its text is
    plausible, then the most plausible of the label, common legacy charsets and charset-normalizer's guess.

    Pages often lie: a windows-1251 page labelled iso-8859-1 decodes without error into accented-Latin
    soup, so a declared single-byte charset is accepted only when its text reads as real words (see
    `plausibility`). ASCII-only pages keep their label, as every ASCII-compatible charset reads them alike.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    match = _META_CHARSET.search(data[:8192])
    label = match.group(1).decode("ascii", "replace").lower() if match else None
    if label and _decoded(b"<meta>", label) != "<meta>":
        label = None                # unknown, or not ASCII-compatible (UTF-16 named inside 8-bit markup)
    if _decoded(data, "utf-8") is not None:
        # Legacy text is practically never valid UTF-8 by accident, so a label that says otherwise is wrong.
        return label if label and (data.isascii() or _is_utf8(label)) else "utf-8"
    declared = _decoded(data, label) if label else None
    if declared is not None and plausibility(declared) >= _PLAUSIBLE:
        return label                # the common case for legacy pages: the label tells the truth
    scored: list[tuple[float, str]] = []
    if declared is not None:
        scored.append((plausibility(declared), label))
    for name in _LEGACY:
        if name != label and (text := _decoded(data, name)) is not None:
            scored.append((plausibility(text), name))
    if not scored or max(scored)[0] < _PLAUSIBLE:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
        if best is not None:
            scored.append((plausibility(str(best)), _canonical(best.encoding)))
    if not scored:
        raise InputError(item, "cannot tell the page's character encoding; save it as UTF-8")
    top = max(score for score, _ in scored)
    return next(name for score, name in scored if score == top)    # ties go to the label


_CANONICAL = [re.compile(p, re.I | re.S) for p in (
    r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']""",
    r"""<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']""",
    r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
    r"""<meta[^>]+content=["']([^"']+)["'][^>]*property=["']og:url["']""",
)]


_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header; ("", None) when there is none."""
    kind, _, params = (value or "").partition(";")
    charset = _CHARSET_PARAM.search(params)
    return kind.strip().lower(), charset.group(1).lower() if charset else None


def canonical_url(html: str) -> str | None:
    """The page's own statement of its address, if it makes one and it is an http(s) URL."""
    head = html[:20000]
    for pattern in _CANONICAL:
        match = pattern.search(head)
        if match and urlsplit(match.group(1).strip()).scheme in ("http", "https"):
            return match.group(1).strip()
    return None


def source_of(url: str | None) -> str:
    """The host a document came from, without `www.`; `local` for files with no address."""
    if not url:
        return "local"
    host = (urlsplit(url).hostname or "local").lower()
    return host[4:] if host.startswith("www.") else host
