"""Time expressions: absolute and relative dates in ar/ru/tr/fr/en resolved to intervals against an anchor.

`find_times(text, lang, anchor)` dates one piece of text; `date_document(text, lang, published, segments)`
dates a whole document, anchoring each piece where it belongs (bylines, dated quotations, the narrative's
year). Vocabularies are data (`data/<lang>.yaml`).
"""

from .document import date_document
from .find import find_times
from .hit import CONFIDENT, PRECISIONS, TimeHit
from .lexicon import LexiconError

__all__ = ["CONFIDENT", "find_times", "date_document", "TimeHit", "PRECISIONS", "LexiconError"]
