"""The OpenAI-compatible model-server engine against a small fake server (chat/completions, models) started
here: batches, the glossary from the term base, canonical names enforced by the stage, provenance, failures."""

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.settings import Settings
from dragoman.translate import EngineError, build_engine, describe_engine
from dragoman.translate.llm import LLMEngine
from dragoman.vocab.termbase import TermBase
from dragoman.workspace import Workspace

# What the fake model answers for each sentence; it spells Haftar "Hifter" as some models do.
RENDERINGS = {
    "وصل المشير خليفة حفتر إلى موسكو يوم الثلاثاء.": "Field Marshal Khalifa Hifter arrived in Moscow on Tuesday.",
    "وناقش مع وزير الدفاع الروسي منظومات الدفاع الجوي.": "He discussed air defence systems with the Russian "
                                                          "defence minister.",
    "Халифа Хафтар прибыл в Москву во вторник.": "Khalifa Hifter arrived in Moscow on Tuesday.",
    "Hafter, Salı günü Moskova'ya geldi.": "Hifter arrived in Moscow on Tuesday.",
}
LINE = re.compile(r"^(\d+)\. (.*)$")


class FakeModelServer(BaseHTTPRequestHandler):
    """`/v1/models` and `/v1/chat/completions`; `server.mode` makes it lose count or fail."""

    def log_message(self, *args):
        pass

    def _send(self, status, data):
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/v1/models":
            return self._send(200, {"object": "list", "data": [{"id": "qwen2.5:7b", "object": "model"}]})
        self._send(404, {"error": {"message": "not found"}})

    def do_POST(self):
        if self.path != "/v1/chat/completions":
            return self._send(404, {"error": {"message": "not found"}})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        if self.server.mode == "500":
            return self._send(500, {"error": {"message": "model failed to load"}})
        if body["model"] != "qwen2.5:7b":
            return self._send(404, {"error": {"message": f"model {body['model']!r} not found"}})
        lines = [LINE.match(x) for x in body["messages"][1]["content"].splitlines()]
        numbered = [(m.group(1), m.group(2)) for m in lines if m]
        english = [(n, RENDERINGS.get(text, f"EN[{text}]")) for n, text in numbered]
        if self.server.mode == "lose-count" and len(english) > 1:
            english = english[:-1]                     # a model that forgets the last line of a batch
        content = "\n".join(f"{n}. {t}" for n, t in english)
        self._send(200, {"id": "x", "object": "chat.completion", "model": body["model"],
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                      "finish_reason": "stop"}]})


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeModelServer)
    srv.requests, srv.mode = [], None
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}/v1"
    yield srv
    srv.shutdown()
    srv.server_close()


def engine(url, **kw):
    return LLMEngine(url, "qwen2.5:7b", **({"timeout_s": 5.0, "batch_size": 2} | kw))


def test_batches_keep_order_and_record_engine_and_model(server):
    sentences = list(RENDERINGS)[:2] + ["", "جملة ثالثة."]
    out = engine(server.url).translate(sentences, "ar")
    assert [o.text for o in out] == [RENDERINGS[sentences[0]], RENDERINGS[sentences[1]], "", "EN[جملة ثالثة.]"]
    host = server.url.split("//")[1].split("/")[0]
    assert {(o.engine, o.model) for o in out} == {("llm", f"qwen2.5:7b@{host}")}
    assert len(server.requests) == 2                          # 2 + 1 non-empty sentences, batches of 2
    first = server.requests[0]
    assert first["temperature"] == 0 and first["stream"] is False
    assert "from Arabic into English" in first["messages"][0]["content"]


def test_the_glossary_gives_the_term_bases_names(server):
    engine(server.url, terms=TermBase.load_default()).translate([list(RENDERINGS)[0]], "ar")
    prompt = server.requests[0]["messages"][1]["content"]
    assert prompt.startswith("Glossary:\nالمشير = Field Marshal\nخليفة حفتر = Khalifa Haftar\nموسكو = Moscow\n\n")
    assert prompt.endswith("1. وصل المشير خليفة حفتر إلى موسكو يوم الثلاثاء.")


def test_a_model_that_loses_count_is_asked_one_sentence_at_a_time(server):
    server.mode = "lose-count"
    sentences = ["Халифа Хафтар прибыл в Москву во вторник.", "Второе предложение."]
    out = engine(server.url).translate(sentences, "ru")
    assert [o.text for o in out] == [RENDERINGS[sentences[0]], "EN[Второе предложение.]"]
    assert len(server.requests) == 3


def test_a_missing_model_and_server_errors_are_named(server):
    with pytest.raises(EngineError, match=r"has no model 'llama3' \(it has qwen2.5:7b\); fix translate.llm_model"):
        LLMEngine(server.url, "llama3").pairs()
    server.mode = "500"
    with pytest.raises(EngineError, match=rf"model server at {server.url}: HTTP 500 on /chat/completions: "
                                          r"model failed to load"):
        engine(server.url).translate(["Bir cümle."], "tr")


def test_a_server_that_is_down_says_to_start_it():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(EngineError, match=r"cannot connect .*is the server running\? check translate.llm_url"):
        engine(f"http://127.0.0.1:{port}/v1").pairs()


def test_settings_choose_the_engine_and_say_what_is_missing(tmp_path, server):
    llm = Settings({"translate.engine": "llm", "translate.llm_url": server.url, "translate.llm_model": "qwen2.5:7b"})
    assert describe_engine(llm, tmp_path) == f"translation: llm qwen2.5:7b at {server.url}"
    assert build_engine(llm, tmp_path, cache=False).name == "llm"
    no_model = Settings({"translate.engine": "llm", "translate.llm_url": server.url})
    assert describe_engine(no_model, tmp_path).startswith("translation: disabled — translate.engine is llm but "
                                                          "translate.llm_model is empty")
    assert build_engine(no_model, tmp_path) is None


def _page(tmp_path, name, lang_text):
    path = tmp_path / name
    path.write_text(f"<html><head><title>{lang_text[0]}</title></head><body><article><p>{' '.join(lang_text)}"
                    "</p></article></body></html>", encoding="utf-8")
    return path


def _workspace(tmp_path, url):
    return Workspace.open(tmp_path / "ws", create=True, overrides=[
        "pipeline.workers=1", "translate.engine=llm", f"translate.llm_url={url}", "translate.llm_model=qwen2.5:7b",
        "pipeline.stages=extract,langid,segment,translate", "extract.min_chars=10"])


def test_the_stage_enforces_canonical_names_and_keeps_provenance(tmp_path, server):
    ws = _workspace(tmp_path, server.url)
    ar = _page(tmp_path, "ar.html", list(RENDERINGS)[:2])
    tr = tmp_path / "tr.txt"
    tr.write_text("Hafter, Salı günü Moskova'ya geldi.", encoding="utf-8")
    report = ingest_sources(ws, [str(ar), str(tr)])
    run_pending(ws)
    doc = ws.store.get_document(report.new[0])
    first = doc.sentences[0].translation
    assert first.text == "Field Marshal Khalifa Haftar arrived in Moscow on Tuesday."
    assert first.engine == "llm" and first.model.startswith("qwen2.5:7b@127.0.0.1:") and first.created
    assert first.note == "names made canonical: Khalifa Hifter → Khalifa Haftar"
    # The term base's own term, too: "air defence systems" is written as its canonical "air-defence systems".
    assert doc.sentences[1].translation.text == ("He discussed air-defence systems with the Russian defence "
                                                 "minister.")
    assert doc.meta["translation"] == "llm 2"
    turkish = ws.store.get_document(report.new[1])
    assert turkish.language == "tr"
    assert turkish.sentences[0].translation.text == "Khalifa Haftar arrived in Moscow on Tuesday."
    ws.close()


def test_a_server_that_is_down_leaves_the_run_going_with_the_reason(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ws = _workspace(tmp_path, f"http://127.0.0.1:{port}/v1")
    report = ingest_sources(ws, [str(_page(tmp_path, "ar.html", list(RENDERINGS)[:2]))])
    run = run_pending(ws)
    assert run.tally.failed == 0
    doc = ws.store.get_document(report.new[0])
    assert all(s.translation is None or s.translation.engine == "gloss" for s in doc.sentences)
    assert "cannot connect" in doc.meta["translation_error"] and "translate.llm_url" in doc.meta["translation_error"]
    skipped = [e for e in ws.store.run_events(run.run_id) if e["stage"] == "translate"]
    assert skipped and skipped[0]["outcome"] == "skip" and "engine failed" in skipped[0]["reason"]
    ws.close()
