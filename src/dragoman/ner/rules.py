"""The rule recogniser for languages no registry ships a model for (Arabic, Turkish, French), and the fast
English alternative to spaCy: term-base aliases first, then cue words, then capitalised runs and places.
"""

from __future__ import annotations

from typing import Callable

from . import arabic, capitals
from .aliases import Aliases
from .spans import NameSpan, make, resolve

PlaceSpotter = Callable[[str, str], list[tuple[int, int]]]
RULE_LANGS = ("ar", "tr", "fr", "en")
PLACE_CONFIDENCE = 0.9   # a gazetteer hit from dragoman.geo outranks every cue rule, not a term-base alias
# Turkish and French capitalised runs without a cue are weaker evidence than in English, where the
# rules were tuned on real text.
_WEAKER = {"tr": 0.1, "fr": 0.1}


def places(text: str, lang: str, spotter: PlaceSpotter | None) -> list[NameSpan]:
    """The place spotter's hits as LOC spans."""
    if spotter is None:
        return []
    out = []
    for start, end in spotter(text, lang):
        span = make(text, start, end, "LOC", "places", PLACE_CONFIDENCE)
        if span is not None:
            out.append(span)
    return out


class RuleRecogniser:
    """Names in one text of `lang` from aliases, cue words and capitalisation."""

    def __init__(self, lang: str, aliases: Aliases, place_spotter: PlaceSpotter | None = None) -> None:
        if lang not in RULE_LANGS:
            raise ValueError(f"no rules for language {lang!r}; there are {', '.join(RULE_LANGS)}")
        self.lang = lang
        self.aliases = aliases
        self.place_spotter = place_spotter

    def __call__(self, text: str) -> list[NameSpan]:
        known = self.aliases.find(text, self.lang)
        if self.lang == "ar":
            found = arabic.recognise(text)
        else:
            found = capitals.recognise(text, self.lang, known=known)
            weaker = _WEAKER.get(self.lang, 0.0)
            if weaker:
                found = [s if s.source in _CUED else _weaken(s, weaker) for s in found]
        return resolve([*known, *places(text, self.lang, self.place_spotter), *found])


_CUED = frozenset({"rules:title", "rules:org-word", "rules:loc-word", "rules:places", "rules:org-head"})


def _weaken(span: NameSpan, by: float) -> NameSpan:
    return NameSpan(span.start, span.end, span.text, span.label, span.normal, span.source,
                    round(max(0.05, span.confidence - by), 3))
