"""Sentences with exact character spans and their own language.

Russian and Ukrainian go through razdel; other languages through punctuation rules (. ! ? ؟ … and line
breaks) that skip abbreviations, initials and decimal numbers. Arabic clauses joined by ، or ؛ stay one
sentence unless the sentence grows past `segment.max_chars`; then it is cut at ؛ / ، / ; / , and, failing
those, at a space, so 20,000 characters without punctuation still become readable pieces.
"""

from __future__ import annotations

import re

from ..model import Document, Sentence, Span
from ..pipeline import stage
from ..settings import Settings

_END = re.compile(r"""(?<!\d\.\d)[.!?؟…]+["'»”’)\]]*(?=\s)""")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "etc",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                  "u.s", "u.k", "u.n", "e.g", "i.e", "m", "mme", "gén", "av", "j.-c", "prof", "yrd", "doç",
                  "sn", "vb", "bkz", "г", "гг", "т.е", "т.д", "т.п", "ул", "им", "см", "ред"}
_LAST_WORD = re.compile(r"([\w.-]+)\.$")
_TAIL = 48
_ORDINAL = re.compile(r"\d{1,3}")
_SOFT_BREAKS = re.compile(r"[؛;]\s|[،,]\s")


def _paragraphs(text: str):
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.group()


def _rule_sentences(offset: int, para: str, ordinals: bool = False):
    start = 0
    for match in _END.finditer(para):
        end = match.end()
        word = _last_word(para, start, match.start() + 1)
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue                           # "Gen. Haftar", "U.S. officials", "د. محمد", initials
        if ordinals and word and _ORDINAL.fullmatch(word.group(1)) and match.group() == "." \
                and para[end:].strip():
            continue                           # Turkish "32. Ağır Ceza Mahkemesi": a number and a dot is 32nd
        yield offset + start, offset + end
        start = end
    if para[start:].strip():
        yield offset + start, offset + len(para)


def _last_word(para: str, start: int, end: int) -> re.Match | None:
    """`_LAST_WORD` searched in para[start:end], reading only its last characters where the word fits in them
    (a search over the whole slice tries every position of the sentence)."""
    tail = max(start, end - _TAIL)
    word = _LAST_WORD.search(para, tail, end)
    if word is None or word.start() > tail or tail == start:
        return word
    return _LAST_WORD.search(para, start, end)      # the word may begin before the tail


def _razdel_sentences(offset: int, para: str):
    from razdel import sentenize
    for sent in sentenize(para):
        yield offset + sent.start, offset + sent.stop


def _cut_long(text: str, start: int, end: int, limit: int):
    """Split an overlong sentence at clause punctuation, else at the last space before the limit."""
    while end - start > limit:
        window = text[start:start + limit]
        soft = [m.end() for m in _SOFT_BREAKS.finditer(window)]
        cut = soft[-1] if soft and soft[-1] > limit // 3 else window.rfind(" ") + 1
        if cut <= 0:
            cut = limit                         # one enormous token: cut it hard
        yield start, start + cut
        start += cut
    yield start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, language: str | None, max_chars: int) -> list[Span]:
    spans = []
    for offset, para in _paragraphs(text):
        pieces = _razdel_sentences(offset, para) if language in ("ru", "uk") \
            else _rule_sentences(offset, para, ordinals=language == "tr")
        for start, end in pieces:
            for piece_start, piece_end in _cut_long(text, start, end, max_chars):
                s, e = _trim(text, piece_start, piece_end)
                if e > s:
                    spans.append(Span(s, e))
    return spans


@stage("segment", version="3", requires=("text",), assigns=("sentences",))
def build(settings: Settings):
    """Split text into sentences, keeping each one's exact span and language."""
    from ..text.langid import letters, shared
    from ..text.normalize import script_of

    identifier = shared(tuple(settings["langid.languages"]))
    max_chars = settings["segment.max_chars"]

    def language_of(sentence: str, doc: Document, doc_script: str | None) -> str | None:
        script = script_of(sentence)
        if script is None:
            return doc.language
        n_letters = letters(sentence) if script == doc_script else None
        if n_letters is not None and n_letters < 60:
            return doc.language                      # too short to overrule the document
        # Same script as the page: only a confident fastText verdict may overrule it (lingua is costly).
        guess = identifier.identify(sentence, thorough=script != doc_script, letter_count=n_letters)
        if script == doc_script and (guess.language is None or guess.score < 0.95):
            return doc.language
        return guess.language or (doc.language if script == doc_script else None)

    def segment(doc: Document) -> Document:
        doc_script = doc.meta.get("script") or script_of(doc.text)
        doc.sentences = [Sentence(span=span, language=language_of(span.of(doc.text), doc, doc_script))
                         for span in sentence_spans(doc.text, doc.language, max_chars)]
        return doc

    segment.preload = identifier.preload      # called by the model process before it forks workers (pool.warm)
    return segment
