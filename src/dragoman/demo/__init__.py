"""The bundled demo corpus (written by us from ../shared/docs/scenario.md) and the demo run."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DEMO = resources.files("dragoman.demo")
# Searches the demo shows off: the same name with and without diacritics/ё/case, in both scripts.
SHOWCASE_QUERIES = ["حفتر", "حَفْتَر", "الروسية", "Шойгу", "ШОЙГУ", "Хафтар", "ещё", "Yevkurov"]
# Searches across languages: a name in one script finds every spelling; an English topic finds other languages.
CROSS_LINGUAL_QUERIES = ["حفتر", "Вагнер", "air defence systems"]


def pages_dir() -> Path:
    return Path(str(DEMO / "pages"))


def demo_sources() -> list[Path]:
    """What the demo ingests: the pages, the feeds and feed list, and the Telegram export."""
    root = Path(str(DEMO))
    return [root / "pages", root / "feeds", root / "telegram" / "mod_russia"]


def manifest() -> list[dict[str, Any]]:
    """Every page's outlet, language, date, URL and the hard cases it holds."""
    entries: list[dict[str, Any]] = []
    folder = DEMO / "manifest"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            entries += yaml.safe_load(item.read_text(encoding="utf-8")) or []
    return entries
