"""Arabic cues the lexicon coder (`multilingual.py`) reads beside word order: what kind of killing a sentence
tells, and the agent a passive or an event noun names ("من قبل X", "من جانب X"). Words are compared folded
(`multilingual.fold`: harakat dropped, أ/إ/آ -> ا, ة -> ه)."""

from __future__ import annotations

import re

# Killing by conventional military force (warplanes, shelling, battles, the army) is FIGHT in PLOVER;
# a bomb, a suicide attack or an execution stays ASSAULT.
_COMBAT = ("مقاتله", "طائره", "طائرات", "الطيران", "غاره", "غارات", "قصف", "مدفعي", "مدفعيه", "اشتباك",
           "معارك", "معركه", "الجيش", "القوات", "قوات")
_UNCONVENTIONAL = ("انفجار", "تفجير", "عبوه", "مفخخ", "انتحاري", "قنبله", "اعدام", "اعدم", "ذبح", "اغتيال")
_WORD = re.compile(r"\w+")


def _bare(word: str) -> str:
    """A folded word without its proclitics (و ف ب ل ك and the article)."""
    return re.sub(r"^(?:[وف])?(?:[بلك])?(?:ال)?", "", word) if len(word) > 4 else word


def combat_killing(folded_clause: str) -> bool:
    """Whether a killing told in this (folded) clause was done by military means, not by a bomb or an
    execution: "قتلوا حينما سقطت مقاتلة", "يقول الجيش إنه قتل …" against "قتل … في انفجار قنبلة"."""
    words = _WORD.findall(folded_clause)
    bare = [_bare(w) for w in words]

    def has(cues: tuple[str, ...]) -> bool:
        return any(w.startswith(cues) or b.startswith(cues) for w, b in zip(words, bare))

    return has(_COMBAT) and not has(_UNCONVENTIONAL)


# "من قبل X", "من جانب X", "على يد X": the agent of a passive or of an event noun ("تعرضت لقصف من جانب الجيش").
AGENT_MARKERS = re.compile(r"(?:^|\s)(?:من\s+قبل|من\s+جانب|على\s+يد|على\s+ايدي|بواسطه)\s*$")


def agent_marked(folded_before: str) -> bool:
    """Whether the (folded) text right before a name ends with an agent marker."""
    return bool(AGENT_MARKERS.search(folded_before[-20:]))
