"""Reading what `coverage.group` needs from the workspace: each document's language, date, resolved entities,
mean passage vector (when the embed stage has run) and near-duplicate original."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime

import numpy as np

from ..model import from_json
from .coverage import Item
from .duplicates import Text, near_duplicates


def load_items(con: sqlite3.Connection, scope) -> list[Item]:
    """`scope`: a `search.Scope` (the caller's filters over `documents d`)."""
    rows = con.execute("SELECT d.id, d.language, d.published, d.url, d.data FROM documents d WHERE 1"
                       + scope.clause(), scope.params).fetchall()
    ids = {r[0] for r in rows}
    entities: dict[str, set[str]] = defaultdict(set)
    for doc_id, entity_id in con.execute("SELECT doc_id, entity_id FROM entity_links WHERE entity_id IS NOT NULL"):
        if doc_id in ids:
            entities[doc_id].add(entity_id)
    vectors = _mean_vectors(con, ids)
    texts = []
    for doc_id, _, published, url, data in rows:
        texts.append(Text(doc_id, from_json(data).text, url, _when(published)))
    originals = near_duplicates(texts)
    return [Item(r[0], r[1], _when(r[2]), frozenset(entities.get(r[0], ())), vectors.get(r[0]), originals.get(r[0]))
            for r in rows]


def _mean_vectors(con: sqlite3.Connection, ids: set[str]) -> dict[str, np.ndarray]:
    sums: dict[str, np.ndarray] = {}
    for doc_id, dim, blob in con.execute("SELECT doc_id, dim, vector FROM passage_vectors"):
        if doc_id in ids:
            v = np.frombuffer(blob, dtype=np.float16, count=dim).astype(np.float32)
            sums[doc_id] = sums[doc_id] + v if doc_id in sums else v.copy()
    return {k: v / (np.linalg.norm(v) or 1.0) for k, v in sums.items()}


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
