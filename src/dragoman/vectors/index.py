"""The vector index: passage vectors in the workspace's SQLite file (table `passage_vectors`), searched by
brute force with numpy. 10,000 documents of ~6 passages are 60,000 rows of 768 bytes; one matrix product over
them takes milliseconds, so an approximate index would buy nothing at this scale (see bench/README.md).

The matrix is read once per process and reused while the table is unchanged (same row count and last id)."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

import numpy as np

from ..model import Embeddings

_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int], "_Matrix"]] = {}


@dataclass(frozen=True, slots=True)
class Hit:
    """A document's best passage for a query."""

    doc_id: str
    score: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Matrix:
    doc_ids: list[str]           # one per document, in row order
    starts: np.ndarray           # first row of each document (rows are grouped by document)
    spans: np.ndarray            # (n, 2) int64, one per row
    vectors: np.ndarray          # (n, dim) float32


class VectorIndex:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def replace(self, doc_id: str, embeddings: Embeddings) -> int:
        """The document's passages become exactly these (a re-run replaces, never adds)."""
        self.con.execute("DELETE FROM passage_vectors WHERE doc_id = ?", (doc_id,))
        size = embeddings.dim * 2
        rows = [(doc_id, s, e, embeddings.model, embeddings.dim, embeddings.vectors[i * size:(i + 1) * size])
                for i, (s, e) in enumerate(embeddings.spans)]
        self.con.executemany('INSERT INTO passage_vectors (doc_id, "start", "end", model, dim, vector)'
                             " VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def count(self) -> tuple[int, int]:
        """(passages, documents) in the index."""
        row = self.con.execute("SELECT count(*), count(DISTINCT doc_id) FROM passage_vectors").fetchone()
        return row[0], row[1]

    def vectors_of(self, doc_id: str) -> np.ndarray | None:
        """The document's passage vectors (n, dim) float32, or None when it has none."""
        rows = self.con.execute("SELECT dim, vector FROM passage_vectors WHERE doc_id = ? ORDER BY id",
                                (doc_id,)).fetchall()
        if not rows:
            return None
        return np.vstack([_decode(r[1], r[0]) for r in rows])

    def search(self, query: np.ndarray, *, allowed: set[str] | None = None, limit: int = 50,
               floor: float = 0.0) -> list[Hit]:
        """Documents ranked by their best passage's cosine with `query` (unit vectors), at least `floor`;
        `allowed` limits them to these document ids (the caller's filters)."""
        matrix = self._matrix()
        if matrix is None or len(matrix.vectors) == 0:
            return []
        scores = matrix.vectors @ query.astype(np.float32)
        best = np.maximum.reduceat(scores, matrix.starts)          # each document's best passage
        if allowed is not None:
            best[[i for i, d in enumerate(matrix.doc_ids) if d not in allowed]] = -np.inf
        count = min(limit, len(best))
        top = np.argpartition(-best, count - 1)[:count] if count < len(best) else np.arange(len(best))
        hits = []
        for i in sorted(top, key=lambda i: (-best[i], matrix.doc_ids[i])):
            if best[i] < floor:
                break
            start = matrix.starts[i]
            end = matrix.starts[i + 1] if i + 1 < len(matrix.starts) else len(scores)
            row = start + int(np.argmax(scores[start:end]))
            hits.append(Hit(matrix.doc_ids[i], round(float(best[i]), 4), int(matrix.spans[row][0]),
                            int(matrix.spans[row][1])))
        return hits

    def _matrix(self) -> _Matrix | None:
        state = self.con.execute("SELECT count(*), coalesce(max(id), 0) FROM passage_vectors").fetchone()
        key = _database_key(self.con)
        with _cache_lock:
            cached = _cache.get(key)
            if cached and cached[0] == tuple(state):
                return cached[1]
        if state[0] == 0:
            return None
        doc_ids, starts, spans, vectors = [], [], [], []
        for doc_id, start, end, dim, blob in self.con.execute(
                'SELECT doc_id, "start", "end", dim, vector FROM passage_vectors ORDER BY doc_id, id'):
            if not doc_ids or doc_ids[-1] != doc_id:
                doc_ids.append(doc_id)
                starts.append(len(spans))
            spans.append((start, end))
            vectors.append(_decode(blob, dim))
        matrix = _Matrix(doc_ids, np.array(starts, dtype=np.int64), np.array(spans, dtype=np.int64),
                         np.vstack(vectors))
        with _cache_lock:
            _cache[key] = (tuple(state), matrix)
        return matrix


def encode(vectors: np.ndarray) -> bytes:
    """float16 rows: half the size of float32, and cosines move by under 0.001."""
    return np.ascontiguousarray(vectors, dtype=np.float16).tobytes()


def decode_rows(blob: bytes, dim: int) -> np.ndarray:
    """(n, dim) float32 from `encode`'s bytes."""
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32).reshape(-1, dim)


def _decode(blob: bytes, dim: int) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float16, count=dim).astype(np.float32)


def _database_key(con: sqlite3.Connection) -> str:
    row = con.execute("PRAGMA database_list").fetchone()
    return row[2] or f"memory:{id(con)}"
