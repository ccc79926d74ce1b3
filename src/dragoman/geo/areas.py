"""Centre points for areas that come without coordinates (countries, subdivisions), from the towns inside them.

A population-weighted mean would sit on the biggest city; a plain mean of towns leans towards densely settled
parts. We take the occupied grid cells instead (each cell counts once, weighted by its area), drop outlying
islands and exclaves that hold less than a quarter of the main landmass's cells, fill each latitude row
between its outermost cells (the empty interior belongs to the territory too), and average on the sphere.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Hashable, Iterable

Cell = tuple[int, int]
_KEEP_SHARE = 0.25      # components smaller than this share of the largest one are outliers
_REACH = 2              # cells this far apart (Chebyshev) still belong to one landmass


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


def _filled(cells: list[Cell]) -> list[Cell]:
    """Each latitude row filled between its westernmost and easternmost cell: settled land rarely reaches the
    empty interior (outback, tundra), but the territory does."""
    rows: dict[int, list[int]] = defaultdict(list)
    for row, col in cells:
        rows[row].append(col)
    return [(row, col) for row, cols in rows.items() for col in range(min(cols), max(cols) + 1)]


def centre(cells: Iterable[Cell], size: float) -> tuple[float, float] | None:
    """Area-weighted spherical mean of the main landmass's filled cells (None for no cells)."""
    cells = set(cells)
    if not cells:
        return None
    parts = _components(cells)
    largest = max(len(p) for p in parts)
    kept = [c for p in parts if len(p) >= _KEEP_SHARE * largest for c in _filled(p)]
    x = y = z = 0.0
    for row, col in kept:
        lat = math.radians((row + 0.5) * size)
        lon = math.radians((col + 0.5) * size)
        weight = math.cos(lat)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4)


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
