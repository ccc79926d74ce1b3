"""Times-stage throughput: the date extraction alone over the real-text dev articles (../shared/realtext-dev).

Measures what `dragoman eval times` runs (`date_document` on each article's gold text with its language and
publication date), repeated, single process: articles/s and characters/s. With `--find-times` it runs
`find_times` on the whole text instead (what the stage did before anchoring per section), for comparison.

    .venv/bin/python bench/times.py --input ../shared/realtext-dev --repeat 5
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=Path("../shared/realtext-dev"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--find-times", action="store_true", help="run find_times on the whole text instead")
    args = parser.parse_args()
    from dragoman.eval.realtext import LANGS, articles
    import dragoman.times as times
    run = times.find_times if args.find_times else times.date_document
    docs = [a for lang in LANGS for a in articles(args.input, lang)]
    for a in docs:                       # warm up: vocabularies and grammars compile once per process
        run(a.text, a.lang, a.published)
    chars = sum(len(a.text) for a in docs)
    started = time.perf_counter()
    hits = 0
    for _ in range(args.repeat):
        for a in docs:
            hits += len(run(a.text, a.lang, a.published))
    seconds = time.perf_counter() - started
    n = len(docs) * args.repeat
    print(f"{run.__name__}: {n} articles in {seconds:.2f} s: {n / seconds:.0f} articles/s, "
          f"{chars * args.repeat / seconds / 1e6:.2f} M chars/s, {hits // args.repeat} hits per pass")


if __name__ == "__main__":
    main()
