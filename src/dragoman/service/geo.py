"""Places and facilities as GeoJSON (RFC 7946: longitude first), with the precision of each point."""

from __future__ import annotations

from typing import Any

from ..model import from_json

PRECISION = {1: "exact site or town", 2: "near it or part of a region", 3: "region or country centre"}


def places_geojson(ws, *, doc_ids: list[str] | None = None, limit: int = 5000) -> dict[str, Any]:
    """One feature per resolved place name per document; unresolved names (no coordinates) are left out."""
    con = ws.store.con
    if doc_ids:
        marks = ",".join("?" * len(doc_ids))
        rows = con.execute(f"SELECT id, title, data FROM documents WHERE id IN ({marks})", doc_ids)
    else:
        rows = con.execute("SELECT id, title, data FROM documents WHERE json_array_length(data, '$.places') > 0"
                           " ORDER BY rowid DESC")
    grouped: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        doc = from_json(row["data"])
        for p in doc.places:
            if p.lat is None or p.lon is None:
                continue
            key = (p.value, round(p.lat, 4), round(p.lon, 4))
            feature = grouped.get(key)
            if feature is None:
                if len(grouped) >= limit:
                    continue
                feature = grouped[key] = _feature(p.lon, p.lat, {
                    "name": p.value, "country": p.country, "feature": p.feature, "precision": p.precision,
                    "precision_meaning": PRECISION.get(p.precision, ""), "gazetteer_id": p.gazetteer_id,
                    "documents": [], "spellings": []})
            props = feature["properties"]
            if row["id"] not in props["documents"]:
                props["documents"].append(row["id"])
            if p.text not in props["spellings"]:
                props["spellings"].append(p.text)
    return {"type": "FeatureCollection", "features": list(grouped.values())}


def facilities_geojson() -> dict[str, Any]:
    """The facility table (airbases, ports) with the source of each coordinate."""
    from ..geo.facilities import facilities
    features = []
    for f in facilities():
        props = {k: v for k, v in _plain(f).items() if k not in ("lat", "lon")}
        features.append(_feature(f.lon, f.lat, props))
    return {"type": "FeatureCollection", "features": features}


def _feature(lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def _plain(obj: Any) -> dict[str, Any]:
    import dataclasses

    import msgspec
    if dataclasses.is_dataclass(obj):
        return dataclasses.asdict(obj)
    return msgspec.to_builtins(obj)
