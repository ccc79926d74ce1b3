"""Models loaded once per machine for all its Dask workers.

    dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1 --preload-nanny dragoman.scale.node

Run as a nanny preload, `dask_setup` makes this process start its workers from a fork server that has imported
`dragoman.scale.warm`, which builds the stages and warms the first language of `pipeline.preload`. Every worker
(and every one a nanny restarts) is then a fork of a process that holds the models: it starts in a second and
shares their memory pages, where a spawned worker loads its own copy (~12–15 CPU-s and several hundred MB each).
A worker that was not started this way still works: it builds its stages on its first batch (see `worker.py`).

`python -m dragoman.scale.node --parent PID SCHEDULER [dask worker options]` is how `run --dask local:N` starts
its workers: `dask worker` with this preload, ending when the process `PID` ends.
"""

from __future__ import annotations

import json
import sys
from typing import Any

# Dask's own upkeep, made rarer for workers whose tasks are CPU-bound Python: its sampling profiler (every 10 ms in
# the task thread), the event loop's 20 ms tick and 0.5 s system monitor cost an idle worker ~30 CPU ms a second
# (4 with these), CPU and GIL time taken from the stages; the memory limit is still checked every second.
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
         "distributed.admin.system-monitor.interval": "5s", "distributed.worker.memory.monitor-interval": "1s"}
WARM_MODULE = "dragoman.scale.warm"
WARM_ENV = "DRAGOMAN_DASK_WARM"       # JSON {"stages": [...], "settings": {...}}: what the fork server warms


def dask_setup(nanny: Any) -> None:
    """Nanny preload: this process's worker processes come from a fork server that holds the models."""
    import dask
    from distributed.utils import get_mp_context
    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver", **QUIET})
    from multiprocessing import forkserver
    get_mp_context()                                 # sets Dask's own fork server imports, once per process
    # what is set so far (no public reader: Python keeps it on the process-wide ForkServer)
    preload = list(getattr(forkserver._forkserver, "_preload_modules", None) or [])
    if WARM_MODULE not in preload:                   # takes effect when the first worker starts the fork server
        forkserver.set_forkserver_preload([*preload, WARM_MODULE])


def environment(config: dict[str, Any]) -> dict[str, str]:
    """Dask settings as the DASK_* environment variables a `dask worker` process reads."""
    return {"DASK_" + name.upper().replace(".", "__").replace("-", "_"): str(value) for name, value in config.items()}


def warm_request(names: list[str], values: dict[str, Any]) -> str:
    """The environment value that tells the fork server which stages and settings to warm."""
    return json.dumps({"stages": names, "settings": values}, default=str)


def main(argv: list[str]) -> None:
    """`--parent PID` then `dask worker`'s own arguments; this preload is added."""
    if len(argv) >= 2 and argv[0] == "--parent":
        from ..pool import die_with_parent
        die_with_parent(int(argv[1]))
        argv = argv[2:]
    from distributed.cli.dask_worker import main as dask_worker
    dask_worker.main(args=[*argv, "--preload-nanny", "dragoman.scale.node"], prog_name="dask worker")


if __name__ == "__main__":
    main(sys.argv[1:])
