"""Arabic precision and kind rules (issue 13, session 8), on sentences we wrote: a preposition inside a phrase
form takes only its pronoun endings; topics, charges, other act nouns and an attack's owner are no targets; the
name right after the verb, "his counterpart" and a body named by common nouns keep their roles; fighters of an
armed side killed is combat, gunmen's attacks are assaults; a denial keeps its type and names no party."""


from event_sentences import mention, sentence_coders

coded, one = sentence_coders("ar")


def test_a_preposition_in_a_phrase_form_is_no_start_of_another_word(coder):
    # "يبحث ~8 مع": "معين" (a certain) is no "مع"
    text = "الزائر الذي يبحث بالكلمات الطويلة لديه هدف معين يحاول الوصول إلى نتيجة."
    assert not [h for h in coded(coder, text) if h.trigger.startswith("يبحث")]
    text = "يبحث وزير الخارجية عادل الجبير معه تطورات الأزمة اليمنية."
    ms = [mention(text, "عادل الجبير")]
    assert one(coder, text, "CONSULT", ms).trigger.startswith("يبحث")


def test_what_is_discussed_is_no_party(coder):
    text = "قالت المصادر إن الحكومة والبرلمان يناقشان التعديلات الدستورية."
    hit = one(coder, text, "CONSULT")
    assert hit.targets == [] and not hit.assigned
    text = "استعادت القوات العراقية السيطرة على مدينة الرمادي."
    ms = [mention(text, "الرمادي", "LOC", "Ramadi")]
    hit = one(coder, text, "FIGHT", ms)
    assert hit.actors == ["القوات العراقية"] and hit.targets == ["Ramadi"]


def test_a_name_inside_the_charge_is_not_the_one_accused(coder):
    text = "اتهمت الحكومة اليمنية إيران بتهريب الأسلحة إلى الحوثيين."
    ms = [mention(text, "إيران", "LOC", "Iran"), mention(text, "الحوثيين", "ORG", "Houthis")]
    hit = one(coder, text, "DISAPPROVE", ms)
    assert hit.targets == ["Iran"]
    ms = [mention(text, "الحوثيين", "ORG", "Houthis")]             # Iran unrecognised: no target at all
    assert one(coder, text, "DISAPPROVE", ms).targets == []


def test_a_preposition_after_another_act_noun_belongs_to_it(coder):
    text = "وقال الرئيس إن الحكومة سترفض أي حوار مع الحوثيين."
    ms = [mention(text, "الحوثيين", "ORG", "Houthis")]
    assert one(coder, text, "REJECT", ms).targets == []
    text = "ندد وزير الخارجية عادل الجبير بالهجوم على المدنيين في عدن."
    ms = [mention(text, "عادل الجبير"), mention(text, "عدن", "LOC", "Aden")]
    assert one(coder, text, "DISAPPROVE", ms).targets == []
    # a counterpart right after the verb and its subject is still the target
    text = "اجتمع وزير الخارجية عادل الجبير مع نظيره الروسي سيرغي لافروف."
    ms = [mention(text, "عادل الجبير"), mention(text, "سيرغي لافروف")]
    assert one(coder, text, "CONSULT", ms).targets == ["سيرغي لافروف"]


def test_the_name_joined_to_an_attack_noun_by_lam_is_whose_attack_it_is(coder):
    text = "قتل ثلاثة جنود في قصف للحوثيين على مدينة نجران."
    ms = [mention(text, "حوثيين", "ORG", "Houthis")]
    assert all("Houthis" not in h.targets for h in coded(coder, text, ms))


def test_fighters_of_an_armed_side_killed_is_combat(coder):
    text = "ومقتل قيادي من نخبة حزب الله في معارك الزبداني"
    assert one(coder, text, "FIGHT").trigger == "ومقتل"
    # a bomb told in the clause keeps it an attack; victims with no side named stay as told
    text = "قتل ضابط وثلاثة جنود من الجيش المصري في انفجار عبوة ناسفة في سيناء."
    assert any(h.type == "ASSAULT" and h.trigger == "قتل" for h in coded(coder, text))
    text = "ومقتل 12 شخصا في الهجوم على الفندق"
    assert any(h.type == "ASSAULT" and h.trigger == "ومقتل" for h in coded(coder, text))


def test_a_denial_keeps_its_type_and_names_no_party(coder):
    text = "ونفت وزارة الخارجية الروسية صحة التقارير عن إرسال قوات إلى سوريا."
    ms = [mention(text, "وزارة الخارجية الروسية", "ORG"), mention(text, "سوريا", "LOC", "Syria")]
    hits = coded(coder, text, ms)
    denial = next(h for h in hits if h.type == "REJECT")
    assert denial.trigger == "ونفت" and denial.actors == [] and not denial.assigned
    assert next(h for h in hits if h.type == "MOBILIZE").status == "denied"


def test_a_name_right_after_the_verb_is_its_subject_even_unresolved(coder):
    text = "دعت المملكة العربية السعودية المجتمع الدولي إلى التحرك لوقف المجازر في سوريا."
    ms = [mention(text, "المملكة العربية السعودية", "LOC"), mention(text, "سوريا", "LOC", "Syria")]
    hit = one(coder, text, "DEMAND", ms)
    assert hit.targets == [] and not hit.assigned        # not the caller as the one called on
    ms = [mention(text, "المملكة العربية السعودية", "LOC", "Saudi Arabia"), mention(text, "سوريا", "LOC", "Syria")]
    assert one(coder, text, "DEMAND", ms).actors == ["Saudi Arabia"]


def test_his_counterpart_is_the_other_party_never_the_actor(coder):
    # the first name is unrecognised: Lavrov, "his counterpart", is who is met, not who meets
    text = "قالت الخارجية الأمريكية إن جون كيري سيلتقي نظيره الروسي سيرغي لافروف في جنيف."
    ms = [mention(text, "سيرغي لافروف", "PER", "Sergey Lavrov")]
    hit = one(coder, text, "AGREE", ms)
    assert hit.actors == [] and hit.targets == ["Sergey Lavrov"] and not hit.assigned
    ms = [mention(text, "جون كيري", "PER", "John Kerry"), mention(text, "سيرغي لافروف", "PER", "Sergey Lavrov")]
    hit = one(coder, text, "AGREE", ms)
    assert hit.actors == ["John Kerry"] and hit.targets == ["Sergey Lavrov"]


def test_gunmen_and_attackers_make_an_attack_unconventional(coder):
    text = "وقالت السلطات إن المهاجمين اقتحموا صباح أمس نحو الساعة السابعة فندقا في وسط المدينة."
    assert one(coder, text, "ASSAULT").trigger == "اقتحموا"
    # the armed forces are an army, not gunmen
    text = "قالت القوات المسلحة المصرية إنها تستهدف مواقع المتشددين في شمال سيناء بالطائرات."
    assert any(h.type == "FIGHT" and h.trigger == "تستهدف" for h in coded(coder, text))
    # gunmen's positions hit by warplanes: the gunmen are the target, the strike stays combat
    text = "واستهدف الطيران الحربي مواقع المسلحين في ريف حماة."
    assert any(h.type == "FIGHT" and h.trigger == "واستهدف" for h in coded(coder, text))


def test_a_body_named_by_common_nouns_after_the_verb_is_its_subject(coder):
    # "مجلس الأمن الدولي" is unrecognised: the Houthis after it are called on, never the callers
    text = "وطالب مجلس الأمن الدولي الحوثيين بالانسحاب من المدن التي سيطروا عليها."
    ms = [mention(text, "الحوثيين", "ORG", "Houthis")]
    hit = one(coder, text, "DEMAND", ms)
    assert hit.actors == [] and hit.targets == ["Houthis"]
    # a head alone before a name is the name's own title or its genitive's head: the name still acts
    text = "قصفت قوات النظام السوري مدينة دوما بالبراميل المتفجرة."
    ms = [mention(text, "النظام السوري", "ORG", "Syrian regime"), mention(text, "دوما", "LOC", "Douma")]
    assert one(coder, text, "FIGHT", ms).actors == ["Syrian regime"]


def test_gunmen_opening_fire_is_an_assault(coder):
    text = "وأفاد شهود عيان بأن مسلحين مجهولين أطلقوا النار على دورية للشرطة في مدينة العريش."
    assert one(coder, text, "ASSAULT").trigger == "أطلقوا النار"