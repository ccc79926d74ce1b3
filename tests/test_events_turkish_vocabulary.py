"""Turkish event vocabulary per PLOVER type and the voice of the verb (issue 13), on sentences we wrote: each type's
common verbs, light-verb phrases and event nouns are coded; a passive with no named agent keeps its type and the
name that undergoes it, but no actor (so it stays unassigned); the passive is read from the end of the verb."""

import pytest

from dragoman.events import MentionRef, SentenceInput
from dragoman.events.participants import fold
from dragoman.events.turkish import is_passive


def coded(coder, text, names=()):
    mentions = []
    for name in names:
        label, _, surface = name.rpartition(":")
        at = text.index(surface)
        mentions.append(MentionRef(at, at + len(surface), label or "PER", surface))
    return coder.code([SentenceInput(text, 0, sorted(mentions, key=lambda m: m.start))], "tr")


def one(coder, text, kind, names=()):
    found = [h for h in coded(coder, text, names) if h.type == kind]
    assert found, (text, [(h.type, h.trigger) for h in coded(coder, text, names)])
    return found[0]


@pytest.mark.parametrize("text, kind", [
    ("Türkiye, NATO zirvesine katıldı.", "CONSULT"),
    ("Bakan, Alman mevkidaşını Ankara'da ağırladı.", "CONSULT"),
    ("Vali, heyete ev sahipliği yaptı.", "CONSULT"),
    ("İki lider telefonla konuştu.", "CONSULT"),
    ("Taraflar esir takası konusunda mutabık kaldı.", "AGREE"),
    ("Hükümet, sendikalara güvence verdi.", "AGREE"),
    ("Cumhurbaşkanı, seçimi kazanan lideri tebrik etti.", "SUPPORT"),
    ("Bakan, ailelere başsağlığı diledi.", "SUPPORT"),
    ("İki ülke istihbarat paylaşımı konusunda bilgi paylaştı.", "COOPERATE"),
    ("Şüpheli, Almanya'dan Türkiye'ye iade edildi.", "COOPERATE"),
    ("Belediye, afet bölgesine yardım ulaştırdı.", "AID"),
    ("Banka, kuruma 20 araç hibe etti.", "AID"),
    ("Valilik, gösterilere izin verdi.", "CONCEDE"),
    ("Hükümet, kısıtlamaları kaldırdı.", "CONCEDE"),
    ("Militanlar silah bıraktı.", "RETREAT"),
    ("Eski müdür görevinden ayrıldı.", "RETREAT"),
    ("Bakanlık, ihaleye müfettiş görevlendirdi.", "INVESTIGATE"),
    ("Savcılık olayla ilgili kovuşturma başlattı.", "INVESTIGATE"),
    ("Bakan, valiye talimat verdi.", "DEMAND"),
    ("Muhalefet, hükümetin talebini eleştirdi.", "DISAPPROVE"),
    ("Gazeteci, bakan hakkında şikayette bulundu.", "DISAPPROVE"),
    ("Ankara, Atina'ya nota verdi.", "DISAPPROVE"),
    ("Mahkeme, itirazı geri çevirdi.", "REJECT"),
    ("Bakanlık, iddiaları yalanladı.", "REJECT"),
    ("Bakan, karara şerh düştü.", "REJECT"),
    ("Örgüt, gazetecilere gözdağı verdi.", "THREATEN"),
    ("İşçiler fabrika önünde eylem yaptı.", "PROTEST"),
    ("Öğrenciler derslere boykot başlattı.", "PROTEST"),
    ("Çiftçiler traktörlerle yolu kapattı.", "PROTEST"),
    ("Ordu sınır hattına asker sevk etti.", "MOBILIZE"),
    ("Kentte sıkı güvenlik önlemleri alındı.", "MOBILIZE"),
    ("Müdür görevden uzaklaştırıldı.", "SANCTION"),
    ("Kuruma 2 milyon lira para cezası kesildi.", "SANCTION"),
    ("Sanık 10 yıl hapse çarptırıldı.", "SANCTION"),
    ("Belediyeye kayyum atandı.", "COERCE"),
    ("Mahkeme, sanığa yurt dışına çıkış yasağı getirdi.", "COERCE"),
    ("Emniyet, derneğe baskın düzenledi.", "COERCE"),
    ("Sitenin haberlerine erişim engellendi.", "COERCE"),
    ("Gazeteci evinin önünde bıçaklandı.", "ASSAULT"),
    ("Genç, gözaltında darp edildi.", "ASSAULT"),
    ("İşadamı silahlı saldırıya uğradı.", "ASSAULT"),
    ("Ordu, köylere bombardıman başlattı.", "FIGHT"),
    ("Sınırda 3 terörist etkisiz hale getirildi.", "FIGHT"),
])
def test_each_plover_type_has_its_common_turkish_words(coder, text, kind):
    assert kind in [h.type for h in coded(coder, text)], (text, [(h.type, h.trigger) for h in coded(coder, text)])


def test_lookalikes_are_no_events(coder):
    # an action plan, a court's name, a deputy ("yardımcısı"), military aid are no protest, sentence or troops
    assert not [h for h in coded(coder, "Bakanlık yeni eylem planını açıkladı.") if h.type == "PROTEST"]
    assert not [h for h in coded(coder, "Yargıtay Ceza Dairesi'nin verdiği karar onandı.") if h.type == "SANCTION"]
    assert not coded(coder, "Genel Başkan Yardımcısı basın toplantısı yaptı.")
    text = "Rusya, Türkiye'ye askeri yardım gönderdi."
    assert [h.type for h in coded(coder, text, ["ORG:Rusya", "ORG:Türkiye"])] == ["AID"]
    # "-mek istiyor": wanting to act oneself, no demand made of anyone
    assert not [h for h in coded(coder, "Türkiye bölgede barışı korumak istiyor.") if h.type == "DEMAND"]


def test_passive_without_agent_has_a_target_and_no_actor(coder):
    for text, kind in [("Gazeteci Ali Tan dün sabah gözaltına alındı.", "COERCE"),
                       ("Vali Ali Tan görevinden alındı.", "SANCTION"),
                       ("Sanık Ali Tan'a 10 yıl hapis cezası verildi.", "SANCTION"),
                       ("Gazeteci Ali Tan evinin önünde öldürüldü.", "ASSAULT"),
                       ("Ali Tan'ın evine baskın düzenlendi.", "COERCE")]:
        hit = one(coder, text, kind, ["Ali Tan"])
        assert hit.targets == ["Ali Tan"] and not hit.actors and not hit.assigned, (text, hit)


def test_passive_agent_acts_on_the_subject_before_it(coder):
    hit = one(coder, "Gazeteci Ali Tan, polis tarafından gözaltına alındı.", "COERCE", ["Ali Tan", "ORG:polis"])
    assert hit.actors == ["polis"] and hit.targets == ["Ali Tan"] and hit.assigned


def test_who_suffers_an_attack_undergoes_it(coder):
    hit = one(coder, "Gazeteci Ali Tan dün silahlı saldırıya uğradı.", "ASSAULT", ["Ali Tan"])
    assert hit.targets == ["Ali Tan"] and not hit.actors
    hit = one(coder, "Tutuklu Ali Tan cezaevinde işkenceye maruz kaldı.", "ASSAULT", ["Ali Tan"])
    assert hit.targets == ["Ali Tan"] and not hit.actors


def test_active_verbs_that_look_passive_keep_their_subject(coder):
    hit = one(coder, "Erdoğan, İsrail'i kınadı.", "DISAPPROVE", ["Erdoğan", "ORG:İsrail"])
    assert hit.actors == ["Erdoğan"] and hit.targets == ["İsrail"] and hit.assigned
    hit = one(coder, "Savcılık, Ali Tan'ı sorguladı.", "INVESTIGATE", ["ORG:Savcılık", "Ali Tan"])
    assert hit.actors == ["Savcılık"] and hit.targets == ["Ali Tan"]
    hit = one(coder, "Bakanlık, Ali Tan'ın talebini uygun bulmadı.", "REJECT", ["ORG:Bakanlık", "Ali Tan"])
    assert hit.actors == ["Bakanlık"] and hit.status == "happened"       # the form spells its own negative


def test_the_passive_is_read_from_the_end_of_the_verb():
    for word in ("tutuklandı", "edilmişti", "alınan", "öldürüldü", "tutuklanıyor", "görüşülecek", "sorgulandı",
                 "tutuklanmadı", "alındığını", "öldürülmesinde", "tutuklandılar", "uygulandı"):
        assert is_passive(fold(word)[0]), word
    for word in ("kınadı", "görüştüler", "aradılar", "sorguladı", "yineledi", "uyguladı", "bulundu", "bulmadı",
                 "sundu", "çekildi", "katıldı", "gösteriler", "imzaladılar", "verdi", "eden"):
        assert not is_passive(fold(word)[0]), word


def test_a_call_to_an_act_in_the_dative_is_requested(coder):
    hits = coded(coder, "Kılıçdaroğlu, bakanı istifaya çağırdı.", ["Kılıçdaroğlu"])
    assert [h.status for h in hits if h.type == "RETREAT"] == ["requested"]
    assert [h.actors for h in hits if h.type == "DEMAND"] == [["Kılıçdaroğlu"]]


def test_a_party_adjective_before_a_name_is_no_party(coder):
    text = "Polis müdürü, daha önce MHP'li Ali Kara'ya ev sahipliği yaptı."
    hit = one(coder, text, "CONSULT", ["ORG:MHP", "Ali Kara"])
    assert "MHP" not in hit.actors and hit.targets == ["Ali Kara"]


def test_a_conditional_verb_and_what_follows_it_are_hypothetical(coder):
    hits = coded(coder, "Erdoğan siyasi yasak getirirse CHP sokağa dökülür.", ["Erdoğan", "ORG:CHP"])
    ban = next(h for h in hits if h.type == "COERCE")
    assert ban.status == "hypothetical" and ban.actors == ["Erdoğan"]
    assert [h.status for h in hits if h.type == "PROTEST"] == ["hypothetical"]
    assert one(coder, "Mahkeme, Ali Tan'ı tutukladı.", "COERCE", ["ORG:Mahkeme", "Ali Tan"]).status == "happened"


def test_judicial_and_state_measures(coder):
    assert "DISAPPROVE" in [h.type for h in coded(coder, "Savcılık, milletvekili hakkında fezleke hazırladı.")]
    assert "COERCE" in [h.type for h in coded(coder, "Holdingin şirketleri TMSF'ye devredildi.")]
    assert "SANCTION" in [h.type for h in coded(coder, "Partili üye disipline sevk edildi.")]
    # a suspect sent to court is no troop movement
    assert not [h for h in coded(coder, "Şüpheli, tutuklama talebiyle mahkemeye sevk edildi.") if h.type == "MOBILIZE"]
