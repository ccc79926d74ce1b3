"""The model-backed recognisers: spaCy for English, natasha for Russian, each with term-base supplements."""

import pytest

from dragoman.ner import Recogniser
from dragoman.vocab.termbase import TermBase

RU_VISIT = ("Замминистра обороны Юнус-Бек Евкуров провёл в Бенгази переговоры с Халифой Хафтаром, а бойцы "
            "ЧВК «Вагнер» остались на авиабазе Эль-Джуфра в Ливии.")
RU_MOSCOW = "Хафтар прилетел в Москву, где его принял министр обороны Сергей Шойгу, сообщили в Минобороны России."
EN_VISIT = ("Field Marshal Khalifa Haftar hosted Deputy Defence Minister Yunus-Bek Yevkurov in Benghazi, the "
            "Russian Ministry of Defence said, weeks after Wagner Group founder Yevgeny Prigozhin died.")


@pytest.fixture(scope="module")
def recogniser():
    return Recogniser()


def spans_of(recogniser, texts, lang):
    out = recogniser.recognise(texts, lang)
    for text, spans in zip(texts, out):
        assert all(text[s.start:s.end] == s.text for s in spans)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    return out


def test_russian_spans_labels_and_normal_forms(recogniser):
    [spans] = spans_of(recogniser, [RU_VISIT], "ru")
    got = {s.text: (s.label, s.normal) for s in spans}
    assert got["Юнус-Бек Евкуров"] == ("PER", "Юнус-Бек Евкуров")
    assert got["Халифой Хафтаром"] == ("PER", "Халифа Хафтар")
    assert got["Ливии"] == ("LOC", "Ливия")
    assert got["ЧВК «Вагнер»"][0] == "ORG"                    # natasha splits it; the term base joins it
    assert "ЧВК" not in got and "Вагнер" not in got


def test_russian_normal_forms_without_the_term_base():
    bare = Recogniser(termbase=TermBase([]))
    [a, b] = spans_of(bare, [RU_VISIT, RU_MOSCOW], "ru")
    assert {s.text: s.normal for s in a}["Халифой Хафтаром"] == "Халифа Хафтар"
    got = {s.text: (s.label, s.normal) for s in b}
    assert got["Москву"] == ("LOC", "Москва")
    assert got["Сергей Шойгу"] == ("PER", "Сергей Шойгу")
    assert all(s.source.split("+")[0] == "natasha" for s in a + b)      # the rules may only agree (Минобороны России)


def test_russian_normaliser_agrees_case_and_keeps_genitive_tails():
    from dragoman.ner.russian import RussianRecogniser
    r = RussianRecogniser()
    cases = {("Ливийской национальной армией", "ORG"): "Ливийская национальная армия",
             ("Министерства обороны России", "ORG"): "Министерство обороны России",
             ("Северной Африке", "LOC"): "Северная Африка",
             ("Сергеем Шойгу", "PER"): "Сергей Шойгу",
             ("Евгения Пригожина", "PER"): "Евгений Пригожин",
             ("Кори Шульман", "PER"): "Кори Шульман",
             ("США", "LOC"): "США"}
    for (surface, label), normal in cases.items():
        assert r.normal(surface, label) == normal, surface


def test_english_spacy_with_term_base_concepts(recogniser):
    [spans] = spans_of(recogniser, [EN_VISIT], "en")
    got = {s.text: s for s in spans}
    assert got["Khalifa Haftar"].label == "PER" and got["Khalifa Haftar"].concept == "khalifa-haftar"
    assert got["Yunus-Bek Yevkurov"].label == "PER" and got["Benghazi"].label == "LOC"
    assert got["Yevgeny Prigozhin"].label == "PER"
    assert "Defence" not in got                     # inside a title, not a name
    assert not any(s.text.startswith("the ") for s in spans)


def test_english_batch_keeps_texts_apart(recogniser):
    texts = ["Vladimir Putin met Haftar in Moscow.", "", "Sergei Shoigu spoke."]
    out = spans_of(recogniser, texts, "en")
    assert [s.text for s in out[0]] == ["Vladimir Putin", "Haftar", "Moscow"]
    assert out[1] == [] and [s.text for s in out[2]] == ["Sergei Shoigu"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_model_languages_survive_empty_garbage_and_huge_texts(recogniser, lang):
    garbage = "\x00\ufffd)) «» — … ###\n\n\u200f" + "ЧВК «" * 3
    huge = (RU_VISIT if lang == "ru" else EN_VISIT) + " " + "слово " * 20000
    out = recogniser.recognise(["", garbage, huge], lang)
    assert out[0] == [] and len(out) == 3
    assert all(huge[s.start:s.end] == s.text for s in out[2])


def test_models_load_once_per_recogniser(recogniser):
    first = recogniser._engine("ru")
    recogniser.recognise(["Хафтар прибыл в Москву."], "ru")
    assert recogniser._engine("ru") is first
    from dragoman.ner import english, russian
    assert english.load() is english.load() and russian.load() is russian.load()
    assert english.load().pipe_names == ["tok2vec", "ner"]


def test_russian_embedding_is_natashas_with_similarity_tables_computed_on_first_use():
    import numpy
    from natasha import NewsEmbedding

    from dragoman.ner.russian import embedding
    ours, natashas = embedding(), NewsEmbedding()
    for word in ("москва", "министр", "<unk>"):
        assert numpy.array_equal(ours[word], natashas[word])
    assert numpy.array_equal(ours.pq.indexes, natashas.pq.indexes)
    assert ours.pq.sim(1, 2) == natashas.pq.sim(1, 2)
    assert numpy.array_equal(ours.pq.norm, natashas.pq.norm)
