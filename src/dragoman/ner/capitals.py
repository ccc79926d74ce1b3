"""Names in Latin or Cyrillic text as runs of capitalised words, labelled by cue words and word lists.

A run is a maximal sequence of capitalised words (with connectors such as "of", "de", "bin" inside).
Titles split runs ("Russian President | Vladimir Putin") and mark what follows as a person; organisation
and place words label the run; then the place list, the personal-name list, and what the same document
already called a person. Sentence openers are dropped unless something vouches for them.
"""

from __future__ import annotations

import re

from .cues import Cues
from .cues import load as load_cues
from .lexicons import personal_names, place_names
from .spans import NameSpan, make
from .tokens import Phrases, Token, key, tokenize

OPENER_COMMON = 4.0     # a word this frequent opening a company's name is the sentence's, not the name's
MAX_SUFFIX = 5          # letters of a Turkish case ending glued to an organisation word (Bakanlığının)
_GAP_IN_RUN = frozenset((" ", "\u00a0"))
# What may stand between a title and the name it introduces: "Gen. Haftar", "spokesman, Ahmed Mismari".
_GAP_AFTER_TITLE = frozenset((" ", ". ", ", ", "\u00a0", " \u2014 ", " - "))


def _is_cap(t: Token) -> bool:
    if not t.cap or t.text[0].isdigit():
        return False
    return len(t.text) > 1 or t.text.isupper()


class _Doc:
    """One text's tokens with the lookups every rule needs."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.cues: Cues = load_cues(lang)
        self.tokens = tokenize(text, lang)
        self.keys = [t.key for t in self.tokens]
        self.lower = {t.key for t in self.tokens if t.text.islower()}
        self.title_end = self._title_ends()

    def _title_ends(self) -> dict[int, float]:
        """Token index -> confidence that a title (or weaker person cue) ends just before it."""
        out: dict[int, float] = {}
        for cue, conf in ((self.cues.person_cues, 0.65), (self.cues.titles, 0.8)):
            heads = cue.by_first
            for i, k in enumerate(self.keys):
                n = cue.match(self.keys, i) if k in heads else 0     # most words open no cue: no call
                if n:
                    out[i + n] = max(out.get(i + n, 0.0), conf)
        return out

    def gap(self, a: int, b: int) -> str:
        return self.text[self.tokens[a].end:self.tokens[b].start]

    def title_before(self, i: int) -> float:
        """Confidence that a title introduces the run starting at token `i` (0 if none)."""
        j = i
        while j > 0 and (self.keys[j - 1] in self.cues.title_modifiers or self.keys[j - 1] in self.cues.demonyms) \
                and self.gap(j - 1, j) in _GAP_IN_RUN:
            j -= 1
        if j == 0 or j not in self.title_end or self.gap(j - 1, j) not in _GAP_AFTER_TITLE:
            return 0.0
        return self.title_end[j]

    def org_word(self, i: int) -> bool:
        k = self.keys[i]
        if k in self.cues.org_words:
            return True
        return self.lang == "tr" and self.cues.org_words.match_prefix(k, MAX_SUFFIX)


def _runs(doc: _Doc) -> list[tuple[int, int]]:
    """[first, last] token indexes of capitalised runs, connectors allowed inside."""
    runs: list[tuple[int, int]] = []
    toks, n, i = doc.tokens, len(doc.tokens), 0
    while i < n:
        if not _is_cap(toks[i]):
            i += 1
            continue
        j = i
        # A Turkish case ending (Yevkurov'u) closes the name it is glued to.
        while j + 1 < n and doc.gap(j, j + 1) in _GAP_IN_RUN and not toks[j + 1].first and not _suffixed(toks[j]):
            if _is_cap(toks[j + 1]):
                j += 1
            elif (doc.keys[j + 1] in doc.cues.connectors and j + 2 < n and _is_cap(toks[j + 2])
                  and doc.gap(j + 1, j + 2) in _GAP_IN_RUN):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


def _suffixed(t: Token) -> bool:
    return any(c in t.text for c in "'\u2019\u02bc") and t.key != t.text.lower()


def title_ranges(text: str, lang: str) -> list[tuple[int, int]]:
    """Character ranges of the title phrases in `text` (Deputy Defence Minister), to veto names inside them."""
    doc = _Doc(text, lang)
    out = []
    heads = doc.cues.titles.by_first
    for i, k in enumerate(doc.keys):
        n = doc.cues.titles.match(doc.keys, i) if k in heads else 0
        if n:
            out.append((doc.tokens[i].start, doc.tokens[i + n - 1].end))
    return out


def _split_at_titles(doc: _Doc, a: int, b: int) -> list[tuple[int, int]]:
    """A run cut where a title stands inside it, unless the run names an organisation."""
    if any(doc.org_word(k) for k in range(a, b + 1)):
        return [(a, b)]
    for k in range(a, b + 1):
        n = doc.cues.titles.match(doc.keys, k) or doc.cues.person_cues.match(doc.keys, k)
        if n and k + n <= b:
            head = [(a, k - 1)] if k > a else []
            return head + _split_at_titles(doc, k + n, b)
    for k in range(a + 1, b + 1):
        if doc.title_end.get(k, 0.0) >= 0.8:
            return [(k, b)]         # ministre de la | Défense | Irakli Chikovani: a title begun before the run
    return [(a, b)]


def _phrase_is(phrases: Phrases, doc: _Doc, a: int, b: int) -> bool:
    return (phrases.match(doc.keys, a) if doc.keys[a] in phrases.by_first else 0) == b - a + 1


def _ends_with(phrases: Phrases, doc: _Doc, a: int, b: int) -> bool:
    heads = phrases.by_first
    return any((phrases.match(doc.keys, k) if doc.keys[k] in heads else 0) == b - k + 1 for k in range(a, b + 1))


def _vouched(doc: _Doc, a: int, b: int) -> bool:
    """Tokens a..b are a known place or person name, or carry an organisation or place word."""
    if _phrase_is(place_names(doc.lang), doc, a, b) or doc.keys[a] in personal_names()[0]:
        return True
    return b > a and (any(doc.org_word(k) for k in range(a, b + 1)) or _ends_with(doc.cues.loc_words, doc, a, b))


def _label(doc: _Doc, a: int, b: int, people: set[str], only_cued: bool) -> tuple[str, float, str] | None:
    """(label, confidence, rule) for tokens a..b, or None when nothing vouches for it."""
    cues, keys = doc.cues, doc.keys
    single = a == b
    if single and keys[a] in people:      # "Clinton" after "Hillary Clinton" is the person, not the town
        return "PER", 0.6, "same-document"
    places = place_names(doc.lang)
    if _phrase_is(places, doc, a, b):
        return "LOC", 0.7, "places"
    if _ends_with(cues.loc_words, doc, a, b) and not single:
        return "LOC", 0.75, "loc-word"
    if any(doc.org_word(k) for k in range(a, b + 1)) and not single:
        return "ORG", 0.75, "org-word"      # "Government" alone is a common noun more often than not
    title = doc.title_before(a)
    if title:
        return "PER", title, "title"
    if only_cued:
        return None
    if keys[b] in cues.demonyms:          # Russian, South Korean
        return "MISC", 0.7, "demonym"
    latin = personal_names()[0]
    if not single and keys[a] in latin:
        return "PER", 0.6, "given-name"
    if any(keys[k] in people for k in range(a, b + 1)):
        return "PER", 0.55, "same-document"
    text = doc.tokens[a].text
    if single and text.isupper() and len(text) >= 2:
        return "ORG", 0.5, "acronym"
    if single and keys[a] in latin:
        return "PER", 0.45, "name-list"
    if doc.tokens[a].first and single:
        return None
    # Unknown capitalised words in running text are mostly people's names (surnames above all).
    return ("PER", 0.4, "capitalised") if not single else ("MISC", 0.3, "capitalised")


def recognise(text: str, lang: str, *, only_cued: bool = False, known: list[NameSpan] = ()) -> list[NameSpan]:
    """Candidate names in `text` (they may overlap `known` spans; the caller resolves).

    `only_cued` keeps just the runs a title, an organisation or place word or the place list vouches
    for: the supplement to a statistical model. `known` spans (term-base people) seed the people this
    document names, so "Schulman" after "Kori Schulman" is a person too.
    """
    doc = _Doc(text, lang)
    cues = doc.cues
    people = {tok.key for s in known if s.label == "PER" for tok in tokenize(s.text, lang)}
    pieces: list[tuple[int, int]] = []
    for a, b in _runs(doc):
        # A sentence opener that is a common word ("The", or a word the text also writes in lower case)
        # is not part of the name.
        while a <= b and doc.tokens[a].first and (doc.keys[a] in cues.stop or doc.keys[a] in doc.lower):
            a += 1
            while a <= b and doc.keys[a] in cues.connectors:
                a += 1
        if a < b and doc.tokens[a].first and _vouched(doc, a + 1, b) and not _vouched(doc, a, a):
            a += 1    # "Görüşmeye Wagner Grubu": an unknown sentence opener before a name is not part of it
        if a <= b:
            pieces.extend(_split_at_titles(doc, a, b))
    pieces = [p for p in pieces if not (p[0] == p[1] and doc.keys[p[0]] in cues.stop)]
    # Names of several words first, so every single word can be checked against the people they name
    # ("Clinton ... Hillary Clinton").
    labelled: dict[tuple[int, int], tuple[str, float, str]] = {}
    for a, b in sorted(pieces, key=lambda p: p[0] == p[1]):
        found = _label(doc, a, b, people, only_cued)
        if found is None:
            continue
        labelled[(a, b)] = found
        if found[0] == "PER" and b > a:
            people.update(doc.keys[a:b + 1])
    out: list[NameSpan] = _headed_orgs(doc) if cues.org_heads and not only_cued else []
    for (a, b), (label, conf, rule) in sorted(labelled.items()):
        span = make(text, doc.tokens[a].start, doc.tokens[b].end, label, f"rules:{rule}", conf,
                    normal=_normal(doc, a, b))
        if span is not None:
            out.append(span)
    return out


_OF = frozenset({"de", "du", "des", "d"})
_ARTICLES = frozenset({"la", "l", "le", "les"})


def _headed_orgs(doc: _Doc) -> list[NameSpan]:
    """French organisations opened by a lower-case head: le groupe Wagner, le ministère russe de la défense."""
    out: list[NameSpan] = []
    keys, toks, n = doc.keys, doc.tokens, len(doc.keys)
    cues = doc.cues
    for i in range(n):
        h = cues.org_heads.match(keys, i)
        if not h:
            continue
        j = end = i + h
        if j < n and _is_cap(toks[j]) and doc.gap(j - 1, j) in _GAP_IN_RUN:      # groupe Wagner
            while end < n and _is_cap(toks[end]) and doc.gap(end - 1, end) in _GAP_IN_RUN:
                end += 1
        else:                                                                     # ministère (russe) de la défense
            k = j + 1 if j < n and keys[j] in cues.demonyms else j
            elided = k < n and doc.text[toks[k - 1].end:toks[k].start].strip().lower() in ("d'", "d\u2019")
            if k < n and (keys[k] in _OF or elided):
                k += 0 if elided else 1
                if k < n and keys[k] in _ARTICLES and not elided:
                    k += 1
                if k < n and keys[k] not in cues.stop and not toks[k].text[0].isdigit():
                    end = k + 1
                    if end < n and keys[end] in cues.demonyms:
                        end += 1
        if end > j:
            span = make(doc.text, toks[i].start, toks[end - 1].end, "ORG", "rules:org-head", 0.7)
            if span is not None:
                out.append(span)
    return out


def _normal(doc: _Doc, a: int, b: int) -> str | None:
    """Turkish names lose their case ending (Hafter'in -> Hafter); elsewhere the surface is the form."""
    if doc.lang != "tr":
        return None
    last = doc.tokens[b]
    for ch in "'\u2019\u02bc":
        if ch in last.text:
            cut = last.start + last.text.index(ch)
            return doc.text[doc.tokens[a].start:cut]
    return None


_ROMAN = frozenset("IVXLC")
_ACRONYM_LETTERS = (2, 6)
# Abbreviations in capitals that name no body: company forms, currencies and units.
_NOT_BODIES = frozenset(("aş", "as", "ltd", "tl", "usd", "eur", "km", "kg", "mw", "gw", "kw", "tv", "no", "ok",
                         "sa", "sas", "sarl", "cm", "mm",
                         # eras, media and formats, devices and protocols, medicine: things, not bodies
                         "mö", "ms", "cd", "dvd", "lp", "ep", "hd", "pdf", "html", "http", "url", "usb", "gps",
                         "dns", "ip", "imei", "sms", "pc", "cpu", "lcd", "led", "dna", "hiv", "mvp"))


def _title_before(text: str, span: NameSpan, lang: str) -> bool:
    from .guards import _title_before as before
    return before(text, span, lang)


def acronyms(text: str, lang: str) -> list[NameSpan]:
    """Organisation acronyms in running text (MHP, BRICS, EDF'nin, l'ONU): 2 to 6 capital letters, not a place,
    a Roman numeral, a company form or a unit, on a line that is not itself written in capitals (a heading)."""
    places = place_names(lang)
    out = []
    for tok in tokenize(text, lang):
        word = tok.text
        for ch in "'\u2019\u02bc":
            word = word.split(ch)[0]
        lo, hi = _ACRONYM_LETTERS
        if not (lo <= len(word) <= hi and word.isalpha() and word.isupper()) or set(word) <= _ROMAN:
            continue
        if word.lower() in _NOT_BODIES or places.match([key(word)], 0):
            continue
        a = text.rfind("\n", 0, tok.start) + 1
        b = text.find("\n", tok.end)
        line = text[a:b if b >= 0 else len(text)]
        if not any(c.islower() for c in line):
            continue
        span = make(text, tok.start, tok.start + len(word), "ORG", "rules:acronym", 0.5)
        if span is not None and not _title_before(text, span, lang):      # le président ALIYEV is a person
            out.append(span)
    return out


_SITE = re.compile(r"(?<![\w@/.])[a-z0-9][a-z0-9-]{2,40}\.(?:com|net|org|info|news|fr|ru|tr|am|az|ge|ua|uk|de)(?![\w/.@-])",
                   re.IGNORECASE)


def websites(text: str) -> list[NameSpan]:
    """A site named by its address in running text (© armenews.com, haberturk.com'a göre) is an organisation,
    the outlet behind it; a full URL or an e-mail address is not a name."""
    out = []
    for m in _SITE.finditer(text):
        span = make(text, m.start(), m.end(), "ORG", "rules:website", 0.6)
        if span is not None:
            out.append(span)
    return out


_COMPANY = re.compile(r"(?<![\w.])((?:[A-ZÇĞİÖŞÜ][\w&-]*\s){1,4})(A\.Ş\.?|AŞ|Ltd\.?\s?Şti\.?|Holding)(?![\w])")


def companies(text: str) -> list[NameSpan]:
    """Turkish companies by their legal form: Akkuyu Nükleer A.Ş., Demirören Holding."""
    from .guards import zipf
    out = []
    for m in _COMPANY.finditer(text):
        start = m.start()
        for word in m.group(1).split()[:-1]:
            if zipf(word, "tr") < OPENER_COMMON:
                break
            start = text.index(word, start) + len(word)      # Adı | Akkuyu A.Ş.: a frequent word opening it
        span = make(text, start, m.end(2) - (1 if m.group(2).endswith(".") else 0), "ORG", "rules:company", 0.7)
        if span is not None:
            out.append(span)
    return out


# A Turkish institution noun in its compound form (Partisi, Valiliği, Mahkemesi: folded, so -ı/-ü read i/u)
_COMPOUND_END = ("i", "u")
_GLUED_ENDING = re.compile(r"(?:n(?:in|un|a|e|da|de|dan|den|i|u)|y?l[ae])?$")     # Bakanlığı|nın, Kurulu|yla


def _compound_head(word_key: str, org_words: Phrases) -> bool:
    """The word is an organisation word in compound form, alone or with a case ending glued on (Bakanlığının);
    not a derived word (Harekatçı: Harekat + çı)."""
    for n in range(len(word_key), max(0, len(word_key) - MAX_SUFFIX) - 1, -1):
        stem = word_key[:n]
        if len(stem) >= 4 and stem in org_words and stem.endswith(_COMPOUND_END) \
                and _GLUED_ENDING.fullmatch(word_key[n:]):
            return True
    return False


def headed_bodies(text: str, cued: list[NameSpan]) -> list[NameSpan]:
    """Turkish organisations named by capitalised words ending in an institution noun (Zafer Partisi, Hatay
    Valiliği'nin, Paris Ceza Mahkemesi), from the org-word runs of `recognise(..., only_cued=True)`: a run is
    cut after its last such noun, so a title or a person after it stays out (Milliyetçi Hareket Partisi |
    Genel Başkanı Devlet Bahçeli); a run whose only body word opens it, or is not a compound noun (Emniyet,
    Özel Harekatçı), is none."""
    org_words = load_cues("tr").org_words
    out = []
    for s in cued:
        if s.label != "ORG" or s.source != "rules:org-word":
            continue
        words = tokenize(s.text, "tr")
        last = max((i for i, w in enumerate(words) if _compound_head(w.key, org_words)), default=0)
        if last > 0:
            span = make(text, s.start, s.start + words[last].end, "ORG", "rules:body-head", 0.7)
            if span is not None:
                out.append(span)
    return out



_UPPER_TR = "A-ZÇĞİÖŞÜÂÎÛ"
_NUMBERED = re.compile(rf"(?<![\w.])(?:([{_UPPER_TR}]\w+)\s+)?(\d{{1,3}}\.)\s+((?:[{_UPPER_TR}]\w*\s+){{0,3}}[{_UPPER_TR}]\w*)")


def numbered_bodies(text: str) -> list[NameSpan]:
    """Turkish courts and units named by their number: İstanbul 28. Ağır Ceza Mahkemesi, 3. Piyade Tümeni.
    The words after the number must end in a word that names a body; a city before it belongs to the name."""
    from .guards import MAX_ENDING
    cues = load_cues("tr")
    out = []
    for m in _NUMBERED.finditer(text):
        words = tokenize(m.group(3), "tr")
        last = max((i for i, w in enumerate(words) if cues.org_words.match_prefix(w.key, MAX_ENDING)), default=None)
        if last is None:
            continue
        end = m.start(3) + words[last].end
        cut = next((i for i, ch in enumerate(text[m.start(3):end]) if ch in "'\u2019"), None)
        if cut is not None:
            end = m.start(3) + cut                    # Mahkemesi'ne: the case ending stays outside
        place = bool(m.group(1)) and bool(place_names("tr").match([key(m.group(1))], 0))
        span = make(text, m.start(1) if place else m.start(2), end, "ORG", "rules:numbered", 0.7)
        if span is not None:
            out.append(span)
    return out
