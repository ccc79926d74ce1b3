"""Participants from an English dependency parse: who is the subject, the object, and how to name them.

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
# Prepositions that lead to a target, most telling first.
TARGET_PREPS = ("with", "to", "against", "on", "upon", "toward", "towards", "from", "for", "between", "into",
                "in", "at", "over", "of")
# Parts of a noun phrase that belong in an actor's name; relative clauses, appositions and the like do not.
_KEEP_LEFT = {"amod", "compound", "poss", "nmod", "case", "npadvmod", "nummod", "quantmod", "punct"}
_KEEP_PREPS = {"of", "in", "from", "based", "at"}
LOCATIVE = {"in", "at", "near", "inside", "outside", "around"}
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
        for m in mentions:
            for tok in doc:
                if tok.idx < m.end and tok.idx + len(tok.text) > m.start:
                    self.by_token[tok.i] = m

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

    # ---- is this word a participant?
    def is_participant(self, tok: "Token") -> bool:
        if tok.lower_ in TIME_WORDS or tok.lemma_.lower() in TIME_WORDS or tok.like_num:
            return False
        if self.mentions.get(tok) is not None:
            return tok.pos_ != "VERB"
        if tok.lower_ in PRONOUNS or tok.lower_ in RELATIVES:
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
        if self.is_participant(tok) and not (tok.pos_ == "ADJ" and depth == 0):
            return tok
        children = list(tok.children)
        if tok.pos_ in ("VERB", "AUX"):                 # "the Red Cross operating in Iraq said ..."
            for child in children:
                if child.dep_ == "nsubj":
                    return self.find(child, depth + 1)
        for dep in ("poss", "compound", "amod", "nmod"):
            for child in children:
                if child.dep_ == dep and child.i < tok.i and self.is_participant(child):
                    return self.resolve(child)
        for child in children:                          # "the budget proposed by the unity government"
            if child.dep_ == "acl" and depth < 2:
                for grand in child.children:
                    if grand.dep_ == "agent":
                        found = self.find(_pobj(grand), depth + 1)
                        if found is not None:
                            return found
        for prep in ("by", "of", "from", "with", "on", "against", "to", "for", "among", "between"):
            if depth >= 2:
                break
            for child in children:
                if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                    found = self.find(_pobj(child), depth + 1)
                    if found is not None:
                        return found
        return None

    def resolve(self, tok: "Token") -> "Token | None":
        """A pronoun's antecedent in the sentence: the reporting clause's subject, or a relative's noun."""
        if tok.lower_ in RELATIVES and tok.pos_ == "PRON":
            return tok.head.head if tok.head.dep_ in ("relcl", "acl") else None
        if tok.lower_ not in PRONOUNS:
            return tok
        node = tok.head
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in PRONOUNS and child.i < tok.i:
                    return child
        return None

    # ---- roles
    def subject(self, verb: "Token", *, stative: bool = False) -> "Token | None":
        """The doer: the agent of a passive, the subject, or a controlling or coordinated verb's subject.
        `stative` reads "X is committed / opposed to" with X as the doer."""
        node = verb
        for _ in range(8):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
            for child in node.children:
                if passive and child.dep_ == "agent":
                    return self.find(_pobj(child))
                if child.dep_ == "nsubj" or (stative and child.dep_ == "nsubjpass"):
                    found = self.find(child)
                    return self.resolve(found) if found is not None else None
            if passive:
                return None
            if node.pos_ in ("NOUN", "PROPN"):                 # "Haftar's visit", "Palestinian riots"
                return self._noun_owner(node)
            if node.head.i == node.i:
                return None
            if node.dep_ in ("relcl", "acl"):                  # "a declaration demanding ...": its issuer
                found = self.find(node.head)
                if found is not None:
                    return self.resolve(found)
                node = node.head
                while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                    node = node.head
                continue
            if node.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp", "pcomp"):
                node = node.head
                continue
            return None
        return None

    def _noun_owner(self, noun: "Token") -> "Token | None":
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound") and child.i < noun.i and self.is_participant(child):
                return self.resolve(child)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return self.find(_pobj(child))
        return None

    def target(self, node: "Token", *, skip: set[int] = frozenset(), depth: int = 0,
               purpose_first: bool = False, theme_object: bool = False) -> "Token | None":
        """Whom the act is aimed at. Names outrank common nouns: the passive subject, the indirect object and a
        named direct object first, then prepositional objects ("offered troops to Lebanon's president"), then a
        common-noun object, then who a clause under the verb is about, then a place ("in Kirkuk"), then any name
        later in the clause. `purpose_first`: a protest's purpose ("to demand X's resignation") before its place.
        `theme_object`: the direct object is what is given or sent (arms, troops), not whom it is aimed at.
        A common noun that names no actor ("the airport", "the eastern region") serves when nothing else does."""
        children = list(node.children)
        passive = any(c.dep_ == "auxpass" for c in children)
        ranked: list[tuple[float, int, "Token"]] = []

        def consider(tok: "Token | None", rank: float, fallback: "Token | None" = None) -> None:
            if tok is not None and tok.i not in skip:                 # `find` vouches for it
                ranked.append((rank, tok.i, tok))
            elif fallback is not None and fallback.i not in skip and fallback.pos_ == "NOUN" and (
                    fallback.lower_ not in TIME_WORDS and fallback.lemma_.lower() not in TIME_WORDS):
                ranked.append((10 + rank / 100, fallback.i, fallback))     # after any name

        for child in children:
            if child.dep_ == "nsubjpass" and passive:
                consider(self.find(child), 0, child)
            elif child.dep_ == "dative" and child.pos_ != "ADP":
                consider(self.find(child), 1)
            elif child.dep_ in ("dobj", "attr", "oprd"):
                found = self.find(child)
                rank = 2 if found is not None and self.named(found) else 5
                consider(found, 9.5 if theme_object else rank, None if theme_object else child)
            elif child.dep_ in ("prep", "dative") and child.lower_ in TARGET_PREPS:
                # a place ("in Kirkuk") is a target only when nothing else is
                rank = 8 if child.lower_ in LOCATIVE else 3 + TARGET_PREPS.index(child.lower_) / 100
                pobj = _pobj(child)
                consider(self.find(pobj, 1), rank, pobj if child.lower_ not in ("of", "for") else None)
            elif child.dep_ in ("ccomp", "xcomp", "advcl") and depth < 2:
                own = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")]
                if own and child.dep_ == "ccomp":             # "demanded that the US cancel ...": the US
                    consider(self.find(own[0]), 6)
                elif not own:                                 # "threatened to cut off electricity to X"
                    purpose = child.dep_ == "advcl"
                    rank = (7.5 if purpose_first else 8.5) if purpose else 7
                    consider(self.target(child, skip=skip, depth=depth + 1), rank)
        if min((r[0] for r in ranked), default=10) >= 10:     # a name later in the clause, not the reporter's
            reported = {t.i for c in children if c.lemma_.lower() in self.report_words for t in c.subtree}
            for tok in node.subtree:
                if (tok.i > node.i and tok.i not in skip and tok.i not in reported and self.named(tok)
                        and self.is_participant(tok)):
                    ranked.append((9, tok.i, tok))
                    break
        if not ranked:
            return None
        return self.resolve(min(ranked, key=lambda r: (r[0], r[1]))[2])

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
            pobj = _pobj(prep)
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
        return sorted(out, key=lambda t: t.i)

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
                    child.dep_ == "acl" and child.tag_ in ("VBN", "VBG")):        # "refugees fleeing the war"
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

    def place(self, within: "Token", used: set[int]) -> str | None:
        """A LOC mention in the event's clause, preferring one after in/at/near; else the clause's first. Names
        inside the actor's or target's own phrase ("Ivory Coast rebels") are not the place."""
        fallback = None
        inside = {t.i for i in used for c in self.doc[i].lefts for t in c.subtree} | set(used)
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


def _pobj(prep: "Token") -> "Token | None":
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None
