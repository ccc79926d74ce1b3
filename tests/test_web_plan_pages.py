"""The map, timeline and brief editor pages (issue 15) and the brief routes they use, on a copy of the demo
workspace: filters carried to the data, the three visits with the date conflict, picked excerpts and cuts,
edited sentences checked again, edits that survive re-drafting."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dragoman.brief.overlay import overlay
from dragoman.web import create_app
from demo_copies import add_accounts, demo_copy

PERIOD = {"entity": "Haftar", "from": "2023-08-01", "to": "2023-10-31"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = demo_copy(tmp_path_factory, "web-plan")
    tokens = add_accounts(root, {"viewer1": "viewer", "analyst1": "analyst"})
    app = TestClient(create_app(root))
    app.analyst = {"Authorization": f"Bearer {tokens['analyst1']}"}
    app.viewer = {"Authorization": f"Bearer {tokens['viewer1']}"}
    return app


@pytest.fixture(scope="module")
def arabic_doc(client):
    """An Arabic document about Haftar, with its sentences."""
    listed = client.get("/api/documents", params={"lang": "ar", "q": "حفتر", "limit": 1}, headers=client.viewer).json()
    return client.get(f"/api/documents/{listed['items'][0]['id']}", headers=client.viewer).json()


def drafted(client) -> dict:
    made = client.post("/api/briefs", json=PERIOD, headers=client.analyst)
    assert made.status_code == 200, made.text
    return made.json()


def no_inline_code(html: str) -> None:
    """The CSP forbids inline script and style: every <script> has a src, no element has a style attribute."""
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"<[^>]+\sstyle=", html) and "<style" not in html


# ------------------------------------------------------------------------------------------------ map

def test_map_page_carries_the_document_filters_to_its_data(client):
    page = client.get("/map", params={"lang": "ar", "entity": "Haftar", "q": "", "from": "2023-08-01"},
                      headers=client.viewer)
    assert page.status_code == 200
    html = page.text
    assert 'data-places="/api/places?lang=ar&amp;entity=Haftar&amp;from=2023-08-01"' in html
    assert 'data-events="/api/timeline?entity=Haftar&amp;from=2023-08-01"' in html
    assert '/static/vendor/leaflet.js' in html and '/static/vendor/leaflet.css' in html
    assert "area centre" in html and "exact site or town" in html            # the precision legend
    no_inline_code(html)


def test_the_map_files_come_from_the_npm_packages(client):
    for path in ("/static/vendor/leaflet.js", "/static/vendor/leaflet.css", "/static/vendor/topojson-client.min.js",
                 "/static/vendor/images/marker-icon.png", "/static/map.js"):
        assert client.get(path).status_code == 200, f"{path} missing: run `make frontend`"
    countries = client.get("/static/vendor/countries-50m.json").json()
    assert countries["type"] == "Topology" and len(countries["objects"]["countries"]["geometries"]) > 200


def test_places_follow_the_document_filters(client):
    everything = client.get("/api/places", headers=client.viewer).json()["features"]
    arabic = client.get("/api/places", params={"lang": "ar"}, headers=client.viewer).json()["features"]
    arabic_ids = {d["id"] for d in client.get("/api/documents", params={"lang": "ar", "limit": 200},
                                              headers=client.viewer).json()["items"]}
    assert 0 < len(arabic) < len(everything)
    assert all(set(f["properties"]["documents"]) <= arabic_ids for f in arabic)
    jufra = [f for f in everything if "Jufra" in f["properties"]["name"]]
    assert jufra and jufra[0]["properties"]["precision"] == 1                 # an air base: an exact point
    lon, lat = jufra[0]["geometry"]["coordinates"]
    assert 15.5 < lon < 16.5 and 28.7 < lat < 29.7
    assert all(len(f["properties"]["titles"]) == len(f["properties"]["documents"]) for f in everything)
    countries = [f for f in everything if f["properties"]["name"] == "Russia"]
    assert countries and countries[0]["properties"]["precision"] == 3         # a country centre: an area
    found = client.get("/api/places", params={"q": "Jufra"}, headers=client.viewer).json()["features"]
    assert any("Jufra" in f["properties"]["name"] for f in found) and len(found) < len(everything)
    assert client.get("/api/places", params={"from": "2023-13-01"}, headers=client.viewer).status_code == 400


# ------------------------------------------------------------------------------------------------ timeline

def test_timeline_shows_the_three_visits_and_flags_the_date_conflict(client):
    page = client.get("/timeline", params={"entity": "Haftar"}, headers=client.viewer)
    assert page.status_code == 200
    html = page.text
    no_inline_code(html)
    rows = re.findall(r'<tr class="story([^"]*)"[^>]*data-type="CONSULT"[^>]*>\s*<td class="when">([^<]+)<', html)
    dates = {when.strip(): classes for classes, when in rows}
    for day in ("22 Aug 2023", "17 Sep 2023", "28 Sep 2023"):
        assert day in dates, dates
    assert "has-conflict" in dates["22 Aug 2023"] and "has-conflict" in dates["17 Sep 2023"]
    assert "has-conflict" not in dates["28 Sep 2023"]
    assert "⚠ Date conflict: Outlets disagree on the date: 22 August 2023" in html
    assert re.search(r'<rect class="band day conflict"', html)                 # the band is flagged too
    assert "confirmed by other sources" in html                              # credibility shown


def test_timeline_evidence_links_point_at_the_evidence_sentence(client):
    data = client.get("/api/timeline", params={"entity": "Haftar"}, headers=client.viewer).json()
    first_visit = next(s for s in data["stories"] if s["date"] == "22 Aug 2023" and s["type"] == "CONSULT")
    html = client.get("/timeline", params={"entity": "Haftar"}, headers=client.viewer).text
    for report in first_visit["sources"][:5]:
        n = report["sentences"][0]
        assert f'href="/documents/{report["doc_id"]}#s{n}"' in html
        doc = client.get(f"/api/documents/{report['doc_id']}", headers=client.viewer).json()
        sentence = doc["sentences"][n]
        start, end = report["span"]
        assert sentence["span"][0] < end and start < sentence["span"][1]      # the sentence holds the evidence


# ------------------------------------------------------------------------------------------------ briefs

def test_an_analyst_picks_a_sentence_and_a_cut_into_a_brief(client, arabic_doc):
    brief = drafted(client)
    url = f"/api/briefs/{brief['id']}/excerpts"
    doc_id = arabic_doc["id"]
    n = next(i for i, s in enumerate(arabic_doc["sentences"]) if s.get("english") and len(s["original"]) > 40)
    sentence = arabic_doc["sentences"][n]
    assert client.post(url, json={"document": doc_id, "sentence": n}, headers=client.viewer).status_code == 403
    picked = client.post(url, json={"document": doc_id, "sentence": n}, headers=client.analyst)
    assert picked.status_code == 200, picked.text
    block = next(s for s in picked.json()["brief"]["sources"] if s["doc_id"] == doc_id)
    whole = next(e for e in block["excerpts"] if e["start"] == sentence["span"][0])
    assert whole["original"] == " ".join(sentence["original"].split()) and whole["language"] == "ar"
    assert client.get(f"/api/cite/{whole['id']}", headers=client.viewer).status_code == 200
    # a cut of the English: the excerpt's English is cut and marked, the original stays whole
    words = sentence["english"].split()
    english_cut = " ".join(words[1:4])
    cut = client.post(url, json={"document": doc_id, "sentence": n, "text": english_cut}, headers=client.analyst)
    assert cut.status_code == 200, cut.text
    found = [e for s in cut.json()["brief"]["sources"] for e in s["excerpts"] if e.get("cut") and english_cut in e["english"]]
    assert found and found[0]["english"].startswith("… ") and found[0]["original"] == whole["original"]
    # a cut of the Arabic: the span narrows to it and the id still resolves to those very characters
    arabic_words = sentence["original"].split()
    arabic_cut = " ".join(arabic_words[1:4])
    narrowed = client.post(url, json={"document": doc_id, "sentence": n, "text": arabic_cut}, headers=client.analyst)
    assert narrowed.status_code == 200, narrowed.text
    part = next(e for s in narrowed.json()["brief"]["sources"] for e in s["excerpts"] if arabic_cut in e["original"]
                and e["start"] > whole["start"])
    assert "whole sentence" in part["translation"]
    cited = client.get(f"/api/cite/{part['id']}", headers=client.viewer).json()
    assert arabic_cut in " ".join(str(cited).split())
    refused = client.post(url, json={"document": doc_id, "sentence": n, "text": "words nobody wrote"},
                          headers=client.analyst)
    assert refused.status_code == 400 and "not part of that sentence" in refused.json()["error"]
    assert client.post(url, json={"document": doc_id, "sentence": 10_000}, headers=client.analyst).status_code == 400
    # the picks survive a re-draft, and each was audited
    again = client.post(f"/api/briefs/{brief['id']}/redraft", headers=client.analyst).json()
    ids = {e["id"] for s in again["brief"]["sources"] for e in s["excerpts"]}
    assert {whole["id"], part["id"]} <= ids and "excerpts" in again["edited"]


def test_a_rewritten_sentence_is_checked_by_its_words_and_survives_a_redraft(client):
    brief = drafted(client)
    url = f"/api/briefs/{brief['id']}"
    shown = client.get(url, params={"checks": True}, headers=client.viewer).json()
    assert shown["checks"] and all(c["backed"] for c in shown["checks"])
    analysis = shown["brief"]["analysis"]
    first = analysis[0]["sentences"][0]
    assert "Benghazi" in first["text"]
    first["text"] = "Haftar signed a formal defence treaty with Russia in Benghazi."     # what no source says
    first["basis"] = {"kind": "event", "participants": [], "type": "CONSULT"}          # a client's basis is ignored
    edited = client.patch(url, json={"analysis": analysis}, headers=client.analyst)
    assert edited.status_code == 200, edited.text
    checks = edited.json()["checks"]
    assert not checks[0]["backed"] and checks[0]["why"]
    assert all(c["backed"] for c in checks[1:])
    assert "1 not backed" in edited.json()["brief"]["check"]
    again = client.post(f"{url}/redraft", headers=client.analyst).json()
    assert again["brief"]["analysis"][0]["sentences"][0]["text"] == first["text"]      # never overwritten
    assert not again["checks"][0]["backed"]


def test_pull_quote_order_and_image_are_the_analysts_and_stay_honest(client):
    brief = drafted(client)
    url = f"/api/briefs/{brief['id']}"
    data = brief["brief"]
    excerpt = data["sources"][1]["excerpts"][0]
    invented = client.patch(url, json={"pull_quote": {"text": "Russia will build a base.", "excerpt_id": excerpt["id"]}},
                            headers=client.analyst)
    assert invented.status_code == 400 and "word for word" in invented.json()["error"]
    words = excerpt["english"].split()
    quote = " ".join(words[:6]) + " … " + " ".join(words[-4:])
    assert client.patch(url, json={"pull_quote": {"text": quote, "excerpt_id": excerpt["id"]}},
                        headers=client.analyst).status_code == 200
    order = [s["doc_id"] for s in data["sources"]][::-1]
    reordered = client.patch(url, json={"order": {"sources": order}}, headers=client.analyst).json()
    assert [s["doc_id"] for s in reordered["brief"]["sources"]] == order
    assert client.patch(url, json={"order": ["not", "a", "mapping"]}, headers=client.analyst).status_code == 400
    bad_image = client.patch(url, json={"image": {"path_or_url": "https://example.org/x.jpg", "licence": "CC0"}},
                             headers=client.analyst)
    assert bad_image.status_code == 400
    choices = client.get(f"{url}/images", headers=client.viewer).json()
    assert choices and all(c["licence"] for c in choices)
    assert client.patch(url, json={"image": None}, headers=client.analyst).json()["brief"]["image"] is None
    again = client.post(f"{url}/redraft", headers=client.analyst).json()["brief"]
    assert [s["doc_id"] for s in again["sources"]][:len(order)] == order
    assert again["pull_quote"]["text"] == quote and again["image"] is None


def test_a_blank_brief_is_built_from_picked_excerpts(client, arabic_doc):
    made = client.post("/api/briefs", json={"title": "Picked by hand"}, headers=client.analyst)
    assert made.status_code == 200, made.text
    brief = made.json()
    assert brief["brief"]["sources"] == [] and brief["brief"]["title"] == "Picked by hand"
    assert client.post("/api/briefs", json={}, headers=client.analyst).status_code == 400
    client.post(f"/api/briefs/{brief['id']}/excerpts", json={"document": arabic_doc["id"], "sentence": 0},
                headers=client.analyst)
    again = client.post(f"/api/briefs/{brief['id']}/redraft", headers=client.analyst).json()["brief"]
    assert [s["doc_id"] for s in again["sources"]] == [arabic_doc["id"]]
    markdown = client.get(f"/api/briefs/{brief['id']}/render/md", headers=client.viewer)
    assert markdown.status_code == 200 and "Picked by hand" in markdown.text


def test_kept_notes_are_renumbered_when_a_redraft_numbers_them_differently():
    base = {"title": "t", "query": "q", "created": "2023-10-01T00:00:00Z", "sources": [], "warnings": [],
            "notes": [{"number": 1, "text": "A", "doc_id": "dA"}, {"number": 2, "text": "B", "doc_id": "dB"}],
            "analysis": []}
    edits = {"analysis": [{"sentences": [{"text": "Said by B.", "footnotes": [1], "excerpts": [],
                                          "basis": {"kind": "claim", "words": ["said"]}}]}],
             "notes": [{"number": 1, "text": "B", "doc_id": "dB"}, ]}
    brief = overlay(base, edits)
    assert brief.analysis[0].sentences[0].footnotes == [2]                     # B is note 2 in the new draft
    edits["notes"].append({"number": 5, "text": "C", "doc_id": "dC"})
    edits["analysis"][0]["sentences"][0]["footnotes"] = [1, 5]
    brief = overlay(base, edits)
    assert brief.analysis[0].sentences[0].footnotes == [2, 3] and brief.notes[-1].doc_id == "dC"


def test_brief_pages_show_the_check_per_sentence_and_the_exports(client):
    brief = drafted(client)
    listing = client.get("/briefs", headers=client.viewer)
    assert listing.status_code == 200 and f'href="/briefs/{brief["id"]}"' in listing.text
    assert 'id="draft-brief"' not in listing.text                             # viewers cannot start briefs
    assert 'id="draft-brief"' in client.get("/briefs", headers=client.analyst).text
    editor = client.get(f"/briefs/{brief['id']}", headers=client.analyst)
    assert editor.status_code == 200
    html = editor.text
    no_inline_code(html)
    assert html.count("✓ backed by what it cites") == sum(len(p["sentences"]) for p in brief["brief"]["analysis"])
    for fmt in ("md", "html", "pdf", "docx"):
        assert f'href="/api/briefs/{brief["id"]}/render/{fmt}"' in html
    assert "<textarea" in html and 'data-action="save-analysis"' in html
    read_only = client.get(f"/briefs/{brief['id']}", headers=client.viewer).text
    assert "<textarea" not in read_only and "✓ backed" in read_only
    assert client.get("/briefs/999999", headers=client.viewer).status_code == 404
