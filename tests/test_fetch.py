"""The fetcher against a real threaded HTTP server on 127.0.0.1; waits go to a fake clock, so the suite is quick."""

import socket
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dragoman.errors import InputError
from dragoman.ingest.fetch import FetchError, Fetcher, fetch_item, retry_after
from dragoman.settings import Settings

PAGE = "<html><head><title>Вести</title></head><body><p>Новости дня</p></body></html>"
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Handler(BaseHTTPRequestHandler):
    """Each path is one behaviour a real server can show; `self.server.seen` logs what arrived."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        self.server.hits[self.path] += 1
        path = self.path.split("?")[0]
        getattr(self, "route_" + path.strip("/").split("/")[0].replace("-", "_").replace(".", "_"),
                self.route_missing)()

    def reply(self, status, body=b"", content_type="text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def route_missing(self):
        self.reply(404, b"not here")

    def route_robots_txt(self):
        if self.server.robots is None:
            self.route_missing()
        else:
            self.reply(200, self.server.robots.encode(), "text/plain")

    def route_page(self):
        if self.headers.get("If-None-Match") == '"v1"':
            self.reply(304, ETag='"v1"')
        else:
            self.reply(200, PAGE.encode(), ETag='"v1"', Last_Modified="Mon, 01 Jul 2024 10:00:00 GMT")

    def route_cyrillic(self):                  # the charset is only in <meta>, as on many older sites
        self.reply(200, b'<meta charset="windows-1251">' + PAGE.encode("cp1251"), "text/html")

    def route_private(self):
        self.reply(200, b"secret")

    def route_busy(self):                      # 429 once, then fine
        if self.server.hits[self.path] == 1:
            self.reply(429, b"slow down", Retry_After="7")
        else:
            self.route_page()

    def route_patient(self):
        self.reply(429, b"come back tomorrow", Retry_After="86400")

    def route_down(self):
        self.reply(503, b"maintenance")

    def route_redirect(self):
        target = self.path.split("?to=", 1)[1] if "?to=" in self.path else "/page"
        self.reply(302, Location=target)

    def route_loop(self):
        self.reply(302, Location="/loop?" + ("b" if self.path.endswith("a") else "a"))

    def route_image(self):
        self.reply(200, b"\x89PNG\r\n\x1a\n", "image/png")

    def route_host(self):                      # echoes the Host header the client sent
        self.reply(200, self.headers["Host"].encode(), "text/plain")

    def route_huge(self):                      # announces a gigabyte, sends nothing
        self.send_response(200)
        self.send_header("Content-Length", str(10**9))
        self.end_headers()

    def route_endless(self):                   # no length, streams until the client hangs up
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while not self.server.stop.is_set():
                self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
        except OSError:
            pass

    def route_silent(self):                    # accepts the request and never answers
        self.server.stop.wait(10)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen, httpd.hits, httpd.robots, httpd.stop = [], Counter(), ROBOTS, threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.stop.set()
    httpd.shutdown()
    httpd.server_close()


class FakeTime:
    """An injected clock that moves only when the fetcher sleeps."""

    def __init__(self):
        self.now, self.slept = 1000.0, []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def make(fake_time):
    """A fetcher factory: loopback allow-listed, tiny timeouts, fake time; keywords override settings."""
    fetchers = []

    def build(resolver=socket.getaddrinfo, clock=None, **overrides):
        values = {"fetch.allow_private": ["127.0.0.1"], "fetch.timeout_s": 2.0, "fetch.retries": 2,
                  "fetch.backoff_s": 1.0, "fetch.per_host_interval_s": 1.0, "fetch.max_bytes": 100_000}
        values.update({"fetch." + k: v for k, v in overrides.items()})
        fetcher = Fetcher(Settings(values), sleep=fake_time.sleep, clock=clock or fake_time.clock, resolver=resolver)
        fetchers.append(fetcher)
        return fetcher

    yield build
    for fetcher in fetchers:
        fetcher.close()


def resolving(mapping):
    """A fake getaddrinfo: name -> list of addresses."""
    def resolver(host, port, *args, **kwargs):
        if host not in mapping:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in mapping[host]]
    return resolver


def paths(server):
    return [path for path, _ in server.seen]


def test_plain_page(server, make):
    with make() as fetcher:
        response = fetcher.get(server.url + "/page")
    assert response.status == 200 and response.body == PAGE.encode()
    assert response.content_type == "text/html" and response.charset == "utf-8"
    assert response.etag == '"v1"' and response.last_modified.startswith("Mon, 01 Jul 2024")
    assert response.url == server.url + "/page" and not response.not_modified
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert server.seen[-1][1]["User-Agent"].startswith("Dragoman/")


def test_conditional_get_gives_not_modified(server, make):
    fetcher = make()
    response = fetcher.get(server.url + "/page", etag='"v1"', last_modified="Mon, 01 Jul 2024 10:00:00 GMT")
    assert response.not_modified and response.status == 304 and response.body == b""
    sent = server.seen[-1][1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"].startswith("Mon, 01 Jul")
    assert fetch_item(fetcher, server.url + "/page", etag='"v1"') is None


def test_429_waits_as_told_then_succeeds(server, make, fake_time):
    response = make().get(server.url + "/busy")
    assert response.status == 200 and server.hits["/busy"] == 2
    assert 7.0 in fake_time.slept


def test_retry_after_longer_than_the_cap_fails_at_once(server, make, fake_time):
    with pytest.raises(FetchError, match="HTTP 429.*86400 s.*fetch.max_retry_after_s"):
        make().get(server.url + "/patient")
    assert server.hits["/patient"] == 1


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2024, 7, 1, 10, 0, tzinfo=timezone.utc)
    later = (now + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert retry_after("12") == 12.0
    assert retry_after(later, now=now) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_503_is_retried_with_backoff_then_named(server, make, fake_time):
    url = server.url + "/down"
    with pytest.raises(FetchError) as info:
        make(retries=2, respect_robots=False).get(url)
    assert info.value.reason == "HTTP 503 after 2 retries" and str(info.value).startswith(url)
    assert isinstance(info.value, InputError)
    assert server.hits["/down"] == 3
    assert fake_time.slept == [1.0, 2.0]                                            # exponential back-off


def test_connection_refused_is_retried_then_named(make):
    with socket.socket() as probe:                 # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect .* after 1 retries"):
        make(retries=1).get(f"http://127.0.0.1:{port}/")


def test_robots_disallow_is_honoured_and_fetched_once(server, make):
    fetcher = make()
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        fetcher.get(server.url + "/private/dossier")
    fetcher.get(server.url + "/page")
    assert "/private/dossier" not in paths(server)
    assert server.hits["/robots.txt"] == 1


def test_missing_robots_allows_everything_and_robots_can_be_ignored(server, make):
    server.robots = None                                 # robots.txt answers 404
    assert make().get(server.url + "/private/x").body == b"secret"
    server.robots = ROBOTS
    assert make(respect_robots=False).get(server.url + "/private/x").body == b"secret"
    assert paths(server) == ["/robots.txt", "/private/x", "/private/x"]


def test_missing_page_is_named(server, make):
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        make().get(server.url + "/nowhere")


def test_loopback_refused_unless_allow_listed(server, make):
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address .*fetch.allow_private"):
        make(allow_private=[]).get(server.url + "/page")
    assert server.seen == []                       # not even robots.txt was asked for
    assert make(allow_private=["127.0.0.0/8"]).get(server.url + "/page").status == 200


@pytest.mark.parametrize("target, reason", [
    ("http://10.0.0.1/", "10.0.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"),
    ("http://intranet.example/", "10.1.2.3 is a private address"),
    ("http://mixed.example/", "192.168.0.9 is a private address"),
    ("http://mapped.example/", "::ffff:10.0.0.5 is a private address"),          # IPv4-mapped IPv6
    ("gopher://127.0.0.1:6379/_FLUSHALL", "unsupported scheme 'gopher'"),
])
def test_redirect_into_the_local_network_is_refused_without_connecting(server, make, target, reason):
    resolver = resolving({"intranet.example": ["10.1.2.3"], "mixed.example": ["93.184.215.14", "192.168.0.9"],
                          "mapped.example": ["::ffff:10.0.0.5"]})
    with pytest.raises(FetchError) as info:
        make(resolver=resolver, timeout_s=0.5).get(server.url + "/redirect?to=" + target)
    assert info.value.reason.startswith(f"redirected to {target}: ") and reason in info.value.reason
    assert paths(server) == ["/robots.txt", "/redirect?to=" + target]      # and nothing else was asked for


def test_connects_to_the_address_it_checked(server, make):
    port = server.server_address[1]
    fetcher = make(resolver=resolving({"news.example": ["127.0.0.1"]}))
    response = fetcher.get(f"http://news.example:{port}/host")
    assert response.body == f"news.example:{port}".encode()       # right Host header, pinned address
    assert response.url == f"http://news.example:{port}/host"


def test_allow_list_by_host_name(server, make):
    port = server.server_address[1]
    fetcher = make(resolver=resolving({"lab.internal": ["127.0.0.1"]}), allow_private=["lab.internal"])
    assert fetcher.get(f"http://lab.internal:{port}/page").status == 200
    with pytest.raises(FetchError, match="loopback"):
        make(allow_private=["lab.internal"]).get(server.url + "/page")


def test_redirects_are_followed_and_loops_stopped(server, make):
    fetcher = make()
    assert fetcher.get(server.url + "/redirect").url == server.url + "/page"
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.get(server.url + "/loop?a")
    with pytest.raises(FetchError, match="too many redirects"):
        make(max_redirects=0).get(server.url + "/redirect")


def test_endless_body_is_cut_at_max_bytes(server, make):
    with pytest.raises(FetchError, match=r"response larger than 100\.0 kB"):
        make(max_bytes=100_000).get(server.url + "/endless")


def test_announced_size_is_refused_before_reading(server, make):
    with pytest.raises(FetchError, match="response larger than 20.0 MB"):
        make(max_bytes=20_000_000).get(server.url + "/huge")


def test_a_server_that_never_answers_times_out(server, make):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0\.3 s"):
        make(timeout_s=0.3, retries=0, respect_robots=False).get(server.url + "/silent")
    assert time.monotonic() - started < 3


def test_total_deadline_covers_retries(server, make):
    # A real clock: three silent attempts of 0.3 s would exceed the 0.9 s budget of one get.
    with pytest.raises(FetchError, match=r"no answer within 0\.9 s"):
        make(timeout_s=0.3, retries=5, backoff_s=0.0, respect_robots=False, per_host_interval_s=0.0,
             clock=time.monotonic).get(server.url + "/silent")
    assert server.hits["/silent"] <= 4


def test_unexpected_content_type_is_refused(server, make):
    fetcher = make()
    with pytest.raises(FetchError, match="unexpected content type image/png"):
        fetcher.get(server.url + "/image", accept={"text/html", "application/xhtml+xml"})
    assert fetcher.get(server.url + "/image").content_type == "image/png"


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)"])
def test_non_http_schemes_are_refused(make, url):
    with pytest.raises(FetchError, match="unsupported scheme"):
        make().get(url)


def test_per_host_interval(server, make, fake_time):
    port = server.server_address[1]
    fetcher = make(respect_robots=False, resolver=resolving({"localhost": ["127.0.0.1"]}))
    fetcher.get(server.url + "/page")
    assert fake_time.slept == []
    fake_time.now += 0.25
    fetcher.get(server.url + "/page")
    assert fake_time.slept == [0.75]                 # 1 s between requests to one host
    fetcher.get(f"http://localhost:{port}/page")     # another host name: no wait
    assert fake_time.slept == [0.75]


def test_fetch_item_maps_the_response(server, make):
    fetcher = make()
    item = fetch_item(fetcher, server.url + "/redirect?to=/cyrillic")
    assert item.url == server.url + "/cyrillic" and item.origin == server.url + "/redirect?to=/cyrillic"
    assert item.content_type == "text/html" and item.charset == "windows-1251"
    assert item.raw.decode(item.charset).endswith(PAGE)
    assert item.meta["http_status"] == "200" and item.meta["fetched_at"].endswith("+00:00")
    page = fetch_item(fetcher, server.url + "/page")
    assert page.charset == "utf-8" and page.meta["etag"] == '"v1"' and "last_modified" in page.meta
