"""The English parse's attribute ruler, looked up instead of matched, with the lemmatizer in the same pass and the
lemma index held as sets, gives exactly spaCy's results."""

from __future__ import annotations

import pytest

from dragoman.events.attributes import FastAttributeRuler
from dragoman.events.nlp import _fast_ruler, english, parse

# Written for this test: news English with the ruler's awkward cases (contractions, "n't", a possessive 's,
# pronoun objects, extra spaces, "but" as an adverb, abbreviations, quotes, numbers).
SENTENCES = [
    "Haftar's forces didn't withdraw from Derna, but the UN said they'd agreed to a ceasefire on 3 May.",
    "\"We won't accept this,\" the minister told reporters in Tripoli, adding that talks were nothin' new.",
    "The U.S. envoy met him  and her in Ankara;  they've promised to send 20 tonnes of aid by Friday.",
    "Russia's foreign ministry condemned the strike, which killed at least 12 civilians near Kherson.",
    "I'm not sure whether the army will resume shelling, he said, though it is unlikely.",
    "Protesters blocked the road to the airport until police dispersed them with tear gas at 5 p.m.",
    "It was but a warning: the coalition threatened to impose sanctions unless Damascus complied.",
    "   ",
    "Erdoğan and al-Sisi have discussed the Libyan crisis by phone, the presidency's office said.",
    "You can't ask us to trust them, said an official who'd asked not to be named.",
    # several-token patterns: existential "there", "gonna", "let's", "y'all", "ain't"
    "There were no talks, and the rebels said they're gonna try again: let's wait, y'all, it ain't over.",
]


def _attributes(docs):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc] for doc in docs]


def test_fast_ruler_matches_spacy_ruler_on_every_token():
    nlp = english()
    fast = _fast_ruler(nlp)
    assert fast is not None and fast.single and fast.has_multi     # both kinds of pattern are exercised
    assert fast.lemmatizer is not None                             # the lemmatizer runs in the ruler's pass
    expected = []
    for text in SENTENCES:
        doc = nlp.make_doc(text)
        for name in ("tok2vec", "tagger", "parser"):
            doc = nlp.get_pipe(name)(doc)
        assert all(t.lemma == 0 and not t.morph and t.pos == 0 for t in doc)   # what the lookup key assumes
        expected.append(_reference_lemmas(nlp, nlp.get_pipe("attribute_ruler")(doc)))
    got = list(parse(SENTENCES * 2))        # twice: the second pass answers from the lookup cache
    assert _attributes(got) == _attributes(expected) * 2
    assert any(t.pos_ == "PART" and t.lower_ == "n't" for t in got[0])     # the ruler did run


def _reference_lemmas(nlp, doc):
    """spaCy's own rule lemmatizer with its word lists as lists (as shipped), not the sets `english()` makes."""
    from spacy.lookups import Lookups
    lemmatizer = nlp.get_pipe("lemmatizer")
    shipped = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        values = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in table.items()}
        shipped.add_table(name).update(values)
    saved, cache = lemmatizer.lookups, lemmatizer.cache
    lemmatizer.lookups, lemmatizer.cache = shipped, {}
    try:
        return lemmatizer(doc)
    finally:
        lemmatizer.lookups, lemmatizer.cache = saved, cache


def test_lemma_index_is_held_as_sets():
    index = english().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())


def test_unindexable_pattern_falls_back_to_spacy():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">=": 3}}]], {"POS": "NOUN"})
    assert FastAttributeRuler.build(ruler) is None


def test_several_token_patterns_run_only_where_a_sentence_holds_a_word_they_need():
    nlp = english()
    fast = _fast_ruler(nlp)
    assert fast.multi_needs is not None
    plain, marked = (nlp.get_pipe("parser")(nlp.get_pipe("tagger")(nlp.get_pipe("tok2vec")(nlp.make_doc(t))))
                     for t in (SENTENCES[3], SENTENCES[-1]))
    assert not list(fast.matcher(plain, allow_missing=True)) and not fast._may_match(plain)
    assert list(fast.matcher(marked, allow_missing=True)) and fast._may_match(marked)
