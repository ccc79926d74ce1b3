"""Small helpers the annotation stages share: a sentence's language and the annotations inside it."""

from __future__ import annotations

from typing import TypeVar

from ..model import Annotation, Document, Sentence

A = TypeVar("A", bound=Annotation)


def sentence_language(doc: Document, sentence: Sentence) -> str:
    """The sentence's own language, else the document's (a forced `--lang` wins over both)."""
    return doc.meta.get("language_forced") or sentence.language or doc.language or ""


def by_language(doc: Document) -> dict[str, list[Sentence]]:
    """The document's sentences grouped by language, in text order: models work one language at a time."""
    groups: dict[str, list[Sentence]] = {}
    for sentence in doc.sentences:
        groups.setdefault(sentence_language(doc, sentence), []).append(sentence)
    return groups


def inside(annotations: list[A], sentence: Sentence) -> list[A]:
    """The annotations (mentions, places, times…) lying wholly inside the sentence, in their order."""
    span = sentence.span
    return [a for a in annotations if span.start <= a.span.start and a.span.end <= span.end]
