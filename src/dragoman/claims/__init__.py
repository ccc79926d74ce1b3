"""Claims and attribution: sentences that report rather than assert, quotes and their speakers, the chain
outlet → relaying outlet → source (named person or organisation, official, "informed sources", observers),
and how sure the claim sounds (the scale is in `certainty`). Cue lexicons are data: `data/<lang>.yaml`."""

from .certainty import certainty
from .finder import find_claims
from .lexicon import LANGS, Lexicon, LexiconError, lexicon, load
from .model import KINDS, SOURCE_TYPES, ClaimHit, ClaimSentence

__all__ = ["KINDS", "LANGS", "SOURCE_TYPES", "ClaimHit", "ClaimSentence", "Lexicon", "LexiconError", "certainty",
           "find_claims", "lexicon", "load"]
