"""The resolver: every spelling of the scenario's people and organisations lands on one entity, with the rule
that decided; unknown names stay unknown; labels keep people and organisations apart."""


import pytest

from dragoman.names import EntityResolver, KnownEntity
from dragoman.vocab.termbase import Term, TermBase


@pytest.fixture(scope="module")
def resolver():
    return EntityResolver.from_termbase(arabnamer="off")


SCENARIO = {
    "khalifa-haftar": ("PER", ["Khalifa Haftar", "Haftar", "Hifter", "Hafter", "Khalifa Hafter", "خليفة حفتر",
                               "حفتر", "حَفْتَر", "Халифа Хафтар", "Хафтар", "Field Marshal Khalifa Haftar",
                               "المشير خليفة حفتر", "وحفتر", "Halife Hafter"]),
    "yunus-bek-yevkurov": ("PER", ["Yunus-Bek Yevkurov", "Yevkurov", "Yevkirov", "Evkurov", "Ievkourov", "Yevkorov",
                                   "Юнус-Бек Евкуров", "Евкуров", "يونس بك يفكوروف", "يفكوروف", "يفكيروف",
                                   "Iounous-Bek Ievkourov", "Yunus-Bek Evkurov", "Evkourov", "إيفكوروف",
                                   "Yunus Bek Yevkurov", "Jevkurov", "генерал Евкуров", "Yevkurova"]),
    "vladimir-putin": ("PER", ["Vladimir Putin", "Putin", "فلاديمير بوتين", "بوتين", "Владимир Путин", "Путин",
                               "Vladimir Poutine", "President Putin"]),
    "sergei-shoigu": ("PER", ["Sergei Shoigu", "Sergey Shoygu", "Shoigu", "Shoygu", "سيرغي شويغو", "شويغو",
                              "Сергей Шойгу", "Шойгу", "Sergueï Choïgou", "Şoygu"]),
    "yevgeny-prigozhin": ("PER", ["Yevgeny Prigozhin", "Prigozhin", "Evgueni Prigojine", "Prigojine",
                                  "يفغيني بريغوجين", "بريغوجين", "Евгений Пригожин", "Пригожин", "Prigojin"]),
    "wagner-group": ("ORG", ["Wagner Group", "Wagner", "PMC Wagner", "فاغنر", "مجموعة فاغنر", "ЧВК «Вагнер»",
                             'ЧВК "Вагнер"', "Wagner Grubu", "groupe Wagner", "Вагнер"]),
    "libyan-national-army": ("ORG", ["Libyan National Army", "LNA", "الجيش الوطني الليبي",
                                     "Ливийская национальная армия", "ЛНА", "Armée nationale libyenne",
                                     "Libya Ulusal Ordusu"]),
    "russian-mod": ("ORG", ["Russian Ministry of Defence", "Russian Defense Ministry", "Russian MoD",
                            "وزارة الدفاع الروسية", "Минобороны России", "Rusya Savunma Bakanlığı"]),
}


@pytest.mark.parametrize("entity,label,surface", [(e, label, s) for e, (label, spellings) in SCENARIO.items()
                                                  for s in spellings])
def test_every_scenario_spelling_resolves_to_its_entity(resolver, entity, label, surface):
    found = resolver.resolve(surface, label, None)
    assert found.entity_id == entity, (surface, found)
    assert found.rule in ("alias", "acronym", "key", "normal", "skeleton", "surname", "fuzzy")
    assert 0.7 <= found.score <= 1.0
    assert found.canonical and found.kind


def test_russian_inflections_use_the_ner_normal_form(resolver):
    found = resolver.resolve("Хафтара", "PER", "ru", normal="Хафтар")
    assert (found.entity_id, found.rule) == ("khalifa-haftar", "normal")
    found = resolver.resolve("Юнуса-Бека Евкурова", "PER", "ru", normal="Юнус-Бек Евкуров")
    assert (found.entity_id, found.rule) == ("yunus-bek-yevkurov", "normal")
    # without a normal form the consonant skeleton still carries vowel endings
    assert resolver.resolve("Евкурова", "PER", "ru").entity_id == "yunus-bek-yevkurov"
    assert resolver.resolve("Ливийской национальной армии", "ORG", "ru").entity_id == "libyan-national-army"


def test_turkish_case_endings_after_the_apostrophe(resolver):
    assert resolver.resolve("Hafter'in", "PER", "tr").entity_id == "khalifa-haftar"
    assert resolver.resolve("Yevkurov’un", "PER", "tr").entity_id == "yunus-bek-yevkurov"


def test_rules_are_named_in_order(resolver):
    assert resolver.resolve("Haftar", "PER", "en").rule == "alias"
    assert resolver.resolve("LNA", "ORG", "en").rule == "acronym"
    assert resolver.resolve("Yevkurova", "PER", "en").rule == "skeleton"
    assert resolver.resolve("Jevkurov", "PER", "en").rule == "fuzzy"
    assert resolver.resolve("Shoigu", "PER", "en").rule == "surname"


@pytest.mark.parametrize("surface,label", [("John Smith", "PER"), ("Ahmed Mismari", "PER"), ("Haffar", "PER"),
                                           ("Hafez", "PER"), ("Petin", "PER"), ("Batan", "PER"), ("Sagi", "PER"),
                                           ("Belqasim Haftar", "PER"), ("Obregon", "PER"), ("أحمد المسماري", "PER"),
                                           ("حفيظ", "PER"), ("باسكوف", "PER"), ("بوتان", "PER"),
                                           ("خليفة", "PER"), ("Национальная гвардия", "ORG"), ("Acme Holdings", "ORG")])
def test_unknown_names_stay_unresolved(resolver, surface, label):
    found = resolver.resolve(surface, label, None)
    assert found.entity_id is None, (surface, found)
    assert found.rule in ("unknown", "ambiguous")
    assert found.canonical is None and found.kind is None


def test_a_person_never_lands_on_an_organisation_or_back(resolver):
    assert resolver.resolve("Wagner", "PER", "en").entity_id is None
    assert resolver.resolve("Haftar", "ORG", "en").entity_id is None
    assert resolver.resolve("Putin", "LOC", "en").entity_id is None
    # no label: anything goes
    assert resolver.resolve("Haftar", None, "en").entity_id == "khalifa-haftar"


def test_shared_surname_is_ambiguous_not_forced():
    base = TermBase([Term("khalifa-haftar", "person", "fr", "Khalifa Haftar", "Khalifa Haftar"),
                     Term("saddam-haftar", "person", "fr", "Saddam Haftar", "Saddam Haftar")])
    found = EntityResolver.from_termbase(base, arabnamer="off").resolve("Haftar", "PER", "en")
    assert found.entity_id is None and found.rule == "ambiguous"
    assert {c for c, _ in found.candidates} == {"khalifa-haftar", "saddam-haftar"}


def test_workspace_entities_merges_and_pins_are_honoured():
    base = TermBase.load_default()
    known = [KnownEntity("e-zakariya", "person", "Mohammed Zakariya", ("Mohammed Zakariya", "محمد زكريا")),
             KnownEntity("khalifa-haftar", "person", "Khalifa Haftar", merged=("saddam-haftar",)),
             KnownEntity("e-hifter", "person", "Hifter", pinned=("Hifter",))]
    resolver = EntityResolver.from_termbase(base, known, arabnamer="off")
    assert resolver.resolve("محمد زكريا", "PER", "ar").entity_id == "e-zakariya"
    assert resolver.resolve("Saddam Haftar", "PER", "en").entity_id == "khalifa-haftar"
    assert resolver.resolve("Hifter", "PER", "en").entity_id == "e-hifter"
    assert resolver.resolve("Hafter", "PER", "en").entity_id == "khalifa-haftar"
    assert resolver.kind_of("saddam-haftar") == "person"


def test_every_term_base_spelling_resolves_by_exact_or_key_path():
    base = TermBase.load_default()
    labels = {"person": "PER", "organisation": "ORG", "unit": "ORG", "place": "LOC", "facility": "LOC"}
    items = [(s, labels[t.kind]) for t in base.terms() if t.kind in labels
             for s in (t.term, t.term.upper(), t.english.lower())]
    resolver = EntityResolver.from_termbase(base, arabnamer="off")
    found = [resolver.resolve(s, label, None) for s, label in items]
    assert all(f.entity_id for f in found)


# -- Arabic names against English-only entities: arabnamer (runs the model once, then cached) --

@pytest.fixture(scope="module")
def english_only():
    people = [("osama-hamad", "Osama Hamad"), ("fathi-bashagha", "Fathi Bashagha"),
              ("ahmed-mismari", "Ahmed al-Mismari"), ("najla-mangoush", "Najla Mangoush")]
    base = TermBase([Term(c, "person", "fr", n, n) for c, n in people]
                    + [Term("tripoli", "place", "fr", "Tripoli", "Tripoli")])
    resolver = EntityResolver.from_termbase(base)
    resolver.prepare()
    return resolver


@pytest.mark.parametrize("arabic,entity", [("أسامة حماد", "osama-hamad"), ("فتحي باشاغا", "fathi-bashagha"),
                                           ("أحمد المسماري", "ahmed-mismari"), ("حماد", "osama-hamad")])
def test_arabic_names_match_english_through_arabnamer(english_only, arabic, entity):
    found = english_only.resolve(arabic, "PER", "ar")
    assert (found.entity_id, found.rule) == (entity, "arabnamer")
    assert found.score >= 0.8


@pytest.mark.parametrize("arabic", ["محمد", "جون سميث", "عبد الحميد الدبيبة", "أسامة جويلي"])
def test_arabic_strangers_and_first_names_alone_stay_unknown(english_only, arabic):
    assert english_only.resolve(arabic, "PER", "ar").entity_id is None


def test_arabnamer_never_loads_the_model_in_the_resolving_process(english_only):
    import subprocess
    import sys
    probe = ("import sys; from dragoman.names import EntityResolver; from dragoman.vocab.termbase import Term, TermBase;"
             " r = EntityResolver.from_termbase(TermBase([Term('f', 'person', 'fr', 'Fathi Bashagha',"
             " 'Fathi Bashagha')]), arabnamer='cached');"
             " print(r.resolve('فتحي باشاغا', 'PER', 'ar').entity_id, 'xgboost' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["f", "False"]
