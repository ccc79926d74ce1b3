"""Arabic, Russian, Turkish and French event coding: trigger lexicons, morphology and word-order participants."""

import pytest

from dragoman.events import EventCoder, EventHit, MentionRef, SentenceInput
from dragoman.events.multilingual import fold, lexicon


def top(coder: EventCoder, text: str, lang: str, mentions: list[MentionRef] | None = None) -> EventHit:
    best = EventCoder.top(coder.code([SentenceInput(text, 0, mentions or [])], lang))
    assert best is not None, f"no event in {text!r}"
    return best


# The Benghazi visit of 22 August in each language; names come from the term base when no mentions are given.
VISITS = [
    ("ar", "زار نائب وزير الدفاع الروسي يونس بك يفكوروف خليفة حفتر في بنغازي يوم 22 أغسطس.", "visit"),
    ("ar", "استقبل المشير خليفة حفتر نائب وزير الدفاع الروسي يونس بك يفكوروف في بنغازي.", "host"),
    ("ru", "Замминистра обороны России Юнус-Бек Евкуров посетил Халифу Хафтара в Бенгази 22 августа.", "visit"),
    ("ru", "Юнус-Бек Евкуров встретился с Халифой Хафтаром в Бенгази.", "visit"),
    ("tr", "Rusya Savunma Bakan Yardımcısı Yevkurov, Bingazi'de Hafter ile görüştü.", "visit"),
    ("tr", "Yevkurov, Bingazi'de Hafter ile bir araya geldi.", "visit"),
    ("fr", "Le vice-ministre russe de la Défense Iounous-Bek Ievkourov a rencontré Khalifa Haftar à Benghazi.",
     "visit"),
    ("fr", "Iounous-Bek Ievkourov s'est rendu à Benghazi où il a rencontré Haftar.", "visit"),
]


@pytest.mark.parametrize("lang, text, mode", VISITS)
def test_the_visit_in_four_languages(coder, lang, text, mode):
    hit = top(coder, text, lang)
    assert (hit.type, hit.mode) == ("CONSULT", mode)
    assert text[hit.trigger_start:hit.trigger_end] == hit.trigger
    people = set(hit.actors) | set(hit.targets)
    if mode == "host":                                 # "استقبل X Y": X hosts Y
        assert hit.actors == ["Khalifa Haftar"] and hit.targets == ["Yunus-Bek Yevkurov"]
    else:
        assert hit.actors == ["Yunus-Bek Yevkurov"]
        assert "Khalifa Haftar" in people or hit.place == "Benghazi"
    assert hit.place in ("Benghazi", None)


def test_places_are_not_targets(coder):
    hit = top(coder, "Yevkurov, Bingazi'de Hafter ile görüştü.", "tr")
    assert hit.targets == ["Khalifa Haftar"] and hit.place == "Benghazi"
    hit = top(coder, "Хафтар принял в Бенгази замминистра обороны России Юнус-Бека Евкурова.", "ru")
    assert hit.mode == "host" and hit.actors == ["Khalifa Haftar"] and hit.place == "Benghazi"
    assert hit.targets == ["Yunus-Bek Yevkurov"]             # not "Russia", which is part of his title


@pytest.mark.parametrize("lang, text, kind, actor", [
    ("ar", "سلمت روسيا أسلحة إلى قوات حفتر عبر ميناء طبرق.", "AID", "Russia"),
    ("ar", "نشرت روسيا قوات إضافية في قاعدة الجفرة الجوية.", "MOBILIZE", "Russia"),
    ("ru", "Москва продолжает поставки оружия Хафтару через Сирию.", "AID", "Moscow"),
    ("ru", "Россия перебросила в Ливию дополнительные силы.", "MOBILIZE", "Russia"),
    ("ru", "Минобороны России перебросило в Ливию новые подразделения.", "MOBILIZE", None),
    ("tr", "Rusya, Hafter'e silah sevkiyatını sürdürdü.", "AID", "Russia"),
    ("tr", "Rusya, Libya'ya ek asker gönderdi.", "MOBILIZE", "Russia"),
    ("fr", "Moscou a livré des armes à Haftar via la Syrie.", "AID", "Moscow"),
    ("fr", "La Russie a déployé des mercenaires en Libye.", "MOBILIZE", "Russia"),
])
def test_arms_deliveries_and_deployments(coder, lang, text, kind, actor):
    hit = top(coder, text, lang)
    assert hit.type == kind
    if actor:
        assert hit.actors == [actor]


@pytest.mark.parametrize("lang, text", [
    ("ar", "لم يزر يفكوروف طرابلس خلال جولته."),
    ("ru", "Евкуров не посетил Триполи."),
    ("fr", "Ievkourov ne s'est pas rendu à Tripoli."),
])
def test_negation_flags_and_lowers_confidence(coder, lang, text):
    hit = top(coder, text, lang)
    assert hit.type == "CONSULT" and hit.negated and hit.confidence < 0.5


@pytest.mark.parametrize("lang, text, kind", [
    ("ar", "طالب المجلس الرئاسي موسكو بسحب عناصر فاغنر من البلاد.", "DEMAND"),
    ("ar", "هدد حفتر باستئناف العمليات العسكرية ضد طرابلس.", "THREATEN"),
    ("ar", "وقعت تركيا وليبيا اتفاقية للتعاون العسكري.", "SUPPORT"),
    ("ar", "سوف يزور حفتر موسكو الشهر المقبل.", "AGREE"),             # an announced visit is AGREE
    ("ar", "سيزور حفتر موسكو الشهر المقبل.", "AGREE"),
    ("ru", "Хафтар намерен посетить Москву в сентябре.", "AGREE"),
    ("tr", "Hafter gelecek ay Moskova'yı ziyaret edecek.", "AGREE"),
    ("fr", "Haftar compte se rendre à Moscou en septembre.", "AGREE"),
    ("ru", "Дбейба потребовал от Москвы вывести наемников.", "DEMAND"),
    ("ru", "Россия и Ливия подписали соглашение о военном сотрудничестве.", "SUPPORT"),
    ("ru", "Хафтар пригрозил возобновить наступление на Триполи.", "THREATEN"),
    ("tr", "Türkiye ve Libya askeri işbirliği anlaşması imzaladı.", "SUPPORT"),
    ("tr", "Hafter, Trablus'a yönelik saldırıları yeniden başlatmakla tehdit etti.", "THREATEN"),
    ("fr", "Dbeibah a exigé le départ des mercenaires russes.", "DEMAND"),
    ("fr", "Washington a imposé des sanctions à deux sociétés russes.", "SANCTION"),
])
def test_other_types(coder, lang, text, kind):
    assert top(coder, text, lang).type == kind


def test_arabic_clitics_gender_and_number_find_the_same_trigger(coder):
    for text in ("وزار يفكوروف بنغازي.", "زارت الوزيرة بنغازي.", "وزاروا بنغازي أمس.", "فالتقى حفتر يفكوروف.",
                 "تستقبل بنغازي الوفد الروسي.", "وخلال زيارته إلى بنغازي التقى حفتر."):
        assert top(coder, text, "ar").type == "CONSULT", text


def test_russian_genders_plural_and_aspect(coder):
    for text in ("Евкуров посетил Бенгази.", "Делегация посетила Бенгази.", "Министры посетили Бенгази.",
                 "Министерство посетило Бенгази.", "Хафтар встречается с послом.", "Они встретились в Москве."):
        assert top(coder, text, "ru").type == "CONSULT", text


def test_turkish_suffixes(coder):
    for text in ("Yevkurov Bingazi'yi ziyaret etti.", "Heyet Bingazi'yi ziyaret edecek.",
                 "Bakanlar Ankara'da görüştüler.", "Hafter ile görüşmesinde silah konusu ele alındı."):
        assert top(coder, text, "tr").type in ("CONSULT", "AGREE"), text


def test_coordinated_actors(coder):
    hit = top(coder, "Шойгу и Хафтар провели переговоры в Москве.", "ru")
    # talks are held in Moscow, not with it: the two named parties are one side each (session 10)
    assert hit.actors == ["Sergei Shoigu"] and hit.targets == ["Khalifa Haftar"] and hit.place == "Moscow"
    hit = top(coder, "Шойгу и Хафтар посетили Москву.", "ru")
    assert hit.actors == ["Sergei Shoigu", "Khalifa Haftar"]


def test_caller_mentions_are_used_as_given(coder):
    text = "Le général Dupont a rencontré la ministre Martin à Niamey."
    names = [MentionRef(text.index("Dupont"), text.index("Dupont") + 6, "PER", "Jean Dupont"),
             MentionRef(text.index("Martin"), text.index("Martin") + 6, "PER", None),
             MentionRef(text.index("Niamey"), text.index("Niamey") + 6, "LOC", "Niamey")]
    hit = top(coder, text, "fr", names)
    assert hit.actors == ["Jean Dupont"] and hit.targets == ["Martin"] and hit.place == "Niamey"


def test_twenty_names_and_unknown_languages(coder):
    names = " ، ".join(f"الشخص{i}" for i in range(20))
    assert coder.code([SentenceInput(f"التقى {names} في بنغازي.")], "ar")
    russian = ", ".join(f"Иван{i} Петров" for i in range(20)) + " встретились в Москве."
    hit = top(coder, russian, "ru")
    assert hit.type == "CONSULT"
    assert coder.code([SentenceInput("Es wurde nichts vereinbart.")], "de") == []


def test_folding_keeps_offsets():
    folded, origin = fold("İstanbul’da أَحْمَد")
    assert folded.startswith("istanbul'da") and len(origin) == len(folded)
    assert all(0 <= o < len("İstanbul’da أَحْمَد") for o in origin)


def test_every_language_lexicon_loads():
    for lang in ("ar", "ru", "tr", "fr"):
        lex = lexicon(lang)
        assert len(lex.triggers) > 100 and lex.order in ("SVO", "VSO", "SOV")
        kinds = {t.type for t in lex.triggers}
        assert {"CONSULT", "AID", "MOBILIZE", "DEMAND", "THREATEN", "SANCTION", "ASSAULT"} <= kinds
