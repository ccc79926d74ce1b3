"""Links you can trust: a country-scoped institution links only when its country is named, and every link (or
refusal) carries its evidence through the entities stage, the store and `dragoman entities show`."""

import json

import pytest
from typer.testing import CliRunner

from dragoman.cli import State
from dragoman.cli.entities import entities_app
from dragoman.model import Document
from dragoman.names import scope
from dragoman.pipeline import Worker, plan
from dragoman.settings import Settings
from dragoman.store.entities import EntityStore

IRAQ = ("صوت مجلس النواب العراقي على الموازنة العامة. وقال رئيس الوزراء العراقي إن مجلس النواب سيجتمع مجددا "
        "في بغداد الأسبوع المقبل.")
LIBYA = "عقد مجلس النواب جلسته في طبرق شرق ليبيا، ورفض منح الثقة لحكومة الوحدة الوطنية."
AFGHANISTAN = ("À Kaboul, le gouvernement d'union nationale a annoncé de nouvelles mesures. "
               "L'Afghanistan reste divisé entre ses deux dirigeants.")


@pytest.fixture(scope="module")
def worker():
    settings = Settings()
    return Worker(plan(settings, only=("segment", "entities")), settings)


def mentions(worker, text, lang):
    doc = Document(id=f"{lang}-{len(text)}", source="test", text=text, language=lang,
                   meta={"language_forced": lang})
    return worker.process_one(doc).doc.mentions


@pytest.mark.parametrize("word, code", [("ليبيا", "LY"), ("الليبية", "LY"), ("والعراق", "IQ"), ("العراقي", "IQ"),
                                        ("Libya'da", "LY"), ("libyen", "LY"), ("ливийский", "LY"), ("Ирака", "IQ"),
                                        ("L'Afghanistan", "AF"), ("России", "RU"), ("الروسية", "RU")])
def test_countries_are_read_through_endings_and_adjectives(word, code):
    assert scope.country_of_word(word) == code


@pytest.mark.parametrize("word", ["için", "mali", "الحكومة", "Cumhuriyet", "American"])
def test_common_words_name_no_country(word):
    assert scope.country_of_word(word) is None


def test_iraqs_parliament_is_not_libyas(worker):
    found = [m for m in mentions(worker, IRAQ, "ar") if m.text == "مجلس النواب"]
    assert found and all(m.entity_id is None and m.rule == "unscoped" for m in found)
    assert all(m.declined == "house-of-representatives" and "Iraq" in m.evidence for m in found)


def test_libyas_parliament_links_with_its_evidence(worker):
    found = {m.text: m for m in mentions(worker, LIBYA, "ar")}
    hor = found["مجلس النواب"]
    assert hor.entity_id == "house-of-representatives" and "Libya" in hor.evidence and hor.rule == "alias"


def test_afghanistans_unity_government_is_not_libyas(worker):
    [gnu] = [m for m in mentions(worker, AFGHANISTAN, "fr") if m.text == "gouvernement d'union nationale"]
    assert gnu.entity_id is None and gnu.declined == "gnu" and "Afghanistan" in gnu.evidence


def test_every_link_says_why(worker):
    for m in mentions(worker, LIBYA, "ar"):
        assert m.evidence and (m.entity_id is None) == ("not linked" in m.evidence)


def test_entities_show_explains_links_and_refusals(worker, ws, monkeypatch):
    store = EntityStore(ws.store.con)
    for doc_id, text in (("libya", LIBYA), ("iraq", IRAQ)):
        store.record(doc_id, mentions(worker, text, "ar"), lang="ar")
    monkeypatch.setattr(State, "workspace", ws.root)
    monkeypatch.setattr(State, "overrides", [])
    result = CliRunner().invoke(entities_app, ["show", "house-of-representatives", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    [variant] = shown["variants"]["arabic"]
    assert variant["count"] == 1 and "Libya" in variant["evidence"]
    assert {d["doc_id"] for d in shown["declined"]} == {"iraq"} and "Iraq" in shown["declined"][0]["evidence"]
    text = CliRunner().invoke(entities_app, ["show", "house-of-representatives"])
    assert "Not linked for want of evidence" in text.stdout and "Iraq" in text.stdout
