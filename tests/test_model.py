from datetime import datetime, timezone

import pytest

from dragoman.model import (Capture, Claim, Document, Event, Mention, Place, Sentence, Span, TimeExpression,
                            Translation, document_id, from_json, to_builtins, to_json)


def _doc() -> Document:
    text = "Yevkurov met Haftar in Benghazi on 22 August 2023."
    return Document(
        id=document_id("https://ria.ru/x", "ab" * 32), source="ria.ru", outlet="RIA Novosti",
        url="https://ria.ru/x", title="Евкуров в Бенгази", language="en", text=text,
        published=datetime(2023, 8, 22, 16, 40, tzinfo=timezone.utc),
        capture=Capture(archive="a.warc.gz", offset=0, sha256="ab" * 32, length=10, content_type="text/html",
                        origin="x.html", captured=datetime(2026, 1, 1, tzinfo=timezone.utc)),
        sentences=[Sentence(span=Span(0, len(text)), language="en",
                            translation=Translation(text="…", span=Span(0, 5), engine="analyst"))],
        mentions=[Mention(span=Span(13, 19), text="Haftar", value="Khalifa Haftar", label="PER", stage="ner",
                          version="1", confidence=0.9)],
        places=[Place(span=Span(23, 31), text="Benghazi", value="Benghazi", lat=32.12, lon=20.07, country="LY",
                      feature="city", precision=1, stage="places", version="1")],
        times=[TimeExpression(span=Span(35, 49), text="22 August 2023", value="2023-08-22", precision="day",
                              start=datetime(2023, 8, 22), end=datetime(2023, 8, 23), stage="times", version="1")],
        events=[Event(span=Span(0, 50), text=text, value="CONSULT", actors=["e1"], targets=["e2"],
                      stage="events", version="1")],
        claims=[Claim(span=Span(0, 50), text=text, value="visit", attributed_to=["RIA Novosti"],
                      cues=["reportedly"], certainty=0.6, stage="claims", version="1")],
        raw=b"<html>secret bytes</html>",
    )


def test_document_round_trips_through_json_without_raw_bytes():
    doc = _doc()
    data = to_json(doc)
    assert b"secret bytes" not in data
    back = from_json(data)
    assert back.raw is None
    assert back.places[0].lat == 32.12 and back.times[0].precision == "day"
    assert back.mentions[0].span.of(back.text) == "Haftar"
    assert back.claims[0].attributed_to == ["RIA Novosti"]
    assert back.published == doc.published


def test_builtins_are_plain_json_types():
    data = to_builtins(_doc())
    assert data["mentions"][0]["stage"] == "ner" and data["mentions"][0]["version"] == "1"
    assert "raw" not in data


def test_ids_come_from_content():
    assert document_id("https://a/1", "00" * 32) == document_id("https://a/1", "00" * 32)
    assert document_id("https://a/1", "00" * 32) != document_id("https://a/2", "00" * 32)
    assert document_id(None, "00" * 32) != document_id(None, "01" * 32)


def test_span_rejects_backwards_offsets():
    with pytest.raises(ValueError):
        Span(5, 2)
