"""Arabic names of first-level divisions (geo/data/places.yaml `subdivisions:`), in the places stage and in the
Arabic rules, on sentences written for these tests."""

from __future__ import annotations

from dragoman.geo.resolve import resolve
from dragoman.geo.spot import spot
from dragoman.ner import Recogniser
from dragoman.ner.arabic_places import subdivision_names


def places(text, gaz):
    return {r.text: r for r in resolve(text, spot(text, "ar", gaz), gaz, lang="ar")}


def test_yemeni_governorates_resolve_to_the_governorate(gaz):
    found = places("اشتباكات في محافظة أبين بين القوات الحكومية والانفصاليين، وتوتر في شبوة وحضرموت.", gaz)
    abyan = next(r for text, r in found.items() if "أبين" in text)
    assert abyan.gazetteer_id == "iso:YE-AB" and abyan.feature == "region"
    assert found["شبوة"].gazetteer_id == "iso:YE-SH" and found["حضرموت"].gazetteer_id == "iso:YE-HD"


def test_a_kind_word_before_a_town_finds_its_governorate(gaz):
    found = places("قصفت الطائرات مدينة لحج، وامتدت المعارك إلى محافظة تعز.", gaz)
    assert found["لحج"].feature == "city" and found["تعز"].gazetteer_id == "iso:YE-TA"


def test_an_iso_code_joined_by_name_gets_its_names(gaz):
    found = places("وصلت المساعدات إلى ولاية الخرطوم وإلى ولاية شمال دارفور.", gaz)
    assert {r.country for r in found.values()} == {"SD"}
    assert all(r.feature == "region" for r in found.values())


def test_the_rules_take_bare_names_only():
    names = subdivision_names()
    assert {"أبين", "شبوة", "حضرموت", "القصيم", "الوادي الجديد"} <= set(names)
    assert not any(n.startswith(("محافظة", "ولاية")) for n in names)
    assert "مطروح" not in names and "البلقاء" not in names            # common words: only with محافظة


def test_recogniser_finds_governorates_as_places():
    found = {(s.text, s.label) for spans in Recogniser(statistical=()).recognise(
        ["اشتباكات في محافظة أبين وشبوة.", "وزار الوفد منطقة القصيم."], "ar") for s in spans}
    assert {("أبين", "LOC"), ("شبوة", "LOC"), ("القصيم", "LOC")} <= found
