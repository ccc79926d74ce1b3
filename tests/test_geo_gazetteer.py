"""The gazetteer: built once from its sources into a cache file, then read-only lookups by name key.

The real build takes about half a minute; it goes to a shared temporary cache (or $DRAGOMAN_TEST_CACHE) whose
file name carries the inputs' fingerprint, so later runs and the other test modules reuse it.
"""

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from dragoman.errors import DragomanError
from dragoman.geo import gazetteer as gz
from dragoman.geo.gazetteer import BUILD_VERSION, Gazetteer, ensure_built


def _names(cands):
    return {(c.name, c.country, c.feature) for c in cands}


def test_the_cache_file_carries_the_build_version(gaz):
    assert gaz.path.parent == Path(os.environ["DRAGOMAN_CACHE"])
    assert gaz.path.name.startswith(f"gazetteer-v{BUILD_VERSION}-") and gaz.path.suffix == ".sqlite"
    assert gaz.path.stat().st_size > 10_000_000
    assert 2 <= gaz.max_name_tokens


@pytest.mark.parametrize("name", ["بنغازي", "Бенгази", "Benghazi", "Bengasi", "Bingazi"])
def test_benghazi_in_any_script(gaz, name):
    towns = [c for c in gaz.candidates(name) if c.feature in ("city", "capital")]
    assert [(c.name, c.country) for c in towns] == [("Benghazi", "LY")]
    assert abs(towns[0].lat - 32.1) < 0.1 and abs(towns[0].lon - 20.07) < 0.1


def test_ambiguous_names_keep_every_candidate(gaz):
    tripoli = {(c.country, c.feature) for c in gaz.candidates("Tripoli")}
    assert {("LY", "capital"), ("LB", "city")} <= tripoli
    assert {c.country for c in gaz.candidates("طرابلس")} >= {"LY", "LB"}


def test_countries_regions_continents_and_demonyms(gaz):
    libya = gaz.country("LY")
    assert libya.name == "Libya" and libya.feature == "country"
    assert ("Libya", "LY", "country") in _names(gaz.candidates("Ливия"))
    assert ("Libya", "LY", "country") in _names(gaz.candidates("ليبيا"))
    assert {c.match for c in gaz.candidates("Libyan")} == {"demonym"}
    assert any(c.feature == "region" and c.country == "US" for c in gaz.candidates("California"))
    assert any(c.feature == "continent" for c in gaz.candidates("Europe"))
    assert any(c.id == "reg:fezzan" for c in gaz.candidates("فزان"))


def test_facilities_win_over_airport_rows_for_their_sites(gaz):
    (benina,) = gaz.code("HLLB")
    assert benina.id == "fac:benina" and benina.feature == "airbase"
    assert gaz.by_id("apt:HLLB") is None                       # folded into the facility, not listed twice
    assert any(c.id == "fac:benina" for c in gaz.candidates("Benina International Airport"))
    assert [c.id for c in gaz.candidates("Cufra")] == ["fac:al-jufra"]
    khadim = [c for c in gaz.candidates("الخدم") if c.id == "fac:al-khadim"]
    assert khadim and khadim[0].match == "weak" and khadim[0].lang == "ar"


def test_key_lookups_and_nearby_sites(gaz):
    assert gaz.has_key("جفره") and not gaz.has_key("no such place anywhere")
    names, prefixes = gaz.known_keys(["benghazi", "brak", "zzzz qqq"])
    assert "benghazi" in names and "brak" in prefixes and "zzzz qqq" not in names
    # asked again (remembered) and mixed with new keys: the same answers
    keys = ["zzzz qqq", "brak", "benghazi", "derna"]
    assert gaz.known_keys(keys) == Gazetteer(gaz.path).known_keys(keys)
    near_sirte = gaz.near(31.209, 16.589, 40, ["airbase", "airport"])
    assert near_sirte[0].id == "fac:ghardabiya"


def test_lookups_are_fast_and_need_no_data_in_memory(gaz):
    keys = [f"zz{i}" for i in range(2000)]
    started = time.perf_counter()
    for key in keys:
        gaz.candidates_for_key(key)
    per_lookup = (time.perf_counter() - started) / len(keys)
    assert per_lookup < 0.02                                    # an index lookup, not a scan (10x slack for busy machines)


def _fake_build(calls):
    def build(path, fingerprint, progress=None, **_):
        calls.append(path)
        time.sleep(0.2)                                         # long enough for a racing opener to wait
        db = sqlite3.connect(path)
        db.executescript("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("fingerprint", fingerprint), ("max_name_tokens", "1")])
        db.commit()
        db.close()
        if progress:
            progress("done", 1.0)
        return {}
    return build


def test_build_is_atomic_and_done_once_when_two_openers_race(tmp_path):
    calls, seen = [], []
    target = tmp_path / "g.sqlite"
    threads = [threading.Thread(target=ensure_built, args=(target, lambda s, f: seen.append(s), _fake_build(calls)))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and seen == ["done"]
    assert target.is_file() and not list(tmp_path.glob("*.tmp"))
    assert ensure_built(target, builder=_fake_build(calls)) is False      # up to date: nothing to do


def test_a_stale_or_foreign_file_is_rebuilt(tmp_path, monkeypatch):
    calls = []
    target = tmp_path / "g.sqlite"
    target.write_bytes(b"not a database")
    assert ensure_built(target, builder=_fake_build(calls)) is True and len(calls) == 1
    monkeypatch.setattr(gz, "fingerprint", lambda: "another-version")
    assert ensure_built(target, builder=_fake_build(calls)) is True and len(calls) == 2


def test_a_failing_build_is_reported_and_leaves_nothing_behind(tmp_path):
    def broken(path, fingerprint, progress=None):
        path.write_bytes(b"half")
        raise OSError("disk full")
    with pytest.raises(OSError, match="disk full"):
        ensure_built(tmp_path / "g.sqlite", builder=broken)
    assert not (tmp_path / "g.sqlite").exists() and not list(tmp_path.glob("*.tmp"))


def test_the_child_build_reports_its_errors(tmp_path):
    with pytest.raises(DragomanError, match="building the gazetteer failed"):
        gz.build_in_child(tmp_path / "missing-dir" / "g.sqlite", "fp")


def test_an_unreadable_file_says_what_to_do(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"garbage" * 100)
    with pytest.raises(DragomanError, match="delete it"):
        Gazetteer(broken)
