"""Printing untrusted text (titles, names, paths, reasons from pages and channels) to a terminal.

Every string printed through `Console` below is stripped of escapes and controls and is never read as Rich
markup, so a title like `[/b]` or `\\x1b]0;…\\x07` prints as the characters it is. Our own styling goes in
through `style=` or `line(("failed", "red"), " ", item)`, never through markup inside the text.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, Union

from rich.console import Console as _RichConsole
from rich.text import Text

from ..text.controls import inert

# json.dumps already escapes C0 controls; C1 controls and bidi controls it leaves raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Console(_RichConsole):
    """A Rich console that renders every string as plain, cleaned text."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **kw)

    def render_str(self, text: str, **kw: Any) -> Text:
        kw["markup"] = False
        kw["emoji"] = False
        return super().render_str(inert(text), **kw)


Piece = Union[str, tuple[str, str]]


def line(*pieces: Piece) -> Text:
    """One line from pieces: a plain string is untrusted and cleaned; a (text, style) pair is our own label."""
    out = Text()
    for piece in pieces:
        if isinstance(piece, tuple):
            out.append(inert(piece[0]), style=piece[1])
        else:
            out.append(inert(str(piece)))
    return out


def write(stream: Any, text: str) -> None:
    """Plain write of untrusted text (no Rich): cleaned first."""
    stream.write(inert(text))


def emit_json(data: Any, indent: int | None = 2) -> None:
    """JSON on stdout; C1 and bidi controls escaped as \\uXXXX so a terminal never acts on them."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
