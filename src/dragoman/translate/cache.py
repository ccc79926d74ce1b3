"""The translation cache: a small SQLite file apart from the main database, at `<root>/cache/translations.sqlite`.

Keyed by SHA-256 of (engine, model, version, source language, target language, sentence with whitespace
normalised), so a story republished by ten sites is translated once, and a new model or version misses.
Workers in several processes read and write it: WAL mode, a busy timeout, one connection per process.
Truncated inputs are not cached (their note would be lost); deleting the file only costs re-translation.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from .engines import Engine, EngineError, EngineOutput

CACHE_FILE = Path("cache") / "translations.sqlite"
_CHUNK = 500    # keys per SELECT, well under SQLite's variable limit


def cache_path(workspace_root: Path) -> Path:
    return Path(workspace_root) / CACHE_FILE


def cache_key(engine: str, model: str | None, version: str | None, source: str, target: str,
              sentence: str) -> str:
    """SHA-256 hex of what decides a translation; whitespace differences in the sentence do not count."""
    parts = [engine, model or "", version or "", source, target, " ".join(sentence.split())]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


class TranslationCache:
    """key -> English text; safe to share between processes (each opens its own connection lazily)."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = 30_000) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._con: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if self._con is not None and self._pid == os.getpid():
            return self._con
        # A connection inherited through fork is never reused: open a fresh one in this process.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000, check_same_thread=False,
                                  isolation_level=None)
            con.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, text TEXT NOT NULL, "
                        "created TEXT NOT NULL) WITHOUT ROWID")
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        self._con, self._pid = con, os.getpid()
        return con

    def _error(self, exc: sqlite3.Error) -> EngineError:
        return EngineError(f"translation cache {self.path}: {exc}; delete the file if it persists "
                           f"(it only holds cached translations)")

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The cached texts of the keys that are cached."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        with self._lock:
            con = self._connect()
            try:
                for start in range(0, len(keys), _CHUNK):
                    chunk = keys[start:start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    found.update(con.execute(f"SELECT key, text FROM translations WHERE key IN ({marks})", chunk))
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
        return found

    def put_many(self, items: Iterable[tuple[str, str]]) -> int:
        """Store (key, text) pairs in one transaction; returns how many were written."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [(key, text, now) for key, text in items]
        if not rows:
            return 0
        with self._lock:
            con = self._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                con.executemany("INSERT OR REPLACE INTO translations (key, text, created) VALUES (?, ?, ?)", rows)
                con.execute("COMMIT")
            except sqlite3.Error as exc:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise self._error(exc) from exc
        return len(rows)

    def __len__(self) -> int:
        with self._lock:
            return self._connect().execute("SELECT count(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._con is not None and self._pid == os.getpid():
                self._con.close()
            self._con = None


class CachedEngine:
    """An engine with the cache in front: only sentences never seen (for this engine, model and version) go out."""

    def __init__(self, engine: Engine, cache: TranslationCache) -> None:
        self.inner = engine
        self.cache = cache
        self.name = engine.name

    def pairs(self) -> set[tuple[str, str]]:
        return self.inner.pairs()

    def identity(self, source: str, target: str = "en") -> tuple[str | None, str | None]:
        ident = getattr(self.inner, "identity", None)
        return ident(source, target) if ident else (None, None)

    def translate(self, sentences: list[str], source: str, target: str = "en") -> list[EngineOutput]:
        model, version = self.identity(source, target)
        keys = [cache_key(self.name, model, version, source, target, s) if s.strip() else "" for s in sentences]
        hits = self.cache.get_many(k for k in keys if k)
        todo: dict[str, int] = {}          # key -> first index; repeats within the call go out once
        for i, key in enumerate(keys):
            if key and key not in hits and key not in todo:
                todo[key] = i
        fresh = self.inner.translate([sentences[i] for i in todo.values()], source, target) if todo else []
        made = dict(zip(todo, fresh))
        self.cache.put_many((k, out.text) for k, out in made.items() if out.note is None and out.text)
        result = []
        for key in keys:
            if not key:
                result.append(EngineOutput("", self.name, model, version))
            elif key in made:
                result.append(made[key])
            else:
                result.append(EngineOutput(hits[key], self.name, model, version))
        return result
