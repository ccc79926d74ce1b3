"""`dragoman geo`: distances, flight times, claimed offsets, reach and corridors on the WGS84 ellipsoid. Thin
callers of dragoman.service.geostrategy; every command takes --json."""

from __future__ import annotations

from typing import Any, Optional

import typer

from ..service import geostrategy as geo
from .common import out
from .terminal import emit_json

geo_app = typer.Typer(help="Geostrategic arithmetic: distance, flight time, claimed offsets, reach, corridors. "
                           "Places are facility names, gazetteer places (any script) or 'lat,lon'.",
                      no_args_is_help=True)
JSON = typer.Option(False, "--json", help="Print the answer as JSON (GeoJSON under 'geojson').")
PLATFORM = typer.Option(None, "--platform", "-p", help="Aircraft for flight times and range (Il-76, Su-24 …).")


def _say(text: str) -> None:
    out.print(text, markup=False, highlight=False)


def _time(hours: float) -> str:
    h, m = divmod(round(hours * 60), 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def _flight_line(answer: dict[str, Any]) -> str:
    p = answer["platform"]
    reach = {None: "", True: ", within its range", False: ", BEYOND its range"}[answer["within_range"]]
    return f"  {_time(answer['hours'])} at {p['name']} cruise ({p['cruise_kmh']['value']:g} km/h){reach}"


@geo_app.command("distance")
def distance(origin: str = typer.Argument(..., help="From."), to: str = typer.Argument(..., help="To."),
             platform: Optional[str] = PLATFORM, as_json: bool = JSON) -> None:
    """Geodesic distance and bearing between two places; flight time with --platform."""
    answer = geo.distance(origin, to, platform)
    if as_json:
        emit_json(answer)
        return
    a, b = answer["from"], answer["to"]
    _say(f"{a['name']} ({a['lat']:.4f}, {a['lon']:.4f}) → {b['name']} ({b['lat']:.4f}, {b['lon']:.4f}): "
         f"{answer['km']:.1f} km, bearing {answer['bearing']:.1f}° ({answer['direction']})")
    if platform:
        _say(_flight_line(answer))


@geo_app.command("nearest")
def nearest(place: str = typer.Argument(..., help="From."),
            area: str = typer.Argument(..., help="A continent (Europe, Africa …) or a country."),
            platform: Optional[str] = PLATFORM, as_json: bool = JSON) -> None:
    """The nearest town of a continent or country (a stand-in for its coast), with flight time."""
    answer = geo.nearest(place, area, platform)
    if as_json:
        emit_json(answer)
        return
    _say(f"{answer['from']['name']} → nearest town of {area}: {answer['nearest_town']} ({answer['country']}), "
         f"{answer['km']:.0f} km ({answer['basis']})")
    if platform:
        _say(_flight_line(answer))


@geo_app.command("check")
def check(subject: Optional[str] = typer.Argument(None, help="The site a report places (with --km/--dir/--of or "
                                                 "--claim), or a sentence to read for claims."),
          km: Optional[float] = typer.Option(None, "--km", help="Stated distance in km."),
          direction: Optional[str] = typer.Option(None, "--dir", help="Stated direction: SE, south-west, 135 …"),
          anchor: Optional[str] = typer.Option(None, "--of", help="The place the distance is measured from."),
          stated: list[str] = typer.Option([], "--claim", help="A stated offset such as '150 km south-east of "
                                           "Benghazi'; repeat to compare reports with each other."),
          place: Optional[str] = typer.Option(None, "--place", help="With a sentence: the place it is about when "
                                              "it names none (\"its ports …\")."),
          platform: str = typer.Option("Il-76", "--platform", "-p", help="With a sentence: the aircraft whose "
                                       "cruise speed and range check flight times and \"within reach\"."),
          lang: Optional[str] = typer.Option(None, "--lang", help="With a sentence: its language (default: from "
                                             "the script)."),
          stored: bool = typer.Option(False, "--workspace", help="List the claims the geoclaims stage checked in "
                                      "the workspace, and the reports of one site that conflict."),
          as_json: bool = JSON) -> None:
    """Check "SITE lies KM DIR of ANCHOR" against the site's known position (several --claim are also compared
    with each other); or read a sentence for distance, direction, flight-time and "close to" claims; or, with
    --workspace, list the workspace's checked claims and conflicts."""
    if stored:
        _workspace_claims(None, None, as_json)
        return
    if not subject:
        raise typer.BadParameter("give a site, a sentence, or --workspace")
    from ..geostrategy.offsets import parse_stated
    claims = [parse_stated(s) for s in stated]
    if km is not None or direction or anchor:
        if km is None or not direction or not anchor:
            raise typer.BadParameter("give --km, --dir and --of together")
        claims.insert(0, (km, direction, anchor))
    if not claims:
        _text_claims(subject, place, platform, lang, as_json)
        return
    answer = geo.compare_offsets(subject, claims)
    if as_json:
        emit_json(answer)
        return
    site_info = answer["site"]
    _say(f"{site_info['name']} at {site_info['lat']:.4f}, {site_info['lon']:.4f} ({site_info['source']}"
         + (f", confidence {site_info['confidence']}" if site_info["confidence"] else "") + ")")
    for v in answer["claims"]:
        p = v["implied_point"]
        _say(f"  {v['summary']}")
        _say(f"    implied point {p['lat']:.4f}, {p['lon']:.4f} ±{p['uncertainty_km']:.0f} km "
             f"(±{v['sector_half_width']:g}°, ±{v['tolerance_km']:.0f} km)")
    for c in answer["conflicts"]:
        _say(f"  ⚠ conflict: '{c['a']}' and '{c['b']}' cannot both be true")


def _text_claims(text: str, place: Optional[str], platform: str, lang: Optional[str], as_json: bool) -> None:
    answer = geo.claims(text, lang, place, platform)
    if as_json:
        emit_json(answer)
        return
    if not answer["claims"]:
        _say("no distance, direction, flight-time or proximity claim found")
    for c in answer["claims"]:
        if c["kind"] == "near" and "targets" in c:
            _say(f"[{c['lang']}] \"{c['text']}\": {c['verdict']}")
            for t in c["targets"]:
                _say(f"  {t['summary']}")
                _say(f"    measured on: {t['basis']}")
        else:
            _say(f"[{c['lang']}] \"{c['text']}\": {c.get('summary') or c['verdict'] + ' (' + c.get('why', '') + ')'}")
            if c.get("basis"):
                _say(f"    measured on: {c['basis']}")
        warnings = {c.get("warning")} | {t.get("warning") for t in c.get("targets", [])}
        for w in sorted(w for w in warnings if w):
            _say(f"  warning: {w}")
    for c in answer["conflicts"]:
        _say(f"  ⚠ conflict on {c['site']}: \"{c['a']}\" and \"{c['b']}\" cannot both be true")


@geo_app.command("claim")
def claim(text: str = typer.Argument(..., help="A sentence or paragraph in en, ar, ru, tr or fr."),
          place: Optional[str] = typer.Option(None, "--place", help="Where a flight starts when the text names no "
                                              "place before it (\"its ports …\")."),
          platform: str = typer.Option("Il-76", "--platform", "-p", help="Aircraft whose cruise speed times flights."),
          lang: Optional[str] = typer.Option(None, "--lang", help="Language (default: from the script)."),
          as_json: bool = JSON) -> None:
    """Find distance, direction, flight-time and "close to" claims in a text and check each, showing the
    computation (the same as `geo check "SENTENCE"`)."""
    _text_claims(text, place, platform, lang, as_json)


@geo_app.command("claims")
def claims(verdict: Optional[str] = typer.Option(None, "--verdict", help="Only claims with this verdict "
                                                 "(inconsistent, does not hold, holds …)."),
           kind: Optional[str] = typer.Option(None, "--kind", help="offset, flight or near."),
           as_json: bool = JSON) -> None:
    """The geographic claims checked in the workspace's documents, and the reports of one site's position that
    conflict with each other (same as `geo check --workspace`)."""
    _workspace_claims(verdict, kind, as_json)


def _workspace_claims(verdict: Optional[str], kind: Optional[str], as_json: bool) -> None:
    from .common import _open
    ws = _open(readonly=True)
    try:
        answer = geo.workspace_claims(ws, verdict=verdict, kind=kind)
    finally:
        ws.close()
    if as_json:
        emit_json(answer)
        return
    if not answer["claims"]:
        _say("no geographic claim checked in this workspace (the geoclaims stage runs with `dragoman run`)")
    for c in answer["claims"]:
        _say(f"{c['document']} [{c['outlet'] or ''}] {c['kind']} \"{c['text']}\": {c['verdict']}")
        if c["summary"]:
            _say(f"    {c['summary']}")
    for s in answer["sites"]:
        site = s["site"]
        where = "facility table" if site["source"] == "facility" else "gazetteer"
        _say(f"{site['name']}: {where} {site['lat']:.4f}, {site['lon']:.4f}"
             + (f" (confidence {site['confidence']})" if site.get("confidence") else "")
             + f"; {len(s['reports'])} report(s)" + (", CONFLICTING" if s["conflicting"] else ""))
        for r in s["reports"]:
            _say(f"    {r['outlet'] or r['document']}: '{r['claim']}' → {r['verdict']} (table: {r['actual']})")
    for c in answer["conflicts"]:
        _say(f"  ⚠ conflict on {c['site']}: '{c['a']['claim']}' ({c['a']['outlet'] or c['a']['document']}) and "
             f"'{c['b']['claim']}' ({c['b']['outlet'] or c['b']['document']}) cannot both be true")


@geo_app.command("reach")
def reach(base: str = typer.Argument(..., help="The base."),
          platform: str = typer.Option(..., "--platform", "-p", help="Aircraft (Il-76, Su-24 …)."),
          as_json: bool = JSON) -> None:
    """Range rings from a base (GeoJSON with --json) and the countries and capitals inside them."""
    answer = geo.reach(base, platform)
    if as_json:
        emit_json(answer)
        return
    p = answer["platform"]
    _say(f"{p['name']} from {answer['base']['name']}: radius {answer['radius_km']:g} km "
         f"({answer['radius_basis']}), one way {answer['one_way_km']:g} km")
    for c in answer["countries"]:
        where = "radius" if c["within_radius"] else "one way"
        capital = (f", capital {c['capital']} {c['capital_km']:.0f} km"
                   + (" (in radius)" if c["capital_within_radius"] else "")) if c["capital"] else ""
        _say(f"  {c['name']}: nearest {c['nearest_town']} {c['nearest_km']:.0f} km [{where}]{capital}")


@geo_app.command("corridor")
def corridor(via: list[str] = typer.Argument(None, help="Places in order (at least two); or --from-events."),
             platform: Optional[str] = PLATFORM,
             from_events: bool = typer.Option(False, "--from-events", help="Draw the stops from the workspace's "
                                              "movement and visit events of --entity, in date order."),
             entity: Optional[str] = typer.Option(None, "--entity", help="With --from-events: whose movements."),
             start: Optional[str] = typer.Option(None, "--from", help="With --from-events: first day (YYYY-MM-DD)."),
             end: Optional[str] = typer.Option(None, "--to", help="With --from-events: last day (YYYY-MM-DD)."),
             as_json: bool = JSON) -> None:
    """Legs of a route with distance, bearing and flight time; legs beyond the platform's range are flagged."""
    if from_events:
        if via:
            raise typer.BadParameter("give places or --from-events, not both")
        if not entity:
            raise typer.BadParameter("--from-events needs --entity")
        from .common import _open, day
        ws = _open(readonly=True)
        try:
            answer = geo.corridor_from_events(ws, entity, platform, start=day(start, "--from"),
                                              end=day(end, "--to"))
        finally:
            ws.close()
    else:
        if not via:
            raise typer.BadParameter("give at least two places, or --from-events --entity NAME")
        answer = geo.corridor(via, platform)
    if as_json:
        emit_json(answer)
        return
    if "visits" in answer:
        _say(f"{answer['entity']}: {len(answer['visits'])} stops from movement and visit events, in date order")
        for i, v in enumerate(answer["visits"], 1):
            dates = ", ".join(f"{e['date']} {e['type']}{'/' + e['mode'] if e['mode'] else ''}" for e in v["events"])
            _say(f"  {i}. {v['place']}: {dates}")
    for i, leg in enumerate(answer["legs"], 1):
        extra = f", {_time(leg['hours'])}" if "hours" in leg else ""
        flag = ("  BEYOND FERRY RANGE" if leg.get("exceeds_ferry_range")
                else "  BEYOND RANGE" if leg.get("exceeds_range") else "")
        when = f" ({leg['from_date']} → {leg['to_date']})" if "from_date" in leg else ""
        _say(f"{i}. {leg['from']} → {leg['to']}{when}: {leg['km']:.0f} km, {leg['bearing']:.0f}° ({leg['direction']})"
             f"{extra}{flag}")
    total = f"total {answer['total_km']:.0f} km"
    if "total_hours" in answer:
        total += f", {_time(answer['total_hours'])} at {answer['platform']['name']} cruise"
    _say(total)


@geo_app.command("platforms")
def platforms(as_json: bool = JSON) -> None:
    """The platform table: cruise speed, range, combat radius, and the source of each figure."""
    answer = geo.platforms()
    if as_json:
        emit_json(answer)
        return
    for p in answer["platforms"]:
        figures = ", ".join(f"{k} {p[k]['value']:g}" for k in ("cruise_kmh", "range_km", "combat_radius_km",
                                                                 "ferry_range_km") if k in p)
        _say(f"{p['id']}: {p['name']} ({p['role']}): {figures}")
