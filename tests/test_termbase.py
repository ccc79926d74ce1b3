"""The term base: the bundled data, matching in four languages, glossing, enforcing, file import and the CLI."""

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from dragoman.cli.terms import terms_app
from dragoman.errors import InputError, WorkspaceError
from dragoman.vocab.termbase import KINDS, LANGS, Term, TermBase, TermBaseError, enforce
from dragoman.workspace import Workspace

TB_FIXTURES = FIXTURES / "termbase"


@pytest.fixture(scope="module")
def tb():
    return TermBase.load_default()


def found(tb, text, lang):
    """(surface, concept) for every match, checking the surface is the text between the offsets."""
    matches = tb.find(text, lang)
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert not text[m.start].isspace() and not text[m.end - 1].isspace()
    return [(text[m.start:m.end], m.term.concept) for m in matches]


# ---------------------------------------------------------------- the bundled data

def test_default_loads_clean_and_covers_every_language(tb):
    assert len(tb) >= 200
    per_lang = Counter(t.lang for t in tb.terms())
    assert set(per_lang) == set(LANGS) and min(per_lang.values()) >= 40
    assert {t.kind for t in tb.terms()} == set(KINDS)
    for concept, terms in tb.concepts().items():
        assert len({(t.english, t.kind) for t in terms}) == 1, concept


def test_default_holds_the_scenario_spellings(tb):
    haftar = tb.concepts()["khalifa-haftar"]
    assert {"Hifter", "Khalifa Hifter", "Hafter"} <= set(haftar[0].english_variants)
    yevkurov = tb.concepts()["yunus-bek-yevkurov"]
    assert {"Yevkirov", "Evkurov", "Ievkourov", "Yevkorov"} <= set(yevkurov[0].english_variants)
    ar_terms = {t.term for t in yevkurov if t.lang == "ar"}
    assert {"يفكوروف", "يفكيروف"} <= ar_terms
    assert {t.term for t in tb.concepts()["al-khadim-air-base"] if t.lang == "ar"} >= {"الخادم", "الخدم"}


# ---------------------------------------------------------------- Arabic

def test_arabic_sentence_glossed_with_diacritics_and_tatweel(tb):
    text = "استقبل المشير خليفة حَفْتَـــر في بنغازي نائب وزير الدفاع الروسي يونس بك يفكوروف."
    gloss = tb.gloss(text, "ar")
    assert gloss.text == ("استقبل المشير [Field Marshal] خليفة حَفْتَـــر [Khalifa Haftar] في بنغازي [Benghazi] "
                          "نائب وزير الدفاع [Deputy Defence Minister] الروسي يونس بك يفكوروف [Yunus-Bek Yevkurov].")
    assert gloss.count == 5


def test_arabic_clitics_may_precede_a_term(tb):
    text = "وقال مصدر إن وحفتر يريد قاعدة بالجفرة، وفقاً للمشير ولبوتين وللجيش الوطني الليبي."
    assert found(tb, text, "ar") == [("حفتر", "khalifa-haftar"), ("الجفرة", "al-jufra"),
                                     ("مشير", "field-marshal"), ("بوتين", "vladimir-putin"),
                                     ("جيش الوطني الليبي", "libyan-national-army")]


def test_al_khadim_both_spellings(tb):
    text = "تقع قاعدة الخادم جنوب شرقي المرج، وتقول مصادر إن قاعدة الخدم تستقبل رحلات، وإن والخدم."
    hits = found(tb, text, "ar")
    assert [c for _, c in hits].count("al-khadim-air-base") == 3
    assert ("قاعدة الخادم", "al-khadim-air-base") in hits and ("قاعدة الخدم", "al-khadim-air-base") in hits
    assert ("المرج", "al-marj") in hits
    assert "قاعدة الخدم [Al-Khadim Air Base]" in tb.gloss(text, "ar").text


def test_arabic_misspelling_and_longest_first(tb):
    text = "ويُنظر إلى تحركات يفكيروف وإلى قاعدة الجفرة الجوية ووزارة الدفاع الروسية."
    assert found(tb, text, "ar") == [("يفكيروف", "yunus-bek-yevkurov"),
                                     ("قاعدة الجفرة الجوية", "al-jufra-air-base"),
                                     ("وزارة الدفاع الروسية", "russian-mod")]


def test_arabic_no_match_inside_a_longer_word(tb):
    assert found(tb, "البنغازيون والحفتريون والموسكوفيون", "ar") == []


# ---------------------------------------------------------------- Russian

def test_russian_inflected_forms(tb):
    text = ("Заместитель министра обороны Юнус-Бек Евкуров встретился в Бенгази с командующим "
            "Ливийской национальной армией (ЛНА) Халифой Хафтаром; бойцы ЧВК «Вагнер» уехали из Дерны в Москву.")
    hits = found(tb, text, "ru")
    assert hits == [("Заместитель министра обороны", "deputy-defence-minister"),
                    ("Юнус-Бек Евкуров", "yunus-bek-yevkurov"), ("Бенгази", "benghazi"),
                    ("командующим", "commander"),
                    ("Ливийской национальной армией", "libyan-national-army"), ("ЛНА", "libyan-national-army"),
                    ("Халифой Хафтаром", "khalifa-haftar"), ("ЧВК «Вагнер»", "wagner-group"),
                    ("Дерны", "derna"), ("Москву", "moscow")]
    gloss = tb.gloss(text, "ru").text
    assert "Халифой Хафтаром [Khalifa Haftar]" in gloss and "ЧВК «Вагнер» [Wagner Group]" in gloss


def test_russian_endings_yo_and_case(tb):
    assert found(tb, "ЕВКУРОВЫМ и Хафтара, наёмники", "ru") == [
        ("ЕВКУРОВЫМ", "yunus-bek-yevkurov"), ("Хафтара", "khalifa-haftar"), ("наёмники", "mercenaries")]


def test_russian_no_match_inside_a_longer_word(tb):
    # Endings are at most four letters; Нигерия is its own concept, not Нигер plus an ending.
    assert found(tb, "бенгазийский хафтаровщина", "ru") == []
    assert found(tb, "Нигерия и Нигер", "ru") == [("Нигерия", "nigeria"), ("Нигер", "niger")]


# ---------------------------------------------------------------- Turkish

def test_turkish_apostrophe_suffixes_and_cufra(tb):
    text = ("Rusya Savunma Bakan Yardımcısı Yevkurov, Bingazi'de Hafter'in yanı sıra Cufra Hava Üssü'nde "
            "Wagner Grubu'na bağlı militanlarla görüştü; heyet Moskova'ya döndü.")
    assert found(tb, text, "tr") == [("Rusya", "russia"), ("Savunma Bakan Yardımcısı", "deputy-defence-minister"),
                                     ("Yevkurov", "yunus-bek-yevkurov"), ("Bingazi'de", "benghazi"),
                                     ("Hafter'in", "khalifa-haftar"), ("Cufra Hava Üssü'nde", "al-jufra-air-base"),
                                     ("Wagner Grubu'na", "wagner-group"), ("heyet", "delegation"),
                                     ("Moskova'ya", "moscow")]
    assert "Hafter'in [Khalifa Haftar]" in tb.gloss(text, "tr").text


def test_turkish_cufra_is_al_jufra_not_kufra(tb):
    hits = tb.find("Wagner militanları Cufra'da ve Kufra'da konuşlandı.", "tr")
    assert [(m.term.concept, m.term.english) for m in hits] == [
        ("wagner-group", "Wagner Group"), ("al-jufra", "Al-Jufra"), ("kufra", "Kufra")]


def test_turkish_common_nouns_inflect_names_do_not_glue(tb):
    text = "Rusya Savunma Bakanlığının açıklamasına göre SİHA'lar ve İHA geldi; Hunlar tarihte kaldı."
    assert found(tb, text, "tr") == [("Rusya Savunma Bakanlığının", "russian-mod"),
                                     ("SİHA'lar", "armed-drones"), ("İHA", "drones")]
    assert found(tb, "IHA", "tr") == [("IHA", "drones")]   # dotted and dotless capitals meet


# ---------------------------------------------------------------- French

def test_french_sentence(tb):
    text = ("Le maréchal Haftar réclame des systèmes antiaériens et des drones ; le vice-ministre de la défense, "
            "Iounous-Bek Ievkourov, est venu à Benghazi, et Sergueï Choigou l'a reçu à Moscou.")
    assert found(tb, text, "fr") == [("maréchal", "field-marshal"), ("Haftar", "khalifa-haftar"),
                                     ("systèmes antiaériens", "air-defence-systems"), ("drones", "drones"),
                                     ("vice-ministre de la défense", "deputy-defence-minister"),
                                     ("Iounous-Bek Ievkourov", "yunus-bek-yevkurov"), ("Benghazi", "benghazi"),
                                     ("Sergueï Choigou", "sergei-shoigu"), ("Moscou", "moscow")]
    gloss = tb.gloss(text, "fr").text
    assert "Benghazi," in gloss and "[Benghazi]" not in gloss   # no bracket that repeats the surface
    assert "Moscou [Moscow]" in gloss


def test_french_names_take_no_endings(tb):
    assert found(tb, "un air wagnérien à Moscouville", "fr") == []


def test_find_in_a_language_without_terms(tb):
    assert tb.find("Haftar met Putin", "en") == []
    assert [m.term.concept for m in tb.find("Хафтар", "ru-RU")] == ["khalifa-haftar"]


# ---------------------------------------------------------------- enforce

def test_enforce_fixes_variant_spellings(tb):
    source = tb.find("والتقى خليفة حفتر مع يفكيروف في بنغازي", "ar")
    english, changes = enforce("Khalifa Hifter met Yevkirov in Bengazi. Hifter asked for drones. "
                               "Field Marshal Khalifa Haftar is pleased.", source)
    assert english == ("Khalifa Haftar met Yunus-Bek Yevkurov in Benghazi. Khalifa Haftar asked for drones. "
                       "Field Marshal Khalifa Haftar is pleased.")
    assert changes == [("Khalifa Hifter", "Khalifa Haftar"), ("Yevkirov", "Yunus-Bek Yevkurov"),
                       ("Bengazi", "Benghazi"), ("Hifter", "Khalifa Haftar")]


def test_enforce_is_also_a_method(tb):
    source = tb.find("Хафтар и Евкуров", "ru")
    assert tb.enforce("Hafter met Evkurov", source) == enforce("Hafter met Evkurov", source)
    assert tb.enforce("Hafter met Evkurov", source)[0] == "Khalifa Haftar met Yunus-Bek Yevkurov"


def test_enforce_does_not_repeat_words_or_touch_other_concepts(tb):
    source = tb.find("المشير حفتر", "ar")
    english, changes = enforce("Marshal Hifter, Field Marshal Hafter and Khalifa Hafter; Yevkirov stays.", source)
    assert english == ("Field Marshal Khalifa Haftar, Field Marshal Khalifa Haftar and Khalifa Haftar; "
                       "Yevkirov stays.")
    assert ("Khalifa Hafter", "Khalifa Haftar") in changes
    assert enforce("Hifterish text", source) == ("Hifterish text", [])


# ---------------------------------------------------------------- files

def test_bad_csv_rows_are_named_with_line_numbers():
    path = TB_FIXTURES / "bad.csv"
    with pytest.raises(TermBaseError) as info:
        TermBase.from_csv(path)
    err = info.value
    assert isinstance(err, InputError) and str(path) in str(err)
    assert [p.item for p in err.problems] == [f"{path} line {n}" for n in (3, 4, 5, 6, 7)]
    reasons = [p.reason for p in err.problems]
    assert "unknown kind 'persn'" in reasons[0] and "unknown language code 'de'" in reasons[1]
    assert "empty term" in reasons[2] and "column is missing" in reasons[3] and "repeats line 2" in reasons[4]
    assert "line 3: unknown kind" in str(err)


def test_csv_header_must_have_the_columns(tmp_path):
    path = tmp_path / "tb.csv"
    path.write_text("concept,lang,term\nx,ar,س\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1.*lacks kind, english, english_variants, note"):
        TermBase.from_csv(path)


def test_rows_of_one_concept_share_the_english(tmp_path):
    path = tmp_path / "tb.csv"
    path.write_text("concept,kind,lang,term,english,english_variants,note\n"
                    "derna,place,ar,درنة,Derna,,\nderna,place,ru,Дерна,Darnah,,\n", encoding="utf-8")
    with pytest.raises(TermBaseError, match="line 3: concept 'derna' is place 'Derna' on line 2"):
        TermBase.from_csv(path)


def test_tbx_import():
    tb = TermBase.from_tbx(TB_FIXTURES / "sample.tbx")
    by_lang = {t.lang: t for t in tb.terms()}
    base = by_lang["ar"]
    assert (base.concept, base.kind, base.term, base.english) == (
        "maaten-al-sarra", "facility", "قاعدة معطن السارة", "Maaten al-Sarra Air Base")
    assert base.english_variants == ("Maatan as-Sarra",) and "Chadian border" in base.note
    assert by_lang["ru"].term == "авиабаза Маатан-эс-Сарра"   # ntig/termGrp/term, xml:lang ru-RU
    depot = by_lang["fr"]
    assert (depot.concept, depot.kind, depot.english) == ("ammunition-depot", "term", "ammunition depot")
    assert [m.term.concept for m in tb.find("وقصفت قاعدة معطن السارة", "ar")] == ["maaten-al-sarra"]
    v3 = TermBase.from_tbx(TB_FIXTURES / "v3.tbx")
    assert [(t.concept, t.kind, t.term, t.english_variants) for t in v3.terms()] == [
        ("marsa-brega", "place", "مرسى البريقة", ("Brega",))]


def test_bad_tbx_is_named_with_line_numbers():
    path = TB_FIXTURES / "bad.tbx"
    with pytest.raises(TermBaseError) as info:
        TermBase.from_tbx(path)
    reasons = {p.item.rsplit(" ", 1)[-1]: p.reason for p in info.value.problems}
    assert "no English term" in reasons["4"] and "unknown kind 'town'" in reasons["10"]
    assert "unknown language code 'de'" in reasons["10"]


def test_merge_later_wins_and_keeps_one_canonical(tmp_path):
    old = TermBase([Term("derna", "place", "ar", "درنة", "Derna", ("Darnah",), "old"),
                    Term("derna", "place", "ru", "Дерна", "Derna", (), "")])
    new = TermBase([Term("derna", "place", "ar", "درنة", "Darna", (), "house spelling")])
    merged = old.merged(new)
    assert len(merged) == 2
    ar, ru = merged.terms("ar")[0], merged.terms("ru")[0]
    assert (ar.english, ar.note, ru.english) == ("Darna", "house spelling", "Darna")
    assert set(ru.english_variants) == {"Darnah", "Derna"}
    path = tmp_path / "out.csv"
    merged.write_csv(path)
    again = TermBase.from_csv(path)
    assert again.terms() == merged.terms()


def test_for_workspace_merges_the_workspace_file(tmp_path):
    (tmp_path / "termbase.csv").write_bytes((TB_FIXTURES / "extra.csv").read_bytes())
    tb = TermBase.for_workspace(tmp_path)
    assert len(tb) == len(TermBase.load_default()) + 3
    assert "Khalifa Hiftar" in tb.concepts()["khalifa-haftar"][0].english_variants
    assert found(tb, "قرب قصر أبو هادي", "ar") == [("قصر أبو هادي", "qasr-abu-hadi")]
    assert TermBase.for_workspace(tmp_path / "none") is TermBase.load_default()


# ---------------------------------------------------------------- CLI

@pytest.fixture
def home(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    Workspace.init(root)
    monkeypatch.setenv("DRAGOMAN_HOME", str(root))
    return root


def invoke(*args):
    result = CliRunner().invoke(terms_app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_cli_list_filters(home):
    rows = json.loads(invoke("list", "--lang", "tr", "--kind", "facility", "--json").stdout)
    assert rows and {(r["lang"], r["kind"]) for r in rows} == {("tr", "facility")}
    assert any(r["term"] == "Cufra Hava Üssü" and r["english"] == "Al-Jufra Air Base" for r in rows)
    assert invoke("list", "--kind", "persn").exit_code == 2


def test_cli_lookup_guesses_the_language(home):
    data = json.loads(invoke("lookup", "وصل يفكيروف إلى بنغازي", "--json").stdout)
    assert data["lang"] == "ar" and data["count"] == 2
    assert data["gloss"] == "وصل يفكيروف [Yunus-Bek Yevkurov] إلى بنغازي [Benghazi]"
    assert data["matches"][0]["surface"] == "يفكيروف"
    assert json.loads(invoke("lookup", "Hafter'in ziyareti", "--json").stdout)["lang"] == "tr"
    assert "Khalifa Haftar" in invoke("lookup", "Хафтаром", "--lang", "ru").stdout


def test_cli_import_merges_into_the_workspace(home):
    result = invoke("import", str(TB_FIXTURES / "extra.csv"))
    assert "3 terms, 3 new, 0 replaced" in result.stdout
    invoke("import", str(TB_FIXTURES / "sample.tbx"))
    assert len(TermBase.from_csv(home / "termbase.csv")) == 7
    data = json.loads(invoke("lookup", "قرب قصر أبو هادي", "--lang", "ar", "--json").stdout)
    assert data["matches"][0]["english"] == "Qasr Abu Hadi"
    again = invoke("import", str(TB_FIXTURES / "extra.csv"))
    assert "0 new, 3 replaced" in again.stdout and "now holds 7" in again.stdout


def test_cli_import_refuses_bad_files(home, tmp_path, monkeypatch):
    with pytest.raises(TermBaseError):
        invoke("import", str(TB_FIXTURES / "bad.csv"))
    assert not (home / "termbase.csv").exists()
    assert invoke("import", str(TB_FIXTURES / "scenario.txt")).exit_code == 2
    monkeypatch.setenv("DRAGOMAN_HOME", str(tmp_path / "nowhere"))
    with pytest.raises(WorkspaceError, match="dragoman init"):
        invoke("import", str(TB_FIXTURES / "extra.csv"))
