"""Every row of the dateparser-gap table (offline-models.md §6), with the table's anchor: Thu 14 Mar 2024.

Rows dateparser got right must stay right; rows it missed ("no") or half-read ("partly") are what our
rule layer adds. Values are TIMEX-style: a day 2024-03-13, an ISO week 2024-W10 (Mon 4 - Sun 10 Mar),
a month 2023-08, a season 2023-SU (June-August).
"""

from datetime import datetime

import pytest

from dragoman.times import find_times

ANCHOR = datetime(2024, 3, 14)

# (table row, language, input, expected span text, value, precision)
ROWS = [
    (1, "ar", "أمس", "أمس", "2024-03-13", "day"),
    (2, "ar", "الأسبوع الماضي", "الأسبوع الماضي", "2024-W10", "week"),
    (3, "ar", "الأسبوع قبل الماضي", "الأسبوع قبل الماضي", "2024-W09", "week"),
    (4, "ar", "الشهر الماضي", "الشهر الماضي", "2024-02", "month"),
    (5, "ar", "أغسطس الماضي", "أغسطس الماضي", "2023-08", "month"),
    (6, "ar", "أغسطس", "أغسطس", "2023-08", "month"),               # dateparser made up the 14th
    (7, "ar", "آب الماضي", "آب الماضي", "2023-08", "month"),
    (7, "ar", "15 آب 2023", "15 آب 2023", "2023-08-15", "day"),
    (7, "ar", "آب 2023", "آب 2023", "2023-08", "month"),
    (7, "ar", "تشرين الأول 2023", "تشرين الأول 2023", "2023-10", "month"),
    (8, "ar", "١٥ أغسطس ٢٠٢٣", "١٥ أغسطس ٢٠٢٣", "2023-08-15", "day"),
    (9, "ar", "منذ 3 أيام", "منذ 3 أيام", "2024-03-11", "day"),
    (9, "ar", "قبل يومين", "قبل يومين", "2024-03-12", "day"),
    (9, "ar", "قبل أسبوعين", "قبل أسبوعين", "2024-W09", "week"),       # the week holding 29 Feb
    (10, "ar", "منذ ثلاثة أيام", "منذ ثلاثة أيام", "2024-03-11", "day"),
    (10, "ar", "منذ أسبوعين", "منذ أسبوعين", "2024-W09", "week"),
    (11, "ar", "الثلاثاء", "الثلاثاء", "2024-03-12", "day"),
    (12, "ar", "يوم الثلاثاء الماضي", "يوم الثلاثاء الماضي", "2024-03-12", "day"),
    (12, "ar", "الاثنين الماضي", "الاثنين الماضي", "2024-03-11", "day"),
    (13, "ru", "вчера", "вчера", "2024-03-13", "day"),
    (13, "ru", "позавчера", "позавчера", "2024-03-12", "day"),
    (13, "ru", "3 дня назад", "3 дня назад", "2024-03-11", "day"),
    (13, "ru", "две недели назад", "две недели назад", "2024-W09", "week"),
    (14, "ru", "на прошлой неделе", "прошлой неделе", "2024-W10", "week"),
    (15, "ru", "в прошлом месяце", "прошлом месяце", "2024-02", "month"),
    (15, "ru", "В прошлом месяце", "прошлом месяце", "2024-02", "month"),
    (16, "ru", "в августе прошлого года", "августе прошлого года", "2023-08", "month"),
    (16, "ru", "в августе", "августе", "2023-08", "month"),
    (16, "ru", "прошлым летом", "прошлым летом", "2023-SU", "season"),
    (16, "ru", "в прошлый вторник", "прошлый вторник", "2024-03-12", "day"),
    (17, "ru", "15 августа 2023 года", "15 августа 2023 года", "2023-08-15", "day"),
    (18, "tr", "dün", "dün", "2024-03-13", "day"),
    (18, "tr", "geçen hafta", "geçen hafta", "2024-W10", "week"),
    (18, "tr", "geçen ay", "geçen ay", "2024-02", "month"),
    (18, "tr", "3 gün önce", "3 gün önce", "2024-03-11", "day"),
    (19, "fr", "hier", "hier", "2024-03-13", "day"),
    (19, "fr", "la semaine dernière", "semaine dernière", "2024-W10", "week"),
    (19, "fr", "le mois dernier", "mois dernier", "2024-02", "month"),
    (19, "fr", "il y a deux semaines", "il y a deux semaines", "2024-W09", "week"),
    (20, "fr", "mardi dernier", "mardi dernier", "2024-03-12", "day"),
    (20, "fr", "en août dernier", "août dernier", "2023-08", "month"),
    (21, "fa", "دیروز", "دیروز", "2024-03-13", "day"),                 # no vocabulary: dateparser
    (21, "fa", "هفته گذشته", "هفته گذشته", "2024-W10", "week"),
]


@pytest.mark.parametrize("row, lang, text, span, value, precision", ROWS,
                         ids=[f"row{r[0]:02d}-{r[1]}-{r[2]}" for r in ROWS])
def test_gap_table_row(row, lang, text, span, value, precision):
    hits = find_times(text, lang, ANCHOR)
    assert len(hits) == 1, hits
    hit = hits[0]
    assert text[hit.start:hit.end] == hit.text == span
    assert (hit.value, hit.precision) == (value, precision)
    assert hit.confidence >= 0.6
    assert hit.begin < hit.end_dt


def test_every_table_row_is_covered():
    assert sorted({r[0] for r in ROWS}) == list(range(1, 22))


def test_month_only_mention_never_gets_a_day():
    hit, = find_times("أغسطس", "ar", ANCHOR)
    assert hit.begin == datetime(2023, 8, 1) and hit.end_dt == datetime(2023, 9, 1)


# The running-text cases where search_dates dropped words or found nothing.

def test_arabic_sentence_keeps_last_august_and_last_week():
    text = "وقال المصدر إن الوفد عاد الأسبوع الماضي بعد زيارة جرت في أغسطس الماضي إلى بنغازي."
    got = [(h.text, h.value) for h in find_times(text, "ar", ANCHOR)]
    assert got == [("الأسبوع الماضي", "2024-W10"), ("أغسطس الماضي", "2023-08")]


def test_russian_sentence_opening_with_last_month():
    text = "В прошлом месяце самолёты прибыли на авиабазу аль-Джуфра, сообщил источник."
    hit, = find_times(text, "ru", ANCHOR)
    assert (hit.text, hit.value, hit.start) == ("прошлом месяце", "2024-02", 2)


def test_russian_sentence_with_yesterday_among_other_dates():
    text = ("Переговоры начались 12 марта, продолжились на прошлой неделе, а вчера министр заявил, "
            "что следующий раунд пройдёт в апреле.")
    got = [(h.text, h.value) for h in find_times(text, "ru", ANCHOR)]
    assert got == [("12 марта", "2024-03-12"), ("прошлой неделе", "2024-W10"), ("вчера", "2024-03-13"),
                   ("апреле", "2024-04")]      # "пройдёт" is future: the coming April
