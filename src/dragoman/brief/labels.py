"""Short labels a brief prints about itself: what it is about, the period, the languages of its sources."""

from __future__ import annotations

from datetime import date, timedelta

from .model import absolute_date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_LANGUAGES = {"ar": "Arabic", "ru": "Russian", "tr": "Turkish", "fr": "French", "en": "English", "fa": "Persian",
              "de": "German", "es": "Spanish", "it": "Italian", "uk": "Ukrainian", "zh": "Chinese"}


def about(query: str | None, entity: str | None, *, quoted: bool = True) -> str:
    """What the brief is about: "Khalifa Haftar", "Khalifa Haftar + “Russia”", or the search words."""
    parts = []
    if entity:
        parts.append(entity)
    if query:
        parts.append(f"“{query}”" if quoted or entity else query)
    return " + ".join(parts) or "everything"


def between(start: date | None, end: date | None) -> str:
    """" between 1 August 2023 and 31 October 2023", for messages; "" for an open period."""
    if start and end:
        return f" between {absolute_date(start)} and {absolute_date(end)}"
    if start:
        return f" since {absolute_date(start)}"
    if end:
        return f" until {absolute_date(end)}"
    return ""


def period(start: date | None, end: date | None, stories: list) -> str | None:
    """"August–October 2023" for whole months, else "22 August–28 September 2023"; from the stories when the
    period is open."""
    if start is None or end is None:
        dated = [s.start.date() for s in stories if s.start is not None]
        if not dated:
            return None
        start, end = start or min(dated), end or max(dated)
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        first = _MONTHS[start.month - 1] + ("" if start.year == end.year else f" {start.year}")
        last = f"{_MONTHS[end.month - 1]} {end.year}"
        return last if (start.year, start.month) == (end.year, end.month) else f"{first}–{last}"
    head = absolute_date(start) if start.year != end.year else absolute_date(start).rsplit(" ", 1)[0]
    return absolute_date(end) if start == end else f"{head}–{absolute_date(end)}"


def subtitle(sources: list) -> str | None:
    """"Foreign perspectives from Arabic, Russian and French sources", in the order the sources come."""
    languages = list(dict.fromkeys(_LANGUAGES.get(s.title_language, s.title_language) for s in sources))
    if not languages:
        return None
    joined = languages[0] if len(languages) == 1 else ", ".join(languages[:-1]) + " and " + languages[-1]
    return f"Foreign perspectives from {joined} sources"
