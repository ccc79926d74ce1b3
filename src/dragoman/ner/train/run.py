"""Train one language's NER model with `config.cfg`, fixed seeds, and write it with its model card."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from ...errors import DragomanError
from ..features import GAZETTEER, NORMALISERS, SUBWORD_VECTORS, register
from ..trained import MODELS
from .corpora import Split, split

CONFIG = Path(__file__).parent / "config.cfg"
SEED = 7
# Steps per language: each run stays within ~15 minutes on one shared core (Arabic: ~45 with other jobs).
STEPS = {"ar": 8000, "tr": 3000, "fr": 1000}
# Per-language changes to config.cfg; the others train with it as written. Arabic: wider vectors and more hash
# rows for AQMAR + Wojood's vocabulary (dev F1 at 1,000 steps 0.752 -> 0.787; 2026-12-07).
CONFIG_CHANGES: dict[str, dict[str, Any]] = {
    "ar": {"components.tok2vec.model.embed.width": 128, "components.tok2vec.model.encode.width": 128,
           "components.tok2vec.model.embed.rows": [20000, 3000, 8000, 1000]},
}
# Languages whose model also reads the gazetteer flags (features.py); they help where training names are few.
WITH_GAZETTEER = ("ar", "fr")
GAZETTEER_ROWS = 64
# Languages whose bundled model also reads E5's pretrained subword vectors (`ner/subwords.py`); `--vectors`
# / `--no-vectors` choose for one run. None yet: with them dev and test rise but the realtext gold does not
# (model cards, 2026-12-07). Arabic with them trains with dropout 0.2 (its best dev F1); Turkish as written
# (dropout 0.2 or width 128 scored lower on its test split).
WITH_SUBWORDS: tuple[str, ...] = ()
VECTOR_CHANGES: dict[str, dict[str, Any]] = {"ar": {"training.dropout": 0.2}}
CONTINUE_LEARN_RATE = 0.001


def _docbin(lang: str, docs, path: Path) -> tuple[int, int]:
    """Texts as spaCy Docs tokenised as at run time, gold spans snapped to tokens; (kept, dropped) names."""
    import spacy
    from spacy.tokens import DocBin
    nlp = spacy.blank(lang)
    out = DocBin(store_user_data=False)
    kept = dropped = 0
    for d in docs:
        doc = nlp.make_doc(d.text)
        ents = []
        for start, end, label in d.gold:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or any(span.start < e.end and e.start < span.end for e in ents):
                dropped += 1
                continue
            ents.append(span)
            kept += 1
        doc.ents = ents
        out.add(doc)
    out.to_disk(path)
    return kept, dropped


def _config(lang: str, work: Path, seed: int, steps: int, init: Path | None = None,
            vectors: bool = False) -> Path:
    from spacy.util import load_config
    config = load_config(CONFIG)
    config["nlp"]["lang"] = lang
    config["paths"]["train"] = str(work / "train.spacy")
    config["paths"]["dev"] = str(work / "dev.spacy")
    config["system"]["seed"] = seed
    config["training"]["max_steps"] = steps
    changes = {**CONFIG_CHANGES.get(lang, {}), **(VECTOR_CHANGES.get(lang, {}) if vectors and init is None else {})}
    for dotted, value in changes.items():
        *path, last = dotted.split(".")
        node = config
        for part in path:
            node = node[part]
        node[last] = value
    features = [name for name in (NORMALISERS.get(lang), GAZETTEER if lang in WITH_GAZETTEER else None) if name]
    config["nlp"]["pipeline"] = [*features, "tok2vec", "ner"]
    config["training"]["annotating_components"] = features
    for name in features:
        config["components"][name] = {"factory": name}
    if init is not None:
        # Go on training a saved model: its weights are the start, full-size batches from the first step.
        _check_init(init, lang)
        for name in ("tok2vec", "ner"):
            config["components"][name] = {"source": str(init)}
        if GAZETTEER in features:
            config["components"][GAZETTEER] = {"source": str(init)}
        config["training"]["batcher"]["size"]["start"] = config["training"]["batcher"]["size"]["stop"]
        config["training"]["optimizer"]["learn_rate"] = CONTINUE_LEARN_RATE
    if vectors and init is None:
        config["nlp"]["vectors"] = {"@vectors": SUBWORD_VECTORS}
        config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] = True
    if GAZETTEER in features and init is None:
        embed = config["components"]["tok2vec"]["model"]["embed"]
        embed["attrs"] = [*embed["attrs"], "LEMMA"]
        embed["rows"] = [*embed["rows"], GAZETTEER_ROWS]
    path = work / "config.cfg"
    config.to_disk(path)
    return path


def _check_init(init: Path, lang: str) -> None:
    meta = init / "meta.json"
    if not meta.is_file():
        raise DragomanError(f"{init}: no model to go on training from (meta.json missing)")
    if json.loads(meta.read_text(encoding="utf-8")).get("lang") != lang:
        raise DragomanError(f"{init}: that model is not a {lang} model")


def train(lang: str, data: Path | str, out: Path | str | None = None, *, seed: int = SEED,
          steps: int | None = None, init: Path | str | None = None,
          work: Path | str | None = None, vectors: bool | None = None) -> dict[str, Any]:
    """Train `lang`'s model from `data` (../shared/ner-train) into `out` (default: the bundled folder);
    with `init`, go on training that saved model (copied first, so `init` may be `out` itself); `work` keeps
    the training folder (its best checkpoint so far, `out/model-best`) instead of a temporary one; `vectors`
    adds E5's subword vectors (default: as `WITH_SUBWORDS` says; a model trained `--init` keeps what it has)."""
    from spacy.cli.train import train as spacy_train
    from spacy.util import fix_random_seed
    parts: Split = split(lang, data)
    steps = steps or STEPS[lang]
    vectors = lang in WITH_SUBWORDS if vectors is None else vectors
    register()
    fix_random_seed(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"dragoman-ner-{lang}-") as tmp:
        work = Path(work) if work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        start = None
        if init is not None:
            start = work / "init"
            shutil.copytree(init, start)
        counts = _docbin(lang, parts.train, work / "train.spacy")
        _docbin(lang, parts.dev, work / "dev.spacy")
        spacy_train(_config(lang, work, seed, steps, start, vectors), work / "out", use_gpu=-1)
        result = finish(lang, parts, work / "out" / "model-best", out, seed=seed, steps=steps, counts=counts,
                        minutes=(time.perf_counter() - started) / 60)
        result["init"] = str(init) if init is not None else None
        result["vectors"] = vectors and init is None
        return result


def finish(lang: str, parts: Split, best: Path, out: Path | str | None, *, seed: int, steps: int,
           counts: tuple[int, int], minutes: float) -> dict[str, Any]:
    """Copy the best checkpoint to `out` and say how it was made (the model card's facts)."""
    out = Path(out) if out else MODELS / lang
    if not (best / "meta.json").exists():
        raise DragomanError(f"{best}: spaCy wrote no model; see its log above")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    return {"lang": lang, "out": str(out), "seed": seed, "steps": steps, "train_texts": len(parts.train),
            "dev_texts": len(parts.dev), "names_kept": counts[0], "names_dropped": counts[1],
            "minutes": round(minutes, 1), "dev": meta.get("performance", {}),
            "sources": parts.sources, "tests": {k: str(v) for k, v in parts.tests.items()}}
