"""The model registry and the CTranslate2 engine, on tiny random models built and converted here (no download).

The models translate nothing sensible: these tests check the plumbing (validation, loading once, batches,
order, empty sentences, truncation, provenance, the cache), never quality.
"""

import json
import os
import shutil
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest

from dragoman.translate import CachedEngine, EngineError, ModelRegistry, TranslationCache, cache_key
from dragoman.translate.ct2 import CTranslate2Engine, _detokenize

pytest.importorskip("torch")
pytest.importorskip("transformers")

ARABIC = ["وصلت طائرات شحن روسية إلى قاعدة الجفرة الجوية", "قال المتحدث باسم الجيش إن الطائرات هبطت ليلا",
          "أعلنت وزارة الدفاع التركية إرسال فرقاطتين", "التقى الرئيس بالمشير خليفة حفتر في العاصمة",
          "نفت الحكومة وجود مرتزقة أجانب في سرت", "أكدت مصادر محلية سماع انفجارات قرب المطار"]
ENGLISH = ["Russian cargo planes arrived at al-Jufra air base", "The army spokesman said the planes landed at night",
           "The Turkish defence ministry announced sending two frigates", "The president met Marshal Haftar in the capital",
           "The government denied foreign mercenaries were in Sirte", "Local sources heard explosions near the airport"]
OTHERS = ["Российские военно-транспортные самолёты прибыли на авиабазу", "Türk savunma bakanlığı iki fırkateyn gönderdi",
          "Le ministère des Armées a confirmé l'envoi de deux frégates"]
NLLB_LANGS = ["arb_Arab", "rus_Cyrl", "tur_Latn", "fra_Latn", "eng_Latn"]
TINY = dict(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
            encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=1100)


def _train_spm(lines, prefix: Path, vocab_size: int = 80, **kw) -> None:
    import sentencepiece as spm
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines * 5), model_prefix=str(prefix), vocab_size=vocab_size,
                                   character_coverage=1.0, hard_vocab_limit=False, minloglevel=2, **kw)


def _build_marian(base: Path) -> tuple[Path, Path]:
    """A random Marian model in Transformers format (hf/) and converted by CTranslate2 (opus-mt-ar-en/)."""
    import sentencepiece as spm
    import torch
    from ctranslate2.converters import TransformersConverter
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer
    hf = base / "hf-opus-mt-ar-en"
    hf.mkdir()
    # Marian's layout: source.spm, target.spm and one vocab.json shared by both sides, </s>=0, <unk>=1, <pad> last.
    for name, lines in (("source", ARABIC), ("target", ENGLISH)):
        _train_spm(lines, base / name, model_type="unigram", eos_id=0, unk_id=1, bos_id=-1, pad_id=-1)
        shutil.copy(base / f"{name}.model", hf / f"{name}.spm")
    vocab = {"</s>": 0, "<unk>": 1}
    for name in ("source", "target"):
        sp = spm.SentencePieceProcessor(model_file=str(hf / f"{name}.spm"))
        for i in range(sp.get_piece_size()):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    (hf / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    MarianTokenizer(source_spm=str(hf / "source.spm"), target_spm=str(hf / "target.spm"),
                    vocab=str(hf / "vocab.json")).save_pretrained(hf)
    pad = len(vocab) - 1
    config = MarianConfig(vocab_size=len(vocab), pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
                          forced_eos_token_id=0, **TINY)
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(hf)
    out = base / "opus-mt-ar-en"
    TransformersConverter(str(hf), copy_files=["source.spm", "target.spm"]).convert(str(out))
    return hf, out


def _build_nllb(base: Path) -> Path:
    """A random M2M-100 (NLLB architecture) model with five NLLB language codes, converted by CTranslate2."""
    import sentencepiece as spm
    import torch
    from ctranslate2.converters import TransformersConverter
    from transformers import M2M100Config, M2M100ForConditionalGeneration
    hf = base / "hf-nllb"
    hf.mkdir()
    _train_spm(ARABIC + ENGLISH + OTHERS, hf / "sentencepiece.bpe", vocab_size=160, model_type="bpe")
    sp = spm.SentencePieceProcessor(model_file=str(hf / "sentencepiece.bpe.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    tokens = ["<s>", "<pad>", "</s>", "<unk>"] + [p for p in pieces if p not in ("<s>", "</s>", "<unk>")] + NLLB_LANGS
    config = M2M100Config(vocab_size=len(tokens), pad_token_id=1, bos_token_id=0, eos_token_id=2,
                          decoder_start_token_id=2, **TINY)
    torch.manual_seed(0)
    M2M100ForConditionalGeneration(config).save_pretrained(hf)

    class Converter(TransformersConverter):
        # transformers 5's NllbTokenizer cannot be built from a bare .model offline; the converter only
        # reads the vocabulary and special tokens, so hand it those.
        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            return SimpleNamespace(get_vocab=lambda: {t: i for i, t in enumerate(tokens)}, bos_token="<s>",
                                   eos_token="</s>", unk_token="<unk>", unk_token_id=3, num_madeup_words=0,
                                   special_tokens_map={"additional_special_tokens": NLLB_LANGS},
                                   convert_ids_to_tokens=lambda i: tokens[i])

    out = base / "nllb-tiny-ct2"
    Converter(str(hf), copy_files=["sentencepiece.bpe.model"]).convert(str(out))
    return out


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """{"hf": unconverted Marian folder, "marian": converted opus-mt-ar-en, "nllb": converted NLLB-style}."""
    base = tmp_path_factory.mktemp("mt-models")
    with pytest.MonkeyPatch.context() as mp, warnings.catch_warnings():
        warnings.simplefilter("ignore")      # "Recommended: pip install sacremoses"
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        hf, marian = _build_marian(base)
        nllb = _build_nllb(base)
    return {"hf": hf, "marian": marian, "nllb": nllb}


@pytest.fixture
def copy_model(tmp_path):
    def copy(src: Path, name: str) -> Path:
        return Path(shutil.copytree(src, tmp_path / "models" / name))
    return copy


class Spy:
    """Stands in for ctranslate2.Translator: counts loads and batches; `echo` returns the source pieces."""

    def __init__(self, real):
        self.real, self.loads, self.batches, self.echo = real, [], [], False

    def __call__(self, path, **kwargs):
        self.loads.append((path, kwargs))
        translator = self.real(path, **kwargs)
        spy = self

        class Wrapped:
            def translate_batch(self, batch, **kw):
                spy.batches.append((batch, kw))
                if not spy.echo:
                    return translator.translate_batch(batch, **kw)
                prefixes = kw.get("target_prefix") or [[]] * len(batch)
                return [SimpleNamespace(hypotheses=[p + [t for t in toks if t != "</s>" and t not in NLLB_LANGS]])
                        for p, toks in zip(prefixes, batch)]
        return Wrapped()


@pytest.fixture
def spy(monkeypatch):
    import ctranslate2
    spy = Spy(ctranslate2.Translator)
    monkeypatch.setattr(ctranslate2, "Translator", spy)
    return spy


@pytest.fixture
def registry(tmp_path, tiny):
    reg = ModelRegistry(tmp_path / "ws")
    reg.add(tiny["marian"])
    return reg


def engine(registry, **kw):
    return CTranslate2Engine(registry, **({"beam_size": 2, "batch_size": 4, "max_input_tokens": 50} | kw))


# --- the registry ------------------------------------------------------------------------------------------

def test_add_detects_kind_and_pair_and_stores_models_json(tmp_path, tiny):
    reg = ModelRegistry(tmp_path / "ws")
    info = reg.add(tiny["marian"])
    assert (info.kind, info.pair, info.sources, info.target, info.name) == ("marian", "ar-en", ("ar",), "en",
                                                                            "opus-mt-ar-en")
    assert info.version.startswith("bin-") and info.present
    stored = json.loads((tmp_path / "ws" / "models.json").read_text(encoding="utf-8"))
    assert [m["pair"] for m in stored["models"]] == ["ar-en"]
    assert reg.list() == [info] and reg.for_pair("ar", "en") == info
    assert reg.for_pair("ru", "en") is None and reg.for_pair("ar", "fr") is None


def _refusal(tmp_path, tiny, copy_model, case):
    reg = ModelRegistry(tmp_path / "ws")
    if case == "no folder":
        return reg.add(tmp_path / "nowhere")
    if case == "a file":
        (tmp_path / "model.bin").write_bytes(b"x")
        return reg.add(tmp_path / "model.bin")
    if case == "unconverted":
        return reg.add(tiny["hf"])
    if case == "no target.spm":
        folder = copy_model(tiny["marian"], "opus-mt-ar-en")
        (folder / "target.spm").unlink()
        return reg.add(folder)
    if case == "no model.bin":
        folder = copy_model(tiny["marian"], "opus-mt-ar-en")
        (folder / "model.bin").unlink()
        return reg.add(folder)
    if case == "no tokenizer":
        folder = copy_model(tiny["marian"], "opus-mt-ar-en")
        (folder / "source.spm").unlink()
        (folder / "target.spm").unlink()
        return reg.add(folder)
    if case == "target not en":
        return reg.add(tiny["marian"], pair="ar-fr")
    if case == "reversed folder":
        return reg.add(copy_model(tiny["marian"], "opus-mt-en-ar"))
    if case == "unknown language":
        return reg.add(tiny["marian"], pair="xx-en")
    if case == "no pair":
        return reg.add(copy_model(tiny["marian"], "my-model"))
    if case == "bad kind":
        return reg.add(tiny["marian"], kind="nllb")
    raise AssertionError(case)


@pytest.mark.parametrize("case, message", [
    ("no folder", "no such folder"),
    ("a file", "is a file, not a model folder"),
    ("unconverted", "looks like an unconverted Transformers model: convert it with ct2-transformers-converter "
                    "--model"),
    ("no target.spm", "target.spm is missing"),
    ("no model.bin", "model.bin is missing"),
    ("no tokenizer", "cannot tell the model kind"),
    ("target not en", "does not translate into English"),
    ("reversed folder", "pair en-ar does not translate into English"),
    ("unknown language", "unknown language 'xx'"),
    ("no pair", "pass --pair SRC-en"),
    ("bad kind", "sentencepiece.bpe.model is missing"),
])
def test_add_refuses_with_one_clear_line(tmp_path, tiny, copy_model, case, message):
    with pytest.raises(EngineError) as caught:
        _refusal(tmp_path, tiny, copy_model, case)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert ModelRegistry(tmp_path / "ws").list() == []


def test_unconverted_message_names_the_files_to_copy(tmp_path, tiny):
    with pytest.raises(EngineError, match="--copy_files source.spm target.spm"):
        ModelRegistry(tmp_path / "ws").add(tiny["hf"])


def test_pair_from_dragoman_model_json_and_pair_option(tmp_path, tiny, copy_model):
    folder = copy_model(tiny["marian"], "custom")
    (folder / "dragoman-model.json").write_text(json.dumps({"pair": "ru-en", "version": "2024.1",
                                                            "name": "tiny-ru"}), encoding="utf-8")
    reg = ModelRegistry(tmp_path / "ws")
    info = reg.add(folder)
    assert (info.pair, info.version, info.name) == ("ru-en", "2024.1", "tiny-ru")
    assert reg.add(copy_model(tiny["marian"], "opus-mt-xx-yy"), pair="tr-en").pair == "tr-en"
    assert reg.add(copy_model(tiny["marian"], "opus-mt-tc-big-ara-en-ct2-int8")).pair == "ar-en"
    assert sorted(m.pair for m in reg.list()) == ["ar-en", "ru-en", "tr-en"]


def test_same_pair_replaces_and_remove_by_pair_or_path(tmp_path, tiny, copy_model):
    reg = ModelRegistry(tmp_path / "ws")
    first = reg.add(tiny["marian"])
    second = reg.add(copy_model(tiny["marian"], "opus-mt-ar-en"))
    assert reg.list() == [second] and first.path != second.path
    reg.add(tiny["nllb"])
    assert reg.remove("ar-en") == second
    assert reg.remove(str(tiny["nllb"])).kind == "nllb"
    assert reg.list() == []
    with pytest.raises(EngineError, match="no registered model matches 'ar-en'"):
        reg.remove("ar-en")


def test_nllb_covers_the_languages_in_its_vocabulary_and_exact_pairs_win(tmp_path, tiny):
    reg = ModelRegistry(tmp_path / "ws")
    nllb = reg.add(tiny["nllb"])
    assert (nllb.kind, nllb.pair, nllb.sources) == ("nllb", "*-en", ("ar", "fr", "ru", "tr"))
    assert reg.for_pair("ru", "en") == nllb and reg.for_pair("fa", "en") is None
    marian = reg.add(tiny["marian"])
    assert reg.for_pair("ar", "en") == marian and reg.for_pair("tr", "en") == nllb
    with pytest.raises(EngineError, match="no pes_Arab code"):
        reg.add(tiny["nllb"], pair="fa-en")


def test_corrupt_registry_is_a_clear_error(tmp_path):
    (tmp_path / "models.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EngineError, match="unreadable model registry"):
        ModelRegistry(tmp_path).list()


# --- the CTranslate2 engine ---------------------------------------------------------------------------------

def test_model_loads_once_lazily_on_cpu(registry, spy):
    eng = engine(registry)
    assert spy.loads == [] and eng.pairs() == {("ar", "en")}
    eng.translate(ARABIC[:2], "ar")
    eng.translate(ARABIC[2:], "ar")
    assert len(spy.loads) == 1
    path, kwargs = spy.loads[0]
    assert path == str(registry.list()[0].path) and kwargs == {"device": "cpu", "compute_type": "default"}


def test_real_model_outputs_are_strings_with_provenance(registry, spy):
    eng = engine(registry)
    first = eng.translate(ARABIC[:3], "ar")
    again = eng.translate(ARABIC[:3], "ar")
    info = registry.list()[0]
    assert [o.text for o in first] == [o.text for o in again]
    assert all(isinstance(o.text, str) and o.text for o in first)
    assert {(o.engine, o.model, o.version, o.note) for o in first} == {("ctranslate2", "opus-mt-ar-en",
                                                                        info.version, None)}
    assert spy.batches[0][1]["beam_size"] == 2 and spy.batches[0][1]["max_batch_size"] == 4
    assert all(toks[-1] == "</s>" for toks in spy.batches[0][0])


def test_batches_keep_order_and_size(registry, spy):
    spy.echo = True
    sentences = [f"{ARABIC[i % 6]} {'ليلا ' * (i % 5)}".strip() for i in range(37)]
    outputs = engine(registry, batch_size=8).translate(sentences, "ar")
    assert len(outputs) == 37 and len(spy.batches) == 5
    assert [len(batch) for batch, _ in spy.batches] == [8, 8, 8, 8, 5]
    assert [o.text for o in outputs] == [" ".join(s.split()) for s in sentences]


def test_empty_sentences_never_reach_the_model(registry, spy):
    eng = engine(registry)
    assert [o.text for o in eng.translate(["", "   "], "ar")] == ["", ""]
    assert spy.loads == [] and eng.translate([], "ar") == []
    outputs = eng.translate(["", ARABIC[0], " \n "], "ar")
    assert outputs[0].text == outputs[2].text == "" and outputs[1].text
    assert [len(batch) for batch, _ in spy.batches] == [1]
    assert outputs[0].model == "opus-mt-ar-en"


def test_overlong_sentence_is_truncated_and_says_so(registry, spy):
    long = ("وصلت طائرات شحن روسية " * 1000)[:20_000]
    outputs = engine(registry, max_input_tokens=50).translate([long, ARABIC[1]], "ar")
    assert "truncated to its first 50 of" in outputs[0].note and outputs[1].note is None
    assert max(len(toks) for batch, _ in spy.batches for toks in batch) == 51     # 50 pieces + </s>


def test_unknown_pair_and_vanished_folder_are_engine_errors(tmp_path, tiny, copy_model, spy):
    reg = ModelRegistry(tmp_path / "ws")
    folder = copy_model(tiny["marian"], "opus-mt-ar-en")
    reg.add(folder)
    with pytest.raises(EngineError, match="no model for ru→en; add one with `dragoman models add PATH`"):
        engine(reg).translate(["Привет"], "ru")
    shutil.rmtree(folder)
    with pytest.raises(EngineError, match="is gone"):
        engine(reg).translate(ARABIC[:1], "ar")
    assert engine(reg).pairs() == set()


def test_nllb_passes_language_codes_and_strips_the_target_prefix(tmp_path, tiny, spy):
    reg = ModelRegistry(tmp_path / "ws")
    reg.add(tiny["nllb"])
    eng = engine(reg)
    real = eng.translate([OTHERS[0]], "ru")
    assert real[0].text and "eng_Latn" not in real[0].text and real[0].model == "nllb-tiny-ct2"
    batch, kwargs = spy.batches[0]
    assert batch[0][0] == "rus_Cyrl" and batch[0][-1] == "</s>" and kwargs["target_prefix"] == [["eng_Latn"]]
    spy.echo = True
    assert [o.text for o in eng.translate([OTHERS[1], ARABIC[0]], "tr")] == [OTHERS[1], ARABIC[0]]
    assert spy.batches[-1][0][0][0] == "tur_Latn"
    assert eng.pairs() == {("ar", "en"), ("fr", "en"), ("ru", "en"), ("tr", "en")}


def test_cache_means_a_second_call_does_not_touch_the_model(registry, spy, tmp_path):
    cache = TranslationCache(tmp_path / "ws" / "cache" / "translations.sqlite")
    eng = CachedEngine(engine(registry), cache)
    first = eng.translate([ARABIC[0], ARABIC[1], ARABIC[0], ""], "ar")
    assert sum(len(b) for b, _ in spy.batches) == 2          # the repeat went out once, the empty one never
    calls = len(spy.batches)
    again = eng.translate(["  " + ARABIC[1].replace(" ", "  "), ARABIC[0]], "ar")
    assert len(spy.batches) == calls and len(cache) == 2
    assert [o.text for o in again] == [first[1].text, first[0].text]
    info = registry.list()[0]
    assert {(o.engine, o.model, o.version) for o in again} == {("ctranslate2", "opus-mt-ar-en", info.version)}
    assert cache.get_many([cache_key("ctranslate2", "opus-mt-ar-en", info.version, "ar", "en", ARABIC[0])])


def test_truncated_outputs_are_not_cached(registry, spy, tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite")
    eng = CachedEngine(engine(registry, max_input_tokens=5), cache)
    assert eng.translate([ARABIC[0]], "ar")[0].note
    assert eng.translate([ARABIC[0]], "ar")[0].note and len(cache) == 0


def test_a_new_model_version_misses_the_cache(tmp_path, tiny, copy_model, spy):
    folder = copy_model(tiny["marian"], "opus-mt-ar-en")
    reg = ModelRegistry(tmp_path / "ws")
    reg.add(folder)
    cache = TranslationCache(tmp_path / "c.sqlite")
    CachedEngine(engine(reg), cache).translate(ARABIC[:1], "ar")
    (folder / "dragoman-model.json").write_text('{"version": "2"}', encoding="utf-8")
    out = CachedEngine(engine(reg), cache).translate(ARABIC[:1], "ar")
    assert out[0].version == "2" and len(spy.batches) == 2 and len(cache) == 2


def test_auto_device_picks_cuda_when_a_gpu_is_seen(registry, monkeypatch):
    import ctranslate2
    seen = []

    class Echo:
        def translate_batch(self, batch, **kw):
            return [SimpleNamespace(hypotheses=[toks[:-1]]) for toks in batch]

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "Translator", lambda path, **kw: seen.append(kw) or Echo())
    engine(registry).translate(ARABIC[:1], "ar")
    engine(registry, device="cpu").translate(ARABIC[:1], "ar")
    assert seen == [{"device": "cuda", "compute_type": "default"}, {"device": "cpu", "compute_type": "default"}]
    with pytest.raises(EngineError, match="translate.device must be auto, cpu or cuda"):
        engine(registry, device="gpu")


def test_a_corrupt_model_file_is_an_engine_error(tmp_path, tiny, copy_model):
    folder = copy_model(tiny["marian"], "opus-mt-ar-en")
    (folder / "model.bin").write_bytes(b"not a model" * 10)
    reg = ModelRegistry(tmp_path / "ws")
    reg.add(folder)
    with pytest.raises(EngineError, match="cannot load model .*re-convert it or `dragoman models remove ar-en`"):
        engine(reg).translate(ARABIC[:1], "ar")


def test_detokenize_joins_pieces_and_bytes():
    assert _detokenize(["▁The", "▁pla", "nes", "</s>"]) == "The planes"
    assert _detokenize(["▁a", "<0xE2>", "<0x80>", "<0x94>", "▁b"]) == "a— b"


# --- dragoman models ... ------------------------------------------------------------------------------------

def test_models_cli_add_list_remove(tmp_path, tiny, monkeypatch):
    from typer.testing import CliRunner

    from dragoman.cli import State
    from dragoman.cli.models import models_app
    monkeypatch.setattr(State, "workspace", tmp_path / "ws")
    monkeypatch.setattr(State, "overrides", [])
    monkeypatch.delenv("DRAGOMAN_TRANSLATE_ENGINE", raising=False)
    runner = CliRunner()
    listed = runner.invoke(models_app, ["list", "--json"])
    assert json.loads(listed.stdout) == {"models": [], "engine": "translation: disabled — no model folder "
                                         "registered; add one with `dragoman models add PATH`"}
    added = runner.invoke(models_app, ["add", str(tiny["marian"])])
    assert added.exit_code == 0 and "added ar-en (marian" in added.stdout
    assert runner.invoke(models_app, ["add", str(tiny["nllb"]), "--pair", "ru-en", "--kind", "nllb"]).exit_code == 0
    data = json.loads(runner.invoke(models_app, ["list", "--json"]).stdout)
    assert [(m["pair"], m["kind"], m["present"]) for m in data["models"]] == [("ar-en", "marian", True),
                                                                              ("ru-en", "nllb", True)]
    assert data["engine"].startswith("translation: ctranslate2 — ar-en (opus-mt-ar-en), ru-en (nllb-tiny-ct2)")
    table = runner.invoke(models_app, ["list"]).stdout
    assert "opus-mt-ar-en" in table and "translation: ctranslate2" in table
    assert "removed ar-en" in runner.invoke(models_app, ["remove", "ar-en"]).stdout
    refused = runner.invoke(models_app, ["add", str(tiny["hf"])])
    assert refused.exit_code != 0 and "unconverted Transformers model" in str(refused.exception)
    assert [m.pair for m in ModelRegistry(tmp_path / "ws").list()] == ["ru-en"]


def test_models_cli_does_not_import_the_main_cli_at_import_time():
    import subprocess
    import sys
    code = "import sys, dragoman.cli.models; print('dragoman.cli.main' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.stdout.strip() == "False"
