"""No common noun is tagged as a person, on the demo pages and (when ../shared is there) the realtext-dev set.

"Common noun" is decided here independently of the guards' own thresholds: a single word among wordfreq's 300
most frequent words of the language, a name made only of such words, or a word from the short lists below
(nouns and adverbs that real text has turned into "people": البلاد, المحكمة, Lakin, Premier Ministre…).
A name the term base knows is a name whatever its words.
"""

from pathlib import Path

import pytest
from wordfreq import top_n_list

from dragoman.eval.realtext import DEFAULT_ROOT, articles
from dragoman.ingest.files import read_page
from dragoman.ingest.items import to_document
from dragoman.model import Document
from dragoman.pipeline import Worker, plan
from dragoman.settings import Settings

PAGES = Path(__file__).resolve().parents[1] / "src" / "dragoman" / "demo" / "pages"
REALTEXT = Path(__file__).resolve().parents[1] / DEFAULT_ROOT
TOP = 300
COMMON_NOUNS = {
    "ar": {"البلاد", "المحكمة", "الله", "الحكومة", "الجيش", "الدولة", "الرئيس", "الوزير", "العراقي", "الدولي",
           "اليمن", "حفظهم الله"},
    "tr": {"lakin", "ancak", "fakat", "hatta", "kimi", "biri", "belediye", "emniyet", "hava", "özel harekat",
           "anayasa mahkemesi", "türk", "kürt", "islam"},
    "fr": {"ainsi", "cependant", "selon", "premier", "premier ministre", "monsieur", "défense", "source"},
    "ru": {"президент", "министр", "правительство", "суд", "государство"},
    "en": {"however", "government", "president", "court"},
}


def common(text: str, lang: str, top: frozenset[str]) -> bool:
    words = [w.strip("'’\"«»").lower() for w in text.split()]
    words = [w.split("'")[0].split("’")[0] if lang == "tr" else w for w in words]
    return " ".join(words) in COMMON_NOUNS.get(lang, ()) or all(w in top for w in words)


@pytest.fixture(scope="module")
def worker():
    settings = Settings()
    return Worker(plan(settings, only=("extract", "langid", "segment", "entities")), settings)


def people(worker, doc: Document):
    doc = worker.process_one(doc).doc
    lang = (doc.language or "")[:2]
    return lang, [m for m in doc.mentions if m.label == "PER" and not (m.source or "").count("termbase:")
                  and not (lang == "tr" and _case_ending_after(doc.text, m.span.end))]


def _case_ending_after(text: str, end: int) -> bool:
    """Turkish writes a case ending after an apostrophe only on a proper noun (Özel'in = Özgür Özel's; the
    adjective özel glues its endings on), so such a word is a name whatever else it means."""
    return text[end:end + 1] in ("'", "\u2019") and text[end + 1:end + 2].islower()


def check(found: list[tuple[str, str, str]]) -> None:
    tops = {lang: frozenset(top_n_list(lang, TOP)) for lang in {f[1] for f in found}}
    bad = [f for f in found if common(f[2], f[1], tops[f[1]])]
    assert not bad, f"{len(bad)} common noun(s) tagged as a person, e.g. {bad[:20]}"


def test_the_check_catches_a_common_noun():
    assert common("Lakin", "tr", frozenset(top_n_list("tr", TOP)))
    assert common("البلاد", "ar", frozenset())
    assert common("Premier Ministre", "fr", frozenset(top_n_list("fr", TOP)))
    assert not common("Hakan Fidan", "tr", frozenset(top_n_list("tr", TOP)))


def test_no_common_noun_is_a_person_in_the_demo_pages(worker):
    found = []
    for path in sorted(PAGES.glob("*.html")):
        item, _ = read_page(path, 10_000_000)
        doc = to_document(item)
        doc.raw = item.raw
        lang, mentions = people(worker, doc)
        found += [(path.name, lang, m.text) for m in mentions]
    assert found, "the demo pages name people"
    check(found)


@pytest.mark.skipif(not REALTEXT.is_dir(), reason="../shared/realtext-dev is not here")
@pytest.mark.parametrize("lang", ["ar", "ru", "tr", "fr"])
def test_no_common_noun_is_a_person_in_realtext_dev(worker, lang):
    found = []
    for article in articles(REALTEXT, lang):
        doc = Document(id=article.file, source="realtext-dev", text=article.text, language=lang,
                       published=article.published, meta={"language_forced": lang}, stages={"extract": "2"})
        _, mentions = people(worker, doc)
        found += [(article.file, lang, m.text) for m in mentions]
    assert found
    check(found)
