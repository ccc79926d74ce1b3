"""Exports of a page written to attack its readers: script tags, spreadsheet formulas, bidi overrides and terminal
escapes in its title, names and sentences must reach no consumer as live markup, formulas or reordered text; events
not told as done never become happenings; one unreadable record is skipped, not fatal."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
import stix2
from lxml import etree

from dragoman.export import Selection, export
from dragoman.model import Capture, Claim, Document, Event, Mention, Place, Sentence, Span, TimeExpression
from dragoman.model.ids import document_id, sha256_hex

TZ = timezone(timedelta(hours=3))
COMMON = dict(stage="test", version="1")
SCRIPT = "<script>alert(1)</script>"
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"
RLO = "\u202e"


def _doc(text: str, title: str, url: str, **annotations) -> Document:
    raw = (title + text).encode("utf-8")
    sha = sha256_hex(raw)
    capture = Capture(archive="test.warc.gz", offset=0, sha256=sha, length=len(raw), content_type="text/html",
                      origin=url, captured=datetime(2023, 9, 29, tzinfo=timezone.utc))
    return Document(id=document_id(url, sha), source="unrated-blog.example", outlet="Blog", url=url, title=title,
                    published=datetime(2023, 9, 28, 10, 0, tzinfo=TZ), language="ar", text=text,
                    content_type="text/html", capture=capture, **annotations)


def _sentences(text: str) -> list[Sentence]:
    out, at = [], 0
    for part in text.split(". "):
        end = at + len(part) + (1 if at + len(part) < len(text) else 0)
        out.append(Sentence(span=Span(at, min(end, len(text))), language="ar"))
        at = end + 1
    return out


def hostile_document() -> Document:
    """An Arabic page whose sentences carry markup, a formula and a right-to-left override."""
    first = f"التقى {FORMULA} خليفة حفتر في بنغازي {SCRIPT}"
    second = f"وقال مصدر إن حفتر سيزور موسكو {RLO}قريبا"
    third = "@SUM(1+1) لم يلتق حفتر بوتين"
    text = ". ".join([first, second, third])
    haftar = [i for i in range(len(text)) if text.startswith("حفتر", i)]
    mentions = [Mention(span=Span(i, i + 4), text="حفتر", value="Khalifa Haftar", label="PER",
                        entity_id="khalifa-haftar", kind="person", **COMMON) for i in haftar]
    f_at = text.index(FORMULA)
    mentions.append(Mention(span=Span(f_at, f_at + len(FORMULA)), text=FORMULA, value=FORMULA, label="PER",
                            entity_id="evil-formula", kind="person", **COMMON))
    b_at = text.index("بنغازي")
    place = Place(span=Span(b_at, b_at + 6), text="بنغازي", value=f"Benghazi{SCRIPT}", lat=32.11486, lon=20.06859,
                  country="LY", feature="city", precision=1, gazetteer_id="gn:88319", **COMMON)
    day = datetime(2023, 9, 27, tzinfo=TZ)
    happened = Event(span=Span(0, len(first)), text=first, value="CONSULT", mode="visit", actors=[FORMULA],
                     targets=["Khalifa Haftar"], place=f"Benghazi{SCRIPT}", start=day, end=day + timedelta(days=1),
                     precision="day", trigger="التقى", **COMMON)
    s2 = text.index(second)
    planned = Event(span=Span(s2, s2 + len(second)), text=second, value="CONSULT", mode="visit",
                    actors=["Khalifa Haftar"], place=f"Benghazi{SCRIPT}", status="planned", **COMMON)
    s3 = text.index(third)
    negated = Event(span=Span(s3, s3 + len(third)), text=third, value="CONSULT", actors=["Khalifa Haftar"],
                    targets=["Vladimir Putin"], negated=True, status="negated", place=f"Benghazi{SCRIPT}", **COMMON)
    unassigned = Event(span=Span(0, len(first)), text=first, value="CONSULT", actors=["Khalifa Haftar"],
                       targets=[FORMULA], place=f"Benghazi{SCRIPT}", assigned=False, **COMMON)
    claim = Claim(span=Span(s2, s2 + len(second)), text=second, value="reported", confidence=0.6,
                  attributed_to=["Blog", f"{RLO}source {SCRIPT}"], source_type="anonymous", certainty=0.6,
                  hedges=["قريبا"], **COMMON)
    time = TimeExpression(span=Span(0, 5), text="التقى", value="2023-09-27", start=day, end=day + timedelta(days=1),
                          **COMMON)
    return _doc(text, f"{FORMULA} {SCRIPT} \x1b]0;owned\x07{RLO}عنوان", "https://unrated-blog.example/p?a=1&b=<2>",
                sentences=_sentences(text), mentions=mentions, places=[place], times=[time],
                events=[happened, planned, negated, unassigned], claims=[claim])


@pytest.fixture
def hostile_ws(ws):
    doc = hostile_document()
    with ws.store.transaction():
        ws.store.add_document(doc)
        ws.store.save_processed(doc, status="done", pipeline="test")
        ws.store.con.execute("INSERT INTO entities (id, kind, name, created) VALUES"
                             " ('khalifa-haftar', 'person', 'Khalifa Haftar', '2023-01-01'),"
                             " ('evil-formula', 'person', ?, '2023-01-01')", (f"{FORMULA}{SCRIPT}",))
        ws.store.con.execute("INSERT INTO entity_variants (entity_id, variant, script, count) VALUES"
                             " ('khalifa-haftar', 'حفتر', 'arabic', 3), ('khalifa-haftar', ?, 'latin', 1)",
                             (f"Hafter{RLO}{SCRIPT}",))
    return ws


def _run(ws, tmp_path, fmt, **kw):
    path = tmp_path / f"out-{fmt}-{kw.get('table', '')}"
    summary = export(ws, fmt, path, Selection(), **kw)
    return summary, path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("fmt", ["stix", "ftm", "geojson"])
def test_json_formats_carry_no_markup_no_controls_and_read_back_the_same_strings(hostile_ws, tmp_path, fmt):
    summary, text = _run(hostile_ws, tmp_path, fmt)
    assert summary.documents == 1 and summary.skipped_count == 0
    for bad in ("<", ">", "&", RLO, "\x1b", "\x07"):
        assert bad not in text, (fmt, bad)
    records = [json.loads(line) for line in text.splitlines()] if fmt == "ftm" else [json.loads(text)]
    dumped = json.dumps(records, ensure_ascii=False)
    assert SCRIPT in dumped            # the page's words survive as data, escaped only in the bytes
    assert summary.bidi_removed >= 2
    assert "عنوان" in dumped and "]0;owned" not in dumped      # a terminal escape goes whole, not only its ESC


def test_kml_escapes_text_for_xml_and_the_html_balloon(hostile_ws, tmp_path):
    summary, text = _run(hostile_ws, tmp_path, "kml")
    assert "<script" not in text and RLO not in text and "\x1b" not in text
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [n.text for n in root.iterfind(".//k:Placemark/k:name", ns)]
    assert any(SCRIPT in n for n in names)                       # names are plain text: XML-escaped once
    balloons = [d.text for d in root.iterfind(".//k:Placemark/k:description", ns)]
    assert balloons and all("<script" not in b for b in balloons)   # balloons are HTML: escaped once more
    assert any("&lt;script&gt;" in b for b in balloons)


def test_csv_cells_never_start_a_formula(hostile_ws, tmp_path):
    for table in ("events", "entities", "places", "excerpts"):
        summary, text = _run(hostile_ws, tmp_path, "csv", table=table)
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) > 1, table
        for row in rows[1:]:
            for value in row:
                assert not value.lstrip(" ").startswith(("=", "+", "@", "\t", "\r")), (table, value)
                if value.startswith("-"):
                    float(value)                                   # only our own negative numbers start with -
        assert RLO not in text and "\x1b" not in text
    events = list(csv.DictReader(io.StringIO(_run(hostile_ws, tmp_path, "csv", table="events")[1])))
    assert any(r["actor1"] == "'" + FORMULA for r in events)       # shown as text, the words kept


def test_csv_bom_for_excel_and_arabic_kept(hostile_ws, tmp_path):
    path = tmp_path / "events.csv"
    export(hostile_ws, "csv", path, Selection(), bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "خليفة حفتر" in raw.decode("utf-8-sig")
    export(hostile_ws, "csv", path, Selection())
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_events_not_told_as_done_never_pass_as_happenings(hostile_ws, tmp_path):
    _, text = _run(hostile_ws, tmp_path, "csv", table="events")
    rows = {r["status"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"happened", "planned", "negated", "unassigned"}
    assert [s for s, r in rows.items() if r["factual"] == "yes"] == ["happened"]

    _, text = _run(hostile_ws, tmp_path, "stix")
    bundle = stix2.parse(text, allow_custom=True)
    relationships = [o for o in bundle.objects if o.type == "relationship"]
    assert relationships and all(o.x_dragoman_event_status == "happened" for o in relationships)
    notes = {o.x_dragoman_event_status: o for o in bundle.objects
             if o.type == "note" and "x_dragoman_event_status" in o}
    assert {"planned", "negated", "unassigned"} <= set(notes)
    assert "planned, not as done" in notes["planned"].abstract
    assert "not having happened" in notes["negated"].abstract

    _, text = _run(hostile_ws, tmp_path, "ftm")
    events = [e for e in map(json.loads, text.splitlines()) if e["schema"] == "Event"]
    for e in events:
        status = next(k.split(":", 1)[1] for k in e["properties"]["keywords"] if k.startswith("status:"))
        assert e["properties"]["name"][0].startswith("[") == (status != "happened")

    _, text = _run(hostile_ws, tmp_path, "geojson")
    features = [f["properties"] for f in json.loads(text)["features"] if f["properties"]["layer"] == "event"]
    assert {f["status"]: f["factual"] for f in features} == {"happened": True, "planned": False, "negated": False,
                                                            "unassigned": False}


@pytest.mark.parametrize("fmt", ["stix", "ftm", "geojson", "kml", "csv"])
def test_an_unreadable_record_is_skipped_and_the_rest_exported(hostile_ws, tmp_path, fmt):
    good = hostile_document()
    broken = _doc("نص", "broken", "https://unrated-blog.example/broken")
    with hostile_ws.store.transaction():
        hostile_ws.store.add_document(broken)
        hostile_ws.store.save_processed(broken, status="done", pipeline="test")
        hostile_ws.store.con.execute("UPDATE documents SET data = '{\"id\": 1' WHERE id = ?", (broken.id,))
    summary, _ = _run(hostile_ws, tmp_path, fmt)
    assert summary.documents == 1 and summary.skipped_count == 1
    assert summary.skipped[0].startswith(f"document {broken.id}") or broken.id in summary.skipped[0]
    assert good.id
