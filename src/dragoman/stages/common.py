"""Small helpers the annotation stages share: a sentence's language and the mentions inside it."""

from __future__ import annotations

from ..model import Document, Mention, Sentence


def sentence_language(doc: Document, sentence: Sentence) -> str:
    """The sentence's own language, else the document's (a forced `--lang` wins over both)."""
    return doc.meta.get("language_forced") or sentence.language or doc.language or ""


def by_language(doc: Document) -> dict[str, list[Sentence]]:
    """The document's sentences grouped by language, in text order: models work one language at a time."""
    groups: dict[str, list[Sentence]] = {}
    for sentence in doc.sentences:
        groups.setdefault(sentence_language(doc, sentence), []).append(sentence)
    return groups


def mentions_in(doc: Document, sentence: Sentence) -> list[Mention]:
    """Mentions lying wholly inside the sentence, in text order."""
    span = sentence.span
    return [m for m in doc.mentions if span.start <= m.span.start and m.span.end <= span.end]
