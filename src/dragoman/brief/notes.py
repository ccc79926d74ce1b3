"""Notes and footnotes: each analysis sentence gets markers to the other documents that say the same (official
channels first, one per outlet family), or, when only its key source says it, a note giving that source's
credibility. Notes are numbered in the order a reader first meets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .check import backs
from .model import AnalysisSentence, Basis, Excerpt, Note, Paragraph
from .select import Selection, credibility_label

MAX_NOTES_PER_SENTENCE = 3


@dataclass
class Plan:
    """One analysis sentence before its notes exist: its text, backing excerpt and who else reports it."""

    paragraph: int                 # 0 events, 1 reported claims, 2 observers' assessments
    order: tuple                   # reading order within the paragraph
    text: str
    excerpt: Excerpt
    key: Any                       # the Report whose document is the key source
    others: list                   # Reports in other documents that say the same
    credibility: Any
    lead: str                      # how a note for another outlet opens
    basis: Basis                   # what the sentence asserts: notes are made only for documents that tell it
    per_family: bool = True        # one note per outlet family (a conflict notes every dissenting document)
    follow: list["Plan"] = field(default_factory=list)    # sentences that go right after (conflicts)


class NoteWriter:
    """Writes the analysis paragraphs from plans, making and numbering the notes their sentences cite."""

    def __init__(self, sel: Selection, reports: list) -> None:
        self.sel = sel
        self.by_doc: dict[str, list] = {}
        for r in reports:
            self.by_doc.setdefault(r.doc_id, []).append(r)
        self.notes: list[Note] = []
        self._note_of: dict[str, Note] = {}

    def write(self, plans: list[Plan]) -> list[Paragraph]:
        """Paragraphs in reading order: events, reported claims, observers' assessments."""
        paragraphs: list[Paragraph] = []
        for number in (0, 1, 2):
            sentences: list[AnalysisSentence] = []
            for plan in sorted((p for p in plans if p.paragraph == number), key=lambda p: p.order):
                for part in (plan, *plan.follow):
                    marks = sorted(self._notes_for(part) or self._single_source_note(part))
                    sentences.append(AnalysisSentence(text=part.text, excerpts=self._excerpts(part), footnotes=marks,
                                                      basis=part.basis))
            if sentences:
                paragraphs.append(Paragraph(sentences=sentences))
        return paragraphs

    def _excerpts(self, plan: Plan) -> list[str]:
        """The key excerpt; for a conflict also the dissenting documents' own words when they are key sources."""
        ids = [plan.excerpt.id]
        if not plan.per_family:
            for r in plan.others:          # the report itself must tell it: its excerpt is its own sentence
                if r.doc_id in self.sel.sources and backs(plan.basis, [r]) and \
                        (extra := self.sel.excerpt(r)) is not None and extra.id not in ids:
                    ids.append(extra.id)
        return ids

    def _notes_for(self, plan: Plan) -> list[int]:
        """Notes for the other documents saying the same: official channels first, one per outlet family."""
        picked: list[Any] = []
        families = {self.sel.family(plan.key)}
        ordered = sorted(plan.others, key=lambda r: (not self.sel.is_official(self.sel.doc(r.doc_id)),
                                                     r.doc_id not in self._note_of, r.duplicate_of is not None,
                                                     _naive(r.published) if r.published else datetime.max))
        for r in ordered:
            if len(picked) >= MAX_NOTES_PER_SENTENCE:
                break
            family = self.sel.family(r)
            if (plan.per_family and family in families) or r.doc_id in self.sel.sources or not self.sel.usable(r) \
                    or any(p.doc_id == r.doc_id for p in picked) or not self.tells(plan, r):
                continue
            picked.append(r)
            families.add(family)
        marks = []
        for r in picked:
            lead = "Official channel:" if self.sel.is_official(self.sel.doc(r.doc_id)) else plan.lead
            note = self.sel.note(r, lead, credibility_label(r.grade, plan.credibility))
            if note is not None:
                marks.append(self._number(r.doc_id, note))
        return marks

    def tells(self, plan: Plan, report) -> bool:
        """Whether the report's document tells what the plan's sentence asserts (its participants, its
        happening): only such a document may be footnoted."""
        return backs(plan.basis, self.by_doc.get(report.doc_id, ()))

    def _single_source_note(self, plan: Plan) -> list[int]:
        """For a sentence only its key source supports: a note saying so, with the credibility reasoning."""
        reasons = " ".join(_sentence(r) for r in (getattr(plan.credibility, "reasoning", None) or []))
        block = self.sel.sources[plan.key.doc_id]
        alone = not plan.others
        text = ("No other outlet in the workspace was found saying this. " if alone else "") + \
            (f"Credibility: {reasons} " if reasons else "") + "Source:"
        note = Note(number=0, text=text, outlet=block.outlet, descriptor=block.descriptor, title=block.title_original,
                    title_language=block.title_language, published=block.published, url=block.url,
                    credibility=credibility_label(block.grade, plan.credibility), doc_id=plan.key.doc_id)
        return [self._number(f"single:{plan.key.doc_id}:{text}:{note.credibility}", note)]

    def _number(self, key: str, note: Note) -> int:
        if key not in self._note_of:
            note.number = len(self.notes) + 1
            self.notes.append(note)
            self._note_of[key] = note
        return self._note_of[key].number


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value
