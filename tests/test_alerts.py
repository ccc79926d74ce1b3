"""Watchlists on real-looking news: Arabic, Russian and Turkish pages of one story (two of them repeats), an
English page on another; entity, words, place and meaning; Atom feeds, webhooks through the SSRF guard, the
API and the CLI, and `watch` processing what a feed brings."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dragoman.alerts.atom import atom_feed, feed_path
from dragoman.alerts.webhook import Delivery, WebhookSender
from dragoman.cli.main import app
from dragoman.demo import DEMO
from dragoman.errors import InputError, NotFound
from dragoman.ingest.sources import ingest_sources
from dragoman.runner import run_pending
from dragoman.service import LOCAL_ACTOR, watchlists
from dragoman.settings import Settings
from dragoman.workspace import Workspace

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = ["ar-aa-yevkurov-benghazi", "ru-ria-yevkurov-benghazi", "ru-tass-yevkurov-benghazi-dup",
         "tr-aa-yevkurov-bingazi", "tr-haberlibya-yevkurov-bingazi", "en-aljazeera-derna-floods"]


class Receiver(BaseHTTPRequestHandler):
    """A webhook receiver: fails the first `fail_first` calls with 503, then records each JSON body."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        state = self.server.state
        state["calls"] += 1
        status = 503 if state["calls"] <= state["fail_first"] else 200
        if status == 200:
            state["bodies"].append(json.loads(body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def receiver():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    httpd.state = {"calls": 0, "fail_first": 1, "bodies": []}
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def caught(tmp_path_factory, receiver):
    """A workspace with five watchlists, then the pages ingested and run once."""
    root = tmp_path_factory.mktemp("alerts") / "ws"
    ws = Workspace.open(root, create=True, overrides=[
        "pipeline.workers=1", "alerts.webhook_allow_loopback=true", "alerts.webhook_backoff_s=0.05"])
    watchlists.add(ws, "haftar", LOCAL_ACTOR, entity="حفتر", webhook=receiver.url)
    watchlists.add(ws, "yevkurov-ru", LOCAL_ACTOR, query="Евкуров", languages=["ru"])
    watchlists.add(ws, "benghazi", LOCAL_ACTOR, near="Benghazi", km=30)
    watchlists.add(ws, "derna-floods", LOCAL_ACTOR, semantic="floods in Derna")
    watchlists.add(ws, "vladivostok", LOCAL_ACTOR, near="Vladivostok", km=100)
    report = ingest_sources(ws, [str(DEMO / "pages" / f"{name}.html") for name in PAGES])
    ids = dict(zip(PAGES, report.new))
    run = run_pending(ws)
    yield {"ws": ws, "ids": ids, "run": run, "root": root}
    ws.close()


def hits(ws, name, repeats=False):
    return {r["doc_id"]: r for r in watchlists.alerts(ws, watchlist=name, limit=100,
                                                       include_duplicates=repeats)["items"]}


def test_an_entity_watchlist_catches_every_script_and_alerts_each_story_once(caught):
    ws, ids = caught["ws"], caught["ids"]
    found = hits(ws, "haftar", repeats=True)
    story = [ids[p] for p in PAGES]
    assert set(found) == set(story)          # ar, ru, tr on his meeting; the English floods page names him too
    assert "حفتر" in found[ids["ar-aa-yevkurov-benghazi"]]["why"]
    assert "Хафтар" in found[ids["ru-ria-yevkurov-benghazi"]]["why"]
    assert "Hafter" in found[ids["tr-aa-yevkurov-bingazi"]]["why"]
    assert found[ids["en-aljazeera-derna-floods"]]["duplicate_of"] is None
    # The TASS page repeats RIA's text and Haber Libya repeats AA: kept, marked, not alerted again.
    assert found[ids["ru-tass-yevkurov-benghazi-dup"]]["duplicate_of"] == ids["ru-ria-yevkurov-benghazi"]
    assert found[ids["tr-haberlibya-yevkurov-bingazi"]]["duplicate_of"] == ids["tr-aa-yevkurov-bingazi"]
    assert set(hits(ws, "haftar")) == set(story) - {ids["ru-tass-yevkurov-benghazi-dup"],
                                                     ids["tr-haberlibya-yevkurov-bingazi"]}
    assert caught["run"].alerts == len(hits(ws, "haftar")) + len(hits(ws, "yevkurov-ru")) + \
        len(hits(ws, "benghazi")) + len(hits(ws, "derna-floods"))


def test_words_and_language_narrow_a_query_watchlist(caught):
    ws, ids = caught["ws"], caught["ids"]
    assert set(hits(ws, "yevkurov-ru", repeats=True)) == {ids["ru-ria-yevkurov-benghazi"],
                                                           ids["ru-tass-yevkurov-benghazi-dup"]}
    assert hits(ws, "yevkurov-ru")[ids["ru-ria-yevkurov-benghazi"]]["why"] == "words: Евкуров"


def test_a_place_watchlist_measures_from_resolved_towns_only(caught):
    ws, ids = caught["ws"], caught["ids"]
    found = hits(ws, "benghazi", repeats=True)
    assert set(found) == set(ids.values())               # the floods page names Benghazi as the LNA's seat
    assert all(r["why"].startswith("place Benghazi, 0 km from Benghazi") for r in found.values())
    assert "Derna" not in found[ids["en-aljazeera-derna-floods"]]["why"]     # 250 km away: outside 30 km
    assert hits(ws, "vladivostok") == {}


def test_a_semantic_watchlist_finds_the_story_by_meaning_alone(caught):
    ws, ids = caught["ws"], caught["ids"]
    found = hits(ws, "derna-floods")
    assert set(found) == {ids["en-aljazeera-derna-floods"]}
    assert found[ids["en-aljazeera-derna-floods"]]["score"] >= Settings()["alerts.semantic_threshold"]


def test_the_atom_feed_file_and_the_service_agree_and_parse(caught):
    ws = caught["ws"]
    data = watchlists.atom(ws, "haftar")
    assert feed_path(caught["root"], "haftar").read_bytes() == data
    feed = ET.fromstring(data)
    assert feed.find(f"{ATOM}id").text == "tag:dragoman,2026:watchlist/haftar"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4                                 # six pages, two of them repeats
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert any("وفد عسكري روسي" in t for t in titles)
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert all(link.startswith("https://") for link in links)
    assert not feed_path(caught["root"], "vladivostok").exists()     # no hits, no feed file yet


def test_the_webhook_got_each_story_once_after_a_retry(caught, receiver):
    ws = caught["ws"]
    bodies = receiver.state["bodies"]
    assert sorted(b["document"]["doc_id"] for b in bodies) == sorted(hits(ws, "haftar"))
    assert receiver.state["calls"] == len(bodies) + 1             # the first call got a 503 and was retried
    assert all(b["watchlist"] == "haftar" and b["why"].startswith("entity Khalifa Haftar as ") for b in bodies)
    states = {r["webhook_state"] for r in hits(ws, "haftar").values()}
    assert states == {"sent"}
    assert {r["webhook_state"] for r in hits(ws, "haftar", repeats=True).values()} == {"sent", None}


def test_a_loopback_webhook_is_refused_unless_allowed():
    sender = WebhookSender(Settings({"alerts.webhook_retries": 2}))
    sender.send(Delivery(1, "http://127.0.0.1:9/hook", {"x": 1}))
    sender.send(Delivery(2, "http://[::ffff:10.0.0.1]/hook", {"x": 1}))
    assert sender.finish(10)
    outcomes = {o.hit_id: o for o in sender.results()}
    assert outcomes[1].state == "failed" and outcomes[1].tries == 1
    assert outcomes[1].error == ("refused: 127.0.0.1 is a loopback address (add it to fetch.allow_private to "
                                 "allow); for a webhook to this machine set alerts.webhook_allow_loopback")
    assert outcomes[2].error.startswith("refused: ::ffff:a00:1 is a private address")   # 10.0.0.1 inside IPv6


def test_a_receiver_that_stays_down_is_retried_then_given_up(caught):
    sender = WebhookSender(Settings({"alerts.webhook_allow_loopback": True, "alerts.webhook_retries": 2,
                                     "alerts.webhook_backoff_s": 0.01, "fetch.timeout_s": 2.0}))
    sender.send(Delivery(7, "http://127.0.0.1:9/hook", {"x": 1}))      # nothing listens on port 9
    assert sender.finish(20)
    (outcome,) = sender.results()
    assert outcome.state == "failed" and outcome.tries == 3 and "after 2 retries" in outcome.error


def test_adding_checks_what_it_is_given(caught):
    ws = caught["ws"]
    with pytest.raises(InputError, match="give exactly one of"):
        watchlists.add(ws, "two", LOCAL_ACTOR, query="x", entity="y")
    with pytest.raises(InputError, match="needs --km"):
        watchlists.add(ws, "nokm", LOCAL_ACTOR, near="Benghazi")
    with pytest.raises(InputError, match="a name is 1-64"):
        watchlists.add(ws, "../etc", LOCAL_ACTOR, query="x")
    with pytest.raises(InputError, match="already exists"):
        watchlists.add(ws, "haftar", LOCAL_ACTOR, query="x")
    with pytest.raises(InputError, match="must be an http"):
        watchlists.add(ws, "hook", LOCAL_ACTOR, query="x", webhook="file:///etc/passwd")
    with pytest.raises(NotFound):
        watchlists.show(ws, "nothing-here")


def test_the_api_serves_the_feed_and_the_alerts(caught):
    ws = caught["ws"]
    ws.store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from dragoman.web import create_app
    client = TestClient(create_app(caught["root"]))
    atom = client.get("/api/watchlists/haftar/atom")
    assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
    assert atom.content == watchlists.atom(ws, "haftar")
    listed = {w["name"]: w for w in client.get("/api/watchlists").json()}
    assert listed["haftar"]["hits"] == 4 and listed["haftar"]["duplicates"] == 2
    assert client.get("/api/alerts?watchlist=benghazi").json()["count"] == 4
    assert client.get("/api/watchlists/nothing/atom").status_code == 404


def test_the_cli_lists_shows_and_removes(caught):
    runner = CliRunner()
    root = str(caught["root"])
    listed = runner.invoke(app, ["-w", root, "watchlists", "list", "--json"])
    assert listed.exit_code == 0 and {w["name"] for w in json.loads(listed.stdout)} >= {"haftar", "benghazi"}
    alerts = runner.invoke(app, ["-w", root, "alerts", "--json", "--watchlist", "yevkurov-ru"])
    assert json.loads(alerts.stdout)["count"] == 1
    added = runner.invoke(app, ["-w", root, "watchlists", "add", "wagner", "--semantic", "Wagner mercenaries",
                                "--min-score", "0.9", "--lang", "ar"])
    assert added.exit_code == 0, added.output
    shown = json.loads(runner.invoke(app, ["-w", root, "watchlists", "show", "wagner", "--json"]).stdout)
    assert shown["params"] == {"languages": ["ar"], "min_score": 0.9}
    assert runner.invoke(app, ["-w", root, "watchlists", "remove", "wagner"]).exit_code == 0
    assert isinstance(runner.invoke(app, ["-w", root, "watchlists", "show", "wagner"]).exception, NotFound)


def test_hostile_titles_still_make_a_valid_feed():
    hostile = {"id": 1, "doc_id": "d1", "matched_at": "2026-12-07T10:00:00+00:00", "why": "words: <b>",
               "score": None, "title": "</title><script>alert(1)</script>\x01\x0b & \u202eevil",
               "title_english": None, "language": "ar", "outlet": "x & y", "url": "javascript:alert(1)",
               "published": "2023-09-28T18:47:00"}
    data = atom_feed({"name": "w", "kind": "query", "value": "<b>", "created_at": None}, [hostile])
    entry = ET.fromstring(data).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "</title><script>alert(1)</script> & \u202eevil"
    assert entry.find(f"{ATOM}link") is None                 # only http(s) links
    assert entry.find(f"{ATOM}published").text == "2023-09-28T18:47:00+00:00"


def test_watch_processes_what_a_feed_brings_and_alerts(tmp_path):
    from test_watch import FeedServer
    from dragoman.ingest.watch import watch
    from dragoman.store.feeds import Feed
    from dragoman.store.repo import now_iso
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.state = {"hits": [], "feed_broken": False, "base": base,
                   "feed": (DEMO / "feeds" / "libyaobserver.rss.xml").read_bytes()}
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        "fetch.allow_private=127.0.0.1", "fetch.per_host_interval_s=0", "fetch.retries=0", "pipeline.workers=1",
        "feeds.fetch_articles=false"])
    try:
        with ws.store.transaction():
            ws.store.feeds.add(Feed(url=base + "/feed.xml", language="en"), now_iso())
        watchlists.add(ws, "haftar", LOCAL_ACTOR, entity="Haftar")
        lines: list[str] = []
        started = time.perf_counter()
        watch(ws, log=lines.append, once=True)
        assert time.perf_counter() - started < 120
        found = watchlists.alerts(ws, watchlist="haftar")["items"]
        assert found and all(r["language"] == "en" for r in found)
        assert any("new alert(s)" in line for line in lines)
        assert ws.store.con.execute("SELECT count(*) FROM documents WHERE status = 'done'").fetchone()[0] == 7
    finally:
        ws.close()
        httpd.shutdown()


class BrokenScorer:
    def scores(self, descriptions, passages):
        raise RuntimeError("model file truncated")


def test_a_failing_matcher_never_stops_the_run(tmp_path, monkeypatch):
    import dragoman.alerts.watcher as watcher
    monkeypatch.setattr(watcher, "default_scorer", BrokenScorer)
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=[
        "pipeline.workers=1", "pipeline.stages=extract,langid,segment", "extract.min_chars=10"])
    try:
        page = tmp_path / "ru.txt"
        page.write_text("Делегация Минобороны России во главе с Евкуровым прибыла в Бенгази для переговоров с "
                        "Хафтаром о поставках систем ПВО.", encoding="utf-8")
        watchlists.add(ws, "pvo", LOCAL_ACTOR, semantic="air defence deliveries")
        watchlists.add(ws, "yevkurov", LOCAL_ACTOR, query="Евкуров")
        report = ingest_sources(ws, [str(page)])
        run = run_pending(ws)
        assert run.tally.ok == 1 and run.tally.failed == 0
        assert [r["doc_id"] for r in watchlists.alerts(ws)["items"]] == report.new   # the words still matched
        problems = [e for e in ws.store.run_events(run.run_id) if e["stage"] == "alerts"]
        assert problems and problems[0]["reason"] == ("semantic scoring failed: RuntimeError: model file "
                                                      "truncated")
    finally:
        ws.close()


class KeywordScorer:
    """Deterministic stand-in for the embedding model: on topic when the passage has the keyword."""

    def scores(self, descriptions, passages):
        return [[0.9 if "Евкуров" in p else 0.75 + (len(p) % 7) / 500 for p in passages] for _ in descriptions]


def test_a_semantic_watchlist_is_calibrated_on_the_workspace_then_cut_above_it(tmp_path):
    from dragoman.alerts import AlertWatcher
    from dragoman.model import Document
    from dragoman.store.watchlists import WatchlistRepo
    ws = Workspace.open(tmp_path / "ws", create=True, overrides=["pipeline.workers=1"])
    try:
        with ws.store.transaction():
            for n in range(60):                  # what the workspace held before: other news
                doc = Document(id=f"bg{n:04d}", source="test", text=f"Анкара и Баку обсудили поставки газа {n}.",
                               language="ru", title=f"Газ {n}")
                ws.store.add_document(doc)
                ws.store.save_processed(doc, status="done", pipeline="p")
        watchlists.add(ws, "visit", LOCAL_ACTOR, semantic="Russian deputy defence minister visits Benghazi")
        new = [Document(id="new1", source="test", language="ru", text="Евкуров вновь прибыл в Бенгази."),
               Document(id="new2", source="test", language="ru", text="Погода в Москве будет тёплой.")]
        with ws.store.transaction():
            for doc in new:
                ws.store.add_document(doc)
                ws.store.save_processed(doc, status="done", pipeline="p")
        watcher = AlertWatcher(ws, scorer=KeywordScorer)
        watcher.after_commit(new)
        watcher.close()
        assert not watcher.problems
        background = WatchlistRepo(ws.store.con).get("visit").params["background"]
        assert background["n"] == 60 and 0.75 <= background["mean"] <= 0.763 and background["std"] < 0.01
        assert [r["doc_id"] for r in watchlists.alerts(ws)["items"]] == ["new1"]
    finally:
        ws.close()


def test_the_cut_prefers_the_analysts_score_then_the_calibration_then_the_default():
    from dragoman.alerts.semantic import FLOOR, Wanted, cut
    assert cut(Wanted(1, "x", (), 0.9, (0.7, 0.01)), 3.0, 0.85) == 0.9
    assert cut(Wanted(1, "x", (), None, (0.78, 0.02)), 3.0, 0.85) == pytest.approx(0.84)
    assert cut(Wanted(1, "x", (), None, (0.70, 0.01)), 3.0, 0.85) == FLOOR
    assert cut(Wanted(1, "x", (), None, None), 3.0, 0.85) == 0.85


def test_a_glossed_title_is_never_offered_as_english(tmp_path):
    from dragoman.model import Document, Translation
    from dragoman.store.watchlists import Hit, WatchlistRepo
    ws = Workspace.open(tmp_path / "ws", create=True)
    try:
        glossed = Document(id="g1", source="test", language="ar", text="وصل حفتر إلى موسكو.", title="حفتر في موسكو",
                           title_translation=Translation(text="حفتر [Khalifa Haftar] في موسكو [Moscow]", engine="gloss"))
        translated = Document(id="t1", source="test", language="ar", text="وصل حفتر إلى موسكو.",
                              title="حفتر في موسكو", title_translation=Translation(text="Haftar in Moscow",
                                                                                  engine="analyst"))
        watchlists.add(ws, "w", LOCAL_ACTOR, query="حفتر")
        repo = WatchlistRepo(ws.store.con)
        with ws.store.transaction():
            for doc in (glossed, translated):
                ws.store.add_document(doc)
                repo.add_hit(Hit(repo.get("w").id, doc.id, "words: حفتر"), webhook=False)
        english = {r["doc_id"]: r["title_english"] for r in repo.hits(watchlist="w")}
        assert english == {"g1": None, "t1": "Haftar in Moscow"}
    finally:
        ws.close()
