"""Coverage across languages: the documents, in any language, that report one happening (the Russian, Arabic,
Turkish and English reports of Yevkurov's first visit to Benghazi), found from what they share rather than from
their wording: the entities they name (resolved across scripts), when they were published, and, when the embed
stage has run, what their passages mean.

Two documents are linked when they were published within `window_days` of each other and
  - they share named entities with an IDF-weighted overlap of at least `entities_alone`, or
  - their meaning is close (cosine of their mean passage vectors at least `meaning`) and they share at least
    `entities_with_meaning` of weighted overlap.
A group is a connected set of links; near-duplicates (a republished wire story) always join their original.
Entities named in most documents (a country, in a workspace about it) weigh little: IDF, computed over the
documents grouped."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

WINDOW_DAYS = 3.0
MAX_SPAN_DAYS = 4.0        # a group never spans more: links do not chain a flood into the visit a week later
ENTITIES_ALONE = 0.35
ENTITIES_WITH_MEANING = 0.15
MEANING = 0.90
NEIGHBOURS = 200           # per entity, a document is compared with at most this many later ones in the window


@dataclass(frozen=True, slots=True)
class Item:
    """What grouping needs of a document."""

    id: str
    language: str | None
    published: datetime | None
    entities: frozenset[str]
    vector: np.ndarray | None = None          # mean passage vector, unit length
    duplicate_of: str | None = None


@dataclass(slots=True)
class Group:
    ids: list[str]                       # earliest first
    languages: list[str]
    entities: list[str]                  # shared by at least two members, most shared first
    first: datetime | None
    last: datetime | None
    links: list[tuple[str, str, str]] = field(default_factory=list)     # (id, id, why)


def group(items: list[Item], *, window_days: float = WINDOW_DAYS, entities_alone: float = ENTITIES_ALONE,
          entities_with_meaning: float = ENTITIES_WITH_MEANING, meaning: float = MEANING) -> list[Group]:
    """Groups of two or more documents, largest first."""
    by_id = {i.id: i for i in items}
    idf = _idf(items)
    parent = {i.id: i.id for i in items}
    span = {i.id: (_utc(i.published), _utc(i.published)) if i.published else None for i in items}
    links: list[tuple[str, str, str]] = []

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str, why: str, *, bounded: bool = True) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            links.append((a, b, why))
            return
        joined = _join(span[ra], span[rb])
        if bounded and joined and (joined[1] - joined[0]).total_seconds() > MAX_SPAN_DAYS * 86400:
            return
        links.append((a, b, why))
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        span[keep] = joined

    for item in items:
        if item.duplicate_of and item.duplicate_of in by_id:
            union(item.duplicate_of, item.id, "near-duplicate", bounded=False)
    for a, b in _candidates(items, idf, window_days):
        x, y = by_id[a], by_id[b]
        shared = _overlap(x.entities, y.entities, idf)
        if shared >= entities_alone:
            union(a, b, f"entities {shared:.2f}")
        elif shared >= entities_with_meaning and x.vector is not None and y.vector is not None:
            cosine = float(x.vector @ y.vector)
            if cosine >= meaning:
                union(a, b, f"entities {shared:.2f} + meaning {cosine:.2f}")

    members: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        members[find(item.id)].append(item)
    groups = []
    for root, group_items in members.items():
        if len(group_items) < 2:
            continue
        group_items.sort(key=lambda i: (_utc(i.published), i.id))
        ids = {i.id for i in group_items}
        counts: dict[str, int] = defaultdict(int)
        for i in group_items:
            for e in i.entities:
                counts[e] += 1
        dated = [i.published for i in group_items if i.published]
        groups.append(Group([i.id for i in group_items], sorted({i.language or "?" for i in group_items}),
                            [e for e, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2],
                            min(dated, key=_utc) if dated else None, max(dated, key=_utc) if dated else None,
                            [link for link in links if link[0] in ids]))
    return sorted(groups, key=lambda g: (-len(g.ids), _utc(g.first), g.ids[0]))


def _join(a, b):
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _idf(items: list[Item]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for item in items:
        for e in item.entities:
            df[e] += 1
    n = len(items)
    return {e: math.log((n + 1) / (k + 0.5)) for e, k in df.items()}


def _overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Weighted Ochiai overlap: the IDF of the shared entities over the geometric mean of the two lists' (a wire
    item naming five entities and an article naming twenty can still report one meeting, while a teaser naming
    three does not join every story that names two of them)."""
    norm = math.sqrt(sum(idf[e] for e in a) * sum(idf[e] for e in b))
    return sum(idf[e] for e in a & b) / norm if norm else 0.0


def _candidates(items: list[Item], idf: dict[str, float], window_days: float):
    """Pairs within the time window that share an entity: an inverted index sorted by time, so the work follows
    the pairs that could link; a busy entity (a country on a busy day) compares each document with at most
    NEIGHBOURS later ones, as near-duplicate groups and shared rarer names link the rest."""
    postings: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.published is None:
            continue                  # undated documents are grouped only as near-duplicates
        for e in item.entities:
            postings[e].append(item)
    seen: set[tuple[str, str]] = set()
    window = window_days * 86400
    for docs in postings.values():
        docs.sort(key=lambda i: _utc(i.published))
        for k, x in enumerate(docs):
            for y in docs[k + 1:k + 1 + NEIGHBOURS]:
                if (_utc(y.published) - _utc(x.published)).total_seconds() > window:
                    break
                pair = (x.id, y.id) if x.id < y.id else (y.id, x.id)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


_EPOCH_END = datetime.max.replace(tzinfo=timezone.utc)


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return _EPOCH_END
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
