"""The entity store: which canonical entity each name mention belongs to, every spelling seen, and the
merges and splits (automatic or by an analyst) that shaped it, each undoable.

Written by the parent process only (one writer): `record` after a document is processed, and the
analyst's `merge` / `split` / `undo`. Variant counts are derived from the links, so re-recording a
document, merging or undoing never double counts.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from rapidfuzz import fuzz

from ..errors import InputError, NotFound
from ..model.ids import content_id
from ..names.index import KIND_OF_LABEL, KnownEntity
from ..names.keys import name_key, script_name, skeleton
from .repo import now_iso

NEW_AFTER_DOCS = 2      # an unknown name gets its own entity once seen in this many documents
SAME_SPELLING = 90      # Latin/Cyrillic spellings this close (rapidfuzz ratio of keys) group as one new name
UNKNOWN = ("unknown", "ambiguous", "unscoped")
_LINK_COLUMNS = ('entity_links (doc_id, "start", "end", surface, label, lang, key, resolved_id, base_id, entity_id,'
                 " rule, score, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_LINK = "INSERT INTO " + _LINK_COLUMNS
_INSERT_LINK_REPLACING = "INSERT OR REPLACE INTO " + _LINK_COLUMNS
PAIRS_PER_QUERY = 400        # (entity, spelling) pairs recounted by one statement (two parameters each)


@dataclass(frozen=True, slots=True)
class Link:
    """One mention as the store takes it (built from a Mention, a dict, or given directly)."""

    start: int
    end: int
    surface: str
    label: str | None
    entity_id: str | None
    canonical: str | None
    kind: str | None
    rule: str
    score: float
    lang: str | None = None
    evidence: str | None = None
    declined: str | None = None     # the entity it was not linked to for want of evidence


def as_link(mention: Any, lang: str | None = None) -> Link:
    """A Link from a `model.Mention` (optional `rule`/`kind` attributes), a dict, or a Link."""
    if isinstance(mention, Link):
        return mention
    get = mention.get if isinstance(mention, dict) else (lambda name, default=None: getattr(mention, name, default))
    span = get("span")
    start, end = (span.start, span.end) if span is not None and not isinstance(span, (list, tuple)) else \
        (span[0], span[1]) if span is not None else (get("start"), get("end"))
    surface = get("text") or get("surface") or ""
    if start is None or end is None or not surface:
        raise InputError(repr(mention)[:80], "a mention needs a span (start, end) and its text")
    entity_id = get("entity_id")
    rule = get("rule") or ("resolved" if entity_id else "unknown")
    label = get("label")
    kind = get("kind") or KIND_OF_LABEL.get((label or "").upper(), "other")
    return Link(int(start), int(end), surface, label, entity_id, get("value") or get("canonical"), kind, rule,
                float(get("score", None) or get("confidence", None) or (1.0 if entity_id else 0.0)),
                get("lang") or lang, get("evidence"), get("declined"))


def new_key(kind: str, surface: str) -> str:
    """How an unknown name groups across documents: its kind and consonant skeleton (else its key)."""
    return f"{kind}:{skeleton(surface).replace(' ', '') or name_key(surface)}"


def same_name(surface: str, spellings: Iterable[str]) -> bool:
    """Whether an unknown name (same kind and skeleton) belongs with these spellings: judged by those in its
    own script family when there are any (علي حسن Hasan is not علي حسين Husayn; "Ali Hassan" is not "Ali
    Hussein"), else by the shared skeleton alone (محمد زكريا = Mohammed Zakariya)."""
    arabic = script_name(surface) == "arabic"
    key = name_key(surface)
    same = [s for s in spellings if (script_name(s) == "arabic") == arabic]
    return not same or any(name_key(s) == key or (not arabic and fuzz.ratio(name_key(s), key) >= SAME_SPELLING)
                           for s in same)


class _Memo:
    """What recording reads again and again, remembered while one batch (or one record) writes: where an entity
    sits after merges, which spellings an analyst pinned, the new-name entities of a key and each one's
    spellings. Nothing else writes meanwhile (the batch holds the write transaction); every write of our own
    that changes an answer updates or drops it here, so the rows come out as without it."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.finals: dict[str, str] = {}
        self.new_ids: dict[str, list[str]] = {}
        self.spellings: dict[str, set[str]] = {}
        # Pins change only by an analyst's split or undo, never while documents are recorded.
        self.pinned = frozenset(r[0] for r in con.execute("SELECT DISTINCT variant FROM entity_variants"
                                                          " WHERE pinned = 1"))

    def links_moved(self) -> None:
        """Links changed entity (a merge, a document's old links deleted): spellings and finals read afresh."""
        self.finals.clear()
        self.spellings.clear()


class EntityStore:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self._held: set[tuple[str, str]] | None = None     # (entity, spelling) rows to recount when a batch ends
        self._memo: _Memo | None = None                     # set while a batch or a record writes
        self._waiting: dict[str, list[tuple[int, str, str]]] | None = None   # while a record writes: see _unlinked

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Record many documents, recounting the variant rows they touch once at the end: a spelling seen in
        many of them (a head of state in every article) is counted once a batch instead of once a document.
        The rows come out as if each record had recounted them: a recount reads only the links."""
        if self._held is not None:
            yield
            return
        self._held = set()
        self._memo = _Memo(self.con)
        try:
            yield
            with self._write():
                self._recount_pairs(sorted(self._held))
        finally:
            self._held = None
            self._memo = None

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A savepoint: works inside the caller's transaction and on its own."""
        self.con.execute("SAVEPOINT entities")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK TO entities")
            self.con.execute("RELEASE entities")
            raise
        self.con.execute("RELEASE entities")

    # -- recording -----------------------------------------------------------------------------

    def record(self, doc_id: str, mentions: Iterable[Any], *, lang: str | None = None,
               kind_of: Callable[[str], str | None] | None = None) -> dict[str, int]:
        """Replace `doc_id`'s links with these mentions; returns counts (linked, unresolved, new, merged).

        `kind_of(entity_id)` (e.g. `EntityResolver.kind_of`) gives a resolved entity's kind when the
        mention does not carry one; otherwise the kind comes from the NER label.
        """
        links = [as_link(m, lang) for m in mentions]
        if kind_of is not None:
            links = [replace(link, kind=kind_of(link.entity_id) or link.kind) if link.entity_id else link
                     for link in links]
        report = {"linked": 0, "unresolved": 0, "new_entities": 0, "auto_merges": 0}
        own_memo = self._memo is None
        if own_memo:
            self._memo = _Memo(self.con)
        try:
            self._record(doc_id, links, report)
        except BaseException:
            if not own_memo:
                self._memo = _Memo(self.con)   # what it remembered may be rolled back
            raise
        finally:
            self._waiting = None
            if own_memo:
                self._memo = None
        return report

    def _record(self, doc_id: str, links: list[Link], report: dict[str, int]) -> None:
        memo = self._memo
        assert memo is not None
        with self._write():
            touched = {(r[0], r[1]) for r in self.con.execute(
                "SELECT DISTINCT entity_id, surface FROM entity_links WHERE doc_id = ? AND entity_id IS NOT NULL",
                (doc_id,))}
            self.con.execute("DELETE FROM entity_links WHERE doc_id = ?", (doc_id,))
            if touched:
                memo.links_moved()
            spans: set[tuple[int, int]] = set()
            keys = [None if (link.entity_id and link.rule not in UNKNOWN) or link.declined
                    else new_key(link.kind or "other", link.surface) for link in links]
            self._waiting = self._unlinked({k for k in keys if k}, doc_id)
            for link, key in zip(links, keys):
                if link.entity_id and link.rule not in UNKNOWN:
                    base = self._known(link, report)
                elif link.declined:
                    base = None                  # declined for want of evidence: it joins no name group either
                else:
                    base = self._new_entity(doc_id, key, link, report)
                base = self._pinned(link.surface, base)
                final = self._final(base) if base else None
                # The document's old links are gone, so only a span repeated in `links` can conflict; a plain
                # INSERT costs a third of INSERT OR REPLACE (which needs a statement journal with foreign keys on).
                span = (link.start, link.end)
                self.con.execute(
                    _INSERT_LINK_REPLACING if span in spans else _INSERT_LINK,
                    (doc_id, link.start, link.end, link.surface, link.label, link.lang, key,
                     link.entity_id if link.rule not in UNKNOWN else link.declined, base, final,
                     "new" if key and base else link.rule, link.score,
                     "a name first seen here, grouped with the same spelling in other documents"
                     if key and base else link.evidence))
                spans.add(span)
                report["linked" if final else "unresolved"] += 1
                if final:
                    touched.add((final, link.surface))
                    if final in memo.spellings:
                        memo.spellings[final].add(link.surface)
            if self._held is not None:
                self._held |= touched
            else:
                self._recount_pairs(touched)

    def _known(self, link: Link, report: dict[str, int]) -> str:
        """Make sure the resolved entity exists; fold a new-name entity with the same key into it."""
        if self.con.execute("SELECT 1 FROM entities WHERE id = ?", (link.entity_id,)).fetchone() is None:
            self.con.execute("INSERT INTO entities (id, kind, name, origin, created) VALUES (?, ?, ?, 'known', ?)",
                             (link.entity_id, link.kind or "other", link.canonical or link.surface, now_iso()))
        # An analyst who undid such a merge said they differ: do not redo it.
        strays = self.con.execute(
            "SELECT id FROM entities e WHERE key = ? AND origin = 'new' AND merged_into IS NULL AND id != ?"
            " AND NOT EXISTS (SELECT 1 FROM entity_merges m WHERE m.merged_id = e.id AND m.kept_id = ?"
            " AND m.undone_at IS NOT NULL)",
            (new_key(link.kind or "other", link.surface), link.entity_id, link.entity_id)).fetchall()
        for (stray,) in strays:
            if same_name(link.surface, self._spellings(stray)):
                self._merge(link.entity_id, stray, actor="auto", rule=link.rule, score=link.score)
                report["auto_merges"] += 1
        return link.entity_id

    def _new_entity(self, doc_id: str, key: str, link: Link, report: dict[str, int]) -> str | None:
        """The workspace entity for an unknown name, created once it shows up in NEW_AFTER_DOCS documents."""
        for entity_id in self._new_ids(key):
            if same_name(link.surface, self._spellings(entity_id)):
                return entity_id
        pending = self._pending(key, doc_id, link.surface)
        if len({doc for _, doc in pending}) + 1 < NEW_AFTER_DOCS:
            return None
        entity_id = content_id("e", key, name_key(link.surface))
        self.con.execute("INSERT INTO entities (id, kind, name, origin, key, created) VALUES (?, ?, ?, 'new', ?, ?)",
                         (entity_id, link.kind or "other", link.surface, key, now_iso()))
        self.con.executemany("UPDATE entity_links SET base_id = ?, entity_id = ?, rule = 'new' WHERE id = ?",
                             [(entity_id, entity_id, link_id) for link_id, _ in pending])
        if self._waiting is not None and key in self._waiting:      # linked now: no longer waiting
            taken = {link_id for link_id, _ in pending}
            self._waiting[key] = [row for row in self._waiting[key] if row[0] not in taken]
        if self._memo is not None:
            self._memo.new_ids.setdefault(key, []).append(entity_id)
            self._memo.spellings.pop(entity_id, None)
        self._recount((entity_id,))
        report["new_entities"] += 1
        return entity_id

    def _pending(self, key: str, doc_id: str, surface: str) -> list[tuple[int, str]]:
        """(link id, document) of other documents' unknown mentions that are this name: the same spelling
        in its own script family; in the other family only when a single spelling is waiting there, since
        Arabic حسن and حسين both share the skeleton of "Hassan"."""
        if self._waiting is not None and key in self._waiting:
            rows = self._waiting[key]
        else:
            rows = self.con.execute("SELECT id, doc_id, surface FROM entity_links WHERE key = ? AND entity_id IS NULL"
                                    " AND doc_id != ?", (key, doc_id)).fetchall()
        arabic = script_name(surface) == "arabic"
        own = [(i, d) for i, d, s in rows if (script_name(s) == "arabic") == arabic and same_name(surface, [s])]
        other = [(i, d, s) for i, d, s in rows if (script_name(s) == "arabic") != arabic]
        if len({name_key(s) for _, _, s in other}) == 1:
            own += [(i, d) for i, d, _ in other]
        return own

    def _unlinked(self, keys: set[str], doc_id: str) -> dict[str, list[tuple[int, str, str]]]:
        """(link id, document, surface) of other documents' unknown mentions under each of these keys, read by one
        statement for a whole record instead of one per name. While the record goes on only `_new_entity` links
        such rows (it drops them here); this document's own rows are never among them."""
        waiting: dict[str, list[tuple[int, str, str]]] = {k: [] for k in keys}
        ordered = sorted(keys)
        for at in range(0, len(ordered), PAIRS_PER_QUERY):
            chunk = ordered[at:at + PAIRS_PER_QUERY]
            for key, link_id, doc, surface in self.con.execute(
                    "SELECT key, id, doc_id, surface FROM entity_links WHERE key IN (" + ", ".join("?" * len(chunk))
                    + ") AND entity_id IS NULL AND doc_id != ? ORDER BY id", (*chunk, doc_id)):
                waiting[key].append((link_id, doc, surface))
        return waiting

    def _new_ids(self, key: str) -> list[str]:
        """The new-name entities grouped under `key`, oldest first."""
        memo = self._memo
        if memo is not None and key in memo.new_ids:
            return memo.new_ids[key]
        found = [r[0] for r in self.con.execute("SELECT id FROM entities WHERE key = ? AND origin = 'new'"
                                                " ORDER BY rowid", (key,))]
        if memo is not None:
            memo.new_ids[key] = found
        return found

    def _spellings(self, entity_id: str) -> list[str] | set[str]:
        """Its spellings so far, from the links (variant rows are recounted only when a record ends)."""
        memo = self._memo
        if memo is not None and entity_id in memo.spellings:
            return memo.spellings[entity_id]
        found = {r[0] for r in self.con.execute("SELECT DISTINCT surface FROM entity_links WHERE entity_id = ?",
                                                (entity_id,))}
        if memo is not None:
            memo.spellings[entity_id] = found
        return found

    def _pinned(self, surface: str, base: str | None) -> str | None:
        """An analyst's split wins: a pinned variant goes to its entity when the mention lands where it came from."""
        if base is None or (self._memo is not None and surface not in self._memo.pinned):
            return base
        final = self._final(base)
        for entity_id, pinned_from in self.con.execute(
                "SELECT v.entity_id, v.pinned_from FROM entity_variants v JOIN entities e ON e.id = v.entity_id"
                " WHERE v.variant = ? AND v.pinned = 1", (surface,)):
            if pinned_from and self._final(pinned_from) == final:
                return entity_id
        return base

    def _final(self, entity_id: str) -> str:
        memo = self._memo
        if memo is None:
            return self._follow(entity_id)
        final = memo.finals.get(entity_id)
        if final is None:
            final = memo.finals[entity_id] = self._follow(entity_id)
        return final

    def _follow(self, entity_id: str) -> str:
        seen: set[str] = set()
        while entity_id not in seen:
            seen.add(entity_id)
            row = self.con.execute("SELECT merged_into FROM entities WHERE id = ?", (entity_id,)).fetchone()
            if row is None or row[0] is None:
                return entity_id
            entity_id = row[0]
        return entity_id

    def _recount(self, entity_ids: Iterable[str]) -> None:
        """Rebuild every variant row of these entities from their links (after a merge, split or undo). Inside a
        batch the pairs wait for its end: nothing reads variant rows while documents are recorded (pins aside,
        which recording never changes), and every later change to their links is recounted there too."""
        pairs: set[tuple[str, str]] = set()
        for entity_id in {e for e in entity_ids if e}:
            pairs.update((entity_id, r[0]) for r in self.con.execute(
                "SELECT variant FROM entity_variants WHERE entity_id = ?"
                " UNION SELECT surface FROM entity_links WHERE entity_id = ?", (entity_id, entity_id)))
        if self._held is not None:
            self._held |= pairs
        else:
            self._recount_pairs(pairs)

    def _recount_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Rebuild these (entity, spelling) rows from the links: count, first document, best rule and score.
        Only the spellings touched are counted, so recording a document costs the same late in a corpus. The
        links are read by one statement for many pairs and the rows written in the order given."""
        pairs = list(pairs)
        for at in range(0, len(pairs), PAIRS_PER_QUERY):
            self._recount_chunk(pairs[at:at + PAIRS_PER_QUERY])

    def _recount_chunk(self, pairs: list[tuple[str, str]]) -> None:
        found = {(r[0], r[1]): r[2:] for r in self.con.execute(
            "WITH p(e, s) AS (VALUES " + ", ".join(["(?, ?)"] * len(pairs)) + "),"
            " c AS (SELECT e, s,"
            " (SELECT count(*) FROM entity_links WHERE entity_id = p.e AND surface = p.s) AS n,"
            " (SELECT min(id) FROM entity_links WHERE entity_id = p.e AND surface = p.s) AS first,"
            # the best-scored link; of equal scores the latest, as the index on (entity, surface, score) gives
            " (SELECT id FROM entity_links WHERE entity_id = p.e AND surface = p.s"
            "  ORDER BY score DESC, id DESC LIMIT 1) AS best FROM p)"
            " SELECT c.e, c.s, c.n, f.doc_id, f.lang, b.rule, b.score, b.evidence FROM c"
            " LEFT JOIN entity_links f ON f.id = c.first LEFT JOIN entity_links b ON b.id = c.best",
            [x for pair in pairs for x in pair])}
        writes: list[tuple[str, tuple]] = []
        for entity_id, surface in pairs:
            count, doc, lang, rule, score, evidence = found[(entity_id, surface)]
            pin = None if self._memo is not None and surface not in self._memo.pinned else self.con.execute(
                "SELECT pinned_from FROM entity_variants WHERE entity_id = ? AND variant = ? AND pinned = 1",
                (entity_id, surface)).fetchone()
            if not count and pin is None:
                writes.append(("DELETE FROM entity_variants WHERE entity_id = ? AND variant = ?",
                               (entity_id, surface)))
                continue
            if pin is not None:
                rule, score, evidence = "analyst", 1.0, "pinned by an analyst's split"
            writes.append(("INSERT OR REPLACE INTO entity_variants (entity_id, variant, script, lang, count,"
                           " first_seen, rule, score, pinned, pinned_from, evidence)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (entity_id, surface, script_name(surface), lang, count, doc, rule, score,
                            int(pin is not None), pin[0] if pin is not None else None, evidence)))
        at = 0
        while at < len(writes):      # runs of the same statement, in order
            end = at
            while end < len(writes) and writes[end][0] == writes[at][0]:
                end += 1
            self.con.executemany(writes[at][0], [params for _, params in writes[at:end]])
            at = end

    # -- analyst actions -----------------------------------------------------------------------

    def merge(self, keep: str, other: str, *, actor: str = "analyst", rule: str | None = None,
              score: float | None = None) -> int:
        """Fold `other` into `keep` (names or ids); returns the merge id (for `undo`)."""
        with self._write():
            kept, merged = self._final(self.get(keep)["id"]), self.get(other)
            if merged["merged_into"]:
                raise InputError(other, f"was already merged into {self._final(merged['id'])}; undo that first")
            if kept == merged["id"]:
                raise InputError(other, f"is already the same entity as {keep!r}")
            merged = merged["id"]
            return self._merge(kept, merged, actor=actor, rule=rule or actor, score=score)

    def _merge(self, kept: str, merged: str, *, actor: str, rule: str, score: float | None) -> int:
        if actor not in ("auto", "analyst"):
            raise InputError(actor, "actor must be 'auto' or 'analyst'")
        self.con.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (kept, merged))
        self.con.execute("UPDATE entity_links SET entity_id = ? WHERE entity_id = ?", (kept, merged))
        if self._memo is not None:
            self._memo.links_moved()
        cur = self.con.execute("INSERT INTO entity_merges (op, kept_id, merged_id, rule, score, actor, at)"
                               " VALUES ('merge', ?, ?, ?, ?, ?, ?)",
                               (kept, merged, rule, 1.0 if score is None else score, actor, now_iso()))
        self._recount((kept, merged))
        return int(cur.lastrowid)

    def split(self, entity_id: str, variants: list[str], *, actor: str = "analyst") -> str:
        """Move these spellings (and their mentions) of an entity to a new entity; returns its id."""
        with self._write():
            entity = self.get(entity_id)
            source = entity["id"]
            seen = {v["variant"] for v in self.variants(source)}
            missing = [v for v in variants if v not in seen]
            if missing or not variants:
                raise NotFound(f"entity {source}: no variant {', '.join(map(repr, missing)) or '(none given)'}; "
                               f"see `dragoman entities show {source}`")
            if set(variants) == seen:
                raise InputError(source, "splitting off every variant would leave the entity empty; merge instead")
            made = self.con.execute("SELECT count(*) FROM entity_merges WHERE op = 'split' AND kept_id = ?",
                                    (source,)).fetchone()[0]
            new_id = content_id("e", "split", source, str(made), *sorted(variants))
            counts = {v["variant"]: v["count"] for v in self.variants(source)}
            name = max(variants, key=lambda v: (script_name(v) == "latin", counts.get(v, 0)))
            self.con.execute("INSERT INTO entities (id, kind, name, origin, created) VALUES (?, ?, ?, 'split', ?)",
                             (new_id, entity["kind"], name, now_iso()))
            marks = ",".join("?" * len(variants))
            self.con.execute(f"UPDATE entity_links SET base_id = ?, entity_id = ? WHERE entity_id = ?"
                             f" AND surface IN ({marks})", (new_id, new_id, source, *variants))
            for v in variants:
                self.con.execute("INSERT INTO entity_variants (entity_id, variant, script, count, rule, score, pinned,"
                                 " pinned_from) VALUES (?, ?, ?, 0, 'analyst', 1.0, 1, ?)",
                                 (new_id, v, script_name(v), source))
            self.con.execute("INSERT INTO entity_merges (op, kept_id, merged_id, rule, score, actor, variants, at)"
                             " VALUES ('split', ?, ?, 'analyst', 1.0, ?, ?, ?)",
                             (source, new_id, actor, json.dumps(variants, ensure_ascii=False), now_iso()))
            self._recount((source, new_id))
            return new_id

    def undo(self, merge_id: int) -> dict[str, Any]:
        """Reverse a merge (the merged entity gets its mentions back) or a split (they go home)."""
        with self._write():
            row = self.con.execute("SELECT * FROM entity_merges WHERE id = ?", (merge_id,)).fetchone()
            if row is None:
                raise NotFound(f"merge {merge_id}: not found; see `dragoman entities show NAME` for merge ids")
            if row["undone_at"]:
                raise InputError(f"merge {merge_id}", f"was already undone at {row['undone_at']}")
            kept, other = row["kept_id"], row["merged_id"]
            if row["op"] == "merge":
                self.con.execute("UPDATE entities SET merged_into = NULL WHERE id = ?", (other,))
            else:
                # the split-off entity folds back; its pins go so new mentions stay home too
                self.con.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (kept, other))
                self.con.execute("DELETE FROM entity_variants WHERE entity_id = ? AND pinned = 1", (other,))
            affected = {self._final(kept), other, kept}
            marks = ",".join("?" * len(affected))
            for link_id, base in self.con.execute(
                    f"SELECT id, base_id FROM entity_links WHERE entity_id IN ({marks})", tuple(affected)).fetchall():
                final = self._final(base) if base else None
                self.con.execute("UPDATE entity_links SET entity_id = ? WHERE id = ?", (final, link_id))
                affected.add(final)
            self.con.execute("UPDATE entity_merges SET undone_at = ? WHERE id = ?", (now_iso(), merge_id))
            self._recount(affected)
            return {"undone": merge_id, "op": row["op"], "kept": kept, "other": other}

    # -- reading -------------------------------------------------------------------------------

    def get(self, id_or_name: str) -> dict[str, Any]:
        """An entity by id, canonical name, a spelling seen (if only one entity has it), or id prefix."""
        wanted = id_or_name.strip()
        row = self.con.execute("SELECT * FROM entities WHERE id = ?", (wanted,)).fetchone()
        if row is None:
            rows = self.con.execute("SELECT * FROM entities WHERE name = ? COLLATE NOCASE"
                                    " ORDER BY merged_into IS NOT NULL", (wanted,)).fetchall()
            if not rows:
                rows = self.con.execute(
                    "SELECT DISTINCT e.* FROM entity_variants v JOIN entities e ON e.id = v.entity_id"
                    " WHERE v.variant = ? AND e.merged_into IS NULL", (wanted,)).fetchall()
            if not rows and len(wanted) >= 4:
                rows = self.con.execute("SELECT * FROM entities WHERE id LIKE ? LIMIT 2",
                                        (wanted.replace("%", "") + "%",)).fetchall()
            if not rows:
                rows = self._by_key(wanted)
            if len(rows) > 1 and rows[0]["merged_into"] is None and rows[1]["merged_into"] is not None:
                rows = rows[:1]
            if len(rows) != 1:
                raise NotFound(f"entity {wanted!r}: " + ("ambiguous, several entities match; use an id"
                                                         if rows else "not found")
                               + "; list them with `dragoman entities list`")
            row = rows[0]
        return self._describe(row)

    def profile(self, id_or_name: str) -> dict[str, Any]:
        """Everything `entities show` prints: the entity (after merges), its spellings by script with why
        each is attached, its merge history, and the documents that mention it."""
        asked = self.get(id_or_name)
        final = self._final(asked["id"])
        entity = asked if final == asked["id"] else self.get(final)
        scripts: dict[str, list[dict[str, Any]]] = {}
        for v in self.variants(final):
            scripts.setdefault(v["script"], []).append(v)
        absorbed = [r[0] for r in self.con.execute("SELECT id FROM entities WHERE merged_into = ?", (final,))]
        history = {m["id"]: m for e in (final, *absorbed) for m in self.merges(e)}
        entity = {k: v for k, v in entity.items() if k != "documents"}
        return {**entity, "asked": asked["id"], "variants": scripts,
                "merges": [history[k] for k in sorted(history)], "documents": self.documents(final),
                "declined": self.declined(final)}

    def declined(self, entity_id: str) -> list[dict[str, Any]]:
        """Mentions that resolved to this entity but were not linked for want of evidence, and why."""
        rows = self.con.execute("SELECT doc_id, surface, evidence FROM entity_links WHERE resolved_id = ?"
                                " AND rule = 'unscoped' ORDER BY doc_id, \"start\"", (entity_id,))
        return [{"doc_id": r["doc_id"], "surface": r["surface"], "evidence": r["evidence"]} for r in rows]

    def _by_key(self, wanted: str) -> list[sqlite3.Row]:
        """Entities whose name, surname or a spelling seen has the same normalised key ("Yevkurov")."""
        key = name_key(wanted)
        if not key:
            return []
        ids = {r[0] for r in self.con.execute(
            "SELECT v.entity_id, v.variant FROM entity_variants v JOIN entities e ON e.id = v.entity_id"
            " WHERE e.merged_into IS NULL") if name_key(r[1]) == key}
        for entity_id, name in self.con.execute("SELECT id, name FROM entities WHERE merged_into IS NULL"):
            if key in (name_key(name), name_key(name.split()[-1]) if name.split() else ""):
                ids.add(entity_id)
        marks = ",".join("?" * len(ids))
        return self.con.execute(f"SELECT * FROM entities WHERE id IN ({marks})", tuple(ids)).fetchall() if ids else []

    def _describe(self, row: sqlite3.Row) -> dict[str, Any]:
        mentions, docs = self.con.execute("SELECT count(*), count(DISTINCT doc_id) FROM entity_links"
                                          " WHERE entity_id = ?", (row["id"],)).fetchone()
        return {"id": row["id"], "kind": row["kind"], "name": row["name"], "origin": row["origin"],
                "merged_into": row["merged_into"], "created": row["created"], "mentions": mentions,
                "documents": docs}

    def list(self, kind: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Entities (not merged away), most mentioned first."""
        sql = ("SELECT e.*, count(l.id) AS mentions, count(DISTINCT l.doc_id) AS docs FROM entities e"
               " LEFT JOIN entity_links l ON l.entity_id = e.id WHERE e.merged_into IS NULL")
        params: list[Any] = []
        if kind:
            sql += " AND e.kind = ?"
            params.append(kind)
        sql += " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?"
        params.append(limit)
        return [{"id": r["id"], "kind": r["kind"], "name": r["name"], "origin": r["origin"],
                 "mentions": r["mentions"], "documents": r["docs"]} for r in self.con.execute(sql, params)]

    def variants(self, entity_id: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT * FROM entity_variants WHERE entity_id = ? ORDER BY script, count DESC,"
                                " variant", (entity_id,))
        return [{"variant": r["variant"], "script": r["script"], "lang": r["lang"], "count": r["count"],
                 "first_seen": r["first_seen"], "rule": r["rule"], "score": r["score"], "pinned": bool(r["pinned"]),
                 "evidence": r["evidence"]}
                for r in rows]

    def merges(self, entity_id: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT * FROM entity_merges WHERE kept_id = ? OR merged_id = ? ORDER BY id",
                                (entity_id, entity_id))
        return [{"id": r["id"], "op": r["op"], "kept": r["kept_id"], "other": r["merged_id"], "rule": r["rule"],
                 "score": r["score"], "actor": r["actor"], "variants": json.loads(r["variants"]), "at": r["at"],
                 "undone_at": r["undone_at"]} for r in rows]

    def documents(self, entity_id: str) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT l.doc_id, count(*) AS n, d.title, d.language FROM entity_links l"
            " LEFT JOIN documents d ON d.id = l.doc_id WHERE l.entity_id = ? GROUP BY l.doc_id ORDER BY n DESC",
            (entity_id,))
        return [{"id": r["doc_id"], "mentions": r["n"], "title": r["title"], "language": r["language"]} for r in rows]

    def known(self) -> list[KnownEntity]:
        """What the resolver should know from the workspace: names born here, analysts' pins, and merges."""
        merged: dict[str, list[str]] = {}
        for kept, other in self.con.execute("SELECT merged_into, id FROM entities WHERE merged_into IS NOT NULL"):
            merged.setdefault(kept, []).append(other)
        pins: dict[str, list[str]] = {}
        for entity_id, variant in self.con.execute("SELECT entity_id, variant FROM entity_variants WHERE pinned = 1"):
            pins.setdefault(entity_id, []).append(variant)
        out = []
        for row in self.con.execute("SELECT * FROM entities"):
            own = row["origin"] != "known"
            if not (own or row["id"] in merged or row["id"] in pins):
                continue
            variants = tuple(r[0] for r in self.con.execute(
                "SELECT variant FROM entity_variants WHERE entity_id = ? AND pinned = 0", (row["id"],))) if own else ()
            out.append(KnownEntity(row["id"], row["kind"], row["name"], variants,
                                   tuple(merged.get(row["id"], ())), tuple(pins.get(row["id"], ()))))
        return out


def known_entities(db_path: Path) -> list[KnownEntity]:
    """`EntityStore.known()` read from a workspace database without writing (for worker processes);
    empty when the database predates the entity tables or cannot be opened."""
    from ..errors import WorkspaceError
    from .db import connect
    try:
        con = connect(Path(db_path), readonly=True)
    except (WorkspaceError, sqlite3.Error):
        return []
    try:
        return EntityStore(con).known()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()
