"""Near-duplicates: documents that repeat another (an agency story republished, a feed entry of a stored page),
so that corroboration counts them once.

Two documents are one story when the word 4-shingles of their folded texts have a Jaccard similarity of at least
THRESHOLD, or when they have the same URL. On the demo the republished pairs score 0.83 and 0.93 and the next
pair 0.12 (two wire items on the same visit), so 0.5 leaves a wide margin on both sides. The earliest published
document of a group is the original (ties: the longer text).

The join is exact (up to 64-bit hash collisions of shingles) and needs no pairwise pass: with shingles ordered
rarest first, two sets with Jaccard >= t must share one of the first |s| - ceil(t|s|) + 1 shingles of each
("prefix filtering"), so only documents sharing a rare shingle are compared, and a pair whose remaining
shingles cannot reach the overlap t needs is dropped at once (the positional filter of PPJoin, Xiao et al.
2008).

Above `EXACT_UP_TO` documents the join switches to MinHash LSH (`lsh.py`): signatures of 512 bytes a document
instead of every shingle set; the candidate pairs (estimated Jaccard within 0.15 of the threshold) are confirmed
exactly, so LSH only misses a pair that shares no band (probability 0.004 at Jaccard 0.5). bench/
near_duplicates.py measures both up to 100,000 documents.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from ..text.normalize import fold, words

THRESHOLD = 0.5
SHINGLE = 4
MIN_SHINGLES = 12       # shorter texts (headlines, feed teasers) are matched by URL only
EXACT_UP_TO = 20_000    # documents; more go through MinHash LSH
_EPOCH_END = datetime.max.replace(tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True)
class Text:
    """What duplicate detection needs of a document."""

    id: str
    text: str
    url: str | None = None
    published: datetime | None = None


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """The text's word `size`-grams after folding, hashed (compared within one process only)."""
    tokens = words(fold(text))
    return {hash(gram) for gram in zip(*(tokens[i:] for i in range(size)))}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def near_duplicates(texts: Iterable[Text], threshold: float = THRESHOLD, *, method: str = "auto") -> dict[str, str]:
    """doc id -> id of the original it repeats, for every document that repeats another. `method`: exact
    (prefix-filtered join), lsh (MinHash LSH), or auto (exact up to EXACT_UP_TO documents)."""
    if method not in ("auto", "exact", "lsh"):
        raise ValueError(f"method must be auto, exact or lsh, not {method!r}")
    docs = list(texts)
    lsh = method == "lsh" or (method == "auto" and len(docs) > EXACT_UP_TO)
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_url: dict[str, str] = {}
    for d in docs:
        key = _url_key(d.url)
        if key:
            if key in by_url:
                union(by_url[key], d.id)
            else:
                by_url[key] = d.id
    for a, b in (_lsh_pairs(docs, threshold) if lsh else _similar_pairs(docs, threshold)):
        union(a, b)

    groups: dict[str, list[Text]] = defaultdict(list)
    for d in docs:
        groups[find(d.id)].append(d)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda d: (_utc(d.published), -len(d.text), d.id))
        out.update({d.id: original.id for d in members if d.id != original.id})
    return out


def _similar_pairs(docs: list[Text], threshold: float) -> Iterable[tuple[str, str]]:
    """Prefix filtering with the positional bound (PPJoin): a candidate is dropped as soon as the shingles left
    after the shared one cannot make up the overlap the threshold needs."""
    sets = {d.id: s for d in docs if len(s := shingles(d.text)) >= MIN_SHINGLES}
    freq = Counter(token for s in sets.values() for token in s)
    index: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for doc_id in sorted(sets, key=lambda i: (len(sets[i]), i)):       # smaller sets first
        tokens = sorted(sets[doc_id], key=lambda t: (freq[t], t))
        size = len(tokens)
        prefix = size - math.ceil(threshold * size) + 1
        overlap: dict[str, int] = {}
        for i, token in enumerate(tokens[:prefix]):
            for other, j in index[token]:
                seen = overlap.get(other, 0)
                if seen < 0:
                    continue                                              # already ruled out
                other_size = len(sets[other])
                if other_size < threshold * size:
                    overlap[other] = -1
                    continue
                needed = math.ceil(threshold / (1 + threshold) * (size + other_size))
                if seen + 1 + min(size - i - 1, other_size - j - 1) < needed:
                    overlap[other] = -1
                else:
                    overlap[other] = seen + 1
            index[token].append((doc_id, i))
        for other, seen in overlap.items():
            if seen > 0 and jaccard(sets[doc_id], sets[other]) >= threshold:
                yield other, doc_id


LSH_SLACK = 0.15        # candidates estimated this far below the threshold are still checked exactly


def _lsh_pairs(docs: list[Text], threshold: float) -> Iterable[tuple[str, str]]:
    """MinHash LSH candidates, each confirmed by its exact Jaccard (shingles are recomputed for those few
    documents only, so memory holds signatures, not every set)."""
    from .lsh import similar_pairs
    by_id = {d.id: d for d in docs}
    sets = ((d.id, s) for d in docs if len(s := shingles(d.text)) >= MIN_SHINGLES)
    cache: dict[str, set[int]] = {}

    def shingled(doc_id: str) -> set[int]:
        if doc_id not in cache:
            if len(cache) > 10_000:
                cache.clear()
            cache[doc_id] = shingles(by_id[doc_id].text)
        return cache[doc_id]

    for a, b in similar_pairs(sets, threshold, slack=LSH_SLACK):
        if jaccard(shingled(a), shingled(b)) >= threshold:
            yield a, b


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    key = url.strip().split("#", 1)[0].rstrip("/")
    for scheme in ("https://", "http://"):
        if key.startswith(scheme):
            key = key[len(scheme):]
    return key[4:] if key.startswith("www.") else key


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return _EPOCH_END
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
