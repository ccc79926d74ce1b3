"""Commands for collecting: the feed list, `watch`, and `archive verify`. Thin wrappers over the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .common import EXIT_PARTIAL, _open
from .terminal import Console, emit_json, line

feeds_app = typer.Typer(help="The feed list: add, import/export OPML, list (failing feeds flagged), poll.",
                        no_args_is_help=True)
archive_app = typer.Typer(help="The WARC archive of every capture.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)




def _log(line: str) -> None:
    style = "bold red" if line.startswith("ALERT") else ("yellow" if "failed" in line else None)
    err.print(line, style=style, highlight=False, markup=False)


@feeds_app.command("add")
def feeds_add(url: str, title: Optional[str] = None, folder: Optional[str] = None,
              language: Optional[str] = typer.Option(None, "--lang"), outlet: Optional[str] = None) -> None:
    """Add a feed (RSS, Atom or RDF) to the feed list."""
    from ..ingest.opml import feed_url_problem
    from ..store.feeds import Feed
    from ..store.repo import now_iso
    if problem := feed_url_problem(url):
        raise typer.BadParameter(f"{url}: {problem}")
    ws = _open(create=True)
    try:
        with ws.store.transaction():
            added = ws.store.feeds.add(Feed(url=url, title=title, folder=folder, language=language, outlet=outlet),
                                       now_iso())
    finally:
        ws.close()
    out.print(f"{'added' if added else 'already listed'}: {url}", highlight=False)


@feeds_app.command("import")
def feeds_import(opml: Path) -> None:
    """Add every feed of an OPML file (folders, language and outlet kept)."""
    from ..ingest.files import read_bytes
    from ..ingest.opml import read_opml
    from ..store.repo import now_iso
    ws = _open(create=True)
    try:
        refused: list[tuple[str, str]] = []
        feeds = read_opml(read_bytes(opml, ws.settings["ingest.max_bytes"]), str(opml), refused)
        with ws.store.transaction():
            added = sum(ws.store.feeds.add(f, now_iso()) for f in feeds)
    finally:
        ws.close()
    out.print(f"{opml}: {len(feeds)} feeds, {added} new")
    for url, reason in refused:
        err.print(f"refused {url}: {reason}", style="yellow")


@feeds_app.command("export")
def feeds_export(output: Optional[Path] = typer.Option(None, "-o", "--output", help="File (default: stdout).")) -> None:
    """Write the feed list as OPML 2.0."""
    from ..ingest.opml import write_opml
    ws = _open(readonly=True)
    try:
        data = write_opml(ws.store.feeds.all())
    finally:
        ws.close()
    if output:
        output.write_bytes(data)
        out.print(f"wrote {output}")
    else:
        sys.stdout.write(data.decode("utf-8"))


@feeds_app.command("list")
def feeds_list(as_json: bool = typer.Option(False, "--json", help="Print the feed list as JSON.")) -> None:
    """Every feed with its state; failing feeds are flagged."""
    ws = _open(readonly=True)
    try:
        feeds, alert_after = ws.store.feeds.all(), ws.settings["feeds.alert_after"]
    finally:
        ws.close()
    if as_json:
        emit_json([f.as_dict() | {"failing": f.consecutive_failures >= alert_after} for f in feeds])
        return
    table = Table("feed", "folder", "lang", "last success", "failures", "last error / next poll")
    for f in feeds:
        failures = line((str(f.consecutive_failures), "bold red" if f.consecutive_failures >= alert_after else ""))
        table.add_row(f"{f.title or ''}\n{f.url}", f.folder or "", f.language or "", f.last_success or "never",
                      failures, f.last_error or (f"next {f.next_poll}" if f.next_poll else ""))
    out.print(table)
    failing = [f for f in feeds if f.consecutive_failures >= alert_after]
    if failing:
        err.print(f"{len(failing)} feed(s) failing {alert_after}+ times in a row", style="bold red")


@feeds_app.command("poll")
def feeds_poll(urls: list[str] = typer.Argument(None, help="Feeds to poll (default: all)."),
               as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Poll feeds now: new entries (and their article pages) are archived and stored."""
    from ..ingest.watch import poll
    ws = _open()
    try:
        report = poll(ws, urls or None, log=_log)
    finally:
        ws.close()
    if as_json:
        emit_json(report.as_dict())
    else:
        out.print(f"poll: {len(report.new)} new, {len(report.unchanged)} unchanged, {len(report.failed)} failed")
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


def watch(once: bool = typer.Option(False, "--once", help="Poll what is due once, then stop.")) -> None:
    """Poll feeds on their schedule (backoff on failure, jitter, Retry-After honoured) until interrupted; new
    documents are processed at once (setting watch.run_pipeline) and matched against the watchlists."""
    from ..ingest.watch import watch as run_watch
    ws = _open()
    try:
        err.print(f"watching {len(ws.store.feeds.all())} feeds (Ctrl-C to stop)")
        run_watch(ws, log=_log, once=once)
    except KeyboardInterrupt:
        err.print("stopped")
    finally:
        ws.close()


@archive_app.command("verify")
def archive_verify(as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Re-hash every archived capture and report any whose bytes no longer match."""
    from ..archive.verify import verify
    ws = _open(readonly=True)
    try:
        result = verify(ws.store, ws.archive)
    finally:
        ws.close()
    if as_json:
        emit_json(result)
    else:
        out.print(f"archive: {result['checked']} captures checked, {result['ok']} ok, "
                  f"{len(result['mismatches'])} mismatched")
        for m in result["mismatches"]:
            err.print(f"mismatch {m['item']}: {m['reason']}", highlight=False, markup=False)
    if result["mismatches"]:
        raise typer.Exit(EXIT_PARTIAL)
