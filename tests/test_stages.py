from conftest import PAGES
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending


def _processed(ws, name):
    report = ingest_sources(ws, [PAGES / name])
    run_pending(ws)
    return ws.store.get_document(report.new[0])


def test_arabic_sentences_have_exact_spans_and_analyst_translations(ws):
    doc = _processed(ws, "ar-page.html")
    assert doc.language == "ar"
    texts = [s.span.of(doc.text) for s in doc.sentences]
    assert texts[0].startswith("التقى اللواء المتقاعد خليفة حَفْتَر") and texts[0].endswith("أمس الخميس.")
    assert "الكرملين، أمس" in texts[0]                 # the Arabic comma does not end a sentence
    assert all(t == t.strip() and t for t in texts)
    assert doc.title_translation.text == "Haftar meets Putin in Moscow"
    first = doc.sentences[0].translation
    assert first.engine == "analyst" and first.text.startswith("Retired general Khalifa Haftar")
    assert first.span == doc.sentences[0].span
    rest = [s for s in doc.sentences if s.translation.engine != "analyst"]
    assert len(rest) == 2 and all(s.translation.engine == "gloss" for s in rest)   # no MT engine here
    assert doc.meta["translation"] == "analyst 3, gloss 2"


def test_russian_translation_spanning_two_sentences_keeps_its_own_span(ws):
    doc = _processed(ws, "ru-page.html")
    assert doc.language == "ru" and doc.title == "Шойгу провёл переговоры с Хафтаром"
    translated = [s for s in doc.sentences if s.translation]
    assert translated, "the analyst translation must be attached"
    t = translated[0].translation
    assert t.span.of(doc.text).startswith("МОСКВА, 28 сентября.") and t.span.of(doc.text).endswith("Хафтаром.")


def test_plain_text_is_stored_as_written(ws, tmp_path):
    (tmp_path / "note.md").write_text("# Заметка\n\nЕвкуров посетил Бенгази 22 августа. Хафтар принял его.\n",
                                      encoding="utf-8")
    report = ingest_sources(ws, [tmp_path / "note.md"])
    run_pending(ws)
    doc = ws.store.get_document(report.new[0])
    assert doc.title == "Заметка" and doc.language == "ru"
    assert [s.span.of(doc.text) for s in doc.sentences][-2:] == ["Евкуров посетил Бенгази 22 августа.",
                                                                  "Хафтар принял его."]


def test_page_with_no_body_is_skipped_not_lost(ws, tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><title></title></head><body><nav>Menu</nav></body></html>",
                                         encoding="utf-8")
    report = ingest_sources(ws, [tmp_path / "empty.html"])
    run = run_pending(ws)
    assert run.tally.dropped.get("dropped/extract/no main text") == 1 or ws.store.get_document(report.new[0])
    assert ws.store.has_document(report.new[0])
