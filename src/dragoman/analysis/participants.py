"""Who takes part in a report: canonical names for the coder's actors and targets and for the people and
organisations named in the evidence span, with their entity ids and kinds.

A coder's actor or target is taken only when it is a name the pipeline found in the evidence sentence: a
resolved entity, a country the gazetteer placed ("Израиль" -> Israel: a state acting), or a person or
organisation the NER found that no entity holds yet ("Suren Papikyan"), kept as written. A common noun ("the
rebels", "19 civilians") is never a party."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable

from ..model import Mention
from ..names.index import KIND_OF_LABEL
from ..names.resolver import EntityResolver

PARTY_KINDS = frozenset({"person", "organisation", "unit"})   # who can act; places, sites and MISC names cannot
PARTY_LABELS = ("PER", "ORG")
COUNTRY = "country"           # a state named by its country (Russia, Израиль): a party, not only a place


@dataclass(frozen=True, slots=True)
class Party:
    name: str                 # canonical
    entity_id: str | None
    kind: str


class Names:
    """Canonical names through the entity resolver (term base + the workspace's own entities), cached."""

    def __init__(self, resolver: EntityResolver) -> None:
        self.resolver = resolver
        self._cache: dict[str, Party | None] = {}

    @classmethod
    def for_connection(cls, con: sqlite3.Connection | None = None) -> "Names":
        """A resolver that also knows the workspace's entities (analyst merges, names first seen there)."""
        return cls(EntityResolver.from_termbase(store_entities=_known(con), arabnamer="cached"))

    def resolve(self, name: str) -> Party | None:
        """The entity a free-text name (an actor, a `--entity` argument) stands for; None when unknown."""
        key = name.strip()
        if key not in self._cache:
            found = self.resolver.resolve(key, None, None) if key else None
            self._cache[key] = Party(found.canonical, found.entity_id, found.kind or "other") \
                if found is not None and found.entity_id and found.canonical else None
        return self._cache[key]

    def kind_of(self, entity_id: str | None, label: str | None) -> str:
        return self.resolver.kind_of(entity_id) or KIND_OF_LABEL.get((label or "").upper(), "other")

    def mention_parties(self, mentions: Iterable[Mention]) -> list[Party]:
        """People and organisations named (and resolved) in the span, in text order."""
        return [Party(m.value, m.entity_id, kind) for m in mentions
                if m.label in PARTY_LABELS and m.entity_id
                and (kind := self.kind_of(m.entity_id, m.label)) in PARTY_KINDS]

    def actors(self, names: Iterable[str], resolved: dict[str, Mention], place: str | None,
               local: dict[str, Party] | None = None) -> list[Party]:
        """The coder's actor or target strings that are known entities (an event's own place is not an actor);
        `resolved` maps the canonical names the document's mentions resolved to onto those mentions; `local`
        the names of the evidence sentence itself (see `sentence_parties`): its countries come first (the
        workspace may hold "Израиль" as a place of its own), its unlinked people and organisations last."""
        local = local or {}
        out: list[Party] = []
        for name in names:
            mention = resolved.get(name)
            found = local.get(name)
            if found is not None and found.kind == COUNTRY:
                party = found
            elif mention is not None:
                party = Party(name, mention.entity_id, self.kind_of(mention.entity_id, mention.label))
            else:
                party = self.resolve(name) or found
            if party is not None and party.name != place and party not in out:
                out.append(party)
        return out

    def sentence_parties(self, mentions: Iterable[Mention], places: Iterable) -> dict[str, Party]:
        """What the names of one sentence stand for, by surface and by the NER's normal form: a country the
        gazetteer resolved ("Израиль", "Azerbaïdjan" -> Israel, Azerbaijan) and a person or organisation the NER
        found without an entity (kept as written: "Gérald Darmanin", "Мухаммед бин Зайед")."""
        out: dict[str, Party] = {}
        countries = [p for p in places if getattr(p, "feature", None) == "country" and p.value]
        for p in countries:
            out[p.text] = Party(p.value, None, COUNTRY)
        for m in mentions:
            country = next((p for p in countries if p.span.start <= m.span.start and m.span.end <= p.span.end), None)
            if country is not None:
                out.setdefault(m.value, out[country.text])
                out.setdefault(m.text, out[country.text])
            elif m.label in PARTY_LABELS and not m.entity_id and m.value:
                party = Party(m.value, None, KIND_OF_LABEL.get(m.label, "other"))
                out.setdefault(m.value, party)
                out.setdefault(m.text, party)
        return out


def _known(con: sqlite3.Connection | None) -> list:
    """The workspace store's entities; none when there is no store or it predates the entity tables."""
    if con is None:
        return []
    try:
        from ..store.entities import EntityStore
    except ImportError:                    # a checkout without the entity store
        return []
    try:
        return EntityStore(con).known()
    except sqlite3.OperationalError:       # a workspace from before the entity store
        return []
