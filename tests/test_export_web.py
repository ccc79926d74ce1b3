"""GET /api/export/{format}: the same bytes as the CLI's file, streamed; bad requests refused before any byte;
the streaming worker stops when the reader goes away."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager

import pytest
import stix2
from fastapi.testclient import TestClient

from dragoman.export import Selection, export
from dragoman.service import exports
from dragoman.web import create_app
from dragoman.workspace import Workspace
from demo_copies import demo_copy


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return demo_copy(tmp_path_factory, "export-web")


@pytest.fixture(scope="module")
def client(root):
    return TestClient(create_app(root))


def test_streamed_export_equals_the_file_export(client, root, tmp_path):
    response = client.get("/api/export/stix", params={"entity": "Haftar", "from": "2023-09-01"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/stix+json")
    assert "attachment" in response.headers["content-disposition"]
    ws = Workspace.open(root, readonly=True)
    try:
        from datetime import date
        export(ws, "stix", tmp_path / "b.json", Selection(entity="Haftar", start=date(2023, 9, 1)))
    finally:
        ws.close()
    assert response.content == (tmp_path / "b.json").read_bytes()
    assert stix2.parse(response.text, allow_custom=True).objects


def test_each_format_streams_with_its_media_type(client):
    for fmt, media in exports.MEDIA_TYPES.items():
        response = client.get(f"/api/export/{fmt}", params={"outlet": "TASS"})
        assert response.status_code == 200, (fmt, response.text)
        assert response.headers["content-type"].split(";")[0] == media.split(";")[0]
        assert response.content
    table = client.get("/api/export/csv", params={"table": "places", "bom": "true"})
    assert table.content.startswith(b"\xef\xbb\xbfplace_id,")
    features = json.loads(client.get("/api/export/geojson", params=[("layer", "facility")]).text)["features"]
    assert features and {f["properties"]["layer"] for f in features} == {"facility"}


def test_bad_requests_fail_before_streaming(client):
    assert client.get("/api/export/xml").status_code == 400
    assert client.get("/api/export/csv", params={"table": "nope"}).status_code == 400
    assert client.get("/api/export/kml", params={"layer": "roads"}).status_code == 400
    missing = client.get("/api/export/stix", params={"entity": "Nobody Atall"})
    assert missing.status_code == 404 and "Nobody Atall" in missing.json()["error"]
    assert client.get("/api/export/stix", params={"from": "2023-13-01"}).status_code == 400


def test_the_worker_stops_when_the_reader_goes_away(root, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_CHARS", 256)          # many small chunks, so the queue fills
    monkeypatch.setattr(exports, "QUEUE_CHUNKS", 1)

    @contextmanager
    def workspace():
        ws = Workspace.open(root, readonly=True)
        try:
            yield ws
        finally:
            ws.close()
    before = {t.ident for t in threading.enumerate()}
    chunks = exports.stream(workspace, "ftm", Selection())
    assert next(chunks)
    chunks.close()
    left = [t for t in threading.enumerate() if t.ident not in before and t.name == "dragoman-export"]
    assert not any(t.is_alive() for t in left)
