import pytest

from dragoman.archive import Archive, ArchiveError


def test_write_then_read_back_exact_bytes(tmp_path):
    archive = Archive(tmp_path)
    first = archive.write("صفحة عربية".encode("cp1256"), uri="https://x/1", content_type="text/html",
                          origin="a.html", charset="windows-1256")
    second = archive.write(b"second", uri="https://x/2", content_type="text/plain", origin="b.txt")
    assert first.archive == second.archive and second.offset > first.offset
    assert archive.read(first) == "صفحة عربية".encode("cp1256")
    assert archive.read(second) == b"second"


def test_the_warc_is_standard(tmp_path):
    from warcio.archiveiterator import ArchiveIterator
    archive = Archive(tmp_path)
    cap = archive.write(b"hello", uri="https://x/1", content_type="text/plain", origin="a.txt")
    with open(tmp_path / cap.archive, "rb") as fh:
        records = list((r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                        r.rec_headers.get_header("WARC-Block-Digest")) for r in ArchiveIterator(fh))
    assert records[0][:2] == ("resource", "https://x/1")
    assert records[0][2].startswith("sha256:")


def test_tampering_is_detected(tmp_path):
    archive = Archive(tmp_path)
    cap = archive.write(b"original bytes", uri="https://x/1", content_type="text/plain", origin="a.txt")
    bad = cap.__class__(**{**{f: getattr(cap, f) for f in cap.__struct_fields__}, "sha256": "0" * 64})
    with pytest.raises(ArchiveError, match="mismatch"):
        archive.read(bad)
    (tmp_path / cap.archive).unlink()
    with pytest.raises(ArchiveError, match="missing"):
        archive.read(cap)
