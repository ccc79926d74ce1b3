"""The reading side of the workbench in Chromium: log in, search "حفتر" and open an Arabic document (the RTL
original beside its English), cite a sentence, correct its English, add it to a brief, tag and note it; merge two
entities and undo; the sources page. Screenshots of each page go to tests/web/artifacts/."""

from __future__ import annotations

import json
import re
import urllib.request

from browsing import log_in, screenshot

ARABIC_HAFTAR_MOSCOW = "d270c057f060901c65e5c"
SLOW = 90_000            # ms: merges re-route every link of an entity; generous under a loaded machine


def _api(server, accounts_for, method: str, path: str, body=None):
    request = urllib.request.Request(f"{server.url}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {accounts_for['analyst1']}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as reply:
        return json.loads(reply.read())


def _real_errors(tab) -> list[str]:
    return [e for e in tab.console_errors if "favicon" not in e and "404 (Not Found)" not in e]


def test_log_in_search_arabic_and_read_it_beside_its_english(page, server, accounts_for):
    log_in(page, server, accounts_for, "analyst1", "/")
    assert page.locator(".topbar .who").inner_text().startswith("analyst1")
    page.fill("input[name=q]", "حفتر")
    with page.expect_navigation():
        page.click(".filters button[type=submit]")
    assert "q=" in page.url
    link = page.locator(f'a.title[href="/documents/{ARABIC_HAFTAR_MOSCOW}"]')
    assert link.get_attribute("dir") == "rtl"
    screenshot(page, "triage")
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").get_attribute("dir") == "rtl"
    first = page.locator("#s0")
    original, english = first.locator(".original"), first.locator(".english .text")
    assert original.get_attribute("dir") == "rtl" and original.get_attribute("lang") == "ar"
    assert "Khalifa Haftar" in english.inner_text()
    left, right = original.bounding_box(), english.bounding_box()
    assert left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) < 20     # side by side
    mark = first.locator('a.hl[href="/entities/khalifa-haftar"]').first
    assert "rule key 0.97" in mark.get_attribute("title")
    assert re.search(r"sha256 [0-9a-f]{64}", page.locator(".doc-head .capture").inner_text())
    screenshot(page, "reader-arabic-beside-english")
    # opening it marked it read (for this analyst)
    page.wait_for_function("document.querySelector('article.reader').dataset.read === '1'")
    assert _real_errors(page) == [] and page.dialogs == []


def test_cite_correct_tag_and_note_in_the_reader(page, server, accounts_for):
    log_in(page, server, accounts_for, "analyst1", f"/documents/{ARABIC_HAFTAR_MOSCOW}")
    sentence = page.locator("#s1")
    with page.expect_response(re.compile(r"/api/cite/X-")) as cited:
        sentence.locator('[data-action="cite"]').click()
    assert cited.value.ok
    box = sentence.locator(".cite-box")
    box.wait_for(state="visible")
    assert "re-read from the archive" in box.inner_text() and "sha256" in box.inner_text()

    sentence.locator('[data-action="edit"]').click()
    sentence.locator(".editing textarea").fill("Haftar reached the Russian capital on Tuesday evening, leading a "
                                               "military delegation on an unannounced visit.")
    with page.expect_response(lambda r: "/sentences/1/translation" in r.url and r.request.method == "PUT") as put:
        sentence.locator('[data-action="save-edit"]').click()
    assert put.value.ok
    assert "leading a military delegation" in sentence.locator(".english .text").inner_text()
    assert "corrected by analyst1" in sentence.locator(".english .prov").inner_text()

    page.fill("#tags-input", "Moscow visit, زيارة")
    with page.expect_response(lambda r: r.url.endswith("/tags") and r.request.method == "PUT"):
        page.click('[data-action="save-tags"]')
    page.fill("#note-input", "Compare the date with TASS <b>and</b> RIA.")
    with page.expect_response(lambda r: r.url.endswith("/notes") and r.request.method == "POST"):
        page.click('[data-action="add-note"]')
    assert page.locator("#notes-list li .note-text").first.inner_text() == "Compare the date with TASS <b>and</b> RIA."
    page.reload()
    assert "زيارة" in page.locator(".doc-marks .tags").inner_text()
    assert "leading a military delegation" in page.locator("#s1 .english .text").inner_text()   # it persisted
    assert _real_errors(page) == [] and page.dialogs == []


def test_add_a_selected_cut_to_a_brief(page, server, accounts_for):
    """The reader's button posts {document, sentence, text} to /api/briefs/{id}/excerpts. Where the brief editor's
    route is not on this branch, the request is answered by the test and only its body is checked."""
    brief = _api(server, accounts_for, "POST", "/api/briefs", {"entity": "Khalifa Haftar", "title": "Reader test"})
    paths = _api(server, accounts_for, "GET", "/api/openapi.json")["paths"]
    sent: list[dict] = []
    if "/api/briefs/{brief_id}/excerpts" not in paths:
        def answer(route):
            sent.append(json.loads(route.request.post_data))
            route.fulfill(status=200, content_type="application/json", body=json.dumps({"ok": True}))
        page.route(re.compile(r"/api/briefs/\d+/excerpts$"), answer)
    log_in(page, server, accounts_for, "analyst1", f"/documents/{ARABIC_HAFTAR_MOSCOW}")
    page.select_option("#brief-choice", str(brief["id"]))
    # select a few words of sentence 3's original, then add that cut
    page.evaluate("""() => {
        const cell = document.querySelector('#s2 .original');
        const range = document.createRange();
        range.selectNodeContents(cell);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
    }""")
    cut = page.evaluate("window.getSelection().toString().trim()")
    with page.expect_response(re.compile(r"/api/briefs/\d+/excerpts$")) as posted:
        page.click('#s2 [data-action="excerpt"]')
    assert posted.value.ok, posted.value.text()
    if sent:
        assert sent == [{"document": ARABIC_HAFTAR_MOSCOW, "sentence": 2, "text": cut}]
    page.wait_for_function("document.getElementById('flash').textContent.includes('added to')")
    assert page.dialogs == []


def test_merge_two_entities_and_undo(page, server, accounts_for):
    page.set_default_timeout(SLOW)
    log_in(page, server, accounts_for, "analyst1", "/entities/Africa")
    assert page.locator("h1").inner_text().startswith("Africa")
    spellings = page.locator("td.spelling")
    assert "Afrika" not in spellings.all_inner_texts()
    page.fill("#merge-other", "Afrika")
    with page.expect_response(lambda r: r.url.endswith("/api/entities/merge"), timeout=SLOW) as merged:
        page.click('[data-action="merge"]')
    assert merged.value.ok, merged.value.text()
    page.wait_for_load_state("load", timeout=SLOW)
    undo = page.locator('[data-action="undo"]').first
    undo.wait_for(state="visible", timeout=SLOW)
    assert any(text.startswith("Afrika") for text in page.locator("td.spelling").all_inner_texts())
    assert page.locator(".history").get_by_text("merged into").count() >= 1
    screenshot(page, "entity-after-merge")
    with page.expect_response(lambda r: r.url.endswith("/api/entities/undo"), timeout=SLOW) as undone:
        with page.expect_navigation(timeout=SLOW):
            undo.click()
    assert undone.value.ok, undone.value.text()
    page.wait_for_load_state("load", timeout=SLOW)
    page.locator(".history .undone").first.wait_for(timeout=SLOW)
    assert not any(text.startswith("Afrika") for text in page.locator("td.spelling").all_inner_texts())
    assert _real_errors(page) == [] and page.dialogs == []


def test_entity_and_sources_pages(page, server, accounts_for):
    log_in(page, server, accounts_for, "viewer1", "/entities/khalifa-haftar")
    assert page.locator("h3", has_text="arabic").count() == 1
    assert page.locator('[data-action="merge"]').count() == 0           # a viewer cannot merge
    screenshot(page, "entity")
    page.goto(f"{server.url}/sources")
    assert page.locator("#outlet-tass .grade").inner_text() in "ABCDEF"
    screenshot(page, "sources")
    page.goto(f"{server.url}/?grouped=1")
    copy = page.locator("tr.copy").first
    assert "repeats the story above" in copy.inner_text()
    assert _real_errors(page) == [] and page.dialogs == []
