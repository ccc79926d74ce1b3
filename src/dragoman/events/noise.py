"""Text that reports no event however many trigger words it holds: addresses and slugs ("/russia-deploys-
forces-to-libya"), hashtags and handles, bylines, photo credits, citation and share lines. Events are never coded
from it (an event noun in a URL slug or a "Read also:" headline is not something the article tells)."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import DATA_DIR, read_yaml

# Addresses, slugs (four or more words joined by hyphens or underscores, no spaces), hashtags and @handles.
# A path without its site ("/news/2023/8/22/haftar-visits-moscow", "news/haftar-meets-putin") or a file name
# ("haftar-meets-putin.html") is a slug too, from three hyphenated words.
_SPANS = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|ru|fr|tr|ly|uk|ae|info)(?:/\S*)?"
                    r"|(?<![\w-])\w+(?:[-_]\w+){3,}(?![\w-])|[#@]\w[\w.]*"
                    r"|(?<!\S)[\w.-]*/[\w./-]*\w+(?:[-_]\w+){2,}[\w./-]*"
                    r"|(?<![\w-])\w+(?:[-_]\w+){2,}\.(?:html?|php|aspx?|jpe?g|png)\b", re.UNICODE)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that are addresses, slugs, hashtags or handles."""
    return [m.span() for m in _SPANS.finditer(text)]


@lru_cache(maxsize=1)
def _line_patterns() -> re.Pattern[str]:
    data = read_yaml(DATA_DIR / "noise.yaml")
    starts = [str(w) for w in data.get("line_starts") or []]
    anywhere = [str(w) for w in data.get("anywhere") or []]
    parts = [r"^\s*(?:" + "|".join(re.escape(w) for w in starts) + r")"] if starts else []
    parts += [re.escape(w) for w in anywhere]
    parts += [str(p) for p in data.get("patterns") or []]
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)


def is_noise_line(text: str) -> bool:
    """A byline, credit, citation or share line, or a sentence that is mostly addresses and hashtags."""
    stripped = text.strip()
    if not stripped:
        return True
    if _line_patterns().search(stripped):
        return True
    covered = sum(end - start for start, end in noise_spans(stripped))
    return covered * 2 >= len(stripped)


def inside_noise(text: str, start: int, end: int) -> bool:
    """Whether [start, end) of `text` lies in an address, slug, hashtag or handle."""
    return any(s <= start and end <= e for s, e in noise_spans(text))
