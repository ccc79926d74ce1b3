"""Coding errors the real-text brief showed, fixed by general rules (sentences written for this test):
"выдал" is an extradition (COOPERATE) only when it hands over a person, so a court issuing a warrant
("выдал ордер на арест") is no event; an offer ("a proposé de l'échanger", "предложил обменять", "offered to
mediate", "made an offer", "arabuluculuk teklif etti") is AGREE told
as *proposed*, never as an agreement that happened; a Turkish action nominal ("PKK'nin silah bırakması değil …")
names an act without telling it; and a country the coder did not mark as the place ("le président élu du Liban",
"Türkiye'nin çözmesi gereken mesele") is not where the event happened."""

import pytest

from dragoman.events import MentionRef, SentenceInput
from dragoman.events.types import STATUSES
from dragoman.model import Place, Span
from dragoman.stages.events import _where


def coded(coder, text, lang):
    return coder.code([SentenceInput(text, 0)], lang)


@pytest.mark.parametrize("text", [
    "На прошлой неделе Международный уголовный суд выдал ордер на арест бывшего министра обороны.",
    "Суд в Гааге выдал санкцию на арест двух израильских чиновников.",
    "Посол выдал руководству партии письменные инструкции.",
], ids=["warrant", "sanction", "instructions"])
def test_issuing_a_warrant_or_a_paper_is_no_extradition(coder, text):
    assert [h for h in coded(coder, text, "ru") if h.type == "COOPERATE"] == []


@pytest.mark.parametrize("text", [
    "В понедельник Турция выдала России подозреваемого в организации теракта.",
    "Власти Испании выдали США основателя компании.",
], ids=["suspect", "founder"])
def test_handing_over_a_person_is_still_an_extradition(coder, text):
    assert [h.type for h in coded(coder, text, "ru") if h.type == "COOPERATE"] == ["COOPERATE"]


@pytest.mark.parametrize("text, lang", [
    ("Le président turc a ordonné l'arrestation du pasteur et a proposé de l'échanger contre un prédicateur exilé.",
     "fr"),
    ("Президент Турции предложил обменять задержанного пастора на проповедника.", "ru"),
    ("Qatar offered to mediate between Israel and Hamas, a Qatari official said.", "en"),
    ("Turkey has offered its help to the Syrian government after the earthquake.", "en"),
    ("Russia made an offer to supply the Libyan army with fighter jets.", "en"),
    ("Cumhurbaşkanı Erdoğan, iki ülke arasında arabuluculuk teklif etti.", "tr"),
], ids=["fr", "ru", "en-offered-to", "en-offered-y-to-z", "en-noun", "tr"])
def test_an_offer_is_proposed_never_an_agreement_that_happened(coder, text, lang):
    offers = [h for h in coded(coder, text, lang) if h.type == "AGREE"]
    assert offers and all(h.mode == "offer" and h.status == "proposed" for h in offers)
    assert "proposed" in STATUSES


def test_an_english_offer_keeps_its_parties(coder):
    text = "Qatar offered to mediate between Israel and Hamas."
    starts = {name: text.index(name) for name in ("Qatar", "Israel", "Hamas")}
    refs = [MentionRef(at, at + len(name), "LOC" if name != "Hamas" else "ORG") for name, at in starts.items()]
    offer = next(h for h in coder.code([SentenceInput(text, 0, refs)], "en") if h.type == "AGREE")
    assert offer.actors == ["Qatar"] and offer.mode == "offer" and offer.status == "proposed"


def test_an_english_offer_refused_or_not_made_is_no_offer(coder):
    rejected = coded(coder, "Haftar rejected the Russian offer of talks in Moscow.", "en")
    assert [h.type for h in rejected if h.status == "happened"] == ["REJECT"]
    assert not [h for h in coded(coder, "Moscow did not offer any guarantees to Kyiv.", "en")
                if h.type == "AGREE" and h.status == "happened"]


def test_an_agreement_reached_stays_an_agreement(coder):
    hits = [h for h in coded(coder, "Les deux ministres ont convenu de reprendre les pourparlers à Bakou.", "fr")
            if h.type == "AGREE"]
    assert hits and hits[0].status == "happened" and hits[0].mode is None


@pytest.mark.parametrize("text", [
    "Bugün hükümetin çözmesi gereken sorun, yalnızca PKK'nin silah bırakması değil, ekonomik hakları da "
    "genişletmektir.",
    "Bakan, örgütün silahları bırakmasını beklediklerini söyledi.",
    "Öcalan, örgüte silah bırakma çağrısı yaptı.",
], ids=["issue", "expected", "call"])
def test_a_turkish_action_nominal_names_the_act_without_telling_it(coder, text):
    hits = [h for h in coded(coder, text, "tr") if h.type == "RETREAT"]
    assert hits and all(h.status != "happened" for h in hits)


def test_a_turkish_finite_verb_still_tells_the_act(coder):
    assert [h.status for h in coded(coder, "Örgüt dün silah bıraktı.", "tr") if h.type == "RETREAT"] == ["happened"]


def _place(text, at, precision, value=None):
    return Place(span=Span(at, at + len(text)), text=text, value=value or text, stage="places", version="1",
                 lat=33.9, lon=35.5, precision=precision)


def test_a_country_the_coder_did_not_name_is_not_the_place():
    sentence = "Le Catholicos a rencontré aujourd'hui le nouveau président élu du Liban, Joseph Aoun, à Baabda."
    lebanon = _place("Liban", sentence.index("Liban"), 3, "Lebanon")
    baabda = _place("Baabda", sentence.index("Baabda"), 1)
    clause = (0, len(sentence))
    assert _where([lebanon], None, clause) is None                 # "président du Liban": a title, not a place
    assert _where([lebanon, baabda], None, clause) is baabda       # a town in the clause is where
    assert _where([lebanon], "Liban", clause) is lebanon           # the coder marked it ("au Liban")
