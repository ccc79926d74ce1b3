"""Our own additions to the gazetteer (country centres and names, demonyms, seas, macro-regions), checked on load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datafile import safe_load
from ..errors import InputError
from .facilities import LANGS

DEFAULT_PATH = Path(__file__).with_name("data") / "places.yaml"
REGION_FEATURES = ("region", "sea", "continent", "landmark")
SECTIONS = ("centres", "continents", "countries", "subdivisions", "regions")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_ISO_SUB = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


@dataclass(frozen=True)
class Names:
    """Extra names for a country, subdivision or region: {lang: names} and English demonyms."""

    names: dict[str, tuple[str, ...]]
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    feature: str
    lat: float
    lon: float
    extra: Names
    country: str = ""
    source: str = ""                  # where the point comes from ("GeoNames 363196", "our estimate: ...")


@dataclass(frozen=True)
class Additions:
    centres: dict[str, tuple[float, float]]
    continents: dict[str, Names]
    countries: dict[str, Names]
    subdivisions: dict[str, Names]
    regions: tuple[Region, ...]


def _fail(path: Path, item: str, reason: str) -> InputError:
    return InputError(f"{path}: {item}", reason)


def _names(path: Path, item: str, raw: Any, allowed: set[str]) -> Names:
    if not isinstance(raw, dict):
        raise _fail(path, item, "must be a mapping of languages to name lists")
    names: dict[str, tuple[str, ...]] = {}
    for field, value in raw.items():
        if field in allowed:
            continue
        if field != "demonyms" and field not in LANGS:
            raise _fail(path, item, f"field '{field}': not a language ({', '.join(LANGS)}) or 'demonyms'")
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(path, item, f"field '{field}': must be a list of non-empty names")
        if field != "demonyms":
            names[field] = tuple(v.strip() for v in value)
    demonyms = tuple(v.strip() for v in raw.get("demonyms", ()))
    return Names(names, demonyms)


def _coordinate(path: Path, item: str, name: str, value: Any, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
        raise _fail(path, item, f"field '{name}': {value!r} is not a number within ±{limit}")
    return float(value)


def load_additions(path: Path | str = DEFAULT_PATH) -> Additions:
    """Read and check places.yaml; raises InputError naming the entry and field at fault."""
    import yaml
    path = Path(path)
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the place additions: {exc}") from exc
    if not isinstance(data, dict) or set(data) - set(SECTIONS):
        raise InputError(str(path), f"must be a mapping with the sections {', '.join(SECTIONS)}")
    centres: dict[str, tuple[float, float]] = {}
    for code, point in (data.get("centres") or {}).items():
        if not _ISO2.match(str(code)) or not isinstance(point, list) or len(point) != 2:
            raise _fail(path, f"centres.{code}", "must be an ISO alpha-2 code mapped to [lat, lon]")
        centres[code] = (_coordinate(path, f"centres.{code}", "lat", point[0], 90),
                         _coordinate(path, f"centres.{code}", "lon", point[1], 180))
    continents = {}
    for code, raw in (data.get("continents") or {}).items():
        if not _ISO2.match(str(code)):
            raise _fail(path, f"continents.{code}", "is not a two-letter continent code (AF AS EU NA SA OC AN)")
        continents[code] = _names(path, f"continents.{code}", raw, set())
    countries = {}
    for code, raw in (data.get("countries") or {}).items():
        if not _ISO2.match(str(code)):
            raise _fail(path, f"countries.{code}", "is not an ISO 3166-1 alpha-2 code")
        countries[code] = _names(path, f"countries.{code}", raw, set())
    subdivisions = {}
    for code, raw in (data.get("subdivisions") or {}).items():
        if not _ISO_SUB.match(str(code)):
            raise _fail(path, f"subdivisions.{code}", "is not an ISO 3166-2 code")
        subdivisions[code] = _names(path, f"subdivisions.{code}", raw, set())
    regions = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("regions") or []):
        item = f"regions.{raw.get('id', i + 1) if isinstance(raw, dict) else i + 1}"
        if not isinstance(raw, dict):
            raise _fail(path, item, "must be a mapping")
        for field in ("id", "name", "feature", "lat", "lon"):
            if raw.get(field) in (None, ""):
                raise _fail(path, item, f"field '{field}' is missing")
        if raw["feature"] not in REGION_FEATURES:
            raise _fail(path, item, f"field 'feature': '{raw['feature']}' is not one of {', '.join(REGION_FEATURES)}")
        if raw["id"] in seen:
            raise _fail(path, item, "field 'id': duplicate")
        seen.add(raw["id"])
        country = str(raw.get("country") or "")
        source = raw.get("source", "")
        if not isinstance(source, str):
            raise _fail(path, item, "field 'source': must be text (where the point comes from)")
        if country and not _ISO2.match(country):
            raise _fail(path, item, f"field 'country': '{country}' is not an ISO 3166-1 alpha-2 code")
        regions.append(Region(raw["id"], raw["name"], raw["feature"],
                              _coordinate(path, item, "lat", raw["lat"], 90),
                              _coordinate(path, item, "lon", raw["lon"], 180),
                              _names(path, item, raw, {"id", "name", "feature", "lat", "lon", "country", "source"}),
                              country, source.strip()))
    return Additions(centres, continents, countries, subdivisions, tuple(regions))
