"""Range rings as GeoJSON that maps draw right: cut at the antimeridian, closed round a pole, and the whole map
less the antipode's cap when a ring is wider than a hemisphere."""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pytest

from dragoman.errors import InputError
from dragoman.geostrategy.atlas import _inside_ring
from dragoman.geostrategy.geometry import circle_geometry, destination
from dragoman.service import geostrategy as service

CASES = [  # (lat, lon, km, geometry type): a base, a ring across 180°, round a pole, round both poles
    (29.2, 16.0, 2500, "Polygon"),          # Al-Jufra, Il-76 radius
    (64.7, 177.5, 1500, "MultiPolygon"),    # Anadyr: crosses the antimeridian
    (-17.8, 178.0, 3000, "MultiPolygon"),   # Fiji
    (78.2, 15.6, 2000, "Polygon"),          # Svalbard: holds the North Pole
    (-77.8, 166.7, 2500, "Polygon"),        # McMurdo: holds the South Pole
    (29.2, 16.0, 14000, "Polygon"),         # An-124 ferry range from Al-Jufra: both poles, map less a hole
    (30.0, 160.0, 15000, "Polygon"),        # both poles, the antipode's cap crossing 180°
]


def _polygons(geometry):
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _inside(geometry, lat, lon):
    return any(sum(_inside_ring(np.array(r), lat, lon) for r in poly) % 2 for poly in _polygons(geometry))


def _signed_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2.0


@pytest.mark.parametrize("lat, lon, km, kind", CASES)
def test_rings_cover_what_lies_within_range_and_nothing_beyond(lat, lon, km, kind):
    g = circle_geometry(lat, lon, km)
    assert g["type"] == kind
    assert _inside(g, lat, lon)
    for bearing in range(0, 360, 9):
        assert _inside(g, *destination(lat, lon, bearing, km * 0.95)), bearing
        assert not _inside(g, *destination(lat, lon, bearing, km * 1.05)), bearing
    for poly in _polygons(g):
        assert all(-180 <= x <= 180 and -90 <= y <= 90 for ring in poly for x, y in ring)
        assert all(ring[0] == ring[-1] for ring in poly)
        assert _signed_area(poly[0]) > 0                                # exterior counter-clockwise
        assert all(_signed_area(hole) < 0 for hole in poly[1:])         # holes clockwise


@pytest.mark.skipif(not shutil.which("ogrinfo"), reason="Debian gdal-bin not installed")
def test_gdal_finds_every_ring_valid(tmp_path):
    features = [{"type": "Feature", "geometry": circle_geometry(lat, lon, km), "properties": {"n": i}}
                for i, (lat, lon, km, _) in enumerate(CASES)]
    features += service.reach("Al-Jufra", "Il-76")["geojson"]["features"][:2]
    path = tmp_path / "rings.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    out = subprocess.run(["ogrinfo", "-ro", "-dialect", "SQLite", "-sql",
                          "SELECT ST_IsValidReason(geometry) AS why FROM rings", str(path)],
                         capture_output=True, text=True, check=True).stdout
    reasons = [line.split("=", 1)[1].strip() for line in out.splitlines() if "why (String) =" in line]
    assert reasons == ["Valid Geometry"] * len(features)


def test_a_ring_needs_a_radius():
    with pytest.raises(InputError, match="radius"):
        circle_geometry(0.0, 0.0, 0)
