"""The entity store: idempotent recording, unknown names grouped across documents, merge/split/undo."""

import pytest

from dragoman.errors import InputError, NotFound
from dragoman.model.annotations import Mention, Span
from dragoman.names import EntityResolver
from dragoman.store.entities import EntityStore


@pytest.fixture(scope="module")
def resolver():
    return EntityResolver.from_termbase(arabnamer="off")


@pytest.fixture
def store(ws):
    return EntityStore(ws.store.con)


def mentions(resolver, text, names):
    """Mentions as the entities stage would make them: span, surface, label, resolution."""
    out, pos = [], 0
    for surface, label in names:
        start = text.index(surface, pos)
        pos = start + len(surface)
        found = resolver.resolve(surface, label, None)
        out.append(Mention(span=Span(start, pos), text=surface, value=found.canonical or surface, label=label,
                           entity_id=found.entity_id, confidence=found.score, stage="entities", version="1"))
    return out


AR = "استقبل المشير خليفة حفتر نائب وزير الدفاع الروسي يونس بك يفكوروف في بنغازي، وقال حفتر إن محمد زكريا حضر."
RU = "Юнус-Бек Евкуров встретился с Халифой Хафтаром. Мохаммед Закарийя также присутствовал."
EN = "Yevkirov met Khalifa Hifter in Benghazi; Mohammed Zakariya, an adviser, attended."


def record(store, resolver, doc_id, text, names, lang):
    return store.record(doc_id, mentions(resolver, text, names), lang=lang, kind_of=resolver.kind_of)


def test_recording_the_same_document_twice_changes_nothing(store, resolver):
    names = [("خليفة حفتر", "PER"), ("يونس بك يفكوروف", "PER"), ("حفتر", "PER"), ("محمد زكريا", "PER")]
    first = record(store, resolver, "d-ar", AR, names, "ar")
    assert first == {"linked": 3, "unresolved": 1, "new_entities": 0, "auto_merges": 0}
    before = (store.variants("khalifa-haftar"), store.list())
    record(store, resolver, "d-ar", AR, names, "ar")
    assert (store.variants("khalifa-haftar"), store.list()) == before
    haftar = {v["variant"]: v for v in store.variants("khalifa-haftar")}
    assert haftar["خليفة حفتر"]["count"] == 1 and haftar["حفتر"]["count"] == 1
    assert haftar["حفتر"]["script"] == "arabic" and haftar["حفتر"]["first_seen"] == "d-ar"
    assert store.get("Khalifa Haftar")["mentions"] == 2
    # re-processing with fewer mentions drops the stale spelling
    record(store, resolver, "d-ar", AR, names[:2], "ar")
    assert [v["variant"] for v in store.variants("khalifa-haftar")] == ["خليفة حفتر"]


def test_unknown_names_seen_in_two_documents_become_one_new_entity(store, resolver):
    record(store, resolver, "d-ar", AR, [("محمد زكريا", "PER")], "ar")
    assert store.list() == []                              # seen once: kept, but no entity yet
    report = record(store, resolver, "d-ru", RU, [("Мохаммед Закарийя", "PER")], "ru")
    assert report["new_entities"] == 1
    record(store, resolver, "d-en", EN, [("Mohammed Zakariya", "PER")], "en")
    (entity,) = store.list()
    assert entity["origin"] == "new" and entity["kind"] == "person"
    assert entity["mentions"] == 3 and entity["documents"] == 3
    assert {v["rule"] for v in store.variants(entity["id"])} == {"new"}
    assert {v["script"] for v in store.variants(entity["id"])} == {"arabic", "cyrillic", "latin"}
    # the resolver learns the workspace's names
    learned = EntityResolver.from_termbase(store_entities=store.known(), arabnamer="off")
    assert learned.resolve("Mohammed Zakariya", "PER", "en").entity_id == entity["id"]


def test_a_new_name_that_later_resolves_is_merged_automatically(store, resolver):
    record(store, resolver, "a", "Osman Kavala spoke.", [("Osman Kavala", "PER")], "en")
    record(store, resolver, "b", "Osman Kavala spoke.", [("Osman Kavala", "PER")], "en")
    (new,) = store.list()
    later = Mention(span=Span(0, 12), text="Osman Kavala", value="Osman Kavala", label="PER",
                    entity_id="osman-kavala", confidence=0.9, stage="entities", version="1")
    report = store.record("c", [later], lang="en")
    assert report["auto_merges"] == 1
    (merge,) = store.merges("osman-kavala")
    assert (merge["actor"], merge["rule"], merge["score"], merge["other"]) == ("auto", "resolved", 0.9, new["id"])
    assert store.get("osman-kavala")["mentions"] == 3


def test_merge_show_split_undo_round_trip(store, resolver):
    record(store, resolver, "d-ar", AR, [("خليفة حفتر", "PER"), ("يونس بك يفكوروف", "PER"), ("حفتر", "PER")], "ar")
    record(store, resolver, "d-ru", RU, [("Юнус-Бек Евкуров", "PER"), ("Халифой Хафтаром", "PER")], "ru")
    record(store, resolver, "d-en", EN, [("Yevkirov", "PER"), ("Khalifa Hifter", "PER")], "en")
    haftar = store.profile("Khalifa Haftar")
    assert set(haftar["variants"]) == {"arabic", "latin", "cyrillic"}
    assert haftar["mentions"] == 4 and len(haftar["documents"]) == 3

    merge_id = store.merge("Khalifa Haftar", "Yevkurov", actor="analyst")
    merged = store.profile("yunus-bek-yevkurov")
    assert merged["asked"] == "yunus-bek-yevkurov" and merged["id"] == "khalifa-haftar"
    assert merged["mentions"] == 7
    assert merged["merges"][-1]["rule"] == "analyst" and merged["merges"][-1]["actor"] == "analyst"
    with pytest.raises(InputError):
        store.merge("Khalifa Haftar", "yunus-bek-yevkurov")          # already merged

    store.undo(merge_id)
    assert store.get("Yunus-Bek Yevkurov")["mentions"] == 3
    assert store.get("Khalifa Haftar")["mentions"] == 4
    with pytest.raises(InputError):
        store.undo(merge_id)

    new_id = store.split("khalifa-haftar", ["Khalifa Hifter"])
    assert store.get(new_id)["origin"] == "split" and store.get(new_id)["mentions"] == 1
    assert "Khalifa Hifter" not in {v["variant"] for v in store.variants("khalifa-haftar")}
    # re-processing keeps the analyst's split, though the resolver still says Khalifa Haftar
    record(store, resolver, "d-en", EN, [("Yevkirov", "PER"), ("Khalifa Hifter", "PER")], "en")
    assert store.get(new_id)["mentions"] == 1
    (pin,) = store.variants(new_id)
    assert pin["pinned"] and pin["rule"] == "analyst"
    split_id = store.merges(new_id)[-1]["id"]
    store.undo(split_id)
    assert store.get("Khalifa Haftar")["mentions"] == 4
    record(store, resolver, "d-en", EN, [("Yevkirov", "PER"), ("Khalifa Hifter", "PER")], "en")
    assert store.get("Khalifa Haftar")["mentions"] == 4           # the pin is gone with the split
    assert [m["op"] for m in store.profile("Khalifa Haftar")["merges"]] == ["merge", "split"]


def test_split_and_get_name_what_is_missing(store, resolver):
    record(store, resolver, "d-en", EN, [("Yevkirov", "PER")], "en")
    with pytest.raises(NotFound, match="no variant 'Hifter'"):
        store.split("yunus-bek-yevkurov", ["Hifter"])
    with pytest.raises(InputError, match="leave the entity empty"):
        store.split("yunus-bek-yevkurov", ["Yevkirov"])
    with pytest.raises(NotFound, match="not found"):
        store.get("Nobody At All")
    with pytest.raises(NotFound):
        store.undo(999)
    assert store.get("Yevkirov")["id"] == "yunus-bek-yevkurov"    # by a spelling seen


def test_record_works_inside_the_writers_transaction(ws, store, resolver):
    with ws.store.transaction():
        record(store, resolver, "d-en", EN, [("Yevkirov", "PER")], "en")
    assert store.get("yunus-bek-yevkurov")["mentions"] == 1


def test_workers_read_known_entities_without_writing(ws, store, resolver):
    from dragoman.store.entities import known_entities
    from dragoman.workspace import DB_FILE
    record(store, resolver, "d-en", EN, [("Mohammed Zakariya", "PER")], "en")
    record(store, resolver, "d-ru", RU, [("Мохаммед Закарийя", "PER")], "ru")
    (known,) = known_entities(ws.root / DB_FILE)
    assert known.kind == "person" and set(known.variants) == {"Mohammed Zakariya", "Мохаммед Закарийя"}
    assert known_entities(ws.root / "missing.db") == []


def test_new_names_sharing_a_skeleton_but_not_a_spelling_stay_apart(store, resolver):
    for doc in ("a", "b"):
        store.record(doc, [{"start": 0, "end": 10, "text": "Ali Hassan", "label": "PER"},
                           {"start": 20, "end": 31, "text": "Ali Hussein", "label": "PER"},
                           {"start": 40, "end": 47, "text": "علي حسن", "label": "PER"},
                           {"start": 50, "end": 58, "text": "علي حسين", "label": "PER"}], lang="en")
    groups = sorted(sorted(v["variant"] for v in store.variants(e["id"])) for e in store.list())
    assert ["Ali Hassan", "علي حسن"] in groups or ["Ali Hassan", "علي حسين"] in groups
    assert not any({"Ali Hassan", "Ali Hussein"} <= set(g) for g in groups)
    assert not any({"علي حسن", "علي حسين"} <= set(g) for g in groups)


def _rows(con):
    return (con.execute("SELECT * FROM entity_variants ORDER BY entity_id, variant").fetchall(),
            con.execute("SELECT id, kind, name, origin, key, merged_into FROM entities ORDER BY id").fetchall(),
            con.execute("SELECT doc_id, start, surface, key, base_id, entity_id, rule FROM entity_links"
                        " ORDER BY doc_id, start").fetchall())


def test_a_batch_of_records_leaves_the_rows_each_record_would(tmp_path, resolver):
    """The runner records a commit's documents in one batch (variant rows recounted once at its end): the
    entities, links and variant rows must be those of one record at a time, re-recording and a new name
    that turns up in a second document included."""
    from dragoman.workspace import Workspace
    docs = [("d-ar", AR, [("خليفة حفتر", "PER"), ("يونس بك يفكوروف", "PER"), ("حفتر", "PER"), ("محمد زكريا", "PER")],
             "ar"),
            ("d-ru", RU, [("Юнус-Бек Евкуров", "PER"), ("Халифой Хафтаром", "PER"), ("Мохаммед Закарийя", "PER")],
             "ru"),
            ("d-en", EN, [("Yevkirov", "PER"), ("Khalifa Hifter", "PER"), ("Mohammed Zakariya", "PER")], "en"),
            ("d-ar", AR, [("خليفة حفتر", "PER"), ("محمد زكريا", "PER")], "ar")]     # processed again, fewer names
    results = []
    for batched in (False, True):
        ws = Workspace.open(tmp_path / f"ws{batched}", create=True, overrides=["pipeline.workers=1"])
        try:
            store = EntityStore(ws.store.con)
            with ws.store.transaction():
                if batched:
                    with store.batch():
                        reports = [record(store, resolver, *doc) for doc in docs]
                else:
                    reports = [record(store, resolver, *doc) for doc in docs]
            results.append((reports, _rows(ws.store.con)))
        finally:
            ws.close()
    assert results[0] == results[1]
    reports, (variants, entities, _) = results[1]
    assert reports[1]["new_entities"] == 1 and variants and entities
    assert {row[1] for row in variants if row[0] == "khalifa-haftar"} == {"خليفة حفتر", "Халифой Хафтаром",
                                                                         "Khalifa Hifter"}


def test_a_span_given_twice_keeps_its_last_mention_and_recording_again_changes_nothing(store, ws):
    """Links are written by plain INSERT unless the span repeats within one record; then the later mention
    replaces the earlier, as it always did."""
    first = {"start": 0, "end": 14, "text": "Khalifa Haftar", "label": "PER", "entity_id": "khalifa-haftar",
             "value": "Khalifa Haftar"}
    again = dict(first, text="Khalifa Hifter", score=0.9)
    other = {"start": 30, "end": 38, "text": "Benghazi", "label": "LOC"}
    for _ in range(2):
        report = store.record("doc-1", [first, other, again], lang="en")
        rows = ws.store.con.execute('SELECT "start", surface FROM entity_links WHERE doc_id = ? ORDER BY "start"',
                                    ("doc-1",)).fetchall()
        assert [tuple(r) for r in rows] == [(0, "Khalifa Hifter"), (30, "Benghazi")]
        assert report["linked"] == 2 and report["unresolved"] == 1
        assert [v["variant"] for v in store.variants("khalifa-haftar")] == ["Khalifa Hifter"]
