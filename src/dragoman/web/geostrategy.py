"""The /api/geo routes: distances, flight times, claimed offsets, reach and corridors. Thin callers of
dragoman.service.geostrategy (the CLI calls the same functions); /geo/workspace and corridors from events read
the workspace, the others open it only to know who is asking."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Query, Request

from ..service import geostrategy as geo
from .app import opened

router = APIRouter(prefix="/geo", tags=["geo"])


@router.get("/distance", summary="Geodesic distance and bearing between two places; flight time with a platform")
def distance(request: Request, from_: str = Query(..., alias="from", description="Place, facility or 'lat,lon'."),
             to: str = Query(..., description="Place, facility or 'lat,lon'."),
             platform: Optional[str] = Query(None, description="Aircraft for the flight time (Il-76, Su-24 …).")
             ) -> dict[str, Any]:
    with opened(request):
        return geo.distance(from_, to, platform)


@router.get("/nearest", summary="The nearest town of a continent or country to a place, with flight time")
def nearest(request: Request, place: str, area: str, platform: Optional[str] = None) -> dict[str, Any]:
    with opened(request):
        return geo.nearest(place, area, platform)


@router.get("/check", summary="Whether 'SITE lies KM DIR of ANCHOR' fits the site's known position")
def check(request: Request, site: str, km: float = Query(..., gt=0), dir: str = Query(..., alias="dir"),
          of: str = Query(..., description="The anchor place.")) -> dict[str, Any]:
    with opened(request):
        return geo.check_offset(site, km, dir, of)


@router.get("/claims", summary="Distance, direction and flight-time claims in a text, each checked")
def claims(request: Request, text: str = Query(..., max_length=20000), lang: Optional[str] = None,
           place: Optional[str] = None, platform: str = "il-76") -> dict[str, Any]:
    with opened(request):
        return geo.claims(text, lang, place, platform)


@router.get("/workspace", summary="The geographic claims checked in the workspace, and conflicting reports of a site")
def workspace(request: Request, verdict: Optional[str] = None, kind: Optional[str] = None,
              limit: int = Query(500, ge=1, le=5000)) -> dict[str, Any]:
    with opened(request) as (ws, _):
        return geo.workspace_claims(ws, verdict=verdict, kind=kind, limit=limit)


@router.get("/reach", summary="Range rings (GeoJSON) from a base and the countries inside them")
def reach(request: Request, base: str, platform: str) -> dict[str, Any]:
    with opened(request):
        return geo.reach(base, platform)


@router.get("/corridor", summary="Legs of an ordered route with distance, bearing, flight time and range flags")
def corridor(request: Request, via: list[str] = Query(None, description="Places in order; repeat the parameter "
                                                    "or separate with '|'."),
             platform: Optional[str] = None,
             entity: Optional[str] = Query(None, description="Instead of via: the stops are this entity's "
                                           "movement and visit events in the workspace, in date order.")
             ) -> dict[str, Any]:
    with opened(request) as (ws, _):
        if entity:
            return geo.corridor_from_events(ws, entity, platform)
        return geo.corridor([p for v in via or [] for p in v.split("|")], platform)


@router.get("/platforms", summary="The platform table with the source of each figure")
def platforms(request: Request) -> dict[str, Any]:
    with opened(request):
        return geo.platforms()
