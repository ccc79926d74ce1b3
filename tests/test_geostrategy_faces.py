"""`dragoman geo …` and /api/geo/…: the same answers through both faces, and bad input as a one-line error."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from dragoman.web import create_app
from dragoman.workspace import Workspace


def geo(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "dragoman", "geo", *args], capture_output=True, text=True,
                          env=dict(os.environ))
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def test_cli_distance_json_and_text():
    answer = json.loads(geo("distance", "Hmeimim", "Al-Jufra", "--platform", "Il-76", "--json").stdout)
    assert answer["from"]["id"] == "hmeimim" and answer["to"]["id"] == "al-jufra"
    assert 1950 < answer["km"] < 2050 and answer["direction"] == "WSW" and answer["within_range"] is True
    text = geo("distance", "Benghazi", "Al-Kharrouba").stdout
    assert "Benghazi" in text and "Al-Kharrouba Air Base" in text and "km, bearing" in text


def test_cli_check_flags_the_conflicting_kharrouba_reports():
    proc = geo("check", "Al-Kharrouba", "--claim", "150 km south-east of Benghazi",
               "--claim", "150 km south-west of Benghazi", "--claim", "105 km south-west of Benghazi", "--json")
    answer = json.loads(proc.stdout)
    assert [v["verdict"] for v in answer["claims"]] == ["inconsistent"] * 3
    assert len(answer["conflicts"]) == 3
    text = geo("check", "Al-Kharrouba", "--km", "150", "--dir", "SE", "--of", "Benghazi").stdout
    assert "inconsistent" in text and "confidence low" in text


def test_cli_corridor_and_reach():
    text = geo("corridor", "Hmeimim", "Al-Jufra", "Khartoum", "Bangui", "--platform", "MiG-29").stdout
    assert text.count("BEYOND") == 3 and "total" in text
    reach = json.loads(geo("reach", "Al-Jufra", "--platform", "Su-24", "--json").stdout)
    assert reach["geojson"]["features"][0]["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize("args, named", [(("distance", "Xqzzyville", "Benghazi"), "'Xqzzyville'"),
                                         (("reach", "Al-Jufra", "--platform", "Concorde"), "'Concorde'"),
                                         (("check", "Al-Kharrouba", "--km", "150", "--dir", "upwards", "--of",
                                           "Benghazi"), "'upwards'")])
def test_cli_bad_input_is_one_line_naming_the_item(args, named):
    proc = geo(*args, check=False)
    assert proc.returncode != 0 and named in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("geo") / "ws"
    Workspace.init(root)
    return TestClient(create_app(root))


def test_api_routes(client):
    d = client.get("/api/geo/distance", params={"from": "Moscow", "to": "Hmeimim"})
    assert d.status_code == 200 and 2200 < d.json()["km"] < 2300
    r = client.get("/api/geo/reach", params={"base": "Al-Jufra", "platform": "Il-76"})
    assert r.status_code == 200 and r.json()["one_way_km"] == 5000
    c = client.get("/api/geo/corridor", params=[("via", "Moscow"), ("via", "Hmeimim|Al-Jufra"),
                                                ("platform", "Il-76")])
    assert c.status_code == 200 and len(c.json()["legs"]) == 2
    k = client.get("/api/geo/check", params={"site": "Al-Kharrouba", "km": 150, "dir": "SE", "of": "Benghazi"})
    assert k.status_code == 200 and k.json()["verdict"] == "inconsistent"
    bad = client.get("/api/geo/distance", params={"from": "Xqzzyville", "to": "Hmeimim"})
    assert bad.status_code == 400 and "'Xqzzyville'" in bad.json()["error"]


def test_cli_claim_shows_the_computation_and_the_api_agrees(client):
    text = geo("check", "its ports are only about an hour's flight from the European coast",
               "--place", "Benghazi").stdout
    assert "Benghazi → nearest point of Europe coast" in text and "Il-76" in text and "holds" in text
    assert "measured on: nearest" in text
    near = geo("claim", "Maaten al-Sarra Air Base is very close to Sudan and the Sahel.").stdout
    assert "Maaten al-Sarra Air Base → Sudan" in near and "very close = 300 km or less" in near
    api = client.get("/api/geo/claims", params={"text": "Al-Kharrouba lies 150 km south-east of Benghazi"})
    assert api.status_code == 200 and api.json()["claims"][0]["verdict"] == "inconsistent"
