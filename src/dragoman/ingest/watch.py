"""Polling feeds: conditional GET, entries stored once, failures counted and flagged, backoff with jitter."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta, timezone
from typing import Callable

from ..errors import InputError
from ..store.feeds import Feed
from ..workspace import Workspace
from .feeds import parse_feed
from .items import IngestReport, Item, archive_once, record_failure, store_item

Log = Callable[[str], None]
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def next_delay(feed: Feed, settings, *, retry_after: float | None = None, rng: random.Random = random) -> float:
    """Seconds until the next poll: the interval doubled per consecutive failure, capped, with jitter."""
    base = settings["feeds.interval_s"] * 2 ** min(feed.consecutive_failures, 10)
    delay = min(base, settings["feeds.max_interval_s"])
    delay *= 1 + rng.uniform(-settings["feeds.jitter"], settings["feeds.jitter"])
    return max(delay, retry_after or 0.0)


def _with_article(fetcher, entry: Item, log: Log) -> Item:
    """The entry's article page, carrying what the feed said; the entry itself if the page can't be had."""
    from .fetch import fetch_item
    try:
        page = fetch_item(fetcher, entry.url, accept=HTML_TYPES)
    except InputError as exc:
        log(f"  article {entry.url}: {exc.reason}; keeping the feed entry")
        return entry
    if page is None:
        return entry
    page.title = page.title or entry.title
    page.published = page.published or entry.published
    page.outlet = page.outlet or entry.outlet
    page.language = page.language or entry.language
    page.meta |= {k: v for k, v in entry.meta.items() if k not in page.meta}
    return page


def poll_feed(ws: Workspace, fetcher, feed: Feed, report: IngestReport, *, log: Log = lambda _: None,
              now: datetime | None = None) -> Feed:
    """Poll one feed, store its new entries, and record how it went on the feed."""
    now = now or datetime.now(timezone.utc)
    feed.last_polled = _iso(now)
    retry_after = None
    try:
        response = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if response.not_modified:
            log(f"{feed.url}: not modified")
        else:
            parsed = parse_feed(response.body, feed.url, outlet=feed.outlet, language=feed.language)
            capture = archive_once(ws, response.body, uri=response.url, content_type=response.content_type,
                                   origin=feed.url)
            before = len(report.new)
            for item in parsed.items:
                item.meta |= {"feed_url": feed.url,
                              "feed_capture": f"{capture.archive}@{capture.offset} sha256:{capture.sha256}"}
                if ws.settings["feeds.fetch_articles"] and item.url:
                    item = _with_article(fetcher, item, log)
                try:
                    store_item(ws, item, report)
                except InputError as exc:
                    record_failure(ws, report, exc)
            feed.title = feed.title or parsed.title
            feed.items_seen += len(report.new) - before
            log(f"{feed.url}: {len(parsed.items)} entries, {len(report.new) - before} new")
            for warning in parsed.warnings:
                report.warnings.append((feed.url, warning))
        feed.etag, feed.last_modified = response.etag or feed.etag, response.last_modified or feed.last_modified
        feed.last_success, feed.consecutive_failures, feed.last_error = _iso(now), 0, None
    except InputError as exc:
        feed.consecutive_failures += 1
        feed.last_error = exc.reason
        retry_after = getattr(exc, "retry_after", None)
        record_failure(ws, report, exc)
        log(f"{feed.url}: failed ({exc.reason})")
        if feed.consecutive_failures >= ws.settings["feeds.alert_after"]:
            log(f"ALERT {feed.url} has failed {feed.consecutive_failures} times in a row: {exc.reason}")
    feed.next_poll = _iso(now + timedelta(seconds=next_delay(feed, ws.settings, retry_after=retry_after)))
    with ws.store.transaction():
        ws.store.feeds.save_state(feed)
    return feed


def poll(ws: Workspace, urls: list[str] | None = None, *, due_only: bool = False, log: Log = lambda _: None,
         fetcher=None) -> IngestReport:
    """Poll the given feeds (default: all, or only those due) in one ingest run."""
    from .fetch import Fetcher
    feeds = [ws.store.feeds.get(u) for u in urls] if urls else ws.store.feeds.all()
    now = datetime.now(timezone.utc)
    if due_only:
        feeds = [f for f in feeds if not f.next_poll or datetime.fromisoformat(f.next_poll) <= now]
    report = IngestReport(run_id=ws.store.start_run("ingest", {"poll": [f.url for f in feeds]}))
    own = fetcher is None
    fetcher = fetcher or Fetcher(ws.settings)
    try:
        for feed in feeds:
            poll_feed(ws, fetcher, feed, report, log=log)
    finally:
        if own:
            fetcher.close()
    ws.store.finish_run(report.run_id, {k: v for k, v in report.as_dict().items() if k != "new_ids"})
    return report


def watch(ws: Workspace, *, log: Log, once: bool = False, max_sleep: float = 60.0,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll due feeds forever (or once), sleeping until the next one is due; new documents go through the
    pipeline at once (setting watch.run_pipeline), which matches them against the watchlists."""
    while True:
        report = poll(ws, due_only=True, log=log)
        if report.new and ws.settings["watch.run_pipeline"]:
            from ..runner import run_pending
            run = run_pending(ws, log=log)
            log(f"{len(report.new)} new documents; processed {run.tally.documents} ({run.tally.failed} failed), "
                f"{run.alerts} new alert(s)")
        elif report.new:
            log(f"{len(report.new)} new documents; `dragoman run` processes them")
        if once:
            return
        upcoming = [datetime.fromisoformat(f.next_poll) for f in ws.store.feeds.all() if f.next_poll]
        wait = max_sleep
        if upcoming:
            wait = min(max_sleep, max(1.0, (min(upcoming) - datetime.now(timezone.utc)).total_seconds()))
        sleep(wait)
