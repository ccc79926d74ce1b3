"""Dragoman: a foreign-press OSINT workbench."""

__version__ = "0.1.0"
