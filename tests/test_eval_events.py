"""The events eval: lenient record reading, the actor-match rule, scores on our own coded sentences, and the
gate on the PLOVER gold-standard records (skipped when ../shared is absent)."""

import json
from pathlib import Path

import pytest

from dragoman.errors import DragomanError
from dragoman.eval.events import actor_match, evaluate, format_text, head, load_records, parse_records

FIXTURES = Path(__file__).parent / "fixtures" / "events"
GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "events-plover-gsr"
needs_gold = pytest.mark.skipif(not (GOLD / "PLOVER_GSR_CAMEO.txt").is_file(),
                                reason=f"PLOVER gold records not present at {GOLD}")
# Pinned a hair below what was measured (type 0.932, source 0.903 (precision 0.964), target 0.875 (precision
# 0.891) on 322 records); raise them when the coder improves, never lower them to make the test pass.
FLOORS = {"type_accuracy": 0.92, "source_match": 0.90, "target_match": 0.87, "mode_accuracy": 0.84,
          "source_precision": 0.955, "target_precision": 0.885}


def test_reads_json_lists_and_json_lines():
    records, problems = parse_records('[{"event": "AID", "text": "x"}]', "a.json")
    assert records == [{"event": "AID", "text": "x"}] and problems == []
    records, problems = parse_records('{"event": "AID", "text": "x"}\n\n{"event": "AGREE", "text": "y"}\n', "b.jsonl")
    assert [r["event"] for r in records] == ["AID", "AGREE"] and problems == []


def test_lenient_reader_forgives_trailing_commas_and_reports_a_broken_record():
    records, problems, not_events = load_records(FIXTURES / "coded_lenient.txt")
    assert [r["id"] for r in records] == ["LENIENT-0001", "LENIENT-0002", "LENIENT-0004"]
    assert not_events == 1                                  # the DOCUMENT header
    assert len(problems) == 1 and problems[0].startswith("coded_lenient.txt: record 3 (line ")
    by_id = {r["id"]: r for r in records}
    assert by_id["LENIENT-0001"]["source"] == ["Yunus-Bek Yevkurov"] and by_id["LENIENT-0001"]["mode"] == "visit"
    assert by_id["LENIENT-0004"]["source"] == ["Turkey"] and by_id["LENIENT-0004"]["target"] == []
    assert by_id["LENIENT-0002"]["language"] == "en"


def test_unreadable_input_is_a_clear_error(tmp_path):
    with pytest.raises(DragomanError, match="nowhere"):
        evaluate(tmp_path / "nowhere")
    with pytest.raises(DragomanError, match="no record files"):
        evaluate(tmp_path)
    (tmp_path / "empty.json").write_text("[]", encoding="utf-8")
    with pytest.raises(DragomanError, match="no event records"):
        evaluate(tmp_path / "empty.json")
    (tmp_path / "junk.txt").write_text("{not json at all", encoding="utf-8")
    records, problems, _ = load_records(tmp_path / "junk.txt")
    assert records == [] and "record 0" in problems[0]


@pytest.mark.parametrize("predicted, gold, same", [
    ("Tom King", "British Defence Secretary Tom King", True),           # same head word
    ("Palestinians", "Palestinians of the Israeli-occupied West Bank", True),
    ("university students", "students throughout Indonesia", True),
    ("Israeli police", "Israeli police", True),
    ("Hungarian officials", "Hungarian", True),                          # Jaccard 1/2
    ("the Sudanese government", "Sudanese government", True),
    ("Israel", "Israel's security cabinet", False),                      # Jaccard 1/3, heads differ
    ("Moscow", "Tripoli", False),
    ("", "Tripoli", False),
])
def test_actor_match_rule(predicted, gold, same):
    assert actor_match(predicted, gold) is same


def test_head_is_the_word_before_any_post_modifier():
    assert head("Red Cross operating in Iraq") == "cross"
    assert head("King Hassan of Morocco") == "hassan"
    assert head("in the capital city of Algiers") == "algiers"           # a place noun describes the name
    assert head("the Bosnian town of Gorazde in the east") == "gorazde"
    assert head("deputy governor of the Tyumen region") == "governor"


NITZE = ("A Russian official offered concessions that U.S. negotiator Paul Nitze believed could lead to an "
         "agreement.")
MASSOB = ("Nigerian authorities jailed 52 members of the banned Movement for the Actualization of the Sovereign "
          "State of Biafra (MASSOB) on allegations of treason.")
MAMOUN = "A member of the Syrian parliament, Mohammed Mamoun, began a hunger strike on Sunday."
MAMOUN_AFTER = "Mohammed Mamoun, a member of the Syrian parliament, began a hunger strike on Sunday."
ANNAN = "Talks with the United Nations, Kofi Annan, and the Arab League envoys ended on Sunday."
KACC = "The Kenya Anti-Corruption Commission said Kenya would not drop the case against the minister."


@pytest.mark.parametrize("predicted, gold, text, same", [
    ("Paul Nitze", "U.S. negotiator", NITZE, True),                      # a description right before the name
    ("U.S. negotiator", "Paul Nitze", NITZE, True),                      # either way round
    ("Paul Nitze", "U.S. negotiator", "", False),                        # the text must make them one phrase
    ("Russian official", "U.S. negotiator", NITZE, False),
    ("Warren Christopher", "U.S. Secretary of State Warren Christopher", "", True),
    ("Ben Bella", "supporters of former President Ahmed Ben Bella", "", False),   # not a title
    ("MASSOB", "Movement for the Actualization of the Sovereign State of Biafra", MASSOB, True),
    ("Movement for the Actualization of the Sovereign State of Biafra", "MASSOB", MASSOB, True),
    ("MASSOB", "Nigerian authorities", MASSOB, False),
    ("Kenya", "Kenya Anti-Corruption Commission", KACC, False),          # the name's own first word
    ("Mohammed Mamoun", "A member of the Syrian parliament", MAMOUN, True),     # set side by side by commas
    ("Mohammed Mamoun", "a member of the Syrian parliament", MAMOUN_AFTER, True),
    ("Kofi Annan", "the United Nations", ANNAN, False),                  # a list, not a description
])
def test_one_phrase_in_the_text_names_one_participant(predicted, gold, text, same):
    assert actor_match(predicted, gold, text) is same
    assert head("the") is None


def test_scores_on_our_english_sentences():
    result = evaluate(FIXTURES / "coded_en.jsonl", details=True)
    assert result["records"] == 40 and result["problems"] == []
    assert result["type_accuracy"] >= 0.9 and result["source_match"] >= 0.9 and result["target_match"] >= 0.75
    assert len(result["rows"]) == 40 and {"gold", "got", "actors", "targets"} <= set(result["rows"][0])
    text = format_text(result)
    assert text.startswith("events: 40 records") and "type accuracy" in text and "CONSULT" in text


def test_scores_on_our_arabic_russian_turkish_french_sentences():
    result = evaluate(FIXTURES / "coded_multi.json")
    assert set(result["languages"]) == {"ar", "ru", "tr", "fr"}
    assert result["type_accuracy"] >= 0.9 and result["source_match"] >= 0.8 and result["target_match"] >= 0.75
    assert "per language" in format_text(result)


def test_a_limit_and_a_folder_of_files(tmp_path):
    for name in ("coded_en.jsonl", "coded_multi.json"):
        (tmp_path / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("# not records\n", encoding="utf-8")
    result = evaluate(tmp_path)
    assert result["records"] == 59
    assert evaluate(tmp_path, limit=5)["records"] == 5


def test_scores_are_split_by_odd_and_even_record_ids():
    result = evaluate(FIXTURES / "coded_lenient.txt")
    assert set(result["halves"]) == {"odd", "even"}
    assert result["halves"]["odd"]["n"] == 1 and result["halves"]["even"]["n"] == 2     # 0001 / 0002, 0004
    assert "odd half" in format_text(result)


def test_result_is_json(tmp_path):
    result = evaluate(FIXTURES / "coded_lenient.txt")
    assert json.loads(json.dumps(result))["records"] == 3
    assert result["skipped"] == {"unreadable": 1, "not_events": 1}


@needs_gold
def test_plover_gold_records_stay_above_their_floors():
    result = evaluate(GOLD)
    assert result["records"] == 322 and result["problems"] == []
    below = {k: result[k] for k, floor in FLOORS.items() if result[k] < floor}
    assert not below, (below, format_text(result))
