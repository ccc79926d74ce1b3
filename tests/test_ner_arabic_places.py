"""Arabic places from the gazetteer, nisba adjectives, cue words before common words, and outlets (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from dragoman.ner import Recogniser
from dragoman.ner.arabic_places import common_word


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser(statistical=())


def names(recogniser: Recogniser, *sentences: str) -> set[tuple[str, str]]:
    return {(s.text, s.label) for spans in recogniser.recognise(list(sentences), "ar") for s in spans}


def test_towns_and_governorates_the_rules_do_not_list(recogniser):
    found = names(recogniser, "هاجم الحوثيون مدينة عدن وقصفوا تعز ولحج.",
                  "وتقدمت القوات العراقية نحو الرمادي والفلوجة في محافظة الأنبار.")
    assert {("عدن", "LOC"), ("تعز", "LOC"), ("لحج", "LOC"), ("الرمادي", "LOC"), ("الفلوجة", "LOC"),
            ("الأنبار", "LOC")} <= found


def test_a_common_word_or_clitic_misreading_is_no_place(recogniser):
    found = names(recogniser, "بعد حشد أعداد كبيرة من المقاتلين في حلب شمال سوريا.",
                  "وتطالب أنقرة بإقامة منطقة حظر طيران ومنطقة آمنة في الشمال.")
    assert ("حلب", "LOC") in found
    assert not any(text in ("بيرة", "حظر", "آمنة") for text, _ in found)
    assert common_word("حظر") and common_word("حديثة") and not common_word("درعا") and not common_word("عدن")


def test_nisba_adjective_is_no_organisation_but_the_noun_is(recogniser):
    adjective = names(recogniser, "واشتبك الجيش مع المسلحين الحوثيين المدعومين من إيران.")
    assert not any(label == "ORG" for _, label in adjective)
    assert ("إيران", "LOC") in adjective
    for sentence in ("هاجم الحوثيون مواقع الجيش.", "ودعا إلى الحوار مع الحوثيين.",
                     "واستمر القتال بين الجيش والحوثيين."):
        assert any(label == "ORG" and "الحوثي" in text for text, label in names(recogniser, sentence)), sentence


def test_country_adjectives_are_no_place(recogniser):
    found = names(recogniser, "سقوط مقاتلة سورية قرب الحدود.", "وتخوض المعارضة السورية معارك عنيفة في سوريا.")
    assert found == {("سوريا", "LOC")}


def test_cues_before_descriptions_and_two_word_places(recogniser):
    found = names(recogniser, "قصفت الطائرات قاعدة أميركية وقاعدة محصنة.",
                  "ووصل المتطوعون إلى قاعدة عين الأسد ثم إلى مدينة أم درمان قرب نهر النيل.")
    assert ("قاعدة عين الأسد", "LOC") in found and ("أم درمان", "LOC") in found and ("النيل", "LOC") in found
    assert not any(text.startswith("قاعدة أ") or text.startswith("قاعدة م") for text, _ in found)


def test_outlet_told_and_party_named_after_its_country(recogniser):
    found = names(recogniser, "وقال المتحدث لـ«الشرق الأوسط» إن الحزب سيشارك.",
                  "وانتقد الأمين العام لحزب نداء تونس قرار الحكومة.",
                  "وقال قائد فيلق القدس إن الاتفاق سيئ.")
    assert {("الشرق الأوسط", "ORG"), ("حزب نداء تونس", "ORG"), ("فيلق القدس", "ORG")} <= found
    assert ("تونس", "LOC") not in found and ("الشرق الأوسط", "LOC") not in found


def test_construct_chains_dual_cues_and_districts(recogniser):
    found = names(recogniser, "كشف مصدر في قيادة عمليات الأنبار عن تقدم القوات نحو منطقتي الحامضية والبوعيثة.",
                  "ونقل الجرحى إلى مستشفى الفلوجة التعليمي، وتمتد المنطقة بين مدينتي مارع وجرابلس.",
                  "وقال رئيس مجلس قضاء الخالدية إن التنظيم انسحب من ناحية البغدادي.")
    assert {("قيادة عمليات الأنبار", "ORG"), ("مستشفى الفلوجة التعليمي", "ORG"), ("الحامضية", "LOC"),
            ("البوعيثة", "LOC"), ("مارع", "LOC"), ("جرابلس", "LOC"), ("الخالدية", "LOC"), ("البغدادي", "LOC")} <= found
    assert not any(text in ("قيادة عمليات", "هيئة اركان") for text, _ in found)
    descriptions = names(recogniser, "وتتمركز قوات التحالف في مركز المدينة حيث تتواجد هيئة اركان الحزب.")
    assert not any(label == "ORG" and text.startswith("مركز") for text, label in descriptions)


def test_agency_of_a_known_body_and_outlet_after_descriptor():
    people = Recogniser(statistical=(), people_model=("ar",))
    found = names(people, "وتحدث المتطوعون مع وكالة الأمم المتحدة لشؤون اللاجئين أمس.",
                  "وقال المرصد السوري لحقوق الإنسان إن الأمم المتحدة طالبت بوقف القتال.",
                  "رابط الخبر بصحيفة الوئام.")
    assert {("وكالة الأمم المتحدة لشؤون اللاجئين", "ORG"), ("الأمم المتحدة", "ORG"),
            ("المرصد السوري لحقوق الإنسان", "ORG"), ("الوئام", "ORG")} <= found
    assert ("الوئام", "PER") not in found


def test_definite_common_noun_and_municipality(recogniser):
    found = names(recogniser, "قالت الحماة للخادمة إن الطعام جاهز.", "محضر اجتماع بلدية نابلس رقم 95.")
    assert ("بلدية نابلس", "ORG") in found
    assert not any(text == "الحماة" for text, _ in found)


def test_governorates_the_gazetteer_lacks_and_coast_guard(recogniser):
    found = names(recogniser, "وقصفت الطائرات مواقع في أبين وحضرموت وشبوة.",
                  "وقال متحدث باسم خفر السواحل الايطالي إن القارب غرق.")
    assert {("أبين", "LOC"), ("حضرموت", "LOC"), ("شبوة", "LOC"), ("خفر السواحل الايطالي", "ORG")} <= found
