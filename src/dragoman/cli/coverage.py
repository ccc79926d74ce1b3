"""`dragoman coverage`: the documents, across languages, that report one happening (a thin wrapper over
`service.search.coverage`; registered in main with `app.command()(coverage)`)."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from .common import _open, day, out
from .terminal import emit_json


def coverage(language: Optional[str] = typer.Option(None, "--lang", help="Only documents in this language."),
             outlet: Optional[str] = typer.Option(None, "--outlet", help="Only documents of this outlet."),
             from_: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
             to: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
             limit: int = typer.Option(50, help="Most groups to show."),
             as_json: bool = typer.Option(False, "--json", help="Print the groups as JSON.")) -> None:
    """Groups of documents in any language about one happening: shared entities within days, backed by meaning
    when passage vectors exist; republished copies join their original."""
    from ..service.search import coverage as build
    ws = _open(readonly=True)
    try:
        found = build(ws, lang=language, outlet=outlet, since=day(from_, "--from"), until=day(to, "--to"),
                      limit=limit)
    finally:
        ws.close()
    if as_json:
        emit_json(found)
        return
    out.print(f"{found['count']} groups among {found['documents']} documents")
    for g in found["groups"]:
        table = Table("id", "lang", "outlet", "published", "title", title=f"{', '.join(g['languages'])} · "
                      f"{(g['first'] or '?')[:10]} · {', '.join(g['entities'][:5])}")
        for d in g["documents"]:
            table.add_row(d["id"][:12], d["language"] or "?", d["outlet"] or "", (d["published"] or "")[:16],
                          d["title"] or "")
        out.print(table)
