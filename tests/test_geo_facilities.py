"""The facility table: it loads, it is checked (errors name the entry and the field), and its points are sane."""

import math

import pytest

from dragoman.errors import InputError
from dragoman.geo.areas import km
from dragoman.geo.cues import load_cues
from dragoman.geo.facilities import load_facilities
from dragoman.geo.keys import name_key
from dragoman.geo.places import load_additions

GOOD = """
- id: test-base
  name: Test Air Base
  feature: airbase
  country: LY
  lat: 31.0
  lon: 16.6
  confidence: low
  aliases: {en: [Test Base], ar: [قاعدة الاختبار]}
  sources: ["written for a test"]
"""


@pytest.fixture(scope="module")
def table():
    return {f.id: f for f in load_facilities()}


def test_the_scenario_bases_are_all_there_with_their_aliases(table):
    for site in ("benina", "al-khadim", "al-kharrouba", "al-jufra", "brak-al-shati", "tamanhint", "ghardabiya",
                 "al-watiya", "mitiga", "misrata-airport", "maaten-al-sarra", "kufra-airport", "gamal-abdel-nasser",
                 "benghazi-port", "tobruk-port", "hmeimim", "tartus"):
        assert site in table, site
    names = {n for n, _, _ in table["al-khadim"].names()}
    assert {"Al Khadim", "Al-Khadem", "Khadim", "قاعدة الخادم", "الخدم"} <= names
    assert "Cufra" in table["al-jufra"].aliases["tr"]                # Turkish Cufra is Al-Jufra…
    assert "Cufra" not in {n for n, _, _ in table["kufra-airport"].names()}    # …not Kufra
    assert {"حميميم", "авиабаза Хмеймим", "Hmeymim"} <= {n for n, _, _ in table["hmeimim"].names()}


def test_every_entry_says_where_its_point_comes_from(table):
    for f in table.values():
        assert f.sources and all(s.strip() for s in f.sources), f.id
        assert f.confidence in ("high", "medium", "low")
    assert table["al-kharrouba"].confidence == "low"
    assert "105" in table["al-kharrouba"].disagreement and "150" in table["al-kharrouba"].disagreement


def test_points_agree_with_the_scenario_and_the_fact_sheet(table):
    sabha = (27.03766, 14.42832)
    assert 25 <= km(*sabha, table["tamanhint"].lat, table["tamanhint"].lon) <= 40          # "about 30 km from Sabha"
    sirte = (31.20892, 16.58866)
    assert 10 <= km(*sirte, table["ghardabiya"].lat, table["ghardabiya"].lon) <= 25        # "15-20 km south of Sirte"
    assert table["ghardabiya"].lat < sirte[0]
    assert km(29.20, 16.00, table["al-jufra"].lat, table["al-jufra"].lon) < 5               # scenario table
    assert km(35.40, 35.95, table["hmeimim"].lat, table["hmeimim"].lon) < 5
    for f in table.values():
        assert not math.isnan(f.lat) and f.country in {"LY", "SY", "SD", "TR", "YE"}, f.id   # the news' theatres
        if f.icao:                                  # a site with an airfield code agrees with that airfield
            assert any(f.icao in s for s in f.sources), f.id


def _write(tmp_path, text):
    path = tmp_path / "facilities.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_table_loads(tmp_path):
    (site,) = load_facilities(_write(tmp_path, GOOD))
    assert site.id == "test-base" and site.aliases["ar"] == ("قاعدة الاختبار",)


@pytest.mark.parametrize("change,field", [
    (("feature: airbase", "feature: castle"), "feature"),
    (("country: LY", "country: XX"), "country"),
    (("lat: 31.0", "lat: 131.0"), "lat"),
    (("lon: 16.6", "lon: east"), "lon"),
    (("confidence: low", "confidence: maybe"), "confidence"),
    (("aliases: {en: [Test Base], ar: [قاعدة الاختبار]}", "aliases: {de: [Testbasis]}"), "aliases"),
    (("  sources: [\"written for a test\"]\n", ""), "sources"),
    (("  confidence: low\n", "  confidence: low\n  icao: H1\n"), "icao"),
    (("  confidence: low\n", "  confidence: low\n  colour: red\n"), "colour"),
])
def test_a_bad_entry_is_named_with_its_field(tmp_path, change, field):
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(InputError) as err:
        load_facilities(path)
    message = str(err.value)
    assert "test-base" in message and f"'{field}'" in message and str(path) in message


def test_duplicate_ids_and_broken_yaml_are_refused(tmp_path):
    with pytest.raises(InputError, match="duplicate"):
        load_facilities(_write(tmp_path, GOOD + GOOD))
    with pytest.raises(InputError, match="not valid YAML"):
        load_facilities(_write(tmp_path, "- id: [unclosed"))


def test_place_additions_are_checked_too(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text("centres:\n  LY: [27.0]\n", encoding="utf-8")
    with pytest.raises(InputError, match="centres.LY"):
        load_additions(path)
    path.write_text("regions:\n  - {id: x, name: X, feature: planet, lat: 1, lon: 2}\n", encoding="utf-8")
    with pytest.raises(InputError, match="feature"):
        load_additions(path)


def test_our_other_tables_load():
    additions = load_additions()
    assert additions.centres["LY"] and "Libyan" in additions.countries["LY"].demonyms
    assert any(r.id == "fezzan" for r in additions.regions)
    cues = load_cues()
    assert any(c.feature == "airbase" for c in cues.before["ar"])
    assert name_key("المدينة") in cues.stop["ar"]          # "the city" is a word, not Medina
