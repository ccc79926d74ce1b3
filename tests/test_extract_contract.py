"""`dragoman extract`: the extraction contract tools rely on (one JSON object per input, spans into `text`)."""

import json
import shutil

from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.demo import demo_sources

KEYS = {"path", "title", "text", "language", "published", "entities", "places", "times", "events", "claims"}


def _page(name):
    return demo_sources()[0] / name             # the demo's pages folder


def _spans_hold(obj):
    text = obj["text"]
    for key in ("entities", "places", "times"):
        for item in obj[key]:
            assert text[item["start"]:item["end"]] == item["text"], (key, item)


def test_extract_arabic_page_puts_the_bases_on_the_map(tmp_path):
    page = _page("ar-alaraby-wagner-bases.html")
    shutil.copy(page, tmp_path / page.name)
    shutil.copy(page.with_name(page.stem + ".en.tsv"), tmp_path)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / page.name), "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert set(obj) >= KEYS and obj["language"] == "ar"
    _spans_hold(obj)
    bases = {p["name"]: p for p in obj["places"] if p["feature"] == "airbase"}
    assert {"Al-Jufra Air Base", "Al-Khadim Air Base", "Tamanhint Air Base"} <= set(bases)
    jufra = bases["Al-Jufra Air Base"]
    assert abs(jufra["lat"] - 29.2) < 0.1 and abs(jufra["lon"] - 16.0) < 0.1 and jufra["precision"] == 1
    people = {e["canonical"] for e in obj["entities"] if e["type"] == "PER"}
    assert {"Khalifa Haftar", "Yevgeny Prigozhin"} <= people
    assert any(t["precision"] == "day" and t["value"] == "2023-08-23" for t in obj["times"])


def test_extract_jsonl_forced_language_and_bad_inputs(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Юнус-Бек Евкуров встретился с Халифой Хафтаром в Бенгази 22 августа.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(app, ["extract", str(text), str(tmp_path / "scan.pdf"), str(tmp_path / "gone.html"),
                                      "--lang", "ru", "--published", "2023-08-23", "--jsonl"])
    assert result.exit_code == 1                      # two inputs failed, the good one still came out
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and lines[0]["language"] == "ru" and lines[0]["published"] == "2023-08-23"
    _spans_hold(lines[0])
    assert {e["canonical"] for e in lines[0]["entities"]} >= {"Yunus-Bek Yevkurov", "Khalifa Haftar"}
    (event,) = [e for e in lines[0]["events"] if e["type"] == "CONSULT"]
    assert event["actors"] == ["Yunus-Bek Yevkurov"] and event["place"] == "Benghazi"
    assert event["from"].startswith("2023-08-22")
    assert "scan.pdf" in result.stderr and "gone.html" in result.stderr
