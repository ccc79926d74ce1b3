"""`dragoman brief` and `dragoman cite` through Typer's test runner, on the demo workspace (built once per session
by test_brief_assemble.build_demo)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest
import typer
from typer.testing import CliRunner

from dragoman.cli import State
from dragoman.cli.brief import brief, cite
from test_brief_assemble import build_demo

runner = CliRunner()
app = typer.Typer()
app.command("brief")(brief)
app.command("cite")(cite)


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    return build_demo(tmp_path_factory)


@pytest.fixture
def call(demo, monkeypatch):
    """Run `dragoman -w DEMO brief|cite …`."""
    monkeypatch.setattr(State, "workspace", demo["ws"].root)
    monkeypatch.setattr(State, "overrides", [])

    def invoke(*args):
        return runner.invoke(app, list(args))
    return invoke


def _excerpts(brief):
    return [(s, e) for s in brief.sources for e in s.excerpts]


def test_cite_prints_the_original_and_where_it_is_archived(call, demo):
    for source, excerpt in _excerpts(demo["brief"]):
        result = call("cite", excerpt.id)
        assert result.exit_code == 0, result.output
        doc = demo["ws"].store.get_document(excerpt.doc_id)
        original = doc.text[excerpt.start:excerpt.end]
        assert result.stdout.startswith(original)
        for expected in (doc.id, doc.url, doc.capture.sha256, doc.capture.archive, "verified"):
            assert expected in result.stdout, expected


def test_cite_json_span_matches_the_stored_text_and_the_archive(call, demo):
    ws = demo["ws"]
    for source, excerpt in _excerpts(demo["brief"]):
        result = call("cite", excerpt.id, "--json")
        assert result.exit_code == 0, result.output
        view = json.loads(result.stdout)
        doc = ws.store.get_document(view["document"])
        start, end = view["span"]
        assert view["original"] == doc.text[start:end] and (start, end) == (excerpt.start, excerpt.end)
        assert view["capture"]["verified"] is True and view["capture"]["warc"] == doc.capture.archive
        raw = ws.archive.read(doc.capture)
        assert hashlib.sha256(raw).hexdigest() == view["capture"]["sha256"] == excerpt.sha256
        assert view["translation"] == excerpt.translation and view["english"] == (excerpt.english or None)
        assert view["url"] == source.url


def test_cite_a_cut_excerpt_shows_its_pieces(call, demo):
    from dragoman.brief.excerpts import make_excerpt
    ws = demo["ws"]
    doc = next(d for d in ws.store.pending("") if d.language == "ar" and len(d.sentences) > 4)
    excerpt = make_excerpt(doc, [0, 2])
    result = call("cite", excerpt.id, "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert view["pieces"] == [[doc.sentences[0].span.start, doc.sentences[0].span.end],
                              [doc.sentences[2].span.start, doc.sentences[2].span.end]]
    assert " … " in view["quoted"] and view["original"] == doc.text[view["span"][0]:view["span"][1]]
    assert doc.sentences[1].span.of(doc.text) in view["original"]      # the skipped sentence is in the span
    plain = call("cite", excerpt.id)
    assert "quoted (cut): " in plain.stdout and "in pieces" in plain.stdout


@pytest.mark.parametrize("bad", ["X-d000000000aa-0-10-abcd", "not-an-id", "X-d270c057f060-5-1-abcd"])
def test_cite_unknown_excerpt_exits_4(call, bad):
    result = call("cite", bad)
    assert result.exit_code == 4
    assert "excerpt" in result.output and bad in result.output


def test_cite_tampered_check_exits_4(call, demo):
    _, excerpt = _excerpts(demo["brief"])[0]
    wrong = excerpt.id[:-4] + ("0000" if not excerpt.id.endswith("0000") else "1111")
    result = call("cite", wrong)
    assert result.exit_code == 4 and "no longer matches" in result.output


def test_brief_writes_every_format(call, tmp_path):
    outputs = [tmp_path / f"haftar{suffix}" for suffix in (".md", ".html", ".pdf", ".docx")]
    args = ["brief", "--entity", "Khalifa Haftar", "--from", "2023-08-01", "--to", "2023-10-31",
            "--title", "Russia and Haftar, Aug–Oct 2023"]
    for path in outputs:
        args += ["-o", str(path)]
    result = call(*args)
    assert result.exit_code == 0, result.output
    assert all(p.exists() and p.stat().st_size > 1000 for p in outputs)
    md = outputs[0].read_text(encoding="utf-8")
    assert md.startswith("# Russia and Haftar, Aug–Oct 2023") and "## Sources" in md
    html = outputs[1].read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "Qatari-aligned daily" in html
    assert outputs[2].read_bytes().startswith(b"%PDF")
    import docx
    assert docx.Document(str(outputs[3])).paragraphs[0].text == "Russia and Haftar, Aug–Oct 2023"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(outputs[2]), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Russia and Haftar" in text


def test_brief_json_and_markdown_to_stdout(call):
    result = call("brief", "--query", "Хафтар", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["written"] == [] and data["brief"]["sources"]
    assert data["brief"]["query"] == "Хафтар"
    plain = call("brief", "--entity", "Khalifa Haftar", "--from", "2023-09-01", "--to", "2023-09-30")
    assert plain.exit_code == 0 and plain.stdout.startswith("# Khalifa Haftar: foreign press, September 2023")


@pytest.mark.parametrize("args", [[], ["--entity", "Khalifa Haftar", "--from", "22/08/2023"],
                                  ["--entity", "Khalifa Haftar", "--from", "2023-10-01", "--to", "2023-09-01"],
                                  ["--entity", "Khalifa Haftar", "-o", "brief.txt"]])
def test_brief_bad_usage(call, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = call("brief", *args)
    assert result.exit_code != 0
    assert not (tmp_path / "brief.txt").exists()


def test_brief_about_nothing_is_not_found(call):
    from dragoman.errors import NotFound
    result = call("brief", "--query", "Tegucigalpa")
    assert isinstance(result.exception, NotFound) or result.exit_code == 4
