"""The brief's picture fetched from the page's address: through the polite fetcher (a loopback server here, so
the address must be allow-listed), decoded, archived with its SHA-256 and copied beside the brief; a refused
address, a page that is no picture and bytes that do not decode leave the caption only, with the reason."""

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dragoman.brief.image import draw_stand_in, image_problem
from dragoman.brief.model import Image
from dragoman.brief.picture import fetch_picture


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    picture = draw_stand_in(tmp_path_factory.mktemp("pic") / "airfield.png").read_bytes()
    routes = {"/airfield.png": ("image/png", picture), "/page.html": ("text/html", b"<p>no picture</p>"),
              "/broken.png": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
              "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            kind, body = routes.get(self.path, ("text/plain", b"missing"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.picture = picture
    yield httpd
    httpd.shutdown()


def _ws(tmp_path, allow):
    from dragoman.workspace import Workspace
    overrides = ["fetch.per_host_interval_s=0", "fetch.retries=0", "fetch.timeout_s=5"]
    overrides += ['fetch.allow_private=["127.0.0.1"]'] if allow else []
    return Workspace.open(tmp_path / "ws", create=True, overrides=overrides)


def _remote(url):
    return Image(path_or_url=url, caption="MiG-29 at Al-Khadim air base", shows="a jet on an apron",
                 source="https://www.africom.mil/example", licence="Public Domain", credit="US Africa Command")


def test_the_picture_is_fetched_archived_and_embedded_from_a_local_copy(server, tmp_path):
    ws = _ws(tmp_path, allow=True)
    try:
        picked, problem = fetch_picture(ws, _remote(server.url + "/airfield.png"))
        assert problem is None
        copy = picked.path_or_url
        data = open(copy, "rb").read()
        assert data == server.picture and image_problem(data) is None
        assert picked.sha256 == hashlib.sha256(data).hexdigest() and picked.fetched_from.endswith("/airfield.png")
        assert (picked.caption, picked.credit, picked.licence) == ("MiG-29 at Al-Khadim air base",
                                                                    "US Africa Command", "Public Domain")
        warcs = list((ws.root).rglob("*.warc.gz"))
        assert warcs, "the picture is archived like any capture"
    finally:
        ws.close()


def test_a_loopback_address_is_refused_unless_allow_listed(server, tmp_path):
    ws = _ws(tmp_path, allow=False)
    try:
        remote = _remote(server.url + "/airfield.png")
        picked, problem = fetch_picture(ws, remote)
        assert picked is remote and "loopback" in problem and "caption only" in problem
    finally:
        ws.close()


@pytest.mark.parametrize("path, why", [("/page.html", "not fetched"), ("/broken.png", "not a readable")])
def test_what_is_no_picture_is_never_embedded(server, tmp_path, path, why):
    ws = _ws(tmp_path, allow=True)
    try:
        remote = _remote(server.url + path)
        picked, problem = fetch_picture(ws, remote)
        assert picked is remote and why in problem
        assert not (ws.root / "briefs" / "pictures").exists() or not any((ws.root / "briefs" / "pictures").iterdir())
    finally:
        ws.close()


def test_a_file_on_disk_is_left_as_it_is(tmp_path):
    ws = _ws(tmp_path, allow=False)
    try:
        local = _remote(str(draw_stand_in(tmp_path / "here.png")))
        assert fetch_picture(ws, local) == (local, None)
    finally:
        ws.close()
