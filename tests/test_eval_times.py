"""`dragoman eval times --realtext`: dates scored against offsets-only gold (precision with the right interval,
"is a date" precision, recall); the real articles are only read from ../shared when it is there."""

from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dragoman.eval.times import evaluate, format_text, score_article

TEXT = "Heyet 2 Eylül 2023 günü geldi; iki gün sonra, 4 Eylül’de ayrıldı. Bu kişi dün konuştu."


def test_right_wrong_and_missed_dates_are_counted():
    day = TEXT.index("2 Eylül 2023")
    dun = TEXT.index("dün")
    sep4 = TEXT.index("4 Eylül’de")
    gold = [[day, day + 12, "2023-09-02", "2023-09-03"],
            [dun, dun + 3, "2024-11-03", "2024-11-04"],
            [sep4, sep4 + 7, "2023-09-04", "2023-09-05"]]
    out = score_article(TEXT, "tr", datetime(2024, 11, 4), gold)
    # "kişi" is not winter; "dün" is the day before publication; "4 Eylül" takes 2023 from the paragraph
    assert (out["predicted"], out["right"], out["is_date"], out["found"], out["found_right"]) == (3, 3, 3, 3, 3)
    wrong = score_article(TEXT, "tr", datetime(2024, 11, 4), [[dun, dun + 3, "2024-11-02", "2024-11-03"]])
    assert wrong["right"] == 0 and wrong["is_date"] == 1
    assert any("not a gold date" in e for e in wrong["errors"])


def test_a_missing_folder_is_a_clear_error(tmp_path):
    from dragoman.errors import DragomanError
    with pytest.raises(DragomanError, match="no realtext-dev folder"):
        evaluate(tmp_path / "nowhere")


SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "realtext-dev"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/realtext-dev is not here")
def test_the_command_reports_every_language():
    from dragoman.cli import app
    result = CliRunner().invoke(app, ["eval", "times", "--realtext", "--data", str(SHARED), "--lang", "tr"])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and " tr:" in result.output
    assert "tr" in format_text(evaluate(SHARED, ("tr",)))
