"""English event coding on the spaCy dependency parse.

1. Triggers: verbs and nouns from `data/en.yaml`, each read in the first sense whose conditions hold (what the
   object, subject, particle or clause contains). An event noun under a light verb ("held talks", "began a
   hunger strike") is anchored at that verb.
2. Only top-level triggers make events: one under another trigger is that trigger's content ("demanded the
   withdrawal", "blamed Israel for the bombing"). Coordinated verbs are siblings, not content.
3. Framing sets the type (PLOVER's intent categories): "agree/offer to X" is AGREE; "will / ready to / plans to
   X" is AGREE for a cooperative X and THREATEN for a hostile one; "threaten to X" is THREATEN (mode from X);
   "refuse to X" and "will not X" are REJECT; "demand / call for X" is DEMAND, or DISAPPROVE when X is a hostile
   act against someone; "Y said X must ..." is Y's DEMAND on X. Reporting verbs are transparent.
4. Participants come from the parse (phrases.py); negation lowers confidence and sets `negated`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .clauses import (ADVERBIAL_PREPS, MODE_CUES, crosses_adverbial, cued_mode, dedupe, distance, ids,
                      is_negated, mentions_against, modifier_words, nature_caused, object_words, predicated,
                      subject_words, that_clause, trigger_is_reference)
from .lexicon import PERSON_NAME, EnglishLexicon, Sense, english as english_lexicon, plover
from .english_roles import Roles, for_clauses, meeting
from .phrases import Mentions
from .types import EventHit, SentenceInput

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PUNCT = ".,;:!?\"'()[]«»“”‘’`"
INTENT_AUX = {"will", "would", "may", "might", "shall", "'ll", "wo", "'d"}
DEMAND_AUX = {"must", "should"}
HYPOTHETICAL_AUX = {"would", "may", "might", "could", "'d"}
# Reporting verbs whose subject performs or owns the act it names ("declared a ceasefire", "admitted the raid").
PERFORMATIVE = {"announce", "declare", "admit"}
# Types whose two parties play the same part: "talks between A and B" is A meeting B.
MUTUAL = {"CONSULT", "COOPERATE", "AGREE"}
# Verbs that carry an event noun ("held talks", "paid a visit", "launched an offensive"); any other verb over
# an event noun object ("linked the trip to …", "condemned the attack") names an event, it does not tell one.
LIGHT_VERBS = {"hold", "make", "pay", "conduct", "carry", "launch", "begin", "start", "continue", "stage",
               "undertake", "resume", "complete", "end", "have", "give", "take", "mount", "wage", "hold", "open"}
# Verbs whose subject flees, survives or undergoes the event noun they carry ("refugees fleeing the fighting",
# "civilians who survived the shelling", "an activist died under torture"): that subject is never the event's
# actor.
UNDERGO_VERBS = {"flee", "escape", "evade", "survive", "endure", "suffer", "witness", "dodge", "fear", "mourn",
                 "die", "perish", "succumb"}
CLAUSAL = {"xcomp", "ccomp", "acomp", "pcomp", "conj", "advcl", "oprd"}
_THROUGH = {"dobj", "pobj", "prep", "compound", "conj", "appos", "attr", "nmod", "amod", "npadvmod", "oprd",
            "dative", "agent"}


@dataclass
class _Cand:
    token: "Token"          # the trigger word
    anchor: "Token"         # the verb it hangs on (itself for verbs and free-standing nouns)
    sense: Sense
    framer: str | None      # agree / threaten / refuse / demand when the trigger is itself a framing word


class EnglishCoder:
    """Codes English sentences; the parse runs only on sentences holding a trigger word."""

    def __init__(self, lexicon: EnglishLexicon | None = None) -> None:
        self.lex = lexicon or english_lexicon()
        self.vocab = plover()

    def needs_parse(self, text: str) -> bool:
        """Cheap pre-filter: a form of a trigger, with a word its senses need ("set" wants "fire")?"""
        return self.lex.worth_parsing({w.strip(_PUNCT).lower() for w in text.split()})

    def code(self, sentences: list[SentenceInput], first_index: int = 0, *, filtered: bool = False) -> list[EventHit]:
        """`filtered`: every sentence with text has passed `needs_parse` already (EventCoder checks first)."""
        from .nlp import parse
        todo = [(i, s) for i, s in enumerate(sentences) if s.text.strip() and (filtered or self.needs_parse(s.text))]
        hits: list[EventHit] = []
        for (i, sentence), doc in zip(todo, parse(s.text for _, s in todo)):
            hits.extend(self.code_doc(doc, sentence, first_index + i))
        return hits

    # ------------------------------------------------------------------------------------------ triggers
    def code_doc(self, doc: "Doc", sentence: SentenceInput, index: int = 0) -> list[EventHit]:
        phrases = Roles(doc, Mentions(doc, sentence.mentions), self.lex.actor_nouns, self.lex.framers["report"])
        people = {i for i, m in phrases.mentions.by_token.items() if m.label == "PER"}
        cands, consumed = self._candidates(doc, people)
        by_anchor = {c.anchor.i: c for c in cands}
        by_token = {c.token.i: c for c in cands + consumed}
        return dedupe([self._event(c, by_token, phrases, index) for c in cands if self._top_level(c, by_anchor)])

    def _candidates(self, doc: "Doc", people: set[int]) -> tuple[list[_Cand], list[_Cand]]:
        """Triggers, one per anchor; and the event nouns consumed as objects of trigger verbs. `people`: the
        words of persons' names ("received Haftar" is a meeting whatever his title)."""
        verbs: list[_Cand] = []
        nouns: list[_Cand] = []
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass"):
                    continue
                sense = self._pick(self.lex.verbs.get(lemma), tok, tok, people)
                if sense is not None:
                    verbs.append(_Cand(tok, tok, sense, self.lex.framer_class(lemma)))
            elif tok.pos_ == "ADJ" and self.lex.framer_class(lemma) in ("agree", "refuse"):
                framer = self.lex.framer_class(lemma)         # "is opposed to", "is committed to"
                verbs.append(_Cand(tok, tok, Sense("AGREE" if framer == "agree" else "REJECT"), framer))
            elif tok.pos_ == "NOUN":          # not PROPN: "Economic Cooperation" in a name is no event
                for key in dict.fromkeys((lemma, tok.lower_)):
                    sense = self._pick_noun(key, tok, people)
                    if sense is not None:
                        nouns.append(_Cand(tok, self._anchor(tok), sense, self._noun_framer(sense)))
                        break
        taken = {c.anchor.i for c in verbs}
        out = list(verbs)
        consumed = []
        for c in nouns:                 # a noun under a trigger verb is that verb's object, not a new event
            if c.anchor.i not in taken:
                out.append(c)
                taken.add(c.anchor.i)
            else:
                consumed.append(c)
        lower = doc.text.lower()        # no "must" or "should" in the text: no token can be one
        for tok in doc if any(aux in lower for aux in DEMAND_AUX) else ():
            # "Russia said Sudan must return the helicopter": a demand on Sudan
            if tok.i not in taken and tok.pos_ in ("VERB", "AUX") and self._reported_must(tok):
                out.append(_Cand(tok, tok, Sense("DEMAND"), None))
                taken.add(tok.i)
        return out, consumed

    def _reported_must(self, verb: "Token") -> bool:
        """A "must" clause under a reporting verb or noun ("said that X must", "a reminder that X must")."""
        if not any(c.dep_ == "aux" and c.lower_ in DEMAND_AUX for c in verb.children):
            return False
        head = verb.head.lemma_.lower()
        return (verb.dep_ == "ccomp" and self.lex.framer_class(head) == "report") or (
            verb.dep_ in ("acl", "ccomp") and head in self.lex.framers["report_nouns"] and that_clause(verb))

    def _reports(self, verb: "Token") -> bool:
        """A verb that tells of an event someone else may have done ("reported / confirmed / denied an
        attack"); announcing, declaring or admitting an act is doing or owning it ("declared a ceasefire")."""
        lemma = verb.lemma_.lower()
        return (self.lex.framer_class(lemma) == "report" or lemma in self.lex.framers["deny"]) and (
            lemma not in PERFORMATIVE)

    def _noun_framer(self, sense: Sense) -> str | None:
        return {"DEMAND": "demand", "THREATEN": "threaten", "REJECT": "refuse"}.get(sense.type)

    def _anchor(self, noun: "Token") -> "Token":
        """The verb an event noun hangs on ("held talks", "converged for a rally", "launched days of war
        games"), or the noun itself when it is a subject or hangs on an adverbial ("despite negotiations")."""
        if noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return noun
        node = noun
        preps = 0
        for _ in range(4):
            if node.dep_ not in _THROUGH or node.head.i == node.i:
                break
            node = node.head
            if node.lower_ in ADVERBIAL_PREPS:
                break
            preps += node.dep_ in ("prep", "agent")
            if preps > 1:               # "died as a result of torture": the dier is not the torturer
                break
            if node.pos_ == "VERB":
                return node
            if node.pos_ == "AUX":
                break
        return noun

    def _pick(self, senses: list[Sense] | None, tok: "Token", clause: "Token",
              people: set[int] = frozenset()) -> Sense | None:
        """The first sense whose conditions the parse meets, or None (the word is no trigger here). A person's
        name as the object or subject counts as the word PERSON_NAME ("@persons" lists it)."""
        if not senses:
            return None
        obj = object_words(tok)
        subj = subject_words(tok)
        for child in tok.children:
            if child.i in people and child.dep_ in ("dobj", "dative", "nsubjpass"):
                obj.add(PERSON_NAME)
            elif child.i in people and child.dep_ == "nsubj":
                subj.add(PERSON_NAME)
        ctx = {t.lemma_.lower() for t in clause.subtree} | {t.lower_ for t in clause.subtree}
        prt = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
        preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "prt", "dative")}
        preps |= {m.lower_ for m in for_clauses(tok)}     # "called for Russia to withdraw": "for" marks a clause
        for sense in senses:
            if sense.prt and sense.prt not in prt:
                continue
            if sense.prep and not sense.prep & preps:
                continue
            if sense.obj and not any(words <= obj for words in sense.obj):
                continue
            if sense.subj and not any(words <= subj for words in sense.subj):
                continue
            if sense.ctx and not any(words <= ctx for words in sense.ctx):
                continue
            return sense
        return None

    def _pick_noun(self, key: str, tok: "Token", people: set[int] = frozenset()) -> Sense | None:
        entries = self.lex.nouns.get(key)
        if not entries:                 # most nouns are no trigger: their modifiers need not be read
            return None
        mods = modifier_words(tok)
        for required, senses in entries:
            if required <= mods:
                senses = [s for s in senses if not s.mod or any(w <= mods for w in s.mod)]
                sense = self._pick(senses, tok, self._anchor(tok), people)
                if sense is not None:
                    return sense
        return None

    def _top_level(self, cand: _Cand, by_anchor: dict[int, _Cand]) -> bool:
        """No other trigger above it (coordinated verbs are siblings, reporting verbs are transparent)."""
        node = cand.anchor
        while node.head.i != node.i:
            sibling = node.dep_ == "conj"
            node = node.head
            if not sibling and node.i in by_anchor and node.i != cand.anchor.i:
                return False
        return True

    # ------------------------------------------------------------------------------------------ framing
    def _embedded(self, cand: _Cand, by_token: dict[int, _Cand]) -> _Cand | None:
        """The nearest trigger under a framing trigger ("threatened to cut off", "demanded the withdrawal").
        Intent words frame only their own clause ("promised to continue aid"); the others reach into their
        object too ("called for sanctions against X")."""
        best = None
        for tok in cand.anchor.subtree:
            other = by_token.get(tok.i)
            if other is None or other is cand or crosses_adverbial(tok, cand.anchor):
                continue
            if cand.framer == "intent" and not (tok.head.i == cand.anchor.i and tok.dep_ in ("xcomp", "ccomp")):
                continue
            depth = distance(tok, cand.anchor)
            if depth is not None and depth <= 2 and (best is None or depth < best[0]):
                best = (depth, other)
        return best[1] if best else None

    def _climb(self, anchor: "Token") -> tuple[list[tuple[str, "Token"]], "Token | None", bool, int]:
        """Framing words above a top-level trigger: (class, word) pairs, the reporting verb, a condition
        ("unless") on the clause, and how deep the trigger sits (subordinate clauses, phrases)."""
        frames: list[tuple[str, "Token"]] = []
        reporter = None
        condition = False
        depth = 0
        node = anchor
        while True:
            for child in node.children if depth == 0 else ():
                word = child.lower_
                if child.dep_ == "aux" and word in INTENT_AUX:
                    frames.append(("intent", child))
                elif child.dep_ == "aux" and word in DEMAND_AUX:
                    frames.append(("must", child))
                elif child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.lex.framers["condition"]
                                                   for g in child.children):
                    condition = True
            if node.head.i == node.i:
                break
            dep = node.dep_
            parent = node.head
            reports = parent.lemma_.lower() in self.lex.framers["report_nouns"]
            if dep in ("acl", "ccomp") and reports and that_clause(node):
                # "issued a reminder to Iraq that it must cooperate": the noun reports for its verb
                while parent.pos_ not in ("VERB", "AUX") and parent.head.i != parent.i:
                    parent = parent.head
                if parent.pos_ in ("VERB", "AUX") and depth == 0:
                    reporter = reporter or parent
                node = parent
                continue
            if dep not in CLAUSAL:
                depth += 1
            elif dep != "conj" and depth == 0:
                lemma = parent.lemma_.lower()
                cls = self.lex.framer_class(lemma) or (
                    "intent" if parent.lower_ in self.lex.framers["intent"] and predicated(parent) else None)
                if cls == "report":
                    reporter = reporter or parent
                elif cls:
                    frames.append((cls, parent))
                elif dep == "advcl":
                    depth += 1
            node = parent
        return frames, reporter, condition, depth

    def _event(self, cand: _Cand, by_token: dict[int, _Cand], phrases: Roles, index: int) -> EventHit:
        """The event a top-level trigger makes: type after framing, participants, place, confidence."""
        kind, mode = cand.sense.type, cand.sense.mode
        anchor = cand.anchor
        content = self._embedded(cand, by_token) if cand.framer else None
        frames, reporter, condition, depth = self._climb(anchor)
        negated = is_negated(anchor)
        actor = phrases.subject(anchor, stative=cand.framer in ("agree", "refuse"))
        target = None
        act = None
        force: set[int] = set()         # who would carry a threat out: never its target, however it is sought
        if cand.framer in ("agree", "intent") and negated:          # "will not accept", "did not agree"
            kind, mode, negated = "REJECT", None, False
        elif cand.framer and content is not None:
            kind, mode = self._framed(cand, content, kind, mode)
            act = content.sense.type if content.sense.type != kind else None
            if kind == "THREATEN" and self.vocab.polarity[content.sense.type] == "hostile":
                force = phrases.acting_force(anchor, {content.anchor.i})
            skip = phrases.phrase_ids(actor, anchor) | force
            target = phrases.target(anchor, skip=skip, threat=kind == "THREATEN") or self._target(
                content, kind, phrases, skip=skip)
        elif not cand.framer:
            before = kind
            kind, mode, negated = self._apply_frames(kind, mode, frames, negated, condition)
            act = before if kind != before else None
        if actor is None and kind == "RETREAT" and not cand.framer:
            actor = phrases.withdrawn_force(anchor)     # "French forces were pulled out of Niger"
        if any(cls == "must" for cls, _ in frames) and reporter is not None:
            # "Russia said Sudan must return the helicopter": Russia's demand on Sudan
            act = act or kind
            kind, mode = "DEMAND", None
            target, actor = actor, phrases.subject(reporter)
        status = self._status(cand, kind, act, frames, reporter, condition, negated)
        if mode == "offer" and status == "happened":
            status = "proposed"         # "Libya offered to hand over the suspects": an offer, not an agreement
        if cand.token.pos_ == "NOUN" and cand.token.dep_ == "dobj" and cand.anchor.i != cand.token.i and \
                cand.anchor.lemma_.lower() not in LIGHT_VERBS and cand.anchor.lemma_.lower() not in self.lex.verbs:
            status = "reference"        # "linked Yevkurov's first trip to …": an event named, not told here
        if cand.token.pos_ == "NOUN" and cand.anchor.i != cand.token.i:
            # the noun's own owner or "by" agent outranks the verb's subject ("his trip follows visits by
            # Yevkurov"); a reporter is the claim's source, never the actor ("Ukraine reported a Russian attack"),
            # nor is one who flees or survives it ("refugees fleeing the fighting" did not fight)
            # the same when the verb's subject is itself an event ("X's visit followed talks in Moscow": the
            # visitor did not hold the talks)
            owner = phrases.noun_owner(cand.token)
            if owner is not None or self._reports(cand.anchor) or self._event_subject(cand.anchor) or (
                    cand.anchor.lemma_.lower() in UNDERGO_VERBS):
                actor = owner
        if actor is not None and nature_caused(anchor):
            actor = None                            # floods, storms and crashes are nobody's act
        pair = phrases.between(cand.token) if actor is None and kind in MUTUAL else None
        if pair is not None:                        # "talks between Haftar and Shoigu": one party each side
            actor, target = pair
        if target is None and cand.token.pos_ == "NOUN" and kind in ("ASSAULT", "FIGHT", "COERCE"):
            target = phrases.casualty(cand.token)       # "a prisoner died as a result of torture"
        target = phrases.inner_name(phrases.phrase_head(
            target or self._target(cand, kind, phrases, skip=phrases.phrase_ids(actor, anchor) | force)))
        if pair is None:
            pair = phrases.two_sides(actor, target, anchor, kind in MUTUAL)    # "A and B signed": one side each
            if pair is not None:
                actor, target = pair
        if kind in MODE_CUES and mode is None:
            mode = cued_mode(kind, anchor)
        used = ids(actor) | ids(target)
        actors = [phrases.name(actor)] if pair is not None else phrases.names(actor)
        targets = [n for n in phrases.names(target) if n not in actors]
        verbal = cand.anchor.i == cand.token.i or cand.token.pos_ == "VERB"
        confidence = (0.9 if verbal else 0.8) * 0.8 ** min(depth, 4)
        if negated:
            confidence *= 0.5
        if not actors:
            confidence *= 0.85
        if trigger_is_reference(cand.token, cand.anchor):
            confidence *= 0.6                       # "the visit comes amid ...": an event told before
        tokens = list(anchor.subtree)
        trigger = cand.token
        return EventHit(type=kind, mode=mode, trigger=trigger.text, trigger_start=trigger.idx,
                        trigger_end=trigger.idx + len(trigger.text), actors=actors, targets=targets,
                        place=phrases.place(anchor, used, trigger), span_start=tokens[0].idx,
                        span_end=tokens[-1].idx + len(tokens[-1].text), confidence=round(confidence, 3),
                        negated=negated, sentence=index, status=status, act=act)

    def _event_subject(self, verb: "Token") -> bool:
        """Is the verb's subject an event noun ("the visit followed talks", "the attack prompted sanctions")?"""
        return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in self.lex.nouns
                   for c in verb.children)

    def _status(self, cand: _Cand, kind: str, act: str | None, frames: list[tuple[str, "Token"]],
                reporter: "Token | None", condition: bool, negated: bool) -> str:
        """What the sentence says of the event's reality: negated, denied (by its reporter), requested (an act
        that "must" happen), hypothetical (conditional or "could/might"), planned (announced, promised), else
        happened. A demand, a refusal, an explicit threat or promise is itself a happening: "X asked for Y"
        happened; "X will send troops" (coded THREATEN) is only planned."""
        if negated:
            return "negated"
        deny = self.lex.framers["deny"]
        if cand.framer == "refuse":             # "refused to meet": the refusal happened; "denied striking": no
            return "denied" if cand.token.lemma_.lower() in deny and act is not None else "happened"
        if reporter is not None and reporter.lemma_.lower() in deny:
            return "denied"
        if kind in ("DEMAND", "REJECT") or cand.framer in ("threaten", "agree", "demand"):
            return "hypothetical" if condition else "happened"     # said in so many words: the saying happened
        if any(cls in ("demand", "must") for cls, _ in frames):
            return "requested"
        if condition or any(w.lower_ in HYPOTHETICAL_AUX for _, w in frames):
            return "hypothetical"
        if act is not None or any(cls in ("intent", "agree", "threaten") for cls, _ in frames):
            return "planned"
        return "happened"

    def _framed(self, cand: _Cand, content: _Cand, kind: str, mode: str | None) -> tuple[str, str | None]:
        """A framing trigger's type given the act under it."""
        inner = content.sense
        hostile = self.vocab.polarity[inner.type] == "hostile"
        if cand.framer == "threaten" or (cand.framer == "intent" and hostile):
            return "THREATEN", self.vocab.threat_mode(inner.type, inner.mode)
        if cand.framer == "intent":
            return "AGREE", None
        if cand.framer == "demand" and hostile and mentions_against(content.anchor):
            return "DISAPPROVE", None                 # calling for sanctions against X disapproves of X
        if cand.framer == "order" and self.vocab.polarity[inner.type] in ("hostile", "cooperative"):
            return inner.type, inner.mode             # ordering an arrest is arresting
        return kind, mode

    def _apply_frames(self, kind: str, mode: str | None, frames: list[tuple[str, "Token"]], negated: bool,
                      condition: bool) -> tuple[str, str | None, bool]:
        """An act only intended or announced becomes AGREE / THREATEN / REJECT (PLOVER's intent categories)."""
        intent = [w for cls, w in frames if cls in ("intent", "agree")]
        refused = any(cls == "refuse" for cls, _ in frames)
        if refused:
            return "REJECT", None, False
        if not intent:
            return kind, mode, negated
        polarity = self.vocab.polarity[kind]
        if negated and polarity in ("cooperative", "neutral"):
            return "REJECT", None, False
        if polarity == "hostile":
            return "THREATEN", self.vocab.threat_mode(kind, mode), negated
        if polarity == "cooperative" and condition:
            return "THREATEN", "relations", negated
        if polarity == "cooperative":
            return "AGREE", None, negated
        return kind, mode, negated

    def _target(self, cand: _Cand, kind: str, phrases: Roles, skip: set[int]) -> "Token | None":
        """The target among the event noun's own words ("held talks with X", "imposed sanctions on X"), the
        noun it qualifies ("mediation mission between X and Y") and the verb it hangs on ("X was put under
        investigation"), ranked together; on a tie the noun's own words win."""
        options = {"purpose_first": cand.sense.type == "PROTEST",
                   "theme_object": cand.sense.type in ("AID", "MOBILIZE"),
                   "grievance": kind in ("DISAPPROVE", "PROTEST"), "threat": kind == "THREATEN",
                   "criticism": kind == "DISAPPROVE", "placed": meeting(kind, cand.token)}
        token = cand.token
        nodes = [token]
        skip = skip | {token.i}
        if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
            nodes.append(token.head)
            skip |= {token.head.i}
        if cand.anchor.i != token.i:
            nodes.append(cand.anchor)
        ranked = []
        for order, node in enumerate(nodes):
            ranked.extend((rank + order / 1000, i, tok)
                          for rank, i, tok in phrases.target_candidates(node, skip=skip, **options))
        return phrases.best(ranked, skip)


def iter_senses(lex: EnglishLexicon) -> Iterator[Sense]:
    """Every sense in the lexicon (used by tests to check the data)."""
    for senses in lex.verbs.values():
        yield from senses
    for entries in lex.nouns.values():
        for _, senses in entries:
            yield from senses
