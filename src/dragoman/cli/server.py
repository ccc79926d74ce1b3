"""`dragoman serve`, `dragoman users` and `dragoman audit`: the workbench server, its accounts and the audit log."""

from __future__ import annotations

import ipaddress
import json
import re
import sys
from typing import Optional

import typer

from .common import State, _open, cli_actor

users_app = typer.Typer(help="Accounts for the workbench server: viewer, analyst or admin, each with a token.",
                        no_args_is_help=True)




def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
          port: int = typer.Option(8765, "--port", min=1, max=65535, help="Port to listen on.")) -> None:
    """Run the workbench server (HTTP API under /api). Without accounts it serves this machine only."""
    import uvicorn

    from ..service import accounts
    from ..web import create_app
    ws = _open()
    try:
        has_accounts = accounts.has_accounts(ws.store.con)
        root = ws.root
    finally:
        ws.close()
    if not _is_loopback(host) and not has_accounts:
        raise typer.BadParameter(f"{host} is reachable from other machines; create accounts first "
                                 "(`dragoman users add NAME --role admin`) or serve on 127.0.0.1", param_hint="--host")
    app = create_app(root, State.overrides)
    mode = "accounts" if has_accounts else "local mode (no accounts: this machine only)"
    sys.stderr.write(f"serving {root} on http://{host}:{port}/ ({mode}); API schema at /api/openapi.json\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@users_app.command("add")
def users_add(name: str = typer.Argument(..., help="Account name (letters, digits, . _ -)."),
              role: str = typer.Option("viewer", "--role", help="viewer, analyst or admin."),
              as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Create an account and print its token once (only a hash is kept)."""
    from ..service import accounts
    result = _change(lambda con: accounts.add(con, name, role, cli_actor()))
    _print_token(result, as_json)


@users_app.command("token")
def users_token(name: str, as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Give an account a new token (the old one stops working) and print it once."""
    from ..service import accounts
    _print_token(_change(lambda con: accounts.new_token(con, name, cli_actor())), as_json)


@users_app.command("disable")
def users_disable(name: str) -> None:
    """Disable an account: its token and sessions stop working."""
    from ..service import accounts
    _change(lambda con: accounts.disable(con, name, cli_actor()))
    sys.stdout.write(f"{name}: disabled\n")


@users_app.command("list")
def users_list(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Accounts with their role and state."""
    from ..service import accounts
    ws = _open(readonly=True)
    try:
        rows = accounts.listing(ws.store.con)
    finally:
        ws.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    for r in rows:
        sys.stdout.write(f"{r['name']}\t{r['role']}\t{'disabled' if r['disabled'] else 'active'}\t{r['created']}\n")
    if not rows:
        sys.stdout.write("no accounts: the server runs in local mode (this machine only)\n")


def audit(limit: int = typer.Option(50, "--limit", min=1, max=200, help="At most this many, newest first."),
          actor: Optional[str] = typer.Option(None, "--actor", help="Only changes by this account."),
          action: Optional[str] = typer.Option(None, "--action", help="Only this action (prefix, e.g. entity.)."),
          as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Every change: who, when, what, and before → after."""
    from ..service.audit import entries
    ws = _open(readonly=True)
    try:
        page = entries(ws.store.con, limit=limit, actor=actor, action=action)
    finally:
        ws.close()
    if as_json:
        sys.stdout.write(json.dumps(page, ensure_ascii=False, indent=2) + "\n")
        return
    for e in page["items"]:
        change = f"{json.dumps(e['before'], ensure_ascii=False)} → {json.dumps(e['after'], ensure_ascii=False)}"
        sys.stdout.write(_printable(f"#{e['id']} {e['at']} {e['actor']} {e['action']} {e['target']}: {change}")
                         + "\n")
    sys.stdout.write(f"{page['total']} changes in all\n")


def _printable(text: str) -> str:
    """Audit rows carry names from web pages: no control or bidi character reaches the terminal."""
    return _CONTROLS.sub("\ufffd", text)


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _change(action):
    ws = _open()
    try:
        with ws.store.transaction() as con:
            return action(con)
    finally:
        ws.close()


def _print_token(result: dict, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    sys.stdout.write(f"{result['name']} ({result['role']}) token, shown once — keep it safe:\n{result['token']}\n")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
