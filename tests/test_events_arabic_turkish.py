"""Arabic and Turkish roles and types from structure (issue 13), on sentences we wrote: reporting verbs, إن/أن
clauses, agent markers (من قبل), killings by military means; Turkish ablative, instrumental agents, names and
privatives that contain a trigger."""


from dragoman.events import SentenceInput
from event_sentences import mention


def hits(coder, text, lang, mentions=()):
    return coder.code([SentenceInput(text, 0, list(mentions))], lang)


def one(coder, text, lang, kind, mentions=()):
    found = [h for h in hits(coder, text, lang, mentions) if h.type == kind]
    assert found, (text, [(h.type, h.trigger) for h in hits(coder, text, lang, mentions)])
    return found[0]


def test_arabic_killing_by_airstrike_is_fight_and_by_bomb_assault(coder):
    assert one(coder, "قتل عشرة أشخاص في غارة جوية على سوق شعبي أمس.", "ar", "FIGHT").trigger == "قتل"
    bomb = [h.type for h in hits(coder, "قتل خمسة جنود في انفجار سيارة مفخخة أمس.", "ar") if h.trigger == "قتل"]
    assert bomb == ["ASSAULT"]


def test_arabic_reporting_verb_subject_is_a_source_and_the_clause_subject_acts(coder):
    text = "وقالت وزارة الدفاع الروسية إن القوات الجوية الروسية قصفت مواقع داعش."
    ms = [mention(text, "وزارة الدفاع الروسية", "ORG"), mention(text, "القوات الجوية الروسية", "ORG"),
          mention(text, "داعش", "ORG")]
    hit = one(coder, text, "ar", "FIGHT", ms)
    assert hit.actors == ["القوات الجوية الروسية"] and hit.targets == ["داعش"] and hit.assigned
    said = "وقالت وزارة الدفاع الروسية إن طائرات قصفت مواقع داعش."
    hit = one(coder, said, "ar", "FIGHT", [mention(said, "وزارة الدفاع الروسية", "ORG"), mention(said, "داعش", "ORG")])
    assert "وزارة الدفاع الروسية" not in hit.actors and not hit.assigned


def test_arabic_agent_after_min_qibal_acts(coder):
    text = "واعتقل الصحفي أحمد سالم من قبل الشرطة العسكرية في المدينة."
    ms = [mention(text, "أحمد سالم", "PER"), mention(text, "الشرطة العسكرية", "ORG")]
    hit = one(coder, text, "ar", "COERCE", ms)
    assert hit.actors == ["الشرطة العسكرية"] and hit.targets == ["أحمد سالم"] and hit.assigned


def test_arabic_word_after_huwa_is_no_verb_with_a_named_subject(coder):
    text = "واعتقلت الشرطة رجلا وهو وعد كريم حسن في الموصل."
    found = [h for h in hits(coder, text, "ar", [mention(text, "كريم حسن", "PER")]) if h.type == "AGREE"]
    assert all(not h.assigned for h in found)


def test_turkish_instrumental_agent_of_a_passive(coder):
    text = "İsmail Haniye, Tahran'da İsrail saldırısıyla öldürüldü."
    ms = [mention(text, "İsmail Haniye", "PER"), mention(text, "Tahran", "LOC", "Tehran"),
          mention(text, "İsrail", "LOC", "Israel")]
    hit = one(coder, text, "tr", "ASSAULT", ms)
    assert hit.actors == ["Israel"] and hit.targets == ["İsmail Haniye"] and hit.assigned
    bare = "İsmail Haniye, Tahran'da öldürüldü."
    hit = one(coder, bare, "tr", "ASSAULT", [mention(bare, "İsmail Haniye", "PER")])
    assert not hit.actors and not hit.assigned                   # who killed him is not said


def test_turkish_ablative_is_whence_except_for_a_demand(coder):
    text = "Fidan, Moskova'dan dönünce Hafter ile görüştü."
    ms = [mention(text, "Fidan", "PER", "Hakan Fidan"), mention(text, "Moskova", "LOC", "Moscow"),
          mention(text, "Hafter", "PER", "Khalifa Haftar")]
    hit = one(coder, text, "tr", "CONSULT", ms)
    assert "Moscow" not in hit.actors + hit.targets
    asked = "Erdoğan, Rusya'dan destek istedi."
    ms = [mention(asked, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(asked, "Rusya", "LOC", "Russia")]
    hit = one(coder, asked, "tr", "DEMAND", ms)
    assert hit.actors == ["Recep Tayyip Erdoğan"] and hit.targets == ["Russia"]


def test_turkish_names_and_privatives_are_no_trigger(coder):
    text = "Özel Harekat Başkanlığı yeni personel aldı."
    assert not [h for h in hits(coder, text, "tr", [mention(text, "Özel Harekat Başkanlığı", "ORG")])
                if h.type == "FIGHT"]
    assert not [h for h in hits(coder, "Çatışmasızlık dönemi sürüyor.", "tr") if h.type == "FIGHT"]
    assert [h for h in hits(coder, "Ordu ile militanlar arasında çatışma çıktı.", "tr") if h.type == "FIGHT"]


def test_arabic_unnamed_sides_of_a_battle_against(coder):
    text = "وتخوض القوات الحكومية معارك عنيفة في حمص، وسط البلاد، ضد مقاتلي التنظيم منذ أيام."
    hit = one(coder, text, "ar", "FIGHT", [mention(text, "حمص", "LOC", "Homs")])
    assert hit.actors == ["القوات الحكومية"] and hit.targets == ["مقاتلي التنظيم"] and hit.assigned


def test_turkish_event_noun_object_takes_the_comma_subject(coder):
    text = "CHP lideri Özgür Özel, Erdoğan'a “erken seçim” çağrısını yineledi."
    ms = [mention(text, "CHP", "ORG"), mention(text, "Özgür Özel", "PER"),
          mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan")]
    hit = one(coder, text, "tr", "DEMAND", ms)
    assert hit.actors == ["Özgür Özel"] and hit.targets == ["Recep Tayyip Erdoğan"] and hit.assigned
    owned = "Bu arada Bahçeli'nin çağrısı tartışılıyor."
    hit = one(coder, owned, "tr", "DEMAND", [mention(owned, "Bahçeli", "PER", "Devlet Bahçeli")])
    assert hit.actors == ["Devlet Bahçeli"]                        # the genitive owns the call


def test_arabic_name_before_an_an_clause_is_the_source_not_the_actor(coder):
    # the police report it; an unnamed man acts in the أن clause: no actor, so nothing is told as a fact
    text = "وذكرت الشرطة الأردنية أن مسلحا هاجم الحرس عند مدخل السفارة."
    ms = [mention(text, "الشرطة الأردنية", "ORG")]
    found = [h for h in hits(coder, text, "ar", ms) if h.trigger == "هاجم"]
    assert found and "الشرطة الأردنية" not in found[0].actors and not found[0].assigned


def test_arabic_name_after_a_describing_adjective_takes_no_role(coder):
    text = "ويرفض الحزب الحاكم والقبائل الموالية للرئيس سالم أي تسوية سياسية."
    ms = [mention(text, "الحزب الحاكم", "ORG"), mention(text, "سالم", "PER")]
    hit = one(coder, text, "ar", "REJECT", ms)
    assert "سالم" not in hit.targets and "سالم" not in hit.actors
    text = "هاجمت القوات الموالية لحفتر مطار طرابلس."
    ms = [mention(text, "حفتر", "PER"), mention(text, "مطار طرابلس", "LOC")]
    hit = one(coder, text, "ar", "FIGHT", ms)
    assert "حفتر" not in hit.actors + hit.targets


def test_arabic_ramming_is_assault_and_talks_are_consult(coder):
    assert [h.type for h in hits(coder, "مستوطن يدهس طفلين قرب الخليل.", "ar") if h.trigger == "يدهس"] == ["ASSAULT"]
    text = "وصل وفد الحكومة إلى الدوحة للتباحث مع الوسيط القطري."
    assert "CONSULT" in [h.type for h in hits(coder, text, "ar")]


def test_turkish_participle_takes_its_subject_from_the_genitive_only(coder):
    text = "Kılıçdaroğlu, İYİ Parti'ye, MHP ile görüştüğü gün sert bir uyarıda bulundu."
    ms = [mention(text, "Kılıçdaroğlu", "PER"), mention(text, "İYİ Parti", "ORG"), mention(text, "MHP", "ORG")]
    visit = [h for h in hits(coder, text, "tr", ms) if h.trigger.startswith("görüştüğü")]
    assert visit and "Kılıçdaroğlu" not in visit[0].actors and not visit[0].assigned
    text = "İYİ Parti'nin MHP ile görüştüğü gün Kılıçdaroğlu açıklama yaptı."
    ms = [mention(text, "İYİ Parti", "ORG"), mention(text, "MHP", "ORG"), mention(text, "Kılıçdaroğlu", "PER")]
    visit = [h for h in hits(coder, text, "tr", ms) if h.trigger.startswith("görüştüğü")]
    assert visit and visit[0].actors == ["İYİ Parti"] and visit[0].targets == ["MHP"]


def test_turkish_talk_with_someone_is_consult(coder):
    text = "Bakan Yılmaz dün akşam Fidan ile uzun uzun konuştu."
    ms = [mention(text, "Yılmaz", "PER"), mention(text, "Fidan", "PER")]
    assert "CONSULT" in [h.type for h in hits(coder, text, "tr", ms)]


def test_arabic_name_after_min_is_whence_not_the_object(coder):
    text = "واندلعت اشتباكات عنيفة بين الجيش العراقي ومسلحين قدموا من سوريا عبر الصحراء."
    ms = [mention(text, "الجيش العراقي", "ORG"), mention(text, "سوريا", "LOC", "Syria")]
    hit = one(coder, text, "ar", "FIGHT", ms)
    assert "Syria" not in hit.targets and not hit.assigned


def test_arabic_object_is_looked_for_after_the_whole_trigger(coder):
    text = "وأكد الشهود أن الشرطة المحلية أطلقت النار على متظاهرين قرب الجسر."
    ms = [mention(text, "الشرطة المحلية", "ORG")]
    found = [h for h in hits(coder, text, "ar", ms) if h.trigger == "أطلقت النار"]
    assert found and "النار" not in found[0].targets


def test_arabic_name_after_an_area_word_is_a_place(coder):
    text = "قصفت الطائرات الحربية الروسية مواقع للمعارضة شمال سوريا."
    ms = [mention(text, "سوريا", "LOC", "Syria")]
    hit = one(coder, text, "ar", "FIGHT", ms)
    assert "Syria" not in hit.targets + hit.actors and hit.place == "Syria"


def test_arabic_targeting_storming_and_executions_are_coded(coder):
    kinds = {h.trigger: h.type for h in hits(coder, "واستهدف الطيران الحربي مواقع المسلحين قبل اقتحام البلدة.", "ar")}
    assert kinds.get("واستهدف") == "FIGHT" and kinds.get("اقتحام") == "FIGHT"
    assert "ASSAULT" in [h.type for h in hits(coder, "وأعدم التنظيم ثلاثة رهائن في الساحة العامة.", "ar")]


def test_turkish_talks_releases_and_reactions_are_coded(coder):
    kinds = [h.type for h in hits(coder, "Ankara ile yapılan görüşmelerle birlikte tutuklu gazeteciler salıverildi.", "tr")]
    assert "CONSULT" in kinds and "RETREAT" in kinds
    assert "DISAPPROVE" in [h.type for h in hits(coder, "Muhalefet partileri karara sert tepki gösterdi.", "tr")]


def test_turkish_genitive_name_is_never_the_subject_of_a_finite_verb(coder):
    text = "Erdoğan'ın danışmanı dün Esad ile görüştü."
    ms = [mention(text, "Erdoğan", "PER"), mention(text, "Esad", "PER")]
    hit = one(coder, text, "tr", "CONSULT", ms)
    assert "Erdoğan" not in hit.actors and not hit.assigned
    text = "Kılıçdaroğlu dün Esad ile görüştü."
    ms = [mention(text, "Kılıçdaroğlu", "PER"), mention(text, "Esad", "PER")]
    hit = one(coder, text, "tr", "CONSULT", ms)
    assert hit.actors == ["Kılıçdaroğlu"] and hit.targets == ["Esad"]


def test_a_release_without_whom_it_frees_stays_unassigned(coder):
    text = "Danıştay, geçen hafta verdiği kararla tahliye yolunu açtı."
    ms = [mention(text, "Danıştay", "ORG")]
    found = [h for h in hits(coder, text, "tr", ms) if h.type == "RETREAT"]
    assert found and not found[0].assigned
    text = "وأفرجت السلطات اللبنانية عن الصحفي سمير قاسم أمس."
    ms = [mention(text, "السلطات اللبنانية", "ORG"), mention(text, "سمير قاسم", "PER")]
    hit = one(coder, text, "ar", "RETREAT", ms)
    assert hit.targets == ["سمير قاسم"] or not hit.assigned
