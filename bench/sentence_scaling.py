"""How each stage's time grows with the number of sentences in one document (the slow-page finding).

    python bench/sentence_scaling.py --sizes 1000 5000 20000 40000 [--stage places --stage entities]
        [--sentence "Haftar met Shoigu in Moscow on Monday."] [--lang en]

One document of N copies of a short sentence (the hostile page: ~1.5 MB at 40,000) goes through the stages
in-process, warm (a small document first loads the models). Prints seconds per stage and the growth exponent
between successive sizes (1 = linear, 2 = quadratic). `--budget S` stops a size once a stage passes S seconds.
"""

from __future__ import annotations

import argparse
import json
import math
import time

from dragoman.model import Document
from dragoman.pipeline import Worker, plan
from dragoman.settings import Settings


def document(sentence: str, n: int, lang: str | None) -> Document:
    text = " ".join([sentence] * n)
    return Document(id=f"bench-{n}", source="local", content_type="text/plain", text=text, language=lang,
                    title="Bench page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 40000])
    parser.add_argument("--stage", action="append", help="only these stages (with what they require)")
    parser.add_argument("--sentence", default="Haftar met Shoigu in Moscow on Monday.")
    parser.add_argument("--lang", default=None)
    parser.add_argument("--budget", type=float, default=0.0, help="stage time budget per document, seconds")
    parser.add_argument("--set", action="append", default=[], help="NAME=VALUE setting")
    args = parser.parse_args()
    settings = Settings.load(None, ["pipeline.workers=1", *args.set])
    stages = plan(settings)
    if args.stage:
        wanted = set(args.stage) | {"extract", "langid", "segment"}
        stages = [s for s in stages if s.name in wanted]
    worker = Worker(stages, settings, stage_timeout_s=args.budget or None)
    worker.process_one(document(args.sentence, 20, args.lang))          # load models, build the gazetteer
    previous: dict[str, float] = {}
    previous_n = 0
    for n in args.sizes:
        started = time.perf_counter()
        outcome = worker.process_one(document(args.sentence, n, args.lang))
        total = time.perf_counter() - started
        seconds = {k: round(v, 3) for k, v in outcome.seconds.items()}
        growth = {k: round(math.log(max(v, 1e-3) / max(previous[k], 1e-3)) / math.log(n / previous_n), 2)
                  for k, v in outcome.seconds.items() if k in previous and previous[k] > 0.05}
        print(json.dumps({"sentences": n, "chars": len(outcome.doc.text), "total_s": round(total, 2),
                          "stage_s": seconds, "growth_exponent": growth,
                          "errors": [e[:3] for e in outcome.events if e[1] == "error"]}), flush=True)
        previous, previous_n = dict(outcome.seconds), n


if __name__ == "__main__":
    main()
