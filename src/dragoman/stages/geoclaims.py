"""Geographic claims: distances, directions, flight times and "very close to" in the text, each checked against
the facility table, the platform table and the country polygons (dragoman.geostrategy.claims).

Cheap by design: a sentence is read only when a cue pattern of its language matches it (a figure with km, a
flight time, a proximity phrase), and the places it names are those the places stage already resolved."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, GeoClaim, Place, Span
from ..pipeline import stage
from ..settings import Settings
from .common import by_language, inside

VERSION = "1"


@lru_cache(maxsize=8)
def _prefilter(lang: str) -> re.Pattern | None:
    """One pattern per language joining every cue: most sentences stop here."""
    from ..geostrategy.claims import LANGS, cues
    if lang not in LANGS:
        return None
    c = cues()[lang]
    parts = [c.offset.pattern, c.flight.pattern, *(p.pattern for p in c.near.values())]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


# Characters that re.IGNORECASE matches to an ASCII letter although their lower case is not that letter (dotless
# and dotted I, long s): a text holding one goes to the pattern itself.
_ODD_CASES = frozenset("\u0131\u0130\u017f")


@lru_cache(maxsize=8)
def _required_words(lang: str) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of `_prefilter(lang)` holds (a compass point, "ight"
    of flight, "near"…), or None where the pattern does not tell (then every sentence is searched)."""
    pattern = _prefilter(lang)
    if pattern is None:
        return None
    try:
        from re import _parser
        words = _required(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:          # CPython's own parser: without it the search stays as it was
        return None
    if not words or not all(w.isascii() for w in words):
        return None
    return tuple(sorted({w.lower() for w in words}))


def _required(items) -> list[str] | None:
    """Strings one of which any match of the parsed sequence `items` holds, or None: a run of literal
    characters, or what a group, a repeat of at least once or an alternation of such holds (the choice
    whose shortest string is longest)."""
    from re import _constants as c
    best: list[str] | None = None
    run = ""

    def consider(found: list[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        consider([run] if run else None)
        run = ""
        if op is c.SUBPATTERN:
            consider(_required(arg[3]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            consider(_required(arg[2]))
        elif op is c.BRANCH:
            options = [_required(branch) for branch in arg[1]]
            consider(None if any(o is None for o in options) else [w for o in options for w in o])
    return best


def _may_match(text: str, words: tuple[str, ...] | None) -> bool:
    """False only where the cue pattern cannot match `text`: it holds none of the words every match needs."""
    if words is None or not _ODD_CASES.isdisjoint(text):
        return True
    lower = text.lower()
    return any(w in lower for w in words)


def place_spot(place: Place):
    """A resolved place of the document as the geostrategy module's Spot (a facility keeps its table entry)."""
    from ..geostrategy.locate import Spot, locate
    gid = place.gazetteer_id or ""
    if gid.startswith("fac:"):
        try:
            s = locate(gid[4:])
        except Exception:          # a facility id the table no longer has: keep the place as resolved
            s = None
        if s is not None:
            return Spot(place.text, s.name, s.lat, s.lon, "facility", s.id, s.country, s.feature, s.confidence)
    return Spot(place.text, place.value, place.lat, place.lon, "place", gid, place.country or "",
                place.feature or "")


@stage("geoclaims", version=VERSION, requires=("sentences",), assigns=("geo_claims",))
def build(settings: Settings):
    """Distance, direction, flight-time and proximity claims with the computation that checks each."""
    from ..geostrategy.claims import find, verify
    from ..geostrategy.platforms import platform as find_platform

    aircraft = find_platform(settings["geo.platform"])

    def geoclaims(doc: Document) -> Document:
        found: list[GeoClaim] = []
        located = [p for p in doc.places if p.lat is not None and p.lon is not None]
        for lang, sentences in by_language(doc).items():
            cue = _prefilter(lang)
            if cue is None:
                continue
            words = _required_words(lang)
            for sentence in sentences:
                text = sentence.span.of(doc.text)
                if not _may_match(text, words) or not cue.search(text):
                    continue
                base = sentence.span.start
                spots = [(p.span.start - base, p.span.end - base, place_spot(p)) for p in inside(located, sentence)]
                # "Its ports are an hour's flight from Europe": the place it is said of was named just before
                earlier = [p for p in located if p.span.end <= base and base - p.span.end <= 400]
                context = place_spot(earlier[-1]) if earlier else None
                for claim in find(text, lang, spots=spots):
                    if claim.kind == "near" and claim.site is None:
                        continue         # "clashes near Tripoli": a location, not a claim about distance
                    # only a flight time borrows its start from the sentence before ("Its ports are …")
                    own = claim.site is not None or claim.kind != "flight"
                    result = verify(claim, aircraft, None if own else context)
                    if not own and context is not None:
                        result["site_from"] = f"the place named before the sentence ({context.name})"
                    found.append(GeoClaim(
                        span=Span(base + claim.start, base + claim.end), text=claim.text, value=claim.kind,
                        stage="geoclaims", version=VERSION, verdict=result["verdict"],
                        summary=result.get("summary") or result.get("why", ""), detail=result))
        doc.geo_claims = sorted(found, key=lambda g: g.span.start)
        return doc

    return geoclaims
