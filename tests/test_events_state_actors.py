"""States as participants in Arabic and Turkish news shapes (issue 13, session 8), on sentences we wrote: two
states coordinated as the subject of a signing or talks are one party each side (as "between X and Y" in
English); sending aid names its sender and where it goes; a bombardment "in" a country names the place, not a
target."""


from event_sentences import mention, sentence_coders, states

ar_coded, ar_one = sentence_coders("ar")
tr_coded, tr_one = sentence_coders("tr")


def test_two_states_signing_an_agreement_are_one_party_each_side(coder):
    text = "وقعت مصر والأردن اتفاقية للتعاون في مجال الربط الكهربائي خلال زيارة رئيس الوزراء إلى عمان."
    hit = ar_one(coder, text, "SUPPORT", states(text, "مصر", "الأردن"))
    assert (hit.actors, hit.targets, hit.assigned) == (["مصر"], ["الأردن"], True)
    text = "Türkiye ve Irak, Bağdat'taki toplantıda güvenlik alanında iş birliği anlaşması imzaladı."
    hit = tr_one(coder, text, "SUPPORT", states(text, "Türkiye", "Irak"))
    assert (hit.actors, hit.targets, hit.assigned) == (["Türkiye"], ["Irak"], True)


def test_a_joint_subject_of_a_one_sided_act_is_no_pair(coder):
    # praise by two states has no other side: both stay actors, and no target is made up
    text = "رحبت مصر والأردن بقرار مجلس الأمن الدولي."
    hit = ar_one(coder, text, "SUPPORT", states(text, "مصر", "الأردن"))
    assert "الأردن" not in hit.targets
    # three signatories are no pair: no one of them is made the target
    text = "وقعت مصر والأردن والعراق اتفاقية للتعاون الاقتصادي."
    hit = ar_one(coder, text, "SUPPORT", states(text, "مصر", "الأردن", "العراق"))
    assert hit.targets == []


def test_sending_aid_names_the_sender_and_where_it_goes(coder):
    text = "أرسلت مصر مساعدات طبية إلى ليبيا بعد الفيضانات التي ضربت مدينة درنة."
    hit = ar_one(coder, text, "AID", states(text, "مصر", "ليبيا", "درنة"))
    assert (hit.actors, hit.targets) == (["مصر"], ["ليبيا"])
    text = "أرسلت قطر مساعدات إنسانية إلى غزة عبر معبر رفح."
    hit = ar_one(coder, text, "AID", states(text, "قطر", "غزة"))
    assert (hit.actors, hit.targets, hit.assigned) == (["قطر"], ["غزة"], True)


def test_a_bombardment_in_a_country_names_the_place_not_a_target(coder):
    text = "قصفت روسيا مواقع في أوكرانيا ليلة أمس."
    hit = ar_one(coder, text, "FIGHT", states(text, "روسيا", "أوكرانيا"))
    assert hit.actors == ["روسيا"] and hit.targets == [] and hit.place == "أوكرانيا" and not hit.assigned


def test_strikes_on_a_sides_positions_hit_that_side_and_the_area_is_where(coder):
    text = "Türkiye, Irak'ın kuzeyindeki PKK mevzilerini savaş uçaklarıyla bombaladı."
    ms = states(text, "Türkiye", "Irak") + [mention(text, "PKK", "ORG", "PKK")]
    hit = tr_one(coder, text, "FIGHT", ms)
    assert (hit.actors, hit.targets, hit.place, hit.assigned) == (["Türkiye"], ["PKK"], "Irak", True)
    # a place before the sites is where, never the side struck
    text = "İsrail, Gazze'deki tünelleri bombaladı."
    hit = tr_one(coder, text, "FIGHT", states(text, "İsrail", "Gazze"))
    assert hit.targets == []


def test_the_owner_of_the_object_noun_is_the_target_of_a_condemnation(coder):
    text = "Tahran, Washington'un yeni yaptırım kararını sert bir dille kınadı."
    hits = tr_coded(coder, text, states(text, "Tahran", "Washington"))
    condemned = next(h for h in hits if h.type == "DISAPPROVE")
    assert (condemned.actors, condemned.targets, condemned.assigned) == (["Tahran"], ["Washington"], True)
    # the sanction inside the object is Washington's, on no one named: never Tahran's act
    assert all(h.actors != ["Tahran"] for h in hits if h.type == "SANCTION")
    assert not any(h.assigned for h in hits if h.type == "SANCTION")
