"""One-article realtext-dev roots with a gold file built from a draft, for the realtext eval tests."""

from pathlib import Path

from dragoman.eval import realtext

ARTICLE_PATH = "tr/dev-tr01-test.html"


def one_article_gold(tmp_path: Path, monkeypatch, article_html: str, draft: dict,
                     drop_layers: tuple[str, ...] = ()) -> Path:
    """A realtext-dev root under `tmp_path` holding one Turkish article; its gold (from `draft`, without
    `drop_layers`) is written to a gold folder the eval reads instead of the repo's."""
    root = tmp_path / "realtext-dev"
    (root / "tr").mkdir(parents=True)
    (root / ARTICLE_PATH).write_text(article_html, encoding="utf-8")
    monkeypatch.setattr(realtext, "GOLD_DIR", tmp_path / "gold")
    record = realtext.draft_to_gold(realtext.read_article(root, ARTICLE_PATH), draft)
    for layer in drop_layers:
        record.pop(layer)
    realtext.write_gold("tr", [record])
    return root
