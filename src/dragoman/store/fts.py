"""Full-text search: the folded index columns of a Document, query building and snippets."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from ..model import Document
from ..text.normalize import fold, fold_with_offsets, light, script_of, words

# Snowball stemmer per language code; languages without one are indexed unstemmed.
STEMMER_FOR = {"ar": "arabic", "ru": "russian", "en": "english", "fr": "french", "tr": "turkish",
               "de": "german", "es": "spanish", "it": "italian", "fa": "persian"}
# A query word is stemmed with every stemmer of its script, since we don't know its language.
STEMMERS_FOR_SCRIPT = {"arabic": ("arabic", "persian"), "cyrillic": ("russian",),
                       "latin": ("english", "french", "turkish")}


@lru_cache(maxsize=None)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


def stems(text: str, language: str | None) -> str:
    """Stemmed words of `text` (stemmed as written, then folded like everything else in the index)."""
    algorithm = STEMMER_FOR.get(language or "")
    tokens = words(light(text))
    if algorithm:
        tokens = _stemmer(algorithm).stemWords(tokens)
    return fold(" ".join(tokens))


def index_columns(doc: Document) -> tuple[str, str, str, str]:
    """(title, body, translation, stems), all folded; stems cover the original text and the title."""
    title, body, translation = fold(doc.title or ""), fold(doc.text), fold(doc.translation_text())
    return title, body, translation, stems((doc.title or "") + "\n" + doc.text, doc.language)


_QUOTED = re.compile(r'"([^"]*)"')


def parse_query(query: str) -> tuple[list[str], list[str]]:
    """Split a user query into quoted phrases and single words, both folded."""
    phrases = [fold(p).strip() for p in _QUOTED.findall(query)]
    return [p for p in phrases if words(p)], [fold(w) for w in _raw_words(query)]


def _raw_words(query: str) -> list[str]:
    """The query's unquoted words, lightly normalised but spelled as typed."""
    return words(light(_QUOTED.sub(" ", query)))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every word must match, as written or by its stem."""
    phrases, _ = parse_query(query)
    clauses = [f"{{title body translation}} : {_quote(' '.join(words(p)))}" for p in phrases]
    for raw in _raw_words(query):
        term = fold(raw)
        alternatives = {term}
        for algorithm in STEMMERS_FOR_SCRIPT.get(script_of(raw), ()):
            for form in (raw, term):
                alternatives.add(fold(_stemmer(algorithm).stemWord(form)))
        options = [f"{{title body translation}} : {_quote(term)}"]
        options += [f"stems : {_quote(stem)}" for stem in sorted(alternatives) if stem]
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses) if clauses else None


def snippet(text: str, query: str, width: int = 160) -> str:
    """A window of the original (unfolded) text around the first query word found in it."""
    if not text:
        return ""
    folded, offsets = fold_with_offsets(text)
    phrases, terms = parse_query(query)
    hits = []
    for needle in [*phrases, *terms]:
        at = folded.find(needle)
        if at < 0 and len(needle) > 4:          # an inflected form: look for the word's start
            at = folded.find(needle[:max(4, len(needle) - 2)])
        if at >= 0:
            hits.append(at)
    centre = offsets[min(hits)] if hits and offsets else 0
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    # Don't cut words in half at either edge.
    while 0 < start < centre and not text[start - 1].isspace():
        start += 1
    while end < len(text) and end > centre and not text[end].isspace():
        end -= 1
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def snippet_has_match(text: str, query: str) -> bool:
    folded = fold(text)
    phrases, terms = parse_query(query)
    return any(needle[:4] in folded for needle in [*phrases, *terms])
