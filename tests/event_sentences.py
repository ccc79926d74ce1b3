"""Shared by the event-rule tests: a name mention placed by its surface in a sentence we wrote."""

from dragoman.events import MentionRef


def mention(text: str, surface: str, label: str = "PER", canonical: str | None = None) -> MentionRef:
    at = text.index(surface)
    return MentionRef(at, at + len(surface), label, canonical)


def states(text: str, *surfaces: str, label: str = "LOC") -> list[MentionRef]:
    """Place names (states, towns) mentioned in `text`, each its own canonical name."""
    return [mention(text, s, label, s) for s in surfaces]


def sentence_coders(lang: str):
    """`coded(coder, text, mentions)`: every hit of one sentence in `lang`; `one(coder, text, kind, mentions)`:
    the first hit of `kind`, failing with what was coded instead."""
    from dragoman.events import SentenceInput

    def coded(coder, text, mentions=()):
        return coder.code([SentenceInput(text, 0, list(mentions))], lang)

    def one(coder, text, kind, mentions=()):
        found = [h for h in coded(coder, text, mentions) if h.type == kind]
        assert found, (text, [(h.type, h.trigger) for h in coded(coder, text, mentions)])
        return found[0]

    return coded, one
