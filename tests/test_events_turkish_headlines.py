"""Turkish headline shapes and sites (issue 13, round five), on sentences we wrote: a verbless headline "X'ten
Y'ye N" (ablative speaker, dative addressee), an event noun a call asks for, a plant named before its kind and a
name in the locative are no parties."""


from event_sentences import mention, sentence_coders

coded, one = sentence_coders("tr")


def test_a_verbless_headline_takes_its_ablative_as_actor_and_its_dative_as_target(coder):
    text = "Erdoğan'dan Esad'a görüşme çağrısı"
    ms = [mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(text, "Esad", "PER", "Bashar al-Assad")]
    hits = coded(coder, text, ms)
    call = next(h for h in hits if h.type == "DEMAND")
    assert call.actors == ["Recep Tayyip Erdoğan"] and call.targets == ["Bashar al-Assad"] and call.assigned
    meeting = next(h for h in hits if h.type == "CONSULT")
    assert meeting.status == "requested"            # the meeting is what the call asks for


def test_an_ablative_in_a_sentence_that_goes_on_is_whence(coder):
    text = "Bakan, Moskova'dan döndükten sonra Ankara'da gazetecilere açıklama yaptı ve Rusya'ya çağrı yaptı."
    ms = [mention(text, "Moskova", "LOC", "Moscow"), mention(text, "Ankara", "LOC", "Ankara"),
          mention(text, "Rusya", "LOC", "Russia")]
    assert all("Moscow" not in h.actors for h in coded(coder, text, ms))


def test_a_power_plant_is_no_party(coder):
    text = "Akkuyu Nükleer Güç Santrali, Rusya ile yeni bir anlaşma imzaladı."
    ms = [mention(text, "Akkuyu", "ORG"), mention(text, "Rusya", "LOC", "Russia")]
    assert all("Akkuyu" not in h.actors + h.targets for h in coded(coder, text, ms))
    text = "Rosatom yetkilileri Akkuyu NGS'yi ziyaret etti."
    ms = [mention(text, "Rosatom", "ORG"), mention(text, "Akkuyu NGS", "ORG")]
    assert all("Akkuyu NGS" not in h.targets for h in coded(coder, text, ms))


def test_a_name_in_the_locative_is_where_not_who(coder):
    text = "Akkuyu NGS'de çalışan işçiler eylem yaptı."
    hits = coded(coder, text, [mention(text, "NGS", "ORG")])
    protest = next(h for h in hits if h.type == "PROTEST")
    assert protest.actors == [] and not protest.assigned


def test_a_name_modifying_an_oblique_noun_is_no_participant(coder):
    text = "Özel, Erdoğan'ın Suriye politikasını eleştirdi."
    ms = [mention(text, "Erdoğan", "PER", "Recep Tayyip Erdoğan"), mention(text, "Suriye", "LOC", "Syria")]
    hit = next(h for h in coded(coder, text, ms) if h.type == "DISAPPROVE")
    assert "Syria" not in hit.actors + hit.targets     # the policy is criticised, not Syria; Özel unrecognised


def test_a_name_before_yonelik_is_inside_the_subject_phrase(coder):
    text = "İsrail'in Gazze'ye yönelik saldırıları Türkiye tarafından kınandı."
    ms = [mention(text, "İsrail", "LOC", "Israel"), mention(text, "Gazze", "LOC", "Gaza"),
          mention(text, "Türkiye", "LOC", "Turkey")]
    hit = next(h for h in coded(coder, text, ms) if h.type == "DISAPPROVE")
    assert hit.actors == ["Turkey"] and hit.targets == ["Israel"]
