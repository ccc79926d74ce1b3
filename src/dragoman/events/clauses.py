"""What a dependency parse says about one clause: the words around a trigger, negation, "that" clauses,
instrument cues for modes. Small functions of spaCy tokens, used by the English coder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import EventHit

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions of time and circumstance: a noun under them is not the object of the verb above.
ADVERBIAL_PREPS = {"despite", "after", "before", "during", "following", "amid", "amidst", "since", "until",
                   "because", "like", "unlike", "without", "besides", "within", "throughout"}
# Forces of nature and accidents: what they do ("floods that tore through Derna, killing thousands") has no actor.
NATURAL_FORCES = {"flood", "flooding", "storm", "earthquake", "quake", "wildfire", "hurricane", "cyclone", "tsunami",
                  "landslide", "crash", "accident", "drought", "avalanche", "disaster", "epidemic", "pandemic",
                  "disease", "rain", "rains", "wind", "winds", "heatwave", "collapse", "daniel"}
MODE_CUES = {
    "ASSAULT": (("suicide-attack", {"suicide"}), ("explosives", {"bomb", "bombing", "explosive", "explosion",
                                                                  "blast", "device", "grenade", "ied"}),
                ("primitive", {"machete", "knife", "axe", "stone", "club"}), ("torture", {"torture"}),
                ("assassinate", {"assassinate", "assassination"}), ("sexual", {"sexual", "sexually", "rape"})),
    "FIGHT": (("heavy-weapons", {"tank", "artillery", "shell", "aircraft", "helicopter", "missile", "rocket",
                                 "mortar", "airstrike", "jet", "warplane", "drone", "predator"}),
              ("firearms", {"gun", "gunfire", "gunbattle", "rifle", "sniper", "fire"}),
              ("explosives", {"mine", "minefield", "explosion", "bomb"})),
}


def words_of(tok: "Token") -> set[str]:
    """Lemmas and forms of a word and its modifiers ("martial law", "state of emergency", "arms deliveries")."""
    out = {tok.lemma_.lower(), tok.lower_}
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "prt") or (
                child.dep_ == "prep" and child.lower_ == "of"):
            out |= {child.lemma_.lower(), child.lower_}
            for grand in child.children:
                if grand.dep_ in ("pobj", "compound", "amod"):
                    out |= {grand.lemma_.lower(), grand.lower_}
    for conj in tok.conjuncts:
        out |= {conj.lemma_.lower(), conj.lower_}
    return out


def object_words(verb: "Token") -> set[str]:
    """The words of what a verb acts on: objects, passive subject, prepositional objects, a "to" clause's object."""
    out: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "dative", "oprd", "acomp", "prt"):
            out |= words_of(child)
        elif child.dep_ in ("prep", "agent"):
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    out |= words_of(grand)
        elif child.dep_ == "xcomp":                 # "prepared to resume shelling", "promised to send arms"
            out |= {child.lemma_.lower(), child.lower_}
            for grand in child.children:
                if grand.dep_ in ("dobj", "xcomp"):
                    out |= words_of(grand)
    return out


def subject_words(verb: "Token") -> set[str]:
    """The words of a verb's subject."""
    out: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out |= words_of(child)
    return out


def modifier_words(noun: "Token") -> set[str]:
    return words_of(noun) - {noun.lemma_.lower(), noun.lower_}


def predicated(word: "Token") -> bool:
    """"is prepared to", "ready to": an adjective of intent, not the verb ("the army prepared an attack")."""
    return word.pos_ == "ADJ" or any(c.lemma_ == "be" for c in word.children) or word.tag_ == "MD"


def is_negated(tok: "Token") -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def mentions_against(tok: "Token") -> bool:
    return any(t.lower_ == "against" for t in tok.subtree)


def distance(tok: "Token", ancestor: "Token") -> int | None:
    steps = 0
    while tok.i != ancestor.i:
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1
    return steps


def that_clause(clause: "Token") -> bool:
    """A "that" clause: what a reminder or statement says, not a participle ("a letter handed over")."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def crosses_adverbial(tok: "Token", ancestor: "Token") -> bool:
    """Is there a "despite / after / following ..." between a word and the framing verb above it?"""
    while tok.i != ancestor.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.lower_ in ADVERBIAL_PREPS:
            return True
    return False


def ids(tok: "Token | None") -> set[int]:
    return {tok.i} if tok is not None else set()


def cued_mode(kind: str, anchor: "Token") -> str | None:
    lemmas = {t.lemma_.lower() for t in anchor.subtree} | {t.lower_ for t in anchor.subtree}
    for mode, cues in MODE_CUES[kind]:
        if lemmas & cues:
            return mode
    return None


def dedupe(hits: list[EventHit]) -> list[EventHit]:
    """"donated and delivered goods to X": one AID by the same actors to the same targets."""
    seen: dict[tuple, EventHit] = {}
    for hit in hits:
        key = (hit.type, tuple(hit.actors), tuple(hit.targets))
        if key not in seen or hit.confidence > seen[key].confidence:
            seen[key] = hit
    return sorted(seen.values(), key=lambda h: h.trigger_start)


def trigger_is_reference(token: "Token", anchor: "Token") -> bool:
    """A definite event noun with no owner ("the visit", "the talks") names an event already told, not a new
    one; "Haftar's visit" or "held talks" do not count."""
    if token.pos_ != "NOUN" or token.i != anchor.i:
        return False
    children = list(token.children)
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in children) and not (
        any(c.dep_ == "poss" for c in children))


def nature_caused(anchor: "Token") -> bool:
    """The act's doer is a force of nature or an accident: the nearest subject up the tree (or the noun a
    relative clause hangs on) is a flood, storm, crash…"""
    node = anchor
    for _ in range(5):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        for subject in subjects:
            words = {subject.lemma_.lower(), subject.lower_} | {t.lemma_.lower() for t in subject.subtree}
            if subject.lower_ in ("that", "which") and node.dep_ == "relcl":
                words |= {node.head.lemma_.lower(), node.head.lower_}
            return bool(words & NATURAL_FORCES)
        if node.dep_ == "relcl" and node.head.lemma_.lower() in NATURAL_FORCES:
            return True
        if node.dep_ == "advcl" and _suffers_from_nature(node.head):
            return True                 # "Libya is reeling from the floods …, killing thousands": the floods
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _suffers_from_nature(verb: "Token") -> bool:
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by", "after"):
            if any(t.lemma_.lower() in NATURAL_FORCES for t in prep.subtree):
                return True
    return False
