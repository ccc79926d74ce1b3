"""Meaning scores for one document at a time (watchlists check each document as it is processed)."""

from __future__ import annotations

import sqlite3

import numpy as np

from ..model import Document
from ..vectors.embed import embed_query
from ..vectors.index import VectorIndex, decode_rows


def document_vectors(doc: Document, con: sqlite3.Connection | None = None) -> np.ndarray | None:
    """The document's passage vectors (n, 384): those in flight from the embed stage, else the stored ones;
    None when it has none (the embed stage is off, or has not run on it)."""
    if doc.embeddings is not None:
        return decode_rows(doc.embeddings.vectors, doc.embeddings.dim)
    return VectorIndex(con).vectors_of(doc.id) if con is not None else None


def semantic_score(query: str | np.ndarray, vectors: np.ndarray | None) -> float | None:
    """The best cosine between a meaning query (text or its vector from `embed_query`) and a document's passages;
    None without vectors. Compare it with the `search.semantic_floor` setting: multilingual-E5 scores unrelated
    news ~0.75 and on-topic passages 0.80–0.90, and a language's own text higher than a translation's."""
    if vectors is None or len(vectors) == 0:
        return None
    q = embed_query(query) if isinstance(query, str) else np.asarray(query, dtype=np.float32)
    return round(float(np.max(vectors @ q)), 4)
