"""`dragoman entities list|show|merge|split|undo`, with --json, against a real workspace."""

import json

import pytest
from typer.testing import CliRunner

from dragoman.cli import State
from dragoman.cli.entities import entities_app
from dragoman.errors import NotFound
from dragoman.model.annotations import Mention, Span
from dragoman.names import EntityResolver
from dragoman.store.entities import EntityStore

runner = CliRunner()


@pytest.fixture
def filled(ws, monkeypatch):
    """A workspace where two documents mention Haftar and Yevkurov in three scripts."""
    resolver = EntityResolver.from_termbase(arabnamer="off")
    store = EntityStore(ws.store.con)
    docs = {"d-ar": ("ar", "التقى حفتر بالوزير يفكيروف في بنغازي.", ["حفتر", "يفكيروف"]),
            "d-ru": ("ru", "Евкуров прибыл к Хафтару.", ["Евкуров", "Хафтару"]),
            "d-en": ("en", "Yevkurov met Khalifa Hifter.", ["Yevkurov", "Khalifa Hifter"])}
    for doc_id, (lang, text, names) in docs.items():
        found = []
        for name in names:
            start = text.index(name)
            res = resolver.resolve(name, "PER", lang)
            found.append(Mention(span=Span(start, start + len(name)), text=name, value=res.canonical or name,
                                 label="PER", entity_id=res.entity_id, confidence=res.score, stage="entities",
                                 version="1"))
        store.record(doc_id, found, lang=lang, kind_of=resolver.kind_of)
    monkeypatch.setattr(State, "workspace", ws.root)
    monkeypatch.setattr(State, "overrides", [])
    return ws


def run_json(*args):
    result = runner.invoke(entities_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_and_show(filled):
    rows = run_json("list")
    assert [r["id"] for r in rows] == ["khalifa-haftar", "yunus-bek-yevkurov"]
    assert rows[0]["mentions"] == 3 and rows[0]["documents"] == 3
    shown = run_json("show", "Yevkurov")
    assert shown["name"] == "Yunus-Bek Yevkurov" and shown["kind"] == "person"
    assert {s: [v["variant"] for v in vs] for s, vs in shown["variants"].items()} == \
        {"arabic": ["يفكيروف"], "cyrillic": ["Евкуров"], "latin": ["Yevkurov"]}
    assert all(v["rule"] and v["score"] > 0.5 for vs in shown["variants"].values() for v in vs)
    assert {d["id"] for d in shown["documents"]} == {"d-ar", "d-ru", "d-en"}
    text = runner.invoke(entities_app, ["show", "khalifa-haftar"])
    assert text.exit_code == 0 and "Khalifa Haftar" in text.stdout and "Хафтару" in text.stdout


def test_merge_split_undo_with_json(filled):
    merged = run_json("merge", "Khalifa Haftar", "Yunus-Bek Yevkurov")
    assert merged["kept"] == "khalifa-haftar" and merged["merged"] == "yunus-bek-yevkurov"
    assert run_json("show", "yunus-bek-yevkurov")["id"] == "khalifa-haftar"
    undone = run_json("undo", str(merged["merge"]))
    assert undone == {"undone": merged["merge"], "op": "merge", "kept": "khalifa-haftar",
                      "other": "yunus-bek-yevkurov"}
    split = run_json("split", "khalifa-haftar", "Khalifa Hifter")
    assert run_json("show", split["entity"])["mentions"] == 1
    history = run_json("show", "khalifa-haftar")["merges"]
    assert [(m["op"], m["actor"], bool(m["undone_at"])) for m in history] == \
        [("merge", "analyst", True), ("split", "analyst", False)]
    plain = runner.invoke(entities_app, ["undo", str(split["merge"])])
    assert plain.exit_code == 0 and "undone" in plain.stdout


def test_unknown_entity_is_a_not_found_error(filled):
    result = runner.invoke(entities_app, ["show", "Nobody At All", "--json"])
    assert isinstance(result.exception, NotFound)      # `dragoman` turns it into exit code 4
