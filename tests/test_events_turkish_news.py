"""Turkish main events of news (issue 13, round six), on sentences we wrote in the shape of Turkish news and
columns: allegations, a court overturning a ruling, an indictment sent to court, staff dismissed, a regime
overthrown, meetings told with a verbal noun; and roles from structure: two parties joined by "ile", a delegation
in an oblique case, a genitive owning an area noun (a place), a time adverbial sharing the main clause's subject,
an infinitive with no subject, a light verb in the future (announced, not done)."""

import pytest

from event_sentences import mention, sentence_coders

coded, one = sentence_coders("tr")


@pytest.mark.parametrize("text, kind", [
    ("Milletvekili, bakanın ihaleye müdahale ettiğini öne sürdü.", "DISAPPROVE"),
    ("Sendika, yönetimin işçileri tehdit ettiğini ileri sürdü.", "DISAPPROVE"),
    ("Muhalefet milletvekili bu iddiayı Meclis gündemine taşıdı.", "DISAPPROVE"),
    ("Eski komutan: \"O atamalar büyük hataydı\"", "DISAPPROVE"),
    ("Bakanlığın açıklamasına muhalefetten sert tepki geldi.", "DISAPPROVE"),
    ("Hazırlanan iddianame, Ankara 5. Ağır Ceza Mahkemesi'ne gönderildi.", "DISAPPROVE"),
    ("Yargıtay, yerel mahkemenin kararını bozdu.", "REJECT"),
    ("İstinaf mahkemesinin kararı Yargıtay'da bozuldu.", "REJECT"),
    ("Kurumdan 300 personel çıkarıldı.", "SANCTION"),
    ("Emniyette yeni bir tasfiye süreci başlatıldı.", "SANCTION"),
    ("Jandarma, sınırı geçen iki kişiyi yakaladığını açıkladı.", "COERCE"),
    ("Müfettişler bir haftadır belge incelemesi yapıyor.", "INVESTIGATE"),
    ("Savcılar şüphelilerden ifade aldı.", "INVESTIGATE"),
    ("Aralık'ta devrilen Esad rejimi ülkeyi 24 yıl yönetmişti.", "FIGHT"),
    ("Bakan, Özel ile görüşmesinin ardından açıklama yaptı.", "CONSULT"),
    ("Bahçeli, Öcalan'a çağrı yaptı.", "DEMAND"),
    ("Taraflar yeniden masaya oturdu.", "CONSULT"),
    ("Olayın ertesi günü kendisiyle konuştum.", "CONSULT"),
    ("Özel, Meclis kürsüsünden hükümete sert çıktı.", "DISAPPROVE"),
    ("Bakan, muhalefetin iddialarına ateş püskürdü.", "DISAPPROVE"),
    ("Firari iş insanı hakkında kırmızı bülten çıkarıldı.", "COERCE"),
    ("Gazeteci, bir gece yarısı operasyonuyla hapse atıldı.", "COERCE"),
    ("Genel müdür, soruşturmanın ardından görevini bıraktı.", "RETREAT"),
    ("Sayıştay, belediyede denetim başlattı.", "INVESTIGATE"),
    ("Eski emniyet müdürü davada tanık olarak dinlendi.", "INVESTIGATE"),
    ("Haberi yazan muhabir gazeteden kovuldu.", "SANCTION"),
    ("Sanık, 12 yıl ceza aldı.", "SANCTION"),
])
def test_news_vocabulary(coder, text, kind):
    one(coder, text, kind)


def test_a_lorry_overturned_is_no_fight(coder):
    assert not [h for h in coded(coder, "Otoyolda bir tır devrildi, sürücü yaralandı.") if h.type == "FIGHT"]


def test_a_call_made_with_an_infinitive_has_no_actor(coder):
    text = "Parti yöneticileri olarak IŞİD'e karşı çağrı yapmaktan ceza aldılar."
    hit = one(coder, text, "DEMAND", [mention(text, "IŞİD", "ORG", "Islamic State")])
    assert hit.actors == [] and not hit.assigned


def test_the_court_an_indictment_goes_to_is_not_its_target(coder):
    text = "Hazırlanan iddianame, Ankara 5. Ağır Ceza Mahkemesi'ne gönderildi."
    hit = one(coder, text, "DISAPPROVE", [mention(text, "Ankara 5. Ağır Ceza Mahkemesi", "ORG")])
    assert hit.targets == [] and not hit.assigned


def test_two_parties_joined_by_ile_meet(coder):
    text = "Erdoğan ile Putin, Soçi'de bir araya geldi."
    ms = [mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(text, "Putin", "PER", "Vladimir Putin"),
          mention(text, "Soçi", "LOC", "Sochi")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Recep Tayyip Erdoğan"] and hit.targets == ["Vladimir Putin"] and hit.assigned


def test_a_joint_subject_with_an_object_acts_on_it(coder):
    text = "Erdoğan ile Aliyev, Putin'i Kremlin'de ziyaret etti."
    ms = [mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(text, "Aliyev", "PER", "Ilham Aliyev"),
          mention(text, "Putin", "PER", "Vladimir Putin")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors[0] == "Recep Tayyip Erdoğan" and hit.targets == ["Vladimir Putin"]


def test_an_agreement_signed_between_two_states(coder):
    text = "Türkiye ile Irak arasında güvenlik anlaşması imzalandı."
    ms = [mention(text, "Türkiye", "LOC", "Turkey"), mention(text, "Irak", "LOC", "Iraq")]
    hit = one(coder, text, "SUPPORT", ms)
    assert hit.actors == ["Turkey"] and hit.targets == ["Iraq"]


def test_the_subject_met_with_ile_is_not_a_pair(coder):
    text = "Hakan Fidan, Lavrov ile telefonda görüştü."
    ms = [mention(text, "Hakan Fidan", "PER"), mention(text, "Lavrov", "PER", "Sergey Lavrov")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Hakan Fidan"] and hit.targets == ["Sergey Lavrov"]


def test_a_delegation_stands_for_its_party(coder):
    text = "Bakan, Hamas heyetini Ankara'da kabul etti."
    ms = [mention(text, "Hamas", "ORG"), mention(text, "Ankara", "LOC", "Ankara")]
    assert one(coder, text, "CONSULT", ms).targets == ["Hamas"]
    text = "Dışişleri Bakanı Hakan Fidan, ABD'li yetkililerle görüştü."
    ms = [mention(text, "Hakan Fidan", "PER"), mention(text, "ABD", "LOC", "United States")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Hakan Fidan"] and hit.targets == ["United States"] and hit.assigned


def test_a_genitive_owning_an_area_noun_is_a_place(coder):
    text = "TSK, Irak'ın kuzeyinde hava harekâtı düzenledi."
    ms = [mention(text, "TSK", "ORG", "Turkish Armed Forces"), mention(text, "Irak", "LOC", "Iraq")]
    hit = one(coder, text, "FIGHT", ms)
    assert "Iraq" not in hit.actors + hit.targets and not hit.assigned


def test_a_time_adverbial_shares_the_main_subject(coder):
    text = "Özgür Özel, Kılıçdaroğlu ile görüşmesinin ardından açıklama yaptı."
    ms = [mention(text, "Özgür Özel", "PER"), mention(text, "Kılıçdaroğlu", "PER", "Kemal Kılıçdaroğlu")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Özgür Özel"] and hit.targets == ["Kemal Kılıçdaroğlu"] and hit.status == "happened"


def test_a_light_verb_in_the_future_announces(coder):
    text = "Cumhurbaşkanı Erdoğan, Suriye'ye askeri operasyon yapılacağını açıkladı."
    ms = [mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(text, "Suriye", "LOC", "Syria")]
    hits = coded(coder, text, ms)
    assert hits and all(h.status != "happened" for h in hits)
    assert any(h.type == "THREATEN" for h in hits)
    text = "Bakan, yarın Bakü'de görüşme gerçekleştirecek."
    hit = one(coder, text, "AGREE", [mention(text, "Bakü", "LOC", "Baku")])
    assert hit.status == "planned" and hit.act == "CONSULT"


def test_a_subject_with_its_short_form_in_brackets_is_still_set_off(coder):
    text = "İş insanı Ekrem Demir (ED), Bakan Ali Kaya ile bakanlıkta görüşmesinin hemen ardından yurt dışına çıktı."
    ms = [mention(text, "Ekrem Demir"), mention(text, "ED", "ORG"), mention(text, "Ali Kaya")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Ekrem Demir"] and hit.targets == ["Ali Kaya"] and hit.assigned


def test_a_pair_owning_the_meeting_noun(coder):
    text = "Erdoğan ile Putin'in görüşmesi Soçi'de yapıldı."
    ms = [mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(text, "Putin", "PER", "Vladimir Putin"),
          mention(text, "Soçi", "LOC", "Sochi")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Recep Tayyip Erdoğan"] and hit.targets == ["Vladimir Putin"]


def test_a_delegation_heading_the_sentence_is_its_party(coder):
    text = "DEM Parti heyeti, Bahçeli ile görüşmesinin ardından Meclis'te açıklama yaptı."
    ms = [mention(text, "DEM Parti", "ORG", "DEM Party"), mention(text, "Bahçeli", "PER", "Devlet Bahçeli"),
          mention(text, "Meclis", "LOC")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["DEM Party"] and hit.targets == ["Devlet Bahçeli"] and hit.assigned
