"""Vocabularies kept as data files (CSV/YAML) under `data/`, each with a loader that validates it."""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
