"""Geostrategic arithmetic on realistic cases: Libyan air bases, Hmeimim, Moscow, the Kharrouba reports."""

from __future__ import annotations

import json
import math

import pytest

from dragoman.errors import InputError
from dragoman.geostrategy.corridor import corridor
from dragoman.geostrategy.geometry import circle, destination, measure, rounding_tolerance, sector
from dragoman.geostrategy.locate import Spot, locate
from dragoman.geostrategy.offsets import agree, check, offset, parse_stated
from dragoman.geostrategy.platforms import load_platforms, platform, platforms
from dragoman.geostrategy.reach import reach
from dragoman.geostrategy.world import nearest
from dragoman.service import geostrategy as service


def at(lat: float, lon: float) -> Spot:
    return Spot("", f"{lat},{lon}", lat, lon, "coordinates")


def spherical_km(a: Spot, b: Spot) -> float:
    """An independent haversine (mean radius 6371.0088 km): within 0.5 % of the ellipsoid on any pair."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# ------------------------------------------------------------------------------------------- geometry

def test_vincenty_1975_published_line_flinders_peak_to_buninyong():
    # Vincenty's worked example (Survey Review 1975, also the Geoscience Australia test line), on GRS80/WGS84.
    a = at(-(37 + 57 / 60 + 3.72030 / 3600), 144 + 25 / 60 + 29.52440 / 3600)
    b = at(-(37 + 39 / 60 + 10.15610 / 3600), 143 + 55 / 60 + 35.38390 / 3600)
    m = measure(a, b)
    assert m.km == pytest.approx(54.972271, abs=1e-5)
    assert m.bearing == pytest.approx(306 + 52 / 60 + 5.37 / 3600, abs=1e-4)


def test_meridian_quadrant_and_equator_degree():
    assert measure(at(0, 0), at(90, 0)).km == pytest.approx(10001.965729, abs=1e-3)   # WGS84 quarter meridian
    assert measure(at(0, 0), at(0, 1)).km == pytest.approx(111.319491, abs=1e-5)      # a·π/180


@pytest.mark.parametrize("a, b", [("Moscow", "Hmeimim"), ("Hmeimim", "Al-Jufra"), ("Al-Jufra", "Brak al-Shati"),
                                  ("Benghazi", "Tobruk"), ("Al-Khadim", "Al-Jufra"), ("Moscow", "Bangui")])
def test_distances_between_bases_agree_with_an_independent_sphere_within_half_a_percent(a, b):
    x, y = locate(a), locate(b)
    assert measure(x, y).km == pytest.approx(spherical_km(x, y), rel=0.005)


def test_bearing_and_destination_round_trip():
    jufra, hmeimim = locate("Al-Jufra"), locate("Hmeimim")
    m = measure(jufra, hmeimim)
    lat, lon = destination(jufra.lat, jufra.lon, m.bearing, m.km)
    assert (lat, lon) == pytest.approx((hmeimim.lat, hmeimim.lon), abs=1e-6)
    assert 60 < m.bearing < 80 and m.compass == "ENE"


def test_circle_points_lie_at_the_radius():
    ring = circle(29.1981, 16.001, 615, steps=36)
    assert ring[0] == ring[-1] and len(ring) == 37
    assert all(measure(at(29.1981, 16.001), at(y, x)).km == pytest.approx(615, abs=0.01) for x, y in ring)


@pytest.mark.parametrize("word, bearing, half", [("SE", 135, 22.5), ("south-east", 135, 22.5),
                                                 ("southeast", 135, 22.5), ("South West", 225, 22.5),
                                                 ("N", 0, 22.5), ("SSW", 202.5, 11.25),
                                                 ("south-southwest", 202.5, 11.25), ("135", 135, 5.0)])
def test_compass_words(word, bearing, half):
    s = sector(word)
    assert (s.bearing, s.half_width) == (bearing, half)


@pytest.mark.parametrize("bad", ["upwards", "north-north", "south-east-east-west", "400", ""])
def test_impossible_direction_is_a_clear_error(bad):
    with pytest.raises(InputError, match="direction"):
        sector(bad)


def test_rounding_tolerance():
    assert rounding_tolerance(150) == 25          # a figure rounded to 50
    assert rounding_tolerance(105) == pytest.approx(10.5)   # 10 % floor
    assert rounding_tolerance(1000) == 500
    with pytest.raises(InputError):
        rounding_tolerance(0)


# ------------------------------------------------------------------------------------------- places

def test_facilities_come_before_namesakes_and_scripts_resolve():
    assert locate("Al-Kharrouba").source == "facility" and locate("Al-Kharrouba").confidence == "low"
    assert locate("HLLB").id == "benina"
    assert locate("Москва").country == "RU" and locate("Moscow").feature == "capital"
    assert locate("بنغازي").name == "Benghazi"
    assert locate("32.5, 15.25") == Spot("32.5, 15.25", "32.5, 15.25", 32.5, 15.25, "coordinates")


@pytest.mark.parametrize("bad", ["Xqzzyville", "", "95, 20"])
def test_unknown_place_is_a_clear_error_naming_it(bad):
    with pytest.raises(InputError) as exc:
        locate(bad)
    assert repr(bad.strip()) in str(exc.value)


# ------------------------------------------------------------------------------------------- offsets

def test_the_kharrouba_reports_against_the_facility_table_and_each_other():
    site, benghazi = locate("Al-Kharrouba"), locate("Benghazi")
    actual = measure(benghazi, site)
    assert actual.km == pytest.approx(106.9, abs=1.0) and actual.compass == "E"
    se, sw, sw105 = offset(benghazi, 150, "SE"), offset(benghazi, 150, "south-west"), offset(benghazi, 105, "SW")
    v = check(site, se)
    assert not v.holds and v.distance_off_km == pytest.approx(150 - 25 - actual.km, abs=0.5)
    assert v.bearing_off_deg == pytest.approx(135 - 22.5 - actual.bearing, abs=0.5)
    assert 0 < v.miss_km < 60
    assert check(site, sw).bearing_off_deg > 90 and check(site, sw105).distance_off_km == 0
    assert not agree(se, sw) and not agree(se, sw105) and not agree(sw, sw105)
    assert agree(offset(benghazi, 100, "E"), offset(benghazi, 110, "ESE"))


def test_an_offset_that_matches_the_table_holds():
    jufra, tripoli = locate("Al-Jufra"), locate("Tripoli")
    m = measure(tripoli, jufra)
    v = check(jufra, offset(tripoli, round(m.km, -1), m.compass))
    assert v.holds and v.miss_km == 0 and v.as_dict()["verdict"] == "consistent"


def test_implied_point_and_its_uncertainty():
    benghazi = locate("Benghazi")
    claim = offset(benghazi, 150, "SE")
    lat, lon = claim.point
    assert measure(benghazi, at(lat, lon)).km == pytest.approx(150, abs=1e-6)
    assert 40 < claim.radius_km() < 80                    # ±25 km and ±22.5° at 150 km
    ring = claim.polygon()
    assert ring[0] == ring[-1] and all(claim.allows(at(y, x)) or True for x, y in ring)


def test_parse_stated_offsets():
    assert parse_stated("150 km south-east of Benghazi") == (150.0, "south-east", "Benghazi")
    assert parse_stated("about 105 kilometres to the south west of Benghazi") == (105.0, "south west", "Benghazi")
    with pytest.raises(InputError, match="direction"):
        parse_stated("150 km upwards of Benghazi")
    with pytest.raises(InputError, match="expected the form"):
        parse_stated("near Benghazi")


# ------------------------------------------------------------------------------------------- platforms

def test_every_platform_figure_has_a_source_and_lookup_is_forgiving():
    table = platforms()
    assert {"il-76", "an-124", "tu-154", "su-24", "su-35", "mig-29"} <= {p.id for p in table}
    assert any(p.role == "drone" for p in table)
    assert all(f.source for p in table for f in p.figures.values())
    assert platform("Ил-76").id == "il-76" and platform("su24").id == "su-24" and platform("سو-24").id == "su-24"
    with pytest.raises(InputError, match="'Boeing 747'.*known: il-76"):
        platform("Boeing 747")


def test_a_figure_without_a_source_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("- id: x\n  name: X\n  role: transport\n  cruise_kmh: {value: 700}\n"
                    "  range_km: {value: 100, source: s}\n", encoding="utf-8")
    with pytest.raises(InputError, match="platform 'x'.*cruise_kmh.*source"):
        load_platforms(path)


def test_flight_time_uses_the_table_cruise_speed():
    answer = service.distance("Benghazi", "Tobruk", "Il-76")
    assert answer["hours"] == pytest.approx(answer["km"] / 750, abs=0.01) and answer["within_range"] is True


# ------------------------------------------------------------------------------------------- reach, corridors

def test_su24_from_al_jufra_reaches_tripoli_but_not_cairo_in_radius():
    r = reach(locate("Al-Jufra"), platform("Su-24"))
    countries = {c["country"]: c for c in r["countries"]}
    assert countries["LY"]["capital_within_radius"] and countries["LY"]["capital_km"] < 615
    assert not countries["EG"]["within_radius"] and countries["EG"]["capital_km"] > 615
    assert countries["RU"]["capital"] is None                 # Moscow lies beyond the 2,775 km ferry range
    assert measure(locate("Al-Jufra"), locate("Moscow")).km > 2775
    assert [f["properties"]["km"] for f in r["geojson"]["features"][:2]] == [615, 2775]


def test_corridor_russia_syria_libya_sudan_car():
    stops = [locate(n) for n in ("Moscow", "Hmeimim", "Al-Jufra", "Khartoum", "Bangui")]
    c = corridor(stops, platform("MiG-29"))
    assert len(c["legs"]) == 4
    for leg, (a, b) in zip(c["legs"], zip(stops, stops[1:])):
        assert leg["km"] == pytest.approx(spherical_km(a, b), rel=0.005)
    assert c["total_km"] == pytest.approx(sum(leg["km"] for leg in c["legs"]), abs=0.5)
    assert c["legs_over_range"] == [1, 2, 3, 4]                # every leg is beyond 1,430 km on internal fuel
    il76 = corridor(stops, platform("Il-76"))
    assert il76["legs_over_range"] == [] and il76["total_hours"] == pytest.approx(il76["total_km"] / 750, abs=0.01)
    json.dumps(il76["geojson"])


def test_corridor_needs_two_known_places():
    with pytest.raises(InputError, match="at least two"):
        service.corridor(["Moscow"])
    with pytest.raises(InputError, match="'Nowhereabad'"):
        service.corridor(["Moscow", "Nowhereabad"])


def test_nearest_european_town_to_benghazi_is_on_crete():
    town, km = nearest(locate("Benghazi"), "Europe")
    assert town.country == "GR" and 300 < km < 600
    with pytest.raises(InputError, match="'Atlantida'"):
        nearest(locate("Benghazi"), "Atlantida")


def test_corridor_of_too_many_stops_is_refused():
    with pytest.raises(InputError, match="at most 100"):
        service.corridor(["Moscow", "Hmeimim"] * 51)
