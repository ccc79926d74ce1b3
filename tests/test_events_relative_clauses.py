"""A relative clause set off by a comma tells of its antecedent, not of the main event: "Yevkurov met Haftar, who
was visiting Moscow" is no meeting in Moscow (an analyst's item once placed it there). The clause is its own for
an event's place and date, in English, French and Russian, and so are a Russian participle phrase set off by
commas (", прилетевший в Москву,") and an Arabic relative clause after a name ("حفتر الذي يزور موسكو"); an event
inside it keeps its own place, and one in a clause of place (", where", or an Arabic one after a place) happens
at its antecedent. Sentences are ones we wrote, run through the events stage."""

from datetime import datetime, timezone

import pytest

from dragoman.model import Document
from dragoman.pipeline import Worker, plan
from dragoman.settings import Settings
from dragoman.text.clauses import clause_index, clause_starts, relative_clauses

PUBLISHED = datetime(2023, 9, 20, tzinfo=timezone.utc)          # a Wednesday: "Monday" is 18 September


@pytest.fixture(scope="module")
def worker():
    settings = Settings()
    return Worker(plan(settings, only=("segment", "entities", "places", "times", "events")), settings)


def coded(worker, text, lang):
    doc = Document(id=f"{lang}-{abs(hash(text))}", source="test", text=text, language=lang, published=PUBLISHED,
                   meta={"language_forced": lang})
    return worker.process_one(doc).doc.events


def the(events, trigger):
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.value, e.trigger) for e in events]
    return found[0]


@pytest.mark.parametrize("text, lang, trigger", [
    ("Yevkurov met Haftar, who was visiting Moscow.", "en", "met"),
    ("Yevkurov met Haftar, who had flown to Moscow.", "en", "met"),
    ("Yevkurov met Haftar, who arrived in Moscow on Monday.", "en", "met"),
    ("Evkourov a rencontré Haftar, qui était en visite à Moscou.", "fr", "rencontré"),
    ("Evkourov a rencontré Haftar, qui est arrivé à Moscou lundi.", "fr", "rencontré"),
    ("Евкуров встретился с Хафтаром, который прилетел в Москву.", "ru", "встретился"),
    ("Евкуров встретился с Хафтаром, который в понедельник прибыл в Москву.", "ru", "встретился"),
], ids=["en-visiting", "en-flown", "en-arrived-monday", "fr-visite", "fr-arrive-lundi", "ru-prilétel",
        "ru-pribyl-ponedelnik"])
def test_the_main_event_takes_no_place_or_date_from_a_relative_clause(worker, text, lang, trigger):
    met = the(coded(worker, text, lang), trigger)
    assert met.value == "CONSULT" and met.assigned
    assert met.place is None and met.start is None       # Moscow and Monday are Haftar's journey's


@pytest.mark.parametrize("text, lang, trigger", [
    ("Evkourov a rencontré Haftar, qui est arrivé à Moscou lundi.", "fr", "est arrivé"),
    ("Евкуров встретился с Хафтаром, который в понедельник прибыл в Москву.", "ru", "прибыл в"),
], ids=["fr", "ru"])
def test_an_event_inside_the_relative_clause_keeps_its_own_place_and_date(worker, text, lang, trigger):
    arrived = the(coded(worker, text, lang), trigger)
    assert arrived.place == "Moscow" and arrived.start == datetime(2023, 9, 18, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, lang, trigger", [
    ("Haftar, who visited Moscow in August, met Yevkurov in Benghazi on Tuesday.", "en", "met"),
    ("Хафтар, который в августе прилетел в Москву, встретился с Евкуровым в Бенгази во вторник.", "ru",
     "встретился"),
], ids=["en", "ru"])
def test_the_main_event_after_the_closing_comma_is_placed_and_dated_by_its_own_clause(worker, text, lang,
                                                                                       trigger):
    met = the(coded(worker, text, lang), trigger)
    assert met.place == "Benghazi" and met.start == datetime(2023, 9, 19, tzinfo=timezone.utc)


def test_a_place_before_the_relative_clause_stays_the_main_events(worker):
    met = the(coded(worker, "On Tuesday Yevkurov met Haftar in Benghazi, who had visited Moscow in August.", "en"),
              "met")
    assert met.place == "Benghazi" and met.start == datetime(2023, 9, 19, tzinfo=timezone.utc)
    met = the(coded(worker, "Yevkurov met Haftar in Benghazi, which he had visited in August.", "en"), "met")
    assert met.place == "Benghazi" and met.start is None       # August dates the earlier visit


@pytest.mark.parametrize("text, lang, trigger", [
    ("Poutine a rencontré Erdogan à Sotchi, où les deux dirigeants ont signé un accord.", "fr", "signé un accord"),
    ("Путин встретился с Эрдоганом в Сочи, где лидеры подписали соглашение.", "ru", "подписали соглашение"),
], ids=["fr", "ru"])
def test_an_event_in_a_clause_of_place_happens_at_its_antecedent(worker, text, lang, trigger):
    assert the(coded(worker, text, lang), trigger).place == "Sochi"


@pytest.mark.parametrize("text, lang, trigger, day", [
    ("Lundi, Haftar a fait le voyage de Moscou, où il a été reçu par Vladimir Poutine.", "fr", "a été reçu", 18),
    ("В понедельник Путин встретился с Эрдоганом в Сочи, где лидеры подписали соглашение.", "ru",
     "подписали соглашение", 18),
], ids=["fr", "ru"])
def test_an_event_in_a_clause_of_place_is_dated_by_its_antecedents_clause(worker, text, lang, trigger, day):
    event = the(coded(worker, text, lang), trigger)
    assert event.start == datetime(2023, 9, day, tzinfo=timezone.utc) and event.place in ("Moscow", "Sochi")


def test_an_event_in_a_clause_of_place_or_of_time_reads_back_past_a_closing_quote(worker):
    text = ('"La France ne participera pas à la conférence de Bakou", au cours de laquelle doivent se poursuivre '
            'les négociations.')
    assert the(coded(worker, text, "fr"), "négociations").place == "Baku"


def test_an_event_in_another_relative_clause_takes_no_place_from_outside_it(worker):
    # the Minsk Group is no place where the mediation happened
    text = "Le groupe de Minsk, qui était chargé de la médiation, n'a rien obtenu."
    assert the(coded(worker, text, "fr"), "médiation").place is None


def test_relative_clauses_end_at_the_next_comma():
    text = "Haftar, who visited Moscow in August, met Yevkurov, qui était là, and 1,000 people, который пришёл."
    spans = relative_clauses(text)
    assert [text[a:b] for a, b in spans] == [", who visited Moscow in August", ", qui était là",
                                             ", который пришёл."]
    starts = clause_starts(text)
    assert clause_index(starts, text.index("met")) != clause_index(starts, text.index("Moscow"))
    assert clause_index(starts, text.index("Haftar")) != clause_index(starts, text.index("Moscow"))


@pytest.mark.parametrize("text", [
    "Yevkurov met Haftar and the delegation in Benghazi.",
    "Les deux hommes qui se sont rencontrés à Moscou ont signé un accord.",       # restrictive: no comma
    "The talks, held behind closed doors, lasted four hours.",
])
def test_no_relative_clause_without_a_comma_and_a_relative_word(text):
    assert relative_clauses(text) == []


@pytest.mark.parametrize("text, lang, trigger", [
    ("التقى شويغو حفتر الذي يزور موسكو.", "ar", "التقى"),
    ("التقى شويغو حفتر الذي وصل إلى موسكو يوم الاثنين.", "ar", "التقى"),
    ("Хафтар, прилетевший в Москву, встретился с Шойгу.", "ru", "встретился"),
    ("Шойгу встретился с Хафтаром, прилетевшим в Москву в понедельник.", "ru", "встретился"),
], ids=["ar-yazur", "ar-wasala-monday", "ru-participle-subject", "ru-participle-object"])
def test_the_main_event_takes_no_place_or_date_from_an_arabic_relative_clause_or_a_participle_phrase(
        worker, text, lang, trigger):
    met = the(coded(worker, text, lang), trigger)
    assert met.value == "CONSULT"
    assert met.place is None and met.start is None       # Moscow and Monday are Haftar's journey's


def test_an_event_inside_an_arabic_relative_clause_keeps_its_own_place_and_date(worker):
    arrived = the(coded(worker, "التقى شويغو حفتر الذي وصل إلى موسكو يوم الاثنين.", "ar"), "وصل إلى")
    assert arrived.place == "Moscow" and arrived.start == datetime(2023, 9, 18, tzinfo=timezone.utc)


def test_the_main_event_after_a_participle_phrase_is_placed_and_dated_by_its_own_clause(worker):
    text = "Хафтар, прилетевший в августе в Москву, встретился с Евкуровым в Бенгази во вторник."
    met = the(coded(worker, text, "ru"), "встретился")
    assert met.place == "Benghazi" and met.start == datetime(2023, 9, 19, tzinfo=timezone.utc)


def test_an_arabic_relative_pronoun_opens_a_clause_only_after_a_name_and_ends_at_a_comma_or_wa_and_a_verb():
    text = "التقى بوتين حفتر الذي يزور موسكو، وقال إن الزيارة التي قام بها ناجحة"
    haftar = text.index("حفتر") + len("حفتر")
    assert relative_clauses(text) == []                                # no name given: no clause
    assert [text[a:b] for a, b in relative_clauses(text, names=(haftar,))] == [" الذي يزور موسكو"]
    said = "التقى بوتين حفتر الذي يزور موسكو وقال إن الزيارة ناجحة"
    assert [said[a:b] for a, b in relative_clauses(said, names=(haftar,))] == [" الذي يزور موسكو"]


@pytest.mark.parametrize("text, aside", [
    ("Хафтар, прилетевший в Москву, встретился с Шойгу.", ", прилетевший в Москву"),
    ("Шойгу встретился с Хафтаром, прилетевшим в Москву.", ", прилетевшим в Москву."),
    ("Делегация, находящаяся в Москве, встретилась с Шойгу.", ", находящаяся в Москве"),
])
def test_a_russian_participle_phrase_set_off_by_commas_is_a_clause_of_its_own(text, aside):
    assert [text[a:b] for a, b in relative_clauses(text)] == [aside]


def test_an_event_in_an_arabic_relative_clause_after_a_place_happens_there(worker):
    text = "قتل جنديان أمس في انفجار عبوة ناسفة في سيناء التي تشهد هجمات يشنها مسلحون."
    assert the(coded(worker, text, "ar"), "هجمات").place == "Sinai Peninsula"


def test_a_russian_gerund_phrase_is_no_relative_clause():
    # the subject's own doings: the meeting may well be in Moscow
    assert relative_clauses("Прилетев в Москву, Хафтар встретился с Шойгу.") == []
