"""The term base: names and terms in ar/ru/tr/fr with their canonical English; finding, glossing, enforcing."""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from ..errors import InputError
from ..text.normalize import fold_with_offsets
from . import DATA_DIR

KINDS = ("person", "organisation", "place", "facility", "unit", "equipment", "term", "title")
LANGS = ("ar", "ru", "tr", "fr")
COLUMNS = ("concept", "kind", "lang", "term", "english", "english_variants", "note")
REQUIRED = ("concept", "kind", "lang", "term", "english")
DEFAULT_PATH = DATA_DIR / "termbase.csv"
WORKSPACE_FILE = "termbase.csv"
SHOWN_PROBLEMS = 5
MAX_SUFFIX = 4   # letters of inflection allowed after a ru/tr/fr word
MIN_STEM = 4     # shorter words must match exactly: "ЛНА", "Hun" and "Мали" take no endings

_WORD = re.compile(r"\w+")
# What may separate the words of a multi-word term in running text, besides the term's own separator.
_GAP = re.compile(r"[\s\-\u2010-\u2015\u00ab\u00bb\"'\u2018\u2019\u201a\u201c\u201d\u201e\u2039\u203a]{1,3}")
_APOSTROPHES = frozenset("'\u2019\u02bc")
_RU_ENDINGS = frozenset("аеиоуыэюяйь")
# Kinds whose words take glued endings: all in Russian; Turkish names take theirs after an apostrophe
# (but "Savunma Bakanlığının"); in French only common nouns inflect ("drones", "systèmes antiaériens").
_INFLECTING = {"ru": frozenset(KINDS), "tr": frozenset(KINDS) - {"person", "place"},
               "fr": frozenset({"equipment", "term", "title"})}
_AR_ARTICLE = "ال"
# On top of normalize's folding: Turkish dotted/dotless i, Persian yeh and kaf typed into Arabic text.
_EXTRA = {"\u0131": "i", "\u0307": "", "\u06cc": "\u064a", "\u06a9": "\u0643"}
_FOLDED: dict[str, str] = {}


@dataclass(frozen=True)
class Term:
    """One source-language term of a concept, with the concept's canonical English."""

    concept: str
    kind: str
    lang: str
    term: str
    english: str
    english_variants: tuple[str, ...] = ()
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.concept, self.lang, self.term


@dataclass(frozen=True)
class Match:
    """A term found in a text; `text[start:end]` is its surface (Arabic clitics left out, endings kept)."""

    start: int
    end: int
    term: Term


@dataclass(frozen=True)
class Gloss:
    """The text with the canonical English in brackets after each term found."""

    text: str
    matches: list[Match]

    @property
    def count(self) -> int:
        return len(self.matches)


class TermBaseError(InputError):
    """A term-base file with bad rows; `problems` holds one InputError per problem, named by file and line."""

    def __init__(self, path: str, problems: list[InputError]) -> None:
        shown = "; ".join(f"{p.item.removeprefix(path).strip()}: {p.reason}" for p in problems[:SHOWN_PROBLEMS])
        more = f" (and {len(problems) - SHOWN_PROBLEMS} more)" if len(problems) > SHOWN_PROBLEMS else ""
        super().__init__(path, f"{len(problems)} problem(s): {shown}{more}; fix them and load the file again")
        self.problems = problems


# ---------------------------------------------------------------- folding

def _latin_base(c: str) -> str:
    # Accents go in Latin script only ("Choïgou" = "Choigou", "Üssü" = "Ussu"); Cyrillic й must stay й.
    if 0x80 <= ord(c) < 0x250:
        base = unicodedata.normalize("NFD", c)[0]
        if base.isascii():
            return base
    return c


def _fold_char(ch: str) -> str:
    folded = "".join(_EXTRA.get(c, _latin_base(c)) for c in fold_with_offsets(ch)[0])
    _FOLDED[ch] = folded
    return folded


def fold(text: str) -> tuple[str, list[int]]:
    """normalize.fold_with_offsets plus Latin accents and Turkish i; cached per character since it runs per document."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _FOLDED.get(ch)
        if folded is None:
            folded = _fold_char(ch)
        if folded:
            out.append(folded)
            offsets.extend([i] * len(folded))
    return "".join(out), offsets


# ---------------------------------------------------------------- matching

def _stem(word: str, lang: str, kind: str) -> str:
    """What inflected forms of `word` start with; empty when the word must match exactly."""
    if kind not in _INFLECTING.get(lang, ()):
        return ""
    if len(word) < MIN_STEM or not word.isalpha():
        return ""
    if lang == "ru":   # Москва/Москве, Ливия/Ливии, армия/армией: drop the nominative's ending
        while len(word) > MIN_STEM and word[-1] in _RU_ENDINGS:
            word = word[:-1]
    return word


class _Pattern(NamedTuple):
    term: Term
    words: tuple[str, ...]
    stems: tuple[str, ...]
    gaps: tuple[str, ...]
    tail: str   # closing punctuation of the term itself, e.g. the » of ЧВК «Вагнер»

    def endings(self, i: int, token: str) -> int:
        """Letters of ending after word `i` in `token`, or -1 when the token is not a form of that word."""
        stem = self.stems[i]
        if token == self.words[i]:
            return 0
        if not stem:
            return -1
        extra = len(token) - len(stem)
        if extra < 0 or extra > MAX_SUFFIX or not token.startswith(stem):
            return -1
        return extra if extra == 0 or token[len(stem):].isalpha() else -1


def _pattern(term: Term) -> _Pattern | None:
    folded = fold(term.term)[0]
    spans = [m.span() for m in _WORD.finditer(folded)]
    if not spans:
        return None
    words = tuple(folded[a:b] for a, b in spans)
    return _Pattern(term, words, tuple(_stem(w, term.lang, term.kind) for w in words),
                    tuple(folded[spans[i][1]:spans[i + 1][0]] for i in range(len(spans) - 1)),
                    folded[spans[-1][1]:].strip())


def _arabic_readings(token: str) -> list[tuple[str, int]]:
    """(key, letters skipped) for a token as written and without its clitics: و ف, then ب ل ك, then ال."""
    out = [(token, 0)]
    n = len(token)
    for c in ((0, 1) if token[:1] in ("و", "ف") else (0,)):
        for p in ((c, c + 1) if token[c:c + 1] in ("ب", "ل", "ك") else (c,)):
            if p and n - p >= 2:
                out.append((token[p:], p))
            if p == c + 1 and token[c] == "ل":
                # ل + ال is written لل (للمشير): restore the article to reach terms spelled with it.
                bare = p + 1 if token[p:p + 1] == "ل" else 0
                if bare and n - bare >= 2:
                    out.append((_AR_ARTICLE + token[bare:], bare))
            else:
                bare = p + 2 if token[p:p + 2] == _AR_ARTICLE else 0
            if bare and n - bare >= 2:
                out.append((token[bare:], bare))
    return out


class _Hit(NamedTuple):
    rank: tuple[int, int, int]   # words, characters, minus letters of endings: bigger is better
    first: int                   # token indexes covered
    last: int
    start: int                   # folded offsets
    end: int
    term: Term


class _Index:
    """One language's patterns keyed by the (stem of the) first word, so a document is scanned token by token."""

    def __init__(self, terms: Iterable[Term], lang: str) -> None:
        self.lang = lang
        self.by_key: dict[str, list[_Pattern]] = {}
        for term in terms:
            pattern = _pattern(term)
            if pattern is not None:
                self.by_key.setdefault(pattern.stems[0] or pattern.words[0], []).append(pattern)

    def _keys(self, token: str) -> list[tuple[str, int]]:
        if self.lang == "ar":
            return _arabic_readings(token)
        return [(token, 0)] + [(token[:n], 0) for n in range(max(MIN_STEM, len(token) - MAX_SUFFIX), len(token))]

    def find(self, text: str) -> list[Match]:
        folded, offsets = fold(text)
        tokens = [m.span() for m in _WORD.finditer(folded)]
        hits: list[_Hit] = []
        for i, (a, b) in enumerate(tokens):
            token, best = folded[a:b], None
            for key, skip in self._keys(token):
                for pattern in self.by_key.get(key, ()):
                    hit = self._hit(pattern, i, key, skip, tokens, folded)
                    if hit is not None and (best is None or hit.rank > best.rank):
                        best = hit
            if best is not None:
                hits.append(best)
        # Longest first; a shorter hit that overlaps one already taken is dropped.
        hits.sort(key=lambda h: (tuple(-r for r in h.rank), h.start))
        taken = [False] * len(tokens)
        matches: list[Match] = []
        for h in hits:
            if any(taken[h.first:h.last + 1]):
                continue
            taken[h.first:h.last + 1] = [True] * (h.last + 1 - h.first)
            end = offsets[h.end - 1] + 1
            while end < len(text) and not _FOLDED.get(text[end], "x"):
                end += 1   # harakat and tatweel after the last letter belong to the word
            matches.append(Match(offsets[h.start], end, h.term))
        return sorted(matches, key=lambda m: m.start)

    def _hit(self, p: _Pattern, i: int, key: str, skip: int, tokens: list[tuple[int, int]],
             folded: str) -> _Hit | None:
        n = len(p.words)
        if i + n > len(tokens):
            return None
        if self.lang == "ar":
            endings = 0 if key == p.words[0] else -1
        else:
            endings = p.endings(0, folded[tokens[i][0]:tokens[i][1]])
        if endings < 0:
            return None
        for j in range(1, n):
            gap = folded[tokens[i + j - 1][1]:tokens[i + j][0]]
            if gap != p.gaps[j - 1] and not _GAP.fullmatch(gap):
                return None
            extra = p.endings(j, folded[tokens[i + j][0]:tokens[i + j][1]])
            if extra < 0:
                return None
            endings += extra
        last = i + n - 1
        end = tokens[last][1]
        if p.tail and folded.startswith(p.tail, end):
            end += len(p.tail)
        elif (self.lang == "tr" and last + 1 < len(tokens) and tokens[last + 1][0] == end + 1
              and folded[end] in _APOSTROPHES and folded[tokens[last + 1][0]:tokens[last + 1][1]].isalpha()):
            last += 1   # Hafter'in, Bingazi'de: the case ending after the apostrophe is part of the word
            end = tokens[last][1]
        start = tokens[i][0] + skip
        return _Hit((n, end - start, -endings), i, last, start, end, p.term)


# ---------------------------------------------------------------- the term base

class TermBase:
    """An immutable set of terms; load with `load_default`, `from_csv`, `from_tbx` or `for_workspace`."""

    def __init__(self, terms: Iterable[Term] = (), source: str = "") -> None:
        self._terms = _unify_variants(list(terms))
        self.source = source
        self._indexes: dict[str, _Index] = {}

    @classmethod
    def load_default(cls) -> "TermBase":
        return _default()

    @classmethod
    def for_workspace(cls, root: Path) -> "TermBase":
        """The bundled term base with the workspace's own `termbase.csv` merged over it."""
        own = Path(root) / WORKSPACE_FILE
        base = cls.load_default()
        return base.merged(cls.from_csv(own)) if own.exists() else base

    @classmethod
    def from_csv(cls, path: str | Path) -> "TermBase":
        return cls(_read_csv(Path(path)), str(path))

    @classmethod
    def from_tbx(cls, path: str | Path) -> "TermBase":
        return cls(_read_tbx(Path(path)), str(path))

    def write_csv(self, path: str | Path) -> None:
        """Write the terms as CSV (atomically: a crash leaves the old file)."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        for t in self._terms:
            writer.writerow([t.concept, t.kind, t.lang, t.term, t.english, "|".join(t.english_variants), t.note])
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(buf.getvalue(), encoding="utf-8")
        os.replace(tmp, path)

    def merged(self, other: "TermBase") -> "TermBase":
        """Both bases; `other` wins per (concept, lang, term) and gives the canonical English of its concepts."""
        rows = {t.key: t for t in self._terms}
        rows.update((t.key, t) for t in other._terms)
        canonical = {t.concept: t for t in other._terms}
        out = []
        for t in rows.values():
            c = canonical.get(t.concept)
            if c is not None and (t.english, t.kind) != (c.english, c.kind):
                # A concept keeps one canonical English; the replaced spelling becomes a variant to enforce.
                t = replace(t, english=c.english, kind=c.kind, english_variants=(*t.english_variants, t.english))
            out.append(t)
        return TermBase(out, f"{self.source} + {other.source}" if self.source else other.source)

    def __len__(self) -> int:
        return len(self._terms)

    def terms(self, lang: str | None = None) -> list[Term]:
        return [t for t in self._terms if lang is None or t.lang == lang]

    def concepts(self) -> dict[str, list[Term]]:
        """Each concept with its terms, in file order."""
        out: dict[str, list[Term]] = {}
        for t in self._terms:
            out.setdefault(t.concept, []).append(t)
        return out

    def find(self, text: str, lang: str) -> list[Match]:
        """Terms of `lang` in `text`: longest first, non-overlapping, whole words (with clitics and endings)."""
        lang = lang.split("-")[0].lower()
        if lang not in LANGS:
            return []
        index = self._indexes.get(lang)
        if index is None:
            index = self._indexes[lang] = _Index(self.terms(lang), lang)
        return index.find(text)

    def gloss(self, text: str, lang: str) -> Gloss:
        """`text` with " [canonical English]" after each term; left out where the surface already reads so."""
        matches = self.find(text, lang)
        parts: list[str] = []
        pos = 0
        for m in matches:
            parts.append(text[pos:m.end])
            if fold(text[m.start:m.end])[0] != fold(m.term.english)[0]:
                parts.append(f" [{m.term.english}]")
            pos = m.end
        parts.append(text[pos:])
        return Gloss("".join(parts), matches)

    def enforce(self, english: str, source_matches: list[Match]) -> tuple[str, list[tuple[str, str]]]:
        """The module's `enforce`, for callers that hold a TermBase."""
        return enforce(english, source_matches)


def _unify_variants(terms: list[Term]) -> tuple[Term, ...]:
    """Give every row of a concept the union of the concept's variants (minus its canonical English)."""
    variants: dict[str, dict[str, str]] = {}
    for t in terms:
        seen = variants.setdefault(t.concept, {})
        for v in t.english_variants:
            if v.strip():
                seen.setdefault(v.strip().casefold(), v.strip())
    return tuple(replace(t, english_variants=tuple(v for k, v in variants[t.concept].items()
                                                   if k != t.english.casefold()))
                 for t in terms)


# ---------------------------------------------------------------- reading files

def _read_csv(path: Path) -> list[Term]:
    """Terms of a CSV file with the COLUMNS header; every bad row is reported, by line, in one error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the term base ({exc}); it must be a UTF-8 CSV file") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError(f"{path} line 1", f"the header lacks {', '.join(missing)}; it must read {','.join(COLUMNS)}")
    problems: list[InputError] = []
    rows: list[tuple[int, Term]] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            what = "a column is missing" if len(row) < len(header) else "there is an extra field (quote commas)"
            problems.append(InputError(f"{path} line {line}", f"{what}: {len(row)} fields, the header has "
                                                                f"{len(header)}"))
            continue
        cells = {h: cell.strip() for h, cell in zip(header, row)}
        term = Term(cells["concept"], cells["kind"], cells["lang"], cells["term"], cells["english"],
                    tuple(v.strip() for v in cells["english_variants"].split("|") if v.strip()), cells["note"])
        rows.append((line, term))
    return _checked(path, rows, problems)


def _read_tbx(path: Path) -> list[Term]:
    """Terms of a TBX (ISO 30042) file: one entry per concept, the `en` language section gives the English."""
    from lxml import etree   # heavy, and only needed for TBX import
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise InputError(str(path), f"not a readable TBX file ({exc})") from exc
    problems: list[InputError] = []
    rows: list[tuple[int, Term]] = []
    for entry in root.iter("{*}termEntry", "{*}conceptEntry"):
        by_lang: dict[str, list[tuple[int, str]]] = {}
        for section in entry.iter("{*}langSet", "{*}langSec"):
            lang = section.get("{http://www.w3.org/XML/1998/namespace}lang", "").split("-")[0].lower()
            for term in section.iter("{*}term"):
                by_lang.setdefault(lang, []).append((term.sourceline, "".join(term.itertext()).strip()))
        english = [t for _, t in by_lang.pop("en", []) if t]
        if not english:
            problems.append(InputError(f"{path} line {entry.sourceline}", "the entry has no English term "
                                                                           "(a langSet with xml:lang=\"en\")"))
            continue
        kind = next(((d.text or "").strip() for d in entry.iter("{*}descrip", "{*}termNote", "{*}admin")
                     if d.get("type") == "kind"), "term")
        note = next(((n.text or "").strip() for n in entry.iter("{*}note")), "")
        concept = entry.get("id") or _slug(english[0])
        for lang, terms in by_lang.items():
            for line, text in terms:
                rows.append((line, Term(concept, kind, lang, text, english[0], tuple(english[1:]), note)))
    return _checked(path, rows, problems)


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")


def _checked(path: Path, rows: list[tuple[int, Term]], problems: list[InputError]) -> list[Term]:
    """Rows that pass the checks; raises TermBaseError naming every bad one by line."""
    first_of: dict[str, tuple[int, Term]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    good: list[Term] = []
    for line, t in rows:
        reasons = []
        for name in REQUIRED:
            if not getattr(t, name):
                reasons.append(f"empty {name}")
        if t.kind and t.kind not in KINDS:
            reasons.append(f"unknown kind {t.kind!r} (use one of {', '.join(KINDS)})")
        if t.lang and t.lang not in LANGS:
            reasons.append(f"unknown language code {t.lang!r} (use one of {', '.join(LANGS)})")
        if t.term and not _WORD.search(fold(t.term)[0]):
            reasons.append(f"term {t.term!r} has no letters or digits")
        if t.key in seen:
            reasons.append(f"repeats line {seen[t.key]}")
        first = first_of.setdefault(t.concept, (line, t))[1]
        if t.concept and (first.english, first.kind) != (t.english, t.kind) and not reasons:
            reasons.append(f"concept {t.concept!r} is {first.kind} {first.english!r} on line {first_of[t.concept][0]}; "
                           f"rows of one concept share one kind and canonical English")
        seen.setdefault(t.key, line)
        if reasons:
            problems.append(InputError(f"{path} line {line}", "; ".join(reasons)))
        else:
            good.append(t)
    if problems:
        problems.sort(key=lambda p: int(p.item.rsplit(" ", 1)[-1]))
        raise TermBaseError(str(path), problems)
    return good


@lru_cache(maxsize=1)
def _default() -> TermBase:
    return TermBase.from_csv(DEFAULT_PATH)


# ---------------------------------------------------------------- enforcing on machine translation

def enforce(english: str, source_matches: list[Match]) -> tuple[str, list[tuple[str, str]]]:
    """Replace variant spellings of the concepts found in the source with their canonical English."""
    target: dict[str, str] = {}
    for m in source_matches:
        # The canonical form is in the pattern too, so "Field Marshal" is never read as variant "Marshal".
        target.setdefault(m.term.english.casefold(), m.term.english)
        for v in m.term.english_variants:
            target.setdefault(v.casefold(), m.term.english)
    if not target:
        return english, []
    forms = sorted(target, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.IGNORECASE)
    changes: list[tuple[str, str]] = []

    def swap(m: re.Match[str]) -> str:
        found = m.group(0)
        canonical = target.get(found.casefold())
        if canonical is None or found.casefold() == canonical.casefold():
            return found
        new = _without_repeat(english[:m.start()], canonical)
        changes.append((found, new))
        return new

    return pattern.sub(swap, english), changes


def _without_repeat(before: str, canonical: str) -> str:
    """The canonical form less the words the text already has just before it ("Khalifa Hifter" -> "Haftar")."""
    words = canonical.split(" ")
    head = before.casefold()
    for k in range(len(words) - 1, 0, -1):
        if head.endswith(" ".join(words[:k]).casefold() + " "):
            return " ".join(words[k:])
    return canonical
