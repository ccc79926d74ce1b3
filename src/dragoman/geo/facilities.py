"""The facility table (air bases, naval bases, ports, key airports): YAML data checked when loaded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafile import read_yaml
from ..errors import InputError

DEFAULT_PATH = Path(__file__).with_name("data") / "facilities.yaml"
FEATURES = ("airbase", "naval_base", "port", "airport")
CONFIDENCE = ("high", "medium", "low")
LANGS = ("en", "ar", "ru", "tr", "fr")
REQUIRED = ("id", "name", "feature", "country", "lat", "lon", "confidence", "aliases", "sources")
OPTIONAL = ("icao", "iata", "weak_aliases", "disagreement")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ICAO = re.compile(r"^[A-Z0-9]{4}$")
_IATA = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Facility:
    """One curated site with its aliases per language and the sources of its coordinates."""

    id: str
    name: str
    feature: str
    country: str
    lat: float
    lon: float
    confidence: str
    aliases: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]
    weak_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    icao: str | None = None
    iata: str | None = None
    disagreement: str = ""

    def names(self) -> list[tuple[str, str, bool]]:
        """Every (name, lang, weak) of this facility, its English name first."""
        out = [(self.name, "en", False)]
        out += [(alias, lang, False) for lang, aliases in self.aliases.items() for alias in aliases]
        out += [(alias, lang, True) for lang, aliases in self.weak_aliases.items() for alias in aliases]
        return out


def _problem(path: Path, entry: str, field_name: str, reason: str) -> InputError:
    return InputError(f"{path}: facility '{entry}'", f"field '{field_name}': {reason}")


def _aliases(path: Path, entry: str, name: str, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not value:
        raise _problem(path, entry, name, "must map languages (en ar ru tr fr) to lists of names")
    out: dict[str, tuple[str, ...]] = {}
    for lang, names in value.items():
        if lang not in LANGS:
            raise _problem(path, entry, name, f"unknown language '{lang}' (use one of {', '.join(LANGS)})")
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise _problem(path, entry, f"{name}.{lang}", "must be a list of non-empty names")
        out[lang] = tuple(n.strip() for n in names)
    return out


def _number(path: Path, entry: str, name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _problem(path, entry, name, f"must be a number, got {value!r}")
    if not low <= value <= high:
        raise _problem(path, entry, name, f"{value} is outside [{low}, {high}]")
    return float(value)


def _entry(path: Path, index: int, raw: Any) -> Facility:
    if not isinstance(raw, dict):
        raise InputError(f"{path}: entry {index + 1}", "must be a mapping of fields")
    entry = str(raw.get("id") or f"#{index + 1}")
    for name in REQUIRED:
        if raw.get(name) in (None, "", [], {}):
            raise _problem(path, entry, name, "is missing")
    unknown = set(raw) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise _problem(path, entry, sorted(unknown)[0], f"unknown field (known: {', '.join(REQUIRED + OPTIONAL)})")
    if not _ID.match(str(raw["id"])):
        raise _problem(path, entry, "id", "use lower-case letters, digits and hyphens")
    if raw["feature"] not in FEATURES:
        raise _problem(path, entry, "feature", f"'{raw['feature']}' is not one of {', '.join(FEATURES)}")
    if raw["confidence"] not in CONFIDENCE:
        raise _problem(path, entry, "confidence", f"'{raw['confidence']}' is not one of {', '.join(CONFIDENCE)}")
    import pycountry
    if not isinstance(raw["country"], str) or pycountry.countries.get(alpha_2=raw["country"]) is None:
        raise _problem(path, entry, "country", f"'{raw['country']}' is not an ISO 3166-1 alpha-2 code")
    for name, pattern in (("icao", _ICAO), ("iata", _IATA)):
        if raw.get(name) is not None and not pattern.match(str(raw[name])):
            raise _problem(path, entry, name, f"'{raw[name]}' is not a valid {name.upper()} code")
    sources = raw["sources"]
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise _problem(path, entry, "sources", "must be a list of non-empty strings")
    return Facility(
        id=raw["id"], name=str(raw["name"]), feature=raw["feature"], country=raw["country"],
        lat=_number(path, entry, "lat", raw["lat"], -90, 90), lon=_number(path, entry, "lon", raw["lon"], -180, 180),
        confidence=raw["confidence"], aliases=_aliases(path, entry, "aliases", raw["aliases"]),
        weak_aliases=_aliases(path, entry, "weak_aliases", raw["weak_aliases"]) if raw.get("weak_aliases") else {},
        sources=tuple(s.strip() for s in sources), icao=raw.get("icao"), iata=raw.get("iata"),
        disagreement=str(raw.get("disagreement") or ""))


def load_facilities(path: Path | str = DEFAULT_PATH) -> list[Facility]:
    """Read and check the facility table; raises InputError naming the entry and field at fault."""
    path = Path(path)
    data = read_yaml(path, list, what="facility table")
    facilities = [_entry(path, i, raw) for i, raw in enumerate(data)]
    seen: dict[str, int] = {}
    for i, facility in enumerate(facilities):
        if facility.id in seen:
            raise _problem(path, facility.id, "id", f"duplicate of entry {seen[facility.id] + 1}")
        seen[facility.id] = i
    return facilities


@lru_cache(maxsize=4)
def facilities(path: Path = DEFAULT_PATH) -> tuple[Facility, ...]:
    """The checked table, read once per process."""
    return tuple(load_facilities(path))
