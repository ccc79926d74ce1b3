"""Geographic claims in text, in en/ar/ru/tr/fr: "150 km south-east of Benghazi" (an offset), "an hour's flight
from the European coast" (a flight time) and "very close to Sudan and the Sahel" / "within reach of Europe"
(proximity), each checked against the facility table, the platform table and the Natural Earth polygons, with
the computation shown.

Cue patterns live in data/claim_cues.yaml; place names are found and put on the map by dragoman.geo (spot and
resolve), so the same spellings work here as in the places stage. The site of an offset is the place named
before the figure (Turkish puts the anchor there too, in the genitive); the anchor is the place after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafile import read_yaml
from ..errors import InputError
from .geometry import measure, sector
from .locate import Spot, locate
from .offsets import check, offset
from .platforms import Platform

CUES_PATH = Path(__file__).with_name("data") / "claim_cues.yaml"
LANGS = ("en", "fr", "tr", "ru", "ar")
FLIGHT_SLACK = 1.25        # "about an hour" holds up to 75 minutes at cruise
_WINDOW = 80               # characters after a figure in which its anchor or target is looked for
_SITE_WINDOW = 80          # … and before it, in which the site of an offset is looked for
# What an offset can place: a site with a point of its own. A region's, country's or sea's point is its centre,
# which no "45 km south of" is about ("In Blue Nile state, … 45 km south of Ad-Damazin").
_AREA_FEATURES = frozenset({"region", "country", "sea", "continent", "ocean"})


@dataclass(frozen=True)
class Cues:
    lang: str
    directions: dict[str, str]
    offset: re.Pattern
    flight: re.Pattern
    anchor_before: bool
    units: dict[str, float]
    numbers: dict[str, float]
    areas: dict[str, str]
    coast: tuple[str, ...]
    near: dict[str, re.Pattern]          # degree (very_close, close, reach) → cue
    affiliation: re.Pattern
    joiner: re.Pattern


@lru_cache(maxsize=1)
def cues() -> dict[str, Cues]:
    data = read_yaml(CUES_PATH, dict, what="claim cue table")
    out = {}
    for lang in LANGS:
        raw = data.get(lang)
        if not isinstance(raw, dict):
            raise InputError(f"{CUES_PATH}: language '{lang}'", "is missing")
        try:
            out[lang] = Cues(lang, raw["directions"], re.compile(raw["offset"], re.I), re.compile(raw["flight"], re.I),
                             bool(raw["anchor_before"]), raw["units"], raw["numbers"] or {}, raw["areas"],
                             tuple(raw["coast"]), {k: re.compile(v, re.I) for k, v in raw["near"].items()},
                             re.compile(raw["affiliation"], re.I), re.compile(raw["and"] + r"\Z", re.I))
        except (KeyError, TypeError, re.error) as exc:
            raise InputError(f"{CUES_PATH}: language '{lang}'", f"bad or missing entry: {exc}") from None
    return out


@lru_cache(maxsize=1)
def proximity_scale() -> dict[str, dict]:
    """The distance scale proximity claims are checked against: degree → holds_km, stretched_km, words."""
    data = read_yaml(CUES_PATH, dict, what="claim cue table").get("proximity")
    if not isinstance(data, dict) or not all(isinstance(v, dict) and v.get("holds_km") and v.get("stretched_km")
                                             for v in data.values()):
        raise InputError(f"{CUES_PATH}: proximity", "needs holds_km and stretched_km for each degree")
    return data


def compass_code(words: str, directions: dict[str, str]) -> str:
    """"юго-востоку" → "SE", "güneydoğusunda" → "SE", "sud-ouest" → "SW": cardinal stems read left to right,
    the longest stem at each position ("ouest" before "est", "юго" before "юг")."""
    stems = sorted(directions, key=len, reverse=True)
    text, i, code = words.lower(), 0, ""
    while i < len(text):
        for stem in stems:
            if text.startswith(stem, i):
                code += directions[stem]
                i += len(stem)
                break
        else:
            i += 1
    return code


@dataclass(frozen=True)
class Target:
    """What a proximity or flight claim measures to: a place (a point, or a country's polygon), or an area
    (continent or region); `coast` when the words say coast or shore."""

    start: int
    end: int
    text: str
    spot: Spot | None = None
    area: str = ""
    coast: bool = False

    def label(self) -> str:
        return (self.area or (self.spot.name if self.spot else self.text)) + (" coast" if self.coast else "")


@dataclass
class Found:
    """One claim in a text: its kind (offset | flight | near), span, figures, and the places around it."""

    kind: str
    lang: str
    start: int
    end: int
    text: str
    km: float | None = None
    direction: str = ""
    minutes: float | None = None
    site: Spot | None = None
    anchor: Spot | None = None
    area: str = ""
    coast: bool = False
    degree: str = ""                     # near: very_close, close or reach
    targets: list[Target] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _spots(text: str, lang: str) -> list[tuple[int, int, Spot]]:
    from ..geo import Gazetteer, resolve, spot
    gaz = Gazetteer.open()
    out = []
    for r in resolve(text, spot(text, lang, gaz), gaz, lang=lang):
        if r.lat is None or r.lon is None:
            continue
        if r.gazetteer_id and r.gazetteer_id.startswith("fac:"):
            s = locate(r.gazetteer_id[4:])
            out.append((r.start, r.end, Spot(r.text, s.name, s.lat, s.lon, "facility", s.id, s.country, s.feature,
                                             s.confidence)))
        else:
            out.append((r.start, r.end, Spot(r.text, r.name, r.lat, r.lon, "place", r.gazetteer_id or "", r.country,
                                             r.feature)))
    return out


def _langs(text: str, lang: str | None) -> list[str]:
    if lang:
        if lang not in LANGS:
            raise InputError(f"language {lang!r}", f"claims are read in {', '.join(LANGS)}")
        return [lang]
    if re.search(r"[\u0600-\u06ff]", text):
        return ["ar"]
    if re.search(r"[\u0400-\u04ff]", text):
        return ["ru"]
    return ["en", "fr", "tr"]


def _minutes(match: re.Match, c: Cues) -> float:
    unit = match.group("unit").lower()
    per = next((v for k, v in sorted(c.units.items(), key=lambda kv: -len(kv[0])) if unit.startswith(k)), 1.0)
    n = (match.group("n") or "").strip().lower()
    if not n:
        return per
    n = re.sub(r"\s+", " ", n)
    try:
        count = float(n.replace(",", "."))
    except ValueError:
        count = next((v for k, v in sorted(c.numbers.items(), key=lambda kv: -len(kv[0])) if n.startswith(k)), 1.0)
    if unit.startswith("ساعتين"):
        count = 1.0
    return count * per


def _area_hits(text: str, c: Cues) -> list[tuple[int, int, str]]:
    """Continent and region words ("European", "Sahel", "منطقة الساحل") with their spans, longest stem first."""
    hits: list[tuple[int, int, str]] = []
    lower = text.lower()
    for stem, name in sorted(c.areas.items(), key=lambda kv: -len(kv[0])):
        pattern = re.escape(stem.lower()) + r"\w*"
        if c.lang != "ar":                  # Arabic joins articles and conjunctions to the word
            pattern = r"(?<!\w)" + pattern
        for m in re.finditer(pattern, lower):
            if not any(a < m.end() and m.start() < b for a, b, _ in hits):
                hits.append((m.start(), m.end(), name))
    return hits


def _targets(text: str, c: Cues, spots, areas) -> list[Target]:
    """Places and areas in text order; an area word wins over a place spotted on the same words."""
    out = [Target(a, b, text[a:b], area=name) for a, b, name in areas]
    out += [Target(a, b, text[a:b], spot=s) for a, b, s in spots
            if not any(x < b and a < y for x, y, _ in areas)]
    return sorted(out, key=lambda t: t.start)


def _coast_near(text: str, c: Cues, start: int, end: int, areas) -> bool:
    """A coast word within the words around a target, not inside an area name (Arabic "الساحل الأفريقي")."""
    for word in c.coast:
        for m in re.finditer(re.escape(word), text[start:end], re.I):
            a = start + m.start()
            if not any(x <= a < y for x, y, _ in areas):
                return True
    return False


def _joined(text: str, c: Cues, start: int, end: int) -> bool:
    """Only joining words between two spans: "and", commas, articles, and coast words ("the coast of")."""
    gap = text[start:end]
    for word in c.coast:
        gap = re.sub(re.escape(word) + r"\w*", " ", gap, flags=re.I)
    gap = re.sub(r"(?<!\w)of(?!\w)", " ", gap, flags=re.I)
    return bool(c.joiner.match(gap))


_CONJUNCTION = re.compile(r"[,،]|(?<!\w)(?:and|or|as well as|et|ou|и|или|а также|ve|ile|veya|ya da|أو|او)(?!\w)"
                          r"|(?<!\w)و", re.I)


def _listed(text: str, c: Cues, start: int, end: int) -> bool:
    """Two targets in one list: joining words that include "and", "or" or a comma (not mere juxtaposition,
    which in Turkish is how the site precedes its target: "Kufra Havalimanı Sudan'a yakın")."""
    return _joined(text, c, start, end) and bool(_CONJUNCTION.search(text[start:end]))


def _near(text: str, m: re.Match, c: Cues, targets: list[Target], areas,
          degree: str = "") -> tuple[list[Target], Target | None]:
    """The targets of a proximity cue and the site it is said of (None when the text does not name one). The
    targets follow the cue (Turkish: come before it); "в зоне досягаемости", "within reach" may also close a
    clause ("Авиабаза … держит побережье в зоне досягаемости"), so a reach cue looks back when nothing follows."""
    stop = re.search(r"[.;!?؟\n]", text[m.end():])
    clause_end = m.end() + stop.start() if stop else len(text)
    after = [t for t in targets if m.end() <= t.start < clause_end]
    if not c.anchor_before and after and _joined(text, c, m.end(), after[0].start):
        run = [after[0]]
        for t in after[1:]:
            if not _listed(text, c, run[-1].end, t.start):
                break
            run.append(t)
        rest = [t for t in targets if t.end <= m.start()][::-1]
        bounds = [m.end()] + [t.start for t in run[1:]] + [min([clause_end] + [t.start for t in after[len(run):]])]
        hi = [min(bounds[k + 1], t.end + 24) for k, t in enumerate(run)]
    elif c.anchor_before or degree == "reach":
        before = [t for t in targets if t.end <= m.start()][::-1]
        if not before or not _joined(text, c, before[0].end, m.start()):
            return [], None
        run = [before[0]]
        for t in before[1:]:
            if not _listed(text, c, t.end, run[-1].start):
                break
            run.append(t)
        rest = [t for t in before if t.end <= run[-1].start]
        run = run[::-1]
        bounds = [rest[0].end if rest else 0] + [t.start for t in run[1:]] + [m.start()]
        hi = bounds[1:]
    else:
        return [], None
    out = []
    for k, t in enumerate(run):
        # the words around each target, up to its neighbours: where "coast" would be said of it
        lo = max(run[k - 1].end if k else bounds[0], t.start - 24)
        out.append(Target(t.start, t.end, t.text, t.spot, t.area, _coast_near(text, c, lo, hi[k], areas)))
    site = next((t for t in rest if t.spot is not None), None)
    return out, site


def _affiliation(text: str, m: re.Match, c: Cues) -> bool:
    """"sources close to the Kremlin", "close to 300 soldiers": not a distance."""
    if c.affiliation.search(text[max(0, m.start() - 30):m.start()]):
        return True
    return bool(re.match(r"\s*(?:about\s+|some\s+)?[\d٠-٩]", text[m.end():]))


def find(text: str, lang: str | None = None, spots: list | None = None) -> list[Found]:
    """Offsets, flight times and proximity claims stated in `text`, with the places they are about. `spots`:
    the places already resolved in `text` ((start, end, Spot), e.g. from a document's places stage); spotted
    here when not given."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for code in _langs(text, lang):
        c = cues()[code]
        hits = [("offset", m) for m in c.offset.finditer(text)] + [("flight", m) for m in c.flight.finditer(text)]
        for degree in ("very_close", "reach", "close"):     # the stronger wording first: it takes its words
            hits += [("near:" + degree, m) for m in c.near[degree].finditer(text) if not _affiliation(text, m, c)]
        hits = [(k, m) for k, m in hits if not any(a < m.end() and m.start() < b for a, b in taken)]
        if not hits:
            continue
        here = spots if spots is not None else _spots(text, code)
        areas = _area_hits(text, c)
        targets = _targets(text, c, here, areas)
        order = {"offset": 0, "flight": 0, "near:very_close": 1, "near:reach": 2, "near:close": 3}
        previous_site = None
        for kind, m in sorted(hits, key=lambda km: (km[1].start(), order[km[0]])):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            before = [s for s in here if s[1] <= m.start()]
            after = [s for s in here if m.end() <= s[0] <= m.end() + _WINDOW]
            f = Found(kind, code, m.start(), m.end(), m.group(0))
            if kind.startswith("near:"):
                f.kind, f.degree = "near", kind[5:]
                f.targets, site = _near(text, m, c, targets, areas, f.degree)
                if not f.targets:
                    continue                   # "close to" with no place or area after it: not a claim we read
                f.site = site.spot if site else None
                f.start, f.end = min(f.start, f.targets[0].start), max(f.end, f.targets[-1].end)
                f.text = text[f.start:f.end]
                taken.append((m.start(), m.end()))
                found.append(f)
                continue
            taken.append((m.start(), m.end()))
            if kind == "offset":
                f.km = float(m.group("km").replace(",", "."))
                f.direction = compass_code(m.group("dir"), c.directions)
                try:
                    sector(f.direction)
                except InputError:
                    f.problems.append(f"'{m.group('dir')}' is no compass direction")
                if c.anchor_before:
                    f.anchor = before[-1][2] if before else None
                    sites = before[:-1]
                    edge = before[-1][0] if before else m.start()
                else:
                    f.anchor = after[0][2] if after else None
                    # "… 150 km SE of Benghazi, and 105 km SW of Benghazi": the place just before may be the
                    # last claim's anchor, the same as this one's; the site is named before it.
                    sites = [s for s in before if not f.anchor or s[2].id != f.anchor.id]
                    edge = m.start()
                site = sites[-1] if sites else None
                # a list of reports of one site ("…, others say 150 km SW of B or 105 km SW of B") keeps it
                if site and site[2].feature not in _AREA_FEATURES and (
                        edge - site[1] <= _SITE_WINDOW or site[2] == previous_site):
                    f.site = previous_site = site[2]
            else:
                f.minutes = _minutes(m, c)
                is_area = lambda spot: any(spot[2].query.lower().startswith(stem) for stem in c.areas)  # noqa: E731
                tail = re.split(r"[.;!?؟\n]", text[m.end():m.end() + _WINDOW])[0]
                area = min(((tail.lower().find(stem), name) for stem, name in c.areas.items()
                            if stem in tail.lower()), default=None)
                if area and (not after or m.end() + area[0] <= after[0][0]):
                    f.area = area[1]
                elif after:
                    f.anchor = after[0][2]
                elif c.anchor_before:           # Turkish: "Bingazi, Avrupa'ya bir saatlik uçuş"
                    head = text[max(0, m.start() - _WINDOW):m.start()]
                    f.area = next((name for stem, name in c.areas.items() if stem in head.lower()), "")
                    if f.area:
                        tail = head
                    if not f.area and len(before) > 1:
                        f.anchor = before.pop()[2]
                f.coast = any(w in tail.lower() for w in c.coast) and not any(
                    a <= m.end() + tail.lower().find(w) < b for w in c.coast for a, b, _ in areas if w in tail.lower())
                places = [s for s in before if not is_area(s)]
                f.site = places[-1][2] if places else None
            found.append(f)
    return sorted(found, key=lambda f: f.start)


def _is_country(spot: Spot) -> bool:
    return spot.feature == "country" and bool(spot.country)


def distance_to(site: Spot, target: Target) -> dict[str, Any]:
    """From a site (a point, or a country's polygon) to a target (a point, a country, a continent or region,
    or their coast): km, the nearest point, and the basis in words."""
    from .world import closest
    if target.spot is not None and not _is_country(target.spot):
        m = measure(site, target.spot)
        return {"km": m.km, "to": target.spot.name, "lat": target.spot.lat, "lon": target.spot.lon,
                "basis": "geodesic between the two points"}
    area = target.area or target.spot.country
    if _is_country(site):
        from .atlas import available, atlas
        if not available():
            raise InputError(f"site {site.name!r}", "measuring from a whole country needs the Natural Earth "
                                                    "polygons: run `make frontend`")
        gap = atlas().gap(site.country, area, target.coast)
        return {"km": gap.km, "to": f"{gap.country} {'coast' if target.coast else ''}".strip(), "lat": gap.lat,
                "lon": gap.lon, "basis": f"shortest gap between {site.name} and {target.label()} "
                                         f"(Natural Earth 1:50m polygons{', they share a border' if gap.inside else ''})"}
    near = closest(site, area, target.coast, target.area or target.spot.name)
    out = {"km": near.km, "to": near.label, "lat": near.lat, "lon": near.lon, "basis": near.basis}
    if near.warning:
        out["warning"] = near.warning
    return out


def _point_words(d: dict[str, Any]) -> str:
    """Where the distance was measured to, when it is not simply the named place."""
    if d["basis"].startswith("geodesic between"):
        return ""
    if d["km"] == 0:
        return f" ({d['to']})" if d["to"].startswith("inside") else " (they share a border)"
    return f" to its nearest point ({d['to']}, {d['lat']:.2f}, {d['lon']:.2f})"


def _check_near(f: Found, platform: Platform, site: Spot) -> dict[str, Any]:
    scale = proximity_scale()
    results, worst = [], "holds"
    rank = {"holds": 0, "stretched": 1, "one way only": 1, "does not hold": 2}
    for t in f.targets:
        d = distance_to(site, t)
        km = d["km"]
        minutes = km / platform.cruise_kmh * 60
        if f.degree == "reach":
            radius, basis = platform.radius_km()
            one_way = platform.one_way_km() or radius
            verdict = "holds" if km <= radius else "one way only" if km <= one_way else "does not hold"
            threshold = (f"within reach = inside the {platform.name}'s radius {radius:g} km ({basis}); one way "
                         f"only up to {one_way:g} km")
        else:
            band = scale[f.degree]
            verdict = ("holds" if km <= band["holds_km"] else "stretched" if km <= band["stretched_km"]
                       else "does not hold")
            threshold = (f"{band['words']} = {band['holds_km']:g} km or less; stretched up to "
                         f"{band['stretched_km']:g} km (our scale)")
        worst = max(worst, verdict, key=rank.get)
        results.append({"target": t.label(), "km_computed": round(km, 1), "nearest_point": {
            "label": d["to"], "lat": round(d["lat"], 5), "lon": round(d["lon"], 5)}, "basis": d["basis"],
            "minutes_computed": round(minutes, 1), "verdict": verdict, "threshold": threshold,
            **({"warning": d["warning"]} if "warning" in d else {}),
            "summary": f"{site.name} → {t.label()}: {km:.0f} km{_point_words(d)}, {minutes:.0f} min at "
                       f"{platform.name} cruise; {threshold}: {verdict}"})
    return {"verdict": worst, "targets": results, "summary": "; ".join(r["summary"] for r in results)}


def verify(f: Found, platform: Platform, place: Spot | None = None) -> dict[str, Any]:
    """The claim checked: the computation, and whether it holds (or why it cannot be checked)."""
    site = f.site or place
    out: dict[str, Any] = {"kind": f.kind, "lang": f.lang, "text": f.text, "start": f.start, "end": f.end}
    if f.kind == "offset":
        out.update({"km": f.km, "direction": f.direction, "site": site.as_dict() if site else None,
                    "anchor": f.anchor.as_dict() if f.anchor else None})
        if f.problems or not site or not f.anchor:
            missing = [what for what, found in (("the place it is said of", site), ("the place it is measured from",
                                                                                  f.anchor)) if not found]
            return {**out, "verdict": "unchecked",
                    "why": "; ".join(f.problems) or " and ".join(missing) + " not found (or not a single site)"}
        verdict = check(site, offset(f.anchor, f.km, f.direction)).as_dict()
        return {**out, **verdict}
    if f.kind == "near":
        out.update({"degree": f.degree, "site": site.as_dict() if site else None, "platform": platform.id,
                    "targets": [t.label() for t in f.targets]})
        if not site:
            return {**out, "verdict": "unchecked", "why": "give the place the claim is about (--place)"}
        try:
            return {**out, **_check_near(f, platform, site)}
        except InputError as exc:
            return {**out, "verdict": "unchecked", "why": str(exc)}
    out.update({"minutes": f.minutes, "from": site.as_dict() if site else None, "area": f.area, "coast": f.coast,
                "to": f.anchor.as_dict() if f.anchor else None, "platform": platform.id})
    if not site or not (f.area or f.anchor):
        return {**out, "verdict": "unchecked", "why": "give the place the flight starts from (--place)"
                if not site else "no place or area follows the flight time"}
    target = Target(f.start, f.end, f.area, f.anchor, f.area, f.coast)
    try:
        d = distance_to(site, target)
    except InputError as exc:
        return {**out, "verdict": "unchecked", "why": str(exc)}
    km = d["km"]
    label = (f"nearest point of {target.label()} ({d['to']}, {d['lat']:.2f}, {d['lon']:.2f})"
             if f.area or _is_country(f.anchor) else f.anchor.name)
    if site.feature == "country":
        label = f"{target.label()}{_point_words(d)}"
    minutes = km / platform.cruise_kmh * 60
    holds = minutes <= f.minutes * FLIGHT_SLACK
    summary = (f"{site.name} → {label}: {km:.0f} km, {minutes:.0f} min at {platform.name} cruise "
               f"({platform.cruise_kmh:g} km/h) against the stated {f.minutes:g} min (holds up to "
               f"{f.minutes * FLIGHT_SLACK:g}): {'holds' if holds else 'does not hold'}")
    extra = {"warning": d["warning"]} if "warning" in d else {}
    return {**out, "km_computed": round(km, 1), "minutes_computed": round(minutes, 1), "target": label,
            "basis": d["basis"], "verdict": "holds" if holds else "does not hold", "summary": summary, **extra}
