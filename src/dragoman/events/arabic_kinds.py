"""What kind of act an Arabic sentence tells, beside its trigger word: a killing by military means (FIGHT) or
by a bomb or an execution (ASSAULT), an attack on a hotel or with a knife (ASSAULT), an attack in words
(DISAPPROVE), an aim (استهدف) with no armed force told. Words are compared folded, like `arabic.py`."""

from __future__ import annotations

import re

from .arabic import bare
from .participants import WORD, fold

# Killing by conventional military force (warplanes, shelling, battles, the army) is FIGHT in PLOVER;
# a bomb, a suicide attack or an execution stays ASSAULT.
_COMBAT = ("مقاتله", "طائره", "طائرات", "الطيران", "غاره", "غارات", "قصف", "مدفعي", "مدفعيه", "اشتباك",
           "معارك", "معركه", "مواجهات", "الجيش", "القوات", "قوات")
_UNCONVENTIONAL = ("انفجار", "تفجير", "عبوه", "مفخخ", "انتحاري", "قنبله", "اعدام", "اعدم", "ذبح", "اغتيال")


def combat_killing(folded_clause: str) -> bool:
    """Whether a killing told in this (folded) clause was done by military means, not by a bomb or an
    execution: "قتلوا حينما سقطت مقاتلة", "يقول الجيش إنه قتل …" against "قتل … في انفجار قنبلة"."""
    words = WORD.findall(folded_clause)
    cores = [bare(w) for w in words]

    def has(cues: tuple[str, ...]) -> bool:
        return any(w.startswith(cues) or b.startswith(cues) for w, b in zip(words, cores))

    return has(_COMBAT) and not has(_UNCONVENTIONAL)


# Fighters of an armed side: a killing of them, told with no bomb or execution, is combat ("مقتل قيادي من حزب
# الله", "مقتل عناصر من داعش"); victims without a side named ("مقتل خمسة عسكريين", "12 شخصا") stay as told.
_FIGHTERS = ("قيادي", "قياديين", "قائد", "عناصر", "عنصر", "مقاتل", "مسلح", "جنود", "جندي", "افراد")
_SIDES = ("حزب", "تنظيم", "داعش", "جبه", "قوات", "الجيش", "جيش", "ميليشي", "مليشي", "كتائب", "فصائل", "فصيل",
          "المعارضه", "النظام", "الحوثي", "النصره", "الحشد")
_KILLINGS = ("قتل", "مقتل", "يقتل", "تقتل")


def fighters_killed(folded: str, start: int, end: int) -> bool:
    """Whether a killing trigger at [start, end) of the folded sentence is told of fighters of a named armed
    side, in the words right after it (or before a passive "قتلوا"), and no bomb or execution is told."""
    word = WORD.match(folded, start)
    if word is None or not bare(word.group(0)).startswith(_KILLINGS) and \
            not word.group(0).lstrip("\u0648\u0641\u0644\u0628").startswith(_KILLINGS):
        return False
    words = WORD.findall(folded)
    if any(w.startswith(_UNCONVENTIONAL) or bare(w).startswith(_UNCONVENTIONAL) for w in words) or \
            any(_AR_PRIMITIVE.match(w) for w in words):
        return False
    near = WORD.findall(folded[end:end + 60])[:6] + WORD.findall(folded[max(0, start - 60):start])[-6:]
    cores = [bare(w) for w in near]
    fighters = [i for i, c in enumerate(cores) if c.startswith(_FIGHTERS) or near[i].startswith(_FIGHTERS)]
    return any(c.startswith(_SIDES) or near[j].startswith(_SIDES)
               for i in fighters for j, c in enumerate(cores) if i < j <= i + 4)


# Attacks whose target or name tells unconventional violence ("الهجوم الإرهابي", "هجوم على فندق"): ASSAULT.
_AR_ATTACKS = ("هجوم", "هجمات", "هاجم", "يهاجم", "اقتحم", "يقتحم", "اقتحام", "استهدف", "يستهدف", "تستهدف")
_AR_CIVILIAN = tuple(fold(w)[0] for w in ("فندق", "مطعم", "سوق", "اسواق", "مسجد", "كنيس", "مدرس", "مستشفى", "حافل",
                                          "مقهى", "ملهى", "سفار", "منزل", "منازل", "كاتدرائي"))


# "هاجم الجنود بسيارته", "بسكين": a car, a knife or an axe as the weapon (ramming, stabbing) is no war either.
_AR_PRIMITIVE = re.compile(r"^[وف]?ب(?:ال)?(?:سكين|سكاكين|ساطور|فاس|سيارته|سيارتها|سياره\b|حجار)")


# Who attacks as gunmen, terrorists, suicide bombers or unknown assailants: unconventional violence.
_IRREGULARS = tuple(fold(w)[0] for w in ("مسلح", "المسلح", "المهاجم", "مهاجم", "ارهابي", "الارهابي", "انتحاري",
                                         "الانتحاري", "مجهول", "المجهول"))


def terror_attack(folded: str, start: int, end: int) -> bool:
    """An attack trigger (or opening fire) at [start, end) of the folded sentence that gunmen or attackers do, or
    that the next words call terrorist, aim at a civilian place (a hotel, market, mosque, school, embassy) or make
    with a car or a knife: PLOVER ASSAULT, not war between forces."""
    word = bare(WORD.match(folded, start).group(0)) if WORD.match(folded, start) else ""
    firing = word.startswith(("اطلق", "فتح")) and "النار" in folded[start:end]     # "أطلقوا النار"
    if not word.startswith(_AR_ATTACKS) and not folded[start:end].startswith(_AR_ATTACKS) and not firing:
        return False
    after = WORD.findall(folded[end:end + 80])[:6]
    # the subject right before the verb or right after it ("المهاجمين اقتحموا", "هاجم مسلحون"), not a genitive
    # further on ("استهدف الطيران مواقع المسلحين")
    near = WORD.findall(folded[max(0, start - 40):start])[-2:] + after[:1]
    if any((w.startswith(_IRREGULARS) or bare(w).startswith(_IRREGULARS))
           and not (i and re.search("قو(?:ات|ه)$", near[i - 1]))    # "القوات المسلحة", "للقوات المسلحة"
           for i, w in enumerate(near) if i >= len(near) - len(after[:1]) - 1):
        return True                  # gunmen, attackers, a suicide bomber: not an army
    return bool(after) and (bare(after[0]).startswith("ارهاب") or any(
        w.startswith(_AR_CIVILIAN) or bare(w).startswith(_AR_CIVILIAN)    # فندق: ف is no clitic there
        or _AR_PRIMITIVE.match(w) for w in after))


# A clause that tells armed force: without it "استهدف" is only "aimed at" ("المحكمة تستهدف القادة الأفارقة").
_AR_ARMED = _COMBAT + _UNCONVENTIONAL + ("صاروخ", "صواريخ", "قذيف", "مدفع", "رصاص", "مسلح", "مقاتل", "عسكري",
                                        "جنود", "طيران", "داعش", "تنظيم", "ميليشي", "مليشي", "كتائب", "فصائل")


def armed_clause(folded_clause: str) -> bool:
    words = WORD.findall(folded_clause)
    return any(w.startswith(_AR_ARMED) or bare(w).startswith(_AR_ARMED) for w in words)


# Killing and wounding tell force too; speech words tell a verbal attack ("شن هجوما حادا على الحكومة في كلمة").
_AR_HARM = tuple(fold(w)[0] for w in ("قتل", "مقتل", "قتلى", "قتيل", "مصرع", "جرحى", "جريح", "اصاب", "اصيب", "دمر"))
_AR_SPEECH = tuple(fold(w)[0] for w in ("تصريح", "كلمه", "خطاب", "مقابله", "بيان", "تغريد", "حاد", "لاذع", "انتقاد",
                                        "متهما", "واصفا", "معتبرا", "بشده", "مؤتمر صحفي", "لقاء تلفزيوني"))
_AR_VERBAL_ATTACKS = ("هاجم", "يهاجم", "تهاجم", "هجوم", "هجوما")


def verbal_attack(folded: str, start: int) -> bool:
    """"هاجم رئيس الوزراء المعارضة في كلمة أمام البرلمان": an attack told with speech words and no armed force,
    killing or wounding in its sentence is criticism (DISAPPROVE), not FIGHT."""
    match = WORD.match(folded, start)
    if match is None or not bare(match.group(0)).startswith(_AR_VERBAL_ATTACKS) and \
            not match.group(0).lstrip("\u0648\u0641").startswith(_AR_VERBAL_ATTACKS):
        return False
    words = WORD.findall(folded)
    harmed = any(w.startswith(_AR_HARM) or bare(w).startswith(_AR_HARM) for w in words)
    spoken = any(w.startswith(_AR_SPEECH) or bare(w).startswith(_AR_SPEECH) for w in words) or \
        any(cue in folded for cue in _AR_SPEECH if " " in cue)
    return spoken and not harmed and not armed_clause(folded)


# Denials: who made the report or charge denied is rarely named, so a denial keeps its type (REJECT) and no
# actor: it is told by the claims layer, not as an event between two parties.
DENIALS = frozenset(fold(w)[0] for w in ("نفى", "نفت", "ينفي", "تنفي", "نفوا"))


def denial(form: str) -> bool:
    return fold(form)[0] in DENIALS


# The means of a war between armed forces (not the bare words "army" or "forces", which a police report of a
# shooting uses too): warplanes, air raids, shelling, artillery, clashes, battles.
_MILITARY = ("مقاتله", "طائره", "طائرات", "الطيران", "غاره", "غارات", "قصف", "مدفعي", "مدفعيه", "اشتباك",
             "معارك", "معركه", "مواجهات")
# Who kills outside a war: gunmen, terrorists, attackers, a suicide bomber.
_NOT_WAR = _UNCONVENTIONAL + _IRREGULARS + ("ارهاب", "الارهاب")


def _cued(folded: str, cues: tuple[str, ...]) -> bool:
    return any(w.startswith(cues) or bare(w).startswith(cues) for w in WORD.findall(folded))


def war_article(folded_sentences: list[str]) -> bool:
    """Whether an article tells only of war: military means in some sentence, and in none a bomb, an
    execution, gunmen or terrorism. Its killings told with no means of their own are combat (FIGHT)."""
    return any(_cued(s, _MILITARY) for s in folded_sentences) and not any(_cued(s, _NOT_WAR)
                                                                         for s in folded_sentences)


def uncued_killing(folded: str, start: int) -> bool:
    """A killing trigger ("قتل", "مقتل") at `start` whose sentence tells no means and no killer of any kind:
    its kind is the article's."""
    word = WORD.match(folded, start)
    if word is None or not (bare(word.group(0)).startswith(_KILLINGS) or
                            word.group(0).lstrip("\u0648\u0641\u0644\u0628").startswith(_KILLINGS)):
        return False
    return not _cued(folded, _COMBAT + _NOT_WAR + _AR_ARMED)


_WA_ADDA = frozenset({"وعد", "وعدت", "وعدوا"})
_AR_THAT = re.compile(r"\s(?:ان)\s+(\S+)")


def considered(folded: str, start: int) -> bool:
    """"وعدّ النجيفي أن التحقيق غير منصف": و + عدّ (and he considered), not وعد (promised). A promise takes بـ
    ("وعد بأن", "وعد بالإفراج") or a verb after أن ("وعد أن يفرج"); a noun after أن is what he judged to be so."""
    word = re.match(r"\w+", folded[start:])
    if word is None or word.group(0) not in _WA_ADDA:
        return False
    that = _AR_THAT.search(folded, start + len(word.group(0)), start + len(word.group(0)) + 60)
    if that is None or re.search(r"[.،,؛:]", folded[start:that.start()]):
        return False
    return that.group(1).startswith("\u0627\u0644")          # "أن التحقيق"; "أنه سيفرج" may be either
