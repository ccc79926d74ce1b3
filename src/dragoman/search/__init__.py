"""Search across languages: full text in any script, the entities a query names (any spelling), and meaning
(multilingual passage vectors), fused into one ranking where every result says why it matched.

`dragoman.service.search` is the face-level entry point; `semantic_score` scores one document against a
meaning query (for watchlists)."""

from .entities import QueryEntity, query_entities
from .hybrid import Result, SemanticOptions, describe, hybrid
from .retrieve import Scope
from .semantic import document_vectors, semantic_score

__all__ = ["QueryEntity", "Result", "Scope", "SemanticOptions", "describe", "document_vectors", "hybrid",
           "query_entities", "semantic_score"]
