"""spaCy pipelines installed as packages (the pinned English and French models), loaded for NER only."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DragomanError

KEEP = ("tok2vec", "ner")


@lru_cache(maxsize=None)
def load(package: str, fix: str, keep: tuple[str, ...] = KEEP) -> Any:
    """The pipeline of `package` with every component but those in `keep` excluded (once per process)."""
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise DragomanError(f"{package}: the NER model is not installed ({exc}); {fix}") from exc
    from spacy.util import get_model_meta
    meta = get_model_meta(Path(module.__file__).parent)
    exclude = [name for name in meta.get("components", meta.get("pipeline", [])) if name not in keep]
    return module.load(exclude=exclude)
