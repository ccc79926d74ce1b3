"""The claim lexicons: the bundled files load and match what they should (Arabic clitics and harakat, Russian
and Turkish endings), bad files are refused with the file, entry and reason, and the certainty scale holds."""

import pytest

from dragoman.claims import LANGS, LexiconError, certainty, lexicon, load
from dragoman.claims.lexicon import DATA_DIR


def words(matcher, text):
    return [f.text for f in matcher.find(text)]


def test_every_bundled_language_loads_with_all_categories():
    for lang in LANGS:
        lex = lexicon(lang)
        assert lex is not None and lex.lang == lang
        for category in ("cues", "sources", "hedges", "modifiers", "outlets"):
            assert len(getattr(lex, category).entries) >= 10, (lang, category)
        assert lex.hedges.find("") == []
    assert lexicon("ar-LY") is lexicon("ar")
    assert lexicon("de") is None and lexicon("") is None


def test_arabic_cues_take_clitics_harakat_and_spelling_variants():
    lex = lexicon("ar")
    assert words(lex.cues, "وقال المسؤول") == ["قال"]
    assert words(lex.cues, "وأفادت المصادر") == ["أفادت"]
    assert words(lex.cues, "وبحسب المصادر") == ["بحسب"]
    assert words(lex.cues, "فقالت الوزارة") == ["قالت"]
    assert words(lex.cues, "وَقَالَتْ") == ["قَالَتْ"]
    assert words(lex.cues, "واكد الوزير") == ["اكد"]                 # أكد typed without hamza
    assert words(lex.cues, "وفقاً لمصادر") == ["وفقاً"]
    assert words(lex.cues, "قالب من الجبن") == []                    # a longer word is not the cue
    # Source nouns: the article and a preposition may be glued on, adjectives agree.
    assert words(lex.sources, "للمصادر المطلعة") == ["مصادر"]
    assert words(lex.hedges, "ويُرجَّح أن") == ["يُرجَّح"]
    assert words(lex.hedges, "قد يكون") == ["قد"] and words(lex.hedges, "وقد شغل منصب") == []


def test_russian_and_turkish_endings():
    ru = lexicon("ru")
    assert words(ru.sources, "источники, источников, источника, источником") == \
        ["источники", "источников", "источника", "источником"]
    assert words(ru.cues, "сообщил, сообщила, сообщили, сообщило") == ["сообщил", "сообщила", "сообщили", "сообщило"]
    assert words(ru.cues, "сообщение ведомства") == []
    assert words(ru.hedges, "Москва якобы согласилась") == ["якобы"]
    assert words(ru.cues, "Ещё сообщили") == ["сообщили"] and words(ru.hedges, "ещё может") == ["может"]
    tr = lexicon("tr")
    assert words(tr.sources, "kaynaklara, kaynakların, kaynağa") == ["kaynaklara", "kaynakların", "kaynağa"]
    assert words(tr.hedges, "İddia edildi") == ["İddia edildi"]
    assert words(tr.hedges, "gelebilir") == ["gelebilir"]


def test_french_conditional_is_told_from_hypothesis():
    fr = lexicon("fr")
    assert words(fr.hedges, "Haftar aurait demandé") == ["aurait"]
    assert words(fr.hedges, "Moscou viserait une base") == ["viserait"]
    assert words(fr.hedges, "des hommes seraient stationnés") == ["seraient "]
    assert words(fr.hedges, "ce serait bien plus difficile") == []
    assert words(fr.cues, "d’après l’agence") == ["d’après"]          # typographic apostrophe


def test_english_case_matters_only_where_asked():
    en = lexicon("en")
    assert words(en.hedges, "They may leave in May.") == ["may"]
    assert words(en.cues, "ACCORDING TO officials") == ["ACCORDING TO"]
    assert [f.entry.english for f in en.outlets.find("as TASS reported")] == ["TASS"]
    assert en.outlets.find("the tass of it") == []                   # outlet names keep their case


def write(tmp_path, body, common=True):
    if common:
        (tmp_path / "common.yaml").write_text((DATA_DIR / "common.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    path = tmp_path / "xx.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, expected", [
    ("lang: xx\ncues:\n  - {form: said, role: verb}\n  - {form: told, role: shout}\n",
     "cues entry 2: field role: 'shout' is not one of verb, prep, post, cite"),
    ("lang: xx\nhedges:\n  - {form: maybe, english: maybe, weight: 1.5}\n",
     "hedges entry 1: field weight: 1.5 is not a number in (0, 1]"),
    ("lang: xx\nhedges:\n  - {form: maybe}\n", "hedges entry 1: field english: missing"),
    ("lang: xx\nhedges:\n  - {regex: 'may(', english: may}\n", "hedges entry 1: bad regex 'may('"),
    ("lang: xx\nsources:\n  - {form: sources, english: sources, kind: anonymous}\n",
     "sources entry 1: unknown field(s) kind"),
    ("lang: xx\nsources:\n  - {form: 'a … b', english: x}\n", "sources entry 1: bad form 'a … b': a gap"),
    ("lang: xx\ncolour: blue\n", "unknown top-level field(s) colour"),
    ("cues: []\n", "field lang: missing"),
    ("lang: xx\ncues: [\n", "not valid YAML"),
])
def test_bad_lexicon_files_are_refused_with_file_entry_and_reason(tmp_path, body, expected):
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as caught:
        load(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_a_small_valid_file_compiles(tmp_path):
    lex = load(write(tmp_path, "lang: xx\nsuffix: 2\ncues:\n  - {form: 'sag*|meld*', role: verb}\n"
                               "hedges:\n  - {form: vielleicht, english: perhaps, weight: 0.8, alone: true}\n"))
    assert words(lex.cues, "er sagte, sie meldet") == ["sagte", "meldet"]
    assert words(lex.cues, "sagtest") == []                           # more than two letters of ending
    assert lex.hedges.find("vielleicht")[0].entry.alone


def test_missing_common_file_is_named(tmp_path):
    path = write(tmp_path, "lang: xx\n", common=False)
    with pytest.raises(LexiconError, match="common.yaml: cannot read"):
        load(path)


def test_certainty_scale():
    assert certainty("named", quote=True) == 1.0
    order = [certainty(t) for t in ("named", "official", "outlet", "anonymous", "observers")]
    assert order == sorted(order, reverse=True) and order[0] < 1.0
    assert certainty("anonymous", hedge_weights=[0.8]) == pytest.approx(0.48)
    assert certainty("anonymous", hedge_weights=[0.8, 0.5]) < certainty("anonymous", hedge_weights=[0.8])
    assert certainty("named", relays=1) < certainty("named")
    assert certainty("observers", hedge_weights=[0.5] * 10) == 0.05   # never zero: low, not dropped
    assert certainty("outlet", own_view=True, hedge_weights=[0.8]) == pytest.approx(0.72)
