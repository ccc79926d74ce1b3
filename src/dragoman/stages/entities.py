"""Entities: people, organisations and places named in the text, resolved across scripts to one canonical
entity each (Haftar = Hifter = حفتر = Хафтар), with the rule and score that made each match.

Names are found in the original; for a non-English sentence with a real English rendering (analyst or
machine, not a gloss) the English is searched too, and a name found only there is mapped back to the words of
the original sentence that resolve to the same entity. Unknown names stay unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from pathlib import Path

from ..model import Document, Mention, Sentence, Span
from ..pipeline import stage
from ..settings import Settings
from .common import by_language, inside

VERSION = "2"
MAX_NGRAM = 4                  # words of the original tried when mapping an English name back
_WORD = re.compile(r"[\w\u0600-\u06FF][\w\u0600-\u06FF'’\-]*")


def _known_entities(settings: Settings):
    """Entities the workspace store knows (analyst merges, names seen before); none outside a workspace."""
    from ..workspace import DB_FILE
    root = settings["workspace.root"]
    if not root or not (Path(root) / DB_FILE).exists():
        return ()
    from ..store.entities import known_entities
    return known_entities(Path(root) / DB_FILE)


class _Countries:
    """The countries a document names, overall and per sentence (for country-scoped institutions)."""

    def __init__(self, doc: Document) -> None:
        from ..names.scope import countries
        self._count = countries
        self.doc = doc
        self._sentences: dict[int, object] = {}
        self._spans = sorted((s.span.start, s.span.end) for s in doc.sentences)
        self._starts = [start for start, _ in self._spans]

    @cached_property
    def document(self):
        """Counted only when a country-scoped institution is named (most pages name none)."""
        return self._count(self.doc.text)

    def sentence(self, offset: int):
        # Bisection, not a scan: a page of 40,000 sentences has as many mentions to place.
        i = bisect_right(self._starts, offset) - 1
        if i < 0 or offset >= self._spans[i][1]:
            return self._count("")
        start, end = self._spans[i]
        if start not in self._sentences:
            self._sentences[start] = self._count(self.doc.text[start:end])
        return self._sentences[start]


@stage("entities", version=VERSION, requires=("sentences",), assigns=("mentions",))
def build(settings: Settings):
    """People, organisations and places (NER per language), resolved to canonical entities across scripts."""
    from ..names import scope
    from ..names.resolver import EntityResolver, Resolution, explain
    from ..ner import Recogniser

    recogniser = Recogniser(english=settings["ner.english"], statistical=settings["ner.statistical"],
                            models=settings["ner.models"] or None, people_model=settings["ner.people_model"])
    resolver = EntityResolver.from_termbase(store_entities=_known_entities(settings))
    resolver.prepare()

    def mention(doc: Document, start: int, end: int, found, lang: str, where: "_Countries",
                source: str | None = None) -> Mention:
        r = resolver.resolve(found.text, found.label, lang, found.normal)
        evidence, declined = explain(r), None
        verdict = scope.check(r.entity_id, doc.text[start:end], where.sentence(start), where.document) \
            if r.entity_id in scope.scopes() else None       # check() says None too, after counting countries
        if verdict is not None and not verdict.ok:
            # A country-scoped institution whose country is not the one named: unlinked, and it says why.
            evidence, declined = f"not linked to {r.canonical}: {verdict.evidence}", r.entity_id
            r = Resolution(None, None, None, "unscoped", 0.0)
        elif verdict is not None:
            evidence += f"; {verdict.evidence}"
        return Mention(span=Span(start, end), text=doc.text[start:end], value=r.canonical or found.normal or found.text,
                       confidence=round(found.confidence, 3), stage="entities", version=VERSION, label=found.label,
                       entity_id=r.entity_id, kind=r.kind, rule=r.rule, score=round(r.score, 3),
                       source=source or found.source, evidence=evidence, declined=declined)

    def map_back(doc: Document, sentence: Sentence, entity_id: str, label: str, lang: str) -> tuple[int, int] | None:
        """The shortest run of original words that resolves to `entity_id`, if any."""
        text = sentence.span.of(doc.text)
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        for size in range(1, MAX_NGRAM + 1):
            for i in range(len(words) - size + 1):
                start, end = words[i][0], words[i + size - 1][1]
                if resolver.resolve(text[start:end], label, lang).entity_id == entity_id:
                    return sentence.span.start + start, sentence.span.start + end
        return None

    def entities(doc: Document) -> Document:
        found: list[Mention] = []
        where = _Countries(doc)
        for lang, sentences in by_language(doc).items():
            results = recogniser.recognise([s.span.of(doc.text) for s in sentences], lang)
            for sentence, spans in zip(sentences, results):
                base = sentence.span.start
                found += [mention(doc, base + s.start, base + s.end, s, lang, where) for s in spans]
            if lang == "en":
                continue
            rendered = [s for s in sentences if s.translation and s.translation.engine not in ("gloss", "none")
                        and s.translation.text]
            english = recogniser.recognise([s.translation.text for s in rendered], "en")
            for sentence, spans in zip(rendered, english):
                seen = {m.entity_id for m in inside(found, sentence)}
                for s in spans:
                    r = resolver.resolve(s.text, s.label, "en", s.normal)
                    if r.entity_id is None or r.entity_id in seen:
                        continue
                    at = map_back(doc, sentence, r.entity_id, s.label, lang)
                    if at:
                        seen.add(r.entity_id)
                        found.append(mention(doc, *at, s, lang, where, source="translation"))
        found.sort(key=lambda m: (m.span.start, m.span.end))
        doc.mentions = [m for i, m in enumerate(found) if i == 0 or m.span.start >= found[i - 1].span.end]
        return doc

    return entities
