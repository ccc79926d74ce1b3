"""`dragoman outlets`: list, show, add and edit the outlet registry. Thin wrappers over dragoman.outlets and
dragoman.service.outlets (edits go to the audit log)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import msgspec
import typer
from rich.table import Table

from ..errors import WorkspaceError
from ..outlets import GRADES, TYPES, Outlet, Registry, RegistryError
from ..outlets.model import parse_assignment
from ..service.outlets import edit as edit_outlet
from ..service.outlets import outlet_dict as _as_dict
from ..workspace import DB_FILE, resolve_root
from .common import State, _open, cli_actor
from .terminal import Console, emit_json, line

outlets_app = typer.Typer(help="The outlet registry: names, domains, handles, descriptors and Admiralty "
                               "reliability grades. Additions and edits go to the workspace's outlets.yaml.",
                          no_args_is_help=True)
out = Console(soft_wrap=True)


def _root(*, must_exist: bool = False) -> Path:
    root = resolve_root(State.workspace)
    if must_exist and not (root / DB_FILE).exists():
        raise WorkspaceError(f"{root}: not a Dragoman workspace; run `dragoman init` "
                             f"(or pass --workspace / set DRAGOMAN_HOME)")
    return root





@outlets_app.command("list")
def outlets_list(as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
                 unrated: bool = typer.Option(False, "--unrated", help="List the stored documents' sources that "
                                              "match no outlet, with document counts.")) -> None:
    """The outlets (bundled plus the workspace's own), or with --unrated the sources still to be rated."""
    registry = Registry.load(_root())
    if unrated:
        _list_unrated(registry, as_json)
        return
    if as_json:
        emit_json([_as_dict(registry, o) for o in registry])
        return
    table = Table("id", "name", "type", "country", "grade", "descriptor")
    for o in registry:
        table.add_row(o.id, o.name, o.type, o.country or "", o.reliability, o.descriptor)
    out.print(table)
    out.print(f"{len(registry)} outlets")


def _list_unrated(registry: Registry, as_json: bool) -> None:
    from ..outlets.unrated import unrated_sources
    from ..workspace import Workspace
    ws = Workspace.open(_root(must_exist=True), overrides=State.overrides, readonly=True)
    try:
        rows = unrated_sources(ws.store, registry)
    finally:
        ws.close()
    if as_json:
        emit_json(rows)
        return
    if not rows:
        out.print("every stored document matches an outlet in the registry")
        return
    table = Table("source", "documents", "names seen", "example")
    for r in rows:
        table.add_row(r["source"], str(r["documents"]), ", ".join(r["names"]), r["example_url"] or "")
    out.print(table)
    out.print(f"{len(rows)} unrated sources; rate them with `dragoman outlets add --id … --domain …`",
              highlight=False)


@outlets_app.command("show")
def outlets_show(key: str = typer.Argument(..., metavar="ID_OR_DOMAIN", help="An outlet id, domain, URL, Telegram handle or name."),
                 as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Everything the registry holds on one outlet."""
    registry = Registry.load(_root())
    o = registry.lookup(key)
    data = _as_dict(registry, o)
    if as_json:
        emit_json(data)
        return
    out.print(line((o.name, "bold"), f" ({o.id}) — {o.descriptor}"))
    out.print(f"reliability {o.reliability} ({data['grade_meaning']}): {o.rationale}", highlight=False)
    for field in ("names", "type", "country", "languages", "domains", "telegram", "ownership", "alignment",
                  "parent", "family", "agency", "origin"):
        value = data.get(field)
        if value not in (None, "", [], False) and not (field == "family" and value == o.id):
            out.print(f"  {field}: {', '.join(value) if isinstance(value, list) else value}", highlight=False)


@outlets_app.command("add")
def outlets_add(
    ident: str = typer.Option(..., "--id", help="Short id: lower-case letters, digits, hyphens."),
    name: str = typer.Option(..., "--name", help="The outlet's usual name."),
    type_: str = typer.Option(..., "--type", help=f"One of: {', '.join(TYPES)}."),
    descriptor: str = typer.Option(..., "--descriptor", help='What a brief writes after the name, e.g. '
                                   '"Libyan news site".'),
    grade: str = typer.Option(..., "--grade", help=f"Admiralty reliability grade: {', '.join(GRADES)}."),
    rationale: str = typer.Option(..., "--rationale", help="Why that grade, in a sentence or two."),
    domain: list[str] = typer.Option([], "--domain", help="A domain or domain/section (repeatable)."),
    telegram: list[str] = typer.Option([], "--telegram", help="A Telegram channel handle (repeatable)."),
    alias: list[str] = typer.Option([], "--alias", help="Another name, in any script (repeatable)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166 alpha-2 code of where it is based."),
    language: list[str] = typer.Option([], "--language", help="A language it publishes in (repeatable)."),
    ownership: str = typer.Option("", "--ownership"),
    alignment: str = typer.Option("", "--alignment"),
    parent: Optional[str] = typer.Option(None, "--parent", help="Id of the outlet it belongs to."),
    agency: bool = typer.Option(False, "--agency", help="A wire whose stories others republish."),
) -> None:
    """Add an outlet to the workspace's outlets.yaml (checked against the whole registry first)."""
    registry = Registry.load(_root(must_exist=True))
    outlet = Outlet(id=ident, name=name, type=type_, descriptor=descriptor, reliability=grade.upper(),
                    rationale=rationale, names=tuple(alias), domains=tuple(domain), telegram=tuple(telegram),
                    country=country, languages=tuple(language), ownership=ownership, alignment=alignment,
                    parent=parent, agency=agency)
    try:
        registry.add(outlet)
    except RegistryError as exc:            # the values given are at fault: bad usage, exit 2
        raise typer.BadParameter(str(exc)) from None
    out.print(f"added {ident} ({name}, {grade.upper()}) to {registry.overlay_path}", highlight=False)


@outlets_app.command("edit")
def outlets_edit(ident: str = typer.Argument(..., metavar="ID", help="The outlet id."),
                 set_: list[str] = typer.Option(..., "--set", help="FIELD=VALUE (lists comma-separated; "
                                                "FIELD+=ITEM and FIELD-=ITEM add to or remove from a list).")
                 ) -> None:
    """Change an outlet's fields; the change is stored in the workspace's outlets.yaml."""
    registry = Registry.load(_root(must_exist=True))
    current = registry.get(ident)
    changes: dict[str, Any] = {}
    for expr in set_:
        try:
            field, value = parse_assignment(current, expr)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--set") from None
        changes[field] = value
        current = msgspec.structs.replace(current, **{field: value})   # a later --set sees earlier ones
    ws = _open()
    try:
        edited = edit_outlet(ws, ident, changes, cli_actor())
    except RegistryError as exc:
        raise typer.BadParameter(str(exc), param_hint="--set") from None
    finally:
        ws.close()
    for field in changes:
        value = edited[field]
        shown = ", ".join(value) if isinstance(value, (tuple, list)) else value
        out.print(f"{ident}: {field} = {shown}", highlight=False)
    out.print(f"saved in {registry.overlay_path}", highlight=False)
