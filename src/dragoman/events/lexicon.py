"""The event vocabulary as data: PLOVER types and modes, and the trigger lexicons, validated when loaded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..datafile import safe_load
from ..errors import InputError

DATA_DIR = Path(__file__).parent / "data"
PLOVER_FILE = DATA_DIR / "plover.yaml"
POLARITIES = ("cooperative", "hostile", "verbal", "neutral")
SENSE_KEYS = {"event", "obj", "ctx", "subj", "mod", "prt", "prep"}
KEY = 3                     # letters of a trigger's first word used to index it
FRAMER_CLASSES = ("agree", "intent", "threaten", "refuse", "demand", "order", "report", "report_nouns",
                  "condition", "negation", "deny")

# Stands in a sense's word conditions for any person's name ("@persons" holds it; english.py sets it when a
# subject or object is a person's name: "received Haftar").
PERSON_NAME = "person_name"


class _UniqueKeys(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML would silently keep the last)."""


class _CUniqueKeys(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # type: ignore[misc]
    """The same over libyaml's C parser (see datafile.safe_load)."""


def _mapping(loader: _UniqueKeys, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_CUniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_yaml(path: Path) -> dict:
    """A data file as a mapping; any YAML problem becomes an InputError naming the file."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"), fast=_CUniqueKeys, slow=_UniqueKeys)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read event vocabulary: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "expected a mapping at the top level")
    return data


# ------------------------------------------------------------------------------------------------ PLOVER

@dataclass(frozen=True)
class Plover:
    """Event types with their polarity and modes; THREATEN modes for announced hostile acts; aliases."""

    polarity: dict[str, str]
    modes: dict[str, tuple[str, ...]]
    threat_modes: dict[str, str]
    aliases: dict[str, str]

    def check(self, event: str, where: str) -> tuple[str, str | None]:
        """`TYPE` or `TYPE/mode` as a (type, mode) pair, or an InputError naming `where`."""
        kind, _, mode = event.partition("/")
        if kind not in self.polarity:
            raise InputError(where, f"unknown PLOVER event type {kind!r}")
        if mode and mode not in self.modes.get(kind, ()):
            raise InputError(where, f"mode {mode!r} is not one of {kind}'s modes {list(self.modes.get(kind, ()))}")
        return kind, mode or None

    def threat_mode(self, kind: str, mode: str | None) -> str | None:
        return self.threat_modes.get(f"{kind}/{mode}") or self.threat_modes.get(kind)

    def normalise(self, kind: str, mode: str | None = None) -> tuple[str, str | None]:
        """Map a later PLOVER draft's names (REQUEST, ACCUSE…) onto the types used here."""
        kind = (kind or "").strip().upper()
        mode = (mode or "").strip() or None
        if mode and f"{kind}/{mode}" in self.aliases:
            return self.aliases[f"{kind}/{mode}"], None
        return self.aliases.get(kind, kind), mode


@lru_cache(maxsize=1)
def plover() -> Plover:
    data = read_yaml(PLOVER_FILE)
    polarity: dict[str, str] = {}
    modes: dict[str, tuple[str, ...]] = {}
    for kind, spec in (data.get("types") or {}).items():
        if not isinstance(spec, dict) or spec.get("polarity") not in POLARITIES:
            raise InputError(f"{PLOVER_FILE}: {kind}", f"polarity must be one of {POLARITIES}")
        polarity[kind] = spec["polarity"]
        modes[kind] = tuple(spec.get("modes") or ())
    vocab = Plover(polarity, modes, {}, {})
    threat_modes = {str(k): str(v) for k, v in (data.get("threat_modes") or {}).items()}
    for key, mode in threat_modes.items():
        vocab.check(key, f"{PLOVER_FILE}: threat_modes")
        vocab.check(f"THREATEN/{mode}", f"{PLOVER_FILE}: threat_modes.{key}")
    aliases = {str(k): str(v) for k, v in (data.get("aliases") or {}).items()}
    for key, target in aliases.items():
        vocab.check(target, f"{PLOVER_FILE}: aliases.{key}")
    return Plover(polarity, modes, threat_modes, aliases)


# ------------------------------------------------------------------------------------------------ senses

@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a trigger word: its event, and the conditions under which it applies."""

    type: str
    mode: str | None = None
    obj: tuple[frozenset[str], ...] = ()     # each entry: words that must all be in the object phrase
    ctx: tuple[frozenset[str], ...] = ()
    subj: tuple[frozenset[str], ...] = ()
    mod: tuple[frozenset[str], ...] = ()
    prt: str | None = None
    prep: frozenset[str] = frozenset()


def _words(value: Any, lists: dict[str, list[str]], where: str) -> tuple[frozenset[str], ...]:
    if not isinstance(value, list):
        raise InputError(where, "expected a list of words")
    out: list[frozenset[str]] = []
    for item in value:
        if not isinstance(item, str):      # YAML reads on/off/yes/no as booleans: they must be quoted
            raise InputError(where, f"{item!r} is not a word; quote words such as \"on\" and \"off\"")
        if item.startswith("@"):
            if item[1:] not in lists:
                raise InputError(where, f"unknown word list {item!r}")
            out.extend(frozenset([w]) for w in lists[item[1:]])
        else:
            out.append(frozenset(item.lower().split()))
    return tuple(out)


def parse_senses(spec: Any, lists: dict[str, list[str]], where: str) -> list[Sense]:
    """A lexicon entry (an event string, or a list of strings / condition mappings) as its senses."""
    vocab = plover()
    out: list[Sense] = []
    for i, item in enumerate(spec if isinstance(spec, list) else [spec]):
        at = f"{where}[{i}]"
        if isinstance(item, str):
            out.append(Sense(*vocab.check(item, at)))
            continue
        if not isinstance(item, dict) or "event" not in item:
            raise InputError(at, "a sense is an event string or a mapping with `event`")
        unknown = set(item) - SENSE_KEYS
        if unknown:
            raise InputError(at, f"unknown condition(s) {sorted(unknown)}; use {sorted(SENSE_KEYS - {'event'})}")
        kind, mode = vocab.check(str(item["event"]), at)
        prt = item.get("prt")
        if prt is not None and not isinstance(prt, str):
            raise InputError(at, f"prt {prt!r} is not a word; quote particles such as \"off\"")
        prep = _words(item.get("prep", []), {}, at)
        out.append(Sense(kind, mode,
                         obj=_words(item.get("obj", []), lists, at), ctx=_words(item.get("ctx", []), lists, at),
                         subj=_words(item.get("subj", []), lists, at), mod=_words(item.get("mod", []), lists, at),
                         prt=prt, prep=frozenset(w for words in prep for w in words)))
    return out


def _lists(data: dict, path: Path) -> dict[str, list[str]]:
    lists = data.get("lists") or {}
    if not isinstance(lists, dict) or not all(isinstance(v, list) for v in lists.values()):
        raise InputError(f"{path}: lists", "expected name: [words]")
    return {k: [str(w).lower() for w in v] for k, v in lists.items()}


# ------------------------------------------------------------------------------------------------ English

@dataclass(frozen=True)
class EnglishLexicon:
    """Verb and noun triggers by lemma, framing words by class, and the surface forms for a cheap pre-filter."""

    verbs: dict[str, list[Sense]]
    nouns: dict[str, list[tuple[frozenset[str], list[Sense]]]]   # head word -> (required modifiers, senses)
    framers: dict[str, frozenset[str]]
    actor_nouns: frozenset[str]
    needs: dict[str, frozenset[str] | None] = field(repr=False)   # form -> words one of which must be there too

    def worth_parsing(self, words: set[str]) -> bool:
        """Could this sentence (its lower-cased words) hold an event? Used to skip the parse."""
        for word in words:
            if word in self.needs:
                required = self.needs[word]
                if required is None or required & words:
                    return True
        return False

    def framer_class(self, lemma: str) -> str | None:
        """The framing class of a word (report last: "agree" frames before it reports)."""
        for name in ("agree", "threaten", "refuse", "demand", "order", "intent", "report"):
            if lemma in self.framers[name]:
                return name
        return None


def inflections(lemma: str, noun: bool = False) -> set[str]:
    """Regular English forms of a word, generously (only used to decide whether a sentence needs parsing)."""
    if noun:
        return {lemma, lemma + "s", lemma + "es"} | ({lemma[:-1] + "ies"} if lemma.endswith("y") else set())
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def english() -> EnglishLexicon:
    path = DATA_DIR / "en.yaml"
    data = read_yaml(path)
    lists = _lists(data, path)
    verbs = {str(k): parse_senses(v, lists, f"{path}: verbs.{k}") for k, v in (data.get("verbs") or {}).items()}
    nouns: dict[str, list[tuple[frozenset[str], list[Sense]]]] = {}
    for key, spec in (data.get("nouns") or {}).items():
        words = str(key).lower().split()
        if "of" in words:                       # "state of emergency": head first, the rest required
            head, required = words[0], [w for w in words[1:] if w != "of"]
        else:
            head, required = words[-1], words[:-1]
        nouns.setdefault(head, []).append((frozenset(required), parse_senses(spec, lists, f"{path}: nouns.{key}")))
    for entries in nouns.values():             # most specific first: "hunger strike" before "strike"
        entries.sort(key=lambda e: -len(e[0]))
    raw = data.get("framers") or {}
    missing = [c for c in FRAMER_CLASSES if c not in raw]
    if missing:
        raise InputError(f"{path}: framers", f"missing classes {missing}")
    framers = {c: frozenset(str(w).lower() for w in raw[c]) for c in FRAMER_CLASSES}
    irregular = {str(k): [str(f) for f in v] for k, v in (data.get("irregular") or {}).items()}
    needs: dict[str, frozenset[str] | None] = {}

    def add(forms: set[str], required: frozenset[str] | None) -> None:
        for form in forms:
            if required is None or (form in needs and needs[form] is None):
                needs[form] = None
            else:
                needs[form] = needs.get(form, frozenset()) | required

    def expanded(words: set[str]) -> frozenset[str]:
        return frozenset(f for w in words for f in inflections(w) | set(irregular.get(w, ())))

    for lemma, senses in verbs.items():
        required = _requirement(senses)
        add(inflections(lemma) | set(irregular.get(lemma, ())), None if required is None else expanded(required))
    for head, entries in nouns.items():
        wanted = [_requirement(senses, mods) for mods, senses in entries]
        required = None if any(w is None for w in wanted) else frozenset().union(*wanted)
        add(inflections(head, noun=True), None if required is None else expanded(required))
    framing = [w for c in ("agree", "threaten", "refuse", "demand", "order") for w in framers[c]]
    for lemma in framing:
        add(inflections(lemma) | set(irregular.get(lemma, ())), None)
    # "Y said X must ...": a demand only under a reporting word
    add({"must"}, expanded(set(framers["report"]) | set(framers["report_nouns"])))
    return EnglishLexicon(verbs, nouns, framers, frozenset(str(w).lower() for w in data.get("actor_nouns") or ()),
                          needs)


def _requirement(senses: list[Sense], required: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Words one of which a sentence must hold for any of these senses to apply; None if one needs nothing
    (or a person's name, which no word list can tell)."""
    words = set(required)
    for sense in senses:
        condition = {w for group in sense.obj + sense.ctx + sense.subj + sense.mod for w in group}
        condition |= set(sense.prep) | ({sense.prt} if sense.prt else set())
        if (not condition or PERSON_NAME in condition) and not required:
            return None
        words |= condition
    return frozenset(words)


# ------------------------------------------------------------------------------------------------ other languages

@dataclass(frozen=True, slots=True)
class Trigger:
    """A surface pattern (one regex over folded text) for an event in a language without a parser."""

    pattern: re.Pattern[str]
    type: str
    mode: str | None
    source: str = ""
    key: str = ""              # the first letters of its first word, to try only triggers a sentence could hold


@dataclass(frozen=True)
class LanguageLexicon:
    """One language's triggers and the word-order rules that pick actors and targets around them."""

    lang: str
    order: str                                  # SVO, VSO or SOV
    triggers: list[Trigger]
    place_words: frozenset[str]                 # prepositions / case endings that mark a place, not a target
    target_words: frozenset[str]                # words before a target ("with", "to", "مع", "с")
    negation: frozenset[str]
    intent: frozenset[str]
    conjunctions: frozenset[str]
    max_gap: int = 3
    intent_endings: tuple[str, ...] = ()        # future suffixes inside the trigger (Turkish -ecek/-acak)
    hypothetical: frozenset[str] = frozenset()  # "if", "could": the act is only supposed
    requested: frozenset[str] = frozenset()     # "calls for", "demanded that": the act is asked for
    not_triggers: frozenset[str] = frozenset()  # whole words a trigger form happens to match (وزارة, ministry)
    sources: frozenset[str] = frozenset()       # words before a report's source ("selon", "وفق"): never an actor
    sources_after: frozenset[str] = frozenset()  # words after it (Turkish "göre")
    led_by: frozenset[str] = frozenset()        # "برئاسة", "conduite par": the delegation acts through its head
    # first words of one-party forms whose act still needs someone acted on ("tahliye", "افرج عن": who is freed)
    acted_on: frozenset[str] = frozenset()
    # first words of trigger forms that are an event only when their object is a person ("выдал" a suspect:
    # an extradition; "выдал ордер", a warrant issued, is none); read from the parse's animacy (Russian)
    person_object: frozenset[str] = frozenset()
    # set phrases in which a trigger form is no event ("принимает участие", "déploient des efforts")
    not_phrases: tuple[re.Pattern[str], ...] = ()
    # first words of meeting and talks forms ("переговоры", "rencontré"): where they are held ("в Сочи", "à
    # Sotchi") is their place, never whom they are with; a visit or an arrival takes where it goes as its target
    meetings: frozenset[str] = frozenset()
    # "between" ("entre", "между", "بين"): talks or an agreement between two named sides, one each side
    between: frozenset[str] = frozenset()
    index: dict[str, list[Trigger]] = field(default_factory=dict, repr=False)     # key -> triggers

    def candidates(self, words: list[str]) -> list[Trigger]:
        """Triggers whose first word could start one of these folded words (Arabic: after up to 3 clitics)."""
        reach = 5 if self.lang == "ar" else 1        # و ف ب ل ك س ال: up to four letters of clitics
        found: dict[int, Trigger] = {}
        for word in words:
            for k in range(min(reach, max(1, len(word) - 1))):
                for size in (KEY, KEY - 1):
                    for trig in self.index.get(word[k:k + size], ()):
                        found[id(trig)] = trig
        return list(found.values())


def expand(form: str) -> list[str]:
    """Brace alternatives: "посетил{,а,и}" -> посетил, посетила, посетили (nested braces not allowed)."""
    match = re.search(r"\{([^{}]*)\}", form)
    if not match:
        return [form]
    return [x for alt in match.group(1).split(",") for x in expand(form[:match.start()] + alt + form[match.end():])]
