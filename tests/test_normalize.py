import unicodedata

from dragoman.text.normalize import fold, fold_with_offsets, light, script_of


def test_arabic_folding_matches_every_written_variant():
    assert fold("حَفْتَر") == fold("حفتر")                  # harakat
    assert fold("الروســية") == fold("الروسية")              # tatweel
    assert fold("أعلنت") == fold("اعلنت") == fold("إعلنت")   # alef with hamza
    assert fold("القرية") == fold("القريه")                  # ta marbuta
    assert fold("مستشفى") == fold("مستشفي")                  # alef maqsura


def test_russian_folding_handles_yo_and_case():
    assert fold("ШОЙГУ") == fold("Шойгу") == "шойгу"
    assert fold("ещё") == fold("еще") and fold("Ёлка") == fold("елка")


def test_offsets_point_back_into_the_original():
    original = "قال حَفْتَر"
    folded, offsets = fold_with_offsets(original)
    at = folded.find("حفتر")
    assert original[offsets[at]] == "ح"
    assert len(folded) == len(offsets)


def test_script_detection():
    assert script_of("حفتر") == "arabic" and script_of("Хафтар") == "cyrillic" and script_of("Haftar") == "latin"


def test_remembered_folds_give_the_same_text_and_offsets_every_time():
    from dragoman.events.participants import fold as event_fold
    original = "Straße İstanbul'da ﻻ حَفْتَر Ёлка"   # ß → ss, İ → i + dot, ligature, harakat, ё
    first = fold_with_offsets(original)
    assert first == fold_with_offsets(original)
    folded, offsets = first
    assert folded.startswith("strasse i\u0307stanbul'da ") and fold("Ёлка") in folded
    assert offsets[4] == offsets[5] == 4                    # both s of ß point at ß
    text, origin = event_fold(original)
    assert (text, origin) == event_fold(original)
    assert text.startswith("strasse istanbul'da ") and len(origin) == len(text)


def test_folding_skips_the_table_only_where_no_character_needs_it():
    # English with typographic quotes (no Arabic or ё): NFKC and case only; the same page with an Arabic
    # quotation and a Russian name is folded as before.
    english = "The “Wagner” group left Sirte — officials said ﬁve units moved."
    assert fold(english) == unicodedata.normalize("NFKC", english).casefold()
    assert light(english) == fold(english)
    mixed = english + " قال المُشير: «سنُقاتل» — Семёнов"
    assert fold(mixed).endswith("قال المشير: «سنقاتل» — семенов")
    assert light(mixed).endswith("قال المشير: «سنقاتل» — семенов")
    assert fold("مدرسة أُمّ") == "مدرسه ام" and light("مدرسة أُمّ") == "مدرسة أم"
