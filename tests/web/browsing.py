"""What the browser tests share: logging in through the form, and screenshots kept as test artifacts."""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).parent / "artifacts"


def log_in(tab, server, accounts_for, name: str = "analyst1", path: str = "/") -> None:
    tab.goto(f"{server.url}/login?next={path}")
    tab.fill("input[name=name]", name)
    tab.fill("input[name=token]", accounts_for[name])
    tab.click("button[type=submit]")
    tab.wait_for_load_state("networkidle")


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(target), full_page=True)
    return target
