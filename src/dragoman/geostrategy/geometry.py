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


# -- geodesic circles as valid GeoJSON (RFC 7946: split at the antimeridian, exterior rings counter-clockwise)

def circle_geometry(lat: float, lon: float, km: float, steps: int = 180) -> dict:
    """The area within `km` of a point as a GeoJSON Polygon or MultiPolygon that any map draws right: a circle
    crossing the antimeridian is cut there into two parts; one holding a pole is closed along that pole's
    edge of the map; one holding both poles (wider than a hemisphere) is the whole map less the cap around the
    antipode."""
    if km <= 0:
        raise InputError(f"radius {km:g} km", "must be more than zero")
    centre = _Point(lat, lon)
    north = measure(centre, _Point(90.0, 0.0)).km < km
    south = measure(centre, _Point(-90.0, 0.0)).km < km
    ring = [destination(lat, lon, 360.0 - i * 360.0 / steps, km) for i in range(steps)]
    xs = _unwrap([p[1] for p in ring])
    pts = [(x, p[0]) for x, p in zip(xs, ring)]
    if north and south:
        return _world_less(pts)
    if north or south:
        return {"type": "Polygon", "coordinates": [_ccw(_round_pole(ring, 90.0 if north else -90.0), True)]}
    pieces = _split(pts)
    polygons = [[_ccw(p, True)] for p in pieces]
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


class _Point:
    def __init__(self, lat: float, lon: float) -> None:
        self.lat, self.lon = lat, lon


def _unwrap(lons: list[float]) -> list[float]:
    """Longitudes made continuous (no jump of 360 between neighbours)."""
    out = [lons[0]]
    for x in lons[1:]:
        out.append(out[-1] + (x - out[-1] + 180.0) % 360.0 - 180.0)
    return out


def _clip(points: list[tuple[float, float]], x: float, keep_below: bool) -> list[tuple[float, float]]:
    """Sutherland–Hodgman against one vertical line: the part of a closed ring with lon <= x (or >= x)."""
    def inside(p):
        return p[0] <= x if keep_below else p[0] >= x
    out = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(_cross(prev, cur, x))
            out.append(cur)
        elif inside(prev):
            out.append(_cross(prev, cur, x))
    return out


def _cross(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + (b[1] - a[1]) * t)


def _split(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring cut into the map's window [-180, 180], each part shifted back into it."""
    lo, hi = min(p[0] for p in points), max(p[0] for p in points)
    pieces = []
    for k in range(int((lo + 180.0) // 360.0) - 1, int((hi + 180.0) // 360.0) + 1):
        left, right = -180.0 + 360.0 * k, 180.0 + 360.0 * k
        if hi <= left or lo >= right:
            continue
        part = _clip(_clip(points, left, keep_below=False), right, keep_below=True)
        if len(part) >= 3 and abs(_area(part)) > 1e-9:
            pieces.append([(px - 360.0 * k, py) for px, py in part])
    return pieces


def _area(points) -> float:
    """Signed shoelace area in degrees² (positive: counter-clockwise)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1])) / 2.0


def _ccw(points, counter_clockwise: bool) -> list[list[float]]:
    """A closed GeoJSON ring, turned the required way."""
    if (_area(points) > 0) != counter_clockwise:
        points = points[::-1]
    ring = [[round(x, 5), round(max(-90.0, min(90.0, y)), 5)] for x, y in points]
    return ring + ring[:1]


def _round_pole(ring: list[tuple[float, float]], pole: float) -> list[tuple[float, float]]:
    """A circle holding one pole, as one ring on the map: it crosses the antimeridian once, so start it there,
    run it across the map, and close it along the pole's edge."""
    lons = [p[1] for p in ring]
    i = next(k for k in range(len(ring)) if abs(lons[k] - lons[k - 1]) > 180.0)
    pts = [(p[1], p[0]) for p in ring[i:] + ring[:i]]
    (x0, y0), (x1, y1) = pts[-1], pts[0]
    edge = 180.0 if x0 > 0 else -180.0
    x1 += 360.0 if edge > 0 else -360.0
    y = y0 + (y1 - y0) * (edge - x0) / (x1 - x0)           # where it crosses the antimeridian
    return [(-edge, y), *pts, (edge, y), (edge, pole), (-edge, pole)]


def _world_less(cap: list[tuple[float, float]]) -> dict:
    """The whole map less a cap holding neither pole: the map with a hole, or, when the cap crosses the
    antimeridian, the map with a bite out of each side edge (one polygon: two halves would share an edge)."""
    pieces = _split(cap)
    world = [(-180.0, -90.0), (180.0, -90.0), (180.0, 90.0), (-180.0, 90.0)]
    if len(pieces) == 1:
        return {"type": "Polygon", "coordinates": [_ccw(world, True), _ccw(pieces[0], False)]}
    bites = {}
    for piece in pieces:
        edge = 180.0 if max(p[0] for p in piece) >= 180.0 - 1e-9 else -180.0
        on_edge = [i for i, p in enumerate(piece) if abs(p[0] - edge) < 1e-9]
        start = next(i for i in on_edge if abs(piece[(i + 1) % len(piece)][0] - edge) > 1e-9)
        arc, i = [], start                       # the bite's inner arc, from one edge point round to the other
        while True:
            arc.append(piece[i])
            i = (i + 1) % len(piece)
            if abs(piece[i][0] - edge) < 1e-9:
                arc.append(piece[i])
                break
        bites[edge] = arc if arc[0][1] <= arc[-1][1] else arc[::-1]        # low end first
    outline = [(-180.0, -90.0), (180.0, -90.0), *bites[180.0], (180.0, 90.0), (-180.0, 90.0),
               *bites[-180.0][::-1]]
    return {"type": "Polygon", "coordinates": [_ccw(outline, True)]}
