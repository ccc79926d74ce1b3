import os
import tempfile
from pathlib import Path

import pytest

# Built data (the gazetteer, ~18 s to build; arabnamer renderings) goes to one cache shared by every test and
# every test run, never to the user's ~/.cache. Set before any worker process is spawned, so they inherit it.
CACHE = Path(os.environ.get("DRAGOMAN_TEST_CACHE") or Path(tempfile.gettempdir()) / "dragoman-test-cache")
os.environ["DRAGOMAN_CACHE"] = str(CACHE)

from dragoman.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


@pytest.fixture
def ws(tmp_path):
    """A fresh workspace that runs the pipeline in-process."""
    workspace = Workspace.open(tmp_path / "ws", create=True, overrides=["pipeline.workers=1"])
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer, built once into the test cache."""
    from dragoman.geo.gazetteer import Gazetteer
    return Gazetteer.open()


@pytest.fixture(scope="module")
def coder():
    """The event coder with every language's rules, one per test module."""
    from dragoman.events import EventCoder
    return EventCoder()
