"""French name shapes the general guards (`guards.py`) do not know, applied to every French engine's spans.

- before the guards, one span at a time: a name never runs across a spaced dash or slash (a photo credit,
  "Villeneuve d'Ascq - Sameer Al-Doumy"); an organisation ends before a function word ("… économique | entre
  la") and takes the nationality adjective after it ("Parlement arménien"); a head and the party or body it
  belongs to are one organisation ("Comité exécutif central du parti DEM"); a title before a name makes the
  rest a person, whatever the model called it ("Catholicos | Aram Ier"), and a title alone is no name; a given
  name opens a person, not a place ("Irakli Chikovani"); two places or two people joined by a hyphen are two
  names ("Géorgie-Arménie", "Harris-Biden"); a person after an outlet's name is a person ("Radio J | Xavier
  Bertrand");
- after them, for the whole document: a name used as a product (after "canon", "missile", "système
  d'artillerie") is no organisation or person anywhere in the document; a lone generic head ("le Comité",
  "le Parlement") is no name; a person's regnal number belongs to the name ("Aram Ier", "Aram I").
"""

from __future__ import annotations

import re

import msgspec

from .cues import load as load_cues
from .lexicons import personal_names, place_names
from .spans import NameSpan, make, resolve
from .tokens import APOSTROPHES, Token, key, tokenize

_SEPARATOR = re.compile(r"\s[-\u2013\u2014/|]\s")
# Words an organisation's name does not end with (… entre la République): prepositions, articles, "et".
_TRAILING = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "au", "aux", "en", "entre",
                       "pour", "sur", "contre", "avec", "par", "dans"})
# Lower-case nationality adjectives by their endings (arménien, française, azerbaïdjanais, marocaine).
_NATIONALITY = re.compile(r"^[a-zàâçéèêëîïôûüÿœ-]{3,}(?:iens?|iennes?|ais|aise|aises|ois|oise|oises|ains?|aines?)$")
# Words that may stand between a head and the party or body it belongs to (exécutif central du parti).
_OF = frozenset({"de", "du", "des", "d", "la", "l"})
# A people "of" a place: les Arméniens d'Artsakh, des Kurdes de Syrie.
_PEOPLE_OF = re.compile(f"\\b[A-ZÉ][a-zéèëï]+(?:iens|iennes|ais|aises|ois|oises|ains|aines) d(?:e |[{APOSTROPHES}])$")
_REGNAL = re.compile(r"\s(?:Ier|Ière|I{1,3}|IV|VI{0,3}|IX|XI{0,3})\b")


def _words(text: str) -> list[Token]:
    return tokenize(text, "fr")


def _is_given(word: Token) -> bool:
    return word.key in personal_names()[0]


def _is_place(phrase: str) -> bool:
    toks = _words(phrase)
    return bool(toks) and place_names("fr").match([t.key for t in toks], 0) == len(toks)


def _title_len(keys: list[str], i: int) -> int:
    cues = load_cues("fr")
    n = max(cues.titles.match(keys, i), cues.person_cues.match(keys, i))
    while n and i + n < len(keys) and (keys[i + n] in cues.title_modifiers or keys[i + n] in cues.demonyms):
        n += 1
    return n


def _replace(text: str, span: NameSpan, start: int, end: int, label: str | None = None) -> NameSpan | None:
    if (start, end, label or span.label) == (span.start, span.end, span.label):
        return span
    return make(text, start, end, label or span.label, span.source, span.confidence,
                span.normal if (start, end) == (span.start, span.end) else None)


# ------------------------------------------------------------------------------------------ one span

def before(texts: list[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    """Each text's spans reshaped one at a time (see the module's first list)."""
    out = []
    for text, spans in zip(texts, found):
        row = [piece for s in spans for part in _split_separators(text, s) for piece in _reshape(text, part)]
        out.append(_merge_bodies(text, resolve(row)))
    return out


def _split_separators(text: str, span: NameSpan) -> list[NameSpan]:
    if span.concept or not _SEPARATOR.search(span.text):
        return [span]
    out, at = [], span.start
    for m in [*_SEPARATOR.finditer(span.text), None]:
        end = span.start + m.start() if m else span.end
        piece = make(text, at, end, span.label, span.source, span.confidence)
        if piece is not None:
            out.append(_piece_label(text, piece))
        at = span.start + m.end() if m else at
    return [p for p in out if p is not None]


def _piece_label(text: str, piece: NameSpan) -> NameSpan | None:
    """A piece cut out of a longer span keeps its label, but a known place, or a name right after "à" or
    "en" (a photo credit's "à Villeneuve d'Ascq - …"), is a place."""
    if _is_place(piece.text) or re.search(r"(?:^|\s)(?:à|en)\s$", text[max(0, piece.start - 4):piece.start]):
        return _replace(text, piece, piece.start, piece.end, "LOC")
    return piece


def _reshape(text: str, span: NameSpan) -> list[NameSpan]:
    if span.concept:
        return [span]
    words = _words(span.text)
    if not words:
        return [span]
    keys = [w.key for w in words]
    n = _title_len(keys, 0)
    if n:
        if n >= len(words):
            return []                                                   # le Catholicos, le Premier ministre
        while n < len(words) - 1 and words[n].text in ("à", "au"):
            n += 1                                                      # le Catholicos à | Trump
        if words[n].text[:1].isupper():
            rest = make(text, span.start + words[n].start, span.end, "PER", span.source, span.confidence)
            return [r for p in ([rest] if rest else []) for r in _reshape(text, p)]
        if span.label != "PER":
            # a post and its country (le ministre de la Défense | de Géorgie): the country is the name here
            places = place_names("fr")
            for j in range(n + 1, len(words)):
                if places.match(keys, j) == len(words) - j and words[j - 1].key in _OF and words[j].cap:
                    place = make(text, span.start + words[j].start, span.end, "LOC", span.source, span.confidence)
                    return [place] if place is not None else []
            if span.label == "LOC":
                return []                                               # Ministre arménien de la Défense
    if span.label == "ORG":
        return _organisation(text, span, words)
    if span.label == "PER":
        for k in range(2, len(words)):
            if _title_len(keys, k) and all(w.text[:1].isupper() for w in words[:k]):
                cut = make(text, span.start, span.start + words[k - 1].end, "PER", span.source, span.confidence)
                return [cut] if cut is not None else []               # Rafael Minassian | Patriarche de …
    if span.label in ("PER", "LOC") and "-" in span.text and len(words) == 1:
        return _hyphen_pair(text, span)
    if span.label == "LOC" and len(words) >= 2 and words[0].text.isupper() and 2 <= len(words[0].text) <= 6 \
            and _is_place(span.text[words[1].start:]) and not _is_place(words[0].text):
        return [_replace(text, span, span.start, span.end, "ORG")]     # KNDS France: a company's branch
    if span.label == "LOC" and 2 <= len(words) <= 3 and _is_given(words[0]) and not _is_place(span.text) \
            and all(w.text[:1].isupper() for w in words):
        return [_replace(text, span, span.start, span.end, "PER")]     # Irakli Chikovani
    if span.label == "LOC" and len(words) == 1 and not _is_place(span.text) and _title_before(text, span, "fr"):
        return [_replace(text, span, span.start, span.end, "PER")]     # la vice-présidente Harris
    if span.label == "PER" and len(words) == 1 and not _is_given(words[0]) \
            and re.search(f"(?:^|\\s)[lL][{APOSTROPHES}]$", text[max(0, span.start - 3):span.start]):
        return [_replace(text, span, span.start, span.end, "LOC")]     # l'Artsakh: a person takes no article
    if span.label == "PER" and len(words) == 1 and not _is_given(words[0]) \
            and _PEOPLE_OF.search(text[max(0, span.start - 30):span.start]):
        return [_replace(text, span, span.start, span.end, "LOC")]     # les Arméniens d'Artsakh
    return [span]


def _hyphen_pair(text: str, span: NameSpan) -> list[NameSpan]:
    """Géorgie-Arménie, Harris-Biden: two names; Jean-Pierre, Hauts-de-France, Al-Doumy stay one."""
    parts = span.text.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() and len(p) >= 3 for p in parts):
        return [span]
    if _is_place(span.text) or key(span.text) in personal_names()[0]:
        return [span]
    if all(_is_place(p) for p in parts):
        label = "LOC"
    elif all(key(p) in personal_names()[0] and not _is_place(p) for p in parts) and span.label == "PER":
        label = "PER"
    else:
        return [span]
    cut = span.start + len(parts[0])
    pieces = [make(text, span.start, cut, label, span.source, span.confidence),
              make(text, cut + 1, span.end, label, span.source, span.confidence)]
    return [p for p in pieces if p is not None]


def _organisation(text: str, span: NameSpan, words: list[Token]) -> list[NameSpan]:
    start, end = span.start, span.end
    b = len(words)
    while b > 1 and words[b - 1].text.lower() in _TRAILING:
        b -= 1                                                          # … économique | entre la
    end = span.start + words[b - 1].end
    after = re.match(r"\s+([^\W\d_][\w-]*)", text[end:])
    if after and b <= 4 and (_NATIONALITY.match(after.group(1))
                             or load_cues("fr").demonyms.match([key(after.group(1))], 0)):
        end += after.end()                                              # Parlement arménien
    # an outlet or body and the person speaking for it: Radio J | Xavier Bertrand
    for g in range(2, b - 1):
        if _is_given(words[g]) and b - g <= 3 and all(w.text[:1].isupper() for w in words[g:b]) \
                and not any(w.text.lower() in _OF for w in words[g - 1:g]):
            body = make(text, start, span.start + words[g - 1].end, "ORG", span.source, span.confidence)
            person = make(text, span.start + words[g].start, end, "PER", span.source, span.confidence)
            return [p for p in (body, person) if p is not None]
    cut = _replace(text, span, start, end)
    return [cut] if cut is not None else []


def _merge_bodies(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A head and the named body it belongs to, a few lower-case words apart, are one organisation: "Comité
    exécutif central du parti DEM", "Bureau politique du Hamas"."""
    heads = load_cues("fr")
    out: list[NameSpan] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if s.label == "ORG" and nxt is not None and nxt.label == "ORG" and not s.concept \
                and len(_words(s.text)) == 1 and heads.org_words.match([_words(s.text)[0].key], 0):
            between = _words(text[s.end:nxt.start])
            gap = text[s.end:nxt.start]
            if 1 <= len(between) <= 5 and not any(c in gap for c in ",.;:()«»\"\n") \
                    and all(w.text.islower() for w in between) and between[-1].text.lower() != "et" \
                    and any(w.text.lower() in _OF for w in between) \
                    and all(w.text.lower() in _OF or not _function(w.text) for w in between):
                merged = make(text, s.start, nxt.end, "ORG", f"{s.source}+{nxt.source}",
                              max(s.confidence, nxt.confidence))
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(s)
        i += 1
    return out


def _title_before(text: str, span: NameSpan, lang: str) -> bool:
    from .guards import _title_before as title_before
    return title_before(text, span, lang)


def _function(word: str) -> bool:
    from .guards import _function_words
    return word.lower() in _function_words("fr")


# ------------------------------------------------------------------------------------------ the document

def after(texts: list[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    """The document's spans once the guards have judged them (see the module's second list)."""
    cues = load_cues("fr")
    products = set()
    for text, spans in zip(texts, found):
        for s in spans:
            before_words = _words(text[max(0, s.start - 40):s.start])
            if s.label != "LOC" and before_words and cues.product_heads.match(
                    [before_words[-1].key], 0) and text[s.start - 1:s.start].isspace():
                products.add(s.text)
    people = {w.key for spans in found for s in spans if s.label == "PER"
              for w in _words(s.text) if len(_words(s.text)) > 1 and w.text[:1].isupper()}
    named = sorted({s.text for spans in found for s in spans if s.label == "PER" and " " in s.text},
                   key=len, reverse=True)
    out = []
    for text, spans in zip(texts, found):
        row = []
        for s in [p for s in spans for p in _person_after_body(text, s, named)]:
            if s.label in ("LOC", "MISC") and " " not in s.text and key(s.text) in people and not _is_place(s.text):
                s = msgspec.structs.replace(s, label="PER")            # Aram, after Aram Ier
            if s.text in products and s.label != "LOC" and not s.concept:
                continue                                                # canon CAESAR, l'achat de CAESAR
            words = _words(s.text)
            if s.label == "ORG" and len(words) == 1 and not s.concept and cues.org_words.match([words[0].key], 0):
                continue                                                # le Comité, le Parlement
            if s.label == "PER":
                m = _REGNAL.match(text, s.end)
                if m:
                    s = make(text, s.start, m.end(), "PER", s.source, s.confidence) or s
            row.append(s)
        outlets = _outlets(text, row)
        row = [s for s in row if not any(s.start < o.end and o.start < s.end for o in outlets)]   # a MISC credit
        out.append(resolve([*row, *outlets]))
    return out


# An outlet named as the source of a text: "Source : Armenews", "Published by Armenpress", "publié par Le Monde".
_OUTLET_AFTER = re.compile(r"(?:\bSource\s*:?|\b[Pp]ublished by|\b[Pp]ubli[ée]e? par)\s+((?:[A-Z][\w&-]+)(?:\s[A-Z][\w&-]+)?)"
                           r"(?=\s*(?:[,.;\n]|$))")


def _outlets(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """The outlet a credit line names, where nothing but a MISC ("Published by Armenpress") was found."""
    extra = []
    for m in _OUTLET_AFTER.finditer(text):
        if not any(s.start < m.end(1) and m.start(1) < s.end and s.label != "MISC" for s in spans) \
                and not _is_place(m.group(1)):
            span = make(text, m.start(1), m.end(1), "ORG", "rules:source", 0.5)
            if span is not None:
                extra.append(span)
    return extra


def _person_after_body(text: str, span: NameSpan, people: list[str]) -> list[NameSpan]:
    """A span that is, or ends with, a person the document names elsewhere is that person, after the body
    an organisation span names first (a déclaré sur Radio J | Xavier Bertrand)."""
    if span.label == "PER" or span.concept:
        return [span]
    for name in people:
        if span.text == name and not _is_place(name):
            return [msgspec.structs.replace(span, label="PER")]       # Irakli Chikovani, a place nowhere
        if span.text.endswith(" " + name) and len(span.text) > len(name) + 1:
            cut = span.end - len(name)
            body = make(text, span.start, cut, "ORG", span.source, span.confidence) if span.label == "ORG" else None
            person = make(text, cut, span.end, "PER", span.source, span.confidence)
            return [p for p in (body, person) if p is not None]        # Défense | Irakli Chikovani
    return [span]
