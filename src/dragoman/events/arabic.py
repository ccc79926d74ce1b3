"""Arabic cues the lexicon coder (`multilingual.py`) reads beside word order: the agent a passive or an event
noun names ("من قبل X", "من جانب X"), pronoun, clause-opening (SVO) and relative-clause subjects, a title marked
as object, a name inside a construct, and the unnamed subject or object phrases ("الجيش الليبي يقصف مواقع
المتطرفين"). What kind of act a sentence tells lives in `arabic_kinds.py`.
Words are compared folded (`participants.fold`: harakat dropped, أ/إ/آ -> ا, ة -> ه)."""

from __future__ import annotations

import re

from .participants import WORD, Name, between, clear, fold, folded_at, words_between
from .types import MentionRef

# "شمال سوريا", "ريف دمشق", "قرب حلب": a name after a direction or area word says where, never who acts or is hit.
AREA_WORDS = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ريف", "محيط",
                        "اطراف", "ضواحي", "بمحيط", "بريف", "باطراف"})


def bare(word: str) -> str:
    """A folded word without its proclitics (و ف ب ل ك and the article)."""
    return re.sub(r"^(?:[وف])?(?:[بلك])?(?:ال)?", "", word) if len(word) > 4 else word


# "من قبل X", "من جانب X", "على يد X": the agent of a passive or of an event noun ("تعرضت لقصف من جانب الجيش").
AGENT_MARKERS = re.compile(r"(?:^|\s)(?:من\s+قبل|من\s+جانب|عل[يى]\s+يد|عل[يى]\s+ايدي|بواسطه)\s*$")   # folded: ى -> ي


def agent_marked(folded_before: str) -> bool:
    """Whether the (folded) text right before a name ends with an agent marker."""
    return bool(AGENT_MARKERS.search(folded_before[-20:]))


_AR_TITLE_WORD = re.compile(r"[^\s,،;:.؛«»\"“”()]+\s*$")


_COUNTERPART = re.compile(r"^(?:نظير|نظيري|نظراء)(?:ه|ها|هم|هما|يه)$")


def marked_title(text: str, start: int) -> bool:
    """"التقى بالرئيس الروسي فلاديمير بوتين": ب or ل on the first word of the title before a name marks the
    name as the one acted upon (met with, sent to), not the actor."""
    left = text[max(0, start - 60):start]
    for _ in range(4):
        word = _AR_TITLE_WORD.search(left)
        if word is None:
            break
        token = fold(word.group(0).strip())[0]
        bare = token[1:] if token[:1] in ("\u0648", "\u0641") else token              # و ف
        if bare.startswith(("\u0628\u0627\u0644", "\u0644\u0644")):                   # بال لل
            return True
        if _COUNTERPART.match(bare):
            return True              # "التقى X نظيره الروسي Y": "his counterpart" is always the other party
        if not bare.startswith("\u0627\u0644"):
            return False
        left = left[:word.start()]
    return False


def nisba_adjective(text: str, start: int, end: int) -> bool:
    """"المعارضة السورية", "الجيش الروسي": a place mention that starts after the article inside its word and
    ends in the adjective ending (ي، ية) is an adjective of the noun before it, never a participant; a
    country written with the article ("السعودية", "العراق") is one mention with it."""
    word = re.match(r"\w*", text[end:]).group(0)
    head = re.search(r"\w*$", text[:start]).group(0)
    if not fold(head)[0].endswith("\u0627\u0644") or len(fold(head)[0]) > 4:        # ال، وال، بال، لل…
        return False
    tail = fold(text[start:end] + word)[0]
    return tail.endswith(("\u064a", "\u064a\u0647", "\u064a\u064a\u0646", "\u064a\u0648\u0646", "\u064a\u0627\u062a"))   # ي يه يين يون يات


def preposition_title(text: str, start: int, prepositions: frozenset[str]) -> bool:
    """"مع نظيره التركي رجب طيب أردوغان", "ضد الرئيس السوري بشار الأسد": a target preposition before the title
    words (definite or a title noun) that lead to a name marks the name, as it would right before it."""
    words = [w.strip("،,") for w in text[max(0, start - 60):start].split()][-5:]
    for word in reversed(words):
        token = fold(word)[0]
        if token in prepositions:
            return True
        if not (definite(token) or token.startswith(_AR_HEADS)) or word != word.strip(".؛:!?؟«»\"()"):
            return False
    return False


# "إنه زار", "وهو وعد حكمت": after a pronoun the subject is not named here (and a word after "وهو" may be a name)
_AR_PRONOUN_SUBJECTS = frozenset({"انه", "انها", "انهم", "انهما", "لانه", "لانها", "وانه", "وانها",
                                  "هو", "وهو", "هي", "وهي", "هم", "وهم"})


_AR_CLAUSE_START = frozenset({"لكن", "ولكن", "و", "ان", "انما", "بينما", "فيما", "حيث", "اذ"})


_AR_COMPLEMENTISERS = frozenset({"ان", "وان", "بان", "لان"})


def pronoun_subject(folded: str, origin: list[int], start: int) -> bool:
    before = WORD.findall(folded[max(0, folded_at(origin, start) - 20):folded_at(origin, start)])[-2:]
    return bool(set(before) & _AR_PRONOUN_SUBJECTS)


def coordinated_verb(text: str, folded: str, origin: list[int], start: int) -> bool:
    """"…، والتقى": a verb with the conjunction و right after a comma continues the clause before it; so does a
    verb right after a phrase of sequence that points back ("وبعد ذلك التقى", "ثم استقبل", "وعقب ذلك زار"): its
    subject is the one told before, and a name after it may as well be its object."""
    at = folded_at(origin, start)
    if folded[at:at + 1] == "\u0648" and text[:start].rstrip()[-1:] in ("،", ","):
        return True
    if _AR_SEQUENCE.search(fold(text[max(0, start - 30):start])[0]):
        return True
    # "زار الجبير موسكو، التقى خلالها لافروف": "during it" after the verb points back at the act told before
    verb = re.match(r"\S+\s+(\S+)", text[start:start + 40])
    return verb is not None and fold(verb.group(1).strip("،,."))[0] in _AR_DURING_IT


# "ثم", "وبعد ذلك", "عقب ذلك", "إثر ذلك", "بعدها", "لاحقا", "حيث" right before a verb (folded).
_AR_SEQUENCE = re.compile(r"(?:^|\s)(?:[وف]?ثم|(?:و|ومن\s)?ثم|[وف]?(?:بعد|عقب|اثر)\s+ذلك|[وف]?(?:بعدها|لاحقا)|"
                          r"حيث)\s*$")
# "خلالها", "أثناءها", "فيها": a pronoun after the verb pointing back at the visit or meeting told before (folded)
_AR_DURING_IT = frozenset({"خلالها", "خلاله", "اثناءها", "اثناءه", "فيها", "فيه"})


def after_complementiser(text: str, names: list[Name], start: int) -> bool:
    """"قال إن الجيش السوري قصف …": a name right after إن/أن and right before the verb is its subject."""
    before = [n for n in names if n.mention.end <= start and not text[n.mention.end:start].strip()]
    return bool(before) and fold((text[:before[-1].mention.start].split() or [""])[-1])[0] in _AR_COMPLEMENTISERS


def heads_clause(text: str, at: int) -> bool:
    """Whether a name at `at` opens its sentence or clause ("لكن موسكو …", ". وموسكو …")."""
    if at > 0 and text[at - 1] == "و" and (at == 1 or not text[at - 2].isalnum()):
        return True                  # "…بنغازي والجيش الليبي يقصف": و on the name opens a new clause
    left = text[:at].rstrip()
    if not left or left[-1] in ".،,؛:!?\n":
        return True
    words = left.split()
    if fold(words[-1])[0] in _AR_COMPLEMENTISERS:
        return True                  # "قال المرصد إن الجيش السوري هاجم …": a name after إن/أن opens its clause
    return fold(words[-1])[0] in _AR_CLAUSE_START and (len(words) == 1 or words[-2][-1:] in ".،,؛:!?")


_AR_WORD = re.compile(r"\S+")


def opens_clause(text: str, at: int) -> bool:
    """Whether a name at `at` opens its clause, its titles before it included ("الرئيس التونسي قيس سعيد
    يستقبل …", "وزير الدفاع الروسي سيرغي شويغو يستقبل …": definite words and title nouns)."""
    start = at
    for _ in range(4):
        word = re.search(r"(\S+)\s+$", text[max(0, start - 40):start])
        token = fold(word.group(1))[0] if word is not None else ""
        if word is None or not (definite(token.lstrip("\u0648")) or token.startswith(_AR_TITLES)) or \
                word.group(1)[-1] in ".،,؛:!?؟«»\"()":
            break
        start -= len(word.group(0))
    return heads_clause(text, at) or (start < at and heads_clause(text, start))

# Words that fold to an article-like start but are no definite noun: "إلى", "إليه" (أ/إ fold to ا), "إلا" and
# the relative pronouns ("السفن التي تنقل": the phrase ends before التي).
_AR_NOT_DEFINITE = frozenset(fold(w)[0] for w in {"الى", "اليه", "اليها", "اليهم", "اليهما", "اليك", "الينا", "الا", "الذي", "التي",
                              "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللاتي", "اللواتي", "اللائي"})   # folded: ى -> ي


# Definite words that point back instead of naming ("الطرفان", "الأخير", "الجانبين"): no subject of their own.
_AR_ANAPHORIC = frozenset(fold(w)[0] for w in (
    "الطرفان", "الطرفين", "الجانبان", "الجانبين", "البلدان", "البلدين", "الدولتان", "الدولتين", "الوزيران",
    "الوزيرين", "الرئيسان", "الرئيسين", "الزعيمان", "الزعيمين", "الاخير", "الاخيره", "الاخيرين", "الاخيرون",
    "الجميع", "الطرف", "الجانب", "الاول", "الثاني",
    # duals of places named before ("حررت القطعات المنطقتين"): what was hit is not named here
    "المنطقتين", "المنطقتان", "المدينتين", "المدينتان", "البلدتين", "البلدتان", "القريتين", "القريتان"))


# Nouns of acts, not of actors: a phrase they head ("العمليات المحددة التي تستهدف", "طلب عدم الكشف") names no one.
_AR_ACTS = tuple(fold(w)[0] for w in (
    "عملي", "حمل", "ضرب", "هجوم", "هجمات", "غار", "قصف", "معارك", "معرك", "اشتباك", "حرب", "مواجهات", "انفجار",
    "تفجير", "اجراء", "قرار", "خط", "سياس", "تصريح", "مبادر", "اتفاق", "عقوبات", "عدم", "محاول", "جهود", "مساعي",
    # topics and states of affairs: what is discussed, controlled or cut is no party ("ناقش الجانبان العلاقات
    # الثنائية", "استعادت القوات السيطرة على …", "قطع العلاقات الدبلوماسية")
    "سيطر", "علاق", "حوار", "مفاوض", "محادث", "تعاون", "ملف", "ازم", "قضي", "قضايا", "مستجد", "تطور", "اوضاع",
    "مسؤولي", "سبل", "تعديل", "مشروع", "مسال", "شؤون", "استقرار", "نار"))


def pointing_back(phrase: str) -> bool:
    """Whether an unnamed phrase starts with a word that refers back ("الطرفان اتفقا", "الأخير رفض") or with
    a noun of an act ("العمليات", "عدم الكشف"): either way it names no participant."""
    words = WORD.findall(fold(phrase)[0])
    if not words:
        return False
    first = words[0][1:] if words[0][:1] == "\u0648" and definite(words[0][1:]) else words[0]
    return first in _AR_ANAPHORIC or re.sub(r"^(?:ال)", "", first).startswith(_AR_ACTS)


# Verbal nouns of the derived forms name an act, never who takes part in it ("ترفض التدخل الإيراني": the
# interference is what is rejected): تفعّل, تفعيل, تفاعل, انفعال, افتعال, استفعال, after the article. Those
# that also name a body or a side (the coalition, the union, the occupation, an organisation) are left out.
_AR_VERBAL_NOUN = re.compile("^ال(?:ت\\w{3}|ت\\w\\wي\\w|ت\\wا\\w\\w|ان\\w\\wا\\w|ا\\wت\\wا\\w|است\\w\\wا\\w)$")
_AR_BODY_NOUNS = frozenset(fold(w)[0] for w in ("التحالف", "الاتحاد", "الائتلاف", "الاحتلال", "التنظيم",
                                                 "التجمع", "التيار", "الاتلاف"))


def verbal_noun(folded_word: str) -> bool:
    """"التدخل", "التصعيد", "الانسحاب", "الاعتداء", "الاستهداف": an act; not "التحالف" or a nisba ("التركي")."""
    return bool(_AR_VERBAL_NOUN.match(folded_word)) and folded_word not in _AR_BODY_NOUNS and \
        not folded_word.endswith(("ي", "يه", "ين", "ون", "ات"))


def definite(folded_word: str) -> bool:
    """A folded word with the article: a noun or adjective ("الجيش", "السورية"), not "إلى" or "التي"."""
    return folded_word.startswith("\u0627\u0644") and folded_word not in _AR_NOT_DEFINITE


def unnamed_object(text: str, verb_end: int, names: list[Name]) -> Name | None:
    """The unnamed object right after a verb whose subject stands before it ("الجيش الليبي يقصف مواقع
    المتطرفين"): one or two words ending in a definite one, before any preposition or punctuation."""
    words = []
    for match in _AR_WORD.finditer(text, verb_end):
        start = match.start()
        word = match.group(0).strip("،.؛:!؟\"«»()")
        if not word or any(n.mention.start <= start < n.mention.end for n in names) or \
                fold(word)[0] in _AR_NOT_OBJECT:
            break
        words.append((start, start + len(word), fold(word)[0]))
        if len(words) == 2 or match.group(0) != word:
            break
    while words and not definite(words[-1][2]):
        words.pop()                  # the phrase must end in a definite word: a construct ("مواقع المتطرفين")
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if pointing_back(text[start:end]) or verbal_noun(words[0][2]):
        return None
    return Name(MentionRef(start, end, "ORG"), text[start:end])


_AR_AGAINST = re.compile(r"(?:^|\s)ضد\s+")


def against_phrase(text: str, end: int, names: list[Name]) -> Name | None:
    """"تخوض المعارضة معارك عنيفة في درعا، جنوب البلاد، ضد قوات النظام": the unnamed phrase after ضد, in the
    trigger's clause and close after it, is what the act is against."""
    match = _AR_AGAINST.search(text, end, min(len(text), end + 120))
    if match is None or not clear(text, end, match.start(), "ar") or words_between(text, end, match.start(), "ar") > 8 \
            or re.search(r"[,،]\s*[وف]\S*\s", between(text, end, match.start(), "ar") + " "):
        return None              # past ", و…": ضد belongs to the next clause ("…، ووصف إجراءاتها ضد الرؤساء")
    return unnamed_object(text, match.end(), names)


# Words after a verb that start no object: prepositions, particles, time words.
_AR_NOT_OBJECT = frozenset(fold(w)[0] for w in {"في", "على", "الى", "من", "عن", "مع", "ان", "امس", "اليوم", "يوم", "منذ", "بعد", "قبل",
                            "خلال", "ضد", "حول", "ثم", "قد", "لقد", "كما", "حيث", "الذي", "التي", "الذين", "اما"})


def unnamed_subject(text: str, verb_end: int, names: list[Name]) -> Name | None:
    """An unnamed subject right after an Arabic verb: two or more definite words ("طالب المجلس الرئاسي",
    "أعلنت الحكومة الليبية"). A lone title ("استقبل المشير خليفة حفتر") is not one. A name joined to the
    phrase by ل and a person right after it belong to it ("ندد الأمين العام للأمم المتحدة بان كي مون"): the
    person acts, the organisation is part of the title, not the target."""
    words = []
    for match in _AR_WORD.finditer(text, verb_end):
        start, end = match.span()
        word = match.group(0).strip("،.؛:!؟\"«»()")
        # a name inside the word after its article is an adjective ("السورية" holds "سورية"): still the phrase
        if any(n.mention.start < end and start < n.mention.end and not (
                n.mention.start > start and n.mention.label in ("LOC", "MISC")) for n in names) or not word:
            if len(words) >= 2 and match.group(0) == word:
                return _title_holder(text, words[0][0], start, names) or _phrase(text, words)
            break
        if not definite(fold(word)[0]):          # ال, not إلى/التي
            break
        if len(words) >= 2 and pointing_back(word):
            break                    # "القوات العراقية | السيطرة على": the object noun ends the subject
        words.append((start, start + len(word)))
        if len(words) == 4 or match.group(0) != word:
            break
    return _phrase(text, words) if len(words) >= 2 and not pointing_back(text[words[0][0]:words[-1][1]]) else None


def title_subject(text: str, verb_end: int, names: list[Name]) -> Name | None:
    """"وزار ولي العهد السعودي القاهرة": a person's title in construct right after the verb, with one to three
    definite words after it and a place named right after them, is the verb's unnamed subject (the place is
    its object). With a person's name after the title ("ولي العهد السعودي الأمير محمد بن سلمان") the name is
    the subject, so no phrase is returned."""
    words = []
    for match in _AR_WORD.finditer(text, verb_end):
        start, raw = match.start(), match.group(0)
        word = raw.strip("،.؛:!؟\"«»()")
        mention = next((n for n in names if n.mention.start < start + len(word) and start < n.mention.end), None)
        if mention is not None:          # the place after the title is its object; a person, its holder
            ok = len(words) >= 2 and mention.mention.start >= start and mention.mention.label == "LOC" and \
                not mention.place
            return _phrase(text, words) if ok else None
        folded = fold(word)[0]
        if not words:
            if not word or raw != word or definite(folded) or not (folded.startswith(_AR_TITLES) or
                                                                       folded[1:].startswith(_AR_TITLES)):
                return None
        elif not word or not definite(folded) or time_word(folded) or pointing_back(word) or len(words) == 4:
            return None
        words.append((start, start + len(word)))
        if raw != word:
            return None                  # punctuation ends the phrase before any place
    return None


def _phrase(text: str, words: list[tuple[int, int]]) -> Name:
    start, end = words[0][0], words[-1][1]
    return Name(MentionRef(start, end, "ORG"), text[start:end])


def _title_holder(text: str, start: int, at: int, names: list[Name]) -> Name | None:
    """"الأمين العام للأمم المتحدة بان كي مون": after a title phrase, an organisation joined by ل and the person
    named right after it; the span runs from the title to the person, who is the one named (without a person,
    the title with its organisation)."""
    org = next((n for n in names if n.mention.start <= at + 2 < n.mention.end), None)
    if org is None or org.mention.label != "ORG" or not fold(text[at:at + 2])[0].startswith("\u0644"):     # ل
        return None
    person = next((n for n in names if n.mention.start >= org.mention.end), None)
    if person is None or person.mention.label != "PER" or text[org.mention.end:person.mention.start].strip():
        return Name(MentionRef(start, org.mention.end, "ORG"), text[start:org.mention.end])
    return Name(MentionRef(start, person.mention.end, "PER", person.mention.canonical), person.name)


def unnamed_subject_between(text: str, verb_end: int, name_start: int) -> bool:
    """"طالب مجلس الأمن الدولي الحوثيين بالانسحاب": a body or unit noun (no person's title) right after the verb
    with definite words after it is an unnamed subject, so the name after them is the verb's object, not its
    actor. A head alone before the name ("قوات النظام", the name its genitive) is not one."""
    words = [fold(w.strip("،,«»\"()"))[0] for w in text[verb_end:name_start].split()]
    if len(words) < 2 or any(not w for w in words):
        return False
    head = re.sub(r"^(?:[وف])", "", words[0])
    return head.startswith(_AR_HEADS) and not head.startswith(_AR_TITLES) and not definite(head) and \
        all(definite(w) for w in words[1:])


def complementiser_between(text: str, a: int, b: int) -> bool:
    """"وذكر الجيش والشرطة أن فلسطينيا هاجم الجنود": a name before إن/أن and a verb after it sit in two clauses;
    the name is the source of the report, not the one who acts."""
    return any(fold(word)[0] in _AR_COMPLEMENTISERS for word in text[a:b].split())


# "المقاومة الموالية للرئيس هادي", "وفد تابع لمليشيات الحوثي": a name after these adjectives describes the noun
# before it (whose side it is on); it is neither the act's actor nor what the act is aimed at.
_AR_DESCRIBING = ("الموال", "موال", "التابع", "تابع", "المتحالف", "متحالف", "المقرب", "مقرب", "المدعوم", "مدعوم")


def describes_noun(text: str, start: int) -> bool:
    """Whether a name at `start` follows a describing adjective, a title or two in between ("الموالية للرئيس")."""
    words = text[max(0, start - 60):start].split()[-3:]
    for word in reversed(words):
        token = fold(word.strip("،,«»\"()"))[0]
        bare = token[1:] if token[:1] in ("\u0648", "\u0641") else token          # و ف
        if bare.startswith(_AR_DESCRIBING):
            return True
        if not bare.startswith(("\u0627\u0644", "\u0644", "\u0628")):      # ال ل ب: a title may stand between
            return False
    return False


_AR_PUNCT = ".،,؛:!?؟«»\"()"
# Time words heading a sentence are an adverbial ("الأسبوع الماضي زار …"), never the subject.
_AR_TIME = ("الاسبوع", "الشهر", "العام", "السنه", "اليوم", "الليله", "الماضي", "الجاري", "المقبل", "الحالي",
            "الصباح", "المساء", "الفجر", "الان", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
            "السبت")


def time_word(folded_word: str) -> bool:
    """"الأسبوع", "الماضي", "الأحد": a word of a time adverbial, never a subject."""
    return folded_word.lstrip("\u0648").startswith(_AR_TIME)


def _definite_run(text: str, end: int) -> list[tuple[int, str]]:
    """The definite words (at most five, و allowed on the first) right before offset `end`, no punctuation."""
    base = max(0, end - 80)
    tokens = [(m.start(), m.group(0)) for m in _AR_WORD.finditer(text, base, end)]
    if base > 0:
        tokens = tokens[1:]                      # the first may be cut
    words: list[tuple[int, str]] = []
    for at, raw in reversed(tokens):
        if raw[-1] in _AR_PUNCT or len(words) == 5:
            break
        folded = fold(raw.lstrip(_AR_PUNCT))[0]
        bare = folded[1:] if folded[:1] == "\u0648" and definite(folded[1:]) else folded        # و
        if not definite(bare):
            break
        words.insert(0, (at, raw))
    return words


def _opens_here(text: str, start: int) -> bool:
    """Sentence start, punctuation, إن/أن or a clause word (لكن، بينما …) right before offset `start`."""
    before = text[:start].rstrip()
    if not before or before[-1] in _AR_PUNCT:
        return True
    words = before.split()
    last = fold(words[-1])[0]
    return last in _AR_COMPLEMENTISERS or (last in _AR_CLAUSE_START and last != "\u0648" and (
        len(words) == 1 or words[-2][-1] in _AR_PUNCT))


def _unnamed(text: str, words: list[tuple[int, str]], names: list[Name]) -> Name | None:
    """The phrase of these words, unless it holds a name, a time word or a word pointing back."""
    if not words or any(fold(raw.lstrip(_AR_PUNCT))[0].lstrip("\u0648").startswith(_AR_TIME) for _, raw in words):
        return None
    start, end = words[0][0], words[-1][0] + len(words[-1][1])
    if any(n.mention.start < end and start < n.mention.end and not (
            n.mention.label in ("LOC", "MISC") and n.mention.start > start) for n in names):
        return None
    start += len(text[start:end]) - len(text[start:end].lstrip(_AR_PUNCT))
    if text[start:start + 1] == "\u0648" and definite(fold(text[start + 1:end])[0]):
        start += 1                   # "والحكومة المنافسة": the conjunction is no part of the name
    if pointing_back(text[start:end]):
        return None
    return Name(MentionRef(start, end, "ORG"), text[start:end])


# Words that never head a subject phrase: particles, time words, verbs of saying.
_AR_NOT_HEAD = frozenset(fold(w)[0] for w in ("قد", "لقد", "كما", "ثم", "لم", "لن", "ما", "لا", "امس", "اليوم",
                                              "ايضا", "حيث", "بعد", "قبل", "قال", "قالت", "اكد", "اكدت", "ذكر",
                                              "ذكرت", "اعلن", "اعلنت", "اضاف", "اضافت", "اوضح", "اشار", "كان",
                                              "كانت", "عند", "منذ", "خلال", "نحو"))


def fronted_subject(text: str, verb_start: int, names: list[Name]) -> Name | None:
    """"الجيش يرفض …", "قالت مصادر إن القوات العراقية سيطرت …", "إن مجلس المحافظة طالب …": definite words (after
    an indefinite head in construct, "مجلس") that open their clause right before the verb are its subject (a
    nominal sentence, SVO); what follows the verb is then its object. A phrase that holds a name is left to the
    name rules; time words are an adverbial, not a subject."""
    words = _definite_run(text, verb_start)
    if not words:
        return None
    if not _opens_here(text, words[0][0]):
        head = re.search(r"(\S+)\s+$", text[max(0, words[0][0] - 30):words[0][0]])
        if head is None or head.group(1)[-1] in _AR_PUNCT or len(fold(head.group(1))[0]) < 3 or \
                fold(head.group(1))[0] in _AR_NOT_HEAD | _AR_COMPLEMENTISERS | _AR_CLAUSE_START | _AR_NOT_DEFINITE:
            return None
        at = words[0][0] - len(head.group(0))
        if not _opens_here(text, at):
            return None
        words.insert(0, (at, head.group(1)))
    return _unnamed(text, words, names)


def definite_before(text: str, verb_start: int) -> bool:
    """Whether a definite word (not a time word) stands right before the verb ("إن الهجوم الأخير استهدف …"):
    then the phrase after the verb is its object, even where the one before names no one."""
    words = _definite_run(text, verb_start)
    return bool(words) and not any(fold(raw)[0].lstrip("\u0648").startswith(_AR_TIME) for _, raw in words)


_AR_RELATIVE = frozenset(fold(w)[0] for w in ("الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان",
                                              "اللاتي", "اللواتي", "اللائي"))


def relative_between(text: str, a: int, b: int) -> bool:
    """"انسحبت الكتيبة التي يقودها العقيد X": a relative pronoun between a verb and a name puts the name in
    another clause; it is neither subject nor object of the verb."""
    return any(fold(w.strip(_AR_PUNCT))[0] in _AR_RELATIVE for w in text[a:b].split())


def relative_head(text: str, verb_start: int, names: list[Name]) -> Name | None | bool:
    """"الحكومة المنافسة التي سيطرت على طرابلس": a verb right after a relative pronoun, with no pronoun of its
    own, has the noun before the pronoun as subject; what follows it is its object. Returns that noun (a name,
    or a definite phrase), None when it is no one, or False when the verb is not in such a clause."""
    pronoun = re.search(r"(\S+)\s+$", text[max(0, verb_start - 20):verb_start])
    if pronoun is None or fold(pronoun.group(1))[0] not in _AR_RELATIVE:
        return False
    at = verb_start - len(pronoun.group(0))
    named = next((n for n in names if n.mention.end <= at and not text[n.mention.end:at].strip()), None)
    phrase = named if named is not None else _unnamed(text, _definite_run(text, at), names)
    if phrase is None:
        return None
    head = re.search(r"(\S+)\s+$", text[max(0, phrase.mention.start - 30):phrase.mention.start])
    word = fold(head.group(1))[0] if head is not None else ""
    if head is None or head.group(1)[-1] in _AR_PUNCT or definite(word) or len(word) < 3 or \
            word in _AR_NOT_HEAD | _AR_NOT_OBJECT | _AR_RELATIVE or word.startswith(("\u0628", "\u0644", "\u0648", "\u0641")):
        # a word with و/ف is more often the verb opening the clause ("وتابع المسؤول الذي …") than a head noun
        return phrase
    start, end = phrase.mention.start - len(head.group(0)), phrase.mention.end   # "أهالي الفلوجة الذين": the people
    return None if pointing_back(text[start:end]) else Name(MentionRef(start, end, "ORG"), text[start:end])


# Indefinite nouns that may stand between a verb and the name it takes as object: titles and ranks, units and
# fighters, the places a force holds ("استقبل نائب وزير الدفاع X", "قصف مواقع داعش", "هاجم بلدة X"). Another
# indefinite noun there ("يرفض محاولات إدراج حفتر") heads a construct whose genitive the name is: not the object.
_AR_TITLES = ("رئيس", "نائب", "وزير", "وزراء", "قائد", "قاده", "قيادات", "قيادي", "زعيم", "زعماء", "امين", "مندوب",
             "سفير", "سفراء", "مبعوث", "ممثل", "مستشار", "متحدث", "ناطق", "مدير", "محافظ", "عضو", "اعضاء", "ولي",
             "عهد", "ملك", "امير", "شيخ", "عقيد", "لواء", "عميد", "مشير", "فريق", "عماد", "رائد", "نقيب", "جنرال",
             "سيد", "دكتور", "نظير", "نظراء")
_AR_HEADS = _AR_TITLES + ("منظم", "حكوم", "وزار", "قوات", "عناصر", "عنصر", "مقاتل", "مسلح", "جنود", "جندي", "افراد",
             "انصار", "وفد", "ميليشي", "مليشي", "تنظيم", "جماع", "حرك", "جبه", "فصائل", "فصيل", "كتائب", "وحدات",
             "حزب", "مجلس", "سلطات", "جهاز", "اجهز", "جيش", "شرط", "نظام", "مواقع", "موقع", "مقر", "مراكز", "مركز",
             "تجمع", "نقاط", "نقط", "حاجز", "مدين", "بلد", "قري", "منطق", "حي", "مخيم", "محافظ", "ولاي", "معسكر",
             "مطار", "ميناء", "قاعد", "مبنى", "مكتب", "دفاع", "خارجي", "داخلي", "عام", "اعلى", "اول", "ثاني")


_AR_HEADS = tuple(fold(w)[0] for w in _AR_HEADS)
_AR_TITLES = tuple(fold(w)[0] for w in _AR_TITLES)   # persons' titles: they may open a subject before its name


def object_head(folded_word: str) -> bool:
    """Whether a folded word between a verb and a name leaves the name its object: a definite word (a title in
    apposition, "اعتقلت الناشط X"; an adjective), a title, rank, unit or place noun ("نائب وزير", "مواقع",
    "بلدة"), or a number. An indefinite noun else ("محاولات إدراج X") heads a construct: X is its genitive."""
    core = bare(folded_word) if len(folded_word) > 4 else re.sub(r"^(?:[وف])?(?:ال)?", "", folded_word)
    return folded_word.isdigit() or definite(folded_word) or folded_word.startswith(_AR_HEADS) or \
        core.startswith(_AR_HEADS)


_STILL = re.compile(r"^[وف]?[يت]?زال")


def still(words: list[str]) -> bool:
    """"ما زال يستقبل", "لا تزال": a negation particle before زال says "still", not "not"."""
    return any(_STILL.match(w) for w in words)


_DENIALS = frozenset(fold(w)[0] for w in ("نفى", "ونفى", "نفت", "ونفت", "ينفي", "وينفي", "تنفي", "وتنفي", "نفوا",
                                          "ونفوا", "نافيا", "نافية", "كذب", "وكذب", "كذبت", "وكذبت"))
_DENIED_THAT = frozenset(fold(w)[0] for w in ("ان", "بان", "وان", "صحة", "صحه", "وجود", "حدوث", "وقوع"))


def denied(folded_before: str) -> bool:
    """"نفى الجيش أن تكون قواته قصفت المستشفى", "نفت المصادر صحة تسريبات عن …": a trigger inside what a denial
    verb denies (after its أن or صحة, in the same sentence, close by) is denied, not told as having happened."""
    words = WORD.findall(re.split(r"[.؛:!?؟\n]", folded_before[-300:])[-1])
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _DENIALS:
            return any(w in _DENIED_THAT for w in words[i + 1:i + 20])
    return False


def may_happen(window: list[str], word: str) -> bool:
    """"قد يفرض عقوبات": قد right before a present-tense verb (the trigger or the verb of its noun) says "may";
    before a past one it says "has" ("قد زار")."""
    words = [*window, word]
    return any(w in ("\u0642\u062f", "\u0648\u0642\u062f") and nxt[:1] in ("\u064a", "\u062a")
               for w, nxt in zip(words, words[1:]))
