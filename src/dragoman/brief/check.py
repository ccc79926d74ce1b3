"""The brief checks itself: every analysis sentence must be backed by each excerpt and note it cites.

A sentence carries its `Basis` (who takes part, canonical names; and the happening: an event type, or a claim's
content words). A cited document backs it when one of its reports (see `dragoman.analysis`) names every
participant and tells the happening: an event of the same type told as done, with the roles the sentence gives
(its actor as the report's actor and each of its targets as the report's target; a meeting, CONSULT, is mutual,
so "B met A" backs "A met B"), or a claim or sentence whose English shares at least half of the claim's content
words. An excerpt backs only through the reports inside its
own span. Drafting uses `backs` to choose key sources and notes; `check_brief` re-reads the finished brief and
says which sentences, if any, are not backed (`brief: 14 sentences, all backed`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .model import Basis, Brief

CLAIM_OVERLAP = 0.5            # share of a claim's content words a backing text must hold
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Words that carry no content of a claim: function words and the words of attribution itself.
_STOP = frozenset("""the and that this these those with from for was were are has have had its his her their they
them than then into onto over under about after before while which who whom whose what when where also been
being will would could should may might can not but all any some such most more other another one two three
said says say told according cited sources source reports reported report informed familiar unnamed officials
official observers analysts there here very just only even still yet already including among chief""".split())


def content_words(text: str) -> list[str]:
    """The content words of an English sentence, lower-cased, in order, without repeats."""
    return list(dict.fromkeys(w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in _STOP))


def _names(report) -> set[str]:
    return {*report.participants, *report.actors, *report.targets}


# Event types whose two sides do the same thing to each other, so the roles may be read either way.
MUTUAL = frozenset({"CONSULT"})


def _told(basis: Basis, r) -> bool:
    """Whether event report `r` tells the basis's happening as done (its type, not negated)."""
    return r.kind == "event" and r.type == basis.type and not r.negated


def _pair(basis: Basis, r, actor: str, target: str | None) -> bool:
    """Whether event report `r` gives `actor` the actor's role (and `target` the target's)."""
    if target is None:
        return actor in r.actors
    if actor in r.actors and target in r.targets:
        return True
    return basis.type in MUTUAL and target in r.actors and actor in r.targets


def _roles_backed(basis: Basis, reports: list) -> bool:
    """Every (actor, target) pair the sentence states is told, with those roles, by one of `reports`."""
    told = [r for r in reports if _told(basis, r)]
    pairs = [(a, t) for a in basis.actors for t in (basis.targets or [None])]
    return bool(told) and all(any(_pair(basis, r, a, t) for r in told) for a, t in pairs)


def backs(basis: Basis, reports: Iterable, span: tuple[int, int] | None = None) -> bool:
    """Whether `reports` (of one document; inside `span` when given) tell the basis's happening: for an event
    with roles, each stated actor-target pair by some report with those roles; otherwise one report that
    names every participant and tells it."""
    inside = []
    for r in reports:
        where = r.sentence or (r.start, r.end)
        if span is None or (where[0] < span[1] and span[0] < where[1]):
            inside.append(r)
    if basis.kind in ("event", "conflict") and basis.actors:
        return _roles_backed(basis, inside)
    for r in inside:
        if not set(basis.participants) <= _names(r):
            continue
        if basis.kind in ("event", "conflict"):
            if _told(basis, r):
                return True
        elif basis.words and r.translation != "gloss" and r.english:
            found = set(content_words(r.english))
            if len(found & set(basis.words)) >= CLAIM_OVERLAP * len(basis.words):
                return True
    return False


@dataclass
class Check:
    """The result of checking a brief: how many analysis sentences, and why each failing one fails."""

    sentences: int
    failures: list[str] = field(default_factory=list)
    unbacked: int = 0              # sentences with at least one failure (a sentence can fail on several sources)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def line(self) -> str:
        counted = f"{self.sentences} sentence{'' if self.sentences == 1 else 's'}"      # never "1 sentences"
        if self.ok:
            return f"brief: {counted}, all backed"
        return f"brief: {counted}, {self.unbacked or len(self.failures)} not backed"


def check_brief(brief: Brief, reports: Iterable) -> Check:
    """Check every analysis sentence of `brief` against the reports of the documents it cites."""
    per_sentence = sentence_failures(brief, reports)
    return Check(len(per_sentence), [failure for failures in per_sentence for failure in failures],
                 sum(1 for failures in per_sentence if failures))


def sentence_failures(brief: Brief, reports: Iterable) -> list[list[str]]:
    """Why each analysis sentence, in reading order, is not backed (an empty list: it is backed)."""
    by_doc: dict[str, list] = {}
    for r in reports:
        by_doc.setdefault(r.doc_id, []).append(r)
    notes = {n.number: n for n in brief.notes}
    results: list[list[str]] = []
    for s in (s for paragraph in brief.analysis for s in paragraph.sentences):
        failures: list[str] = []
        results.append(failures)
        short = s.text if len(s.text) <= 80 else s.text[:77] + "…"
        if s.basis is None:
            failures.append(f"“{short}”: says what it asserts nowhere (no basis)")
            continue
        if not s.excerpts and not s.footnotes:
            failures.append(f"“{short}”: cites nothing")
        for excerpt_id in s.excerpts:
            found = brief.excerpt(excerpt_id)
            if found is None or not backs(s.basis, by_doc.get(found[1].doc_id, ()), (found[1].start, found[1].end)):
                failures.append(f"“{short}”: excerpt {excerpt_id} does not tell it")
        for number in s.footnotes:
            note = notes.get(number)
            if note is None or note.doc_id is None or not backs(s.basis, by_doc.get(note.doc_id, ())):
                outlet = f" ({note.outlet})" if note is not None and note.outlet else ""
                failures.append(f"“{short}”: note {number}{outlet} does not tell it")
    return results
