"""Language-ID accuracy per language, on sentences whose language is known.

English: UNER English-PUD sentences and Scrapinghub gold article bodies; Russian: UNER Russian-PUD and
factRuEval texts (from ../shared/eval); Arabic, Russian, Turkish and French: the original sentences of our demo
corpus's analyst translations. Each sentence is judged alone, with no document to lean on — the hard case.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

from ..errors import DragomanError
from ..settings import Settings

MIN_CHARS = 20
PER_SOURCE = 600          # enough sentences per source for a stable figure, few enough to stay quick


def _uner(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            yield line[len("# text = "):]


def _split(text: str) -> Iterator[str]:
    from ..stages.segment import sentence_spans
    for span in sentence_spans(text, None, 600):
        yield span.of(text)


_ENGLISH_STOPWORDS = {"the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "are",
                      "be", "this", "by", "at", "from", "have", "or", "an", "but", "not", "they", "you", "we"}


def _mostly_english(text: str) -> bool:
    """The benchmark is English-labelled but holds some Korean and Portuguese pages; leave those out."""
    words = text.lower().split()
    return bool(words) and sum(w.strip(".,;:!?\"'()") in _ENGLISH_STOPWORDS for w in words) / len(words) > 0.15


def _scrapinghub(folder: Path) -> Iterator[str]:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for record in gold.values():
        body = record.get("articleBody") or ""
        if _mostly_english(body):
            yield from _split(body)


def _factru(folder: Path) -> Iterator[str]:
    for path in sorted((folder / "devset").glob("*.txt")) + sorted((folder / "testset").glob("*.txt")):
        yield from _split(path.read_text(encoding="utf-8"))


def _demo() -> Iterator[tuple[str, str]]:
    from ..demo import manifest, pages_dir
    from ..ingest.files import SIDECAR, read_sidecar
    for entry in manifest():
        sidecar = pages_dir() / entry["file"].replace(".html", SIDECAR)
        if sidecar.exists():
            for pair in read_sidecar(sidecar)[0]:
                yield entry["language"], pair.original


def samples(data: Path) -> Iterator[tuple[str, str, str]]:
    """(source, language, sentence) for every set that is present."""
    sources = [("uner-en", "en", lambda: _uner(data / "ner-uner-pud-en-ru" / "UNER_English-PUD_en_pud-ud-test.iob2")),
               ("uner-ru", "ru", lambda: _uner(data / "ner-uner-pud-en-ru" / "UNER_Russian-PUD_ru_pud-ud-test.iob2")),
               ("scrapinghub-en", "en", lambda: _scrapinghub(data / "extraction-scrapinghub")),
               ("factrueval-ru", "ru", lambda: _factru(data / "ner-factRuEval-2016"))]
    for name, language, read in sources:
        try:
            taken = 0
            for sentence in read():
                if len(sentence.strip()) >= MIN_CHARS and taken < PER_SOURCE:
                    taken += 1
                    yield name, language, sentence
        except FileNotFoundError:
            continue                      # a set that isn't there is left out of the figures
    for language, sentence in _demo():
        if len(sentence.strip()) >= MIN_CHARS:
            yield "demo-" + language, language, sentence


def evaluate(data: Path) -> dict:
    from ..text.langid import LanguageIdentifier
    if not data.is_dir():
        raise DragomanError(f"{data}: no evaluation folder here (expected ../shared/eval)")
    identifier = LanguageIdentifier(Settings()["langid.languages"])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    confusions: Counter[str] = Counter()
    methods: Counter[str] = Counter()
    started = time.perf_counter()
    for source, language, sentence in samples(data):
        guess = identifier.identify(sentence)
        methods[guess.method] += 1
        total[language] += 1
        by_source[source]["n"] += 1
        if guess.language == language:
            right[language] += 1
            by_source[source]["right"] += 1
        else:
            confusions[f"{language}->{guess.language}"] += 1
    n = sum(total.values())
    return {
        "sentences": n,
        "accuracy": round(sum(right.values()) / n, 4) if n else None,
        "languages": {lang: {"n": total[lang], "accuracy": round(right[lang] / total[lang], 4)}
                      for lang in sorted(total)},
        "sources": {name: {"n": c["n"], "accuracy": round(c["right"] / c["n"], 4)} for name, c in by_source.items()},
        "confusions": dict(confusions.most_common(10)),
        "methods": dict(methods),
        "seconds": round(time.perf_counter() - started, 2),
    }
