"""Turkish event roles, status and triggers from general rules of the grammar (issue 13), on sentences we wrote:
participles and the noun they qualify, light verbs after event nouns, about-postpositions, the comitative,
suspended case, negation, yes/no questions, "-mak istedi", phone calls, accusations that need words."""


from dragoman.events import SentenceInput
from event_sentences import mention


def coded(coder, text, names=(), label="PER"):
    return coder.code([SentenceInput(text, 0, [mention(text, n, label) for n in names])], "tr")


def one(coder, text, kind, names=(), label="PER"):
    found = [h for h in coded(coder, text, names, label) if h.type == kind]
    assert found, (text, [(h.type, h.trigger) for h in coded(coder, text, names, label)])
    return found[0]


def test_active_participle_acts_through_the_name_it_qualifies(coder):
    # the instruction's giver is no actor of an active verb: only a passive takes an instrumental agent
    text = "Erdoğan'ın talimatıyla kurul üyeliğinden istifa eden Hasan Kara, yeni görevine başladı."
    hit = one(coder, text, "RETREAT", ["Erdoğan", "Hasan Kara"])
    assert hit.actors == ["Hasan Kara"] and hit.assigned


def test_passive_participle_and_passive_light_verb(coder):
    text = "Rüşvet iddiasıyla tutuklanan Hakan Çelik cezaevine gönderildi."
    hit = one(coder, text, "COERCE", ["Hakan Çelik"])
    assert hit.targets == ["Hakan Çelik"] and not hit.actors and not hit.assigned
    text = "Eski vali Ahmet Kurt bugün tutuklanıyor."          # passive present: the subject undergoes it
    hit = one(coder, text, "COERCE", ["Ahmet Kurt"])
    assert hit.targets == ["Ahmet Kurt"] and not hit.actors
    text = "Sanık Ali Tan, Danıştay kararıyla tahliye edildi."   # noun + passive light verb: the decision acts
    hit = coder.code([SentenceInput(text, 0, [mention(text, "Ali Tan"), mention(text, "Danıştay", "ORG")])], "tr")
    release = next(h for h in hit if h.type == "RETREAT")
    assert release.actors == ["Danıştay"] and release.targets == ["Ali Tan"]


def test_about_postposition_marks_the_target_of_an_investigation(coder):
    text = "Ankara Cumhuriyet Başsavcılığı, Ali Yıldız ve Veli Kara hakkında soruşturma başlattı."
    ms = [mention(text, "Ankara Cumhuriyet Başsavcılığı", "ORG"), mention(text, "Ali Yıldız"),
          mention(text, "Veli Kara")]
    hit = next(h for h in coder.code([SentenceInput(text, 0, ms)], "tr") if h.type == "INVESTIGATE")
    assert hit.actors == ["Ankara Cumhuriyet Başsavcılığı"] and hit.targets == ["Ali Yıldız"] and hit.assigned
    # a plural event noun is no aorist verb: nobody named here investigates
    text = "Özellikle Yılmaz ve Demir hakkında devam eden soruşturmalar var."
    hit = one(coder, text, "INVESTIGATE", ["Yılmaz", "Demir"])
    assert hit.targets == ["Yılmaz"] and not hit.actors


def test_genitive_set_off_by_a_comma_is_the_subject_of_the_complement(coder):
    text = "Bakanlık, Sayıştay'ın, geçen yıl Ahmet Er ile ilgili soruşturma başlattığını doğruladı."
    ms = [mention(text, "Sayıştay", "ORG"), mention(text, "Ahmet Er")]
    hit = next(h for h in coder.code([SentenceInput(text, 0, ms)], "tr") if h.type == "INVESTIGATE")
    assert hit.actors == ["Sayıştay"] and hit.targets == ["Ahmet Er"]


def test_comitative_suffix_and_suspended_case_mark_the_other_side(coder):
    hit = one(coder, "Kılıçdaroğlu dün Esad'la görüştü.", "CONSULT", ["Kılıçdaroğlu", "Esad"])
    assert hit.actors == ["Kılıçdaroğlu"] and hit.targets == ["Esad"]
    # "X ve Y'yle": both names are met, neither meets; the unnamed reporter does
    text = "Bu muhabir yayından önce Ali Koç ve Emniyet Müdürü Veli Ak'la görüştü."
    hit = one(coder, text, "CONSULT", ["Ali Koç", "Veli Ak"])
    assert not hit.actors and not hit.assigned


def test_negative_suffix_negates_verb_and_light_verb(coder):
    assert one(coder, "Dışişleri Bakanı Fidan, Lavrov ile görüşmedi.", "CONSULT",
               ["Fidan", "Lavrov"]).status == "negated"
    assert one(coder, "Mahkeme, avukatların itirazını reddetmedi.", "REJECT").status == "negated"
    assert one(coder, "Hükümet, sendikaya hiçbir taviz vermeyeceğini söyledi.", "CONCEDE").status == "negated"
    # "görüşme", "tutuklamada" are nouns, not negative verbs
    assert one(coder, "Fidan ile Lavrov arasındaki görüşme sürüyor.", "CONSULT",
               ["Fidan", "Lavrov"]).status == "happened"


def test_yes_no_question_is_hypothetical_a_wh_question_is_not(coder):
    assert one(coder, "Bakan Yılmaz, Veli Ak ile görüştü mü?", "CONSULT",
               ["Yılmaz", "Veli Ak"]).status == "hypothetical"
    assert one(coder, "Emniyet, valiye operasyon mu yapıyor?", "COERCE").status == "hypothetical"
    assert one(coder, "Feti Kaya ile neler konuştum?", "CONSULT", ["Feti Kaya"]).status == "happened"


def test_wanting_to_act_is_no_demand_and_a_demanded_event_is_requested(coder):
    assert not [h for h in coded(coder, "Belediye, Ziraat Bankası'ndan araç almak istedi.", ["Ziraat Bankası"], "ORG")
                if h.type == "DEMAND"]
    hit = one(coder, "Muhalefet, Bakan Yılmaz'ın istifasını istedi.", "RETREAT", ["Yılmaz"])
    assert hit.status == "requested"


def test_phone_call_needs_a_person_as_object(coder):
    hit = one(coder, "Erdoğan dün akşam Putin'i aradı.", "CONSULT", ["Erdoğan", "Putin"])
    assert hit.mode == "phone" and hit.actors == ["Erdoğan"] and hit.targets == ["Putin"] and hit.assigned
    assert one(coder, "Komutanım, albay beni aradı.", "CONSULT").mode == "phone"
    assert not [h for h in coded(coder, "Polis kayıp belgeleri günlerce aradı.") if h.type == "CONSULT"]


def test_verbal_targeting_needs_words_said(coder):
    text = "Özgür Özel, dünkü konuşmasında Erdoğan'ı hedef aldı."
    hit = one(coder, text, "DISAPPROVE", ["Özgür Özel", "Erdoğan"])
    assert hit.actors == ["Özgür Özel"] and hit.targets == ["Erdoğan"]
    assert not [h for h in coded(coder, "Rus füzeleri dün gece Kiev'i hedef aldı.", ["Kiev"], "LOC")
                if h.type == "DISAPPROVE"]


def test_turkish_lexicon_reads_words_not_their_lookalikes(coder):
    assert not [h for h in coded(coder, "Organize suçla mücadele kararlılıkla sürüyor.") if h.type == "DISAPPROVE"]
    assert one(coder, "Muhalefet, hükümeti yolsuzlukla suçladı.", "DISAPPROVE")
    assert not [h for h in coded(coder, "Başkanlığın dikkat çeken ziyaretçileri vardı.") if h.type == "CONSULT"]
    assert not [h for h in coded(coder, "İhale söz konusu firmaya verildi.") if h.type == "AGREE"]
    assert one(coder, "İşadamı polise telefonla ihbarda bulundu.", "DISAPPROVE")
    assert one(coder, "Vali, 2017'de görevden alındı.", "SANCTION")
    assert one(coder, "Yönetici, eski genel başkana bir öneride bulundu.", "DEMAND")
    # "alkışladı" is no light verb after "operasyonu": the applauding party did not act the operation
    text = "O zaman MHP’liler Ümit Özdağ’a operasyonu alkışlıyordu."
    hit = coder.code([SentenceInput(text, 0, [mention(text, "MHP", "ORG"), mention(text, "Ümit Özdağ")])], "tr")
    assert all("MHP" not in h.actors for h in hit if h.type == "COERCE")


def test_genitive_owner_across_a_marked_name_inside_the_noun_phrase(coder):
    hit = one(coder, "Erdoğan'ın Putin ile görüşmesi iki saat sürdü.", "CONSULT", ["Erdoğan", "Putin"])
    assert hit.actors == ["Erdoğan"] and hit.targets == ["Putin"]
    text = "Rusya'nın Ukrayna'ya yönelik hava saldırısı sürüyor."
    hit = one(coder, text, "FIGHT", ["Rusya", "Ukrayna"], "ORG")
    assert hit.actors == ["Rusya"] and hit.targets == ["Ukrayna"]
    # a name owned by another noun ("danışmanı") does not own the event noun
    text = "Kılıçdaroğlu'nun danışmanı ile Esad'ın görüşmesi ertelendi."
    hit = one(coder, text, "CONSULT", ["Kılıçdaroğlu", "Esad"])
    assert "Kılıçdaroğlu" not in hit.actors


def test_first_person_verb_has_no_named_actor(coder):
    text = "Kılıçdaroğlu konuşmasını bitirince Bakan Yılmaz ile görüştüm."
    hit = one(coder, text, "CONSULT", ["Kılıçdaroğlu", "Yılmaz"])
    assert not hit.actors and hit.targets == ["Yılmaz"] and not hit.assigned
    text = "ABD, Ukrayna'ya askeri yardım gönderdi."            # "yardım" is a noun, not "I helped"
    hit = one(coder, text, "AID", ["ABD", "Ukrayna"], "ORG")
    assert hit.actors == ["ABD"]


def test_a_building_is_no_party_to_a_visit(coder):
    text = "Papa, 2001'de Emevi Camisi'ne tarihi bir ziyaret yaptı."
    hit = one(coder, text, "CONSULT", ["Papa", "Emevi Camisi"], "ORG")
    assert hit.actors == ["Papa"] and "Emevi Camisi" not in hit.targets and not hit.assigned


def test_legal_and_police_vocabulary(coder):
    def kinds(text):
        return [h.type for h in coded(coder, text)]

    assert "DISAPPROVE" in kinds("Bakanlık, gazeteci hakkında dava açtı.")
    assert "INVESTIGATE" in kinds("Eski vali ifadeye çağrıldı.")
    assert "COERCE" in kinds("Mahkeme, şirketin mallarına el koydu.")
    assert "SANCTION" in kinds("Siyasetçi 5 yıl hapis cezasına çarptırıldı.")
    assert "COERCE" in kinds("Valilik, eylemleri 15 gün süreyle yasakladı.")


def test_who_receives_a_sentence_undergoes_it(coder):
    hit = one(coder, "Gazeteci Ali Tan, 5 yıl hapis cezası aldı.", "SANCTION", ["Ali Tan"])
    assert not hit.actors and hit.targets == ["Ali Tan"] and not hit.assigned


def test_owner_of_an_arrest_or_release_undergoes_it(coder):
    hit = one(coder, "Ümit Özdağ'ın gözaltısı tepki çekti.", "COERCE", ["Ümit Özdağ"])
    assert not hit.actors and hit.targets == ["Ümit Özdağ"]
    hit = one(coder, "Bahçeli'nin çağrısı tartışılıyor.", "DEMAND", ["Bahçeli"])
    assert hit.actors == ["Bahçeli"]                 # a call is made by its owner


def test_reporter_of_a_passive_complement_does_not_undergo_it(coder):
    text = "Bakan Yerlikaya, 12 ilde 150 şüphelinin gözaltına alındığını açıkladı."
    hit = one(coder, text, "COERCE", ["Yerlikaya"])
    assert "Yerlikaya" not in hit.targets + hit.actors


def test_name_inside_a_relative_clause_is_not_the_main_verbs_object(coder):
    text = "Kılıçdaroğlu, Bahçeli ile görüşen bakanı eleştirdi."
    hit = one(coder, text, "DISAPPROVE", ["Kılıçdaroğlu", "Bahçeli"])
    assert hit.actors == ["Kılıçdaroğlu"]
    assert "Bahçeli" not in hit.targets and not hit.assigned
