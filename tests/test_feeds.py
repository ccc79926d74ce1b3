import json
import shutil
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings, strategies as st

from conftest import FIXTURES
from dragoman.demo import DEMO
from dragoman.errors import InputError
from dragoman.ingest.feeds import ENTRY_TYPE, parse_feed
from dragoman.ingest.opml import read_opml, write_opml
from dragoman.ingest.sources import ingest_sources

DEMO_FEEDS = DEMO / "feeds"


def test_rss_entries_keep_link_date_and_plain_text():
    feed = parse_feed((DEMO_FEEDS / "libyaobserver.rss.xml").read_bytes(), "lo.rss")
    assert feed.version == "rss20" and feed.title == "The Libya Observer" and feed.language == "en"
    first = feed.items[0]
    assert first.url == "https://libyaobserver.ly/news/hifter-meets-putin-and-shoigu-moscow"
    assert first.published == datetime(2023, 9, 28, 16, 47, tzinfo=timezone.utc)
    assert "<p>" not in first.text and first.text.startswith("Khalifa Hifter met")
    assert first.content_type == ENTRY_TYPE and json.loads(first.raw)["link"] == first.url


def test_atom_and_rdf():
    atom = parse_feed((DEMO_FEEDS / "tass-ru.atom.xml").read_bytes(), "tass.atom")
    assert atom.version == "atom10" and atom.language == "ru" and len(atom.items) == 5
    assert all(i.published and i.published.tzinfo for i in atom.items)
    rdf = parse_feed((FIXTURES / "feeds" / "rdf.xml").read_bytes(), "rdf.xml")
    assert rdf.version.startswith("rss1") and rdf.items[0].title == "Aircraft seen at Al-Jufra"
    assert rdf.items[0].published == datetime(2023, 9, 30, 8, tzinfo=timezone.utc)


def test_malformed_feed_is_read_leniently_and_said_so():
    feed = parse_feed((FIXTURES / "feeds" / "broken.rss").read_bytes(), "broken.rss")
    assert feed.items and feed.items[0].title == "Хафтар прибыл в Москву"
    assert feed.warnings and "malformed feed" in feed.warnings[0]


@pytest.mark.parametrize("raw, reason", [(b"", "empty feed"), (b"<html><body>hello</body></html>", "not a feed"),
                                        (b"\x00\x01garbage", "not")])
def test_junk_is_refused_with_a_reason(raw, reason):
    with pytest.raises(InputError, match=reason):
        parse_feed(raw, "x.xml")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: f"<rss><channel><item>{t}</item></channel></rss>".encode()))
def test_feed_parser_only_raises_our_error(raw):
    try:
        parse_feed(raw, "fuzz.xml")
    except InputError:
        pass


def test_opml_import_keeps_folders_and_language_and_round_trips():
    feeds = read_opml((DEMO_FEEDS / "watchlist.opml").read_bytes(), "watchlist.opml")
    arabic = [f for f in feeds if f.language == "ar"]
    assert len(feeds) >= 8 and arabic and all(f.folder == "Arabic" for f in arabic)
    again = read_opml(write_opml(feeds), "export.opml")
    assert [(f.url, f.folder, f.language, f.title) for f in again] == [(f.url, f.folder, f.language, f.title)
                                                                         for f in feeds]


@pytest.mark.parametrize("raw, reason", [(b"<opml><head/></opml>", "no <body>"), (b"<rss/>", "not OPML"),
                                        (b"<opml><body><outline", "not valid OPML")])
def test_bad_opml(raw, reason):
    with pytest.raises(InputError, match=reason):
        read_opml(raw, "x.opml")


def test_ingest_feed_files_and_opml(ws, tmp_path):
    folder = tmp_path / "feeds"
    shutil.copytree(DEMO_FEEDS, folder)
    shutil.copy(FIXTURES / "feeds" / "broken.rss", folder)
    report = ingest_sources(ws, [folder])
    assert not report.failed
    assert report.feeds_added >= 8 and len(ws.store.feeds.all()) == report.feeds_added
    assert len(report.new) == 7 + 5 + 1
    assert any("malformed feed" in w for _, w in report.warnings)
    again = ingest_sources(ws, [folder])
    assert again.new == [] and again.feeds_added == 0
    assert ws.store.con.execute("SELECT count(*) FROM captures").fetchone()[0] == 3   # each feed archived once


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: f"<opml><body>{t}</body></opml>".encode()))
def test_opml_reader_only_raises_our_error(raw):
    try:
        read_opml(raw, "fuzz.opml")
    except InputError:
        pass
