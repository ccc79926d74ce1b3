"""Document language (fastText lite, lingua on close calls) and the document's dominant script."""

from __future__ import annotations

from ..model import Document
from ..pipeline import Skip, stage
from ..settings import Settings


@stage("langid", version="2", requires=("text",), assigns=("language", "meta"))
def build(settings: Settings):
    """Language of each document among langid.languages, and its script."""
    from ..text.langid import shared
    from ..text.normalize import script_of

    identifier = shared(tuple(settings["langid.languages"]))

    def langid(doc: Document) -> Document:
        doc.meta["script"] = script_of(doc.text) or "none"
        if doc.meta.get("language_forced"):          # `extract --lang xx`: the analyst knows better
            doc.language = doc.meta["language_forced"]
            return doc
        guess = identifier.identify((doc.title or "") + "\n" + doc.text)
        doc.meta["script"] = script_of(doc.text) or "none"
        if guess.language is None:
            raise Skip("language not in langid.languages")
        doc.language = guess.language
        doc.meta["language_score"] = f"{guess.score:.3f}"
        doc.meta["language_method"] = guess.method
        return doc

    return langid
