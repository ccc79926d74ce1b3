"""A stage for the Dask tests, loaded through `pipeline.plugins`: `crash` ends its worker process at once on a
document whose text holds CRASH (a stand-in for a segfault in a native library or the OS killing the worker)."""

import os

from dragoman.pipeline import stage

CRASH = "CRASH-THE-WORKER"


@stage("crash", version="1", requires=("text",), assigns=())
def build_crash(settings):
    """Ends the worker process on a marked document."""
    def run(doc):
        if CRASH in doc.text:
            os._exit(70)
        return doc
    return run
