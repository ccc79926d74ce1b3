"""Where one clause of a sentence ends and the next begins, in every language we code: a semicolon, a comma
before a conjunction, or the word that opens reported speech ("that", "que", "что", "إن"). A date or a place belongs to the event of its own clause ("last month he held talks in
Benghazi, and on 17 September visited Libya again": one date each)."""

from __future__ import annotations

import re
from bisect import bisect_right

_CLAUSE = re.compile(
    r"[;؛]|[,،]\s*(?:and|but|while|whereas|then|а|и|но|тогда как|после чего|et|mais|puis|tandis que|alors que"
    r"|ve|ama|fakat|ancak|ثم|بينما|فيما|في حين)(?!\w)"
    # Arabic "and" is written onto the next word: after a comma, "ولم" / "وقد" / "وأعلن"… opens a clause ("شن
    # الجيش التركي عشرات الغارات…، ولم يعلن سوى عن ثلاث غارات… في 25 تموز": the date is the second clause's)
    r"|[,،]\s*و(?=(?:لم|لن|قد|لا|كان|كانت|أعلن|اعلن|أعلنت|اعلنت|أكد|اكد|أكدت|اكدت|قال|قالت|أضاف|اضاف|أشار|اشار)(?!\w))"
    # what is said begins a clause of its own: "said yesterday that he had visited…" dates the saying, not the
    # visit ("قال أمس إن سليماني زار روسيا", "a déclaré mardi qu'il avait rencontré…", "сообщил в среду, что…")
    r"|(?<!\w)(?:that|que|что|إن|أن|بأن|إنه|أنه|انه|ان)(?!\w)|(?<!\w)qu['’]",
    re.IGNORECASE)


def clause_starts(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Offsets in `text` where a new clause of text[lo:hi] begins (the boundary's own position)."""
    return [lo + m.start() for m in _CLAUSE.finditer(text[lo:hi])]


def clause_index(starts: list[int], at: int) -> int:
    """Which clause (0-based) holds offset `at`, given `clause_starts`."""
    return bisect_right(starts, at)
