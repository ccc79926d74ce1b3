"""Server-rendered pages: one Jinja environment with autoescaping on, and the few filters every page needs.

All text shown comes from untrusted web pages, so nothing is ever marked safe here; links are kept only when
they are http(s). The page's CSRF token travels in a <meta> tag that static/app.js reads for its requests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .security import SECURITY_HEADERS

NAV = (("triage", "/", "Triage"), ("entities", "/entities", "Entities"), ("map", "/map", "Map"),
       ("timeline", "/timeline", "Timeline"), ("briefs", "/briefs", "Briefs"), ("sources", "/sources", "Sources"))
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "ug"})


def web_url(value: Any) -> str:
    """The URL if it is http(s), else "": `javascript:`, `data:` and the like never become links."""
    text = str(value or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in ("http", "https") else ""


def text_direction(language: Any) -> str:
    return "rtl" if str(language or "").split("-")[0].lower() in RTL_LANGUAGES else "ltr"


_env = Environment(loader=PackageLoader("dragoman.web", "templates"), autoescape=select_autoescape(default=True),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_env.filters["web_url"] = web_url
_env.filters["direction"] = text_direction


def render(request: Request, template: str, *, title: str, section: str = "", actor=None, csrf: str = "",
           status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page `template` inside the shared layout (navigation, who is logged in, the CSRF meta tag)."""
    body = _env.get_template(template).render(request=request, title=title, section=section, actor=actor,
                                               csrf=csrf, nav=NAV, **context)
    return HTMLResponse(body, status_code=status_code, headers=SECURITY_HEADERS)
