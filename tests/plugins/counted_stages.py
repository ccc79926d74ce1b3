"""A stage for the pool tests, loaded through `pipeline.plugins`: `counted` appends the building process's pid to
the file named by DRAGOMAN_TEST_BUILDS each time it is built, and does nothing to documents."""

import os
import time

from dragoman.pipeline import stage


@stage("counted", version="1", requires=("text",), assigns=())
def build_counted(settings):
    """Notes each build (a stand-in for loading a model)."""
    with open(os.environ["DRAGOMAN_TEST_BUILDS"], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return lambda doc: doc


_LOADED: set[str] = set()


@stage("languages", version="1", requires=("text",), assigns=())
def build_languages(settings):
    """Loads a "model" per document language on first sight (slowly for French, like a large model), noting
    "pid language" in DRAGOMAN_TEST_LOADS: which process loaded which language. With DRAGOMAN_TEST_FRENCH_KILLS
    set, loading French ends the process."""
    def run(doc):
        if doc.language and doc.language not in _LOADED:
            if doc.language == "fr":
                time.sleep(1.5)
                if os.environ.get("DRAGOMAN_TEST_FRENCH_KILLS"):
                    os._exit(9)          # a model that takes its process down (a crash, the OOM killer)
            _LOADED.add(doc.language)
            with open(os.environ["DRAGOMAN_TEST_LOADS"], "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {doc.language}\n")
        return doc
    return run
