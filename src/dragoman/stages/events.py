"""Events: who did what to whom, where and when, coded in PLOVER.

Originals are coded with the trigger lexicons of their language; a non-English sentence the lexicons miss is
coded again on its English rendering (analyst or machine, never a gloss) and the event points at the original.
"""

from __future__ import annotations

from ..model import Document, Event, Place, Sentence, Span, TimeExpression
from ..pipeline import stage
from ..settings import Settings
from ..text.clauses import clause_index, clause_starts, opens_after_a_place, opens_where, relative_clauses
from .common import by_language, inside

VERSION = "6"
ACTOR_LABELS = ("PER", "ORG")
TRANSLATION_DISCOUNT = 0.85     # an event read through a translation is a step further from the source
_CLOSERS = " \t\n\"'»”’)"        # what may stand between a place and the comma after it ("à Bakou", au cours…)


def _when(times: list[TimeExpression], clause: tuple[int, int], trigger: int) -> TimeExpression | None:
    """The resolved, not uncertain date nearest the trigger within its own clause (a visit's "yesterday,
    Tuesday" beats the publication date; the date of another clause is that clause's)."""
    from ..times import CONFIDENT
    own = [t for t in times if t.start is not None and t.confidence >= CONFIDENT
           and clause[0] <= t.span.start < clause[1]]
    return min(own, key=lambda t: abs(t.span.start - trigger), default=None)


def _where(places: list[Place], named: str | None, clause: tuple[int, int]) -> Place | None:
    """The place the coder named, matched to a resolved place of the clause; else the clause's first site or
    town. A country or region the coder did not mark as the place ("в", "en", "في", "'da") is not taken: named
    in a title, an owner or a party ("Russia's deputy minister", "le président élu du Liban", "Türkiye'nin
    çözmesi gereken mesele"), it is rarely where it happened."""
    located = [p for p in places if p.lat is not None and clause[0] <= p.span.start < clause[1]]
    if named:
        for place in located:
            if named in (place.text, place.value):
                return place
    sites = [p for p in located if p.precision < 3]
    return (sites or [None])[0]


def _beyond_clause(text: str, sentence: Sentence, places: list[Place], named: str | None,
                   clause: tuple[int, int], trigger: int, names: tuple[int, ...]) -> str | None:
    """The place of an event whose own clause names none. Told in a relative clause, it has its antecedent's
    place where the clause says where ("met in Sochi, where they signed an agreement") or is an Arabic one about
    a place ("سيناء التي تشهد هجمات"), else none. Told outside, it has the coder's own name for it, unless that
    is told only in relative clauses ("a rencontré Haftar, qui était en visite à Moscou": Haftar's visit's
    place, not the meeting's). Precision first: when unsure, no place."""
    asides = relative_clauses(text, sentence.span.start, sentence.span.end, names)
    own = [a for a in asides if a[0] <= trigger < a[1]]
    if own:
        opening = own[-1][0]
        before = [p for p in places if p.lat is not None and p.span.end <= opening
                  and not text[p.span.end:opening].strip(_CLOSERS)]
        return max(before, key=lambda p: p.span.end).value if before and opens_after_a_place(text, opening) \
            else None
    told = [p.span.start for p in places if named and named in (p.text, p.value)]
    if told and all(any(a[0] <= at < a[1] for a in asides) for at in told):
        return None
    return named


def _antecedent_clause(text: str, sentence: Sentence, trigger: int,
                       names: tuple[int, ...]) -> tuple[int, int] | None:
    """The clause before the relative clause of place or time holding the trigger (", where", ", où", ", где"):
    what happens in it happens then ("Fin septembre, Haftar a fait le voyage de Moscou, où il a été reçu par
    Vladimir Poutine": received at the end of September)."""
    own = [a for a in relative_clauses(text, sentence.span.start, sentence.span.end, names)
           if a[0] <= trigger < a[1]]
    if not own or not opens_where(text, own[-1][0]):
        return None
    return _clause(text, sentence, own[-1][0] - 1, names)


def _clause(text: str, sentence: Sentence, at: int, names: tuple[int, ...]) -> tuple[int, int]:
    """The document span of the clause of `sentence` holding offset `at` (`names`: where the sentence's names
    end, after which an Arabic relative pronoun opens a clause)."""
    lo, hi = sentence.span.start, sentence.span.end
    starts = clause_starts(text, lo, hi, names)
    i = clause_index(starts, at)
    return ([lo] + starts)[i], (starts + [hi])[i]


@stage("events", version=VERSION, requires=("sentences",), assigns=("events",))
def build(settings: Settings):
    """PLOVER events (CONSULT, AGREE, AID, MOBILIZE…) with actors, targets, place and time interval."""
    from ..events import EventCoder, MentionRef, SentenceInput

    coder = EventCoder()

    def coded(doc: Document, sentence: Sentence) -> SentenceInput:
        base = sentence.span.start
        refs = [MentionRef(m.span.start - base, m.span.end - base, m.label,
                           m.value if m.entity_id else None, m.entity_id) for m in inside(doc.mentions, sentence)]
        return SentenceInput(sentence.span.of(doc.text), base, refs)

    def event(doc: Document, sentence: Sentence, hit, via: str | None) -> Event:
        base = sentence.span.start
        span = Span(base + hit.span_start, base + hit.span_end) if via is None else sentence.span
        names = tuple(m.span.end for m in inside(doc.mentions, sentence))
        clause = _clause(doc.text, sentence, base + hit.trigger_start, names) if via is None else \
            (sentence.span.start, sentence.span.end)         # a rendering's offsets are not the original's
        times = inside(doc.times, sentence)
        when = _when(times, clause, base + hit.trigger_start)
        antecedent = None if when or via else \
            _antecedent_clause(doc.text, sentence, base + hit.trigger_start, names)
        if antecedent:
            when = _when(times, antecedent, base + hit.trigger_start)
        places = inside(doc.places, sentence)
        where = _where(places, hit.place, clause)
        place = where.value if where else hit.place if via else \
            _beyond_clause(doc.text, sentence, places, hit.place, clause, base + hit.trigger_start, names)
        confidence = hit.confidence * (TRANSLATION_DISCOUNT if via else 1.0) * (0.5 if hit.negated else 1.0)
        return Event(span=span, text=span.of(doc.text), value=hit.type, confidence=round(confidence, 3),
                     stage="events", version=VERSION, mode=hit.mode, actors=hit.actors, targets=hit.targets,
                     place=place, start=when.start if when else None,
                     end=when.end if when else None, precision=when.precision if when else None,
                     trigger=hit.trigger, negated=hit.negated, via=via, status=hit.status, act=hit.act,
                     assigned=hit.assigned)

    def events(doc: Document) -> Document:
        found: list[Event] = []
        for lang, sentences in by_language(doc).items():
            # Parsing English is the pipeline's dearest step; a sentence naming no person or organisation
            # yields no actor to code, so only sentences with one are parsed. The lexicon coders are cheap and
            # find unnamed actors ("الجيش السوري", "российская авиация"), so they read every sentence.
            if lang == "en":
                sentences = [s for s in sentences if any(m.label in ACTOR_LABELS for m in inside(doc.mentions, s))]
            hits = coder.code([coded(doc, s) for s in sentences], lang)
            found += [event(doc, sentences[h.sentence], h, None) for h in hits]
            if lang == "en":
                continue
            covered = {h.sentence for h in hits}
            rendered = [s for i, s in enumerate(sentences) if i not in covered and s.translation
                        and s.translation.engine not in ("gloss", "none") and s.translation.text]
            english = coder.code([SentenceInput(s.translation.text, 0, []) for s in rendered], "en")
            found += [event(doc, rendered[h.sentence], h, "translation") for h in english]
        doc.events = sorted(found, key=lambda e: e.span.start)
        return doc

    return events
