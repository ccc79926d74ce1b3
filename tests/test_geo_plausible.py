"""Words that look like places but are not, in the four languages (sentences written for these tests)."""

from dragoman.geo.plausible import Others, common_word, is_acronym, plausible_name, roman_numeral, zipf
from dragoman.geo.resolve import resolve
from dragoman.geo.spot import spot


def found(text, lang, gaz, **kw):
    return {r.text: r for r in resolve(text, spot(text, lang, gaz, **kw), gaz, lang=lang)}


def test_common_words_are_not_towns(gaz):
    ar = ("وقال في بيان صدر ليل الأحد إن المحادثات حول البرنامج النووي ستنتقل إلى جنيف، "
          "بينما وصل الوفد إلى طهران.")
    places = found(ar, "ar", gaz)
    assert not {"بيان", "ليل", "النووي", "إلى"} & set(places)        # statement, night, nuclear, to
    assert places["طهران"].country == "IR"
    tr = ("Hatta Ankara'daki toplantıya katılmadı. Zira Ben de oradaydım, dedi. Heyet daha sonra "
          "Mardin'e ve Ordu'ya geçti.")
    places = found(tr, "tr", gaz)
    assert not {"Hatta", "Zira", "Ben"} & set(places)                  # even, because, I
    assert places["Ankara"].country == "TR" and places["Ordu"].country == "TR" and places["Mardin"].country == "TR"
    fr = "Cela concerne l'Union européenne, a-t-on dit à Paris comme à Nice."
    places = found(fr, "fr", gaz)
    assert "Cela" not in places and "Union" not in places
    assert places["Paris"].country == "FR" and places["Nice"].country == "FR"


def test_people_acronyms_and_adjectives(gaz):
    ar = "التقى وزير الخارجية الأمريكي جون كيري نظيره في الدوحة، وقال كيري إن المعارضة السورية مستعدة."
    kerry = ar.index("جون كيري")
    others = Others.from_mentions([(kerry, kerry + len("جون كيري"), "PER", "جون كيري")])
    places = found(ar, "ar", gaz, exclude=others.spans, persons=others.person_words)
    assert "كيري" not in places and "السورية" not in places             # Kerry, "Syrian"
    assert places["الدوحة"].country == "QA"
    tr = "Ekrem İmamoğlu, İBB adına konuştu. İmamoğlu'nun açıklaması BAE ve Katar'da da yankı buldu."
    start = tr.index("Ekrem")
    others = Others.from_mentions([(start, start + len("Ekrem İmamoğlu"), "PER", "Ekrem İmamoğlu")])
    places = found(tr, "tr", gaz, exclude=others.spans, persons=others.person_words)
    assert "İmamoğlu" not in places and "İBB" not in places
    assert places["BAE"].country == "AE" and places["Katar"].country == "QA"


def test_names_from_ner_pass_the_same_checks(gaz):
    def ok(text, name, lang, others=Others(), home=frozenset()):
        start = text.index(name)
        return plausible_name(text, (start, start + len(name)), lang, gaz, others, home)

    assert not ok("на сирийско-турецкой границе", "сирийско", "ru")                        # lower case
    assert not ok("Orada bekledik.", "Orada", "tr", home=frozenset({"TR"}))                  # "there"
    assert not ok("İBB açıklama yaptı.", "İBB", "tr", home=frozenset({"TR"}))
    assert not ok("au XXe siècle", "XXe", "fr", home=frozenset({"FR"}))                      # the 20th century
    mid = "Глава МИД Ирана заявил"
    assert not ok(mid, "Ирана", "ru", Others(((mid.index("МИД"), mid.index(" заявил")),)))
    assert not ok("Посольство заявил МИД Ирана", "Ирана", "ru")                              # a ministry's head word
    assert not ok("تخوض المعارضة السورية معارك", "سورية", "ar")        # the article left out: still "Syrian"
    assert not ok("أقيمت قاعدة أميركية في البلاد", "قاعدة أميركية", "ar")                   # a description
    assert not ok("الأمين العام لحزب نداء تونس", "تونس", "ar")                              # Nidaa Tounes party
    assert ok("Переговоры прошли в Ливии.", "Ливии", "ru", home=frozenset({"RU"}))
    assert ok("Делегация ОАЭ прибыла", "ОАЭ", "ru", home=frozenset({"RU"}))
    assert ok("زار الوفد تونس أمس", "تونس", "ar")


def test_word_checks():
    assert zipf("İstanbul", "tr") > 3 and common_word("Ben", "tr") and not common_word("Benghazi", "en")
    assert is_acronym("BAE") and not is_acronym("Bae") and roman_numeral("XIXe") and not roman_numeral("Xi")
