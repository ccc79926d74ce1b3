"""The event vocabulary files: PLOVER types and modes, and the trigger lexicons, checked when loaded."""

import pytest

from dragoman.errors import InputError
from dragoman.events import lexicon as lex
from dragoman.events.english import iter_senses


def test_plover_types_modes_and_aliases():
    vocab = lex.plover()
    assert {"AGREE", "CONSULT", "AID", "MOBILIZE", "COOPERATE", "ASSAULT", "SANCTION", "THREATEN", "DEMAND",
            "REJECT", "PROTEST", "COERCE", "FIGHT", "INVESTIGATE", "DISAPPROVE", "RETREAT", "CONCEDE",
            "SUPPORT"} <= set(vocab.polarity)
    assert vocab.check("CONSULT/visit", "here") == ("CONSULT", "visit")
    assert vocab.check("AID", "here") == ("AID", None)
    with pytest.raises(InputError, match="unknown PLOVER event type 'VISIT'"):
        vocab.check("VISIT", "here")
    with pytest.raises(InputError, match="mode 'phone' is not one of AID"):
        vocab.check("AID/phone", "here")
    assert vocab.normalise("request") == ("DEMAND", None)
    assert vocab.normalise("ACCUSE", "investigate") == ("INVESTIGATE", None)
    assert vocab.normalise("CONSULT", " ") == ("CONSULT", None)
    assert vocab.threat_mode("COERCE", "curfew") == "curfew" and vocab.threat_mode("SANCTION", None) == "relations"


def test_english_lexicon_is_well_formed():
    english = lex.english()
    vocab = lex.plover()
    assert len(english.verbs) > 200 and len(english.nouns) > 80
    for sense in iter_senses(english):
        assert sense.type in vocab.polarity
        assert sense.mode is None or sense.mode in vocab.modes[sense.type]
        assert sense.prt is None or isinstance(sense.prt, str)
    assert {"visited", "visiting", "met", "sought", "banned", "deployed"} <= set(english.needs)
    assert english.needs["visited"] is None and "according" not in english.needs
    assert english.worth_parsing({"they", "set", "fire", "to", "it"})
    assert not english.worth_parsing({"they", "set", "the", "table"})         # "set" is an event only with fire
    assert not english.worth_parsing({"you", "must", "go"}) and english.worth_parsing({"he", "said", "must"})
    assert english.framer_class("threaten") == "threaten" and english.framer_class("say") == "report"


def test_brace_expansion():
    assert lex.expand("посетил{,а,и}") == ["посетил", "посетила", "посетили"]
    assert lex.expand("a{b,c}d{e,f}") == ["abde", "abdf", "acde", "acdf"]
    assert lex.expand("plain") == ["plain"]


@pytest.mark.parametrize("body, message", [
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("- just\n- a list\n", "expected a mapping"),
    ("a: [unclosed\n", "cannot read event vocabulary"),
])
def test_bad_yaml_names_the_file(tmp_path, body, message):
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        lex.read_yaml(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("spec, message", [
    ({"event": "CONSULT", "prt": False}, "quote particles"),
    ({"event": "CONSULT", "obj": [True]}, "quote words"),
    ({"event": "CONSULT", "object": ["x"]}, "unknown condition"),
    ({"event": "CONSULT", "obj": ["@nowhere"]}, "unknown word list"),
    ({"obj": ["x"]}, "mapping with `event`"),
    ("TALK", "unknown PLOVER event type"),
])
def test_bad_senses_are_refused_with_their_place(spec, message):
    with pytest.raises(InputError, match=message) as err:
        lex.parse_senses([spec], {}, "en.yaml: verbs.meet")
    assert "en.yaml: verbs.meet[0]" in str(err.value)


def test_senses_read_conditions():
    senses = lex.parse_senses([{"event": "COERCE/curfew", "obj": ["curfew", "martial law", "@restr"], "prt": "up"},
                               "SANCTION"], {"restr": ["embargo"]}, "here")
    first, second = senses
    assert first.obj == (frozenset({"curfew"}), frozenset({"martial", "law"}), frozenset({"embargo"}))
    assert (first.type, first.mode, first.prt) == ("COERCE", "curfew", "up")
    assert (second.type, second.mode, second.obj) == ("SANCTION", None, ())
