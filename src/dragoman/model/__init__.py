"""The data model: Documents, their provenance, and typed annotations, all serialisable to JSON."""

from .annotations import Annotation, Claim, Entity, Event, GeoClaim, Mention, Place, Span, TimeExpression
from .document import (Capture, Document, Embeddings, Sentence, SuppliedTranslation, Translation, from_json,
                       to_builtins, to_json)
from .ids import content_id, document_id, sha256_hex

__all__ = [
    "Annotation", "Capture", "Claim", "Document", "Embeddings", "Entity", "Event", "GeoClaim", "Mention", "Place",
    "Sentence", "Span", "SuppliedTranslation", "TimeExpression", "Translation", "content_id", "document_id",
    "from_json", "sha256_hex", "to_builtins", "to_json",
]
