"""The extraction scorer on hand-made cases, and the benchmark gate: no metric may fall below its floor."""

import subprocess
import sys
from pathlib import Path

import pytest

from dragoman.errors import DragomanError
from dragoman.eval.extraction import (below_floor, evaluate, load_floors, load_gold, load_output, page_counts,
                                      score_texts, shingles, tokenize)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "extraction-scrapinghub"
needs_data = pytest.mark.skipif(not (DATA / "ground-truth.json").is_file(),
                                reason=f"benchmark data not present at {DATA}")

GOLD = "The council met on Monday. It approved the new budget for the port of Benghazi after a long debate."
JUNK = "Subscribe to our newsletter for more stories like this one every single day"


def test_tokens_are_word_runs_in_any_script():
    assert tokenize("Hafter's forces—near Derna, 2023!") == ["Hafter", "s", "forces", "near", "Derna", "2023"]
    assert tokenize("Хафтар прибыл в Москву.") == ["Хафтар", "прибыл", "в", "Москву"]
    assert tokenize("وصل حفتر إلى موسكو") == ["وصل", "حفتر", "إلى", "موسكو"]


def test_shingles_are_four_token_multisets():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b") == {("a", "b"): 1}            # shorter than a shingle: one short shingle
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("") == {}


def test_perfect_extraction_scores_one_and_only_punctuation_is_ignored():
    assert page_counts(GOLD, GOLD) == (1.0, 0.0, 0.0)
    assert page_counts(GOLD, GOLD.replace(".", " ;")) == (1.0, 0.0, 0.0)
    assert page_counts(GOLD, GOLD.lower()) != (1.0, 0.0, 0.0)          # case is kept, as upstream
    assert score_texts([(GOLD, GOLD)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}


def test_extra_text_costs_precision_and_missing_text_costs_recall():
    tp, fp, fn = page_counts(GOLD, GOLD + "\n" + JUNK)
    assert fn == 0 and fp > 0 and abs(tp + fp + fn - 1) < 1e-9       # normalised per page
    extra = score_texts([(GOLD, GOLD + "\n" + JUNK)])
    assert extra["recall"] == 1.0 and extra["precision"] < 1.0 and extra["accuracy"] == 0.0
    half = GOLD.split(". ")[1]
    missing = score_texts([(GOLD, half)])
    assert missing["precision"] == 1.0 and missing["recall"] < 1.0


def test_precision_and_recall_are_page_means_and_f1_their_harmonic_mean():
    pairs = [(GOLD, GOLD), (GOLD, JUNK), (GOLD, "")]
    result = score_texts(pairs)
    # precision over the two pages that predicted something (1 and 0); recall over all three (1, 0, 0)
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    assert result["accuracy"] == pytest.approx(1 / 3)


def test_a_long_page_weighs_no_more_than_a_short_one():
    long_gold = " ".join(f"word{i}" for i in range(400))
    both = score_texts([(GOLD, GOLD + " " + JUNK), (long_gold, long_gold)])
    alone = score_texts([(GOLD, GOLD + " " + JUNK)])
    assert both["precision"] == pytest.approx((alone["precision"] + 1) / 2)


def test_missing_data_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DragomanError, match=str(tmp_path / "nowhere")):
        evaluate(tmp_path / "nowhere")
    with pytest.raises(DragomanError, match="ground-truth.json"):
        evaluate(tmp_path)


def test_cli_says_in_one_line_that_the_data_is_missing(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "dragoman", "eval", "extraction", "--data", str(tmp_path / "nowhere"),
                           "--json"], capture_output=True, text=True)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ") and "nowhere" in proc.stderr


def test_floors_are_numbers_and_a_drop_is_reported():
    floors = load_floors()["extraction"]
    assert set(floors) == {"f1", "precision", "recall"} and all(0.9 < v < 1 for v in floors.values())
    assert below_floor({"f1": 0.99, "precision": 0.99, "recall": 0.5}, floors) == [
        f"recall 0.5000 < {floors['recall']:.4f}"]


@needs_data
def test_scorer_reproduces_the_published_numbers():
    gold = load_gold(DATA)
    for name, f1 in (("trafilatura", 0.958), ("readability", 0.922)):
        predicted = load_output(DATA / "output" / f"{name}.json")
        result = score_texts([(record["articleBody"], predicted[key]) for key, record in gold.items()])
        assert round(result["f1"], 3) == f1, name


@needs_data
def test_extraction_stays_above_its_floors():
    result = evaluate(DATA)
    assert result["pages"] == 181 and sum(result["paths"].values()) == 181
    assert not any(path.startswith("skip:") for path in result["paths"]), result["paths"]
    assert below_floor(result, load_floors()["extraction"]) == [], result
