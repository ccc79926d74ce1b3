"""Proximity claims ("very close to", "within reach of") in en/fr/ru/tr/ar sentences written for these tests, and
the Natural Earth polygons they are measured on (or the settlement fallback when the file is missing)."""

from __future__ import annotations

import pytest

from dragoman.geostrategy import atlas as atlas_module
from dragoman.geostrategy.atlas import Atlas, decode_arcs
from dragoman.geostrategy.claims import find
from dragoman.geostrategy.locate import Spot, locate
from dragoman.geostrategy.world import closest
from dragoman.service import geostrategy as service

HAVE_ATLAS = atlas_module.available()
needs_atlas = pytest.mark.skipif(not HAVE_ATLAS, reason="Natural Earth file absent (make frontend copies it)")

VERY_CLOSE = [
    ("en", "Maaten al-Sarra Air Base is very close to Sudan and the Sahel."),
    ("fr", "La base de Maaten al-Sarra est très proche du Soudan et du Sahel."),
    ("ru", "Авиабаза Маатен-эс-Сарра находится очень близко к Судану и Сахелю."),
    ("tr", "Maaten es-Sarra Hava Üssü Sudan ve Sahel'e çok yakın."),
    ("ar", "قاعدة معطن السارة الجوية قريبة جدا من السودان ومنطقة الساحل"),
]


@pytest.mark.parametrize("lang, text", VERY_CLOSE)
def test_very_close_to_two_targets_in_each_language(lang, text):
    (claim,) = service.claims(text)["claims"]
    assert (claim["kind"], claim["lang"], claim["degree"]) == ("near", lang, "very_close")
    assert claim["site"]["id"] == "maaten-al-sarra"
    assert [t["target"] for t in claim["targets"]] == ["Sudan", "Sahel"]
    assert all("very close = 300 km or less" in t["threshold"] for t in claim["targets"])
    if HAVE_ATLAS:          # the base stands ~60 miles north of Chad and ~290 km west of Sudan
        sudan, sahel = claim["targets"]
        assert 250 < sudan["km_computed"] < 330 and 80 < sahel["km_computed"] < 140
        assert sahel["nearest_point"]["label"] == "Chad" and claim["verdict"] == "holds"
        assert "Maaten al-Sarra Air Base → Sudan: " in claim["summary"] and "nearest point" in claim["summary"]


def test_the_brief_sentence_with_a_place_given_and_a_base_too_far_to_be_very_close():
    text = "its air bases in the south are very close to Sudan and the Sahel"
    assert service.claims(text)["claims"][0]["verdict"] == "unchecked"
    if HAVE_ATLAS:
        far = service.claims(text, place="Al-Jufra")["claims"][0]
        sudan, sahel = far["targets"]
        assert far["verdict"] == "does not hold" and sudan["km_computed"] > 1000     # past 600 km
        assert 600 < sahel["km_computed"] < 700 and sahel["verdict"] == "does not hold"
        near = service.claims(text, place="Tamanhint")["claims"][0]["targets"][1]     # ~440 km from Chad
        assert near["verdict"] == "stretched"


@needs_atlas
@pytest.mark.parametrize("lang, text", [
    ("en", "Al-Jufra is within reach of the European coast"),
    ("fr", "La base d'Al-Joufra est à portée des côtes européennes"),
    ("ru", "Авиабаза Эль-Джуфра держит европейское побережье в зоне досягаемости"),
    ("ar", "قاعدة الجفرة الجوية تضع السواحل الأوروبية في متناول الطائرات"),
])
def test_within_reach_of_the_european_coast(lang, text):
    answer = service.claims(text, platform="Su-24", place="Al-Jufra")
    (claim,) = [c for c in answer["claims"] if c["kind"] == "near"]
    assert claim["degree"] == "reach"
    (target,) = claim["targets"]
    assert target["target"] == "Europe coast" and 700 < target["km_computed"] < 800
    # Su-24: combat radius 615 km, so the coast is reachable one way only
    assert target["verdict"] == "one way only" and "radius 615 km" in target["threshold"]
    assert service.claims(text, platform="Il-76", place="Al-Jufra")["claims"][-1]["verdict"] == "holds"


@pytest.mark.parametrize("lang, text", [
    ("en", "Sources close to the Kremlin said the talks went well."),
    ("en", "Close to 300 soldiers were flown in last week."),
    ("fr", "Des sources proches de Moscou ont confirmé près de 300 départs."),
    ("fr", "Ankara se sent plus proche de l'Azerbaïdjan que de l'Arménie."),
    ("en", "Minsk feels very close to Moscow these days."),
    ("en", "Haftar remains politically close to Cairo."),
    ("ru", "Источники, близкие к Кремлю, опровергли эти сведения."),
    ("tr", "Rusya'ya yakın kaynaklar bunu doğruladı."),
    ("tr", "Ankara yakın zamanda yeni bir adım atacak."),
    ("ar", "قالت مصادر قريبة من الحكومة الليبية إن المحادثات انتهت"),
])
def test_affiliation_and_quantities_are_not_distance_claims(lang, text):
    assert [c for c in find(text, lang) if c.kind == "near"] == []


def test_a_close_claim_on_the_scale_and_the_coast_of_a_country():
    (claim,) = service.claims("Benghazi lies close to the coast of Italy")["claims"]
    (target,) = claim["targets"]
    assert target["target"] == "Italy coast"
    if HAVE_ATLAS:          # Benghazi → south-east Sicily, ~680 km: past 600, within 1,000
        assert 640 < target["km_computed"] < 720 and target["verdict"] == "stretched"


# ------------------------------------------------------------------------------------- the polygons

def _tiny_topology() -> dict:
    """Two unit squares side by side, sharing the arc x = 1 (quantized, delta-encoded, scale 0.5)."""
    return {"type": "Topology", "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
            "arcs": [[[2, 0], [0, 2]],                      # shared: (11,20) → (11,21)
                     [[2, 2], [-2, 0], [0, -2], [2, 0]],     # west square's other sides
                     [[2, 0], [2, 0], [0, 2], [-2, 0]]],     # east square's other sides
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "434", "properties": {"name": "West"}},
                {"type": "Polygon", "arcs": [[2, ~0]], "id": "729", "properties": {"name": "East"}}]}}}


def test_topojson_arcs_are_decoded_and_shared_arcs_are_land_borders():
    topo = _tiny_topology()
    arcs = decode_arcs(topo)
    assert arcs[0].tolist() == [[11.0, 20.0], [11.0, 21.0]]
    assert arcs[1].tolist() == [[11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0]]
    world = Atlas(topo)
    assert world.coast == {1, 2}                            # arc 0 is used by both countries
    assert world.containing(20.5, 10.5).name == "West" and world.containing(20.5, 11.5).name == "East"
    assert world.containing(25.0, 10.5) is None
    east = world.nearest(Spot("", "", 20.5, 10.5, "coordinates"), "SD")
    assert east.country == "East" and east.km == pytest.approx(52.2, abs=0.5)      # 0.5° of longitude at 20.5°N
    assert (east.lat, east.lon) == pytest.approx((20.5, 11.0), abs=1e-3)            # refined along the segment
    # to East's coast the shared border does not count: the nearest coast is its north or south edge
    coast = world.nearest(Spot("", "", 20.5, 10.5, "coordinates"), "SD", coast=True)
    assert coast.km > east.km and coast.country == "East"
    assert world.gap("LY", "SD").km == 0.0 and world.gap("LY", "SD").inside


@needs_atlas
def test_nearest_points_on_natural_earth():
    benghazi = locate("Benghazi")
    europe = closest(benghazi, "Europe", coast=True)
    assert europe.country == "Greece" and 440 < europe.km < 520 and not europe.warning
    assert closest(locate("Hmeimim"), "Europe").country in ("Cyprus", "N. Cyprus")   # Cyprus is in Europe (GeoNames)
    inside = closest(locate("Tunis"), "Tunisia")
    assert inside.inside and inside.km == 0
    maseru = atlas_module.atlas().containing(-29.31, 27.48)                  # Lesotho: a hole in South Africa
    assert maseru.name == "Lesotho"
    assert atlas_module.atlas().gap("LY", "SD").km == 0                       # a shared border


def test_without_the_polygon_file_the_nearest_settlement_stands_in(tmp_path, monkeypatch):
    monkeypatch.setattr(atlas_module, "VENDOR_DIR", tmp_path)
    found = closest(locate("Benghazi"), "Europe", coast=True)
    assert "make frontend" in found.warning and "settlement" in found.basis and found.country == "GR"
    with pytest.raises(atlas_module.AtlasMissing, match="make frontend"):
        atlas_module.atlas()
    (claim,) = service.claims("its ports are only about an hour's flight from the European coast",
                              place="Benghazi")["claims"]
    assert claim["verdict"] == "holds" and "make frontend" in claim["warning"]
    (country,) = service.claims("Libya's air bases are very close to Sudan")["claims"]
    assert country["verdict"] == "unchecked" and "make frontend" in country["why"]


@needs_atlas
def test_reach_counts_countries_by_their_territory():
    answer = service.reach("Al-Jufra", "Su-24")                      # combat radius 615 km
    by_name = {c["name"]: c for c in answer["countries"]}
    assert by_name["Libya"]["inside"] and by_name["Libya"]["nearest_km"] == 0
    assert by_name["Tunisia"]["within_radius"] and 540 < by_name["Tunisia"]["nearest_km"] < 580
    assert not by_name["Chad"]["within_radius"] and 600 < by_name["Chad"]["nearest_km"] < 680
    assert by_name["Malta"]["capital"] == "Valletta" and "Natural Earth" in answer["measured_on"]
    assert "warning" not in answer


@needs_atlas
def test_the_refined_nearest_point_is_never_farther_than_the_nearest_vertex():
    from dragoman.geostrategy.geometry import measure
    world = atlas_module.atlas()
    for place, area in [("Benghazi", "Greece"), ("Hmeimim", "Cyprus"), ("Khartoum", "Chad")]:
        spot = locate(place)
        found = world.nearest(spot, area)
        vertices = [p for c in world.select(area) for poly in c.polygons for ring in poly for p in ring]
        best_vertex = min(measure(spot, Spot("", "", float(y), float(x), "coordinates")).km
                          for x, y in vertices[::1])
        assert found.km <= best_vertex + 1e-6 and found.km > best_vertex - 30


def test_reach_without_the_polygons_counts_towns_and_warns(tmp_path, monkeypatch):
    monkeypatch.setattr(atlas_module, "VENDOR_DIR", tmp_path)
    answer = service.reach("Al-Jufra", "Su-24")
    assert "make frontend" in answer["warning"] and "town" in answer["measured_on"]
    assert answer["countries"][0]["country"] == "LY" and "nearest_town" in answer["countries"][0]
