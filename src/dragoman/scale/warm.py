"""Imported by a Dask nanny's fork server (see `node.py`): loads the models its forked workers will share.

Importing this module builds the stages (from `node.WARM_ENV` when set, else this machine's default settings) and
runs them on a short page in the first language of `pipeline.preload`, which loads the models the stages cache
per process; a worker forked later builds its own stages against its run's settings and finds them loaded.
Other languages still load in each worker when its documents need them. Nothing here may stop the fork server:
a failure only means the workers load their models themselves.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile

from .node import WARM_ENV

log = logging.getLogger(__name__)


def _warm() -> None:
    from ..pool import thinc_without_torch, warm
    thinc_without_torch()
    from ..pipeline import make_worker, plan
    from ..settings import Settings
    request = json.loads(os.environ.get(WARM_ENV) or "{}")
    settings = Settings(request["settings"]) if request.get("settings") else Settings.load(None)
    names = request.get("stages") or [s.name for s in plan(settings)]
    folder = tempfile.mkdtemp(prefix="dragoman-warm-")   # an empty workspace: no overlay, no known entities
    try:
        worker = make_worker(names, settings.as_dict() | {"workspace.root": folder})
        warm(worker, list(settings["pipeline.preload"] or [])[:1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    gc.collect()
    gc.freeze()          # the loaded objects are never collected again, so their pages stay shared after a fork


try:
    _warm()
except Exception as exc:         # noqa: BLE001  the workers load what they need themselves
    log.warning("dragoman: the Dask workers' shared models could not be loaded (%s); each loads its own", exc)
