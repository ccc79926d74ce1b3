"""`date_document`: every time expression of a whole document, each anchored where it belongs."""

from __future__ import annotations

from datetime import date, datetime

from .find import find_times
from .hit import TimeHit


def date_document(text: str, lang: str, anchor: datetime | date | None = None) -> list[TimeHit]:
    """Time expressions in a whole document, in text order."""
    return find_times(text, lang, anchor)
