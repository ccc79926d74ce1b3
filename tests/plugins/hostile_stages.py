"""Stages for the hostile-input tests, loaded through `pipeline.plugins` (also by worker processes, which get
the parent's sys.path). `stall` never ends on a document whose text holds STALL; `pause` sleeps a little on every
document so a run lasts long enough to be killed; `hog` grabs memory on a document whose text holds HOG."""

import time

from dragoman.pipeline import stage

STALL, HOG = "STALL-THIS-DOCUMENT", "HOG-THIS-DOCUMENT"


@stage("stall", version="1", requires=("text",), assigns=())
def build_stall(settings):
    """Spins forever on a marked document (a stand-in for a quadratic path on a hostile page)."""
    def run(doc):
        while STALL in doc.text:
            sum(range(1000))
        return doc
    return run


@stage("pause", version="1", requires=("text",), assigns=())
def build_pause(settings):
    """Sleeps 0.3 s on every document."""
    def run(doc):
        time.sleep(0.3)
        return doc
    return run


@stage("hog", version="1", requires=("text",), assigns=())
def build_hog(settings):
    """Holds ~400 MB and waits on a marked document (a stand-in for a memory blow-up)."""
    def run(doc):
        if HOG in doc.text:
            block = bytearray(400 * 2**20)
            for i in range(0, len(block), 4096):
                block[i] = 1
            time.sleep(60)
        return doc
    return run
