"""Write a drafted `Brief` as Markdown, HTML, PDF or DOCX; the output file's suffix picks the format.

Markdown and HTML come from Jinja2 templates (`templates/brief.md.j2`, `templates/brief.html.j2`); an analyst's
own template (`--template`) runs in Jinja2's sandbox. A template sees:

    brief      the Brief (see model.py); every string in it is untrusted text from documents
    quote      {"source": SourceBlock, "excerpt": Excerpt} the pull quote comes from, or None
    image_src  the picture to show: a data: URI (HTML) or a path relative to the output (Markdown), or None
    css        the default screen stylesheet (HTML only)
filters: roman (3 -> "iii"), date ("28 September 2023"), dir ("rtl"/"ltr" for a language code),
link (the URL if it is http(s), else None), sha (a short capture hash).

Everything a template prints is escaped for its format (HTML entities, Markdown backslashes); only `link` and
`image_src` are passed through. PDF is WeasyPrint over the HTML plus `templates/print.css`; DOCX is built
directly (see word.py).
"""

from __future__ import annotations

import base64
import logging
import os
import re
import tempfile
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import InputError
from ..text.controls import inert
from .assets import WEB_IMAGES, local_image, safe_url
from .model import Brief, absolute_date, roman, text_dir

TEMPLATES = Path(__file__).parent / "templates"
SUFFIXES = (".md", ".html", ".pdf", ".docx")
TEMPLATED = (".md", ".html", ".pdf")          # a user template shapes these (PDF through its HTML)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^([#>+\-=])|^(\d+)([.)])")


def render(brief: Brief, path: Path, *, template: Path | None = None) -> Path:
    """Write `brief` to `path` in the format its suffix names; returns the path written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(str(path), f"cannot write a brief as {suffix or 'a file without a suffix'}; "
                                    f"use one of {', '.join(SUFFIXES)}")
    if template is not None and suffix not in TEMPLATED:
        raise InputError(str(template), f"a template shapes {', '.join(TEMPLATED)} output; {suffix} is built "
                                        "directly, so render .html with the template instead")
    check(brief)
    if suffix == ".md":
        data = render_markdown(brief, template=template, base=path.parent).encode("utf-8")
    elif suffix == ".html":
        data = render_html(brief, template=template).encode("utf-8")
    elif suffix == ".pdf":
        data = to_pdf(brief, template=template)
    else:
        from .word import to_docx
        data = to_docx(brief)
    _write_atomically(path, data)
    return path


def check(brief: Brief) -> None:
    """Refuse a brief whose footnotes or quote point at nothing: a rendered brief must not dangle."""
    problems = brief.problems()
    if problems:
        raise InputError(f"brief {brief.title!r}", "; ".join(problems))


def render_markdown(brief: Brief, *, template: Path | None = None, base: Path | None = None) -> str:
    """The brief as Markdown; `base` is the folder the file will be in (image paths are relative to it)."""
    image = local_image(brief)
    src = None
    if image is not None:
        src = _MdRaw(_md_url(_relative(image, base)))
    # Templates leave runs of blank lines where optional parts are absent; Markdown needs at most one.
    return re.sub(r"\n{3,}", "\n\n", _render("md", template, brief, image_src=src))


def render_html(brief: Brief, *, template: Path | None = None) -> str:
    """The brief as one self-contained HTML page (the picture inlined, styles embedded)."""
    image = local_image(brief)
    src = None
    if image is not None and image.suffix.lower() in WEB_IMAGES:
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        src = f"data:{WEB_IMAGES[image.suffix.lower()]};base64,{encoded}"
    css = Markup((TEMPLATES / "brief.css").read_text(encoding="utf-8"))
    return _render("html", template, brief, image_src=src, css=css)


def to_pdf(brief: Brief, *, template: Path | None = None) -> bytes:
    """A4 PDF from the HTML through WeasyPrint; it fetches nothing from the network."""
    html = render_html(brief, template=template)
    from weasyprint import CSS, HTML
    _quiet_known_css_gaps()
    fetcher = _offline_fetcher()
    stylesheet = CSS(filename=str(TEMPLATES / "print.css"), url_fetcher=fetcher)
    base_url = str((Path(template).parent if template else TEMPLATES).resolve()) + os.sep
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])


class _MdRaw(str):
    """Markdown the renderer built itself (a checked link or path): printed without escaping."""


def _md_escape(value: Any) -> Any:
    """Finalize hook for Markdown: document text cannot open links, HTML, code or new blocks."""
    if value is None:
        return ""
    if isinstance(value, _MdRaw) or not isinstance(value, str):
        return value
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(inert(value).split()))
    return _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text, count=1)


def _md_url(url: str) -> str:
    """Percent-encode only what would end a Markdown `<…>` link or break its line; Arabic stays readable."""
    return "".join(quote(c) if c in "<> " or ord(c) < 32 or ord(c) == 127 else c for c in url)


def _md_link(url: str | None) -> _MdRaw | None:
    checked = safe_url(url)
    return _MdRaw(_md_url(checked)) if checked else None


def _html_finalize(value: Any) -> Any:
    """No escape sequence, control or bidi override reaches the page, whatever the template prints."""
    if value is None:
        return ""
    return inert(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _sha(value: str | None) -> str:
    return f"{value[:12]}…" if value and len(value) > 12 else (value or "")


def _options(kind: str) -> dict[str, Any]:
    return {"autoescape": kind == "html", "undefined": jinja2.StrictUndefined, "trim_blocks": True,
            "lstrip_blocks": True, "keep_trailing_newline": True,
            "finalize": _md_escape if kind == "md" else _html_finalize}


def _add_filters(env: jinja2.Environment, kind: str) -> jinja2.Environment:
    env.filters.update(roman=roman, date=absolute_date, dir=text_dir, sha=_sha,
                       link=_md_link if kind == "md" else safe_url)
    return env


@lru_cache(maxsize=2)
def _package_env(kind: str) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(TEMPLATES))
    return _add_filters(jinja2.Environment(loader=loader, **_options(kind)), kind)


def _user_env(kind: str, template: Path) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(template.parent))
    return _add_filters(SandboxedEnvironment(loader=loader, **_options(kind)), kind)


def _render(kind: str, template: Path | None, brief: Brief, **extra: Any) -> str:
    """Render the package template for `kind` or the user's, turning template faults into InputError."""
    if template is None:
        env, name, label = _package_env(kind), f"brief.{kind}.j2", str(TEMPLATES / f"brief.{kind}.j2")
    else:
        template = Path(template)
        if not template.is_file():
            raise InputError(str(template), "no such template file")
        env, name, label = _user_env(kind, template), template.name, str(template)
    try:
        compiled = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{exc.filename or label}:{exc.lineno}", f"template syntax error: {exc.message}") from exc
    quote_ = None
    if brief.pull_quote is not None and (found := brief.excerpt(brief.pull_quote.excerpt_id)):
        quote_ = {"source": found[0], "excerpt": found[1]}
    try:
        return compiled.render(brief=brief, quote=quote_, **extra)
    except Exception as exc:  # any fault in an analyst's template: report where it is, not a traceback
        raise InputError(f"{label}:{_template_line(exc, compiled.filename)}",
                         f"template error: {type(exc).__name__}: {exc}") from exc


def _template_line(exc: BaseException, filename: str | None) -> str:
    """The template line a render error came from (Jinja rewrites tracebacks to template lines)."""
    line = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        if filename and frame.filename == filename:
            line = str(frame.lineno)
    return line


def _relative(target: Path, base: Path | None) -> str:
    if base is None:
        return target.as_posix()
    try:
        return Path(os.path.relpath(target, Path(base).resolve())).as_posix()
    except ValueError:   # another drive on Windows
        return target.as_posix()


class _KnownCssGaps(logging.Filter):
    """WeasyPrint ignores `unicode-bidi` (Pango runs the bidi algorithm itself); browsers need it. Hush that line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "unicode-bidi" not in record.getMessage()


def _quiet_known_css_gaps() -> None:
    log = logging.getLogger("weasyprint")
    if not any(isinstance(f, _KnownCssGaps) for f in log.filters):
        log.addFilter(_KnownCssGaps())


def _offline_fetcher() -> Any:
    """WeasyPrint may read data: and local files (the template's own assets) but never the network."""
    from weasyprint.urls import URLFetcher
    return URLFetcher(allowed_protocols=("data", "file"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file so an interrupted render never leaves half a brief behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)   # mkstemp makes 0600; a brief is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
