"""Stories from hand-built Reports: one happening told with different dates is one story with a Conflict; a first
visit and a return visit stay apart; arrival and meeting stay apart when one outlet tells both; undated reports
join the latest happening before they were published."""

from datetime import datetime, timedelta, timezone

from dragoman.analysis.model import Report
from dragoman.analysis.stories import build_stories

TZ = timezone(timedelta(hours=3))
YEVKUROV, HAFTAR, PUTIN, SHOIGU = "Yunus-Bek Yevkurov", "Khalifa Haftar", "Vladimir Putin", "Sergei Shoigu"
PLACES = {"Benghazi": (32.11, 20.07), "Moscow": (55.75, 37.62), "Tripoli": (32.89, 13.19), "Libya": (27.0, 17.0)}


def report(doc, outlet, *, family=None, grade="C", date=None, precision="day", published=None,
           persons=(YEVKUROV, HAFTAR), place="Benghazi", type="CONSULT", ordinal=None, kind="event", negated=False,
           text="", certainty=1.0, duplicate_of=None, original_family=None, original_outlet=None, language="en",
           start=0):
    """A Report as analysis builds it; `date` is "2023-08-22" (day) or "2023-10" (month) or None."""
    when_start = when_end = None
    if date:
        parts = [int(p) for p in date.split("-")]
        if precision == "day":
            when_start = datetime(*parts, tzinfo=TZ)
            when_end = when_start + timedelta(days=1)
        else:
            y, m = parts
            when_start = datetime(y, m, 1, tzinfo=TZ)
            when_end = datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=TZ)
    pub = datetime.fromisoformat(published).replace(tzinfo=TZ) if published else (
        when_end + timedelta(hours=12) if when_end else None)
    lat, lon = PLACES.get(place, (None, None))
    return Report(
        doc_id=doc, kind=kind, type=type, outlet_id=outlet.lower(), outlet=outlet, family=family or outlet.lower(),
        descriptor=f"{outlet} descriptor", grade=grade, url=f"https://{doc}.example", title=None, title_english=None,
        published=pub, language=language, start=start, end=start + 50, text=text or f"{doc} text",
        english=text or None, translation=None, actors=list(persons[:1]), targets=list(persons[1:]),
        participants=list(persons), place=place, lat=lat, lon=lon, when_start=when_start, when_end=when_end,
        precision=precision if date else None, attributed_to=[], certainty=certainty, hedges=[], confidence=0.8,
        duplicate_of=duplicate_of, mode="visit" if type == "CONSULT" else None, negated=negated, ordinal=ordinal,
        original_family=original_family, original_outlet=original_outlet,
        place_precision=3 if place == "Libya" else 1 if place else None, persons=list(persons),
        participant_ids=[p.lower().replace(" ", "-") for p in persons], sentence=(start, start + 50))


def scenario():
    """The Yevkurov–Haftar visits as the demo's outlets tell them."""
    return [
        report("aa", "Anadolu Agency", date="2023-08-22"),
        report("sputnik", "Sputnik Arabic", family="rossiya-segodnya", grade="D", date="2023-08-22", ordinal=1,
               published="2023-09-28T18:00"),
        report("lemonde", "Le Monde", grade="B", date="2023-08-22", ordinal=1, published="2023-10-05T05:30"),
        report("lo-en", "Libya Observer", date="2023-08-23"),
        report("lo-ar", "Libya Observer", date="2023-08-24", ordinal=1, published="2023-09-18T13:00",
               language="ar", persons=(YEVKUROV,)),
        report("ria", "RIA Novosti", family="rossiya-segodnya", published="2023-08-22T16:40"),
        report("tass", "TASS", published="2023-08-22T16:52", duplicate_of="ria", original_family="rossiya-segodnya",
               original_outlet="RIA Novosti"),
        # the return visit
        report("lo-ar", "Libya Observer", date="2023-09-17", ordinal=2, published="2023-09-18T13:00", language="ar",
               start=100),
        report("sputnik", "Sputnik Arabic", family="rossiya-segodnya", grade="D", date="2023-09-17", ordinal=2,
               published="2023-09-28T18:00", start=100),
        report("lemonde", "Le Monde", grade="B", date="2023-09-17", ordinal=2, published="2023-10-05T05:30",
               start=100),
        report("wsj", "Wall Street Journal", grade="B", date="2023-08", precision="month", ordinal=1,
               published="2023-10-10T05:30"),
        report("wsj", "Wall Street Journal", grade="B", date="2023-10", precision="month", ordinal=2,
               published="2023-10-10T05:30"),
        report("ria2", "RIA Novosti", family="rossiya-segodnya", ordinal=2, published="2023-09-17T18:15"),
        report("mod", "Russian MoD Telegram", family="russian-mod", published="2023-09-17T15:22",
               persons=(YEVKUROV,)),
    ]


def consult_stories(reports):
    return [s for s in build_stories(reports) if s.type == "CONSULT"]


def test_first_and_second_visits_are_two_stories_each_with_its_date_conflict():
    first, second = consult_stories(scenario())
    assert (first.start.date().isoformat(), first.precision, first.place) == ("2023-08-22", "day", "Benghazi")
    assert second.start.date().isoformat() == "2023-09-17"
    assert {r.doc_id for r in first.reports} == {"aa", "sputnik", "lemonde", "lo-en", "lo-ar", "ria", "tass", "wsj"}
    assert {r.doc_id for r in second.reports} == {"lo-ar", "sputnik", "lemonde", "wsj", "ria2", "mod"}

    (conflict,) = first.conflicts
    assert conflict.field == "date"
    assert list(conflict.values) == ["22 August 2023", "23 August 2023", "24 August 2023"]
    assert sorted(conflict.values["22 August 2023"]) == ["Anadolu Agency", "Le Monde", "Sputnik Arabic"]
    assert conflict.values["23 August 2023"] == conflict.values["24 August 2023"] == ["Libya Observer"]
    assert conflict.note.startswith("Outlets disagree on the date: 22 August 2023 (")
    # an outlet giving two dates is named with each edition's language
    assert "23 August 2023 (Libya Observer in en); 24 August 2023 (Libya Observer in ar)." in conflict.note

    (conflict,) = second.conflicts
    assert {k: sorted(v) for k, v in conflict.values.items()} == {
        "17 September 2023": ["Le Monde", "Libya Observer", "Sputnik Arabic"], "October 2023": ["Wall Street Journal"]}
    # every report keeps its own date
    assert sorted(r.when_start.month for r in second.reports if r.when_start) == [9, 9, 9, 10]


def test_reports_are_ordered_best_first():
    first, _ = consult_stories(scenario())
    days = [(r.precision, r.when_start.day if r.when_start else None) for r in first.reports]
    assert days[:3] == [("day", 22)] * 3                    # those giving the story's date exactly…
    assert first.reports[0].grade == "B"                    # …the better outlet first
    assert first.reports[-1].duplicate_of == "ria"          # a republication comes last


def test_a_report_published_before_the_second_visit_cannot_describe_it():
    reports = [r for r in scenario() if r.doc_id != "wsj"]
    # published on 23 Aug, undated, saying the delegation "again" met Haftar: it cannot be the 17 Sep visit
    early = report("early", "Libya Review", grade="D", published="2023-08-23T10:00", ordinal=2)
    first, alone, second = consult_stories(reports + [early])
    assert [r.doc_id for r in alone.reports] == ["early"] and alone.start is None
    assert "early" not in {r.doc_id for r in first.reports} | {r.doc_id for r in second.reports}


def test_an_undated_report_joins_the_latest_happening_before_its_publication():
    first, second = consult_stories(scenario())
    assert "ria" in {r.doc_id for r in first.reports}       # published 22 Aug
    assert "mod" in {r.doc_id for r in second.reports}      # published 17 Sep, no cue: the nearest before it


def test_an_outlet_telling_two_dates_tells_two_happenings():
    meeting = [report(f"m{i}", o, date="2023-09-28", place="Moscow", persons=(HAFTAR, PUTIN, SHOIGU))
               for i, o in enumerate(["Al-Araby", "Sputnik", "New Arab"])]
    arrival = [report(f"m{i}", o, date="2023-09-26", place="Moscow", persons=(HAFTAR,), start=300)
               for i, o in enumerate(["Al-Araby", "Sputnik", "New Arab"])]
    stories = consult_stories(meeting + arrival)
    assert [(s.start.day, len(s.reports), s.conflicts) for s in stories] == [(26, 3, []), (28, 3, [])]


def test_day_dates_close_together_with_the_same_people_are_one_happening_flagged():
    reports = [report("a", "A", date="2023-08-22"), report("b", "B", date="2023-08-22"),
               report("c", "C", date="2023-08-25")]
    (story,) = consult_stories(reports)
    assert story.start.day == 22 and story.conflicts[0].values["25 August 2023"] == ["C"]


def test_different_places_far_apart_are_different_happenings_unless_strongly_linked():
    meeting = report("a", "A", date="2023-09-28", place="Moscow", persons=(HAFTAR, PUTIN))
    other = report("b", "B", date="2023-09-28", place="Tripoli", persons=(HAFTAR, "Abdul Hamid Dbeibah"))
    assert len(consult_stories([meeting, other])) == 2
    same_people = report("c", "C", date="2023-09-28", place="Tripoli", persons=(HAFTAR, PUTIN))
    stories = consult_stories([meeting, report("d", "D", date="2023-09-28", place="Moscow",
                                               persons=(HAFTAR, PUTIN)), same_people])
    (story,) = stories
    (conflict,) = story.conflicts
    assert conflict.field == "place" and conflict.values == {"Moscow": ["A", "D"], "Tripoli": ["C"]}


def test_other_event_types_and_people_do_not_merge():
    visit = report("a", "A", date="2023-08-22")
    crash = report("b", "B", date="2023-08-22", type="ASSAULT", persons=("Yevgeny Prigozhin",))
    stranger = report("c", "C", date="2023-08-22", persons=("Someone Else",))
    assert len(build_stories([visit, crash, stranger])) == 3


def test_reports_without_participants_make_no_story_and_claims_ride_along():
    visit = report("a", "A", date="2023-08-22")
    nobody = report("b", "B", date="2023-08-22", persons=())
    claim = report("a", "A", kind="claim", type="reported", start=10)
    (story,) = build_stories([visit, nobody, claim])
    assert [r.doc_id for r in story.reports] == ["a"] and story.claims == [claim]


def test_a_denied_happening_is_improbable_and_undated_ones_show_when_reported():
    denied = report("a", "A", type="AGREE", negated=True, published="2023-10-10T05:30", persons=("Kremlin", HAFTAR))
    (story,) = build_stories([denied])
    assert story.start is None and story.reported.date().isoformat() == "2023-10-10"
    assert story.credibility.grade == 5


def test_story_ids_are_stable_and_stories_come_in_time_order():
    one = [s.id for s in build_stories(scenario())]
    two = [s.id for s in build_stories(list(reversed(scenario())))]
    assert one == two and len(set(one)) == len(one)
    starts = [s.start for s in build_stories(scenario())]
    assert starts == sorted(starts)
