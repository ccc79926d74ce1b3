"""Claims found and checked in en/ar/ru/tr/fr sentences written for these tests."""

from __future__ import annotations

import pytest

from dragoman.errors import InputError
from dragoman.geostrategy.claims import compass_code, cues, find
from dragoman.service import geostrategy as service

OFFSETS = [
    ("en", "Al-Kharrouba lies 150 km south-east of Benghazi.", 150, "SE"),
    ("ar", "تقع قاعدة الخروبة على بعد 150 كم جنوب شرق بنغازي", 150, "SE"),
    ("ar", "وتقع قاعدة الخروبة الجوية على بعد 105 كيلومترات جنوب غربي بنغازي", 105, "SW"),
    ("ru", "Авиабаза Эль-Харруба находится в 105 км к юго-западу от Бенгази", 105, "SW"),
    ("tr", "El-Harruba Hava Üssü, Bingazi'nin 150 km güneybatısında yer alıyor", 150, "SW"),
    ("fr", "La base d'Al-Kharrouba se trouve à 150 km au sud-ouest de Benghazi", 150, "SW"),
]


@pytest.mark.parametrize("lang, text, km, code", OFFSETS)
def test_offsets_found_in_each_language_and_checked_against_the_table(lang, text, km, code):
    answer = service.claims(text)
    (claim,) = answer["claims"]
    assert (claim["lang"], claim["km"], claim["direction"]) == (lang, km, code)
    assert claim["site"]["id"] == "al-kharrouba" and claim["anchor"]["name"] == "Benghazi"
    assert claim["verdict"] == "inconsistent"                  # the table puts it ~107 km east of Benghazi


def test_an_offset_is_never_said_of_a_region_or_of_a_place_named_far_before_it():
    (claim,) = service.claims("In the Blue Nile region the army retook the hill 45 km south of Ad-Damazin.")["claims"]
    assert claim["verdict"] == "unchecked" and claim["anchor"]["name"] == "Ad-Damazin"
    far = ("Al-Kharrouba was mentioned by the commander of the fourth infantry division in a long statement "
           "read out on Tuesday evening, who said his forces took the strategic hill 45 km south of Benghazi.")
    assert service.claims(far)["claims"][0]["verdict"] == "unchecked"


def test_an_offset_that_fits_the_table_holds():
    answer = service.claims("Al-Kharrouba lies about 110 km east of Benghazi.")
    assert answer["claims"][0]["verdict"] == "consistent"


FLIGHTS = [
    ("en", "its ports are only about an hour's flight from the European coast", 60),
    ("fr", "ses ports ne sont qu'à une heure de vol des côtes européennes", 60),
    ("ru", "её порты находятся всего в часе лёта от европейского побережья", 60),
    ("tr", "limanları Avrupa kıyılarına yalnızca bir saatlik uçuş mesafesinde", 60),
    ("ar", "موانئها لا تبعد سوى ساعة طيران عن السواحل الأوروبية", 60),
]


@pytest.mark.parametrize("lang, text, minutes", FLIGHTS)
def test_flight_time_to_europe_in_each_language(lang, text, minutes):
    answer = service.claims(text, place="Benghazi")
    (claim,) = answer["claims"]
    assert (claim["lang"], claim["minutes"], claim["area"]) == (lang, minutes, "Europe")
    assert claim["verdict"] == "holds" and 400 < claim["km_computed"] < 520
    assert claim["minutes_computed"] == pytest.approx(claim["km_computed"] / 750 * 60, abs=0.1)


def test_flight_time_between_named_places_that_does_not_hold():
    (claim,) = service.claims("Al-Jufra is only two hours' flight from Khartoum")["claims"]
    assert claim["minutes"] == 120 and claim["to"]["name"] == "Khartoum"
    assert claim["verdict"] == "does not hold" and claim["minutes_computed"] > 150


def test_a_flight_with_no_start_is_left_unchecked_and_says_why():
    (claim,) = service.claims("its ports are an hour's flight from Europe")["claims"]
    assert claim["verdict"] == "unchecked" and "--place" in claim["why"]


def test_conflicting_reports_in_one_text_are_flagged():
    text = ("Al-Kharrouba lies 150 km south-east of Benghazi, other outlets say 150 km south-west of Benghazi "
            "or 105 km south-west of Benghazi.")
    answer = service.claims(text)
    assert [c["direction"] for c in answer["claims"]] == ["SE", "SW", "SW"]
    assert all(c["site"]["id"] == "al-kharrouba" for c in answer["claims"])
    assert len(answer["conflicts"]) == 3


@pytest.mark.parametrize("words, lang, code", [("юго-востоку", "ru", "SE"), ("güneydoğusunda", "tr", "SE"),
                                               ("sud-ouest", "fr", "SW"), ("nord-est", "fr", "NE"),
                                               ("جنوب شرقي", "ar", "SE"), ("south-southwest", "en", "SSW")])
def test_compass_words_per_language(words, lang, code):
    assert compass_code(words, cues()[lang].directions) == code


def test_no_claim_and_bad_input():
    assert service.claims("The delegation met in Benghazi on Tuesday.")["claims"] == []
    with pytest.raises(InputError, match="empty"):
        service.claims("  ")
    with pytest.raises(InputError, match="'de'"):
        find("150 km südöstlich von Bengasi", "de")
    with pytest.raises(InputError, match="'Concorde'"):
        service.claims("Al-Jufra is two hours' flight from Khartoum", platform="Concorde")


def test_the_cheap_word_check_never_turns_away_a_sentence_the_cue_pattern_matches():
    from dragoman.stages.geoclaims import _may_match, _prefilter, _required_words
    words = _required_words("en")
    assert words and "near" in words and all(w == w.lower() and w.isascii() for w in words)
    for text in ("Tripoli is 120 km north-west of Misrata.", "an hour's flight from Europe",
                 "The base lies NEAR the border.", "within striking distance of Crete", "not far from Sirte",
                 "a stone\u2019s throw from the port", "in the vicinity of the airport",
                 "Misrata lies within RANGE of the missiles", "20 KILOMETRES SOUTH of the city",
                 "in the v\u0131c\u0131n\u0131ty of Derna", "clo\u017fe to Derna"):    # re.I reads ı as i, ſ as s
        assert _prefilter("en").search(text) and _may_match(text, words), text
    assert not _may_match("The talks in Moscow lasted long.", words)
