"""Who is asking: a Bearer token (API), a session cookie with a CSRF token (browser), or the local analyst.

Local mode (no accounts) serves loopback clients only and, because any web page can make a browser POST to
127.0.0.1, still asks every change for a header that cross-site forms cannot send, and checks the Host header
against DNS rebinding.
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import HTTPException, Request

from ..service import accounts
from ..service.audit import LOCAL_ACTOR, Actor

SESSION_COOKIE = "dragoman_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "testserver"})


class Denied(HTTPException):
    pass


def identify(request: Request, con) -> Actor:
    """The actor for this request, or 401/403 with a reason."""
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        actor = accounts.authenticate(con, token.strip()) if scheme.lower() == "bearer" else None
        if actor is None:
            raise Denied(401, "the token is not valid (or its account is disabled)")
        return actor                           # a Bearer header is never sent by a browser on its own: no CSRF
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = accounts.session(con, cookie)
        if found is None:
            raise Denied(401, "the session has expired; log in again")
        actor, csrf = found
        if request.method not in SAFE_METHODS and not _csrf_ok(request, csrf):
            raise Denied(403, "missing or wrong CSRF token")
        return actor
    if accounts.has_accounts(con):
        raise Denied(401, "log in, or send `Authorization: Bearer <token>` (see `dragoman users`)")
    if not _loopback(request):
        raise Denied(403, "local mode serves this machine only; set up accounts with `dragoman users add`")
    if request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER) is None:
        raise Denied(403, f"changes need the {CSRF_HEADER} header (any value in local mode)")
    return LOCAL_ACTOR


def require(actor: Actor, role: str) -> None:
    if not actor.can(role):
        raise Denied(403, f"{actor.name} has the {actor.role} role; this needs {role}")


def _csrf_ok(request: Request, expected: str) -> bool:
    given = request.headers.get(CSRF_HEADER) or request.state.__dict__.get("form_csrf") or ""
    return hmac.compare_digest(given, expected)


def _loopback(request: Request) -> bool:
    host = (request.headers.get("host") or "").rsplit(":", 1)[0] if not (request.headers.get("host") or "").startswith("[") \
        else (request.headers.get("host") or "").split("]")[0] + "]"
    if host.lower() not in LOCAL_HOSTS:
        return False
    client = request.client.host if request.client else ""
    if client == "testclient":
        return True
    try:
        return ipaddress.ip_address(client).is_loopback
    except ValueError:
        return False


def csrf_token(request: Request, con) -> str:
    """The token a page embeds for its own requests: the session's, or any value in local mode."""
    cookie = request.cookies.get(SESSION_COOKIE)
    found = accounts.session(con, cookie) if cookie else None
    if found is not None:
        return found[1]
    return "" if accounts.has_accounts(con) else "local"
