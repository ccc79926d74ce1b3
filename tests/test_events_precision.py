"""Precision first: no events from addresses, slugs, hashtags or bylines; what did not happen carries its status;
an event whose roles cannot be established is unassigned; reporters are sources, not actors; Russian roles come
from the parse."""

import pytest

from dragoman.events import SentenceInput
from dragoman.events.noise import is_noise_line


def english(coder, text):
    from dragoman.events.nlp import mentions
    return coder.code([SentenceInput(text, 0, mentions([text])[0])], "en")


@pytest.mark.parametrize("line", ["By John Smith", "Par Jean Dupont", "© armenews.com 2024", "JPEG - 108 ko",
                                  "Xavier Bertrand le 21 mai 2023 à Villeneuve d'Ascq - Sameer Al-Doumy / AFP",
                                  "Read also: Russia attacks Kyiv", "اقرأ أيضا: روسيا تهاجم كييف",
                                  "https://www.aa.com.tr/tr/dunya/rusya-savunma-bakan-yardimcisi-yevkurov"])
def test_bylines_credits_and_links_are_noise(line):
    assert is_noise_line(line)


@pytest.mark.parametrize("line", ["Par ailleurs, la Russie a attaqué Kyiv.", "By the end of the day, Russia "
                                  "shelled Kyiv.", "Ayrıca Rusya saldırdı."])
def test_ordinary_sentences_are_not_noise(line):
    assert not is_noise_line(line)


def test_no_event_from_a_url_slug(coder):
    assert english(coder, "See www.example.com/russia-deploys-forces-to-libya-now for details.") == []
    # a path without its site, or a page's file name, from three hyphenated words (session 10)
    for text in ("Source: /news/2023/8/22/haftar-visits-moscow", "See news/haftar-meets-putin for more.",
                 "Related: haftar-meets-putin.html"):
        assert is_noise_line(text), text
    assert not is_noise_line("Haftar met Putin in Moscow/Sochi talks.")
    assert coder.code([SentenceInput("Читайте также: Россия атаковала Киев", 0, [])], "ru") == []


@pytest.mark.parametrize("text, status", [
    ("Putin did not meet Haftar.", "negated"),
    ("Russia will send troops to Libya.", "planned"),
    ("The ministry denied that its jets struck Idlib.", "denied"),
    ("Haftar met Putin in Moscow.", "happened"),
    ("Haftar asked Russia for air-defence systems.", "happened"),     # the asking happened
])
def test_status(coder, text, status):
    hits = english(coder, text)
    assert hits and hits[0].status == status


def test_floods_are_nobodys_act(coder):
    text = ("Haftar's visit comes as eastern Libya is still reeling from the floods that tore through Derna "
            "earlier this month, killing thousands of people.")
    assert not any(h.assigned and h.type in ("ASSAULT", "FIGHT") for h in english(coder, text))


def test_the_reporter_is_the_source_not_the_actor(coder):
    hit = coder.code([SentenceInput("По данным SOHR, российская авиация нанесла пять ударов по лагерю беженцев.",
                                    0, [])], "ru")[0]
    assert hit.actors == ["российская авиация"] and hit.targets == ["лагерю беженцев"] and hit.assigned


def test_russian_passive_and_event_noun(coder):
    hit = coder.code([SentenceInput("Украина разорвала дипломатические отношения с Сирией.", 0, [])], "ru")[0]
    assert hit.type == "SANCTION" and hit.actors == ["Украина"] and hit.assigned


def test_arabic_title_and_name_are_one_person(coder):
    text = ("التقى اللواء المتقاعد خليفة حَفْتَر، قائد القوات المسيطرة على شرق ليبيا، الرئيس الروسي فلاديمير بوتين "
            "في موسكو.")
    hit = coder.code([SentenceInput(text, 0, [])], "ar")[0]
    assert hit.actors == ["Khalifa Haftar"] and hit.targets == ["Vladimir Putin"] and hit.assigned


def test_a_place_after_a_verb_is_no_actor(coder):
    hits = coder.code([SentenceInput("هاجم الجيش السوري بلدة الغارية الغربية.", 0, [])], "ar")
    assert not any(h.assigned and any("الغارية" in a for a in h.actors) for h in hits)
