"""What a platform reaches from a base: range rings as GeoJSON, and the countries and capitals inside them."""

from __future__ import annotations

from typing import Any

from .geometry import circle, measure
from .locate import Spot
from .platforms import Platform
from .world import within


def rings(base: Spot, platform: Platform) -> list[dict[str, Any]]:
    """The radius ring (out and back) and the one-way ring, where the data gives one, as GeoJSON features."""
    out = []
    radius, basis = platform.radius_km()
    out.append(("radius", radius, basis))
    one_way = platform.one_way_km()
    if one_way:
        out.append(("one_way", one_way, "range_km" if "range_km" in platform.figures else "ferry_range_km"))
    return [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [circle(base.lat, base.lon, km)]},
             "properties": {"ring": ring, "km": km, "basis": basis, "platform": platform.id, "base": base.name,
                            "hours": round(platform.hours(km), 2)}}
            for ring, km, basis in out]


def reach(base: Spot, platform: Platform) -> dict[str, Any]:
    """Rings plus the countries with a town inside each ring, saying whether the capital is inside too."""
    radius, basis = platform.radius_km()
    one_way = platform.one_way_km() or radius
    towns = within(base, max(radius, one_way))
    countries: dict[str, dict[str, Any]] = {}
    for town, _ in towns:                     # nearest first: the first town of a country is its nearest
        entry = countries.get(town.country)
        if entry is None:
            entry = countries[town.country] = {
                "country": town.country, "name": town.country_name, "nearest_town": town.name,
                "nearest_km": round(measure(base, town).km, 1), "capital": None, "capital_km": None, "towns": 0}
        entry["towns"] += 1
        if town.capital:
            entry["capital"], entry["capital_km"] = town.name, round(measure(base, town).km, 1)
    listed = sorted(countries.values(), key=lambda c: c["nearest_km"])
    for c in listed:
        c["within_radius"] = c["nearest_km"] <= radius
        c["capital_within_radius"] = c["capital_km"] is not None and c["capital_km"] <= radius
    return {"base": base.as_dict(), "platform": platform.as_dict(), "radius_km": radius, "radius_basis": basis,
            "one_way_km": one_way, "countries": listed,
            "geojson": {"type": "FeatureCollection", "features": rings(base, platform) + [_point(base)]}}


def _point(spot: Spot) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [spot.lon, spot.lat]},
            "properties": {"name": spot.name, "role": "base"}}
