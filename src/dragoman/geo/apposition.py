""""Town, Area" in text ("Helena, Mont.", "Springfield, Illinois", "Delft, Cape Town"): the area after the comma
says where the town is. Areas are the next name in the text or a short form from abbreviations.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..datafile import safe_load
from ..errors import InputError

DEFAULT_PATH = Path(__file__).with_name("data") / "abbreviations.yaml"
_ISO_SUB = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_COMMA = re.compile(r"\s?,\s{1,2}")
_LONGEST = 6                                   # characters of the longest short form ("P.E.I.", "W.Va.")


@lru_cache(maxsize=4)
def abbreviations(path: Path | str = DEFAULT_PATH) -> dict[str, tuple[str, ...]]:
    """Short form as written -> ISO 3166-2 codes ("WA": Washington and Western Australia); InputError naming
    the entry at fault."""
    import yaml
    path = Path(path)
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the subdivision short forms: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "must map ISO 3166-2 codes to lists of short forms")
    out: dict[str, tuple[str, ...]] = {}
    for code, forms in data.items():
        if not _ISO_SUB.match(str(code)):
            raise InputError(f"{path}: {code}", "is not an ISO 3166-2 code")
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise InputError(f"{path}: {code}", "must be a list of short forms (quote ON, NO, YES: YAML reads them "
                                                "as true/false)")
        for form in forms:
            if code in out.get(form.strip(), ()):
                raise InputError(f"{path}: {code}", f"{form!r} is listed twice")
            out[form.strip()] = out.get(form.strip(), ()) + (code,)
    return out


def area_after(text: str, end: int) -> tuple[int, tuple[str, ...]]:
    """Where a name after ", " would start (-1: no comma), and the subdivision codes of a short form there."""
    found = _COMMA.match(text, end)
    if not found:
        return -1, ()
    start = found.end()
    table = abbreviations()
    for size in range(min(_LONGEST, len(text) - start), 1, -1):
        form = text[start:start + size]
        follows = text[start + size:start + size + 1]
        if form in table and not follows.isalnum():
            return start, table[form]
    return start, ()
