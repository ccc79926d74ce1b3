"""Names across scripts: matching keys, Arabic↔English matching, and the entity resolver."""

from .index import KnownEntity
from .keys import NameKeys, keys, name_key, normalize_arabic, skeleton
from .resolver import EntityResolver, Resolution

__all__ = ["EntityResolver", "Resolution", "KnownEntity", "NameKeys", "keys", "name_key", "normalize_arabic",
           "skeleton"]
