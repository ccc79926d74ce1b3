"""Worker processes for `run`, each on a budget, none outliving the run.

Models load once per run: a first process (the "zygote") builds the stages, warms them on a short page in the first
language of `pipeline.preload` and then forks every worker from itself, so the workers start at once and share the
loaded models' memory pages (copy-on-write) instead of each loading its own copy; a replacement worker is one more
fork. The other preloaded languages load only when documents need them (see `Pool`). Each worker holds at most
`QUEUED` documents (the next waits in its pipe, so a worker never idles while the parent is busy writing) and
notes every stage it starts in shared memory (`StageClocks`). The parent watches the clock and each worker's memory: a stage past
`pipeline.stage_timeout_s`, a worker past `pipeline.worker_max_mb` or a worker that dies fails the one document it
was working on, with the reason; its queued documents go to the fresh worker that takes the slot, and the rest of
the run goes on. Workers and the zygote exit with the parent (PR_SET_PDEATHSIG on Linux, else a watchdog on the
parent's pid), ignore Ctrl-C (the parent ends them), and are killed when the run stops for any reason.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import recv_handle, send_handle
from functools import partial
from typing import Any, Callable, Iterator

from .model import Document

POLL_S = 0.25                # how often the parent looks at clocks and memory while it waits
QUEUED = 2                   # documents in a worker's hands: the one it works on and the next
# The model process loads a language for every worker once LOAD_AFTER documents wait for it and they are LOAD_SHARE
# of the documents sent so far (or LOAD_ALWAYS wait: the parent holds them). A rarer language waits for the tail.
LOAD_AFTER, LOAD_SHARE, LOAD_ALWAYS = 32, 0.05, 500
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, *, watchdog: bool = True) -> None:
    """Make this process end when `parent_pid` ends, however it ends (kill -9 included)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:       # the parent went before the line above took effect
        os._exit(1)
    if not watchdog:
        return

    def watch() -> None:                 # also covers systems without prctl
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


# -- the stage clocks: which stage each worker is in, and since when -------------------------------------------

class StageClocks:
    """Which stage each worker is in and since when, one shared 64-bit word per worker: the worker writes its word
    at every stage start, the parent reads it on its poll tick (a pipe message per stage woke the parent ~12 times
    a document). One word, so a read never sees half a write: the stage's start (ms after `base`), the worker's
    document count (16 bits: tells the document in hand from the one before) and the stage's index + 1 (8 bits;
    0: no stage yet)."""

    def __init__(self, context: Any, cells: int, names: list[str]) -> None:
        self.words = context.RawArray(ctypes.c_int64, cells)    # created before the spawn, so the zygote and
        self.base = time.monotonic()                             # every worker forked from it share it
        self.names = ["start", *names][:256]

    def writer(self, cell: int) -> Callable[[int, str], None]:
        """For a worker: `started(document count, stage name)` notes a stage's start in `cell`."""
        words, base = self.words, self.base
        index = {name: i for i, name in enumerate(self.names)}

        def started(seq: int, name: str) -> None:
            words[cell] = int((time.monotonic() - base) * 1000) << 24 | (seq & 0xFFFF) << 8 | index.get(name, 0)
        return started

    def read(self, cell: int, seq: int) -> tuple[str, float] | bool:
        """The stage the worker in `cell` is in for its document `seq` and when it started (monotonic clock); True
        when it has moved past that document (the result is on its way), False when no stage of it has started."""
        word = self.words[cell]
        ahead = ((word >> 8) - seq) & 0xFFFF
        if not word & 0xFF or ahead >= 0x8000:
            return False
        if ahead:
            return True
        return self.names[word & 0xFF], self.base + (word >> 24) / 1000

    def clear(self, cell: int) -> None:
        self.words[cell] = 0


# -- the zygote: stages built and warmed once, workers forked from it -------------------------------------------

# Short pages of our own writing that make each language's models load (names, a place, a date, an event, a claim).
WARM_UP = {
    "en": "Defence Minister Sergei Shoigu met Khalifa Haftar in Benghazi on Monday, 4 March 2024. The two sides "
          "agreed to hold talks in Moscow, officials said. Wagner fighters moved from Sirte to the al-Jufra air base.",
    "fr": "Le ministre de la Défense Sergueï Choïgou a rencontré Khalifa Haftar à Benghazi lundi 4 mars 2024. "
          "Les deux parties ont convenu de tenir des pourparlers à Moscou, selon des responsables.",
    "ru": "Министр обороны Сергей Шойгу встретился с Халифой Хафтаром в Бенгази в понедельник, 4 марта 2024 года. "
          "Стороны договорились провести переговоры в Москве, сообщили официальные лица.",
    "tr": "Savunma Bakanı Sergey Şoygu, 4 Mart 2024 Pazartesi günü Bingazi'de Halife Hafter ile görüştü. "
          "Yetkililer, iki tarafın Moskova'da müzakere yapmayı kabul ettiğini söyledi.",
    "ar": "التقى وزير الدفاع سيرغي شويغو المشير خليفة حفتر في بنغازي يوم الاثنين 4 مارس 2024. "
          "واتفق الطرفان على إجراء محادثات في موسكو، بحسب مسؤولين.",
}


def warm(worker: Any, languages: list[str], *, hooks: bool = True) -> None:
    """Run the stages once on a short page per language, so the models they load lazily are loaded now; with
    `hooks`, also what the stages' own preload hooks load for these languages."""
    waiting, worker.waiting_for = getattr(worker, "waiting_for", frozenset()), frozenset()
    try:
        for lang in languages:
            text = WARM_UP.get(lang)
            if text is None:
                continue
            doc = Document(id=f"warm-up-{lang}", source="local", text=text)
            try:
                worker.process_one(doc)
            except Exception:        # best effort: a worker loads what it needs on first use anyway
                pass
    finally:
        worker.waiting_for = waiting
    if hooks:
        _preload(worker, languages)


def _preload(worker: Any, languages: list[str]) -> None:
    try:
        worker.preload(languages)
    except Exception:                # best effort, as above
        pass


def thinc_without_torch() -> None:
    """Import thinc (spaCy's model library) without torch: thinc imports torch whenever it is installed (~1 CPU-s
    and ~200 MB here) and no stage's model needs it. torch stays importable for anything that asks later."""
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None          # type: ignore[assignment]   # makes `import torch` fail at once
    try:
        import thinc.compat  # noqa: F401
    except ImportError:
        pass
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def _zygote(conn: Connection, names: list[str], values: dict[str, Any], parent_pid: int,
            clocks: StageClocks) -> None:
    """Build the stages and warm the first language of `pipeline.preload`, then serve the parent's requests:
    ("fork", loads_itself, cell) forks a worker that notes its stages in that cell of `clocks`; ("load", languages) warms those languages here, so that workers forked
    from then on share them (the parent asks once enough documents wait for one, see `Pool.run`).

    A worker forked here hands back a document that needs a preloadable language not loaded yet; one forked with
    `loads_itself` loads whatever it meets on its own (the run's last few documents in a rare language)."""
    die_with_parent(parent_pid, watchdog=False)     # no thread here (this process forks); EOF on `conn` ends it too
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    thinc_without_torch()
    from .pipeline import make_worker
    worker = make_worker(names, values)
    languages = list(values.get("pipeline.preload") or [])
    loaded, later = languages[:1], [lang for lang in languages[1:] if lang in WARM_UP]
    warm(worker, loaded)
    worker.waiting_for = frozenset(later)
    gc.collect()
    gc.freeze()              # the loaded objects are never touched by a collection again, so their pages stay shared
    conn.send(("ready",))
    me = os.getpid()
    while True:
        ready = wait([conn], timeout=POLL_S)
        _reap(conn)
        if not ready:
            continue
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            _reap(conn, wait_s=2.0)
            own = resource.getrusage(resource.RUSAGE_SELF)
            conn.send(("cpu", own.ru_utime + own.ru_stime))
            return
        if request[0] == "load":
            new = [lang for lang in request[1] if lang in later]
            for lang in new:
                warm(worker, [lang], hooks=False)
                later.remove(lang)
                loaded.append(lang)
            worker.waiting_for = frozenset(later)
            _preload(worker, loaded)
            gc.collect()
            gc.freeze()
            conn.send(("loaded", new, list(request[1])))
            continue
        loads_itself, cell = bool(request[1]), request[2]
        lacks = frozenset() if loads_itself else worker.waiting_for
        here, there = multiprocessing.Pipe()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                conn.close()
                here.close()
                worker.waiting_for = lacks
                _serve(there, worker, me, clocks.writer(cell))
                code = 0
            finally:
                os._exit(code)
        there.close()
        conn.send(("forked", pid, sorted(lacks)))
        send_handle(conn, here.fileno(), parent_pid)
        here.close()


def _reap(conn: Connection, *, wait_s: float = 0.0) -> None:
    """Reap finished workers and tell the parent how each ended and the CPU seconds it used; with `wait_s`, wait
    up to that long for the ones still running (the run is ending)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() >= deadline:
                return
            time.sleep(0.02)
            continue
        conn.send(("exit", pid, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime))


def _serve(conn: Connection, worker: Any, zygote_pid: int, started: Callable[[int, str], None]) -> None:
    """A worker's life: process one document per message until told to stop.

    A thread reads the pipe all the time, so the parent's send of the next document never waits for the current
    one to finish: a parent blocked sending a large page while this worker blocks sending a large result would
    wait on each other for ever."""
    die_with_parent(zygote_pid)
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = None
            inbox.put(message)
            if message is None:
                return
    threading.Thread(target=read, name="inbox", daemon=True).start()
    conn.send(("ready",))
    seq = 0                      # documents taken: the parent counts the results, so it knows which one a stage is of
    while True:
        doc = inbox.get()
        if doc is None:
            return
        outcome = worker.process_one(doc, on_stage=partial(started, seq))
        seq += 1
        try:
            message = ("packed", outcome.packed())
        except Exception:        # a document JSON cannot hold (a stage's bug): pickled, the parent reports it
            message = ("done", outcome)
        conn.send(message)


class _Zygote:
    """The parent's side of the zygote: start it, ask for workers, learn how they ended."""

    def __init__(self, context: Any, names: list[str], values: dict[str, Any], workers: int) -> None:
        here, there = context.Pipe()
        self.clocks = StageClocks(context, 2 * workers + 8, names)
        self.cells: dict[int, int] = {}     # stage clock cell → the worker forked with it
        self.process = context.Process(target=_zygote, args=(there, names, values, os.getpid(), self.clocks),
                                       name="dragoman-models", daemon=True)
        self.process.start()
        there.close()
        self.conn = here
        self.exits: dict[int, int] = {}
        self.cpu: dict[int, float] = {}      # CPU seconds of each worker that ended
        self.own_cpu: float | None = None    # the model process's own CPU seconds, told as it ends
        self.loaded: set[str] = set()        # languages loaded on request (the first is loaded before "ready")
        self.loading: set[str] = set()       # asked for, not loaded yet
        self.ready = False

    def wait_ready(self) -> None:
        """Wait until the models are loaded (the process is started at once; the caller may work meanwhile)."""
        if self.ready:
            return
        try:
            self._expect("ready")
        except BaseException:            # Ctrl-C or SIGTERM while the models load: no process left behind
            self.close()
            raise
        self.ready = True

    def _expect(self, kind: str) -> tuple:
        """The next message of `kind`, noting worker exits on the way; RuntimeError when the zygote is gone."""
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                self.process.join(timeout=5)
                raise RuntimeError("the pipeline's model process failed to start "
                                   f"(exit code {self.process.exitcode})") from None
            if message[0] == kind:
                return message
            self._note(message)

    def fork(self, loads_itself: bool = False) -> "_Forked":
        cell = self._free_cell()
        self.clocks.clear(cell)
        self.conn.send(("fork", loads_itself, cell))
        _, pid, lacks = self._expect("forked")
        self.cells[cell] = pid
        return _Forked(pid, self, Connection(recv_handle(self.conn)), frozenset(lacks), cell)

    def _free_cell(self) -> int:
        """A stage clock cell no living worker writes: never used, or its worker's end reported (a killed worker
        may run on for a moment). Workers at a time are far fewer than cells, so the wait is for a kill's report."""
        deadline = time.monotonic() + 10.0
        while True:
            self.note_exits()
            for cell in range(len(self.clocks.words)):
                if self.cells.get(cell) is None or self.cells[cell] in self.exits:
                    return cell
            if time.monotonic() > deadline or not self.process.is_alive():
                raise RuntimeError("no stage clock free: workers killed but not reported ended")
            time.sleep(0.02)

    def load(self, languages: set[str]) -> None:
        self.conn.send(("load", sorted(languages)))
        self.loading |= languages

    def note_exits(self) -> None:
        try:
            while self.conn.poll():
                self._note(self.conn.recv())
        except (EOFError, OSError):
            pass

    def _note(self, message: tuple) -> None:
        if message[0] == "exit":
            self.exits[message[1]] = message[2]
            self.cpu[message[1]] = message[3]
        elif message[0] == "loaded":
            self.loaded.update(message[1])
            self.loading -= set(message[2])
        elif message[0] == "cpu":
            self.own_cpu = message[1]

    def close(self) -> None:
        if not self.ready:               # still loading (a pool started but not needed): nothing to wait for
            self.process.kill()
        try:
            self.conn.send(None)
            deadline = time.monotonic() + 4.0
            while self.own_cpu is None and time.monotonic() < deadline:
                if self.conn.poll(0.1):
                    self._note(self.conn.recv())
            self.process.join(timeout=2)
        except (OSError, ValueError, EOFError):
            pass
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


@dataclass
class _Forked:
    """A worker forked by the zygote: not our child, so its exit code comes from the zygote."""
    pid: int
    zygote: _Zygote
    conn: Connection
    lacks: frozenset[str]        # preloadable languages it hands documents back for (not loaded when it was forked)
    cell: int                    # its cell in the zygote's stage clocks

    @property
    def exitcode(self) -> int | None:
        self.zygote.note_exits()
        return self.zygote.exits.get(self.pid)

    def wait_exit(self, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while (code := self.exitcode) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        return code

    def is_alive(self) -> bool:
        return self.exitcode is None

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class _Slot:
    process: _Forked
    conn: Connection
    ready: bool = False
    docs: list[Document] = field(default_factory=list)      # sent, in order; the first is the one being worked on
    done: int = 0                            # results received: the number of the document in hand
    since: float = 0.0                       # when the document in hand became the one worked on
    serves: frozenset[str] | None = None     # loads these languages itself, for the documents that wait for them
    measured: float = 0.0                    # when its memory was last read

    @property
    def lacks(self) -> frozenset[str]:
        return self.process.lacks

    def where(self) -> tuple[str, float] | None:
        """The stage the document in hand is in and since when ("start" before its first stage); None once the
        worker has moved past it (its result is on the way)."""
        found = self.process.zygote.clocks.read(self.process.cell, self.done)
        if found is True:
            return None
        return found or ("start", self.since)


_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc), None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return None


class Pool:
    """`workers` budgeted worker processes; `run(docs)` yields each document's Outcome as it completes, and
    None between polls.

    Languages of `pipeline.preload` after the first load only when documents need them. A worker hands back a
    document that needs one not loaded yet (with the stages it has had); the document waits here. Once enough
    documents wait for a language (`LOAD_AFTER`, and `LOAD_SHARE` of those sent), the model process loads it and
    the workers that lack it are replaced by fresh forks when idle, which share it. Documents still waiting when the input is done (a language
    too rare to load for every worker) go last to workers that load it themselves and end when their documents
    are done, after the other workers have ended, so the rare language's memory is never held beside theirs."""

    def __init__(self, names: list[str], values: dict[str, Any], workers: int, *,
                 stage_timeout_s: float, max_mb: float) -> None:
        self.names, self.values, self.size = names, values, workers
        self.stage_timeout_s, self.max_mb = stage_timeout_s, max_mb
        self.context = multiprocessing.get_context("spawn")      # no forked locks from the parent's threads
        self.zygote: _Zygote | None = None
        self.slots: list[_Slot] = []
        self.replaced = 0
        # What the run cost beyond the stages themselves (stored with the run, printed by bench/throughput.py).
        self.stats: Counter = Counter()
        self.deferred_langs: Counter = Counter()
        self.cpu = {"models": 0.0, "workers": 0.0}
        self.ran = False

    def start(self) -> "Pool":
        """Start the model process now, without waiting for its models: a caller with other work before the run
        (reading the input files, ingest) does it while the models load. `run` starts it if nothing did."""
        if self.zygote is None:
            self.zygote = _Zygote(self.context, self.names, self.values, self.size)
        return self

    def close(self) -> None:
        """End a pool started but never run (`run` ends its own processes when it ends)."""
        if self.zygote is not None and not self.ran:
            self._close_zygote()
            self.zygote = None

    def _start(self, serves: frozenset[str] | None = None) -> _Slot:
        assert self.zygote is not None
        try:
            forked = self.zygote.fork(loads_itself=serves is not None)
        except (RuntimeError, OSError):      # the zygote itself died (killed, out of memory): load again, once
            self._restart_zygote()
            forked = self.zygote.fork(loads_itself=serves is not None)
        self.stats["forks" if serves is None else "forks_loading_themselves"] += 1
        return _Slot(forked, forked.conn, serves=serves)

    def _restart_zygote(self) -> None:
        """A new model process for one that died. One that died loading a language (a crash, the memory limit) is
        replaced by one that loads only the first, so it cannot die the same way, and workers load the others
        themselves when they need them."""
        died_loading = bool(self.zygote.loading)
        self._close_zygote()
        self.stats["model_process_restarts"] += 1
        if died_loading:
            self.values = {**self.values, "pipeline.preload": list(self.values.get("pipeline.preload") or [])[:1]}
        self.zygote = _Zygote(self.context, self.names, self.values, self.size)
        self.zygote.wait_ready()

    def _replace(self, slot: _Slot) -> None:
        """A fresh worker in a failed worker's place (one that loaded a rare language is not replaced: the
        documents still waiting for it get a new one when their turn comes)."""
        _end(slot)
        if slot.serves is None:
            self.slots[self.slots.index(slot)] = self._start()
        else:
            self.slots.remove(slot)
        self.replaced += 1

    def run(self, docs: Iterator[Document]) -> Iterator[Any | None]:
        from .pipeline import Outcome, _languages
        again: deque[Document] = deque()      # queued on a worker that was replaced: not started, so sent again
        waiting: list[tuple[Document, frozenset[str]]] = []   # handed back, with the languages it waits for
        had: dict[str, set[str]] = {}         # stages a handed-back document had had, by id
        more = True                           # the input may hold more documents

        def lost(slot: _Slot, reason: str) -> Any:
            """The document the worker was on fails; the ones queued behind it wait for the next worker."""
            failed = _failed(Outcome, slot, reason)
            again.extendleft(reversed(slot.docs[1:]))
            slot.docs = []
            return failed

        def stale(slot: _Slot) -> bool:
            """Forked before the model process loaded a language it lacks: takes no more documents."""
            return slot.serves is None and not slot.lacks.isdisjoint(self.zygote.loaded)

        def fits(slot: _Slot, needs: frozenset[str]) -> bool:
            return needs == slot.serves if slot.serves is not None else needs.isdisjoint(slot.lacks)

        def take(slot: _Slot) -> Document | None:
            nonlocal more
            for i, (doc, needs) in enumerate(waiting):
                if fits(slot, needs):
                    del waiting[i]
                    return doc
            if again:            # a worker that loads what it meets can take any of these
                return again.popleft()
            if slot.serves is not None or not more:
                return None
            doc = next(docs, None)
            more = doc is not None
            return doc

        def reshape() -> None:
            """Replace idle stale workers; load a language many documents wait for; once the input is done, end the
            workers no waiting document fits and start ones that load the rest themselves, a language set each."""
            for slot in list(self.slots):
                if stale(slot) and not slot.docs:
                    _end(slot)
                    self.slots[self.slots.index(slot)] = self._start()
                    self.stats["replaced_once_loaded"] += 1
            counts = Counter(lang for _, needs in waiting for lang in needs)
            sent = self.stats["sent"]
            hot = {lang for lang, n in counts.items()
                   if n >= LOAD_AFTER and (n >= LOAD_SHARE * sent or n >= LOAD_ALWAYS)} - self.zygote.loaded
            if hot and not self.zygote.loading:
                self.zygote.load(hot)
            if more or self.zygote.loading or not (waiting or again):
                return
            for slot in list(self.slots):
                if not slot.docs and not again and not any(fits(slot, needs) for _, needs in waiting):
                    _end(slot)
                    self.slots.remove(slot)
            if any(s.serves is None for s in self.slots):
                return       # the documents that fit them go to these first; the others wait for them to end
            served = {s.serves for s in self.slots}
            for needs, _ in Counter(needs for _, needs in waiting).most_common():
                if len(self.slots) >= self.size:
                    break
                if needs not in served:
                    self.slots.append(self._start(serves=needs))
            if not self.slots and again:
                self.slots.append(self._start())

        self.ran = True
        try:
            self.start()
            self.zygote.wait_ready()
            self.slots = [self._start() for _ in range(self.size)]
            while True:
                self.zygote.note_exits()
                if self.zygote.loading and not self.zygote.process.is_alive():
                    self._restart_zygote()      # it died loading a language: the new one loads no more languages
                reshape()
                for slot in self.slots:
                    while slot.ready and len(slot.docs) < QUEUED and not stale(slot):
                        doc = take(slot)
                        if doc is None:
                            break
                        if not slot.docs:
                            slot.since = time.monotonic()
                        slot.docs.append(doc)
                        self.stats["sent"] += 1
                        try:
                            slot.conn.send(doc)
                        except OSError:             # the worker died while idle
                            yield lost(slot, f"the worker died (exit code {slot.process.wait_exit(1.0)})")
                            self._replace(slot)
                            break
                if not more and not again and not waiting and all(not s.docs for s in self.slots):
                    return
                for conn in wait([s.conn for s in self.slots], timeout=POLL_S):
                    slot = next(s for s in self.slots if s.conn is conn)
                    try:
                        while slot.conn.poll():
                            message = slot.conn.recv()
                            if message[0] == "ready":
                                slot.ready = True
                            else:
                                slot.docs.pop(0)
                                slot.done += 1
                                slot.since = time.monotonic()
                                outcome = Outcome.unpacked(message[1]) if message[0] == "packed" else message[1]
                                if outcome.doc.id in had:      # stages run again after the hand-back
                                    self.stats["stages_run_again"] += len(had.pop(outcome.doc.id)
                                                                          & set(outcome.seconds))
                                if outcome.deferred:
                                    self._count_deferral(outcome, had)
                                    needs = frozenset(_languages(outcome.doc)) & slot.lacks
                                    if needs:
                                        waiting.append((outcome.doc, needs))
                                    else:      # cannot happen; sent again rather than lost
                                        again.append(outcome.doc)
                                else:
                                    yield outcome
                    except (EOFError, OSError):
                        code = slot.process.wait_exit(1.0)
                        if not slot.docs and not slot.ready:
                            raise RuntimeError(f"a pipeline worker failed to start (exit code {code})") from None
                        if slot.docs:
                            yield lost(slot, f"the worker died (exit code {code})")
                        self._replace(slot)
                now = time.monotonic()
                for slot in list(self.slots):
                    if not slot.docs:
                        continue
                    where = slot.where()
                    if where is not None and now - where[1] > self.stage_timeout_s:
                        reason = (f"took longer than {self.stage_timeout_s:g} s "
                                  "(setting pipeline.stage_timeout_s); the worker was replaced")
                    elif now - slot.measured < POLL_S:
                        continue      # memory read at most every POLL_S: each result wakes this loop
                    else:
                        slot.measured = now
                        mb = rss_mb(slot.process.pid)
                        if mb is None or mb <= self.max_mb:
                            continue
                        reason = (f"used {mb:.0f} MB, over {self.max_mb:g} MB (setting pipeline.worker_max_mb); "
                                  "the worker was replaced")
                    yield lost(slot, reason)
                    self._replace(slot)
                yield None          # a tick: lets the caller commit what it holds while a slow document runs
        finally:
            for slot in self.slots:
                _end(slot)
            if self.zygote is not None:
                self._close_zygote()
            self.stats["replaced"] = self.replaced

    def _count_deferral(self, outcome: Any, had: dict[str, set[str]]) -> None:
        from .pipeline import _languages
        self.stats["deferred"] += 1
        self.stats["stages_before_deferral"] += len(outcome.seconds)
        had[outcome.doc.id] = set(outcome.doc.stages)
        first = (self.values.get("pipeline.preload") or [None])[0]
        for lang in sorted(filter(None, _languages(outcome.doc) - {first})):
            self.deferred_langs[lang] += 1

    def _close_zygote(self) -> None:
        """End the model process, adding its CPU seconds and its workers' to the run's."""
        assert self.zygote is not None
        self.zygote.close()
        self.cpu["workers"] += sum(self.zygote.cpu.values())
        self.cpu["models"] += self.zygote.own_cpu or 0.0

    def report(self) -> dict[str, Any]:
        """The run's pool counts: forks, replacements, documents handed back (by language) and sent again, the
        stages they ran twice, and CPU seconds of the model process and of the workers."""
        return {**dict(self.stats), "deferred_languages": dict(self.deferred_langs),
                "loaded_on_request": sorted(self.zygote.loaded) if self.zygote else [],
                "cpu_s": {k: round(v, 2) for k, v in self.cpu.items()}}


def _failed(outcome_type: Any, slot: _Slot, reason: str) -> Any:
    doc = slot.docs[0]
    doc.raw = None
    where = slot.where()
    stage = where[0] if where is not None and where[0] != "start" else "pipeline"
    return outcome_type(doc, events=[(stage, "error", reason, None)], failed=True)


def _end(slot: _Slot) -> None:
    """Stop a worker now: ask, then kill; never leave it running."""
    try:
        if not slot.docs and slot.ready and slot.process.is_alive():
            slot.conn.send(None)
            slot.process.wait_exit(2.0)
    except (OSError, ValueError):
        pass
    if slot.process.is_alive():
        slot.process.kill()
    slot.conn.close()
