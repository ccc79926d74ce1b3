"""What a platform reaches from a base: range rings as GeoJSON, and the countries and capitals inside them."""

from __future__ import annotations

from typing import Any

from .geometry import circle_geometry, measure
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
    return [{"type": "Feature", "geometry": circle_geometry(base.lat, base.lon, km),
             "properties": {"ring": ring, "km": km, "basis": basis, "platform": platform.id, "base": base.name,
                            "hours": round(platform.hours(km), 2)}}
            for ring, km, basis in out]


def reach(base: Spot, platform: Platform) -> dict[str, Any]:
    """Rings plus the countries within each ring — by the nearest point of their territory (Natural Earth
    polygons), or by their nearest town of 15,000 people when the polygon file is missing — saying whether the
    capital is inside too."""
    from . import atlas
    radius, basis = platform.radius_km()
    one_way = platform.one_way_km() or radius
    farthest = max(radius, one_way)
    capitals = {t.country: t for t, _ in within(base, farthest) if t.capital}
    countries: dict[str, dict[str, Any]] = {}
    warning = ""
    if atlas.available():
        measured_on = "nearest point of each country's territory (Natural Earth 1:50m polygons)"
        for country, near in atlas.atlas().within(base, farthest):
            countries[country.code or country.name] = {
                "country": country.code, "name": country.name, "nearest_point": near.as_dict(),
                "nearest_km": round(near.km, 1), "inside": near.inside}
    else:
        warning = atlas.MISSING.replace("the nearest settlement of 1,000 people or more",
                                        "each country's nearest town of 15,000 people or more")
        measured_on = "nearest town of 15,000 people or more (GeoNames); the border itself may be closer"
        for town, _ in within(base, farthest):    # nearest first: the first town of a country is its nearest
            if town.country not in countries:
                countries[town.country] = {"country": town.country, "name": town.country_name,
                                           "nearest_town": town.name, "nearest_km": round(measure(base, town).km, 1)}
    for code, entry in countries.items():
        capital = capitals.get(code)
        entry["capital"] = capital.name if capital else None
        entry["capital_km"] = round(measure(base, capital).km, 1) if capital else None
    listed = sorted(countries.values(), key=lambda c: c["nearest_km"])
    for c in listed:
        c["within_radius"] = c["nearest_km"] <= radius
        c["capital_within_radius"] = c["capital_km"] is not None and c["capital_km"] <= radius
    out = {"base": base.as_dict(), "platform": platform.as_dict(), "radius_km": radius, "radius_basis": basis,
           "one_way_km": one_way, "measured_on": measured_on, "countries": listed,
           "geojson": {"type": "FeatureCollection", "features": rings(base, platform) + [_point(base)]}}
    if warning:
        out["warning"] = warning
    return out


def _point(spot: Spot) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [spot.lon, spot.lat]},
            "properties": {"name": spot.name, "role": "base"}}
