"""The platform table (aircraft and drones with speed and reach): YAML data checked when loaded, each figure
with its source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafile import read_yaml
from ..errors import InputError

DEFAULT_PATH = Path(__file__).with_name("data") / "platforms.yaml"
ROLES = ("transport", "airliner", "strike", "fighter", "drone")
FIGURES = ("cruise_kmh", "range_km", "combat_radius_km", "ferry_range_km")
_FIELDS = ("id", "name", "role", "aliases") + FIGURES
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Figure:
    value: float
    source: str
    note: str = ""


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    role: str
    aliases: tuple[str, ...]
    figures: dict[str, Figure]

    @property
    def cruise_kmh(self) -> float:
        return self.figures["cruise_kmh"].value

    def one_way_km(self) -> float | None:
        """How far it flies to land elsewhere: its range, else its ferry range."""
        for name in ("range_km", "ferry_range_km"):
            if name in self.figures:
                return self.figures[name].value
        return None

    def radius_km(self) -> tuple[float, str]:
        """How far it goes and comes back without landing: its combat radius, else half its range."""
        if "combat_radius_km" in self.figures:
            return self.figures["combat_radius_km"].value, "combat_radius_km"
        one_way = self.one_way_km()
        return (one_way or 0.0) / 2.0, "half of range_km" if "range_km" in self.figures else "half of ferry_range_km"

    def hours(self, km: float) -> float:
        return km / self.cruise_kmh

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role, "aliases": list(self.aliases),
                **{k: {"value": f.value, "note": f.note, "source": f.source} for k, f in self.figures.items()}}


def _problem(path: Path, entry: str, field: str, reason: str) -> InputError:
    return InputError(f"{path}: platform '{entry}'", f"field '{field}': {reason}")


def _figure(path: Path, entry: str, name: str, raw: Any) -> Figure:
    if not isinstance(raw, dict) or "value" not in raw:
        raise _problem(path, entry, name, "must be a mapping with value and source")
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise _problem(path, entry, name, f"value must be a positive number, got {value!r}")
    if not isinstance(raw.get("source"), str) or not raw["source"].strip():
        raise _problem(path, entry, name, "every figure needs a source")
    unknown = set(raw) - {"value", "source", "note"}
    if unknown:
        raise _problem(path, entry, name, f"unknown key '{sorted(unknown)[0]}' (use value, source, note)")
    return Figure(float(value), raw["source"].strip(), str(raw.get("note") or "").strip())


def _entry(path: Path, index: int, raw: Any) -> Platform:
    if not isinstance(raw, dict):
        raise InputError(f"{path}: entry {index + 1}", "must be a mapping of fields")
    entry = str(raw.get("id") or f"#{index + 1}")
    for name in ("id", "name", "role", "cruise_kmh"):
        if raw.get(name) in (None, ""):
            raise _problem(path, entry, name, "is missing")
    unknown = set(raw) - set(_FIELDS)
    if unknown:
        raise _problem(path, entry, sorted(unknown)[0], f"unknown field (known: {', '.join(_FIELDS)})")
    if not _ID.match(str(raw["id"])):
        raise _problem(path, entry, "id", "use lower-case letters, digits and hyphens")
    if raw["role"] not in ROLES:
        raise _problem(path, entry, "role", f"'{raw['role']}' is not one of {', '.join(ROLES)}")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise _problem(path, entry, "aliases", "must be a list of non-empty names")
    figures = {name: _figure(path, entry, name, raw[name]) for name in FIGURES if raw.get(name) is not None}
    if not {"range_km", "combat_radius_km", "ferry_range_km"} & set(figures):
        raise _problem(path, entry, "range_km", "give at least one of range_km, combat_radius_km, ferry_range_km")
    return Platform(raw["id"], str(raw["name"]), raw["role"], tuple(a.strip() for a in aliases), figures)


def load_platforms(path: Path | str = DEFAULT_PATH) -> list[Platform]:
    path = Path(path)
    platforms = [_entry(path, i, raw) for i, raw in enumerate(read_yaml(path, list, what="platform table"))]
    seen: set[str] = set()
    for p in platforms:
        if p.id in seen:
            raise _problem(path, p.id, "id", "duplicate")
        seen.add(p.id)
    return platforms


@lru_cache(maxsize=4)
def platforms(path: Path = DEFAULT_PATH) -> tuple[Platform, ...]:
    return tuple(load_platforms(path))


def _key(name: str) -> str:
    return re.sub(r"[\s\-_.]+", "", name.casefold())


def platform(name: str) -> Platform:
    """The platform called `name` (id, name or alias, any case, hyphens optional); InputError naming it."""
    key = _key(name or "")
    for p in platforms():
        if key in {_key(p.id), _key(p.name), *(_key(a) for a in p.aliases)}:
            return p
    known = ", ".join(p.id for p in platforms())
    raise InputError(f"platform {name!r}", f"not in the platform table (known: {known})")
