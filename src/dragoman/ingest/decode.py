"""Checks and decoding for raw bytes: refuse binary junk, find the charset, read page metadata.

Every text input (pages, plain text and Markdown files, WARC records, fetched bodies) finds its charset the same
way, `detect_charset`: BOM, UTF-16 by its NUL pattern, UTF-8 when the bytes are valid UTF-8, then the declared
label if its text is plausible, else the most plausible reading among common legacy charsets.
"""

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


# Labels never honoured: UTF-7 (and its kin) can smuggle markup past filters that look for '<'.
_REFUSED_LABELS = {"utf-7", "utf_7", "unicode-1-1-utf-7", "csunicode11utf7", "x-imap4-modified-utf7"}


def refuse_binary(item: str, data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(item, f"binary content ({kind}), not text")
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]) or _utf16_without_bom(head):
        return                                  # UTF-16 text legitimately contains NUL bytes
    if b"\x00" in head:
        raise InputError(item, "binary content (NUL bytes), not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when the bytes look like mostly-Latin UTF-16 (NULs in every other byte) and decode."""
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even = head[0:pairs * 2:2].count(0)       # NUL bytes at even offsets (bytes.count, not a loop per byte)
    odd = head[1:pairs * 2:2].count(0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        name = "utf-16-le"
    elif even >= 0.3 * pairs and odd <= 0.05 * pairs:
        name = "utf-16-be"
    else:
        return None
    return name if _decoded(data[: len(data) // 2 * 2], name) is not None else None


def decode_text(item: str, data: bytes, label: str | None = None) -> tuple[str, str]:
    """Text and the charset it was read with, found as every text input's is (`detect_charset`)."""
    charset = detect_charset(item, data, label)
    text = data.decode(charset, errors="replace")
    return text.lstrip("\ufeff"), charset.replace("-sig", "")


# Single-byte encodings that accept (almost) any byte, so a wrong one decodes without error: tried when a
# page's own label gives implausible text. Order breaks ties: windows-1256 also carries the French letters
# of windows-1252, so Western text would read the same in both.
# windows-1254 follows windows-1252 (they differ only in six letters; see `_latin_misread`), mac-cyrillic follows
# windows-1251 (they share the lower case).
_LEGACY = ("windows-1252", "windows-1254", "windows-1251", "mac-cyrillic", "koi8-r", "windows-1256")
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
    glued = len(_GLUED.findall(text, 0, 200_000))
    if glued:
        score *= max(0.0, 1 - 4 * glued / words)     # "мо€" : windows-1251 read as mac-cyrillic
    if _latin_misread(text):
        score *= 0.5
    return score


# Symbols that never touch a letter in real text, but do when one Cyrillic charset is read as another; and
# direction marks inside Latin words (Turkish ı ş read as windows-1256 are LRM RLM); dashes and double quotes
# between two letters (iso-8859-5's а-е are mac-cyrillic's –—“”‘’).
_GLUED = re.compile(r"(?<=[^\W\d_])[€‡‰†™›‹¬√ƒ≈∆÷•¶®≠∞±≤≥µ]|[€‡‰†™›‹¬√ƒ≈∆÷•¶®≠∞±≤≥µ](?=[^\W\d_])"
                    r"|(?<=[A-Za-z])[\u200e\u200f]|[\u200e\u200f](?=[A-Za-z])"
                    r"|(?<=[^\W\d_])[–—“”„](?=[^\W\d_])")     # a dash or quote inside a word: iso-8859-5 read as mac
# Turkish ı ş ğ İ Ş Ğ in windows-1254 are ý þ ð Ý Þ Ð in windows-1252. Icelandic, the one language that writes
# ý þ ð, also writes á í ó ú æ, which Turkish never does; so ý/þ/ð without those is Turkish read as Latin-1.
_LATIN_ONLY = re.compile("[ýþðÝÞÐ]")
_TURKISH_ONLY = re.compile("[ışğİŞĞ]")
_ICELANDIC = re.compile("[áíóúæÁÍÓÚÆ]")


def _latin_misread(text: str) -> bool:
    sample = text[:200_000]
    icelandic = _ICELANDIC.search(sample) is not None
    if _LATIN_ONLY.search(sample):
        return not icelandic
    return bool(_TURKISH_ONLY.search(sample)) and icelandic and not _turkish_letters_only(sample)


def _turkish_letters_only(sample: str) -> bool:
    """Turkish text that quotes a Spanish or Icelandic name still reads as Turkish: its ı outnumbers á/í/ó/ú."""
    return len(_TURKISH_ONLY.findall(sample)) > 5 * len(_ICELANDIC.findall(sample))


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


def html_charset(item: str, data: bytes, declared: str | None = None) -> str:
    """A page's charset: `detect_charset` with the label the server `declared`, else the page's <meta>."""
    if not declared:
        match = _META_CHARSET.search(data[:8192])
        declared = match.group(1).decode("ascii", "replace") if match else None
    return detect_charset(item, data, declared)


def _usable_label(label: str | None) -> str | None:
    """The label if it names an ASCII-compatible charset we honour; None for unknown, UTF-16 named inside 8-bit
    text, and UTF-7."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        if codecs.lookup(label).name in _REFUSED_LABELS or label in _REFUSED_LABELS:
            return None
    except LookupError:
        return None
    return label if _decoded(b"<meta>", label) == "<meta>" else None


def detect_charset(item: str, data: bytes, label: str | None = None) -> str:
    """The charset of any text input: BOM, then UTF-16 by its NUL pattern, then UTF-8 if the bytes are valid
    UTF-8, then the label if its text is plausible, then the most plausible of the label, common legacy charsets
    and charset-normalizer's guess.

    Labels often lie: a windows-1251 page labelled iso-8859-1 decodes without error into accented-Latin
    soup, so a declared single-byte charset is accepted only when its text reads as real words (see
    `plausibility`). ASCII-only input keeps its label, as every ASCII-compatible charset reads it alike.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data[:4096] and (utf16 := _utf16_without_bom(data)):
        return utf16
    label = _usable_label(label)
    if _decoded(data, "utf-8") is not None:
        # Legacy text is practically never valid UTF-8 by accident, so a label that says otherwise is wrong.
        return label if label and (data.isascii() or _is_utf8(label)) else "utf-8"
    declared = _decoded(data, label) if label else None
    if declared is not None and plausibility(declared) >= _PLAUSIBLE:
        return label                # the common case for legacy pages: the label tells the truth
    scored: list[tuple[float, str, str]] = []
    if declared is not None:
        scored.append((plausibility(declared), label, declared))
    for name in _LEGACY:
        if name != label and (text := _decoded(data, name)) is not None:
            scored.append((plausibility(text), name, text))
    if not scored or max(score for score, _, _ in scored) < _PLAUSIBLE:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
        if best is not None:
            scored.append((plausibility(str(best)), _canonical(best.encoding), str(best)))
    if not scored:
        raise InputError(item, "cannot tell the character encoding; save it as UTF-8")
    top = max(score for score, _, _ in scored)
    tied = [(name, text) for score, name, text in scored if score == top]
    # Among equally plausible readings, the one whose non-ASCII characters are letters, not dashes and quotes
    # (Arabic "حفتر" read as mac-cyrillic is "ЌЁ —"); max keeps the first, so the label wins a full tie.
    return max(tied, key=lambda pair: _letter_share(pair[1]))[0]


def _letter_share(text: str) -> float:
    """The share of letters among the non-ASCII, non-space characters of the first 20,000."""
    foreign = [c for c in text[:20_000] if ord(c) > 127 and not c.isspace()]
    return sum(c.isalpha() for c in foreign) / len(foreign) if foreign else 1.0


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
        if match and _scheme(match.group(1).strip()) in ("http", "https"):
            return match.group(1).strip()
    return None


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:                  # an unclosed IPv6 bracket and the like
        return ""


def source_of(url: str | None) -> str:
    """The host a document came from, without `www.`; `local` for files with no address."""
    if not url:
        return "local"
    try:
        host = (urlsplit(url).hostname or "local").lower()
    except ValueError:                  # a page or feed can state any junk as its address
        return "local"
    return host[4:] if host.startswith("www.") else host
