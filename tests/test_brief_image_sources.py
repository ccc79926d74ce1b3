"""A page cannot put a file from the analyst's disk into a brief: only http(s) pictures are taken from pages,
and only a file the analyst names (`--image`) or our drawn stand-in is ever embedded."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
from PIL import Image as PILImage

from dragoman.brief.image import image_for
from dragoman.model import Document

PAGE = """<html><body><article><h1>صورة</h1>
<figure><img src="{src}" alt="طائرة في قاعدة الجفرة">
<figcaption>طائرة في قاعدة الجفرة <span class="credit">Photo: US Africa Command, public domain</span></figcaption>
</figure><p>نص المقال.</p></article></body></html>"""


@pytest.fixture
def secret_png(tmp_path):
    path = tmp_path / "private-scan.png"
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _doc() -> Document:
    return Document(id="d1", source="example.org", url="https://example.org/ar/1", language="ar",
                    content_type="text/html", published=datetime(2023, 9, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize("src", ["file://{path}", "data:image/png;base64,iVBORw0KGgo="])
def test_a_page_naming_a_local_or_inline_picture_gives_no_image(secret_png, src):
    html = PAGE.format(src=src.format(path=secret_png))
    assert image_for(_doc(), html.encode("utf-8"), outlet="Example") is None


def test_a_bare_path_on_a_web_page_is_that_site_s_address_not_a_local_file(secret_png):
    image = image_for(_doc(), PAGE.format(src=secret_png).encode("utf-8"), outlet="Example")
    assert image is not None and image.path_or_url.startswith("https://example.org/")


def test_a_relative_picture_on_a_local_page_gives_no_image(secret_png, monkeypatch):
    monkeypatch.chdir(secret_png.parent)
    doc = _doc()
    doc.url = None                               # a page ingested from a file: no web address to resolve against
    html = PAGE.format(src=secret_png.name)
    assert image_for(doc, html.encode("utf-8"), outlet="Example") is None


def test_a_web_picture_keeps_its_address_caption_and_credit():
    html = PAGE.format(src="/images/jufra.jpg")
    image = image_for(_doc(), html.encode("utf-8"), outlet="Example")
    assert image is not None and image.path_or_url == "https://example.org/images/jufra.jpg"
    assert image.credit == "US Africa Command" and image.licence.lower() == "public domain"
