"""English name words rendered in Arabic script by `arabnamer`'s XGBoost model, cached on disk.

The model costs ~3.5 s and ~750 MB resident (1 GB at peak) to load and ~4 ms a word to run, so it never
loads in a Dragoman process: missing words go, in one batch, to a child process (`python -m
dragoman.names.render`) that loads the model, writes the renderings and exits. The renderings are a
per-word n-best list (argmax first), normalised like `keys.normalize_arabic`, kept in
`$DRAGOMAN_CACHE/arabnamer-<version>.json` (default `~/.cache/dragoman/`) and shared by every workspace,
since they depend only on the word and the model.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import re
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from anyascii import anyascii

from ..cachedir import cache_dir
from ..errors import DragomanError

NBEST = 5            # renderings kept per word
BEAM_LABELS = 4      # labels tried per letter when building the n-best list
MAX_WORD = 24        # longer "words" are not names; they are left unrendered
CACHE_VERSION = 1
_NOT_LETTER = re.compile(r"[^a-z']+")


class RenderError(DragomanError):
    """The arabnamer model could not be run; the message says why and what to do."""


def default_cache_path() -> Path:
    from importlib.metadata import PackageNotFoundError, version
    try:
        model = version("arabnamer")
    except PackageNotFoundError:
        model = "missing"
    return cache_dir() / f"arabnamer-{model}-v{CACHE_VERSION}.json"


def english_words(name: str) -> list[str]:
    """The words arabnamer is given: ASCII lowercase letters (and apostrophes), split at spaces and hyphens."""
    return [w for w in _NOT_LETTER.split(anyascii(name).lower()) if w.strip("'")]


class ArabicRenderer:
    """Word -> tuple of Arabic renderings (n-best, normalised); the model runs only for uncached words."""

    def __init__(self, cache_path: Path | None = None, *, offline: bool = False,
                 command: list[str] | None = None) -> None:
        """`offline`: never run the model; words not in the cache simply have no renderings."""
        self.cache_path = Path(cache_path) if cache_path else default_cache_path()
        self.offline = offline
        self.command = command or [sys.executable, "-m", "dragoman.names.render"]
        self._words: dict[str, tuple[str, ...]] | None = None
        self._lock = threading.Lock()
        self.model_runs = 0          # how many times the child process ran (for tests and reports)

    def _load(self) -> dict[str, tuple[str, ...]]:
        if self._words is None:
            self._words = {}
            if self.cache_path.exists():
                try:
                    data = json.loads(self.cache_path.read_text(encoding="utf-8"))
                    self._words = {w: tuple(r) for w, r in data.get("words", {}).items()}
                except (OSError, ValueError, AttributeError):
                    self._words = {}     # a broken cache is rebuilt, never trusted
        return self._words

    def cached(self, word: str) -> tuple[str, ...] | None:
        return self._load().get(word)

    def missing(self, words: Iterable[str]) -> list[str]:
        known = self._load()
        return sorted({w for w in words if w not in known and 0 < len(w) <= MAX_WORD})

    def renderings(self, word: str) -> tuple[str, ...]:
        """The n-best renderings of one word (rendering it first if needed); () for non-words."""
        found = self.cached(word)
        if found is None:
            self.prepare([word])
            found = self._load().get(word, ())
        return found

    def prepare(self, words: Iterable[str]) -> int:
        """Render every uncached word in one model run; returns how many were rendered."""
        words = list(words)
        with self._lock:
            if not self.missing(words) or self.offline:
                return 0
            with _file_lock(self.cache_path):
                # another process may have rendered them while we waited: only the model run is locked,
                # so two workers starting together load the ~1 GB model once, not twice
                self._words = None
                todo = self.missing(words)
                if not todo:
                    return 0
                made = _run_child(self.command, todo)
                self.model_runs += 1
                self._load().update(made)
                self._save(made)
            return len(made)

    def _save(self, made: dict[str, tuple[str, ...]]) -> None:
        """Merge with what is on disk now (another process may have added words) and replace atomically."""
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            on_disk: dict[str, list[str]] = {}
            if self.cache_path.exists():
                try:
                    on_disk = json.loads(self.cache_path.read_text(encoding="utf-8")).get("words", {})
                except (OSError, ValueError, AttributeError):
                    on_disk = {}
            on_disk.update({w: list(r) for w, r in made.items()})
            tmp = self.cache_path.with_name(f"{self.cache_path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": CACHE_VERSION, "words": on_disk}, ensure_ascii=False),
                           encoding="utf-8")
            os.replace(tmp, self.cache_path)
        except OSError:
            pass     # a read-only cache folder only costs a re-render next time


@contextmanager
def _file_lock(cache_path: Path) -> Iterator[None]:
    """An exclusive lock beside the cache file (POSIX flock; elsewhere no lock, only a wasted run)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(cache_path.with_name(cache_path.name + ".lock"), "a")
    except OSError:            # a read-only cache folder: render without the lock
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_child(command: list[str], words: list[str]) -> dict[str, tuple[str, ...]]:
    try:
        done = subprocess.run(command, input=json.dumps(words), capture_output=True, text=True,
                              encoding="utf-8", timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"arabnamer: could not run {command[0]}: {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no message"]
        raise RenderError(f"arabnamer: rendering {len(words)} names failed ({tail[0]}); "
                          "check that arabnamer and xgboost are installed")
    data = json.loads(done.stdout)
    return {w: tuple(r) for w, r in data.items()}


# ---------------------------------------------------------------- the child process

def render_words(words: list[str]) -> dict[str, list[str]]:
    """Run the model over `words` in one batch (in this process) and return each word's n-best list."""
    import numpy as np
    import xgboost as xgb
    from arabnamer.prediction import XGBoostTransliterator
    from arabnamer.prediction.featurize import featurize_word

    from .keys import normalize_arabic

    model = XGBoostTransliterator()
    # One DMatrix for the whole batch: the library's per-word predict_token is ~13x slower.
    booster, labels = model._booster, model._labels
    normal = [normalize_arabic(label).replace(" ", "") for label in labels]
    rows = [featurize_word(w) for w in words]
    flat = np.array([r for word_rows in rows for r in word_rows], dtype=np.int32)
    probs = booster.predict(xgb.DMatrix(flat)) if len(flat) else np.zeros((0, len(labels)))
    out: dict[str, list[str]] = {}
    pos = 0
    for word, word_rows in zip(words, rows):
        out[word] = _nbest(probs[pos:pos + len(word_rows)], normal)
        pos += len(word_rows)
    return out


def _nbest(probs, labels: list[str]) -> list[str]:
    """The NBEST most probable label sequences (letters predicted independently, so a small beam is exact
    enough), merged when they normalise to the same Arabic."""
    import numpy as np
    beams: list[tuple[float, str]] = [(0.0, "")]
    for row in probs:
        top = np.argsort(-row)[:BEAM_LABELS]
        scored: dict[str, float] = {}
        for logp, text in beams:
            for i in top:
                key = text + labels[i]
                value = logp + math.log(max(float(row[i]), 1e-12))
                if scored.get(key, -math.inf) < value:
                    scored[key] = value
        beams = heapq.nlargest(NBEST * 2, ((v, k) for k, v in scored.items()))
    return [text for _, text in beams[:NBEST] if text]


def main() -> None:
    words = json.loads(sys.stdin.read() or "[]")
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        sys.exit("expected a JSON list of words on stdin")
    sys.stdout.write(json.dumps(render_words(words), ensure_ascii=False))


if __name__ == "__main__":
    main()
