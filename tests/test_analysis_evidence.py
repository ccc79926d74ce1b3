"""From a Document to Reports: dates and places go to the event they belong to, a sentence that lists two visits
gives two numbered reports, "again"/"вновь"/"مجدداً" number a report, and a sentence with no date gives none."""

from datetime import datetime, timedelta, timezone

import pytest

from dragoman.analysis.evidence import Origin, document_reports
from dragoman.analysis.participants import Names
from dragoman.analysis.sources import Source
from dragoman.model import Claim, Document, Event, Mention, Place, Sentence, Span, TimeExpression, Translation

TZ = timezone(timedelta(hours=3))
PUBLISHED = datetime(2023, 10, 10, 9, 30, tzinfo=TZ)
ORIGIN = Origin(Source("wsj", "Wall Street Journal", "wsj", "US business daily", "B"))
COMMON = dict(stage="test", version="1")


@pytest.fixture(scope="module")
def names():
    return Names.for_connection(None)


def find(text: str, surface: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return Span(at, at + len(surface))


def day(y, m, d, days=1):
    start = datetime(y, m, d, tzinfo=TZ)
    return start, start + timedelta(days=days)


def month(y, m):
    start = datetime(y, m, 1, tzinfo=TZ)
    stop = datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=TZ)
    return start, stop


def build(text, *, language="en", mentions=(), times=(), places=(), events=(), claims=(), english=None):
    """A processed Document: one sentence per line of `text`; `english` gives each line's analyst rendering."""
    sentences, at = [], 0
    for i, line in enumerate(text.split("\n")):
        translation = Translation(text=english[i], engine="analyst") if english else None
        sentences.append(Sentence(span=Span(at, at + len(line)), language=language, translation=translation))
        at += len(line) + 1
    body = text
    return Document(
        id="doc1", source="wsj.com", outlet="The Wall Street Journal", url="https://www.wsj.com/x",
        published=PUBLISHED, language=language, text=body, sentences=sentences,
        mentions=[Mention(span=find(body, s), text=s, value=canonical, label=label,
                          entity_id=canonical.lower().replace(" ", "-"), **COMMON)
                  for s, label, canonical in mentions],
        times=[TimeExpression(span=find(body, s), text=s, value=s, start=a, end=b, precision=p, **COMMON)
               for s, (a, b), p in times],
        places=[Place(span=find(body, s), text=s, value=v, lat=lat, lon=lon, precision=p, **COMMON)
                for s, v, lat, lon, p in places],
        events=[Event(span=find(body, span_text), text=span_text, value=kind, trigger=trigger, actors=list(a),
                      targets=list(t), confidence=0.8, **COMMON)
                for trigger, kind, a, t, span_text in events],
        claims=[Claim(span=find(body, s), text=s, value="reported", attributed_to=list(chain), certainty=cert,
                      hedges=list(hedges), source_type=st, confidence=cert, **COMMON)
                for s, chain, cert, hedges, st in claims])


def events_of(reports):
    return [r for r in reports if r.kind == "event"]


def test_a_sentence_listing_two_visits_gives_two_numbered_reports(names):
    text = ("Yunus-Bek Yevkurov has traveled to Benghazi twice, first in late August and again in October, these "
            "people said, and Khalifa Haftar went to Moscow in late September to meet Vladimir Putin.")
    doc = build(text,
                mentions=[("Yunus-Bek Yevkurov", "PER", "Yunus-Bek Yevkurov"),
                          ("Khalifa Haftar", "PER", "Khalifa Haftar"), ("Vladimir Putin", "PER", "Vladimir Putin")],
                times=[("late August", month(2023, 8), "month"), ("October", month(2023, 10), "month"),
                       ("late September", month(2023, 9), "month")],
                places=[("Benghazi", "Benghazi", 32.11, 20.07, 1), ("Moscow", "Moscow", 55.75, 37.62, 1)],
                events=[("traveled", "CONSULT", ["Yunus-Bek Yevkurov"], ["Benghazi"],
                         "Yunus-Bek Yevkurov has traveled to Benghazi twice, first in late August and again in "
                         "October"),
                        ("meet", "CONSULT", ["Khalifa Haftar"], ["Vladimir Putin"],
                         "Khalifa Haftar went to Moscow in late September to meet Vladimir Putin")])
    found = [(r.when_start.month, r.precision, r.ordinal, r.place)
             for r in events_of(document_reports(doc, ORIGIN, names))]
    assert sorted(found) == [(8, "month", 1, "Benghazi"), (9, "month", None, "Moscow"),
                             (10, "month", 2, "Benghazi")]


def test_each_clause_keeps_its_own_date_and_again_numbers_the_second(names):
    text = "В прошлом месяце Евкуров провёл переговоры с Хафтаром в Бенгази, а 17 сентября ещё раз посетил Ливию."
    doc = build(text, language="ru",
                mentions=[("Евкуров", "PER", "Yunus-Bek Yevkurov"), ("Хафтаром", "PER", "Khalifa Haftar")],
                times=[("В прошлом месяце", month(2023, 8), "month"), ("17 сентября", day(2023, 9, 17), "day")],
                places=[("Бенгази", "Benghazi", 32.11, 20.07, 1), ("Ливию", "Libya", 27.0, 17.0, 3)],
                events=[("провёл переговоры", "CONSULT", ["Yunus-Bek Yevkurov"], ["Khalifa Haftar"],
                         "Евкуров провёл переговоры с Хафтаром в Бенгази"),
                        ("посетил", "CONSULT", ["Yunus-Bek Yevkurov"], ["Libya"],
                         "Евкуров провёл переговоры с Хафтаром в Бенгази, а 17 сентября ещё раз посетил Ливию")])
    reports = sorted(events_of(document_reports(doc, ORIGIN, names)), key=lambda r: r.when_start)
    assert [(r.when_start.date().isoformat(), r.precision, r.ordinal) for r in reports] == [
        ("2023-08-01", "month", None), ("2023-09-17", "day", 2)]
    assert reports[0].place == "Benghazi"
    assert reports[0].text == text and reports[0].participants[:2] == ["Yunus-Bek Yevkurov", "Khalifa Haftar"]


def test_a_date_or_place_nearer_another_event_is_that_events(names):
    text = ("Yunus-Bek Yevkurov's first trip, on 22 August, came a day before Yevgeny Prigozhin was killed in a "
            "plane crash north of Moscow.")
    doc = build(text, mentions=[("Yunus-Bek Yevkurov", "PER", "Yunus-Bek Yevkurov"),
                                ("Yevgeny Prigozhin", "PER", "Yevgeny Prigozhin")],
                times=[("22 August", day(2023, 8, 22), "day")],
                places=[("Moscow", "Moscow", 55.75, 37.62, 1)],
                events=[("trip", "CONSULT", ["Yunus-Bek Yevkurov"], [], "Yunus-Bek Yevkurov's first trip"),
                        ("killed", "ASSAULT", [], ["Yevgeny Prigozhin"],
                         "Yevgeny Prigozhin was killed in a plane crash north of Moscow")])
    by_type = {r.type: r for r in events_of(document_reports(doc, ORIGIN, names))}
    trip, crash = by_type["CONSULT"], by_type["ASSAULT"]
    assert (trip.when_start.day, trip.precision, trip.ordinal, trip.place) == (22, "day", 1, None)
    assert (crash.precision, crash.place, crash.lat) == (None, "Moscow", 55.75)


def test_no_date_in_the_sentence_means_no_date(names):
    text = "Yunus-Bek Yevkurov met Khalifa Haftar in Benghazi."
    doc = build(text, mentions=[("Yunus-Bek Yevkurov", "PER", "Yunus-Bek Yevkurov"),
                                ("Khalifa Haftar", "PER", "Khalifa Haftar")],
                places=[("Benghazi", "Benghazi", 32.11, 20.07, 1)],
                events=[("met", "CONSULT", ["Yunus-Bek Yevkurov"], ["Khalifa Haftar"], text[:-1])])
    (r,) = events_of(document_reports(doc, ORIGIN, names))
    assert r.when_start is None and r.when_end is None and r.precision is None
    assert r.published == PUBLISHED and r.english == text and r.translation is None


def test_arabic_again_cue_and_claim_chain_and_translation(names):
    text = "وقال مصدر مطلع إن يفكوروف وصل إلى بنغازي مجدداً والتقى حفتر."
    english = "An informed source said Yevkurov arrived in Benghazi again and met Haftar."
    doc = build(text, language="ar", english=[english],
                mentions=[("يفكوروف", "PER", "Yunus-Bek Yevkurov"), ("حفتر", "PER", "Khalifa Haftar")],
                places=[("بنغازي", "Benghazi", 32.11, 20.07, 1)],
                events=[("وصل", "CONSULT", ["Yunus-Bek Yevkurov"], ["Benghazi"], "يفكوروف وصل إلى بنغازي"),
                        ("والتقى", "CONSULT", ["Yunus-Bek Yevkurov"], ["Khalifa Haftar"],
                         "بنغازي مجدداً والتقى حفتر")],
                claims=[("يفكوروف وصل إلى بنغازي مجدداً والتقى حفتر", ["Wall Street Journal", "informed source"],
                         0.6, [], "anonymous")])
    reports = document_reports(doc, ORIGIN, names)
    (event,) = events_of(reports)              # two triggers, one happening: one report
    assert event.ordinal == 2 and event.place == "Benghazi"
    assert set(event.participants) >= {"Yunus-Bek Yevkurov", "Khalifa Haftar"}
    assert event.attributed_to == ["Wall Street Journal", "informed source"] and event.certainty == 0.6
    assert event.source_type == "anonymous"
    assert event.english == english and event.translation == "analyst"
    (claim,) = [r for r in reports if r.kind == "claim"]
    assert claim.type == "reported" and claim.english == english and claim.text.startswith("يفكوروف")


def test_outlet_and_duplicate_travel_with_every_report(names):
    origin = Origin(Source("tass", "TASS", "tass", "Russian state news agency", "C"), duplicate_of="ria1",
                    original_family="rossiya-segodnya", original_outlet="RIA Novosti")
    text = "Yunus-Bek Yevkurov met Khalifa Haftar."
    doc = build(text, mentions=[("Yunus-Bek Yevkurov", "PER", "Yunus-Bek Yevkurov")],
                events=[("met", "CONSULT", ["Yunus-Bek Yevkurov"], ["Khalifa Haftar"], text[:-1])])
    (r,) = document_reports(doc, origin, names)
    assert (r.outlet, r.family, r.grade, r.duplicate_of, r.counted_family) == (
        "TASS", "tass", "C", "ria1", "rossiya-segodnya")
    assert r.targets == ["Khalifa Haftar"]        # resolved from the coder's string, not from a mention


def test_a_country_named_in_a_title_is_not_where_it_happened(names):
    text = "Le Catholicos Aram Ier a rencontré aujourd'hui le nouveau président élu du Liban, Joseph Aoun."
    doc = build(text, language="fr",
                mentions=[("Aram Ier", "PER", "Aram Ier"), ("Joseph Aoun", "PER", "Joseph Aoun")],
                places=[("Liban", "Lebanon", 33.9, 35.9, 3)],
                events=[("rencontré", "CONSULT", ["Aram Ier"], ["Joseph Aoun"],
                         "Aram Ier a rencontré aujourd'hui le nouveau président élu du Liban, Joseph Aoun")])
    assert [r.place for r in events_of(document_reports(doc, ORIGIN, names))] == [None]
    # where the coder marked the country as the place ("au Liban"), it is the place
    doc.events[0].place = "Lebanon"
    assert [r.place for r in events_of(document_reports(doc, ORIGIN, names))] == ["Lebanon"]
