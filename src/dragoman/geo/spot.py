"""Find place names in text by gazetteer n-gram lookup (ar, tr, fr have no NER model; a supplement for en, ru).

Every run of up to MAX_TOKENS words (capitalised at both ends where the script has case) is keyed and looked
up in one batched query, with Arabic clitics (و ف ب ل ك) peeled off the first word, Turkish endings cut at the
apostrophe ("Bingazi'de") and light Russian case endings undone ("Ливии" -> "Ливия"). Precision guard: a match
is taken outright only when it is a country, sea, region, facility or a big enough town, or has a feature cue
("قاعدة", "air base", "авиабаза", "üssü"); a small town or a weak alias only next to such a match (same country
or within 300 km); a lone town name beside other capitalised words ("Vladimir Putin", "New York Times") and
the bare common words in cues.yaml `stop` need a cue.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product
from typing import Iterable

from .areas import km
from .cues import CUE_FITS, cue_table, find_cues, in_organisation
from .gazetteer import Candidate, Gazetteer
from .plausible import (COMMON_ZIPF, acronym_known, arabic_adjective, common_word, is_acronym,
                        notable, notable_despite_common, organisation_only, roman_numeral, very_common, zipf)
from .keys import (APOSTROPHES, ARTICLE_WORDS, GLUE_GAPS, HYPHEN_ARTICLES, HYPHENS, WORD, fold_word, join_key,
                   strip_ar_article)

MAX_TOKENS = 6
CONTEXT_KM = 300
CASELESS_COUNTRY_TOWN = 50_000
_NAME_GAP = re.compile(f"^(?: |\u00a0|[-\u2010\u2011{APOSTROPHES}]|\\. ?|\\.)$")
_TIGHT = frozenset({" ", "\u00a0", "-"})               # gaps inside a multi-word name
_CYRILLIC = re.compile(r"[\u0400-\u052F]")
_MARK = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SENTENCE_END = set(".!?\n:;\"«»“”|")
_LEAD_IN = set(" \t\u00a0\"'«“(*•-–—")
_AR_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
# Case endings and what a nominative may end in instead: nouns ("Ливии" -> "Ливия", "Сиртом" -> "Сирт"),
# adjectives ("Саудовской" -> "Саудовская").
_RU_NOUN = (("ами", "ями", "ом", "ем", "ой", "ей", "ам", "ям", "ах", "ях", "ов", "ев", "а", "я", "у", "ю", "е",
             "и", "ы"), ("", "а", "я", "ь"))
_RU_ADJ = (("ого", "его", "ому", "ему", "ой", "ей", "ую", "юю", "ым", "им", "ых", "их", "ом", "ем"),
           ("ая", "ий", "ый", "ое"))         # "Средиземном" -> "Средиземное", "Ближнем" -> "Ближний"
_RU_PLURAL = (("ами", "ями", "ах", "ях", "ов", "ев"), ("ы", "и"))   # "Балканах" -> "Балканы", "Альпах" -> "Альпы"
_RU_COMBOS = 40
_ARTICLES = ARTICLE_WORDS | HYPHEN_ARTICLES
_STRONG_KINDS = ("country", "continent", "sea")
_AREAS = ("country", "continent", "sea", "region")
# Town sizes for a match without a cue: taken outright (big), or beside other places (small). Arabic has no
# capitals to tell names from words, so its bar is highest; a capitalised word opening a sentence comes next.
_BIG_TOWN = {"caseless": 1_000_000, "initial": 100_000, "cased": 15_000}
_SMALL_TOWN = {"caseless": 20_000, "initial": 15_000, "cased": 2_000}


@dataclass(frozen=True)
class Toponym:
    """A place name found in text; `cue` is the feature a cue word gave ("airbase", "port"…), if any."""

    start: int
    end: int
    text: str
    key: str
    cue: str | None = None
    cue_text: str | None = None
    why: str = ""                      # what qualified it: cue, country, facility, town, context…
    near: str | None = None            # a proximity cue before/after it ("near", "قرب", "под"), if any
    checked: bool = False              # cues were looked for (by spot); resolve need not look again


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    word: str                          # folded
    cased: bool
    upper: bool
    initial: bool
    skip: bool = False                 # French elision (d', l') or an apostrophe suffix ('de, 's)
    closed: bool = False               # a suffix follows: a name must end here
    gap: str = ""                      # text between this token and the next
    cyrillic: bool = False


def _opens_sentence(text: str, start: int) -> bool:
    pos = start
    while pos > 0 and text[pos - 1] in _LEAD_IN:
        pos -= 1
    return pos == 0 or text[pos - 1] in _SENTENCE_END


_last_tokens: tuple[str, str, list[_Tok]] | None = None


def _document_tokens(text: str, lang: str) -> list[_Tok]:
    """`_tokens` of a whole document, kept for the next call with the same text: the places stage asks for them
    twice (`spot`, then `name_ends`). Nothing changes a token once `_tokens` has returned it."""
    global _last_tokens
    last = _last_tokens
    if last is not None and last[1] == lang and (last[0] is text or last[0] == text):
        return last[2]
    toks = _tokens(text, lang)
    _last_tokens = (text, lang, toks)
    return toks


def _tokens(text: str, lang: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in WORD.finditer(text):
        word = m.group()
        folded = fold_word(word)
        if not folded:                                         # a lone tatweel or mark
            continue
        cased = word.lower() != word.upper()
        upper = word[0].isupper() if cased else not word.isdigit()
        tok = _Tok(m.start(), m.end(), word, folded, cased, upper, _opens_sentence(text, m.start()))
        if lang == "ru" and cased:
            tok.cyrillic = bool(_CYRILLIC.search(word))
        if toks:
            prev = toks[-1]
            prev.gap = text[prev.end:m.start()]
            if prev.gap and prev.gap in APOSTROPHES:
                if prev.word in ("d", "l", "j", "qu", "jusqu", "lorsqu"):
                    prev.skip = True                           # d'Al-Khadim, l'Égypte
                    tok.initial = prev.initial
                elif lang == "tr" or (lang == "en" and tok.word == "s"):
                    tok.skip = True                            # Bingazi'de, Benghazi's
                    prev.closed = True
        toks.append(tok)
    return toks


@lru_cache(maxsize=8192)
def _ru_forms(word: str) -> list[str]:
    """The word and guesses at its nominative (light suffix stripping; a real match is checked later)."""
    forms = [word]
    low = word.lower()
    for endings, adds in (_RU_NOUN, _RU_ADJ, _RU_PLURAL):
        for ending in endings:
            if low.endswith(ending) and len(word) - len(ending) >= 3:
                forms += [word[:-len(ending)] + add for add in adds]
    return list(dict.fromkeys(forms))[:10]


def _key(words: list[str], gaps: list[str]) -> str:
    """Key of folded words separated by the given gaps (apostrophes and periods glue, hyphens join)."""
    out, hyphened = [words[0]], [False]
    for word, gap in zip(words[1:], gaps):
        if gap and all(ch in GLUE_GAPS for ch in gap):
            out[-1] += word
        else:
            hyphened[-1] = gap.strip() in HYPHENS
            out.append(word)
            hyphened.append(False)
    return join_key(out, hyphened)


def _clitic_offset(raw: str, letters: int) -> int:
    """Offset in `raw` just after its first `letters` letters (harakat on them skipped)."""
    seen = pos = 0
    while pos < len(raw) and seen < letters:
        if not _MARK.match(raw[pos]):
            seen += 1
        pos += 1
    while pos < len(raw) and _MARK.match(raw[pos]):
        pos += 1
    return pos


def _variants(toks: list[_Tok], i: int, j: int, lang: str) -> list[tuple[str, int]]:
    """(key, start offset) forms of tokens i..j, best first."""
    run = toks[i:j + 1]
    words = [t.word for t in run]
    gaps = [t.gap for t in run[:-1]]
    out = [(strip_ar_article(words[0]) if i == j else _key(words, gaps), run[0].start)]
    first = run[0]
    if not first.cased:
        for clitic in _AR_CLITICS:
            if first.word.startswith(clitic) and len(first.word) - len(clitic) >= 3:
                form = (_key([first.word[len(clitic):]] + words[1:], gaps),
                        first.start + _clitic_offset(first.text, len(clitic)))
                if form[0] == out[0][0] and out[0][1] == first.start:
                    out[0] = form                      # "والخادم": same key, but the span leaves out the "و"
                else:
                    out.append(form)
    if lang == "ru" and len(run) <= 3 and any(t.cyrillic for t in run):
        options = [[fold_word(f) for f in _ru_forms(t.text)] if t.cyrillic else [t.word] for t in run]
        for combo in sorted(product(*(range(len(o)) for o in options)), key=sum)[1:_RU_COMBOS]:
            out.append((_key([options[k][r] for k, r in enumerate(combo)], gaps), first.start))
    return out


def _can_extend(toks: list[_Tok], j: int) -> bool:
    return (j + 1 < len(toks) and not toks[j + 1].skip and not toks[j].closed
            and bool(_NAME_GAP.match(toks[j].gap)))


def _matches(toks: list[_Tok], lang: str, limit: int, gazetteer: Gazetteer) -> list[tuple[int, int, str, int]]:
    """(i, j, key, start) of every word run i..j that names a place; runs grow only while they begin a name."""
    active = {(i, i): _variants(toks, i, i, lang) for i, t in enumerate(toks)
              if not t.skip and t.upper and t.word != "the"}
    out = []
    for _ in range(limit):
        if not active:
            break
        names, prefixes = gazetteer.known_keys(k for forms in active.values() for k, _ in forms)
        grown = {}
        for (i, j), forms in active.items():
            last = toks[j]
            short = i == j and last.cased and len(last.text) <= 3 and not last.text.isupper()
            # Russian writes the kind word of a name in lower case: "Средиземное море", "Персидский залив".
            lower_kind = lang == "ru" and j > i and last.cyrillic
            if (last.upper or lower_kind) and not short:      # "Of", "Us": short words only as acronyms
                hit = next(((k, st) for k, st in forms if k in names), None)
                if hit:
                    out.append((i, j, *hit))
            # A run grows while it begins a longer name, or through an article ("Al-", "Brak al-…") whose
            # key is dropped before the next word.
            if _can_extend(toks, j) and (last.word in _ARTICLES or any(k in prefixes for k, _ in forms)):
                grown[(i, j + 1)] = _variants(toks, i, j + 1, lang)
        active = grown
    return out


def _town_class(tok: _Tok) -> str:
    """caseless (Arabic: no capitals to go by), initial (opens a sentence) or cased."""
    if not tok.cased:
        return "caseless"
    return "initial" if tok.initial else "cased"


def _in_longer_name(toks: list[_Tok], i: int, j: int, taken: set[int]) -> bool:
    """A capitalised neighbour that is not a place: the match is likely part of a person's or an outlet's name."""
    def other_name(k: int) -> bool:         # a sentence's first word is capitalised whatever it is
        return (0 <= k < len(toks) and k not in taken and toks[k].cased and toks[k].upper and not toks[k].skip
                and not toks[k].initial)
    return bool(toks[i].cased) and ((other_name(i - 1) and toks[i - 1].gap in _TIGHT and not toks[i].initial)
                                    or (other_name(j + 1) and toks[j].gap in _TIGHT))


def _name_ends(toks: list[_Tok], taken: set[int]) -> set[str]:
    """Words that end a run of capitalised words which is no multi-word place (`taken`): "Kent Brantly",
    "Michael Dunn", "Ebola Reston": people's surnames and the like. A bare "Dunn" or "Reston" elsewhere in the
    document is them, not a town."""
    out = set()
    for k in range(1, len(toks)):
        tok, prev = toks[k], toks[k - 1]
        if (k not in taken and tok.cased and tok.upper and not tok.skip and not tok.initial
                and prev.cased and prev.upper and not prev.closed and prev.gap in _TIGHT):
            out.add(tok.word)
    return out


def _strength(cands: list[Candidate], toks: list[_Tok], i: int, j: int, demonyms: bool,
              lone: bool) -> tuple[str | None, str]:
    """("strong" | "context" | None, reason) for a match without a cue."""
    best, why = None, ""
    n_words, town_class = j - i + 1, _town_class(toks[i])
    acronym = n_words == 1 and toks[i].cased and toks[i].text.isupper() and len(toks[i].text) <= 3
    short = n_words == 1 and town_class == "caseless" and len(toks[i].word) <= 3
    for c in cands:
        level = None
        if c.match == "demonym":
            level = "strong" if demonyms else None
        elif c.match == "weak":
            level = "context"
        elif c.feature == "country" or c.source == "facilities":
            level = "strong"
        elif lone:                             # "Vladimir Putin", "Anadolu Ajansı", "Africa Corps"
            level = None
        elif c.feature in _STRONG_KINDS or c.source == "places.yaml":
            level = "strong"
        elif acronym:                          # "UN": not a town
            level = None
        elif c.feature == "region":
            level = "strong" if c.population >= 500_000 or n_words >= 2 else "context"
        elif c.feature in ("airport", "airbase"):
            level = "strong" if n_words >= 2 and c.match == "name" else "context"
        elif c.feature in ("city", "capital"):
            pop = c.population * (3 if c.feature == "capital" else 1)
            if pop >= _BIG_TOWN[town_class] and not short:
                level = "strong"
            elif pop >= _SMALL_TOWN[town_class] or n_words >= 2:
                level = "context"
        if level == "strong":
            return "strong", "facility" if c.source == "facilities" else c.feature
        if level == "context" and best is None:
            best, why = "context", c.feature
    return best, why


def _anchor(cands: list[Candidate]) -> Candidate:
    order = {"country": 0, "continent": 0, "sea": 0, "airbase": 1, "naval_base": 1, "port": 1, "capital": 2}
    return min(cands, key=lambda c: (c.source != "facilities", order.get(c.feature, 3), -c.population))


_CELL = 5.0                                            # degrees: anchor grid for `_beside`


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def _anchor_grid(anchors: list[Candidate]) -> dict[tuple[int, int], list[Candidate]]:
    """The sure places' points by grid cell (each place once), so a small place is compared only with the
    anchors around it, not with every sure place of a long document."""
    grid: dict[tuple[int, int], dict[str, Candidate]] = {}
    for a in anchors:
        if a.feature not in _AREAS:
            grid.setdefault(_cell(a.lat, a.lon), {})[a.id] = a
    return {cell: list(found.values()) for cell, found in grid.items()}


def _beside(c: Candidate, countries: set[str], grid: dict[tuple[int, int], list[Candidate]], caseless: bool) -> bool:
    """A small place is believed beside sure ones: near them, or in their country under its own main name
    (Arabic has only alternate names in GeoNames, so there any name will do, for a town big enough that a word
    is not likelier: برى is not Brea in a page that names the United States)."""
    if c.country in countries and (c.match == "name" or c.source == "facilities"
                                   or (caseless and c.population >= CASELESS_COUNTRY_TOWN)):
        return True
    y, x = _cell(c.lat, c.lon)
    return any(km(c.lat, c.lon, a.lat, a.lon) <= CONTEXT_KM
               for dy in (-1, 0, 1) for dx in (-2, -1, 0, 1, 2) for a in grid.get((y + dy, x + dx), ()))


def _blocked(toks: list[_Tok], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indexes of the tokens that overlap one of `spans`: one sweep over both in text order (a document with
    thousands of names must not compare every word with every name)."""
    spans = sorted(spans)
    out: set[int] = set()
    first = 0
    for idx, tok in enumerate(toks):
        while first < len(spans) and spans[first][1] <= tok.start:
            first += 1                                 # ends before this token: before every later one too
        k = first
        while k < len(spans) and spans[k][0] < tok.end:
            if spans[k][1] > tok.start:
                out.add(idx)
                break
            k += 1
    return out


def _implausible(text: str, start: int, end: int, key: str, cands: list[Candidate], lang: str, cue: str | None,
                 persons: frozenset[str], home: frozenset[str], demonyms: bool, gazetteer: Gazetteer) -> bool:
    """The language-aware checks of `plausible` for one single-word match at text[start:end]."""
    surface = text[start:end]
    if key in persons and not any(c.feature == "country" for c in cands):
        return True                                    # "İmamoğlu" after "Ekrem İmamoğlu"
    if roman_numeral(surface) or (is_acronym(surface) and not acronym_known(cands)):
        return True                                    # "İBB" is not Ibb
    if lang == "ar" and not demonyms and arabic_adjective(text, start, end, gazetteer):
        return True
    if common_word(surface, lang) and not notable_despite_common(cands, home, any_name=lang in ("ar", "ru"),
                                                                 excess=zipf(surface, lang) - COMMON_ZIPF[lang]):
        # "Ben", "ليل"; a cue saves a word of middling use if it names a kind of place the word may be
        # ("الدولة الإسلامية": دولة names a country, and Eslamiyeh is a town)
        fits = CUE_FITS.get(cue or "", ())
        return cue is None or very_common(surface, lang) or not any(c.feature in fits for c in cands)
    return False
    return False


def spot(text: str, lang: str, gazetteer: Gazetteer, *, demonyms: bool = False,
         exclude: Iterable[tuple[int, int]] = (), persons: frozenset[str] = frozenset()) -> list[Toponym]:
    """Place names in `text` (a document in `lang`), longest match first, in text order.

    demonyms=True also takes "Russian", "Libyan"… as their country (what some gold sets annotate);
    `exclude`: spans (start, end) already known to be something else (a person or organisation from NER or
    the term base: "فلاديمير بوتين"), where no place is taken; `persons`: name keys of words of people's names
    in the document (a bare surname is the person)."""
    toks = _document_tokens(text, lang)
    blocked = _blocked(toks, exclude)
    table = cue_table()
    stop, home = table.stop_words, table.home.get(lang, frozenset())
    found = []
    for i, j, key, start in _matches(toks, lang, min(MAX_TOKENS, gazetteer.max_name_tokens), gazetteer):
        cands = [c for c in gazetteer.candidates_for_key(key) if c.match != "code"]
        if cands:
            found.append((j - i + 1, i, j, start, key, cands))
    found.sort(key=lambda f: (-f[0], f[1]))
    spans_taken = {k for n, i, j, *_ in found for k in range(i, j + 1)}
    name_ends = _name_ends(toks, {k for n, i, j, *_ in found if n > 1 for k in range(i, j + 1)})
    taken: set[int] = set()
    accepted: list[tuple[Toponym, list[Candidate]]] = []
    pending = []
    for n, i, j, start, key, cands in found:
        if taken.intersection(range(i, j + 1)) or blocked.intersection(range(i, j + 1)):
            continue
        end = toks[j].end
        cue, near = find_cues(text, start, end, lang)
        if not demonyms and any(c.match == "demonym" for c in cands):
            continue                                   # "Canadian": an adjective (and a town in Texas)
        if in_organisation(text, start, end, lang) or organisation_only(cands) or (
                is_acronym(text[start:end]) and not acronym_known(cands)) or (
                n == 1 and key in name_ends and not any(notable(c) for c in cands)):
            continue                                   # "حزب نداء تونس": the party, not Tunisia
        if n == 1 and lang != "en":
            cands = gazetteer.with_namesakes(cands)
        if n == 1 and _implausible(text, start, end, key, cands, lang, cue.feature if cue else None, persons, home,
                                   demonyms,
                                   gazetteer):
            continue
        if cue:
            level, why = "strong", f"cue:{cue.text}"
        elif n == 1 and key in stop:
            continue
        else:
            lone = _in_longer_name(toks, i, j, spans_taken)
            level, why = _strength(cands, toks, i, j, demonyms, lone)
        if level is None:
            continue
        taken.update(range(i, j + 1))
        top = Toponym(start, end, text[start:end], key, cue.feature if cue else None, cue.text if cue else None, why,
                      near.text if near else None, True)
        if level == "strong":
            accepted.append((top, cands))
        else:
            pending.append((top, cands, not toks[i].cased))
    anchors = [_anchor(cands) for _, cands in accepted]
    countries = {a.country for a in anchors if a.country}
    grid = _anchor_grid(anchors)
    for top, cands, caseless in pending:
        if any(_beside(c, countries, grid, caseless) for c in cands):
            accepted.append((replace(top, why=f"context:{top.why}"), cands))
    return sorted((t for t, _ in accepted), key=lambda t: t.start)


def name_ends(text: str, lang: str) -> frozenset[str]:
    """`_name_ends` of a whole text, for names another recogniser found ("İmamoğlu'nun" after "Ekrem İmamoğlu")."""
    return frozenset(_name_ends(_document_tokens(text, lang), set()))


_TRAILING_SUFFIX = re.compile(f"[{APOSTROPHES}]\\w+$")
_POSSESSIVE = re.compile(f"[{APOSTROPHES}]s$")


def key_forms(surface: str, lang: str) -> list[str]:
    """Keys to try for a name another recogniser found ("Ливии", "Bingazi'de", "وبنغازي"), best first."""
    if lang == "tr":
        surface = _TRAILING_SUFFIX.sub("", surface)
    elif lang == "en":
        surface = _POSSESSIVE.sub("", surface)
    toks = [t for t in _tokens(surface, lang) if not t.skip]
    if not toks:
        return []
    return list(dict.fromkeys(key for key, _ in _variants(toks, 0, len(toks) - 1, lang) if key))
