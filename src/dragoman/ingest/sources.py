"""`dragoman ingest`: sort each source (file, folder, URL, feed, OPML, Telegram export, WARC) to its
collector, and store what the collectors yield. Every failure is named and kept; the rest goes on."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..workspace import Workspace
from .feeds import FEED_TYPES, looks_like_feed, parse_feed
from .files import CONTENT_TYPES, SIDECAR, read_bytes, read_page, read_sidecar, sidecar_for
from .items import IngestReport, Item, Notice, archive_once, record_failure, store_item

Collected = Item | InputError | Notice
Progress = Callable[[str, str, int], None]      # (item, status, total)

FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def classify(path: Path) -> str | None:
    """Which collector reads this file, from its name (and, for JSON, a look inside)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith(".opml"):
        return "opml"
    if name.endswith(".json"):
        from .telegram import is_export
        return "telegram" if is_export(path) else None
    if path.suffix.lower() in CONTENT_TYPES:
        return "file"
    return None


def _unsupported(path: Path) -> InputError:
    return InputError(str(path), f"unsupported format {path.suffix or '(no extension)'!r} (ingest reads .html .htm"
                                 " .txt .md, feeds .xml .rss .atom .rdf, .opml, Telegram result.json, .warc(.gz), .arc(.gz))")


def expand(sources: Iterable[str | Path]) -> Iterator[tuple[str, str | Path] | InputError]:
    """(kind, target) for every source; folders are walked in name order, Telegram export folders kept whole."""
    from .telegram import is_export
    for source in sources:
        text = str(source)
        if text.lower().startswith(("http://", "https://")):
            yield "url", text
            continue
        path = Path(source)
        if not path.exists():
            yield InputError(text, "no such file or folder")
        elif path.is_dir() and is_export(path):
            yield "telegram", path
        elif path.is_dir():
            exports = [p.parent for p in path.rglob("result.json") if is_export(p.parent)]
            for child in sorted(p for p in path.rglob("*") if not p.is_dir()):    # FIFOs, devices: refused
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or child.name.endswith(SIDECAR):
                    continue
                inside = next((e for e in exports if e == child.parent or e in child.parents), None)
                if inside is not None:
                    if child.name == "result.json" and child.parent == inside:
                        yield "telegram", inside
                    continue                               # photos and files of an export are not items
                kind = classify(child)
                yield (kind, child) if kind else _unsupported(child)
        elif path.name.endswith(SIDECAR):
            yield InputError(text, "is a translation sidecar; ingest the page beside it instead")
        else:
            kind = classify(path)
            yield (kind, path) if kind else _unsupported(path)


class _Collectors:
    """One method per kind of source; each yields Items, named failures and notices."""

    def __init__(self, ws: Workspace, report: IngestReport, stack: ExitStack) -> None:
        self.ws, self.report, self.stack = ws, report, stack
        self.max_bytes = ws.settings["ingest.max_bytes"]
        self._fetcher = None

    def fetcher(self):
        if self._fetcher is None:
            from .fetch import Fetcher
            self._fetcher = self.stack.enter_context(Fetcher(self.ws.settings))
        return self._fetcher

    def file(self, path: Path) -> Iterator[Collected]:
        item, notes = read_page(path, self.max_bytes)
        yield from (Notice(str(sidecar_for(path)), n) for n in notes)
        yield item

    def feed(self, path: Path) -> Iterator[Collected]:
        yield from self._feed_bytes(read_bytes(path, self.max_bytes), str(path), path.resolve().as_uri())

    def _feed_bytes(self, raw: bytes, origin: str, uri: str) -> Iterator[Collected]:
        parsed = parse_feed(raw, origin)
        capture = archive_once(self.ws, raw, uri=uri, content_type="application/xml", origin=origin)
        yield from (Notice(origin, w) for w in parsed.warnings)
        for item in parsed.items:
            item.meta["feed_capture"] = f"{capture.archive}@{capture.offset} sha256:{capture.sha256}"
            yield item

    def opml(self, path: Path) -> Iterator[Collected]:
        from ..store.repo import now_iso
        from .opml import read_opml
        refused: list[tuple[str, str]] = []
        feeds = read_opml(read_bytes(path, self.max_bytes), str(path), refused)
        yield from (InputError(f"{path}: {url}", reason) for url, reason in refused)
        with self.ws.store.transaction():
            added = sum(self.ws.store.feeds.add(feed, now_iso()) for feed in feeds)
        self.report.feeds_added += added
        yield Notice(str(path), f"{added} feeds added to the feed list ({len(feeds) - added} already there); "
                                "poll them with `dragoman feeds poll`")

    def warc(self, path: Path) -> Iterator[Collected]:
        from .warcfile import read_warc
        yield from read_warc(path, self.max_bytes)

    def telegram(self, path: Path) -> Iterator[Collected]:
        from .telegram import read_export
        folder = path if path.is_dir() else path.parent
        sidecar = folder / ("result" + SIDECAR)
        translations = []
        if sidecar.exists():
            translations, notes = read_sidecar(sidecar)
            yield from (Notice(str(sidecar), n) for n in notes)
        yield from read_export(path, translations=translations)

    def url(self, url: str) -> Iterator[Collected]:
        from .fetch import fetch_item
        from .telegram import is_preview, read_preview_html
        item = fetch_item(self.fetcher(), url)
        if item is None:
            yield Notice(url, "not modified since the last fetch")
        elif item.content_type in FEED_TYPES or looks_like_feed(item.raw):
            yield from self._feed_bytes(item.raw, url, item.url or url)
        elif is_preview(item.raw):
            # A t.me/s/<channel> page: each post becomes a document; the page itself is archived once.
            archive_once(self.ws, item.raw, uri=item.url or url, content_type="text/html", origin=url)
            yield from read_preview_html(item.raw, item.url or url)
        else:
            yield item


def ingest_sources(ws: Workspace, sources: Iterable[str | Path], progress: Progress | None = None) -> IngestReport:
    """Collect and store everything the sources hold; report new / unchanged / updated / failed with reasons."""
    sources = list(sources)
    report = IngestReport(run_id=ws.store.start_run("ingest", {"sources": [str(s) for s in sources]}))
    targets = list(expand(sources))
    with ExitStack() as stack:
        collectors = _Collectors(ws, report, stack)
        for target in targets:
            name = target.item if isinstance(target, InputError) else str(target[1])
            failures = len(report.failed)
            try:
                if isinstance(target, InputError):
                    raise target
                kind, where = target
                for found in getattr(collectors, kind)(where):
                    _take(ws, report, found)
            except InputError as exc:
                record_failure(ws, report, exc)
            if progress:
                progress(name, "failed" if len(report.failed) > failures else "done", len(targets))
    ws.store.finish_run(report.run_id, {k: v for k, v in report.as_dict().items() if k != "new_ids"})
    return report


def _take(ws: Workspace, report: IngestReport, found: Collected) -> None:
    if isinstance(found, Notice):
        report.warnings.append((found.item, found.message))
    elif isinstance(found, InputError):
        record_failure(ws, report, found)
    else:
        try:
            store_item(ws, found, report)
        except InputError as exc:
            record_failure(ws, report, exc)
