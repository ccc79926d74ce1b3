"""The workspace-level judgement a STIX export carries: stories (one happening across documents, a STIX
`grouping` each) with their Admiralty credibility, and each claim's credibility, from `dragoman.analysis`.

The analysis holds every report of the selection at once (and compares them), so it runs only for selections of
at most `export.stories_max_documents` documents; a larger export streams without it and says so (narrow it with
--from/--to, --entity or --query to get the stories).

A claim is judged on its own outlet and sourcing plus the other documents' reports of the story it is told in
(`assess_claim`); the brief's search for other outlets saying the same in other words compares every claim with
every report, which does not scale to a whole workspace, so an export never rates a claim higher than that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis import Credibility, Report, Story, assess_claim, build_stories, reports_from_documents
from ..analysis.participants import Names
from ..analysis.sentences import type_group
from ..outlets import Registry
from .facts import ClaimFact, EventFact

# The STIX 2.1 specification's own mapping of the Admiralty information-credibility scale onto its 0-100
# confidence (Appendix A, "Admiralty Credibility"); 6, "truth cannot be judged", has no value: confidence is left
# out, which STIX reads as "not stated".
CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}


@dataclass
class Judgement:
    stories: list[Story]
    _events: dict[str, list[tuple[int, int, str, Story]]] = field(default_factory=dict)   # doc -> spans
    _claims: dict[tuple[str, int, int], Credibility] = field(default_factory=dict)

    def story_of(self, doc_id: str, event: EventFact) -> Story | None:
        """The story an event belongs to: a story report of the same document whose sentence holds it, of the
        same type; None for an event no story takes (planned, unassigned…)."""
        for lo, hi, group, story in self._events.get(doc_id, ()):
            if lo <= event.span.start < hi and group == type_group(event.type):
                return story
        return None

    def claim(self, doc_id: str, claim: ClaimFact) -> Credibility | None:
        return self._claims.get((doc_id, claim.span.start, claim.span.end))


def judge(documents, registry: Registry, con) -> Judgement:
    """Stories and claim credibility over `documents` (an iterable read more than once)."""
    reports = reports_from_documents(documents, registry, Names.for_connection(con))
    stories = build_stories(reports)
    out = Judgement(stories)
    in_story: dict[int, Story] = {}
    for story in stories:
        for r in story.reports:
            lo, hi = r.sentence or (r.start, r.end)
            out._events.setdefault(r.doc_id, []).append((lo, hi, type_group(r.type), story))
        for c in story.claims:
            in_story.setdefault(id(c), story)
    for r in reports:
        if r.kind == "claim":
            story = in_story.get(id(r))
            others = [o for o in (*story.reports, *story.claims) if o.doc_id != r.doc_id] if story else []
            out._claims[(r.doc_id, r.start, r.end)] = assess_claim(r, _one_per_document(others))
    return out


def _one_per_document(reports: list[Report]) -> list[Report]:
    best: dict[str, Report] = {}
    for r in reports:
        best.setdefault(r.doc_id, r)
    return list(best.values())
