"""Reading and writing Documents and runs. One process writes; everything else reads."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from ..errors import MAX_ITEM_CHARS, MAX_REASON_CHARS, NotFound, shorten
from ..model import Capture, Document, from_json, to_json
from . import fts
from .feeds import FeedRepo

MAX_DETAIL_CHARS = 20_000       # a traceback tail; a stage error can carry a whole page in its message


_stamp: tuple[int, str] = (0, "")


def now_iso() -> str:
    """The UTC time to the second, formatted once a second (the writer stamps every row it writes)."""
    global _stamp
    second = int(time.time())
    if second != _stamp[0]:
        _stamp = (second, datetime.fromtimestamp(second, timezone.utc).isoformat(timespec="seconds"))
    return _stamp[1]


class Store:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.feeds = FeedRepo(con)

    def close(self) -> None:
        self.con.close()

    # -- documents -------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document) -> bool:
        """Insert a newly ingested document; returns False (and changes nothing) if it is already stored."""
        stamp = now_iso()
        cur = self.con.execute(
            "INSERT INTO documents (id, source, outlet, url, title, published, language, content_type,"
            " capture_archive, capture_offset, capture_sha256, origin, data, ingested_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (doc.id, doc.source, doc.outlet, doc.url, doc.title, _iso(doc.published), doc.language,
             doc.content_type, *_capture_columns(doc), to_json(doc).decode("utf-8"), stamp, stamp))
        if cur.rowcount:
            self._index(cur.lastrowid, doc)
        return bool(cur.rowcount)

    def save_processed(self, doc: Document, *, status: str, pipeline: str) -> None:
        """Store a document the pipeline has worked on (same id; its annotations replace the old ones)."""
        row = self.con.execute("SELECT rowid FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            raise NotFound(f"document {doc.id} is not stored")
        self.con.execute(
            "UPDATE documents SET outlet = ?, url = ?, title = ?, published = ?, language = ?, data = ?,"
            " status = ?, pipeline = ?, updated_at = ? WHERE rowid = ?",
            (doc.outlet, doc.url, doc.title, _iso(doc.published), doc.language,
             to_json(doc).decode("utf-8"), status, pipeline, now_iso(), row[0]))
        self._index(row[0], doc)

    def replace_supplied_translations(self, doc_id: str, pairs: list) -> None:
        """New analyst translations for a stored document: keep everything else, redo translation."""
        doc = self.get_document(doc_id)
        doc.supplied_translations = pairs
        doc.stages.pop("translate", None)
        with self.transaction():
            self.save_processed(doc, status="pending", pipeline="")

    def _index(self, rowid: int, doc: Document) -> None:
        self.con.execute("DELETE FROM documents_fts WHERE rowid = ?", (rowid,))
        self.con.execute("INSERT INTO documents_fts (rowid, title, body, translation, stems)"
                         " VALUES (?, ?, ?, ?, ?)", (rowid, *fts.index_columns(doc)))

    def get_document(self, doc_id: str) -> Document:
        row = self.con.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            # Allow unambiguous id prefixes, as analysts copy short ids from tables.
            rows = self.con.execute("SELECT data FROM documents WHERE id LIKE ? LIMIT 2",
                                    (doc_id.replace("%", "") + "%",)).fetchall()
            if len(rows) != 1:
                raise NotFound(f"document {doc_id!r}: " + ("ambiguous id prefix" if rows else "not found")
                               + "; list ids with `dragoman search` or `dragoman stats`")
            row = rows[0]
        return from_json(row[0])

    def pending(self, pipeline: str, *, batch: int = 256) -> Iterator[Document]:
        """Documents whose stored work differs from `pipeline`, oldest first, read in batches."""
        last = 0
        while True:
            rows = self.con.execute(
                "SELECT rowid, data FROM documents WHERE pipeline != ? AND rowid > ? ORDER BY rowid LIMIT ?",
                (pipeline, last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield from_json(row[1])
            last = rows[-1][0]

    def count_pending(self, pipeline: str) -> int:
        return self.con.execute("SELECT count(*) FROM documents WHERE pipeline != ?", (pipeline,)).fetchone()[0]

    def search(self, query: str, *, limit: int = 20, language: str | None = None) -> list[dict[str, Any]]:
        expression = fts.match_expression(query)
        if expression is None:
            return []
        sql = ("SELECT d.id, d.title, d.language, d.outlet, d.source, d.url, d.published,"
               " json_extract(d.data, '$.text') AS text,"
               " bm25(documents_fts, 10.0, 5.0, 3.0, 1.0) AS score"
               " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
               " WHERE documents_fts MATCH ?")
        params: list[Any] = [expression]
        if language:
            sql += " AND d.language = ?"
            params.append(language)
        sql += " ORDER BY score LIMIT ?"
        params.append(limit)
        results = []
        for row in self.con.execute(sql, params).fetchall():
            snippet = fts.snippet(row["text"] or row["title"] or "", query)
            if not fts.snippet_has_match(snippet, query):      # matched in the English: decode only then
                english = self.get_document(row["id"]).translation_text()
                if english:
                    snippet = fts.snippet(english, query)
            results.append({"id": row["id"], "title": row["title"], "language": row["language"],
                            "outlet": row["outlet"] or row["source"], "url": row["url"],
                            "published": row["published"], "score": round(-row["score"], 3),
                            "snippet": snippet})
        return results

    def stats(self) -> dict[str, Any]:
        con = self.con
        by = lambda column: dict(con.execute(  # noqa: E731
            f"SELECT coalesce({column}, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"))
        kinds = ("sentences", "mentions", "places", "times", "events", "claims")
        sums = con.execute("SELECT " + ", ".join(
            f"coalesce(sum(json_array_length(data, '$.{k}')), 0)" for k in kinds) + " FROM documents").fetchone()
        found = {k: v for k, v in zip(kinds[1:], sums[1:])}
        sentences = sums[0]
        translated = con.execute(
            "SELECT count(*) FROM documents, json_each(documents.data, '$.sentences') AS s"
            " WHERE json_extract(s.value, '$.translation') IS NOT NULL").fetchone()[0]
        foreign = con.execute("SELECT coalesce(sum(json_array_length(data, '$.sentences')), 0) FROM documents"
                              " WHERE coalesce(language, '') != 'en'").fetchone()[0]
        last = con.execute("SELECT id, kind, started_at, finished_at, status, counts FROM runs"
                           " ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "documents": con.execute("SELECT count(*) FROM documents").fetchone()[0],
            "by_status": by("status"),
            "by_language": by("language"),
            "by_outlet": by("coalesce(outlet, source)"),
            "by_content_type": by("content_type"),
            "sentences": sentences,
            "foreign_sentences": foreign,
            "translated_sentences": translated,
            "annotations": dict(found),
            "runs": con.execute("SELECT count(*) FROM runs").fetchone()[0],
            "problems": con.execute("SELECT count(*) FROM run_events").fetchone()[0],
            "last_run": _run_dict(last) if last else None,
        }

    # -- captures that are not documents ---------------------------------------------------------

    def find_capture(self, sha256: str) -> Capture | None:
        row = self.con.execute("SELECT * FROM captures WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            return None
        return Capture(archive=row["archive"], offset=row["offset"], sha256=row["sha256"], length=row["length"],
                       content_type=row["content_type"], origin=row["origin"],
                       captured=datetime.fromisoformat(row["captured"]))

    def add_capture(self, capture: Capture) -> None:
        self.con.execute("INSERT OR IGNORE INTO captures VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (capture.sha256, capture.archive, capture.offset, capture.length, capture.content_type,
                          capture.origin, capture.captured.isoformat()))

    def all_captures(self) -> Iterator[tuple[str, Capture]]:
        """(owner, capture) for every archived record we point at: documents first, then other captures."""
        for row in self.con.execute("SELECT id, data FROM documents WHERE capture_sha256 IS NOT NULL"):
            doc = from_json(row[1])
            if doc.capture:
                yield row[0], doc.capture
        for sha in [r[0] for r in self.con.execute("SELECT sha256 FROM captures")]:
            capture = self.find_capture(sha)
            if capture:
                yield f"capture:{sha[:12]}", capture

    # -- runs ------------------------------------------------------------------------------------

    def start_run(self, kind: str, settings: dict[str, Any]) -> int:
        """A new run, stamped with this process's id; runs whose process is gone are first marked interrupted."""
        self.close_dead_runs()
        cur = self.con.execute("INSERT INTO runs (kind, started_at, settings) VALUES (?, ?, ?)",
                               (kind, now_iso(), json.dumps(settings | {"pid": os.getpid()}, ensure_ascii=False)))
        return int(cur.lastrowid)

    def close_dead_runs(self) -> int:
        """Mark interrupted every run still "running" whose process no longer exists (killed, crashed)."""
        dead = [row[0] for row in self.con.execute("SELECT id, settings FROM runs WHERE status = 'running'")
                if not _alive(json.loads(row[1] or "{}").get("pid"))]
        self.con.executemany("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ?",
                             [(now_iso(), run_id) for run_id in dead])
        return len(dead)

    def record_events(self, run_id: int, events: Iterable[tuple[str, str, str, str, str | None]]) -> None:
        """Store (item, stage, outcome, reason, detail) rows for a run; long texts are cut to a sane length."""
        stamp = now_iso()
        self.con.executemany(
            "INSERT INTO run_events (run_id, item, stage, outcome, reason, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, shorten(item, MAX_ITEM_CHARS), stage, outcome, shorten(reason, MAX_REASON_CHARS),
              None if detail is None else shorten(detail, MAX_DETAIL_CHARS), stamp)
             for item, stage, outcome, reason, detail in events])

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str = "finished") -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                         (now_iso(), status, json.dumps(counts, ensure_ascii=False), run_id))

    def run_events(self, run_id: int) -> list[dict[str, Any]]:
        return [dict(row) for row in self.con.execute(
            "SELECT item, stage, outcome, reason, detail FROM run_events WHERE run_id = ? ORDER BY id",
            (run_id,))]

    def transaction(self) -> "_Transaction":
        return _Transaction(self.con)


class _Transaction:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, exc_type, exc, tb) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _capture_columns(doc: Document) -> tuple[Any, ...]:
    c = doc.capture
    return (c.archive, c.offset, c.sha256, c.origin) if c else (None, None, None, None)


def _run_dict(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["counts"] = json.loads(out["counts"])
    return out


def _alive(pid: Any) -> bool:
    """Whether a process with this id runs (on this machine); runs from before ids were stamped count as dead."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
