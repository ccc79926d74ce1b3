"""The date errors found on real foreign-press text (issue 12), each as a realistic sentence per language.

Look-alike words (Turkish "kişi" is not kış, "Bu yazı" is not this summer), years carried from the last one
written, past and future cues ("25 septembre dernier", a visit announced for Friday), named days ("15 Temmuz"
in a column on the 2016 coup attempt) and Arabic ordinal days.
"""

from datetime import datetime

import pytest

from dragoman.times import date_document, find_times


def values(text, lang, anchor):
    return [(h.text, h.value) for h in find_times(text, lang, anchor)]


def doc_values(text, lang, anchor):
    return [(h.text, h.value) for h in date_document(text, lang, anchor)]


# ---------------------------------------------------------------- words that look like seasons and days

@pytest.mark.parametrize("text", [
    "Bu kişi uzun yıllar Ankara’nın doğusunda görev yaptı.",            # kişi (person), not kış + i
    "Komutanlık yapmayan çok sayıda kişi terfi ettirilmiştir.",
    "Bahçeli’nin, kısa süre sonra, açıklama yapması bekleniyor.",          # kısa (short), not kış + a
    "Bu yazı hazırlanırken Akkuyu Nükleer açıklama yapmadı.",              # yazı (article), not yaz + ı
    "Cumhurbaşkanı IMF ve Dünya Bankası gibi kurumları eleştirdi.",        # Dünya (world), not dün + ya
    "Tesadüf ki, bugünün meşhur sözü “normalleşme” de notlarda yer alıyor.",  # "today's" = current
])
def test_turkish_look_alikes_are_not_times(text):
    assert values(text, "tr", datetime(2024, 7, 1)) == []


def test_turkish_real_inflections_still_count():
    text = "Geçen yazın sonunda başlayan kriz kışın derinleşti; dünkü toplantıda Temmuz’da seçim kararı çıktı."
    got = values(text, "tr", datetime(2024, 11, 18))
    assert ("Geçen yazın", "2024-SU") in got and ("dünkü", "2024-11-17") in got
    assert ("Temmuz’da", "2024-07") in got


def test_arabic_the_day_and_a_channel_are_not_today():
    text = "وتمكنت القوات في اليوم التالي من التقدم، وقال في لقاء مع قناة «روسيا اليوم» إن القمة تنعقد اليوم."
    assert values(text, "ar", datetime(2015, 8, 11)) == [("اليوم", "2015-08-11")]


def test_dates_inside_web_addresses_are_not_dates():
    text = "Source : https://fr.euronews.com/my-europe/2023/09/20/haut-karabakh-les-eurodeputes, publié le 20 septembre."
    assert values(text, "fr", datetime(2024, 1, 17)) == [("20 septembre", "2023-09-20")]


# ---------------------------------------------------------------- years carried from the nearest written year

def test_turkish_year_then_month():
    text = "2016 yılının Nisan ayında toplantı yapıldı. 2022 yılı kasım ayında İstanbul’da operasyon düzenlendi."
    assert values(text, "tr", datetime(2024, 9, 27)) == [("2016 yılının Nisan ayında", "2016-04"),
                                                          ("2022 yılı kasım ayında", "2022-11")]


def test_a_written_year_carries_to_the_days_after_it_in_the_paragraph():
    text = ("Savcılık, 2 Eylül 2023 günü soruşturma başlattı. Emniyet, iki gün sonra, 4 Eylül’de ifadesini aldı."
            "\n\nBakan 5 Mart’ta konuştu.")
    assert values(text, "tr", datetime(2024, 11, 4)) == [
        ("2 Eylül 2023", "2023-09-02"), ("4 Eylül’de", "2023-09-04"), ("5 Mart’ta", "2024-03-05")]
    text = "En septembre 2022, l’Arménie demande l’activation de l’article 4. Le 13 septembre, Bakou attaque."
    assert values(text, "fr", datetime(2023, 11, 22))[1] == ("13 septembre", "2022-09-13")


def test_coming_back_to_the_present_stops_the_carry():
    text = "En septembre 2022, Bakou attaque. Hier, le ministre a parlé du 13 septembre."
    assert values(text, "fr", datetime(2023, 11, 22))[-1] == ("13 septembre", "2023-09-13")


def test_a_bare_since_year_does_not_carry():
    text = "Российская авиация бомбит Алеппо впервые с 2016 года. 30 ноября Лавров обсудил ситуацию."
    assert values(text, "ru", datetime(2024, 12, 1))[-1] == ("30 ноября", "2024-11-30")


def test_the_same_year_and_the_year_before():
    text = "Bu rakam 2020 yılında 1961 kilogramdı. 2021 yılında ise bir önceki yıla göre arttı; aynı yıl rapor yayımlandı."
    assert values(text, "tr", datetime(2024, 4, 23)) == [
        ("2020 yılında", "2020"), ("2021 yılında", "2021"), ("bir önceki yıla", "2020"), ("aynı yıl", "2021")]
    assert values("En 2019, la ville tombe. L’année précédente, rien.", "fr", datetime(2024, 5, 1))[-1] == (
        "année précédente", "2018")


def test_bare_years_that_name_a_time():
    assert values("Ama 1921 Anayasası bir geçiş anayasası idi.", "tr", datetime(2024, 10, 16)) == [("1921", "1921")]
    assert values("Bu rakam 2020 yılında 1961 kilogramdı.", "tr", datetime(2024, 4, 23)) == [("2020 yılında", "2020")]
    assert values("à l'élection présidentielle de 2027.", "fr", datetime(2024, 5, 21))[0][1] == "2027"
    assert values("© armenews.com 2024", "fr", datetime(2024, 5, 21)) == [("2024", "2024")]
    assert values("Il commande plus de 2000 soldats.", "fr", datetime(2024, 5, 21)) == []


# ---------------------------------------------------------------- past and future from cue words and tense

@pytest.mark.parametrize("lang, text, anchor, value", [
    ("fr", "Le ministre avait annoncé le 25 septembre dernier sa démission.", (2023, 9, 27), "2023-09-25"),
    ("fr", "Le ministre avait annoncé le 28 septembre dernier sa démission.", (2023, 9, 27), "2022-09-28"),
    ("ar", "وبدأت قوات النظام في الرابع من يوليو الماضي هجوما على الزبداني.", (2015, 7, 22), "2015-07-04"),
    ("tr", "Savcı geçen 21 Ekim’de kovuşturmaya yer yok kararı verdi.", (2024, 11, 18), "2024-10-21"),
    ("ru", "Визит запланирован на 5 декабря следующего года.", (2024, 11, 18), "2025-12-05"),
    ("fr", "Le président se rendra vendredi à Erevan pour une visite officielle.", (2023, 9, 27), "2023-09-29"),
    ("ar", "وسيزور الوزير موسكو يوم الجمعة في زيارة رسمية.", (2023, 9, 27), "2023-09-29"),
    ("tr", "Cumhurbaşkanı cuma günü Bakü’ye gidecek.", (2023, 9, 27), "2023-09-29"),
    ("ru", "Министр прибудет в пятницу в Ереван.", (2023, 9, 27), "2023-09-29"),
    ("en", "The president will visit Yerevan on Friday.", (2023, 9, 27), "2023-09-29"),
])
def test_past_and_future_cues(lang, text, anchor, value):
    hit, = find_times(text, lang, datetime(*anchor))
    assert hit.value == value


def test_ce_weekday_with_its_date_is_one_date():
    assert values("a estimé ce dimanche 19 mai le président", "fr", datetime(2024, 5, 21)) == [
        ("ce dimanche 19 mai", "2024-05-19")]


def test_the_night_before_a_day_starts_the_day_before():
    hit, = find_times("В ночь на четверг могли погибнуть более 60 человек.", "ru", datetime(2024, 11, 21))
    assert (hit.begin, hit.end_dt) == (datetime(2024, 11, 20), datetime(2024, 11, 22))


def test_arabic_month_named_twice_is_one_month():
    assert values("وصل سليماني إلى موسكو يوم 24 يوليو تموز والتقى بوتين، بعد معارك في مايو - أيار.", "ar",
                  datetime(2015, 8, 8)) == [("24 يوليو تموز", "2015-07-24"), ("مايو - أيار", "2015-05")]


def test_half_amounts_and_duration_since_are_not_placed():
    assert values("Dört buçuk yıl önce yazdım.", "tr", datetime(2024, 7, 5)) == []
    hit, = find_times("إن مشاركة تركيا في الحرب المستمرة منذ أربع سنوات غير واردة.", "ar", datetime(2015, 7, 25))
    assert hit.confidence < 0.5 and "'for'" in hit.note
    assert find_times("منذ بدء الحرب الأهلية قبل أربع سنوات.", "ar", datetime(2015, 7, 25))[0].confidence >= 0.5


# ---------------------------------------------------------------- anniversaries and Arabic ordinal days

def test_a_named_day_is_its_event_where_the_text_names_the_event():
    text = ("15 Temmuz'un kritik ismi ilk kez konuştu. 15 Temmuz başarısız darbe girişiminin ardından göreve geldi. "
            "Henüz 15 Temmuz olmamıştı.")
    got = doc_values(text, "tr", datetime(2024, 7, 16))
    assert got == [("15 Temmuz'un", "2016-07-15"), ("15 Temmuz", "2016-07-15"), ("15 Temmuz", "2016-07-15")]


def test_a_commemoration_is_on_this_years_day():
    text = "15 Temmuz darbe girişiminin şehitleri anıldı. 15 Temmuz anma töreni Ankara’da yapıldı."
    got = doc_values(text, "tr", datetime(2024, 7, 16))
    assert got == [("15 Temmuz", "2016-07-15"), ("15 Temmuz", "2024-07-15")]


def test_a_named_day_in_a_text_not_about_the_event_is_a_plain_date():
    assert doc_values("Toplantı 15 Temmuz’da yapılacak.", "tr", datetime(2024, 7, 1)) == [("15 Temmuz’da", "2024-07-15")]
    assert doc_values("17-25 Aralık’tan sonra Erdoğan konuştu.", "tr", datetime(2024, 12, 16)) == [
        ("17-25 Aralık’tan", "2013-12-17/2013-12-25")]


def test_french_attacks_of_7_october():
    text = "Depuis les attaques du 7 octobre, Israël bombarde Gaza. Le 7 octobre a changé la région."
    got = doc_values(text, "fr", datetime(2024, 11, 20))
    assert got == [("7 octobre", "2023-10-07"), ("7 octobre", "2023-10-07")]


@pytest.mark.parametrize("text, value", [
    ("وصل الوفد في الثامن عشر من أغسطس إلى موسكو.", "2015-08-18"),
    ("في الحادي والعشرين من أغسطس الماضي", "2015-08-21"),
    ("وقعت في الثاني من آب/ اغسطس 2014 معارك عنيفة", "2014-08-02"),
])
def test_arabic_ordinal_days(text, value):
    hit, = find_times(text, "ar", datetime(2015, 8, 25))
    assert hit.value == value


# ---------------------------------------------------------------- parts of a period

@pytest.mark.parametrize("lang, text, anchor, span, begin, end", [
    ("ar", "اتخذت الحكومة أواسط العام الماضي قرارا بطرد الملحق.", (2015, 7, 27), "أواسط العام الماضي",
     (2014, 4, 1), (2014, 10, 1)),
    ("ru", "В конце 2022 года сотрудник министерства получил взятку.", (2024, 11, 28), "конце 2022 года",
     (2022, 10, 1), (2023, 1, 1)),
    ("tr", "Teğmenler ağustos sonundaki törenden ötürü soruşturuldu.", (2025, 2, 3), "ağustos sonundaki",
     (2024, 8, 21), (2024, 9, 1)),
    ("fr", "Il s'est rendu à Moscou à la mi-juillet 2023.", (2024, 5, 3), "mi-juillet 2023",
     (2023, 7, 11), (2023, 7, 21)),
])
def test_early_mid_late_narrow_the_period(lang, text, anchor, span, begin, end):
    hit, = find_times(text, lang, datetime(*anchor))
    assert span in hit.text and (hit.begin, hit.end_dt) == (datetime(*begin), datetime(*end))


def test_a_deadline_names_the_whole_year():
    hit, = find_times("Власти отложили переговоры до конца 2028 года.", "ru", datetime(2024, 11, 28))
    assert hit.value == "2028"


def test_two_weekdays_joined_are_consecutive_days():
    assert values("le sommet de l'OTSC organisé mercredi et jeudi à Minsk", "fr", datetime(2023, 11, 22)) == [
        ("mercredi", "2023-11-22"), ("jeudi", "2023-11-23")]


def test_an_announced_date_that_just_passed_is_this_years():
    text = "Bakan, tayinlerin 10 Haziran'da çıkarılacağını duyurdu. Takvim sarktı."
    assert values(text, "tr", datetime(2024, 6, 14)) == [("10 Haziran'da", "2024-06-10")]


def test_a_month_alone_takes_a_year_only_from_its_own_sentence():
    text = ("وسيطرت قوات حزب الله في نيسان/ إبريل 2014 على القلمون. ونفذ حزب الله خلال شهري ايار/ مايو "
            "وحزيران/ يونيو عمليات واسعة.")
    assert values(text, "ar", datetime(2015, 7, 21))[1] == ("ايار/ مايو", "2015-05")


def test_compter_is_not_a_future_cue():
    text = "Erevan - qui compte sur le droit international - a rejoint début octobre la Cour pénale internationale."
    assert values(text, "fr", datetime(2023, 11, 22)) == [("début octobre", "2023-10-01/2023-10-10")]


def test_years_later_and_decades():
    got = values("внес аль-Джулани в список в 2013 году, а четыре года спустя объявил", "ru", datetime(2024, 12, 3))
    assert got[-1] == ("четыре года спустя", "2017")
    got = values("Polis 1980'li yıllardan bu yana böyleydi. 2016 yılında karar alındı, iki yıl sonra uygulandı.",
                 "tr", datetime(2024, 5, 3))
    assert got == [("1980'li yıllardan", "1980/1989"), ("2016 yılında", "2016"), ("iki yıl sonra", "2018")]
    assert values("dans les années 1980", "fr", datetime(2024, 5, 3)) == [("années 1980", "1980/1989")]
    assert values("İki yıl sonra seçim olacak.", "tr", datetime(2024, 5, 3)) == []          # no year to count from
    assert values("2016 yılında savaştan iki yıl sonra döndü.", "tr", datetime(2024, 5, 3)) == [("2016 yılında", "2016")]


def test_arabic_digits_glued_to_the_word_before():
    text = "منذ ان قام الجيش بإقصاء الرئيس محمد مرسي في2013، ومنذ الاطاحة بالرئيس مرسي في يوليو2013، تصاعدت الهجمات."
    assert values(text, "ar", datetime(2015, 7, 24)) == [("2013", "2013"), ("يوليو2013", "2013-07")]
