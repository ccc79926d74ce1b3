"""The FastAPI application: JSON under /api (OpenAPI at /api/openapi.json), errors as {"error": …}, and the
login form for browsers. Every route opens the workspace for its own request, so the server and a running
`dragoman run` share the database through SQLite's WAL: readers never wait for the writer."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

from fastapi import FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DragomanError, InputError, NotFound, SettingsError, WorkspaceError
from ..service import accounts
from ..settings import Settings
from ..store import Store, connect
from ..workspace import DB_FILE, Workspace
from .auth import SESSION_COOKIE, identify, require
from .security import SECURITY_HEADERS


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
    from .pages import router as pages_router
    app.include_router(router, prefix="/api")
    app.include_router(geo_router, prefix="/api")
    _login_routes(app)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    return app


@contextmanager
def opened(request: Request, *, role: str = "viewer", write: bool = False) -> Iterator[tuple[Workspace, object]]:
    """The workspace for this request (read-only unless it changes something) and who is asking."""
    from ..archive import Archive
    root: Path = request.app.state.root
    con = connect(root / DB_FILE, readonly=not write)
    settings = request.app.state.settings
    ws = Workspace(root, settings, Store(con), Archive(root / "archive", level=settings["archive.gzip_level"]))
    try:
        actor = identify(request, con)
        require(actor, role)
        yield ws, actor
    finally:
        con.close()


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api"):
        return True
    return request.url.path in ("/login", "/logout") and "text/html" not in request.headers.get("accept", "")


def _errors(app: FastAPI) -> None:
    """Errors as {"error": …} for the API; for pages, an HTML page, and a visitor not logged in goes to /login."""
    def reply(request: Request, status: int, message: str):
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=status, headers=SECURITY_HEADERS)
        if status == 401:
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(here, safe='')}", status_code=303)
        from .templating import render
        return render(request, "error.html", title=_TITLES.get(status, "Something went wrong"), message=message,
                      status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request, exc):
        return reply(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request, exc):
        return reply(request, 400, str(exc))

    @app.exception_handler(WorkspaceError)
    async def workspace(request, exc):
        return reply(request, 503, str(exc))

    @app.exception_handler(SettingsError)
    async def settings(request, exc):
        return reply(request, 500, str(exc))

    @app.exception_handler(DragomanError)
    async def other(request, exc):
        return reply(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http(request, exc):
        return reply(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation(request, exc):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        return reply(request, 422, f"{where or 'request'}: {first.get('msg', 'invalid')}")


_TITLES = {400: "Bad request", 403: "Not allowed", 404: "Not found", 422: "Bad request", 503: "Workspace unavailable"}


def _login_routes(app: FastAPI) -> None:
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, message: str = "", next: str = "/") -> HTMLResponse:
        from .templating import render
        return render(request, "login.html", title="Log in", message=message, next=_local_path(next))

    @app.post("/login", include_in_schema=False)
    def login(request: Request, name: str = Form(...), token: str = Form(...), next: str = Form("/")):
        """A name and token in exchange for a session cookie (HttpOnly, SameSite=Strict) and a CSRF token;
        a browser's form is sent on to the page it came from, an API client gets JSON."""
        root: Path = request.app.state.root
        back = _local_path(next)
        con = connect(root / DB_FILE)
        try:
            actor = accounts.authenticate(con, token)
            if actor is None or actor.name != name:
                return RedirectResponse(f"/login?message=Wrong+name+or+token&next={quote(back, safe='')}",
                                        status_code=303)
            session_id, csrf = accounts.open_session(con, actor.name)
        finally:
            con.close()
        if "text/html" in request.headers.get("accept", ""):
            response = RedirectResponse(back, status_code=303)
        else:
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


def _local_path(target: str) -> str:
    """Only a path on this server: never another host (`//evil`, `https:`), so login cannot redirect away."""
    target = (target or "/").strip()
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"
