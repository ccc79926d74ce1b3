"""Which documents a brief draws on, and how each appears: as a key source (title, outlet, excerpts) or as a
numbered note. One `Selection` per brief keeps the bookkeeping: sources in order of first use, notes numbered
in order of first citation, and no document twice, nor two documents that repeat each other (a republished
agency story, a feed entry of a page already used, the same URL).

Key sources are chosen for the reader of a foreign-perspective brief: the original-language text first (with
an analyst's or machine translation, never a bare gloss), rated outlets before unrated ones, a new outlet
family before another item of a family already quoted, and a document already in the brief before a new one
so the brief stays one to two pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..model import Document
from ..outlets import Registry
from ..outlets.registry import identified
from .excerpts import GLOSSED, ORIGINAL_ENGLISH, UNTRANSLATED, make_excerpt, sentence_provenance, sentences_in
from .model import Excerpt, Note, SourceBlock, absolute_date

MAX_SOURCES = 6
MAX_EXCERPTS_PER_SOURCE = 4
TITLE_CHARS = 140
FRESH_DAYS = 3
OFFICIAL_TYPES = ("ministry", "government", "military")


@dataclass
class Selection:
    """The sources and notes of one brief, built up as the analysis is drafted."""

    ws: Any
    registry: Registry
    docs: dict[str, Document] = field(default_factory=dict)
    sources: dict[str, SourceBlock] = field(default_factory=dict)     # doc id -> block, in order of first use
    notes: dict[str, Note] = field(default_factory=dict)              # doc id -> note
    families: dict[str, str] = field(default_factory=dict)            # doc id -> outlet family
    _keys: dict[str, str] = field(default_factory=dict)               # duplicate key -> the doc id holding it
    warnings: list[str] = field(default_factory=list)

    # -- documents -------------------------------------------------------------------------------

    def doc(self, doc_id: str) -> Document:
        if doc_id not in self.docs:
            self.docs[doc_id] = self.ws.store.get_document(doc_id)
        return self.docs[doc_id]

    def family(self, report) -> str:
        return getattr(report, "family", None) or report.outlet

    def provenance(self, report) -> str:
        """How the English of a report's evidence sentences was made (the weakest, if they differ)."""
        doc = self.doc(report.doc_id)
        labels = {sentence_provenance(doc, i) for i in sentences_in(doc, report.start, report.end)}
        for weak in (UNTRANSLATED, GLOSSED):
            if weak in labels:
                return weak
        return next(iter(labels), UNTRANSLATED)

    def usable(self, report) -> bool:
        """Whether a report may appear at all: not a repeat of a document already in the brief."""
        return all(self._keys.get(key, report.doc_id) == report.doc_id for key in self._dup_keys(report))

    def _dup_keys(self, report) -> list[str]:
        doc = self.doc(report.doc_id)
        keys = [f"doc:{report.duplicate_of or report.doc_id}"]
        if doc.url:
            keys.append("url:" + doc.url.split("#")[0].rstrip("/").lower())
        return keys

    def _claim(self, report) -> None:
        for key in self._dup_keys(report):
            self._keys.setdefault(key, report.doc_id)
        self._keys.setdefault(f"doc:{report.doc_id}", report.doc_id)

    # -- key sources -----------------------------------------------------------------------------

    def score(self, report, near: datetime | None = None, limit: int = MAX_SOURCES) -> float:
        """How good a key source this report's document makes (higher is better; -inf: not allowed).
        `near` is when the story happened: a report published within days of it is first-hand news; `limit`
        the number of key sources past which no new one is taken."""
        if not self.usable(report):
            return float("-inf")
        is_source = report.doc_id in self.sources
        if not is_source and len(self.sources) >= limit:
            return float("-inf")
        how = self.provenance(report)
        score = report.confidence
        score += 3.0 if how not in (ORIGINAL_ENGLISH, GLOSSED, UNTRANSLATED) else 0.0   # original, translated
        # the original alone still backs a sentence drafted from its event (the analyst reads it, and is told
        # to translate it); any English, even names glossed, comes first
        score -= 4.0 if how == GLOSSED else 5.0 if how == UNTRANSLATED else 0.0
        score += 1.0 if report.grade != "unrated" else 0.0
        score += 0.5 if report.grade in ("A", "B") else 0.0
        score -= 3.0 if report.duplicate_of else 0.0
        if near is not None and report.published is not None and \
                abs((_naive(report.published) - _naive(near)).days) <= FRESH_DAYS:
            score += 1.5
        if is_source:
            score += 1.0
        elif self.family(report) in self.families.values():
            score -= 1.5
        return score

    def best(self, reports: list, near: datetime | None = None, limit: int = MAX_SOURCES) -> Any | None:
        """The report whose document should back a sentence, or None when none may."""
        scored = [(self.score(r, near, limit), i, r) for i, r in enumerate(reports)]
        scored = [s for s in scored if s[0] != float("-inf")]
        if not scored:
            return None
        return max(scored, key=lambda s: (s[0], -s[1]))[2]

    def excerpt(self, report) -> Excerpt | None:
        """The excerpt of a report's evidence sentences, added to its document's source block."""
        doc = self.doc(report.doc_id)
        indexes = sentences_in(doc, report.start, report.end)
        if not indexes:
            return None
        excerpt = make_excerpt(doc, indexes)
        block = self._block(report)
        for existing in block.excerpts:
            if existing.id == excerpt.id or (existing.start <= excerpt.start and excerpt.end <= existing.end
                                             and not existing.cut):
                return existing
        if len(block.excerpts) >= MAX_EXCERPTS_PER_SOURCE:
            return None
        block.excerpts.append(excerpt)
        block.excerpts.sort(key=lambda e: e.start)
        if excerpt.translation == GLOSSED:
            self.warnings.append(f"excerpt {excerpt.id} ({block.outlet}) is untranslated: only its names and "
                                 "terms are glossed from the term base; translate it before publishing")
        elif excerpt.translation == UNTRANSLATED:
            self.warnings.append(f"excerpt {excerpt.id} ({block.outlet}) is untranslated: the brief shows its "
                                 "original only; translate it before publishing")
        return excerpt

    def _block(self, report) -> SourceBlock:
        if report.doc_id in self.sources:
            return self.sources[report.doc_id]
        doc = self.doc(report.doc_id)
        outlet, descriptor, grade = self.describe(doc)
        title, title_english = self.titles(doc)
        if title_english is None and (doc.language or "en") != "en":
            self.warnings.append(f"no English title for “{title}” ({outlet}, document {doc.id}); add one "
                                 "before publishing")
        block = SourceBlock(outlet=outlet, descriptor=descriptor, grade=grade, title_original=title,
                            title_language=doc.language or "und", title_english=title_english,
                            published=_day(doc), url=doc.url, excerpts=[], doc_id=doc.id)
        self.sources[report.doc_id] = block
        self.families[report.doc_id] = self.family(report)
        self._claim(report)
        return block

    # -- notes -----------------------------------------------------------------------------------

    def note(self, report, text: str, credibility: str | None) -> Note | None:
        """The note for a report's document (made on first use; numbered when first cited)."""
        if report.doc_id in self.notes:
            return self.notes[report.doc_id]
        if not self.usable(report):
            return None
        doc = self.doc(report.doc_id)
        outlet, descriptor, grade = self.describe(doc)
        title, _ = self.titles(doc)
        note = Note(number=0, text=text, outlet=outlet, descriptor=descriptor, title=title,
                    title_language=doc.language, published=_day(doc), url=doc.url, credibility=credibility,
                    doc_id=report.doc_id)
        self.notes[report.doc_id] = note
        self._claim(report)
        return note

    # -- outlets and titles ----------------------------------------------------------------------

    def describe(self, doc: Document) -> tuple[str, str, str]:
        """(outlet name, descriptor, grade) from the outlet registry; unrated sources are flagged."""
        outlet, name, descriptor, grade = self.registry.describe_document(doc)
        if outlet is None:
            warning = (f"{name} is not in the outlet registry ({descriptor}); rate it with "
                       "`dragoman outlets add` before publishing")
            if not identified(doc.source, doc.url, doc.outlet):
                warning = (f"{name}: nothing names its publisher (no address, no outlet name); identify and "
                           "rate the outlet before publishing")
            if warning not in self.warnings:
                self.warnings.append(warning)
        return name, descriptor, grade

    def is_official(self, doc: Document) -> bool:
        outlet = self.registry.match(url=doc.url, source=doc.source, name=doc.outlet)
        if outlet is None:
            return False
        top = self.registry.get(self.registry.family(outlet))
        return outlet.type in OFFICIAL_TYPES or top.type in OFFICIAL_TYPES

    def titles(self, doc: Document) -> tuple[str, str | None]:
        """(title as published, English title or None); a post without a title is named by its first words."""
        title = " ".join((doc.title or "").split())
        if not title:
            first = doc.sentences[0].span.of(doc.text) if doc.sentences else doc.text
            first = " ".join(first.split())
            title = first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
        t = doc.title_translation
        english = None
        if t is not None and t.engine != "gloss" and (doc.language or "en") != "en":
            english = t.text
        elif not doc.title and (doc.language or "en") != "en" and doc.sentences:
            first = doc.sentences[0].translation
            if first is not None and first.engine != "gloss":
                english = first.text if len(first.text) <= TITLE_CHARS else \
                    first.text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
        return title, english


def credibility_label(grade: str, credibility) -> str:
    """Admiralty code for a note: outlet reliability + information credibility, "C1 (confirmed by other
    sources)"; an unrated outlet keeps only the information grade."""
    if credibility is None:
        return grade if grade != "unrated" else "unrated"
    if grade == "unrated":
        return f"unrated source, information {credibility.grade} ({credibility.label})"
    return f"{grade}{credibility.grade} ({credibility.label})"


def published_label(doc: Document) -> str:
    return absolute_date(doc.published) if doc.published else "undated"


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value


def _day(doc: Document) -> date | None:
    return doc.published.date() if doc.published else None
