"""A stage for the pool tests, loaded through `pipeline.plugins`: `counted` appends the building process's pid to
the file named by DRAGOMAN_TEST_BUILDS each time it is built, and does nothing to documents."""

import os

from dragoman.pipeline import stage


@stage("counted", version="1", requires=("text",), assigns=())
def build_counted(settings):
    """Notes each build (a stand-in for loading a model)."""
    with open(os.environ["DRAGOMAN_TEST_BUILDS"], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return lambda doc: doc
