"""Time expressions: absolute and relative dates in ar/ru/tr/fr/en resolved to intervals against an anchor.

`find_times(text, lang, anchor)` is the entry point; vocabularies are data (`data/<lang>.yaml`).
"""

from .document import date_document
from .find import find_times
from .hit import PRECISIONS, TimeHit
from .lexicon import LexiconError

__all__ = ["find_times", "date_document", "TimeHit", "PRECISIONS", "LexiconError"]
