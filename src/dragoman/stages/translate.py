"""English for each sentence. Analyst translations always win; with no engine the original is kept."""

from __future__ import annotations

import re

from ..model import Document, Sentence, Span, Translation
from ..pipeline import stage
from ..settings import Settings

UNTRANSLATED = "untranslated: no machine-translation engine installed"


def _locate(text: str, original: str, start_at: int) -> Span | None:
    """Where an analyst's original sentence sits in the text (whitespace may differ)."""
    at = text.find(original, start_at)
    if at < 0:
        at = text.find(original)
    if at >= 0:
        return Span(at, at + len(original))
    words = original.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    match = pattern.search(text)
    return Span(match.start(), match.end()) if match else None


def _owner(sentences: list[Sentence], span: Span) -> Sentence | None:
    """The sentence a translated span belongs to: exact match first, else the first overlapping one."""
    overlapping = [s for s in sentences if s.span.start < span.end and span.start < s.span.end]
    for sentence in overlapping:
        if sentence.span == span:
            return sentence
    return overlapping[0] if overlapping else None


@stage("translate", version="1", requires=("sentences",), assigns=("sentences", "title_translation"))
def build(settings: Settings):
    """Attach analyst translations to sentences; mark the rest untranslated."""

    def translate(doc: Document) -> Document:
        if doc.language == "en":
            return doc
        for sentence in doc.sentences:
            if sentence.translation and sentence.translation.engine == "analyst":
                sentence.translation = None          # re-derived from the current sidecar
        unplaced, cursor = 0, 0
        source = doc.meta.get("file", "sidecar")
        for pair in doc.supplied_translations:
            note = f"analyst translation from {source}"
            if doc.title and " ".join(pair.original.split()) == " ".join(doc.title.split()):
                doc.title_translation = Translation(text=pair.english, engine="analyst", note=note)
                continue
            span = _locate(doc.text, pair.original, cursor)
            owner = _owner(doc.sentences, span) if span else None
            if owner is None or span is None:
                unplaced += 1
                continue
            cursor = span.end
            if owner.translation and owner.translation.engine == "analyst":
                # Two analyst pieces in one of our sentences: join them, widening the span.
                prev = owner.translation
                merged = Span(min(prev.span.start, span.start), max(prev.span.end, span.end))
                owner.translation = Translation(text=prev.text + " " + pair.english, span=merged,
                                                engine="analyst", note=note)
            else:
                owner.translation = Translation(text=pair.english, span=span, engine="analyst", note=note)
        missing = sum(1 for s in doc.sentences if s.translation is None)
        doc.meta["translation"] = "complete" if not missing else (
            UNTRANSLATED if missing == len(doc.sentences) else f"partial: {missing} sentences {UNTRANSLATED}")
        if unplaced:
            doc.meta["translation_unplaced"] = str(unplaced)
        return doc

    return translate
