"""Centre points for areas that come without coordinates (countries, subdivisions), from the towns inside them.

A population-weighted mean would sit on the biggest city; a plain mean of towns leans towards densely settled
parts. We take the occupied grid cells instead, drop outlying islands and exclaves that hold less than a
quarter of the main landmass's cells, and take the centroid of the convex hull of what is left: the empty
interior and the thinly settled north of a province settled along its southern edge (Ontario, Queensland)
belong to the territory too, and the hull counts them as much as the crowded south. An area of scattered
enclaves (Puducherry's four on two coasts of India) has its hull centre far off its land: then the occupied
cell nearest that centre stands in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Hashable, Iterable

Cell = tuple[int, int]
_KEEP_SHARE = 0.25      # components smaller than this share of the largest one are outliers
_REACH = 2              # cells this far apart (Chebyshev) still belong to one landmass
_SNAP_CELLS = 2.5       # a hull centre this many cells from any occupied cell lies off the area: take the nearest
_NEAR_DEGREES = 3.0     # a small component this close to the main landmass's box belongs to it


def cell_of(lat: float, lon: float, size: float) -> Cell:
    return math.floor(lat / size), math.floor(lon / size)


def _components(cells: set[Cell]) -> list[list[Cell]]:
    seen: set[Cell] = set()
    out: list[list[Cell]] = []
    for start in cells:
        if start in seen:
            continue
        seen.add(start)
        stack, part = [start], []
        while stack:
            y, x = stack.pop()
            part.append((y, x))
            for dy in range(-_REACH, _REACH + 1):
                for dx in range(-_REACH, _REACH + 1):
                    near = (y + dy, x + dx)
                    if near in cells and near not in seen:
                        seen.add(near)
                        stack.append(near)
        out.append(part)
    return out


def centre(cells: Iterable[Cell], size: float) -> tuple[float, float] | None:
    """Centroid of the convex hull of the main landmass's cells (None for no cells), on a plane whose east-west
    scale is that of the mean latitude, with longitudes unwrapped across the antimeridian."""
    cells = set(cells)
    if not cells:
        return None
    kept = _mainland(cells, size)
    lats = [(row + 0.5) * size for row, _ in kept]
    lons = [(col + 0.5) * size for _, col in kept]
    if max(lons) - min(lons) > 180:                    # across the antimeridian (Chukotka, Fiji)
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    scale = math.cos(math.radians(sum(lats) / len(lats)))
    hull = _hull({(lon * scale, lat) for lat, lon in zip(lats, lons)}, size)
    x, y = _centroid(hull)
    lon = x / scale
    near = min(kept, key=lambda c: (c[0] + 0.5 - y / size) ** 2 + ((c[1] + 0.5 - lon / size) * scale) ** 2)
    if max(abs(near[0] + 0.5 - y / size), abs(near[1] + 0.5 - lon / size)) > _SNAP_CELLS:
        y, lon = (near[0] + 0.5) * size, (near[1] + 0.5) * size    # scattered enclaves: stay on the land
    lon = lon - 360 if lon > 180 else lon
    return round(y, 4), round(lon, 4)


def _mainland(cells: set[Cell], size: float) -> list[Cell]:
    """The cells of the main landmass: big components, then, step by step, the small ones (thinly settled land)
    within a few degrees of what is kept so far; far islands and exclaves are left out."""
    parts = sorted(_components(cells), key=len, reverse=True)
    reach = _NEAR_DEGREES / size
    kept = [p for p in parts if len(p) >= _KEEP_SHARE * len(parts[0])]
    rest = [p for p in parts if len(p) < _KEEP_SHARE * len(parts[0])]
    grown = True
    while grown and rest:
        rows = [r for p in kept for r, _ in p]
        cols = [c for p in kept for _, c in p]
        box = (min(rows) - reach, max(rows) + reach, min(cols) - reach, max(cols) + reach)
        near = [p for p in rest if any(box[0] <= r <= box[1] and box[2] <= k <= box[3] for r, k in p)]
        grown = bool(near)
        kept += near
        rest = [p for p in rest if p not in near]
    return [c for p in kept for c in p]


def _hull(points: set[tuple[float, float]], size: float) -> list[tuple[float, float]]:
    """Convex hull (Andrew's monotone chain) of the cells' corners, counter-clockwise."""
    half = size / 2
    corners = sorted({(x + dx * half, y + dy * half) for x, y in points for dx in (-1, 1) for dy in (-1, 1)})

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in corners:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(corners):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        a = x1 * y2 - x2 * y1
        area += a
        cx += (x1 + x2) * a
        cy += (y1 + y2) * a
    if abs(area) < 1e-12:                               # a line of cells: their mean
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * area), cy / (3 * area)


class Areas:
    """Collects occupied cells (and population) per area while towns stream past."""

    def __init__(self, size: float) -> None:
        self.size = size
        self.cells: dict[Hashable, set[Cell]] = defaultdict(set)
        self.population: dict[Hashable, int] = defaultdict(int)

    def add(self, area: Hashable, lat: float, lon: float, population: int = 0) -> None:
        self.cells[area].add(cell_of(lat, lon, self.size))
        self.population[area] += population

    def centre(self, area: Hashable) -> tuple[float, float] | None:
        return centre(self.cells.get(area, ()), self.size)

    def centre_of_cells(self, cells: Iterable[Cell]) -> tuple[float, float] | None:
        return centre(cells, self.size)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class NearestIndex:
    """Nearest labelled point within a country, on a 1° grid (for voting a town's ISO subdivision)."""

    def __init__(self) -> None:
        self.grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)

    def add(self, country: str, lat: float, lon: float, label: str) -> None:
        self.grid[(country, math.floor(lat), math.floor(lon))].append((lat, lon, label))

    def nearest(self, country: str, lat: float, lon: float, reach: int = 1) -> str | None:
        best, best_d = None, float("inf")
        y, x = math.floor(lat), math.floor(lon)
        for dy in range(-reach, reach + 1):
            for dx in range(-reach, reach + 1):
                for plat, plon, label in self.grid.get((country, y + dy, x + dx), ()):
                    d = (plat - lat) ** 2 + ((plon - lon) * math.cos(math.radians(lat))) ** 2
                    if d < best_d:
                        best, best_d = label, d
        return best
