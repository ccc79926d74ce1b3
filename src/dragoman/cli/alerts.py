"""`dragoman watchlists add|list|show|remove` and `dragoman alerts`: thin callers of service/watchlists.py."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from ..service import watchlists as service
from .common import _open, cli_actor, err, out
from .terminal import emit_json, line

watchlists_app = typer.Typer(help="Watchlists: saved searches matched against every newly processed document, "
                                  "each with an Atom feed and an optional webhook.", no_args_is_help=True)


@watchlists_app.command("add")
def add(name: str = typer.Argument(..., help="A short name: letters, digits, '.', '_' or '-'."),
        query: Optional[str] = typer.Option(None, "--query", help='Words (all must match) and "quoted phrases".'),
        entity: Optional[str] = typer.Option(None, "--entity", help="An entity: id, canonical name or any spelling."),
        near: Optional[str] = typer.Option(None, "--near", help="A place name, facility or \"lat,lon\" (with --km)."),
        km: Optional[float] = typer.Option(None, "--km", help="Radius around --near, in km."),
        semantic: Optional[str] = typer.Option(None, "--semantic", help="A description, matched by meaning in "
                                                                        "every language."),
        min_score: Optional[float] = typer.Option(None, "--min-score", help="With --semantic: least similarity "
                                                  "for a hit (default: setting alerts.semantic_threshold)."),
        lang: list[str] = typer.Option([], "--lang", help="Only documents in this language (repeatable)."),
        webhook: Optional[str] = typer.Option(None, "--webhook", help="POST each new hit as JSON to this address."),
        as_json: bool = typer.Option(False, "--json", help="Print the watchlist as JSON.")) -> None:
    """Add a watchlist; it catches documents processed from now on (`run`, `watch`)."""
    ws = _open(create=True)
    try:
        made = service.add(ws, name, cli_actor(), query=query, entity=entity, near=near, km=km, semantic=semantic,
                           languages=lang, webhook=webhook, min_score=min_score)
    finally:
        ws.close()
    if as_json:
        emit_json(made)
        return
    out.print(f"added watchlist {made['name']} ({made['kind']}: {made['value']})", highlight=False)
    if made["kind"] == "entity" and not made["params"].get("entity_id"):
        err.print(line(("note", "yellow"), f" no entity {made['value']!r} is known yet; it is looked up again "
                                           "as documents arrive"))


@watchlists_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Every watchlist with its hits so far."""
    ws = _open(readonly=True)
    try:
        rows = service.listing(ws)
    finally:
        ws.close()
    if as_json:
        emit_json(rows)
        return
    table = Table("name", "kind", "watching", "languages", "hits", "repeats", "last hit", "webhook")
    for r in rows:
        table.add_row(r["name"], r["kind"], r["value"], ", ".join(r["params"].get("languages", [])),
                      str(r.get("hits", 0)), str(r.get("duplicates", 0)), r.get("last_hit") or "",
                      r["webhook"] or "")
    out.print(table)


@watchlists_app.command("show")
def show(name: str, limit: int = typer.Option(20, help="Recent hits to show."),
         as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """One watchlist: what it watches and its recent hits (repeats of a story marked)."""
    ws = _open(readonly=True)
    try:
        data = service.show(ws, name, limit=limit)
    finally:
        ws.close()
    if as_json:
        emit_json(data)
        return
    out.print(line((data["name"], "bold"), f" — {data['kind']}: {data['value']}"))
    if data["params"]:
        out.print(f"resolved: {data['params']}", highlight=False)
    out.print(f"hits {data.get('hits', 0)}, repeats {data.get('duplicates', 0)}; feed: "
              f"alerts/{data['name']}.atom in the workspace, /api/watchlists/{data['name']}/atom on the server")
    _hits_table(data["recent"])


@watchlists_app.command("remove")
def remove(name: str) -> None:
    """Remove a watchlist, its hits and its feed file."""
    ws = _open()
    try:
        service.remove(ws, name, cli_actor())
    finally:
        ws.close()
    out.print(f"removed watchlist {name}")


def alerts(watchlist: Optional[str] = typer.Option(None, "--watchlist", help="Only this watchlist's hits."),
           limit: int = typer.Option(50, help="Most hits to show."),
           repeats: bool = typer.Option(False, "--repeats", help="Also list documents repeating a story already "
                                                                  "alerted."),
           as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Recent watchlist hits, newest first (each story once)."""
    ws = _open(readonly=True)
    try:
        data = service.alerts(ws, watchlist=watchlist, limit=limit, include_duplicates=repeats)
    finally:
        ws.close()
    if as_json:
        emit_json(data)
        return
    if not data["items"]:
        out.print("no alerts yet")
        return
    _hits_table(data["items"])


def _hits_table(rows: list[dict]) -> None:
    table = Table("when", "watchlist", "document", "lang", "outlet", "title", "why", show_lines=True)
    for r in rows:
        title = r["title"] or ""
        if r.get("title_english") and r["title_english"] != title:
            title += f"\n({r['title_english']})"
        why = r["why"] + (f"\nrepeats {r['duplicate_of'][:12]}" if r.get("duplicate_of") else "")
        if r.get("webhook_state"):
            why += f"\nwebhook {r['webhook_state']}" + (f": {r['webhook_error']}" if r.get("webhook_error") else "")
        table.add_row(r["matched_at"], r["watchlist"], r["doc_id"][:12], r["language"] or "?", r["outlet"] or "",
                      title, why)
    out.print(table)
