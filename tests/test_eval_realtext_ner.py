"""`dragoman eval ner --realtext`: the entity layer of the realtext gold scored through the entities stage."""

import json

import pytest
from typer.testing import CliRunner

from dragoman.eval import realtext_ner
from realtext_golds import one_article_gold

ARTICLE = """<html><head><meta charset="utf-8"><title>x</title><meta property="article:published_time" content="2024-05-02T10:00:00+03:00">
</head><body><h1>Ankara'da kritik görüşme</h1>
<p>Dışişleri Bakanı Hakan Fidan, dün Ankara'da NATO heyetini kabul etti.</p>
<p>Görüşmede Fidan'ın İsveç konusundaki tutumu ele alındı.</p></body></html>"""


def test_score_counts_exact_and_overlapping_spans():
    gold = [(0, 10, "PER"), (20, 30, "ORG"), (40, 45, "LOC")]
    pred = [(0, 10, "PER"), (20, 28, "ORG"), (50, 55, "PER"), (40, 45, "MISC")]
    result = realtext_ner.score([(gold, pred)])
    assert result["PER"]["tp"] == 1 and result["PER"]["fp"] == 1 and result["PER"]["precision"] == 0.5
    assert result["ORG"]["tp"] == 0 and result["ORG"]["overlap"]["precision"] == 1.0
    assert result["PER+ORG"]["recall"] == 0.5 and result["PER+ORG"]["overlap"]["recall"] == 1.0
    assert result["LOC"]["fn"] == 1          # a MISC guess is not counted as a place


@pytest.fixture()
def gold_root(tmp_path, monkeypatch):
    return one_article_gold(tmp_path, monkeypatch, ARTICLE, {"entities": [
        {"s": "Hakan Fidan", "label": "PER"}, {"s": "Fidan", "label": "PER", "near": "Fidan'ın"},
        {"s": "NATO", "label": "ORG"}, {"s": "Ankara", "label": "LOC", "affix": True},
        {"s": "İsveç", "label": "LOC"}]})


def test_realtext_eval_runs_the_pipeline_on_the_gold_text(gold_root):
    result = realtext_ner.evaluate(gold_root, ["tr", "fr"])
    tr = result["languages"]["tr"]
    assert tr["articles"] == 1 and tr["PER"]["gold"] == 2
    assert tr["PER"]["tp"] == 2                       # Fidan'ın: the ending stays outside, as in the gold
    assert result["languages"]["fr"] == {"articles": 0}


def test_cli_eval_ner_realtext(gold_root):
    from dragoman.cli import app
    out = CliRunner().invoke(app, ["eval", "ner", "--realtext", "--lang", "tr", "--root", str(gold_root), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["languages"]["tr"]["PER+ORG"]["gold"] == 3
    out = CliRunner().invoke(app, ["eval", "ner"])
    assert out.exit_code != 0 and "--realtext" in out.output
