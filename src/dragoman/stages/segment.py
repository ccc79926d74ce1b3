"""Sentences with exact character spans: razdel for Russian, punctuation rules for the rest."""

from __future__ import annotations

import re

from ..model import Document, Sentence, Span
from ..pipeline import stage
from ..settings import Settings

# A sentence ends at . ! ? ؟ … (and closing quotes/brackets) followed by space; never inside numbers.
_END = re.compile(r"""(?<!\d\.\d)[.!?؟…]+["'»”’)\]]*(?=\s)""")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "etc",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                  "u.s", "u.k", "u.n", "e.g", "i.e", "m", "mme", "gén", "av", "j.-c"}
_LAST_WORD = re.compile(r"([\w.-]+)\.$")


def _paragraphs(text: str):
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.group()


def _rule_sentences(offset: int, para: str):
    start = 0
    for match in _END.finditer(para):
        end = match.end()
        word = _LAST_WORD.search(para[start:match.start() + 1])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue                           # "Gen. Haftar", "U.S. officials", initials
        yield offset + start, offset + end
        start = end
    if para[start:].strip():
        yield offset + start, offset + len(para)


def _razdel_sentences(offset: int, para: str):
    from razdel import sentenize
    for sent in sentenize(para):
        yield offset + sent.start, offset + sent.stop


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@stage("segment", version="1", requires=("text",), assigns=("sentences",))
def build(settings: Settings):
    """Split text into sentences, keeping each one's exact span."""

    def segment(doc: Document) -> Document:
        split = _razdel_sentences if doc.language in ("ru", "uk") else _rule_sentences
        sentences = []
        for offset, para in _paragraphs(doc.text):
            for start, end in split(offset, para):
                start, end = _trim(doc.text, start, end)
                if end > start:
                    sentences.append(Sentence(span=Span(start, end), language=doc.language))
        doc.sentences = sentences
        return doc

    return segment
