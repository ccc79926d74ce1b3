"""Train the E5 head (`ner/contextual.py`): word states from the encoder, cached on disk, then a seeded
one-hidden-layer network in numpy (Adam, dropout), the epoch and transition weight chosen on dev."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from ..contextual import HEAD_FILE, TAGS, features, word_states
from ..encoder import encoder
from .corpora import Split, split

CHUNK = 2000               # sentences per cache file
HIDDEN = 256
EPOCHS = 6
BATCH = 256
DROPOUT, INPUT_DROPOUT = 0.3, 0.1
LEARN_RATE, LAST_LEARN_RATE = 1e-3, 3e-4      # the last two epochs go slower
WEIGHT_DECAY = 1e-5
TRANSITION_WEIGHTS = (0.0, 0.5, 1.0)
# Arabic (2026-12-08, chosen by article-held-out cross-validation on AQMAR's dev articles): networks of several
# seeds averaged in one head, an O-tag bias tried on dev (recall was the gap on unseen articles), a dev split of
# unseen articles. Other languages train as before (one network, no bias, their corpus's dev split).
MEMBERS = {"ar": 5}
O_BIASES = {"ar": (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)}
BY_ARTICLE = ("ar",)
# Sentences of other languages' corpora added to training (E5 is multilingual): (language, how many). They are
# taken from a seeded pick of EXTRA_POOL training sentences, in corpus order; tag transitions stay the language's.
EXTRA: dict[str, tuple[tuple[str, int], ...]] = {}
EXTRA_POOL, EXTRA_SEED = 4000, 7


def corpus_words(text: str) -> list[tuple[int, int, str]]:
    """The corpus texts are their tokens joined by single spaces."""
    out, at = [], 0
    for w in text.split(" "):
        if w:
            out.append((at, at + len(w), w))
        at += len(w) + 1
    return out


def word_tags(words: list[tuple[int, int, str]], gold: list[tuple[int, int, str]]) -> list[int]:
    tags = [0] * len(words)
    for start, end, label in gold:
        inside = [i for i, (a, b, _) in enumerate(words) if a >= start and b <= end]
        for k, i in enumerate(inside):
            tags[i] = TAGS.index(("B-" if k == 0 else "I-") + label)
    return tags


def cached_states(docs: list, name: str, work: Path, log=print) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(word states float16, tags, words per sentence) for `docs`, computed once into `work`/name_NN.npz."""
    xs, ys, lens = [], [], []
    for c0 in range(0, len(docs), CHUNK):
        path = work / f"{name}_{c0 // CHUNK:02d}.npz"
        part = docs[c0:c0 + CHUNK]
        if not path.exists():
            started = time.perf_counter()
            words = [corpus_words(d.text) for d in part]
            states = word_states(encoder(), [[w for _, _, w in ws] for ws in words])
            np.savez(path, x=np.concatenate(states).astype(np.float16),
                     y=np.array([t for d, ws in zip(part, words) for t in word_tags(ws, d.gold)], dtype=np.int8),
                     lens=np.array([len(ws) for ws in words]))
            log(f"{name} {c0}: {len(part)} sentences, {len(part) / (time.perf_counter() - started):.1f}/s")
        with np.load(path) as data:
            xs.append(data["x"]), ys.append(data["y"]), lens.append(data["lens"])
    return np.concatenate(xs), np.concatenate(ys).astype(np.int64), np.concatenate(lens)


def head_inputs(docs: list, states: np.ndarray, lens: np.ndarray) -> np.ndarray:
    rows, at = [], 0
    for d, n in zip(docs, lens):
        words = [w for _, _, w in corpus_words(d.text)]
        rows.append(features(states[at:at + n].astype(np.float32), words).astype(np.float16))
        at += n
    return np.concatenate(rows)       # float16: the Turkish training set is ~1.2 GB so


def moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and standard deviations (+ 1e-3), read in slices (no float32 copy of x)."""
    total = np.zeros(x.shape[1])
    squares = np.zeros(x.shape[1])
    for a in range(0, len(x), 50000):
        part = x[a:a + 50000].astype(np.float64)
        total += part.sum(axis=0)
        squares += (part * part).sum(axis=0)
    mean = total / len(x)
    return mean.astype(np.float32), (np.sqrt(np.maximum(squares / len(x) - mean * mean, 0)) + 1e-3).astype(np.float32)


def transitions(tags: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """log P(next tag | tag) within sentences, add-one smoothed."""
    counts = np.ones((len(TAGS), len(TAGS)))
    at = 0
    for n in lens:
        seq = tags[at:at + n]
        np.add.at(counts, (seq[:-1], seq[1:]), 1)
        at += n
    return np.log(counts / counts.sum(axis=1, keepdims=True))


class Network:
    """x -> ReLU(x W1 + b1) W2 + b2, trained with softmax cross-entropy and Adam."""

    def __init__(self, inputs: int, hidden: int, rng: np.random.Generator) -> None:
        self.rng = rng
        self.p = {"w1": (rng.standard_normal((inputs, hidden)) * np.sqrt(2 / inputs)).astype(np.float32),
                  "b1": np.zeros(hidden, np.float32),
                  "w2": (rng.standard_normal((hidden, len(TAGS))) * np.sqrt(1 / hidden)).astype(np.float32),
                  "b2": np.zeros(len(TAGS), np.float32)}
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.t = 0

    def step(self, x: np.ndarray, y: np.ndarray, lr: float) -> float:
        x = x * ((self.rng.random(x.shape) >= INPUT_DROPOUT) / (1 - INPUT_DROPOUT)).astype(np.float32)
        hidden = np.maximum(x @ self.p["w1"] + self.p["b1"], 0)
        keep = ((self.rng.random(hidden.shape) >= DROPOUT) / (1 - DROPOUT)).astype(np.float32)
        hidden *= keep
        z = hidden @ self.p["w2"] + self.p["b2"]
        z -= z.max(axis=1, keepdims=True)
        prob = np.exp(z)
        prob /= prob.sum(axis=1, keepdims=True)
        rows = np.arange(len(y))
        loss = float(-np.log(prob[rows, y] + 1e-9).mean())
        prob[rows, y] -= 1
        prob /= len(y)
        grads = {"w2": hidden.T @ prob, "b2": prob.sum(axis=0)}
        back = (prob @ self.p["w2"].T) * (hidden > 0) * keep
        grads["w1"], grads["b1"] = x.T @ back, back.sum(axis=0)
        self.t += 1
        for k, g in grads.items():
            g = g + WEIGHT_DECAY * self.p[k]
            self.m[k] = 0.9 * self.m[k] + 0.1 * g
            self.v[k] = 0.999 * self.v[k] + 0.001 * g * g
            step = self.m[k] / (1 - 0.9 ** self.t) / (np.sqrt(self.v[k] / (1 - 0.999 ** self.t)) + 1e-8)
            self.p[k] -= (lr * step).astype(np.float32)
        return loss


def dev_f1(parts: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray, lens: np.ndarray,
           log_probs: np.ndarray | None = None) -> float:
    from ...eval.ner import score
    from ..contextual import Head, tag_spans, viterbi
    if log_probs is None:
        head = Head.__new__(Head)
        head.parts = parts
        log_probs = head.log_probs(x)
    log_probs = log_probs.copy()
    log_probs[:, 0] -= float(parts.get("o_bias", 0))
    pairs, at = [], 0
    for n in lens:
        pred = viterbi(log_probs[at:at + n], parts["trans"] * float(parts["w"]))
        pairs.append((tag_spans(list(y[at:at + n])), tag_spans(pred)))
        at += n
    return score(pairs, ["PER", "ORG", "LOC"])["micro"]["f1"]


def ensemble(snapshots: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Several networks' weights stacked (members first), as `Head` averages them."""
    if len(snapshots) == 1:
        return dict(snapshots[0])
    return {k: np.stack([s[k] for s in snapshots]) for k in ("w1", "b1", "w2", "b2")}


def extra_sentences(lang: str, data: Path | str, n: int) -> list:
    """`n` training sentences of `lang`'s corpus: the first `n`, in corpus order, of a seeded pick of EXTRA_POOL."""
    docs = split(lang, data).train
    pool = sorted(np.random.default_rng(EXTRA_SEED).choice(len(docs), min(EXTRA_POOL, len(docs)), replace=False))
    return [docs[i] for i in pool[:n]]


def train(lang: str, data: Path | str, out: Path, *, seed: int, work: Path, log=print) -> dict[str, Any]:
    """Train `lang`'s head from `data` into `out`/head.npz; word states are cached in `work`. With several
    members (`MEMBERS`), seeds `seed`, `seed + 1`, … are trained and their average is scored per epoch."""
    from ..contextual import Head
    started = time.perf_counter()
    by_article = lang in BY_ARTICLE
    parts: Split = split(lang, data, by_article=by_article)
    work.mkdir(parents=True, exist_ok=True)
    tag = "_articles" if by_article else ""
    xtr, ytr, ltr = cached_states(parts.train, f"{lang}{tag}_train", work, log)
    xdv, ydv, ldv = cached_states(parts.dev, f"{lang}{tag}_dev", work, log)
    xtr, xdv = head_inputs(parts.train, xtr, ltr), head_inputs(parts.dev, xdv, ldv)
    xdv = xdv.astype(np.float32)
    trans = transitions(ytr, ltr)
    sources = list(parts.sources)
    for other, n in EXTRA.get(lang, ()):
        docs = extra_sentences(other, data, n)
        xo, yo, lo = cached_states(docs, f"{other}_extra{n}", work, log)
        xtr, ytr = np.concatenate([xtr, head_inputs(docs, xo, lo)]), np.concatenate([ytr, yo])
        sources.append(f"{n} sentences of {' and '.join(split(other, data).sources)}")
    mu, sd = moments(xtr)
    members = MEMBERS.get(lang, 1)
    snapshots: list[list[dict[str, np.ndarray]]] = [[] for _ in range(EPOCHS)]     # per epoch, per member
    for member in range(members):
        rng = np.random.default_rng(seed + member)
        net = Network(xtr.shape[1], HIDDEN, rng)
        for epoch in range(EPOCHS):
            order = rng.permutation(len(ytr))
            lr = LEARN_RATE if epoch < EPOCHS - 2 else LAST_LEARN_RATE
            losses = [net.step((xtr[order[b:b + BATCH]].astype(np.float32) - mu) / sd, ytr[order[b:b + BATCH]],
                               lr) for b in range(0, len(order), BATCH)]
            snapshots[epoch].append({k: v.copy() for k, v in net.p.items()})
            log(f"seed {seed + member} epoch {epoch}: loss {np.mean(losses):.4f}")
    best: tuple[float, int, dict[str, np.ndarray]] = (-1.0, -1, {})
    for epoch in range(EPOCHS):
        saved = {"mu": mu, "sd": sd, "trans": trans.astype(np.float32), "w": np.float32(0), "o_bias": np.float32(0),
                 **ensemble(snapshots[epoch])}
        head = Head.__new__(Head)
        head.parts = saved
        log_probs = head.log_probs(xdv)
        for weight in TRANSITION_WEIGHTS:
            for bias in O_BIASES.get(lang, (0.0,)):
                chosen = {**saved, "w": np.float32(weight), "o_bias": np.float32(bias)}
                f1 = dev_f1(chosen, xdv, ydv, ldv, log_probs)
                if f1 > best[0]:
                    best = (f1, epoch, chosen)
        log(f"epoch {epoch}: best dev F1 so far {best[0]:.4f} (epoch {best[1]})")
    out.mkdir(parents=True, exist_ok=True)
    keep = {k: v for k, v in best[2].items() if k != "o_bias" or lang in O_BIASES}
    np.savez(out / HEAD_FILE, **{k: np.asarray(v, dtype=np.float16 if k in ("w1", "w2") else np.float32)
                                 for k, v in keep.items()})
    return {"lang": lang, "out": str(out), "seed": seed, "members": members, "dev_f1": round(best[0], 4),
            "epoch": best[1], "transition_weight": float(best[2]["w"]), "o_bias": float(best[2]["o_bias"]),
            "train_texts": len(parts.train), "dev_texts": len(parts.dev),
            "minutes": round((time.perf_counter() - started) / 60, 1), "sources": sources,
            "tests": {k: str(v) for k, v in parts.tests.items()}}
