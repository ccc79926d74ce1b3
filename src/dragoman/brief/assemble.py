"""Draft a brief from the knowledge base: reports -> stories -> key sources, excerpts, analysis, notes, image.

`assemble` selects what the stored documents report about an entity or a search in a period (via
`dragoman.analysis`), then drafts (see `draft_brief`):

1. events: the best-attested stories, in time order, one plain sentence each ("On 22 August 2023, Yunus-Bek
   Yevkurov met Khalifa Haftar in Benghazi."), followed by what outlets disagree on;
2. claims: what sources say beyond the events (asks, aims), attributed ("according to informed sources cited
   by al-Araby al-Jadeed"), hedges kept; observers' assessments last.

Every sentence carries at least one excerpt (from a key source) and one note (the other outlets that report it,
or, for a single source, that source's credibility). The analyst edits and signs the result.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timezone
from typing import Any, Iterable

from ..errors import NotFound
from ..outlets import Registry
from ..text.controls import neutralise
from .check import backs, check_brief, content_words
from .attribution import according_to, source_type
from .draft import canonical_names, claim_sentence, conflict_sentence, event_sentence
from .excerpts import GLOSSED, ORIGINAL_ENGLISH, UNTRANSLATED
from .labels import about, between, subtitle
from .labels import period as period_label
from .model import Basis, Brief, Excerpt, Image, PullQuote
from .naming import shown
from .notes import NoteWriter, Plan
from .select import MAX_SOURCES, Selection

# A quotation that needs its neighbours to make sense ("the same sources said…", "He added…") is no pull quote.
_LEANS_ON_CONTEXT = re.compile(r"\b(?:the same|the latter|the former)\b|^(?:he|she|they|it|this|these|but|and)\b",
                               re.I)
_ATTRIBUTION = re.compile(r"^According to [^,]{1,120},\s*")
MAX_EVENTS = 12
MAX_CLAIMS = 4
MAX_ASSESSMENTS = 2
MIN_EVENT_CONFIDENCE = 0.55
PULL_QUOTE_CHARS = (60, 260)
VISITS = frozenset({"CONSULT"})            # a country as its target is where the actor went
PLACELESS_MODES = frozenset({"phone"})     # told with a place, it is where a party was, not where it happened
# acts done somewhere: the place beside them is where; for words (criticise, demand, support, sanction…) it is
# mostly what they are about, so those sentences name none
PLACED_TYPES = frozenset({"CONSULT", "AID", "RETREAT", "MOBILIZE", "PROTEST", "COERCE", "ASSAULT", "FIGHT"})
_LABEL_OF_KIND = {"person": "PER", "organisation": "ORG", "unit": "ORG", "country": "GPE"}


def assemble(ws, *, query: str | None = None, entity: str | None = None, start: date | None = None,
             end: date | None = None, title: str | None = None) -> Brief:
    """Draft a brief on `entity` and/or `query` between `start` and `end` (inclusive) from workspace `ws`."""
    from ..analysis.reports import load_reports
    from ..analysis.stories import build_stories

    reports = load_reports(ws, entity=entity, start=start, end=end, query=query)
    if not reports:
        raise NotFound(f"brief: no stored document reports anything about {about(query, entity)}"
                       f"{between(start, end)}; check the spelling, widen the period, or run `dragoman run`")
    stories = build_stories(reports)
    return draft_brief(ws, reports, stories, query=query, entity=entity, start=start, end=end, title=title)


def draft_brief(ws, reports: list, stories: list, *, query: str | None = None, entity: str | None = None,
                start: date | None = None, end: date | None = None, title: str | None = None) -> Brief:
    """The brief from already-built reports and stories (what `assemble` does after loading them)."""
    sel = Selection(ws, Registry.load(ws.root))
    drafter = _Drafter(sel, entity)
    events = drafter.events(stories)                                       # key sources and excerpts first…
    plans = events + drafter.claims(reports, stories, events)
    writer = NoteWriter(sel, reports)
    analysis = writer.write(plans)                                         # …then notes, in reading order
    if not analysis:
        sel.warnings.append("no story or claim could be drafted with backing; the sources below are what was found")
    sources = list(sel.sources.values())
    period = period_label(start, end, stories)
    topic = about(query, entity, quoted=False)
    brief = _neutral(Brief(
        title=title or f"{topic}: foreign press, {period or 'all dates'}",
        subtitle=subtitle(sources),
        query=topic,
        period=period,
        created=datetime.now(timezone.utc),
        image=drafter.image(),
        pull_quote=drafter.pull_quote(),
        analysis=analysis,
        sources=sources,
        notes=writer.notes,
        warnings=sel.warnings,
    ))
    checked = check_brief(brief, reports)
    brief.check = checked.line
    brief.warnings.extend(f"not backed: {failure}" for failure in checked.failures)
    return brief


def _neutral(brief: Brief) -> Brief:
    """No escape sequence or bidi override from a page reaches a brief; removing overrides is said in it."""
    brief, removed = neutralise(brief)
    if removed:
        brief.warnings.append(f"{removed} bidirectional control character(s) (RLO, LRI…) removed from quoted text, "
                              "so it displays in the order it is stored")
    return brief


class _Drafter:
    """Turns stories and claims into backed sentences, filling the Selection as it goes."""

    def __init__(self, sel: Selection, entity: str | None) -> None:
        self.sel = sel
        self.entity = entity
        self.labels: dict[str, Counter] = {}
        self.quote_candidates: list[tuple[float, Excerpt]] = []
        self.scenes: dict[int, frozenset] = {}      # story -> the targets and place its sentence names

    # -- what a name is ----------------------------------------------------------------------------

    def label(self, name: str, doc_ids: Iterable[str]) -> str | None:
        """PER, ORG, LOC… for a canonical name, as the documents' resolved mentions label it."""
        votes: Counter = Counter()
        for doc_id in doc_ids:
            if doc_id not in self.labels:
                self.labels[doc_id] = Counter((m.value, m.label) for m in self.sel.doc(doc_id).mentions
                                              if m.entity_id)
            for (value, label), n in self.labels[doc_id].items():
                if value == name:
                    votes[label] += n
        return votes.most_common(1)[0][0] if votes else None

    def spellings(self, doc_id: str) -> dict[str, str]:
        """Latin-script spellings of people and organisations in a document -> their canonical names."""
        found: dict[str, str] = {}
        for m in self.sel.doc(doc_id).mentions:
            if m.entity_id and m.label in ("PER", "ORG") and m.text.isascii() and m.text != m.value:
                found.setdefault(" ".join(m.text.split()), m.value)
        return found

    # -- events ------------------------------------------------------------------------------------

    def events(self, stories: list) -> list[Plan]:
        """The best-attested stories (at most MAX_EVENTS), each with its key source's excerpt."""
        drafted = sorted((d for d in map(self._event, stories) if d is not None), key=lambda d: -d[0])
        plans: list[Plan] = []
        seen: set[str] = set()
        told: list[tuple] = []
        for score, when, story, text, basis in drafted:
            scene = self.scenes.get(id(story), frozenset())
            if text in seen or len(plans) >= MAX_EVENTS or _retold(story, basis, scene, told):
                continue
            reports = [r for r in story.reports if r.kind == "event"]
            # the key source must itself tell who did what: a report naming only one side cannot back it;
            # happenings told by different outlets each need their own key source: up to one per sentence
            key = self.sel.best([r for r in reports if backs(basis, [r])], near=story.start,
                                limit=max(MAX_SOURCES, MAX_EVENTS))
            excerpt = self.sel.excerpt(key) if key is not None else None
            if excerpt is None:
                continue
            seen.add(text)
            told.append((story, basis, scene))
            others = [r for r in (*reports, *story.claims) if r.doc_id != key.doc_id]
            plan = Plan(0, (when, -score), text, excerpt, key, others, story.credibility, "Also reported in", basis)
            for conflict in story.conflicts:
                said = conflict_sentence(conflict.field, conflict.values) or conflict.note
                dissent = _dissenting(story, conflict, others)
                lead = f"A different {conflict.field} is given in" if dissent else "Also reported in"
                plan.follow.append(Plan(0, plan.order, said, excerpt, key, dissent or others, story.credibility,
                                        lead, Basis(kind="conflict", participants=basis.participants,
                                                    actors=basis.actors, targets=basis.targets,
                                                    type=basis.type), per_family=not dissent))
            plans.append(plan)
            self.quote_candidates.append((0.5, excerpt))
        return plans

    def _event(self, story) -> tuple[float, datetime, Any, str, Basis] | None:
        """(rank, date, story, sentence, what it asserts) for a story worth a sentence, else None."""
        reports = [r for r in story.reports if r.kind == "event"]
        if story.start is None or story.precision not in ("day", "week", "month") or not reports:
            return None
        if max(r.confidence for r in reports) < MIN_EVENT_CONFIDENCE:
            return None
        doc_ids = list(dict.fromkeys(r.doc_id for r in reports))
        actor, target_names = self._parties(reports, doc_ids)
        if actor is None:
            return None
        # only targets some report gives that role opposite this actor: never "A met B and C" from "C met A"
        target_names = [t for t in target_names
                        if backs(Basis(kind="event", actors=[actor], targets=[t], type=story.type), reports)]
        if not backs(Basis(kind="event", actors=[actor], type=story.type), reports) and not target_names:
            return None
        place = story.place
        if place and self.label(place, doc_ids) not in (None, "LOC", "GPE", "FAC"):
            place = None
        shown_targets = target_names
        if story.type in VISITS and target_names and all(self.kind(t, reports, doc_ids) == "GPE"
                                                           for t in target_names):
            # a visit to a country ("زيارة العبيدي إلى روسيا") is a visit there, never a meeting with "Russia";
            # the country the reports name wins over a place the geoparser put elsewhere
            place, shown_targets = target_names[0], []
        if place in shown_targets or story.mode in PLACELESS_MODES or story.type not in PLACED_TYPES or (
                _wide(place, reports) and any(self.kind(t, reports, doc_ids) == "GPE" for t in shown_targets)):
            # "attacked Israel in Israel", or "… in the Middle East" (the region of a sentence about a "wave of
            # upheaval"): an act on a country is placed by that country; a telephone call happens nowhere in
            # particular; the place beside a word said is what it is about ("accusé l'Azerbaïdjan d'ingérence
            # en Nouvelle-Calédonie")
            place = None
        self.scenes[id(story)] = frozenset([*shown_targets, *([place] if place else [])])
        hedged = all(r.hedges for r in reports)
        text = event_sentence(story.type, story.mode, shown(actor) + (" reportedly" if hedged else ""),
                              [shown(t) for t in shown_targets], place, story.start, story.end, story.precision)
        if text is None:
            return None
        according = according_to(reports)
        if according:
            text = text[:-1] + f", according to {according}."
        independent = getattr(story.credibility, "independent", None) or {self.sel.family(r) for r in reports}
        score = 2.0 * len(independent) + 0.5 * len(reports) + (1.0 if story.precision == "day" else 0.0)
        score += 1.0 if target_names else 0.0
        if self.entity and any(self.entity.lower() == p.lower() for p in story.participants):
            score += 2.0
        return score, _naive(story.start), story, text, Basis(kind="event", participants=[actor, *target_names],
                                                              actors=[actor], targets=target_names,
                                                              type=story.type)

    def kind(self, name: str, reports: list, doc_ids: list[str]) -> str | None:
        """PER, ORG, GPE (a country acting) or LOC for a participant: as the reports typed it (a person the NER
        found without an entity, "Израиль" resolved to Israel), else as the documents' resolved mentions label it."""
        votes = Counter(k for r in reports if (k := getattr(r, "kinds", {}).get(name)))
        if votes:
            return _LABEL_OF_KIND.get(votes.most_common(1)[0][0], "LOC")
        return self.label(name, doc_ids)

    def _parties(self, reports: list, doc_ids: list[str]) -> tuple[str | None, list[str]]:
        """(actor, targets) by vote over the reports: people first; an organisation (or a state, by its country's
        name) only when no person is named on that side, so "met Libyan National Army" never stands for "met
        Haftar, its commander"."""
        def kind(name: str) -> str | None:
            return self.kind(name, reports, doc_ids)

        persons: Counter = Counter()
        for r in reports:
            # dicts, not sets: ties keep the reports' order, so the same workspace drafts the same sentence
            persons.update(dict.fromkeys((p for p in (*getattr(r, "persons", []), *r.actors, *r.targets)
                                          if kind(p) == "PER"), 1))
        acting: Counter = Counter()
        receiving: Counter = Counter()
        for r in reports:
            acting.update(dict.fromkeys((a for a in r.actors if kind(a) in ("PER", "ORG", "GPE")), 1))
            receiving.update(dict.fromkeys((t for t in r.targets if kind(t) in ("PER", "ORG", "LOC", "GPE")), 1))
        people_acting = [a for a, _ in acting.most_common() if kind(a) == "PER"]
        # someone a report sets as the actor before a person merely named beside the act ("DEM Parti … CHP'yi
        # ziyaret etti" in a sentence about Bahçeli: the visit is DEM's, not Bahçeli's)
        actor = people_acting[0] if people_acting else (acting.most_common(1)[0][0] if acting else None)
        if actor is None:
            actor = persons.most_common(1)[0][0] if persons else None
        if actor is None:
            return None, []
        # Someone merely named in the sentence ("a day before Prigozhin died") is not a party to the meeting.
        # So is one stray coding among many: a target needs a third of the votes the best-attested one has.
        votes = {p: receiving[p] + acting[p] for p in persons if p != actor and (receiving[p] or acting[p])}
        floor = max(votes.values(), default=0) / 3
        targets = [p for p, _ in persons.most_common() if votes.get(p, 0) and votes[p] >= floor]
        if not targets:
            # an organisation, or a state the reports set as the target ("Hamas attacked Israel")
            targets = [t for t, _ in receiving.most_common() if t != actor and kind(t) in ("ORG", "LOC", "GPE")][:1]
        return actor, targets[:2]

    # -- claims ------------------------------------------------------------------------------------

    def claims(self, reports: list, stories: list, drafted: list[Plan] | None = None) -> list[Plan]:
        """Attributed claims: at most MAX_CLAIMS from anonymous or named sources, MAX_ASSESSMENTS observers' views."""
        from ..analysis.credibility import assess_claim

        # A named source's claim inside a story already drafted only restates that event: leave it to the notes.
        told = {id(c) for p in drafted or [] for s in stories if p.key in s.reports for c in s.claims}
        by_doc: dict[str, list] = {}
        for r in reports:
            by_doc.setdefault(r.doc_id, []).append(r)
        candidates = []
        for r in reports:
            if r.kind != "claim":
                continue
            kind = source_type(r)
            if kind == "named" and id(r) in told:
                continue
            english = r.english if r.english else (r.text if (r.language or "en") == "en" else None)
            if kind == "outlet" or not english or r.translation in ("gloss", GLOSSED):
                continue
            text = claim_sentence(canonical_names(english, self.spellings(r.doc_id)), r.attributed_to, r.outlet,
                                  r.hedges, r.published, kind=kind)
            if text is None:
                continue
            basis = _claim_basis(text, r)
            if not backs(basis, [r]):
                continue                      # its own words do not say it: the drafting changed the claim
            score = {"anonymous": 3.0, "observers": 1.5, "named": 1.0}[kind] + r.certainty
            score += 1.0 if (r.language or "en") != "en" else 0.0
            score += 1.0 if r.doc_id in self.sel.sources else 0.0
            score += 1.0 if id(r) in told else 0.0          # it says more about an event the brief reports
            candidates.append((score, r, kind, text, basis))
        candidates.sort(key=lambda c: -c[0])
        plans: list[Plan] = []
        taken: list[tuple[Any, str]] = []
        quota = {"observers": MAX_ASSESSMENTS}
        for score, r, kind, text, basis in candidates:
            if len(plans) >= MAX_CLAIMS + MAX_ASSESSMENTS:
                break
            room = quota.get(kind, MAX_CLAIMS) - sum(1 for p in plans if (p.paragraph == 2) == (kind == "observers"))
            if room <= 0:
                continue
            if any(_similar(text, t) or (c.doc_id == r.doc_id and _overlap(c, r)) for c, t in taken):
                continue
            if self.sel.best([r]) is None:
                continue
            excerpt = self.sel.excerpt(r)
            if excerpt is None:
                continue
            taken.append((r, text))
            others = [c for _, c, _, t, _ in candidates if c.doc_id != r.doc_id and _similar(text, t, 0.55)]
            others += [o for s in stories if any(c is r for c in s.claims) for o in (*s.reports, *s.claims)
                       if o.doc_id != r.doc_id]
            # only documents that say the same count as support (and may be footnoted)
            others = [o for o in others if backs(basis, by_doc.get(o.doc_id, ()))]
            when = _naive(r.published) if r.published else datetime.max
            plans.append(Plan(2 if kind == "observers" else 1, (when, r.start), text, excerpt, r, others,
                               assess_claim(r, others), "Also reported in", basis))
            if not excerpt.cut:
                weight = {"anonymous": 2.0, "named": 1.5, "observers": 1.0}[kind] + (2.0 if r.type == "quote" else 0)
                self.quote_candidates.append((weight, excerpt))
        return plans

    # -- pull quote and image ----------------------------------------------------------------------

    def pull_quote(self) -> PullQuote | None:
        """One striking translated sentence from an excerpt in the brief."""
        in_brief = {e.id for block in self.sel.sources.values() for e in block.excerpts}
        best = None
        for weight, excerpt in self.quote_candidates:
            if excerpt.translation in (GLOSSED, UNTRANSLATED) or excerpt.cut or excerpt.id not in in_brief \
                    or _LEANS_ON_CONTEXT.search(excerpt.english):
                continue
            length = len(excerpt.english)
            if not PULL_QUOTE_CHARS[0] <= length <= PULL_QUOTE_CHARS[1]:
                continue
            score = weight + (1.0 if excerpt.translation != ORIGINAL_ENGLISH else 0.0) - abs(length - 160) / 200
            if best is None or score > best[0]:
                best = (score, excerpt)
        return PullQuote(text=best[1].english, excerpt_id=best[1].id) if best else None

    def image(self) -> Image | None:
        """The first licensed picture in the brief's documents: key sources first, then notes."""
        from ..vocab.termbase import TermBase
        from .image import image_for
        terms = TermBase.for_workspace(self.sel.ws.root)
        outlets = {doc_id: block.outlet for doc_id, block in self.sel.sources.items()}
        for doc_id, note in self.sel.notes.items():
            outlets.setdefault(doc_id, note.outlet or "")
        for doc_id, outlet in outlets.items():
            doc = self.sel.doc(doc_id)
            if doc.capture is None or "html" not in (doc.content_type or ""):
                continue
            found = image_for(doc, self.sel.ws.archive.read(doc.capture), outlet=outlet or doc.source, terms=terms)
            if found is not None:
                if "caption, untranslated" in found.caption:
                    self.sel.warnings.append(f"the picture's caption (from {outlet}) is untranslated; write an "
                                             "English caption before publishing")
                return found
        return None


def _claim_basis(text: str, report) -> Basis:
    """What a claim sentence asserts: the participants it names and its content words, its attribution left out
    ("According to informed sources cited by al-Araby al-Jadeed, …" asserts only what follows)."""
    content = _ATTRIBUTION.sub("", text, count=1)
    names = [p for p in report.participants if p in content]
    return Basis(kind="claim", participants=names, words=content_words(content))


def _wide(place: str | None, reports: list) -> bool:
    """A country or region, not a site or town: as precise as the reports that give this place say."""
    precisions = [r.place_precision for r in reports if r.place == place and r.place_precision is not None]
    return place is not None and min(precisions, default=3) >= 3


def _dissenting(story, conflict, others: list) -> list:
    """The reports behind the values a conflict sets against the consensus (the value most outlets give)."""
    ranked = sorted(conflict.values.items(), key=lambda kv: -len(set(kv[1])))
    agree = set(ranked[0][1]) if ranked else set()
    dissenters = {o for _, outlets in ranked[1:] for o in outlets} - agree
    found = [r for r in others if r.outlet in dissenters]
    if conflict.field == "date" and story.start is not None:
        consensus = _naive(story.start).date()
        found = [r for r in found if r.when_start is None or _naive(r.when_start).date() != consensus
                 or r.precision != story.precision]
    return found


def _retold(story, basis: Basis, scene: frozenset, told: list[tuple]) -> bool:
    """Whether a story already drafted tells the same happening under a shorter or longer name of its actor
    ("العبيدي" and "خالد العبيدي" visiting Russia on 27 July in one article): same type, day, targets and place."""
    words = set(basis.actors[0].split()) if basis.actors else set()
    for other, said, where in told:
        if other.type != story.type or other.start is None or story.start is None \
                or _naive(other.start).date() != _naive(story.start).date() or where != scene:
            continue
        theirs = set(said.actors[0].split()) if said.actors else set()
        if words and theirs and (words <= theirs or theirs <= words):
            return True
    return False


def _similar(a: str, b: str, threshold: float = 0.8) -> bool:
    from rapidfuzz import fuzz
    return fuzz.token_set_ratio(a, b) / 100 >= threshold


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value
