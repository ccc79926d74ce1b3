"""`dragoman entities`: see canonical entities, every spelling attached and why, and merge / split / undo.
Thin callers of dragoman.service.entities (changes go to the audit log); `--json` on every command."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional

import typer
from rich.table import Table

from ..names.index import NAME_KINDS
from ..service import entities as service
from ..workspace import Workspace
from .common import _open, cli_actor
from .terminal import Console, emit_json, line

entities_app = typer.Typer(help="Canonical people, organisations and places; merge, split and undo.",
                           no_args_is_help=True)
out = Console(soft_wrap=True)
SCRIPTS = ("latin", "arabic", "cyrillic", "other")


@contextmanager
def _workspace(readonly: bool) -> Iterator[Workspace]:
    ws = _open(readonly=readonly)
    try:
        yield ws
    finally:
        ws.close()



@entities_app.command("list")
def entities_list(kind: Optional[str] = typer.Option(None, "--kind", help=f"Only this kind ({', '.join(NAME_KINDS)},"
                                                                          " other)."),
                  limit: int = typer.Option(50, "--limit", min=1, help="At most this many."),
                  as_json: bool = typer.Option(False, "--json", help="Print the entities as JSON.")) -> None:
    """Entities in this workspace, most mentioned first."""
    with _workspace(readonly=True) as ws:
        rows = service.list_entities(ws, kind=kind, limit=limit)
    if as_json:
        emit_json(rows)
        return
    table = Table("id", "kind", "name", "origin", "mentions", "documents")
    for r in rows:
        table.add_row(r["id"], r["kind"], r["name"], r["origin"], str(r["mentions"]), str(r["documents"]))
    out.print(table)
    out.print(f"{len(rows)} entities")


@entities_app.command("show")
def entities_show(name_or_id: str = typer.Argument(..., help="An entity id, canonical name or spelling seen."),
                  as_json: bool = typer.Option(False, "--json", help="Print the entity as JSON.")) -> None:
    """One entity: canonical name, kind, every spelling by script (count, rule and score that attached it),
    merges and splits, and the documents that mention it."""
    with _workspace(readonly=True) as ws:
        data = service.profile(ws, name_or_id)
    if as_json:
        emit_json(data)
        return
    if data["asked"] != data["id"]:
        out.print(f"{data['asked']} was merged into {data['id']}", highlight=False)
    out.print(line((data["name"], "bold"), f" ({data['kind']}) {data['id']} · {data['origin']} · "
              f"{data['mentions']} mentions in {len(data['documents'])} documents"))
    for script in sorted(data["variants"], key=lambda s: SCRIPTS.index(s) if s in SCRIPTS else 9):
        table = Table(script, "count", "why", "first seen", title=None)
        for v in data["variants"][script]:
            why = f"{v['rule']} {v['score']:.2f}" if v["score"] is not None else v["rule"]
            if v.get("evidence"):
                why = v["evidence"] if v["evidence"].startswith(v["rule"]) else f"{why}: {v['evidence']}"
            table.add_row(v["variant"], str(v["count"]), why + (" (pinned)" if v["pinned"] else ""),
                          v["first_seen"] or "")
        out.print(table)
    for m in data["merges"]:
        what = (f"split off {m['other']} ({', '.join(m['variants'])})" if m["op"] == "split"
                else f"merged {m['other']} into {m['kept']}")
        undone = f", undone {m['undone_at']}" if m["undone_at"] else ""
        out.print(f"  #{m['id']} {what} by {m['actor']} ({m['rule']} {m['score']:.2f}) at {m['at']}{undone}",
                  highlight=False)
    for d in data["documents"]:
        out.print(f"  {d['id']}  {d['mentions']}×  {d['language'] or '?'}  {d['title'] or ''}", highlight=False)
    if data.get("declined"):
        out.print("Not linked for want of evidence:", highlight=False)
    for d in data.get("declined", []):
        out.print(f"  {d['doc_id']}  {d['surface']}: {d['evidence']}", highlight=False)


@entities_app.command("merge")
def entities_merge(keep: str = typer.Argument(..., help="The entity to keep (id, name or spelling)."),
                   other: str = typer.Argument(..., help="The entity folded into it."),
                   as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Fold OTHER into KEEP: its spellings and mentions move; `undo` reverses it."""
    with _workspace(readonly=False) as ws:
        result = service.merge(ws, keep, other, cli_actor())
    merge_id = result["merge"]
    if as_json:
        emit_json(result)
        return
    out.print(f"merge #{merge_id}: {result['merged']} folded into {result['kept']} "
              f"(undo with `dragoman entities undo {merge_id}`)", highlight=False)


@entities_app.command("split")
def entities_split(entity: str = typer.Argument(..., help="The entity (id, name or spelling)."),
                   variants: list[str] = typer.Argument(..., help="Spellings to move to a new entity."),
                   as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Move these spellings (and their mentions) to a new entity; they stay there when documents are re-run."""
    with _workspace(readonly=False) as ws:
        result = service.split(ws, entity, variants, cli_actor())
    new_id, merge_id = result["entity"], result["merge"]
    if as_json:
        emit_json({"entity": new_id, "from": entity, "variants": variants, "merge": merge_id})
        return
    out.print(f"split #{merge_id}: {', '.join(variants)} now form {new_id} "
              f"(undo with `dragoman entities undo {merge_id}`)", highlight=False)


@entities_app.command("undo")
def entities_undo(merge_id: int = typer.Argument(..., help="The merge or split number (see `entities show`)."),
                  as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Reverse a merge or a split."""
    with _workspace(readonly=False) as ws:
        result = service.undo(ws, merge_id, cli_actor())
    if as_json:
        emit_json(result)
        return
    verb = "unmerged" if result["op"] == "merge" else "folded back"
    out.print(f"#{merge_id} undone: {result['other']} {verb} ({result['kept']})", highlight=False)
