"""Anchoring per section: a dated quotation, a dated citation paragraph and a repost's byline carry their own
date, and the relative expressions inside count from it (issue 12).

The scenario's case: an analyst item dated Sun 15 Oct 2023 quotes a Thu 28 Sep 2023 article saying "the week
before last". Relative to 28 Sep (ISO week 39, 25 Sep - 1 Oct) that is ISO week 37, Mon 11 - Sun 17 Sep 2023;
relative to the item's own date it would wrongly be 2-8 Oct.
"""

from datetime import date, datetime

from dragoman.times import date_document
from dragoman.times.sections import byline_anchor, quoted_sections

OCT15 = datetime(2023, 10, 15)


def dated(text, lang, anchor=OCT15):
    return [(h.text, h.value, h.anchor.date() if h.anchor else None) for h in date_document(text, lang, anchor)]


def test_the_week_before_last_inside_a_quote_of_28_september():
    text = ("Analyst note. On 28 September, the Libya Observer wrote: \"Yevkurov visited Benghazi the week before "
            "last and will be back on Tuesday.\" Last week Haftar was in Moscow.")
    got = dated(text, "en")
    assert ("week before last", "2023-W37", date(2023, 9, 28)) in got
    assert ("Tuesday", "2023-10-03", date(2023, 9, 28)) in got            # future inside the quote: 3 Oct
    assert ("Last week", "2023-W40", date(2023, 10, 15)) in got           # outside it: the item's own date
    week = next(h for h in date_document(text, "en", OCT15) if h.text == "week before last")
    assert (week.begin, week.end_dt) == (datetime(2023, 9, 11), datetime(2023, 9, 18))
    assert "2023-09-28" in week.note


def test_french_quote_with_a_dated_attribution():
    text = ("Le 28 septembre, le Libya Observer écrivait : « Yevkurov était à Benghazi la semaine "
            "avant-dernière. » La semaine dernière, Haftar était à Moscou.")
    got = dated(text, "fr")
    assert ("semaine avant-dernière", "2023-W37", date(2023, 9, 28)) in got
    assert ("semaine dernière", "2023-W40", date(2023, 10, 15)) in got


def test_arabic_quote_with_a_dated_attribution():
    text = ("وكتبت صحيفة ليبيا أوبزرفر في 28 سبتمبر: «زار يفكوروف بنغازي الأسبوع قبل الماضي». "
            "وكان حفتر في موسكو الأسبوع الماضي.")
    got = dated(text, "ar")
    assert ("الأسبوع قبل الماضي", "2023-W37", date(2023, 9, 28)) in got
    assert ("الأسبوع الماضي", "2023-W40", date(2023, 10, 15)) in got


def test_a_yesterday_attribution_dates_the_quote():
    text = "وقال المتحدث أمس: «وصل الوفد اليوم إلى بنغازي»."
    got = dated(text, "ar", datetime(2015, 7, 25))
    assert got == [("أمس", "2015-07-24", date(2015, 7, 25)), ("اليوم", "2015-07-24", date(2015, 7, 24))]


def test_a_dated_citation_paragraph_anchors_the_block_after_it():
    text = ("Revue de presse du 15 octobre.\n\nLibya Observer, 28 septembre 2023 :\n\n"
            "Yevkurov était à Benghazi la semaine avant-dernière.\n\nHier, Haftar a parlé.")
    got = dated(text, "fr")
    assert ("semaine avant-dernière", "2023-W37", date(2023, 9, 28)) in got
    assert ("Hier", "2023-10-14", date(2023, 10, 15)) in got


def test_quotes_without_a_date_or_without_attribution_keep_the_page_date():
    text = "Le ministre a qualifié l’accord de « victoire de la semaine dernière »."
    assert dated(text, "fr") == [("semaine dernière", "2023-W40", date(2023, 10, 15))]
    assert quoted_sections("Le 28 septembre « la semaine dernière » fut calme.", "fr", date(2023, 10, 15)) == []


def test_today_in_an_undated_quote_is_uncertain():
    text = "وقال قائد ميداني: «الجيش اليوم أحرز تقدما في محور الصابري»."
    hit, = date_document(text, "ar", datetime(2015, 7, 25))
    assert hit.confidence < 0.5 and "quotation" in hit.note


def test_a_reposts_byline_anchors_the_whole_text():
    text = ("Nikol Pachinian et Irakli Gharibachvili ont signé aujourd’hui le protocole.\n\n"
            "par Krikor Amirzayan le vendredi 26 janvier 2024\n\n© armenews.com 2024")
    published = datetime(2024, 1, 27, 1, 22)
    assert byline_anchor(text, "fr", date(2024, 1, 27)) == (date(2024, 1, 26), "the byline's date 2024-01-26")
    assert dated(text, "fr", published)[0] == ("aujourd’hui", "2024-01-26", date(2024, 1, 26))


def test_a_date_alone_on_its_line_is_a_byline_and_old_dates_are_not():
    text = "29 janvier 2025\n\n–\n\npar\n\nKrikor Amirzayan\n\nLes ambassadeurs ont approuvé aujourd’hui la mission."
    assert dated(text, "fr", datetime(2025, 1, 30, 0, 58))[-1] == ("aujourd’hui", "2025-01-29", date(2025, 1, 29))
    old = "Başak Akbulut |28.06.2022 - Güncelleme : 28.06.2022\n\nBugün karar çıktı."
    assert byline_anchor(old, "tr", date(2024, 12, 20)) is None


def test_the_stage_uses_the_section_anchor():
    from dragoman.model import Document, Sentence, Span
    from dragoman.settings import Settings
    from dragoman.stages.times import build

    text = "On 28 September, the Libya Observer wrote: \"Yevkurov came the week before last.\""
    doc = Document(id="d1", source="local", text=text, language="en", published=OCT15,
                   sentences=[Sentence(span=Span(0, len(text)), language="en")])
    out = build(Settings())(doc)
    week = next(t for t in out.times if t.text == "week before last")
    assert (week.start, week.end, week.anchor) == (datetime(2023, 9, 11), datetime(2023, 9, 18),
                                                   datetime(2023, 9, 28))


def test_extract_shows_the_anchor_of_a_quoted_relative_date(tmp_path):
    import json
    from typer.testing import CliRunner
    from dragoman.cli import app

    page = tmp_path / "analyst.html"
    page.write_text(
        "<html><head><title>Analyst note</title><meta property=\"article:published_time\" "
        "content=\"2023-10-15T09:00:00+00:00\"></head><body><h1>Analyst note</h1><p>On 28 September, the Libya "
        "Observer wrote: \"Yevkurov visited Benghazi the week before last.\"</p><p>Last week Haftar was in "
        "Moscow.</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    obj = json.loads(next(line for line in result.output.splitlines() if line.startswith("{")))
    times = {t["text"]: t for t in obj["times"]}
    assert (times["week before last"]["from"][:10], times["week before last"]["to"][:10]) == ("2023-09-11", "2023-09-18")
    assert times["week before last"]["anchor"][:10] == "2023-09-28"
    assert times["Last week"]["anchor"][:10] == "2023-10-15"
