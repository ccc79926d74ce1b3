"""The known entities a search names, in any script or spelling ("حفتر", "Хафтар", "Hifter" → Khalifa Haftar),
through the same resolver the pipeline uses (term base + the workspace's own entities and merges).

Precision first: the whole query may resolve by any rule; a part of a longer query only by an exact spelling
(alias, key, normal form), so "air defence systems" never turns into an entity by fuzzy luck."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..text.normalize import light, words

EXACT_RULES = frozenset({"alias", "acronym", "key", "normal"})
MAX_WORDS = 4            # longest name looked for inside a longer query
MIN_PART_CHARS = 3       # a shorter word alone is never taken for a name


@dataclass(frozen=True, slots=True)
class QueryEntity:
    entity_id: str
    name: str
    surface: str           # the words of the query that named it
    rule: str
    whole: bool            # the whole query is this name


def query_entities(con: sqlite3.Connection, query: str, names=None) -> list[QueryEntity]:
    """Entities the query names: the whole query if it is a name, else its longest exact names, left to right."""
    resolver = (names or _names(con)).resolver
    text = " ".join(light(query.replace('"', " ")).split())
    if not text:
        return []
    whole = _resolve(con, resolver, text, rules=None)
    if whole:
        return [QueryEntity(whole[0], whole[1], text, whole[2], True)]
    tokens = words(text)
    found: list[QueryEntity] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            part = " ".join(tokens[i:i + n])
            if len(part) < MIN_PART_CHARS:
                continue
            hit = _resolve(con, resolver, part, rules=EXACT_RULES)
            if hit:
                if all(q.entity_id != hit[0] for q in found):
                    found.append(QueryEntity(hit[0], hit[1], part, hit[2], False))
                i += n
                break
        else:
            i += 1
    return found


_names_cache: dict[tuple, object] = {}


def _names(con: sqlite3.Connection):
    """The workspace's resolver, rebuilt only when its entities or merges change (building takes ~0.2 s)."""
    from ..analysis.participants import Names
    path = con.execute("PRAGMA database_list").fetchone()[2] or f"memory:{id(con)}"
    state = (path, *con.execute("SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM entity_merges),"
                                " (SELECT count(*) FROM entity_merges WHERE undone_at IS NOT NULL),"
                                " (SELECT count(*) FROM entity_variants WHERE pinned = 1)").fetchone())
    if state not in _names_cache:
        _names_cache.clear()
        _names_cache[state] = Names.for_connection(con)
    return _names_cache[state]


def _resolve(con: sqlite3.Connection, resolver, text: str, rules) -> tuple[str, str, str] | None:
    """(entity id after merges, canonical name, rule) or None. An ambiguous name is taken when only one of its
    candidates is mentioned in this workspace ("Wagner": the group, not the composer)."""
    found = resolver.resolve(text, None, None)
    if found.entity_id and (rules is None or found.rule in rules):
        return (*_final(con, found.entity_id, found.canonical or text), found.rule)
    if found.rule == "ambiguous" and found.candidates and rules is None:
        present = [c for c, _ in found.candidates if _mentioned(con, c)]
        if len(present) == 1:
            entry = resolver.index.entries.get(present[0])
            return (*_final(con, present[0], entry.name if entry else present[0]), "ambiguous, one in workspace")
    return None


def _final(con: sqlite3.Connection, entity_id: str, name: str) -> tuple[str, str]:
    """Follow the analyst's merges to the entity the links now point at."""
    seen = set()
    while entity_id not in seen:
        seen.add(entity_id)
        row = con.execute("SELECT merged_into, name FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            break
        name = row[1]
        if not row[0]:
            break
        entity_id = row[0]
    return entity_id, name


def _mentioned(con: sqlite3.Connection, entity_id: str) -> bool:
    final, _ = _final(con, entity_id, entity_id)
    return con.execute("SELECT 1 FROM entity_links WHERE entity_id = ? LIMIT 1", (final,)).fetchone() is not None


def names_only(query: str, entities: list[QueryEntity]) -> bool:
    """Whether the query is nothing but names ("Haftar Moscow"): then a document must mention every one of
    them. Otherwise the names only back up what text or meaning found ("Wagner air bases in Libya" does not
    match every document that mentions Libya)."""
    if not entities:
        return False
    if any(e.whole for e in entities):
        return True
    named = {w for e in entities for w in words(e.surface)}
    return all(w in named for w in words(" ".join(light(query.replace('"', " ")).split())))
