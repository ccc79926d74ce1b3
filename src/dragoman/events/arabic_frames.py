"""Two Arabic clause frames the word-order rules of `arabic.py` leave open (`multilingual.py` calls them):

- the nominal sentence whose subject no rule can name: "الملك سلمان يلتقي الرئيس الأمريكي باراك أوباما", a
  headline whose subject is a name the recogniser missed. Words opening the clause before the verb are its
  subject, so the name after the verb is its object, never its actor;
- a visit told by its noun: "زيارة وزير الخارجية السعودي عادل الجبير إلى موسكو": the person in the noun's
  genitive (titles between) visits, the place after إلى is visited.

Words are compared folded (`participants.fold`)."""

from __future__ import annotations

import re

from .arabic import definite, object_head, pointing_back, time_word
from .participants import Name, can_act, fold

_PUNCT = ".،,؛:!?؟«»\"()\n"
# Words that may open a clause before a verb without being its subject: particles, complementisers, time
# words, relative pronouns, prepositions (a phrase they head is an adverbial, not a subject).
_NOT_SUBJECT = frozenset(fold(w)[0] for w in (
    "قد", "لقد", "وقد", "فقد", "كما", "ثم", "لم", "لن", "ما", "لا", "سوف", "ان", "إن", "أن", "بان", "وان", "لكن",
    "ولكن", "بينما", "فيما", "حيث", "اذ", "عندما", "حين", "بعدما", "كان", "وكان", "كانت", "وكانت", "امس", "اليوم",
    "غدا", "الان", "ايضا", "وايضا", "في", "وفي", "من", "على", "الى", "عن", "مع", "بعد", "قبل", "خلال", "منذ",
    "عند", "الذي", "التي", "الذين", "هل", "لماذا", "كيف", "متى", "اين", "و", "ف", "او", "أو", "يوم", "مساء",
    "صباح", "ليل", "هذا", "هذه", "وهذا", "وهذه", "ذلك", "تلك"))


_COMPLEMENTISERS = frozenset(fold(w)[0] for w in ("إن", "أن", "بأن", "وإن", "وأن", "فإن", "لأن"))


def subject_before(text: str, verb_start: int) -> bool:
    """Whether one to four words that open their clause stand right before the verb and may be its subject:
    no particle, preposition, time word or demonstrative among them, no clitic preposition (بـ، لـ) on the first."""
    left = text[:verb_start]
    cut = max(left.rfind(p) for p in _PUNCT)
    words = left[cut + 1:].split()
    # "قالت الخارجية إن جون كيري سيلتقي …": the clause opens after إن/أن
    opener = max((i for i, w in enumerate(words) if fold(w)[0] in _COMPLEMENTISERS), default=-1)
    words = words[opener + 1:]
    if not 1 <= len(words) <= 4:
        return False
    folded = [fold(w)[0] for w in words]
    if any(w in _NOT_SUBJECT or time_word(w) for w in folded) or folded[0][:1] in ("\u0628", "\u0644") and not definite(folded[0]):
        return False                 # "بعد …", "لدى …": a phrase before the verb that is no subject
    return not any(w.isdigit() for w in folded)


_VISIT_NOUNS = ("زياره", "زيارات")
_TO = re.compile(r"(?:^|\s)(?:الي|ل)\s*$")        # folded إلى، لـ, right before the place


def visit_roles(text: str, noun_end: int, names: list[Name]) -> tuple[Name, Name] | None:
    """"زيارة الوزير X إلى موسكو": (visitor, place visited) when the noun's genitive is a person or organisation
    (titles between) and a place follows it after إلى; else None (a place right after the noun is the
    destination, "زيارة موسكو", and who visits is not told)."""
    after = [n for n in names if n.mention.start >= noun_end]
    if not after:
        return None
    visitor = after[0]
    inner = fold(text[noun_end:visitor.mention.start])[0].split()
    if visitor.mention.label not in ("PER", "ORG") or not can_act(visitor) or visitor.place or \
            len(inner) > 5 or not all(object_head(w) for w in inner) or any(c in text[noun_end:visitor.mention.start]
                                                                           for c in _PUNCT):
        return None
    rest = after[1:2]
    if not rest or rest[0].mention.label != "LOC":
        return None
    # "زيارة عادل الجبير وزير الخارجية السعودي إلى موسكو": a title in apposition may stand before إلى
    gap = fold(text[visitor.mention.end:rest[0].mention.start])[0]
    to = _TO.search(gap)
    if to is None or gap[to.end():].strip() or any(c in gap for c in _PUNCT) or \
            not all(object_head(w) for w in gap[:to.start()].split()) or len(gap[:to.start()].split()) > 5:
        return None
    return visitor, rest[0]


def visit_noun(form: str) -> bool:
    return fold(form)[0].startswith(_VISIT_NOUNS)


# Subject endings of a verb in the plural or dual: "اجتمعوا", "التقيا", "يناقشان", "يبحثون", "التقتا".
_PLURAL_ENDINGS = ("\u0648\u0627", "\u0627", "\u0627\u0646", "\u0648\u0646", "\u062a\u0627")      # وا ا ان ون تا


def plural_verb(word: str, form: str) -> bool:
    """Whether a verb (its folded word, and the lexicon form it matched) agrees with a plural or dual subject.
    A verb that comes before its subject stays singular ("اجتمع الوزيران"), so a plural or dual verb has its
    subject before it or in itself ("الوزيران سوف يناقشان الإمكانيات"): the phrase after it is its object."""
    stem = fold(form.split()[0])[0]
    at = word.find(stem)
    if at < 0:
        return False
    rest = word[at + len(stem):]
    return rest in _PLURAL_ENDINGS


# Verbal nouns of acts done to someone: their genitive is the one it is done to ("مقتل البغدادي", "اعتقال
# مرسي", "تم اغتيال X"), never who does it; who does it comes only after an agent marker ("على يد", "من قبل").
# (Only forms that are nouns alone: خطف and طرد are verbs too.)
_PATIENT_NOUNS = frozenset(fold(w)[0] for w in ("مقتل", "اغتيال", "اعتقال", "اعتقالات", "اختطاف", "اعدام", "احتجاز",
                                                "اصابه", "استهداف", "توقيف", "القاء القبض", "ترحيل"))


def patient_noun(form: str) -> bool:
    return fold(form)[0] in _PATIENT_NOUNS


def patient_after(text: str, noun_end: int, names: list[Name]) -> Name | None:
    """The person or organisation in the noun's genitive, titles between ("اعتقال الناشط X")."""
    after = [n for n in names if n.mention.start >= noun_end and not n.place]
    if not after or after[0].mention.label not in ("PER", "ORG"):
        return None
    gap = text[noun_end:after[0].mention.start]
    inner = fold(gap)[0].split()
    if len(inner) > 4 or any(c in gap for c in _PUNCT) or not all(object_head(w) for w in inner):
        return None
    return after[0]


# Light verbs that carry an event noun ("قام X بزيارة إلى Y", "عقد X اجتماعا مع Y", "أجرى X محادثات مع Y",
# "شن X غارات على Y"): the light verb's subject does the act the noun names.
_LIGHT_VERBS = frozenset(fold(w)[0] for stem in ("قام", "قامت", "يقوم", "تقوم", "اجرى", "اجرت", "يجري", "تجري",
                                                  "عقد", "عقدت", "يعقد", "تعقد", "شن", "شنت", "يشن", "تشن", "نفذ",
                                                  "نفذت", "ينفذ", "تنفذ", "بدا", "بدات", "يبدا", "تبدا")
                         for w in (stem, "و" + stem, "ف" + stem))


def light_verb_roles(text: str, noun_start: int, noun_end: int, names: list[Name]) -> tuple[Name, Name | None] | None:
    """(actor, target) of an event noun carried by a light verb before it in the same clause: the actor is the
    person or organisation right after the light verb (titles between, nothing else), the target the name
    marked by a preposition right after the noun (or the place after إلى). None where the frame is not clear."""
    left = text[max(0, noun_start - 120):noun_start]
    cut = max(left.rfind(p) for p in _PUNCT)
    tokens = list(re.finditer(r"\S+", left[cut + 1:]))
    base = noun_start - len(left) + cut + 1
    light = next((t for t in reversed(tokens) if fold(t.group(0))[0] in _LIGHT_VERBS), None)
    if light is None:
        return None
    verb_end = base + light.end()
    inside = [n for n in names if verb_end <= n.mention.start and n.mention.end <= noun_start]
    if not inside or inside[0].mention.label not in ("PER", "ORG") or inside[0].place or not can_act(inside[0]):
        return None
    actor = inside[0]
    for gap in (text[verb_end:actor.mention.start], text[actor.mention.end:noun_start]):
        words = fold(gap)[0].split()
        if len(words) > 5 or not all(object_head(w) for w in words):
            return None              # other words between: the noun is not this verb's object
    after = next((n for n in names if n.mention.start >= noun_end), None)
    if after is None or after.place or len(fold(text[noun_end:after.mention.start])[0].split()) > 4 or \
            any(c in text[noun_end:after.mention.start] for c in _PUNCT):
        return actor, None
    return actor, (after if after.marked or (after.mention.label == "LOC" and _TO.search(
        fold(text[noun_end:after.mention.start])[0])) else None)


# Verbs and nouns of discussion: their direct object is a topic ("ناقش الجانبان العلاقات الثنائية", "بحث الوزير
# مستجدات الأوضاع"), never a party; the party is after مع.
_DISCUSSION = tuple(fold(w)[0] for w in ("ناقش", "يناقش", "تناقش", "بحث", "يبحث", "تبحث", "تباحث", "يتباحث",
                                          "للتباحث", "مباحثات", "محادثات", "مشاورات", "مفاوضات"))


def discussion(form: str) -> bool:
    return fold(form.split()[0])[0].startswith(_DISCUSSION)


# Nouns that complete the verb's own act, so its preposition is the act's ("استعادت القوات السيطرة على X",
# "أطلق الجنود النار على X").
_COMPLETING = ("سيطر", "نار")


def behind_act_noun(text: str, trigger_end: int, target: Name | None, names: list[Name]) -> bool:
    """Whether a target marked by a preposition stands behind a noun of another act or topic after the trigger
    ("سترفض الحكومة أي حوار مع الحوثيين", "ندد الأمين العام بالهجوم على المدنيين"): the preposition belongs to
    that noun, so the name is no participant of the trigger's act. Words inside names ("مجلس التعاون") don't count."""
    if target is None or not target.marked or target.mention.start < trigger_end:
        return False
    gap = text[trigger_end:target.mention.start]
    if any(c in gap for c in _PUNCT):
        return False
    for match in re.finditer(r"\S+", gap):
        at = trigger_end + match.start()
        if any(n.mention.start <= at < n.mention.end for n in names):
            continue
        word = fold(match.group(0))[0]
        if word.startswith("\u0648"):
            continue                 # "بوقف القصف وهجوم القوات على الفلوجة": a noun joined to the trigger shares it
        core = re.sub(r"^(?:[بلك])?(?:ال)?", "", word) if len(word) > 4 else word
        if pointing_back("ال" + core) and not core.startswith(_COMPLETING):
            return True
    return False


# Nouns of armed acts: a name joined to them by لـ is whose act it is ("قصف للحوثيين", "هجوم لتنظيم داعش"),
# not what it is aimed at.
def owner_after_noun(text: str, noun_end: int, target: Name | None) -> bool:
    """Whether the target of an attack noun is the name joined to it by لـ right after it (its owner)."""
    if target is None or target.mention.start < noun_end:
        return False
    token_start = text.rfind(" ", noun_end, target.mention.start + 1) + 1 or noun_end
    if text[noun_end:token_start].strip():
        return False                 # another word between: not the noun's own genitive
    token = fold(text[token_start:target.mention.end].split()[0] if text[token_start:target.mention.end].split()
                 else "")[0]
    return token.startswith(("\u0644", "\u0648\u0644")) and not token.startswith("\u0627\u0644")
