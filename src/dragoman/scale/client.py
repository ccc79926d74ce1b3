"""Connecting to a Dask cluster and feeding it a run's documents; the caller (`runner.run_pending`) writes.

Documents travel in batches of `dask.batch_size`, at most two batches per worker thread in flight, so the
client holds little and results stream back as they complete. A worker that dies takes no document with it:
the scheduler runs its batch again elsewhere. When the scheduler gives up on a batch (every try killed its
worker), its documents run one at a time with nothing else on the cluster, so the one that kills workers is
known for sure and fails with that reason while the others are stored. Each document's outcome is handed on
once, so the writer never stores one twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..errors import DragomanError
from ..model import Document, from_json, to_json
from ..pipeline import Outcome, Stage, signature, worker_count
from ..settings import Settings

if TYPE_CHECKING:
    from ..workspace import Workspace
    from .worker import Wire, WireOutcome

_LOCAL = re.compile(r"local(?::(\d+))?")
_SCHEMES = ("tcp://", "tls://", "ws://", "wss://")
LOCAL_START_S = 300.0          # loading the models on a busy machine can take a minute or two
HEARTBEAT_S = 2.0              # how often the workers of `local:N` report to the scheduler
DIED = ("every Dask worker that took it died (over its memory limit, a crash, or killed); "
        "the cluster gave up on this document")


class DaskError(DragomanError):
    """The Dask cluster cannot be reached or used; the message says what to check."""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def connect(spec: str, settings: Settings) -> "DaskCluster":
    """`local`, `local:N` (N one-thread worker processes on this machine, forked from one that loaded the models)
    or a scheduler's address."""
    spec = spec.strip()
    try:
        from distributed import Client
    except ImportError:
        raise DaskError("--dask needs Dask: pip install 'dask[distributed]'") from None
    timeout = float(settings["dask.connect_timeout_s"])
    if (local := _LOCAL.fullmatch(spec)) is not None:
        n = int(local.group(1)) if local.group(1) else worker_count(settings)
        if n < 1:
            raise DaskError(f"--dask {spec}: a local cluster needs at least one worker")
        return _local_cluster(n, settings)
    if not spec.startswith(_SCHEMES):
        raise DaskError(f"--dask {spec!r}: expected local, local:N (N worker processes on this machine) "
                        "or a scheduler address such as tcp://HOST:8786")
    try:
        client = Client(spec, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskError(f"--dask {spec}: no Dask scheduler answered within {timeout:g} s ({_one_line(exc)}); "
                        "start one with `dask scheduler` or check the address") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise DaskError(f"--dask {spec}: the scheduler has no workers; start some with `dask worker {spec}`") from None
    return DaskCluster(client, settings)


def _local_cluster(n: int, settings: Settings) -> "DaskCluster":
    """A scheduler in this process and `n` one-thread workers forked from one process that loaded the models
    (`node.py`: `dask worker --preload-nanny dragoman.scale.node`, as on a cluster's machines)."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    import dask
    from distributed import Client, LocalCluster

    from ..pipeline import plan
    from .node import QUIET, WARM_ENV, environment, warm_request
    # The scheduler's and the client's upkeep too: they share this process with the one writer, and with `local:N`
    # this machine's cores with the workers. No dashboard; the cluster's and the client's status polls rarer.
    with dask.config.set({**QUIET, "distributed.client.scheduler-info-interval": "10s"}):
        cluster = LocalCluster(n_workers=0, processes=True, dashboard_address=None, silence_logs=logging.ERROR,
                               scheduler_sync_interval=10)
    _slower_heartbeats(cluster.scheduler)
    # The nanny restarts a worker past pipeline.worker_max_mb; no spilling or pausing (results are small).
    config = {"distributed.worker.memory.target": False, "distributed.worker.memory.spill": False,
              "distributed.worker.memory.pause": False, "distributed.worker.multiprocessing-method": "forkserver",
              **QUIET}
    env = {**os.environ, **environment(config),
           WARM_ENV: warm_request([s.name for s in plan(settings)], settings.as_dict()),
           # the workers import what this process imports (this Dragoman, `pipeline.plugins`), as spawned ones would
           "PYTHONPATH": os.pathsep.join(dict.fromkeys([str(Path(__file__).parents[2]), *filter(None, sys.path)]))}
    log_file = tempfile.TemporaryFile()
    node = subprocess.Popen(
        [sys.executable, "-m", "dragoman.scale.node", "--parent", str(os.getpid()), cluster.scheduler_address,
         "--nworkers", str(n), "--nthreads", "1", "--no-dashboard", "--memory-limit",
         str(int(settings["pipeline.worker_max_mb"] * 2**20))],
        env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT)
    with dask.config.set({"distributed.client.scheduler-info-interval": "10s"}):
        client = Client(cluster)
    try:
        _wait_for_local_workers(client, n, node, log_file)
    except BaseException:
        _stop_node(node)
        log_file.close()
        client.close()
        cluster.close()
        raise
    return DaskCluster(client, settings, cluster=cluster, node=(node, log_file))


def _slower_heartbeats(scheduler: Any) -> None:
    """Workers of a small cluster report to the scheduler every 0.5 s (Dask's `heartbeat_interval`, which no
    setting changes); every `HEARTBEAT_S` is enough here, where nothing scales on their reports and a dead worker
    is noticed when its connection drops. Halves an idle `local:2`'s upkeep (scheduler ~5 -> 3 CPU ms a second,
    each worker ~2.5 -> 0.8): CPU that the two workers and the writer share on a two-core machine."""
    beat = scheduler.handlers.get("heartbeat_worker")
    if beat is None:
        return

    def slower(*args: Any, **kwargs: Any) -> Any:
        reply = beat(*args, **kwargs)
        if isinstance(reply, dict) and isinstance(reply.get("heartbeat-interval"), (int, float)):
            reply["heartbeat-interval"] = max(reply["heartbeat-interval"], HEARTBEAT_S)
        return reply

    scheduler.handlers["heartbeat_worker"] = slower


def _wait_for_local_workers(client: Any, n: int, node: Any, log_file: Any) -> None:
    deadline = time.monotonic() + LOCAL_START_S
    while len(client.nthreads()) < n:
        if node.poll() is not None or time.monotonic() > deadline:
            log_file.seek(0)
            tail = log_file.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            what = f"exited with code {node.returncode}" if node.returncode is not None else \
                f"did not start {n} workers in {LOCAL_START_S:g} s"
            raise DaskError(f"--dask local:{n}: the local Dask workers {what}: " + " | ".join(tail))
        time.sleep(0.1)


def _stop_node(node: Any) -> None:
    """End `dask worker` the way Ctrl-C would (its nannies close their workers), killing it if it hangs."""
    import signal
    import subprocess
    if node.poll() is None:
        node.send_signal(signal.SIGTERM)
        try:
            node.wait(timeout=15)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait(timeout=5)


def _outcome(result: "WireOutcome") -> Outcome:
    data, embeddings, events, failed, seconds, _ = result
    doc = from_json(data)
    doc.embeddings = embeddings
    return Outcome(doc, list(events), failed, seconds)


class DaskCluster:
    """A connected Dask client (and the LocalCluster it owns, if any)."""

    def __init__(self, client: Any, settings: Settings, *, cluster: Any = None, node: Any = None) -> None:
        self.client, self.cluster, self.node = client, cluster, node
        self.address = client.scheduler.address
        self.batch_size = max(1, int(settings["dask.batch_size"]))

    @property
    def workers(self) -> int:
        """Worker threads the cluster offers now (one document at a time each)."""
        return max(1, sum(self.client.nthreads().values()))

    def pids(self) -> dict[str, int]:
        """Each worker's process id, by worker address."""
        import os
        return self.client.run(os.getpid)

    def process(self, docs: Iterable[Document], stages: list[Stage], ws: "Workspace",
                problems: list[tuple[str, str, str, str, str | None]]) -> Iterator[list[Outcome]]:
        """Apply `stages` to `docs` (read from the store, without their raw bytes) on the cluster; yields each
        finished batch's outcomes (completion order). A document's archived bytes that cannot be read are
        recorded in `problems`, as the local runner does, and its stages go on without them."""
        from distributed import KilledWorker, as_completed

        from ..archive import ArchiveError
        from ..runner import raw_needed
        from .archived import ArchivedRecords
        from .context import pack
        from .worker import DragomanPlugin, process_batch
        names, values = [s.name for s in stages], ws.settings.as_dict()
        context = pack(ws)
        key = hashlib.sha256(json.dumps([names, values], sort_keys=True, default=str).encode()
                             + context.digest().encode()).hexdigest()[:16]
        plugin_name = f"dragoman-{key}"
        try:
            self.client.register_plugin(DragomanPlugin(key, names, values, context, signature(stages)),
                                        name=plugin_name)
        except Exception as exc:       # a worker without Dragoman, or another version of it
            raise DaskError(f"the Dask workers at {self.address} cannot run this pipeline: {_one_line(exc)}") from None
        needed, records = raw_needed(stages), ArchivedRecords(ws)

        def wire(doc: Document) -> tuple[Document, Wire]:
            raw = archived = None
            if needed(doc):
                try:
                    raw, archived = records.wire(doc)
                except ArchiveError as exc:
                    problems.append((doc.id, "archive", "error", str(exc), None))
            return doc, (to_json(doc), raw, archived)

        source = map(wire, docs)
        in_flight: dict[Any, list[tuple[Document, Wire]]] = {}
        waiting = as_completed()
        seen: set[str] = set()
        suspects: deque[tuple[Document, Wire]] = deque()   # documents of a batch whose every try killed its worker
        alone: list[Any] = []                 # the one suspect running, alone on the cluster

        counted = [0.0, 0]               # when the workers were last counted, and how many threads they had

        def slots() -> int:              # asked of the scheduler at most every few seconds (workers come and go)
            if time.monotonic() - counted[0] > 5.0:
                counted[:] = [time.monotonic(), self.workers]
            return int(counted[1])

        def submit(batch: list[tuple[Document, Wire]]) -> Any:
            future = self.client.submit(process_batch, key, [w for _, w in batch], pure=False)
            in_flight[future] = batch
            waiting.add(future)
            return future

        def refill() -> None:
            if suspects or alone:        # quarantine: let running batches finish, then one suspect at a time
                if not in_flight:
                    alone[:] = [submit([suspects.popleft()])]
                return
            while len(in_flight) < 2 * slots():
                batch = [doc for _, doc in zip(range(self.batch_size), source)]
                if not batch:
                    return
                submit(batch)

        try:
            refill()
            for future in waiting:
                batch = in_flight.pop(future)
                lone = future in alone
                if lone:
                    alone.clear()
                try:
                    results = future.result()
                except KilledWorker:
                    # The scheduler gave up on the task after its workers died. The culprit is found by running
                    # each document alone; a document that kills its workers while nothing else runs has failed.
                    if not lone:
                        suspects.extend(batch)
                        refill()
                        continue
                    results = [(batch[0][1][0], None, [("pipeline", "error", DIED, None)], True, {}, None)]
                except Exception as exc:
                    raise DaskError(f"the Dask run at {self.address} stopped: {_one_line(exc)}; finished documents "
                                    "are stored, run again to go on") from None
                outcomes = [_outcome(result) for result in results]
                if [o.doc.id for o in outcomes] != [d.id for d, _ in batch]:
                    raise DaskError(f"a Dask worker at {self.address} returned other documents than it was sent")
                problems.extend((o.doc.id, "archive", "error", problem, None)
                                for o, (*_, problem) in zip(outcomes, results) if problem and o.doc.id not in seen)
                fresh = [o for o in outcomes if o.doc.id not in seen]
                seen.update(o.doc.id for o in fresh)
                refill()
                if fresh:
                    yield fresh
        finally:
            for future in in_flight:
                future.cancel()
            try:
                self.client.unregister_worker_plugin(plugin_name)
            except Exception:           # the cluster may be gone; nothing of ours is left to undo there
                pass

    def close(self) -> None:
        if self.node is not None:          # the `dask worker` process of local:N, and its log
            _stop_node(self.node[0])
            self.node[1].close()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> "DaskCluster":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
