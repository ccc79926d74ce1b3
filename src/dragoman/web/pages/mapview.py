"""The map (issue 15): an offline base map (Natural Earth countries from the world-atlas npm package, drawn by
Leaflet, no tile server) with the places of the selected documents, the facility table and the events.

The page only carries the filter form and the addresses of its data; static/map.js fetches the GeoJSON from /api
(the same filters as the document list) and draws it on a canvas, so thousands of places stay interactive."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..templating import render
from .common import viewing

router = APIRouter()
FILTERS = ("lang", "entity", "q", "from", "to")


def chosen_filters(request: Request) -> dict[str, str]:
    """The document filters in the page's query string that are set (same names as /api/documents)."""
    return {name: request.query_params[name].strip() for name in FILTERS if request.query_params.get(name, "").strip()}


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, lang: str = Query(""), entity: str = Query(""), q: str = Query(""),
             from_: str = Query("", alias="from"), to: str = Query("")) -> HTMLResponse:
    filters = chosen_filters(request)
    events = {k: v for k, v in filters.items() if k in ("entity", "from", "to")}     # what /api/timeline takes
    with viewing(request) as (ws, actor, csrf):
        return render(request, "map.html", title="Map", section="map", actor=actor, csrf=csrf, filters=filters,
                      places_url="/api/places?" + urlencode(filters), events_url="/api/timeline?" + urlencode(events))
