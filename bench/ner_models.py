"""What one trained NER model costs: load time, documents a second and resident memory, in a fresh process.

    python bench/ner_models.py --lang tr --root ../shared/realtext-dev [--models DIR] [--rounds 3]

Reads the realtext-dev articles of LANG (30 real news pages), loads the model from DIR/LANG (default: the
bundled one), runs it over every article once cold (first round: empty word caches) and ROUNDS-1 more times
warm, and prints load seconds, docs/s per round and the peak RSS. The model alone: no guards, no term base.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from dragoman.eval.realtext import articles
from dragoman.ner.contextual import ContextualRecogniser, is_model
from dragoman.ner.trained import TrainedRecogniser, load, model_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", required=True)
    parser.add_argument("--root", type=Path, default=Path("../shared/realtext-dev"))
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [a.text for a in articles(args.root, args.lang)]
    import spacy  # noqa: F401  (imported before the clock starts: the model's own load is timed)
    folder = model_path(args.lang, args.models)
    started = time.perf_counter()
    if is_model(folder):      # an E5 head or fine-tuned E5: the encoder's weights are expanded here
        model = ContextualRecogniser(args.lang, folder)
    else:
        load(folder)
        model = TrainedRecogniser(args.lang, args.models)
    loaded = time.perf_counter() - started
    rates = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        model(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.lang} model {model_path(args.lang, args.models)}: load {loaded:.2f} s; {len(texts)} articles, "
          f"{sum(map(len, texts)):,} chars; docs/s " + ", ".join(f"{r:.1f}" for r in rates)
          + f" (first round cold); peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
