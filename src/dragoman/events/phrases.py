"""Participants in an English dependency parse: which words stand for an actor, and how to name them (the roles
they play are read in `english_roles.py`).

A participant is a name the entities stage found (shown by its canonical name when resolved), or else the noun
phrase around an actor-like word ("the government", "Israeli police", "Iraq's foreign minister").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import MentionRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "them", "him", "itself"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
# Pronouns that stand for a person, and for a thing, state or body: "it" is never Chirac, "he" never Iraq.
PERSON_PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
# Parts of a noun phrase that belong in an actor's name; relative clauses, appositions and the like do not.
_KEEP_LEFT = {"amod", "compound", "poss", "nmod", "case", "npadvmod", "nummod", "quantmod", "punct"}
_KEEP_PREPS = {"of", "in", "from", "based", "at"}
# Places and sites that a target phrase can be about ("the besieged Bosnian town of Gorazde", "Danish Web sites").
PLACE_NOUNS = {"town", "city", "village", "camp", "enclave", "site", "region", "province", "district", "capital",
               "port", "base", "embassy", "consulate", "area", "zone", "territory", "island", "market"}
PLACING_PREPS = {"in", "from", "inside"}
MAX_WORDS = 10
MAX_LIST = 30
# Dates are not participants ("demanded on Tuesday").
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "today", "yesterday", "tomorrow", "tonight", "morning", "evening", "night", "week", "weekend",
              "month", "year", "decade", "century", "day", "hour", "time", "period", "spring", "summer",
              "autumn", "winter", "overnight", "weekday"}


class Mentions:
    """Token index -> the mention covering it, for one parsed sentence."""

    def __init__(self, doc: "Doc", mentions: list[MentionRef]) -> None:
        self.by_token: dict[int, MentionRef] = {}
        if not mentions:
            return
        from spacy.attrs import IDX, LENGTH
        # each token's start and length, read once (not once a mention) and without making Token objects
        spans = [(start, start + length, i) for i, (start, length) in enumerate(doc.to_array([IDX, LENGTH]).tolist())]
        for m in mentions:
            for start, end, i in spans:
                if start < m.end and end > m.start:
                    self.by_token[i] = m

    def get(self, tok: "Token") -> MentionRef | None:
        return self.by_token.get(tok.i)


class Phrases:
    """Finds and names participants; `actor_nouns` are common nouns that can stand as an actor."""

    def __init__(self, doc: "Doc", mentions: Mentions, actor_nouns: frozenset[str],
                 report_words: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.mentions = mentions
        self.actor_nouns = actor_nouns
        self.report_words = report_words
        self._resolving: set[int] = set()

    # ---- is this word a participant?
    def is_participant(self, tok: "Token") -> bool:
        if tok.lower_ in TIME_WORDS or tok.lemma_.lower() in TIME_WORDS or tok.like_num:
            return False
        if self.mentions.get(tok) is not None:
            return tok.pos_ != "VERB"
        if tok.lower_ in RELATIVES:                 # "that" misread as an object is no relative pronoun
            return tok.pos_ == "PRON" and tok.head.dep_ in ("relcl", "acl")
        if tok.lower_ in PRONOUNS:
            return tok.pos_ == "PRON"
        if tok.pos_ == "PROPN":
            return True
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in self.actor_nouns or tok.lower_ in self.actor_nouns):
            return True
        # "Israeli", "Indian": a capitalised adjective naming a people stands for its state
        return tok.pos_ == "ADJ" and tok.text[:1].isupper() and tok.i > 0 and tok.dep_ in ("amod", "compound")

    def named(self, tok: "Token") -> bool:
        """A name rather than a common noun ("Palestinians", "Tanzania", not "troops")."""
        return self.mentions.get(tok) is not None or tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > 0)

    def find(self, tok: "Token | None", depth: int = 0) -> "Token | None":
        """`tok` if it is a participant, else one inside its phrase (its owner, its maker, what it is of).
        `depth` 2 and more looks no deeper than the word's own modifiers."""
        if tok is None or depth > 3:
            return None
        tok = self.name_head(tok)
        named = self._named_apposition(tok)
        if named is not None:                           # "the UN envoy, Ghassan Salame," is Salame
            return named
        if self.is_participant(tok) and not (tok.pos_ == "ADJ" and depth == 0):
            return tok
        children = list(tok.children)
        if tok.pos_ in ("VERB", "AUX"):                 # "the Red Cross operating in Iraq said ..."
            for child in children:
                if child.dep_ == "nsubj":
                    return self.find(child, depth + 1)
        for child in children:                          # "a drone strike by the Turkish army": the army
            if child.dep_ == "prep" and child.lower_ == "by" and depth < 2:
                found = self.find(prep_object(child), depth + 1)
                if found is not None:
                    return found
        for dep in ("poss", "compound", "amod", "nmod"):
            for child in children:
                if child.dep_ == dep and child.i < tok.i and self.is_participant(child):
                    return self.resolve(child)
        for child in children:                          # "US Predator attacks": the owner of a compound
            if child.dep_ == "compound" and child.i < tok.i and child.pos_ == "NOUN":
                owner = next((g for g in child.children if g.dep_ in ("compound", "amod") and g.i < child.i
                              and self.is_participant(g)), None)
                if owner is not None:
                    return owner
        for child in children:                          # "the budget proposed by the unity government"
            if child.dep_ == "acl" and depth < 2:
                for grand in child.children:
                    if grand.dep_ == "agent":
                        found = self.find(prep_object(grand), depth + 1)
                        if found is not None:
                            return found
        for prep in ("by", "of", "from", "with", "on", "against", "to", "for", "among", "between"):
            if depth >= 2:
                break
            for child in children:
                if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                    found = self.find(prep_object(child), depth + 1)
                    if found is not None:
                        return found
        return None

    def name_head(self, tok: "Token") -> "Token":
        """The last word of a flat name: "President" and "Hosni" in "President Hosni Mubarak" stand for it."""
        while (tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN"
               and tok.head.i > tok.i and self.mentions.get(tok.head) is not None):
            tok = tok.head
        return tok

    def _named_apposition(self, tok: "Token") -> "Token | None":
        """A person named in apposition to a common noun ("the head of the agency, Rafael Grossi,"): the person
        is the participant. An organisation's acronym beside its description ("the UN refugee agency, UNHCR")
        is only another name for it, and the description stays."""
        if self.named(tok):
            return None
        for child in tok.children:
            mention = self.mentions.get(child)
            if child.dep_ == "appos" and child.i > tok.i and mention is not None and mention.label == "PER":
                return child
        return None

    def agrees(self, pronoun: "Token", tok: "Token") -> bool:
        """Could the pronoun stand for this word? Persons take he/she, things and bodies it, plurals they."""
        mention = self.mentions.get(tok)
        label = mention.label if mention is not None else None
        word = pronoun.lower_
        if word in PERSON_PRONOUNS:
            return label not in ("ORG", "LOC") and tok.tag_ not in ("NNS", "NNPS")
        if word in THING_PRONOUNS:
            return label != "PER" and tok.tag_ not in ("NNS", "NNPS")
        # they / their / them: a group, or people named together ("Putin and Erdogan"), never one person
        return label != "PER" or any(c.dep_ == "conj" for c in tok.children)

    def resolve(self, tok: "Token") -> "Token | None":
        """A pronoun's antecedent in the sentence: the nearest enclosing clause's subject that agrees with it
        (else whom the clause addresses: "a reminder to Iraq that it must"), or a relative's noun."""
        if tok.lower_ in RELATIVES and tok.pos_ == "PRON":
            return tok.head.head if tok.head.dep_ in ("relcl", "acl") else None
        if tok.lower_ not in PRONOUNS:
            return tok
        if tok.i in self._resolving:                # a pronoun inside its own antecedent's phrase
            return None
        self._resolving.add(tok.i)
        try:
            return self._antecedent(tok)
        finally:
            self._resolving.discard(tok.i)

    def _antecedent(self, tok: "Token") -> "Token | None":
        node = tok.head
        addressed = None
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.i >= tok.i or child.lower_ in PRONOUNS:
                    continue
                if child.dep_ in ("nsubj", "nsubjpass"):
                    found = self.find(child) or child       # "the alliance said it ...": the alliance
                    if self.agrees(tok, found):
                        return found if found.lower_ not in PRONOUNS else None
                elif addressed is None and child.dep_ in ("dative", "prep", "dobj") and (
                        child.dep_ != "prep" or child.lower_ == "to"):
                    found = self.find(prep_object(child) if child.pos_ == "ADP" else child)
                    if found is not None and self.named(found) and self.agrees(tok, found):
                        addressed = found
        return addressed

    def phrase_head(self, tok: "Token | None") -> "Token | None":
        """The noun a describing modifier belongs to, for naming a target: "Danish" in "Danish Web sites" and
        "refugee" in "the Cambodian refugee camp" stand for the whole phrase when it names people or a place; on a
        thing or an act ("Israeli changes") the modifier is the owner and stays, as does a full name (a person,
        an organisation) modifying a noun ("Taliban fighters")."""
        if tok is None or tok.dep_ not in ("amod", "compound", "nmod") or tok.head.pos_ != "NOUN":
            return tok
        head = tok.head
        mention = self.mentions.get(tok)
        if mention is not None and mention.label in ("PER", "ORG") and self.mentions.get(head) is None:
            return tok
        lemma = head.lemma_.lower()
        if lemma in PLACE_NOUNS or lemma in self.actor_nouns or head.lower_ in self.actor_nouns:
            return head
        return tok                  # "Israeli changes", "a Senegalese plan": the modifier is the owner

    def inner_name(self, tok: "Token | None") -> "Token | None":
        """A common-noun target placed by a name stands for that name: "invasion forces from Panama", "a
        peacekeeping force in Liberia". Not when a name already qualifies the noun ("Albanian rebels in
        Macedonia") or the name is what it is of ("the town of Gorazde")."""
        if tok is None or tok.pos_ != "NOUN" or self.named(tok):
            return tok
        if any(c.dep_ in ("amod", "compound", "poss") and self.named(c) for c in tok.lefts):
            return tok
        for prep in (c for c in tok.rights if c.dep_ == "prep"):
            pobj = prep_object(prep)
            if prep.lower_ in PLACING_PREPS and pobj is not None and self.named(pobj) and (
                    self.mentions.get(pobj) is not None):
                return pobj
        return tok

    # ---- names
    def names(self, tok: "Token | None") -> list[str]:
        """The participant's name(s): coordinated heads ("Jordan and Britain") and adjectives each count."""
        if tok is None:
            return []
        heads = self._members(tok)
        out: list[str] = []
        for head in heads:
            split = self._split_modifiers(head)
            out.extend(split or [self.name(head)])
        return [n for n in dict.fromkeys(out) if n]

    def _members(self, tok: "Token") -> list["Token"]:
        """The items of a coordinated list ("A, B and C"); the parser links long lists by conj and appos."""
        out = [tok]
        todo = [tok]
        while todo and len(out) < MAX_LIST:
            node = todo.pop()
            for child in node.children:
                if child.i <= tok.i or not self.is_participant(child):
                    continue
                same_kind = (child.dep_ == "appos" and self.mentions.get(child) is not None
                             and self.mentions.get(node) is not None
                             and self.mentions.get(child).label == self.mentions.get(node).label)
                if child.dep_ == "conj" or same_kind:
                    out.append(child)
                    todo.append(child)
        out.extend(self._misparsed_first_member(tok))
        return sorted(out, key=lambda t: t.i)

    def _misparsed_first_member(self, tok: "Token") -> list["Token"]:
        """"with President Vladimir Putin and Defence Minister Sergei Shoigu": the parser may hang the first
        person on the second as a modifier that carries the "and"; both are members."""
        mention = self.mentions.get(tok)
        if mention is None or mention.label != "PER":
            return []
        return [child for child in tok.lefts if child.dep_ == "nmod" and self.mentions.get(child) is not None
                and self.mentions.get(child).label == "PER" and self.mentions.get(child) is not mention
                and any(g.dep_ == "cc" and g.lower_ == "and" for g in child.children)]

    def name(self, head: "Token") -> str:
        mention = self.mentions.get(head)
        if mention is not None:
            return self._mention_name(mention)
        keep = {head.i}
        for child in head.lefts:
            if child.dep_ in _KEEP_LEFT and child.dep_ != "punct":
                keep.update(t.i for t in child.subtree if t.dep_ not in ("det", "predet"))
        for child in head.rights:
            if len(keep) >= MAX_WORDS - 2:
                break
            if (child.dep_ == "prep" and child.lower_ in _KEEP_PREPS) or (
                    child.dep_ == "acl" and child.tag_ == "VBN"         # "rebels backed by Rwanda"; not a
                    and told_before(child) is None) or (              # clause of its own ("refugees fleeing")                        # not "a group protested here"
                    child.dep_ == "amod" and any(g.dep_ == "prep" for g in child.children)):  # "loyal to X"
                keep.update(t.i for t in child.subtree if t.dep_ not in ("relcl", "appos"))
        tokens = [t for t in self.doc[min(keep):max(keep) + 1] if t.i in keep and t.dep_ not in ("det", "predet")
                  and not (t.dep_ == "nummod" and t.head.i == head.i) and not t.is_punct][:MAX_WORDS]
        text = ""
        for i, tok in enumerate(tokens):
            text += tok.text
            if i + 1 < len(tokens) and tokens[i + 1].idx > tok.idx + len(tok.text):
                text += " "
        return text.strip(" ,.;:")

    def _mention_name(self, mention: MentionRef) -> str:
        return mention.canonical or self.doc.text[mention.start:mention.end].strip(" ,.;:([")

    def _split_modifiers(self, head: "Token") -> list[str]:
        """"Hungarian and Romanian officials" -> Hungarian officials, Romanian officials."""
        for child in head.lefts:
            if child.dep_ == "amod" and child.text[:1].isupper():
                conj = [c for c in child.conjuncts if c.text[:1].isupper()]
                if conj:
                    return [f"{a.text} {head.text}" for a in [child, *conj]]
        return []

    def place(self, within: "Token", used: set[int], trigger: "Token | None" = None) -> str | None:
        """A LOC mention in the event's clause, preferring one after in/at/near; else the clause's first. Names
        inside the actor's or target's own phrase ("Ivory Coast rebels") are not the place, nor names inside
        another clause under it ("met Haftar, who was visiting Moscow", "met X while visiting Moscow": where
        that other act was) unless the clause describes the trigger itself ("talks held in Sochi")."""
        fallback = None
        inside = {t.i for i in used for c in self.doc[i].lefts for t in c.subtree} | set(used)
        own = {within.i} | ({trigger.i} if trigger is not None else set())
        inside |= {t.i for c in within.subtree if c.dep_ in NESTED_CLAUSES and c.head.i not in own - {within.i}
                   and c.i not in own and (trigger is None or trigger.i not in {t.i for t in c.subtree})
                   for t in c.subtree}
        for tok in within.subtree:
            if tok.i in inside:
                continue
            mention = self.mentions.get(tok)
            if mention is None or mention.label != "LOC" or tok.i in used:
                continue
            name = mention.canonical or self.doc.text[mention.start:mention.end]
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "near", "outside", "inside", "around"):
                return name
            fallback = fallback or name
        return fallback


# Dependencies that open a clause of its own under a word ("after visiting Moscow" is a pcomp): its place is
# that clause's act's, not the event's.
NESTED_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "conj", "parataxis", "pcomp"}


def told_before(verb: "Token") -> "Token | None":
    """The subject of the clause that an inverted complaint ends ("Croatian authorities are failing to uphold
    the rights of refugees, a human rights group protested here Wednesday"), where the parser hangs the verb on
    its speaker as a modifier of an apposition. Only a verb that takes no object of its own and ends the
    sentence."""
    speaker = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or speaker.dep_ != "appos" or speaker.i == 0:
        return None
    first = min(t.i for t in speaker.subtree)
    doc = verb.doc
    if first == 0 or doc[first - 1].text != ",":
        return None
    for child in verb.children:             # "protested here on Monday": only when and where
        when = prep_object(child) if child.dep_ == "prep" else None
        if child.dep_ not in ("advmod", "npadvmod", "punct") and not (
                when is not None and (when.lower_ in TIME_WORDS or when.ent_type_ in ("DATE", "TIME"))):
            return None
    if any(not (t.is_punct or t.i in {c.i for c in verb.subtree}) for t in doc[verb.i + 1:]):
        return None
    root = verb.sent.root
    own = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < first]
    return own[0] if own and root.i < first else None


def prep_object(prep: "Token") -> "Token | None":
    """The object of a preposition ("Iraq" in "to Iraq")."""
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None
