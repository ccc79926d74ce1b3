"""A brief drafted from a workspace of the real-text dev set (../shared/realtext-dev: 120 Arabic, Russian,
Turkish and French news texts) checks itself: every analysis sentence is backed, with its roles, by each excerpt
and note it cites. A visit reported "yesterday, Friday" ("قال مصدران … أمس الجمعة إن … سليماني زار روسيا") is
never dated by the day it was reported. Skips where ../shared is absent."""

from pathlib import Path

import pytest

from dragoman.analysis import load_reports
from dragoman.brief.assemble import assemble
from dragoman.brief.check import check_brief
from dragoman.text.clauses import clause_starts

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "realtext-dev"


@pytest.fixture(scope="module")
def realtext_ws(tmp_path_factory):
    if not SHARED.is_dir():
        pytest.skip("../shared/realtext-dev is not here")
    from dragoman.ingest.sources import ingest_sources
    from dragoman.runner import run_pending
    from dragoman.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("realtext") / "ws", create=True, overrides=["pipeline.workers=1"])
    folders = [str(p) for p in sorted(SHARED.iterdir()) if p.is_dir()]
    ingested = ingest_sources(ws, folders)
    assert not ingested.failed and len(ingested.new) >= 100
    run_pending(ws)
    yield ws
    ws.close()


def test_every_sentence_of_a_realtext_brief_is_backed_with_its_roles(realtext_ws):
    brief = assemble(realtext_ws, title="Real-text dev set")
    sentences = [s for paragraph in brief.analysis for s in paragraph.sentences]
    checked = check_brief(brief, load_reports(realtext_ws))
    assert checked.ok, checked.failures
    assert brief.check == f"brief: {len(sentences)} sentences, all backed"
    for s in sentences:
        assert s.basis is not None and (s.excerpts or s.footnotes)
        if s.basis.kind == "event":
            assert s.basis.actors, s.text          # an event sentence always says who acted
    text = " ".join(s.text for s in sentences)
    assert "7 August 2015, Qasem Soleimani" not in text      # the day US sources spoke, not the visit


def test_reported_speech_opens_a_clause_of_its_own():
    arabic = "قال مصدران أمنيان أمريكيان أمس الجمعة إن قائد فيلق القدس الإيراني قاسم سليماني زار روسيا"
    assert [arabic[i:i + 2] for i in clause_starts(arabic)] == ["إن"]
    french = "Le ministre a déclaré mardi qu'il avait rencontré Joseph Aoun à Beyrouth."
    assert [french[i:i + 3] for i in clause_starts(french)] == ["qu'"]
    russian = "Песков сообщил в среду, что Путин встретился с Хафтаром."
    assert [russian[i:i + 3] for i in clause_starts(russian)] == ["что"]
    assert clause_starts("Thatcher met the queen and quelled the revolt.") == []
