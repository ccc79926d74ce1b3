"""The brief checks itself and shows its picture: on the demo workspace every analysis sentence is backed by each
excerpt and note it cites (the Prigozhin crash and the Derna floods are nobody's act and never a sentence); a
footnote moved to a document that says nothing of the kind fails the check; the picture is embedded in all four
formats, and only a PNG, JPEG or WebP that really decodes is ever embedded."""

import io
import zipfile
from pathlib import Path

import msgspec
import pytest

from dragoman.analysis import load_reports
from dragoman.brief.check import check_brief
from dragoman.brief.demo import demo_brief, write_demo_brief
from dragoman.brief.image import draw_stand_in, image_problem
from dragoman.demo import demo_sources
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    from dragoman.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("backing-demo") / "ws", create=True,
                        overrides=["pipeline.workers=1"])
    assert not ingest_sources(ws, demo_sources()).failed
    run_pending(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def brief(demo_ws):
    return demo_brief(demo_ws)


def sentences(brief):
    return [s for paragraph in brief.analysis for s in paragraph.sentences]


def test_every_demo_sentence_is_backed(demo_ws, brief):
    checked = check_brief(brief, load_reports(demo_ws))        # every report of the workspace, not the brief's
    assert checked.ok, checked.failures
    assert brief.check == f"brief: {len(sentences(brief))} sentences, all backed"
    assert all(s.basis is not None and (s.excerpts or s.footnotes) for s in sentences(brief))


def test_no_false_statement_of_the_demo_brief(brief):
    text = " ".join(s.text for s in sentences(brief))
    assert "Prigozhin" not in text and "deployed forces" not in text
    assert not any(s.basis.type == "ASSAULT" for s in sentences(brief) if s.basis.kind == "event")
    requests = next(s for s in sentences(brief) if "list of requests" in s.text)
    notes = {n.number: n for n in brief.notes}
    # footnoted to al-Araby al-Jadeed's own words only, not to Sputnik or the Ministry of Defence
    assert all(notes[n].outlet not in ("Sputnik Arabic", "Russian MoD Telegram") for n in requests.footnotes)


def test_a_footnote_to_a_document_that_does_not_say_it_fails(demo_ws, brief):
    broken = msgspec.convert(msgspec.to_builtins(brief), type(brief))
    requests = next(s for s in sentences(broken) if "list of requests" in s.text)
    unrelated = next(n for n in broken.notes if n.outlet == "Libya Observer")
    requests.footnotes = [unrelated.number]
    checked = check_brief(broken, load_reports(demo_ws))
    assert not checked.ok and "not backed" in checked.line
    assert any("Haftar brought" in f and "Libya Observer" in f for f in checked.failures)


def test_the_picture_is_embedded_in_all_four_formats(demo_ws, brief, tmp_path):
    written = write_demo_brief(demo_ws, tmp_path, brief=brief)
    by_suffix = {p.suffix: p for p in written}
    picture = Path(brief.image.path_or_url)
    assert picture.is_file() and image_problem(picture.read_bytes()) is None
    assert picture.name in by_suffix[".md"].read_text(encoding="utf-8")
    assert "data:image/png;base64," in by_suffix[".html"].read_text(encoding="utf-8")
    with zipfile.ZipFile(by_suffix[".docx"]) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())
    pdf = by_suffix[".pdf"].read_bytes()
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    assert brief.image.caption and brief.image.licence == "Public Domain"


@pytest.mark.parametrize("data, reason", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not a readable"),
    (b"GIF89a" + bytes(40), "not a readable"),
])
def test_only_decodable_png_jpeg_webp_are_embedded(data, reason):
    assert reason in image_problem(data)


def test_a_truncated_png_is_refused(tmp_path):
    whole = draw_stand_in(tmp_path / "p.png").read_bytes()
    assert image_problem(whole) is None
    assert image_problem(whole[: len(whole) // 2]) is not None
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="BMP")
    assert "not PNG, JPEG or WebP" in image_problem(buffer.getvalue())


# -- the check reads roles, not just names ---------------------------------------------------------------------

def _event_report(actors, targets, type="CONSULT", negated=False):
    from datetime import datetime, timezone

    from dragoman.analysis.model import Report
    return Report(doc_id="d1", kind="event", type=type, outlet_id=None, outlet="TASS", family="tass",
                  descriptor="", grade="C", url=None, title=None, title_english=None,
                  published=datetime(2023, 9, 28, tzinfo=timezone.utc), language="ru", start=0, end=80,
                  text="", english="", translation=None, actors=list(actors), targets=list(targets),
                  participants=[*actors, *targets], place="Moscow", lat=None, lon=None, when_start=None,
                  when_end=None, precision=None, attributed_to=[], certainty=1.0, hedges=[], confidence=0.8,
                  duplicate_of=None, negated=negated)


SHOIGU, HAFTAR, PUTIN = "Sergei Shoigu", "Khalifa Haftar", "Vladimir Putin"


def _says(actor, targets, type="CONSULT"):
    from dragoman.brief.model import Basis
    return Basis(kind="event", participants=[actor, *targets], actors=[actor], targets=list(targets), type=type)


def test_a_report_naming_everyone_in_other_roles_does_not_back_the_sentence():
    from dragoman.brief.check import backs
    # "Haftar met Putin and Shoigu" names all three, but never has Shoigu meet Putin
    told = [_event_report([HAFTAR], [PUTIN, SHOIGU])]
    assert backs(_says(HAFTAR, [PUTIN, SHOIGU]), told)
    assert not backs(_says(SHOIGU, [HAFTAR, PUTIN]), told)
    assert backs(_says(SHOIGU, [HAFTAR]), told)                 # a meeting is mutual: Haftar met Shoigu
    assert not backs(_says(PUTIN, [SHOIGU]), told)


def test_roles_of_a_one_sided_act_are_never_read_backwards():
    from dragoman.brief.check import backs
    told = [_event_report(["Russian Air Force"], ["Idlib"], type="FIGHT")]
    assert backs(_says("Russian Air Force", ["Idlib"], "FIGHT"), told)
    assert not backs(_says("Idlib", ["Russian Air Force"], "FIGHT"), told)
    assert not backs(_says("Russian Air Force", ["Idlib"], "FIGHT"), [_event_report(["Russian Air Force"], ["Idlib"],
                                                                                   type="FIGHT", negated=True)])


def test_each_pair_may_come_from_its_own_sentence_of_the_document():
    from dragoman.brief.check import backs
    told = [_event_report([PUTIN], [HAFTAR]), _event_report([SHOIGU], [HAFTAR])]
    assert backs(_says(HAFTAR, [PUTIN, SHOIGU]), told)
    assert not backs(_says(PUTIN, [SHOIGU, HAFTAR]), told)


def test_every_demo_event_sentence_has_its_roles_from_a_cited_report(demo_ws, brief):
    reports = load_reports(demo_ws)
    events = [s for s in sentences(brief) if s.basis.kind == "event"]
    assert events and all(s.basis.actors for s in events)
    text = " ".join(s.text for s in events)
    assert "Shoigu met Khalifa Haftar and Vladimir Putin" not in text
    assert "Sergei Shoigu met" not in text or "Sergei Shoigu met Khalifa Haftar in" in text
    # swap the roles of a drafted meeting's target list: the check must now fail it
    broken = msgspec.convert(msgspec.to_builtins(brief), type(brief))
    meeting = next(s for s in sentences(broken) if s.basis.kind == "event" and s.basis.targets)
    wrong = next(p for p in (SHOIGU, PUTIN, "Yunus-Bek Yevkurov") if p not in meeting.basis.participants)
    meeting.basis.targets = [*meeting.basis.targets, wrong]
    checked = check_brief(broken, reports)
    assert not checked.ok and any(meeting.text[:40] in f for f in checked.failures)


def test_the_check_line_counts_in_english():
    from dragoman.brief.check import Check
    assert Check(1).line == "brief: 1 sentence, all backed"
    assert Check(14).line == "brief: 14 sentences, all backed"
    assert Check(2, failures=["x", "y"], unbacked=1).line == "brief: 2 sentences, 1 not backed"
