"""The FastAPI application: JSON under /api (OpenAPI at /api/openapi.json), errors as {"error": …}, and the
login form for browsers. Every route opens the workspace for its own request, so the server and a running
`dragoman run` share the database through SQLite's WAL: readers never wait for the writer."""

from __future__ import annotations

import html
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from fastapi import FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DragomanError, InputError, NotFound, SettingsError, WorkspaceError
from ..service import accounts
from ..settings import Settings
from ..store import Store, connect
from ..workspace import DB_FILE, Workspace
from .auth import SESSION_COOKIE, identify, require

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(root: Path, overrides: Iterable[str] = ()) -> FastAPI:
    """The server for the workspace at `root` (which must exist)."""
    if not (root / DB_FILE).exists():
        raise WorkspaceError(f"{root}: not a Dragoman workspace; run `dragoman init` first")
    connect(root / DB_FILE).close()                       # migrate once, before any read-only request
    settings = Settings.load(root, list(overrides))
    settings.set("workspace.root", str(root.resolve()), "workspace")
    app = FastAPI(title="Dragoman", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, description="The Dragoman workbench API: documents, search, entities, places, "
                  "timeline, outlets, briefs, cite, feeds, runs, audit and accounts.")
    app.state.root, app.state.settings = root, settings
    _errors(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    from .api import router
    from .geostrategy import router as geo_router
    app.include_router(router, prefix="/api")
    app.include_router(geo_router, prefix="/api")
    _login_routes(app)
    return app


@contextmanager
def opened(request: Request, *, role: str = "viewer", write: bool = False) -> Iterator[tuple[Workspace, object]]:
    """The workspace for this request (read-only unless it changes something) and who is asking."""
    from ..archive import Archive
    root: Path = request.app.state.root
    con = connect(root / DB_FILE, readonly=not write)
    ws = Workspace(root, request.app.state.settings, Store(con), Archive(root / "archive"))
    try:
        actor = identify(request, con)
        require(actor, role)
        yield ws, actor
    finally:
        con.close()


def _errors(app: FastAPI) -> None:
    def reply(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status, headers=SECURITY_HEADERS)

    @app.exception_handler(NotFound)
    async def not_found(request, exc):
        return reply(404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request, exc):
        return reply(400, str(exc))

    @app.exception_handler(WorkspaceError)
    async def workspace(request, exc):
        return reply(503, str(exc))

    @app.exception_handler(SettingsError)
    async def settings(request, exc):
        return reply(500, str(exc))

    @app.exception_handler(DragomanError)
    async def other(request, exc):
        return reply(400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http(request, exc):
        return reply(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation(request, exc):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        return reply(422, f"{where or 'request'}: {first.get('msg', 'invalid')}")


_LOGIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dragoman: log in</title></head>
<body><main><h1>Dragoman</h1>{message}<form method="post" action="/login">
<p><label>Name <input name="name" autocomplete="username" required></label></p>
<p><label>Token <input name="token" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Log in</button></p></form></main></body></html>"""


def _login_routes(app: FastAPI) -> None:
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(message: str = "") -> HTMLResponse:
        note = f"<p role='alert'>{html.escape(message)}</p>" if message else ""
        return HTMLResponse(_LOGIN_PAGE.format(message=note), headers=SECURITY_HEADERS)

    @app.post("/login", include_in_schema=False)
    def login(request: Request, name: str = Form(...), token: str = Form(...)):
        """A name and token in exchange for a session cookie (HttpOnly, SameSite=Strict) and a CSRF token."""
        root: Path = request.app.state.root
        con = connect(root / DB_FILE)
        try:
            actor = accounts.authenticate(con, token)
            if actor is None or actor.name != name:
                return RedirectResponse("/login?message=Wrong+name+or+token", status_code=303)
            session_id, csrf = accounts.open_session(con, actor.name)
        finally:
            con.close()
        response = JSONResponse({"name": actor.name, "role": actor.role, "csrf": csrf})
        response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", max_age=accounts.SESSION_HOURS * 3600)
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request):
        with opened(request, write=True) as (ws, _):
            cookie = request.cookies.get(SESSION_COOKIE)
            if cookie:
                accounts.close_session(ws.store.con, cookie)
        response = JSONResponse({"logged_out": True})
        response.delete_cookie(SESSION_COOKIE)
        return response
