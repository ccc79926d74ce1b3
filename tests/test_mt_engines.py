"""The LibreTranslate client against a local server speaking its documented API; engine choice; the cache."""

import json
import multiprocessing
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dragoman.settings import Settings, default_file_text
from dragoman.translate import (CachedEngine, Engine, EngineError, EngineOutput, ModelRegistry, TranslationCache,
                                build_engine, cache_key, cache_path, describe_engine)
from dragoman.translate.ct2 import CTranslate2Engine
from dragoman.translate.libre import LibreTranslateEngine

LANGUAGES = [{"code": "ar", "name": "Arabic", "targets": ["en", "fr"]},
             {"code": "en", "name": "English", "targets": ["ar", "fr", "ru"]},
             {"code": "ru", "name": "Russian", "targets": ["en"]}]
NO_MODEL = "translation: disabled — no model folder registered; add one with `dragoman models add PATH`"


class Handler(BaseHTTPRequestHandler):
    """LibreTranslate's /translate and /languages; `server.api_key` and `server.fail` switch behaviours."""

    def log_message(self, *args):
        pass

    def _send(self, status, data, raw=False):
        body = data if raw else json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if raw else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/languages":
            return self._send(200, LANGUAGES)
        self._send(404, {"error": "Not Found"})

    def do_POST(self):
        if self.path != "/translate":
            return self._send(404, {"error": "Not Found"})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        if self.server.fail == "500":
            return self._send(500, {"error": "Cannot translate text: model crashed"})
        if self.server.fail == "html":
            return self._send(502, b"<html>Bad Gateway</html>", raw=True)
        if self.server.api_key and body.get("api_key") != self.server.api_key:
            return self._send(403, {"error": "Invalid API key"})
        if body["source"] not in {lang["code"] for lang in LANGUAGES}:
            return self._send(400, {"error": f"{body['source']} is not supported"})
        q = body["q"]
        render = lambda s: f"EN<{body['source']}>[{s}]"   # noqa: E731
        self._send(200, {"translatedText": [render(s) for s in q] if isinstance(q, list) else render(q)})


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.requests, srv.api_key, srv.fail = [], None, None
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
    yield srv
    srv.shutdown()
    srv.server_close()


def libre(url, **kw):
    return LibreTranslateEngine(url, **({"timeout_s": 5.0, "batch_size": 3} | kw))


# --- LibreTranslate ----------------------------------------------------------------------------------------

def test_translates_in_batches_in_order_with_provenance(server):
    eng = libre(server.url)
    assert isinstance(eng, Engine)
    sentences = ["واحد", "", "اثنان", "ثلاثة", "  ", "أربعة", "خمسة"]
    outputs = eng.translate(sentences, "ar")
    assert [o.text for o in outputs] == ["EN<ar>[واحد]", "", "EN<ar>[اثنان]", "EN<ar>[ثلاثة]", "",
                                         "EN<ar>[أربعة]", "EN<ar>[خمسة]"]
    host = server.url.removeprefix("http://")
    assert set(outputs) >= {EngineOutput("EN<ar>[واحد]", "libretranslate", f"libretranslate@{host}", None)}
    assert [r["q"] for r in server.requests] == [["واحد", "اثنان", "ثلاثة"], ["أربعة", "خمسة"]]
    assert all(r["source"] == "ar" and r["target"] == "en" and r["format"] == "text" for r in server.requests)
    assert "api_key" not in server.requests[0]


def test_a_single_sentence_goes_as_a_string(server):
    assert libre(server.url).translate(["Привет"], "ru")[0].text == "EN<ru>[Привет]"
    assert server.requests[0]["q"] == "Привет"
    assert libre(server.url).translate(["", " "], "ru") == [EngineOutput("", "libretranslate",
                                                                         libre(server.url).model, None)] * 2
    assert len(server.requests) == 1


def test_pairs_come_from_languages(server):
    assert libre(server.url).pairs() == {("ar", "en"), ("ar", "fr"), ("en", "ar"), ("en", "fr"), ("en", "ru"),
                                         ("ru", "en")}


def test_api_key_is_sent_and_a_wrong_one_is_a_clear_error(server):
    server.api_key = "s3cret"
    assert libre(server.url + "/", api_key="s3cret").translate(["a", "b"], "ar")[1].text == "EN<ar>[b]"
    assert server.requests[0]["api_key"] == "s3cret"
    with pytest.raises(EngineError) as caught:
        libre(server.url).translate(["a"], "ar")
    assert str(caught.value) == (f"LibreTranslate at {server.url}: HTTP 403 on /translate: Invalid API key; "
                                 f"check translate.libretranslate_api_key")


@pytest.mark.parametrize("fail, message", [
    ("500", "HTTP 500 on /translate: Cannot translate text: model crashed"),
    ("html", "HTTP 502 on /translate: <html>Bad Gateway</html>"),
])
def test_server_errors_name_the_server_and_reason(server, fail, message):
    server.fail = fail
    with pytest.raises(EngineError, match=f"LibreTranslate at {server.url}: ") as caught:
        libre(server.url).translate(["a"], "ar")
    assert message in str(caught.value)


def test_unsupported_language_is_the_servers_reason(server):
    with pytest.raises(EngineError, match="HTTP 400 on /translate: fa is not supported"):
        libre(server.url).translate(["سلام"], "fa")


def test_a_server_that_never_answers_times_out_quickly():
    with socket.socket() as silent:          # accepts connections (kernel backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.perf_counter()
        with pytest.raises(EngineError, match=rf"LibreTranslate at {url}: no answer within 0.3 s; .*timeout_s"):
            libre(url, timeout_s=0.3).translate(["a"], "ar")
        assert time.perf_counter() - started < 3


def test_connection_refused_says_to_check_the_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(EngineError, match=r"cannot connect .*is the server running\? check "
                                          r"translate.libretranslate_url"):
        libre(f"http://127.0.0.1:{port}").pairs()


def test_a_bad_url_is_refused_up_front():
    with pytest.raises(EngineError, match="not an http"):
        libre("127.0.0.1:5000")


# --- choosing the engine -----------------------------------------------------------------------------------

def fake_model_folder(base: Path, name: str = "opus-mt-ar-en") -> Path:
    """Enough of a converted Marian folder to register (registering never loads the model)."""
    folder = base / name
    folder.mkdir(parents=True)
    for f in ("model.bin", "source.spm", "target.spm"):
        (folder / f).write_bytes(b"placeholder")
    (folder / "config.json").write_text('{"add_source_eos": false}', encoding="utf-8")
    return folder


def settings(**values):
    return Settings({f"translate.{k}": v for k, v in values.items()})


def test_settings_have_translate_defaults():
    s = Settings()
    assert (s["translate.engine"], s["translate.beam_size"], s["translate.batch_size"], s["translate.device"],
            s["translate.max_input_tokens"], s["translate.libretranslate_url"], s["translate.libretranslate_api_key"],
            s["translate.timeout_s"]) == ("auto", 4, 16, "auto", 400, "", "", 30.0)
    assert "[translate]" in default_file_text()
    assert Settings.load(None, environ={"DRAGOMAN_TRANSLATE_ENGINE": "none"})["translate.engine"] == "none"


def test_none_and_auto_without_anything_give_no_engine(tmp_path):
    assert build_engine(settings(engine="none"), tmp_path) is None
    assert describe_engine(settings(engine="none"), tmp_path) == 'translation: disabled — translate.engine is "none"'
    assert build_engine(settings(), tmp_path) is None
    assert describe_engine(settings(), tmp_path) == NO_MODEL
    assert not (tmp_path / "cache").exists()


def test_auto_prefers_a_registered_model_then_a_url(tmp_path, server):
    assert isinstance(build_engine(settings(libretranslate_url=server.url), tmp_path).inner, LibreTranslateEngine)
    assert describe_engine(settings(libretranslate_url=server.url), tmp_path) == (f"translation: libretranslate "
                                                                                  f"at {server.url}")
    ModelRegistry(tmp_path).add(fake_model_folder(tmp_path / "models"))
    eng = build_engine(settings(libretranslate_url=server.url, beam_size=2, batch_size=8, max_input_tokens=99),
                       tmp_path)
    assert isinstance(eng, CachedEngine) and isinstance(eng.inner, CTranslate2Engine) and eng.name == "ctranslate2"
    assert (eng.inner.beam_size, eng.inner.batch_size, eng.inner.max_input_tokens) == (2, 8, 99)
    assert eng.cache.path == tmp_path / "cache" / "translations.sqlite" == cache_path(tmp_path)
    assert eng.pairs() == {("ar", "en")}
    assert describe_engine(settings(), tmp_path) == "translation: ctranslate2 — ar-en (opus-mt-ar-en)"
    assert isinstance(build_engine(settings(), tmp_path, cache=False), CTranslate2Engine)


def test_explicit_engines_without_what_they_need_say_what_to_set(tmp_path, server):
    assert build_engine(settings(engine="ctranslate2", libretranslate_url=server.url), tmp_path) is None
    assert describe_engine(settings(engine="ctranslate2"), tmp_path) == (
        "translation: disabled — translate.engine is ctranslate2 but no model folder registered; "
        "add one with `dragoman models add PATH`")
    assert build_engine(settings(engine="libretranslate"), tmp_path) is None
    assert "translate.libretranslate_url is empty" in describe_engine(settings(engine="libretranslate"), tmp_path)
    ModelRegistry(tmp_path).add(fake_model_folder(tmp_path / "models"))
    eng = build_engine(settings(engine="libretranslate", libretranslate_url=server.url, libretranslate_api_key="k",
                                timeout_s=2), tmp_path)
    assert isinstance(eng.inner, LibreTranslateEngine) and (eng.inner.api_key, eng.inner.timeout_s) == ("k", 2.0)


def test_a_vanished_model_folder_is_skipped_and_named(tmp_path, server):
    folder = fake_model_folder(tmp_path / "models")
    ModelRegistry(tmp_path).add(folder)
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    assert build_engine(settings(), tmp_path) is None
    assert describe_engine(settings(), tmp_path) == (f"translation: disabled — {folder} is gone (re-add it or "
                                                     f"`dragoman models remove ar-en`)")
    assert isinstance(build_engine(settings(libretranslate_url=server.url), tmp_path).inner, LibreTranslateEngine)


def test_an_unknown_engine_name_is_refused(tmp_path):
    with pytest.raises(EngineError, match="translate.engine must be one of auto, none, ctranslate2, libretranslate"):
        build_engine(settings(engine="deepl"), tmp_path)
    assert describe_engine(settings(engine="deepl"), tmp_path).startswith("translation: disabled — translate.engine")


def test_built_engine_translates_a_repeated_story_once(tmp_path, server):
    eng = build_engine(settings(libretranslate_url=server.url), tmp_path)
    story = ["خبر عاجل", "وصلت الطائرات"]
    first = eng.translate(story, "ar")
    for _ in range(9):                        # the same story republished by nine more sites
        assert eng.translate([" ".join(s.split()) + " " for s in story], "ar") == first
    assert len(server.requests) == 1 and (tmp_path / "cache" / "translations.sqlite").exists()


# --- the cache ---------------------------------------------------------------------------------------------

def test_cache_key_normalises_whitespace_and_separates_everything_else():
    key = cache_key("ctranslate2", "opus-mt-ar-en", "v1", "ar", "en", "خبر  عاجل\n")
    assert key == cache_key("ctranslate2", "opus-mt-ar-en", "v1", "ar", "en", " خبر عاجل")
    others = [cache_key("libretranslate", "opus-mt-ar-en", "v1", "ar", "en", "خبر عاجل"),
              cache_key("ctranslate2", "opus-mt-ar-en-big", "v1", "ar", "en", "خبر عاجل"),
              cache_key("ctranslate2", "opus-mt-ar-en", "v2", "ar", "en", "خبر عاجل"),
              cache_key("ctranslate2", "opus-mt-ar-en", "v1", "fa", "en", "خبر عاجل"),
              cache_key("ctranslate2", "opus-mt-ar-en", None, "ar", "en", "خبر عاجل")]
    assert len({key, *others}) == 6 and len(key) == 64


def test_cache_round_trip_and_wal(tmp_path):
    cache = TranslationCache(tmp_path / "cache" / "translations.sqlite")
    assert cache.get_many(["a"]) == {}
    assert cache.put_many([("a", "one"), ("b", "two")]) == 2
    cache.put_many([("a", "uno")])
    assert cache.get_many(["a", "b", "c", "a"]) == {"a": "uno", "b": "two"}
    assert cache.get_many(str(i) for i in range(2000)) == {}
    mode = cache._connect().execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal" and len(cache) == 2
    cache.close()


def test_a_corrupt_cache_file_is_a_clear_error(tmp_path):
    path = tmp_path / "translations.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(EngineError, match="translation cache .*delete the file if it persists"):
        TranslationCache(path).get_many(["a"])


def _worker(cache, n):
    cache.put_many((f"{n}-{i}", f"text {n} {i}") for i in range(300))
    cache.put_many((f"shared-{i}", "same") for i in range(50))
    got = cache.get_many(f"{n}-{i}" for i in range(300))
    raise SystemExit(0 if len(got) == 300 else 1)


def test_several_processes_share_the_cache(tmp_path):
    cache = TranslationCache(tmp_path / "translations.sqlite", busy_timeout_ms=20_000)
    cache.put_many([("parent", "x")])        # the parent's connection must not be reused after fork
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_worker, args=(cache, n)) for n in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    assert len(cache) == 1 + 4 * 300 + 50
