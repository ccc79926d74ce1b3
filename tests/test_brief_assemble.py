"""Drafting a brief: excerpts and their ids, analysis sentences, the picture, and the demo brief's structure.

The small cases store hand-written Arabic, Russian and English documents and build Reports and Stories by hand,
so what the drafter does with conflicts, anonymous sources, hedges and duplicates is tested apart from how the
analysis package finds them. The demo brief is built once per session (see `demo_brief`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dragoman.brief.draft import (absolute_dates, canonical_names, claim_sentence, conflict_sentence,
                                  event_sentence, when)
from dragoman.brief.excerpts import (GLOSSED, excerpt_from_id, excerpt_id, make_excerpt, parse_excerpt_id,
                                     resolve_excerpt)
from dragoman.brief.image import figures
from dragoman.errors import NotFound
from dragoman.model import Document, Mention, Sentence, Span, Translation, document_id

MSK = timezone(timedelta(hours=3))
RELATIVE = re.compile(r"\b(yesterday|today|tomorrow|last (week|month|year)|this (week|month)|next (week|month)|"
                      r"(on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|أمس|вчера|сегодня",
                      re.I)

# -- documents written for these tests ---------------------------------------------------------------

AR_SENTENCES = [
    ("التقى خليفة حفتر الرئيس الروسي فلاديمير بوتين في موسكو اليوم الخميس.",
     "Khalifa Haftar met Russian President Vladimir Putin in Moscow on Thursday.", "analyst"),
    ("ونقلت مصادر مطلعة لـ«العربي الجديد» أن حفتر طلب من موسكو منظومات دفاع جوي حديثة.",
     "Informed sources told al-Araby al-Jadeed that Haftar asked Moscow for modern air-defence systems.", "analyst"),
    ("ويرجّح مراقبون أن تبقى القوات الروسية في شرق ليبيا لسنوات.",
     "Observers believe it likely that Russian forces will stay in eastern Libya for years.", "analyst"),
    ("وكان يفكوروف قد زار بنغازي الشهر الماضي.",
     "وكان يفكوروف [Yunus-Bek Yevkurov] قد زار بنغازي [Benghazi] الشهر الماضي.", "gloss"),
]
RU_SENTENCES = [("Президент России Владимир Путин провёл в Москве переговоры с Халифой Хафтаром.",
                 "Russian President Vladimir Putin held talks in Moscow with Khalifa Haftar.", "analyst")]
EN_SENTENCES = [("Hifter met Putin in Moscow on Wednesday, the Kremlin said.", None, None)]
FIGURE = ('<figure><img src="/img/jufra.jpg" alt="طائرة ميغ-29 في قاعدة الجفرة">'
          '<figcaption>ميغ-29 في قاعدة الجفرة، مايو 2020 <span class="credit">(US Africa Command / Public Domain)'
          '</span></figcaption></figure>')


def _store(ws, *, url, source, outlet, language, published, title, sentences, names, figure=""):
    """Archive a page holding `sentences` and store it as a processed Document with translations and names."""
    text = " ".join(s for s, _, _ in sentences)
    raw = (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{figure}'
           f'<h1>{title}</h1><p>{text}</p></body></html>').encode("utf-8")
    capture = ws.archive.write(raw, uri=url, content_type="text/html", origin=url, charset="utf-8")
    doc = Document(id=document_id(url, capture.sha256), source=source, outlet=outlet, url=url, title=title,
                   published=published, language=language, text=text, content_type="text/html", capture=capture)
    at = 0
    for original, english, engine in sentences:
        span = Span(at, at + len(original))
        translation = Translation(text=english, span=span, engine=engine) if english else None
        doc.sentences.append(Sentence(span=span, language=language, translation=translation))
        at = span.end + 1
    for surface, canonical, label in names:
        for match in re.finditer(re.escape(surface), text):
            doc.mentions.append(Mention(span=Span(*match.span()), text=surface, value=canonical, label=label,
                                        entity_id=canonical.lower().replace(" ", "-"), stage="entities",
                                        version="1"))
    if language != "en":
        doc.title_translation = Translation(text=f"{title} (English)", engine="analyst")
    with ws.store.transaction():
        ws.store.add_document(doc)
    return doc


@pytest.fixture
def small(ws):
    """Four stored documents: Arabic, Russian, English, and a Turkish-site copy of the Russian story."""
    people = [("خليفة حفتر", "Khalifa Haftar", "PER"), ("فلاديمير بوتين", "Vladimir Putin", "PER"),
              ("Халифой Хафтаром", "Khalifa Haftar", "PER"), ("Владимир Путин", "Vladimir Putin", "PER"),
              ("Hifter", "Khalifa Haftar", "PER"), ("Putin", "Vladimir Putin", "PER"), ("موسكو", "Moscow", "LOC"),
              ("Москве", "Moscow", "LOC"), ("Moscow", "Moscow", "LOC")]
    docs = {
        "ar": _store(ws, url="https://www.alaraby.co.uk/politics/haftar-putin-test", source="alaraby.co.uk",
                     outlet="العربي الجديد", language="ar", published=datetime(2023, 9, 28, 10, tzinfo=MSK),
                     title="حفتر يلتقي بوتين في موسكو", sentences=AR_SENTENCES, names=people, figure=FIGURE),
        "ru": _store(ws, url="https://tass.ru/politika/test-1", source="tass.ru", outlet="ТАСС", language="ru",
                     published=datetime(2023, 9, 28, 15, tzinfo=MSK), title="Путин встретился с Хафтаром",
                     sentences=RU_SENTENCES, names=people),
        "en": _store(ws, url="https://libyaobserver.ly/news/hifter-putin-test", source="libyaobserver.ly",
                     outlet="The Libya Observer", language="en", published=datetime(2023, 9, 29, 9, tzinfo=MSK),
                     title="Hifter meets Putin in Moscow", sentences=EN_SENTENCES, names=people),
        "copy": _store(ws, url="https://www.libyahaber.com.tr/test-copy", source="libyahaber.com.tr",
                       outlet="Libya Haber", language="ru", published=datetime(2023, 9, 28, 18, tzinfo=MSK),
                       title="Путин встретился с Хафтаром (копия)", sentences=RU_SENTENCES, names=people),
    }
    return ws, docs


def _report(doc, kind, index, *, outlet, family, grade, descriptor, **extra):
    from dragoman.analysis.reports import Report
    sentence = doc.sentences[index]
    t = sentence.translation
    fields = dict(doc_id=doc.id, kind=kind, type="CONSULT", outlet_id=family, outlet=outlet, family=family,
                  descriptor=descriptor, grade=grade, url=doc.url, title=doc.title, title_english=None,
                  published=doc.published, language=doc.language, start=sentence.span.start, end=sentence.span.end,
                  text=sentence.span.of(doc.text), english=t.text if t else sentence.span.of(doc.text),
                  translation=(t.engine if t else None), actors=["Khalifa Haftar"], targets=["Vladimir Putin"],
                  participants=["Khalifa Haftar", "Vladimir Putin"], place="Moscow", lat=55.75, lon=37.62,
                  when_start=datetime(2023, 9, 28, tzinfo=MSK), when_end=datetime(2023, 9, 29, tzinfo=MSK),
                  precision="day", attributed_to=[], certainty=1.0, hedges=[], confidence=0.8, duplicate_of=None)
    fields.update(extra)
    return Report(**fields)


@pytest.fixture
def drafted(small):
    """A brief drafted from hand-built reports: one meeting with a date conflict, an anonymous claim, an
    observers' assessment, and a republished copy that must not appear."""
    from dragoman.analysis.credibility import Credibility
    from dragoman.analysis.stories import Conflict, Story
    from dragoman.brief.assemble import draft_brief

    ws, docs = small
    ar = dict(outlet="al-Araby al-Jadeed", family="al-araby-al-jadeed", grade="C", descriptor="Qatari-aligned daily")
    tass = dict(outlet="TASS", family="tass", grade="C", descriptor="Russian state news agency")
    lo = dict(outlet="Libya Observer", family="libya-observer", grade="C", descriptor="Libyan news site")
    copy = dict(outlet="Libya Haber", family="libya-haber", grade="F", descriptor="Turkish-language Libya news site")
    events = [_report(docs["ar"], "event", 0, **ar), _report(docs["ru"], "event", 0, confidence=0.7, **tass),
              _report(docs["en"], "event", 0, when_start=datetime(2023, 9, 27, tzinfo=MSK),
                      when_end=datetime(2023, 9, 28, tzinfo=MSK), **lo),
              _report(docs["copy"], "event", 0, duplicate_of=docs["ru"].id, confidence=0.9, **copy)]
    claims = [_report(docs["ar"], "claim", 1, type="reported", source_type="anonymous",
                      attributed_to=["al-Araby al-Jadeed", "informed sources (مصادر مطلعة)"], certainty=0.6, **ar),
              _report(docs["ar"], "claim", 2, type="assessment", source_type="observers",
                      attributed_to=["al-Araby al-Jadeed", "observers (مراقبون)"], hedges=["يرجّح"],
                      certainty=0.4, **ar)]
    story = Story(id="s1", type="CONSULT", mode="visit", participants=["Khalifa Haftar", "Vladimir Putin"],
                  place="Moscow", lat=55.75, lon=37.62, start=datetime(2023, 9, 28, tzinfo=MSK),
                  end=datetime(2023, 9, 29, tzinfo=MSK), precision="day", reports=events, claims=[],
                  conflicts=[Conflict(field="date", values={"28 September 2023": ["al-Araby al-Jadeed", "TASS"],
                                                            "27 September 2023": ["Libya Observer"]},
                                      note="Outlets disagree on the date.")],
                  credibility=Credibility(grade=1, label="confirmed by other sources",
                                          independent=["al-araby-al-jadeed", "tass", "libya-observer"],
                                          reasoning=["three independent outlet families report it"]))
    brief = draft_brief(ws, events + claims, [story], entity="Khalifa Haftar", start=date(2023, 9, 1),
                        end=date(2023, 9, 30))
    return ws, docs, brief


# -- excerpts ------------------------------------------------------------------------------------------

def test_excerpt_of_skipped_sentences_is_cut_and_resolves(small):
    ws, docs = small
    doc = docs["ar"]
    excerpt = make_excerpt(doc, [0, 2])
    assert excerpt.cut and " … " in excerpt.english and " … " in excerpt.original
    assert excerpt.english.startswith("Khalifa Haftar met") and excerpt.english.endswith("for years.")
    assert excerpt.translation == "analyst" and excerpt.sha256 == doc.capture.sha256
    prefix, pieces, _ = parse_excerpt_id(excerpt.id)
    assert doc.id.startswith(prefix) and len(pieces) == 2
    found, span, original = resolve_excerpt(ws, excerpt.id)
    assert found.id == doc.id and (span.start, span.end) == (excerpt.start, excerpt.end)
    assert original == doc.text[excerpt.start:excerpt.end] and AR_SENTENCES[1][0] in original  # the skipped one
    assert excerpt_from_id(ws, excerpt.id)[1] == excerpt


def test_gloss_is_never_passed_off_as_translation(small):
    _, docs = small
    excerpt = make_excerpt(docs["ar"], [3])
    assert excerpt.translation == GLOSSED == "untranslated: glossed from term base"
    mixed = make_excerpt(docs["ar"], [2, 3])
    assert mixed.translation == "analyst; untranslated: glossed from term base" and not mixed.cut


def test_machine_translation_names_engine_and_model(small):
    _, docs = small
    doc = docs["ru"]
    doc.sentences[0].translation = Translation(text="Putin met Haftar.", span=doc.sentences[0].span,
                                               engine="ctranslate2", model="opus-mt-ru-en")
    assert make_excerpt(doc, [0]).translation == "ctranslate2 opus-mt-ru-en"
    assert make_excerpt(docs["en"], [0]).translation == "original English"


def test_analyst_translation_spanning_two_sentences_pulls_both_in(small):
    _, docs = small
    doc = docs["ar"]
    first, second = doc.sentences[0], doc.sentences[1]
    first.translation = Translation(text="Both sentences in one English sentence.", engine="analyst",
                                    span=Span(first.span.start, second.span.end))
    second.translation = None
    excerpt = make_excerpt(doc, [1])
    assert (excerpt.start, excerpt.end) == (first.span.start, second.span.end)
    assert excerpt.english == "Both sentences in one English sentence." and not excerpt.cut


@pytest.mark.parametrize("bad", ["X-d270c057f060-0-10", "Y-d270c057f060-0-10-abcd", "X-d27-0-10-abcd",
                                 "X-d270c057f060-10-5-abcd", "X-d270c057f060-0-10.5-20-abcd", ""])
def test_malformed_excerpt_ids_are_not_found(ws, bad):
    with pytest.raises(NotFound):
        resolve_excerpt(ws, bad)


def test_changed_text_or_unknown_document_is_refused(small):
    ws, docs = small
    doc = docs["ru"]
    good = excerpt_id(doc, [doc.sentences[0].span])
    tampered = good[:-4] + ("0000" if not good.endswith("0000") else "1111")
    with pytest.raises(NotFound, match="no longer matches"):
        resolve_excerpt(ws, tampered)
    with pytest.raises(NotFound, match="not in this workspace"):
        resolve_excerpt(ws, "X-d00000000000-0-10-abcd")


# -- drafting sentences ------------------------------------------------------------------------------

def test_event_sentences_are_plain_with_absolute_dates():
    assert event_sentence("CONSULT", "visit", "Yunus-Bek Yevkurov", ["Khalifa Haftar"], "Benghazi",
                          datetime(2023, 8, 22), datetime(2023, 8, 23), "day") == \
        "On 22 August 2023, Yunus-Bek Yevkurov met Khalifa Haftar in Benghazi."
    assert event_sentence("CONSULT", "visit", "Khalifa Haftar", [], "Moscow", datetime(2023, 9, 26),
                          datetime(2023, 9, 29), "day") == "Between 26 and 28 September 2023, Khalifa Haftar visited Moscow."
    assert event_sentence("CONSULT", None, "Khalifa Haftar", [], None, datetime(2023, 9, 26), None, "day") is None
    assert event_sentence("CONSULT", "visit", "A", ["B"], None, None, None, None) is None
    assert when(datetime(2023, 10, 1), datetime(2023, 11, 1), "month") == "In October 2023"


def test_conflicts_name_every_value_and_who_gives_it():
    sentence = conflict_sentence("date", {"24 August 2023": ["Libya Observer"], "22 August 2023": ["TASS", "Anadolu Agency"],
                                          "23 August 2023": ["Libya Haber"]})
    assert sentence.startswith("Outlets disagree on the date (22, 23 or 24 August 2023): ")
    assert "Anadolu Agency and TASS give 22 August 2023" in sentence and "Libya Observer gives 24 August 2023" in sentence
    assert conflict_sentence("date", {"17 September 2023": ["TASS"], "October 2023": ["Le Monde"]}) == \
        "Outlets disagree on the date (17 September 2023 or October 2023): TASS gives 17 September 2023; " \
        "Le Monde gives October 2023."
    assert conflict_sentence("date", {"22 August 2023": ["TASS"]}) is None
    # one outlet giving two dates in two items is named once, never as if it were two outlets
    assert conflict_sentence("date", {"22 August 2023": ["Anadolu Agency", "RIA Novosti"],
                                      "23 August 2023": ["Libya Observer"], "24 August 2023": ["Libya Observer"]}) == \
        "Outlets disagree on the date (22, 23 or 24 August 2023): Anadolu Agency and RIA Novosti give 22 August " \
        "2023; Libya Observer gives 23 August 2023 and 24 August 2023 in different items."


def test_relative_dates_become_absolute():
    anchor = datetime(2023, 9, 28, 10, tzinfo=MSK)
    text = absolute_dates("Haftar arrived on Tuesday evening; Yevkurov came last August and the week before last.",
                          anchor)
    assert text == ("Haftar arrived on the evening of 26 September 2023; Yevkurov came in August 2023 and "
                    "the week of 11 September 2023.")
    assert absolute_dates("They met yesterday, on 23 August.", anchor) == \
        "They met on 27 September 2023, on 23 August 2023."
    assert absolute_dates("They met yesterday.", None) is None


def test_claims_keep_attribution_and_hedges():
    anchor = datetime(2023, 9, 28, tzinfo=MSK)
    chain = ["al-Araby al-Jadeed", "informed sources (مصادر مطلعة)"]
    assert claim_sentence("Sources familiar with the visit told al-Araby al-Jadeed that Haftar brought a list of "
                          "requests to Moscow.", chain, "al-Araby al-Jadeed", [], anchor) == \
        "According to informed sources cited by al-Araby al-Jadeed, Haftar brought a list of requests to Moscow."
    hedged = claim_sentence("However, the Russian side does not appear ready to announce an agreement.",
                            ["al-Araby al-Jadeed", "diplomatic sources (مصادر دبلوماسية)"], "al-Araby al-Jadeed",
                            ["يبدو"], anchor)
    assert hedged == ("According to diplomatic sources cited by al-Araby al-Jadeed, the Russian side does not "
                      "appear ready to announce an agreement.")
    observers = claim_sentence("Observers believe it likely that Libya is a link in a Russian corridor.",
                               ["al-Araby al-Jadeed", "observers (مراقبون)"], "al-Araby al-Jadeed", ["يرجّح"], anchor)
    assert observers == "According to al-Araby al-Jadeed, observers believe it likely that Libya is a link in a " \
                        "Russian corridor."
    assert claim_sentence("He also wants recognition.", chain, "al-Araby al-Jadeed", [], anchor) is None


def test_names_are_spelled_one_way():
    spellings = {"Hifter": "Khalifa Haftar", "Yevkirov": "Yunus-Bek Yevkurov"}
    assert canonical_names("Yunus-Bek Yevkirov met Khalifa Hifter, then Hifter left.", spellings) == \
        "Yunus-Bek Yevkurov met Khalifa Haftar, then Khalifa Haftar left."


# -- the picture -----------------------------------------------------------------------------------

def test_figures_read_credit_and_licence_from_broken_html():
    page = ('<div><figure class="x"><img src="/a/mig.jpg" alt="MiG-29"><figcaption>MiG-29 at Al-Jufra, May 2020 '
            '<span class="credit">(US Africa Command / Public Domain)</span></figcaption></figure>'
            '<figure><img src="b.jpg"><figcaption>Haftar in Moscow <span class="article__credit">SPOUTNIK VIA AFP'
            '</span></figcaption></figure><figure><img src="c.jpg"><figcaption>Tanks near Sirte. Photo: Jane Roe, '
            'cc-by-sa 4.0</figcaption><p>unclosed')
    first, second, third = figures(page, "https://example.org/news/1")
    assert first.src == "https://example.org/a/mig.jpg" and first.caption == "MiG-29 at Al-Jufra, May 2020"
    assert (first.credit, first.licence) == ("US Africa Command", "Public Domain")
    assert second.licence is None and second.credit == "SPOUTNIK VIA AFP"        # agency photo: not reusable
    assert (third.caption, third.credit, third.licence) == ("Tanks near Sirte.", "Jane Roe", "CC BY-SA 4.0")
    assert figures("") == [] and figures("<p>no pictures</p>") == []


# -- a brief drafted from hand-built reports -------------------------------------------------------

def test_hand_built_brief_has_backed_sentences_and_conflict(drafted):
    ws, docs, brief = drafted
    assert brief.problems() == []
    sentences = [s for p in brief.analysis for s in p.sentences]
    texts = [s.text for s in sentences]
    assert texts[0] == "On 28 September 2023, Khalifa Haftar met Vladimir Putin in Moscow."
    assert texts[1].startswith("Outlets disagree on the date (27 or 28 September 2023)")
    assert "According to informed sources cited by al-Araby al-Jadeed, Haftar asked Moscow for modern " \
           "air-defence systems." in texts
    assert "According to al-Araby al-Jadeed, observers believe it likely that Russian forces will stay in eastern " \
           "Libya for years." in texts
    assert all(s.excerpts and s.footnotes for s in sentences)
    assert not any(RELATIVE.search(t) for t in texts)
    # the Arabic original is the key source; the meeting's excerpt is its first sentence
    first = brief.excerpt(sentences[0].excerpts[0])
    assert first[0].title_language == "ar" and first[1].doc_id == docs["ar"].id


def test_hand_built_brief_notes_other_outlets_once_and_never_the_copy(drafted):
    _, docs, brief = drafted
    assert [n.number for n in brief.notes] == list(range(1, len(brief.notes) + 1))
    urls = [n.url for n in brief.notes] + [s.url for s in brief.sources]
    assert docs["ru"].url in urls and docs["en"].url in urls
    assert docs["copy"].url not in urls                     # republished copy of the TASS story: never twice
    tass = next(n for n in brief.notes if n.url == docs["ru"].url)
    assert tass.outlet == "TASS" and tass.descriptor == "Russian state news agency"
    assert tass.credibility == "C1 (confirmed by other sources)" and tass.published == date(2023, 9, 28)
    cited = [n for p in brief.analysis for s in p.sentences for n in s.footnotes]
    assert sorted(set(cited)) == [n.number for n in brief.notes]
    # first citation order: the numbers first appear in increasing order
    firsts = list(dict.fromkeys(cited))
    assert firsts == sorted(firsts)


def test_hand_built_brief_image_and_pull_quote(drafted):
    _, docs, brief = drafted
    assert brief.image is not None and brief.image.licence == "Public Domain"
    assert brief.image.credit == "US Africa Command"
    assert brief.image.path_or_url == "https://www.alaraby.co.uk/img/jufra.jpg"
    assert "untranslated" in brief.image.caption and "Al-Jufra Air Base" in brief.image.caption
    assert "May 2020" in brief.image.caption and brief.image.source == docs["ar"].url
    assert any("caption" in w for w in brief.warnings)
    quote = brief.pull_quote
    assert quote is not None and brief.excerpt(quote.excerpt_id)[1].english == quote.text


# -- the demo brief (built once per session) ----------------------------------------------------------

_DEMO: dict = {}


def build_demo(tmp_path_factory) -> dict:
    """The demo workspace (as `dragoman demo` fills it), its brief, and the brief written in every format."""
    if not _DEMO:
        from dragoman.brief.demo import demo_brief, write_demo_brief
        from dragoman.demo import demo_sources
        from dragoman.ingest.sources import ingest_sources
        from dragoman.runner import run_pending
        from dragoman.workspace import Workspace

        root = tmp_path_factory.mktemp("brief-demo")
        ws = Workspace.open(root / "ws", create=True, overrides=["pipeline.workers=1"])
        report = ingest_sources(ws, demo_sources())
        assert not report.failed
        run_pending(ws)
        brief = demo_brief(ws)
        files = write_demo_brief(ws, root / "out", brief=brief)
        _DEMO.update(ws=ws, brief=brief, files={p.suffix: p for p in files})
    return _DEMO


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    return build_demo(tmp_path_factory)


def test_demo_brief_has_every_part(demo):
    brief = demo["brief"]
    assert brief.title == "Russia and Haftar, Aug–Oct 2023" and brief.period == "August–October 2023"
    assert brief.image is not None and brief.pull_quote is not None
    assert brief.analysis and all(p.sentences for p in brief.analysis)
    assert len(brief.sources) >= 3 and brief.notes
    assert brief.problems() == []
    assert set(demo["files"]) == {".md", ".html", ".pdf", ".docx"}
    assert all(p.stat().st_size > 1000 for p in demo["files"].values())


def test_demo_brief_leads_with_foreign_language_originals(demo):
    sources = demo["brief"].sources
    assert sources[0].title_language != "en"
    foreign = [s for s in sources if s.title_language != "en"]
    assert len(foreign) >= len(sources) / 2
    assert {"ar", "ru"} <= {s.title_language for s in sources}


def test_demo_every_sentence_backed_and_every_footnote_resolves(demo):
    brief = demo["brief"]
    numbers = {n.number for n in brief.notes}
    for paragraph in brief.analysis:
        for sentence in paragraph.sentences:
            assert sentence.excerpts, sentence.text
            assert sentence.footnotes and set(sentence.footnotes) <= numbers, sentence.text
            assert all(brief.excerpt(e) is not None for e in sentence.excerpts)
    assert brief.excerpt(brief.pull_quote.excerpt_id) is not None


def test_demo_excerpts_resolve_to_the_archived_original(demo):
    import hashlib
    ws, brief = demo["ws"], demo["brief"]
    for source in brief.sources:
        for excerpt in source.excerpts:
            doc, span, original = resolve_excerpt(ws, excerpt.id)
            assert doc.id == excerpt.doc_id and original == doc.text[span.start:span.end]
            assert (span.start, span.end) == (excerpt.start, excerpt.end)
            raw = ws.archive.read(doc.capture)
            assert hashlib.sha256(raw).hexdigest() == excerpt.sha256 == doc.capture.sha256
            if not excerpt.cut:
                assert " ".join(original.split()) == excerpt.original


def test_demo_descriptors_and_grades_come_from_the_registry(demo):
    from dragoman.outlets import Registry
    ws, brief = demo["ws"], demo["brief"]
    registry = Registry.load(ws.root)
    for source in brief.sources:
        doc = ws.store.get_document(source.excerpts[0].doc_id)
        outlet, descriptor, grade = registry.describe(doc.source, doc.url, doc.outlet)
        assert outlet is not None and (source.outlet, source.descriptor, source.grade) == \
            (outlet.name, descriptor, grade)
    for note in brief.notes:
        assert note.descriptor in {o.descriptor for o in registry} or note.descriptor.startswith("unrated outlet")


def test_demo_dates_are_absolute_and_names_canonical(demo):
    brief = demo["brief"]
    analysis = " ".join(s.text for p in brief.analysis for s in p.sentences)
    assert not RELATIVE.search(analysis), RELATIVE.search(analysis)
    assert re.search(r"\b2[234] August 2023\b", analysis)
    for variant in ("Hifter", "Hafter", "Yevkirov", "Evkurov", "Ievkourov", "Shoygu"):
        assert variant not in analysis
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", s.published.isoformat()) for s in brief.sources)


def test_demo_never_uses_a_document_and_its_copy(demo):
    ws, brief = demo["ws"], demo["brief"]
    own = {s.url for s in brief.sources}
    # A note may point back at a key source only to give that source's own credibility ("…Source:").
    assert all(n.text.endswith("Source:") for n in brief.notes if n.url in own)
    urls = [s.url for s in brief.sources] + [n.url for n in brief.notes if not n.text.endswith("Source:")]
    assert len(urls) == len(set(urls))
    ids = {e.doc_id for s in brief.sources for e in s.excerpts}
    from dragoman.demo import manifest
    copies = {e["url"]: e["duplicate_of"] for e in manifest() if e.get("duplicate_of")}
    by_file = {e["file"]: e["url"] for e in manifest()}
    for copy_url, original_file in copies.items():
        assert not (copy_url in urls and by_file.get(original_file) in urls), copy_url
    assert all(ws.store.get_document(i) for i in ids)


def test_demo_image_is_the_public_domain_africom_picture(demo):
    # a stand-in we draw (the original is not available offline) under the page's caption, credit and licence
    from pathlib import Path
    image = demo["brief"].image
    assert image.licence == "Public Domain" and "Africa Command" in image.credit
    assert Path(image.path_or_url).is_file() and image.source.startswith("https://") and image.caption


def test_demo_pdf_keeps_the_arabic_title_in_logical_order(demo):
    import shutil
    import subprocess
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(demo["files"][".pdf"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(re.sub("[\u202a-\u202e\u2066-\u2069]", "", text).split())   # pdftotext's bidi marks
    arabic = [" ".join(s.title_original.split()) for s in demo["brief"].sources if s.title_language == "ar"]
    assert arabic and any(t in flat for t in arabic)
    # pdftotext rebuilds right-to-left runs between neutral punctuation ("حفتر في موسكو: لقاء…") run by run;
    # inside each run the words must read in logical order.
    for title in arabic:
        for run in re.split(r"\s*[:،؛]\s*", title):
            assert run in flat, run
    assert "Russia and Haftar" in flat


def test_demo_docx_opens_with_python_docx(demo):
    import docx
    document = docx.Document(str(demo["files"][".docx"]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Russia and Haftar, Aug–Oct 2023"
    assert "Analysis" in texts and "Sources" in texts and "Notes" in texts
    first = demo["brief"].analysis[0].sentences[0].text
    assert any(first in t for t in texts)


def test_demo_markdown_lists_excerpt_ids_and_notes(demo):
    md = Path(demo["files"][".md"]).read_text(encoding="utf-8")
    brief = demo["brief"]
    for source in brief.sources:
        for excerpt in source.excerpts:
            assert f"Excerpt {excerpt.id}" in md
    assert "## Notes" in md and "[i]" in md and "## Image information" in md
