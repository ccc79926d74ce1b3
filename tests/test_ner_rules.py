"""The rule recognisers (Arabic, Turkish, French, English rules) on sentences about the scenario, with the
term base and without it (so the cue rules alone are tested), plus spans, cue files and bad input."""

import pytest

from dragoman.errors import InputError
from dragoman.ner import NameSpan, Recogniser
from dragoman.ner.cues import read
from dragoman.ner.spans import make, resolve, supplement
from dragoman.vocab.termbase import TermBase

AR_VISIT = ("استقبل المشير خليفة حفتر في مقره بالرجمة نائب وزير الدفاع الروسي يونس بك يفكوروف، "
            "وذكرت وزارة الدفاع الروسية أن الجانبين بحثا التعاون العسكري.")
AR_SPOKESMAN = ("وقال الناطق باسم القيادة العامة اللواء أحمد المسماري إن عناصر مجموعة فاغنر غادروا "
                "قاعدة الخادم الجوية نحو مدينة سرت.")
AR_PRESIDENT = "والتقى الرئيس السنغالي ماكي سال رئيس الحكومة عبد الحميد الدبيبة في طرابلس أمس."
TR_VISIT = ("Mareşal Hafter, Rusya Savunma Bakan Yardımcısı Yunus-Bek Yevkurov'u Bingazi'de kabul etti. "
            "Görüşmeye Wagner Grubu temsilcileri de katıldı.")
FR_VISIT = ("Le maréchal Haftar a reçu à Benghazi le vice-ministre russe de la défense, Iounous-Bek Ievkourov. "
            "Selon le ministère de la défense russe, le groupe Wagner n'était pas représenté.")
EN_VISIT = ("Field Marshal Khalifa Haftar hosted Deputy Defence Minister Yunus-Bek Yevkurov in Benghazi, the "
            "Russian Ministry of Defence said, weeks after Wagner Group founder Yevgeny Prigozhin died.")


@pytest.fixture(scope="module")
def full():
    return Recogniser(english="rules", statistical=())


@pytest.fixture(scope="module")
def bare():
    """No term base: only cue words, capitals and word lists."""
    return Recogniser(english="rules", statistical=(), termbase=TermBase([]))


def found(recogniser, text, lang):
    [spans] = recogniser.recognise([text], lang)
    for s in spans:
        assert text[s.start:s.end] == s.text, s
        assert s.label in ("PER", "ORG", "LOC", "MISC")
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), "sorted and not overlapping"
    return [(s.text, s.label) for s in spans]


def test_arabic_titles_organisations_and_facilities_without_the_term_base(bare):
    assert found(bare, AR_VISIT, "ar") == [("خليفة حفتر", "PER"), ("يونس بك يفكوروف", "PER"),
                                           ("وزارة الدفاع الروسية", "ORG")]
    assert found(bare, AR_SPOKESMAN, "ar") == [("أحمد المسماري", "PER"), ("مجموعة فاغنر", "ORG"),
                                               ("قاعدة الخادم الجوية", "LOC"), ("سرت", "LOC")]


def test_arabic_nisba_after_a_title_is_skipped_and_a_surname_with_the_article_closes_the_name(bare):
    spans = found(bare, AR_PRESIDENT, "ar")
    assert ("ماكي سال", "PER") in spans and ("عبد الحميد الدبيبة", "PER") in spans
    assert not any("السنغالي" in t or "أمس" in t for t, _ in spans)


def test_arabic_with_the_term_base_names_the_concept(full):
    [spans] = full.recognise([AR_VISIT], "ar")
    by_text = {s.text: s for s in spans}
    assert by_text["خليفة حفتر"].concept == "khalifa-haftar" and by_text["خليفة حفتر"].confidence >= 0.9
    assert by_text["وزارة الدفاع الروسية"].concept == "russian-mod"
    assert by_text["يونس بك يفكوروف"].label == "PER"


def test_arabic_country_names_whose_official_form_has_an_arabic_comma(bare):
    # pycountry writes Iran "إيران، الجمهورية الإسلامية الإيرانية": the running-text name is before the "،".
    text = "وأعلنت السلطات في إيران أن المحادثات مع فنزويلا ستستأنف الأسبوع المقبل."
    spans = found(bare, text, "ar")
    assert ("إيران", "LOC") in spans
    assert not any("الجمهورية" in t for t, _ in spans)


def test_an_outlet_with_a_two_word_arabic_name_is_one_organisation(full, bare):
    # "فوكس نيوز" was cut short: the term base holds the whole name, as it holds سبوتنيك and الأناضول
    text = "وقالت فوكس نيوز إن سليماني وصل إلى موسكو يوم 24 يوليو والتقى بالرئيس الروسي."
    [spans] = full.recognise([text], "ar")
    outlets = [s for s in spans if "فوكس" in s.text]
    assert [(s.text, s.label, s.concept) for s in outlets] == [("فوكس نيوز", "ORG", "fox-news")]
    assert not any(s.text == "فوكس نيوز" for s in bare.recognise([text], "ar")[0])   # the row does it


def test_arabic_clitics_stay_out_of_the_span(bare):
    text = "ونقلت الوكالة عن المشير خليفة حفتر قوله إن لوزارة الدفاع الروسية دورا."
    spans = found(bare, text, "ar")
    assert ("خليفة حفتر", "PER") in spans and ("وزارة الدفاع الروسية", "ORG") in spans


def test_turkish_titles_case_endings_and_organisation_words(bare):
    # The case ending stays outside the name (Yevkurov'u → Yevkurov, Bingazi'de → Bingazi), as the guards keep it.
    assert found(bare, TR_VISIT, "tr") == [("Hafter", "PER"), ("Rusya", "MISC"), ("Yunus-Bek Yevkurov", "PER"),
                                           ("Bingazi", "LOC"), ("Wagner Grubu", "ORG")]


def test_turkish_with_the_term_base(full):
    spans = found(full, TR_VISIT, "tr")
    assert ("Rusya", "LOC") in spans and ("Hafter", "PER") in spans
    assert ("Mareşal Hafter", "PER") not in spans          # the title is not part of the name


def test_french_titles_and_lower_case_organisations(bare):
    assert found(bare, FR_VISIT, "fr") == [("Haftar", "PER"), ("Benghazi", "LOC"), ("Iounous-Bek Ievkourov", "PER"),
                                           ("ministère de la défense russe", "ORG"), ("groupe Wagner", "ORG")]


def test_french_elision_is_not_part_of_the_name(bare):
    spans = found(bare, "La mort d’Evgueni Prigojine a surpris l’Armée nationale libyenne.", "fr")
    assert spans[0] == ("Evgueni Prigojine", "PER")
    assert all(not t.startswith(("d’", "l’")) for t, _ in spans)


def test_english_rules_split_titles_from_names(full, bare):
    expected = [("Khalifa Haftar", "PER"), ("Yunus-Bek Yevkurov", "PER"), ("Benghazi", "LOC"),
                ("Russian Ministry of Defence", "ORG"), ("Wagner Group", "ORG"), ("Yevgeny Prigozhin", "PER")]
    assert found(bare, EN_VISIT, "en") == expected
    [spans] = full.recognise([EN_VISIT], "en")
    assert [s.normal for s in spans if s.label == "PER"] == ["Khalifa Haftar", "Yunus-Bek Yevkurov",
                                                               "Yevgeny Prigozhin"]


def test_english_rules_remember_a_person_named_once_in_full(bare):
    text = "Analyst Kori Schulman wrote the report. Schulman said Clinton was right, and Hillary Clinton agreed."
    spans = found(bare, text, "en")
    assert ("Kori Schulman", "PER") in spans and ("Schulman", "PER") in spans
    assert ("Clinton", "PER") in spans                       # not the town of Clinton: the document names her


def test_english_rules_drop_sentence_openers_and_months(bare):
    spans = found(bare, "The Libyan National Army said on Monday that Russia had sent advisers. In August, "
                        "nothing moved.", "en")
    assert spans == [("Libyan National Army", "ORG"), ("Russia", "LOC")]


def test_place_spotter_hook_adds_places():
    def spotter(text, lang):
        i = text.find("الأبيار")
        return [(i, i + len("الأبيار"))] if i >= 0 else []
    r = Recogniser(place_spotter=spotter, statistical=(), termbase=TermBase([]))
    [spans] = r.recognise(["وصلت التعزيزات إلى الأبيار صباحا."], "ar")
    assert [(s.text, s.label, s.source) for s in spans] == [("الأبيار", "LOC", "places")]


@pytest.mark.parametrize("lang", ["ar", "tr", "fr", "en"])
def test_empty_garbage_and_huge_texts_do_not_crash(bare, lang):
    garbage = "\x00\ufffd))((«»—… 12:30 ###\n\n" + "ـــ" + "\u200f\u200e" + "'" * 5
    huge = (AR_VISIT if lang == "ar" else EN_VISIT) + " " + "word " * 60000
    out = bare.recognise(["", "   ", garbage, huge], lang)
    assert out[0] == [] and out[1] == [] and len(out) == 4
    assert all(huge[s.start:s.end] == s.text for s in out[3])


def test_unknown_language_gives_empty_lists(full):
    assert full.recognise(["Ein Satz über Berlin."], "de") == [[]]
    with pytest.raises(ValueError, match="engine"):
        Recogniser(english="nltk")


def test_make_trims_punctuation_but_keeps_a_closed_quote():
    text = "(ЧВК «Вагнер»), "
    assert make(text, 0, len(text), "ORG", "x", 0.5).text == "ЧВК «Вагнер»"
    assert make(text, 1, 3, "ORG", "x", 0.5).text == "ЧВ"
    assert make("  ,, ", 0, 5, "ORG", "x", 0.5) is None


def test_resolve_prefers_surer_then_longer_spans():
    a = NameSpan(0, 14, "Khalifa Haftar", "PER", None, "termbase:k", 0.95)
    b = NameSpan(8, 14, "Haftar", "PER", None, "rules:title", 0.8)
    c = NameSpan(20, 26, "Moscow", "LOC", None, "rules:places", 0.7)
    assert resolve([c, b, a]) == [a, c]


def test_supplement_merges_split_model_spans_and_lends_dictionary_forms():
    model = [NameSpan(0, 3, "ЧВК", "ORG", "ЧВК", "natasha", 0.85),
             NameSpan(5, 11, "Вагнер", "PER", "Вагнер", "natasha", 0.85),
             NameSpan(20, 36, "Халифой Хафтаром", "PER", "Халифа Хафтаром", "natasha", 0.85)]
    extra = [NameSpan(0, 12, "ЧВК «Вагнер»", "ORG", "ЧВК «Вагнер»", "termbase:wagner-group", 0.95),
             NameSpan(20, 36, "Халифой Хафтаром", "PER", "Халифа Хафтар", "termbase:khalifa-haftar", 0.95),
             NameSpan(28, 36, "Хафтаром", "PER", "Хафтар", "termbase:khalifa-haftar", 0.95),
             NameSpan(40, 46, "Ливией", "LOC", "Ливия", "termbase:libya", 0.95)]
    out = supplement(model, extra)
    assert [(s.text, s.label, s.normal) for s in out] == [("ЧВК «Вагнер»", "ORG", "ЧВК «Вагнер»"),
                                                         ("Халифой Хафтаром", "PER", "Халифа Хафтар"),
                                                         ("Ливией", "LOC", "Ливия")]
    assert out[0].source == "natasha+termbase:wagner-group" and out[1].concept == "khalifa-haftar"


def test_cue_files_are_checked(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text("titles: [General, '']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"xx.yaml: titles item 2"):
        read(bad, "en")
    bad.write_text("titels: [General]\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown key"):
        read(bad, "en")
    bad.write_text("stop: [On]\n", encoding="utf-8")     # YAML reads On as true
    with pytest.raises(InputError, match="quote"):
        read(bad, "en")
