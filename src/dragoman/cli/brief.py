"""`dragoman brief` (draft a brief from the knowledge base) and `dragoman cite` (an excerpt id back to its
archived original). Thin wrappers over dragoman.brief and dragoman.service.cite; cli/main.py registers them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import msgspec
import typer

from .common import EXIT_NOT_FOUND, EXIT_PARTIAL, _fail, _open, day
from .terminal import emit_json, write


def brief(query: Optional[str] = typer.Option(None, "--query", metavar="WORDS",
                                              help="Full-text search that selects documents."),
          entity: Optional[str] = typer.Option(None, "--entity", metavar="NAME",
                                               help="A person or organisation, in any spelling or script."),
          from_: Optional[str] = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="First day of the period."),
          to: Optional[str] = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="Last day of the period."),
          title: Optional[str] = typer.Option(None, "--title", help="The brief's title (default: from the query)."),
          output: list[Path] = typer.Option([], "--output", "-o", metavar="FILE",
                                            help="File to write (repeatable); .md, .html, .pdf or .docx by suffix. "
                                                 "Without one the Markdown goes to stdout."),
          template: Optional[Path] = typer.Option(None, "--template", metavar="FILE",
                                                  help="Your own Jinja2 template for .md/.html/.pdf output."),
          image: Optional[Path] = typer.Option(None, "--image", metavar="FILE",
                                               help="A picture to show instead of the page's (PNG, JPEG or "
                                                    "WebP; checked by decoding it)."),
          fetch_image: bool = typer.Option(True, "--fetch-image/--no-fetch-image",
                                           help="Fetch the page's licensed picture (polite fetcher, archived "
                                                "with its SHA-256) so every format embeds it."),
          as_json: bool = typer.Option(False, "--json", help="Print the drafted brief as JSON.")) -> None:
    """Draft a brief: key foreign-language sources with excerpts, a footnoted analysis, notes, credibility."""
    from ..brief.assemble import assemble
    from ..brief.render import SUFFIXES, render, render_markdown
    if not (query or entity):
        raise typer.BadParameter("say what the brief is about with --entity NAME and/or --query WORDS")
    for path in output:
        if path.suffix.lower() not in SUFFIXES:
            raise typer.BadParameter(f"{path}: the suffix picks the format; use one of {', '.join(SUFFIXES)}",
                                     param_hint="--output")
    start, end = day(from_, "--from"), day(to, "--to")
    if start and end and end < start:
        raise typer.BadParameter(f"--to {end} is before --from {start}")
    if image is not None:
        from ..brief.image import checked_image_file
        from ..errors import InputError
        try:
            checked_image_file(image)
        except InputError as exc:
            raise typer.BadParameter(str(exc), param_hint="--image") from None
    ws = _open(readonly=image is not None or not fetch_image)      # a fetched picture is archived
    try:
        drafted = assemble(ws, query=query, entity=entity, start=start, end=end, title=title)
        if image is None and fetch_image and drafted.image is not None:
            from ..brief.picture import fetch_picture
            drafted.image, problem = fetch_picture(ws, drafted.image)
            if problem:
                drafted.warnings.append(problem)
    finally:
        ws.close()
    if image is not None:
        from ..brief.image import with_file
        drafted.image = with_file(drafted.image, image)
    written = [str(render(drafted, path, template=template)) for path in output]
    if as_json:
        emit_json({"brief": msgspec.to_builtins(drafted), "written": written})
    elif not output:
        write(sys.stdout, render_markdown(drafted, template=template, base=Path.cwd()))
    else:
        for path in written:
            write(sys.stdout, f"wrote {path}\n")
    for warning in drafted.warnings:
        write(sys.stderr, f"warning: {warning}\n")
    write(sys.stderr, f"{drafted.check}\n")


def cite(excerpt_id: str = typer.Argument(..., help="An excerpt id from a brief, e.g. X-d270c057f060-653-799-7a99."),
         as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """The original text at an excerpt's span, with its document, URL, capture SHA-256 and WARC record."""
    from ..errors import NotFound
    from ..service.cite import cite as look_up
    ws = _open(readonly=True)
    try:
        view = look_up(ws, excerpt_id)
    except NotFound as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
        return
    finally:
        ws.close()
    if as_json:
        emit_json(view)
    else:
        _print(view)
    if view["problem"]:
        _fail(f"excerpt {excerpt_id}: {view['problem']}", EXIT_PARTIAL)


def _print(view: dict[str, Any]) -> None:
    lines = [view["original"], ""]
    if len(view["pieces"]) > 1:
        lines += [f"quoted (cut): {view['quoted']}"]
    if view["english"]:
        lines += [f"english ({view['translation']}): {view['english']}"]
    lines += [f"excerpt: {view['excerpt']}",
              f"document: {view['document']} · {view['outlet']} ({view['descriptor']}, grade {view['grade']}) · "
              f"{view['language']} · "
              f"{(view['published'] or 'undated')[:10]}",
              f"url: {view['url'] or '(none)'}",
              f"characters: {view['span'][0]}–{view['span'][1]}"
              + (" in pieces " + ", ".join(f"{s}–{e}" for s, e in view["pieces"]) if len(view["pieces"]) > 1 else "")]
    capture = view["capture"]
    if capture:
        lines += [f"capture sha256: {capture['sha256']}",
                  f"warc: {capture['warc']} @ {capture['offset']} ({capture['length']} bytes, captured "
                  f"{capture['captured'][:10]})",
                  f"archive: {'verified: the record re-hashes to this SHA-256' if capture['verified'] else 'NOT verified'}"]
    write(sys.stdout, "\n".join(lines) + "\n")
