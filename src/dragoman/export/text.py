"""Untrusted text on its way into an export: every string from a page passes through here once.

- `clean`: no terminal escapes, no C0/C1 controls, no bidi embeddings, overrides or isolates (RLO, LRI…; they
  make text display in an order other than the one it is stored in); whitespace runs folded. The removed bidi
  controls are counted so the export's summary can say how many went.
- `cell`: a CSV cell that no spreadsheet runs as a formula (OWASP: a leading = + - @, tab or carriage return,
  even after spaces, gets a leading apostrophe).
- `json_text`: JSON whose bytes hold no `<`, `>` or `&` (written as \\u003c…), so a file pasted into an HTML
  page or a report template carries no markup, while every parser reads the same strings back.
- `html_text`: text for a place a consumer renders as HTML (a KML balloon description).
"""

from __future__ import annotations

import html
import json
import math
from typing import Any

from ..text.controls import count_bidi, inert

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Cleaner:
    """Cleans strings and counts the bidi controls it removed (one per export)."""

    def __init__(self) -> None:
        self.bidi_removed = 0

    def __call__(self, text: str | None, limit: int | None = None) -> str:
        """`text` made inert, with whitespace runs (newlines included) folded to one space; "" for None.
        `limit` cuts it to that many characters with an ellipsis."""
        if not text:
            return ""
        self.bidi_removed += count_bidi(text)
        out = " ".join(inert(text).split())
        if limit is not None and len(out) > limit:
            out = out[:limit - 1].rstrip() + "…"
        return out

    def all(self, values) -> list[str]:
        """Each value cleaned, empty ones and repeats dropped, order kept."""
        return list(dict.fromkeys(v for v in (self(x) for x in values) if v))


def cell(value: Any) -> str:
    """A CSV cell: numbers as they are, text neutralised so a spreadsheet shows it instead of evaluating it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return "" if isinstance(value, float) and not math.isfinite(value) else repr(value)
    text = str(value)
    if text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + text
    return text


def json_text(value: Any, indent: int | None = None) -> str:
    """`value` as JSON with non-ASCII kept readable and no raw markup characters."""
    return no_markup(json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False))


def no_markup(encoded: str) -> str:
    """Encoded JSON with `<`, `>` and `&` written as escapes (they can only stand inside its strings)."""
    return encoded.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def html_text(text: str) -> str:
    """Plain text for an HTML-rendering consumer: markup characters escaped, line breaks kept as <br>."""
    return "<br>".join(html.escape(line, quote=True) for line in text.split("\n"))


def coordinate(value: float) -> float:
    """Degrees to six decimals (~0.1 m): more digits only pretend to a precision no place here has."""
    return round(float(value), 6)
