"""The training, development and test texts for each language, from `../shared/ner-train`.

Tags are mapped as `dragoman.eval.ner` reads them (PERS/PERSON -> PER, GPE/LOC -> LOC, ORG -> ORG; other
types are O; nested Wojood tags keep the outermost of ours), so training and scoring agree on the gold.
MISC is dropped: the models learn PER, ORG and LOC only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import DragomanError
from ...eval.ner import Doc, _sentence, _tag, read_iob2

LABELS = ("PER", "ORG", "LOC")
DEFAULT_ROOT = Path("../shared/ner-train")
STREAM_SENTENCE = 60        # Europeana has no sentence breaks: cut its token stream at ends of sentences


@dataclass
class Split:
    """Texts to train on, texts to pick the best checkpoint with, and the held-out test files."""

    train: list[Doc]
    dev: list[Doc]
    tests: dict[str, Path]
    sources: list[str]


def _ours(docs: list[Doc]) -> list[Doc]:
    return [Doc(d.id, d.text, [g for g in d.gold if g[2] in LABELS]) for d in docs]


def _read(path: Path, lang: str) -> list[Doc]:
    corpus = read_iob2(path, lang)
    if not corpus.docs:
        raise DragomanError(f"{path}: no sentences read ({'; '.join(corpus.problems[:2])})")
    return _ours(corpus.docs)


def _stream(path: Path) -> list[Doc]:
    """A `token TAG` file with no blank lines, cut into sentences at . ! ? before a capital (IO tags:
    a run of one label is one name)."""
    docs: list[Doc] = []
    tokens: list[str] = []
    tags: list[tuple[str, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        cols = line.split()
        tag = _tag(cols[-1]) if len(cols) >= 2 else None
        if tag is None:
            continue
        tokens.append(cols[0])
        tags.append(tag)
        following = lines[i + 1].split()[:1] if i + 1 < len(lines) else [""]
        ends = cols[0] in (".", "!", "?") and following and following[0][:1].isupper()
        if ends or len(tokens) >= STREAM_SENTENCE:
            docs.append(_sentence(f"{path.name}:{len(docs) + 1}", tokens, tags))
            tokens, tags = [], []
    if tokens:
        docs.append(_sentence(f"{path.name}:{len(docs) + 1}", tokens, tags))
    return _ours(docs)


def _need(root: Path, *parts: str) -> Path:
    path = root.joinpath(*parts)
    if not path.exists():
        raise DragomanError(f"{path}: training data not found; `dragoman train ner` reads ../shared/ner-train "
                            "(pass --data to point elsewhere)")
    return path


def arabic(root: Path) -> Split:
    """AQMAR (Wikipedia) and the Wojood sample (mixed media) together; three quarters of AQMAR's dev
    split also trains (it is half the size of train), the rest and Wojood's val pick the checkpoint."""
    aqmar = _need(root, "ar_aqmar", "splits_liu2019")
    wojood = _need(root, "ar_wojood_sample")
    aq_dev = _read(aqmar / "dev.txt", "ar")
    train = [*_read(aqmar / "train.txt", "ar"), *[d for i, d in enumerate(aq_dev) if i % 4],
             *_read(wojood / "train.txt", "ar")]
    dev = [*[d for i, d in enumerate(aq_dev) if i % 4 == 0], *_read(wojood / "val.txt", "ar")]
    return Split(train, dev, {"AQMAR test": aqmar / "test.txt", "Wojood sample test": wojood / "test.txt"},
                 ["AQMAR (CC BY-SA 3.0)", "Wojood public sample (MIT)"])


# AQMAR's dev split holds seven whole articles in order; its first 341 sentences are the first four (Atom,
# Football, Raúl González, Richard Stallman).
AQMAR_DEV_ARTICLES = 341


def arabic_by_article(root: Path) -> Split:
    """As `arabic`, but the checkpoint is picked on whole articles the model never saw (AQMAR's test split is
    seven unseen articles; sentences from articles in training made dev recall look ~15 points higher): the
    first four AQMAR dev articles and Wojood's val pick it, the other three dev articles train."""
    aqmar = _need(root, "ar_aqmar", "splits_liu2019")
    wojood = _need(root, "ar_wojood_sample")
    aq_dev = _read(aqmar / "dev.txt", "ar")
    train = [*_read(aqmar / "train.txt", "ar"), *aq_dev[AQMAR_DEV_ARTICLES:], *_read(wojood / "train.txt", "ar")]
    dev = [*aq_dev[:AQMAR_DEV_ARTICLES], *_read(wojood / "val.txt", "ar")]
    return Split(train, dev, {"AQMAR test": aqmar / "test.txt", "Wojood sample test": wojood / "test.txt"},
                 ["AQMAR (CC BY-SA 3.0)", "Wojood public sample (MIT)"])


def turkish(root: Path) -> Split:
    """Turkish Wiki NER (hand-annotated) train/dev; its test split is held out."""
    wiki = _need(root, "tr_turkish_wiki_ner")
    return Split(_read(wiki / "train.conll", "tr"), _read(wiki / "dev.conll", "tr"),
                 {"Turkish Wiki NER test": wiki / "test.conll"}, ["Turkish Wiki NER (CC BY-SA 4.0)"])


def french(root: Path) -> Split:
    """Europeana Newspapers (French, 1906 OCR): the first 80 % of its sentences train, the next 10 % pick
    the checkpoint, the last 10 % are held out."""
    docs = _stream(_need(root, "fr_europeana_bnf", "enp_FR.bnf.bio"))
    a, b = len(docs) * 8 // 10, len(docs) * 9 // 10
    return Split(docs[:a], docs[a:b], {"Europeana (last 10 %)": root / "fr_europeana_bnf" / "enp_FR.bnf.bio"},
                 ["Europeana Newspapers enp_FR.bnf (CC0)"])


def french_test(root: Path) -> list[Doc]:
    """The held-out last 10 % of the Europeana sentences."""
    docs = _stream(_need(root, "fr_europeana_bnf", "enp_FR.bnf.bio"))
    return docs[len(docs) * 9 // 10:]


SPLITS = {"ar": arabic, "tr": turkish, "fr": french}


def split(lang: str, root: Path | str = DEFAULT_ROOT, by_article: bool = False) -> Split:
    """`lang`'s texts; `by_article`: a dev split of unseen articles where the language has one (Arabic)."""
    if lang not in SPLITS:
        raise DragomanError(f"no NER training data for {lang!r}; there is {', '.join(SPLITS)}")
    root = Path(root)
    if not root.is_dir():
        raise DragomanError(f"{root}: the NER training data folder is missing; it holds ar_aqmar/, "
                            "ar_wojood_sample/, tr_turkish_wiki_ner/ and fr_europeana_bnf/ (pass --data)")
    return (arabic_by_article if by_article and lang == "ar" else SPLITS[lang])(root)
