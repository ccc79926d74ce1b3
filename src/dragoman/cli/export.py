"""`dragoman export FORMAT -o FILE`: STIX 2.1, FollowTheMoney, GeoJSON, KML or CSV of the selected documents.
A thin wrapper over dragoman.export; cli.py registers it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .common import EXIT_PARTIAL, _fail, _open, day
from .terminal import emit_json, write


def export(fmt: str = typer.Argument(..., metavar="FORMAT", help="stix, ftm, geojson, kml or csv."),
           output: str = typer.Option(..., "--output", "-o", metavar="FILE", help="File to write; - for stdout."),
           query: Optional[str] = typer.Option(None, "--query", metavar="WORDS",
                                               help="Only documents the full-text search finds."),
           entity: Optional[str] = typer.Option(None, "--entity", metavar="NAME",
                                                help="Only documents naming this person, organisation or place "
                                                     "(any spelling or script, or an entity id)."),
           from_: Optional[str] = typer.Option(None, "--from", metavar="YYYY-MM-DD",
                                               help="Only documents published on or after this day."),
           to: Optional[str] = typer.Option(None, "--to", metavar="YYYY-MM-DD",
                                            help="Only documents published on or before this day."),
           outlet: list[str] = typer.Option([], "--outlet", metavar="OUTLET",
                                            help="Only documents of this outlet (registry id, name or domain); "
                                                 "repeatable."),
           table: str = typer.Option("events", "--table", help="csv: events, entities, places or excerpts."),
           layer: list[str] = typer.Option([], "--layer", help="geojson/kml: event, place or facility (repeatable; "
                                                               "default all three)."),
           bom: bool = typer.Option(False, "--bom", help="Start the file with a UTF-8 byte-order mark (Excel)."),
           as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Export for other tools: STIX 2.1 (OpenCTI, MISP), FollowTheMoney (Aleph), GeoJSON (QGIS), KML (Google
    Earth), CSV (spreadsheets, ACLED-style events). Streams, so any workspace size exports in bounded memory."""
    from ..export import FORMATS, LAYERS, TABLES
    from ..service import exports
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(FORMATS)}", param_hint="FORMAT")
    if table not in TABLES:
        raise typer.BadParameter(f"{table!r}: choose one of {', '.join(TABLES)}", param_hint="--table")
    for name in layer:
        if name not in LAYERS:
            raise typer.BadParameter(f"{name!r}: choose among {', '.join(LAYERS)}", param_hint="--layer")
    if as_json and output == "-":
        raise typer.BadParameter("--json prints the summary on stdout; write the export to a file with -o FILE")
    start, end = day(from_, "--from"), day(to, "--to")
    if start and end and end < start:
        raise typer.BadParameter(f"--to {end} is before --from {start}")
    selection = exports.selection(query=query, entity=entity, start=start, end=end, outlets=tuple(outlet))
    ws = _open(readonly=True)
    try:
        summary = exports.export_file(ws, fmt, Path(output) if output != "-" else "-", selection, table=table,
                                      bom=bom, layers=tuple(layer) or LAYERS)
    finally:
        ws.close()
    if as_json:
        emit_json(summary)
    else:
        wrote = ", ".join(f"{kind} {n}" for kind, n in summary["records"].items()) or "nothing"
        write(sys.stderr, f"export {fmt}: {summary['documents']} documents -> {summary['path']} ({wrote})\n")
        if summary["bidi_removed"]:
            write(sys.stderr, f"  {summary['bidi_removed']} bidirectional control character(s) removed from page "
                              f"text\n")
        for warning in summary["warnings"]:
            write(sys.stderr, f"warning: {warning}\n")
        for item in summary["skipped_items"]:
            write(sys.stderr, f"skipped {item}\n")
    if summary["skipped"]:
        _fail(f"export {fmt}: {summary['skipped']} record(s) skipped (listed above); the rest was written",
              EXIT_PARTIAL)
