"""Choose a place for each toponym: priors, the document's countries, nearby places, and cue words.

Each candidate gets a score (log-odds-like units), turned into probabilities per toponym:
  prior      feature and size: countries, continents and seas first, then towns by log10(population)
             (capitals +1; a town GeoNames gives no population counts as 1,000), subdivisions by log10(population) - 1 (a region needs ten times the
             population of a town inside it to take its name; -0.5 against namesakes elsewhere), curated facilities 6, other airfields by size class (large 5,
             medium 4, others 2); alternate names -0.4, weak -1.5
  language   +1.5 when one of our own aliases (facilities.yaml, places.yaml) is listed for the document's
             language (Turkish "Cufra" = Al-Jufra)
  cue        +4 when a cue word ("air base", "قاعدة", "авиабаза", "port de") names the candidate's feature,
             -2 when it names another; with no fitting candidate, airfields/ports within 60 km of the
             named town join ("Benghazi airport" -> Benina)
  countries  +2.5 for candidates in (or being) a country the document names or that its other places fall
             in (the `countries` argument counts too)
  nearby     up to +2 for being close to the other places' current choices (exp(-km/250)); regions too
  state      +1 for a town or county inside a state, province or county the other names chose ("Lafayette" in a
             story that names Louisiana)
  list       +2 for a first-level subdivision when a name next to it in an enumeration chose one of the same
             country ("Virginia, Washington, West Virginia and Wyoming": the states)
  guess      -0.5 for a Russian candidate found only by a guessed nominative ("Хамы": Hamm exactly, Hama by
             its nominative Хама; both compete)
  namesakes  a capital or a far bigger town sharing the main name of a town matched by an alternate name joins
             (GeoNames gives Arabic واشنطن to small Washingtons, not to the capital)
  region     a region cue ("محافظة حماة", "Курскую область", "Adana ili") where only towns match: the
             subdivisions those towns lie in join, as likely as their towns (Russian region adjectives give
             the town they are named after: Николаевская -> Николаев, so Mykolaiv oblast, not Nikolayevsk)
  byname     -2 for a town whose alternate name is also a country's name ("Mexico" -> the country);
             -3 for a town named by an all-capitals acronym ("EU" is not Eu in Normandy)
  areaname   -1.5 for a town (not a capital) under 100,000 people and a tenth of the size of a country or
             first-level subdivision whose own name it bears: the context bonuses alone must not give "China" to a Japanese village or
             "Oklahoma" to a hamlet
  shadowed   -2 for a town matched by a GeoNames alternate name when a town of the same country bears that
             name as its own ("Franklin" is Franklin, not Columbus, once called Franklinton; "Riverdale" is not
             Glendale); a foreign town keeps its alternate: that is how exonyms match ("Cologne" -> Köln)
  apposition +3 for a candidate inside the area written after a comma ("Helena, Mont.", "Springfield,
             Illinois", "Suffolk County, New York"; short forms in abbreviations.yaml), unless the name is
             itself a country's or state's ("Iraq, Iran" is a list)
An English name a street word follows ("Bourbon and Dauphine streets", "the Chartres/Franklin intersection") or that
a street was called ("the street was later called Lafayette") is a street: no candidates; so is a name ending in a
street word, whatever town it is named after ("Victoria St.", "Fitzwilliam Place"). A river or delta named like a
state or country is not that area ("Niger Delta"); a continent's or country's body stands for it ("European
Commission", "Council of Europe"); an acronym only towns spell is no town ("CHU"), and one no source lists is the
country or state the story spells out ("SA" after "South Africans"); a name the story also writes with its area
word is that area ("Suffolk" after "Suffolk County"). Two passes: priors, cues, appositions, lists and explicit countries first; then country
and state context and nearness from pass one (a grid of the chosen points keeps that pass linear in the number of
names).
A name found only through a part of it ("Riverdale Lukoil South" -> Riverdale) keeps that part only if it lies
near the document's other places, or if the rest was kind/direction words and the part is an area ("Northern
Europe" -> Europe), or if it is a country, first-level subdivision or capital ("University of California",
"Bank of Mexico", "British Embassy Tokyo"), or if it lies in a state the document names ("New Orleans Railways
and Light Company" in a Louisiana story), or if the rest only says what kind of area it is ("Norwich City",
"Salinas Valley"), or if it closes an institution's name ("Robinson College Cambridge"). When the caller
vouches that every span is a place (`spans_are_places`: gold spans, an analyst's mark), a name no source holds
(a street, a building, a village GeoNames lacks) is put at the town written within 100 characters of it ("Royal
Street in New Orleans"), else at the document's focus, the town its names point to most (else its region, else
its country), as feature "vicinity" at precision 3 with a low confidence: a street of New Orleans lies in New Orleans far more
often than not; so is a town found only by a part of a longer name that lies over 100 km from there
("Hampton Avenue" in a St. Louis story), and so is a village or small airfield over 1,000 km from a story whose
focus holds a quarter of its names ("Grand", Côte d'Ivoire, for a Chicago street). A dateline ("CAIRO - ") makes
its town the focus. The pipeline does not vouch (a recogniser's stray "Catholicos" must not land in Detroit), so
there such a name stays unresolved. Precision (ACLED): 1 the site or town, 2 near it ("near", "قرب", "под", "yakınlarında",
"près de") or only a town inside a longer unmatched name, 3 a region, country, sea or continent; 0 unresolved.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from .apposition import area_after
from .cues import CUE_FITS, cue_table, find_cues
from .gazetteer import Candidate, Gazetteer
from .keys import name_key
from .plausible import acronym_known
from .spot import Toponym, key_forms

AREA_FEATURES = frozenset({"country", "continent", "sea", "region"})
WIDE_FEATURES = frozenset({"country", "continent", "sea"})      # too wide for the nearness bonus
TOWN_FEATURES = frozenset({"city", "capital", "airport"})
ACRONYM_PENALTY, BYNAME_PENALTY, SHADOWED_ALT, APPOSITION_BONUS, AREA_NAMED = -3.0, -2.0, -2.0, 3.0, -1.5
DEMONYM_TOWN = -6.0                   # more than all the context bonuses together: "Arab leaders" is never Arab, AL
SMALL_TOWN = 100_000                  # a town this big is a fair rival to a country or state of its name
VICINITY_CONFIDENCE = 0.3             # at most, for a name put at the document's focus
FOCUS_FEATURES = frozenset({"city", "capital"})
FOCUS_TOP = 50
PART_FOCUS_KM = 100                   # a part-name town farther than this from the focus yields to it
LOCAL_CHARS = 100                     # a town written this close to a name no source holds is where it lies                        # towns weighed for the focus (the most mentioned)
REGION_SHIFT = -1.0                   # a region needs ten times the population of a town inside it to win its name
FOREIGN_REGION_SHIFT = -0.5           # …and about three times that of a namesake elsewhere (Wyoming, not Wyoming MI)
PARTIAL_CLOSENESS = 0.25              # a part-name town must lie within ~350 km of the document's other places
_BASE = {"country": 8.5, "continent": 8.0, "sea": 7.0}
_MATCH = {"name": 0.0, "alt": -0.4, "weak": -1.5, "demonym": 0.0, "code": 0.0, "near": -0.5, "part": -0.5,
          "guess": -0.5}
LANG_BONUS, CUE_BONUS, CUE_PENALTY, COUNTRY_BONUS, NEAR_BONUS, NEAR_KM = 1.5, 4.0, -2.0, 2.5, 2.0, 250.0
CUE_RADIUS_KM = 60
REGION_SHARE, NEAR_SHARE = 1.0, 0.5   # what naming a town's state, or a town within 50 km, adds to its focus support
DATELINE_SHARE = 0.5                  # a dateline's town needs half the top town's support: "WASHINGTON (AP) —"
                                      # over a story about Syrian villages does not set them in Washington
FIRM_FOCUS = 0.5                      # share of the names' support that places a story firmly
LIST_BONUS = 2.0                      # a state named in a list of states
VILLAGE, VILLAGE_KM, VILLAGE_FOCUS = 20_000, 1000, 0.25  # a village this far from a story this firmly set
LARGE_AIRPORT = 100_000               # a large airport's "population" (sources.AIRPORT_SIZE)
REGION_BONUS = 1.0                    # a town inside a state or province the document names
UNKNOWN_TOWN = 1000
_RU_ADJECTIVE = re.compile(r"(?:ская|ской|скую|ского|скому|ском|ские|ских|цкая|цкой|цкую|цкого|цком)$")
TOP = 5
# Words that say what kind of area a name is; the name without them is the area itself ("Norwich City",
# "Salinas Valley", "Derby County"), unlike "Street" or "University", which name a place inside it.
AREA_KINDS = frozenset({"city", "town", "county", "district", "province", "region", "state", "valley", "borough",
                        "municipality", "area", "metro", "parish", "governorate", "oblast"})
INSTITUTIONS = frozenset({"college", "university", "school", "academy", "institute", "hospital", "embassy",
                          "consulate", "museum", "campus", "centre", "center"})
# Words of a government's or a continent's bodies: a demonym before them names the country or continent whose
# body it is ("European Commission", "European Central Bank", "African Union"), unlike "French Quarter".
BODIES = frozenset({"commission", "parliament", "council", "central", "bank", "union", "court", "government",
                    "ministry", "senate", "assembly", "agency", "authority", "federation", "league", "committee",
                    "investment", "development", "justice", "supreme", "national", "foreign", "space"})
# Area words a story may drop once it has written the full name ("Suffolk County" ... "Suffolk").
SHORT_KINDS = ("county", "parish", "province", "governorate", "oblast", "district", "borough")
SHORT_FORM_BONUS = 2.0
# A name ending in one of these is a street, whatever town it is named after.
STREETS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "place", "square",
                     "drive", "terrace"})
# A river or delta named like a state or country is not that area ("Mississippi River", "Niger Delta").
WATERS = frozenset({"river", "delta"})
_CURATED = frozenset({"facilities", "places.yaml"})
_CONNECTORS = frozenset({"of", "the", "and", "de", "du", "des", "la", "le", "les", "di", "da", "del", "y", "et", "&"})


@dataclass
class Resolution:
    """Where a toponym points; lat/lon None when unresolved. `candidates`: the top choices with probabilities."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str | None
    name: str | None
    precision: int
    gazetteer_id: str | None
    confidence: float
    candidates: list[tuple[Candidate, float]] = field(default_factory=list)


def prior(c: Candidate) -> float:
    if c.feature in _BASE:
        base = _BASE[c.feature] - (0.5 if c.match == "demonym" else 0.0)
    elif c.source == "places.yaml":
        base = 7.0
    elif c.source == "facilities":
        base = 6.0
    elif c.feature == "region":
        base = math.log10(c.population) + REGION_SHIFT if c.population > 0 else 3.0
    elif c.feature in ("airport", "airbase"):
        base = math.log10(max(c.population, 100))        # OurAirports size class: large 5, medium 4, other 2
    else:
        size = c.population or UNKNOWN_TOWN          # GeoNames leaves many towns at 0: unknown, not empty
        base = math.log10(max(size, 10)) + (1.0 if c.feature == "capital" else 0.0)
    return base + _MATCH.get(c.match, 0.0)


@dataclass
class _Group:
    """The toponyms sharing a key and a feature cue: one candidate list, one score each."""

    key: str
    cands: list[Candidate]
    base: list[float]
    partial: bool                      # found by a part of the name only ("Riverdale Lukoil South")
    qualified: bool = False            # …and the rest was kind/direction words ("Northern Europe", "West Java")
    anchored: bool = False             # …and it lies in a state or province the document names
    says_where: bool = False           # …and the name says it is that area or lies there ("Norwich City",
                                       # "Robinson College Cambridge")
    probs: list[float] = field(default_factory=list)


def _softmax(scores: list[float]) -> list[float]:
    high = max(scores)
    exp = [math.exp(s - high) for s in scores]
    total = sum(exp)
    return [e / total for e in exp]


def _fast_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough where the nearness bonus matters (under ~1000 km)."""
    dlon = abs(lon2 - lon1)
    dlon = min(dlon, 360.0 - dlon) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(lat2 - lat1, dlon)


def _spelled_out(top: Toponym, text: str, gazetteer: Gazetteer) -> _Group:
    """An acronym no source lists, spelled out in the document by a country's or state's name or demonym:
    "SA" in a story that speaks of "South Africans" (one run of capitalised words, one per letter)."""
    run = re.compile(r"(?<!\w)" + " ".join(f"{letter}[^\\W\\d_A-Z]+" for letter in top.text) + r"(?!\w)")
    cands: dict[str, Candidate] = {}
    for phrase in {m.group() for m in run.finditer(text)}:
        for form in (phrase, phrase[:-1] if phrase.endswith("s") else phrase):
            for c in gazetteer.candidates_for_key(name_key(form)):
                if c.match in ("name", "alt", "demonym") and c.id.startswith("iso:"):
                    cands.setdefault(c.id, replace(c, match="name"))
    found = list(cands.values())
    base = [prior(c) for c in found]
    return _Group(top.key, found, base, False, probs=_softmax(base) if found else [])


def _lookup(top: Toponym, gazetteer: Gazetteer, lang: str) -> tuple[list[Candidate], bool, bool, bool]:
    """(candidates, partial, qualified, says_where): by the toponym's key, then by its other forms, then by its
    longest part that names a place; `says_where`: the rest of the name only says what kind of area the part is
    ("Norwich City", "Salinas Valley", "Derby County"), or the part ends the name right after an institution's
    kind word, the way its branch is told apart ("Robinson College Cambridge", "Loyola University Chicago")."""
    cands = [c for c in gazetteer.candidates_for_key(top.key) if c.match != "code"]
    if cands and lang == "ru":                       # "Хамы": Hamm by its exact form, Hama by its nominative
        seen = {c.id for c in cands}
        for key in key_forms(top.text, lang)[1:]:
            extra = [replace(c, match="guess") for c in gazetteer.candidates_for_key(key)
                     if c.match in ("name", "alt") and c.id not in seen]
            seen.update(c.id for c in extra)
            cands += extra
    if cands:
        return cands, False, False, False
    for key in key_forms(top.text, lang):
        cands = [c for c in gazetteer.candidates_for_key(key) if c.match != "code"]
        if cands:
            return cands, False, False, False
    words = top.key.split()
    if len(words) > 1 and words[-1] in STREETS:
        return [], False, False, False          # "Victoria St.", "Hampton Avenue": a street, named after the town
    table = cue_table()
    for n in range(len(words) - 1, 0, -1):              # "Riverdale Lukoil South" -> "Riverdale"
        found = []
        for i in range(len(words) - n + 1):
            part = words[i:i + n]
            rest = words[:i] + words[i + n:]
            if all(w in table.generic or w in table.qualifiers for w in part) \
                    or (all(w in WATERS for w in part) and not all(w in AREA_KINDS for w in rest)) \
                    or part[0] in _CONNECTORS or part[-1] in _CONNECTORS:
                continue                                # "Street", "West", "Bank of", the Nile's "Delta"
            body = any(w in BODIES for w in rest) and all(w in BODIES or w in _CONNECTORS for w in rest)
            cands = [replace(c, match="part") for c in gazetteer.candidates_for_key(" ".join(part))
                     if (c.match in ("name", "alt") and (c.feature not in ("city", "capital") or c.population >= 1000)
                         and (c.feature != "continent" or body))          # "Council of Europe", not "Mall of Asia"
                     or (body and i == 0 and c.match == "demonym" and c.feature in ("country", "continent"))]
            if any(w in WATERS for w in rest):          # "Mississippi River", "Niger Delta": not the state or
                cands = [c for c in cands if c.feature not in AREA_FEATURES]    # country of that name
            if cands:
                says_where = (any(w in AREA_KINDS for w in rest) and all(
                    w in AREA_KINDS or w in table.qualifiers for w in rest)) or (
                    i + n == len(words) and i > 0 and words[i - 1] in INSTITUTIONS) or (
                    body and all(c.feature in ("country", "continent") for c in cands))
                found.append((max(prior(c) for c in cands), cands, all(w in table.qualifiers for w in rest),
                              says_where))
        if found:                                       # "Bank of Mexico": Mexico, not a village called Bank
            _, cands, qualified, says_where = max(found, key=lambda f: f[0])
            return cands, True, qualified, says_where
    return [], False, False, False


def _with_cue_sites(cands: list[Candidate], cue: str, gazetteer: Gazetteer) -> list[Candidate]:
    """A site cue with no fitting candidate: the fitting sites close to the named towns."""
    fits = CUE_FITS.get(cue, set())
    if not fits or any(c.feature in fits for c in cands) or cue in ("city", "region", "country"):
        return cands
    towns = sorted((c for c in cands if c.feature in ("city", "capital")), key=lambda c: -c.population)[:3]
    extra = {s.id: replace(s, match="near") for t in towns for s in gazetteer.near(t.lat, t.lon, CUE_RADIUS_KM, fits)}
    return cands + [s for s in extra.values() if s.id not in {c.id for c in cands}]


def _adjective_towns(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Towns a Russian region adjective is named after: "Курскую" -> Курск, "Николаевская" -> Николаев,
    "Донецкой" -> Донецк, "Запорожская" -> Запорожье, "Одесская" -> Одесса."""
    words = text.split()
    found = _RU_ADJECTIVE.search(words[0]) if words else None
    if not found:
        return []
    stem = words[0][:found.start()]
    if found.group().startswith("ц"):
        forms = {stem + "цк"}
    else:
        forms = {stem, stem + "ск", stem + "а", stem + "ь", stem + "ье", stem + "са", stem + "ы"}
    return [c for form in forms for c in gazetteer.candidates_for_key(name_key(form))
            if c.feature in ("city", "capital") and c.match in ("name", "alt")]


def _with_regions(cands: list[Candidate], top: Toponym, gazetteer: Gazetteer, lang: str) -> list[Candidate]:
    """A region cue ("محافظة حماة", "Курская область", "Adana ili") with no region among the candidates: the
    subdivisions the named towns lie in, each as likely as its town (an oblast is named after its centre, and the
    centre is its biggest town, or near it: Николаевская область is Mykolaiv's, not that of Nikolayevsk, a small
    town of Volgograd oblast)."""
    if any(c.feature != "city" and c.feature != "capital" for c in cands):
        return cands                             # a region, country, sea or site of that name: no stand-in
    towns = [c for c in cands if c.feature in ("city", "capital")]
    if lang == "ru":
        towns += _adjective_towns(top.text, gazetteer)
    regions: dict[str, Candidate] = {}
    for town in sorted(towns, key=lambda c: -c.population)[:8]:
        region = gazetteer.region_of(town)
        if region and region.id not in regions and town.population * 2 >= gazetteer.largest_town(region):
            regions[region.id] = replace(region, population=max(town.population, 1) * 10, match=town.match)
    return cands + list(regions.values())


def _demonym_town(c: Candidate, cands: list[Candidate]) -> bool:
    """A small town bearing an area's demonym: the name is an adjective ("Arab leaders", "the Arab intervention"),
    not Arab, Alabama, unless the text says so ("Arab, Alabama": the apposition lifts the penalty)."""
    return c.feature == "city" and c.population < SMALL_TOWN and any(
        o.match == "demonym" and o.feature in AREA_FEATURES for o in cands)


def _group(top: Toponym, cue: str | None, gazetteer: Gazetteer, lang: str, explicit: set[str]) -> _Group:
    if cue == "street":                         # no source holds streets: where it lies is the story's town
        return _Group(top.key, [], [], False)
    cands, partial, qualified, says_where = _lookup(top, gazetteer, lang)
    if lang != "en":
        cands = gazetteer.with_namesakes(cands)
    letters = [ch for ch in top.text if ch.isalpha()]
    acronym = 0 < len(letters) <= 4 and all(ch.isupper() for ch in letters) and top.text.lower() != top.text.upper()
    if cue == "region" and lang != "en" and not partial:    # English "district attorney", "Houston area"
        cands = _with_regions(cands, top, gazetteer, lang)
    elif cue and not acronym:                   # "the EU's airports" are not the airfields around Eu, Normandy
        cands = _with_cue_sites(cands, cue, gazetteer)
    # A name that is a country's own ("Mexico", "Kuwait") is seldom the town that has it as a byname.
    country_named = any(c.feature == "country" and c.match in ("name", "alt") for c in cands)
    inside = {(c.country, c.admin1) for c in cands if c.feature in TOWN_FEATURES and c.admin1}
    named = {c.country for c in cands if c.match == "name" and c.feature in ("city", "capital")}
    area_size = max((c.population for c in cands if c.match == "name" and c.id.startswith("iso:")
                     and (c.feature == "country" or c.feature == "region")), default=0)
    base = []
    for c in cands:
        score = prior(c)
        if c.feature == "region" and c.population > 0 and (c.country, c.name) not in inside:
            score += FOREIGN_REGION_SHIFT - REGION_SHIFT
        if acronym and c.feature in TOWN_FEATURES:
            score += ACRONYM_PENALTY                    # "EU" is not Eu in Normandy
        if country_named and c.feature in TOWN_FEATURES and c.match != "name":
            score += BYNAME_PENALTY
        if c.feature == "city" and area_size and c.population < min(area_size / 10, SMALL_TOWN):
            score += AREA_NAMED                         # "China" the country, not a village in Japan
        if _demonym_town(c, cands):
            score += DEMONYM_TOWN                       # "Arab states": the Arab world, not Arab, Alabama
        if c.match == "alt" and c.feature in ("city", "capital") and c.country in named and not c.lang:
            score += SHADOWED_ALT                       # "Franklin": Franklin, not Columbus (once Franklinton)
        if lang and c.source in _CURATED and lang in c.lang.split(","):
            score += LANG_BONUS                         # our own language-specific aliases: Turkish "Cufra"
        if cue:
            score += CUE_BONUS if c.feature in CUE_FITS.get(cue, ()) else CUE_PENALTY
        if c.country in explicit:
            score += COUNTRY_BONUS
        base.append(score)
    group = _Group(top.key, cands, base, partial, qualified, says_where=says_where)
    if cands:
        group.probs = _softmax(base)
    return group


class _Nearby:
    """The first-pass choices of the document's names, for the second pass: country weights and a grid of the
    chosen points, so each candidate looks only at choices in its own and the neighbouring cells (beyond
    ~1,000 km the nearness bonus is under 0.04) and the pass stays linear in the number of names."""

    CELL = 10.0                                   # degrees

    def __init__(self, choices: list[tuple[str, Candidate, float]]) -> None:
        self.countries: dict[str, float] = defaultdict(float)
        self.by_key: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.regions: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
        best: dict[str, list[tuple[float, str, Candidate]]] = defaultdict(list)
        for key, chosen, p in choices:
            if chosen.country:
                self.countries[chosen.country] += p
                self.by_key[key][chosen.country] += p
            if chosen.feature == "region" and chosen.country:
                self.regions[(chosen.country, chosen.name)].append((key, p))
            if chosen.feature not in AREA_FEATURES:
                best[chosen.id].append((p, key, chosen))
        self.cells: dict[tuple[int, int], list[list[tuple[float, str, Candidate]]]] = defaultdict(list)
        for entries in best.values():
            entries.sort(key=lambda e: -e[0])
            c = entries[0][2]
            self.cells[self._cell(c.lat, c.lon)].append(entries)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def country_weight(self, country: str, key: str) -> float:
        return self.countries.get(country, 0.0) - self.by_key.get(key, {}).get(country, 0.0)

    def region_weight(self, c: Candidate, key: str) -> float:
        """How strongly the other names chose the first-level subdivision the candidate lies in."""
        if not c.admin1 or (c.feature == "region" and not c.id.startswith("adm2:")):
            return 0.0                            # towns and counties: "Fulton County" in an Illinois story
        return min(1.0, sum(p for k, p in self.regions.get((c.country, c.admin1), ()) if k != key))

    def closeness(self, c: Candidate, key: str) -> float:
        """max p·exp(-km/250) over the other names' chosen points (a name never supports itself)."""
        y, x = self._cell(c.lat, c.lon)
        best = 0.0
        for dy in (-1, 0, 1):
            for dx in (-2, -1, 0, 1, 2):
                for entries in self.cells.get((y + dy, x + dx), ()):
                    p, _, o = next((e for e in entries if e[1] != key), (0.0, "", None))
                    if o is not None and p > best:
                        best = max(best, p * math.exp(-_fast_km(c.lat, c.lon, o.lat, o.lon) / NEAR_KM))
        return best

    @property
    def empty(self) -> bool:
        return not self.cells


def _context(groups: list[_Group]) -> None:
    """Second pass: country weight and nearness from the other names' first-pass choices."""
    choices = []
    for g in groups:
        if g.cands and not g.partial:          # parts of unknown names do not vouch for each other
            best = max(range(len(g.cands)), key=lambda k: g.probs[k])
            choices.append((g.key, g.cands[best], g.probs[best]))
    nearby = _Nearby(choices)
    for g in groups:
        if not g.cands:
            continue
        scores, supported = [], []
        for c, score in zip(g.cands, g.base):
            support = min(1.0, nearby.country_weight(c.country, g.key)) if c.country else 0.0
            score += COUNTRY_BONUS * support
            inside = nearby.region_weight(c, g.key)
            score += REGION_BONUS * inside          # "Lafayette" in a story that names Louisiana
            closeness = 0.0
            if not nearby.empty and c.feature not in WIDE_FEATURES:
                closeness = nearby.closeness(c, g.key)
                score += NEAR_BONUS * closeness
            scores.append(score)
            supported.append(closeness > PARTIAL_CLOSENESS or inside >= 0.5 or g.says_where
                             or (g.qualified and (c.feature in AREA_FEATURES or c.source == "places.yaml"))
                             or c.feature == "capital" or c.id.startswith("iso:"))   # "Bank of Mexico"
        g.probs = _softmax(scores)
        if g.partial:                          # a town inside an unknown longer name must fit the document
            g.anchored = any(nearby.region_weight(c, g.key) >= 0.5 for c in g.cands)
            keep = [k for k, ok in enumerate(supported) if ok]
            g.cands, g.base, g.probs = ([g.cands[k] for k in keep], [g.base[k] for k in keep],
                                        _softmax([scores[k] for k in keep]) if keep else [])


def _short_forms(groups) -> None:
    """A name the story also writes in full with its area word is that area: "Suffolk" in a story that names
    "Suffolk County" is the county, not Suffolk, Virginia (the full name's counties join its candidates, with
    a bonus, and the context picks among them)."""
    by_key = {g.key: g for g in groups if g.cands and not g.partial}
    for g in list(by_key.values()):
        for kind in SHORT_KINDS:
            full = by_key.get(f"{g.key} {kind}") or by_key.get(f"{kind} {g.key}")
            if full is None:
                continue
            areas = {c.id: b for c, b in zip(full.cands, full.base) if c.feature == "region"}
            if not areas:
                continue
            for k, c in enumerate(g.cands):
                if c.id in areas:
                    g.base[k] = max(g.base[k], areas.pop(c.id)) + SHORT_FORM_BONUS
            for c, b in zip(full.cands, full.base):
                if c.id in areas:
                    g.cands.append(c)
                    g.base.append(b + SHORT_FORM_BONUS)
            g.probs = _softmax(g.base)
            break


def _appositions(text: str, placed: list[tuple[Toponym, _Group, bool]], gazetteer: Gazetteer) -> None:
    """"Helena, Mont.", "Springfield, Illinois": candidates inside the area after the comma gain (once a group)."""
    at = {top.start: g for top, g, _ in placed}
    done: set[int] = set()
    for top, g, _ in placed:
        if not g.cands or id(g) in done or any(c.match == "name" and c.id.startswith("iso:") for c in g.cands):
            continue                            # "Iraq, Iran", "Virginia, Maryland": a list of areas
        start, codes = area_after(text, top.end)
        if start < 0:
            continue
        if codes:
            areas = [a for a in (gazetteer.by_id(f"iso:{code}") for code in codes) if a]
        else:
            other = at.get(start)
            areas = [c for c in other.cands if c.feature in ("region", "country") and c.country] \
                if other is not None and other is not g else []
        within = {(a.country, a.name if a.feature == "region" else None): a.id for a in areas}
        hits = [k for k, c in enumerate(g.cands)
                if any(c.country == cc and (name is None or c.admin1 == name) and c.id != aid
                       for (cc, name), aid in within.items())]
        if hits:
            done.add(id(g))
            for k in hits:
                g.base[k] += APPOSITION_BONUS - (DEMONYM_TOWN if _demonym_town(g.cands[k], g.cands) else 0.0)
            g.probs = _softmax(g.base)


def _dateline(text: str, placed: list[tuple[Toponym, _Group, bool]]) -> Candidate | None:
    """The town of a news dateline: the story opens with its name in capitals, then a dash or a colon, maybe
    after a state or country and the agency ("CAIRO - ", "SEOUL, South Korea (CNN) - ", "(NEW YORK) — "). A
    reporter files from where the story happens, so that town is the story's focus."""
    found = _DATELINE.match(text)
    if not found:
        return None
    for top, g, _near in placed:
        if top.start == found.start(1) and top.end == found.end(1) and g.cands and not g.partial:
            c = g.cands[max(range(len(g.cands)), key=lambda i: g.probs[i])]
            return c if c.feature in FOCUS_FEATURES and c.country else None
    return None


def _focus(placed: list[tuple[Toponym, _Group, bool]], dateline: Candidate | None = None
           ) -> tuple[Candidate, float] | None:
    """The town the document's names point to most, else its region, else its country, with its share of the
    support. A town's support: the mentions that chose it, those that chose its region, and half of those that
    chose a town within 50 km (each weighed by its probability); names found only by a part of them (unless in a
    named state) and demonyms do not count. A dateline's town with at least half the top town's support is the
    focus, at least as firm as FIRM_FOCUS."""
    chosen: dict[str, Candidate] = {}
    weight: dict[str, float] = defaultdict(float)
    for _top, g, _near in placed:
        if g.cands and (not g.partial or g.anchored):
            k = max(range(len(g.cands)), key=lambda i: g.probs[i])
            c = g.cands[k]
            if c.country and c.id.startswith(("gn:", "iso:", "adm2:")) and c.match != "demonym":
                weight[c.id] += g.probs[k]          # "Sicilian lemon curd" does not set a story in Sicily
                chosen[c.id] = c
    for features in (FOCUS_FEATURES, frozenset({"region"}), frozenset({"country"})):
        towns = sorted((i for i in chosen if chosen[i].feature in features), key=lambda i: -weight[i])[:FOCUS_TOP]
        if not towns:
            continue
        support = {}
        for i in towns:
            c = chosen[i]
            support[i] = weight[i] + sum(
                w * (REGION_SHARE if chosen[j].feature == "region" else NEAR_SHARE)
                for j, w in weight.items() if j != i and chosen[j].feature not in WIDE_FEATURES and (
                    (chosen[j].feature == "region" and chosen[j].country == c.country and chosen[j].name == c.admin1)
                    or (chosen[j].feature != "region" and _fast_km(c.lat, c.lon, chosen[j].lat, chosen[j].lon) <= 50)))
        best = max(towns, key=lambda i: support[i])
        share = min(1.0, support[best] / sum(weight.values()))
        if dateline is not None and support.get(dateline.id, 0.0) >= DATELINE_SHARE * support[best]:
            return dateline, max(FIRM_FOCUS, min(1.0, support[dateline.id] / sum(weight.values())))
        return chosen[best], share
    return None


class _Towns:
    """The towns (and counties) the names of a document were resolved to, by position, to find the one written
    beside a name ("Royal Street in New Orleans", "Rathbeggan, Co Meath", "Cellardyke in Fife")."""

    def __init__(self, placed: list[tuple[Toponym, _Group, bool]]) -> None:
        found = []
        for top, g, _near in placed:
            if g.cands and (not g.partial or g.anchored):
                k = max(range(len(g.cands)), key=lambda i: g.probs[i])
                if g.cands[k].feature in FOCUS_FEATURES or g.cands[k].id.startswith("adm2:"):
                    found.append((top.start, top.end, g.cands[k]))
        found.sort(key=lambda f: f[0])
        self.starts = [f[0] for f in found]
        self.found = found

    def beside(self, top: Toponym) -> tuple[Candidate, int] | None:
        """The nearest town within LOCAL_CHARS characters of the name, if any, and where it is written."""
        k = bisect.bisect_left(self.starts, top.start)
        near = [f for f in self.found[max(0, k - 2):k + 2] if f[0] != top.start]
        gaps = [(max(f[0] - top.end, top.start - f[1], 0), f[2], f[0]) for f in near]
        gaps = [g for g in gaps if g[0] <= LOCAL_CHARS]
        if not gaps:
            return None
        _gap, town, start = min(gaps, key=lambda g: g[0])
        return town, start


def _resolution(top: Toponym, g: _Group, near: bool, focus: tuple[Candidate, float] | None) -> Resolution:
    if not g.cands:
        if focus is None:
            return Resolution(top.start, top.end, top.text, None, None, None, None, None, 0, None, 0.0, [])
        c, share = focus                        # a name no source holds: somewhere about the document's focus
        return Resolution(top.start, top.end, top.text, c.lat, c.lon, c.country or None, "vicinity", c.name, 3,
                          None, round(VICINITY_CONFIDENCE * share, 4), [])
    ranked = sorted(zip(g.cands, g.probs), key=lambda cp: -cp[1])
    best, p = ranked[0]
    precision = 3 if best.feature in AREA_FEATURES else (2 if near or g.partial else 1)
    confidence = p * (0.5 if g.partial else 1.0) * (0.6 if best.match == "weak" else 1.0)
    return Resolution(top.start, top.end, top.text, best.lat, best.lon, best.country or None, best.feature,
                      best.name, precision, best.id, round(confidence, 4),
                      [(c, round(q, 4)) for c, q in ranked[:TOP]])


def resolve(text: str, toponyms: list[Toponym], gazetteer: Gazetteer, *, lang: str,
            countries: list[str] | tuple[str, ...] = (), spans_are_places: bool = False) -> list[Resolution]:
    """One Resolution per toponym, in the same order. `spans_are_places`: the caller knows each span is a place,
    so one no source holds goes to the document's focus (feature "vicinity") instead of staying unresolved."""
    explicit = {c.upper() for c in countries}
    groups: dict[tuple[str, str | None, str], _Group] = {}
    placed = []
    for top in toponyms:
        if top.checked:                         # spot looked for cues already
            cue, near = top.cue, top.near is not None
        else:
            feature_cue, near_cue = find_cues(text, top.start, top.end, lang)
            cue, near = top.cue or (feature_cue.feature if feature_cue else None), near_cue is not None
        if lang == "en" and (_STREET_AFTER.match(text, top.end)
                             or _STREET_NAMED.search(text, max(0, top.start - 120), top.start)):
            cue = "street"                      # "State and Hubbard streets": a street, not a town elsewhere;
                                                # "the street was later called Lafayette": the street's name
        ident = (top.key, cue, top.text if not top.key else "")
        if ident not in groups:
            groups[ident] = _group(top, cue, gazetteer, lang, explicit)
            if _ACRONYM.fullmatch(top.text) and not acronym_known(groups[ident].cands):
                groups[ident] = _spelled_out(top, text, gazetteer)     # "CHU" is no town spelled Chu
        placed.append((top, groups[ident], near))
    _short_forms(groups.values())
    _appositions(text, placed, gazetteer)
    _lists(text, placed)
    _context(list(groups.values()))
    if not spans_are_places:
        return [_resolution(top, g, near, None) for top, g, near in placed]
    focus = _focus(placed, _dateline(text, placed))
    states = _named_states(placed)
    far = {id(g) for _top, g, _near in placed
           if focus and g.cands and not g.partial and _far_village(g, focus, states)}
    towns = _Towns([p for p in placed if id(p[1]) not in far])
    out = []
    for top, g, near in placed:
        here = None
        if focus:
            local, written = towns.beside(top) or (None, 0)
            inside = local is not None and written > top.end and _IN_BEFORE.search(text, top.end, written)
            if local is not None and not inside and local.country in states \
                    and (local.country, local.admin1) not in states[local.country]:
                local = None                    # outside the states the story names: "Royal Street at Washington
                                                # Square" in Louisiana is no street of Pennsylvania's; "Collins
                                                # Avenue in Miami Beach" says where it is
            if local is not None and not inside and local.country != focus[0].country and focus[1] >= FIRM_FOCUS:
                local = None                    # a namesake abroad in a story firmly placed: "Grand" (CI) in Chicago
            here = (local or focus[0], focus[1])
        placed_by_name = g.qualified or g.anchored or g.says_where
        if here and g.partial and not placed_by_name and g.cands and _far_part(g, here[0]):
            g = _Group(g.key, [], [], True)     # "Hampton Avenue" in St. Louis: a street, not Hampton VA
        elif id(g) in far:
            g = _Group(g.key, [], [], False)    # "Washington Square" in New Orleans: not a suburb of Philadelphia
        out.append(_resolution(top, g, near, here if not g.cands else None))
    return out


# A street word after the name, or after the other names it is listed with: "Bourbon and Dauphine streets",
# "the Chartres/Franklin intersection", "State and Hubbard streets".
_STREET_AFTER = re.compile(r"(?:\s*(?:/|,|&|and)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)*\s*"
                           r"(?:[Ss]treets|[Aa]venues|[Rr]oads|[Bb]oulevards|[Ii]ntersection|[Cc]orner"
                           r"|Street|St\.|Avenue|Ave\.|Road|Boulevard)(?!\w)")
_ACRONYM = re.compile(r"[A-Z]{2,4}")
_DATELINE = re.compile(r"\s*\(?([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*)*)\)?(?:,[^\n—–:()]{1,40}?)?\s*"
                       r"(?:\([^)\n]{0,40}\)\s*)?(?:--|-|—|–|:)")
_STREET_NAMED = re.compile(r"\b(?:street|avenue|road|boulevard|lane|square)\b[^.;!?]{0,60}?"
                           r"\b(?:called|named|renamed|known as)\b[^.;!?]*$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\b(?:in|of)\s+(?:the\s+|present-day\s+|downtown\s+)?$")
_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s+(?:and|or|&))\s*$")


def _best(g: _Group) -> tuple[Candidate, float] | None:
    if not g.cands or g.partial:
        return None
    k = max(range(len(g.cands)), key=lambda i: g.probs[i])
    return g.cands[k], g.probs[k]


def _lists(text: str, placed: list[tuple[Toponym, _Group, bool]]) -> None:
    """Names in one enumeration are of one kind: in "Utah, Virginia, Washington, West Virginia and Wyoming" the
    states chosen for the neighbours make Washington and Wyoming the states, not the capital or a town in
    Michigan. A first-level subdivision gains when a name next to it in the list chose one of the same country."""
    order = sorted(placed, key=lambda p: p[0].start)
    done: set[tuple[int, str]] = set()
    for k, (top, g, _near) in enumerate(order):
        neighbours = []
        if k > 0 and _LIST_GAP.fullmatch(text[order[k - 1][0].end:top.start]):
            neighbours.append(order[k - 1][1])
        if k + 1 < len(order) and _LIST_GAP.fullmatch(text[top.end:order[k + 1][0].start]):
            neighbours.append(order[k + 1][1])
        states = {b[0].country for b in map(_best, neighbours) if b and b[0].feature == "region"
                  and b[0].id.startswith("iso:") and b[1] >= 0.5}
        hits = [i for i, c in enumerate(g.cands) if c.feature == "region" and c.id.startswith("iso:")
                and c.country in states and (id(g), c.id) not in done]
        for i in hits:
            done.add((id(g), g.cands[i].id))
            g.base[i] += LIST_BONUS
        if hits:
            g.probs = _softmax(g.base)


def _named_states(placed: list[tuple[Toponym, _Group, bool]]) -> dict[str, set[tuple[str, str]]]:
    """The first-level subdivisions the document names (chosen with p >= 0.5), by country."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _top, g, _near in placed:
        if g.cands and not g.partial:
            k = max(range(len(g.cands)), key=lambda i: g.probs[i])
            c = g.cands[k]
            if c.feature == "region" and c.country and g.probs[k] >= 0.5 and c.id.startswith("iso:"):
                out[c.country].add((c.country, c.name))
    return out


def _far_village(g: _Group, focus: tuple[Candidate, float], states: dict[str, set[tuple[str, str]]]) -> bool:
    """A village-sized namesake half a continent from where a story is firmly set, in no state the story names
    ("Grand" in Côte d'Ivoire for a Chicago street, "Republic", Missouri, in an Irish story): a local place
    that no source holds is likelier than that village. So for a small airfield ("Pioneer" cinema in Dewsbury is
    not Valdez Pioneer Field, Alaska)."""
    best = g.cands[max(range(len(g.cands)), key=lambda k: g.probs[k])]
    here, share = focus
    village = best.feature == "city" and (best.population or UNKNOWN_TOWN) < VILLAGE
    airfield = best.feature == "airport" and best.source not in _CURATED and best.population < LARGE_AIRPORT
    if not (village or airfield) or share < VILLAGE_FOCUS:
        return False
    if (best.country, best.admin1) in states.get(best.country, ()):
        return False
    return _fast_km(best.lat, best.lon, here.lat, here.lon) > VILLAGE_KM


def _far_part(g: _Group, here: Candidate) -> bool:
    """A town found by a part of a longer name that lies far from where the document is."""
    best = g.cands[max(range(len(g.cands)), key=lambda k: g.probs[k])]
    if here.feature not in FOCUS_FEATURES:      # a story placed only by its country: "British Embassy Tokyo"
        return False
    return best.feature in TOWN_FEATURES and _fast_km(best.lat, best.lon, here.lat, here.lon) > PART_FOCUS_KM


def toponym(text: str, start: int, end: int, cue: str | None = None) -> Toponym:
    """A Toponym for a span another recogniser found (NER, gold spans)."""
    return Toponym(start, end, text[start:end], name_key(text[start:end]), cue)
