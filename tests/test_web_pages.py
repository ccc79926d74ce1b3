"""The workbench's server-rendered pages (triage, reader, entities, sources) on a copy of the demo workspace:
each renders for a viewer, edit controls only for analysts, the login redirect, filters, escaping, and the
triage marks (read, tags, notes) with their CSRF and audit."""

from __future__ import annotations

import re
import shutil

import pytest
from fastapi.testclient import TestClient

from dragoman.store import connect
from dragoman.web import create_app
from demo_copies import add_accounts, demo_copy

ARABIC_HAFTAR_MOSCOW = "d270c057f060901c65e5c"       # al-Araby al-Jadeed, "حفتر في موسكو"
PAGES = ["/", "/?q=حفتر", f"/documents/{ARABIC_HAFTAR_MOSCOW}", "/entities", "/entities?q=Хафтар",
         "/entities/khalifa-haftar", "/sources"]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return demo_copy(tmp_path_factory, "pages")


@pytest.fixture(scope="module")
def tokens(root):
    made = add_accounts(root, {f"{role}1": role for role in ("viewer", "analyst")})
    return {role: made[f"{role}1"] for role in ("viewer", "analyst")}


@pytest.fixture(scope="module")
def viewer(root, tokens):
    return TestClient(create_app(root), headers={"Authorization": f"Bearer {tokens['viewer']}"})


@pytest.fixture(scope="module")
def analyst(root, tokens):
    return TestClient(create_app(root), headers={"Authorization": f"Bearer {tokens['analyst']}"})


def rows(html: str) -> list[str]:
    """The document ids listed on a triage page, in order (originals and the copies under them)."""
    return re.findall(r'<tr class="doc[^"]*" data-doc="([^"]+)"', html)


def spellings(html: str) -> list[str]:
    return re.findall(r'class="spelling">([^<]+?)[ <]', html)


def test_every_page_renders_for_a_viewer_with_the_security_headers(viewer):
    for path in PAGES:
        reply = viewer.get(path)
        assert reply.status_code == 200, (path, reply.text[:500])
        assert reply.headers["content-type"].startswith("text/html")
        policy = reply.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "<script>" not in reply.text and " style=" not in reply.text and "<style" not in reply.text
        assert re.search(r"\son[a-z]+=", reply.text) is None, path        # no inline event handlers


def test_pages_send_a_visitor_without_a_session_to_the_login_form(root, tokens):
    anonymous = TestClient(create_app(root))
    for path in ("/", f"/documents/{ARABIC_HAFTAR_MOSCOW}", "/entities/khalifa-haftar", "/sources"):
        reply = anonymous.get(path, follow_redirects=False, headers={"Accept": "text/html"})
        assert reply.status_code == 303 and reply.headers["location"].startswith("/login?next=")


def test_edit_controls_are_for_analysts_only(viewer, analyst):
    reader = f"/documents/{ARABIC_HAFTAR_MOSCOW}"
    for path, control in ((reader, 'data-action="edit"'), (reader, 'data-action="save-tags"'),
                          (reader, 'id="note-input"'), ("/entities/khalifa-haftar", 'data-action="merge"'),
                          ("/entities/khalifa-haftar", 'data-action="split"'), ("/sources", 'data-action="save-outlet"')):
        assert control not in viewer.get(path).text, (path, control)
        assert control in analyst.get(path).text, (path, control)


def test_triage_lists_newest_first_with_copies_under_their_original(viewer):
    html = viewer.get("/").text
    listed = rows(html)
    assert len(listed) == len(set(listed)) >= 30
    # TASS republished the TASS Putin–Haftar item (same URL): the copy sits right under the original.
    original, copy = "d68a204b6d14a67033fb4", "dcdd46ef5bb5fa6b1086f"
    assert listed.index(copy) == listed.index(original) + 1
    assert re.search(rf'class="doc unread copy" data-doc="{copy}"', html)
    ungrouped = viewer.get("/?grouped=0").text
    assert f'copy" data-doc="{copy}"' not in ungrouped and copy in rows(ungrouped)
    assert "matching, copies grouped under their original" in html


def test_triage_filters_narrow_the_list(viewer):
    everything = set(rows(viewer.get("/?grouped=0").text))
    arabic = rows(viewer.get("/?lang=ar&grouped=0").text)
    assert arabic and set(arabic) < everything
    assert ARABIC_HAFTAR_MOSCOW in rows(viewer.get("/?q=حفتر").text)
    assert ARABIC_HAFTAR_MOSCOW in rows(viewer.get("/?q=Haftar Moscow").text)    # English translation is searched
    graded_b = viewer.get("/?grade=B&grouped=0").text
    assert rows(graded_b) and "grade-C" not in graded_b.split("<tbody>")[1]
    september = rows(viewer.get("/?from=2023-09-01&to=2023-09-30&grouped=0").text)
    assert september and set(september) < everything
    assert set(rows(viewer.get("/?entity=Yevkurov&grouped=0").text)) < everything
    assert set(rows(viewer.get("/?place=Derna&grouped=0").text)) < everything
    outlet = rows(viewer.get("/?outlet=TASS&grouped=0").text)
    assert outlet and set(outlet) < everything
    assert set(rows(viewer.get("/?status=done&grouped=0").text)) == everything
    assert rows(viewer.get("/?status=failed").text) == []


def test_triage_filters_by_story(viewer):
    html = viewer.get("/").text
    stories = re.findall(r'<option value="(s[0-9a-f]+)"', html)
    assert stories, "the demo workspace has stories to pick"
    listed = rows(viewer.get(f"/?story={stories[0]}&grouped=0").text)
    assert listed and len(listed) < len(rows(html))
    assert "not found" in viewer.get("/?story=s000000000000").text


def test_a_bad_filter_is_named_on_the_page(viewer):
    reply = viewer.get("/?entity=Nobody Atall")
    assert reply.status_code == 200 and "entity &#39;Nobody Atall&#39;: not found" in reply.text
    assert "give a day as YYYY-MM-DD" in viewer.get("/?from=yesterday").text
    assert "use one of" in viewer.get("/?grade=Z").text


def test_reader_puts_the_arabic_original_beside_its_english(viewer):
    html = viewer.get(f"/documents/{ARABIC_HAFTAR_MOSCOW}").text
    assert '<h1 lang="ar" dir="rtl">حفتر في موسكو' in html
    assert html.count('class="original" lang="ar" dir="rtl"') == 16
    assert "Retired Major General Khalifa Haftar" in html
    # a name marked with its canonical form, rule and score; linked to its entity page
    mark = re.search(r'<a class="hl hl-name-per" href="/entities/khalifa-haftar" title="([^"]+)">خليفة حَفْتَر</a>',
                     html)
    assert mark and "Khalifa Haftar" in mark.group(1) and "rule key 0.97" in mark.group(1)
    assert re.search(r'class="hl[^"]* hl-place" (href="[^"]+" )?title="[^"]*place: موسكو → Moscow \(capital, RU\)',
                     html)
    assert 'class="hl hl-date" title="date: اليوم الخميس → 2023-09-28 (day)' in html
    assert "hl-event" in html and "hl-claim" in html
    assert "analyst translation from ar-alaraby-haftar-moscow.html" in html      # provenance
    assert re.search(r"sha256 [0-9a-f]{64}", html)                                # the archived bytes' hash
    assert 'data-excerpt="X-d270c057f060-0-181-' in html                          # cite and add-to-brief ids


def test_reader_shows_a_gloss_as_a_gloss_and_points_a_copy_to_its_original(viewer):
    html = viewer.get("/documents/dcdd46ef5bb5fa6b1086f").text
    assert "This repeats" in html and "/documents/d68a204b6d14a67033fb4" in html
    original = viewer.get("/documents/d68a204b6d14a67033fb4").text
    assert "Repeated by:" in original and "/documents/dcdd46ef5bb5fa6b1086f" in original


def test_reader_of_an_english_original_has_one_column(viewer):
    html = viewer.get("/documents/de9a76eb0bb3772483771").text
    assert 'class="sentences single"' in html and 'class="english" lang="en"' not in html


def test_marks_read_tags_notes_and_their_audit(root, viewer, analyst, tokens):
    doc = f"/api/documents/{ARABIC_HAFTAR_MOSCOW}"
    assert viewer.post(f"{doc}/read", json={"read": True}).json() == {"document": ARABIC_HAFTAR_MOSCOW, "read": True}
    assert ARABIC_HAFTAR_MOSCOW not in rows(viewer.get("/?unread=1").text)
    assert ARABIC_HAFTAR_MOSCOW in rows(analyst.get("/?unread=1").text)           # read state is each reader's own
    viewer.post(f"{doc}/read", json={"read": False})
    assert ARABIC_HAFTAR_MOSCOW in rows(viewer.get("/?unread=1").text)

    assert viewer.put(f"{doc}/tags", json={"tags": ["x"]}).status_code == 403     # viewers do not tag
    tagged = analyst.put(f"{doc}/tags", json={"tags": ["Moscow visit", " defence pact ", "moscow VISIT", "زيارة"]})
    assert tagged.status_code == 200 and tagged.json()["tags"] == ["defence pact", "Moscow visit", "زيارة"]
    assert analyst.put(f"{doc}/tags", json={"tags": ["<b>"]}).status_code == 400
    assert rows(viewer.get("/?tag=زيارة").text) == [ARABIC_HAFTAR_MOSCOW]

    note = analyst.post(f"{doc}/notes", json={"text": "Check the <script>alert(1)</script> date"}).json()
    page = viewer.get(f"/documents/{ARABIC_HAFTAR_MOSCOW}").text
    assert "Check the &lt;script&gt;alert(1)&lt;/script&gt; date" in page and "<script>alert" not in page
    assert "1 note" in viewer.get("/?tag=زيارة").text
    removed = analyst.delete(f"{doc}/notes/{note['note']}").json()
    assert removed["notes"] == []

    con = connect(root / "dragoman.db", readonly=True)
    try:
        actions = [r[0] for r in con.execute("SELECT action FROM audit WHERE target = ? ORDER BY id",
                                             (ARABIC_HAFTAR_MOSCOW,))]
    finally:
        con.close()
    assert actions == ["document.tags", "document.note", "document.note.delete"]


def test_a_browser_session_needs_the_csrf_token_to_mark(root, tokens):
    client = TestClient(create_app(root))
    login = client.post("/login", data={"name": "viewer1", "token": tokens["viewer"]})
    csrf = login.json()["csrf"]
    url = f"/api/documents/{ARABIC_HAFTAR_MOSCOW}/read"
    assert client.post(url, json={"read": True}).status_code == 403
    assert client.post(url, json={"read": True}, headers={"x-csrf-token": "wrong"}).status_code == 403
    assert client.post(url, json={"read": True}, headers={"x-csrf-token": csrf}).status_code == 200
    page = client.get("/", headers={"Accept": "text/html"}).text
    assert f'<meta name="csrf-token" content="{csrf}">' in page


def test_search_text_is_escaped_where_it_is_echoed(viewer):
    html = viewer.get("/", params={"q": '"><script>alert(1)</script>', "place": "<svg onload=alert(1)>"}).text
    assert "<script>alert(1)" not in html and "<svg onload" not in html
    assert "&lt;svg onload=alert(1)&gt;" in html


def test_entity_page_merges_and_undoes_through_the_api(analyst, viewer):
    assert "Afrika" not in spellings(analyst.get("/entities/Africa").text)
    done = analyst.post("/api/entities/merge", json={"keep": "Africa", "other": "Afrika"}).json()
    merged = viewer.get(f"/entities/{done['kept']}").text
    assert {"Africa", "Afrika"} <= set(spellings(merged))                            # its spelling moved over
    assert re.search(r"Afrika</span> merged into <span dir=\"auto\">Africa", merged)
    assert "<td>analyst1</td>" in merged                                              # who, from the audit log
    assert f'data-action="undo" data-merge="{done["merge"]}"' in analyst.get(f"/entities/{done['kept']}").text
    asked = viewer.get(f"/entities/{done['merged']}").text
    assert "which is merged into this entity" in asked
    analyst.post("/api/entities/undo", json={"merge": done["merge"]})
    after = analyst.get(f"/entities/{done['kept']}").text
    assert "Afrika" not in spellings(after) and "undone" in after


def test_entity_page_shows_spellings_by_script_events_and_timeline(viewer):
    html = viewer.get("/entities/khalifa-haftar").text
    for script in ("arabic", "cyrillic", "latin"):
        assert f"<h3>{script}</h3>" in html
    assert "alias 1.00: written as a known name of Khalifa Haftar" in html
    assert "key 0.97" in html
    assert 'class="entity-timeline"' in html and "credibility" in html
    assert re.search(r"<td>CONSULT( \(visit\))?</td>", html)
    listing = viewer.get("/entities?kind=person").text
    assert "Khalifa Haftar" in listing and ">Libya<" not in listing


def test_sources_page_lists_grades_and_flags_failing_feeds(root, viewer, analyst):
    con = connect(root / "dragoman.db")
    try:
        url = con.execute("SELECT url FROM feeds ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("UPDATE feeds SET consecutive_failures = 9, last_error = 'HTTP 503' WHERE url = ?", (url,))
        con.commit()
    finally:
        con.close()
    html = viewer.get("/sources").text
    assert "1 failing" in html and "⚠ failing" in html and "HTTP 503" in html
    assert 'id="outlet-tass"' in html and "reliability cannot be judged" in html
    edited = analyst.patch("/api/outlets/tass", json={"rationale": "Russian state agency <img src=x onerror=alert(1)>"})
    assert edited.status_code == 200
    page = viewer.get("/sources").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page


def test_a_large_workspace_groups_copies_once_the_background_work_is_done(root, tokens, tmp_path, monkeypatch):
    """Past EAGER_MAX documents, near-duplicates are worked out in a background thread: the first page lists
    copies on their own and says so, a later one groups them."""
    import time

    from dragoman.service import triage
    copy = tmp_path / "ws"
    shutil.copytree(root, copy)
    monkeypatch.setattr(triage, "EAGER_MAX", 0)
    client = TestClient(create_app(copy), headers={"Authorization": f"Bearer {tokens['viewer']}"})
    first = client.get("/").text
    assert "copies are being grouped across the workspace" in first
    assert 'class="doc unread copy"' not in first
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        later = client.get("/").text
        if 'class="doc unread copy"' in later:
            break
        time.sleep(0.2)
    assert 'class="doc unread copy"' in later and "being grouped" not in later
    assert "load stories" in later                  # stories too wait until asked for
    asked = client.get("/?stories=1").text
    assert "being worked out: reload" in asked or '<option value="s' in asked
