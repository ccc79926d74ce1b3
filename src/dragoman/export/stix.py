"""STIX 2.1 bundle (OpenCTI, MISP), each object built and checked by the `stix2` library, the bundle's `objects`
array streamed one object at a time.

What goes in:

| STIX object        | from                                                                                |
|--------------------|-------------------------------------------------------------------------------------|
| `report`           | each document: title, `published`, `lang`, external reference with URL and capture SHA-256 |
| `identity`         | each outlet (organization, descriptor and Admiralty grade), person (individual),     |
|                    | organisation (organization), armed unit (group); Dragoman itself (system); an       |
|                    | organisation that is itself an outlet in the registry (TASS, a ministry) is the outlet |
| `location`         | each resolved place: latitude, longitude, `precision` in metres (table below)       |
| `relationship`     | an event told as done whose actor and target (or place) are known: actor `related-to` |
|                    | target, with `start_time`/`stop_time`                                              |
| `note`             | every other event, with what it is told as (planned, denied, unassigned…); each claim |
| `opinion`          | Dragoman's credibility judgement of a claim (from the Admiralty credibility grade)   |
| `grouping`         | each story (one happening across documents), with its credibility                  |

Place precision (our code → STIX `precision`, metres): 1 site or town → 5,000; 2 near it or part of a region →
50,000; 3 region or country → 500,000.

Credibility (Admiralty 1–6) → STIX `confidence` (the specification's own table, Appendix A): 1 → 90, 2 → 70,
3 → 50, 4 → 30, 5 → 10, 6 → left out. → `opinion`: 1 strongly-agree, 2 agree, 3 neutral, 4 disagree,
5 strongly-disagree, 6 none.

Ids are `type--UUID` with the UUID taken from the SHA-256 of our own id (document id, entity id, gazetteer id,
story id…), shaped as version 4 so strict validators accept it: re-exporting gives the same ids, and objects
from two exports merge in the consumer. Timestamps are the capture time (documents) and the workspace's last
change (everything else), so an unchanged workspace exports byte for byte the same bundle.

Our own properties, all `x_dragoman_*` and declared by the bundle's `extension-definition` as a
top-level-property extension, are listed in PROPERTIES.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from typing import Any, TextIO

import stix2

from ..analysis.sources import Source
from ..outlets import GRADES, UNRATED
from .facts import STATUS_WORDS, ClaimFact, DocFacts, EntityRef, EventFact, PlaceRef
from .judge import CONFIDENCE, Judgement, judge
from .text import coordinate, json_text, no_markup

PRECISION_METRES = {1: 5_000.0, 2: 50_000.0, 3: 500_000.0}
OPINION = {1: "strongly-agree", 2: "agree", 3: "neutral", 4: "disagree", 5: "strongly-disagree"}
IDENTITY_CLASS = {"person": "individual", "organisation": "organization", "unit": "group"}
MAX_PAIRS = 4              # actors (and targets) of one event related pairwise: more is a list, not a relation

PROPERTIES = {
    "x_dragoman_document_id": "report: the Dragoman document id (a hash of the captured bytes and their URL)",
    "x_dragoman_title_english": "report: the English title (analyst or machine translation)",
    "x_dragoman_capture_sha256": "report: SHA-256 of the archived capture (also in external_references)",
    "x_dragoman_published_from": "report: 'capture' when the page gave no date and `published` is the capture time",
    "x_dragoman_outlet_id": "identity (outlet): the outlet registry id",
    "x_dragoman_descriptor": "identity (outlet): what a brief writes after the outlet's name",
    "x_dragoman_admiralty_reliability": "identity (outlet): Admiralty source reliability A-F, or 'unrated'",
    "x_dragoman_admiralty_reliability_label": "identity (outlet): that grade in words",
    "x_dragoman_entity_id": "identity (person/organisation/unit): the Dragoman entity id",
    "x_dragoman_kind": "identity: person, organisation, unit or outlet",
    "x_dragoman_aliases": "identity: every other spelling seen, in any script, most seen first",
    "x_dragoman_origin": "identity: known (term base), new (first seen in this workspace), split (by an analyst)",
    "x_dragoman_feature": "location: gazetteer feature (city, capital, airbase, naval_base, country…)",
    "x_dragoman_precision_code": "location: our precision code, 1 site or town, 2 near it, 3 region or country",
    "x_dragoman_gazetteer_id": "location: the gazetteer id (GeoNames gn:…, ISO iso:…, facility fac:…)",
    "x_dragoman_event_type": "relationship/note: PLOVER event type",
    "x_dragoman_event_mode": "relationship/note: PLOVER mode (visit, host…)",
    "x_dragoman_event_status": "relationship/note: happened, planned, hypothetical, requested, proposed, denied, "
                               "negated, unassigned",
    "x_dragoman_date_precision": "relationship/note/grouping: day, week, month, season or year",
    "x_dragoman_place": "relationship/note: the place the text gives, as resolved",
    "x_dragoman_location": "relationship/note: id of that place's location object",
    "x_dragoman_excerpt_id": "relationship/note: excerpt id of the backing sentence (`dragoman cite ID`)",
    "x_dragoman_original": "relationship/note: the backing sentence in the original language",
    "x_dragoman_translation": "relationship/note: how its English was made (analyst, ctranslate2 <model>…)",
    "x_dragoman_certainty": "note (claim): 0-1, lowered by hedges ('reportedly', 'may')",
    "x_dragoman_source_type": "note (claim): named, official, outlet, anonymous or observers",
    "x_dragoman_hedges": "note (claim): the hedging words",
    "x_dragoman_credibility": "note/opinion/grouping: Admiralty information credibility 1-6",
    "x_dragoman_credibility_label": "note/opinion/grouping: that grade in words",
    "x_dragoman_story_id": "grouping: the Dragoman story id",
    "x_dragoman_conflicts": "grouping: where outlets disagree on the date or place, one sentence each",
}
_NAMESPACE = "dragoman-stix-v1"


def stix_id(kind: str, key: str) -> str:
    """A deterministic `kind--UUID`: 16 bytes of SHA-256 over our key, with the version 4 and variant bits set."""
    raw = bytearray(hashlib.sha256(f"{_NAMESPACE}\x1f{kind}\x1f{key}".encode("utf-8")).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return f"{kind}--{uuid.UUID(bytes=bytes(raw))}"


def write(ctx, out: TextIO) -> None:
    _Bundle(ctx, out).write()


class _Bundle:
    def __init__(self, ctx, out: TextIO) -> None:
        self.ctx, self.out = ctx, out
        self.as_of = _utc(ctx.as_of)
        self.written: set[str] = set()
        self.first = True
        self.me = stix_id("identity", "dragoman")
        self.extension = stix_id("extension-definition", _NAMESPACE)
        self.members: dict[int, list[str]] = {}          # id(story) -> ids of its objects in this export
        self.judgement: Judgement | None = None
        self.pending: list = []                           # shared objects built for the document at hand
        self.outlets: dict[str, Source | None] = {}       # entity id -> the outlet it is, if it is one

    # -- writing ---------------------------------------------------------------------------------

    def write(self) -> None:
        ctx = self.ctx
        self.judgement = self._judge()
        selection = json_text(ctx.summary.selection)
        self.out.write('{"type": "bundle", "id": "%s", "objects": [\n'
                       % stix_id("bundle", f"{selection}|{self.as_of.isoformat()}"))
        self._emit([self._producer(), self._extension_definition()])
        for facts in ctx.facts():
            self.pending = []
            objects = ctx.guarded(f"document {facts.id}", lambda: self._document(facts))
            if objects is not None:
                self._emit(objects)
        if self.judgement is not None:
            keys: dict[str, int] = {}
            for story in self.judgement.stories:
                # two happenings can share a story id (same type, people and day, another place): number them
                keys[story.id] = keys.get(story.id, 0) + 1
                key = story.id if keys[story.id] == 1 else f"{story.id}#{keys[story.id]}"
                grouping = ctx.guarded(f"story {story.id}", lambda: self._grouping(story, key))
                if grouping is not None:
                    self._emit([grouping])
        self.out.write("\n]}\n")

    def _emit(self, objects: list) -> None:
        for obj in objects:
            if obj.type in _SHARED:
                self.written.add(obj.id)        # only these repeat across documents: the set stays vocabulary-sized
            text = obj.serialize(ensure_ascii=False, item_sort_key=_key_order)
            self.out.write(("" if self.first else ",\n") + no_markup(text))
            self.first = False
            self.ctx.summary.count(obj.type)

    def _judge(self) -> Judgement | None:
        ctx = self.ctx
        limit = ctx.ws.settings["export.stories_max_documents"]
        count = ctx.rows.count()
        if count > limit:
            ctx.summary.warnings.append(
                f"stories (groupings) and claim credibility left out: {count} documents selected, more than "
                f"export.stories_max_documents={limit}; narrow the export with --from/--to, --entity or --query, "
                f"or raise the setting")
            return None
        return judge(ctx.rows, ctx.builder.registry, ctx.ws.store.con) if count else None

    # -- shared objects --------------------------------------------------------------------------

    def _common(self, created: datetime | None = None) -> dict[str, Any]:
        created = min(_utc(created), self.as_of) if created else self.as_of
        return {"created": created, "modified": self.as_of, "created_by_ref": self.me}

    def _custom(self, **values: Any) -> dict[str, Any]:
        """Our x_dragoman_* properties (empty ones dropped), declared through the extension."""
        props = {f"x_dragoman_{k}": v for k, v in values.items() if v not in (None, "", [], ())}
        unknown = set(props) - set(PROPERTIES)
        if unknown:
            raise ValueError(f"undocumented STIX properties {sorted(unknown)}")
        if props:
            props["extensions"] = {self.extension: {"extension_type": "toplevel-property-extension"}}
            props["allow_custom"] = True
        return props

    def _producer(self) -> stix2.Identity:
        return stix2.Identity(id=self.me, name="Dragoman", identity_class="system", created=self.as_of,
                              modified=self.as_of,
                              description="The Dragoman foreign-press workbench that read these documents and made "
                                          "this export.")

    def _extension_definition(self) -> stix2.ExtensionDefinition:
        return stix2.ExtensionDefinition(
            id=self.extension, **self._common(), name="Dragoman export properties", version="1.0",
            description="; ".join(f"{k}: {v}" for k, v in PROPERTIES.items()),
            schema="Plain-text definition: each x_dragoman_* property is described in this object's description "
                   "and in Dragoman's src/dragoman/export/stix.py (PROPERTIES).",
            extension_types=["toplevel-property-extension"], extension_properties=sorted(PROPERTIES))

    def _outlet(self, source: Source) -> stix2.Identity:
        key = source.outlet_id or source.family
        return stix2.Identity(
            id=_outlet_id(source), **self._common(), name=source.outlet or key,
            identity_class="organization", description=source.descriptor,
            **self._custom(kind="outlet", outlet_id=source.outlet_id, descriptor=source.descriptor,
                           admiralty_reliability=source.grade,
                           admiralty_reliability_label=GRADES.get(source.grade, "not in the outlet registry")
                           if source.grade != UNRATED else "not in the outlet registry"))

    def _identity_id(self, ref: EntityRef) -> str:
        """The identity an entity is written as: an organisation that is an outlet in the registry (TASS quoted by
        another outlet) is that outlet's identity, so the graph has one TASS; anyone else has their own."""
        if ref.id not in self.outlets:
            outlet = self.ctx.builder.registry.match(name=ref.name) if ref.kind == "organisation" else None
            registry = self.ctx.builder.registry
            self.outlets[ref.id] = Source(outlet.id, outlet.name, registry.family(outlet), outlet.descriptor,
                                          outlet.reliability) if outlet is not None else None
        source = self.outlets[ref.id]
        return _outlet_id(source) if source is not None else stix_id("identity", f"entity:{ref.id}")

    def _entity(self, ref: EntityRef) -> stix2.Identity:
        return stix2.Identity(
            id=stix_id("identity", f"entity:{ref.id}"), **self._common(), name=ref.name,
            identity_class=IDENTITY_CLASS[ref.kind],
            **self._custom(entity_id=ref.id, kind=ref.kind, aliases=list(ref.aliases), origin=ref.origin))

    def _location(self, place: PlaceRef) -> stix2.Location:
        return stix2.Location(
            id=stix_id("location", f"place:{place.key}"), **self._common(), name=place.name,
            latitude=coordinate(place.lat), longitude=coordinate(place.lon),
            precision=PRECISION_METRES.get(place.precision, PRECISION_METRES[3]),
            **({"country": place.country} if place.country else {}),
            **self._custom(feature=place.feature, precision_code=place.precision,
                           gazetteer_id=place.key if ":" in place.key else None))

    # -- one document ----------------------------------------------------------------------------

    def _document(self, facts: DocFacts) -> list:
        doc = facts.doc
        report_id = stix_id("report", f"document:{doc.id}")
        source = facts.source
        refs = [self._once(_outlet_id(source), lambda: self._outlet(source))]
        for ref in facts.entities.values():
            ident = self._identity_id(ref)
            outlet = self.outlets[ref.id]
            refs.append(self._once(ident, lambda: self._outlet(outlet) if outlet else self._entity(ref)))
        refs += [self._once(stix_id("location", f"place:{place.key}"), lambda: self._location(place))
                 for place in facts.places.values()]
        shared, self.pending = self.pending, []
        own: list = []
        for event in facts.events:
            own += self._event(facts, event, report_id)
        for claim in facts.claims:
            own += self._claim(facts, claim, report_id)
        published, from_capture = facts.published, None
        if published is None and doc.capture is not None:
            published, from_capture = doc.capture.captured, "capture"
        if published is None:
            raise ValueError("neither a publication date nor a capture time; STIX needs one for the report")
        reference: dict[str, Any] = {"source_name": facts.source.outlet or facts.source.family}
        if facts.url:
            reference["url"] = facts.url
            if facts.sha256:
                reference["hashes"] = {"SHA-256": facts.sha256}
        reference["description"] = (f"archived capture SHA-256 {facts.sha256}" if facts.sha256
                                    else "no archived capture")
        about = facts.title_english or ""
        byline = f"Published by {facts.source.outlet} ({facts.source.descriptor}; Admiralty source reliability " \
                 f"{facts.source.grade})."
        report = stix2.Report(
            id=report_id, **self._common(doc.capture.captured if doc.capture else published),
            name=facts.title or facts.title_english or f"untitled document {doc.id}", published=_utc(published),
            description=f"{about}\n{byline}" if about else byline,
            object_refs=list(dict.fromkeys(refs + [o.id for o in own])), external_references=[reference],
            **({"lang": doc.language} if doc.language else {}),
            **self._custom(document_id=doc.id, title_english=facts.title_english, capture_sha256=facts.sha256,
                           published_from=from_capture))
        self._join(report_id, facts)
        return shared + own + [report]

    def _once(self, object_id: str, make) -> str:
        """An object shared across documents (outlet, entity, place) is built and written the first time only."""
        if object_id not in self.written and all(o.id != object_id for o in self.pending):
            self.pending.append(make())
        return object_id

    def _event(self, facts: DocFacts, event: EventFact, report_id: str) -> list:
        story = self.judgement.story_of(facts.id, event) if self.judgement else None
        location = stix_id("location", f"place:{event.place.key}") if event.place else None
        actors = [p.entity for p in event.actors if p.entity][:MAX_PAIRS]
        ends = [self._identity_id(p.entity) for p in event.targets if p.entity][:MAX_PAIRS]
        if not ends and location:
            ends = [location]
        kind = f"{event.type} ({event.mode})" if event.mode else event.type
        told = event.evidence.english or event.evidence.original
        custom = self._custom(event_type=event.type, event_mode=event.mode, event_status=event.status,
                              date_precision=event.precision, place=event.place_name, location=location,
                              excerpt_id=event.evidence.excerpt_id, original=event.evidence.original,
                              translation=event.evidence.translation)
        conf = _confidence(story.credibility.grade if story else None)
        key = f"event:{facts.id}:{event.index}"
        if event.factual and actors and ends:
            when = _period(event)
            objects = []
            for actor in actors:
                source = self._identity_id(actor)
                for target in ends:
                    if target == source:
                        continue
                    objects.append(stix2.Relationship(
                        id=stix_id("relationship", f"{key}:{actor.id}:{target}"), **self._common(facts.published),
                        relationship_type="related-to", source_ref=source, target_ref=target,
                        description=f"{kind}, reported by {facts.source.outlet}: {told}", **when, **conf, **custom))
            if objects:
                self._member(story, objects)
                return objects
        refs = [report_id] + [self._identity_id(p.entity) for p in (*event.actors, *event.targets) if p.entity] + \
            ([location] if location else [])
        status = STATUS_WORDS.get(event.status, f"reported as {event.status}")
        if event.factual:
            status = "reported as having happened; its participants are not known entities"
        note = stix2.Note(id=stix_id("note", key), **self._common(facts.published),
                          abstract=f"{kind}: {status}", content=told, authors=[facts.source.outlet],
                          object_refs=list(dict.fromkeys(refs)), **conf, **custom)
        self._member(story, [note])
        return [note]

    def _claim(self, facts: DocFacts, claim: ClaimFact, report_id: str) -> list:
        credibility = self.judgement.claim(facts.id, claim) if self.judgement else None
        grade = credibility.grade if credibility else None
        chain = " → ".join(claim.attributed_to) or facts.source.outlet
        english = claim.evidence.english
        content = claim.text + (f"\n\nEnglish ({claim.evidence.translation}): {english}" if english else "")
        note_id = stix_id("note", f"claim:{facts.id}:{claim.index}")
        refs = list(dict.fromkeys([report_id] + [self._identity_id(r) for r in claim.entities]))
        note = stix2.Note(
            id=note_id, **self._common(facts.published), abstract=f"Claim ({claim.kind}) attributed to {chain}",
            content=content, authors=claim.attributed_to or [facts.source.outlet], object_refs=refs,
            **_confidence(grade), **({"lang": facts.doc.language} if facts.doc.language else {}),
            **self._custom(certainty=claim.certainty, source_type=claim.source_type, hedges=claim.hedges,
                           excerpt_id=claim.evidence.excerpt_id, translation=claim.evidence.translation,
                           credibility=grade, credibility_label=credibility.label if credibility else None))
        objects = [note]
        if grade in OPINION:
            objects.append(stix2.Opinion(
                id=stix_id("opinion", f"claim:{facts.id}:{claim.index}"), **self._common(facts.published),
                opinion=OPINION[grade], explanation=" ".join(credibility.reasoning), object_refs=[note_id],
                authors=["Dragoman credibility assessment"], **_confidence(grade),
                **self._custom(credibility=grade, credibility_label=credibility.label)))
        return objects

    # -- stories ---------------------------------------------------------------------------------

    def _member(self, story, objects: list) -> None:
        if story is not None:
            self.members.setdefault(id(story), []).extend(o.id for o in objects)

    def _join(self, report_id: str, facts: DocFacts) -> None:
        """A document's report joins each story one of its events belongs to."""
        if self.judgement is None:
            return
        stories = {id(s): s for e in facts.events if (s := self.judgement.story_of(facts.id, e))}
        for key in stories:
            self.members.setdefault(key, []).append(report_id)

    def _grouping(self, story, key: str) -> stix2.Grouping | None:
        refs = list(dict.fromkeys(self.members.get(id(story), ())))
        if not refs:
            return None
        c = story.credibility
        who = ", ".join(story.participants) or "participants unknown"
        kind = f"{story.type} ({story.mode})" if story.mode else story.type
        when = story.start.date().isoformat() if story.start else "undated"
        where = f", {story.place}" if story.place else ""
        conflicts = [x.note for x in story.conflicts]
        return stix2.Grouping(
            id=stix_id("grouping", f"story:{key}"), **self._common(), context="unspecified",
            name=f"{kind}: {who}, {when}{where}", object_refs=refs,
            description=f"Credibility {c.grade} ({c.label}). " + " ".join(c.reasoning),
            **_confidence(c.grade),
            **self._custom(story_id=story.id, credibility=c.grade, credibility_label=c.label,
                           date_precision=story.precision, conflicts=conflicts))


_SHARED = ("identity", "location")


def _outlet_id(source: Source) -> str:
    return stix_id("identity", f"outlet:{source.outlet_id or source.family}")


def _key_order(item: tuple[str, Any]) -> tuple[int, str]:
    """Properties in a fixed order (type, spec_version, id first; ours last), so exports compare byte for byte."""
    key = item[0]
    return (_FIRST.get(key, 2 if key.startswith("x_") else 1), key)


_FIRST = {"type": -3, "spec_version": -2, "id": -1}


def _confidence(grade: int | None) -> dict[str, int]:
    value = CONFIDENCE.get(grade) if grade is not None else None
    return {"confidence": value} if value is not None else {}


def _period(event: EventFact) -> dict[str, datetime]:
    if event.start is None:
        return {}
    start = _utc(event.start)
    if event.end is None or _utc(event.end) <= start:
        return {"start_time": start}
    return {"start_time": start, "stop_time": _utc(event.end)}


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


__all__ = ["PROPERTIES", "stix_id", "write"]
