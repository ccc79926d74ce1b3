"""What analysts note on documents while triaging: read/unread (each reader's own), tags and notes (shared).

Tags and notes are shared workspace knowledge, so each change goes to the audit log; whether one person has read
a document is their own bookkeeping and is not audited."""

from __future__ import annotations

import re
import sqlite3
from typing import Any, Iterable

from ..errors import InputError, NotFound
from ..store.repo import now_iso
from . import audit
from .audit import Actor

TAG = re.compile(r"^[\w][\w .:/+-]{0,39}$")        # letters in any script, digits, a few joiners; 40 at most
NOTE_MAX = 4000
TAGS_MAX = 20


def _known(con: sqlite3.Connection, doc_id: str) -> str:
    row = con.execute("SELECT id FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"document {doc_id!r} not found")
    return row[0]


def mark_read(ws, doc_id: str, actor: Actor, read: bool = True) -> dict[str, Any]:
    """Mark a document read (or unread again) for this reader only."""
    with ws.store.transaction() as con:
        doc_id = _known(con, doc_id)
        if read:
            con.execute("INSERT OR REPLACE INTO document_reads (doc_id, reader, at) VALUES (?, ?, ?)",
                        (doc_id, actor.name, now_iso()))
        else:
            con.execute("DELETE FROM document_reads WHERE doc_id = ? AND reader = ?", (doc_id, actor.name))
    return {"document": doc_id, "read": read}


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags trimmed, de-duplicated and checked; one that does not fit is refused by name."""
    out: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())
        if not tag:
            continue
        if not TAG.match(tag):
            raise InputError(f"tag {tag[:60]!r}", "use letters, digits, spaces and . : / + - (40 characters at most)")
        if tag.casefold() not in (t.casefold() for t in out):
            out.append(tag)
    if len(out) > TAGS_MAX:
        raise InputError("tags", f"at most {TAGS_MAX} tags per document")
    return out


def set_tags(ws, doc_id: str, tags: Iterable[str], actor: Actor) -> dict[str, Any]:
    """Replace a document's tags (audited)."""
    wanted = clean_tags(tags)
    with ws.store.transaction() as con:
        doc_id = _known(con, doc_id)
        before = tags_of(con, doc_id)
        if before != sorted(wanted, key=str.casefold):
            con.execute("DELETE FROM document_tags WHERE doc_id = ?", (doc_id,))
            stamp = now_iso()
            con.executemany("INSERT INTO document_tags (doc_id, tag, author, at) VALUES (?, ?, ?, ?)",
                            [(doc_id, tag, actor.name, stamp) for tag in wanted])
            audit.record(con, actor, "document.tags", doc_id, before, sorted(wanted, key=str.casefold))
    return {"document": doc_id, "tags": tags_of(ws.store.con, doc_id)}


def add_note(ws, doc_id: str, text: str, actor: Actor) -> dict[str, Any]:
    """Add an analyst's note to a document (audited)."""
    text = text.strip()
    if not text:
        raise InputError(f"note on {doc_id}", "the note is empty")
    if len(text) > NOTE_MAX:
        raise InputError(f"note on {doc_id}", f"a note holds at most {NOTE_MAX} characters")
    with ws.store.transaction() as con:
        doc_id = _known(con, doc_id)
        cur = con.execute("INSERT INTO document_notes (doc_id, author, at, text) VALUES (?, ?, ?, ?)",
                          (doc_id, actor.name, now_iso(), text))
        note_id = int(cur.lastrowid)
        audit.record(con, actor, "document.note", doc_id, None, {"note": note_id, "text": text})
    return {"document": doc_id, "note": note_id, "notes": notes_of(ws.store.con, doc_id)}


def delete_note(ws, doc_id: str, note_id: int, actor: Actor) -> dict[str, Any]:
    """Remove a note (audited; what it said stays in the audit log)."""
    with ws.store.transaction() as con:
        row = con.execute("SELECT text FROM document_notes WHERE id = ? AND doc_id = ?", (note_id, doc_id)).fetchone()
        if row is None:
            raise NotFound(f"note {note_id} on document {doc_id!r} not found")
        con.execute("DELETE FROM document_notes WHERE id = ?", (note_id,))
        audit.record(con, actor, "document.note.delete", doc_id, {"note": note_id, "text": row[0]}, None)
    return {"document": doc_id, "notes": notes_of(ws.store.con, doc_id)}


def tags_of(con: sqlite3.Connection, doc_id: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT tag FROM document_tags WHERE doc_id = ? ORDER BY tag COLLATE NOCASE",
                                      (doc_id,))]


def notes_of(con: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in con.execute("SELECT id, author, at, text FROM document_notes WHERE doc_id = ?"
                                         " ORDER BY id", (doc_id,))]


def is_read(con: sqlite3.Connection, doc_id: str, reader: str) -> bool:
    return con.execute("SELECT 1 FROM document_reads WHERE doc_id = ? AND reader = ?",
                       (doc_id, reader)).fetchone() is not None


def marks_for(con: sqlite3.Connection, doc_ids: list[str], reader: str) -> dict[str, dict[str, Any]]:
    """For a page of documents: read (by this reader), tags and how many notes, in three queries."""
    out: dict[str, dict[str, Any]] = {d: {"read": False, "tags": [], "notes": 0} for d in doc_ids}
    if not doc_ids:
        return out
    marks = ",".join("?" * len(doc_ids))
    for (doc_id,) in con.execute(f"SELECT doc_id FROM document_reads WHERE reader = ? AND doc_id IN ({marks})",
                                 (reader, *doc_ids)):
        out[doc_id]["read"] = True
    for doc_id, tag in con.execute(f"SELECT doc_id, tag FROM document_tags WHERE doc_id IN ({marks})"
                                   " ORDER BY tag COLLATE NOCASE", doc_ids):
        out[doc_id]["tags"].append(tag)
    for doc_id, n in con.execute(f"SELECT doc_id, count(*) FROM document_notes WHERE doc_id IN ({marks})"
                                 " GROUP BY doc_id", doc_ids):
        out[doc_id]["notes"] = n
    return out


def all_tags(con: sqlite3.Connection) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in con.execute("SELECT tag, count(*) FROM document_tags GROUP BY tag"
                                              " ORDER BY tag COLLATE NOCASE")]
