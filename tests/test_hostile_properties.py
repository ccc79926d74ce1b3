"""Property-based tests (hypothesis) for the readers: on any bytes they return text or refuse with InputError,
never anything else; what they return keeps its promises."""

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dragoman.errors import InputError
from dragoman.ingest.decode import decode_text, detect_charset, html_charset, plausibility
from dragoman.ingest.feeds import parse_feed
from dragoman.ingest.opml import feed_url_problem, read_opml
from dragoman.ingest.warcfile import read_warc
from dragoman.text.controls import BIDI_CONTROLS, inert, strip_controls

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEGACY = ["windows-1251", "koi8-r", "windows-1256", "windows-1254", "utf-8", "utf-16-le", "iso-8859-5"]
WORDS = {"windows-1251": ["Москва", "министр", "обороны", "встреча", "сообщили", "переговоры"],
         "koi8-r": ["Москва", "министр", "обороны", "встреча", "сообщили", "переговоры"],
         "iso-8859-5": ["Москва", "министр", "обороны", "встреча", "сообщили", "переговоры"],
         "windows-1256": ["حفتر", "بنغازي", "الوفد", "المحادثات", "الاتفاق", "القاهرة"],
         "windows-1254": ["Bankası", "müdürü", "ağustos", "düşeceğini", "söyledi", "kırsal"],
         "utf-8": ["maréchal", "Moscou", "négociations", "sécurité", "حفتر", "Шойгу"],
         "utf-16-le": ["maréchal", "Moscou", "négociations", "sécurité", "rencontré", "lundi"]}


def _refuses_or_reads(fn, *args):
    try:
        return fn(*args)
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason and len(exc.reason) < 1200
        return None


@FAST
@given(st.binary(max_size=4000), st.sampled_from([None, "utf-8", "utf-7", "koi8-r", "x-junk", "utf-16"]))
def test_decoding_any_bytes_gives_text_or_a_refusal(data, label):
    result = _refuses_or_reads(decode_text, "f.txt", data, label)
    if result is not None:
        text, charset = result
        assert isinstance(text, str) and charset != "utf-7"
        assert detect_charset("f", data, label) in (charset, charset + "-sig")


@FAST
@given(st.sampled_from(LEGACY), st.data())
def test_real_words_in_any_common_encoding_read_back_exactly(encoding, data):
    words = data.draw(st.lists(st.sampled_from(WORDS[encoding]), min_size=12, max_size=40))
    assume(len(set(words)) >= 4)               # one word said twelve times is ambiguous in any detector
    text = " ".join(words) + "."
    raw = text.encode(encoding)
    decoded, _ = decode_text("f.txt", raw)
    assert decoded == text
    assert raw.decode(html_charset("p.html", raw)) == text if not encoding.startswith("utf-16") else True


@FAST
@given(st.text(max_size=300))
def test_plausibility_is_a_score(text):
    assert 0.0 <= plausibility(text) <= 1.0


@FAST
@given(st.text(max_size=500))
def test_stripping_controls_is_idempotent_and_complete(text):
    once = strip_controls(text)
    assert strip_controls(once) == once
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f for c in once)
    assert not any(c in BIDI_CONTROLS for c in inert(text))


@FAST
@given(st.binary(max_size=3000))
def test_feed_parser_never_raises_anything_else(data):
    _refuses_or_reads(parse_feed, data, "f.xml")


@FAST
@given(st.lists(st.tuples(st.sampled_from(["http", "https", "HTTP", "javascript", "file", "ftp", ""]),
                          st.text(max_size=30)), max_size=8))
def test_opml_keeps_only_one_line_http_feeds(outlines):
    from xml.sax.saxutils import quoteattr
    body = "".join(f"<outline text='x' xmlUrl={quoteattr(f'{scheme}://{rest}' if scheme else rest)}/>"
                   for scheme, rest in outlines)
    try:
        raw = f"<opml><body>{body}</body></opml>".encode("utf-8")
    except UnicodeEncodeError:
        assume(False)
    refused = []
    feeds = _refuses_or_reads(read_opml, raw, "f.opml", refused)
    for feed in feeds or []:
        assert feed_url_problem(feed.url) is None
        assert feed.url.lower().startswith(("http://", "https://")) and "\n" not in feed.url


@FAST
@given(st.binary(max_size=3000), st.booleans())
def test_warc_reader_yields_items_refusals_or_notices(data, compressed):
    from dragoman.ingest.items import Item, Notice
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("x.warc.gz" if compressed else "x.warc")
        path.write_bytes(gzip.compress(data) if compressed else data)
        for found in read_warc(path, 1_000_000):
            assert isinstance(found, (Item, Notice, InputError))
            if isinstance(found, InputError):
                assert "\n" not in found.reason


@FAST
@given(st.lists(st.binary(min_size=1, max_size=2000), min_size=1, max_size=5))
def test_warc_of_random_bodies_round_trips_under_the_caps(bodies):
    from warcio.warcwriter import WARCWriter
    from dragoman.ingest.items import Item
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.warc.gz"
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for n, body in enumerate(bodies):
                writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "resource",
                                                              payload=io.BytesIO(body), length=len(body),
                                                              warc_content_type="text/html"))
        items = [f for f in read_warc(path, 1_000_000) if isinstance(f, Item)]
        assert [i.raw for i in items] == [b for b in bodies if b.strip()][: len(items)]


def test_arabic_read_as_mac_cyrillic_loses_a_tie_to_windows_1256():
    # Found by the property test on a fresh clone (session 7): both readings score as plausible words, but the
    # mac-cyrillic one is mostly dashes, quotes and no-break spaces ("ЌЁ — ЌЁ —").
    text = " ".join(["حفتر"] * 9 + ["بنغازي", "الاتفاق", "القاهرة"]) + "."
    raw = text.encode("windows-1256")
    assert decode_text("f.txt", raw) == (text, "windows-1256")
