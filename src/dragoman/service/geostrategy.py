"""Geostrategic questions, one function each, for the CLI (`dragoman geo …`) and the API (`/api/geo/…`).
Every answer is a plain dict (JSON-ready) and carries the inputs as resolved, so the computation can be shown."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..geostrategy.corridor import corridor as _corridor
from ..geostrategy.geometry import compass, measure
from ..geostrategy.locate import locate
from ..geostrategy.offsets import agree, check, offset
from ..geostrategy.platforms import platform as _platform
from ..geostrategy.reach import reach as _reach
from ..geostrategy.world import nearest as _nearest

MAX_STOPS = 100             # a route, not a gazetteer dump: keeps one request's work bounded


def distance(origin: str, to: str, platform: str | None = None) -> dict[str, Any]:
    """Geodesic distance and bearings between two places or facilities, with flight time when a platform is named."""
    a, b = locate(origin), locate(to)
    m = measure(a, b)
    out = {"from": a.as_dict(), "to": b.as_dict(), "km": round(m.km, 2), "bearing": round(m.bearing, 2),
           "direction": compass(m.bearing), "final_bearing": round(m.final_bearing, 2)}
    if platform:
        out.update(_flight(m.km, platform))
    return out


def _flight(km: float, name: str) -> dict[str, Any]:
    p = _platform(name)
    one_way = p.one_way_km()
    return {"platform": p.as_dict(), "hours": round(p.hours(km), 2), "minutes": round(p.hours(km) * 60),
            "within_range": None if one_way is None else km <= one_way}


def nearest(place: str, area: str, platform: str | None = None) -> dict[str, Any]:
    """The nearest town of a continent or country to a place (a stand-in for its nearest coast)."""
    spot = locate(place)
    town, km = _nearest(spot, area)
    out = {"from": spot.as_dict(), "area": area, "nearest_town": town.name, "country": town.country,
           "lat": town.lat, "lon": town.lon, "km": round(km, 1),
           "basis": "nearest settlement of 1,000 people or more (GeoNames); the coast itself may be a little closer"}
    if platform:
        out.update(_flight(km, platform))
    return out


def check_offset(site: str, km: float, direction: str, anchor: str) -> dict[str, Any]:
    """Whether "SITE lies KM DIRECTION of ANCHOR" fits the site's position in the facility table or gazetteer."""
    verdict = check(locate(site), offset(locate(anchor), km, direction))
    out = verdict.as_dict()
    out["geojson"] = _claim_geojson(verdict)
    return out


def compare_offsets(site: str, claims: list[tuple[float, str, str]]) -> dict[str, Any]:
    """Several reports of where one site lies ((km, direction, anchor) each): each against the table, and each
    pair against the other (two reports conflict when no point fits both)."""
    spot = locate(site)
    offsets = [offset(locate(anchor), km, direction) for km, direction, anchor in claims]
    verdicts = [check(spot, o).as_dict() for o in offsets]
    conflicts = [{"a": offsets[i].describe(), "b": offsets[j].describe()}
                 for i in range(len(offsets)) for j in range(i + 1, len(offsets)) if not agree(offsets[i], offsets[j])]
    return {"site": spot.as_dict(), "claims": verdicts, "conflicts": conflicts}


def reach(base: str, platform: str) -> dict[str, Any]:
    """Range rings from a base and the countries (and capitals) inside them."""
    return _reach(locate(base), _platform(platform))


def corridor(via: list[str], platform: str | None = None) -> dict[str, Any]:
    """Legs of an ordered route with distance, bearing, flight time and the legs beyond the platform's range."""
    names = [v for v in via if v and v.strip()]
    if len(names) < 2:
        raise InputError("corridor", f"needs at least two places, got {len(names)}")
    if len(names) > MAX_STOPS:
        raise InputError("corridor", f"at most {MAX_STOPS} places, got {len(names)}")
    return _corridor([locate(n) for n in names], _platform(platform) if platform else None)


def platforms() -> dict[str, Any]:
    from ..geostrategy.platforms import platforms as table
    return {"platforms": [p.as_dict() for p in table()]}


def _claim_geojson(verdict) -> dict[str, Any]:
    lat, lon = verdict.claim.point
    anchor, site = verdict.claim.anchor, verdict.site
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [verdict.claim.polygon()]},
         "properties": {"role": "claimed area", "claim": verdict.claim.describe()}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
         "properties": {"role": "implied point"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [anchor.lon, anchor.lat]},
         "properties": {"role": "anchor", "name": anchor.name}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [site.lon, site.lat]},
         "properties": {"role": "site", "name": site.name, "confidence": site.confidence}}]}


def claims(text: str, lang: str | None = None, place: str | None = None, platform: str = "il-76") -> dict[str, Any]:
    """Distance, direction and flight-time claims found in `text`, each checked; `place` is where a flight starts
    when the text names no place before it ("its ports …"); flight times use `platform`'s cruise speed."""
    from ..geostrategy.claims import find, verify
    if not text or not text.strip():
        raise InputError("claim text", "is empty")
    p = _platform(platform)
    start = locate(place) if place else None
    found = [verify(f, p, start) for f in find(text, lang)]
    offsets = [f for f in found if f["kind"] == "offset" and f["verdict"] != "unchecked"]
    conflicts = []
    for i, a in enumerate(offsets):
        for b in offsets[i + 1:]:
            if a["site"]["id"] == b["site"]["id"]:
                oa = offset(locate(f"{a['anchor']['lat']},{a['anchor']['lon']}"), a["km"], a["direction"])
                ob = offset(locate(f"{b['anchor']['lat']},{b['anchor']['lon']}"), b["km"], b["direction"])
                if not agree(oa, ob):
                    conflicts.append({"a": a["text"], "b": b["text"], "site": a["site"]["name"]})
    return {"text": text, "claims": found, "conflicts": conflicts, "platform": p.id}


def workspace_claims(ws, *, verdict: str | None = None, kind: str | None = None,
                     limit: int = 500) -> dict[str, Any]:
    """The geographic claims the geoclaims stage checked in the workspace's documents, and the reports of one
    site's position that cannot all be true: each offset against the facility table (its verdict) and every
    pair of offsets of the same site against each other."""
    from ..model import from_json
    rows = ws.store.con.execute(
        "SELECT id, title, outlet, source, published, data FROM documents"
        " WHERE json_array_length(data, '$.geo_claims') > 0 ORDER BY published, rowid")
    claims, offsets = [], []
    for row in rows:
        doc = from_json(row["data"])
        for g in doc.geo_claims:
            item = {"document": row["id"], "title": row["title"], "outlet": row["outlet"] or row["source"],
                    "published": row["published"], "kind": g.value, "text": g.text,
                    "span": [g.span.start, g.span.end], "verdict": g.verdict, "summary": g.summary,
                    "detail": g.detail}
            if g.value == "offset" and g.verdict != "unchecked":
                offsets.append(item)
            if (verdict is None or g.verdict == verdict) and (kind is None or g.value == kind):
                claims.append(item)
    sites: dict[str, dict[str, Any]] = {}
    for item in offsets:
        site = item["detail"]["site"]
        entry = sites.setdefault(site["id"] or site["name"], {"site": site, "reports": []})
        entry["reports"].append({"document": item["document"], "outlet": item["outlet"], "text": item["text"],
                                 "claim": item["detail"]["claim"], "verdict": item["verdict"],
                                 "actual": f"{item['detail']['actual_km']:.0f} km "
                                           f"{item['detail']['actual_direction']}"})
    conflicts = []
    for key, entry in sites.items():
        reports = [o for o in offsets if (o["detail"]["site"]["id"] or o["detail"]["site"]["name"]) == key]
        built = [offset(locate(f"{o['detail']['anchor']['lat']},{o['detail']['anchor']['lon']}"),
                        o["detail"]["km"], o["detail"]["direction"]) for o in reports]
        for i in range(len(reports)):
            for j in range(i + 1, len(reports)):
                if not agree(built[i], built[j]):
                    conflicts.append({"site": entry["site"]["name"],
                                      "a": {k: reports[i][k] for k in ("document", "outlet", "text")}
                                      | {"claim": reports[i]["detail"]["claim"]},
                                      "b": {k: reports[j][k] for k in ("document", "outlet", "text")}
                                      | {"claim": reports[j]["detail"]["claim"]}})
        entry["conflicting"] = any(c["site"] == entry["site"]["name"] for c in conflicts)
    return {"claims": claims[:limit], "total": len(claims), "sites": list(sites.values()), "conflicts": conflicts}


MOVES = {"MOBILIZE": None, "CONSULT": {"visit", "host", "multilateral", None}}   # None: every mode


def corridor_from_events(ws, entity: str, platform: str | None = None, *, start=None, end=None) -> dict[str, Any]:
    """The places where `entity` was reported moving or visiting (MOBILIZE, CONSULT visits and hosting; phone
    calls left out), in date order, as a corridor of legs. Stories told as not happening and undated ones are
    left out; one place reported several times in a row is one stop."""
    from ..analysis.timeline import timeline as stories_of
    from ..geostrategy.locate import Spot
    if not entity or not entity.strip():
        raise InputError("entity ''", "name the entity whose movements draw the corridor")
    kept = []
    for s in stories_of(ws, entity=entity, start=start, end=end):
        modes = MOVES.get(s.type, ())
        if s.lat is None or s.lon is None or s.start is None or not s.reports:
            continue
        if (modes is not None and s.mode not in modes) or all(r.negated for r in s.reports):
            continue
        kept.append(s)
    kept.sort(key=lambda s: (s.start, s.id))
    stops: list[Spot] = []
    visits: list[dict[str, Any]] = []
    for s in kept:
        entry = {"story": s.id, "date": s.start.date().isoformat(), "precision": s.precision, "type": s.type,
                 "mode": s.mode, "place": s.place, "sources": len(s.reports),
                 "credibility": s.credibility.label}
        if stops and stops[-1].name == s.place and visits[-1]["events"]:
            visits[-1]["events"].append(entry)
            continue
        stops.append(Spot(s.place, s.place, s.lat, s.lon, "event", s.id))
        visits.append({"place": s.place, "events": [entry]})
    if len(stops) > MAX_STOPS:
        raise InputError(f"entity {entity!r}", f"more than {MAX_STOPS} stops; narrow the period (--from/--to)")
    if len(stops) < 2:
        raise InputError(f"entity {entity!r}", f"{len(kept)} dated movement or visit event(s) with a located place "
                                               f"({len(stops)} place(s)); a corridor needs two places")
    answer = _corridor(stops, _platform(platform) if platform else None)
    answer["entity"] = entity
    answer["visits"] = visits
    for leg, a, b in zip(answer["legs"], visits, visits[1:]):
        leg["from_date"], leg["to_date"] = a["events"][-1]["date"], b["events"][0]["date"]
    return answer
