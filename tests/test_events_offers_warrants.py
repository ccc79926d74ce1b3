"""Two coding errors the real-text brief showed, fixed by general rules (sentences written for this test):
"выдал" is an extradition (COOPERATE) only when it hands over a person, so a court issuing a warrant
("выдал ордер на арест") is no event; and an offer ("a proposé de l'échanger", "предложил обменять") is AGREE told
as *proposed*, never as an agreement that happened."""

import pytest

from dragoman.events import EventCoder, SentenceInput
from dragoman.events.types import STATUSES


@pytest.fixture(scope="module")
def coder():
    return EventCoder()


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
], ids=["fr", "ru"])
def test_an_offer_is_proposed_never_an_agreement_that_happened(coder, text, lang):
    offers = [h for h in coded(coder, text, lang) if h.type == "AGREE"]
    assert offers and all(h.mode == "offer" and h.status == "proposed" for h in offers)
    assert "proposed" in STATUSES


def test_an_agreement_reached_stays_an_agreement(coder):
    hits = [h for h in coded(coder, "Les deux ministres ont convenu de reprendre les pourparlers à Bakou.", "fr")
            if h.type == "AGREE"]
    assert hits and hits[0].status == "happened" and hits[0].mode is None
