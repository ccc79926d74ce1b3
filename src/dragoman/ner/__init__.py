"""Named-entity recognition in Arabic, Russian, Turkish, French and English.

English uses the pinned spaCy model (or, with `english="rules"`, the fast rule recogniser), Russian uses
natasha, French spaCy's fr_core_news_md (`french.py`), Turkish the compact model we train (`trained.py`,
`dragoman train ner`); Arabic has one too, used when named in `statistical`. A language left out of it, or whose model is
missing or corrupt (a one-line warning), uses term-base aliases, cue words and capitalisation (`rules.py`). Known aliases from the term base and the place spotter's
hits are added wherever a model missed them. Models load lazily, once per process.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable, Iterable

from ..errors import DragomanError
from ..vocab.termbase import TermBase
from . import capitals, guards
from .aliases import Aliases
from .rules import RULE_LANGS, PlaceSpotter, RuleRecogniser, places
from .spans import LABELS, NameSpan, make, resolve, supplement

__all__ = ["Recogniser", "NameSpan", "LABELS", "LANGS", "ENGLISH_ENGINES", "STATISTICAL_LANGS"]

LANGS = ("ar", "ru", "tr", "fr", "en")
ENGLISH_ENGINES = ("spacy", "rules")
STATISTICAL_LANGS = ("ar", "tr", "fr")     # a model, or the rules: the `statistical` choice
# The French and Turkish models beat the rules on our realtext gold; our Arabic one does not yet (README).
DEFAULT_STATISTICAL = ("tr", "fr")
ACRONYM_LANGS = ("tr", "fr")               # natasha and spaCy English read acronyms themselves
# Where the rules' organisation names beat the model's: Russian on both halves of the realtext gold; French
# even; in Turkish they cost precision (0.76 -> 0.74 on the tuning half) for little recall, so the model decides.
BODY_LANGS = ("ru", "fr")
_BODY_RULES = frozenset({"rules:org-word", "rules:org-head"})


class Recogniser:
    """Finds PER, ORG, LOC and MISC names in batches of texts of one language.

    `statistical` names the languages of ar, tr, fr that use their model (the others use the rules);
    `models` is a folder of our trained `<lang>/` model folders (default: the bundled ones). `termbase` defaults to the
    bundled one; `place_spotter(text, lang) -> [(start, end)]` adds places (dragoman.geo's gazetteer
    spotter, wired by the caller).
    """

    def __init__(self, *, english: str = "spacy", statistical: Iterable[str] = DEFAULT_STATISTICAL,
                 models: Path | str | None = None, termbase: TermBase | None = None,
                 place_spotter: PlaceSpotter | None = None, guards: bool = True,
                 people_model: Iterable[str] = ()) -> None:
        if english not in ENGLISH_ENGINES:
            raise ValueError(f"unknown English NER engine {english!r}; use one of {', '.join(ENGLISH_ENGINES)}")
        unknown = set(statistical) - set(STATISTICAL_LANGS)
        if unknown:
            raise ValueError(f"no statistical NER model for {', '.join(sorted(unknown))}; there are "
                             f"{', '.join(STATISTICAL_LANGS)}")
        self.english = english
        self.statistical = frozenset(statistical)
        # Languages (not in `statistical`) whose people come from their model and the other names from the rules:
        # the Arabic E5 head finds people best, the rules organisations (model card `models/e5`).
        self.people_model = frozenset(people_model) - self.statistical
        self.models = models
        self.aliases = Aliases(termbase if termbase is not None else TermBase.load_default())
        self.place_spotter = place_spotter
        self.guards = guards
        self._engines: dict[str, Callable[[list[str]], list[list[NameSpan]]]] = {}

    def recognise(self, texts: list[str], lang: str) -> list[list[NameSpan]]:
        """For each text, its names: offsets into that text, sorted, not overlapping.

        A language without a recogniser (anything but ar, ru, tr, fr, en) gives empty lists. Whatever engine
        found them, the names pass the precision guards (`guards.py`) here, reading `texts` together as one
        document (a surname is vouched for by the full name in another sentence).
        """
        lang = (lang or "").split("-")[0].lower()
        engine = self._engine(lang)
        if engine is None:
            return [[] for _ in texts]
        texts = list(texts)
        found = engine(texts)
        return guards.apply(texts, found, lang) if self.guards else found

    def _engine(self, lang: str) -> Callable[[list[str]], list[list[NameSpan]]] | None:
        engine = self._engines.get(lang)
        if engine is None and lang in LANGS:
            engine = self._engines[lang] = self._build(lang)
        return engine

    def _build(self, lang: str) -> Callable[[list[str]], list[list[NameSpan]]]:
        if lang == "en" and self.english == "spacy":
            from .english import SpacyRecogniser
            return self._with_supplement(SpacyRecogniser(), lang)
        if lang == "ru":
            from .russian import RussianRecogniser
            return self._with_supplement(RussianRecogniser(), lang)
        if lang in self.statistical:
            try:
                return self._with_supplement(self._model(lang), lang)
            except DragomanError as exc:
                sys.stderr.write(f"warning: {exc}; using the rules for {lang} meanwhile\n")
        assert lang in RULE_LANGS
        rules = RuleRecogniser(lang, self.aliases, self.place_spotter)
        if lang in self.people_model:
            try:
                return _people_from(self._with_supplement(self._people_model(lang), lang), rules)
            except DragomanError as exc:
                sys.stderr.write(f"warning: {exc}; using the rules for {lang} meanwhile\n")
        return lambda texts: [rules(t) if t.strip() else [] for t in texts]

    def use(self, lang: str, model: Callable[[list[str]], list[list[NameSpan]]]) -> None:
        """Recognise `lang` with `model` (texts -> spans), plus the known names it misses (to score a model)."""
        self._engines[lang] = self._with_supplement(model, lang)

    def _model(self, lang: str) -> Callable[[list[str]], list[list[NameSpan]]]:
        if lang == "fr":
            from .french import FrenchRecogniser
            return FrenchRecogniser()
        from .contextual import ContextualRecogniser, is_model
        from .trained import TrainedRecogniser, model_path
        folder = model_path(lang, self.models)
        if is_model(folder):       # an E5 head or fine-tuned E5 (`train ner --encoder e5`), not a spaCy folder
            return ContextualRecogniser(lang, folder)
        return TrainedRecogniser(lang, self.models)

    def _people_model(self, lang: str) -> Callable[[list[str]], list[list[NameSpan]]]:
        """The E5 head in `models`/<lang>, else the bundled one in models/e5/<lang>, else `_model`."""
        from .contextual import ContextualRecogniser, is_model
        from .trained import MODELS, model_path
        for folder in (model_path(lang, self.models), MODELS / "e5" / lang):
            if is_model(folder):
                return ContextualRecogniser(lang, folder)
        return self._model(lang)

    def _with_supplement(self, model: Callable[[list[str]], list[list[NameSpan]]],
                         lang: str) -> Callable[[list[str]], list[list[NameSpan]]]:
        """The model's spans plus known aliases, places and title-cued names it missed."""
        def one(text: str, found: list[NameSpan]) -> list[NameSpan]:
            known = self.aliases.find(text, lang)
            cued = capitals.recognise(text, lang, only_cued=True, known=known)
            # Bodies the rules are sure of (a name ending in Bakanlığı, Valiliği, Dairesi; an acronym) fill
            # the model's gaps and replace the pieces of them it found (Savunma Bakanlığı in Milli …).
            bodies = [s for s in cued if s.label == "ORG" and s.source in _BODY_RULES and " " in s.text] \
                if lang in BODY_LANGS else []
            if lang in ACRONYM_LANGS:
                bodies += capitals.acronyms(text, lang) + capitals.websites(text)
                if lang == "tr":
                    bodies += capitals.companies(text) + capitals.numbered_bodies(text) \
                        + capitals.headed_bodies(text, cued)
            # …and one that holds a known alias or place is the fuller name (Milli | Savunma Bakanlığı)
            extra = supplement(resolve([*known, *places(text, lang, self.place_spotter), *_states(text, lang)]),
                               resolve(bodies))
            titles = capitals.title_ranges(text, lang)
            # A model's "name" inside a title phrase ("Defence" in Deputy Defence Minister) is none.
            found = [s for s in found if not any(a <= s.start and s.end <= b for a, b in titles)]
            # …nor is a model's MISC that holds a person a title introduces (Défense Irakli Chikovani).
            people = [c for c in cued if c.label == "PER" and c.source == "rules:title"]
            found = [s for s in found if not (s.label == "MISC" and any(
                s.start < p.end and p.start < s.end for p in people))]
            spans = supplement(resolve(found), extra)
            return resolve([*spans, *[_below(s) for s in cued if s.label == "PER"]])
        return lambda texts: _each_text(model, texts, one)


def _people_from(model: Callable[[list[str]], list[list[NameSpan]]],
                 rules: RuleRecogniser) -> Callable[[list[str]], list[list[NameSpan]]]:
    """The model's PER names, and the rules' other names where they do not overlap one."""
    def one(text: str, found: list[NameSpan]) -> list[NameSpan]:
        people = [s for s in found if s.label == "PER"]
        rest = [s for s in rules(text) if s.label != "PER"
                and not any(s.start < p.end and p.start < s.end for p in people)]
        return sorted([*people, *rest], key=lambda s: s.start)
    return lambda texts: _each_text(model, texts, one)


def _each_text(model: Callable[[list[str]], list[list[NameSpan]]], texts: list[str],
               build: Callable[[str, list[NameSpan]], list[NameSpan]]) -> list[list[NameSpan]]:
    """`build(text, model's spans)` for every text the model read; a blank text has no names."""
    return [build(text, found) if text.strip() else [] for text, found in zip(texts, model(texts))]


# Where our own model reads a state's name as an ordinary word ("Türkiye ve Irak su anlaşması imzaladı"
# loses Irak), the list of states' names (`names.states`) puts it back.
STATE_LANGS = ("tr",)


def _states(text: str, lang: str) -> list[NameSpan]:
    if lang not in STATE_LANGS:
        return []
    from ..names.states import find_states
    # the span runs over a suffix after an apostrophe, as the model's do (the guards cut it for every engine)
    return [s for s in (make(text, a, _SUFFIX.match(text, b).end(), "LOC", "states", STATE_CONFIDENCE)
                        for a, b in find_states(text, lang)) if s is not None]


STATE_CONFIDENCE = 0.6
_SUFFIX = re.compile(r"(?:['’]\w+)?")


def _below(span: NameSpan) -> NameSpan:
    """A cue-rule span ranked under every model span, so it only fills gaps."""
    return NameSpan(span.start, span.end, span.text, span.label, span.normal, span.source, min(span.confidence, 0.5))
