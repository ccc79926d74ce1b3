"""Shared by the event-rule tests: a name mention placed by its surface in a sentence we wrote."""

from dragoman.events import MentionRef


def mention(text: str, surface: str, label: str = "PER", canonical: str | None = None) -> MentionRef:
    at = text.index(surface)
    return MentionRef(at, at + len(surface), label, canonical)
