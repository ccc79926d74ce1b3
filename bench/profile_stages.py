"""Where a worker's time goes: every default stage, in one process, over a folder of pages, under cProfile.

    python bench/profile_stages.py --input ../shared/eval/extraction-scrapinghub/html --limit 120 --top 30

Builds the stages once (model loading is reported apart), warms them on a few pages, then profiles the rest.
Prints CPU seconds per stage and per page, the resident memory after loading, and the top functions by own
time and by cumulative time. `--set NAME=VALUE` passes a setting.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import io
import os
import pstats
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dragoman.extract_files import _document
from dragoman.pipeline import Worker, plan
from dragoman.pool import rss_mb
from dragoman.settings import Settings


def pages(folder: Path, limit: int, into: Path) -> list[Path]:
    found = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))[:limit]
    out = []
    for page in found:
        data = gzip.decompress(page.read_bytes()) if page.name.endswith(".gz") else page.read_bytes()
        target = into / (page.name.split(".")[0] + ".html")
        target.write_bytes(data)
        out.append(target)
    return out


def _timed(name, fn, into: Counter):
    def run(doc):
        started = time.process_time()
        try:
            return fn(doc)
        finally:
            into[name] += time.process_time() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--warm", type=int, default=5, help="pages run before profiling starts")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--dump", type=Path, help="write the raw cProfile stats here")
    parser.add_argument("--no-profile", action="store_true", help="only CPU seconds per stage (no profiler overhead)")
    parser.add_argument("--freeze", action="store_true",
                        help="gc.freeze() after the warm-up, as the pool's model process does before it forks workers "
                             "(else a full collection over the loaded models lands on whichever stage triggers it)")
    args = parser.parse_args()
    settings = Settings.load(None, args.overrides)
    cpu0 = time.process_time()
    stages = plan(settings)
    worker = Worker(stages, settings)
    cpu_by_stage: Counter = Counter()
    worker.stages = [(spec, _timed(spec.name, fn, cpu_by_stage)) for spec, fn in worker.stages]
    load_cpu = time.process_time() - cpu0
    print(f"stages built in {load_cpu:.1f} CPU-s; RSS {rss_mb(os.getpid()):.0f} MB", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        files = pages(args.input, args.limit, Path(tmp))
        docs = [_document(p, settings, None, None) for p in files]
    for doc in docs[:args.warm]:
        worker.process_one(doc)
    rest = docs[args.warm:]
    if args.freeze:
        gc.collect()
        gc.freeze()
    gc_cpu = [0.0, 0.0]

    def on_collect(phase, info):
        if phase == "start":
            gc_cpu[1] = time.process_time()
        else:
            gc_cpu[0] += time.process_time() - gc_cpu[1]

    gc.callbacks.append(on_collect)
    cpu_by_stage.clear()
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    if not args.no_profile:
        profiler.enable()
    for doc in rest:
        worker.process_one(doc)
    profiler.disable()
    cpu = time.process_time() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"{len(rest)} pages: {cpu:.1f} CPU-s{'' if args.no_profile else ' under the profiler'}, "
          f"{1000 * cpu / len(rest):.0f} ms/page; peak RSS {usage.ru_maxrss / 1024:.0f} MB")
    print("CPU ms/page by stage: " + ", ".join(f"{k} {1000 * v / len(rest):.1f}" for k, v in cpu_by_stage.items()))
    print(f"of which garbage collection: {1000 * gc_cpu[0] / len(rest):.1f} ms/page")
    if args.no_profile:
        return
    if args.dump:
        profiler.dump_stats(args.dump)
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-8000:])


if __name__ == "__main__":
    main()
