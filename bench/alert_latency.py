"""Alert latency (issue 17's target: ≤ 60 s from a feed item appearing to its Atom entry and webhook call, with
`dragoman watch` running).

A local HTTP server serves an RSS feed and its article pages (demo pages in ar/ru/tr/fr, each under a new URL);
a second one receives webhooks. `dragoman watch` runs as a child process on a fresh workspace with one
watchlist (entity Haftar, webhook to the receiver, `alerts.webhook_allow_loopback=true`). After the first
poll has been processed, an item is added to the feed every round; we time, from the moment it appears:
the feed fetch that first carries it (poll wait), its entry in the watchlist's Atom file, and the webhook call.

    .venv/bin/python bench/alert_latency.py --interval 30 --rounds 4
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from dragoman.demo import DEMO

FIRST = ["en-newarab-haftar-moscow", "en-libyaobserver-yevkurov"]           # in the feed before watch starts
ROUNDS = ["ar-alaraby-haftar-moscow", "ru-tass-haftar-moscow", "tr-aa-yevkurov-bingazi", "ar-sputnik-haftar-shoigu",
          "fr-lemonde-russie-libye", "ru-ria-second-visit"]


class Site(BaseHTTPRequestHandler):
    """/feed.xml lists the items published so far; /news/<page> serves that demo page."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        state = self.server.state
        if self.path == "/feed.xml":
            with state["lock"]:
                items = list(state["items"])
                for slug in items:
                    state["first_fetch"].setdefault(slug, time.time())
            return self._reply(200, rss(state["base"], items), "application/rss+xml; charset=utf-8")
        if self.path.startswith("/news/"):
            page = DEMO / "pages" / f"{self.path.removeprefix('/news/')}.html"
            if page.exists():
                return self._reply(200, page.read_bytes(), "text/html; charset=utf-8")
        self._reply(404, b"not found", "text/plain")

    def _reply(self, status, body, ctype):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def headline(slug: str) -> str:
    """The demo page's own title, as its outlet's feed would carry it."""
    from lxml import html
    return html.fromstring((DEMO / "pages" / f"{slug}.html").read_bytes()).findtext(".//title") or slug


def rss(base: str, slugs: list[str]) -> bytes:
    now = format_datetime(datetime.now(timezone.utc))
    items = "".join(f"<item><title>{escape(headline(s))}</title><link>{base}/news/{s}</link>"
                    f"<guid>{base}/news/{s}</guid><pubDate>{now}</pubDate></item>" for s in slugs)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
            f"<link>{base}/</link><description>bench</description>{items}</channel></rss>").encode("utf-8")


class Hook(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.calls.append((time.time(), body["document"]["url"]))
        self.send_response(204)
        self.end_headers()


def serve(handler, **attrs) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for k, v in attrs.items():
        setattr(httpd, k, v)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd


def atom_urls(path: Path) -> set[str]:
    from xml.etree import ElementTree as ET
    if not path.exists():
        return set()
    try:
        feed = ET.fromstring(path.read_bytes())
    except ET.ParseError:
        return set()
    ns = "{http://www.w3.org/2005/Atom}"
    return {link.get("href") for link in feed.iter(f"{ns}link")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=30.0, help="feeds.interval_s for the bench feed")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=300.0, help="give up on a round after this many seconds")
    parser.add_argument("--workspace", type=Path, default=None)
    args = parser.parse_args()

    site = serve(Site, state={"items": list(FIRST), "first_fetch": {}, "lock": threading.Lock(), "base": ""})
    site.state["base"] = base = f"http://127.0.0.1:{site.server_address[1]}"
    hook = serve(Hook, calls=[])
    hook_url = f"http://127.0.0.1:{hook.server_address[1]}/hook"
    root = args.workspace or Path(tempfile.mkdtemp(prefix="alert-bench-")) / "ws"
    sets = ["fetch.allow_private=127.0.0.1", "fetch.per_host_interval_s=0", "fetch.respect_robots=false",
            f"feeds.interval_s={args.interval:g}", "feeds.jitter=0", "alerts.webhook_allow_loopback=true"]
    cli = [sys.executable, "-m", "dragoman", "-w", str(root), *[a for s in sets for a in ("--set", s)]]
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    subprocess.run([*cli, "feeds", "add", f"{base}/feed.xml"], check=True, env=env, capture_output=True)
    subprocess.run([*cli, "watchlists", "add", "haftar", "--entity", "Haftar", "--webhook", hook_url], check=True,
                   env=env, capture_output=True)
    log = open(root / "watch.log", "w", encoding="utf-8")
    watcher = subprocess.Popen([*cli, "watch"], env=env, stdout=log, stderr=subprocess.STDOUT)
    feed = root / "alerts" / "haftar.atom"
    rows = []
    try:
        deadline = time.time() + args.timeout
        while not atom_urls(feed) >= {f"{base}/news/{s}" for s in FIRST}:     # the first poll, processed
            if time.time() > deadline or watcher.poll() is not None:
                raise SystemExit(f"the first poll was not processed; see {root / 'watch.log'}")
            time.sleep(0.2)
        for slug in ROUNDS[:args.rounds]:
            url = f"{base}/news/{slug}"
            with site.state["lock"]:
                site.state["items"].insert(0, slug)
                appeared = time.time()
            atom_at = hook_at = None
            deadline = appeared + args.timeout
            while (atom_at is None or hook_at is None) and time.time() < deadline:
                if atom_at is None and url in atom_urls(feed):
                    atom_at = time.time()
                if hook_at is None:
                    hook_at = next((t for t, u in hook.calls if u == url), None)
                time.sleep(0.1)
            fetched = site.state["first_fetch"].get(slug)
            row = {"page": slug, "poll_wait_s": round(fetched - appeared, 1) if fetched else None,
                   "atom_s": round(atom_at - appeared, 1) if atom_at else None,
                   "webhook_s": round(hook_at - appeared, 1) if hook_at else None,
                   "after_fetch_s": round(atom_at - fetched, 1) if atom_at and fetched else None}
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        watcher.terminate()
        watcher.wait(30)
        log.close()
    done = [r for r in rows if r["atom_s"] is not None and r["webhook_s"] is not None]
    summary = {"interval_s": args.interval, "rounds": len(rows), "caught": len(done),
               "atom_max_s": max((r["atom_s"] for r in done), default=None),
               "webhook_max_s": max((r["webhook_s"] for r in done), default=None),
               "atom_median_s": statistics.median([r["atom_s"] for r in done]) if done else None,
               "after_fetch_median_s": statistics.median([r["after_fetch_s"] for r in done]) if done else None,
               "workspace": str(root)}
    print(json.dumps(summary), flush=True)
    return 0 if len(done) == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
