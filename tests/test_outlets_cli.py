"""`dragoman outlets list|show|add|edit` through Typer's test runner, on a real workspace."""

import json
from datetime import datetime, timezone

import pytest
import yaml
from typer.testing import CliRunner

from dragoman.cli import State
from dragoman.cli.outlets import outlets_app
from dragoman.errors import NotFound, WorkspaceError
from dragoman.model import Document

runner = CliRunner()


@pytest.fixture
def call(ws, monkeypatch):
    """Run an `outlets` command against the `ws` workspace (as `dragoman -w WS outlets …` would)."""
    monkeypatch.setattr(State, "workspace", ws.root)
    monkeypatch.setattr(State, "overrides", [])

    def invoke(*args):
        result = runner.invoke(outlets_app, list(args))
        result.flat = " ".join(result.output.replace("\u2502", " ").split())   # usage errors come boxed and wrapped
        return result
    return invoke


def _doc(n, source, url, outlet=None):
    return Document(id=f"d{n:03d}", source=source, url=url, outlet=outlet, text=f"document {n}",
                    published=datetime(2023, 9, 28, tzinfo=timezone.utc))


def test_list_json_has_every_outlet_with_grade_and_descriptor(call):
    result = call("list", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["anadolu"]["descriptor"] == "Turkish state-run news agency"
    assert rows["anadolu"]["reliability"] == "C" and rows["anadolu"]["grade_meaning"] == "fairly reliable"
    assert rows["the-new-arab"]["family"] == "al-araby-al-jadeed" and rows["tass"]["agency"] is True
    assert all(r["origin"] == "bundled" for r in rows.values())
    table = call("list")
    assert table.exit_code == 0 and "anadolu" in table.stdout and f"{len(rows)} outlets" in table.stdout


def test_list_unrated_counts_documents_of_unknown_sources(ws, call):
    with ws.store.transaction():
        for n, (source, url, outlet) in enumerate([
            ("tass.ru", "https://tass.ru/politika/18871453", "ТАСС"),
            ("cyrenaica-weekly.ly", "https://cyrenaica-weekly.ly/a/1", "Cyrenaica Weekly"),
            ("cyrenaica-weekly.ly", "https://cyrenaica-weekly.ly/a/2", "برقة الأسبوعية"),
            ("t.me/some_channel", "https://t.me/some_channel/12", "Some Channel"),
            ("t.me/mod_russia", "https://t.me/mod_russia/31245", "Минобороны России"),
            ("local", None, "الوسط"),                           # a local file whose page names a known outlet
            ("local", None, None),
        ]):
            ws.store.add_document(_doc(n, source, url, outlet))
    result = call("list", "--unrated", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["source"], r["documents"]) for r in rows] == [("cyrenaica-weekly.ly", 2), ("an unidentified source", 1),
                                                               ("t.me/some_channel", 1)]
    assert rows[0]["names"] == ["Cyrenaica Weekly", "برقة الأسبوعية"]
    assert rows[0]["example_url"].startswith("https://cyrenaica-weekly.ly/")
    # Rating it empties the list.
    added = call("add", "--id", "cyrenaica-weekly", "--name", "Cyrenaica Weekly", "--type", "weekly",
                 "--descriptor", "Benghazi weekly", "--grade", "c", "--rationale", "Local paper; new to us.",
                 "--domain", "cyrenaica-weekly.ly", "--alias", "برقة الأسبوعية", "--country", "LY")
    assert added.exit_code == 0, added.output
    left = json.loads(call("list", "--unrated", "--json").stdout)
    assert [r["source"] for r in left] == ["an unidentified source", "t.me/some_channel"]


def test_show_by_id_domain_handle_or_name(call):
    for key in ("anadolu", "aa.com.tr/ar", "https://www.aa.com.tr/fr/afrique/x/1", "وكالة الأناضول"):
        result = call("show", key, "--json")
        assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "anadolu", key
    shown = json.loads(call("show", "@mod_russia", "--json").stdout)
    assert shown["descriptor"] == "official channel of the Russian Ministry of Defence"
    assert shown["family"] == "russian-mod" and shown["telegram"] == ["mod_russia"]
    text = call("show", "sarabic.ae")
    assert "Sputnik Arabic (sputnik-arabic) — Russian state-owned outlet" in text.stdout
    assert "reliability D (not usually reliable)" in text.stdout and "family: rossiya-segodnya" in text.stdout
    missing = call("show", "example.org")
    assert isinstance(missing.exception, NotFound) and "example.org" in str(missing.exception)


def test_add_and_edit_go_to_the_workspace_file(ws, call):
    added = call("add", "--id", "libya-update", "--name", "Libya Update", "--type", "news site",
                 "--descriptor", "Libyan news site", "--grade", "E", "--rationale", "Fabricated quotes twice in 2023.",
                 "--domain", "libyaupdate.example", "--language", "ar", "--language", "en", "--parent", "al-wasat")
    assert added.exit_code == 0, added.output
    assert str(ws.root / "outlets.yaml") in added.stdout
    edited = call("edit", "libya-observer", "--set", "grade=b", "--set", "domains+=libyaobserver.com",
                  "--set", "names-=The Libya Observer", "--set", "alignment=western Libya")
    assert edited.exit_code == 0, edited.output
    assert "libya-observer: reliability = B" in edited.stdout

    shown = json.loads(call("show", "libyaobserver.com", "--json").stdout)
    assert shown["id"] == "libya-observer" and shown["reliability"] == "B" and shown["origin"] == "workspace"
    assert shown["domains"] == ["libyaobserver.ly", "libyaobserver.com"]
    assert shown["names"] == ["ليبيا أوبزرفر"] and shown["descriptor"] == "Libyan news site"
    new = json.loads(call("show", "libya-update", "--json").stdout)
    assert new["languages"] == ["ar", "en"] and new["family"] == "al-wasat" and new["origin"] == "workspace"

    saved = yaml.safe_load((ws.root / "outlets.yaml").read_text(encoding="utf-8"))
    assert [e["id"] for e in saved] == ["libya-update", "libya-observer"]
    assert saved[1] == {"id": "libya-observer", "reliability": "B",
                        "domains": ["libyaobserver.ly", "libyaobserver.com"], "names": ["ليبيا أوبزرفر"],
                        "alignment": "western Libya"}


def test_edit_and_add_errors(call, tmp_path, monkeypatch):
    bad_syntax = call("edit", "tass", "--set", "reliability")
    assert bad_syntax.exit_code == 2 and "FIELD=VALUE" in bad_syntax.flat
    bad_field = call("edit", "tass", "--set", "colour=red")
    assert bad_field.exit_code == 2 and "unknown field 'colour'" in bad_field.flat
    bad_op = call("edit", "tass", "--set", "descriptor+=x")
    assert bad_op.exit_code == 2 and "list fields only" in bad_op.flat
    not_there = call("edit", "tass", "--set", "domains-=tass.example")
    assert not_there.exit_code == 2 and "no such domains entry" in not_there.flat
    bad_grade = call("edit", "tass", "--set", "grade=Q")
    assert bad_grade.exit_code == 2 and "field reliability: 'Q' is not an Admiralty grade" in bad_grade.flat
    clash = call("add", "--id", "ria-copy", "--name", "RIA copy", "--type", "news site", "--descriptor", "x",
                 "--grade", "E", "--rationale", "Copies RIA.", "--domain", "ria.ru")
    assert clash.exit_code == 2 and "'ria.ru' is already listed for outlet 'ria-novosti'" in clash.flat
    unknown = call("edit", "nobody", "--set", "grade=A")
    assert isinstance(unknown.exception, NotFound)
    monkeypatch.setattr(State, "workspace", tmp_path / "nowhere")
    nowhere = call("edit", "tass", "--set", "grade=D")
    assert isinstance(nowhere.exception, WorkspaceError) and "dragoman init" in str(nowhere.exception)
    assert not (tmp_path / "nowhere").exists()


def test_a_broken_workspace_file_is_a_workspace_error(ws, call):
    (ws.root / "outlets.yaml").write_text("- id: tass\n  reliability: Z\n", encoding="utf-8")
    result = call("list", "--json")
    assert isinstance(result.exception, WorkspaceError)       # `dragoman` exits 3 with this one line
    assert str(result.exception) == (f"{ws.root / 'outlets.yaml'}: entry 'tass': field reliability: 'Z' is not "
                                     "an Admiralty grade; use one of A (completely reliable), B (usually reliable), "
                                     "C (fairly reliable), D (not usually reliable), E (unreliable), "
                                     "F (reliability cannot be judged)")
