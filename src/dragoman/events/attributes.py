"""spaCy's attribute ruler, applied without running its Matcher over every pattern.

The English model's ruler holds ~180 patterns (a tag map and exceptions such as "a" → Definite=Ind); its Matcher
tries all of them on every token and was ~30 % of the parse. Nearly all of them test one token's TAG, LOWER, DEP
or IS_SPACE (equal, IN or NOT_IN a list, REGEX), so the patterns a token matches depend only on those four values and are looked up
once per distinct combination. The few other patterns (several tokens) still go through a Matcher. Each token
then gets the same `set_token_attrs` calls, in the same order (by pattern number), as the ruler would make:
the results are identical (tests/test_events_parse.py compares both on real sentences).

The rule lemmatizer that follows the ruler runs in the same pass, and a word met before with the same tag and
dependency gets its final attributes and lemma from one look-up (they depend on nothing else).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from spacy.attrs import DEP, LEMMA, LOWER, MORPH, POS, TAG

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc, Token

_SIMPLE_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_CACHE_LIMIT = 200_000      # distinct (tag, word, dep, space) combinations remembered
_FINAL_LIMIT = 20_000       # words in their roles whose final attributes are remembered (~10 MB at most)


def _test(want) -> "Callable[[object], bool] | None":
    """A Matcher token predicate as a function of the token's value: equality, IN, NOT_IN or REGEX (None: other)."""
    if isinstance(want, (str, bool)):
        return lambda value: value == want
    if isinstance(want, dict) and len(want) == 1:
        (op, arg), = want.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            members = frozenset(arg)
            if op == "IN":
                return lambda value: value in members
            return lambda value: value not in members
        if op == "REGEX" and isinstance(arg, str):
            found = re.compile(arg).search
            return lambda value: isinstance(value, str) and bool(found(value))
    return None


class FastAttributeRuler:
    """Same effect as `ruler(doc)`; None from `build` when the ruler holds a pattern this cannot index."""

    def __init__(self, ruler: "AttributeRuler", single: list[tuple[int, dict]], multi: list[int],
                 lemmatizer: "Lemmatizer | None" = None) -> None:
        from spacy.matcher import Matcher
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        # Final attributes by (ORTH, TAG, DEP, POS, LEMMA) before the ruler: the ruler's attributes and the
        # lemma follow from those alone (see `__call__`), so a word seen before in the same role costs one
        # dictionary look-up and one setter call.
        self._final: dict[tuple[int, int, int, int, int], dict[int, int]] = {}
        self._cacheable = all(set(a) <= {MORPH, POS, TAG, DEP, LEMMA} for a in ruler.attrs)
        # (pattern number, {token attribute: predicate}) for the one-token patterns, in pattern order
        self.single = [(number, {name: _test(want) for name, want in wants.items()}) for number, wants in single]
        self.matcher = Matcher(ruler.vocab, validate=False)
        alternatives = []
        for number in multi:
            key = str(number)
            patterns = ruler.matcher.get(ruler.vocab.strings[key])[1]
            self.matcher.add(key, patterns)
            alternatives += patterns
        self.has_multi = bool(multi)
        # What any match needs: one token with one of these values (LOWER, DEP or TAG), or None (always match)
        needs = [_need(pattern, ruler.vocab.strings) for pattern in alternatives]
        self.multi_needs = None if any(n is None for n in needs) else needs
        self._by_values: dict[tuple, tuple[int, ...]] = {}
        # The words the one-token patterns name (LOWER equal, IN, NOT_IN) and their LOWER regexes: any other word
        # passes or fails every test as any other such word with the same regex outcomes does, so the lookup key
        # keeps only those outcomes and the cache holds a few hundred entries, not one per word of the language.
        self.words: set[str] = set()
        self.word_regexes = []
        for _, wants in single:
            want = wants.get("lower_")
            if isinstance(want, str):
                self.words.add(want)
            elif isinstance(want, dict) and "REGEX" in want:
                self.word_regexes.append(re.compile(want["REGEX"]).search)
            elif isinstance(want, dict):
                for members in want.values():
                    self.words.update(members)

    @classmethod
    def build(cls, ruler: "AttributeRuler", lemmatizer: "Lemmatizer | None" = None) -> "FastAttributeRuler | None":
        """`lemmatizer`: the rule lemmatizer that follows the ruler, applied in the same pass (dropped if it
        overwrites lemmas, is not rule-based or lacks its tables: then it runs as its own pipe)."""
        if lemmatizer is not None and not _fusable(lemmatizer):
            lemmatizer = None
        single: list[tuple[int, dict]] = []
        multi: list[int] = []
        for number in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(ruler.vocab.strings[str(number)])
            if len(patterns) == 1 and len(patterns[0]) == 1:
                (token_pattern,) = patterns[0]
                wants = {_SIMPLE_KEYS.get(k): v for k, v in token_pattern.items()}
                if None in wants or any(_test(v) is None for v in wants.values()) or \
                        ruler.indices[number] not in (0, -1):
                    return None
                single.append((number, wants))
            else:
                multi.append(number)
        return cls(ruler, single, multi, lemmatizer)

    def _may_match(self, doc: "Doc") -> bool:
        """False only where no several-token pattern can match: no token has a value each one needs (the
        Matcher over a sentence costs ~15 times this check)."""
        if self.multi_needs is None:
            return True
        values = doc.to_array(_NEED_ATTRS)
        present = [set(values[:, column].tolist()) for column in range(len(_NEED_ATTRS))]
        return any(not present[column].isdisjoint(wanted) for column, wanted in self.multi_needs)

    def _numbers(self, token: "Token") -> tuple[int, ...]:
        lower = token.lower_
        word = lower if lower in self.words else tuple(bool(search(lower)) for search in self.word_regexes)
        values = (token.tag_, word, token.dep_, token.is_space)
        found = self._by_values.get(values)
        if found is None:
            actual = {"tag_": values[0], "lower_": lower, "dep_": values[2], "is_space": values[3]}
            found = tuple(number for number, tests in self.single
                          if all(test(actual[name]) for name, test in tests.items()))
            if len(self._by_values) >= _CACHE_LIMIT:
                self._by_values.clear()
            self._by_values[values] = found
        return found

    def _apply(self, token: "Token", numbers) -> None:
        """The ruler's setter calls for these pattern numbers, in order; then the lemmatizer's choice."""
        from spacy.tokens._retokenize import set_token_attrs as assign     # the ruler's own setter
        attrs = self.ruler.attrs
        for number in numbers:
            assign(token, attrs[number])
        if self.lemmatizer is not None and token.lemma == 0:       # as Lemmatizer.__call__ (overwrite off)
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.tokens._retokenize import set_token_attrs as assign
        indices = self.ruler.indices
        extra: dict[int, list[int]] = {}
        if self.has_multi and self._may_match(doc):    # matched before any attribute changes, as the ruler does
            strings = self.ruler.vocab.strings
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                number = int(strings[match_id])
                index = indices[number]
                target = (start if index >= 0 else end) + index
                if not start <= target < end:
                    raise ValueError(f"attribute ruler pattern {number}: index {index} outside its match")
                extra.setdefault(target, []).append(number)
        # A token's patterns depend on its own values only (the Matcher above has already seen the whole Doc),
        # and its lemma on its text, POS and morphology: so its final state is what any token with the same
        # values before the ruler ends in.
        final = self._final if self._cacheable else None
        for i, token in enumerate(doc):
            if i in extra:
                self._apply(token, sorted((*self._numbers(token), *extra[i])))
                continue
            if final is None:
                self._apply(token, self._numbers(token))
                continue
            key = (token.orth, token.tag, token.dep, token.pos, token.lemma)
            found = final.get(key)
            if found is not None:
                assign(token, found)
                continue
            self._apply(token, self._numbers(token))
            if len(final) >= _FINAL_LIMIT:
                final.clear()
            final[key] = {MORPH: token.morph.key, POS: token.pos, TAG: token.tag, DEP: token.dep,
                          LEMMA: token.lemma}
        return doc

    def pipe(self, docs: Iterable["Doc"], batch_size: int = 64) -> Iterator["Doc"]:
        for doc in docs:
            yield self(doc)


# Token attributes whose values a pattern's `_need` may name, as Matcher pattern keys and as Doc array columns.
_NEED_KEYS = ("LOWER", "DEP", "TAG")
_NEED_ATTRS = [LOWER, DEP, TAG]


def _need(pattern: list[dict], strings) -> tuple[int, frozenset[int]] | None:
    """(column of `_NEED_ATTRS`, value hashes) such that a match of `pattern` has a token with one of those values:
    the token test of the pattern with the fewest allowed values (equal or IN), a word before a tag; None if no
    token of it tests one of those attributes so."""
    best = None
    for token in pattern:
        for column, name in enumerate(_NEED_KEYS):
            want = token.get(name)
            if isinstance(want, str):
                values = [want]
            elif isinstance(want, dict) and list(want) == ["IN"] and all(isinstance(v, str) for v in want["IN"]):
                values = want["IN"]
            else:
                continue
            if best is None or len(values) < len(best[1]) or (len(values) == len(best[1]) and column < best[0]):
                best = (column, values)
    if best is None:
        return None
    column, values = best
    return column, frozenset(strings[v] for v in values)       # the hashes the Matcher compares


def _fusable(lemmatizer: "Lemmatizer") -> bool:
    """A rule lemmatizer that keeps lemmas already set and has its tables: its choice for a token depends only
    on the token's text, POS and morphology."""
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
    return all(table in lemmatizer.lookups for table in required)
