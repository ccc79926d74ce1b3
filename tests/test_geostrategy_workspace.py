"""Geographic claims checked by the geoclaims stage on a workspace's documents (texts written for these tests),
the conflicting Kharrouba reports across outlets, and corridors drawn from movement events."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from dragoman.errors import NotFound
from dragoman.geostrategy.atlas import COUNTRIES_FILE, VENDOR_DIR
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.service import geostrategy as geo
from dragoman.web import create_app
from dragoman.workspace import Workspace

TEXTS = {
    "en1.txt": "Russian aircraft at Al-Kharrouba\n\nSatellite images show new hangars at Al-Kharrouba air base, "
               "which lies 150 km south-east of Benghazi. The delegation met in Benghazi on Tuesday.\n",
    "en2.txt": "Equipment moves east\n\nThe Al-Kharrouba air base, 150 km south-west of Benghazi, received two "
               "cargo flights. Maaten al-Sarra Air Base is very close to Sudan and the Sahel. Clashes broke out "
               "near Tripoli.\n",
    "ar1.txt": "طائرات روسية في الخروبة\n\nوتقع قاعدة الخروبة الجوية على بعد 105 كيلومترات جنوب غربي بنغازي، "
               "وقد وصلت إليها طائرات شحن.\n",
    "fr1.txt": "Des avions à Al-Kharrouba\n\nLa base d'Al-Kharrouba se trouve à environ 110 km à l'est de Benghazi. "
               "Des sources proches du gouvernement ont confirmé près de 300 départs.\n",
    "w1.txt": "Wagner at Hmeimim\n\nOn 3 March 2020 Wagner Group deployed fighters to Hmeimim air base in Syria.\n",
    "w2.txt": "Wagner in Libya\n\nOn 25 May 2020 Wagner Group deployed fighters to Al-Jufra air base in Libya.\n",
    "w3.txt": "Wagner in Sudan\n\nWagner Group deployed troops to Khartoum on 12 June 2020, officials said.\n",
    "w4.txt": "Wagner in the Central African Republic\n\nOn 20 December 2020 Wagner Group deployed hundreds of "
              "fighters to Bangui.\n",
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("geows")
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    workspace = Workspace.open(root / "ws", create=True, overrides=["pipeline.workers=1"])
    ingest_sources(workspace, sorted(root.glob("*.txt")))
    run_pending(workspace)
    yield workspace
    workspace.close()


@pytest.mark.skipif(not (VENDOR_DIR / COUNTRIES_FILE).exists(),
                    reason="the Natural Earth countries come with `make frontend`; the fallback judges 'near' by towns")
def test_the_stage_stores_checked_claims_and_only_sentences_with_a_cue(ws):
    answer = geo.workspace_claims(ws)
    kinds = sorted((c["kind"], c["verdict"]) for c in answer["claims"])
    assert kinds == [("near", "holds")] + [("offset", "consistent")] + [("offset", "inconsistent")] * 3
    texts = " ".join(c["text"] for c in answer["claims"])
    assert "Tripoli" not in texts and "proches du gouvernement" not in texts    # a location; an affiliation
    (near,) = [c for c in answer["claims"] if c["kind"] == "near"]
    assert [t["target"] for t in near["detail"]["targets"]] == ["Sudan", "Sahel"]
    assert geo.workspace_claims(ws, verdict="consistent")["total"] == 1


def test_conflicting_reports_of_kharrouba_across_outlets(ws):
    answer = geo.workspace_claims(ws)
    (site,) = answer["sites"]
    assert site["site"]["id"] == "al-kharrouba" and site["conflicting"]
    claims = sorted(r["claim"] for r in site["reports"])
    assert claims == ["105 km SW of Benghazi", "110 km E of Benghazi", "150 km SE of Benghazi",
                      "150 km SW of Benghazi"]
    pairs = {frozenset((c["a"]["claim"], c["b"]["claim"])) for c in answer["conflicts"]}
    assert frozenset(("150 km SE of Benghazi", "150 km SW of Benghazi")) in pairs
    assert frozenset(("105 km SW of Benghazi", "150 km SW of Benghazi")) in pairs
    assert len(pairs) == 6
    consistent = [r for r in site["reports"] if r["verdict"] == "consistent"]
    assert [r["claim"] for r in consistent] == ["110 km E of Benghazi"]    # the table: ~107 km east


def test_corridor_from_movement_events_in_date_order(ws):
    answer = geo.corridor_from_events(ws, "Wagner", "Il-76")
    assert [v["place"] for v in answer["visits"]] == ["Hmeimim Air Base", "Al-Jufra Air Base", "Khartoum", "Bangui"]
    assert [leg["from_date"] for leg in answer["legs"]] == ["2020-03-03", "2020-05-25", "2020-06-12"]
    assert 1950 < answer["legs"][0]["km"] < 2050 and answer["legs_over_range"] == []
    with pytest.raises(NotFound, match="'Nobody'"):
        geo.corridor_from_events(ws, "Nobody")


def test_cli_and_api_list_the_workspace_claims(ws):
    env = dict(os.environ)
    base = [sys.executable, "-m", "dragoman", "--workspace", str(ws.root), "geo"]
    text = subprocess.run(base + ["check", "--workspace"], capture_output=True, text=True, env=env,
                          check=True).stdout
    assert "Al-Kharrouba Air Base: facility table" in text and "CONFLICTING" in text
    assert "cannot both be true" in text
    corridor = json.loads(subprocess.run(base + ["corridor", "--from-events", "--entity", "Wagner", "--json"],
                                         capture_output=True, text=True, env=env, check=True).stdout)
    assert len(corridor["legs"]) == 3
    client = TestClient(create_app(ws.root))
    api = client.get("/api/geo/workspace", params={"kind": "offset"})
    assert api.status_code == 200 and len(api.json()["conflicts"]) == 6
    legs = client.get("/api/geo/corridor", params={"entity": "Wagner", "platform": "Il-76"})
    assert legs.status_code == 200 and legs.json()["visits"][0]["place"] == "Hmeimim Air Base"
