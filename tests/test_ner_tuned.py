"""The fine-tuned E5 NER model (`ner/tuned.py`): numpy inference gives the log-probabilities the torch
training code gives for the same weights, on Turkish and Arabic sentences; a bad model file is a named error."""

import numpy as np
import pytest

from dragoman.ner.contextual import ContextualRecogniser, TAGS
from dragoman.ner.trained import ModelError
from dragoman.ner.tuned import TUNED_FILE

SENTENCES = [
    "Cumhurbaşkanı Erdoğan , Ankara'da NATO Genel Sekreteri Jens Stoltenberg ile görüştü .".split(),
    "التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الأمريكي في الرياض .".split(),
    "Kısa .".split(),
]


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    torch = pytest.importorskip("torch")
    from dragoman.ner.encoder import encoder
    from dragoman.ner.train import finetune
    from dragoman.ner.tuned import Tuned
    enc = encoder()
    model = finetune.Model(enc, base=7, top=2, seed=3)
    gen = torch.Generator().manual_seed(5)
    with torch.no_grad():
        for p in [*model.layers.parameters(), *model.out.parameters()]:
            # moved off E5's weights (so the file's layers must be the ones run), then rounded as saved
            p.add_(torch.randn(p.shape, generator=gen) * 0.02 * p.abs().mean())
            p.copy_(p.half().float())
    trans = np.log(np.full((len(TAGS), len(TAGS)), 1 / len(TAGS)))
    path = tmp_path_factory.mktemp("tuned") / TUNED_FILE
    finetune.save(path, model.arrays(), trans, 1.0)
    return model, enc, Tuned(path, enc)


def test_numpy_inference_matches_torch(pair):
    from dragoman.ner.train import finetune
    model, enc, tuned = pair
    expected = finetune.sentence_log_probs(model, enc, SENTENCES)
    got = tuned.log_probs(SENTENCES)
    assert tuned.encoder.depth == 9 and enc.depth == 12        # layers above base + top are not run
    for words, a, b in zip(SENTENCES, expected, got):
        assert a.shape == b.shape == (len(words), len(TAGS))
        assert np.abs(a - b).max() < 2e-3
        assert (a.argmax(axis=1) == b.argmax(axis=1)).all()


def test_missing_or_damaged_model_is_a_named_error(tmp_path):
    np.savez(tmp_path / TUNED_FILE, base=np.int64(8))
    with pytest.raises(ModelError, match=f"{TUNED_FILE}.*cannot be read"):
        ContextualRecogniser("tr", tmp_path)
    np.savez(tmp_path / TUNED_FILE, base=np.int64(11), layers=np.int64(3), out_w=np.zeros((384, 7)),
             out_b=np.zeros(7), trans=np.zeros((7, 7)), w=np.float32(1))
    with pytest.raises(ModelError, match="stacks 3 layers on layer 11"):
        ContextualRecogniser("tr", tmp_path)


def test_reweigh_rechooses_only_the_transition_weight_on_dev(pair, tmp_path, monkeypatch):
    from dragoman.eval.ner import Doc
    from dragoman.ner.train import finetune
    from dragoman.ner.train.contextual import corpus_words, word_tags
    from dragoman.ner.train.corpora import Split
    model, enc, _ = pair
    trans = np.log(np.full((len(TAGS), len(TAGS)), 1 / len(TAGS)))
    trans[:, 0] += 2.0                     # at weight 1 everything leans to O: the weights must differ
    finetune.save(tmp_path / TUNED_FILE, model.arrays(), trans, 1.0)
    texts = [("Kemal Kılıçdaroğlu Ankara'da konuştu .", [(0, 18, "PER"), (19, 28, "LOC")]),
             ("Birleşmiş Milletler Cenevre'de toplandı .", [(0, 19, "ORG"), (20, 30, "LOC")])]
    dev = [Doc(str(i), text, gold) for i, (text, gold) in enumerate(texts)]
    monkeypatch.setattr(finetune, "split", lambda lang, data: Split([], dev, {}, []))
    before = dict(np.load(tmp_path / TUNED_FILE))
    result = finetune.reweigh("tr", "unused", tmp_path, log=lambda line: None)
    after = dict(np.load(tmp_path / TUNED_FILE))
    assert result["was"] == 1.0 and result["transition_weight"] in finetune.TRANSITION_WEIGHTS
    assert float(after["w"]) == result["transition_weight"]
    assert all(np.array_equal(before[k], after[k]) and before[k].dtype == after[k].dtype for k in before if k != "w")
    words = [corpus_words(d.text) for d in dev]
    lps = finetune.sentence_log_probs(model, enc, [[w for _, _, w in ws] for ws in words])
    golds = [word_tags(ws, d.gold) for ws, d in zip(words, dev)]
    best = max(finetune.tags_f1(lps, golds, trans * w) for w in finetune.TRANSITION_WEIGHTS)
    assert abs(result["dev_f1"] - best) < 1e-4 and result["dev_f1"] >= result["dev_f1_was"]


def test_training_goes_on_from_a_saved_model_with_the_same_layers(pair, tmp_path):
    from dragoman.errors import DragomanError
    from dragoman.ner.train import finetune
    model, enc, tuned = pair
    trans = np.zeros((len(TAGS), len(TAGS)))
    finetune.save(tmp_path / TUNED_FILE, model.arrays(), trans, 0.0)
    again = finetune.Model(enc, base=7, top=2, seed=11)       # other seed: E5's layers, another output layer
    assert not np.allclose(again.arrays()["out_w"], model.arrays()["out_w"])
    again.load(tmp_path / TUNED_FILE)
    for key, value in model.arrays().items():
        assert np.allclose(again.arrays()[key], value, atol=1e-6), key
    got = finetune.sentence_log_probs(again, enc, SENTENCES[:1])[0]
    assert np.abs(got - tuned.log_probs(SENTENCES[:1])[0]).max() < 2e-3
    with pytest.raises(DragomanError, match="2 layers over layer 7, not 2 over 6"):
        finetune.Model(enc, base=6, top=2, seed=11).load(tmp_path / TUNED_FILE)
