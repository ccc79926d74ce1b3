"""Loaders and scorers for the evaluation sets in ../shared/eval; one definition shared by CLI, tests and bench."""
