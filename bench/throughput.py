"""End-to-end throughput and peak memory: ingest a folder of HTML pages, then run the whole pipeline.

    python bench/throughput.py --input ../shared/eval/extraction-scrapinghub/html --repeat 3

Pages may be .html or .html.gz. `--repeat N` makes N distinct copies of each page (a comment is added,
so each copy is a new document) to get a run long enough to measure. Peak RSS is the sum over this
process and its workers, sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.workspace import Workspace


class PeakRSS:
    """Samples the resident memory of this process tree in a background thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def prepare(source: Path, target: Path, repeat: int) -> int:
    pages = sorted(p for p in source.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
    if not pages:
        sys.exit(f"{source}: no .html or .html.gz pages")
    count = 0
    for page in pages:
        data = gzip.decompress(page.read_bytes()) if page.name.endswith(".gz") else page.read_bytes()
        stem = page.name.split(".")[0]
        for copy in range(repeat):
            (target / f"{stem}-{copy}.html").write_bytes(data + f"\n<!-- bench copy {copy} -->\n".encode())
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="0 = one per core")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for this run, e.g. ner.english=rules (repeatable)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "throughput.json")
    args = parser.parse_args()
    if not args.input.is_dir():
        sys.exit(f"{args.input}: not a folder (the benchmark needs a folder of HTML pages)")
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        n = prepare(args.input, pages, args.repeat)
        ws = Workspace.open(Path(tmp) / "ws", create=True,
                            overrides=[f"pipeline.workers={args.workers}", f"pipeline.batch_size={args.batch_size}",
                                       *args.overrides])
        with PeakRSS() as ingest_mem:
            started = time.perf_counter()
            ingested = ingest_sources(ws, [pages])
            ingest_s = time.perf_counter() - started
        with PeakRSS() as run_mem:
            started = time.perf_counter()
            report = run_pending(ws)
            run_s = time.perf_counter() - started
        ws.close()
    result = {
        "input": str(args.input), "settings": args.overrides, "documents": n, "ingested": len(ingested.new), "ingest_failed": len(ingested.failed),
        "ingest_s": round(ingest_s, 2), "ingest_docs_per_s": round(n / ingest_s, 1),
        "pipeline": report.pipeline, "workers": report.workers, "pipeline_s": round(run_s, 2),
        "pipeline_docs_per_s": round(report.tally.documents / run_s, 1),
        "end_to_end_docs_per_s": round(report.tally.documents / (run_s + ingest_s), 1),
        "failed": report.tally.failed, "dropped": dict(report.tally.dropped),
        "stage_cpu_seconds": report.as_dict()["stage_seconds"],
        "peak_rss_mb": round(max(ingest_mem.peak, run_mem.peak) / 2**20, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
