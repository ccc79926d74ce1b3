"""The geoparsing scorer on files written here, and the gate on GeoWebNews / GeoVirus (skipped without ../shared)."""

import json
import math
from pathlib import Path

import pytest

from dragoman.errors import DragomanError
from dragoman.eval.geoparse import (MAX_KM, Gold, area_holds, auc, distance_scores, evaluate, format_text, load,
                                    read_jsonl)
from dragoman.geo.resolve import resolve, toponym

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "geoparsing"
needs_data = pytest.mark.skipif(not (DATA / "GWN.xml").is_file() or not (DATA / "GeoVirus.xml").is_file(),
                                reason=f"geoparsing gold not present at {DATA}")
# Pinned a hair below what was measured (gold spans: 0.901 GWN, 0.861 GeoVirus, 0.818 / 0.837 without the
# vicinity fallback; end to end with the default spotter: recognition precision by overlap 0.908 / 0.914, F1
# 0.844 / 0.913). Raise them when a change improves a score.
FLOORS = {"gwn": {"acc@161": 0.895, "no_vicinity": 0.815, "e2e_f1": 0.83, "e2e_precision": 0.90},
          "geovirus": {"acc@161": 0.855, "no_vicinity": 0.83, "e2e_f1": 0.90, "e2e_precision": 0.90}}

TEXT = "Russian aircraft flew from Hmeimim in Syria to Benghazi and then to Al-Jufra in central Libya."


def _span(name, lat, lon):
    start = TEXT.index(name)
    return {"start": start, "end": start + len(name), "lat": lat, "lon": lon}


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "text": TEXT, "toponyms": [_span("Hmeimim", 35.40, 35.95), _span("Syria", 35.0, 38.0),
                                               _span("Benghazi", 32.12, 20.07), _span("Al-Jufra", 29.20, 16.00),
                                               _span("Libya", 27.0, 17.0)]},
        {"id": "b", "text": "No coordinates here: Atlantis.", "toponyms": [{"start": 21, "end": 29}]},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(1, "{this is not json")
    lines.append(json.dumps({"id": "c", "text": "short", "toponyms": [{"start": 2, "end": 50, "lat": 1, "lon": 1}]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_bad_lines_are_reported_with_their_number_and_skipped(gold):
    docs, problems = read_jsonl(gold)
    assert [d.id for d in docs] == ["a", "b"]
    assert len(problems) == 2 and f"{gold}:2:" in problems[0] and f"{gold}:4:" in problems[1]
    assert "outside the text" in problems[1]


def test_jsonl_gold_spans_are_resolved_and_scored(gold):
    result = evaluate(gold, fmt="jsonl")
    assert result["documents"] == 2 and result["gold"] == 5 and result["no_coordinates"] == 1
    assert result["acc@161"] == 1.0 and result["unresolved"] == 0
    assert result["median_km"] < 50 and 0 <= result["auc"] < 0.5
    assert len(result["problems"]) == 2
    assert "acc@161 100.0%" in format_text(result)


def test_jsonl_end_to_end_counts_recognition(gold):
    result = evaluate(gold, fmt="jsonl", gold_spans=False)
    assert result["recognition_overlap"]["recall"] == 1.0
    assert result["recognition_exact"]["tp"] >= 4
    missing_libya = evaluate(gold, fmt="jsonl", gold_spans=False,
                             recognise=lambda text: [(s, s + len(n)) for n in ("Hmeimim", "Benghazi", "Libya")
                                                     for s in [text.find(n)] if s >= 0])
    assert missing_libya["recognition_exact"]["recall"] == pytest.approx(3 / 5)
    assert missing_libya["recognition_exact"]["precision"] == 1.0
    assert missing_libya["acc@161"] == pytest.approx(3 / 5)           # a missed toponym counts as a miss
    assert "recognition P/R/F1" in format_text(missing_libya)


def test_distance_measures():
    assert auc([0.0, 0.0]) == 0.0 and auc([MAX_KM, MAX_KM]) == pytest.approx(1.0, rel=1e-4)
    assert auc([0.0, MAX_KM]) == pytest.approx(0.5, rel=1e-4)
    assert auc([100.0]) == pytest.approx(math.log1p(100) / math.log(MAX_KM))
    scores = distance_scores([10.0, 100.0, 200.0, MAX_KM])
    assert scores["acc@161"] == 0.5 and scores["median_km"] == 150.0 and scores["n"] == 4


def test_xml_readers_realign_offsets(tmp_path):
    text = "Floods hit Derna and Benghazi."
    xml = ("<articles><article><source>x</source><text>" + text + "</text><locations>"
           "<location><name>Derna</name><start>12</start><end>17</end><lat>32.77</lat><lon>22.64</lon></location>"
           "</locations></article><!-- <article><text>commented out</text></article> --></articles>")
    (tmp_path / "GeoVirus.xml").write_text(xml, encoding="utf-8")
    docs, _ = load(tmp_path, "geovirus")
    (doc,) = docs
    (derna,) = doc.toponyms
    assert doc.text[derna.start:derna.end] == "Derna"                  # one character late in the file
    with pytest.raises(DragomanError, match="geoparsing gold not found"):
        load(tmp_path, "gwn")
    with pytest.raises(DragomanError, match="unknown corpus"):
        load(tmp_path, "lgl")


def test_an_area_answer_that_holds_the_gold_point_is_told_apart(gaz):
    text = "Japan and China signed the deal; Tokyo hosted it, and Texas cattle prices rose."
    spans = [toponym(text, text.index(n), text.index(n) + len(n)) for n in ("Japan", "China", "Texas")]
    japan, china, texas = resolve(text, spans, gaz, lang="en")
    continents = {"JP": "AS", "CN": "AS", "US": "NA"}
    tokyo, beijing = Gold(0, 5, "Japan", 35.69, 139.75), Gold(0, 5, "China", 39.9, 116.4)
    assert area_holds(gaz, japan, tokyo, continents)              # GeoNames puts Japan at Tokyo: right area
    assert not area_holds(gaz, japan, beijing, continents)         # a point in China is not in Japan
    assert area_holds(gaz, china, Gold(0, 5, "China", 35.0, 103.0), continents)   # Wikipedia's China point
    assert area_holds(gaz, texas, Gold(0, 5, "Texas", 31.0, -100.0), continents)
    assert not area_holds(gaz, texas, Gold(0, 5, "Texas", 35.5, -97.5), continents)   # Oklahoma City


@needs_data
@pytest.mark.parametrize("corpus", ["gwn", "geovirus"])
def test_geoparsing_gate(corpus):
    floors = FLOORS[corpus]
    gold = evaluate(DATA, corpus)
    assert gold["acc@161"] >= floors["acc@161"], format_text(gold)
    plain = evaluate(DATA, corpus, vicinity=False)
    assert plain["acc@161"] >= floors["no_vicinity"] and plain["vicinity"] == 0, format_text(plain)
    assert gold["vicinity"] > 0 and gold["unresolved"] < plain["unresolved"]
    end_to_end = evaluate(DATA, corpus, gold_spans=False)
    assert end_to_end["recognition_overlap"]["f1"] >= floors["e2e_f1"], format_text(end_to_end)
    assert end_to_end["recognition_overlap"]["precision"] >= floors["e2e_precision"], format_text(end_to_end)
