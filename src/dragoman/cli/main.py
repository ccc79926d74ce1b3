"""The `dragoman` command: global options, the core commands, and the registration of every command module.
A thin layer over the service layer and the library; `--json` on every read command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .. import __version__
from ..errors import DragomanError, NotFound, SettingsError, WorkspaceError
from ..service import documents, runs
from ..workspace import Workspace, resolve_root
from .common import (
    EXIT_NOT_FOUND,
    EXIT_PARTIAL,
    EXIT_WORKSPACE,
    State,
    _fail,
    _open,
    cli_actor,
    err,
    out,
)
from .terminal import emit_json, line

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Dragoman: read foreign press and channels, trace every excerpt, draft briefs.")


@app.callback()
def _global(
    workspace: Optional[Path] = typer.Option(None, "--workspace", "-w",
                                             help="Workspace folder (default: $DRAGOMAN_HOME or ./dragoman-data)."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting for this command: NAME=VALUE."),
) -> None:
    State.workspace, State.overrides = workspace, list(set_)


@app.command()
def version() -> None:
    """Print the Dragoman version."""
    out.print(__version__)


@app.command()
def init() -> None:
    """Create a workspace: database, archive folder and a commented settings.toml."""
    root = resolve_root(State.workspace)
    created = Workspace.init(root)
    out.print(f"{'created' if created else 'already a workspace:'} {root}")


@app.command()
def ingest(sources: list[str] = typer.Argument(..., help="Files, folders, URLs, feeds, OPML, Telegram exports, WARCs."),
           then_run: bool = typer.Option(False, "--run", help="Then run the pipeline over what is pending, as "
                                         "`dragoman run` does; its models load while ingest reads."),
           as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Archive and store what the sources hold; says what is new, unchanged or failed (and why)."""
    from ..ingest.sources import ingest_sources
    ws = _open(create=True)
    ran = problems = None
    try:
        started = None
        if then_run:
            from ..pipeline import plan, start_pool, worker_count
            if worker_count(ws.settings) > 1:
                started = start_pool(plan(ws.settings), ws.settings, worker_count(ws.settings))
        with _progress(as_json) as bar:
            task = bar.add_task("ingest", total=None)
            try:
                report = ingest_sources(ws, sources,
                                        lambda item, status, total: bar.update(task, advance=1, total=total))
            except BaseException:
                if started is not None:
                    started.close()
                raise
            if then_run:
                from ..runner import run_pending
                task = bar.add_task("pipeline", total=None)
                ran = run_pending(ws, preloaded=started,
                                  progress=lambda done, total: bar.update(task, completed=done, total=total))
                problems = ws.store.run_events(ran.run_id)
    finally:
        ws.close()
    if as_json:
        emit_json(report.as_dict() | ({"run": ran.as_dict() | {"problems": problems}} if ran else {}))
    else:
        out.print(f"ingest: {len(report.new)} new, {len(report.unchanged)} unchanged, "
                  f"{len(report.updated)} updated, {len(report.failed)} failed"
                  + (f", {report.feeds_added} feeds added" if report.feeds_added else ""))
        for item, reason in report.failed:
            err.print(line(("failed", "red"), f" {item}: {reason}"))
        for item, reason in report.warnings:
            err.print(line(("warning", "yellow"), f" {item}: {reason}"))
        if ran:
            _print_run(ran.as_dict(), problems)
    if report.failed or (ran and ran.tally.failed):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def run(stage: list[str] = typer.Option([], "--stage", help="Run only these stages (repeatable)."),
        disable: list[str] = typer.Option([], "--disable", help="Switch these stages off (repeatable)."),
        limit: Optional[int] = typer.Option(None, help="Process at most this many documents."),
        dask: Optional[str] = typer.Option(None, "--dask", metavar="local[:N]|tcp://HOST:PORT",
                                           help="Process on Dask: N local worker processes, or the workers of a "
                                                "running scheduler; this process still writes the workspace."),
        as_json: bool = typer.Option(False, "--json", help="Print the run report as JSON.")) -> None:
    """Run the pipeline over documents not yet processed by the current stage list."""
    from contextlib import nullcontext

    from ..runner import run_pending
    from ..translate import describe_engine
    ws = _open()
    try:
        if "translate" in ws.settings["pipeline.stages"] and "translate" not in disable:
            err.print(describe_engine(ws.settings, ws.root), highlight=False)
        if dask:
            from ..scale import connect
            cluster_context: Any = connect(dask, ws.settings)
        else:
            cluster_context = nullcontext()
        with cluster_context as cluster, _progress(as_json) as bar:
            task = bar.add_task("pipeline" + (f" on Dask {cluster.address}" if cluster else ""), total=None)
            report = run_pending(ws, only=tuple(stage), disable=tuple(disable), limit=limit, cluster=cluster,
                                 progress=lambda done, total: bar.update(task, completed=done, total=total))
            problems = ws.store.run_events(report.run_id)
    finally:
        ws.close()
    if as_json:
        emit_json(report.as_dict() | {"problems": problems})
    else:
        _print_run(report.as_dict(), problems)
    if report.tally.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def extract(paths: list[Path] = typer.Argument(..., help="Files (.html .htm .txt .md) or folders of them."),
            lang: Optional[str] = typer.Option(None, "--lang", help="Language of every input (skips detection)."),
            published: Optional[str] = typer.Option(None, "--published",
                                                    help="Publication date YYYY-MM-DD (anchors relative dates)."),
            jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per input, one per line."),
            as_json: bool = typer.Option(False, "--json", help="Pretty JSON (a single object for a single file).")
            ) -> None:
    """Run the pipeline on files without storing them; print each one's text, entities, places, times, events
    and claims with spans into its text (the extraction contract)."""
    from ..extract_files import extract_files, parse_published
    from ..settings import Settings
    settings = Settings.load(None, State.overrides)
    failed = 0
    results = []
    for result in extract_files(paths, settings, lang=lang, published=parse_published(published)):
        if isinstance(result, DragomanError):
            failed += 1
            err.print(line(("failed", "red"), f" {result}"))
        elif jsonl or not as_json:
            emit_json(result, indent=None)
            sys.stdout.flush()
        else:
            results.append(result)
    if as_json and not jsonl:
        emit_json(results[0] if len(results) == 1 else results)
    if failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def translate(doc_ids: list[str] = typer.Argument(None, help="Documents to (re)translate (default: all)."),
              engine: Optional[str] = typer.Option(None, help="none, auto, ctranslate2 or libretranslate."),
              sentence: Optional[int] = typer.Option(None, help="With one DOC: the sentence number (from 0) "
                                                                  "to give the analyst's English (--text)."),
              text: Optional[str] = typer.Option(None, help="The analyst's English for --sentence."),
              as_json: bool = typer.Option(False, "--json", help="Print the run report as JSON.")) -> None:
    """(Re)translate documents; or record an analyst's translation of one sentence, which always wins."""
    from ..runner import reset_stage, run_pending
    from ..translate import describe_engine
    if engine:
        State.overrides = [*State.overrides, f"translate.engine={engine}"]
    ws = _open()
    try:
        ids = [ws.store.get_document(d).id for d in doc_ids or []]
        if sentence is not None or text is not None:
            if len(ids) != 1 or sentence is None or not text:
                raise typer.BadParameter("an analyst edit needs exactly one DOC, --sentence N and --text")
            view = documents.correct_translation(ws, ids[0], sentence, text, cli_actor())
            out.print(f"{ids[0]} sentence {sentence}: {view['english']} (analyst)", highlight=False)
            return
        reset_stage(ws, "translate", ids or None)
        err.print(describe_engine(ws.settings, ws.root), highlight=False)
        report = run_pending(ws, only=("translate",))
    finally:
        ws.close()
    if as_json:
        emit_json(report.as_dict())
    else:
        _print_run(report.as_dict(), [])


@app.command()
def search(query: str = typer.Argument(..., help='Words (all must match), "quoted phrases", or a name in any '
                                               'script or spelling.'),
           limit: Optional[int] = typer.Option(None, help="Most results to show."),
           language: Optional[str] = typer.Option(None, "--lang", help="Only documents in this language."),
           outlet: Optional[str] = typer.Option(None, "--outlet", help="Only documents of this outlet or source."),
           since: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
           until: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
           semantic: Optional[bool] = typer.Option(None, "--semantic/--no-semantic",
                                                   help="Match by meaning too (default: when the workspace has "
                                                        "passage vectors and the query is not just names)."),
           as_json: bool = typer.Option(False, "--json", help="Print results as JSON.")) -> None:
    """Search in every language: text, the entities the query names, and meaning; each result says why."""
    from ..service import search as searching
    from ..service.timeline import parse_day
    ws = _open(readonly=True)
    try:
        found = searching.search(ws, query, lang=language, outlet=outlet, since=parse_day(since, "--from"),
                                 until=parse_day(until, "--to"), semantic=semantic,
                                 limit=limit or ws.settings["search.limit"])
    finally:
        ws.close()
    if as_json:
        emit_json(found)
        return
    results = found["results"]
    named = ", ".join(f"{e['name']} ({e['as']})" for e in found["entities"])
    err.print(f"entities: {named or 'none named'} · meaning: {found['semantic']['note']}", highlight=False)
    if not results:
        out.print(f"no documents match {query!r}")
        return
    table = Table("id", "lang", "outlet", "title / snippet", "why", show_lines=True)
    for r in results:
        table.add_row(r["id"][:12], r["language"] or "?", r["outlet"] or "", f"{r['title'] or ''}\n{r['snippet']}",
                      r["why"])
    out.print(table)


@app.command()
def show(doc_id: str = typer.Argument(..., help="Document id (a unique prefix is enough)."),
         as_json: bool = typer.Option(False, "--json", help="Print the whole Document as JSON.")) -> None:
    """One document: metadata, provenance, and each sentence with its translation."""
    ws = _open(readonly=True)
    try:
        if as_json:
            emit_json(documents.document_view(ws, doc_id))
            return
        doc = ws.store.get_document(doc_id)
    finally:
        ws.close()
    out.print(doc.title or "(untitled)", style="bold")
    if doc.title_translation:
        out.print(f"({doc.title_translation.text})", highlight=False)
    out.print(f"{doc.id} · {doc.outlet or doc.source} · {doc.language or '?'} · "
              f"{doc.published.date() if doc.published else 'undated'} · {doc.url or ''}", highlight=False)
    if doc.capture:
        out.print(f"capture: {doc.capture.archive}@{doc.capture.offset} sha256:{doc.capture.sha256}")
    out.print(f"translation: {doc.meta.get('translation', 'n/a')}")
    out.print()
    for s in doc.sentences or []:
        out.print(s.span.of(doc.text), highlight=False)
        t = s.translation
        if t and t.engine == "gloss":
            out.print(f"  gloss: {t.text}  (untranslated; names/terms from the term base)", style="dim")
        elif t:
            out.print(f"  → {t.text}  ({t.engine}{' ' + t.model if t.model else ''})", style="dim")
        elif (s.language or doc.language) != "en":
            out.print("  (untranslated)", style="dim")
    if not doc.sentences:
        out.print(doc.text, highlight=False)


@app.command()
def stats(as_json: bool = typer.Option(False, "--json", help="Print counts as JSON.")) -> None:
    """Counts: documents by status, language and outlet; what the stages found; runs and problems."""
    ws = _open(readonly=True)
    try:
        data = runs.stats(ws)
    finally:
        ws.close()
    if as_json:
        emit_json(data)
    else:
        _print_stats(data)


@app.command("settings")
def settings_cmd(as_json: bool = typer.Option(False, "--json", help="Print settings as JSON.")) -> None:
    """Every setting with its value, where that value came from, and what it does."""
    from ..settings import TABLE, Settings
    root = resolve_root(State.workspace)
    settings = Settings.load(root if root.exists() else None, State.overrides)
    rows = [{"name": s.name, "value": settings[s.name], "origin": settings.origin(s.name), "help": s.help}
            for s in TABLE]
    if as_json:
        emit_json(rows)
        return
    table = Table("setting", "value", "from", "help")
    for r in rows:
        table.add_row(r["name"], json.dumps(r["value"], ensure_ascii=False), r["origin"], r["help"])
    out.print(table)


@app.command()
def stages(as_json: bool = typer.Option(False, "--json", help="Print stages as JSON.")) -> None:
    """The pipeline's stages in order, what each requires and assigns, and whether it is on."""
    from ..pipeline import REGISTRY, plan
    from ..settings import Settings
    root = resolve_root(State.workspace)
    settings = Settings.load(root if root.exists() else None, State.overrides)
    active = {s.name for s in plan(settings)}
    rows = [{"name": s.name, "version": s.version, "enabled": s.name in active, "requires": list(s.requires),
             "assigns": list(s.assigns), "help": s.help}
            for s in (REGISTRY[n] for n in settings["pipeline.stages"])]
    if as_json:
        emit_json(rows)
        return
    table = Table("stage", "version", "on", "requires", "assigns", "what it does")
    for r in rows:
        table.add_row(r["name"], r["version"], "yes" if r["enabled"] else "no", ", ".join(r["requires"]),
                      ", ".join(r["assigns"]), r["help"])
    out.print(table)


@app.command()
def demo(as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Fill the workspace with the demo corpus, run every stage, and summarise what was found."""
    from ..demo import SHOWCASE_QUERIES, demo_sources
    from ..ingest.sources import ingest_sources
    from ..runner import run_pending
    ws = _open(create=True)
    try:
        with _progress(as_json) as bar:
            task = bar.add_task("ingest demo corpus", total=None)
            ingested = ingest_sources(ws, demo_sources(),
                                    lambda item, status, total: bar.update(task, advance=1, total=total))
            task = bar.add_task("pipeline", total=None)
            report = run_pending(ws, progress=lambda done, total: bar.update(task, completed=done, total=total))
            if "embed" not in ws.settings["pipeline.stages"]:
                # Meaning search is the demo's to show; a workspace turns the (costly) embed stage on itself.
                bar.add_task("passage vectors (embed stage)", total=None)
                ws.settings.set("pipeline.stages", [*ws.settings["pipeline.stages"], "embed"], "demo")
                run_pending(ws, only=("embed",))
        from ..archive.verify import verify
        samples = _translation_samples(ws)
        summary = {"workspace": str(ws.root), "ingest": ingested.as_dict(), "run": report.as_dict(),
                   "translation_samples": samples,
                   "archive": verify(ws.store, ws.archive),
                   "stats": ws.store.stats(),
                   "searches": {q: [r["id"] for r in ws.store.search(q, limit=50)] for q in SHOWCASE_QUERIES},
                   "across_languages": _across_languages(ws)}
        from ..brief.demo import demo_brief, write_demo_brief
        drafted = demo_brief(ws)
        summary["brief"] = [str(path) for path in write_demo_brief(ws, ws.root / "briefs", brief=drafted)]
        summary["brief_check"] = drafted.check
    finally:
        ws.close()
    if as_json:
        emit_json(summary)
        return
    out.print(line(("Dragoman demo", "bold"), f" — workspace {summary['workspace']}"))
    ing = summary["ingest"]
    out.print(f"ingest: {ing['new']} new documents (pages, RSS/Atom entries, Telegram posts), "
              f"{ing['unchanged']} unchanged, {len(ing['failed'])} failed; "
              f"{ing['feeds_added']} feeds added to the feed list from the OPML")
    _print_run(summary["run"], [])
    arc = summary["archive"]
    out.print(f"archive: {arc['checked']} captures re-hashed, {arc['ok']} match their SHA-256")
    _print_stats(summary["stats"])
    for sample in summary["translation_samples"]:
        out.print(line("\n", (sample["title"] or "", "bold"),
                       f" ({sample['outlet']}, {sample['language']}) — {sample['why']}"))
        for s in sample["sentences"]:
            out.print(f"  {s['original']}", highlight=False)
            if s.get("english"):
                out.print(line(("    → " + s["english"], "green"), (f" ({s['provenance']['engine']})", "dim")))
            elif s.get("gloss"):
                out.print(line(("    gloss: " + s["gloss"], "yellow"), (" (untranslated; term base)", "dim")))
    table = Table("search", "documents")
    for query, ids in summary["searches"].items():
        table.add_row(query, f"{len(ids)}: " + " ".join(i[:9] for i in ids))
    out.print(table)
    table = Table("search across languages", "documents", "languages", "matched by")
    for query, found in summary["across_languages"].items():
        table.add_row(query, str(found["documents"]), ", ".join(found["languages"]), ", ".join(found["matched"]))
    out.print(table)
    out.print("demo brief: " + " · ".join(summary["brief"]), highlight=False)
    out.print(summary["brief_check"], highlight=False)
    out.print("Try: dragoman search \"حفتر\" · dragoman timeline --entity Haftar · dragoman brief --entity Haftar "
              "-o brief.pdf · dragoman show <id>")


def _across_languages(ws: Workspace) -> dict[str, Any]:
    """The demo's cross-lingual searches: which languages each reaches, and how."""
    from ..demo import CROSS_LINGUAL_QUERIES
    from ..service.search import search as cross_lingual
    summary = {}
    for query in CROSS_LINGUAL_QUERIES:
        results = cross_lingual(ws, query, limit=50)["results"]
        summary[query] = {"documents": len(results), "languages": sorted({r["language"] or "?" for r in results}),
                          "matched": sorted({way for r in results for way in r["matched"]})}
    return summary


def _translation_samples(ws: Workspace) -> list[dict[str, Any]]:
    """For the demo: an Arabic and a Russian page with analyst English, and a page with term-base glosses."""
    picked: list[dict[str, Any]] = []
    docs = list(ws.store.pending(""))          # every stored document, read in batches
    for language in ("ar", "ru"):
        doc = next((d for d in docs if d.language == language and d.meta.get("file")
                    and any(s.translation and s.translation.engine == "analyst" for s in d.sentences)), None)
        if doc:
            picked.append(_sample(doc, [s for s in doc.sentences if s.translation][:2], "analyst translation"))
    glossed = next((d for d in docs if any(s.translation and s.translation.engine == "gloss" for s in d.sentences)
                    and not any(s.translation and s.translation.engine == "analyst" for s in d.sentences)), None)
    if glossed:
        rows = [s for s in glossed.sentences if s.translation and s.translation.engine == "gloss"][:2]
        picked.append(_sample(glossed, rows, "no translation: names and terms glossed from the term base"))
    return picked


def _sample(doc, sentences, why: str) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "outlet": doc.outlet or doc.source, "language": doc.language,
            "why": why, "sentences": [documents.sentence_view(doc.text, s) for s in sentences]}


def _progress(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, disable=quiet or not err.is_terminal, transient=True)


def _print_run(report: dict[str, Any], problems: list[dict[str, Any]]) -> None:
    out.print(f"run {report['run']}: {report['documents']} documents in {report['elapsed_s']} s "
              f"({report['docs_per_s'] or 0} docs/s, {report['workers']} workers); "
              f"{report['ok']} ok, {report['failed']} failed")
    for name, counts in report["stages"].items():
        out.print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if report.get("alerts"):
        out.print(f"alerts: {report['alerts']} new watchlist hit(s); `dragoman alerts` lists them")
    for p in problems:
        line = f"  {p['outcome']} {p['stage']} {p['item']}: {p['reason']}"
        (err if p["outcome"] == "error" else out).print(line, highlight=False)


def _print_stats(data: dict[str, Any]) -> None:
    out.print(f"documents: {data['documents']} ({', '.join(f'{k} {v}' for k, v in data['by_status'].items())})")
    for title, key in (("language", "by_language"), ("outlet", "by_outlet")):
        table = Table(title, "documents")
        for name, count in data[key].items():
            table.add_row(str(name), str(count))
        out.print(table)
    out.print(f"sentences: {data['sentences']}; not in English: {data['foreign_sentences']}, "
              f"of which {data['translated_sentences']} have an English translation")
    found = ", ".join(f"{k} {v}" for k, v in data["annotations"].items())
    out.print(f"found: {found}")
    out.print(f"runs: {data['runs']}, problems recorded: {data['problems']}")


from .alerts import alerts, watchlists_app  # noqa: E402
from .brief import brief, cite  # noqa: E402
from .collect import archive_app, feeds_app, watch  # noqa: E402
from .coverage import coverage  # noqa: E402
from .entities import entities_app  # noqa: E402
from .eval import eval_app  # noqa: E402
from .export import export  # noqa: E402
from .geo import geo_app  # noqa: E402
from .models import models_app  # noqa: E402
from .outlets import outlets_app  # noqa: E402
from .server import audit, serve, users_app  # noqa: E402
from .terms import terms_app  # noqa: E402
from .timeline import timeline  # noqa: E402
from .train import train_app  # noqa: E402

app.add_typer(feeds_app, name="feeds")
app.add_typer(archive_app, name="archive")
app.add_typer(models_app, name="models")
app.add_typer(terms_app, name="terms")
app.add_typer(eval_app, name="eval")
app.add_typer(outlets_app, name="outlets")
app.add_typer(entities_app, name="entities")
app.add_typer(users_app, name="users")
app.add_typer(geo_app, name="geo")
app.add_typer(watchlists_app, name="watchlists")
app.command()(alerts)
app.command()(serve)
app.command()(audit)
app.add_typer(train_app, name="train")
app.command()(watch)
app.command()(timeline)
app.command()(coverage)
app.command()(brief)
app.command()(cite)
app.command()(export)


def main() -> None:
    try:
        app()
    except NotFound as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    except (WorkspaceError, SettingsError) as exc:
        _fail(str(exc), EXIT_WORKSPACE)
    except DragomanError as exc:
        _fail(str(exc), EXIT_PARTIAL)
    except KeyboardInterrupt:
        _fail("interrupted; everything finished so far is stored", 130)
