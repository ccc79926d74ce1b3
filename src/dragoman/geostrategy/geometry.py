"""Geodesics on the WGS84 ellipsoid (Karney's algorithm through geographiclib, accurate to nanometres), compass
words as bearing sectors, and geodesic circles as GeoJSON rings."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import InputError

_POINTS16 = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
_LETTERS = {"north": "N", "south": "S", "east": "E", "west": "W"}


@dataclass(frozen=True)
class Measure:
    """The geodesic from a to b: length, the bearing to set off on, and the bearing on arrival (degrees, 0 = N)."""

    km: float
    bearing: float
    final_bearing: float

    @property
    def compass(self) -> str:
        return compass(self.bearing)


def _geod():
    from geographiclib.geodesic import Geodesic
    return Geodesic.WGS84


def measure(a, b) -> Measure:
    """Distance and bearings between two objects with .lat and .lon."""
    g = _geod().Inverse(a.lat, a.lon, b.lat, b.lon)
    return Measure(g["s12"] / 1000.0, g["azi1"] % 360.0, g["azi2"] % 360.0)


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point `km` along the geodesic that leaves (lat, lon) on `bearing`."""
    g = _geod().Direct(lat, lon, bearing, km * 1000.0)
    return g["lat2"], _wrap(g["lon2"])


def circle(lat: float, lon: float, km: float, steps: int = 120) -> list[list[float]]:
    """A closed GeoJSON ring ([lon, lat] pairs, counter-clockwise) of points `km` from the centre."""
    ring = [list(reversed(destination(lat, lon, 360.0 - i * 360.0 / steps, km))) for i in range(steps)]
    return [[round(x, 5), round(y, 5)] for x, y in ring + ring[:1]]


def angle_between(a: float, b: float) -> float:
    """The signed turn from bearing a to bearing b, in (-180, 180]."""
    d = (b - a) % 360.0
    return d - 360.0 if d > 180.0 else d


def compass(bearing: float) -> str:
    """The 16-point compass word nearest to a bearing (N, NNE, NE …)."""
    return _POINTS16[int((bearing % 360.0) / 22.5 + 0.5) % 16]


@dataclass(frozen=True)
class Sector:
    """A compass word as a bearing and the half-width its wording allows (±22.5° for the eight-point words)."""

    word: str
    bearing: float
    half_width: float

    def holds(self, bearing: float) -> bool:
        return abs(angle_between(self.bearing, bearing)) <= self.half_width + 1e-9

    def outside_by(self, bearing: float) -> float:
        """How many degrees a bearing lies outside the sector (0 when inside)."""
        return max(0.0, abs(angle_between(self.bearing, bearing)) - self.half_width)


def sector(direction: str) -> Sector:
    """"SE", "south-east", "southeast", "south east", "SSW", "south-southwest" or a bearing in degrees ("135")."""
    raw = direction
    text = direction.strip().lower()
    try:
        value = float(text.rstrip("°"))
    except ValueError:
        pass
    else:
        if not 0 <= value <= 360:
            raise InputError(f"direction {raw!r}", "a bearing must lie between 0 and 360 degrees")
        return Sector(f"{value:g}°", value % 360.0, 5.0)      # a stated bearing: allow a little slack
    for word, letter in _LETTERS.items():
        text = text.replace(word, letter.lower())
    code = re.sub(r"[\s\-_]+", "", text).upper()
    if code not in _POINTS16:
        raise InputError(f"direction {raw!r}", "not a compass direction (use N, NE, south-east, SSW … or degrees)")
    # An eight-point word names a 45° sector; a sixteen-point word (three letters) a 22.5° one.
    return Sector(code, _POINTS16.index(code) * 22.5, 22.5 if len(code) <= 2 else 11.25)


def rounding_tolerance(km: float) -> float:
    """How far a reported distance may be from the truth and still hold: half its rounding unit (150 → ±25, a
    figure rounded to 50), and never less than 10 % (reporters round, and give road or straight-line figures)."""
    if km <= 0:
        raise InputError(f"distance {km:g} km", "must be more than zero")
    unit = 1.0
    for step in (1000, 500, 100, 50, 10, 5):
        if km >= step and km % step == 0:
            unit = float(step)
            break
    return max(unit / 2.0, 0.1 * km)


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """A spherical estimate (mean radius 6371 km), only for quick pre-filters before the exact geodesic."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
