"""Claim lexicons: one YAML file per language under `data/`, checked when loaded and compiled once into a few
alternation regexes (one per category), so scanning a sentence is a handful of regex passes."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from ..datafile import read_yaml
from ..errors import InputError

DATA_DIR = Path(__file__).parent / "data"
LANGS = ("en", "ar", "ru", "tr", "fr")
ROLES = ("verb", "prep", "post", "cite")
PLACES = ("before", "after", "gap")
CUE_KINDS = ("report", "assessment")
NOUN_TYPES = ("anonymous", "official", "observers", "outlet")
GAP = "…"

_MARKS = "\u064b-\u065f\u0670\u0640"          # harakat, superscript alef, tatweel: ignored inside Arabic words
_AR_CLASS = {"ا": "اأإآٱ", "أ": "اأإآٱ", "إ": "اأإآٱ", "آ": "اأإآٱ", "ة": "ةه", "ه": "ةه", "ى": "ىي", "ي": "ىي",
             "ؤ": "ؤئ", "ئ": "ؤئ"}
_OTHER_CLASS = {"е": "её", "ё": "её", "'": "'’ʼ", "’": "'’ʼ", "-": "\\-‐‑"}
_TR_CLASS = {"i": "iıİI", "ı": "iıİI"}
# Arabic clitics glued to the first word: conjunction, then (for nouns) preposition and/or article.
_AR_PREFIX = {"particle": "(?:[وف])?", "noun": "(?:[وف])?(?:لل|[بلك]?ال|[بلك])?"}
_GAP_RE = r"(?P<{name}>[^.!?;؟\n]{{1,80}}?)"


class LexiconError(InputError):
    """A lexicon file or entry that cannot be used; names the file, the section and entry, and why."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: its fields as checked, whichever category it belongs to."""

    section: str
    number: int
    english: str | None = None
    english_sg: str | None = None # source nouns: the gloss when the word is singular (languages with `plural`)
    role: str = "verb"            # cues
    kind: str = "report"          # cues
    recipient: bool = False       # cues: an outlet after the verb is who was told, not who spoke
    strict: bool = False          # cues: a reporting word only when "that" follows ("نقل", "أشار")
    source: str = "after"         # cite cues: where the passed-on source sits
    reporter: str = "before"      # cite cues: where the reporting party sits
    type: str = "anonymous"       # source nouns
    article: str = "pl"           # source nouns' `number`: sg heads get "a"/"an" in an English label, "the" "the"
    side: str | None = None       # modifiers: before/after the noun when not the language's default
    weight: float = 1.0           # hedges: factor on certainty
    alone: bool = False           # hedges: enough on its own to make a sentence an assessment or report
    evidential: bool = False      # hedges: says "someone reports it"


@dataclass(frozen=True, slots=True)
class Found:
    """A lexicon match: the matched word(s) without glued clitics, the entry, and a cite cue's gap if any."""

    start: int
    end: int
    text: str
    entry: Entry
    gap: tuple[int, int] | None = None


_MARK_RE = re.compile(f"[{_MARKS}]")
_plain_cache: list[Any] = [None, None, None]      # text, text without marks, kept offsets


def _plain(text: str) -> tuple[str, list[int] | None]:
    """Arabic text without harakat and tatweel, and the original offset of each kept character (None when
    nothing was removed). Cached for the last text, since every matcher scans the same sentence."""
    if _plain_cache[0] is text:
        return _plain_cache[1], _plain_cache[2]
    if _MARK_RE.search(text) is None:
        plain, keep = text, None
    else:
        keep = [i for i, c in enumerate(text) if not _MARK_RE.match(c)]
        plain = "".join(text[i] for i in keep)
    _plain_cache[:] = [text, plain, keep]
    return plain, keep


class Matcher:
    """One compiled regex over a category's entries; each match says which entry it came from.

    Forms are merged into a trie (shared prefixes written once), so a position costs a walk down the trie
    rather than a try of every form: Arabic cue scanning went from ~300 to ~10 µs a sentence. Arabic is
    matched with its harakat and tatweel set aside (offsets map back), which keeps the regexes small."""

    def __init__(self, pattern: str, entries: dict[str, Entry], gaps: dict[str, str], *, fold: bool = True,
                 plain: bool = False) -> None:
        # Case folding is skipped where there is no case (Arabic): it makes compiling many classes slow.
        self.regex = re.compile(pattern, re.IGNORECASE if fold else 0) if entries else None
        self.entries = entries          # end-marker group name -> entry
        self.gaps = gaps                # end-marker group name -> gap group name
        self.plain = plain

    def _found(self, m: re.Match[str], text: str, keep: list[int] | None) -> Found:
        name = m.lastgroup
        assert name is not None

        def back(start: int, end: int) -> tuple[int, int]:
            if keep is None:
                return start, end
            start, end = keep[start], (keep[end - 1] + 1 if end > start else keep[start])
            while end < len(text) and _MARK_RE.match(text, end):
                end += 1                # the word's last harakah belongs to it
            return start, end

        start, end = back(m.end("pre"), m.end())
        gap_name = self.gaps.get(name)
        gap = back(*m.span(gap_name)) if gap_name and m.start(gap_name) >= 0 else None
        found = text[start:end]
        if gap is not None:         # the cue's own words, not the source inside it: "quoted … as saying"
            found = f"{text[start:gap[0]].strip()} {GAP} {text[gap[1]:end].strip()}"
        return Found(start, end, found, self.entries[name], gap)

    def _view(self, text: str) -> tuple[str, list[int] | None]:
        return _plain(text) if self.plain else (text, None)

    @staticmethod
    def _to_plain(keep: list[int] | None, pos: int) -> int:
        return pos if keep is None else bisect_left(keep, pos)

    def find(self, text: str) -> list[Found]:
        if self.regex is None:
            return []
        view, keep = self._view(text)
        return [self._found(m, text, keep) for m in self.regex.finditer(view)]

    def at(self, text: str, pos: int) -> Found | None:
        """The entry that starts exactly at `pos` (clitics allowed), if any."""
        if self.regex is None:
            return None
        view, keep = self._view(text)
        m = self.regex.match(view, self._to_plain(keep, pos))
        return self._found(m, text, keep) if m else None

    def whole(self, text: str, start: int, end: int) -> Found | None:
        """The entry that covers exactly text[start:end], if any."""
        if self.regex is None:
            return None
        view, keep = self._view(text)
        m = self.regex.fullmatch(view, self._to_plain(keep, start), self._to_plain(keep, end))
        return self._found(m, text, keep) if m else None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything needed to scan one language's sentences, compiled."""

    lang: str
    subject: str                  # "nearest" or "first": where a reporting verb's speaker is looked for
    prefer: str                   # side of the verb tried first for its subject
    modifier_side: str            # side of a source noun its adjectives sit on
    capitalised_modifiers: bool   # a capitalised word before a source noun qualifies it ("Western officials")
    plural: re.Pattern[str] | None  # marks a plural source noun where one entry covers both ("kaynaklar")
    cues: Matcher
    complementizers: Matcher
    negators: Matcher
    sources: Matcher
    outlets: Matcher
    modifiers: Matcher
    tails: Matcher
    anaphors: Matcher
    hedges: Matcher
    determiners: frozenset[str]
    stopwords: frozenset[str]
    not_complementizer_after: frozenset[str]   # "so that", "بعد أن", "parce que": not reported speech
    title_links: frozenset[str]   # words inside a title before a name: "spokesman of …", "пресс-секретарь президента"
    adjective: re.Pattern[str] | None
    quotes: tuple[tuple[str, str], ...]
    quote_re: re.Pattern[str]
    quote_min_words: int


# ---------------------------------------------------------------- form syntax -> regex

def _strip_marks(form: str) -> str:
    return "".join(c for c in form if not ("\u064b" <= c <= "\u065f" or c in "\u0670\u0640"))


def _char(c: str, lang: str, case: bool) -> str:
    if "\u0621" <= c <= "\u064a":
        letters = _AR_CLASS.get(c, c)
        return letters if len(letters) == 1 else f"[{letters}]"
    if lang == "tr" and c in _TR_CLASS:
        return f"[{_TR_CLASS[c]}]"
    if c in _OTHER_CLASS:
        return f"[{_OTHER_CLASS[c]}]"
    if case:
        return f"(?-i:{re.escape(c)})" if c.lower() != c.upper() else re.escape(c)
    return re.escape(c.lower() if len(c.lower()) == 1 else c)


def _form_pieces(form: str, lang: str, suffix: int, gap_name: str | None, case: bool) -> tuple[list[str], bool]:
    """A form in the lexicon syntax as a list of regex pieces (one per character, space, gap or ending), for
    the trie; also whether it ends in a word character (and so needs a word boundary after it)."""
    pieces: list[str] = []
    words = _strip_marks(form).split()
    if not words or all(w == GAP for w in words):
        raise ValueError("empty form")
    for i, word in enumerate(words):
        if i:
            pieces.append(r"\s+")
        if word == GAP:
            if gap_name is None:
                raise ValueError("a gap (…) is only allowed in cues")
            pieces.append(_GAP_RE.format(name=gap_name))
            continue
        star = word.endswith("*") and len(word) > 1
        word = word[:-1] if star else word
        if i and "\u0621" <= word[0] <= "\u064a" and not word.startswith("ال"):
            pieces.append("(?:ال)?")      # adjectives after a definite noun take the article too
        pieces.extend(_char(c, lang, case) for c in word)
        if star:
            pieces.append(rf"\w{{0,{suffix}}}")
    return pieces, _word_end(words[-1].rstrip("*"))


def _word_end(word: str) -> bool:
    return bool(word) and (word[-1].isalnum() or word[-1] == "_" or unicodedata.category(word[-1]).startswith("M"))


class _Trie:
    """Regex pieces merged by shared prefix; an end holds the marker group of the form that ends there."""

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.ends: list[str] = []

    def add(self, pieces: list[str], end: str) -> None:
        node = self
        for piece in pieces:
            node = node.children.setdefault(piece, _Trie())
        node.ends.append(end)

    def regex(self) -> str:
        # Longer forms first (children before ends), so "بحسب ما" wins over "بحسب" and a gap form over its head.
        alts = [piece + child.regex() for piece, child in self.children.items()]
        alts += self.ends[:1]
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"


def _matcher(entries: list[tuple[Entry, dict[str, Any]]], lang: str, suffix: int, prefix: str,
             where: str, *, case: bool = False) -> Matcher:
    """Compile (entry, raw) pairs into one regex: forms in a trie, `regex:` entries beside it."""
    trie = _Trie()
    extra: list[str] = []
    by_group: dict[str, Entry] = {}
    gaps: dict[str, str] = {}
    for index, (entry, raw) in enumerate(entries):
        item = f"{where}: {entry.section} entry {entry.number}"
        sources = [("regex", raw["regex"])] if "regex" in raw else \
            [("form", f.strip()) for f in str(raw["form"]).split("|") if f.strip()]
        if not sources:
            raise LexiconError(item, "no form given")
        sensitive = case or bool(raw.get("case"))
        for j, (how, text) in enumerate(sources):
            name = f"e{index}_{j}"
            gap_name = f"g{index}_{j}" if entry.section == "cues" else None
            by_group[name] = entry
            try:
                if how == "regex":
                    re.compile(text)
                    body = f"(?-i:{text})" if sensitive else text
                    extra.append(f"(?:{body})(?P<{name}>)")
                    continue
                pieces, bounded = _form_pieces(text, lang, suffix, gap_name, sensitive)
            except (re.error, ValueError) as exc:
                raise LexiconError(item, f"bad {how} {text!r}: {exc}") from None
            if gap_name and any(f"(?P<{gap_name}>" in p for p in pieces):
                gaps[name] = gap_name
            trie.add(pieces, f"(?P<{name}>)" + (r"(?!\w)" if bounded else ""))
    body = "|".join(([trie.regex()] if trie.children else []) + extra)
    return Matcher(rf"(?<!\w)(?P<pre>{prefix})(?:{body})", by_group, gaps, fold=lang != "ar" and not case,
                   plain=lang == "ar")


# ---------------------------------------------------------------- loading and checking

_FIELDS = {
    "cues": {"form", "regex", "role", "kind", "recipient", "strict", "source", "reporter", "english", "case"},
    "sources": {"form", "regex", "english", "english_sg", "type", "number", "case"},
    "modifiers": {"form", "regex", "english", "side", "case"},
    "tails": {"form", "regex", "english", "case"},
    "hedges": {"form", "regex", "english", "weight", "alone", "evidential", "case"},
}
_TOP = {"lang", "suffix", "plural", "subject", "prefer", "modifier_side", "capitalised_modifiers", "cues", "complementizers",
        "negators", "not_complementizer_after", "title_links", "sources", "modifiers", "adjective", "determiners", "stopwords", "tails", "anaphors", "hedges"}


def _choice(raw: dict[str, Any], field: str, allowed: tuple[str, ...], default: str, item: str) -> str:
    value = raw.get(field, default)
    if value not in allowed:
        raise LexiconError(item, f"field {field}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _entry(section: str, number: int, raw: Any, where: str) -> Entry:
    item = f"{where}: {section} entry {number}"
    if isinstance(raw, str):
        raw = {"form": raw}
    if not isinstance(raw, dict):
        raise LexiconError(item, f"expected a mapping or a string, got {type(raw).__name__}")
    unknown = set(raw) - _FIELDS.get(section, {"form", "regex", "case"})
    if unknown:
        raise LexiconError(item, f"unknown field(s) {', '.join(sorted(unknown))}")
    if ("form" in raw) == ("regex" in raw):
        raise LexiconError(item, "give exactly one of form or regex")
    weight = raw.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
        raise LexiconError(item, f"field weight: {weight!r} is not a number in (0, 1]")
    english = raw.get("english")
    if section in ("sources", "hedges") and not english:
        raise LexiconError(item, "field english: missing (the English gloss)")
    return Entry(section=section, number=number, english=str(english) if english is not None else None,
                 english_sg=raw.get("english_sg"),
                 role=_choice(raw, "role", ROLES, "verb", item), kind=_choice(raw, "kind", CUE_KINDS, "report", item),
                 recipient=bool(raw.get("recipient", False)), strict=bool(raw.get("strict", False)),
                 source=_choice(raw, "source", PLACES, "after", item),
                 reporter=_choice(raw, "reporter", PLACES, "before", item),
                 type=_choice(raw, "type", NOUN_TYPES, "anonymous", item),
                 article=_choice(raw, "number", ("sg", "pl", "the"), "pl", item),
                 side=raw.get("side") and _choice(raw, "side", ("before", "after"), "after", item),
                 weight=float(weight), alone=bool(raw.get("alone", False)),
                 evidential=bool(raw.get("evidential", False)))


def _section(data: dict[str, Any], name: str, where: str) -> Iterator[tuple[Entry, dict[str, Any]]]:
    items = data.get(name) or []
    if not isinstance(items, list):
        raise LexiconError(f"{where}: {name}", "expected a list")
    for number, raw in enumerate(items, 1):
        entry = _entry(name, number, raw, where)
        yield entry, ({"form": raw} if isinstance(raw, str) else raw)


def _read(path: Path) -> dict[str, Any]:
    return read_yaml(path, dict, error=LexiconError, what="lexicon")


def _quote_re(pairs: list[tuple[str, str]]) -> re.Pattern[str]:
    alts = [f"{re.escape(o)}(?P<q{i}>[^{re.escape(o + c)}\n]{{2,600}}){re.escape(c)}" for i, (o, c) in enumerate(pairs)]
    return re.compile("|".join(alts))


@lru_cache(maxsize=None)
def _common(data_dir: Path) -> dict[str, Any]:
    path = data_dir / "common.yaml"
    data = _read(path)
    pairs = data.get("quotes") or []
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and len(x) == 1 for x in p)
               for p in pairs):
        raise LexiconError(f"{path}: quotes", "each entry must be [opening, closing], one character each")
    outlets = data.get("outlets") or []
    for number, raw in enumerate(outlets, 1):
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("forms"):
            raise LexiconError(f"{path}: outlets entry {number}", "needs a name and forms")
    return {"quotes": [tuple(p) for p in pairs], "quote_min_words": int(data.get("quote_min_words", 3)),
            "outlets": outlets, "path": str(path)}


def load(path: Path, common: dict[str, Any] | None = None) -> Lexicon:
    """Check and compile one language file (with the shared quotes and outlets); errors name file and entry."""
    where = str(path)
    data = _read(path)
    common = common if common is not None else _common(path.parent)
    unknown = set(data) - _TOP
    if unknown:
        raise LexiconError(where, f"unknown top-level field(s) {', '.join(sorted(unknown))}")
    lang = data.get("lang")
    if not isinstance(lang, str) or not lang:
        raise LexiconError(where, "field lang: missing")
    suffix = data.get("suffix", 3)
    if not isinstance(suffix, int) or not 0 <= suffix <= 10:
        raise LexiconError(where, f"field suffix: {suffix!r} is not a whole number from 0 to 10")
    particle = _AR_PREFIX["particle"] if lang == "ar" else ""
    noun = _AR_PREFIX["noun"] if lang == "ar" else ""

    def words(name: str, prefix: str) -> Matcher:
        return _matcher(list(_section(data, name, where)), lang, suffix, prefix, where)

    outlet_entries = [(Entry(section="outlets", number=n, english=str(raw["name"]), type="outlet"), {"form": raw["forms"]})
                      for n, raw in enumerate(common["outlets"], 1)]
    plural = data.get("plural")
    try:
        plural_re = re.compile(plural, re.IGNORECASE) if plural else None
    except re.error as exc:
        raise LexiconError(f"{where}: plural", f"bad regex: {exc}") from None
    adjective = data.get("adjective")
    try:
        adjective_re = re.compile(adjective, re.IGNORECASE) if adjective else None
    except re.error as exc:
        raise LexiconError(f"{where}: adjective", f"bad regex: {exc}") from None
    folded = lambda name: frozenset(unicodedata.normalize("NFC", str(w)).casefold() for w in data.get(name) or [])
    return Lexicon(
        lang=lang,
        subject=_choice(data, "subject", ("nearest", "first"), "nearest", where),
        prefer=_choice(data, "prefer", ("before", "after"), "before", where),
        modifier_side=_choice(data, "modifier_side", ("before", "after"), "before", where),
        capitalised_modifiers=bool(data.get("capitalised_modifiers", lang == "en")), plural=plural_re,
        cues=words("cues", particle), complementizers=words("complementizers", particle),
        negators=words("negators", particle), sources=words("sources", noun),
        outlets=_matcher(outlet_entries, lang, suffix, noun, common["path"], case=True),
        modifiers=words("modifiers", noun), tails=words("tails", particle), anaphors=words("anaphors", particle),
        hedges=words("hedges", particle), determiners=folded("determiners"), stopwords=folded("stopwords"),
        not_complementizer_after=folded("not_complementizer_after"), title_links=folded("title_links"),
        adjective=adjective_re, quotes=tuple(common["quotes"]), quote_re=_quote_re(common["quotes"]),
        quote_min_words=common["quote_min_words"])


def lexicon(lang: str) -> Lexicon | None:
    """The bundled lexicon for a language code ("ar", "ru-RU"), compiled once per process; None if there is none."""
    primary = (lang or "").split("-")[0].split("_")[0].lower()
    return _bundled(primary) if primary in LANGS else None


@lru_cache(maxsize=None)
def _bundled(lang: str) -> Lexicon:
    return load(DATA_DIR / f"{lang}.yaml")
