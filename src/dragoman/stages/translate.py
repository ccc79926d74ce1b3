"""English for each sentence, and how it was made.

Precedence: the analyst's translation, then the machine engine (through the translation cache, with canonical
names from the term base enforced), then, when no engine can do the language, the original kept with names
and terms glossed in English from the term base and flagged untranslated.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from ..model import Document, Sentence, Span, Translation
from ..pipeline import Skip, stage
from ..settings import Settings

UNTRANSLATED = "untranslated: no machine-translation engine for this language"


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
    match = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text)
    return Span(match.start(), match.end()) if match else None


def _owner(sentences: list[Sentence], span: Span) -> Sentence | None:
    """The sentence a translated span belongs to: exact match first, else the first overlapping one."""
    overlapping = [s for s in sentences if s.span.start < span.end and span.start < s.span.end]
    for sentence in overlapping:
        if sentence.span == span:
            return sentence
    return overlapping[0] if overlapping else None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def apply_analyst(doc: Document) -> int:
    """Attach the analyst's sentence pairs; returns how many could not be placed in the text."""
    for sentence in doc.sentences:
        if sentence.translation and sentence.translation.engine == "analyst":
            sentence.translation = None          # re-derived from the current pairs
    unplaced, cursor = 0, 0
    note = f"analyst translation from {doc.meta.get('file', 'the analyst')}"
    for pair in doc.supplied_translations:
        if doc.title and _same(pair.original, doc.title):
            doc.title_translation = Translation(text=pair.english, engine="analyst", note=note)
            continue
        span = _locate(doc.text, pair.original, cursor)
        owner = _owner(doc.sentences, span) if span else None
        if owner is None or span is None:
            unplaced += 1
            continue
        cursor = span.end
        previous = owner.translation
        if previous and previous.engine == "analyst" and previous.span:
            # Two analyst pieces in one of our sentences: join them, widening the span.
            span = Span(min(previous.span.start, span.start), max(previous.span.end, span.end))
            owner.translation = Translation(text=previous.text + " " + pair.english, span=span, engine="analyst",
                                            note=note)
        else:
            owner.translation = Translation(text=pair.english, span=span, engine="analyst", note=note)
    return unplaced


@stage("translate", version="2", requires=("sentences",),
       assigns=("sentences", "title_translation", "meta"))
def build(settings: Settings):
    """Analyst translations first, then the MT engine (cached), else term-base glosses."""
    from ..translate import EngineError, build_engine
    from ..vocab.termbase import TermBase

    root = Path(settings["workspace.root"]) if settings["workspace.root"] else None
    engine = build_engine(settings, root) if root else None
    terms = TermBase.for_workspace(root) if root else TermBase.load_default()
    # Asked lazily: a server that is down must cost each document a named skip, not stop the run.
    known: dict[str, object] = {}

    def can_translate(language: str) -> bool:
        if engine is None:
            return False
        if "pairs" not in known:
            try:
                known["pairs"] = engine.pairs()
            except EngineError as exc:
                known["pairs"], known["error"] = set(), str(exc)
        if "error" in known:
            raise EngineError(str(known["error"]))
        return (language, "en") in known["pairs"]

    def machine(items: list[tuple[Sentence | None, str]], language: str) -> list[Translation | None]:
        """Translate (sentence, text) items of one language; None where the engine can't."""
        if not can_translate(language):
            return [None] * len(items)
        outputs = engine.translate([text for _, text in items], language, "en")
        now = datetime.now(timezone.utc)
        results: list[Translation | None] = []
        for (sentence, text), out in zip(items, outputs):
            english, notes = out.text, [out.note] if out.note else []
            if english:
                english, changes = terms.enforce(english, terms.find(text, language))
                if changes:
                    notes.append("names made canonical: " + ", ".join(f"{a} → {b}" for a, b in changes))
            results.append(Translation(text=english, span=sentence.span if sentence else None, engine=out.engine,
                                       model=out.model, version=out.version, created=now,
                                       note="; ".join(notes) or None))
        return results

    def gloss(text: str, language: str, span: Span | None) -> Translation | None:
        glossed = terms.gloss(text, language)
        if not glossed.count:
            return None
        return Translation(text=glossed.text, span=span, engine="gloss",
                           note=f"{UNTRANSLATED}; {glossed.count} names/terms glossed from the term base")

    def translate(doc: Document) -> Document:
        unplaced = apply_analyst(doc)
        if unplaced:
            doc.meta["translation_unplaced"] = str(unplaced)
        todo: dict[str, list[Sentence]] = defaultdict(list)
        for sentence in doc.sentences:
            language = sentence.language or doc.language
            if sentence.translation and sentence.translation.engine == "analyst":
                continue
            sentence.translation = None
            if language and language != "en":
                todo[language].append(sentence)
        failure = None
        for language, sentences in todo.items():
            try:
                done = machine([(s, s.span.of(doc.text)) for s in sentences], language)
            except EngineError as exc:
                failure, done = str(exc), [None] * len(sentences)
            for sentence, result in zip(sentences, done):
                sentence.translation = result or gloss(sentence.span.of(doc.text), language, sentence.span)
        if doc.title and doc.language and doc.language != "en" and (
                doc.title_translation is None or doc.title_translation.engine != "analyst"):
            try:
                doc.title_translation = machine([(None, doc.title)], doc.language)[0]
            except EngineError as exc:
                failure, doc.title_translation = str(exc), None
            doc.title_translation = doc.title_translation or gloss(doc.title, doc.language, None)
        doc.meta["translation"] = _summary(doc)
        if failure:
            doc.meta["translation_error"] = failure
            raise Skip(f"engine failed, kept originals with glosses ({failure[:120]})")
        return doc

    return translate


def _summary(doc: Document) -> str:
    """How the foreign sentences got their English, e.g. `analyst 12, gloss 3, untranslated 1`."""
    counts: dict[str, int] = defaultdict(int)
    for sentence in doc.sentences:
        if (sentence.language or doc.language) == "en":
            continue
        counts[sentence.translation.engine if sentence.translation else "untranslated"] += 1
    if not counts:
        return "not needed (English)"
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
