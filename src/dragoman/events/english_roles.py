"""Who did what to whom in an English dependency parse: the doer (subject, passive "by" agent, a controlling
verb's subject), the target (passive subject, objects, "with/on/against" objects, what a complaint is over), the
two sides of "talks between A and B". A role the parse does not establish stays empty: no guessing.

`Roles` adds these to `Phrases` (which finds and names the participants).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .phrases import PLACING_PREPS, PRONOUNS, TIME_WORDS, Phrases, prep_object, told_before

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions that name what a complaint or protest is about; they outrank the addressee ("complained to the
# UN over Israeli raids": Israel is the target, the UN only hears it).
GRIEVANCE_PREPS = ("against", "over", "about")
# "in defiance of X", "in protest against X": a stance noun whose object is what the protest is aimed at.
STANCE_NOUNS = {"defiance", "protest", "opposition", "condemnation", "rejection"}
# Prepositions that lead to a target, most telling first.
TARGET_PREPS = ("with", "to", "against", "on", "upon", "toward", "towards", "from", "for", "between", "into",
                "in", "at", "over", "of")
# Forces that carry out what a threat announces ("warned that police will no longer tolerate rallies by X"):
# the threat is aimed at whom they would act on, not at them.
ENFORCERS = {"police", "policeman", "troops", "army", "military", "forces", "soldiers", "security"}
# A force told as withdrawn ("Russian troops were withdrawn from Kherson", "guerrillas have been demobilized")
# withdraws: with no "by" agent it is the retreat's actor, and the place it leaves the target. Not "disarmed" or
# "released": those are done to their subject.
WITHDRAW_VERBS = {"withdraw", "pull", "demobilize", "demobilise", "evacuate", "redeploy"}
FORCE_WORDS = {"troop", "soldier", "force", "army", "military", "police", "peacekeeper", "guerrilla", "rebel",
               "militant", "fighter", "militia", "militiaman", "contingent", "unit", "battalion", "brigade",
               "marine", "paratrooper", "mercenary", "personnel", "division", "regiment"}
# Verbs whose subject would suffer what a threat announces ("Iraqi troops would face serious consequences").
UNDERGO_IN_THREAT = {"face", "suffer", "pay", "bear", "regret", "endure", "risk", "lose", "be", "become", "get"}
# Prepositions of place: their object is a target only when nothing else is.
LOCATIVE = {"in", "at", "near", "inside", "outside", "around"}
# A death caused by an act: "died as a result of torture", "died of injuries from a beating", "died under
# torture". Whoever died is the act's target (never "died in the blast": a bomber dies in his own).
DEATH_VERBS = {"die", "succumb", "perish"}
CAUSE_PREPS = {"of", "from", "after", "following", "under", "as", "because", "due", "to"}
CAUSE_NOUNS = {"result", "consequence", "injury", "wound", "effect", "complication"}
# A document signed is the act's own thing, never a party to it, and where it is signed is no party either:
# "Putin and Erdogan signed an agreement in Sochi" names no target (the sides are the two signatories).
SIGN_VERBS = {"sign", "ink", "initial", "conclude"}
DOCUMENTS = {"agreement", "accord", "treaty", "pact", "memorandum", "deal", "declaration", "protocol", "contract",
             "convention", "charter", "communique", "document", "roadmap", "deals", "agreements", "accords"}
# A meeting's or talks' place ("talks in Sochi", "met in Moscow") is where they are held, never whom they are
# with; only a journey's destination ("arrived in Baghdad", "a visit to Moscow") is whom it visits.
JOURNEYS = {"arrive", "arrival", "land", "visit", "travel", "trip", "tour", "fly", "come", "go", "head", "journey",
            "return"}


def meeting(kind: str, trigger: "Token") -> bool:
    """A CONSULT told as a meeting or talks (not a journey): its place is never its target."""
    return kind == "CONSULT" and trigger.lemma_.lower() not in JOURNEYS and trigger.lower_ not in JOURNEYS


# Nouns that only point at the site after them: "in front of the parliament", "outside of the embassy".
SITE_POINTERS = {"front", "outside", "gate", "gates", "steps"}


class Roles(Phrases):
    """Participants plus the roles they play."""

    def subject(self, verb: "Token", *, stative: bool = False) -> "Token | None":
        """The doer: the agent of a passive, the subject, or a controlling or coordinated verb's subject.
        `stative` reads "X is committed / opposed to" with X as the doer."""
        node = verb
        for _ in range(8):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
            for child in node.children:
                if passive and child.dep_ == "agent":
                    found = self.find(prep_object(child))
                    return self.resolve(found) if found is not None else None
                if child.dep_ == "nsubj" or (stative and child.dep_ == "nsubjpass"):
                    found = self.find(child)
                    return self.resolve(found) if found is not None else None
            if passive:
                return None
            if node.pos_ in ("NOUN", "PROPN"):                 # "Haftar's visit", "Palestinian riots"
                return self.noun_owner(node)
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

    def noun_owner(self, noun: "Token") -> "Token | None":
        """Who an event noun belongs to: "Haftar's visit", "a Russian attack", "the attack by rebels"."""
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound") and child.i < noun.i and self.is_participant(child):
                return self.resolve(child)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return self.find(prep_object(child))
        return None

    def target(self, node: "Token", *, skip: set[int] = frozenset(), **options: bool) -> "Token | None":
        """Whom the act is aimed at (see `target_candidates`): the best candidate that is not the actor."""
        return self.best(self.target_candidates(node, skip=skip, **options), skip)

    def best(self, ranked: list[tuple[float, int, "Token"]], skip: set[int]) -> "Token | None":
        """The best-ranked candidate, pronouns resolved. One that resolves to the actor ("their hunger strike")
        gives way to the next; one whose antecedent is unknown ends the search (no guessing past it)."""
        for _, _, tok in sorted(ranked, key=lambda r: (r[0], r[1])):
            found = self.resolve(tok)
            if found is None:
                return None
            if found.i not in skip:
                return found
        return None

    def target_candidates(self, node: "Token", *, skip: set[int] = frozenset(), depth: int = 0,
                          purpose_first: bool = False, theme_object: bool = False,
                          grievance: bool = False, threat: bool = False,
                          criticism: bool = False, placed: bool = False) -> list[tuple[float, int, "Token"]]:
        """Who the act may be aimed at, ranked (lower first). Names outrank common nouns: the passive subject,
        the indirect object and a named direct object first, then prepositional objects ("offered troops to
        Lebanon's president"), then a common-noun object, then who a clause under the verb is about, then a place
        ("in Kirkuk"), then any name later in the clause (never inside the "by" agent or the reporter's words).
        `purpose_first`: a protest's purpose ("to demand X's resignation") before its place. `theme_object`: the
        direct object is what is given or sent (arms, troops), not whom it is aimed at. `grievance`: what a
        complaint is against/over/about outranks whom it is made to. A common noun that names no actor ("the
        airport", "the eastern region") serves when nothing else does. `threat`: when the threatened act's doer is
        a force, named or not, that would carry it out ("police will no longer tolerate rallies by X", "Turkish
        troops would respond"), its target is the threat's; one that would undergo it ("Iraqi troops would face
        consequences") is the target. `criticism`: where a complaint is made ("protested in Istanbul") is never
        whom it is aimed at; a demonstration keeps PLOVER's reading of a place it is held in as its target when
        nothing else is (never the town of the site it is held at: `site_locations`). `placed`: a meeting's
        place ("talks in Sochi") is never a target (`meeting`). A clause of circumstance in "-ing" with no subject
        of its own ("Haftar, visiting Moscow, met …") tells another act: its object is never this one's target
        (a protest's purpose, "rallied demanding X's release", still is)."""
        children = list(node.children)
        passive = any(c.dep_ == "auxpass" for c in children)
        # "threatened to shell Iraqi towns": the infinitive holds the act; a clause the parser hung beside it
        # ("where, it said, 100 people were killed") says nothing of the target
        content = any(c.dep_ == "xcomp" and not _subjects(c) for c in children)
        ranked: list[tuple[float, int, "Token"]] = []
        acting: set[int] = set()
        signing = _signs_document(node)

        def consider(tok: "Token | None", rank: float, fallback: "Token | None" = None) -> None:
            if tok is not None and self._owned_by(tok, skip):
                return                          # "recalled its ambassador from X": the actor's own envoy
            if tok is not None and tok.i not in skip:                 # `find` vouches for it
                ranked.append((rank, tok.i, tok))
            elif tok is not None:
                return                          # the actor's own ("closed its borders"): not whom it acts on
            elif fallback is not None and fallback.i not in skip and fallback.pos_ == "NOUN" and (
                    fallback.lower_ not in TIME_WORDS and fallback.lemma_.lower() not in TIME_WORDS):
                ranked.append((10 + rank / 100, fallback.i, fallback))     # after any name

        for child in children:
            if child.i in skip:                 # the event noun itself: its own words are searched from it
                continue
            if child.dep_ == "nsubjpass" and passive:
                consider(self.find(child), 0, child)
            elif child.dep_ == "dative" and child.pos_ != "ADP":
                consider(self.find(child), 1)
            elif child.dep_ in ("dobj", "attr", "oprd"):
                found = self.find(child)
                rank = 2 if found is not None and self.named(found) else 5
                consider(found, 9.5 if theme_object else rank, None if theme_object or signing else child)
            elif child.dep_ == "prep" and signing and child.lower_ in LOCATIVE:
                continue                        # "signed an agreement in Sochi": where, not with whom
            elif child.dep_ in ("prep", "dative") and grievance and child.lower_ in GRIEVANCE_PREPS:
                pobj = prep_object(child)
                consider(self.find(pobj, 1), 2.5, pobj)
            elif child.dep_ == "prep" and grievance and _stance(child) is not None:
                consider(self.find(_stance(child), 1), 2.5)
            elif child.dep_ == "prep" and (criticism or placed) and child.lower_ in LOCATIVE:
                continue
            elif child.dep_ in ("prep", "dative") and child.lower_ in TARGET_PREPS:
                # a place ("in Kirkuk") is a target only when nothing else is
                rank = 8 if child.lower_ in LOCATIVE else 3 + TARGET_PREPS.index(child.lower_) / 100
                pobj = prep_object(child)
                consider(self.find(pobj, 1), rank, pobj if child.lower_ not in ("of", "for") else None)
            elif child.dep_ in ("ccomp", "xcomp", "advcl") and depth < 2:
                own = _subjects(child)
                if own and child.dep_ == "ccomp" and not content and threat and _acts(child, own[0]):
                    # the force would carry out the threat: it is aimed at whom they would act on, never at it
                    acting |= {t.i for t in own[0].subtree}
                    consider(self.target(child, skip=skip | {own[0].i}, depth=depth + 1), 6)
                elif own and child.dep_ == "ccomp" and not content:   # "demanded that the US cancel ...": the US
                    consider(self.find(own[0]), 6)
                elif own and child.i in {m.head.i for m in for_clauses(node)}:
                    consider(self.find(own[0]), 6)          # "called for Russia to withdraw": asked of Russia
                elif not own and child.dep_ == "advcl" and child.tag_ == "VBG" and not (purpose_first or grievance):
                    continue                                  # "Haftar, visiting Moscow, met …": another act
                elif not own:                                 # "threatened to cut off electricity to X"
                    purpose = child.dep_ == "advcl"
                    rank = (7.5 if purpose_first else 8.5) if purpose else 7
                    consider(self.target(child, skip=skip, depth=depth + 1, grievance=grievance), rank)
        told = told_before(node) if depth == 0 else None
        if told is not None:                # "X are failing to ..., a rights group protested": what X does
            consider(self.find(told), 6)
        if min((r[0] for r in ranked), default=10) >= 10:     # a name later in the clause, not the reporter's
            aside = {t.i for c in children if c.lemma_.lower() in self.report_words or c.dep_ == "agent"
                     for t in c.subtree} | acting
            if grievance:               # "protested outside the embassy in Ankara": Ankara is where, not whom
                aside |= site_locations(node)
            if criticism:
                aside |= {t.i for c in children if c.dep_ == "prep" and c.lower_ in LOCATIVE for t in c.subtree}
            if placed:                  # "followed talks in Moscow": wherever the place hangs
                aside |= {t.i for c in node.subtree if c.dep_ == "prep" and c.lower_ in LOCATIVE for t in c.subtree}
            if signing:                 # "an agreement on gas supplies in Sochi": wherever it hangs
                aside |= {t.i for c in node.subtree if c.dep_ == "prep" and c.lower_ in LOCATIVE for t in c.subtree}
            for tok in node.subtree:
                if (tok.i > node.i and tok.i not in skip and tok.i not in aside and self.named(tok)
                        and self.is_participant(tok)):
                    ranked.append((9, tok.i, self.name_head(tok)))
                    break
        return ranked

    def withdrawn_force(self, verb: "Token") -> "Token | None":
        """The force a passive withdrawal tells of ("French forces were pulled out of Niger"), when no "by"
        agent names who withdrew it: the force's side is the one retreating."""
        children = list(verb.children)
        if verb.lemma_.lower() not in WITHDRAW_VERBS or not any(c.dep_ == "auxpass" for c in children) or any(
                c.dep_ == "agent" for c in children):
            return None
        subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
        found = self.find(subject) if subject is not None else None
        if found is None or found.lemma_.lower() not in FORCE_WORDS:
            return None
        return found

    def casualty(self, noun: "Token") -> "Token | None":
        """Who died of the act an event noun names ("a prisoner died as a result of torture"), or None. The
        path up to the verb holds only prepositions and nouns of cause ("result", "injuries")."""
        node = noun
        for _ in range(6):
            head = node.head
            if head.i == node.i or node.dep_ not in ("pobj", "prep", "pcomp"):
                return None
            if head.pos_ in ("VERB", "AUX"):
                if head.lemma_.lower() not in DEATH_VERBS or node.dep_ != "prep" or node.lower_ not in CAUSE_PREPS:
                    return None
                found = next((self.find(c) for c in head.children if c.dep_ == "nsubj"), None)
                return self.resolve(found) if found is not None else None
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in CAUSE_NOUNS:
                return None                     # "died in the town of ...": a place, not a cause
            node = head
        return None

    def acting_force(self, node: "Token", acts: set[int]) -> set[int]:
        """The words of a force, named or not, that is the active subject of a hostile act (verb indexes in
        `acts`) told in a clause under a threat: "warned that Turkish troops would strike PKK camps". It would
        carry the threat out, so it is never the threat's target."""
        for child in node.children:
            if child.dep_ == "ccomp" and child.i in acts:
                own = [c for c in child.children if c.dep_ == "nsubj"]
                if own and _force(own[0]) and not any(c.dep_ == "auxpass" for c in child.children):
                    return {t.i for t in own[0].subtree}
        return set()

    def _owned_by(self, tok: "Token", skip: set[int]) -> bool:
        """Is the word the actor's own ("its peacekeeping forces", "his ambassador")?"""
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in PRONOUNS:
                owner = self.resolve(child)
                return owner is not None and owner.i in skip
        return False

    def between(self, noun: "Token") -> "tuple[Token, Token] | None":
        """The two sides of "talks between A and B" (the parse links B to A as a conjunct)."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                first = self.find(prep_object(prep), 1)
                if first is None:
                    return None
                others = [c for c in first.conjuncts if c.i > first.i and self.is_participant(c)]
                return (first, self.name_head(others[0])) if len(others) == 1 else None
        return None

    def two_sides(self, actor: "Token | None", target: "Token | None", verb: "Token",
                  mutual: bool) -> "tuple[Token, Token] | None":
        """"Putin and Erdogan met in Sochi", "Egypt and Jordan signed an agreement": two coordinated names that
        meet, agree or sign are one side each, unless a named party apart from them is the other side ("Russia
        and Turkey met with Iran"); a town they meet in is where, never whom."""
        if actor is None or not (mutual or _signs_document(verb)):
            return None
        if target is not None and self.named(target) and not _placed(target):
            return None
        members = self._members(actor)
        if len(members) != 2 or members[1].dep_ != "conj" or not all(self.named(m) for m in members):
            return None
        return members[0], self.name_head(members[1])

    def phrase_ids(self, tok: "Token | None", clause: "Token") -> set[int]:
        """The words of a participant's phrase (a target is never inside the actor's own phrase), less the event's
        own clause when it hangs on the participant ("the LNA, which backs a parallel administration")."""
        if tok is None:
            return set()
        words = {t.i for t in tok.subtree}
        return words - {t.i for t in clause.subtree} if clause.i in words else words


def site_locations(verb: "Token") -> set[int]:
    """The words that only say where the site of an act stands: "in Ankara" in "protested outside the embassy in
    Ankara" or "in front of the parliament building in Beirut". The site's own owner ("the Russian embassy")
    is not among them."""
    out: set[int] = set()
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE:
            continue
        site = prep_object(prep)
        for _ in range(2):              # "in front of X", "at the gates of X": the site is X
            if site is None or site.lower_ not in SITE_POINTERS:
                break
            site = next((prep_object(c) for c in site.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if site is None:
            continue
        for child in site.rights:
            if child.dep_ == "prep" and (child.lower_ in PLACING_PREPS or child.lower_ in LOCATIVE):
                out |= {t.i for t in child.subtree}
    return out


def for_clauses(verb: "Token") -> list["Token"]:
    """The "for" that opens a clause with its own subject under the verb ("pushed for Germany to supply
    missiles", "called for Russia to withdraw"): the parser marks the clause with it instead of hanging a
    prepositional phrase on the verb."""
    return [m for c in verb.children if c.dep_ in ("advcl", "ccomp") and _subjects(c)
            for m in c.children if m.dep_ == "mark" and m.lower_ == "for"]


def _signs_document(verb: "Token") -> bool:
    """"signed an agreement", "inked a deal": a signing whose object is the document signed."""
    return verb.lemma_.lower() in SIGN_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENTS for c in verb.children)


def _placed(tok: "Token") -> bool:
    """Is the word where something happens ("in Sochi", "at the summit")?"""
    return tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in LOCATIVE


def _acts(verb: "Token", subject: "Token") -> bool:
    """Does a force carry out the act its clause under a threat tells ("warned that Turkish troops would
    respond", "that police will no longer tolerate rallies")? Not when it would undergo it ("Iraqi troops would
    face serious consequences") or the clause is passive."""
    return (_force(subject) and subject.dep_ == "nsubj" and verb.lemma_.lower() not in UNDERGO_IN_THREAT
            and not any(c.dep_ == "auxpass" for c in verb.children))


def _force(tok: "Token") -> bool:
    """A force of any side, named or not ("Turkish troops", "the army")."""
    return tok.lemma_.lower() in ENFORCERS or tok.lower_ in ENFORCERS


def _stance(prep: "Token") -> "Token | None":
    """X in "in defiance of X" / "in protest against X"."""
    noun = prep_object(prep)
    if prep.lower_ != "in" or noun is None or noun.lemma_.lower() not in STANCE_NOUNS:
        return None
    return next((prep_object(c) for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "against", "at",
                                                                                   "over", "to")), None)


def _subjects(verb: "Token") -> list["Token"]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
