"""Arabic lede shapes (issue 13, session 8), on sentences we wrote: Gulf honorifics before a name open the
subject, a place adjunct between the subject and the object leaves the person after it the object, and a
preposition inside a phrase form takes only its pronoun endings."""

import pytest

from dragoman.events import EventCoder
from event_sentences import mention, sentence_coders

coded, one = sentence_coders("ar")


@pytest.fixture(scope="module")
def coder():
    return EventCoder()


def test_honorifics_open_the_subject_and_a_place_adjunct_leaves_the_object(coder):
    text = "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في جدة أمس وزير الخارجية الأمريكي جون كيري."
    ms = [mention(text, "سلمان بن عبدالعزيز"), mention(text, "جون كيري")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["سلمان بن عبدالعزيز"] and hit.targets == ["جون كيري"] and hit.assigned
    # the town recognised as a place, written with its clitic
    text = "استقبل صاحب السمو الملكي الأمير محمد بن نايف بالرياض اليوم السفير البريطاني سايمون كوليس."
    ms = [mention(text, "محمد بن نايف"), mention(text, "الرياض", "LOC", "Riyadh"), mention(text, "سايمون كوليس")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.actors == ["محمد بن نايف"] and hit.targets == ["سايمون كوليس"]
    # a definite town before a time word
    text = "استقبل الرئيس المصري عبدالفتاح السيسي في القاهرة أمس وزير الخارجية الأمريكي جون كيري."
    ms = [mention(text, "عبدالفتاح السيسي"), mention(text, "جون كيري")]
    assert one(coder, text, "CONSULT", ms).targets == ["جون كيري"]


def test_a_place_adjunct_does_not_make_a_later_name_the_object(coder):
    # "في الجامعة" opens no adjunct before a time word: the name after it is inside another phrase
    text = "التقى الوزير أحمد الصالح في مقر الأمم المتحدة الأمين العام بان كي مون."
    ms = [mention(text, "أحمد الصالح"), mention(text, "الأمم المتحدة", "ORG"), mention(text, "بان كي مون")]
    hit = one(coder, text, "CONSULT", ms)
    assert hit.targets != ["الأمم المتحدة"]


def test_a_preposition_in_a_phrase_form_is_no_start_of_another_word(coder):
    # "يبحث ~8 مع": "معين" (a certain) is no "مع"
    text = "الزائر الذي يبحث بالكلمات الطويلة لديه هدف معين يحاول الوصول إلى نتيجة."
    assert not [h for h in coded(coder, text) if h.trigger.startswith("يبحث")]
    text = "يبحث وزير الخارجية عادل الجبير معه تطورات الأزمة اليمنية."
    ms = [mention(text, "عادل الجبير")]
    assert one(coder, text, "CONSULT", ms).trigger.startswith("يبحث")
