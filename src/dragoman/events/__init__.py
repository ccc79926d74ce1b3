"""PLOVER event coding: who did what to whom, where, in English (parsed) and ar/ru/tr/fr (lexicons)."""

from .coder import EventCoder
from .types import EventHit, MentionRef, SentenceInput

__all__ = ["EventCoder", "EventHit", "MentionRef", "SentenceInput"]
