"""Per-language cue words for the rule recognisers, kept as YAML in `data/<lang>.yaml` and checked on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafile import safe_load
from ..errors import InputError
from .tokens import Phrases, key

DATA = Path(__file__).parent / "data"
LANGS = ("ar", "ru", "tr", "fr", "en")
# Each key is a list of words or phrases; what each one means is said at the top of every data file.
FIELDS = ("titles", "title_modifiers", "org_heads", "org_words", "loc_heads", "facility_heads", "facility_tails",
          "loc_words", "demonyms", "connectors", "stop", "places", "person_cues", "given_names", "product_heads")


@dataclass(frozen=True)
class Cues:
    """One language's cue phrases, each as a Phrases matcher (folded keys)."""

    lang: str
    titles: Phrases
    title_modifiers: Phrases
    org_heads: Phrases
    org_words: Phrases
    loc_heads: Phrases
    facility_heads: Phrases
    facility_tails: Phrases
    loc_words: Phrases
    demonyms: Phrases
    connectors: frozenset[str]
    stop: frozenset[str]
    places: tuple[str, ...]        # raw, merged into lexicons.place_names
    person_cues: Phrases
    given_names: frozenset[str]    # folded keys; only Turkish lists them (data/tr.yaml)
    product_heads: Phrases         # a name right after one is a product (canon CAESAR), not a body


def _checked(path: Path, data: object) -> dict[str, list[str]]:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(str(path), "a cue file must be a mapping of list names to lists of words")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InputError(str(path), f"unknown key(s) {', '.join(map(str, unknown))}; use {', '.join(FIELDS)}")
    out: dict[str, list[str]] = {}
    for name in FIELDS:
        items = data.get(name) or []
        if not isinstance(items, list):
            raise InputError(str(path), f"{name} must be a list of words or phrases")
        for n, item in enumerate(items, 1):
            if not isinstance(item, str) or not item.strip():
                raise InputError(str(path), f"{name} item {n} is {item!r}; it must be a non-empty string "
                                        "(quote words YAML reads as other types: \"On\", \"No\")")
        out[name] = [i.strip() for i in items]
    return out


def read(path: Path, lang: str) -> Cues:
    """The cues of one YAML file; an InputError names the file and the bad entry."""
    import yaml
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the cue file ({exc})") from exc
    lists = _checked(path, data)
    words = ("connectors", "stop", "given_names")
    phrases = {name: Phrases(lists[name]) for name in FIELDS if name not in (*words, "places")}
    return Cues(lang=lang, places=tuple(lists["places"]), **{name: frozenset(key(w) for w in lists[name]) for name in words},
                **phrases)


@lru_cache(maxsize=None)
def load(lang: str) -> Cues:
    """The bundled cues of `lang` (read once per process)."""
    if lang not in LANGS:
        raise InputError(lang, f"no cue file for this language; there are {', '.join(LANGS)}")
    return read(DATA / f"{lang}.yaml", lang)
