"""A corridor: an ordered list of places → legs with distance, bearing and flight time, and which legs a
platform cannot fly without landing or refuelling."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from .geometry import compass, measure
from .locate import Spot
from .platforms import Platform


def corridor(stops: list[Spot], platform: Platform | None = None) -> dict[str, Any]:
    if len(stops) < 2:
        raise InputError("corridor", f"needs at least two places, got {len(stops)}")
    limit = platform.one_way_km() if platform else None
    ferry = platform.figures["ferry_range_km"].value if platform and "ferry_range_km" in platform.figures else None
    legs, total = [], 0.0
    for a, b in zip(stops, stops[1:]):
        m = measure(a, b)
        total += m.km
        leg = {"from": a.name, "to": b.name, "km": round(m.km, 1), "bearing": round(m.bearing, 1),
               "direction": compass(m.bearing)}
        if platform:
            leg["hours"] = round(platform.hours(m.km), 2)
            leg["exceeds_range"] = bool(limit and m.km > limit)
            if ferry:
                leg["exceeds_ferry_range"] = m.km > ferry
        legs.append(leg)
    result: dict[str, Any] = {"stops": [s.as_dict() for s in stops], "legs": legs, "total_km": round(total, 1)}
    if platform:
        result["platform"] = platform.as_dict()
        result["total_hours"] = round(platform.hours(total), 2)
        result["range_km"] = limit
        result["ferry_range_km"] = ferry
        result["legs_over_range"] = [i + 1 for i, leg in enumerate(legs) if leg["exceeds_range"]]
    result["geojson"] = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
         "properties": leg} for (a, b), leg in zip(zip(stops, stops[1:]), legs)] + [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
         "properties": {"name": s.name, "order": i + 1}} for i, s in enumerate(stops)]}
    return result
