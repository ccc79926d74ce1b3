from pathlib import Path

import pytest

from dragoman.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


@pytest.fixture
def ws(tmp_path):
    """A fresh workspace that runs the pipeline in-process."""
    workspace = Workspace.open(tmp_path / "ws", create=True, overrides=["pipeline.workers=1"])
    yield workspace
    workspace.close()
