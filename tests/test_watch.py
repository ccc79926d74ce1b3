"""Feed polling against a real local HTTP server: conditional GET, article pages, a feed that starts failing."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dragoman.demo import DEMO
from dragoman.ingest.watch import next_delay, poll
from dragoman.store.feeds import Feed
from dragoman.store.repo import now_iso
from dragoman.workspace import Workspace

ARTICLE = ("<html><head><title>Hifter in Moscow</title><meta property='article:published_time' "
           "content='2023-09-28T18:47:00+02:00'></head><body><article><h1>Hifter meets Putin</h1>"
           "<p>Khalifa Hifter met Vladimir Putin in Moscow on Thursday, the Kremlin said.</p>"
           "<p>The talks covered the situation in Libya and the wider region, officials added.</p>"
           "</article></body></html>")


class FeedServer(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        state = self.server.state
        state["hits"].append(self.path)
        if self.path == "/feed.xml":
            if state["feed_broken"]:
                return self._reply(500, b"internal error")
            if self.headers.get("If-None-Match") == '"f1"':
                return self._reply(304, b"", etag='"f1"')
            body = state["feed"].replace(b"https://libyaobserver.ly/news/", f"{state['base']}/news/".encode())
            return self._reply(200, body, "application/rss+xml", etag='"f1"')
        if self.path.startswith("/news/"):
            return self._reply(200, ARTICLE.replace("Thursday", self.path).encode(), "text/html; charset=utf-8")
        self._reply(404, b"no")

    def _reply(self, status, body, ctype="text/plain", etag=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.state = {"hits": [], "feed_broken": False, "base": base,
                   "feed": (DEMO / "feeds" / "libyaobserver.rss.xml").read_bytes()}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


@pytest.fixture
def local_ws(tmp_path):
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        "fetch.allow_private=127.0.0.1", "fetch.per_host_interval_s=0", "fetch.retries=0", "fetch.timeout_s=5",
        "pipeline.workers=1"])
    yield ws
    ws.close()


def test_poll_fetches_articles_then_uses_conditional_get(local_ws, server):
    url = server.state["base"] + "/feed.xml"
    with local_ws.store.transaction():
        local_ws.store.feeds.add(Feed(url=url, folder="English", language="en"), now_iso())
    first = poll(local_ws)
    assert len(first.new) == 7 and not first.failed
    doc = local_ws.store.get_document(first.new[0])
    assert doc.content_type == "text/html" and doc.meta["feed_url"] == url and doc.language == "en"
    feed = local_ws.store.feeds.get(url)
    assert feed.etag == '"f1"' and feed.last_success and feed.consecutive_failures == 0 and feed.items_seen == 7
    hits_before = len(server.state["hits"])
    second = poll(local_ws)
    assert second.new == [] and not second.failed
    later = [h for h in server.state["hits"][hits_before:] if h != "/robots.txt"]
    assert later == ["/feed.xml"]        # 304: no article was fetched again


def test_a_failing_feed_is_counted_flagged_and_backed_off(local_ws, server):
    url = server.state["base"] + "/feed.xml"
    with local_ws.store.transaction():
        local_ws.store.feeds.add(Feed(url=url), now_iso())
    poll(local_ws)
    server.state["feed_broken"] = True
    lines = []
    for _ in range(3):
        report = poll(local_ws, log=lines.append)
        assert report.failed and "HTTP 500" in report.failed[0][1]
    feed = local_ws.store.feeds.get(url)
    assert feed.consecutive_failures == 3 and "HTTP 500" in feed.last_error and feed.last_success
    assert any(line.startswith(f"ALERT {url} has failed 3 times in a row") for line in lines)
    server.state["feed_broken"] = False
    poll(local_ws)
    assert local_ws.store.feeds.get(url).consecutive_failures == 0


def test_backoff_doubles_per_failure_with_bounded_jitter_and_honours_retry_after(local_ws):
    import random
    rng = random.Random(1)
    healthy, failing = Feed(url="x"), Feed(url="x", consecutive_failures=3)
    base = local_ws.settings["feeds.interval_s"]
    assert 0.9 * base <= next_delay(healthy, local_ws.settings, rng=rng) <= 1.1 * base
    assert 0.9 * base * 8 <= next_delay(failing, local_ws.settings, rng=rng) <= 1.1 * base * 8
    capped = Feed(url="x", consecutive_failures=30)
    assert next_delay(capped, local_ws.settings, rng=rng) <= 1.1 * local_ws.settings["feeds.max_interval_s"]
    assert next_delay(healthy, local_ws.settings, retry_after=50_000, rng=rng) == 50_000


def test_loopback_feed_is_refused_without_allow_list(tmp_path, server):
    ws = Workspace.open(tmp_path / "plain", create=True, overrides=["fetch.retries=0"])
    url = server.state["base"] + "/feed.xml"
    with ws.store.transaction():
        ws.store.feeds.add(Feed(url=url), now_iso())
    report = poll(ws)
    assert "loopback" in report.failed[0][1] and server.state["hits"] == []
    ws.close()


def test_ingest_urls_pages_and_feeds(local_ws, server):
    from dragoman.ingest.sources import ingest_sources
    base = server.state["base"]
    report = ingest_sources(local_ws, [f"{base}/news/one", f"{base}/feed.xml", f"{base}/missing"])
    assert len(report.new) == 1 + 7
    assert len(report.failed) == 1 and report.failed[0][0] == f"{base}/missing" and "404" in report.failed[0][1]
    page = local_ws.store.get_document(report.new[0])
    assert page.url == f"{base}/news/one" and page.capture.origin == f"{base}/news/one"
    again = ingest_sources(local_ws, [f"{base}/news/one"])
    assert again.new == [] and len(again.unchanged) == 1
