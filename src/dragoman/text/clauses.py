"""Where one clause of a sentence ends and the next begins, in every language we code: a semicolon, a comma
before a conjunction, the word that opens reported speech ("that", "que", "что", "إن"), or a relative clause set
off by a comma (", who", ", qui", ", который"), which the next comma closes. A date or a place belongs to the event
of its own clause ("last month he held talks in Benghazi, and on 17 September visited Libya again": one date each;
"Yevkurov met Haftar, who was visiting Moscow": the meeting is not placed in Moscow)."""

from __future__ import annotations

import re
from bisect import bisect_right

# What a clause opened by و after a comma begins with: a particle or a verb of saying ("، ولم", "، وأعلن")
_AND_VERB = "(?:لم|لن|قد|لا|كان|كانت|أعلن|اعلن|أعلنت|اعلنت|أكد|اكد|أكدت|اكدت|قال|قالت|أضاف|اضاف|أشار|اشار)"

_CLAUSE = re.compile(
    r"[;؛]|[,،]\s*(?:and|but|while|whereas|then|а|и|но|тогда как|после чего|et|mais|puis|tandis que|alors que"
    r"|ve|ama|fakat|ancak|ثم|بينما|فيما|في حين)(?!\w)"
    # Arabic "and" is written onto the next word: after a comma, "ولم" / "وقد" / "وأعلن"… opens a clause ("شن
    # الجيش التركي عشرات الغارات…، ولم يعلن سوى عن ثلاث غارات… في 25 تموز": the date is the second clause's)
    r"|[,،]\s*و(?=" + _AND_VERB + r"(?!\w))"
    # what is said begins a clause of its own: "said yesterday that he had visited…" dates the saying, not the
    # visit ("قال أمس إن سليماني زار روسيا", "a déclaré mardi qu'il avait rencontré…", "сообщил в среду, что…")
    r"|(?<!\w)(?:that|que|что|إن|أن|بأن|إنه|أنه|انه|ان)(?!\w)|(?<!\w)qu['’]",
    re.IGNORECASE)


# A relative clause set off by a comma tells of its antecedent, not of the main event ("Yevkurov met Haftar, who
# had flown to Moscow"; "a rencontré Haftar, qui était en visite à Moscou"; "встретился с Хафтаром, который
# прилетел в Москву"). A preposition may lead it (", during which", ", au cours de laquelle", ", с которым").
# Russian sets every relative clause off by commas, restrictive or not; its place is its own event's either way.
_RELATIVE = re.compile(
    r",\s+(?:(?:in|at|on|during|after|before|from|to|with|by|for|of|under|through)\s+)?"
    r"(?:who|whom|whose|which|where)(?!\w)"
    r"|,\s+(?:(?:à|de|dans|avec|par|pour|sur|chez|pendant|lors de|au cours de|ce)\s+)?"
    r"(?:qui|dont|où|lequel|laquelle|lesquels|lesquelles|auquel|auxquels|auxquelles|duquel)(?!\w)"
    r"|,\s+(?:[а-яё]{1,4}\s+)?(?:котор(?:ый|ая|ое|ые|ого|ой|ому|ом|ую|ым|ыми|ых)|где|куда|откуда)(?!\w)",
    re.IGNORECASE)
# Russian participle phrases set off by commas are relative clauses without the pronoun ("Хафтар, прилетевший в
# Москву, встретился с Шойгу": the meeting is not in Moscow): an active participle (-вший, -ющий, -ащий…, -ся)
# right after the comma, declined in any case. A gerund (-в, -я: "Прилетев в Москву, Хафтар встретился…") tells
# of the subject's own doings, where the main event often happens too: not one.
_RELATIVE = re.compile(
    _RELATIVE.pattern + r"|,\s+[а-яё]{2,}(?:вш|ющ|ущ|ащ|ящ)(?:ий|ая|ее|ие|его|ей|ему|ем|ую|им|ими|их)(?:ся)?(?!\w)",
    re.IGNORECASE)
# Arabic sets no comma before its relative pronouns: one right after a name opens a clause about that name ("التقى
# شويغو حفتر الذي يزور موسكو": Haftar's visit's place, not the meeting's). After a common noun it is too often the
# noun's own event ("الزيارة التي قام بها إلى موسكو") to be set apart; the caller says where names end. The clause
# ends at a comma, a semicolon or و before a verb.
_ARABIC_RELATIVE = re.compile(r"(\s+)(?:الذي|التي|الذين|اللذان|اللتان|اللذين|اللتين|اللواتي|اللاتي)(?!\w)")
_ARABIC_CLOSING = re.compile(r"[,،;؛]|\s+و(?=" + _AND_VERB + r"(?!\w))")
# The comma that closes it ("Haftar, who visited Moscow in August, met Yevkurov in Benghazi": the meeting's clause
# begins there); a comma inside a number ("1,000") is none.
_CLOSING = re.compile(r"[,،](?=\s)")
# A relative clause that says where or during what: what happens in it happens at its antecedent ("in Sochi, where
# they signed", "cette COP à Bakou, au cours de laquelle doivent se poursuivre les négociations")
_WHERE = re.compile(
    r",\s+(?:where|(?:in|at|during)\s+which|où|(?:dans|lors de|au cours de|pendant)\s+(?:lequel|laquelle)"
    r"|где|(?:в|на)\s+(?:котором|которой))(?!\w)", re.IGNORECASE)


def relative_clauses(text: str, lo: int = 0, hi: int | None = None,
                     names: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """Spans of text[lo:hi]'s relative clauses set off by a comma: from that comma to the next one, or to `hi`;
    and of the Arabic ones that follow a name (`names`: where names end), to the next comma, و+verb or `hi`."""
    hi = len(text) if hi is None else hi
    spans = []
    for m in _RELATIVE.finditer(text, lo, hi):
        closing = _CLOSING.search(text, m.end(), hi)
        spans.append((m.start(), closing.start() if closing else hi))
    ends = set(names)
    for m in _ARABIC_RELATIVE.finditer(text, lo, hi):
        if m.start(1) in ends:
            closing = _ARABIC_CLOSING.search(text, m.end(), hi)
            spans.append((m.start(), closing.start() if closing else hi))
    return sorted(spans)


def opens_where(text: str, at: int) -> bool:
    """Whether the relative clause beginning at `at` happens at its antecedent (", where", ", où", ", где")."""
    return _WHERE.match(text, at) is not None


def opens_after_a_place(text: str, at: int) -> bool:
    """Whether the clause beginning at `at` tells of the place just before it, if one is: an Arabic relative
    clause after a town or region is about it ("سيناء التي تشهد هجمات": the attacks are in Sinai). Not for its
    date: what the place "witnesses" is not dated by the sentence's main event."""
    return opens_where(text, at) or _ARABIC_RELATIVE.match(text, at) is not None


def clause_starts(text: str, lo: int = 0, hi: int | None = None, names: tuple[int, ...] = ()) -> list[int]:
    """Offsets in `text` where a new clause of text[lo:hi] begins (the boundary's own position); `names` as for
    `relative_clauses`."""
    starts = {lo + m.start() for m in _CLAUSE.finditer(text[lo:hi])}
    starts.update(at for span in relative_clauses(text, lo, hi, names) for at in span)
    return sorted(at for at in starts if at < (len(text) if hi is None else hi))


def clause_index(starts: list[int], at: int) -> int:
    """Which clause (0-based) holds offset `at`, given `clause_starts`."""
    return bisect_right(starts, at)
