"""Every export format on the demo workspace, checked by the tools that consume it: stix2 and stix2-validator
(strict), the followthemoney model, GDAL's ogrinfo (when installed) and fastkml, the csv module. Plus: the same
workspace exports byte for byte the same, and the filters select what they say."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from datetime import date

import pytest
import stix2
import typer
from typer.testing import CliRunner

from dragoman.cli import State
from dragoman.cli.export import export as export_command
from dragoman.export import Selection, export
from dragoman.export.judge import CONFIDENCE
from dragoman.export.stix import PROPERTIES
from dragoman.export.tables import COLUMNS
from test_brief_assemble import build_demo

OGRINFO = shutil.which("ogrinfo")


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    return build_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def files(demo, tmp_path_factory):
    """Each format exported once from the whole demo workspace: {name: (summary, path)}."""
    out = tmp_path_factory.mktemp("exports")
    made = {}
    for name, fmt, kw in [("stix", "stix", {}), ("ftm", "ftm", {}), ("geojson", "geojson", {}), ("kml", "kml", {}),
                          *[(f"csv-{t}", "csv", {"table": t}) for t in COLUMNS]]:
        path = out / f"demo-{name}"
        made[name] = (export(demo["ws"], fmt, path, Selection(), **kw), path)
    return made


def _docs(demo) -> dict[str, dict]:
    con = demo["ws"].store.con
    return {r["id"]: dict(r) for r in con.execute("SELECT id, url, capture_sha256, published, source, outlet "
                                                  "FROM documents WHERE status = 'done'")}


# -- STIX ------------------------------------------------------------------------------------------------

def test_stix_bundle_passes_the_strict_validator(files):
    from stix2validator import ValidationOptions, validate_file
    summary, path = files["stix"]
    result = validate_file(str(path), ValidationOptions(strict=True, version="2.1"))
    problems = [str(e) for o in result.object_results for e in o.errors] + \
        [str(w) for o in result.object_results for w in o.warnings]
    assert result.is_valid and not problems, problems[:5]
    assert summary.skipped_count == 0


def test_stix_objects_parse_back_and_reference_only_objects_in_the_bundle(files, demo):
    summary, path = files["stix"]
    bundle = stix2.parse(path.read_text(encoding="utf-8"), allow_custom=True)
    by_id = {o.id: o for o in bundle.objects}
    assert len(by_id) == len(bundle.objects)                       # no object twice
    kinds = Counter(o.type for o in bundle.objects)
    assert kinds["report"] == len(_docs(demo)) == summary.documents
    for kind in ("identity", "location", "relationship", "note", "opinion", "grouping", "extension-definition"):
        assert kinds[kind] > 0, kind
    for o in bundle.objects:
        refs = list(getattr(o, "object_refs", [])) + [getattr(o, k) for k in ("source_ref", "target_ref",
                                                                             "created_by_ref") if k in o]
        assert all(r in by_id for r in refs), (o.id, [r for r in refs if r not in by_id])
        custom = {k for k in o if k.startswith("x_")}
        assert custom <= set(PROPERTIES), custom - set(PROPERTIES)


def test_stix_reports_carry_url_capture_hash_and_date(files, demo):
    docs = _docs(demo)
    bundle = json.loads(files["stix"][1].read_text(encoding="utf-8"))
    reports = [o for o in bundle["objects"] if o["type"] == "report"]
    for report in reports:
        doc = docs[report["x_dragoman_document_id"]]
        reference = report["external_references"][0]
        assert reference["url"] == doc["url"]
        assert reference["hashes"] == {"SHA-256": doc["capture_sha256"]}
        assert report["published"][:10] <= doc["published"][:10] or report["published"][:10] == doc["published"][:10]


def test_stix_outlets_people_places_and_credibility(files):
    objects = json.loads(files["stix"][1].read_text(encoding="utf-8"))["objects"]
    identities = {o["name"]: o for o in objects if o["type"] == "identity" and o.get("x_dragoman_kind") != "outlet"}
    outlets = {o["name"]: o for o in objects if o.get("x_dragoman_kind") == "outlet"}
    assert outlets["TASS"]["x_dragoman_admiralty_reliability"] in "ABCDEF"
    assert outlets["TASS"]["x_dragoman_descriptor"] == outlets["TASS"]["description"]
    haftar = identities["Khalifa Haftar"]
    assert haftar["identity_class"] == "individual" and "حفتر" in haftar["x_dragoman_aliases"]
    assert "Хафтар" in haftar["x_dragoman_aliases"]
    benghazi = next(o for o in objects if o["type"] == "location" and o["name"] == "Benghazi")
    assert benghazi["precision"] == 5000.0 and benghazi["x_dragoman_precision_code"] == 1
    assert abs(benghazi["latitude"] - 32.1) < 0.2 and benghazi["country"] == "LY"
    graded = [o for o in objects if "x_dragoman_credibility" in o]
    assert graded
    for o in graded:
        assert o.get("confidence") == CONFIDENCE.get(o["x_dragoman_credibility"])
    # the Benghazi visit of 22 August is told by several outlet families: a grouping gathers their reports
    visit = [o for o in objects if o["type"] == "grouping" and "Khalifa Haftar" in o["name"]
             and "2023-08-22" in o["name"]]
    assert visit and sum(r.startswith("report--") for r in visit[0]["object_refs"]) >= 3


def test_stix_relationships_only_for_events_told_as_done(files):
    objects = json.loads(files["stix"][1].read_text(encoding="utf-8"))["objects"]
    relationships = [o for o in objects if o["type"] == "relationship"]
    assert relationships and all(o["x_dragoman_event_status"] == "happened" for o in relationships)
    statuses = Counter(o.get("x_dragoman_event_status") for o in objects if o["type"] == "note")
    assert set(statuses) - {None, "happened"}, statuses       # the demo has events not told as done


def test_stix_over_the_story_limit_streams_without_groupings(demo, tmp_path):
    ws = demo["ws"]
    ws.settings.set("export.stories_max_documents", 3, "test")
    try:
        summary = export(ws, "stix", tmp_path / "b.json", Selection())
    finally:
        ws.settings.set("export.stories_max_documents", 2000, "test")
    assert "grouping" not in summary.records and "opinion" not in summary.records
    assert any("export.stories_max_documents=3" in w for w in summary.warnings)
    assert summary.records["report"] == summary.documents


# -- FollowTheMoney ----------------------------------------------------------------------------------------

def test_ftm_entities_validate_against_the_model(files):
    from followthemoney import model
    lines = files["ftm"][1].read_text(encoding="utf-8").splitlines()
    schemata = Counter()
    for line in lines:
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)           # cleans every value by its type
        assert proxy.to_dict()["properties"] == data["properties"], data["id"]
        proxy.schema.validate(data)                             # raises InvalidData on a missing or bad value
        schemata[data["schema"]] += 1
    for name in ("Article", "Person", "Organization", "Address", "Event", "Mention", "Documentation", "Note"):
        assert schemata[name] > 0, name


def test_ftm_cli_validates_and_aggregates_fragments(files, tmp_path):
    ftm = shutil.which("ftm") or str(__import__("pathlib").Path(__import__("sys").executable).with_name("ftm"))
    src = files["ftm"][1]
    checked = subprocess.run([ftm, "validate", "-i", str(src), "-o", str(tmp_path / "v.json")],
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr[-2000:]
    merged = subprocess.run([ftm, "aggregate", "-i", str(src)], capture_output=True, text=True, timeout=300)
    assert merged.returncode == 0, merged.stderr[-2000:]
    haftar = [json.loads(x) for x in merged.stdout.splitlines() if '"dragoman-entity-khalifa-haftar"' in x]
    person = next(e for e in haftar if e["id"] == "dragoman-entity-khalifa-haftar")
    assert person["schema"] == "Person" and person["properties"]["name"] == ["Khalifa Haftar"]
    assert "حفتر" in person["properties"]["alias"] and len(person["properties"]["sourceUrl"]) > 5


def test_ftm_events_have_parties_dates_and_sources(files):
    events = [json.loads(x) for x in files["ftm"][1].read_text(encoding="utf-8").splitlines() if '"Event"' in x]
    dated = [e for e in events if "date" in e["properties"] or "startDate" in e["properties"]]
    assert dated and all("sourceUrl" in e["properties"] and "proof" in e["properties"] for e in events)
    assert any("dragoman-entity-khalifa-haftar" in e["properties"].get("involved", []) for e in dated)


# -- GeoJSON and KML ---------------------------------------------------------------------------------------

def test_geojson_is_rfc7946(files):
    summary, path = files["geojson"]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    layers = Counter(f["properties"]["layer"] for f in data["features"])
    assert layers == Counter({k: v for k, v in summary.records.items()})
    assert layers["event"] and layers["place"] and layers["facility"]
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    moscow = next(f for f in data["features"] if f["properties"]["layer"] == "place"
                  and f["properties"]["name"] == "Moscow")
    assert moscow["geometry"]["coordinates"][0] > 37 and moscow["properties"]["geo_precision"] == 1
    airbases = [f["properties"] for f in data["features"] if f["properties"]["layer"] == "facility"]
    assert all(p["feature"] in ("airbase", "naval_base", "port", "airport") for p in airbases)


def _ogr_counts(path) -> dict[str, int]:
    listing = subprocess.run([OGRINFO, "-ro", "-so", "-al", str(path)], capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0, listing.stderr
    names = re.findall(r"^Layer name: (.+)$", listing.stdout, re.M)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", listing.stdout, re.M)]
    return dict(zip(names, counts))


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed (Debian gdal-bin)")
def test_gdal_reads_every_layer_with_the_right_counts(files):
    summary, path = files["geojson"]
    assert sum(_ogr_counts(path).values()) == sum(summary.records.values())
    summary, path = files["kml"]
    assert _ogr_counts(path) == {"Events": summary.records["event"], "Places": summary.records["place"],
                                 "Facilities": summary.records["facility"]}


def test_kml_parses_with_fastkml_with_folders_and_time(files):
    from fastkml import kml
    summary, path = files["kml"]
    document = kml.KML.from_string(path.read_bytes())
    folders = {f.name: f for f in document.features[0].features}
    assert set(folders) == {"Events", "Places", "Facilities"}
    assert len(folders["Events"].features) == summary.records["event"]
    stamped = [p for p in folders["Events"].features if p.times is not None]
    assert stamped
    assert all(p.geometry is not None for f in folders.values() for p in f.features)


# -- CSV ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", list(COLUMNS))
def test_csv_reads_back_with_the_documented_columns(files, table):
    summary, path = files[f"csv-{table}"]
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert rows and list(rows[0]) == COLUMNS[table]
    assert len(rows) == summary.records[f"{table} row"]
    if table == "events":
        visit = [r for r in rows if r["actor1"] == "Yunus-Bek Yevkurov" and r["event_date"] == "2023-08-22"]
        assert visit and visit[0]["event_type"] == "CONSULT" and visit[0]["time_precision"] == "1"
        assert {r["factual"] for r in rows} == {"yes", "no"}
        assert any(re.search("[\u0600-\u06ff]", r["original"]) for r in rows)       # Arabic kept as it is
        assert any(re.search("[а-я]", r["original"]) for r in rows)                # Russian too
    if table == "excerpts":
        assert all(r["excerpt_id"].startswith("X-") and len(r["capture_sha256"]) == 64 for r in rows
                   if r["excerpt_id"])


# -- determinism and filters -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["stix", "ftm", "geojson", "kml", "csv"])
def test_re_export_is_byte_for_byte_the_same(demo, files, tmp_path, fmt):
    name = "csv-events" if fmt == "csv" else fmt
    again = tmp_path / "again"
    export(demo["ws"], fmt, again, Selection())
    assert again.read_bytes() == files[name][1].read_bytes()


def _exported_docs(ws, tmp_path, selection) -> set[str]:
    path = tmp_path / "sel.json"
    export(ws, "ftm", path, selection)
    return {json.loads(x)["id"].removeprefix("dragoman-doc-") for x in path.read_text(encoding="utf-8").splitlines()
            if '"schema": "Article"' in x}


def test_filters_select_documents_by_entity_period_outlet_and_query(demo, tmp_path):
    ws = demo["ws"]
    docs = _docs(demo)
    everything = _exported_docs(ws, tmp_path, Selection())
    assert everything == set(docs)
    naming = {r[0] for r in ws.store.con.execute(
        "SELECT DISTINCT doc_id FROM entity_links WHERE entity_id = 'yunus-bek-yevkurov'")}
    assert _exported_docs(ws, tmp_path, Selection(entity="Евкуров")) == naming      # a spelling in another script
    september = _exported_docs(ws, tmp_path, Selection(start=date(2023, 9, 1), end=date(2023, 9, 30)))
    assert september == {i for i, d in docs.items() if d["published"][:7] == "2023-09"}
    tass = _exported_docs(ws, tmp_path, Selection(outlets=("tass.ru",)))
    assert tass and tass == {i for i, d in docs.items() if d["source"] == "tass.ru"}
    assert _exported_docs(ws, tmp_path, Selection(outlets=("TASS",))) == tass
    found = {h["id"] for h in ws.store.search("Шойгу", limit=1000)}
    assert _exported_docs(ws, tmp_path, Selection(query="Шойгу")) == found
    both = _exported_docs(ws, tmp_path, Selection(query="Шойгу", start=date(2023, 9, 1), end=date(2023, 9, 30)))
    assert both == found & september


def test_cli_export_writes_the_file_and_reports(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(State, "workspace", demo["ws"].root)
    monkeypatch.setattr(State, "overrides", [])
    app = typer.Typer()
    app.command("export")(export_command)
    runner = CliRunner()
    target = tmp_path / "haftar.geojson"
    result = runner.invoke(app, ["geojson", "-o", str(target), "--entity", "Haftar", "--layer", "event",
                                 "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] > 0 and set(summary["records"]) == {"event"}
    assert json.loads(target.read_text(encoding="utf-8"))["features"]
    assert runner.invoke(app, ["xml", "-o", str(tmp_path / "x")]).exit_code == 2
    assert runner.invoke(app, ["csv", "-o", str(tmp_path / "x"), "--table", "nope"]).exit_code == 2
    missing = runner.invoke(app, ["stix", "-o", str(tmp_path / "x.json"), "--entity", "Nobody Atall"])
    assert missing.exit_code != 0 and not (tmp_path / "x.json").exists()
