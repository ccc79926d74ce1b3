"""Bad input: impossible and far-future dates, no anchor, crowded sentences, odd text, broken vocabularies.

Policy (the same everywhere): what the candidate finder matches is returned, never dropped silently.
An impossible date keeps the part that is valid (the month of "31 February 2023") with confidence at
most 0.2 and a note; a date beginning more than two years after the anchor keeps its interval with
confidence at most 0.3 and a note (a written year up to ten years ahead, a plan: 0.5); a relative expression without an anchor has no interval and
confidence 0.2.
"""

from datetime import date, datetime, timezone, timedelta

import pytest

from dragoman.times import LexiconError, find_times
from dragoman.times.lexicon import load, parse

SEP28 = datetime(2023, 9, 28)


@pytest.mark.parametrize("lang, text, span, month", [
    ("en", "The minister claimed the deal was signed on 31 Feb 2023.", "31 Feb 2023", (2023, 2)),
    ("en", "A report dated 29 February 2023 circulated online.", "29 February 2023", (2023, 2)),
    ("ar", "وزعم البيان أن الاتفاق وقع في 30 شباط 2023.", "30 شباط 2023", (2023, 2)),
    ("ru", "В документе стоит дата 31 июня 2023 года.", "31 июня 2023 года", (2023, 6)),
    ("fr", "Le document porte la date du 31.02.2023.", "31.02.2023", (2023, 2)),
    ("tr", "Belgede 32 Ağustos 2023 tarihi yazıyor.", "32 Ağustos 2023", (2023, 8)),
])
def test_impossible_days_keep_their_month_with_low_confidence(lang, text, span, month):
    hit, = find_times(text, lang, SEP28)
    assert hit.text == span
    assert (hit.begin, hit.precision) == (datetime(*month, 1), "month")
    assert hit.confidence <= 0.2 and "no day" in hit.note


def test_a_real_leap_day_is_fine():
    hit, = find_times("The drones were delivered on 29 February 2024.", "en", datetime(2024, 3, 14))
    assert (hit.value, hit.confidence, hit.note) == ("2024-02-29", 0.95, None)


def test_impossible_month_keeps_the_year():
    hit, = find_times("Ref. 22.13.2023 in the archive.", "ru", SEP28)
    assert (hit.value, hit.precision) == ("2023", "year")
    assert hit.confidence < 0.2 and "no month 13" in hit.note


def test_impossible_day_without_a_year():
    hit, = find_times("Источник назвал дату 31 сентября.", "ru", SEP28)
    assert (hit.value, hit.precision, hit.confidence) == ("2023-09", "month", 0.2)


def test_backwards_range():
    hit, = find_times("The talks ran from 28 to 26 September 2023.", "en", SEP28)
    assert hit.confidence <= 0.2 and "ends before" in hit.note


def test_far_future_dates_are_kept_but_doubted():
    hit, = find_times("A ceasefire was signed on 22 August 2093, the post claimed.", "en", SEP28)
    assert (hit.value, hit.precision) == ("2093-08-22", "day")
    assert hit.confidence <= 0.3 and "after the publication date" in hit.note
    near, = find_times("Elections are planned for next year.", "en", SEP28)
    assert (near.value, near.confidence, near.note) == ("2024", 0.9, None)
    plan, = find_times("Власти отложили переговоры с ЕС до конца 2028 года.", "ru", datetime(2024, 11, 28))
    assert (plan.value, plan.confidence) == ("2028", 0.5) and "after the publication date" in plan.note


def test_without_an_anchor_relative_expressions_have_no_interval():
    text = "وصل الوفد أمس، وكان في بنغازي في آب الماضي، وفي 22 آب 2023، ومنذ ثلاثة أيام عاد."
    hits = find_times(text, "ar", None)
    got = {h.text: (h.begin, h.end_dt, h.confidence) for h in hits}
    for relative in ("أمس", "آب الماضي", "منذ ثلاثة أيام"):
        assert got[relative] == (None, None, 0.2)
    assert got["22 آب 2023"] == (datetime(2023, 8, 22), datetime(2023, 8, 23), 0.95)
    assert all(h.note for h in hits if h.begin is None)


def test_without_an_anchor_a_day_without_a_year_has_no_interval():
    hit, = find_times("Yevkurov returned on 17 September.", "en", None)
    assert (hit.begin, hit.confidence, hit.precision) == (None, 0.2, "day")


def test_a_sentence_with_twenty_dates():
    text = ("Timeline: 22 Aug 2023, 23 August 2023, 24/08/2023, 2023-08-25, 26 August, August 27, "
            "28-29 August 2023, 1 September 2023, 10 and 11 September, 17 September, September 2023, "
            "26 September, 27 September, 28 September, yesterday, today, last week, last month, "
            "the week before last, last August.")
    hits = find_times(text, "en", SEP28)
    assert [h.value for h in hits] == [
        "2023-08-22", "2023-08-23", "2023-08-24", "2023-08-25", "2023-08-26", "2023-08-27",
        "2023-08-28/2023-08-29", "2023-09-01", "2023-09-10/2023-09-11", "2023-09-17", "2023-09",
        "2023-09-26", "2023-09-27", "2023-09-28", "2023-09-27", "2023-09-28", "2023-W38", "2023-08",
        "2023-W37", "2023-08"]
    assert all(text[h.start:h.end] == h.text for h in hits)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))


@pytest.mark.parametrize("text", [
    "", "   ", "2023", "12345678901234567890", "1.2.3.4.5", "31/31/3131", "---", "٢٠٢٣٢٠٢٣", "\u200f\u064b\u0640",
    "August", "august 2023 august 2023", "في في في", "0 августа 0000 года", "99.99.9999", "ـــ٢٢ـــ آب",
    "2023-02-30T25:61", "9" * 5000, "آب " * 2000,
])
def test_odd_text_never_raises(text):
    for lang in ("ar", "ru", "tr", "fr", "en", "fa", "xx", ""):
        for anchor in (SEP28, None):
            for h in find_times(text, lang, anchor):
                assert text[h.start:h.end] == h.text
                assert (h.begin is None) == (h.end_dt is None)
                assert h.begin is None or h.begin < h.end_dt
                assert 0 <= h.confidence <= 1


def test_language_codes_are_normalised_and_unknown_ones_get_numeric_dates():
    assert [h.value for h in find_times("أمس", "AR", SEP28)] == ["2023-09-27"]
    assert [h.value for h in find_times("أمس", "ar-EG", SEP28)] == ["2023-09-27"]
    assert [h.value for h in find_times("Stand: 22.08.2023", "xx", SEP28)] == ["2023-08-22"]


def test_other_languages_get_dateparser_on_short_candidates():
    got = [(h.text, h.value, h.rule) for h in find_times("Am 15. August 2023 und vor 3 Tagen.", "de", SEP28)]
    assert got == [("15. August 2023", "2023-08-15", "dateparser"), ("vor 3 Tagen", "2023-09-25", "dateparser")]
    relative, = find_times("Вчора делегація прибула.", "uk", None)
    assert (relative.text, relative.begin, relative.confidence) == ("Вчора", None, 0.2)


def test_time_zone_and_date_anchors():
    tz = timezone(timedelta(hours=3))
    hit, = find_times("вчера", "ru", datetime(2023, 9, 28, 1, 30, tzinfo=tz))
    assert hit.begin == datetime(2023, 9, 27, tzinfo=tz) and hit.end_dt.tzinfo is tz
    hit, = find_times("вчера", "ru", date(2023, 9, 28))
    assert hit.begin == datetime(2023, 9, 27) and hit.begin.tzinfo is None


# ---------------------------------------------------------------- broken vocabularies fail loudly

def test_bundled_vocabularies_load():
    for lang in ("ar", "ru", "tr", "fr", "en"):
        assert find_times("2023-08-22", lang, SEP28)[0].value == "2023-08-22"


def test_a_broken_vocabulary_names_the_file_and_every_problem(tmp_path):
    path = tmp_path / "xx.yaml"
    path.write_text("\n".join([
        "language: xx",
        "months: {1: [janu], 2: [janu], 13: [extra]}",
        "weekdays: {1: [mon]}",
        "units: {day: [d], fortnight: [f]}",
        "numbers: {on: 10}",
        "colour: blue",
    ]), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load(path)
    message = str(err.value)
    assert str(path) in message
    for problem in ("unknown key 'colour'", "months: unknown key 13", "missing [3, 4", "weekdays: missing [2",
                    "'janu' is listed under both 1 and 2", "units: unknown key 'fortnight'", "numbers: True"):
        assert problem in message, problem


def test_unreadable_vocabulary_and_wrong_language(tmp_path):
    bad = tmp_path / "yy.yaml"
    bad.write_text("months: [unclosed", encoding="utf-8")
    with pytest.raises(LexiconError, match="cannot read"):
        load(bad)
    with pytest.raises(LexiconError, match="must hold a mapping"):
        parse(["not", "a", "mapping"], "inline")
