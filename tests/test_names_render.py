"""arabnamer renderings: one child process per batch of new words, a shared cache, offline mode."""

import json
import sys

import pytest

from dragoman.names.render import ArabicRenderer, RenderError, english_words

# A stand-in for the model child: renders each word as its letters mapped one by one (deterministic).
FAKE = ("import json,sys; words=json.load(sys.stdin); "
        "m=dict(zip('abdfhiklmnoprstuy', 'ابدفهيكلمنوبرستوي')); "
        "print(json.dumps({w: [''.join(m.get(c,'') for c in w)] for w in words}))")


def test_words_are_ascii_lowercase_split_at_spaces_and_hyphens():
    assert english_words("Yunus-Bek Yevkurov") == ["yunus", "bek", "yevkurov"]
    assert english_words("Grønkjær") == ["gronkjaer"]
    assert english_words("a'sha") == ["a'sha"]


def test_new_words_render_in_one_batch_and_are_cached(tmp_path):
    cache = tmp_path / "renderings.json"
    renderer = ArabicRenderer(cache, command=[sys.executable, "-c", FAKE])
    assert renderer.prepare(["haftar", "putin", "haftar"]) == 2
    assert renderer.model_runs == 1
    assert renderer.renderings("putin") == ("بوتين",)
    assert renderer.prepare(["putin"]) == 0 and renderer.model_runs == 1
    stored = json.loads(cache.read_text(encoding="utf-8"))["words"]
    assert set(stored) == {"haftar", "putin"}
    # a second renderer (another process) reads the cache and adds to it without losing words
    other = ArabicRenderer(cache, command=[sys.executable, "-c", FAKE])
    assert other.renderings("haftar") == ("هافتار",)
    other.prepare(["shoigu"])
    assert set(json.loads(cache.read_text(encoding="utf-8"))["words"]) == {"haftar", "putin", "shoigu"}


def test_offline_renderer_never_runs_the_model(tmp_path):
    renderer = ArabicRenderer(tmp_path / "none.json", offline=True,
                              command=[sys.executable, "-c", "raise SystemExit(9)"])
    assert renderer.renderings("haftar") == ()
    assert renderer.model_runs == 0


def test_a_failing_child_is_a_named_error(tmp_path):
    renderer = ArabicRenderer(tmp_path / "r.json", command=[sys.executable, "-c", "import sys; sys.exit('no model')"])
    with pytest.raises(RenderError, match="no model"):
        renderer.prepare(["haftar"])


def test_a_broken_cache_file_is_rebuilt(tmp_path):
    cache = tmp_path / "r.json"
    cache.write_text("{not json", encoding="utf-8")
    renderer = ArabicRenderer(cache, command=[sys.executable, "-c", FAKE])
    assert renderer.renderings("putin") == ("بوتين",)


def test_the_real_model_renders_n_best_arabic(tmp_path):
    renderer = ArabicRenderer(tmp_path / "r.json")
    renderer.prepare(["putin", "haftar"])
    putin = renderer.renderings("putin")
    assert 1 <= len(putin) <= 5
    assert "بوتين" in putin
    assert all("\u0600" <= ch <= "\u06ff" for r in putin for ch in r)
