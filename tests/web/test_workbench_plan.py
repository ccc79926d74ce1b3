"""The map, the timeline and the brief editor in Chromium (issue 15): Al-Jufra on the map, the three visits on the
timeline with the date conflict flagged, an excerpt added to a brief, a sentence edited, a PDF exported.
Screenshots go to tests/web/artifacts/ (map.png, timeline.png, brief-editor.png)."""

from __future__ import annotations

import re

from browsing import log_in, screenshot


def test_al_jufra_is_on_the_offline_map(page, server, accounts_for):
    log_in(page, server, accounts_for, "viewer1", "/map")
    page.wait_for_selector("#map[data-ready]")
    drawn = page.evaluate("({countries: DragomanMap.drawn.countries, places: DragomanMap.drawn.places.map(p => p.name),"
                          " facilities: DragomanMap.drawn.facilities.length, events: DragomanMap.drawn.events.length})")
    assert drawn["countries"] > 200                          # the Natural Earth base map, no tile server
    assert "Al-Jufra Air Base" in drawn["places"] and drawn["facilities"] > 10 and drawn["events"] > 0
    assert page.locator(".leaflet-tile").count() == 0
    screenshot(page, "map")
    # zoom to it, leave only the places layer, and click its mark: the popup lists the documents
    page.uncheck("input[data-layer=events]")
    page.uncheck("input[data-layer=facilities]")
    page.evaluate("() => { DragomanMap.map.setView([29.1981, 16.001], 9, {animate: false}); }")
    point = page.evaluate("() => { const p = DragomanMap.pointOf('Al-Jufra Air Base'); return {x: p.x, y: p.y}; }")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Al-Jufra Air Base" in popup.inner_text() and "exact site or town" in popup.inner_text()
    links = popup.locator("a[href^='/documents/']")
    assert links.count() >= 1
    screenshot(page, "map-popup")
    assert not page.dialogs


def test_the_three_visits_are_on_the_timeline_with_the_date_conflict(page, server, accounts_for):
    log_in(page, server, accounts_for, "viewer1", "/timeline?entity=Haftar")
    visits = page.locator("tr.story[data-type=CONSULT]")
    dates = [visits.nth(i).locator("td.when").inner_text().split("\n")[0].strip() for i in range(visits.count())]
    for day in ("22 Aug 2023", "17 Sep 2023", "28 Sep 2023"):
        assert day in dates, dates
    first = page.locator("tr.story[data-type=CONSULT]", has_text="22 Aug 2023").first
    assert "has-conflict" in first.get_attribute("class")
    assert "Date conflict" in first.inner_text() and "24 August 2023" in first.inner_text()
    assert first.locator("rect.band.conflict").count() == 1
    first.locator("details summary").click()
    evidence = first.locator("a.evidence-link").first
    assert evidence.is_visible() and re.match(r"^/documents/[^#]+#s\d+$", evidence.get_attribute("href"))
    screenshot(page, "timeline")


def test_an_analyst_adds_an_excerpt_edits_a_sentence_and_exports_a_pdf(page, server, accounts_for):
    log_in(page, server, accounts_for, "analyst1", "/briefs")
    page.fill("#draft-brief input[name=entity]", "Haftar")
    page.fill("#draft-brief input[name=from]", "2023-08-01")
    page.fill("#draft-brief input[name=to]", "2023-10-31")
    page.click("#draft-brief button[type=submit]")
    page.wait_for_url(re.compile(r"/briefs/\d+$"), timeout=120_000)
    page.wait_for_selector("#brief-editor")
    before = page.locator("#sources .excerpt").count()
    arabic = page.request.get(f"{server.url}/api/documents?lang=ar&q=%D8%AD%D9%81%D8%AA%D8%B1&limit=1").json()
    doc_id = arabic["items"][0]["id"]
    page.fill("#add-excerpt input[name=document]", doc_id)
    page.fill("#add-excerpt input[name=sentence]", "1")
    with page.expect_navigation():
        page.click("#add-excerpt button[type=submit]")
    assert page.locator("#sources .excerpt").count() == before + 1
    assert page.locator(f"#sources .source[data-doc='{doc_id}'] .original[dir=rtl]").count() >= 1
    # rewrite the first analysis sentence: it is saved, and the check judges the new words
    new_text = "Yunus-Bek Yevkurov and Khalifa Haftar met in Benghazi on 22 August 2023."
    page.locator("#analysis .sentence textarea").first.fill(new_text)
    with page.expect_navigation():
        page.click("[data-action=save-analysis]")
    first = page.locator("#analysis .sentence").first
    assert first.locator("textarea").input_value() == new_text
    assert first.locator(".check-result").inner_text().startswith(("✓", "✗"))
    assert "analysis" in page.locator("#brief-editor").inner_text()
    screenshot(page, "brief-editor")
    with page.expect_download() as download:
        page.click("a.export[data-format=pdf]")
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert not page.dialogs
