"""GeoJSON (RFC 7946) for QGIS and web maps: one FeatureCollection of points, each feature's `layer` property
saying what it is (`event`, `place`, `facility`; `--layer` keeps some). Coordinates are WGS 84 longitude,
latitude (RFC 7946 has no other CRS, so there is no `crs` member), six decimals.

Places carry their feature type (city, airbase…), precision code (1 site or town, 2 near it, 3 region or country)
and how many documents name them; events carry their type, status (`factual` is true only for events told as done
with their roles established), date and its precision, and the source. Text is JSON-escaped with no raw `<`, `>`
or `&`.
"""

from __future__ import annotations

from typing import Any, TextIO

from .layers import Layers
from .text import coordinate, json_text


def write(ctx, out: TextIO) -> None:
    layers = Layers(ctx)
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True

    def emit(props: dict[str, Any], lat: float, lon: float) -> None:
        nonlocal first
        feature = {"type": "Feature", "id": props["id"],
                   "geometry": {"type": "Point", "coordinates": [coordinate(lon), coordinate(lat)]},
                   "properties": props}
        out.write(("" if first else ",\n") + json_text(feature))
        first = False
        ctx.summary.count(props["layer"])

    for _, props, place in layers.events():
        emit(props, place.lat, place.lon)
    for tally in layers.tallies():
        emit(tally.properties(), tally.place.lat, tally.place.lon)
    out.write("\n]}\n")
