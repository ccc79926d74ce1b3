"""Dask scaling: the same pages through the local multi-process runner and through Dask LocalClusters.

    python bench/dask_scaling.py --input ../shared/eval/extraction-scrapinghub/html --repeat 2

Each configuration gets its own workspace with the same pages ingested (ingest is not timed), then runs every
stage. Reported per configuration: wall docs/s (the whole `run_pending`, model loading included; the Dask
cluster is started before the clock) and steady docs/s (from the first committed result to the last, which
leaves out each worker's model loading: what a long run sees). `--configs` picks configurations from
local:N (the local runner with N worker processes), dask:N (`run --dask local:N`: N one-thread Dask workers
forked from one process that loaded the models) and plain:N (N ordinary Dask workers, each loading its own
models, reached by address as `--dask tcp://…` would). A Dask cluster's start (`start_s`, `start_cpu_s`: with
dask:N the models load there) is reported apart, and `wall_with_start_docs_per_s` counts it in.
Where the CPU goes: `cpu_ms_per_doc_by_process` (the client, which holds the scheduler with dask:N; the `dask
worker` process with its nannies; the fork server; the workers) and `client_cpu_ms_per_doc_by_thread` (the main
thread writes; Dask's "IO loop" thread runs the scheduler and the client's comms), the bench's samplers left out.
Last, the one writer's ceiling is measured on the last configuration's workspace (see `measure_writer`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import psutil  # noqa: E402
from throughput import PeakRSS, prepare  # noqa: E402

from dragoman.ingest.sources import ingest_sources  # noqa: E402
from dragoman.model import to_json  # noqa: E402
from dragoman.runner import run_pending  # noqa: E402
from dragoman.workspace import Workspace  # noqa: E402


class Clock:
    """Progress callback that notes when the first and the last results were committed."""

    def __init__(self) -> None:
        self.first: tuple[float, int] | None = None
        self.last: tuple[float, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if self.first is None:
            self.first = (now, done)
        self.last = (now, done)

    def steady(self) -> float | None:
        if not self.first or not self.last or self.last[0] <= self.first[0]:
            return None
        return (self.last[1] - self.first[1]) / (self.last[0] - self.first[0])


class CPU:
    """CPU seconds (user + system) of this process and, apart, of its descendants (workers, nannies), sampled
    every 50 ms so that workers which end with the run are counted too. Unlike docs/s, docs per CPU second hardly
    moves with the load other jobs put on the machine."""

    def __init__(self) -> None:
        self.me = psutil.Process()
        self.start = self._times(self.me)
        self.children: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _times(proc: psutil.Process) -> float:
        t = proc.cpu_times()
        return t.user + t.system

    def _sample(self) -> None:
        for proc in self.me.children(recursive=True):
            try:
                self.children[proc.pid] = self._times(proc)
            except psutil.Error:
                pass

    def _run(self) -> None:
        self.thread_cpu = 0.0
        # Every 0.2 s: a sample reads all of /proc (~1 ms), which at 20 a second was 2 % of a core in the very
        # process being measured. A worker that ends between two samples loses at most 0.2 s of its CPU.
        while not self._stop.wait(0.2):
            self._sample()
        self.thread_cpu = time.thread_time()

    def _threads(self) -> dict[str, float]:
        """This process's CPU seconds by Python thread name (the main thread writes; Dask's event loop thread runs
        the in-process scheduler and the client's comms)."""
        names = {t.native_id: t.name for t in threading.enumerate()}
        out: dict[str, float] = {}
        for t in self.me.threads():
            name = names.get(t.id, "other threads")
            out[name] = out.get(name, 0.0) + t.user_time + t.system_time
        return out

    def __enter__(self) -> "CPU":
        self.before = {p.pid: self._times(p) for p in self.me.children(recursive=True)}
        self.threads_before = self._threads()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.own = self._times(self.me) - self.start
        after = self._threads()
        self.threads = {name: t - self.threads_before.get(name, 0.0) for name, t in after.items()}
        self.workers = sum(t - self.before.get(pid, 0.0) for pid, t in self.children.items())

    def by_role(self, roles: dict[int, str], other: str) -> dict[str, float]:
        """The children's CPU seconds summed by role (`other` for a process `roles` does not name)."""
        out: dict[str, float] = {}
        for pid, t in self.children.items():
            role = roles.get(pid, other)
            out[role] = out.get(role, 0.0) + t - self.before.get(pid, 0.0)
        return out


def _plain_cluster(workers: int, ws: Workspace):
    """A LocalCluster of ordinary Dask workers reached by address, as `--dask tcp://…` reaches workers started
    without `--preload-nanny dragoman.scale.node`: each loads its own models on its first batch (how `local:N`
    ran before session 8)."""
    import logging

    from distributed import LocalCluster

    from dragoman.scale import connect
    local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR)
    cluster = connect(local.scheduler_address, ws.settings)
    cluster.cluster = local              # closed with the client
    return cluster


def _two_free_cores(documents: int, client: float, workers: float, n: int) -> float | None:
    """What this run's CPU seconds would give on two cores of its own, the machine the targets were set on: the
    work spreads over both cores at best, each worker process over one core at most, the client over one. A
    figure that a shared machine's load hardly moves, unlike wall docs/s (the cluster's start not counted)."""
    seconds = max((client + workers) / 2, workers / min(n, 2), client)
    return round(documents / seconds, 2) if seconds else None


def run_one(config: str, pages: Path, root: Path, overrides: list[str]) -> dict:
    kind, _, n = config.partition(":")
    workers = int(n or 1)
    ws = Workspace.open(root, create=True, overrides=[
        f"pipeline.workers={workers if kind == 'local' else 1}", *overrides])
    ingest_sources(ws, [pages])
    clock = Clock()
    cluster = None
    start_s = start_cpu = 0.0
    try:
        with CPU() as boot:
            began = time.perf_counter()
            if kind == "dask":
                from dragoman.scale import connect
                cluster = connect(f"local:{workers}", ws.settings)
            elif kind == "plain":
                cluster = _plain_cluster(workers, ws)
            start_s = time.perf_counter() - began
        start_cpu = boot.own + boot.workers
        dask_pids = set(cluster.pids().values()) if cluster else set()
        node_pid = cluster.node[0].pid if cluster is not None and cluster.node else None
        load = psutil.getloadavg()
        # PSS every 2 s, not every 0.25 s as throughput.py reads it: reading smaps_rollup of a few large processes
        # took ~40 % of this process's CPU samples in a Dask run, CPU the workers then lacked on two cores.
        with PeakRSS(interval=0.1, pss_every=20) as mem, CPU() as cpu:
            started = time.perf_counter()
            report = run_pending(ws, cluster=cluster, progress=clock)
            wall = time.perf_counter() - started
    finally:
        if cluster is not None:
            cluster.close()
        ws.close()
    steady = clock.steady()
    samplers = mem.cpu + cpu.thread_cpu          # the measuring threads' own CPU, left out of client_cpu_s
    client = cpu.own - samplers
    dask_workers = sum(cpu.children.get(pid, 0.0) - cpu.before.get(pid, 0.0) for pid in dask_pids)
    documents = max(1, report.tally.documents)
    # Where the CPU a document costs goes, by process (and by thread in this one): what dask:2 pays on two cores
    # besides the stage work itself.
    roles = {pid: "workers" for pid in dask_pids}
    if node_pid:
        roles[node_pid] = "nannies"
    by_role = cpu.by_role(roles, "fork server" if node_pid else ("models/workers" if kind == "local" else "nannies"))
    threads = cpu.threads
    sampler_names = {mem._thread.name, cpu._thread.name}
    client_threads = {("main (writer)" if name == "MainThread" else name): round(1000 * t / documents, 2)
                      for name, t in sorted(threads.items(), key=lambda kv: -kv[1])
                      if name not in sampler_names and t >= 0.005}
    cpu_ms_by_process = {"client": round(1000 * client / documents, 2),
                         **{role: round(1000 * t / documents, 2) for role, t in sorted(by_role.items())}}
    return {"config": config, "documents": report.tally.documents, "failed": report.tally.failed,
            "start_s": round(start_s, 1), "start_cpu_s": round(start_cpu, 1),
            "wall_s": round(wall, 1), "wall_docs_per_s": round(report.tally.documents / wall, 2),
            "wall_with_start_docs_per_s": round(report.tally.documents / (wall + start_s), 2),
            "steady_docs_per_s": round(steady, 2) if steady else None,
            "peak_rss_mb": round(mem.peak / 2**20), "peak_pss_mb": round(mem.peak_pss / 2**20),
            "client_cpu_s": round(client, 1), "bench_samplers_cpu_s": round(samplers, 1),
            "worker_cpu_s": round(cpu.workers, 1),
            "of_which_dask_workers_cpu_s": round(dask_workers, 1) if dask_pids else None,
            "client_cpu_ms_per_doc": round(1000 * client / max(1, report.tally.documents), 1),
            "cpu_ms_per_doc": round(1000 * (client + cpu.workers) / max(1, report.tally.documents), 1),
            "docs_per_worker_cpu_s": round(report.tally.documents / cpu.workers, 2) if cpu.workers else None,
            "two_free_cores_docs_per_s": _two_free_cores(report.tally.documents, client, cpu.workers, workers),
            "cpu_ms_per_doc_by_process": cpu_ms_by_process, "client_cpu_ms_per_doc_by_thread": client_threads,
            "load_avg_1m": round(load[0], 1), "load_avg_1m_after": round(psutil.getloadavg()[0], 1)}


def measure_writer(root: Path) -> dict:
    """The one writer's ceiling: store every processed document of a workspace again as the runner does
    (document row, FTS, entity links; the links' variant rows recounted once a transaction) in transactions of
    32, and the bytes a document moves each way."""
    from dragoman.store.entities import EntityStore
    ws = Workspace.open(root)
    try:
        docs = list(ws.store.pending(""))
        entities = EntityStore(ws.store.con)
        started = time.perf_counter()
        for i in range(0, len(docs), 32):
            with ws.store.transaction(), entities.batch():
                for doc in docs[i:i + 32]:
                    ws.store.save_processed(doc, status="done", pipeline="bench")
                    entities.record(doc.id, doc.mentions, lang=doc.language)
        seconds = time.perf_counter() - started
        raw = [doc.capture.length for doc in docs if doc.capture]
        out = [len(to_json(doc)) for doc in docs]
    finally:
        ws.close()
    return {"writer_docs_per_s": round(len(docs) / seconds, 1),
            "raw_kb_per_doc": round(sum(raw) / max(1, len(raw)) / 1024, 1),
            "stored_json_kb_per_doc": round(sum(out) / max(1, len(out)) / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--configs", nargs="+", default=["local:2", "dask:1", "dask:2"])
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "dask_scaling.json")
    args = parser.parse_args()
    if not args.input.is_dir():
        sys.exit(f"{args.input}: not a folder (the benchmark needs a folder of HTML pages)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        prepare(args.input, pages, args.repeat)
        for i, config in enumerate(args.configs):
            row = run_one(config, pages, Path(tmp) / f"ws{i}", args.overrides)
            print(json.dumps(row), flush=True)
            rows.append(row)
        writer = measure_writer(Path(tmp) / f"ws{len(args.configs) - 1}")
        print(json.dumps(writer), flush=True)
    by = {r["config"]: r for r in rows}
    ratios = {}
    for key in ("wall_docs_per_s", "wall_with_start_docs_per_s", "steady_docs_per_s", "two_free_cores_docs_per_s"):
        for kind in ("dask", "plain"):
            one, two = by.get(f"{kind}:1"), by.get(f"{kind}:2")
            if one and two and one[key] and two[key]:
                ratios[f"{kind}2_over_{kind}1_{key}"] = round(two[key] / one[key], 2)
            if two and "local:2" in by and by["local:2"][key]:
                ratios[f"{kind}2_over_local2_{key}"] = round(two[key] / by["local:2"][key], 2)
    result = {"input": str(args.input), "repeat": args.repeat, "settings": args.overrides, "rows": rows,
              "ratios": ratios, "writer": writer}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(ratios, indent=2))


if __name__ == "__main__":
    main()
