"""Turkish names as the analyst should see them, on sentences written for these tests in the style of Turkish
news: given names that are also common words, a name's label kept through a document, case endings inside a
span, numbered courts and units, and the Turkish term-base entries."""

import pytest

from dragoman.ner import Recogniser, guards
from dragoman.ner import capitals
from dragoman.ner.capitals import numbered_bodies
from dragoman.ner.spans import NameSpan
from dragoman.stages.segment import sentence_spans


def span(text, surface, label="PER", source="model", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return NameSpan(start, start + len(surface), surface, label, None, source, 0.85)


def kept(texts, found):
    return [[(s.text, s.label) for s in spans] for spans in guards.apply(texts, found, "tr")]


@pytest.fixture(scope="module")
def known():
    return Recogniser(english="rules", statistical=())


def test_a_given_name_that_is_also_a_word_opens_the_name():
    # Ümit (hope), Resul, Barış (peace) open sentences as names; the guards used to cut them off
    for text, name in [("Ümit Özdağ tutuklama kararına itiraz etti.", "Ümit Özdağ"),
                       ("Resul Emrah Şahan ifade vermek üzere adliyeye geldi.", "Resul Emrah Şahan"),
                       ("Barış Terkoğlu köşesinde bu konuyu yazdı.", "Barış Terkoğlu")]:
        assert kept([text], [[span(text, name)]]) == [[(name, "PER")]]


def test_a_given_name_that_is_also_a_village_opens_a_person():
    # Sinan is a place in the gazetteer and ateş (fire) a common word, but together they are a man
    text = "Eski Ülkü Ocakları Başkanı Sinan Ateş'in öldürülmesine ilişkin dava ateş gibi yandı."
    assert ("Sinan Ateş", "PER") in kept([text], [[span(text, "Sinan Ateş'in")]])[0]


def test_a_name_keeps_its_person_label_through_the_document():
    # the model read one sentence at a time and once called him a place, once an organisation
    texts = ["Zafer Partisi Genel Başkanı Ümit Özdağ gözaltına alındı.",
             "Özdağ'ın avukatları itiraz etti.",
             "Savcılık Özdağ hakkında soruşturma başlattı.",
             "Özdağ'a yöneltilen suçlama kamuoyunda tartışıldı.",
             "Tutuklama kararının ardından Ümit Özdağ cezaevine gönderildi."]
    found = [[span(texts[0], "Ümit Özdağ")], [span(texts[1], "Özdağ'ın")], [span(texts[2], "Özdağ")],
             [span(texts[3], "Özdağ'a", "ORG")], [span(texts[4], "Ümit Özdağ", "LOC")]]
    assert kept(texts, found) == [[("Ümit Özdağ", "PER")], [("Özdağ", "PER")], [("Özdağ", "PER")],
                                  [("Özdağ", "PER")], [("Ümit Özdağ", "PER")]]
    # a place stays a place when the document never calls it anything else
    texts = ["Heyet Ankara'ya geldi.", "Ankara'da görüşmeler sürdü."]
    found = [[span(texts[0], "Ankara'ya", "LOC")], [span(texts[1], "Ankara'da", "LOC")]]
    assert kept(texts, found) == [[("Ankara", "LOC")], [("Ankara", "LOC")]]


def test_a_lone_surname_of_a_named_person_is_that_person():
    texts = ["Cinayete kurban giden Sinan Ateş'in ailesi duruşmadaydı.", "Ateş'e yönelik saldırı planlıydı."]
    found = [[span(texts[0], "Sinan Ateş'in")], [span(texts[1], "Ateş'e", "LOC")]]
    assert kept(texts, found)[1] == [("Ateş", "PER")]


def test_a_case_ending_inside_a_span_ends_the_name():
    text = "Türkiye, BRICS'in Rusya'nın Kazan kentindeki zirvesine katıldı."
    assert kept([text], [[span(text, "BRICS'in Rusya'nın Kazan", "LOC")]]) == [
        [("BRICS", "ORG"), ("Rusya", "LOC"), ("Kazan", "LOC")]]
    text = "İddianamede FETÖ'cü Türk Silahlı Kuvvetleri mensuplarının adı geçiyor."
    assert kept([text], [[span(text, "FETÖ'cü Türk Silahlı Kuvvetleri", "ORG")]]) == [
        [("FETÖ", "ORG"), ("Türk Silahlı Kuvvetleri", "ORG")]]


def test_numbered_courts_and_units_are_one_name():
    text = ("İddianame Ankara 32. Ağır Ceza Mahkemesi'ne gönderildi; 20. Zırhlı Tugay ile 3. Piyade Tümeni "
            "sınıra kaydırıldı. Ölenlerin sayısı 12. gün itibarıyla açıklanmadı.")
    assert [s.text for s in numbered_bodies(text)] == ["Ankara 32. Ağır Ceza Mahkemesi", "20. Zırhlı Tugay",
                                                       "3. Piyade Tümeni"]
    # "32." is an ordinal in Turkish: the sentence goes on after it (not so in English)
    pieces = [s.of(text) for s in sentence_spans(text, "tr", 600)]
    assert pieces[0].startswith("İddianame Ankara 32. Ağır Ceza Mahkemesi'ne")
    assert len(sentence_spans("The toll rose to 32. Rescuers kept digging.", "en", 600)) == 2


def test_bodies_end_at_their_institution_noun():
    text = ("Toplantıya Milliyetçi Hareket Partisi Genel Başkanı Devlet Bahçeli de katıldı. Heyet dün Hatay "
            "Valiliği'ne gitti; Ankara Emniyet Müdürü ile iki Özel Harekatçı da oradaydı. Karar Paris Ceza "
            "Mahkemesi tarafından verildi.")
    bodies = capitals.headed_bodies(text, capitals.recognise(text, "tr", only_cued=True))
    # the title and the leader after the party stay out; a run whose body word is not a compound noun
    # (Emniyet Müdürü is a post, Harekatçı a member) is none
    assert [s.text for s in bodies] == ["Milliyetçi Hareket Partisi", "Hatay Valiliği'ne", "Paris Ceza Mahkemesi"]


def test_a_court_from_the_term_base_takes_its_chamber(known):
    [spans] = known.recognise(["Yargıtay 3. Ceza Dairesi, gazetecinin cezasını onadı."], "tr")
    assert ("Yargıtay 3. Ceza Dairesi", "ORG") in [(s.text, s.label) for s in spans]


def test_lower_case_words_and_common_phrases_are_no_organisation():
    text = ("Olay yerine polis ekipleri geldi. Yeni anayasa için kurucu bir irade gerekiyor; "
            "Anayasa Kurucu tartışması sürdü.")
    assert kept([text], [[span(text, "polis", "ORG"), span(text, "Anayasa Kurucu", "ORG")]]) == [[]]


def test_a_given_name_opening_an_organisation_makes_it_a_person():
    text = "Gazeteci Alican Uludağ, Yargıtay'ın kararını haberleştirdi."
    assert ("Alican Uludağ", "PER") in kept([text], [[span(text, "Alican Uludağ", "ORG")]])[0]
    text = "Mustafa Kemal Üniversitesi rektörü açıklama yaptı."
    assert ("Mustafa Kemal Üniversitesi", "ORG") in kept([text], [[span(text, "Mustafa Kemal Üniversitesi",
                                                                        "ORG")]])[0]


def test_turkish_term_base_entries_name_people_and_bodies(known):
    text = ("Öcalan'ın İmralı'daki görüşmesinin ardından Bahçeli ve CHP açıklama yaptı; "
            "Danıştay ve MİT de gündemdeydi.")
    [spans] = known.recognise([text], "tr")
    found = {(s.text, s.label) for s in spans}
    assert {("Öcalan", "PER"), ("Bahçeli", "PER"), ("CHP", "ORG"), ("Danıştay", "ORG"), ("MİT", "ORG")} <= found


def test_a_verb_or_a_word_for_someone_from_a_place_is_no_person():
    text = "Hatırlatayım: karar geçen yıl verilmişti. Ortadoğulu yatırımcılar da toplantıdaydı."
    assert kept([text], [[span(text, "Hatırlatayım"), span(text, "Ortadoğulu")]]) == [[]]
    # …but a surname of that shape stays a person once the document gave the full name
    texts = ["Toplantıya Ahmet Karslı da katıldı.", "Karslı soruları yanıtladı."]
    assert kept(texts, [[span(texts[0], "Ahmet Karslı")], [span(texts[1], "Karslı")]]) == [
        [("Ahmet Karslı", "PER")], [("Karslı", "PER")]]


def test_kandil_is_a_place(known):
    [spans] = known.recognise(["Saldırının talimatı Kandil'den verildi."], "tr")
    assert ("Kandil", "LOC") in [(s.text, s.label) for s in spans]


def test_a_heading_in_capitals_keeps_its_case_ending_out_of_a_known_name(known):
    [spans] = known.recognise(["KILIÇDAROĞLU’NUN KRİTİK ZİYARETÇİSİ"], "tr")
    assert [(s.text, s.label) for s in spans] == [("KILIÇDAROĞLU", "PER")]
