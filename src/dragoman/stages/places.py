"""Places: every place name on the map, with coordinates, country, feature type and a precision code.

Names come from two sides: the gazetteer spotter (which knows cue words such as "air base", "قاعدة",
"авиабаза", "üssü") and the NER's LOC mentions it missed. Resolution weighs the document's countries,
the other places nearby in the text, population and those cues. What cannot be resolved is kept, with its
text and no coordinates, when the spotter found it or a cue word says what kind of place it is; an NER LOC that
no source holds and no cue backs stays a LOC mention only (statistical models call people, outlets and
sentence-initial words LOC: "Catholicos", "T24", "Kanımca"). Ambiguous names keep their scored candidates.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..model import Document, Place, Span
from ..pipeline import stage
from ..settings import Settings

VERSION = "3"
CANDIDATES_KEPT = 3      # alternatives stored with an uncertain place, so an analyst can pick another


def _overlaps_any(where: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether `where` overlaps one of the sorted, non-overlapping `spans` (a bisection: linear in the text)."""
    k = bisect.bisect_left(spans, (where[1], where[1]))
    return k > 0 and spans[k - 1][1] > where[0]


@stage("places", version=VERSION, requires=("sentences",), assigns=("places",))
def build(settings: Settings):
    """Places resolved to coordinates (towns, regions, countries, air bases, ports) with precision codes."""
    from ..geo.cues import cue_table, find_cues
    from ..geo.gazetteer import Gazetteer
    from ..geo.keys import name_key
    from ..geo.plausible import Others, plausible_name
    from ..geo.resolve import resolve
    from ..geo.spot import Toponym, name_ends, spot

    gazetteer = Gazetteer.open()

    def places(doc: Document) -> Document:
        lang = doc.meta.get("language_forced") or doc.language or ""
        others = Others.from_mentions((m.span.start, m.span.end, m.label, m.text) for m in doc.mentions
                                      if m.label in ("PER", "ORG"))
        toponyms = spot(doc.text, lang, gazetteer, exclude=others.spans, persons=others.person_words)
        others = replace(others, name_ends=name_ends(doc.text, lang))
        taken = sorted((t.start, t.end) for t in toponyms)
        home = cue_table().home.get(lang, frozenset())
        from_ner = set()
        for mention in doc.mentions:
            where = (mention.span.start, mention.span.end)
            if mention.label == "LOC" and not _overlaps_any(where, taken) \
                    and plausible_name(doc.text, where, lang, gazetteer, others, home):
                toponyms.append(Toponym(*where, mention.text, name_key(mention.value or mention.text)))
                from_ner.add(where)
        toponyms.sort(key=lambda t: t.start)
        found = []
        for r in resolve(doc.text, toponyms, gazetteer, lang=lang):
            if r.lat is None and (r.start, r.end) in from_ner and not any(find_cues(doc.text, r.start, r.end, lang)):
                continue
            alternatives = {c.name: round(p, 3) for c, p in r.candidates[1:CANDIDATES_KEPT + 1]} \
                if r.confidence < 0.9 else {}
            found.append(Place(span=Span(r.start, r.end), text=r.text, value=r.name or r.text,
                               confidence=round(r.confidence, 3), stage="places", version=VERSION, lat=r.lat,
                               lon=r.lon, country=r.country, feature=r.feature, precision=r.precision,
                               gazetteer_id=r.gazetteer_id, alternatives=alternatives))
        doc.places = found
        return doc

    return places
