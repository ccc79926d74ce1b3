"""Russian roles from natasha's syntax parser (Universal Dependencies): the subject of the trigger verb is the
actor, its object or a prepositional object with a target preposition ("по лагерю", "против Израиля", "с
Хафтаром") the target; a passive's subject is the target. An event noun takes its genitive ("наступление
повстанцев") as actor, or the subject of the light verb it is the object of ("начали наступление"). A
reporting phrase ("по данным SOHR", "сообщил Песков") hangs off the verb as parataxis or is a verb of its own,
so its source never becomes the actor. A pronoun subject is no actor (the event stays unassigned).

The parser loads on first use, once per process, with the navec embeddings the Russian NER already uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .types import MentionRef

# Prepositions that lead to whom an act is aimed at; в / на only for motion and strikes ("вошли в Алеппо").
TARGET_PREPS = ("против", "по", "с", "со", "на", "в", "во", "к", "ко", "у")
PHRASE_RELS = {"amod", "nmod", "flat", "flat:name", "flat:foreign", "compound", "nummod", "appos", "det",
               "nummod:gov"}
PRONOUNS = {"он", "она", "оно", "они", "его", "её", "ее", "их", "мы", "я", "вы", "ты", "который", "которая",
            "которые", "которое", "это", "кто"}
MAX_TOKENS = 8


@dataclass(frozen=True)
class Role:
    """A participant found by the parse: its text span in the sentence and the name to show."""

    start: int
    end: int
    name: str


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any, Any]:
    from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter
    embedding = NewsEmbedding()
    return Segmenter(), NewsSyntaxParser(embedding), NewsMorphTagger(embedding)


class Parse:
    """One sentence parsed: tokens with UD relations and case, indexed by id."""

    def __init__(self, text: str) -> None:
        from natasha import Doc
        segmenter, syntax, morph = _models()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.parse_syntax(syntax)
        doc.tag_morph(morph)
        self.text = text
        self.tokens = list(doc.tokens)
        self.by_id = {t.id: t for t in self.tokens}
        self.children: dict[str, list] = {}
        for t in self.tokens:
            self.children.setdefault(t.head_id, []).append(t)

    def kids(self, tok) -> list:
        return self.children.get(tok.id, [])

    def head(self, tok):
        return self.by_id.get(tok.head_id)


@lru_cache(maxsize=256)
def parse(text: str) -> Parse:
    return Parse(text)


def roles(text: str, start: int, end: int, mentions: list[MentionRef], *, visit: bool = False) \
        -> tuple[list[Role], Role | None]:
    """(actors, target) of the trigger at [start, end) of the Russian sentence `text`, from its parse; the
    actors are the subject and those coordinated with it ("Шойгу и Хафтар провели переговоры")."""
    p = parse(text)
    inside = [t for t in p.tokens if t.start < end and start < t.stop]
    if not inside:
        return [], None
    ids = {t.id for t in inside}
    top = next((t for t in inside if t.head_id not in ids), inside[0])
    anchor = next((t for t in inside if t.pos in ("VERB", "AUX")), top)
    children = [c for t in inside for c in p.kids(t) if c.id not in ids]
    actor = target = None
    if anchor.pos in ("VERB", "AUX"):
        actor = _subject(p, anchor, children)
        target = _target(p, children, visit=visit)
    elif _mentioned_only(p, top):
        return [], None
    else:
        actor = _genitive(p, children) or _light_verb_subject(p, top)
        target = _target(p, children, nominal=True, visit=visit)
    members = [actor] + [k for k in p.kids(actor) if k.rel == "conj"] if actor is not None else []
    actors = [r for r in (_role(p, m, mentions) for m in members) if r is not None]
    return actors, _role(p, target, mentions)


def _subject(p: Parse, verb, children: list):
    for c in children:
        if c.rel == "nsubj":
            return c
    if any(c.rel == "nsubj:pass" for c in children):
        return next((c for c in children if c.rel == "obl:agent"), None)
    node = verb
    for _ in range(3):                    # "намерен посетить", "прибыл и встретился": the governing verb's subject
        if node.rel not in ("xcomp", "conj", "advcl") or p.head(node) is None:
            return None
        node = p.head(node)
        found = next((c for c in p.kids(node) if c.rel == "nsubj"), None)
        if found is not None:
            return found
    return None


def _target(p: Parse, children: list, nominal: bool = False, visit: bool = False):
    ranked = []
    for c in children:
        preps = [k.text.lower() for k in p.kids(c) if k.rel == "case"]
        if c.rel in ("nsubj:pass", "iobj") or (c.rel == "obj" and not nominal):
            ranked.append((0, c))
        elif c.rel in ("obl", "nmod") and preps and preps[0] in TARGET_PREPS and (
                visit or not _locative(c, preps[0])):           # a visit's place is whom it visits
            ranked.append((1 + TARGET_PREPS.index(preps[0]) / 100, c))
        elif c.rel == "obj" and nominal:
            ranked.append((2, c))
    if not ranked:
        return None
    found = min(ranked, key=lambda r: r[0])[1]
    # the object is a part of the act ("нанесла удары по лагерю"): its own target phrase is the target
    inner = [k for k in p.kids(found) if k.rel == "nmod" and any(
        g.rel == "case" and g.text.lower() in TARGET_PREPS for g in p.kids(k))]
    if found.rel == "obj" and found.pos == "NOUN" and inner and _is_act(found):
        return inner[0]
    return found


def _locative(tok, prep: str) -> bool:
    """"в Сирии", "на востоке": where it happened, not whom it is aimed at ("вошли в Алеппо" is accusative)."""
    return prep in ("в", "во", "на", "у") and (tok.feats or {}).get("Case") != "Acc"


def _is_act(tok) -> bool:
    return tok.text.lower().startswith(("удар", "авиаудар", "атак", "обстрел", "помощ", "поддержк"))


def _genitive(p: Parse, children: list):
    """"наступление повстанцев": a genitive with no preposition names who acts."""
    for c in children:
        if c.rel == "nmod" and (c.feats or {}).get("Case") == "Gen" and not any(k.rel == "case" for k in p.kids(c)):
            return c
    return None


# Verbs that carry an event noun ("провёл переговоры", "нанесла удар", "начали наступление"); under any other
# verb ("связывал первую поездку Евкурова с …") the noun names an event told elsewhere, not a new one.
LIGHT_VERBS = ("провод", "провел", "провёл", "провел", "провести", "провед", "нанес", "нанёс", "нанос", "соверш",
               "нача", "начин", "продолж", "вед", "вёл", "вел", "осуществ", "предприн", "устро", "организ", "объяв",
               "открыл", "открыв", "запуст", "возобнов")


def _mentioned_only(p: Parse, noun) -> bool:
    head = p.head(noun)
    return head is not None and head.pos == "VERB" and noun.rel in ("obj", "obl", "iobj") and \
        not head.text.lower().startswith(LIGHT_VERBS)


def _light_verb_subject(p: Parse, noun):
    head = p.head(noun)
    if head is not None and noun.rel == "obj" and head.pos == "VERB":
        return next((c for c in p.kids(head) if c.rel == "nsubj"), None)
    return None


def _role(p: Parse, tok, mentions: list[MentionRef]) -> Role | None:
    """The participant phrase around head token `tok`: the person named in it when there is one (a title
    with the name in apposition, "замминистра обороны России Юнус-Бек Евкуров"), else the mention over its
    head, else the phrase itself ("российская авиация")."""
    if tok is None or tok.text.lower() in PRONOUNS or tok.pos in ("PRON", "DET"):
        return None
    keep = [tok]
    todo = [tok]
    while todo and len(keep) < MAX_TOKENS:
        node = todo.pop()
        for k in p.kids(node):
            # "в Идлибе" is a place; "во главе с Евкуровым" names who leads the delegation, and so acts
            prepositional = k.rel == "nmod" and any(g.rel == "case" for g in p.kids(k)) and not (
                k.text.lower().startswith("глав") or (node.text.lower().startswith("глав") and k.rel == "nmod"))
            if k.rel in PHRASE_RELS and k.rel not in ("case", "conj", "cc") and not prepositional:
                keep.append(k)
                todo.append(k)

    def over(labels: tuple[str, ...], tokens: list) -> Role | None:
        for m in mentions:
            if m.label in labels and any(m.start <= k.start < m.end for k in tokens):
                return Role(m.start, m.end, m.canonical or p.text[m.start:m.end])
        return None

    named = over(("PER",), keep) or over(("PER", "ORG", "LOC", "MISC"), [tok])
    if named is not None:
        return named
    start = min(k.start for k in keep)
    end = max(k.stop for k in keep)
    return Role(start, end, p.text[start:end].strip(" ,.;:«»\""))
