"""End-to-end throughput and peak memory: ingest a folder of HTML pages, then run the whole pipeline.

    python bench/throughput.py --input ../shared/eval/extraction-scrapinghub/html --repeat 3

Pages may be .html or .html.gz. `--repeat N` makes N distinct copies of each page (a comment is added,
so each copy is a new document) to get a run long enough to measure. Peak RSS is the sum over this
process and its workers, sampled every 50 ms; peak PSS (proportional set size: a page shared by n processes
counts 1/n in each, so the sum is the memory the tree really holds) is sampled every 0.25 s. Workers are forked
from one process that loaded the models (pool.py), so their RSS counts the shared models once per process and
overstates the tree; PSS does not. CPU seconds are user + system time of this process and of every worker
process (reaped at the end of the run), per phase.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from dragoman.ingest.sources import ingest_sources
from dragoman.pipeline import plan, start_pool, worker_count
from dragoman.runner import run_pending
from dragoman.workspace import Workspace


PAGE = os.sysconf("SC_PAGE_SIZE")


class PeakRSS:
    """Samples the resident (and proportional) memory of this process tree in a background thread, reading
    /proc directly (psutil's process scan cost more CPU than the parent's own work); `cpu` is the thread's own
    CPU time, left out of the figures."""

    def __init__(self, interval: float = 0.05, pss_every: int = 5) -> None:
        self.interval, self.pss_every, self.peak, self.peak_pss, self.cpu = interval, pss_every, 0, 0, 0.0
        self.pss_at_peak: dict[str, int] = {}      # by role (parent, models, workers) when the sum peaked
        self.peak_by_role: dict[str, int] = {}
        self.series: list[tuple[float, dict[str, int]]] = []    # PSS by role every ~5 s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        tree: list[int] = []
        roles: dict[int, str] = {}
        tick = 0
        while not self._stop.is_set():
            if tick % 20 == 0:           # the tree changes rarely: look for new workers once a second
                try:
                    # the model process is this one's child; the workers are its children (pool.py)
                    roles = {me.pid: "parent"}
                    for child in me.children():
                        roles[child.pid] = "models"
                        roles.update((p.pid, "workers") for p in child.children(recursive=True))
                    tree = list(roles)
                except psutil.Error:
                    pass
            self.peak = max(self.peak, sum(_rss(pid) for pid in tree))
            if tick % self.pss_every == 0:
                by_role: dict[str, int] = {}
                for pid in tree:
                    by_role[roles[pid]] = by_role.get(roles[pid], 0) + _pss(pid)
                for role, size in by_role.items():
                    self.peak_by_role[role] = max(self.peak_by_role.get(role, 0), size)
                if tick % 100 == 0:
                    self.series.append((tick * self.interval, by_role))
                if sum(by_role.values()) > self.peak_pss:
                    self.peak_pss, self.pss_at_peak = sum(by_role.values()), by_role
            tick += 1
            time.sleep(self.interval)
        self.cpu = time.thread_time()

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cpu_seconds() -> tuple[float, float]:
    """(this process, its reaped descendants): user + system seconds so far."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


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
    parser.add_argument("--prestart", action="store_true",
                        help="start the pipeline's model process before ingest, as `dragoman ingest --run` does "
                             "(the models load while ingest reads)")
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
        load_before = os.getloadavg()
        cpu0 = cpu_seconds()
        with PeakRSS() as ingest_mem:
            started = time.perf_counter()
            pool = (start_pool(plan(ws.settings), ws.settings, worker_count(ws.settings))
                    if args.prestart and worker_count(ws.settings) > 1 else None)
            ingested = ingest_sources(ws, [pages])
            ingest_s = time.perf_counter() - started
        cpu1 = cpu_seconds()
        with PeakRSS() as run_mem:
            started = time.perf_counter()
            report = run_pending(ws, preloaded=pool)
            run_s = time.perf_counter() - started
        cpu2 = cpu_seconds()
        ws.close()
    load = os.getloadavg()
    ingest_cpu = sum(cpu1) - sum(cpu0) - ingest_mem.cpu
    parent_cpu, workers_cpu = cpu2[0] - cpu1[0] - run_mem.cpu, cpu2[1] - cpu1[1]
    result = {
        "input": str(args.input), "settings": args.overrides, "prestart": args.prestart, "documents": n, "ingested": len(ingested.new), "ingest_failed": len(ingested.failed),
        "ingest_s": round(ingest_s, 2), "ingest_docs_per_s": round(n / ingest_s, 1),
        "pipeline": report.pipeline, "workers": report.workers, "pipeline_s": round(run_s, 2),
        "pipeline_docs_per_s": round(report.tally.documents / run_s, 1),
        "end_to_end_docs_per_s": round(report.tally.documents / (run_s + ingest_s), 1),
        "failed": report.tally.failed, "dropped": dict(report.tally.dropped),
        "stage_wall_seconds": report.as_dict()["stage_seconds"],
        "peak_rss_mb": round(max(ingest_mem.peak, run_mem.peak) / 2**20, 1),
        "peak_pss_mb": round(max(ingest_mem.peak_pss, run_mem.peak_pss) / 2**20, 1),
        "pss_mb_at_peak_by_process": {k: round(v / 2**20, 1) for k, v in run_mem.pss_at_peak.items()},
        "peak_pss_mb_by_process": {k: round(v / 2**20, 1) for k, v in run_mem.peak_by_role.items()},
        "pool": getattr(report, "pool", None),
        "pss_mb_every_5_s": [[round(t), *(round(by.get(k, 0) / 2**20) for k in ("parent", "models", "workers"))]
                             for t, by in run_mem.series],
        "cpu_s": {"ingest": round(ingest_cpu, 1), "pipeline_parent": round(parent_cpu, 1),
                  "pipeline_workers": round(workers_cpu, 1),
                  "memory_sampler_left_out": round(ingest_mem.cpu + run_mem.cpu, 1)},
        "cpu_ms_per_doc": round(1000 * (ingest_cpu + parent_cpu + workers_cpu) / n, 1),
        "load_average_1_5_15": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load]},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
