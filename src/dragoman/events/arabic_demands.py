"""Who an Arabic demand is made of, and what is asked (`multilingual.py` calls these for DEMAND triggers).

A demand verb takes its addressee as object ("طالب X Y بـ…", "دعا X Y إلى…", "حث X Y على…") or after من
("طلب X من Y أن …"); what is asked follows a marker: إلى or على with a verbal noun, بـ or لـ on a verbal
noun ("بوقف", "بالإفراج", "لإنهاء"), أن. A name inside what is asked ("دعا أوغلو روسيا إلى وقف قصف المعارضة") is a participant
of the act asked for, never the one the demand is made of. Words are compared folded, like `arabic.py`."""

from __future__ import annotations

import re

from .arabic import object_head
from .participants import Name, fold

_CONTENT_WORDS = frozenset({"الى", "علي", "ان", "بان", "وان", "لكي", "كي", "حتى"})   # folded: إلى، على، أن …
_CLAUSE_END = re.compile(r"[.؛:!?؟\n«»\"“”()]")
_TOKEN = re.compile(r"\S+")


def content_start(text: str, verb_end: int, names: list[Name]) -> int | None:
    """Where what a demand asks for begins in its clause (offset of its marker word), or None."""
    stop = _CLAUSE_END.search(text, verb_end)
    end = stop.start() if stop else len(text)
    previous = ""
    for match in _TOKEN.finditer(text, verb_end, end):
        at = match.start()
        word = fold(match.group(0).strip("،,"))[0]
        if any(n.mention.start <= at < n.mention.end for n in names):
            previous = word
            continue                 # "بوتين", "بغداد": a name that starts with ب is no marker
        title = word.startswith("\u0644\u0644") and (previous.startswith("\u0627\u0644") or object_head(previous))
        if word in _CONTENT_WORDS or (len(word) > 3 and word[0] in ("\u0628", "\u0644") and not title):
            return at                # إلى، على، أن, or بـ / لـ on a verbal noun ("بوقف", "بحماية", "لإنهاء")
        previous = word              # "الأمين العام للجامعة": لل after a title word is the title's genitive
    return None


def addressee_after_min(text: str, verb_end: int, names: list[Name]) -> Name | None:
    """"طلب أردوغان من بوتين أن …": the name right after من (titles allowed) that comes before what is asked."""
    limit = content_start(text, verb_end, names)
    for match in re.finditer(r"(?:^|\s)(?:من|منه|منها)\s+", text[verb_end:limit if limit else len(text)]):
        at = verb_end + match.end()
        name = next((n for n in names if n.mention.start >= at and not n.place
                     and n.mention.start - at <= 40), None)
        if name is not None and (limit is None or name.mention.start < limit):
            return name
    return None


def inside_request(text: str, verb_end: int, names: list[Name], target: Name | None) -> bool:
    """Whether a demand's target candidate stands inside what is asked (after إلى، على، أن or بـ + noun)."""
    if target is None or target.mention.start < verb_end:
        return False
    start = content_start(text, verb_end, names)
    return start is not None and target.mention.start >= start


def demand_roles(text: str, names: list[Name], actor: Name | None, target: Name | None,
                  verb_end: int) -> tuple[Name | None, Name | None]:
    """An Arabic demand is made of its object or of the one after من, never of a name inside what is asked
    ; the one after من is never its actor ("طلب X من بوتين": Putin is asked)."""
    if inside_request(text, verb_end, names, target):
        target = None
    asked = addressee_after_min(text, verb_end, names)
    if asked is not None and actor is not None and asked.mention.start == actor.mention.start:
        actor = None
    return actor, target or asked
