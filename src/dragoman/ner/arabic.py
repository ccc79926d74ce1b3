"""Names in Arabic text, which has no capitals: titles before people, construct-state organisation names,
place and facility cues, and the country list, all read through the clitics و ف ب ل ك and the article.

- A title (المشير، نائب وزير الدفاع، الناطق باسم …) is followed by up to three name words; modifiers
  (السابق) and nisba adjectives (الروسي) in between are skipped, and so is the organisation after
  "الناطق باسم". No name word may be a stop word or a cue word, and after the first, an unknown word
  with the article (المسماري) ends the name: more of them would be the noun phrase going on.
- An organisation head in the construct state (وزارة، قوات، مجموعة …) takes a chain of definite words
  (وزارة الدفاع الروسية) or one name and its adjectives (شركة فاغنر الروسية).
- A given name the name list has, no article, that is used far more often bare than with the article
  (محمد, سمير: names; أمل, كريم: words too), followed by another name word or a rare word, opens a person's
  name without any title (وقال فرج أقعيم: after a speech verb any listed given name will do). The guards
  (`guards.py`) then cut the name before its first non-name word.
- مدينة/منطقة … name a place (the cue stays out of the span); قاعدة/مطار/ميناء name a facility, cue
  included, with an optional adjective (قاعدة الجفرة الجوية).
"""

from __future__ import annotations

import re

from .aliases import CONFIDENCE as ALIAS_CONFIDENCE
from .arabic_places import common_word, proper_definite
from .cues import Cues
from .cues import load as load_cues
from .lexicons import personal_names, place_names
from .spans import NameSpan, make
from .tokens import Token, key, tokenize

ARTICLE = key("ال")
MAX_NAME = 3          # name words after a title (connectors not counted)
MAX_CHAIN = 3         # definite words after an organisation head
_PROCLITICS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_ABD = key("عبد")
_SPOKESPERSON = key("باسم")
_CLITICS = ("و", "ف", "ب", "ل", "ك")
PREPOSITION_WORD = 3.0   # ل/ب before a word this frequent after a title is a preposition (لإقناع), not a name
_NISBA = (key("ي"), key("ية"))
NAME_BARE_GAIN = 0.9    # Zipf of the bare word above its form with the article: a given name, not a noun
NAME_SECOND_RARE = 3.0  # an unlisted word after a given name this rare is a family name (أقعيم، مكتبي)
NAME_SECOND_MAX = 4.8   # a listed word after a given name must be rarer than this (حق, ناصر is fine)
NAME_SECOND_DEFINITE = 4.0  # a definite word after a given name this frequent is a noun (الأسبوع), not الجبير
CLITIC_REST = 3.3        # …when the word behind the clitic is this frequent
NAME_FEMININE_MAX = 4.0  # a listed word ending in ة this frequent is a noun (أهمية), rarer a name (مروة)
_SPEECH = frozenset(key(w) for w in ("قال", "وقال", "قالت", "وقالت", "أضاف", "وأضاف", "أكد", "وأكد", "أوضح",
                                     "وأوضح", "صرح", "وصرح", "ذكر", "وذكر", "أعلن", "وأعلن", "أشار", "وأشار"))
_OF_THE, _AND_THE, _OF = key("لل"), key("وال"), key("ل")
_DIN = key("الدين")     # صلاح الدين, نور الدين: the second half of a compound given name
_ALA = "على"     # على written with alef maqsura: the preposition, never the name علي
# First words of two-word place names (أم درمان، عين الأسد، رأس لانوف): after a place or facility cue the next
# word belongs to the name too.
_PLACE_OPENERS = frozenset(key(w) for w in ("أم", "أبو", "عين", "رأس", "بئر", "تل", "جبل", "وادي", "دير", "كفر",
                                             "بني", "بيت", "خان", "مرج", "سيدي", "شرم", "ذي", "جسر", "حي"))
OF_PHRASE_CONFIDENCE = ALIAS_CONFIDENCE   # a tie with a term-base alias: the longer span wins, the alias keeps
#                                          the same extent (and its link)
CONSTRUCT_NOUN = 3.5    # a bare word this frequent after an organisation head is a noun in construct
_DUAL = key("تي")      # مدينتي، منطقتي: the dual cue names two places, the second after و


def readings(word: str) -> list[tuple[str, int]]:
    """(folded word, letters of clitics skipped): as written, then without و/ف, then ب/ل/ك (لل -> ال)."""
    out = [(word, 0)]
    starts = [0] + ([1] if word[:1] in _PROCLITICS and len(word) > 3 else [])
    for c in starts:
        if c:
            out.append((word[c:], c))
        if word[c:c + 1] in _PREPOSITIONS and len(word) - c > 3:
            rest = word[c + 1:]
            out.append((rest, c + 1))
            if word[c] == "ل" and rest[:1] == "ل":
                out.append((ARTICLE + rest[1:], c + 1))   # للمشير = ل + المشير
    return out


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text
        self.cues: Cues = load_cues("ar")
        self.tokens: list[Token] = tokenize(text)
        self.keys = [t.key for t in self.tokens]
        self.names = personal_names()[1]

    def joined(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by white space only (no punctuation)."""
        return not self.text[self.tokens[a].end:self.tokens[b].start].strip()

    def cue(self, phrases, i: int) -> tuple[int, int]:
        """(tokens, clitic letters) of the longest phrase starting at token i, read through clitics."""
        best = (0, 0)
        for reading, skip in readings(self.keys[i]):
            n = phrases.match(self.keys, i, first=reading)
            if n > best[0]:
                best = (n, skip)
        return best

    def is_stop(self, i: int) -> bool:
        c = self.cues
        word = self.keys[i]
        if word[:1] in _CLITICS and word[1:] in c.stop:
            return True                          # بأن، وقد: a stop word behind a one-letter clitic
        return any(r in c.stop for r, _ in readings(word)) or self.tokens[i].text[0].isdigit()

    def is_cue(self, i: int) -> bool:
        c = self.cues
        return any(self.cue(p, i)[0] for p in (c.titles, c.org_heads, c.loc_heads, c.facility_heads))

    def skip_modifiers(self, j: int) -> int:
        """Past the modifiers and nisba adjectives after a title: الرئيس السنغالي ماكي سال."""
        c, n = self.cues, len(self.keys)
        while j < n and self.joined(j - 1, j):
            word = self.keys[j]
            nisba = (word.startswith(ARTICLE) and word.endswith(_NISBA) and j + 1 < n and self.joined(j, j + 1)
                     and not self.is_stop(j + 1) and not self.is_cue(j + 1))
            if not (word in c.title_modifiers or word in c.demonyms or nisba):
                break
            j += 1
        return j


def _name_after(doc: _Doc, j: int) -> int:
    """Index after the last name word starting at token j (j itself when there is no name)."""
    c, n = doc.cues, len(doc.keys)
    end, words, after_connector = j, 0, False
    k = j
    while k < n and words < MAX_NAME and (k == j or doc.joined(k - 1, k)):
        word = doc.keys[k]
        if doc.is_stop(k) or doc.is_cue(k) or word in c.demonyms or word in c.title_modifiers:
            break
        if word in c.connectors:
            after_connector = True
            k += 1
            continue
        words += 1
        k += 1
        end = k
        if k - 1 > j and not after_connector and word.startswith(ARTICLE) and word not in doc.names:
            break      # one unknown word with the article may close a name (الدبيبة), none may follow it
        after_connector = False
    return end


def _org_after(doc: _Doc, j: int) -> int:
    """Index after the organisation words following a head at j-1 (j when there are none)."""
    c, n = doc.cues, len(doc.keys)
    if j >= n or not doc.joined(j - 1, j) or doc.is_stop(j) or doc.is_cue(j):
        return j
    k = j
    definite_head = doc.keys[j - 1].startswith(ARTICLE)
    if not doc.keys[j].startswith(ARTICLE):      # a name: قوات حفتر, شركة فاغنر
        if definite_head:
            return j                             # المرصد | ومقره: a definite head takes no bare name
        k = j + 1
        if k < n and doc.joined(j, k) and place_names("ar").match(doc.keys, k):
            return k + 1                         # حزب نداء تونس: a party named after its country
        if k < n and doc.joined(j, k) and _zipf(doc.tokens[j].text) >= CONSTRUCT_NOUN \
                and proper_definite(doc.tokens[k].text) and not doc.is_cue(k):
            return k + 1                         # قيادة عمليات الأنبار: a noun in construct, then a name
    while k < n and k - j < MAX_CHAIN and doc.joined(k - 1, k) and doc.keys[k].startswith(ARTICLE) \
            and not doc.is_stop(k) and not doc.is_cue(k):
        if k > j and not doc.keys[j].startswith(ARTICLE) and doc.keys[k] not in c.demonyms:
            break                                  # after a name only adjectives follow
        k += 1
    if k > j and k < n and doc.joined(k - 1, k) and doc.keys[j].startswith(ARTICLE) and not doc.is_cue(k):
        word = doc.keys[k]
        if word.startswith(_OF_THE) and len(word) > 4:
            k += 1                                 # المنظمة الدولية | للهجرة
        elif word.startswith(_AND_THE) and len(word) > 4 and not doc.is_cue(k) and not definite_head and k == j + 1:
            k += 1                                 # حزب العدالة | والتنمية
        elif word.startswith(_OF) and not word.startswith(ARTICLE) and k + 1 < n and doc.joined(k, k + 1) \
                and doc.keys[k + 1].startswith(ARTICLE) and not doc.is_stop(k + 1) and not doc.is_cue(k + 1):
            k += 2                                 # المرصد السوري | لحقوق الإنسان
    return k


def _place_words(doc: _Doc, j: int) -> int:
    """Index after the place name starting at j: one word, two when it opens a compound (أم درمان)."""
    if doc.keys[j] in _PLACE_OPENERS and j + 1 < len(doc.keys) and doc.joined(j, j + 1) \
            and not doc.is_stop(j + 1) and not doc.is_cue(j + 1):
        return j + 2
    return j + 1


def _zipf(word: str) -> float:
    from .guards import zipf
    return zipf(word, "ar")


def _given_name(doc: _Doc, i: int) -> tuple[int, int] | None:
    """(clitic letters, end index) of a person's name opened by a given name at token i, without a title."""
    text = doc.tokens[i].text
    if doc.is_stop(i):
        return None
    for reading, skip in readings(doc.keys[i]):
        if skip and text[skip - 1] not in _PROCLITICS:
            continue                           # بمحمد, لخالد: a preposition, rarely before a name
        word = text[skip:]
        if reading not in doc.names or reading.startswith(ARTICLE) or word == _ALA or len(word) < 3:
            continue
        cued = i > 0 and doc.keys[i - 1] in _SPEECH and doc.joined(i - 1, i)
        z = _zipf(word)
        if not cued and z - _zipf("ال" + word) < NAME_BARE_GAIN:
            continue
        j = i + 1
        if j >= len(doc.keys) or not doc.joined(i, j) or doc.is_stop(j) or doc.is_cue(j):
            return None
        nxt = doc.tokens[j].text
        z2 = _zipf(nxt)
        if doc.keys[j] in doc.cues.connectors or doc.keys[j] == _DIN:
            z2 = 0.0                             # بن، دي، الدين: inside a name whatever their frequency
        listed = doc.keys[j] in doc.names or doc.keys[j] in doc.cues.connectors or doc.keys[j] == _DIN
        if doc.keys[j].startswith(ARTICLE) and doc.keys[j] != _DIN and z2 >= NAME_SECOND_DEFINITE:
            return None                        # شهد الأسبوع: a frequent definite word is the noun phrase
        feminine_noun = nxt.endswith("ة") and z2 >= NAME_FEMININE_MAX          # أهمية, not مروة
        family = nxt.startswith("ال") and nxt.endswith("ي") and z2 < NAME_SECOND_DEFINITE     # الزعبي
        if not (listed and z2 < NAME_SECOND_MAX and not feminine_noun or not listed and (z2 < NAME_SECOND_RARE or family)):
            return None
        if nxt[0] in "وفبلك" and not listed and _zipf(nxt[1:]) >= CLITIC_REST:
            return None                        # وجعله، بحضور: a clitic-led word is no family name (فوسي is)
        end = _name_after(doc, j)
        for k in range(j + 1, end):
            if doc.tokens[k].text[0] == "\u0648" and doc.keys[k] not in doc.names:
                return skip, k                 # هشام مروة | ومصطفى أوسو: the next name of a list
        return skip, end
    return None


_OPENERS = {"«": "»", "(": ")", "\"": "\"", "“": "”"}
QUOTED_SOURCE = "rules:quoted-name"
QUOTED_CONFIDENCE = 0.92   # above a place: ولاية («سيناء») is the group, not the peninsula
MAX_QUOTED = 6          # words of a quoted name after an organisation head


def _quoted_after(doc: _Doc, h: int) -> NameSpan | None:
    """The name in quotes or brackets right after an organisation head: جماعة («ولاية سيناء»), ومنظمة «أنقذوا
    الأطفال»: whatever the words, the writer marked them as the organisation's name."""
    text = doc.text
    at = doc.tokens[h].end
    while at < len(text) and text[at] in " («\"“":
        at += 1
    gap = text[doc.tokens[h].end:at]
    opener = next((c for c in gap if c in _OPENERS), None)
    if opener is None or "\n" in gap:
        return None
    closer = "»" if "«" in gap else _OPENERS[opener]
    end = text.find(closer, at)
    if end < 0 or end == at or len(text[at:end].split()) > MAX_QUOTED or any(c in text[at:end] for c in ".\n،,:"):
        return None
    return make(text, at, end, "ORG", QUOTED_SOURCE, QUOTED_CONFIDENCE)


# «…» right after لـ, told to or quoted from: قال لـ«الشرق الأوسط», نقلا لـ«رويترز»: the outlet
_TOLD_TO = re.compile(r"(?<![\w\u0640])(?:ل\u0640?|ل\s)\s?«([^«»\n.،,:]{2,40})»")
_TOLD_CUES = frozenset(key(w) for w in ("حديث", "حوار", "تصريح", "تصريحات", "مقابلة", "وفقا", "وفقاً", "نقلا",
                                        "نقلاً", "بيان"))
TOLD_WINDOW = 6           # words between the speech verb or noun and لـ«
MAX_TOLD = 3              # words of the outlet's name


def _told_to(doc: _Doc) -> list[NameSpan]:
    """The outlet in «…» a statement was made to: «قال العبيدي لـ«الشرق الأوسط» إن…»."""
    out = []
    for m in _TOLD_TO.finditer(doc.text):
        if len(m.group(1).split()) > MAX_TOLD:
            continue
        before = [key(w) for w in re.findall(r"[\w\u0640]+", doc.text[max(0, m.start() - 80):m.start()])]
        if any(w in _SPEECH or w in _TOLD_CUES for w in before[-TOLD_WINDOW:]):
            out.append(make(doc.text, m.start(1), m.end(1), "ORG", "rules:told-to", QUOTED_CONFIDENCE))
    return [s for s in out if s is not None]


def _span(doc: _Doc, a: int, skip: int, b: int, label: str, rule: str, conf: float) -> NameSpan | None:
    return make(doc.text, doc.tokens[a].start + skip, doc.tokens[b - 1].end, label, f"rules:{rule}", conf)


def recognise(text: str) -> list[NameSpan]:
    """Candidate names in Arabic `text` (they may overlap; the caller resolves)."""
    doc = _Doc(text)
    c, keys = doc.cues, doc.keys
    places = place_names("ar")
    out: list[NameSpan | None] = []
    for i in range(len(keys)):
        for phrases, conf in ((c.titles, 0.8), (c.person_cues, 0.65)):
            n, _ = doc.cue(phrases, i)
            if not n:
                continue
            j = doc.skip_modifiers(i + n)
            if keys[i + n - 1] == _SPOKESPERSON and j < len(keys):   # الناطق باسم الجيش الليبي أحمد …
                h, _ = doc.cue(c.org_heads, j)
                j = doc.skip_modifiers(_org_after(doc, j + h))
            end = _name_after(doc, j)
            if end > j and doc.tokens[j].text[0] in _PREPOSITIONS and doc.keys[j] not in doc.names \
                    and _zipf(doc.tokens[j].text[1:]) >= PREPOSITION_WORD:
                end = j                              # وزير الدفاع | لإقناع الحكومة: a preposition, no name
            if end > j:
                out.append(_span(doc, j, 0, end, "PER", "title", conf))
            break
        n, skip = doc.cue(c.org_heads, i)
        if n:
            end = _org_after(doc, i + n)
            if end > i + n:
                # وكالة الأمم المتحدة لشؤون اللاجئين: a name that runs on past a known one (الأمم المتحدة) with
                # its "of" phrase is the fuller name, as sure as the alias inside it
                conf = OF_PHRASE_CONFIDENCE if end - (i + n) >= 3 and any(
                    doc.tokens[k].text.startswith(("ل", "لل")) and not keys[k].startswith(ARTICLE)
                    for k in range(i + n + 1, end)) else 0.7
                out.append(_span(doc, i, skip, end, "ORG", "org-head", conf))
            quoted = _quoted_after(doc, i + n - 1)
            if quoted is not None:
                out.append(quoted)
        n, _ = doc.cue(c.loc_heads, i)
        if n and i + n < len(keys) and doc.joined(i + n - 1, i + n) and not doc.is_stop(i + n) \
                and not doc.is_cue(i + n) and (keys[i + n] in _PLACE_OPENERS or not common_word(doc.tokens[i + n].text)):
            # منطقة آمنة، حي ساحلي: a common word or adjective after the cue names no place
            end = _place_words(doc, i + n)
            out.append(_span(doc, i + n, 0, end, "LOC", "place-cue", 0.7))
            if keys[i + n - 1].endswith(_DUAL) and end < len(keys) and doc.joined(end - 1, end) \
                    and doc.tokens[end].text[0] == "و" and len(doc.tokens[end].text) > 3 and not doc.is_stop(end):
                out.append(_span(doc, end, 1, _place_words(doc, end), "LOC", "place-cue", 0.7))  # مدينتي مارع | وجرابلس
        n, skip = doc.cue(c.facility_heads, i)
        j = i + n
        if n and j < len(keys) and doc.joined(j - 1, j) and not doc.is_stop(j) and keys[j] not in c.facility_tails \
                and keys[j] not in c.demonyms \
                and (keys[j] in _PLACE_OPENERS or not common_word(doc.tokens[j].text)):   # قاعدة أميركية
            end = _place_words(doc, j)
            if end < len(keys) and keys[end] in c.facility_tails and doc.joined(j, end):
                end += 1
            out.append(_span(doc, i, skip, end, "LOC", "facility-cue", 0.75))
        if keys[i] == _ABD and i + 1 < len(keys) and keys[i + 1].startswith(ARTICLE) and doc.joined(i, i + 1):
            start = i - 1 if i and keys[i - 1] in doc.names and doc.joined(i - 1, i) and not doc.is_stop(i - 1) \
                else i
            out.append(_span(doc, start, 0, _name_after(doc, i + 2) if i + 2 < len(keys) else i + 2,
                             "PER", "abd-name", 0.6))
        named = _given_name(doc, i)
        if named:
            out.append(_span(doc, i, named[0], named[1], "PER", "given-name", 0.55))
        for reading, skip in readings(keys[i]):
            n = places.match(keys, i, first=reading)
            if n:
                out.append(_span(doc, i, skip, i + n, "LOC", "places", 0.7))
                break
    out.extend(_told_to(doc))
    return [s for s in out if s is not None]
