"""`dragoman eval events --realtext`: events of the realtext gold, scored on the dev and the held-out test half."""

import json

import pytest
from typer.testing import CliRunner

from dragoman.eval import events_realtext, realtext
from realtext_golds import one_article_gold

ARTICLE = """<html><head><meta charset="utf-8"><title>x</title><meta property="article:published_time" content="2024-05-02T10:00:00+03:00">
</head><body><h1>Ankara'da kritik görüşme</h1>
<p>Dışişleri Bakanı Hakan Fidan, dün Ankara'da NATO heyetini kabul etti.</p>
<p>Hava güneşliydi.</p></body></html>"""


def test_split_is_fixed_by_file_name():
    # pinned: a change of rule would silently move tuned-on articles into the held-out half
    assert realtext.split_of("ar/dev-ar03-aljazirah-2015-08-04.html") == "dev"
    assert realtext.split_of("ar/dev-ar07-sabq-2015-07-21.html") == "test"
    assert realtext.split_of("tr/dev-tr01-cumhuriyet-baris-terkoglu-2024-05-23.html") == "test"
    assert realtext.split_of("tr/dev-tr07-cumhuriyet-baris-terkoglu-2024-08-01.html") == "dev"
    halves = [realtext.split_of(f"tr/dev-tr{i:02d}-x.html") for i in range(1, 31)]
    assert 8 <= halves.count("test") <= 22       # roughly half of any list of files


@pytest.fixture()
def gold_root(tmp_path, monkeypatch):
    return one_article_gold(tmp_path, monkeypatch, ARTICLE, {
        "events": [{"trigger": {"s": "kabul etti"}, "type": "CONSULT", "actor": {"s": "Hakan Fidan"},
                    "target": {"s": "NATO"}, "main": True}],
        "negatives": [{"s": "Hava güneşliydi."}]},
        drop_layers=("entities", "places", "dates"))           # annotated for events only


def test_a_record_without_a_layer_is_not_scored_for_it(gold_root):
    assert len(realtext.load_gold("tr", gold_root, layer="events")) == 1
    assert realtext.load_gold("tr", gold_root, layer="entities") == []
    assert len(realtext.load_gold("tr", gold_root)) == 1


def test_evaluate_reports_each_half(gold_root):
    half = realtext.split_of("tr/dev-tr01-test.html")
    other = "dev" if half == "test" else "test"
    result = events_realtext.evaluate(gold_root, ("tr",))
    tr = result["languages"]["tr"]
    assert tr["splits"][half]["articles"] == 1 and tr["splits"][half]["main_events"] == 1
    assert tr["splits"][other]["articles"] == 0 and tr["splits"][other]["main_events"] == 0
    assert tr["main_events"] == 1 and tr["negatives"] == 1
    assert tr["main_recall"] == 1.0                   # "kabul etti" is in the Turkish lexicon as CONSULT
    only = events_realtext.evaluate(gold_root, ("tr",), split=half)
    assert list(only["languages"]["tr"]["splits"]) == [half]
    with pytest.raises(Exception):
        events_realtext.evaluate(gold_root, ("tr",), split=other)    # no article in that half
    assert f"tr {half}" in events_realtext.format_text(result)


def test_cli_eval_events_realtext_split(gold_root):
    from dragoman.cli import app
    half = realtext.split_of("tr/dev-tr01-test.html")
    out = CliRunner().invoke(app, ["eval", "events", "--realtext", "--lang", "tr", "--root", str(gold_root),
                                   "--split", half, "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["languages"]["tr"]["splits"][half]["main_events"] == 1
    out = CliRunner().invoke(app, ["eval", "events", "--realtext", "--split", "train", "--root", str(gold_root)])
    assert out.exit_code != 0 and "--split" in out.output
