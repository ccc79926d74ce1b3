"""Places and facilities as GeoJSON (RFC 7946: longitude first), with the precision of each point."""

from __future__ import annotations

from typing import Any


MAX_PLACES = 20000
DOCUMENTS_PER_PLACE = 50
PRECISION = {1: "exact site or town", 2: "near it or part of a region", 3: "region or country centre"}


def places_geojson(ws, *, doc_ids: list[str] | None = None, flt=None, limit: int = 5000) -> dict[str, Any]:
    """One feature per resolved place (name and point) in the documents named by `doc_ids`, else in those the
    filter `flt` selects (a DocumentFilter; all documents when None), newest documents first. Unresolved names
    (no coordinates) are left out; each feature lists up to DOCUMENTS_PER_PLACE documents and counts them all."""
    from .documents import DocumentFilter, filter_sql
    if doc_ids:
        where, params = [f"d.id IN ({','.join('?' * len(doc_ids))})"], list(doc_ids)
    else:
        where, params = filter_sql(ws, flt or DocumentFilter())
    where.append("json_extract(p.value, '$.lat') IS NOT NULL AND json_extract(p.value, '$.lon') IS NOT NULL")
    rows = ws.store.con.execute(
        "SELECT d.id, d.title, json_extract(p.value, '$.value') AS name, json_extract(p.value, '$.text') AS text,"
        " json_extract(p.value, '$.lat') AS lat, json_extract(p.value, '$.lon') AS lon,"
        " json_extract(p.value, '$.country') AS country, json_extract(p.value, '$.feature') AS feature,"
        " coalesce(json_extract(p.value, '$.precision'), 3) AS precision,"
        " json_extract(p.value, '$.gazetteer_id') AS gazetteer_id"
        f" FROM documents d, json_each(d.data, '$.places') p WHERE {' AND '.join(where)}"
        " ORDER BY d.published DESC, d.rowid DESC", params)
    grouped: dict[tuple, dict[str, Any]] = {}
    last_doc: dict[tuple, str] = {}          # rows come a document at a time: count each document once
    for row in rows:
        key = (row["name"], round(row["lat"], 4), round(row["lon"], 4))
        feature = grouped.get(key)
        if feature is None:
            if len(grouped) >= limit:
                continue
            feature = grouped[key] = _feature(row["lon"], row["lat"], {
                "name": row["name"], "country": row["country"], "feature": row["feature"],
                "precision": row["precision"], "precision_meaning": PRECISION.get(row["precision"], ""),
                "gazetteer_id": row["gazetteer_id"], "documents": [], "titles": [], "document_count": 0,
                "spellings": []})
        props = feature["properties"]
        if last_doc.get(key) != row["id"]:
            last_doc[key] = row["id"]
            props["document_count"] += 1
            if len(props["documents"]) < DOCUMENTS_PER_PLACE:
                props["documents"].append(row["id"])
                props["titles"].append(row["title"] or "")
        if row["text"] not in props["spellings"] and len(props["spellings"]) < DOCUMENTS_PER_PLACE:
            props["spellings"].append(row["text"])
    return {"type": "FeatureCollection", "features": list(grouped.values()), "truncated": len(grouped) >= limit}


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
