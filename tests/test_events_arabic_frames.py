"""Arabic clause frames and demands (issue 13, round five), on sentences we wrote: what a demand asks for is
not whom it is made of, nisba adjectives are no participants, a subject before its verb (unrecognised, or with
titles), plural and dual verbs, a visit told by its noun, a counterpart after مع, بحث (discussed) is no urging."""


from event_sentences import mention, sentence_coders

coded, one = sentence_coders("ar")


def test_a_name_inside_what_a_demand_asks_for_is_not_its_target(coder):
    text = "دعا داود أوغلو روسيا إلى وقف قصف المعارضة السورية."
    ms = [mention(text, "روسيا", "LOC", "Russia"), mention(text, "سورية", "LOC", "Syria")]
    hit = one(coder, text, "DEMAND", ms)
    # the first name is not recognised: Russia (after it) is no sure actor, Syria (inside the request) no target
    assert hit.targets == [] and not hit.assigned
    text = "طالب رئيس الوزراء التركي أحمد داود أوغلو حلف شمال الأطلسي بحماية تركيا من روسيا."
    ms = [mention(text, "أحمد داود أوغلو"), mention(text, "حلف شمال الأطلسي", "ORG", "NATO"),
          mention(text, "تركيا", "LOC", "Turkey"), mention(text, "روسيا", "LOC", "Russia")]
    hit = one(coder, text, "DEMAND", ms)
    assert hit.actors == ["أحمد داود أوغلو"] and hit.targets == ["NATO"]


def test_the_one_asked_after_min_is_the_target_never_the_actor(coder):
    text = "طلب الرئيس التركي رجب طيب أردوغان من الرئيس الروسي فلاديمير بوتين أن يوقف قصف التركمان."
    ms = [mention(text, "رجب طيب أردوغان"), mention(text, "فلاديمير بوتين")]
    hit = one(coder, text, "DEMAND", ms)
    assert hit.actors == ["رجب طيب أردوغان"] and hit.targets == ["فلاديمير بوتين"]


def test_a_nisba_adjective_is_no_participant(coder):
    text = "قصف الجيش المعارضة السورية في ريف حلب."
    ms = [mention(text, "سورية", "LOC", "Syria"), mention(text, "حلب", "LOC", "Aleppo")]
    assert all("Syria" not in h.targets and "Syria" not in h.actors for h in coded(coder, text, ms))


def test_a_subject_before_the_verb_is_not_taken_from_after_it(coder):
    # the king's name is not recognised: Obama, after the verb, is its object, not who meets
    text = "الملك سلمان يلتقي الرئيس الأمريكي باراك أوباما في واشنطن"
    ms = [mention(text, "باراك أوباما"), mention(text, "واشنطن", "LOC", "Washington")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == [] and not hit.assigned
    # titles before a recognised name open the subject: the name after the verb is hosted
    text = "وزير الدفاع الروسي سيرغي شويغو يستقبل المشير خليفة حفتر في موسكو"
    ms = [mention(text, "سيرغي شويغو"), mention(text, "خليفة حفتر"), mention(text, "موسكو", "LOC", "Moscow")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["سيرغي شويغو"] and hit.targets == ["خليفة حفتر"] and hit.assigned


def test_a_plural_or_dual_verb_takes_no_subject_after_it(coder):
    text = "وبهذا الصدد فإن الوزيرين سوف يناقشان الإمكانيات المحتملة لإنهاء الأزمة."
    hit = one(coder, text, "AGREE")             # "سوف": a discussion announced
    assert hit.actors == [] and not hit.assigned   # not "الإمكانيات المحتملة" after the verb


def test_a_visit_noun_takes_its_genitive_as_visitor_and_the_place_after_ila(coder):
    text = "أكد مصدر دبلوماسي أن زيارة عادل الجبير وزير الخارجية السعودي إلى موسكو ستبحث الأزمة السورية."
    ms = [mention(text, "عادل الجبير"), mention(text, "موسكو", "LOC", "Moscow")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.trigger == "زيارة" and hit.actors == ["عادل الجبير"] and hit.targets == ["Moscow"]
    # a place right after the noun is where the visit goes; who visits is not told
    text = "تناولت الصحف زيارة موسكو التي جرت الأسبوع الماضي."
    hit = one(coder, text, "CONSULT", [mention(text, "موسكو", "LOC", "Moscow")])
    assert hit.actors == [] and not hit.assigned


def test_a_counterpart_after_maa_is_the_target(coder):
    text = "بحث الرئيس الروسي فلاديمير بوتين مع نظيره التركي رجب طيب أردوغان الوضع في سوريا."
    ms = [mention(text, "فلاديمير بوتين"), mention(text, "رجب طيب أردوغان"), mention(text, "سوريا", "LOC", "Syria")]
    hits = coded(coder, text, ms)
    assert not any(h.type == "DEMAND" for h in hits)          # بحث is "discussed", not ب + حث "urged"
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["فلاديمير بوتين"] and hit.targets == ["رجب طيب أردوغان"]


def test_a_name_before_ann_is_in_another_clause(coder):
    text = "ليس لها التزام بإلقاء القبض على الرئيس البشير، بيد أن الرئيس السوداني أوفد وزير خارجيته."
    ms = [mention(text, "البشير")]
    hit = one(coder, text, "CONSULT", ms)
    assert "البشير" not in hit.targets


def test_headline_vocabulary_congratulations_downing_incursion_rockets(coder):
    text = "بوتين يهنئ أردوغان بفوزه في الانتخابات"
    ms = [mention(text, "بوتين", "PER", "Vladimir Putin"), mention(text, "أردوغان", "PER", "Recep Tayyip Erdoğan")]
    hit = one(coder, text, "SUPPORT", ms)
    assert hit.actors == ["Vladimir Putin"] and hit.targets == ["Recep Tayyip Erdoğan"]
    assert one(coder, "أسقطت الدفاعات الجوية التركية طائرة حربية روسية قرب الحدود.", "FIGHT")
    assert one(coder, "توغلت قوات إسرائيلية في بلدة بيت حانون شمال قطاع غزة.", "FIGHT")
    text = "حمّل الرئيس الفلسطيني محمود عباس إسرائيل المسؤولية الكاملة عن التصعيد."
    assert one(coder, text, "DISAPPROVE")
    # "هنا" (here) is no congratulation, though the past هنأ folds to it
    assert not coded(coder, "هنا في القاهرة يعيش الملايين.")


def test_the_genitive_of_a_killing_or_arrest_undergoes_it(coder):
    text = "مقتل أبو بكر البغدادي في سوريا"
    ms = [mention(text, "أبو بكر البغدادي"), mention(text, "سوريا", "LOC", "Syria")]
    hit = one(coder, text, "ASSAULT", ms)
    assert hit.actors == [] and hit.targets == ["أبو بكر البغدادي"] and not hit.assigned
    text = "تم اعتقال الناشط أحمد منصور من قبل الشرطة الإماراتية في أبوظبي"
    ms = [mention(text, "أحمد منصور"), mention(text, "الشرطة الإماراتية", "ORG")]
    hit = one(coder, text, "COERCE", ms)
    assert hit.actors == ["الشرطة الإماراتية"] and hit.targets == ["أحمد منصور"]


def test_a_light_verb_subject_does_what_its_noun_names(coder):
    text = "عقد الرئيس عبد الفتاح السيسي اجتماعا مع رئيس الوزراء شريف إسماعيل لبحث الأوضاع."
    ms = [mention(text, "عبد الفتاح السيسي"), mention(text, "شريف إسماعيل")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["عبد الفتاح السيسي"] and hit.targets == ["شريف إسماعيل"] and hit.assigned
    # words other than titles between the light verb and the name: no frame, no actor
    text = "قام مسؤولون كبار من حزب الوفد بزيارة إلى موسكو."
    ms = [mention(text, "حزب الوفد", "ORG"), mention(text, "موسكو", "LOC", "Moscow")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == [] and not hit.assigned


def test_a_time_or_an_adverb_may_stand_between_the_verb_and_its_subject(coder):
    text = "التقى يوم الأحد الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في سوتشي."
    ms = [mention(text, "فلاديمير بوتين"), mention(text, "رجب طيب أردوغان")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["فلاديمير بوتين"] and hit.targets == ["رجب طيب أردوغان"]


def test_demolition_confiscation_sit_in_vocabulary(coder):
    assert one(coder, "هدمت قوات الاحتلال منازل فلسطينيين في القدس.", "COERCE").mode == "destroy"
    assert one(coder, "صادرت السلطات التركية أموال رجل الأعمال في إسطنبول.", "COERCE").mode == "confiscate"
    assert one(coder, "اعتصم مئات العمال أمام مقر الحكومة في تونس.", "PROTEST")


def test_arrival_ambush_torture_vocabulary(coder):
    text = "وصول وزير الخارجية السعودي عادل الجبير إلى موسكو"
    assert one(coder, text, "CONSULT", [mention(text, "عادل الجبير"), mention(text, "موسكو", "LOC", "Moscow")])
    assert one(coder, "قتل ثلاثة جنود في كمين نصبه مسلحون قرب العريش.", "FIGHT")
    assert one(coder, "قالت المنظمة إن المعتقلين تعرضوا للتعذيب في السجن.", "ASSAULT").mode == "torture"


def test_a_name_after_li_on_a_verbal_noun_is_inside_the_request(coder):
    text = "دعا الأمين العام للجامعة العربية نبيل العربي الحكومة اللبنانية إلى العمل لإنهاء حصار حزب الله."
    ms = [mention(text, "نبيل العربي"), mention(text, "حزب الله", "ORG", "Hezbollah")]
    hit = one(coder, text, "DEMAND", ms)
    # "للجامعة" is part of the title, not the start of what is asked; Hezbollah (inside it) is no target
    assert "Hezbollah" not in hit.targets


def test_where_what_is_asked_begins():
    from dragoman.events.arabic_demands import content_start
    text = "دعا الأمين العام للجامعة العربية الحكومة لإنهاء الحصار."
    assert text[content_start(text, len("دعا"), []):].startswith("لإنهاء")
    text = "الخاطفون يطالبون بانسحاب حزب الله من سوريا."
    assert text[content_start(text, text.index(" بانسحاب"), []):].startswith("بانسحاب")
