"""The scenario on the demo workspace: the timeline for Khalifa Haftar (in any spelling) lists the 22 Aug and
17 Sep visits and the 28 Sep Moscow meeting with their sources, and flags the conflicting dates (22/23/24 Aug;
17 Sep vs October). The manifest's `duplicate_of` is the oracle for near-duplicates."""

import json
import time
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from dragoman.analysis import build_stories, load_reports
from dragoman.analysis.timeline import story_lines, timeline, when
from dragoman.demo import demo_sources, manifest
from dragoman.errors import NotFound
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending

YEVKUROV, HAFTAR = "Yunus-Bek Yevkurov", "Khalifa Haftar"


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    from dragoman.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("analysis-demo") / "ws", create=True,
                        overrides=["pipeline.workers=1"])
    report = ingest_sources(ws, demo_sources())
    assert not report.failed
    run_pending(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def files(demo_ws):
    """doc id -> demo page file (pages only; feed entries and posts have none)."""
    rows = demo_ws.store.con.execute("SELECT id, json_extract(data, '$.meta.file') FROM documents")
    return {doc_id: name for doc_id, name in rows if name}


@pytest.fixture(scope="module")
def haftar(demo_ws):
    return timeline(demo_ws, entity=HAFTAR)


def visit(stories, iso_day, place):
    found = [s for s in stories if s.type == "CONSULT" and s.precision == "day" and s.start
             and s.start.date().isoformat() == iso_day and s.place == place]
    assert len(found) == 1, [(when(s), s.place, s.participants) for s in stories if s.type == "CONSULT"]
    return found[0]


def test_the_first_visit_is_one_story_with_its_date_conflict(haftar, files):
    story = visit(haftar, "2023-08-22", "Benghazi")
    assert {YEVKUROV, HAFTAR} <= set(story.participants)
    outlets = {r.outlet for r in story.reports}
    assert {"RIA Novosti", "Anadolu Agency", "Libya Observer", "Russian MoD Telegram"} <= outlets
    sources = {files.get(r.doc_id) for r in story.reports}
    assert {"ru-ria-yevkurov-benghazi.html", "ar-aa-yevkurov-benghazi.html", "tr-aa-yevkurov-bingazi.html",
            "en-libyaobserver-yevkurov.html"} <= sources
    (conflict,) = [c for c in story.conflicts if c.field == "date"]
    assert {"22 August 2023", "23 August 2023", "24 August 2023"} <= set(conflict.values)
    assert conflict.values["23 August 2023"] == ["Libya Observer"]
    assert "Outlets disagree on the date" in conflict.note
    # every report keeps its own date: none of them is the return visit's
    assert not any(r.when_start and r.when_start.month == 9 for r in story.reports)


def test_the_return_visit_is_another_story_with_the_october_conflict(haftar, files):
    story = visit(haftar, "2023-09-17", "Benghazi")
    assert {YEVKUROV, HAFTAR} <= set(story.participants)
    sources = {files.get(r.doc_id) for r in story.reports}
    assert {"ru-ria-second-visit.html", "ar-libyaobserver-second-visit.html", "en-wsj-russia-libya-bases.html"} \
        <= sources
    (conflict,) = [c for c in story.conflicts if c.field == "date"]
    assert set(conflict.values) == {"17 September 2023", "October 2023"}
    assert conflict.values["October 2023"] == ["Wall Street Journal"]
    # a report published before 17 Sep cannot be about this visit
    assert all(r.published.date().isoformat() >= "2023-09-17" for r in story.reports)


def test_the_moscow_meeting_is_confirmed_without_conflict(haftar, files):
    story = visit(haftar, "2023-09-28", "Moscow")
    assert {HAFTAR, "Vladimir Putin", "Sergei Shoigu"} <= set(story.participants)
    assert {"TASS", "Sputnik Arabic", "al-Araby al-Jadeed", "The New Arab"} <= {r.outlet for r in story.reports}
    assert not story.conflicts
    assert story.credibility.grade == 1 and story.lat == pytest.approx(55.75, abs=0.1)


def test_the_visits_are_told_in_time_order(haftar):
    days = [s.start.date().isoformat() for s in haftar if s.type == "CONSULT" and s.precision == "day"]
    assert days.index("2023-08-22") < days.index("2023-09-17") < days.index("2023-09-28")


@pytest.mark.parametrize("spelling", ["Hifter", "حفتر", "Хафтар", "khalifa-haftar"])
def test_any_spelling_gives_the_same_timeline(demo_ws, haftar, spelling):
    assert [s.id for s in timeline(demo_ws, entity=spelling)] == [s.id for s in haftar]


def test_republished_stories_count_once(demo_ws, files):
    by_file = {name: doc_id for doc_id, name in files.items()}
    reports = load_reports(demo_ws)
    for entry in manifest():
        if entry.get("duplicate_of"):
            mine = [r for r in reports if r.doc_id == by_file[entry["file"]]]
            assert mine and {r.duplicate_of for r in mine} == {by_file[entry["duplicate_of"]]}, entry["file"]
    originals = {r.doc_id for r in reports if r.duplicate_of is None}
    assert by_file["ru-ria-yevkurov-benghazi.html"] in originals
    first = visit(build_stories(reports), "2023-08-22", "Benghazi")
    reasons = " ".join(first.credibility.reasoning)
    assert "Libya Haber repeats Anadolu Agency's story nearly word for word" in reasons
    assert "TASS repeats RIA Novosti's story nearly word for word" in reasons


def test_dates_limit_the_timeline(demo_ws):
    september = timeline(demo_ws, entity=HAFTAR, start=date(2023, 9, 1), end=date(2023, 9, 30))
    days = {s.start.date().isoformat() for s in september if s.start and s.precision == "day"}
    assert {"2023-09-17", "2023-09-28"} <= days and "2023-08-22" not in days
    # the dissenting October date stays beside the 17 Sep visit
    return_visit = visit(september, "2023-09-17", "Benghazi")
    assert return_visit.conflicts


def test_the_demo_analysis_is_quick(demo_ws):
    started = time.perf_counter()
    build_stories(load_reports(demo_ws))
    assert time.perf_counter() - started < 5


def test_a_query_narrows_the_documents(demo_ws, files):
    reports = load_reports(demo_ws, query="Шойгу")
    assert reports and {files.get(r.doc_id) for r in reports} <= {"ru-tass-haftar-moscow.html", None}
    assert {r.language for r in reports} == {"ru"}


def test_the_air_defence_claim_is_corroborated_across_families(demo_ws, files):
    from dragoman.analysis import assess_claim, find_corroborating
    reports = load_reports(demo_ws)
    claim = next(r for r in reports if r.kind == "claim" and files.get(r.doc_id) == "ar-alaraby-haftar-moscow.html"
                 and "air-defence" in (r.english or ""))
    corroborating = find_corroborating(claim, reports)
    assert {"wsj", "le-monde"} <= {r.counted_family for r in corroborating}
    credibility = assess_claim(claim, corroborating)
    assert credibility.grade in (2, 3) and "al-araby-al-jadeed" in credibility.independent
    assert any("belong to one family" in line or "only through" in line for line in credibility.reasoning)


def test_unknown_entity_is_not_found(demo_ws):
    with pytest.raises(NotFound, match="Nobody Atall"):
        load_reports(demo_ws, entity="Nobody Atall")


# -- the command ---------------------------------------------------------------------------------------------

@pytest.fixture
def run_timeline(demo_ws):
    from dragoman import cli
    from dragoman.cli.timeline import timeline as command
    app = typer.Typer()
    app.command()(command)
    saved = cli.State.workspace, cli.State.overrides
    cli.State.workspace, cli.State.overrides = demo_ws.root, []
    yield lambda *args: CliRunner().invoke(app, list(args))
    cli.State.workspace, cli.State.overrides = saved


def test_timeline_command_text(run_timeline):
    result = run_timeline("--entity", "Khalifa Haftar")
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("22 Aug 2023 · CONSULT (visit)", "17 Sep 2023 · CONSULT (visit)", "28 Sep 2023 · CONSULT (visit)"):
        assert heading in out
    assert "⚠ Outlets disagree on the date: 22 August 2023" in out
    assert "October 2023 (Wall Street Journal)" in out
    assert "Anadolu Agency (Turkish state-run news agency; C)" in out
    assert "credibility 1: confirmed by other sources" in out
    assert "date unknown (reported " in out


def test_timeline_command_json(run_timeline):
    result = run_timeline("--entity", "Хафтар", "--from", "2023-09-01", "--to", "2023-09-30", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["count"] == len(data["stories"]) > 0
    meeting = next(s for s in data["stories"] if s["date"] == "28 Sep 2023" and s["type"] == "CONSULT")
    assert meeting["place"]["name"] == "Moscow" and meeting["place"]["lat"] == pytest.approx(55.75, abs=0.1)
    assert meeting["credibility"]["label"] == "confirmed by other sources"
    source = meeting["sources"][0]
    assert {"outlet", "descriptor", "grade", "url", "published", "text", "english", "translation"} <= set(source)


def test_timeline_command_rejects_bad_dates(run_timeline):
    result = run_timeline("--from", "2023-13-01")
    assert result.exit_code == 2 and "not a date" in result.output


def test_story_lines_show_descriptor_grade_and_conflict(haftar):
    lines = story_lines(visit(haftar, "2023-09-17", "Benghazi"))
    assert lines[0].startswith("17 Sep 2023 · CONSULT (visit) · ")
    assert any(line.startswith("  ⚠ Outlets disagree on the date") for line in lines)
    assert any("Wall Street Journal (US business daily; B)" in line and "gives Oct 2023" in line for line in lines)
