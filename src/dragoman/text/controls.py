"""Characters that must never travel from a page to a terminal or an export.

Terminal escapes (ESC, CSI, OSC, other C0/C1 controls) can rewrite the screen, set window titles or hide text;
bidi overrides and isolates (RLO, LRI…) can make text display in an order other than the one it is stored in.
Marks that carry no such power (LRM, RLM, ALM, ZWJ, ZWNJ) are kept: Arabic and Persian text needs them.
"""

from __future__ import annotations

import re
from typing import Any

# A whole escape sequence goes, not only its ESC, so no "[31m" debris is left behind:
# CSI (ESC [ … final byte), terminated OSC / DCS / PM / APC strings (… up to BEL or ST), other ESC
# pairs. 8-bit introducers (CSI, OSC…) are only dropped: mis-decoded legacy text can hold one anywhere.
_SEQUENCE = re.compile(
    r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|\x1b[\]P^_X][^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x7e]?")
# C0 controls except tab and newline, DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates: LRE RLE PDF LRO RLO (U+202A–E), LRI RLI FSI PDI (U+2066–9).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences or control characters; tab and newline stay, CR becomes LF."""
    if text.isprintable() or not _CONTROL.search(text):   # a page's newlines alone: one scan, no copies
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:                 # every escape sequence starts with ESC
        text = _SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def count_bidi(text: str) -> int:
    return len(_BIDI.findall(text))


def drop_bidi(text: str) -> str:
    """`text` without bidi embeddings, overrides and isolates: it then displays in the order it is stored."""
    return _BIDI.sub("", text)


def inert(text: str) -> str:
    """What may be printed (terminal, Markdown, HTML) of an untrusted string: no escapes, no controls, no bidi
    overrides."""
    return drop_bidi(strip_controls(text))


def neutralise(struct: Any) -> tuple[Any, int]:
    """A copy of a msgspec Struct (a Brief) with escapes and controls dropped from every string and bidi
    embeddings, overrides and isolates removed; and how many bidi controls went."""
    import msgspec
    removed = 0

    def clean(value: Any) -> Any:
        nonlocal removed
        if isinstance(value, str):
            removed += count_bidi(value)
            return drop_bidi(strip_controls(value))
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value
    cleaned = clean(msgspec.to_builtins(struct))
    return (msgspec.convert(cleaned, type(struct)) if removed or cleaned != msgspec.to_builtins(struct)
            else struct), removed
