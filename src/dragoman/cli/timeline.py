"""`dragoman timeline`: what happened, in time order, with its sources, credibility and conflicts. A thin
wrapper over dragoman.analysis; the lead registers it with `app.command()(timeline)`."""

from __future__ import annotations

from typing import Optional

import typer

from .common import _open, day, out
from .terminal import emit_json


def timeline(entity: Optional[str] = typer.Option(None, "--entity", help="Only happenings this person or "
                                                  "organisation takes part in (any spelling or script)."),
             from_: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
             to: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
             as_json: bool = typer.Option(False, "--json", help="Print the stories as JSON.")) -> None:
    """Events in time order: date and its precision, who and where, each source with its descriptor and grade,
    the credibility of the whole, and a ⚠ line where outlets disagree on the date or place."""
    from ..analysis.timeline import story_dict, story_lines
    from ..analysis.timeline import timeline as build

    start, end = day(from_, "--from"), day(to, "--to")
    if start and end and end < start:
        raise typer.BadParameter(f"--to {end} is before --from {start}")
    ws = _open(readonly=True)
    try:
        stories = build(ws, entity=entity, start=start, end=end)
    finally:
        ws.close()
    if as_json:
        emit_json({"entity": entity, "from": from_, "to": to, "count": len(stories),
                    "stories": [story_dict(s) for s in stories]})
        return
    if not stories:
        about = f" involving {entity!r}" if entity else ""
        out.print(f"no events{about} in the stored documents" + (" between those dates" if start or end else ""),
                  markup=False, highlight=False)
        return
    for story in stories:
        for line in story_lines(story):
            out.print(line, markup=False, highlight=False)
        out.print()
    out.print(f"{len(stories)} stories", markup=False, highlight=False)
