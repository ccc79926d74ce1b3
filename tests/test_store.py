import sqlite3

import pytest

from dragoman.errors import NotFound
from dragoman.model import Document, document_id
from dragoman.store import Store, connect
from dragoman.store.db import latest_version

ARABIC = ("قال المشير خليفة حَفْتَر إن الوفد الروســي وصل إلى بنغازي. وأعلنت القيادة العامة أن الزيارة "
          "استمرت يومين في القرية الساحلية وفي المستشفى العسكري.")
RUSSIAN = "МИНИСТР ОБОРОНЫ СЕРГЕЙ ШОЙГУ провёл встречу с Халифой Хафтаром в Москве. Ещё одна встреча ожидается."


def _store(tmp_path) -> Store:
    return Store(connect(tmp_path / "t.db"))


def _add(store: Store, text: str, language: str, title: str = "t") -> Document:
    doc = Document(id=document_id(None, str(hash(text))), source="local", text=text, language=language,
                   title=title)
    with store.transaction():
        store.add_document(doc)
    return doc


def test_database_is_plain_sqlite_in_wal_mode(tmp_path):
    store = _store(tmp_path)
    assert store.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.con.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    store.close()
    other = sqlite3.connect(tmp_path / "t.db")          # what Datasette would do
    assert {r[0] for r in other.execute("SELECT name FROM sqlite_master")} >= {"documents", "runs", "run_events"}


def test_migrations_are_applied_once(tmp_path):
    _store(tmp_path).close()
    store = _store(tmp_path)                              # reopening does not re-run migration 1
    assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_adding_the_same_document_twice_changes_nothing(tmp_path):
    store = _store(tmp_path)
    doc = _add(store, ARABIC, "ar")
    with store.transaction():
        assert store.add_document(doc) is False
    assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert store.con.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 1


@pytest.mark.parametrize("query", ["حفتر", "حَفْتَر", "الروسي", "الروســي", "اعلنت", "القريه", "المستشفي",
                                   "وحفتر"])
def test_arabic_search_is_insensitive_to_spelling_variants(tmp_path, query):
    store = _store(tmp_path)
    doc = _add(store, ARABIC, "ar")
    _add(store, RUSSIAN, "ru")
    assert [r["id"] for r in store.search(query)] == [doc.id]


@pytest.mark.parametrize("query", ["Шойгу", "шойгу", "ШОЙГУ", "еще", "ещё", "Хафтар", "Москва"])
def test_russian_search_folds_case_yo_and_inflection(tmp_path, query):
    store = _store(tmp_path)
    _add(store, ARABIC, "ar")
    doc = _add(store, RUSSIAN, "ru")
    assert [r["id"] for r in store.search(query)] == [doc.id]


def test_search_needs_every_word_and_shows_original_text(tmp_path):
    store = _store(tmp_path)
    _add(store, ARABIC, "ar")
    assert store.search("حفتر Хафтар") == []
    hit = store.search("حفتر")[0]
    assert "حَفْتَر" in hit["snippet"]                        # the snippet is the original, not the folded form


def test_phrase_and_language_filter(tmp_path):
    store = _store(tmp_path)
    _add(store, ARABIC, "ar")
    doc = _add(store, RUSSIAN, "ru")
    assert [r["id"] for r in store.search('"Сергей Шойгу"')] == [doc.id]
    assert store.search('"Шойгу Сергей"') == []
    assert store.search("Шойгу", language="ar") == []
    assert store.search("  ,,, ") == []


def test_unknown_document_is_a_clear_error(tmp_path):
    with pytest.raises(NotFound, match="not found"):
        _store(tmp_path).get_document("dnothing")


def test_short_id_prefix_finds_the_document(tmp_path):
    store = _store(tmp_path)
    doc = _add(store, ARABIC, "ar")
    assert store.get_document(doc.id[:8]).id == doc.id
