"""Hostile text on its way to a terminal: Rich markup, escape sequences and bidi overrides from pages and paths
print as inert characters (or not at all), and never crash a command."""

import json
import os
import subprocess
import sys

import pytest
from rich.table import Table

from dragoman.cli.terminal import Console, emit_json, line
from dragoman.text.controls import count_bidi, drop_bidi, inert, strip_controls

ESC_TITLE = "[/b]Bold \x1b]0;pwned\x07\x1b[31mRED\x1b[0m \u202eevil"
PAGE = (f"<html><head><title>{ESC_TITLE}</title></head><body><p>Haftar met [/i] Shoigu \x1b[2J in Moscow on "
        "Monday. The talks [bold]lasted[/bold] long.</p></body></html>")


def test_escape_sequences_go_whole_and_text_around_them_stays():
    assert strip_controls("a\x1b[31mred\x1b[0m b") == "ared b"
    assert strip_controls("t\x1b]0;window title\x07x") == "tx"
    assert strip_controls("t\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\") == "tlink"
    assert strip_controls("bell\x07 null\x00 del\x7f c1\x9b2J") == "bell null del c12J"
    assert strip_controls("line\r\nnext\tcol") == "line\nnext\tcol"


def test_arabic_marks_stay_but_overrides_go():
    arabic = "قال \u200fحفتر\u200f في بنغازي"           # RLM marks belong to the text
    assert inert(arabic) == arabic
    assert count_bidi("a\u202eb\u2066c\u2069") == 3
    assert drop_bidi("a\u202eb\u2066c\u2069") == "abc"


def test_console_prints_markup_as_text_and_strips_escapes():
    console = Console(record=True, width=200)
    console.print(ESC_TITLE)
    table = Table("title")
    table.add_row("[/i]closing tag first \x1b[1m")
    console.print(table)
    console.print(line(("failed", "red"), " in[/b]x.html: [/red] \x1b[2J"))
    text = console.export_text()
    assert "[/b]Bold" in text and "[/i]closing tag first" in text and "in[/b]x.html: [/red]" in text
    assert "\x1b" not in text and "\u202e" not in text and "pwned" not in text


def test_json_output_escapes_c1_and_bidi(capsys):
    emit_json({"title": "x\x9b31m \u202eevil"})
    printed = capsys.readouterr().out
    assert "\x9b" not in printed and "\u202e" not in printed
    assert json.loads(printed) == {"title": "x\x9b31m \u202eevil"}          # the data itself is intact


def dragoman(*args, home):
    env = {**os.environ, "DRAGOMAN_HOME": str(home), "DRAGOMAN_PIPELINE_WORKERS": "1"}
    return subprocess.run([sys.executable, "-m", "dragoman", *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def hostile_ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-terminal")
    (root / "in[").mkdir()
    (root / "in[" / "b]x.html").write_text(PAGE, encoding="utf-8")
    home = root / "ws"
    ingested = dragoman("ingest", str(root / "in[/b]x.html"), str(root / "in[/b]gone.html"), home=home)
    run = dragoman("run", home=home)
    return home, ingested, run


def _clean(proc):
    both = proc.stdout + proc.stderr
    assert "Traceback" not in both and "MarkupError" not in both
    assert "\x1b" not in both and "\x07" not in both and "\u202e" not in both
    return both


def test_ingest_reports_a_markup_path_as_text(hostile_ws):
    _, ingested, run = hostile_ws
    assert ingested.returncode == 1                      # one file missing: partial, not a crash
    assert "in[/b]gone.html: no such file" in _clean(ingested)
    assert run.returncode == 0, run.stderr
    _clean(run)


def test_search_show_timeline_stats_print_hostile_text_inert(hostile_ws):
    home = hostile_ws[0]
    found = dragoman("search", "Haftar", home=home)
    assert found.returncode == 0 and "[/b]Bold RED" in _clean(found)
    doc_id = json.loads(dragoman("search", "Haftar", "--json", home=home).stdout)["results"][0]["id"]
    shown = dragoman("show", doc_id, home=home)
    assert shown.returncode == 0 and "Haftar met [/i] Shoigu" in _clean(shown)
    for command in (("timeline",), ("stats",), ("show", doc_id, "--json")):
        proc = dragoman(*command, home=home)
        assert proc.returncode == 0, proc.stderr
        _clean(proc)
