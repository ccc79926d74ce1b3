"""The CLI end to end, as an analyst would call it (separate processes, real exit codes)."""

import json
import os
import subprocess
import sys

import pytest

from conftest import PAGES


def dragoman(*args, home, check=True):
    env = {**os.environ, "DRAGOMAN_HOME": str(home), "DRAGOMAN_PIPELINE_WORKERS": "1"}
    proc = subprocess.run([sys.executable, "-m", "dragoman", *args], capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli") / "ws"
    dragoman("init", home=home)
    dragoman("ingest", str(PAGES), home=home)
    dragoman("run", home=home)
    return home


def test_search_arabic_with_and_without_diacritics_returns_the_same(home):
    plain = json.loads(dragoman("search", "حفتر", "--json", home=home).stdout)
    vowelled = json.loads(dragoman("search", "حَفْتَر", "--json", home=home).stdout)
    assert [r["id"] for r in plain["results"]] == [r["id"] for r in vowelled["results"]]
    # The Arabic page by its text (and the entity); the Russian one names Хафтар, so the entity finds it too.
    assert [(r["language"], r["matched"]) for r in plain["results"]] == [("ar", ["text", "entity"]),
                                                                          ("ru", ["entity"])]


def test_search_russian_ignores_case_and_yo(home):
    upper = json.loads(dragoman("search", "ШОЙГУ", "--json", home=home).stdout)
    lower = json.loads(dragoman("search", "шойгу", "--json", home=home).stdout)
    yo = json.loads(dragoman("search", "еще", "--json", home=home).stdout)
    assert [r["id"] for r in upper["results"]] == [r["id"] for r in lower["results"]]
    texts = [r for r in upper["results"] if "text" in r["matched"]]
    assert len(texts) == 1 and texts[0]["language"] == "ru" and yo["count"] == 1
    assert "Шойгу" in dragoman("search", "Шойгу", home=home).stdout


def test_stats_and_show(home):
    stats = json.loads(dragoman("stats", "--json", home=home).stdout)
    assert stats["documents"] == 2 and stats["by_language"] == {"ar": 1, "ru": 1}
    assert stats["by_status"] == {"done": 2}
    doc_id = json.loads(dragoman("search", "حفتر", "--json", home=home).stdout)["results"][0]["id"]
    shown = json.loads(dragoman("show", doc_id[:10], "--json", home=home).stdout)
    assert shown["id"] == doc_id and shown["capture"]["sha256"]
    first = shown["sentences"][0]
    assert first["original"].startswith("التقى") and first["provenance"]["engine"] == "analyst"
    unanalysed = [s for s in shown["sentences"] if s["provenance"]["engine"] != "analyst"]
    assert unanalysed and all(s["english"] is None for s in unanalysed)
    glossed = [s for s in unanalysed if s["provenance"]["engine"] == "gloss"]
    assert any("[Khalifa Haftar]" in g["gloss"] and "[Sergei Shoigu]" in g["gloss"] for g in glossed)
    assert all("untranslated" in g["provenance"]["note"] for g in glossed)


def test_reingest_reports_unchanged(home):
    report = json.loads(dragoman("ingest", str(PAGES), "--json", home=home).stdout)
    assert report["new"] == 0 and report["unchanged"] == 2
    assert json.loads(dragoman("stats", "--json", home=home).stdout)["documents"] == 2


def test_errors_are_one_line_with_meaningful_exit_codes(home, tmp_path):
    missing = dragoman("show", "dzzzz", home=home, check=False)
    assert missing.returncode == 4 and missing.stderr.strip().count("\n") == 0 and "not found" in missing.stderr
    nowhere = dragoman("stats", home=tmp_path / "nothing", check=False)
    assert nowhere.returncode == 3 and "dragoman init" in nowhere.stderr
    bad = dragoman("ingest", str(tmp_path / "nope.html"), home=home, check=False)
    assert bad.returncode == 1 and "nope.html: no such file or folder" in bad.stderr
    setting = dragoman("--set", "pipeline.workers=lots", "run", home=home, check=False)
    assert setting.returncode == 3 and "pipeline.workers must be a int" in setting.stderr


def test_workspace_option_beats_environment(tmp_path):
    other = tmp_path / "other"
    dragoman("--workspace", str(other), "init", home=tmp_path / "env-home")
    assert (other / "dragoman.db").exists() and not (tmp_path / "env-home").exists()


def test_feeds_commands_and_archive_verify(tmp_path):
    from dragoman.demo import DEMO
    home = tmp_path / "ws"
    opml = DEMO / "feeds" / "watchlist.opml"
    assert "feeds, " in dragoman("feeds", "import", str(opml), home=home).stdout
    dragoman("feeds", "add", "https://example.org/rss.xml", "--folder", "Test", "--lang", "en", home=home)
    listed = json.loads(dragoman("feeds", "list", "--json", home=home).stdout)
    assert any(f["url"] == "https://example.org/rss.xml" and f["folder"] == "Test" for f in listed)
    exported = dragoman("feeds", "export", home=home).stdout
    assert exported.startswith("<?xml") and "https://example.org/rss.xml" in exported
    bad = dragoman("feeds", "add", "ftp://example.org/x", home=home, check=False)
    assert bad.returncode == 2
    dragoman("ingest", str(PAGES), str(DEMO / "telegram" / "mod_russia"), home=home)
    verified = json.loads(dragoman("archive", "verify", "--json", home=home).stdout)
    assert verified["checked"] == 7 and verified["mismatches"] == []


def test_ingest_with_run_processes_what_it_stored(tmp_path):
    home = tmp_path / "ws"
    dragoman("init", home=home)
    report = json.loads(dragoman("ingest", str(PAGES), "--run", "--json", home=home).stdout)
    assert report["new"] == 2
    assert (report["run"]["documents"], report["run"]["ok"], report["run"]["problems"]) == (2, 2, [])
    stats = json.loads(dragoman("stats", "--json", home=home).stdout)
    assert stats["by_status"] == {"done": 2} and stats["by_language"] == {"ar": 1, "ru": 1}
