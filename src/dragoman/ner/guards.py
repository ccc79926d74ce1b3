"""Precision guards: what every recogniser's names go through before anyone sees them.

Rules, a statistical model or the term base may all propose a name; these checks decide what a name may not be,
whichever engine proposed it, so they sit after recognition in `Recogniser.recognise`:

- edges: a title before a person stays outside the name (الرئيس، Президент, Cumhurbaşkanı, le président);
  a Turkish case ending after the apostrophe stays outside (İmamoğlu'nun → İmamoğlu), and so does an Arabic
  proclitic (و ف ب ل ك) when the word without it is the likelier word (وحفتر → حفتر, but not وليد);
- Arabic boundaries: a person's name stops before a word that is no name word: a clitic-led word (والمطلة,
  لعدن), a frequent word that is not in the name list (أثناء، حق), or a verb form (أطلع، يقدم);
- people: a heading in capitals names no one; a single frequent word opening a sentence (Lakin, Kimi, Ainsi),
  a nationality, a title or an abbreviation is not a person; an acronym is an organisation, a country a place;
  an Arabic definite common word (البلاد، المحكمة، الجيش) or nisba (العراقي) alone is not a person.

"Frequent" is wordfreq's Zipf scale (a word used once per million words is 3; a function word 6 or more).
A name the term base knows is never dropped; a word the same batch of texts (one document in the pipeline)
also uses inside a longer person's name (الأسد after بشار الأسد, Fidan after Hakan Fidan) is vouched for.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable

import msgspec

from . import arabic_places, french_guards
from .arabic import readings
from .cues import load as load_cues
from .lexicons import personal_names, place_names
from .spans import NameSpan, make, resolve
from .tokens import APOSTROPHES, Token, key, tokenize

# Zipf thresholds, tuned on the realtext dev set and the demo pages.
OPENER_COMMON = 4.0       # a single-word "person" opening a sentence with a word this frequent is that word
SINGLE_COMMON = 5.0       # …and anywhere, when the text also writes it in lower case
ARABIC_COMMON = 4.3       # an Arabic single-word "person" this frequent, not in the name list, is a common word
ARABIC_BREAK = 4.5        # a non-name word this frequent ends an Arabic name (أثناء، حق، وسط)
ARABIC_NAME_MAX = 4.8     # a word this frequent is a common word even if the name list has it (طالب)
ARABIC_NISBA = 4.6        # a nisba this frequent is an adjective (العراقي), below it a family name (المالكي)
RARE_SURNAME = 3.0        # a definite first word (الطيب) still opens a name when the last word is this rare
KNOWN_SURNAME = 5.0       # a term-base person's surname alone is that person up to this frequency (الأسد)
ARABIC_ADJECTIVE = 3.3    # an unlisted word ending in ي alone, this frequent, is an adjective (ميداني)
ARABIC_DEFINITE = 3.7     # a definite word not in the name list this frequent is a noun (المعترف)
CLITIC_GAIN = 0.5         # a proclitic comes off when the bare word is this much more frequent
BARE_MIN = 3.0            # …and the bare word is a real word at all
CLITIC_BARE = 3.3         # the bare word behind a proclitic inside a name must be at least this frequent
VERB_MIN = 2.5            # a verb-shaped word not in the name list, at least this frequent, is a verb
ARABIC_FEMININE = 5.0     # a listed word ending in ة this frequent is a noun (أهمية), not a name (حمزة)
PHRASE_COMMON = 3.0       # a phrase of words this frequent that the text also writes in lower case is no name
COMMON_TOP = 1000         # …and its 1,000 most frequent: not a name alone unless a listed given name
FUNCTION_TOP = 300        # wordfreq's most frequent words of a language: never a name on their own
MAX_ENDING = 5            # letters of a Turkish case ending after an organisation word (Müdürlüğü'nün)
ACRONYM_MAX = 5           # letters of an organisation acronym a heading may still show
TR_OPENER = 3.5           # a Turkish sentence opener this frequent, not a given name, is not part of a name
PLURAL_STEM = 3.0         # a Turkish stem this frequent before a glued plural ending is a common noun
TR_STEM_MIN = 4           # letters a Turkish word needs before its inflected forms count as the word
ORG_GENERIC = 3.5         # an Arabic head plus one word this frequent (not a name or place) is a description,
#                           unless the word is a name (arabic_places.proper_definite: فيلق القدس)
SUFFIX_MAX = 9            # letters of a Turkish ending after the apostrophe (CHP'lilerin, AKP'lilerden)
_TR_POSSESSIVE = ("sı", "si", "su", "sü", "ı", "i", "u", "ü")
_PROCLITICS = "وفبلك"
# Words that say what kind of body a name is; the name is what follows (صحيفة الوئام → الوئام).
_DESCRIPTORS = frozenset(key(w) for w in ("تنظيم", "صحيفة", "جريدة", "قناة", "موقع", "منظمة", "حركة", "جماعة",
                                          "قوات"))
_FORCES = key("قوات")
_DEFINITE_CLITICS = ("وال", "فال", "بال", "كال", "لل", "وبال", "ولل")
_ARABIC_VERB = re.compile(r"^(?:س?[يتن][\u0621-\u064A]{2,5}|[أا][\u0621-\u064A]{3}|[\u0621-\u064A]{3}ت)$")   # يقدم، ستعقد، أطلع
_HONORIFICS_AFTER = frozenset(key(w) for w in ("Bey", "Hanım", "Paşa", "Efendi"))
_OF = frozenset({"de", "du", "des", "of"})     # "X de Y" names a person only after a given name (Charles de Gaulle)
_FR_OF = ("de la ", "du ", "des ", "de l'", "de l\u2019")
_INITIALS = re.compile(r"(?:[^\W\d_]\.){1,3}[^\W\d_]\.?")
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LOWER = re.compile(r"[a-z]")


@lru_cache(maxsize=1 << 16)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of the lower-cased word in `lang` (0 when wordfreq does not know it)."""
    from wordfreq import zipf_frequency
    try:
        return zipf_frequency(word.lower(), lang)
    except (LookupError, ValueError):
        return 0.0


def apply(texts: list[str], found: list[list[NameSpan]], lang: str) -> list[list[NameSpan]]:
    """The spans of each text after the guards; `texts` are read together (one document's sentences)."""
    if lang not in ("ar", "ru", "tr", "fr", "en"):
        return found
    if lang == "fr":
        found = french_guards.before(texts, found)
    trimmed = [[t for s in spans for part in _split_acronym(text, s) for cut in _split_at_ending(text, part, lang)
                for piece in _split_at_title(text, cut, lang) for t in [_edges(text, piece, lang)] if t is not None]
               for text, spans in zip(texts, found)]
    lower = _lower_words(texts, lang) if lang != "ar" else _Lower(())
    # Longer names first: only the ones that pass vouch for a later lone word.
    longer = [[k for s in spans if len(s.text.split()) > 1 or s.concept
               for k in [_judge(text, s, lang, frozenset(), lower)] if k is not None]
              for text, spans in zip(texts, trimmed)]
    vouched = _vouched(longer, lang)
    out = []
    for text, spans, kept in zip(texts, trimmed, longer):
        kept = kept + [k for s in spans if len(s.text.split()) == 1 and not s.concept
                       for k in [_judge(text, _named_before(s, lang, vouched), lang, vouched, lower)]
                       if k is not None]
        out.append(resolve(kept))
    if lang == "ar":
        out = _arabic_surnames(texts, out)
        out = [[_outlet(text, s) for s in spans] for text, spans in zip(texts, out)]
        out = arabic_places.drop_adjectives(texts, out)
        out = arabic_places.gazetteer_places(texts, out)
    elif lang in ("tr", "fr"):
        if lang == "tr":
            out = [resolve([_tr_numbered_body(text, s) for s in spans]) for text, spans in zip(texts, out)]
            out = _one_label_per_name(out, lang)
        out = _same_name_again(texts, out, lang)
    if lang == "fr":
        out = french_guards.after(texts, out)
    return out


_TR_ORDINAL = r"(?:\d{1,3}\.|Birinci|İkinci|Üçüncü|Dördüncü|Beşinci|Altıncı|Yedinci|Sekizinci|Dokuzuncu|Onuncu)"
_TR_UPPER = "A-ZÇĞİÖŞÜÂÎÛ"
_NUMBERED_AFTER = re.compile(rf"\s+{_TR_ORDINAL}\s+((?:[{_TR_UPPER}][\w]*\s+){{0,3}}[{_TR_UPPER}][\w]*)")
_NUMBERED_BEFORE = re.compile(rf"([{_TR_UPPER}][\w]+)\s+\d{{1,3}}\.\s+$")
_WORD_BEFORE = re.compile(rf"([{_TR_UPPER}][\w]+)\s+$")
_NUMBER_FIRST = re.compile(r"\d{1,3}\.\s")


def _tr_numbered_body(text: str, span: NameSpan) -> NameSpan:
    """A Turkish body with its number is one name: Yargıtay | 3. Ceza Dairesi, Ankara 32. | Ağır Ceza
    Mahkemesi (the court's city and number name which court it is). The words after the number must end in
    a body's word (Dairesi, Mahkemesi)."""
    if span.label != "ORG":
        return span
    start, end = span.start, span.end
    m = _NUMBERED_AFTER.match(text, end)
    if m:
        words = tokenize(m.group(1), "tr")
        cut = max((i for i, w in enumerate(words) if load_cues("tr").org_words.match_prefix(w.key, MAX_ENDING)),
                  default=None)
        if cut is not None:
            end = m.start(1) + words[cut].end
            if any(c in APOSTROPHES for c in text[m.start(1):end]):
                end = _before_suffix(text, m.start(1), end)
    lo = max(0, start - 40)
    # the number may already be in the span (_latin_phrase puts it there): then the place stands right before
    before = (_WORD_BEFORE if _NUMBER_FIRST.match(span.text) else _NUMBERED_BEFORE).search(text[lo:start])
    if before and place_names("tr").match([key(before.group(1))], 0):
        start = lo + before.start(1)
    if (start, end) == (span.start, span.end):
        return span
    return make(text, start, end, "ORG", span.source, span.confidence) or span


def _one_label_per_name(found: list[list[NameSpan]], lang: str) -> list[list[NameSpan]]:
    """A name keeps one label through a document: the model reads one sentence at a time and calls Özdağ a
    person in three, a place in one. Each name votes for its label; a person's full name (Ümit Özdağ) also
    votes for its surname. A name another label outvotes by two or more takes that label; a lone surname of
    a full name is that person (Ateş after Sinan Ateş); so is a two-word name whose surname the document calls
    a person at least twice (Ümit Özdağ, once a "place"). A "place" ending in a body's word is a body."""
    votes: dict[str, dict[str, int]] = {}
    surnames: dict[str, int] = {}        # last words of the person names of two words or more

    def vote(name: str, label: str) -> None:
        row = votes.setdefault(name, {})
        row[label] = row.get(label, 0) + 1

    for spans in found:
        for s in spans:
            if s.label not in ("PER", "ORG", "LOC") or not s.text[:1].isupper():
                continue
            words = tokenize(s.text, lang)
            if not words:
                continue
            vote(" ".join(w.key for w in words), s.label)
            if s.label == "PER" and len(words) > 1:
                vote(words[-1].key, "PER")
                surnames[words[-1].key] = surnames.get(words[-1].key, 0) + 1
    places = place_names(lang)
    out = []
    for spans in found:
        row_out = []
        for s in spans:
            words = tokenize(s.text, lang) if s.label in ("PER", "ORG", "LOC") and not s.concept else []
            label = s.label
            if words:
                row = votes.get(" ".join(w.key for w in words), {})
                best = max(row, key=lambda k: (row[k], k == "PER"), default=label)
                if row.get(best, 0) >= row.get(label, 0) + 2:
                    label = best
                elif label != "PER" and len(words) == 1 and surnames.get(words[0].key) \
                        and not places.match([words[0].key], 0):
                    label = "PER"               # Ateş after Sinan Ateş, not a place
                elif label != "PER" and len(words) == 2 and votes.get(words[-1].key, {}).get("PER", 0) >= 2 \
                        and not places.match([words[0].key], 0):
                    label = "PER"
                elif label == "LOC" and len(words) > 1 and load_cues(lang).org_words.match_prefix(
                        words[-1].key, MAX_ENDING):
                    label = "ORG"               # Cumhur İttifakı: a word that names a body ends it
            row_out.append(s if label == s.label else msgspec.structs.replace(
                s, label=label, source=f"{s.source}+document"))
        out.append(row_out)
    return out


def _same_name_again(texts: list[str], found: list[list[NameSpan]], lang: str) -> list[list[NameSpan]]:
    """A person or organisation the document named once is the same name where it stands again and nothing
    found it (Proglio, EDF: a model reads one sentence and misses some); it takes the label the document
    gave it most often."""
    labels: dict[str, dict[str, int]] = {}
    for spans in found:
        for s in spans:
            if s.label in ("PER", "ORG") and s.text[:1].isupper() and "\n" not in s.text:
                row = labels.setdefault(s.text, {})
                row[s.label] = row.get(s.label, 0) + 1
    if not labels:
        return found
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'\u2019])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    out = []
    for text, spans in zip(texts, found):
        extra = []
        for m in pattern.finditer(text):
            if any(s.start < m.end() and m.start() < s.end for s in spans):
                continue
            row = labels[m.group()]
            label = max(row, key=lambda k: (row[k], k == "PER"))
            span = make(text, m.start(), m.end(), label, "rules:document", 0.5)
            if span is not None:
                extra.append(span)
        out.append(resolve([*spans, *extra]) if extra else spans)
    return out


_OUTLETS = frozenset(key(w) for w in ("صحيفة", "جريدة", "قناة", "وكالة", "موقع", "مجلة", "إذاعة"))


_WORD_THEN_SPACE = re.compile(r"(\w+) +$")


def _outlet(text: str, span: NameSpan) -> NameSpan:
    """A one-word "person" right after a paper's or channel's descriptor is the outlet: بصحيفة | الوئام."""
    if span.label != "PER" or " " in span.text or span.concept:
        return span
    before = _WORD_THEN_SPACE.search(text, 0, span.start)
    if before is None or not any(r in _OUTLETS for r, _ in readings(key(before.group(1)))):
        return span
    return msgspec.structs.replace(span, label="ORG")


def _arabic_surnames(texts: list[str], found: list[list[NameSpan]]) -> list[list[NameSpan]]:
    """A surname the document gave in a full name (سيرغي لافروف … وقال لافروف) is that person wherever it
    stands alone: Arabic has no capitals, so the rules cannot find it without a title."""
    surnames = {}
    for spans in found:
        for s in spans:
            words = tokenize(s.text)
            if s.label == "PER" and len(words) > 1 and zipf(words[-1].text, "ar") < ARABIC_NAME_MAX \
                    and not _common_arabic(words[-1].text, words[-1].key) or s.label == "PER" and s.concept \
                    and len(words) > 1 and zipf(words[-1].text, "ar") < KNOWN_SURNAME:
                surnames[words[-1].key] = s
    if not surnames:
        return found
    out = []
    for text, spans in zip(texts, found):
        extra = []
        for tok in tokenize(text):
            for reading, skip in readings(tok.key):
                if reading in surnames and not any(s.start <= tok.start < s.end for s in spans):
                    span = make(text, tok.start + skip, tok.end, "PER", "rules:document", 0.5)
                    if span is not None:
                        extra.append(span)
                    break
        out.append(resolve([*spans, *extra]) if extra else spans)
    return out


# ---------------------------------------------------------------------------------------------- edges

def _edges(text: str, span: NameSpan, lang: str) -> NameSpan | None:
    """The span without a leading title (people), Turkish case ending or Arabic proclitic; Arabic names cut
    before their first non-name word."""
    start, end = span.start, span.end
    if span.label == "PER" and not span.concept:
        start = _after_title(text, start, end, lang)
    elif span.label == "PER":
        # a term-base alias with the title in it (الرئيس السوري بشار الأسد) is named without it, if a full
        # name is left; a title alone (Президент России) stays the alias it is
        cut = _after_title(text, start, end, lang)
        if len(text[cut:end].split()) >= 2:
            start = cut
    if lang == "tr":
        end = _before_suffix(text, start, end)
    if lang == "ar":
        start = _after_proclitic(text, start, end)
        if span.label == "PER" and not span.concept:
            end = _arabic_name_end(text, start, end)
        if span.label == "ORG" and not span.concept and span.source != "rules:quoted-name":
            found = _arabic_org(text, start, end)
            if found is None:
                return None
            start, end = found
    if (start, end) == (span.start, span.end):
        return span
    normal = span.normal if span.normal and lang != "tr" and span.concept else None
    cut = make(text, start, end, span.label, span.source, span.confidence, normal)
    return cut


def _arabic_org(text: str, start: int, end: int) -> tuple[int, int] | None:
    """An Arabic organisation as named: a descriptor before a name stays outside (صحيفة | الوئام, تنظيم | داعش,
    قوات | الشرطة الاتحادية); a head with one common word names no organisation (قوات المعارضة، حكومة خاصة،
    قيادة عمليات); a common definite word after the adjectives ends it (حزب العمال الكردستاني | النار)."""
    toks = tokenize(text[start:end])
    if len(toks) < 2:
        return start, end
    for i, tok in enumerate(toks[1:], 1):
        last = i == len(toks) - 1
        if last and tok.text.startswith(("لل", "وال")) or i == len(toks) - 2 and tok.text[0] == "ل" \
                and toks[-1].text.startswith("ال"):
            break                                                       # … للهجرة، والتنمية، لحقوق الإنسان
        if tok.text[0] in _PROCLITICS and _clitic_led(tok.text):
            toks = toks[:i]                                             # الجيش | بإقصاء
            end = start + toks[-1].end
            break
    if len(toks) < 2:
        return None if toks[0].key in _DESCRIPTORS else (start, end)
    words = [t.text for t in toks]
    rest = words[1:]
    if toks[0].key == _FORCES and len(rest) == 1:
        return None                                                     # قوات الأسد، قوات نظامية: whose forces
    if len(rest) == 1 and zipf(rest[0], "ar") >= ORG_GENERIC \
            and (rest[0].startswith("ال") or arabic_places.common_word(rest[0])) \
            and (key(rest[0]) not in personal_names()[1] or zipf(rest[0], "ar") >= ARABIC_NAME_MAX) \
            and not (place_names("ar").match([key(rest[0])], 0) and not arabic_places.common_definite(rest[0])) \
            and not rest[0].endswith(("ي", "ية")) \
            and not arabic_places.proper_definite(rest[0]):
        return None                                                     # قوات المعارضة، حكومة خاصة
    if len(toks) >= 3 and words[-1].startswith("ال") and not words[-1].endswith(("ي", "ية")) \
            and words[-2].endswith(("ي", "ية")) and zipf(words[-1], "ar") >= ORG_GENERIC:
        end = start + toks[-2].end                                      # … الكردستاني | النار
        toks = toks[:-1]
    if len(toks) >= 3 and toks[-1].key in load_cues("ar").demonyms and any(
            not t.text.startswith("ال") or arabic_places.proper_definite(t.text) for t in toks[1:-1]):
        end = start + toks[-2].end                                      # فيلق القدس | الإيراني: a name needs no
        toks = toks[:-1]                                                # nationality (الجيش السوري keeps it)
    if toks[0].key in _DESCRIPTORS:
        if len(toks) == 2 and not toks[1].text.startswith("ال") and toks[1].text.endswith(("ي", "ية")) \
                and zipf(toks[1].text, "ar") >= ARABIC_ADJECTIVE:
            return None                                                 # جماعة إسلامية: a kind of group, unnamed
        start += toks[1].start
    return start, end


def _after_title(text: str, start: int, end: int, lang: str) -> int:
    cues = load_cues(lang)
    toks = tokenize(text[start:end], lang)
    keys = [t.key for t in toks]
    i = 0
    while i < len(toks) - 1:
        n = max(cues.titles.match(keys, i), cues.person_cues.match(keys, i))
        if lang == "ar" and not n:
            n = max((cues.titles.match(keys, i, first=r) for r, _ in readings(keys[i])), default=0)
        if not n or i + n >= len(toks):
            break
        i += n
        while i < len(toks) - 1 and (keys[i] in cues.title_modifiers or keys[i] in cues.demonyms):
            i += 1
    return start + toks[i].start if i else start


def _before_suffix(text: str, start: int, end: int) -> int:
    """Before `'nun` in `İmamoğlu'nun` (the ending is lower case letters only), and before `’NUN` in a heading's
    `KILIÇDAROĞLU’NUN` (an upper-case ending only after an upper-case name)."""
    piece = text[start:end]
    m = re.search(f"[{APOSTROPHES}]([a-zçğıöşüâîû]{{1,{SUFFIX_MAX}}})$", piece)
    if m is None:
        m = re.search(f"[{APOSTROPHES}]([A-ZÇĞİÖŞÜÂÎÛ]{{1,{SUFFIX_MAX}}})$", piece)
        if m is not None and not piece[:m.start()].isupper():
            m = None
    return start + m.start() if m and m.start() > 0 else end


def _bare(word: str, *, listed_stays: bool = True) -> str | None:
    """The Arabic word without its proclitic(s) when the bare word is the likelier word (وحفتر → حفتر);
    with `listed_stays` a word the name list has keeps its first letter (وليد)."""
    best, best_z = None, zipf(word, "ar")
    names = personal_names()[1]
    if listed_stays and key(word) in names:
        return None
    for cut in (1, 2):
        head, rest = word[:cut], word[cut:]
        if len(rest) < 3 or any(c not in _PROCLITICS for c in head) or (cut == 2 and head[0] not in "وف"):
            continue
        z = zipf(rest, "ar")
        known = key(rest) in names or place_names("ar").match([key(rest)], 0)
        if z >= BARE_MIN and z >= best_z + CLITIC_GAIN or known and best_z < BARE_MIN:
            best, best_z = rest, z
    return best


def _clitic_led(word: str) -> bool:
    """A word that is a proclitic plus a real word at least as frequent (بحضور، وجعله)."""
    z = zipf(word, "ar")
    for cut in (1, 2):
        rest = word[cut:]
        if len(rest) >= 3 and all(c in _PROCLITICS for c in word[:cut]) and zipf(rest, "ar") >= max(CLITIC_BARE, z):
            return True
    return False


def _after_proclitic(text: str, start: int, end: int) -> int:
    m = re.match(r"[\w\u064B-\u065F]+", text[start:end])
    if not m:
        return start
    bare = _bare(m.group())
    return start + len(m.group()) - len(bare) if bare else start


def _arabic_name_end(text: str, start: int, end: int) -> int:
    """The end of the person's name inside text[start:end]: before the first word that is no name word."""
    toks = tokenize(text[start:end])
    names = personal_names()[1]
    cues = load_cues("ar")
    for i, tok in enumerate(toks[1:], 1):
        word = tok.text
        if tok.key in cues.connectors or tok.key.startswith(key("عبد")):
            continue
        z, listed = zipf(word, "ar"), tok.key in names
        breaks = (
            word[0] in _PROCLITICS and not listed and _clitic_led(word)             # والمطلة، بحضور، وجعله
            or word.startswith(_DEFINITE_CLITICS)                                   # بالتفصيل، والأمين
            or listed and word.endswith("ة") and z >= ARABIC_FEMININE              # أهمية
            or not listed and not word.startswith("ال") and z >= ARABIC_BREAK      # أثناء، حق، وسط
            or not listed and _ARABIC_VERB.match(word) and z >= VERB_MIN           # أطلع، يقدم، سمحت
            or any(c.isdigit() for c in word)
        )
        if breaks:
            last = i - 1
            while last > 0 and toks[last].key in cues.connectors:
                last -= 1      # محمد بن | يقدم: a connector does not end a name
            return start + toks[last].end
    return end


# ---------------------------------------------------------------------------------------------- people

def _vouched(spans: list[list[NameSpan]], lang: str) -> frozenset[str]:
    """Keys of the words the texts use inside longer person names (a later lone surname is that person)."""
    out = set()
    for row in spans:
        for s in row:
            words = tokenize(s.text, lang)
            if s.label == "PER" and len(words) > 1 or s.concept:
                # a frequent word inside a name (Source Hetq, Hukuk Dairesi) vouches for nothing alone
                out.update(w.key for w in words if s.concept or w.text.lower() not in _common_words(lang)
                           or w.key in personal_names()[0])
    return frozenset(out)


class _Lower:
    """The words a text writes in lower case; in Turkish a word also counts when an inflected form of it is
    there (harekat in harekatı), since endings are glued on."""

    def __init__(self, words: Iterable[str], prefixes: bool = False, texts: Iterable[str] = ()) -> None:
        self.words = frozenset(words)
        self._texts = tuple(texts)
        self._phrases: set[str] | None = None
        self.sorted = sorted(self.words) if prefixes else []

    @property
    def phrases(self) -> set[str]:
        """Two- and three-word phrases the texts write in lower case (yönetim kurulu): a common noun phrase.
        Listed when first asked (few pages have a name it could veto)."""
        if self._phrases is None:
            self._phrases = _lower_phrases(self._texts)
        return self._phrases

    def __contains__(self, word: str) -> bool:
        if word in self.words:
            return True
        if not self.sorted or len(word) < TR_STEM_MIN:
            return False
        i = bisect.bisect_left(self.sorted, word)
        return i < len(self.sorted) and self.sorted[i].startswith(word)

    def __or__(self, other: Iterable[str]) -> "_Lower":
        out = _Lower(self.words | frozenset(other), bool(self.sorted), self._texts)
        out._phrases = self._phrases
        return out


def _lower_words(texts: Iterable[str], lang: str) -> _Lower:
    texts = tuple(texts)
    return _Lower((w for t in texts for w in re.findall(r"\b[^\W\d_]+\b", t) if w.islower()), lang == "tr", texts)


def _lower_phrases(texts: Iterable[str]) -> set[str]:
    phrases: set[str] = set()
    for t in texts:
        words = re.findall(r"[^\W\d_]+", t)
        low = [w.islower() for w in words]
        for i in range(len(words) - 1):
            if low[i] and low[i + 1]:
                phrases.add(f"{words[i]} {words[i + 1]}")
                if i + 2 < len(words) and low[i + 2]:
                    phrases.add(f"{words[i]} {words[i + 1]} {words[i + 2]}")
    return phrases


_ACRONYM_AFTER = re.compile(r"\s*\(([^\W\d_]{2,8})\)$")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF-]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z&.\-]*")


def _split_acronym(text: str, span: NameSpan) -> list[NameSpan]:
    """An organisation with its acronym in brackets is two names (Сирийский центр … | SOHR); a Russian
    descriptor before a Latin name stays outside it (Агентство | Reuters)."""
    if span.label != "ORG":
        return [span]
    m = _ACRONYM_AFTER.search(span.text)
    if m and m.group(1).isupper() and m.start() > 0 and not span.concept:
        name = make(text, span.start, span.start + m.start(), "ORG", span.source, span.confidence)
        short = make(text, span.start + m.start(1), span.start + m.end(1), "ORG", span.source, span.confidence)
        return [p for p in (name, short) if p is not None]
    words = span.text.split()
    if len(words) > 1 and _CYRILLIC_WORD.fullmatch(words[0]) and all(_LATIN_WORD.fullmatch(w) for w in words[1:]) \
            and words[0].lower() in _common_words("ru"):
        cut = make(text, span.start + span.text.index(words[1]), span.end, "ORG", span.source, span.confidence)
        return [cut] if cut is not None else []
    return [span]


_INNER_ENDING = re.compile(f"[{APOSTROPHES}][a-zçğıöşüâîû]{{1,{SUFFIX_MAX}}}(?=\\s)")


def _split_at_ending(text: str, span: NameSpan, lang: str) -> list[NameSpan]:
    """A Turkish name ends where a case ending follows an apostrophe, so a span with one inside is two names
    (BRICS'in | Rusya, FETÖ'cü | Türk Silahlı Kuvvetleri); a bare acronym before it is an organisation."""
    if lang != "tr" or span.concept:
        return [span]
    m = _INNER_ENDING.search(span.text)
    if m is None:
        return [span]
    head = make(text, span.start, span.start + m.start(), span.label, span.source, span.confidence)
    tail = make(text, span.start + m.end(), span.end, span.label, span.source, span.confidence)
    out = []
    if head is not None:
        letters = "".join(_LETTER.findall(head.text))
        out.append(msgspec.structs.replace(head, label="ORG") if letters.isupper() and 2 <= len(letters) <= 8
                   and " " not in head.text else head)
    if tail is not None:
        out.extend(_split_at_ending(text, tail, lang))
    return out


def _split_at_title(text: str, span: NameSpan, lang: str) -> list[NameSpan]:
    """A Latin-script span with a title inside: the organisation before the title and the person after it
    (Milliyetçi Hareket Partisi | Genel Başkanı | Devlet Bahçeli; Emniyet Müdürü | Servet Yılmaz)."""
    if lang == "ar" or span.concept or span.label not in ("PER", "ORG"):
        return [span]
    cues = load_cues(lang)
    words = tokenize(span.text, lang)
    keys = [w.key for w in words]
    for k in range(1, len(words) - 1):
        n = cues.titles.match(keys, k)
        if not n or k + n >= len(words):
            continue
        out = []
        person = make(text, span.start + words[k + n].start, span.end, "PER", span.source, span.confidence)
        before = words[:k]
        if any(cues.org_words.match_prefix(w.key, MAX_ENDING) for w in before):
            out.append(make(text, span.start, span.start + before[-1].end, "ORG", span.source, span.confidence))
        return [p for p in (*out, person) if p is not None]
    if span.label == "ORG" and len(words) > 1 and words[0].text.islower() and cues.titles.match(keys, 0):
        # le ministre de la Défense de Géorgie: a post; a name after it (… Défense | Irakli Chikovani) is a person
        at = len(words)
        while at > 1 and words[at - 1].text[:1].isupper() and words[at - 1].text.lower() not in _common_words(lang) \
                and not place_names(lang).match([keys[at - 1]], 0):
            at -= 1
        at = at if len(words) - at >= 2 else None
        person = make(text, span.start + words[at].start, span.end, "PER", span.source, span.confidence) \
            if at is not None else None
        return [person] if person is not None else []
    if span.label == "ORG" and len(words) > 1:
        if cues.titles.match(keys, len(keys) - 1) == 1 or cues.titles.match(keys, len(keys) - 2) == 2:
            return []                                       # Emniyet Genel Müdürü: a post, not the body
        given = personal_names()[0]
        for k in range(len(words) - 2, -1, -1):
            if cues.org_words.match_prefix(keys[k], MAX_ENDING) and keys[k + 1] in given:
                person = make(text, span.start + words[k + 1].start, span.end, "PER", span.source, span.confidence)
                body = make(text, span.start, span.start + words[k].end, "ORG", span.source, span.confidence)
                return [p for p in (body if k else None, person) if p is not None]   # Zafer Partisi | Ümit Özdağ
    return [span]


def _named_before(span: NameSpan, lang: str, vouched: frozenset[str]) -> NameSpan:
    """A lone word left unlabelled (MISC) that the document uses inside a person's full name is that person
    (Öcalan after Abdullah Öcalan): the recogniser saw one sentence, the document says more."""
    words = tokenize(span.text, lang)
    if span.label == "MISC" and len(words) == 1 and words[0].key in vouched and not span.text.isupper():
        return msgspec.structs.replace(span, label="PER", source=f"{span.source}+document")
    return span


def _in_heading(text: str, span: NameSpan) -> bool:
    """The span's line has no lower-case letter and at least two words: a heading in capitals."""
    a = text.rfind("\n", 0, span.start) + 1
    b = text.find("\n", span.end)
    b = b if b >= 0 else len(text)
    if _ASCII_LOWER.search(text, a, b):
        return False             # the common case, decided without listing the line's letters
    line = text[a:b]
    letters = _LETTER.findall(line)
    return len(line.split()) >= 2 and bool(letters) and not any(c.islower() for c in letters)


def _judge(text: str, span: NameSpan, lang: str, vouched: frozenset[str], lower: "_Lower") -> NameSpan | None:
    """The span as it may stand (kept, cut, relabelled) or None."""
    if span.concept:
        return span
    if not _LETTER.search(span.text):
        return None                                                    # 2022/1622: a file number, no name
    if _in_address(text, span):
        return None                                                    # https://fr.euronews.com/my-europe/…
    if span.label in ("ORG", "PER") and _INITIALS.fullmatch(span.text):
        return _initials(text, span)                                   # İ.Y., C.C.P.: a person whose name is withheld
    if lang != "ar" and _in_heading(text, span) and not (span.label != "PER" and len(span.text) <= ACRONYM_MAX):
        return None                                                    # a heading in capitals (PKK may stay)
    if lang in ("tr", "fr", "en") and span.label in ("PER", "ORG"):
        span = _latin_phrase(text, span, lang, lower)
        if span is None:
            return None
    if span.label == "ORG" and lang != "ar" and " " not in span.text and span.text.isupper() \
            and _title_before(text, span, lang):
        return msgspec.structs.replace(span, label="PER")             # le président ALIYEV: a surname in capitals
    if lang == "tr" and span.label in ("ORG", "PER") and span.text[:1].islower() and "-" not in span.text[:4]:
        return None                                                    # polis, dış: Turkish names are capitalised
    if lang == "tr" and span.label == "ORG" and _tr_common_phrase(span, lower):
        return None                                                    # Özel Harekat: special operations
    if lang == "tr" and span.label == "ORG" and _tr_person_named(span):
        span = msgspec.structs.replace(span, label="PER")             # Alican Uludağ: a given name opens it
    if span.label != "PER":
        return span
    words = tokenize(span.text, lang)
    if not words:
        return None
    if lang == "ar":
        return span if _arabic_person(words, vouched) else None
    if words[0].key not in personal_names()[0] and any(w.key in _OF for w in words[1:-1]):
        return None                                                    # Convention de Genève, Caucase du Sud
    if lang != "ru":            # natasha reads Russian sentence openers and short names (Том, Ян) itself
        span = _latin_edges(text, span, words, lang, lower)
    if span is None:
        return None
    words = tokenize(span.text, lang)
    if all(len(_LETTER.findall(w.text)) <= 2 for w in words):
        return _initials(text, span)                                   # A.Y. (a name withheld), not Dr
    if len(words) == 1:
        return _single_person(text, span, words[0], lang, vouched, lower)
    cues = load_cues(lang)
    if lang == "tr" and _tr_occupation(words[-1]):
        return None                                                    # Özel Harekatçı: an occupation
    if any(cues.org_words.match_prefix(w.key, MAX_ENDING) or w.key in load_cues("en").org_words for w in words[1:]):
        return msgspec.structs.replace(span, label="ORG")              # Emniyet Genel Müdürlüğü, Gelix Airlines
    if lang == "tr" and _tr_compound(words):
        return None
    if lang == "ru":
        return span               # the phrase rules below need a given-name list; ours is Latin (natasha knows)
    given = _given_names(lang)
    if all((w.text.lower() in lower and zipf(w.text, lang) >= PHRASE_COMMON or w.text.lower() in _common_words(lang))
           and w.key not in given for w in words):
        return None                                                    # Özel Harekat, Premier Ministre, Karar No
    places = place_names(lang)
    # A given name that is also a village (Sinan) opens a person's name, not a place phrase (Sinan Ateş).
    at = [places.match([w.key], 0) == 1 and not (i == 0 and w.key in given) for i, w in enumerate(words)]
    if any(at) and all(p or w.text.lower() in _common_words(lang) and w.key not in given for p, w in zip(at, words)):
        return None                                                    # Ankara Cumhuriyet, Orta Avrupa
    return span


_ORDINAL_BEFORE = re.compile(r"(?<![\d.])\d{1,3}\. $")
_SOURCE_BEFORE = re.compile(r"(?:Source|Sources|Kaynak|Via)\s*:\s*$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"\d[\d.,]* $")


def _latin_phrase(text: str, span: NameSpan, lang: str, lower: "_Lower") -> NameSpan | None:
    """A Latin-script person or organisation as the text names it: not a phrase the same text also writes in
    lower case (yönetim kurulu), not a unit after a number (12,35 Cent), no lower-case word after its start
    (Ana | muhalefet), no occupation before it (Romancı | Chesterton), and a Turkish unit with its number
    (20. Zırhlı Tugay)."""
    words = tokenize(span.text, lang)
    if not words:
        return None
    if len(words) > 1 and span.text.lower() in lower.phrases:
        return None
    if span.label == "PER" and _SOURCE_BEFORE.search(text[max(0, span.start - 12):span.start]):
        return msgspec.structs.replace(span, label="ORG")          # Source : Armenews, Kaynak: Sözcü
    if len(words) == 1 and span.label == "PER" and _NUMBER_BEFORE.search(text[max(0, span.start - 12):span.start]):
        return None
    connectors = load_cues(lang).connectors
    # French and English names keep their lower-case words (Conseil de sécurité, Assemblée nationale)
    cut = next((i for i, w in enumerate(words[1:], 1) if w.text.islower() and w.key not in connectors
                and w.text != "ve"), None) if lang == "tr" else None
    start, end = span.start, span.end
    if cut is not None:
        end = span.start + words[cut - 1].end
        if cut == 1 and (words[0].text.lower() in _common_words(lang) or zipf(words[0].text, lang) >= OPENER_COMMON):
            return None                                                # Ana | muhalefet partisi
    if lang == "tr" and span.label == "PER" and len(words) > 1 and _tr_occupation(words[0]) \
            and (cut is None or cut > 1):
        start = span.start + words[1].start
    if lang == "tr" and span.label == "ORG" and _ORDINAL_BEFORE.search(text[max(0, span.start - 5):span.start]):
        start = span.start - len(_ORDINAL_BEFORE.search(text[max(0, span.start - 5):span.start]).group())
    if (start, end) == (span.start, span.end):
        return span
    return make(text, start, end, span.label, span.source, span.confidence, span.normal if end == span.end else None)


def _latin_edges(text: str, span: NameSpan, words: list[Token], lang: str,
                 lower: "_Lower") -> NameSpan | None:
    """Without the words around a name that are none of it: a function word or a frequent sentence opener
    before it (Sa Sainteté, Geçenlerde CHP), a place or portfolio before a given name (Défense | Irakli
    Chikovani, Arménie | Nikol Pachinian), a function word or honorific after it (Tateossian Le, Hakan Bey)."""
    a, b = 0, len(words)
    given = _given_names(lang)
    function = _function_words(lang)
    places = place_names(lang)

    def common(w: Token) -> bool:
        return w.key not in given and (w.text.lower() in function or w.text.lower() in lower)

    def small(w: Token) -> bool:
        return w.key not in given and len(w.text) <= 3 and w.text.lower() in function

    def opener(w: Token) -> bool:
        """A frequent word opening the sentence (Hatta, Zaten, Yurtdışından): in Turkish, where a name takes its
        endings after an apostrophe, any frequent word; elsewhere one the text also writes in lower case."""
        z = zipf(w.text, lang)
        return w.key not in given and (z >= OPENER_COMMON and w.text.lower() in lower
                                       or lang == "tr" and z >= TR_OPENER)

    while b - a > 1 and (small(words[a]) or a == 0 and _opens_sentence(text, span.start) and opener(words[0])):
        a += 1
    if b - a > 2 and (common(words[a]) or places.match([words[a].key], 0) == 1):
        a += 1                                                 # Intérieur | Suleyman Soylu
    for g in range(a + 1, b - 1):
        if words[g].key in given and words[g - 1].key not in given:
            if all(common(w) or places.match([w.key], 0) for w in words[a:g]):
                a = g
            break
    while b - a > 1 and (words[b - 1].text.lower() in function or words[b - 1].key in _HONORIFICS_AFTER):
        b -= 1
    if (a, b) == (0, len(words)):
        return span
    return make(text, span.start + words[a].start, span.start + words[b - 1].end, span.label, span.source,
                span.confidence)


def _single_person(text: str, span: NameSpan, w: Token, lang: str, vouched: frozenset[str],
                   lower: "_Lower") -> NameSpan | None:
    cues = load_cues(lang)
    letters = "".join(_LETTER.findall(w.text))
    if w.key in cues.demonyms or w.key in cues.titles or w.key in cues.person_cues or w.key in cues.stop:
        return None
    if letters.isupper() and 2 <= len(letters) <= 6 and not _title_before(text, span, lang):
        return msgspec.structs.replace(span, label="ORG")              # MİT, FETÖ (but le président ALIYEV)
    if len(letters) <= 2 or w.key in _HONORIFICS_AFTER or w.text.lower() in _function_words(lang) \
            or cues.org_words.match_prefix(w.key, MAX_ENDING if lang == "tr" else 0):
        return None                                                    # Premier, Orta, Hatta
    if lang == "fr" and text[:span.start].endswith(_FR_OF):
        return None                                                    # ministre de la Défense, président du Conseil
    if w.key in vouched:
        return span                                                    # Clinton after Hillary Clinton
    if lang == "tr" and _tr_inflected_plural(w.text):
        return None                                                    # Teröristlerin, Amerikalılarınki
    if lang == "tr" and _tr_inflected(w.text) and w.key not in personal_names()[0]:
        return None                                                    # Dosyaya, Söze, Sorsanız
    if lang == "tr" and (w.text.lower().endswith(_TR_FIRST_PERSON) or _tr_of_place(w.text)):
        return None                                                    # Hatırlatayım (let me remind), Ortadoğulu
    if lang != "ru" and w.text.lower() in _common_words(lang) and w.key not in personal_names()[0]:
        return None              # Source, Défense, Belediye (Russian writes its common nouns in lower case: Путин)
    if place_names(lang).match([w.key], 0):
        return msgspec.structs.replace(span, label="LOC")
    z = zipf(w.text, lang)
    if lang != "ru" and _opens_sentence(text, span.start) and z >= OPENER_COMMON \
            or z >= OPENER_COMMON and w.text.lower() in lower.words:
        return None                                                    # Lakin, Kimi, Ainsi
    return span


@lru_cache(maxsize=None)
def _given_names(lang: str) -> frozenset[str]:
    """Given names that may open a longer name: the shared list and the language's own (Turkish: Ümit, Resul,
    which are also common words, so a lone one is judged without them)."""
    return personal_names()[0] | load_cues(lang).given_names


@lru_cache(maxsize=None)
def _top_words(lang: str, n: int) -> frozenset[str]:
    from wordfreq import top_n_list
    try:
        return frozenset(top_n_list(lang, n))
    except (LookupError, ValueError):
        return frozenset()


def _function_words(lang: str) -> frozenset[str]:
    """The language's most frequent words (wordfreq's top list): function words, adverbs, common verbs."""
    return _top_words(lang, FUNCTION_TOP)


def _common_words(lang: str) -> frozenset[str]:
    """Frequent words, a name only when the name list has them as given names (Deniz, Mustafa)."""
    return _top_words(lang, COMMON_TOP)


def _in_address(text: str, span: NameSpan) -> bool:
    """The span sits inside a web address or a path (no space around it up to http://, www. or a slash)."""
    a = max(text.rfind(" ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
    b = min((i for i in (text.find(" ", span.end), text.find("\n", span.end)) if i >= 0), default=len(text))
    word = text[a:b].lstrip("([«\"'“")
    return "://" in word or word.startswith("www.") or "/" in span.text and " " not in span.text


def _title_before(text: str, span: NameSpan, lang: str) -> bool:
    """A title stands right before the span (le président | ALIYEV)."""
    words = tokenize(text[max(0, span.start - 40):span.start], lang)
    cues = load_cues(lang)
    return bool(words) and any(cues.titles.match([w.key for w in words[k:]], 0) == len(words) - k
                               for k in range(max(0, len(words) - 4), len(words)))


def _initials(text: str, span: NameSpan) -> NameSpan | None:
    """Initials standing for a name (A.Y., M.B.) with their last dot; a lone abbreviation (Dr, No) is none."""
    if not _INITIALS.fullmatch(span.text) or not span.text[0].isupper():
        return None
    end = span.end + 1 if span.end < len(text) and text[span.end] == "." and not span.text.endswith(".") else span.end
    return NameSpan(span.start, end, text[span.start:end], "PER", span.normal, span.source, span.confidence)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'«“(\u00a0")
    return not before or before[-1] in ".!?…:;\n" or before.endswith(("—", "-"))


def _tr_compound(words: list[Token]) -> bool:
    """A Turkish noun compound (Emevi Camisi, Türk Lirası, Ceza Dairesi): the last word is a frequent noun with
    the compound's possessive ending, and not a name."""
    last = words[-1].text.lower()
    if words[-1].key in personal_names()[0]:
        return False
    if _tr_occupation(words[-1]):
        return True
    for ending in _TR_POSSESSIVE:
        stem = last[:-len(ending)]
        if last.endswith(ending) and len(stem) >= 3 and zipf(stem, "tr") >= 3.5 and zipf(last, "tr") >= 3.0:
            return True
    return False


def _tr_common_phrase(span: NameSpan, lower: "_Lower") -> bool:
    """A Turkish "organisation" of frequent words the text also writes in lower case, none of them a word that
    names a body (Bakanlığı, Dairesi, Partisi), a given name or a place: a common noun phrase (Özel Harekat)."""
    words = tokenize(span.text, "tr")
    cues = load_cues("tr")
    return len(words) > 1 and all(
        w.text.lower() in lower and zipf(w.text, "tr") >= PHRASE_COMMON and w.key not in _given_names("tr")
        and not cues.org_words.match_prefix(w.key, MAX_ENDING) and not place_names("tr").match([w.key], 0)
        for w in words)


def _tr_person_named(span: NameSpan) -> bool:
    """A Turkish "organisation" of two or three words that opens with a given name and holds no word naming a
    body, no acronym and no place is a person (Alican Uludağ)."""
    words = tokenize(span.text, "tr")
    cues = load_cues("tr")
    return 2 <= len(words) <= 3 and words[0].key in _given_names("tr") and not any(
        cues.org_words.match_prefix(w.key, MAX_ENDING) or w.text.isupper() or place_names("tr").match([w.key], 0)
        for w in words)


# Case, possessive and verb endings a Turkish common word takes glued on; a name takes them after an apostrophe.
_TR_ENDINGS = tuple(sorted((
    "ya", "ye", "a", "e", "yı", "yi", "yu", "yü", "da", "de", "ta", "te", "dan", "den", "tan", "ten", "nda", "nde",
    "ndan", "nden", "yla", "yle", "nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "ına", "ine", "una", "üne",
    "ene", "ana", "sanız", "seniz", "sam", "sem", "ayım", "eyim", "alım", "elim", "mış", "miş", "muş", "müş",
    "dı", "di", "du", "dü", "tı", "ti", "tu", "tü", "mak", "mek", "acak", "ecek"), key=len, reverse=True))
INFLECTED_STEM = 3.5      # a stem this frequent before a glued Turkish ending makes the word a common one


def _tr_inflected(word: str) -> bool:
    """A capitalised Turkish word that is a frequent word with an ending glued on (Dosyaya, Söze, Sorsanız)."""
    if any(c in word for c in APOSTROPHES):
        return False
    low = word.lower()
    for ending in _TR_ENDINGS:
        stem = low[:-len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and zipf(stem, "tr") >= INFLECTED_STEM \
                and zipf(stem, "tr") >= zipf(low, "tr"):
            return True
    return False


_TR_FIRST_PERSON = ("ayım", "eyim", "alım", "elim", "ıyorum", "iyorum", "uyorum", "üyorum", "acağım", "eceğim")


def _tr_of_place(word: str) -> bool:
    """A Turkish word for someone from a place (Ortadoğulu, Ankaralı): the place plus -lı/-li/-lu/-lü."""
    low = word.lower()
    return len(low) > 5 and low[-2:] in ("lı", "li", "lu", "lü") and place_names("tr").match([key(word[:-2])], 0) == 1


def _tr_inflected_plural(word: str) -> bool:
    """A Turkish common noun with its plural glued on (Teröristlerin): names take endings after an apostrophe."""
    low = word.lower()
    for m in re.finditer("l[ae]r", low):
        stem = low[:m.start()]
        if len(stem) >= TR_STEM_MIN and zipf(stem, "tr") >= PLURAL_STEM and stem[:1].isalpha():
            return True
    return False


def _tr_occupation(word: Token) -> bool:
    """A Turkish noun of occupation (Harekatçı, Harekatçılar): a frequent word plus -çı/-ci…, not a name."""
    low = re.sub(r"(lar|ler)$", "", word.text.lower().split("'")[0].split("\u2019")[0])
    return any(low.endswith(a) and zipf(low[:-2], "tr") >= 3.0 for a in ("çı", "çi", "çu", "çü", "cı", "ci", "cu", "cü")) \
        and word.key not in personal_names()[0]


def _arabic_person(words: list[Token], vouched: frozenset[str]) -> bool:
    """An Arabic "person" whose first word is a name word: not a definite common noun (الجيش، البلاد), a
    nisba (العراقي), a verb (ستعقد), a word with a pronoun ending (نظيره) or another frequent word, unless
    the document used it inside a longer name. A given name the list has opens a longer name (محمد، عبد)."""
    first = words[0]
    single = len(words) == 1
    if single and first.key in vouched:
        return True
    if len(first.text) < 3 or single and place_names("ar").match([first.key], 0):
        return False
    if single and not first.text.startswith("ال") and first.text.endswith("ي") \
            and first.key not in personal_names()[1] and zipf(first.text, "ar") >= ARABIC_ADJECTIVE:
        return False                            # قائد ميداني: an adjective after a title, not a name
    if not single and (first.key in personal_names()[1] or first.key == key("عبد")):
        return not first.text.startswith("ال") or zipf(first.text, "ar") < ARABIC_NISBA
    if not single and first.text.startswith("ال") and zipf(words[-1].text, "ar") < RARE_SURNAME:
        return True                             # الطيب البكوش, الباجي قائد السبسي: a rare family name ends it
    return not _common_arabic(first.text, first.key)


def _common_arabic(word: str, folded: str) -> bool:
    z = zipf(word, "ar")
    listed = folded in personal_names()[1]
    if z >= ARABIC_NAME_MAX or not listed and z >= ARABIC_COMMON:
        return True
    if word.startswith("ال"):
        nisba = word.endswith(("ي", "ية"))
        return z >= ARABIC_NISBA if nisba else not listed and z >= ARABIC_DEFINITE
    if listed:
        return _pronoun_ending(word)
    if word.startswith(("لل", "و", "ف")) or _ARABIC_VERB.match(word) and z >= VERB_MIN:
        return True
    return _pronoun_ending(word)


def _pronoun_ending(word: str) -> bool:
    """نظيره، خارجيته: a noun with a possessive pronoun glued on is no name."""
    for ending, stem_end in (("ته", "ة"), ("ه", ""), ("ها", ""), ("هم", "")):
        if word.endswith(ending) and zipf(word[:-len(ending)] + stem_end, "ar") >= ARABIC_DEFINITE:
            return True
    return False
