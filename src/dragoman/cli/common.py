"""What every command module shares: the global options, opening the workspace, exit codes, the consoles.

Command modules import from here (never from `main`), so the package's imports run one way:
main → command modules → common → the library.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..service.audit import Actor
from ..workspace import Workspace, resolve_root
from .terminal import Console, write

# Exit codes: 0 fine; 1 some items failed (the rest went through); 2 bad usage (Typer);
# 3 workspace or settings problem; 4 a named record was not found.
EXIT_PARTIAL, EXIT_WORKSPACE, EXIT_NOT_FOUND = 1, 3, 4

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class State:
    """The global options (`--workspace`, `--set`) of the command being run."""

    workspace: Optional[Path] = None
    overrides: list[str] = []


def _open(create: bool = False, readonly: bool = False) -> Workspace:
    return Workspace.open(resolve_root(State.workspace), overrides=State.overrides, create=create,
                          readonly=readonly)


def _fail(message: str, code: int) -> None:
    write(sys.stderr, f"error: {message}\n")     # one plain line, never wrapped
    sys.exit(code)


def cli_actor() -> Actor:
    """Changes made at the command line are the local analyst's; the audit log names the OS account."""
    import getpass
    try:
        return Actor(f"cli:{getpass.getuser()}", "admin")
    except (KeyError, OSError):
        return Actor("cli", "admin")


def day(value: Optional[str], option: str) -> date | None:
    """A YYYY-MM-DD option as a date (a usage error names the option otherwise)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (expected YYYY-MM-DD)", param_hint=option) from None
