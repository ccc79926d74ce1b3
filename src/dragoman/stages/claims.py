"""Claims: sentences that report rather than assert, who they are attributed to, and how sure they sound."""

from __future__ import annotations

from ..model import Claim, Document, Sentence, Span
from ..pipeline import stage
from ..settings import Settings
from .common import by_language, inside

VERSION = "1"


@stage("claims", version=VERSION, requires=("sentences",), assigns=("claims",))
def build(settings: Settings):
    """Reported statements and quotes with their chain outlet → source, cue words and certainty."""
    from ..claims import ClaimSentence, find_claims

    def claim_input(doc: Document, sentence: Sentence) -> ClaimSentence:
        base = sentence.span.start
        return ClaimSentence(sentence.span.of(doc.text), base,
                             [(m.span.start - base, m.span.end - base, m.label, m.value if m.entity_id else None)
                              for m in inside(doc.mentions, sentence)])

    def claims(doc: Document) -> Document:
        found: list[Claim] = []
        for lang, sentences in by_language(doc).items():
            for hit in find_claims([claim_input(doc, s) for s in sentences], lang, outlet=doc.outlet):
                base = sentences[hit.sentence_index].span.start
                found.append(Claim(
                    span=Span(base + hit.start, base + hit.end), text=hit.text, value=hit.kind,
                    confidence=hit.certainty, stage="claims", version=VERSION, attributed_to=hit.attributed_to,
                    cues=hit.cues, hedges=hit.hedges, source_type=hit.source_type, speaker=hit.speaker,
                    quote=hit.quote, certainty=hit.certainty))
        doc.claims = sorted(found, key=lambda c: c.span.start)
        return doc

    return claims
