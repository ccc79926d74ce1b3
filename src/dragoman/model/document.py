"""The record that flows one way through Dragoman: a Document with its provenance and annotations."""

from __future__ import annotations

from datetime import datetime

import msgspec

from .annotations import Claim, Event, GeoClaim, Mention, Place, Span, TimeExpression


class Capture(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Where the raw bytes are archived and their hash, so any excerpt traces back to them."""

    archive: str          # WARC file, relative to the workspace
    offset: int           # byte offset of the WARC record
    sha256: str           # of the raw bytes as received
    length: int
    content_type: str
    charset: str | None = None
    origin: str           # the path or URL it was read from
    captured: datetime


class Translation(msgspec.Struct, kw_only=True, omit_defaults=True):
    """An English rendering of a span of the original, and how it was made."""

    text: str
    span: Span | None = None      # the original text it renders; None when it renders the title
    engine: str                   # analyst, ctranslate2, libretranslate, none
    model: str | None = None
    version: str | None = None
    created: datetime | None = None
    note: str | None = None       # e.g. "glossed from term base", "source file: x.en.tsv"


class Sentence(msgspec.Struct, kw_only=True, omit_defaults=True):
    span: Span
    language: str | None = None
    translation: Translation | None = None


class SuppliedTranslation(msgspec.Struct, array_like=True):
    """An analyst's sentence pair supplied beside the source (e.g. a `.en.tsv` sidecar)."""

    original: str
    english: str


class Embeddings(msgspec.Struct, kw_only=True):
    """Passage vectors made by the embed stage, in flight from a worker to the parent, which stores them in the
    vector index (never in the document's JSON). A span of (-1, -1) is the title."""

    model: str
    spans: list[tuple[int, int]]
    vectors: bytes                # float16, len(spans) rows of `dim` values, row-major
    dim: int


class Document(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One captured item (page, post, feed entry) and everything the stages found in it."""

    id: str
    source: str                       # where it came from: a domain, a channel, or "local"
    outlet: str | None = None         # the outlet name, once known
    url: str | None = None
    title: str | None = None
    title_translation: Translation | None = None
    published: datetime | None = None
    language: str | None = None
    text: str = ""
    content_type: str = "text/plain"
    capture: Capture | None = None
    meta: dict[str, str] = msgspec.field(default_factory=dict)
    supplied_translations: list[SuppliedTranslation] = msgspec.field(default_factory=list)
    sentences: list[Sentence] = msgspec.field(default_factory=list)
    mentions: list[Mention] = msgspec.field(default_factory=list)
    places: list[Place] = msgspec.field(default_factory=list)
    times: list[TimeExpression] = msgspec.field(default_factory=list)
    events: list[Event] = msgspec.field(default_factory=list)
    claims: list[Claim] = msgspec.field(default_factory=list)
    geo_claims: list[GeoClaim] = msgspec.field(default_factory=list)
    stages: dict[str, str] = msgspec.field(default_factory=dict)   # stage name -> version that ran
    raw: bytes | None = None          # the captured bytes while in flight; never stored (they live in the WARC)
    embeddings: Embeddings | None = None   # passage vectors in flight; stored in the vector index, not here

    def translation_text(self) -> str:
        return " ".join(s.translation.text for s in self.sentences if s.translation)


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Document)


def to_json(doc: Document) -> bytes:
    """Serialise without the in-flight raw bytes and vectors."""
    if doc.raw is not None or doc.embeddings is not None:
        doc = msgspec.structs.replace(doc, raw=None, embeddings=None)
    return _encoder.encode(doc)


def from_json(data: bytes | str) -> Document:
    return _decoder.decode(data)


def to_builtins(doc: Document) -> dict:
    """Plain dicts/lists/strings, for `--json` output."""
    if doc.raw is not None or doc.embeddings is not None:
        doc = msgspec.structs.replace(doc, raw=None, embeddings=None)
    return msgspec.to_builtins(doc)
