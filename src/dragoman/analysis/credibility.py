"""Information credibility on the Admiralty scale (1 confirmed … 6 cannot be judged), with the reasons.

Corroboration is counted over independent outlet *families*, never over articles:

- outlets of one family (registry `parent` chain: The New Arab and al-Araby al-Jadeed) count once;
- a near-duplicate (an agency story republished nearly word for word) counts with the family it repeats;
- each family weighs by the best source grade among its reports: A–C 1, D 0.75, E and F 0.5, unrated 0.5;
- a family that reports it only through hedged or anonymous sourcing (claim certainty below 0.7, or unnamed
  sources and observers) weighs half as much.

With S the summed weight of the families that report it and C that of the families that report it did not
happen (negated events):

    grade  label                         rule
    1      confirmed by other sources    S >= 3 (three or more independent families), nothing against it
    2      probably true                 S >= 2
    3      possibly true                 S >= 1 (one plain report from an A–C outlet); also the best a claim
                                         that rests on hedged or anonymous sourcing alone can reach
    4      doubtful                      S < 1: only hedged or anonymous sourcing, or only D–E outlets
    5      improbable                    C > S: contradicted by more than support it
    6      truth cannot be judged        nothing reports it, or only one unrated (or F) outlet does

A date or place conflict between the reports lowers the grade by one, and so does a contradiction smaller than
the support (to 4 at worst: only contradiction makes a report improbable). Every step is written into
`reasoning` for the analyst.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..outlets import GRADES, UNRATED
from .cluster import cluster, report_days
from .keywords import Weights, keywords
from .model import Conflict, Credibility, Report
from .sources import RELIABLE, UNIDENTIFIED_FAMILY, weight

__all__ = ["Credibility", "LABELS", "assess", "assess_claim", "find_corroborating"]

LABELS = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
          5: "improbable", 6: "truth cannot be judged"}
HEDGED = 0.7                                 # certainty below this is hedged sourcing
MATCH = 0.4                                  # weighted share of a claim's words another report must repeat
UNNAMED = frozenset({"anonymous", "observers"})
_ORDER = "ABCDEF"


@dataclass
class _Family:
    """The reports of one independent family."""

    id: str
    reports: list[Report] = field(default_factory=list)

    @property
    def grade(self) -> str:
        grades = [r.grade for r in self.reports if r.grade in _ORDER]
        return min(grades, key=_ORDER.index) if grades else UNRATED

    @property
    def plain(self) -> bool:
        return any(not _hedged(r) for r in self.reports)

    @property
    def weight(self) -> float:
        return weight(self.grade) * (1.0 if self.plain else 0.5)

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(r.outlet for r in self.reports if not r.duplicate_of)) or \
            list(dict.fromkeys(r.original_outlet or r.outlet for r in self.reports))


def assess(support: Iterable[Report], *, against: Iterable[Report] = (),
           conflicts: Iterable[Conflict] = ()) -> Credibility:
    """The credibility of what `support` reports, given reports that deny it and conflicts between them."""
    families = _families(support)
    opposed = _families(against)
    conflicts = list(conflicts)
    strength = sum(f.weight for f in families.values())
    contra = sum(f.weight for f in opposed.values())
    reasons = _support_reasons(families)
    if not families and not opposed:
        return _result(6, [], ["Nothing reports it."])
    if contra:
        verb = "reports" if len(opposed) == 1 else "report"
        reasons.append(f"{_count(len(opposed), 'outlet family', 'outlet families')} {verb} that it did not "
                       f"happen: {_names(opposed)}.")
    if contra > strength:
        reasons.append(f"Contradicted by more than support it (weight {contra:g} against {strength:g}).")
        return _result(5, families, reasons)
    if len(families) == 1 and all(f.grade in ("F", UNRATED) for f in families.values()):
        reasons.append("A single source whose reliability cannot be judged: nothing to judge the report by.")
        return _result(6, families, reasons)
    grade = 1 if strength >= 3 else 2 if strength >= 2 else 3 if strength >= 1 else 4
    if grade < 3 and not any(f.plain for f in families.values()):
        grade = 3
        reasons.append("Every source rests on hedged or anonymous sourcing, so it stays at best possibly true.")
    reasons.append(f"Independent support weighs {strength:g} (a plain report from a reliable outlet weighs 1; "
                   f"3 confirms, 2 makes it probable, 1 possible).")
    for conflict in conflicts:
        reasons.append(conflict.note)
    lowered = bool(conflicts) + bool(contra)
    if lowered and grade < 4:
        new = min(grade + lowered, 4)
        why = "the reports disagree" if conflicts else "some sources deny it"
        reasons.append(f"Lowered from {grade} to {new} because {why}.")
        grade = new
    return _result(grade, families, reasons)


def assess_claim(claim: Report, corroborating: list[Report]) -> Credibility:
    """A claim's credibility: the claim itself plus the other outlets' reports that say the same thing (see
    `find_corroborating`). Reports from the claim's own family count once with it."""
    chain = " → ".join(claim.attributed_to) if claim.attributed_to else claim.outlet
    support = [claim] + [r for r in corroborating if not r.negated]
    result = assess(support, against=[r for r in corroborating if r.negated])
    result.reasoning.insert(0, f"The claim is attributed to {chain}.")
    return result


def find_corroborating(claim: Report, reports: Iterable[Report]) -> list[Report]:
    """Other documents' reports that say the same thing as `claim`, one per document, the closest first.

    When the claim reports a happening that other outlets also tell (an event coded inside the claim belongs to a
    story), those outlets' reports corroborate it. Otherwise: a participant in common, no date that rules it out,
    and the same content words in the English, weighted by how rare they are among `reports` ("asked for
    air-defence systems, drones" ~ "has asked for air-defense systems, drones", but not every sentence that
    names the deputy defence minister)."""
    pool = list(reports)
    story = _story_of(claim, pool)
    if story is not None:
        others = [r for r in story if r.doc_id != claim.doc_id]
        if others:
            best: dict[str, Report] = {}
            for r in others:
                best.setdefault(r.doc_id, r)
            return list(best.values())
    return _by_words(claim, [r for r in pool if r.doc_id != claim.doc_id])


def _story_of(claim: Report, pool: list[Report]) -> list[Report] | None:
    """The reports of the happening an event inside the claim belongs to, best first; None if no event is."""
    inside = [r for r in pool if r.kind == "event" and r.doc_id == claim.doc_id and r.trigger_at is not None
              and claim.start <= r.trigger_at < claim.end]
    if not inside:
        return None
    for group in _clusters(pool):
        if any(r is mine for r in group.reports for mine in inside):
            return sorted(group.reports, key=lambda r: (r.duplicate_of is not None, _ORDER.find(r.grade) % 9,
                                                         -r.certainty, r.doc_id))
    return None


_CACHE: list = []          # [(ids of the pool, the pool, its clusters)]: called once per claim of one pool


def _clusters(pool: list[Report]):
    key = [id(r) for r in pool]
    if not _CACHE or _CACHE[0][0] != key:
        _CACHE[:] = [(key, pool, cluster(pool))]
    return _CACHE[0][2]


def _by_words(claim: Report, pool: list[Report]) -> list[Report]:
    words = {id(r): keywords(_english(r), r.participants) for r in pool}
    weights = Weights(words.values())
    names = set(claim.participants)
    mine = keywords(_english(claim), names)
    when = report_days(claim)
    best: dict[str, tuple[float, Report]] = {}
    for r in pool:
        if names and not names & set(r.participants):
            continue
        theirs = report_days(r)
        if when is not None and theirs is not None and not when.overlaps(theirs):
            continue
        score = weights.similar(mine, words[id(r)] - keywords(" ".join(names)))
        if score >= MATCH and (r.doc_id not in best or score > best[r.doc_id][0]):
            best[r.doc_id] = (score, r)
    return [r for _, r in sorted(best.values(), key=lambda item: (-item[0], item[1].doc_id))]


def _english(r: Report) -> str:
    return r.english if r.english and r.translation != "gloss" else r.text


# -- reasons ------------------------------------------------------------------------------------------------

def _hedged(r: Report) -> bool:
    return r.certainty < HEDGED or (r.source_type in UNNAMED)


def _families(reports: Iterable[Report]) -> dict[str, _Family]:
    out: dict[str, _Family] = {}
    for r in reports:
        out.setdefault(r.counted_family, _Family(r.counted_family)).reports.append(r)
    return out


def _support_reasons(families: dict[str, _Family]) -> list[str]:
    if not families:
        return []
    listed = "; ".join(f"{' and '.join(f.outlets)} ({_grade_words(f.grade)})" for f in families.values())
    reasons = [f"Reported by {_count(len(families), 'independent outlet family', 'independent outlet families')}: "
               f"{listed}."]
    for f in families.values():
        outlets = f.outlets
        if len(outlets) > 1 and f.id == UNIDENTIFIED_FAMILY:
            reasons.append(f"{' and '.join(outlets)}: nothing names their publishers, so they may be one "
                           "outlet's: counted once.")
        elif len(outlets) > 1:
            reasons.append(f"{' and '.join(outlets)} belong to one family ({f.id}): counted once.")
        repeats = {(r.outlet, r.original_outlet) for r in f.reports if r.duplicate_of and r.original_outlet}
        for outlet, original in sorted(repeats):
            if outlet == original:
                reasons.append(f"{outlet} published the same story twice (a feed entry and its page, or an "
                               f"update): counted once.")
            else:
                reasons.append(f"{outlet} repeats {original}'s story nearly word for word: counted once, with "
                               f"{original}.")
        if not f.plain:
            sample = next(r for r in f.reports)
            who = sample.attributed_to[-1] if len(sample.attributed_to) > 1 else "its sources"
            words = f" ({', '.join(sample.hedges)})" if sample.hedges else ""
            verb = "reports" if len(outlets) == 1 else "report"
            reasons.append(f"{' and '.join(outlets)} {verb} it only through {who}{words}: hedged or anonymous "
                           f"sourcing weighs half.")
        if f.grade not in RELIABLE:
            reasons.append(f"{' and '.join(outlets)}: {_grade_words(f.grade)}, weighs {weight(f.grade):g}.")
    return reasons


def _grade_words(grade: str) -> str:
    if grade == UNRATED:
        return "unrated outlet"
    return f"{grade}, {GRADES.get(grade, 'ungraded')}"


def _names(families: dict[str, _Family]) -> str:
    return "; ".join(" and ".join(f.outlets) for f in families.values())


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _result(grade: int, families, reasons: list[str]) -> Credibility:
    independent = list(families) if isinstance(families, dict) else []
    reasons.append(f"Grade {grade}: {LABELS[grade]}.")
    return Credibility(grade=grade, label=LABELS[grade], independent=independent,
                       reasoning=[_sentence_case(r) for r in reasons])


def _sentence_case(reason: str) -> str:
    """A reason that opens with a described source ("an unidentified outlet (file x.html): …") starts with a
    capital; outlet names keep their own case ("al-Araby al-Jadeed reports it …")."""
    first, _, rest = reason.partition(" ")
    return f"{first.capitalize()} {rest}" if first in ("a", "an", "the") else reason
