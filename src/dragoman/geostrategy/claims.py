"""Quantitative geographic claims in text, in en/ar/ru/tr/fr: "150 km south-east of Benghazi" (an offset) and
"an hour's flight from the European coast" (a flight time), each checked against the facility table and the
platform table, with the computation shown.

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
from .world import nearest

CUES_PATH = Path(__file__).with_name("data") / "claim_cues.yaml"
LANGS = ("en", "fr", "tr", "ru", "ar")
FLIGHT_SLACK = 1.25        # "about an hour" holds up to 75 minutes at cruise
_WINDOW = 80               # characters after a figure in which its anchor or target is looked for


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
                             bool(raw["anchor_before"]), raw["units"], raw["numbers"] or {}, raw["areas"])
        except (KeyError, re.error) as exc:
            raise InputError(f"{CUES_PATH}: language '{lang}'", f"bad or missing entry: {exc}") from None
    return out


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


@dataclass
class Found:
    """One claim in a text: its kind (offset | flight), span, figures, and the places around it."""

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


def find(text: str, lang: str | None = None) -> list[Found]:
    """Offsets and flight times stated in `text`, with the places they are about."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for code in _langs(text, lang):
        c = cues()[code]
        hits = [("offset", m) for m in c.offset.finditer(text)] + [("flight", m) for m in c.flight.finditer(text)]
        hits = [(k, m) for k, m in hits if not any(a < m.end() and m.start() < b for a, b in taken)]
        if not hits:
            continue
        spots = _spots(text, code)
        for kind, m in sorted(hits, key=lambda km: km[1].start()):
            taken.append((m.start(), m.end()))
            before = [s for s in spots if s[1] <= m.start()]
            after = [s for s in spots if m.end() <= s[0] <= m.end() + _WINDOW]
            f = Found(kind, code, m.start(), m.end(), m.group(0))
            if kind == "offset":
                f.km = float(m.group("km").replace(",", "."))
                f.direction = compass_code(m.group("dir"), c.directions)
                try:
                    sector(f.direction)
                except InputError:
                    f.problems.append(f"'{m.group('dir')}' is no compass direction")
                if c.anchor_before:
                    f.anchor = before[-1][2] if before else None
                    f.site = before[-2][2] if len(before) > 1 else None
                else:
                    f.anchor = after[0][2] if after else None
                    # "… 150 km SE of Benghazi, and 105 km SW of Benghazi": the place just before may be the
                    # last claim's anchor, the same as this one's; the site is named before it.
                    sites = [s for s in before if not f.anchor or s[2].id != f.anchor.id]
                    f.site = sites[-1][2] if sites else None
            else:
                f.minutes = _minutes(m, c)
                is_area = lambda spot: any(spot[2].query.lower().startswith(stem) for stem in c.areas)  # noqa: E731
                tail = text[m.end():m.end() + _WINDOW].lower()
                area = min(((tail.find(stem), name) for stem, name in c.areas.items() if stem in tail),
                           default=None)
                if area and (not after or m.end() + area[0] <= after[0][0]):
                    f.area = area[1]
                elif after:
                    f.anchor = after[0][2]
                elif c.anchor_before:           # Turkish: "Bingazi, Avrupa'ya bir saatlik uçuş"
                    head = text[max(0, m.start() - _WINDOW):m.start()].lower()
                    f.area = next((name for stem, name in c.areas.items() if stem in head), "")
                    if not f.area and len(before) > 1:
                        f.anchor = before.pop()[2]
                places = [s for s in before if not is_area(s)]
                f.site = places[-1][2] if places else None
            found.append(f)
    return sorted(found, key=lambda f: f.start)


def verify(f: Found, platform: Platform, place: Spot | None = None) -> dict[str, Any]:
    """The claim checked: the computation, and whether it holds (or why it cannot be checked)."""
    site = f.site or place
    out: dict[str, Any] = {"kind": f.kind, "lang": f.lang, "text": f.text, "start": f.start, "end": f.end}
    if f.kind == "offset":
        out.update({"km": f.km, "direction": f.direction, "site": site.as_dict() if site else None,
                    "anchor": f.anchor.as_dict() if f.anchor else None})
        if f.problems or not site or not f.anchor:
            return {**out, "verdict": "unchecked",
                    "why": "; ".join(f.problems) or "the site or the place it is measured from was not found"}
        verdict = check(site, offset(f.anchor, f.km, f.direction)).as_dict()
        return {**out, **verdict}
    out.update({"minutes": f.minutes, "from": site.as_dict() if site else None, "area": f.area,
                "to": f.anchor.as_dict() if f.anchor else None, "platform": platform.id})
    if not site or not (f.area or f.anchor):
        return {**out, "verdict": "unchecked", "why": "give the place the flight starts from (--place)"
                if not site else "no place or area follows the flight time"}
    if f.area:
        town, km = nearest(site, f.area)
        target = f"nearest {f.area} settlement ({town.name}, {town.country})"
    else:
        km, target = measure(site, f.anchor).km, f.anchor.name
    minutes = km / platform.cruise_kmh * 60
    holds = minutes <= f.minutes * FLIGHT_SLACK
    summary = (f"{site.name} → {target}: {km:.0f} km, {minutes:.0f} min at {platform.name} cruise "
               f"({platform.cruise_kmh:g} km/h) against the stated {f.minutes:g} min: "
               f"{'holds' if holds else 'does not hold'}")
    return {**out, "km_computed": round(km, 1), "minutes_computed": round(minutes, 1), "target": target,
            "verdict": "holds" if holds else "does not hold", "summary": summary}
