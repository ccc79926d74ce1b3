"""Known names from the term base as spans: its own matcher for ar/ru/tr/fr, an English alias index for en."""

from __future__ import annotations

from ..vocab.termbase import Match, Term, TermBase
from .spans import NameSpan, make
from .tokens import tokenize

# Term-base kinds that are names, and the label each gets; equipment, terms and titles are not names.
LABEL_OF_KIND = {"person": "PER", "organisation": "ORG", "unit": "ORG", "place": "LOC", "facility": "LOC"}
CONFIDENCE = 0.95
MIN_SURNAME = 4   # an English surname alone ("Putin") counts as the person; shorter ones are too ambiguous


def _normal(term: Term, surface: str, lang: str) -> str:
    """The dictionary form: the term as written in the term base, unless the text already reads so."""
    if lang == "tr":
        surface = surface.split("'")[0].split("\u2019")[0]
    return term.term if lang in ("ru", "tr") else surface


def from_matches(text: str, matches: list[Match], lang: str) -> list[NameSpan]:
    out: list[NameSpan] = []
    for m in matches:
        label = LABEL_OF_KIND.get(m.term.kind)
        if label is None:
            continue
        span = make(text, m.start, m.end, label, f"termbase:{m.term.concept}", CONFIDENCE)
        if span is not None:
            out.append(NameSpan(span.start, span.end, span.text, label, _normal(m.term, span.text, lang),
                                span.source, span.confidence))
    return out


class EnglishAliases:
    """The term base's canonical English names and their variants, found in English text by token keys."""

    def __init__(self, termbase: TermBase) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], Term, str]]] = {}
        seen: set[tuple[str, ...]] = set()
        for concept, terms in termbase.concepts().items():
            t = terms[0]
            if t.kind not in LABEL_OF_KIND:
                continue
            forms = [t.english, *t.english_variants]
            if t.kind == "person":   # "Putin", "Haftar": the last word of each full form
                forms += [f.split()[-1] for f in forms
                          if len(f.split()) > 1 and len(f.split()[-1]) >= MIN_SURNAME]
            for form in forms:
                keys = tuple(tok.key for tok in tokenize(form, "en"))
                if keys and keys not in seen:
                    seen.add(keys)
                    self.by_first.setdefault(keys[0], []).append((keys, t, form))
        for options in self.by_first.values():
            options.sort(key=lambda o: len(o[0]), reverse=True)

    def find(self, text: str) -> list[NameSpan]:
        """Capitalised occurrences of known English names, longest first, not overlapping."""
        tokens = tokenize(text, "en")
        keys = [t.key for t in tokens]
        out: list[NameSpan] = []
        i = 0
        by_first = self.by_first
        while i < len(tokens):
            hit = None
            if keys[i] in by_first and tokens[i].cap:        # the look-up first: most words start no name
                for words, term, form in by_first[keys[i]]:
                    n = len(words)
                    if keys[i:i + n] == list(words):
                        hit = (n, term, form)
                        break
            if hit is None:
                i += 1
                continue
            n, term, form = hit
            span = make(text, tokens[i].start, tokens[i + n - 1].end, LABEL_OF_KIND[term.kind], f"termbase:{term.concept}",
                        CONFIDENCE, normal=term.english)
            if span is not None:
                out.append(span)
            i += n
        return out


class Aliases:
    """Term-base names for any language the recognisers handle."""

    def __init__(self, termbase: TermBase) -> None:
        self.termbase = termbase
        self._english: EnglishAliases | None = None

    def find(self, text: str, lang: str) -> list[NameSpan]:
        if lang == "en":
            if self._english is None:
                self._english = EnglishAliases(self.termbase)
            return self._english.find(text)
        return from_matches(text, self.termbase.find(text, lang), lang)
