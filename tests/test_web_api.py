"""The workbench server's HTTP API on a copy of the demo workspace: every route, every role, CSRF, errors."""

from __future__ import annotations


import pytest
from fastapi.testclient import TestClient

from dragoman.web import create_app
from demo_copies import add_accounts, demo_copy

READ_ROUTES = ["/api/me", "/api/documents", "/api/documents?lang=ar&limit=5", "/api/search?q=حفتر", "/api/coverage",
               "/api/entities", "/api/places", "/api/facilities", "/api/timeline?entity=Haftar", "/api/outlets",
               "/api/feeds", "/api/runs", "/api/stats", "/api/briefs"]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return demo_copy(tmp_path_factory, "web")


@pytest.fixture(scope="module")
def local(root):
    """Local mode: no accounts yet."""
    return TestClient(create_app(root))


@pytest.fixture(scope="module")
def tokens(root, local):
    made = add_accounts(root, {f"{role}1": role for role in ("viewer", "analyst", "admin")})
    return {role: made[f"{role}1"] for role in ("viewer", "analyst", "admin")}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_local_mode_reads_every_route_without_an_account(local):
    for route in READ_ROUTES:
        response = local.get(route)
        assert response.status_code == 200, (route, response.text)
    assert local.get("/api/me").json() == {"name": "local", "role": "admin"}


def test_local_mode_lists_searches_and_views_arabic_documents(local):
    found = local.get("/api/search", params={"q": "حفتر"}).json()
    assert found["count"] >= 1 and all(r["id"] for r in found["results"])
    page = local.get("/api/documents", params={"lang": "ar", "limit": 2}).json()
    assert page["total"] >= len(page["items"]) >= 1 and page["limit"] == 2
    assert all(item["language"] == "ar" for item in page["items"])
    doc = local.get(f"/api/documents/{page['items'][0]['id']}").json()
    assert doc["language"] == "ar" and doc["sentences"]
    first = doc["sentences"][0]
    assert first["original"] == doc["text"][first["span"][0]:first["span"][1]]
    assert "provenance" in first


def test_search_across_languages_with_filters_says_why(local):
    found = local.get("/api/search", params={"q": "Hifter", "limit": 50}).json()
    assert found["entities"][0]["id"] == "khalifa-haftar"
    assert {"ar", "ru", "en"} <= {r["language"] for r in found["results"]}
    assert all(r["why"] and r["matched"] for r in found["results"])
    russian = local.get("/api/search", params={"q": "Hifter", "lang": "ru", "from": "2023-09-01",
                                               "to": "2023-09-30", "semantic": "false", "limit": 50}).json()
    assert russian["results"] and all(r["language"] == "ru" and "2023-09" in r["published"]
                                      for r in russian["results"])
    assert not russian["semantic"]["used"]
    assert local.get("/api/search", params={"q": "Hifter", "from": "September"}).status_code == 400
    groups = local.get("/api/coverage").json()
    assert groups["count"] >= 1 and all(len(g["documents"]) >= 2 for g in groups["groups"])


def test_document_filters_narrow_the_list(local):
    everything = local.get("/api/documents", params={"limit": 200}).json()["total"]
    by_entity = local.get("/api/documents", params={"entity": "Haftar", "limit": 200}).json()
    assert 0 < by_entity["total"] < everything
    dated = local.get("/api/documents", params={"from": "2023-09-01", "to": "2023-09-30", "limit": 200}).json()
    assert all("2023-09" <= (d["published"] or "")[:7] <= "2023-09" for d in dated["items"])
    text = local.get("/api/documents", params={"q": "Шойгу"}).json()
    assert text["total"] >= 1


def test_places_and_facilities_are_geojson_with_precision(local):
    places = local.get("/api/places").json()
    assert places["type"] == "FeatureCollection" and places["features"]
    point = places["features"][0]
    lon, lat = point["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90 and point["properties"]["precision"] in (1, 2, 3)
    names = {f["properties"]["name"] for f in local.get("/api/facilities").json()["features"]}
    assert any("Jufra" in n for n in names)


def test_local_mode_refuses_changes_without_the_header_and_foreign_hosts(local):
    assert local.post("/api/entities/merge", json={"keep": "Haftar", "other": "Shoigu"}).status_code == 403
    assert local.get("/api/me", headers={"host": "evil.example:8765"}).status_code == 403


def test_errors_are_json_with_the_right_status(local):
    missing = local.get("/api/documents/nonexistent-id")
    assert missing.status_code == 404 and "not found" in missing.json()["error"]
    assert local.get("/api/documents", params={"limit": 0}).status_code == 422
    bad_day = local.get("/api/documents", params={"from": "last tuesday"})
    assert bad_day.status_code == 400 and "YYYY-MM-DD" in bad_day.json()["error"]
    assert local.get("/api/cite/X-nothing").status_code in (400, 404)
    assert "error" in local.get("/api/cite/X-nothing").json()


def test_openapi_schema_lists_the_routes(local):
    paths = local.get("/api/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/search", "/api/entities/merge",
                 "/api/timeline", "/api/briefs/{brief_id}/render/{fmt}", "/api/audit", "/api/users"):
        assert path in paths


def test_roles_once_accounts_exist(local, tokens):
    assert local.get("/api/documents").status_code == 401          # local mode ends with the first account
    assert local.get("/api/documents", headers=bearer("dgm_1_forged")).status_code == 401
    viewer, analyst, admin = (bearer(tokens[r]) for r in ("viewer", "analyst", "admin"))
    for route in READ_ROUTES:
        assert local.get(route, headers=viewer).status_code == 200, route
    merge = {"keep": "Haftar", "other": "Shoigu"}
    assert local.post("/api/entities/merge", json=merge, headers=viewer).status_code == 403
    done = local.post("/api/entities/merge", json=merge, headers=analyst)
    assert done.status_code == 200, done.text
    undone = local.post("/api/entities/undo", json={"merge": done.json()["merge"]}, headers=analyst)
    assert undone.status_code == 200, undone.text
    assert local.get("/api/audit", headers=analyst).status_code == 403
    log = local.get("/api/audit", headers=admin).json()["items"]
    actions = [(e["actor"], e["action"]) for e in log]
    assert ("analyst1", "entity.merge") in actions and ("analyst1", "entity.undo") in actions
    assert local.get("/api/users", headers=viewer).status_code == 403
    assert {u["name"] for u in local.get("/api/users", headers=admin).json()} >= {"viewer1", "analyst1", "admin1"}


def test_browser_session_needs_the_csrf_token_for_changes(root, tokens):
    client = TestClient(create_app(root))
    refused = client.post("/login", data={"name": "analyst1", "token": tokens["viewer"]}, follow_redirects=False)
    assert refused.status_code == 303 and "session" not in refused.headers.get("set-cookie", "")
    login = client.post("/login", data={"name": "analyst1", "token": tokens["analyst"]})
    assert login.status_code == 200
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    csrf = login.json()["csrf"]
    assert client.get("/api/me").json()["name"] == "analyst1"
    merge = {"keep": "Haftar", "other": "Shoigu"}
    assert client.post("/api/entities/merge", json=merge).status_code == 403
    assert client.post("/api/entities/merge", json=merge, headers={"x-csrf-token": "wrong"}).status_code == 403
    done = client.post("/api/entities/merge", json=merge, headers={"x-csrf-token": csrf})
    assert done.status_code == 200
    client.post("/api/entities/undo", json={"merge": done.json()["merge"]}, headers={"x-csrf-token": csrf})
    client.post("/logout", headers={"x-csrf-token": csrf})
    assert client.get("/api/me").status_code == 401


def test_an_analyst_drafts_edits_redrafts_and_renders_a_brief(local, tokens):
    analyst, viewer = bearer(tokens["analyst"]), bearer(tokens["viewer"])
    body = {"entity": "Haftar", "from": "2023-08-01", "to": "2023-10-31"}
    assert local.post("/api/briefs", json=body, headers=viewer).status_code == 403
    made = local.post("/api/briefs", json=body, headers=analyst)
    assert made.status_code == 200, made.text
    brief_id = made.json()["id"]
    edited = local.patch(f"/api/briefs/{brief_id}", json={"title": "Haftar's Moscow channel"}, headers=analyst)
    assert edited.status_code == 200 and edited.json()["edited"] == ["title"]
    assert local.patch(f"/api/briefs/{brief_id}", json={"sources": []}, headers=analyst).status_code == 400
    again = local.post(f"/api/briefs/{brief_id}/redraft", headers=analyst).json()
    assert again["brief"]["title"] == "Haftar's Moscow channel"          # the analyst's words survive
    markdown = local.get(f"/api/briefs/{brief_id}/render/md", headers=viewer)
    assert markdown.status_code == 200 and "Haftar's Moscow channel" in markdown.text
    docx = local.get(f"/api/briefs/{brief_id}/render/docx", headers=viewer)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert local.get(f"/api/briefs/{brief_id}/render/exe", headers=viewer).status_code == 400


def test_an_analyst_corrects_a_translation_and_it_is_audited(local, tokens):
    analyst, admin = bearer(tokens["analyst"]), bearer(tokens["admin"])
    doc_id = local.get("/api/documents", params={"lang": "ru", "limit": 1}, headers=analyst).json()["items"][0]["id"]
    fixed = local.put(f"/api/documents/{doc_id}/sentences/0/translation", json={"english": "Corrected English."},
                      headers=analyst)
    assert fixed.status_code == 200, fixed.text
    view = local.get(f"/api/documents/{doc_id}", headers=analyst).json()["sentences"][0]
    assert view["english"] == "Corrected English." and view["provenance"]["engine"] == "analyst"
    log = local.get("/api/audit", params={"action": "translation."}, headers=admin).json()["items"]
    assert log and log[0]["after"] == "Corrected English." and log[0]["target"] == f"{doc_id}#0"
    beyond = local.put(f"/api/documents/{doc_id}/sentences/9999/translation", json={"english": "x"},
                       headers=analyst)
    assert beyond.status_code == 400


def test_security_headers_on_every_reply(local):
    reply = local.get("/login")
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["x-content-type-options"] == "nosniff"
