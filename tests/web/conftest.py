"""The workbench in a real browser: a copy of the demo workspace served by uvicorn on a free local port, and
Debian's Chromium driven by Playwright (never `playwright install`). Screenshots go to tests/web/artifacts/ (browsing.py)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))          # test_brief_assemble.build_demo

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A uvicorn server for one workspace, in a thread of this process."""

    def __init__(self, root: Path):
        import uvicorn
        from dragoman.web import create_app
        self.root, self.port = root, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(root), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Served":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the workbench server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """A private copy of the demo workspace (the browser tests change it: merges, briefs, notes)."""
    from demo_copies import demo_copy
    return demo_copy(tmp_path_factory, "workbench")


@pytest.fixture(scope="session")
def accounts_for(demo_root) -> dict[str, str]:
    """An analyst and a viewer account: name → token."""
    from demo_copies import add_accounts
    return add_accounts(demo_root, {"analyst1": "analyst", "viewer1": "viewer"})


@pytest.fixture(scope="session")
def server(demo_root, accounts_for):
    with Served(demo_root) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) whose console errors and script dialogs are recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.dialogs, tab.console_errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
