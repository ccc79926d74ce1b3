"""Precision rules of session 10 (issue 13), on sentences we wrote: where a meeting is held is its place, never
whom it is with (Russian, French, English); a place never visits or meets anyone (Arabic); a verb after a phrase
of sequence ("وبعد ذلك التقى") continues the subject told before; "وعدّ أن + noun" is a judgement, no promise;
English "-ing" asides and clauses under the event's verb give it neither target nor place, and an event named
under a verb that is not its own takes no actor from that verb."""

from event_sentences import mention, sentence_coders

ar_coded, ar_one = sentence_coders("ar")
ru_coded, ru_one = sentence_coders("ru")
fr_coded, fr_one = sentence_coders("fr")
en_coded, en_one = sentence_coders("en")


def _people(text, *names):
    return [mention(text, n, "PER", n) for n in names]


# ---------------------------------------------------------------------------------------- Russian, French

def test_russian_talks_in_a_town_have_no_town_target(coder):
    for text, town in (("Переговоры в Сочи прошли в среду.", "Сочи"),
                       ("Встреча в Москве длилась четыре часа.", "Москве")):
        hit = ru_one(coder, text, "CONSULT", [mention(text, town, "LOC", "Town")])
        assert hit.targets == [] and not hit.assigned and hit.place == "Town"
    text = "Лавров провел переговоры в Сочи."
    hit = ru_one(coder, text, "CONSULT", [mention(text, "Лавров", "PER", "Lavrov"),
                                          mention(text, "Сочи", "LOC", "Sochi")])
    assert hit.actors == ["Lavrov"] and hit.targets == [] and not hit.assigned


def test_russian_visits_and_meetings_keep_their_targets(coder):
    text = "Хафтар прилетел в Москву."
    hit = ru_one(coder, text, "CONSULT", [mention(text, "Хафтар", "PER", "Haftar"),
                                          mention(text, "Москву", "LOC", "Moscow")])
    assert hit.targets == ["Moscow"]         # a journey's destination is whom it visits
    text = "Евкуров встретился с Хафтаром в Бенгази."
    hit = ru_one(coder, text, "CONSULT", [mention(text, "Евкуров", "PER", "Yevkurov"),
                                          mention(text, "Хафтаром", "PER", "Haftar"),
                                          mention(text, "Бенгази", "LOC", "Benghazi")])
    assert hit.actors == ["Yevkurov"] and hit.targets == ["Haftar"] and hit.place == "Benghazi"


def test_french_talks_in_a_town_have_no_town_target(coder):
    text = "Les pourparlers à Sotchi ont duré quatre heures."
    hit = fr_one(coder, text, "CONSULT", [mention(text, "Sotchi", "LOC", "Sochi")])
    assert hit.targets == [] and hit.place == "Sochi"
    text = "Erdogan s'est entretenu à Sotchi avec Poutine."
    hit = fr_one(coder, text, "CONSULT", [mention(text, "Erdogan", "PER", "Erdogan"),
                                          mention(text, "Poutine", "PER", "Putin"),
                                          mention(text, "Sotchi", "LOC", "Sochi")])
    assert hit.actors == ["Erdogan"] and hit.targets == ["Putin"]


# ---------------------------------------------------------------------------------------------- Arabic

def test_a_verb_after_a_phrase_of_sequence_keeps_the_earlier_subject(coder):
    text = "وصل وزير الخارجية السعودي عادل الجبير إلى موسكو، وبعد ذلك التقى وزير الخارجية الروسي سيرغي لافروف."
    ms = [mention(text, "عادل الجبير"), mention(text, "موسكو", "LOC", "Moscow"), mention(text, "سيرغي لافروف")]
    hit = ar_one(coder, text, "CONSULT", ms)
    # Lavrov did not meet Moscow: the subject is al-Jubeir's, told before; unnamed here, so unassigned
    assert "سيرغي لافروف" not in hit.actors and "Moscow" not in hit.targets and not hit.assigned
    for opening in ("ثم", "وعقب ذلك", "وبعدها"):
        text = f"{opening} التقى الرئيس بوتين نظيره التركي أردوغان."
        ms = [mention(text, "بوتين", "PER", "Putin"), mention(text, "أردوغان", "PER", "Erdogan")]
        assert not ar_one(coder, text, "CONSULT", ms).assigned


def test_where_and_during_it_point_back_at_the_subject_told_before(coder):
    text = "وصل الجبير إلى موسكو حيث التقى وزير الخارجية الروسي سيرغي لافروف."
    ms = [mention(text, "الجبير"), mention(text, "موسكو", "LOC", "Moscow"), mention(text, "سيرغي لافروف")]
    met = next(h for h in ar_coded(coder, text, ms) if h.trigger == "التقى")
    assert "سيرغي لافروف" not in met.actors and not met.assigned
    text = "زار الجبير موسكو، التقى خلالها لافروف."
    ms = [mention(text, "الجبير"), mention(text, "لافروف")]
    met = next(h for h in ar_coded(coder, text, ms) if h.trigger == "التقى")
    assert met.actors == [] and not met.assigned


def test_a_person_named_with_the_article_is_no_title(coder):
    text = "التقى الجبير لافروف في موسكو."
    ms = [mention(text, "الجبير"), mention(text, "لافروف"), mention(text, "موسكو", "LOC", "Moscow")]
    hit = ar_one(coder, text, "CONSULT", ms)
    assert hit.actors == ["الجبير"] and hit.targets == ["لافروف"]
    text = "التقى اللواء المتقاعد خليفة حفتر وزير الدفاع."          # a title before the name: still one person
    assert ar_one(coder, text, "CONSULT", [mention(text, "خليفة حفتر")]).actors == ["خليفة حفتر"]


def test_a_name_in_the_clause_before_a_comma_and_wa_is_no_target(coder):
    text = "وصل الوزير عادل الجبير إلى موسكو، والتقى وزير الخارجية الروسي سيرغي لافروف."
    ms = [mention(text, "عادل الجبير"), mention(text, "موسكو", "LOC", "Moscow"), mention(text, "سيرغي لافروف")]
    assert "Moscow" not in ar_one(coder, text, "CONSULT", ms).targets


def test_a_place_never_visits_or_hosts(coder):
    text = "وزار ولي العهد السعودي القاهرة."
    hit = ar_one(coder, text, "CONSULT", [mention(text, "القاهرة", "LOC", "Cairo")])
    assert hit.actors == ["ولي العهد السعودي"] and hit.targets == ["Cairo"]
    text = "زارت القاهرة وفود عدة."
    hit = ar_one(coder, text, "CONSULT", [mention(text, "القاهرة", "LOC", "Cairo")])
    assert hit.actors == [] and not hit.assigned
    text = "استقبلت موسكو وزير الخارجية السعودي عادل الجبير."
    hit = ar_one(coder, text, "CONSULT", [mention(text, "موسكو", "LOC", "Moscow"), mention(text, "عادل الجبير")])
    assert "Moscow" not in hit.actors + hit.targets and not hit.assigned


def test_a_title_with_its_holder_named_is_no_unnamed_subject(coder):
    text = "وزار ولي العهد السعودي محمد بن سلمان القاهرة أمس."
    ms = [mention(text, "محمد بن سلمان"), mention(text, "القاهرة", "LOC", "Cairo")]
    hit = ar_one(coder, text, "CONSULT", ms)
    assert hit.actors == ["محمد بن سلمان"] and hit.targets == ["Cairo"]


def test_wa_adda_anna_with_a_noun_is_a_judgement_not_a_promise(coder):
    text = "وعد المحافظ أن التحقيق معه غير منصف."
    assert not [h for h in ar_coded(coder, text, [mention(text, "المحافظ")]) if h.type == "AGREE"]
    text = "وعد الرئيس بأن تفرج الحكومة عن المعتقلين."
    assert ar_one(coder, text, "AGREE").trigger == "وعد"


# --------------------------------------------------------------------------------------------- English

def test_english_talks_in_a_town_have_no_town_target(coder):
    text = "Yevkurov's August visit to Benghazi followed talks in Moscow."
    ms = _people(text, "Yevkurov") + [mention(text, "Benghazi", "LOC"), mention(text, "Moscow", "LOC")]
    talks = en_one(coder, text, "CONSULT", ms)
    # whoever visited Benghazi did not hold the talks, and Moscow is where they were
    assert talks.trigger == "talks" and talks.actors == [] and talks.targets == [] and not talks.assigned
    text = "Putin and Erdogan held talks in Sochi."
    hit = en_one(coder, text, "CONSULT", _people(text, "Putin", "Erdogan") + [mention(text, "Sochi", "LOC")])
    assert hit.actors == ["Putin"] and hit.targets == ["Erdogan"] and hit.place == "Sochi"


def test_english_ing_aside_is_another_act(coder):
    text = "Haftar, visiting Moscow, met Yevkurov."
    hit = en_one(coder, text, "CONSULT", _people(text, "Haftar", "Yevkurov") + [mention(text, "Moscow", "LOC")])
    assert "Moscow" not in hit.targets


def test_english_place_of_another_clause_is_not_the_events(coder):
    for text in ("Yevkurov met Khalifa Haftar, who was visiting Moscow for talks.",
                 "Khalifa Haftar met Yevkurov while visiting Moscow.",
                 "Yevkurov met Khalifa Haftar after visiting Moscow."):
        ms = _people(text, "Yevkurov", "Khalifa Haftar") + [mention(text, "Moscow", "LOC")]
        hit = en_one(coder, text, "CONSULT", ms)
        assert hit.place is None and sorted(hit.actors + hit.targets) == ["Khalifa Haftar", "Yevkurov"]
    text = "Yevkurov, who visited Benghazi in August, met Haftar in Moscow in September."
    ms = _people(text, "Yevkurov", "Haftar") + [mention(text, "Benghazi", "LOC"), mention(text, "Moscow", "LOC")]
    met = en_one(coder, text, "CONSULT", ms)
    assert met.trigger == "met" and met.place == "Moscow"


def test_english_least_of_which_is_no_participant(coder):
    for text, names in (("Putin has met Haftar several times, the least of which was in Moscow.",
                         ("Putin", "Haftar")),
                        ("Haftar visited Moscow for talks with officials, not least of which was Yevkurov.",
                         ("Haftar", "Yevkurov"))):
        ms = _people(text, *names) + [mention(text, "Moscow", "LOC")]
        for hit in en_coded(coder, text, ms):
            assert not any("least" in n for n in hit.actors + hit.targets)


# ------------------------------------------------------------------------------------ between two sides

def test_talks_between_two_named_sides_are_one_each_side(coder):
    text = "Le dialogue stratégique entre l'Arménie et les États-Unis s'est tenu à Erevan."
    ms = [mention(text, "Arménie", "LOC", "Armenia"), mention(text, "États-Unis", "LOC", "United States"),
          mention(text, "Erevan", "LOC", "Yerevan")]
    hit = fr_one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Armenia"] and hit.targets == ["United States"] and hit.place == "Yerevan"
    text = "Переговоры между Россией и Турцией прошли в Сочи."
    ms = [mention(text, "Россией", "LOC", "Russia"), mention(text, "Турцией", "LOC", "Turkey"),
          mention(text, "Сочи", "LOC", "Sochi")]
    hit = ru_one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Russia"] and hit.targets == ["Turkey"] and hit.place == "Sochi"
    text = "وجرت محادثات بين روسيا والسعودية في موسكو."
    ms = [mention(text, "روسيا", "LOC", "Russia"), mention(text, "السعودية", "LOC", "Saudi Arabia"),
          mention(text, "موسكو", "LOC", "Moscow")]
    hit = ar_one(coder, text, "CONSULT", ms)
    assert hit.actors == ["Russia"] and hit.targets == ["Saudi Arabia"]


def test_three_sides_or_a_mediator_give_no_pair(coder):
    text = "La réunion tripartite entre l'Arménie, l'UE et les États-Unis a eu lieu."
    ms = [mention(text, "Arménie", "LOC", "Armenia"), mention(text, "UE", "ORG", "EU"),
          mention(text, "États-Unis", "LOC", "United States")]
    assert not fr_one(coder, text, "CONSULT", ms).assigned
    text = "وساطة قطرية بين حماس وإسرائيل."
    ms = [mention(text, "حماس", "ORG", "Hamas"), mention(text, "إسرائيل", "LOC", "Israel")]
    assert not ar_one(coder, text, "CONSULT", ms).assigned
