"""Stages, the order they run in, and the runner that feeds stored Documents through them.

A stage is a named `Document -> Document` function built once per worker (so models load once),
declaring what it requires and assigns. Workers return Documents; only the parent process writes.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import signal
import threading
import time
import traceback
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .errors import SettingsError
from .model import Document, from_json, to_json
from .settings import Settings

StageFn = Callable[[Document], Document]


class Skip(Exception):
    """Raised by a stage that has nothing to do for this document; counted as dropped/<stage>/<reason>."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    help: str
    build: Callable[[Settings], StageFn]


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, version: str, requires: tuple[str, ...], assigns: tuple[str, ...]):
    """Register a stage builder: `build(settings)` loads what it needs once and returns the function."""
    def register(build: Callable[[Settings], StageFn]) -> Callable[[Settings], StageFn]:
        doc = (build.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Stage(name, version, requires, assigns, doc[0] if doc else "", build)
        return build
    return register


def _discover(plugins: Iterable[str] = ()) -> None:
    """Register our stages, and those of the modules named in `pipeline.plugins` (the analyst's own)."""
    from . import stages
    for module in pkgutil.iter_modules(stages.__path__):
        importlib.import_module(f"{stages.__name__}.{module.name}")
    for name in plugins:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise SettingsError(f"pipeline.plugins: cannot import {name!r} ({exc})") from None


def plan(settings: Settings, *, only: Iterable[str] = (), disable: Iterable[str] = ()) -> list[Stage]:
    """The stages to run, in settings order, minus switched-off ones."""
    _discover(settings["pipeline.plugins"])
    names = list(settings["pipeline.stages"])
    off = set(settings["pipeline.disabled"]) | set(disable)
    only = list(only)
    for name in [*names, *off, *only]:
        if name not in REGISTRY:
            raise SettingsError(f"unknown stage {name!r}; known stages: {', '.join(sorted(REGISTRY))}")
    if only:
        missing = [n for n in only if n not in names]
        if missing:
            raise SettingsError(f"stage {', '.join(map(repr, missing))} is not in pipeline.stages; add it there "
                                "(settings.toml [pipeline] stages = [...]) to run it")
        names = [n for n in names if n in only]
    return [REGISTRY[n] for n in names if n not in off]


def signature(stages: list[Stage]) -> str:
    """What a fully processed document has had done to it, e.g. `extract@1,langid@1`."""
    return ",".join(f"{s.name}@{s.version}" for s in stages)


# -- applying stages to documents ----------------------------------------------------------------

Event = tuple[str, str, str, str | None]          # (stage, outcome, reason, detail)


@dataclass
class Outcome:
    doc: Document
    events: list[Event] = field(default_factory=list)
    failed: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    deferred: bool = False       # handed back unfinished: it needs models this worker has not loaded (pool.py)

    def packed(self) -> tuple:
        """What a worker sends back (pool.py): the document as its stored JSON, which msgspec writes ~8x and reads
        ~4x faster than pickle handles the Document, plus the fields JSON leaves out (raw bytes, vectors)."""
        return (to_json(self.doc), self.doc.raw, self.doc.embeddings, self.events, self.failed, self.seconds,
                self.deferred)

    @classmethod
    def unpacked(cls, packed: tuple) -> "Outcome":
        data, raw, embeddings, events, failed, seconds, deferred = packed
        doc = from_json(data)
        doc.raw, doc.embeddings = raw, embeddings
        return cls(doc, events, failed, seconds, deferred)


def _missing(doc: Document, fields: tuple[str, ...]) -> list[str]:
    return [f for f in fields if not getattr(doc, f)]


class StageTimeout(Exception):
    """A stage ran past its budget on one document (in-process runs; worker processes are killed instead)."""


@contextmanager
def _time_budget(seconds: float | None):
    """Interrupt the enclosed code after `seconds` (main thread, POSIX); elsewhere no budget applies here."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise StageTimeout(f"took longer than {seconds:g} s (setting pipeline.stage_timeout_s)")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Worker:
    """Holds built stages (models loaded once) and applies them to batches of documents."""

    def __init__(self, stages: list[Stage], settings: Settings, *, stage_timeout_s: float | None = None) -> None:
        self.stages = [(s, s.build(settings)) for s in stages]
        self.stage_timeout_s = stage_timeout_s
        # Languages whose models this process has not loaded yet but its model process is loading (pool.py): a
        # document in one of them is handed back, unfinished, for a worker forked once they are loaded.
        self.waiting_for: frozenset[str] = frozenset()

    def preload(self, languages: list[str]) -> None:
        """Load now what the stages would load lazily for these languages (a stage function may offer a
        `preload(languages)` hook for models that no short warm-up page reaches, such as lingua's)."""
        for _, fn in self.stages:
            if (hook := getattr(fn, "preload", None)) is not None:
                hook(languages)

    def process(self, docs: list[Document]) -> list[Outcome]:
        return [self.process_one(doc) for doc in docs]

    def process_one(self, doc: Document, on_stage: Callable[[str], None] | None = None) -> Outcome:
        out = Outcome(doc)
        for spec, fn in self.stages:
            if out.doc.stages.get(spec.name) == spec.version:
                continue
            if self.waiting_for and not _languages(out.doc).isdisjoint(self.waiting_for):
                out.deferred = True     # the stages it has had are kept, the rest run later
                if not any("raw" in s.requires for s, _ in self.stages if out.doc.stages.get(s.name) != s.version):
                    out.doc.raw = None  # it waits in the parent: without its page once no stage needs that
                return out
            missing = _missing(out.doc, spec.requires)
            if on_stage:
                on_stage(spec.name)
            started = time.perf_counter()
            try:
                if missing:
                    raise Skip(f"no {', '.join(missing)}")
                with _time_budget(self.stage_timeout_s):
                    out.doc = fn(out.doc)
            except Skip as skip:
                out.events.append((spec.name, "skip", skip.reason, None))
            except StageTimeout as exc:
                out.events.append((spec.name, "error", str(exc), None))
                out.failed = True
                break
            except Exception as exc:  # a stage bug or bad input must not stop the run; it is stored
                detail = "".join(traceback.format_exception(exc, limit=-3))
                out.events.append((spec.name, "error", f"{type(exc).__name__}: {exc}", detail))
                out.failed = True
                break   # later stages build on this one
            finally:
                out.seconds[spec.name] = out.seconds.get(spec.name, 0.0) + time.perf_counter() - started
            out.doc.stages[spec.name] = spec.version
        out.doc.raw = None      # raw bytes live in the archive; don't ship them back
        return out


def _languages(doc: Document) -> set[str | None]:
    """The document's language and its sentences' languages."""
    return {doc.language, *(s.language for s in doc.sentences)}


def make_worker(names: list[str], values: dict[str, Any]) -> Worker:
    """A worker process's Worker: stages by name, settings from the parent (budgets are the parent's job)."""
    settings = Settings(values)
    _discover(settings["pipeline.plugins"])
    return Worker([REGISTRY[n] for n in names], settings)


COMMIT_EVERY_S = 1.0      # a finished document waits at most about this long for its commit


def start_pool(stages: list[Stage], settings: Settings, workers: int) -> Any:
    """A worker pool (`dragoman.pool.Pool`) whose model process starts loading now, for `process(pool=…)`: the
    caller reads its input meanwhile instead of before. `close()` it if it is not used after all."""
    from .pool import Pool
    return Pool([s.name for s in stages], settings.as_dict(), workers,
                stage_timeout_s=settings["pipeline.stage_timeout_s"],
                max_mb=settings["pipeline.worker_max_mb"]).start()


def process(docs: Iterable[Document], stages: list[Stage], settings: Settings, *,
            workers: int = 1, batch_size: int = 32, stats: dict | None = None,
            pool: Any = None) -> Iterator[list[Outcome]]:
    """Apply `stages` to `docs`, yielding outcomes in small groups to commit (completion order with workers > 1).

    A group closes at `batch_size` outcomes or after about a second, so one slow document never holds back
    the others' results. In-process (workers <= 1) a stage gets a time budget; worker processes also get a
    memory budget and are replaced when they exceed either (see `dragoman.pool`); their counts (forks, documents
    handed back, CPU seconds by process) go into `stats` when the run ends. `pool` is one from `start_pool` (its
    models may be loaded already); it is used when `workers` > 1 and closed otherwise.
    """
    if pool is not None and (workers <= 1 or pool.names != [s.name for s in stages]):
        pool.close()             # not needed after all, or started for other stages
        pool = None
    if workers <= 1:
        worker = Worker(stages, settings, stage_timeout_s=settings["pipeline.stage_timeout_s"])
        outcomes: Iterator[Outcome | None] = (worker.process_one(doc) for doc in docs)
    else:
        if pool is None:
            pool = start_pool(stages, settings, workers)
        pool.size = workers
        outcomes = pool.run(iter(docs))
    group: list[Outcome] = []
    opened = time.monotonic()
    try:
        for outcome in outcomes:
            if outcome is not None:
                if not group:
                    opened = time.monotonic()
                group.append(outcome)
            if group and (len(group) >= batch_size or time.monotonic() - opened >= COMMIT_EVERY_S):
                yield group
                group = []
        if group:
            yield group
    finally:
        outcomes.close()         # the pool's workers end here, however the caller stopped
        if pool is not None and stats is not None:
            stats.update(pool.report())


def worker_count(settings: Settings) -> int:
    wanted = settings["pipeline.workers"]
    return wanted if wanted > 0 else max(1, os.cpu_count() or 1)


@dataclass
class RunTally:
    """Per-stage counts of a run, stored with it."""

    documents: int = 0
    ok: int = 0
    failed: int = 0
    stages: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    dropped: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome, ran: list[Stage]) -> None:
        self.documents += 1
        self.failed += outcome.failed
        self.ok += not outcome.failed
        flagged = {stage for stage, *_ in outcome.events}
        for stage_name, kind, reason, _ in outcome.events:
            self.stages[stage_name][kind] += 1
            if kind == "skip":
                self.dropped[f"dropped/{stage_name}/{reason}"] += 1
        for spec in ran:
            if spec.name in outcome.seconds and spec.name not in flagged:
                self.stages[spec.name]["ok"] += 1
        self.seconds.update(outcome.seconds)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "ok": self.ok, "failed": self.failed,
                "stages": {k: dict(v) for k, v in self.stages.items()}, "dropped": dict(self.dropped),
                "stage_seconds": {k: round(v, 3) for k, v in self.seconds.items()}}
