import os
import shutil

from conftest import PAGES
from dragoman.ingest.sources import ingest_sources


def _counts(ws):
    return ws.store.con.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_bad_inputs_are_reported_and_skipped_while_the_rest_goes_in(ws, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAGES / "ar-page.html", folder / "good.html")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\n ", encoding="utf-8")
    (folder / "junk.html").write_bytes(os.urandom(2000).replace(b"\x00", b"\x01") + b"\x00" * 10)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7 binary")
    (folder / "latin1.txt").write_bytes("Les forces du maréchal Haftar".encode("latin-1"))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    with open(folder / "huge.html", "wb") as fh:       # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50_000_000)
    report = ingest_sources(ws, [folder, tmp_path / "missing.html"])
    reasons = dict(report.failed)
    assert len(report.new) == 2                          # the page, and the Latin-1 text read as such
    assert any("maréchal Haftar" in ws.store.get_document(i).text for i in report.new)
    assert reasons[str(folder / "empty.txt")] == "empty file"
    assert reasons[str(folder / "blank.md")] == "empty file"
    assert "binary content" in reasons[str(folder / "junk.html")]
    assert "PDF" in reasons[str(folder / "scan.txt")]
    assert "unsupported format '.docx'" in reasons[str(folder / "notes.docx")]
    assert "too large (50.0 MB" in reasons[str(folder / "huge.html")]
    assert reasons[str(tmp_path / "missing.html")] == "no such file or folder"
    stored = ws.store.con.execute("SELECT count(*) FROM run_events WHERE run_id = ?", (report.run_id,))
    assert stored.fetchone()[0] == len(report.failed)     # failures are kept with the run


def test_reingesting_adds_nothing_and_loses_nothing(ws):
    first = ingest_sources(ws, [PAGES])
    assert len(first.new) == 2 and not first.failed
    before = ws.store.con.execute("SELECT id, data FROM documents ORDER BY id").fetchall()
    warc_sizes = {p.name: p.stat().st_size for p in ws.archive.root.iterdir()}
    again = ingest_sources(ws, [PAGES])
    assert again.new == [] and sorted(again.unchanged) == sorted(first.new)
    assert ws.store.con.execute("SELECT id, data FROM documents ORDER BY id").fetchall() == before
    assert {p.name: p.stat().st_size for p in ws.archive.root.iterdir()} == warc_sizes


def test_pages_get_url_source_and_archived_capture(ws):
    report = ingest_sources(ws, [PAGES / "ar-page.html"])
    doc = ws.store.get_document(report.new[0])
    assert doc.url == "https://www.alaraby.co.uk/politics/haftar-putin-moscow-test"
    assert doc.source == "alaraby.co.uk"
    assert ws.archive.read(doc.capture) == (PAGES / "ar-page.html").read_bytes()
    assert len(doc.supplied_translations) == 4


def test_windows_1256_page_is_decoded_by_its_declared_charset(ws, tmp_path):
    html = (PAGES / "ar-page.html").read_text(encoding="utf-8").replace('charset="utf-8"',
                                                                              'charset="windows-1256"')
    page = tmp_path / "cp1256.html"
    page.write_bytes(html.replace("ــ", "").encode("cp1256"))
    report = ingest_sources(ws, [page])
    doc = ws.store.get_document(report.new[0])
    assert doc.meta["charset"] == "windows-1256"


def test_new_analyst_translation_updates_the_stored_document(ws, tmp_path):
    page = tmp_path / "p.html"
    shutil.copy(PAGES / "ar-page.html", page)
    first = ingest_sources(ws, [page])
    (tmp_path / "p.en.tsv").write_text("حفتر يلتقي بوتين في موسكو\tHaftar meets Putin in Moscow\nbad line\n",
                                       encoding="utf-8")
    second = ingest_sources(ws, [page])
    assert second.updated == first.new
    assert "line 2" in second.warnings[0][1]
    assert len(ws.store.get_document(first.new[0]).supplied_translations) == 1
