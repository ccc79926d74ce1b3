import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import PAGES
from dragoman.archive.verify import verify
from dragoman.ingest.sources import ingest_sources
from dragoman.ingest.warcfile import read_warc
from dragoman.runner import run_pending

PAGE = (PAGES / "ru-page.html").read_bytes()


def _write_warc(path, *, corrupt_tail=False):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://tass.ru/politika/test-shoigu-haftar", "response",
                                                      payload=io.BytesIO(PAGE), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://tass.ru/x.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=image))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://tass.ru/gone", "response",
                                                      payload=io.BytesIO(b"<html>gone</html>"), http_headers=missing))
        writer.write_record(writer.create_warc_record("https://example.org/note.txt", "resource",
                                                      payload=io.BytesIO("Заметка о Бенгази".encode()),
                                                      warc_content_type="text/plain"))
    if corrupt_tail:
        with open(path, "ab") as fh:
            fh.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort")[:-8])


def test_warc_text_records_become_items(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    found = list(read_warc(path))
    items = [f for f in found if hasattr(f, "raw")]
    assert [i.url for i in items] == ["https://tass.ru/politika/test-shoigu-haftar", "https://example.org/note.txt"]
    assert items[0].raw == PAGE and items[0].charset == "utf-8"
    assert items[1].text == "Заметка о Бенгази"
    assert "2 non-text or non-2xx records skipped" in found[-1].message


def test_corrupt_record_is_named_and_earlier_records_kept(ws, tmp_path):
    path = tmp_path / "bad.warc.gz"
    _write_warc(path, corrupt_tail=True)
    report = ingest_sources(ws, [path])
    assert len(report.new) == 2
    assert len(report.failed) == 1 and "corrupt WARC record" in report.failed[0][1]
    assert report.failed[0][0].startswith(f"{path}@")


def test_archive_verify_detects_a_flipped_byte(ws):
    ingest_sources(ws, [PAGES])
    run_pending(ws)
    assert verify(ws.store, ws.archive)["mismatches"] == []
    warc = next(ws.archive.root.glob("*.warc.gz"))
    doc = ws.store.get_document(next(iter(ws.store.pending("")) ).id)
    data = bytearray(warc.read_bytes())
    # Flip one byte inside the first record's gzip member: decompression or the hash must catch it.
    data[doc.capture.offset + 40] ^= 0xFF
    warc.write_bytes(bytes(data))
    result = verify(ws.store, ws.archive)
    assert result["checked"] == 2 and len(result["mismatches"]) >= 1


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600), st.booleans())
def test_warc_reader_never_raises_on_junk(tmp_path_factory, data, gz):
    path = tmp_path_factory.mktemp("w") / ("junk.warc.gz" if gz else "junk.warc")
    path.write_bytes(gzip.compress(data) if gz else data)
    for found in read_warc(path):
        assert hasattr(found, "raw") or hasattr(found, "reason") or hasattr(found, "message")
