"""Who could be speaking in a sentence: named mentions, source nouns with their qualifiers ("informed sources",
"a Libyan military official"), outlets, and words that point back to the previous sentence's source."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import Found, Lexicon

_WORD_BEFORE = re.compile(r"(\S+)\s+$")
_SPACE = re.compile(r"\s*")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*")
# A capitalised first word of the sentence qualifies a source only if it looks like a nationality
# ("Russian officials", "Libyalı"), not an adverb ("Yesterday officials …").
_NATIONALITY = re.compile(r"(?:an|ern|ese|ish|i|lı|li|lu|lü)$")
_APPOSITION_GAP = 30       # "Kremlin spokesman Dmitry Peskov", "المتحدث باسم الكرملين، دميتري بيسكوف"
_MAX_MODIFIERS = 4
_KIN = {"named": "on record", "official": "on record"}   # "the statement" may be a named ministry's
_INDEFINITE = frozenset({"a", "an", "un", "une", "bir", "des", "one", "один"})


@dataclass(slots=True)
class Source:
    """A possible speaker: its span in the sentence, its chain label and type."""

    start: int
    end: int
    label: str                 # the chain entry: canonical name, or English gloss with the original in brackets
    type: str                  # named, official, outlet, anonymous, observers
    person: bool = False       # a PER mention: what quotes are hung on
    self_ref: bool = False     # "the newspaper" with no name: the outlet the text comes from
    anaphor: bool = False      # "the same sources", "هؤلاء": carried over from the previous sentence
    head: tuple[int, int] | None = None   # the noun itself, for source nouns
    noun: int | None = None               # which source-noun entry it is, so "the same reports" finds reports
    outlet_noun: bool = False             # "newspaper", "وكالة", "агентство": a name right after it is an outlet


def _mention_sources(mentions: list[tuple[int, int, str, str | None]], text: str,
                     outlets: list[Found]) -> list[Source]:
    out = []
    for start, end, label, canonical in mentions:
        if label not in ("PER", "ORG", "LOC") or not 0 <= start < end <= len(text):
            continue
        outlet = next((o for o in outlets if o.start < end and start < o.end), None)
        name = canonical or text[start:end]
        if outlet is not None:
            out.append(Source(start, end, canonical or outlet.entry.english or name, "outlet"))
        else:
            out.append(Source(start, end, name, "named", person=label == "PER"))
    return out


def _extend_before(text: str, start: int, lex: Lexicon, mentions: list[tuple[int, int, str, str | None]],
                   blocked: list[tuple[int, int]]) -> tuple[int, list[str], bool]:
    """Walk left over qualifiers of a source noun; returns the new start, their glosses (text order), and
    whether an indefinite determiner was met."""
    glosses: list[str] = []
    indefinite = False
    for _ in range(_MAX_MODIFIERS):
        m = _WORD_BEFORE.search(text, 0, start)
        if not m or "\n" in m.group(0):
            break
        word = m.group(1)
        if any(s < m.end(1) and m.start(1) < e for s, e in blocked):
            break                          # "По данным источников": "данным" belongs to the cue
        mention = next((x for x in mentions if x[1] == m.end(1) and x[2] in ("ORG", "LOC", "MISC")), None)
        if mention is not None:
            glosses.insert(0, mention[3] or text[mention[0]:mention[1]])
            start = mention[0]
            continue
        found, first = lex.modifiers.whole(text, m.start(1), m.end(1)), m.start(1)
        if found is None:      # two-word qualifiers ("üst düzey")
            m2 = _WORD_BEFORE.search(text, 0, m.start(1))
            if m2 is not None and (two := lex.modifiers.whole(text, m2.start(1), m.end(1))) is not None:
                found, first = two, m2.start(1)
        if found is not None and (found.entry.side or lex.modifier_side) == "before":
            glosses.insert(0, found.entry.english or word)
            start = first
            continue
        folded = word.casefold()
        if folded in lex.determiners:
            indefinite = indefinite or folded in _INDEFINITE
            start = m.start(1)
            continue                       # "Libyalı bir yetkili": qualifiers may stand before the article
        if lex.modifier_side == "before" and (
                (lex.adjective is not None and folded not in lex.stopwords and lex.adjective.fullmatch(word))
                or (lex.capitalised_modifiers and _CAPITAL.fullmatch(word)
                    and (m.start(1) > 0 or _NATIONALITY.search(word)))):
            glosses.insert(0, word if lex.lang == "en" else "")
            start = m.start(1)
            continue
        break
    return start, [g for g in glosses if g], indefinite


def _extend_after(text: str, end: int, lex: Lexicon, mentions: list[tuple[int, int, str, str | None]],
                  ) -> tuple[int, list[str], str | None]:
    """Walk right over qualifiers (Arabic, French) and a tail that names someone ("close to Haftar")."""
    glosses: list[str] = []
    for _ in range(_MAX_MODIFIERS):
        pos = _SPACE.match(text, end).end()
        if pos == end or pos >= len(text):
            break
        found = lex.modifiers.at(text, pos)
        if found is not None and (found.entry.side or lex.modifier_side) == "after":
            glosses.append(found.entry.english or found.text)
            end = found.end
            continue
        if lex.modifier_side == "after" and lex.adjective is not None:
            m = lex.adjective.match(text, pos)
            if m and (m.end() == len(text) or not text[m.end()].isalnum()) \
                    and m.group(0).casefold() not in lex.stopwords \
                    and not any(x[0] <= m.start() < x[1] for x in mentions):
                end = m.end()
                continue
        break
    tail_gloss = None
    pos = _SPACE.match(text, end).end()
    tail = lex.tails.at(text, pos) if pos > end else None
    if tail is not None:
        after = _SPACE.match(text, tail.end).end()
        mention = next((x for x in mentions if after <= x[0] <= after + 4 and x[2] in ("PER", "ORG", "LOC")), None)
        if mention is not None:
            tail_gloss = f"{tail.entry.english or tail.text} {mention[3] or text[mention[0]:mention[1]]}"
            end = mention[1]
        elif lex.lang != "ar" and (cap := _CAPITAL.match(text, after)):
            tail_gloss = f"{tail.entry.english or tail.text} {cap.group(0)}"
            end = cap.end()
    return end, glosses, tail_gloss


_DEFINITE = re.compile(r"^(?:the|le|la|les|l['’])\s*|(?<!\w)ال", re.IGNORECASE)
_A_NOT_AN = ("US", "UN", "Eu", "eu", "Uni", "uni", "one", "One")


def _article(gloss: str, definite: bool) -> str:
    """English article for a singular source: "a Libyan military official", "the Russian defence ministry"."""
    if definite:
        return "the " + gloss
    vowel = gloss[:1].lower() in "aeiou" and not gloss.startswith(_A_NOT_AN)
    return ("an " if vowel else "a ") + gloss


def _noun_source(found: Found, text: str, lex: Lexicon, mentions: list[tuple[int, int, str, str | None]],
                 outlet: str | None, blocked: list[tuple[int, int]]) -> Source:
    head_start = found.start - 2 if text[max(0, found.start - 2):found.start] == "ال" else found.start
    start, before, indefinite = _extend_before(text, head_start, lex, mentions, blocked)
    end, after, tail = _extend_after(text, found.end, lex, mentions)
    entry = found.entry
    surface = text[start:end]
    singular = lex.plural is not None and not lex.plural.search(found.text)
    head = (entry.english_sg if singular and entry.english_sg else entry.english) or found.text
    article = "sg" if singular and entry.english_sg else entry.article
    if lex.lang == "en":
        label = re.sub(r"^(?:the|The)\s+", "", surface)
        first = label.split(None, 1)[0]
        if first[:1].isupper() and first.lower() != first and (
                lex.modifiers.whole(first.lower(), 0, len(first)) or first.lower() in lex.determiners
                or lex.sources.whole(first.lower(), 0, len(first))):
            label = label[0].lower() + label[1:]          # "Informed sources told …" -> "informed sources"
    else:
        # Adjectives after the noun (Arabic, French) go before it in English, phrases after it.
        adjectives = [g for g in after if " " not in g][::-1]
        phrases = [g for g in after if " " in g] + ([tail] if tail else [])
        gloss = " ".join(before + adjectives + [head] + phrases)
        definite = article == "the" or bool(_DEFINITE.search(surface)) and not indefinite
        label = f"{_article(gloss, definite) if article != 'pl' else gloss} ({surface})"
    if entry.english == "correspondent" and outlet:
        own = re.sub(r"^(?:our|the|its)\s+", "", surface, flags=re.IGNORECASE)
        label = f"{outlet} {own}" if lex.lang == "en" else f"{outlet} correspondent ({surface})"
    # "the newspaper said", "пишет газета": the outlet itself; "local media", "a Turkish channel" are others.
    self_ref = entry.type == "outlet" and entry.article == "sg" and entry.english != "correspondent" \
        and not indefinite and not before and not after and tail is None
    return Source(start, end, label, entry.type, self_ref=self_ref, head=(found.start, found.end),
                  noun=entry.number, outlet_noun=entry.type == "outlet" and entry.english != "correspondent")


def _overlaps(a: Source, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def _apposition(noun: Source, person: Source, text: str, lex: Lexicon, named: list[Source]) -> bool:
    """An official noun right beside a named person is that person's title: "Kremlin spokesman Dmitry Peskov",
    "Peskov, the Kremlin spokesman", "المتحدث باسم الكرملين، دميتري بيسكوف". Between them only names of
    organisations, articles and the language's title links ("of", "باسم", "президента") may stand."""
    if noun.type != "official" or not person.person:
        return False
    lo, hi = (noun.end, person.start) if noun.end <= person.start else (person.end, noun.start)
    if not 0 <= hi - lo <= _APPOSITION_GAP:
        return False
    gap = text[lo:hi]
    if gap.count(",") + gap.count("،") > 1 or re.search(r"[.;:!?؟«»\"“”()]", gap):
        return False
    for other in named:                       # blank out organisations' names in the gap
        if lo <= other.start and other.end <= hi and not other.person:
            gap = gap[:other.start - lo] + " " * (other.end - other.start) + gap[other.end - lo:]
    return all(w.casefold() in lex.determiners or w.casefold() in lex.title_links
               for w in re.findall(r"[^\s,،]+", gap))


def _antecedent(anaphor: Found, nouns: list[Found], history: list[Source]) -> Source | None:
    """What "the same X" or "the statement" points to: the latest earlier source with the same noun, else of
    the same type (a ministry's statement); a pronoun ("they", "هؤلاء") points to the latest source.
    "The ministry" after only anonymous sources stays a plain noun."""
    inner = next((n for n in nouns if anaphor.start <= n.start and n.end <= anaphor.end), None)
    if inner is None:
        return history[-1] if history else None
    kin = _KIN.get(inner.entry.type, inner.entry.type)
    same = [h for h in history if h.noun == inner.entry.number] \
        or [h for h in history if _KIN.get(h.type, h.type) == kin]
    return same[-1] if same else None


def find_sources(text: str, lex: Lexicon, mentions: list[tuple[int, int, str, str | None]],
                 history: list[Source], outlet: str | None, blocked: list[tuple[int, int]] = ()) -> list[Source]:
    """Every possible speaker in a sentence, left to right, overlaps resolved; `history` holds the sources of
    the last few sentences (latest last) for words that point back; `blocked` spans (the cues) are never
    taken as qualifiers of a source noun."""
    outlet_hits = lex.outlets.find(text)
    named = _mention_sources(mentions, text, outlet_hits)
    noun_hits = lex.sources.find(text)
    nouns = []
    for found in noun_hits:
        if any(_overlaps(m, found.start, found.end) for m in named):
            continue                      # the noun is part of a name ("وزارة الدفاع الروسية")
        nouns.append(_noun_source(found, text, lex, mentions, outlet, list(blocked)))
    outlets = [Source(o.start, o.end, o.entry.english or o.text, "outlet") for o in outlet_hits
               if not any(_overlaps(m, o.start, o.end) for m in named)]
    everyone = named + outlets
    # A title beside a name is that person's; "the newspaper" right before an outlet's name is that outlet.
    titles = [(n, p) for n in nouns for p in named if _apposition(n, p, text, lex, named)]
    for n in nouns:
        if n.outlet_noun:
            for x in everyone:
                if 0 <= x.start - n.end <= 3:      # "صحيفة «الشرق الأوسط»", "l'agence TASS": that outlet
                    x.type, x.person = "outlet", False
    nouns = [n for n in nouns if not any(t is n for t, _ in titles)
             and not (n.outlet_noun and any(0 <= x.start - n.end <= 3 for x in everyone))]
    # Names inside a title go with it: "المتحدث باسم الكرملين، دميتري بيسكوف" is Peskov speaking.
    spans = [(n.start, n.end) for n in nouns] + [(min(t.start, p.start), max(t.end, p.end)) for t, p in titles]
    kept_named = [m for m in everyone if not any(s <= m.start and m.end <= e and not any(m is p for _, p in titles)
                                                 for s, e in spans)]
    found = kept_named + nouns
    if history:
        for a in lex.anaphors.find(text):
            target = _antecedent(a, noun_hits, history)
            if target is not None:
                found = [s for s in found if not _overlaps(s, a.start, a.end)]
                found.append(replace(target, start=a.start, end=a.end, anaphor=True, head=None))
    found.sort(key=lambda s: (s.start, -s.end))
    return found
