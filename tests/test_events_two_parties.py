"""Two parties of one agreement or talks (issue 13, session 9), on sentences written for these tests: two
named states or people coordinated as the subject of a signing or talks are one party each side in French as in
Arabic and Turkish; a document signed and the town it is signed in are never parties (English, French); a
state's name is found by the Turkish recogniser wherever it stands in a pair."""

import pytest

from dragoman.events import MentionRef
from dragoman.names.states import find_states
from dragoman.ner import Recogniser
from event_sentences import mention, sentence_coders, states

fr_coded, fr_one = sentence_coders("fr")
tr_coded, tr_one = sentence_coders("tr")
en_coded, en_one = sentence_coders("en")


def test_two_french_states_signing_are_one_party_each_side(coder):
    # the parser makes "L'Égypte" the root and "signé" its conjunct: Égypte is still a subject
    text = "L'Égypte et la Jordanie ont signé un accord de coopération énergétique mardi à Amman."
    hit = fr_one(coder, text, "SUPPORT", states(text, "Égypte", "Jordanie", "Amman"))
    assert (hit.actors, hit.targets, hit.assigned) == (["Égypte"], ["Jordanie"], True)
    text = "La Turquie et l'Irak ont signé un accord sur le partage de l'eau."
    hit = fr_one(coder, text, "SUPPORT", states(text, "Turquie", "Irak"))
    assert (hit.actors, hit.targets, hit.assigned) == (["Turquie"], ["Irak"], True)


def test_french_agreement_reached_by_two_movements(coder):
    text = "Le Hamas et le Fatah sont parvenus à un accord au Caire après deux jours de discussions."
    ms = [mention(text, "Hamas", "ORG", "Hamas"), mention(text, "Fatah", "ORG", "Fatah"),
          mention(text, "Caire", "LOC", "Cairo")]
    hit = fr_one(coder, text, "AGREE", ms)
    assert (hit.actors, hit.targets) == (["Hamas"], ["Fatah"])


def test_a_french_town_without_article_is_where_an_agreement_is_signed(coder):
    text = "La Russie a signé un accord énergétique à Ankara."
    hit = fr_one(coder, text, "SUPPORT", states(text, "Russie", "Ankara"))
    assert hit.targets == [] and not hit.assigned
    # with its article, a country after "à" is whom support goes to
    text = "La France a réaffirmé le soutien à l'Arménie."
    hit = fr_one(coder, text, "SUPPORT", states(text, "France", "Arménie"))
    assert hit.targets == ["Arménie"]


def test_two_unnamed_officials_are_no_pair(coder):
    # "the Turkish president and his Russian counterpart": no name each side, so no one is made the target
    text = "Le président turc et son homologue russe se sont entretenus longuement."
    hit = fr_one(coder, text, "CONSULT")
    assert hit.targets == [] and not hit.assigned


def test_a_document_signed_is_never_a_target_in_english(coder):
    # two coordinated signatories are one side each, as in French, Arabic and Turkish
    for text in ("President Putin and President Erdogan signed an agreement.",
                 "Haftar and Sarraj signed a ceasefire deal.",
                 "Putin and Erdogan signed a memorandum of understanding in Sochi on Monday."):
        ms = [MentionRef(text.index(n), text.index(n) + len(n), "PER", n)
              for n in ("Putin", "Erdogan", "Haftar", "Sarraj") if n in text]
        hit = en_one(coder, text, "SUPPORT", ms)
        assert not {"agreement", "deal", "ceasefire deal", "memorandum", "Sochi"} & set(hit.targets), hit
        assert len(hit.actors) == 1 and len(hit.targets) == 1 and hit.assigned
    # the other side named with "with" stays the target
    text = "Putin signed an agreement with Erdogan in Sochi."
    ms = [mention(text, "Putin"), mention(text, "Erdogan"), mention(text, "Sochi", "LOC", "Sochi")]
    hit = en_one(coder, text, "SUPPORT", ms)
    assert (hit.actors, hit.targets) == (["Putin"], ["Erdogan"])


def test_turkish_pair_joined_by_ile_with_no_comma(coder):
    text = "Irak ile Türkiye enerji alanında anlaşma imzaladı."
    hit = tr_one(coder, text, "SUPPORT", states(text, "Irak", "Türkiye"))
    assert (hit.actors, hit.targets, hit.assigned) == (["Irak"], ["Türkiye"], True)
    # a postposition after the second name makes it what the talks are about, not a party
    text = "Erdoğan ile Fidan Suriye konusunda görüştü."
    hit = tr_one(coder, text, "CONSULT", [mention(text, "Erdoğan"), mention(text, "Fidan"),
                                           mention(text, "Suriye", "LOC", "Suriye")])
    assert "Suriye" not in hit.targets


def test_state_names_in_turkish_text():
    text = "Türkiye ve Irak su anlaşması imzaladı."
    assert [text[a:b] for a, b in find_states(text, "tr")] == ["Türkiye", "Irak"]
    # the suffix after the apostrophe is no part of the name; a capital standing for its government counts
    text = "Heyet, Katar'ın başkenti Doha'da İran ve Umman'la görüştü."
    assert [text[a:b] for a, b in find_states(text, "tr")] == ["Katar", "Doha", "İran", "Umman"]
    # "Mali yardım" opening a sentence is financial aid; Mali with a suffix is the country
    assert find_states("Mali yardım paketi açıklandı.", "tr") == []
    assert find_states("Mali'de darbe oldu.", "tr") == [(0, 4)]
    # part of a longer word or name is no state, nor is an adjective of origin
    assert find_states("Irakli Kobakhidze Tiflis'te konuştu.", "tr") == []
    assert find_states("Maçta Irak Milli Takımı yenildi.", "tr") == []
    assert find_states("Turnuvada Çin'li judocu üçüncü oldu.", "tr") == []


@pytest.fixture(scope="module")
def turkish():
    return Recogniser()


def test_the_turkish_recogniser_finds_both_states_of_a_pair(turkish):
    texts = ["Türkiye ve Irak su anlaşması imzaladı.", "İran ve Irak güvenlik anlaşması imzaladı."]
    found = turkish.recognise(texts, "tr")
    assert [[(s.text, s.label) for s in spans] for spans in found] == [
        [("Türkiye", "LOC"), ("Irak", "LOC")], [("İran", "LOC"), ("Irak", "LOC")]]


def test_a_state_named_by_its_office_holder_is_the_one_met(coder):
    # "Irak Başbakanı ile": the comitative is on the office, so Iraq is whom he met, never the one meeting
    text = "Ardından Ankara'da Irak Başbakanı ile görüştü."
    hit = tr_one(coder, text, "CONSULT", states(text, "Ankara", "Irak"))
    assert hit.actors == [] and hit.targets == ["Irak"] and not hit.assigned
    text = "Erdoğan, Rusya Dışişleri Bakanını kabul etti."
    hit = tr_one(coder, text, "CONSULT", [mention(text, "Erdoğan")] + states(text, "Rusya"))
    assert (hit.actors, hit.targets) == (["Erdoğan"], ["Rusya"])
    # the office-holder named after the office is the one met
    text = "Irak Başbakanı Sudani ile görüştü."
    hit = tr_one(coder, text, "CONSULT", states(text, "Irak") + [mention(text, "Sudani")])
    assert hit.actors == [] and hit.targets == ["Sudani"]


def test_an_uncued_killing_takes_the_kind_of_a_war_article(coder):
    from dragoman.events import SentenceInput

    def kinds(*texts):
        return [(h.sentence, h.type) for h in coder.code([SentenceInput(t, 0, []) for t in texts], "ar")]

    killing = "وقتل 12 شخصا في المدينة أمس."
    # warplanes and raids told elsewhere in the article: its killing told with no means is combat
    assert (1, "FIGHT") in kinds("شنت الطائرات الحربية غارات على مواقع المعارضة في ريف إدلب.", killing)
    # a car bomb told elsewhere: the killing stays an assault, as it does with no article around it
    assert (1, "ASSAULT") in kinds("انفجرت سيارة مفخخة قرب سوق شعبي في بغداد.", killing)
    assert kinds(killing) == [(0, "ASSAULT")]
    # shelling and an execution by gunmen in one article: no clean kind, the killing stays as told
    assert (2, "ASSAULT") in kinds("قصفت المدفعية أحياء المدينة.", "وأعدم مسلحون ثلاثة رهائن.", killing)


def test_a_reported_future_act_has_its_own_subject_in_the_genitive(coder):
    # the spokesman reports; Putin, in the genitive, is the one who will meet, and Erdoğan whom he meets
    text = "Kremlin Sözcüsü Peskov, Putin'in Erdoğan ile görüşeceğini açıkladı."
    hit = tr_one(coder, text, "AGREE", [mention(text, "Peskov"), mention(text, "Putin"), mention(text, "Erdoğan")])
    assert (hit.actors, hit.targets, hit.status, hit.act) == (["Putin"], ["Erdoğan"], "planned", "CONSULT")
    # a genitive that owns a noun in an oblique case is that noun's owner, not the one who acts
    text = "Bakan, Demir'in atama kararına şerh koyacağını açıkladı."
    hit = tr_one(coder, text, "REJECT", [mention(text, "Demir")])
    assert hit.actors != ["Demir"] and not hit.assigned
    # with no genitive, the complement's subject is the sentence's own
    text = "Cumhurbaşkanı Erdoğan, NATO zirvesinde Biden ile görüşeceğini söyledi."
    hit = tr_one(coder, text, "AGREE", [mention(text, "Erdoğan"), mention(text, "Biden")])
    assert (hit.actors, hit.targets) == (["Erdoğan"], ["Biden"])


def test_the_one_who_calls_for_an_act_is_not_its_doer(coder):
    text = "Bahçeli, Öcalan'ın silah bırakma çağrısı yapacağını açıkladı."
    hits = tr_coded(coder, text, [mention(text, "Bahçeli"), mention(text, "Öcalan")])
    call = next(h for h in hits if h.type == "DEMAND")
    assert call.actors == ["Öcalan"]                     # the genitive owns the call; Bahçeli only reports it
    laying_down = next(h for h in hits if h.type == "RETREAT")
    assert laying_down.actors == [] and not laying_down.assigned


def test_an_act_noun_after_the_verb_is_what_is_done_not_a_party(coder):
    ar_coded, ar_one = sentence_coders("ar")
    # "the Kingdom rejects the Iranian interference": interference is an act; Iran is not named as a party
    text = "أكد الوزير أن المملكة ترفض التدخل الإيراني في شؤون المنطقة."
    hit = ar_one(coder, text, "REJECT")
    assert hit.targets == []
    # an object naming a side still is one
    text = "الجيش الليبي يقصف مواقع المتطرفين في درنة."
    hit = ar_one(coder, text, "FIGHT", [mention(text, "درنة", "LOC", "Derna")])
    assert hit.targets == ["مواقع المتطرفين"]


def test_two_english_parties_meeting_or_agreeing_are_one_side_each(coder):
    text = "Putin and Erdogan held talks in Sochi on Monday."
    hit = en_one(coder, text, "CONSULT", [mention(text, "Putin"), mention(text, "Erdogan"),
                                          mention(text, "Sochi", "LOC", "Sochi")])
    assert (hit.actors, hit.targets, hit.place) == (["Putin"], ["Erdogan"], "Sochi")
    text = "Jordan and Britain have agreed to undertake joint military exercises this month."
    hit = en_one(coder, text, "AGREE", states(text, "Jordan", "Britain"))
    assert (hit.actors, hit.targets) == (["Jordan"], ["Britain"])
    # a named party apart from the pair is the other side; an acronym in brackets is no second party
    text = "Russia and Turkey held talks with Iran in Astana."
    hit = en_one(coder, text, "CONSULT", states(text, "Russia", "Turkey", "Iran", "Astana"))
    assert hit.targets == ["Iran"] and set(hit.actors) == {"Russia", "Turkey"}
    text = "The Asia-Pacific Economic Cooperation (APEC) forum has agreed to set up an energy research center in Tokyo."
    ms = [mention(text, "Asia-Pacific Economic Cooperation", "ORG"), mention(text, "APEC", "ORG"),
          mention(text, "Tokyo", "LOC", "Tokyo")]
    hit = en_one(coder, text, "AGREE", ms)
    assert "APEC" not in hit.targets
