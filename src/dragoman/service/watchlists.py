"""Watchlists (saved searches that alert) and their hits: add, list, show, remove, recent alerts, Atom feeds."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError, NotFound
from ..store.watchlists import Watchlist, WatchlistRepo
from . import audit
from .audit import Actor

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")     # also a file name and a URL path segment
MAX_KM = 20_000.0
MAX_ALERTS = 500
MAX_VALUE_CHARS = 1000


def add(ws, name: str, actor: Actor, *, query: str | None = None, entity: str | None = None,
        near: str | None = None, km: float | None = None, semantic: str | None = None,
        languages: list[str] | tuple[str, ...] = (), webhook: str | None = None,
        min_score: float | None = None) -> dict[str, Any]:
    """A new watchlist of exactly one kind; it catches documents processed from now on."""
    if not NAME.match(name or ""):
        raise InputError(f"watchlist {name!r}", "a name is 1-64 letters, digits, '.', '_' or '-', "
                                                "starting with a letter or digit")
    given = {k: v for k, v in (("query", query), ("entity", entity), ("near", near), ("semantic", semantic))
             if v is not None and str(v).strip()}
    if len(given) != 1:
        raise InputError(f"watchlist {name}", "give exactly one of --query, --entity, --near PLACE --km N "
                                              "or --semantic")
    kind, value = next(iter(given.items()))
    value = " ".join(str(value).split())
    if len(value) > MAX_VALUE_CHARS:
        raise InputError(f"watchlist {name}", f"what it watches is {len(value)} characters; keep it under "
                                              f"{MAX_VALUE_CHARS}")
    params: dict[str, Any] = {}
    langs = sorted({lang.strip().lower() for lang in languages if lang and lang.strip()})
    if langs:
        params["languages"] = langs
    if kind == "query":
        from ..store import fts
        if fts.match_expression(value) is None:
            raise InputError(f"watchlist {name}", f"the query {value!r} has no words to search for")
    elif kind == "entity":
        params |= _entity(ws, value)
    elif kind == "near":
        params |= _place(value, km)
    if km is not None and kind != "near":
        raise InputError(f"watchlist {name}", "--km goes with --near PLACE")
    if min_score is not None:
        if kind != "semantic" or not 0 < min_score < 1:
            raise InputError(f"watchlist {name}", "--min-score goes with --semantic and lies between 0 and 1")
        params["min_score"] = float(min_score)
    if webhook:
        webhook = _webhook(webhook.strip())
    w = Watchlist(name=name, kind=kind, value=value, params=params, webhook=webhook or None)
    repo = WatchlistRepo(ws.store.con)
    with ws.store.transaction() as con:
        repo.add(w, actor.name)
        audit.record(con, actor, "watchlist.add", name, None, w.as_dict())
    return w.as_dict()


def _entity(ws, name: str) -> dict[str, Any]:
    """The entity as known now (workspace first, then the term base); an unknown name is kept and looked up
    again at every match, so a watchlist can wait for a name not yet seen."""
    from ..store.entities import EntityStore
    try:
        found = EntityStore(ws.store.con).get(name)
        return {"entity_id": found["id"], "entity_name": found["name"]}
    except NotFound:
        pass
    from ..vocab.termbase import TermBase, fold
    terms = TermBase.for_workspace(ws.root)
    wanted = fold(name)[0]
    for concept, entries in terms.concepts().items():
        if any(fold(t.term)[0] == wanted or fold(t.english)[0] == wanted for t in entries):
            return {"entity_id": concept, "entity_name": entries[0].english}
    return {}


def _place(name: str, km: float | None) -> dict[str, Any]:
    from ..geostrategy.locate import locate
    if km is None or not 0 < km <= MAX_KM:
        raise InputError(f"--near {name}", f"needs --km between 0 and {MAX_KM:g}")
    spot = locate(name)
    return {"lat": round(spot.lat, 5), "lon": round(spot.lon, 5), "km": float(km), "place_name": spot.name,
            "place_country": spot.country}


def _webhook(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"webhook {url!r}", "must be an http(s) address such as https://hooks.example.org/x")
    return url


def listing(ws) -> list[dict[str, Any]]:
    repo = WatchlistRepo(ws.store.con)
    counts = repo.counts()
    return [w.as_dict() | counts.get(w.name, {}) for w in repo.all()]


def show(ws, name: str, *, limit: int = 20) -> dict[str, Any]:
    repo = WatchlistRepo(ws.store.con)
    w = repo.get(name)
    return w.as_dict() | repo.counts().get(name, {}) | {"recent": repo.hits(watchlist=name, limit=limit,
                                                                            include_duplicates=True)}


def remove(ws, name: str, actor: Actor) -> dict[str, Any]:
    repo = WatchlistRepo(ws.store.con)
    with ws.store.transaction() as con:
        w = repo.remove(name)
        audit.record(con, actor, "watchlist.remove", name, w.as_dict(), None)
    from ..alerts.atom import feed_path
    feed_path(ws.root, name).unlink(missing_ok=True)
    return w.as_dict()


def alerts(ws, *, watchlist: str | None = None, limit: int = 50, include_duplicates: bool = False) -> dict[str, Any]:
    """Recent hits across watchlists (or of one), newest first."""
    if not 1 <= limit <= MAX_ALERTS:
        raise InputError(f"limit {limit}", f"must be between 1 and {MAX_ALERTS}")
    repo = WatchlistRepo(ws.store.con)
    if watchlist:
        repo.get(watchlist)                       # NotFound names it
    items = repo.hits(watchlist=watchlist, limit=limit, include_duplicates=include_duplicates)
    return {"count": len(items), "items": items}


def atom(ws, name: str) -> bytes:
    """The watchlist's Atom feed, built from the database (the same feed the runner writes to a file)."""
    from ..alerts.atom import atom_feed
    from ..alerts.watcher import FEED_ENTRIES
    repo = WatchlistRepo(ws.store.con)
    w = repo.get(name)
    return atom_feed(w.as_dict(), repo.hits(watchlist=name, limit=FEED_ENTRIES))
