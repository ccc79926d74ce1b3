"""Hostile and unlucky input: every file ends in a stored document read right or a clear one-line refusal, in
bounded time and memory. Bounds are generous on purpose (shared, loaded machines); speed is measured in bench/."""

import gzip
import io
import json
import os
import subprocess
import sys
import signal
import textwrap
import time
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from dragoman.ingest.decode import decode_text, html_charset
from dragoman.ingest.fetch import Fetcher
from dragoman.ingest.opml import read_opml
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.settings import Settings
from dragoman.workspace import Workspace

PLUGINS = "pipeline.plugins=plugins.hostile_stages"
TESTS = Path(__file__).parent

# Our own sentences, in the encodings the press of each language still uses.
SAMPLES = {
    "ar": ("قال المشير خليفة حفتر إن قواته ستبقى في بنغازي حتى نهاية الشهر. وأضاف أن المحادثات مع الوفد الروسي "
           "كانت مثمرة، وأن الاتفاق سيوقع في القاهرة الأسبوع المقبل.", ["windows-1256", "iso-8859-6"]),
    "ru": ("Министр обороны России Сергей Шойгу встретился с Хафтаром в Москве в понедельник. Стороны обсудили "
           "поставки вооружений и ситуацию в Ливии, сообщили в ведомстве.",
           ["windows-1251", "koi8-r", "ibm866", "iso-8859-5", "mac-cyrillic"]),
    "tr": ("Türkiye İş Bankası genel müdürü, ağustos ayında faiz oranlarının düşeceğini söyledi. Bankanın "
           "yöneticileri, kırsal kesimde kredi taleplerinin arttığını açıkladı.", ["windows-1254"]),
    "fr": ("Le maréchal Haftar a rencontré Sergueï Choïgou à Moscou lundi. Les deux hommes ont évoqué la sécurité "
           "en Libye et l’avenir des négociations.", ["utf-16-le", "utf-16-be", "windows-1252"]),
}
CASES = [(lang, enc) for lang, (_, encodings) in SAMPLES.items() for enc in encodings]


class Hung(Exception):
    pass


def within(seconds, fn):
    """fn() that must finish in `seconds`: a hang (even in a blocking open) fails the test instead of freezing it.
    Not for run_pending in-process, whose stage budget uses the same timer."""
    def expire(signum, frame):
        raise Hung(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        return fn()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def one_line(reason):
    assert "\n" not in reason and "Traceback" not in reason and len(reason) < 1200
    return reason


# -- files that are not files ----------------------------------------------------------------------------------

def test_fifo_named_html_is_refused_at_once(ws, tmp_path):
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    report = within(30, lambda: ingest_sources(ws, [fifo]))
    assert "named pipe (FIFO), not a regular file" in one_line(dict(report.failed)[str(fifo)])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_linked_as_page_and_pipes_in_folders_are_refused(ws, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.html").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    (folder / "good.txt").write_text(SAMPLES["ru"][0], encoding="utf-8")
    (folder / "good.en.tsv").symlink_to("/dev/zero")            # a sidecar that never ends
    report = within(30, lambda: ingest_sources(ws, [folder]))
    reasons = dict(report.failed)
    assert "character device" in one_line(reasons[str(folder / "zero.html")])
    assert "named pipe" in one_line(reasons[str(folder / "pipe.txt")])
    assert len(report.new) == 1
    assert any("character device" in w for _, w in report.warnings)    # the sidecar is named, the page kept


def test_byte_cap_is_counted_while_reading(tmp_path):
    from dragoman.errors import InputError
    from dragoman.ingest.files import read_bytes
    with pytest.raises(InputError, match="too large"):
        read_bytes(Path("/proc/self/environ") if Path("/proc/self/environ").exists() else tmp_path, 10)


# -- bombs -------------------------------------------------------------------------------------------------------

def _warc(path, bodies):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, body in enumerate(bodies):
            writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "resource",
                                                          payload=io.BytesIO(body), length=len(body),
                                                          warc_content_type="text/html"))


def _ingest_measured(tmp_path, source, *settings):
    """Ingest in a fresh process: its failures, warnings, new count and the peak of memory Python allocated
    while ingesting (MB; tracemalloc, so other tests and the interpreter's baseline do not blur it)."""
    code = textwrap.dedent(f"""
        import json, sys, tracemalloc
        from pathlib import Path
        from dragoman.ingest.sources import ingest_sources
        from dragoman.workspace import Workspace
        ws = Workspace.open(Path({str(tmp_path / 'ws')!r}), create=True, overrides={list(settings)!r})
        tracemalloc.start()
        report = ingest_sources(ws, [{str(source)!r}])
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        print(json.dumps({{"failed": report.failed, "new": len(report.new), "warnings": report.warnings,
                          "peak_mb": peak}}))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_warc_record_that_inflates_past_the_cap_is_refused(tmp_path):
    bomb = tmp_path / "bomb.warc.gz"
    _warc(bomb, [b"<p>fine</p>" * 100, b" " * 60_000_000])          # ~60 KB on disk
    assert bomb.stat().st_size < 200_000
    result = _ingest_measured(tmp_path, bomb, "ingest.max_bytes=5000000")
    assert result["new"] == 1
    [(item, reason)] = result["failed"]
    assert "inflates past 5.0 MB" in one_line(reason) and "rest of the file skipped" in reason
    assert result["peak_mb"] < 40                                # a 60 MB body was never held


def test_warc_that_inflates_past_the_ratio_is_stopped(tmp_path):
    bomb = tmp_path / "many.warc.gz"
    _warc(bomb, [b" " * 900_000 + f"<p>{n}</p>".encode() for n in range(60)])   # 54 MB from ~60 KB
    result = _ingest_measured(tmp_path, bomb, "ingest.max_bytes=1000000")
    [(item, reason)] = result["failed"]
    assert "inflates more than 100x its size" in one_line(reason)
    assert result["new"] < 20


def test_gzip_bomb_with_a_giant_first_line_gives_a_short_reason(tmp_path):
    bomb = tmp_path / "line.warc.gz"
    bomb.write_bytes(gzip.compress(b"A" * 30_000_000, compresslevel=9))            # ~30 KB
    result = _ingest_measured(tmp_path, bomb)
    [(item, reason)] = result["failed"]
    assert len(item) <= 600 and one_line(reason)
    db = Workspace.open(tmp_path / "ws", readonly=True)
    try:
        longest = db.store.con.execute("SELECT max(length(reason)), max(length(detail)) FROM run_events").fetchone()
    finally:
        db.close()
    assert longest[0] < 1200 and (longest[1] or 0) <= 20_100


def test_empty_warc_is_reported_and_arc_is_read(ws, tmp_path):
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    arc = tmp_path / "crawl.arc"
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + \
        "Haftar met Shoigu in Moscow on Monday.".encode() + b"</p></body></html>"
    version = b"1 0 Dragoman\nURL IP-address Archive-date Content-type Archive-length\n"
    header = f"filedesc://crawl.arc 0.0.0.0 20231001000000 text/plain {len(version)}\n".encode() + version + b"\n"
    record = f"http://example.org/a 93.184.216.34 20231001120000 text/html {len(body)}\n".encode() + body + b"\n"
    arc.write_bytes(header + record)
    report = ingest_sources(ws, [empty, arc])
    assert "no WARC or ARC records" in one_line(dict(report.failed)[str(empty)])
    assert len(report.new) == 1
    assert ws.store.get_document(report.new[0]).url == "http://example.org/a"


# -- text in every encoding ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, encoding", CASES)
def test_legacy_and_bomless_text_files_are_read_right(ws, tmp_path, lang, encoding):
    text = SAMPLES[lang][0]
    path = tmp_path / f"{lang}-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    report = ingest_sources(ws, [path])
    assert not report.failed, report.failed
    assert ws.store.get_document(report.new[0]).text == text


@pytest.mark.parametrize("lang, encoding", [c for c in CASES if not c[1].startswith("utf-16")])
def test_unlabelled_pages_use_the_same_charset_path(lang, encoding):
    text = SAMPLES[lang][0]
    data = f"<html><body><p>{text}</p></body></html>".encode(encoding)
    assert data.decode(html_charset("p", data)) == data.decode(encoding)
    assert decode_text("t", text.encode(encoding))[0] == text


def test_turkish_windows_1254_is_not_read_as_1252():
    data = SAMPLES["tr"][0].encode("windows-1254")
    text, charset = decode_text("tr.txt", data)
    assert "Bankası" in text and "bankasý" not in text.lower() and charset == "windows-1254"


def test_utf7_label_is_never_honoured(ws, tmp_path):
    page = tmp_path / "seven.html"
    page.write_bytes(b'<html><head><meta charset="utf-7"><title>x</title></head><body><p>+ADw-script+AD4-alert(1)'
                     b'+ADw-/script+AD4- Haftar met Shoigu in Moscow on Monday to discuss the war.</p></body></html>')
    assert html_charset("seven.html", page.read_bytes()) != "utf-7"
    report = ingest_sources(ws, [page])
    run_pending(ws)
    doc = ws.store.get_document(report.new[0])
    assert "+ADw-script+AD4-" in doc.text and "<script>" not in doc.text


def test_ten_thousand_deep_nesting_keeps_its_text(ws, tmp_path):
    page = tmp_path / "deep.html"
    sentence = "Haftar met Shoigu in Moscow on Monday to discuss the war in Libya and the talks ahead."
    page.write_text("<html><body>" + "<div>" * 10_000 + f"<p>{sentence}</p>" + "</div>" * 10_000 + "</body></html>")
    report = ingest_sources(ws, [page])
    run_pending(ws)
    doc = ws.store.get_document(report.new[0])
    assert sentence in doc.text and "flattened" in doc.meta["extract_note"]


def test_escapes_never_reach_the_stored_text(ws, tmp_path):
    page = tmp_path / "esc.txt"
    page.write_text("Title \x1b]0;owned\x07here\nHaftar \x1b[2Jmet Shoigu\x9b in Moscow.\n", encoding="utf-8")
    doc = ws.store.get_document(ingest_sources(ws, [page]).new[0])
    assert doc.title == "Title here" and doc.text == "Title here\nHaftar met Shoigu in Moscow.\n"


# -- smaller holes ------------------------------------------------------------------------------------------------

def test_opml_refuses_non_http_and_multiline_feed_urls():
    raw = ("<opml><body>"
           '<outline text="a" xmlUrl="javascript:alert(1)"/><outline text="b" xmlUrl="file:///etc/passwd"/>'
           '<outline text="c" xmlUrl="https://example.org/feed&#10;Host: evil"/>'
           '<outline text="d" xmlUrl="HTTPS://example.org/rss"/></body></opml>').encode()
    refused = []
    feeds = read_opml(raw, "x.opml", refused)
    assert [f.url for f in feeds] == ["HTTPS://example.org/rss"]
    assert [url for url, _ in refused] == ["javascript:alert(1)", "file:///etc/passwd",
                                           "https://example.org/feed\nHost: evil"]


@pytest.mark.parametrize("address", ["2002:7f00:1::", "2002:a00:1::", "::ffff:127.0.0.1", "::127.0.0.1",
                                     "64:ff9b::a00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe"])
def test_ipv6_forms_of_private_ipv4_are_refused(address):
    assert Fetcher(Settings())._forbidden(address)


def test_allow_private_list_is_parsed_as_a_list():
    settings = Settings.load(None, ['fetch.allow_private=["127.0.0.1"]'])
    assert settings["fetch.allow_private"] == ["127.0.0.1"]
    assert Fetcher(settings)._forbidden("127.0.0.1") is None


def test_upper_case_url_is_a_url():
    from dragoman.ingest.sources import expand
    assert list(expand(["HTTP://example.org/a"])) == [("url", "HTTP://example.org/a")]


def test_archive_uris_with_spaces_read_back_quietly(ws, tmp_path, caplog):
    folder = tmp_path / "with spaces"
    folder.mkdir()
    (folder / "a page.txt").write_text(SAMPLES["fr"][0], encoding="utf-8")
    doc = ws.store.get_document(ingest_sources(ws, [folder]).new[0])
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ws.archive.read(doc.capture)
    assert "Replacing spaces" not in caplog.text


# -- the slow page: budgets --------------------------------------------------------------------------------------

def _texts(folder, n, marked=None):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        body = f"Report {i}: Haftar met Shoigu in Moscow on Monday.\n" + (marked if i == 0 and marked else "")
        (folder / f"doc{i:02d}.txt").write_text(body, encoding="utf-8")
    return folder


def _budget_ws(tmp_path, *extra):
    return Workspace.open(tmp_path / "ws", create=True,
                          overrides=[PLUGINS, "pipeline.stage_timeout_s=2", *extra])


def test_stage_past_its_time_budget_fails_that_document_in_process(tmp_path):
    from plugins.hostile_stages import STALL
    ws = _budget_ws(tmp_path, 'pipeline.stages=["extract", "stall"]', "pipeline.workers=1")
    try:
        ingest_sources(ws, [_texts(tmp_path / "in", 5, STALL)])
        report = run_pending(ws)
        assert (report.tally.ok, report.tally.failed) == (4, 1)
        [problem] = ws.store.run_events(report.run_id)
        assert problem["stage"] == "stall" and "took longer than 2 s" in problem["reason"]
    finally:
        ws.close()


def test_worker_past_its_budget_is_replaced_and_the_others_commit_first(tmp_path):
    from plugins.hostile_stages import STALL
    ws = _budget_ws(tmp_path, 'pipeline.stages=["extract", "stall"]', "pipeline.workers=2",
                    "pipeline.batch_size=1", "pipeline.stage_timeout_s=8")
    seen = []
    try:
        ingest_sources(ws, [_texts(tmp_path / "in", 6, STALL)])
        report = within(240, lambda: run_pending(ws, progress=lambda done, total: seen.append(done)))
        assert (report.tally.ok, report.tally.failed) == (5, 1)
        assert 5 in seen and seen.index(5) < seen.index(6)      # the stalled one never held the others back
        [problem] = ws.store.run_events(report.run_id)
        assert "took longer than 8 s" in problem["reason"] and "worker was replaced" in problem["reason"]
    finally:
        ws.close()


def test_worker_past_its_memory_budget_fails_that_document(tmp_path):
    from plugins.hostile_stages import HOG
    ws = _budget_ws(tmp_path, 'pipeline.stages=["extract", "hog"]', "pipeline.workers=2", "pipeline.batch_size=1",
                    "pipeline.worker_max_mb=350", "pipeline.stage_timeout_s=100")
    try:
        ingest_sources(ws, [_texts(tmp_path / "in", 4, HOG)])
        started = time.monotonic()
        report = within(240, lambda: run_pending(ws))
        assert (report.tally.ok, report.tally.failed) == (3, 1)
        assert time.monotonic() - started < 60                   # not the hog's 60 s sleep
        [problem] = ws.store.run_events(report.run_id)
        assert "over 350 MB (setting pipeline.worker_max_mb)" in problem["reason"]
    finally:
        ws.close()
