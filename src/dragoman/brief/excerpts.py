"""Excerpts: whole sentences of a stored document, in English with how that English was made, under ids that
resolve back to the archived original.

An excerpt id reads `X-<doc>-<start>-<end>[.<start>-<end>…]-<check>`, e.g. `X-d270c057f060-653-799-7a99`:

- `<doc>`: the first 12 characters of the document id. A document id is a hash of the captured bytes and
  their URL, so it pins one capture (one WARC record and its SHA-256).
- one `<start>-<end>` character span of the document text per run of consecutive sentences; two or more runs
  mean sentences were skipped between them, which the excerpt marks with `…`.
- `<check>`: 4 hex digits of the SHA-256 of the text from the first start to the last end, so an id whose
  document text has since changed (a re-extraction with a new extractor) is refused instead of quoting the
  wrong words.

`resolve_excerpt` turns an id back into (Document, Span, original text); `make_excerpt` builds one from
sentence numbers. An excerpt never passes a term-base gloss off as a translation: its `translation` says
"untranslated: glossed from term base".
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

from ..errors import NotFound
from ..model import Document, Sentence, Span, Translation
from .model import Excerpt

PREFIX = "X"
DOC_CHARS = 12
CUT = " … "
GLOSSED = "untranslated: glossed from term base"
UNTRANSLATED = "untranslated"
ORIGINAL_ENGLISH = "original English"
_ID = re.compile(r"^X-(d[0-9a-f]{%d})-(\d+-\d+(?:\.\d+-\d+)*)-([0-9a-f]{4})$" % (DOC_CHARS - 1))
EXAMPLE_ID = "X-d270c057f060-653-799-7a99"


def excerpt_id(doc: Document, pieces: list[Span]) -> str:
    """The id of the excerpt made of these spans of `doc` (in text order, non-overlapping)."""
    if not pieces:
        raise ValueError(f"an excerpt of {doc.id} needs at least one span")
    runs = ".".join(f"{p.start}-{p.end}" for p in pieces)
    return f"{PREFIX}-{doc.id[:DOC_CHARS]}-{runs}-{_check(doc.text[pieces[0].start:pieces[-1].end])}"


def parse_excerpt_id(value: str) -> tuple[str, list[Span], str]:
    """(document id prefix, spans, check) of an excerpt id; NotFound naming the expected form otherwise."""
    match = _ID.match(value.strip())
    if not match:
        raise NotFound(f"excerpt {value!r}: not an excerpt id (they look like {EXAMPLE_ID}; "
                       "copy one from a brief's Sources)")
    pieces = []
    for run in match.group(2).split("."):
        start, end = (int(n) for n in run.split("-"))
        if end <= start or (pieces and start < pieces[-1].end):
            raise NotFound(f"excerpt {value!r}: its spans are empty or out of order")
        pieces.append(Span(start, end))
    return match.group(1), pieces, match.group(3)


def resolve_excerpt(ws, value: str) -> tuple[Document, Span, str]:
    """The document an excerpt id names, the span it covers (first start to last end), and the original
    text at that span; NotFound when the id is malformed, its document is gone or its text has changed."""
    prefix, pieces, check = parse_excerpt_id(value)
    try:
        doc = ws.store.get_document(prefix)
    except NotFound:
        raise NotFound(f"excerpt {value!r}: document {prefix} is not in this workspace "
                       "(was the brief drafted from another one?)") from None
    span = Span(pieces[0].start, pieces[-1].end)
    if span.end > len(doc.text) or _check(span.of(doc.text)) != check:
        raise NotFound(f"excerpt {value!r}: the text of document {doc.id} at these characters no longer matches "
                       "this id (a mistyped id, or the page was extracted again since the brief was drafted); "
                       f"see `dragoman show {doc.id}`")
    return doc, span, span.of(doc.text)


def pieces_of(value: str) -> list[Span]:
    """The spans an excerpt id quotes (one per run of sentences)."""
    return parse_excerpt_id(value)[1]


def sentences_in(doc: Document, start: int, end: int) -> list[int]:
    """Numbers of the sentences overlapping [start, end) (a report's evidence span)."""
    hits = [i for i, s in enumerate(doc.sentences) if s.span.start < end and start < s.span.end]
    if not hits and start == end:
        hits = [i for i, s in enumerate(doc.sentences) if s.span.start <= start <= s.span.end][:1]
    return hits


def provenance(translation: Translation | None, language: str | None) -> str:
    """How a sentence's English was made: "analyst", "ctranslate2 opus-mt-ar-en", a gloss, or none."""
    if translation is None:
        return ORIGINAL_ENGLISH if _is_english(language) else UNTRANSLATED
    if translation.engine == "gloss":
        return GLOSSED
    if translation.engine == "analyst":
        return "analyst"
    return f"{translation.engine} {translation.model}" if translation.model else translation.engine


def sentence_provenance(doc: Document, index: int) -> str:
    sentence = doc.sentences[index]
    return provenance(sentence.translation, sentence.language or doc.language)


def make_excerpt(doc: Document, indexes: Iterable[int]) -> Excerpt:
    """An excerpt of whole sentences: runs of consecutive sentences, `…` where sentences are skipped.

    A sentence whose English also renders its neighbours (an analyst's sentence spanning two of ours) pulls
    them in, so the English and the original always cover the same text.
    """
    chosen = _with_translation_partners(doc, set(indexes))
    if not chosen:
        raise ValueError(f"an excerpt of {doc.id} needs at least one sentence")
    runs: list[list[int]] = []
    for i in sorted(chosen):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    pieces = [Span(doc.sentences[run[0]].span.start, doc.sentences[run[-1]].span.end) for run in runs]
    originals = [" ".join(piece.of(doc.text).split()) for piece in pieces]
    englishes = [_english(doc, run) for run in runs]
    labels: list[str] = []
    for i in sorted(chosen):
        label = sentence_provenance(doc, i)
        if label not in labels:
            labels.append(label)
    language = doc.sentences[runs[0][0]].language or doc.language or "und"
    return Excerpt(id=excerpt_id(doc, pieces), english=CUT.join(englishes), original=CUT.join(originals),
                   language=language, translation="; ".join(labels), doc_id=doc.id,
                   sha256=doc.capture.sha256 if doc.capture else None, start=pieces[0].start, end=pieces[-1].end,
                   cut=len(pieces) > 1)


def excerpt_from_id(ws, value: str) -> tuple[Document, Excerpt]:
    """Rebuild the excerpt an id names (for `dragoman cite`): its document and the Excerpt as a brief shows it."""
    doc, span, _ = resolve_excerpt(ws, value)
    pieces = pieces_of(value)
    indexes = [i for i, s in enumerate(doc.sentences)
               if any(p.start <= s.span.start and s.span.end <= p.end for p in pieces)]
    rebuilt = make_excerpt(doc, indexes) if indexes else None
    if rebuilt is None or rebuilt.id != value:
        # The sentences were split differently since: quote the spans as they stand, without English.
        rebuilt = Excerpt(id=value, english="", original=CUT.join(" ".join(p.of(doc.text).split()) for p in pieces),
                          language=doc.language or "und", translation=UNTRANSLATED, doc_id=doc.id,
                          sha256=doc.capture.sha256 if doc.capture else None, start=span.start, end=span.end,
                          cut=len(pieces) > 1)
    return doc, rebuilt


def _check(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:4]


def _is_english(language: str | None) -> bool:
    return (language or "").lower().split("-")[0] == "en"


def _with_translation_partners(doc: Document, chosen: set[int]) -> set[int]:
    """Add the sentences that share an English rendering with a chosen one."""
    sentences = doc.sentences
    grown = {i for i in chosen if 0 <= i < len(sentences)}
    changed = True
    while changed:
        changed = False
        for i, s in enumerate(sentences):
            if i in grown:
                continue
            if any(_shares(sentences[j], s) or _shares(s, sentences[j]) for j in grown):
                grown.add(i)
                changed = True
    return grown


def _shares(owner: Sentence, other: Sentence) -> bool:
    """Whether `owner`'s translation also covers `other`'s text."""
    t = owner.translation
    if t is None or t.span is None:
        return False
    return t.span.start < other.span.end and other.span.start < t.span.end


def _english(doc: Document, run: list[int]) -> str:
    """The English of a run of sentences: each translation once; English originals as they are."""
    parts: list[str] = []
    for i in run:
        sentence = doc.sentences[i]
        t = sentence.translation
        if t is not None:
            if t.text.strip() and t.text.strip() not in parts:
                parts.append(t.text.strip())
        elif _is_english(sentence.language or doc.language) or not any(
                _shares(doc.sentences[j], sentence) for j in run if j != i):
            parts.append(" ".join(sentence.span.of(doc.text).split()))
    return " ".join(parts)
