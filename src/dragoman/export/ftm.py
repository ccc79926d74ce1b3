"""FollowTheMoney entities (Aleph, `ftm` tools), one JSON object a line, each built and cleaned by the
`followthemoney` library against its model.

| FtM schema            | from                                                                          |
|-----------------------|-------------------------------------------------------------------------------|
| Article               | each document: title, body, English translation, URL, publisher, date, language |
| Person / Organization | each person / organisation or armed unit it names: canonical name, every alias  |
| Mention               | each (document, person or organisation): the spellings the document uses       |
| Address               | each resolved place: name, coordinates, country, feature and precision          |
| Documentation         | each (document, place): role "place mentioned"                                 |
| Event                 | each event: type and mode, who is involved, date at its precision, place, status |
| Note                  | each claim: what is said, by whom (attribution chain), certainty, English       |

Streaming means an entity named in many documents is written once per document, as a fragment with the same id
carrying that document's `sourceUrl` and `proof` (the Article); `ftm aggregate` (or Aleph's loader) merges the
fragments into one entity with every source. Events that are not told as done (planned, denied, unassigned…) say
so in their name, `notes` and `keywords` (`status:planned`), never passing as happenings.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, TextIO

from followthemoney import model

from ..text.controls import count_bidi, inert
from .facts import STATUS_WORDS, DocFacts, EntityRef, EventFact, PlaceRef, calendar
from .text import json_text

SCHEMA = {"person": "Person", "organisation": "Organization", "unit": "Organization"}
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")


def ftm_id(kind: str, *parts: str) -> str:
    """`dragoman-<kind>-<our id>`; a part with other characters than letters, digits, dot and dash is replaced by
    a hash of it (a gazetteer id's colon becomes a dash), so ids stay within what every FtM tool accepts and never collide."""
    safe = [p if _SAFE.fullmatch(p) else hashlib.sha256(p.encode("utf-8")).hexdigest()[:20]
            for p in (part.replace(":", "-") for part in parts)]
    return "-".join(["dragoman", kind, *safe])


def write(ctx, out: TextIO) -> None:
    shared: dict[str, Any] = {}        # entity and place fragments without their source, cleaned once each
    for facts in ctx.facts():
        entities = ctx.guarded(f"document {facts.id}", lambda: _document(ctx, facts, shared))
        if entities is None:
            continue
        for entity in entities:
            out.write(json_text(entity.to_dict()) + "\n")
            ctx.summary.count(entity.schema.name)


def _make(schema: str, ident: str, **values: Any):
    """An entity with each value cleaned by the model (a value the type refuses is dropped by `add`)."""
    proxy = model.make_entity(schema)
    proxy.id = ident
    for prop, value in values.items():
        if value in (None, "", [], ()):
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item not in (None, ""):
                proxy.add(prop, item)
    return proxy


def _sourced(shared: dict[str, Any], key: str, make, common: dict[str, str]):
    """A copy of the cached fragment `key` (made once by `make()`) with this document's source and proof."""
    if key not in shared:
        shared[key] = make()
    proxy = shared[key].clone()
    for prop, value in common.items():
        if value:
            proxy.add(prop, value)
    return proxy


def _document(ctx, facts: DocFacts, shared: dict[str, Any]) -> list:
    doc, source = facts.doc, facts.source
    article_id = ftm_id("doc", doc.id)
    common = {"sourceUrl": facts.url, "proof": article_id}
    body = _body(ctx, doc.text)
    capture = f"archived capture SHA-256 {facts.sha256}" if facts.sha256 else "no archived capture"
    english = _body(ctx, doc.translation_text())
    article = _make(
        "Article", article_id, title=facts.title or facts.title_english, name=facts.title or facts.title_english,
        summary=facts.title_english if facts.title_english != facts.title else None, bodyText=body,
        translatedText=english, translatedLanguage="eng" if english else None, language=doc.language,
        publishedAt=facts.published.isoformat() if facts.published else None, sourceUrl=facts.url,
        publisher=source.outlet,
        description=f"{source.outlet}: {source.descriptor}; Admiralty source reliability {source.grade}; {capture}",
        peopleMentioned=[r.name for r in facts.entities.values() if r.kind == "person"],
        companiesMentioned=[r.name for r in facts.entities.values() if r.kind != "person"],
        locationMentioned=[p.name for p in facts.places.values()])
    out = [article]
    for ref in facts.entities.values():
        out.append(_sourced(shared, f"entity:{ref.id}", lambda: _entity(ref), common))
        out.append(_make("Mention", ftm_id("mention", doc.id, ref.id), document=article_id,
                         resolved=ftm_id("entity", ref.id), name=facts.surfaces.get(ref.id) or [ref.name],
                         detectedSchema=SCHEMA[ref.kind]))
    for place in facts.places.values():
        out.append(_sourced(shared, f"place:{place.key}", lambda: _address(place), common))
        out.append(_make("Documentation", ftm_id("documentation", doc.id, place.key), document=article_id,
                         entity=ftm_id("place", place.key), role="place mentioned",
                         date=facts.published.date().isoformat() if facts.published else None))
    for event in facts.events:
        out.append(_event(facts, event, common))
    for claim in facts.claims:
        chain = " → ".join(claim.attributed_to) or source.outlet
        hedges = f"; hedged: {', '.join(claim.hedges)}" if claim.hedges else ""
        out.append(_make(
            "Note", ftm_id("claim", doc.id, str(claim.index)), description=claim.text,
            summary=claim.evidence.english or None, publisher=source.outlet,
            entity=[article_id] + [ftm_id("entity", r.id) for r in claim.entities],
            notes=f"Claim ({claim.kind}) attributed to {chain}; source type {claim.source_type or 'unknown'}; "
                  f"certainty {claim.certainty:g}{hedges}; excerpt {claim.evidence.excerpt_id or 'none'}",
            **common))
    return out


def _entity(ref: EntityRef):
    return _make(SCHEMA[ref.kind], ftm_id("entity", ref.id), name=ref.name, alias=list(ref.aliases),
                 notes=f"Dragoman entity {ref.id} ({ref.kind}, {ref.origin})")


def _address(place: PlaceRef):
    return _make("Address", ftm_id("place", place.key), full=place.name, name=place.name,
                 latitude=str(place.lat), longitude=str(place.lon), country=place.country,
                 remarks=f"{place.feature or 'place'}; precision {place.precision} "
                         f"({_PRECISION.get(place.precision, 'unknown')}); gazetteer {place.key}")


def _event(facts: DocFacts, event: EventFact, common: dict[str, str]):
    kind = f"{event.type} ({event.mode})" if event.mode else event.type
    who = ", ".join(p.name for p in event.actors) or "someone"
    whom = f" → {', '.join(p.name for p in event.targets)}" if event.targets else ""
    status = "" if event.factual else f"[{event.status}] "
    involved = [ftm_id("entity", p.entity.id) for p in (*event.actors, *event.targets) if p.entity]
    dates = _dates(event)
    return _make(
        "Event", ftm_id("event", facts.id, str(event.index)), name=f"{status}{kind}: {who}{whom}",
        summary=event.evidence.english or None, description=event.evidence.original,
        involved=list(dict.fromkeys(involved)), location=event.place_name,
        addressEntity=ftm_id("place", event.place.key) if event.place else None,
        country=event.place.country if event.place else None, publisher=facts.source.outlet,
        notes=STATUS_WORDS.get(event.status, f"reported as {event.status}") + f"; reported by {facts.source.outlet}",
        keywords=[f"status:{event.status}", f"plover:{event.type}"] + ([f"mode:{event.mode}"] if event.mode else []),
        **dates, **common)


_PRECISION = {1: "site or town", 2: "near it or part of a region", 3: "region or country"}


def _dates(event: EventFact) -> dict[str, str]:
    """FtM dates are prefixes, so a month-precise date is "2023-09"; a week or season is its first and last day."""
    first, last = calendar(event)
    if first is None:
        return {}
    return {"startDate": first, "endDate": last} if last else {"date": first}


def _body(ctx, text: str) -> str:
    """Long text from a page: controls and bidi overrides removed, paragraphs kept."""
    if not text:
        return ""
    ctx.clean.bidi_removed += count_bidi(text)
    return inert(text)
