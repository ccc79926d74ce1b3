"""How an English brief writes a name the pipeline found. Canonical names in Latin script (the term base's, or a
French or Turkish name as written: "Suren Papikyan", "DEM Parti") stay as they are. A name known only as written in
another script is transliterated and marked, so the analyst sees it is not an established English spelling:
Cyrillic by iuliia's Wikipedia scheme ("Мухаммед бин Зайед" -> "Mukhammed bin Zayed (transliterated from
Мухаммед бин Зайед)"). Arabic script writes no short vowels, so a letter-by-letter transliteration ("khld l`bydy")
is no name a reader would recognise: such a name is kept as written and marked as Arabic."""

from __future__ import annotations

import unicodedata

import iuliia
from anyascii import anyascii


def script(name: str) -> str:
    """"latin", "cyrillic", "arabic" or "other": the script of a name's letters (the first non-Latin one wins)."""
    for ch in name:
        if not ch.isalpha() or ch.isascii():
            continue
        kind = unicodedata.name(ch, "").split(" ", 1)[0]
        if kind in ("CYRILLIC", "ARABIC"):
            return kind.lower()
        if kind != "LATIN":
            return "other"
    return "latin"


def shown(name: str) -> str:
    """`name` as the brief's English writes it (see the module docstring)."""
    name = " ".join(name.split())
    kind = script(name)
    if kind == "latin":
        return name
    if kind == "cyrillic":
        return f"{iuliia.WIKIPEDIA.translate(name)} (transliterated from {name})"
    if kind == "arabic":
        return f"{name} (as written in Arabic)"
    return f"{anyascii(name)} (transliterated from {name})"


def plain(name: str) -> bool:
    """Whether the brief writes `name` as it is (no transliteration or mark)."""
    return script(" ".join(name.split())) == "latin"
