"""A name typed by an analyst → one point: a facility of our table (by id, name, alias or ICAO/IATA code), a
gazetteer place (capitals and big towns before namesakes), or literal "lat,lon"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$")
# Which gazetteer kinds an unqualified name most likely means, best first: a facility of our table, a capital
# or country, a big town, a region, then anything else by population.
_RANK = {"capital": 1, "country": 1, "city": 2, "region": 3}
_BIG_TOWN = 100_000


@dataclass(frozen=True)
class Spot:
    """A point with where it came from: `source` is facility, place or coordinates; `confidence` is the facility
    table's (high/medium/low) or empty."""

    query: str
    name: str
    lat: float
    lon: float
    source: str
    id: str = ""
    country: str = ""
    feature: str = ""
    confidence: str = ""

    def as_dict(self) -> dict:
        return {"query": self.query, "name": self.name, "lat": round(self.lat, 5), "lon": round(self.lon, 5),
                "source": self.source, "id": self.id, "country": self.country, "feature": self.feature,
                "confidence": self.confidence}


def locate(name: str, gazetteer=None) -> Spot:
    """The point `name` most likely means; InputError naming it when nothing matches."""
    query = (name or "").strip()
    if not query:
        raise InputError("place ''", "empty name")
    coords = _LATLON.match(query)
    if coords:
        lat, lon = float(coords.group(1)), float(coords.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"place {query!r}", "latitude must lie in [-90, 90] and longitude in [-180, 180]")
        return Spot(query, query, lat, lon, "coordinates")
    facility = _facility(query)
    if facility is not None:
        return facility
    from ..geo import Gazetteer
    gaz = gazetteer or Gazetteer.open()
    cands = gaz.candidates(query)
    if not cands and re.fullmatch(r"[A-Za-z0-9]{3,4}", query):
        cands = gaz.code(query.upper())
    cands = [c for c in cands if c.match != "weak"] or cands
    if not cands:
        raise InputError(f"place {query!r}", "not in the facility table or the gazetteer (check the spelling, "
                                             "or give 'lat,lon')")
    best = min(cands, key=_rank)
    if best.id.startswith("fac:"):
        found = _facility(best.id[4:])
        if found is not None:
            return Spot(query, found.name, found.lat, found.lon, "facility", found.id, found.country,
                        found.feature, found.confidence)
    return Spot(query, best.name, best.lat, best.lon, "place", best.id, best.country, best.feature)


def _rank(c) -> tuple:
    if c.id.startswith("fac:"):
        tier = 0
    elif c.feature == "city" and c.population < _BIG_TOWN:
        tier = 4
    else:
        tier = _RANK.get(c.feature, 4)
    return tier, c.match != "name", -c.population


def _facility(query: str) -> Spot | None:
    from ..geo.facilities import facilities
    from ..geo.keys import name_key
    key = name_key(query)
    upper = query.upper()
    for f in facilities():
        if (query.lower() == f.id or upper in (f.icao, f.iata)
                or any(name_key(n) == key for n, _, weak in f.names() if not weak)):
            return Spot(query, f.name, f.lat, f.lon, "facility", f.id, f.country, f.feature, f.confidence)
    return None
