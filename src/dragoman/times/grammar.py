"""The candidate finder: one compiled regex per language, built once from its vocabulary.

Every rule is a template over slots (`@month:m` is a month name captured as `m`, `@to` a range word
matched but not captured). All rules of a language are joined into one alternation in priority order,
so at any position the longest kind of expression wins ("26–28 сентября" before "28 сентября", "آب من
العام الماضي" before "آب"). The rule that matched is `match.lastgroup`; its slots are read back by name.
The pattern is only tried where a cheap trigger regex fires (a digit, or a word that can open a rule),
which gives the same matches as a full scan several times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon, bundled

# Arabic writes و (and), ف, ب (in/with), ل (for), ك (like) onto the next word: "وآب", "بالأمس", "و23".
# A digit glued to the word before it is a typo for a space ("في2013", "يوليو2013").
_GLUED = r"(?<=[ء-ي])(?=[0-9])"
_AR_START = rf"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك])|{_GLUED})"
_START = r"(?<!\w)"
_END = r"(?!\w)"
_YEAR = r"(?:1[89]|2[01])[0-9]{2}(?![0-9])"
_SLOT = re.compile(r"@(\w+)(?::(\w+))?")


def alternation(words, suffix: str = "") -> str:
    """A regex matching any of `words` (already folded), spaces as any whitespace, `suffix` after.

    The words are laid out as a trie ("a(?:ug(?:ust)?|pr(?:il)?)"), so a position that starts no word
    is rejected after one character instead of one try per word: this is what keeps the scan fast.
    Longer words are tried first; what follows can still backtrack to a shorter one.
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return ("(?:" + _emit(trie) + ")" + suffix) if trie else ""


def _emit(node: dict) -> str:
    parts = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if "" in node:                         # a word ends here; longer ones are tried first
        return f"(?:{body})?"
    return body


def wildcard_alternation(words) -> str:
    """Like `alternation`, with * standing for any letters ("*acak" matches "yapacak")."""
    parts = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\w*".join(re.escape(p).replace(r"\ ", r"\s+") for p in w.split("*")) for w in parts) + ")"


@dataclass(frozen=True)
class Grammar:
    """One language's compiled candidate finder and the lookups its rules need."""

    lex: Lexicon | None
    pattern: re.Pattern[str]
    kinds: dict[str, str]              # rule group ("r3") -> rule kind ("dmy")
    slots: dict[str, tuple[str, ...]]  # rule group -> its slot names
    names: dict[str, re.Pattern[str]]  # month/weekday/season/unit/dual -> name finder for lookups
    preposition_before: re.Pattern[str] | None
    year_preposition_before: re.Pattern[str] | None   # the prepositions that make "2020" a year
    future: re.Pattern[str] | None
    nouns: re.Pattern[str] | None      # month/weekday nouns ("شهر", "ayında", "günü")
    events: tuple | None               # (word after, ending before) that tie an "ago" to an event
    trigger: re.Pattern[str]           # group 1: where a rule can start (a digit, a word that begins one)
    homographs: re.Pattern[str] | None = None   # look-alikes: a match touching one is not a time

    def matches(self, text: str):
        """`pattern`'s matches in text order, tried only where `trigger` fires: the same matches as
        scanning with `pattern` (tests check this) at a fraction of the cost. The caller sends back
        where the next match may start (past an accepted one, or just after a rejected one)."""
        pos = 0
        for t in self.trigger.finditer(text):
            if t.start(1) >= pos:
                m = self.pattern.match(text, t.start(1))
                if m is not None:
                    pos = yield m


def _slots(lex: Lexicon | None) -> dict[str, str]:
    """Regex bodies for every slot this language can fill (empty slots are left out)."""
    s: dict[str, str] = {"year": _YEAR, "numyear": _YEAR, "n2": r"[0-9]{1,2}(?![0-9])"}
    if lex is None:
        return s
    w = lex.wordlist
    suffix = f"(?:'?{alternation(w('suffixes'))})?" if w("suffixes") else ""
    full = alternation(n for n in lex.months if n not in lex.abbreviations)
    abbreviated = alternation(lex.abbreviations, r"\.?")
    end = r"(?![^\W\d_])" if lex.lang == "ar" else _END     # Arabic: "يوليو2013" is a month and a year
    month_one = (f"(?:{full}|{abbreviated})" if abbreviated else full) + suffix + end
    # Arabic papers pair two names: "آب/أغسطس", "أغسطس (آب)".
    month = month_one + rf"(?:\s*/\s*{month_one}|\s*\(\s*{month_one}\s*\))?" if lex.lang == "ar" else month_one
    if lex.lang == "ar":               # "يوليو تموز", "مايو - أيار": two names of one month, space or dash
        same = [alternation(n for n, v in lex.months.items() if v == m) for m in range(1, 13)]
        month = "(?:" + "|".join(rf"{s}(?:\s*-\s*|\s+){s}{_END}" for s in same) + f"|{month})"
    if w("month_nouns_before"):
        month = rf"(?:{alternation(w('month_nouns_before'))}\s+)?" + month
    if w("month_nouns_after"):
        month += rf"(?:\s+{alternation(w('month_nouns_after'))}{_END})?"
    s["month"] = month
    weekday = alternation(lex.weekdays, suffix + _END)
    if w("weekday_nouns_before"):
        weekday = rf"(?:{alternation(w('weekday_nouns_before'))}\s+)?" + weekday
    if w("weekday_nouns_after"):
        weekday += rf"(?:\s+{alternation(w('weekday_nouns_after'))}{_END})?"
    s["weekday"] = weekday
    day_prefix = f"(?:{alternation(w('day_prefixes'))})?" if w("day_prefixes") else ""
    day_suffix = f"(?:{alternation(w('day_suffixes'))})?" if w("day_suffixes") else ""
    s["day"] = rf"{day_prefix}[0-9]{{1,2}}(?![0-9]){day_suffix}{_END}"
    if lex.ordinals:                   # "العاشر من أيلول"
        s["day"] = f"(?:{s['day']}|{alternation(lex.ordinals, _END)})"
    year_prefix = rf"(?:{alternation(w('year_prefixes'))}\s+)?" if w("year_prefixes") else ""
    year_suffix = rf"(?:\s*{alternation(w('year_suffixes'))}(?!\w)|(?!\w))" if w("year_suffixes") else _END
    s["year"] = year_prefix + _YEAR + year_suffix
    words = {
        "season": (lex.seasons, suffix), "unit": (lex.units, suffix), "dual": (lex.duals, ""),
        "punit": ([u for u, unit in lex.units.items() if unit != "day"], suffix),
        # "قبل أسبوع" is a week ago, "قبل الأسبوع" "before the week": no article after an ago word.
        "aunit": ([u for u in lex.units if not u.startswith("ال")], suffix),
        "num": (lex.numbers, ""), "ordinal": (lex.ordinals, ""), "dayword": (lex.days, suffix),
        "period": (lex.periods, suffix),
        "relb": (lex.relative_before, ""), "rela": (lex.relative_after, ""), "yrel": (lex.year_relative, ""),
        "agob": (w("ago_before"), ""), "agoa": (w("ago_after"), ""), "mj": (w("month_joins"), ""),
        "dmj": (w("day_month_joins"), ""), "yana": (lex.year_anaphors, ""), "later": (w("later_after"), ""),
        "decb": (w("decade_before"), ""),
    }
    for name, (entries, suf) in words.items():
        if entries:
            s[name] = alternation(entries, suf + _END)
    if "num" in s:
        s["num"] = rf"(?:[0-9]{{1,3}}(?![0-9])|{s['num']})"
    else:
        s["num"] = r"[0-9]{1,3}(?![0-9])"
    for optional in ("dmj", "mj"):     # only ever inside (...)? in the templates: absent means never there
        s.setdefault(optional, "(?!)")
    if w("decade_after"):
        s["deca"] = wildcard_alternation(w("decade_after")) + _END
    to_words = w("range_to")
    s["to"] = rf"(?:\s*-\s*|\s+{alternation(to_words)}\s*)" if to_words else r"\s*-\s*"
    # "10 و11 سبتمبر", "10 and 11 September": two days of one month; never between two months, where
    # "17 أيلول و22 آب" lists two dates.
    and_words = w("range_and")
    s["and"] = rf"(?:{s['to']}|\s+{alternation(and_words)}\s*)" if and_words else s["to"]
    return s


def _rules(lex: Lexicon | None) -> list[tuple[str, str]]:
    """(kind, template) in priority order; a template naming a slot the language lacks is dropped."""
    flags = lex.flags if lex else frozenset()
    md = "month_day_order" in flags
    yrel_first = bool(lex and lex.year_relative_before)      # Turkish "geçen yılın ağustos ayında"
    tw = r"(?:\s*,?\s+@weekday:w2)?" if "trailing_weekday" in flags else ""
    wd = r"(?:@weekday:w\s*,?\s*)?"
    rwd = r"(?:(?:@relb\s+)?@weekday:w\s*,?\s*)?"       # "ce dimanche 19 mai": the relative word too
    dsep = r"(?:\s*[-.]\s*|\s+)(?:@dmj\s+)?"
    yr = r"(?:\s*,?\s*@year:y)?"
    rules = [
        ("iso", r"(?<![0-9][./-])@numyear:y(?P<@sep>[-/])@n2:b(?P=@sep)@n2:c(?![0-9]|[./-][0-9])"),
        ("numeric", r"(?<![0-9][./:-])@n2:a(?P<@sep>[./-])@n2:b(?P=@sep)@numyear:y(?![./-][0-9])"),
        ("range_dm2", rf"@day:d1{dsep}@month:m1(?:\s*,?\s*@year:y1)?@to@day:d2{dsep}@month:m2{yr}"),
        ("range_md2", r"@month:m1\s+@day:d1@to@month:m2\s+@day:d2" + yr) if md else None,
        ("range_d", rf"@day:d1(?:@and@day)*@and:j@day:d2{dsep}@month:m2{yr}"),   # "22 و23 و24 آب"
        ("range_md", r"@month:m2\s+@day:d1@to@day:d2" + yr) if md else None,
        ("range_m", r"@month:m1@to@month:m2\s*,?\s*(?:@mj\s+)?@year:y"),
        ("range_y", r"@year:y1@and:j@year:y2"),
        ("dmy", rf"{wd}@day:d{dsep}@month:m\s*,?\s*@year:y{tw}"),
        ("mdy", rf"{wd}@month:m\s+@day:d\s*,?\s*@year:y") if md else None,
        ("my", rf"@month:m(?:\s+(?:@mj\s+)?|{_GLUED})@year:y"),
        ("season_year", r"@year:y\s+@season:s") if yrel_first else None,  # "2016'nın sonbaharında"
        ("ym", r"@year:y\s+@month:m") if yrel_first else None,     # "2016 yılının Nisan ayında"
        ("dm_yrel", rf"{wd}@day:d{dsep}@month:m\s+(?:@mj\s+)?@yrel:r") if not yrel_first else None,
        ("dm_rela", rf"{wd}@day:d{dsep}@month:m\s+@rela:r"),
        ("dm_relb", rf"@relb:r\s+@day:d{dsep}@month:m"),       # "geçen 21 Ekim'de"
        ("dm", rf"{rwd}@day:d{dsep}@month:m{tw}"),
        ("md", rf"{wd}@month:m\s+@day:d") if md else None,
        ("month_yrel", r"@yrel:r\s+@month:m" if yrel_first else r"@month:m\s+(?:@mj\s+)?@yrel:r"),
        ("month_relb", r"@relb:r\s+@month:m"),
        ("month_rela", r"@month:m\s+@rela:r"),
        ("season_year", r"@season:s\s*,?\s*(?:@mj\s+)?@year:y"),
        ("season_yrel", r"@yrel:r\s+@season:s" if yrel_first else r"@season:s\s+(?:@mj\s+)?@yrel:r"),
        ("season_relb", r"@relb:r\s+@season:s"),
        ("season_rela", r"@season:s\s+@rela:r"),
        ("weekday_relb", r"@relb:r\s+@weekday:w"),
        ("weekday_rela", r"@weekday:w\s+@rela:r"),
        ("ago", r"@agob\s+(?:@num:n\s+)?@aunit:u"),
        ("ago", r"@agob\s+@dual:u"),
        ("ago", r"(?:@num:n\s+)?@unit:u\s+@agoa"),
        ("ago", r"@dual:u\s+@agoa"),
        ("year_anaphor", r"@yana:a"),
        ("later", r"@num:n\s+@unit:u\s+@later"),                # "четыре года спустя": from the last year
        ("decade", r"@decb\s+@numyear:y"),                        # "les années 1980"
        ("decade", r"@numyear:y(?P<@dec>@deca)"),                 # "1980'li yıllarda", "the 1980s"
        ("period", r"@period:p"),
        ("unit_relb", r"@relb:r\s+@punit:u"),
        ("unit_rela", r"@punit:u\s+@rela:r"),
        ("dayword", r"@dayword:w\s*,?\s*@weekday:w2"),       # "أمس الثلاثاء", "اليوم الخميس"
        ("dayword", r"@dayword:w"),
        ("year", r"@year:y"),
        ("season", r"@season:s"),
        ("month", r"@month:m"),
        ("weekday", r"@weekday:w"),
    ]
    return [r for r in rules if r is not None]


def build(lex: Lexicon | None) -> Grammar:
    """Compile the candidate finder for a vocabulary (None: numeric dates only)."""
    slots = _slots(lex)
    branches: list[str] = []
    kinds: dict[str, str] = {}
    slot_names: dict[str, tuple[str, ...]] = {}
    for kind, template in _rules(lex):
        needed = {m.group(1) for m in _SLOT.finditer(template) if m.group(1) not in ("sep", "dec")}
        if not needed <= set(slots):
            continue
        rid = f"r{len(branches)}"
        names: list[str] = []

        def expand(m: re.Match[str], rid: str = rid, names: list[str] = names) -> str:
            slot, name = m.group(1), m.group(2)
            if slot == "sep":             # a back-referenced separator: "22.08.2023", not "22.08-2023"
                return f"{rid}_sep"
            if slot == "dec":             # a named group for a glued suffix
                return f"{rid}_dec"
            if name:
                names.append(name)
                return f"(?P<{rid}_{name}>{slots[slot]})"
            return f"(?:{slots[slot]})"

        branches.append(f"(?P<{rid}>{_SLOT.sub(expand, template)})")
        kinds[rid] = kind
        slot_names[rid] = tuple(names)
    start = _AR_START if lex is not None and lex.lang == "ar" else _START
    pattern = re.compile(start + "(?:" + "|".join(branches) + ")")
    events = None
    if lex is not None and (lex.wordlist("event_words_after_ago") or lex.wordlist("event_endings_before_ago")):
        after = lex.wordlist("event_words_after_ago")
        endings = lex.wordlist("event_endings_before_ago")
        # "seçimden sadece üç ay önce": a filler word may stand between; "bundan sekiz yıl önce" counts from now.
        fillers = lex.wordlist("ago_fillers")
        filler = rf"(?:\s+{alternation(fillers)})?" if fillers else ""
        now = lex.wordlist("now_before_ago")
        not_now = rf"(?<!\w)(?!{alternation(now)}(?!\w))\w*" if now else ""
        events = (re.compile(rf"\s+(?:\w+\s+)?{alternation(after)}{_END}") if after else None,
                  re.compile(rf"{not_now}{alternation(endings)}{filler}\s+\Z") if endings else None)
    return Grammar(lex=lex, pattern=pattern, kinds=kinds, slots=slot_names, names=_name_finders(lex),
                   preposition_before=_preposition_finder(lex, start),
                   year_preposition_before=_preposition_finder(lex, start, "year_prepositions"),
                   future=_future_finder(lex, start), nouns=_noun_finder(lex), events=events,
                   trigger=_trigger(lex, start), homographs=_homograph_finder(lex, start))


def _trigger(lex: Lexicon | None, start: str) -> re.Pattern[str]:
    """Where any rule can begin: a digit (after an Arabic "ال"), or the first word of any entry that can
    open an expression. Must be a superset of the rules' first slots, or matches would be missed."""
    if lex is None:
        return re.compile(r"\b([0-9])")
    w = lex.wordlist
    entries = [*lex.months, *lex.ordinals, *lex.weekdays, *lex.seasons, *lex.units, *lex.duals, *lex.numbers,
               *lex.days, *lex.periods, *lex.relative_before, *w("ago_before"), *w("month_nouns_before"),
               *w("weekday_nouns_before"), *w("year_prefixes"), *lex.year_anaphors, *w("decade_before"),
               *(lex.year_relative if lex.year_relative_before else ())]
    suffix = f"(?:'?{alternation(w('suffixes'))})?" if w("suffixes") else ""
    end = r"(?![^\W\d_])" if start == _AR_START else _END      # "يوليو2013"
    firsts = alternation({e.split()[0] for e in entries}, suffix + end)
    prefixed_digit = f"{alternation(w('day_prefixes'))}[0-9]|" if w("day_prefixes") else ""
    # \b is one cheap test where the Arabic look-behind costs a few per character; clitics are skipped
    # (shortest first: "واحد" is a word, "والأسبوع" is و + الأسبوع) and group 1 is where a rule may start.
    clitics = "[وفبلك]{0,2}?" if start == _AR_START else ""
    # A look-ahead, so one candidate does not hide another that starts inside it ("l'année" / "année").
    glued = f"|{_GLUED}" if start == _AR_START else ""
    return re.compile(rf"(?:\b{clitics}{glued})(?=({prefixed_digit}[0-9]|{firsts}))")


# Slot kind -> the Lexicon mapping its words are looked up in.
LOOKUPS = {"month": "months", "weekday": "weekdays", "season": "seasons", "unit": "units", "dual": "duals",
           "num": "numbers", "ordinal": "ordinals", "dayword": "days", "period": "periods",
           "relb": "relative_before", "rela": "relative_after", "yrel": "year_relative", "yana": "year_anaphors"}


def _name_finders(lex: Lexicon | None) -> dict[str, re.Pattern[str]]:
    if lex is None:
        return {}
    maps = {kind: getattr(lex, field) for kind, field in LOOKUPS.items()}
    suffix = f"(?:'?{alternation(lex.wordlist('suffixes'))})?" if lex.wordlist("suffixes") else ""
    # Whole words only ("أسبوعين" is not "أسبوع"); group 1 is the entry without its Turkish ending.
    return {k: re.compile(rf"(?<!\w)({alternation(v)}){suffix}(?!\w)") for k, v in maps.items() if v}


def _preposition_finder(lex: Lexicon | None, start: str, key: str = "prepositions") -> re.Pattern[str] | None:
    words = lex.wordlist(key) if lex else ()
    if not words:
        return None
    glued = [w for w in words if w.endswith(("-", "'"))]
    spaced = [w for w in words if w not in glued]
    parts = [f"{start}{alternation(spaced)}\\s+"] if spaced else []
    if glued:
        parts.append(f"{start}{alternation(glued)}")
    return re.compile("(?:" + "|".join(parts) + r")\Z")


def _future_finder(lex: Lexicon | None, start: str) -> re.Pattern[str] | None:
    words = lex.wordlist("future_cues") if lex else ()
    return re.compile(start + wildcard_alternation(words) + _END) if words else None


def _homograph_finder(lex: Lexicon | None, start: str) -> re.Pattern[str] | None:
    words = lex.wordlist("homographs") if lex else ()
    return re.compile(start + alternation(words) + _END) if words else None


def _noun_finder(lex: Lexicon | None) -> re.Pattern[str] | None:
    if lex is None:
        return None
    words = [w for k in ("month_nouns_before", "month_nouns_after", "weekday_nouns_before", "weekday_nouns_after")
             for w in lex.wordlist(k)]
    return re.compile(r"(?<!\w)" + alternation(words) + _END) if words else None


@lru_cache(maxsize=None)
def for_language(lang: str) -> Grammar:
    """The compiled grammar for `lang`, built once per process (numeric dates only without a vocabulary)."""
    return build(bundled(lang))
