"""XSS: hostile payloads inside articles, titles, Telegram posts, entity names, outlet names, feed titles and notes
are ingested and run through the pipeline; then every workbench page reachable from the navigation is opened in
Chromium, with a hook that records any script a payload manages to run, any script dialog and any
Content-Security-Policy violation. The count must be 0.

The payloads were written for this test. Each one, if it ever ran, calls `__xssHit` (a Playwright binding),
bumps `window.__xss` or opens a dialog; a control check proves the hook sees a payload that does run."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import Served
from browsing import screenshot

RLO = "\u202e"                       # right-to-left override: makes "gpj.exe" read "exe.jpg"
PAYLOADS = [
    "<script>__xssHit('script')</script>",
    "<img src=x onerror=\"__xssHit('img')\">",
    "<svg onload=\"__xssHit('svg')\"><circle r=1></circle></svg>",
    "<svg/onload=window.__xss=(window.__xss||0)+1>",
    "\"><script>window.__xss=(window.__xss||0)+1</script>",
    "' onmouseover='__xssHit(\"attr\")' x='",
    "\" autofocus onfocus=\"__xssHit('focus')\" x=\"",
    "<a href=\"javascript:__xssHit('link')\">read more</a>",
    "javascript:__xssHit('bare-url')",
    "<iframe srcdoc=\"<script>parent.__xssHit('iframe')</script>\"></iframe>",
    "<details open ontoggle=\"__xssHit('details')\">x</details>",
    "<body onload=alert('body')>",
    "<math><mi xlink:href=\"javascript:alert('math')\">m</mi></math>",
    "<style>@import 'http://127.0.0.1:9/x.css';</style><div style=\"background:url(javascript:alert('css'))\">",
    "{{ 7*7 }}{% raw %}<script>alert('template')</script>{% endraw %}",
    f"{RLO}<img src=x onerror=\"__xssHit('rlo')\">gpj.exe",
    "</textarea><script>__xssHit('textarea')</script>",
    "</title><script>__xssHit('title')</script>",
]
ALL = " ".join(PAYLOADS)
HOOK = """
window.__xss = 0; window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
SKIP_PREFIXES = ("/static/", "/api/", "/logout")
MAX_PAGES = 80


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _canonical(n: int) -> str:
    """Half the pages claim a javascript: address, half an http one on the hostile outlet's domain."""
    return f"javascript:__xssHit('canonical{n}')" if n % 2 else f"https://hostile.example/news/{n}?q=%3Cscript%3E"


def _article(n: int, payload: str) -> str:
    """A news page whose title, site name, canonical URL, markup and visible text all carry payloads."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_escape(payload)} Haftar meets Yevkurov in Benghazi {n}</title>
<link rel="canonical" href="{_canonical(n)}">
<meta property="og:site_name" content="{_escape(payload)}">
<meta property="og:title" content="{_escape(payload)} Haftar meets Yevkurov in Benghazi {n}">
<meta property="article:published_time" content="2023-08-2{n % 9}T10:00:00+00:00">
</head><body><article>
<h1>{_escape(payload)} Haftar meets Yevkurov in Benghazi {n}</h1>
<p>Khalifa Haftar met the Russian deputy defence minister Yunus-Bek Yevkurov in Benghazi on Tuesday, the
ministry said. {_escape(payload)} The two sides discussed military cooperation and the situation in Libya.</p>
<p>{payload} The delegation later travelled to Al-Jufra, officials said, according to the outlet
{_escape(ALL)}.</p>
<p>Observers said the visit was the first of its kind since the death of Yevgeny Prigozhin.</p>
</article></body></html>"""


def _telegram(folder: Path) -> None:
    messages = []
    for n, payload in enumerate(PAYLOADS):
        messages.append({"id": 100 + n, "type": "message", "date": f"2023-09-1{n % 9}T12:00:00",
                         "from": payload, "from_id": "channel777",
                         "text": [payload + " Делегация Минобороны России во главе с Юнус-Беком Евкуровым прибыла в Бенгази. ",
                                  {"type": "text_link", "text": payload, "href": f"javascript:__xssHit('tg{n}')"},
                                  " Стороны обсудили сотрудничество."]})
    export = {"name": ALL[:200], "type": "public_channel", "id": 777, "messages": messages}
    folder.mkdir(parents=True)
    (folder / "result.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    """A workspace filled with the payload corpus, run through the pipeline, with hostile entity, outlet, feed,
    tag and note text added the way analysts and the entity store add them."""
    from dragoman.ingest.sources import ingest_sources
    from dragoman.model import Mention, Span
    from dragoman.outlets import Registry
    from dragoman.outlets.model import Outlet
    from dragoman.runner import run_pending
    from dragoman.service import accounts, marks
    from dragoman.service.audit import Actor
    from dragoman.store.entities import EntityStore
    from dragoman.store.feeds import Feed
    from dragoman.store.repo import now_iso
    from dragoman.workspace import Workspace

    base = tmp_path_factory.mktemp("xss")
    pages = base / "corpus" / "pages"
    pages.mkdir(parents=True)
    for n, payload in enumerate(PAYLOADS):
        (pages / f"xss-{n:02d}.html").write_text(_article(n, payload), encoding="utf-8")
    _telegram(base / "corpus" / "telegram")
    root = base / "ws"
    ws = Workspace.open(root, create=True, overrides=["pipeline.workers=1"])
    Registry.load(root).add(Outlet(id="hostile-outlet", name=PAYLOADS[1] + " Agency", type="news site",
                                   descriptor=PAYLOADS[2], reliability="E", rationale=ALL,
                                   domains=("hostile.example",)))
    report = ingest_sources(ws, [pages, base / "corpus" / "telegram"])
    assert not report.failed
    run_pending(ws)
    admin = Actor("xss-admin", "admin")
    ids = [r[0] for r in ws.store.con.execute("SELECT id FROM documents ORDER BY id")]
    assert len(ids) >= len(PAYLOADS) * 2
    with ws.store.transaction() as con:
        # Entity names and spellings as the entity store records them (a known entity and a new name).
        store = EntityStore(con)
        for n, doc_id in enumerate(ids[:6]):
            doc = ws.store.get_document(doc_id)
            payload = PAYLOADS[n % len(PAYLOADS)]
            at = doc.text.find("Haftar")
            span = Span(max(at, 0), max(at, 0) + 6)
            hostile = Mention(span=span, text=payload, value=PAYLOADS[(n + 1) % len(PAYLOADS)], label="PER",
                              entity_id="hostile-entity", kind="person", rule=PAYLOADS[2], score=0.9,
                              evidence=ALL[:500], stage="entities", version="xss")
            doc.mentions = [*doc.mentions, hostile]
            ws.store.save_processed(doc, status="done", pipeline="xss")
            store.record(doc_id, [{"start": span.start, "end": span.end, "text": payload, "label": "PER",
                                   "entity_id": "hostile-entity", "value": PAYLOADS[0] + " Haftar",
                                   "rule": "alias", "score": 1.0, "evidence": ALL[:300]},
                                  {"start": span.end + 1, "end": span.end + 4, "text": PAYLOADS[5] + "Yevkurov",
                                   "label": "PER"}])
        ws.store.feeds.add(Feed(url="https://hostile.example/rss?<script>", title=PAYLOADS[0], outlet=PAYLOADS[1],
                                html_url="javascript:__xssHit('feed')"), now_iso())
        con.execute("UPDATE feeds SET consecutive_failures = 9, last_error = ?", (ALL[:900],))
        accounts_made = {name: accounts.add(con, name, role, admin)["token"]
                         for name, role in (("analyst1", "analyst"), ("viewer1", "viewer"))}
    analyst = Actor("analyst1", "analyst")
    for doc_id in ids[:3]:
        marks.set_tags(ws, doc_id, ["hostile", "script onload"], analyst)
        marks.add_note(ws, doc_id, ALL, analyst)
    ws.store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root / "tokens.json").write_text(json.dumps(accounts_made), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_server(hostile_root):
    with Served(hostile_root) as served:
        yield served


def _hooked(page, hits: list[str]) -> None:
    page.context.expose_binding("__xssHit", lambda source, what: hits.append(str(what)))
    page.context.add_init_script(HOOK)


def _executions(page, hits: list[str]) -> list[str]:
    found = list(hits)
    found += [f"window.__xss={n}" for n in [page.evaluate("window.__xss || 0")] if n]
    found += [f"CSP: {v}" for v in page.evaluate("window.__csp || []")]
    found += [f"dialog: {d}" for d in page.dialogs]
    return found


def test_the_hook_sees_a_payload_that_runs(page):
    """Control: with no CSP and no escaping, the same payloads do run, and the hook counts them."""
    hits: list[str] = []
    _hooked(page, hits)
    page.goto("about:blank")
    page.set_content(PAYLOADS[1] + PAYLOADS[3])
    page.wait_for_timeout(300)
    assert "img" in hits and page.evaluate("window.__xss") >= 1


def test_no_payload_runs_on_any_page(page, hostile_server, hostile_root):
    tokens = json.loads((hostile_root / "tokens.json").read_text(encoding="utf-8"))
    hits: list[str] = []
    _hooked(page, hits)
    page.goto(f"{hostile_server.url}/login")
    page.fill("input[name=name]", "analyst1")
    page.fill("input[name=token]", tokens["analyst1"])
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")

    origin = urlsplit(hostile_server.url).netloc
    seen: set[str] = set()
    queue = deque(["/", "/?q=script", "/?q=Haftar&grouped=0", "/entities", "/entities/hostile-entity", "/sources",
                   "/map", "/timeline", "/briefs"])
    visited, shown, problems = [], [], {}
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        reply = page.goto(urljoin(hostile_server.url, path))
        if reply is None or reply.status == 404:
            continue                        # a page not built (yet): nothing to attack there
        page.wait_for_load_state("networkidle")
        visited.append(path)
        # hover every mark and press every harmless button that only reads (cite), so handlers get a chance
        for mark in page.locator(".hl").all()[:20]:
            mark.hover()
        for button in page.locator('[data-action="cite"]').all()[:3]:
            button.click()
        page.wait_for_timeout(100)
        text = page.inner_text("body")
        if any(p in text for p in PAYLOADS):
            shown.append(path)                   # the payload reached the page, as text
        found = _executions(page, hits)
        if found:
            problems[path] = found
            hits.clear()
            page.evaluate("window.__xss = 0")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urlsplit(urljoin(hostile_server.url + path, href))
            assert target.scheme in ("http", "https"), f"{path}: a link to {href!r}"
            local = target.path + (f"?{target.query}" if target.query else "")
            if target.netloc == origin and not local.startswith(SKIP_PREFIXES) and local not in seen:
                queue.append(local)
    screenshot(page, "xss-last-page")
    assert {"/", "/entities", "/sources"} <= set(visited)
    assert any(p.startswith("/documents/") for p in visited)
    assert any(p.startswith("/entities/") for p in visited)
    assert problems == {}, problems
    # the test means something only if the payloads were on the pages: as text, on every kind of page
    for kind in ("/", "/documents/", "/entities/", "/sources"):
        assert any(p == kind or (kind != "/" and p.startswith(kind)) for p in shown), (kind, shown)
    print(f"XSS corpus: {len(PAYLOADS)} payloads, {len(visited)} pages opened ({len(shown)} showing payload "
          f"text), 0 script executions")
