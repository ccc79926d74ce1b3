"""MinHash LSH for near-duplicates at scale: each document's word 4-shingles become a 128-value MinHash
signature; documents that agree on all 3 values of any of 42 bands are candidates, and a candidate pair is kept
when the share of equal values (the Jaccard estimate, ±0.044 at 0.5) comes within a slack of the threshold;
`duplicates` then computes the exact Jaccard of those few pairs from their texts.

The bands are tuned for a threshold of 0.5: a pair at Jaccard 0.5 becomes a candidate with probability 0.996,
at 0.3 with 0.68, at 0.12 (two wire items on one visit, the demo's closest non-duplicates) with 0.07.
Candidates come from sorting each band's keys (numpy), not from per-document buckets, so memory stays at the
signatures (512 bytes a document: 0.5 GB for a million) plus one band at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

PERMUTATIONS = 128
BANDS, ROWS = 42, 3
RUN_ALL_PAIRS = 64         # a bucket up to this size compares all its pairs; larger ones compare with the first
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


@dataclass(frozen=True)
class MinHasher:
    """Multiply-shift hash functions ((a·x + b) mod 2^64) >> 32 with odd `a`, fixed by the seed."""

    permutations: int = PERMUTATIONS
    seed: int = 17

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        object.__setattr__(self, "a", rng.integers(1, 2 ** 63, self.permutations, dtype=np.uint64) | np.uint64(1))
        object.__setattr__(self, "b", rng.integers(0, 2 ** 63, self.permutations, dtype=np.uint64))

    def signature(self, hashes: Iterable[int]) -> np.ndarray:
        """(permutations,) uint32: the least hashed value of the set under each function."""
        values = np.fromiter((h & 0xFFFFFFFFFFFFFFFF for h in hashes), dtype=np.uint64)
        if len(values) == 0:
            return np.full(self.permutations, 0xFFFFFFFF, dtype=np.uint32)
        with np.errstate(over="ignore"):
            mixed = (np.multiply.outer(self.a, values) + self.b[:, None]) >> np.uint64(32)
        return mixed.min(axis=1).astype(np.uint32)


def candidate_pairs(signatures: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """(k, 2) int64 row pairs (i < j) that share at least one band."""
    found = []
    n = len(signatures)
    for band in range(bands):
        block = signatures[:, band * rows:(band + 1) * rows].astype(np.uint64)
        with np.errstate(over="ignore"):
            keys = block[:, 0] * _MIX[0] ^ block[:, 1] * _MIX[1] ^ block[:, 2] * _MIX[2] if rows == 3 else \
                np.bitwise_xor.reduce(block * _MIX[0], axis=1)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, n])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1]):
            members = np.sort(order[start:start + size])
            if size <= RUN_ALL_PAIRS:
                i, j = np.triu_indices(size, 1)
                found.append(np.stack([members[i], members[j]], axis=1))
            else:          # a huge bucket (boilerplate): each member against the first and its neighbour
                found.append(np.stack([np.repeat(members[0], size - 1), members[1:]], axis=1))
                found.append(np.stack([members[:-1], members[1:]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    return np.unique(pairs, axis=0)


def estimated_jaccard(signatures: np.ndarray, pairs: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    """The share of equal signature values for each pair."""
    out = np.empty(len(pairs), dtype=np.float32)
    for at in range(0, len(pairs), chunk):
        p = pairs[at:at + chunk]
        out[at:at + chunk] = (signatures[p[:, 0]] == signatures[p[:, 1]]).mean(axis=1)
    return out


def similar_pairs(shingle_sets: Iterable[tuple[str, set[int]]], threshold: float,
                  hasher: MinHasher | None = None, *, slack: float = 0.0) -> Iterable[tuple[str, str]]:
    """(id, id) for documents whose estimated Jaccard reaches `threshold - slack`; the sets are read once and
    only the signatures are kept. With a slack the caller checks each pair exactly (see `duplicates`)."""
    hasher = hasher or MinHasher()
    ids: list[str] = []
    rows: list[np.ndarray] = []
    for doc_id, shingles in shingle_sets:
        ids.append(doc_id)
        rows.append(hasher.signature(shingles))
    if len(ids) < 2:
        return
    signatures = np.vstack(rows)
    del rows
    pairs = candidate_pairs(signatures)
    kept = pairs[estimated_jaccard(signatures, pairs) >= threshold - slack]
    for i, j in kept:
        yield ids[i], ids[j]
