"""Event coding without a parser (Arabic, Russian, Turkish, French): trigger lexicons kept as data, and
word-order rules (`word_order.py`) that pick the actor and target among the sentence's name mentions.

Each language file (`data/<lang>.yaml`) lists trigger forms with their morphology spelled compactly, the
language's basic order (SVO, VSO, SOV) and the little words that mark a place ("в", "في", Turkish "'da") or a
target ("с", "avec", "مع", Turkish "ile"). Text and forms are folded alike (case, Arabic letter variants, ё).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..errors import InputError
from .arabic import (
    against_phrase,
    definite_before,
    denied,
    describes_noun,
    fronted_subject,
    may_happen,
    relative_head,
    still,
    title_subject,
    unnamed_object,
    unnamed_subject,
)
from .arabic_demands import demand_roles, inside_request
from .arabic_frames import (
    behind_act_noun,
    discussion,
    light_verb_roles,
    owner_after_noun,
    patient_after,
    patient_noun,
    plural_verb,
    subject_before,
    visit_noun,
    visit_roles,
)
from .arabic_kinds import (
    armed_clause,
    combat_killing,
    considered,
    denial,
    fighters_killed,
    terror_attack,
    uncued_killing,
    verbal_attack,
)
from .lexicon import DATA_DIR, KEY, LanguageLexicon, Trigger, expand, plover, read_yaml
from .participants import WORD, Name, fold, fold_form, whole_word
from .turkish import (
    PRIVATIVE,
    aimed_by_noun,
    asked,
    by_terrorists,
    demanded,
    future_light_verb,
    headline_roles,
    in_words,
    phoned,
    turkish_roles,
    wants_to,
)
from .turkish import negated as turkish_negated
from .types import ONE_PARTY, EventHit, SentenceInput
from .word_order import (
    arabic_agent,
    between_sides,
    confirmed,
    nominal_trigger,
    parsed_roles,
    resumptive,
    joint_pair,
    sentence_names,
    with_coordinated,
    word_order_roles,
)

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
    subject and its titles stand between the verb and its preposition). A preposition after the first word
    takes no clitic and only its own pronoun endings (`preposition_ending`): "مع" is no start of "معين"."""
    pattern = ""
    joint = gap
    prepositions = {fold_form(str(w)) for w in data.get("target_words") or ()}
    for word in form.split():
        if re.fullmatch(r"~\d+", word):
            joint = int(word[1:])
            continue
        prefix, ending = data.get("prefix", ""), data.get("ending", "")
        if pattern:
            pattern += rf"[\W]+(?:[\w']+[\W]+){{0,{joint}}}?"
            if fold_form(word) in prepositions and "preposition_ending" in data:
                prefix, ending = "", data["preposition_ending"]       # "والى" is a governor, not "and to"
        pattern += _word_pattern(word, lang, prefix, ending, int(data.get("star", 0)))
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
                           meetings=words("meetings"), between=words("between"),
                           not_phrases=tuple(_compile(v, lang, data, gap) for form in data.get("not_phrases") or ()
                                             for v in expand(str(form))))


# ------------------------------------------------------------------------------------------------ coding

def _matches(lex: LanguageLexicon, folded: str) -> list[tuple[int, int, Trigger]]:
    tried = lex.candidates(WORD.findall(folded))
    blocked = [m.span() for p in lex.not_phrases for m in p.finditer(folded)]
    found = [(m.start(), m.end(), t) for t in tried for m in t.pattern.finditer(folded)
             if (" " in t.source or whole_word(folded, m.start()) not in lex.not_triggers)   # a phrase spells its sense
             and not any(b0 <= m.start() < b1 for b0, b1 in blocked)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Trigger]] = []
    for f in sorted(found, key=lambda f: -(f[1] - f[0])):         # longest first, then no overlaps
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f[0])


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


def code_sentence(sentence: SentenceInput, lang: str, index: int = 0, war: bool = False) -> list[EventHit]:
    """Every trigger of the language's lexicon in the sentence, with participants by word order. `war`: the
    article tells only of war (`arabic_kinds.war_article`), so a killing told with no means is combat."""
    lex = lexicon(lang)
    folded, origin = fold(sentence.text)
    names = sentence_names(sentence, lex, folded, origin)
    hits = []
    found = _matches(lex, folded)
    # where an event noun stands: a phrase it opens ("الهجوم الأخير استهدف …") names no one who acts
    happenings = [(origin[s], origin[s + len(whole_word(folded, s)) - 1] + 1) for s, _, _ in found]
    for rank, (start, end, trig) in enumerate(found):
        o_start, o_end = origin[start], origin[end - 1] + 1
        if lex.lang in ("ar", "tr") and (_inside_name(sentence, o_start, o_end) or
                                         (lex.lang == "tr" and PRIVATIVE.search(whole_word(folded, start))
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
        if lex.lang == "ar" and trig.type == "AGREE" and considered(folded, start):
            continue                 # "وعدّ X أن التحقيق غير منصف": he considered, he promised nothing
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
                  or any(e in w for w in WORD.findall(folded[start:end]) for e in lex.intent_endings)
                  or (lex.lang == "tr" and future_light_verb(sentence.text, o_start, o_end)))
        base, base_mode = _reclassified(lex, trig, folded, start, end, war)
        kind, mode = _framed(base, base_mode, intent)
        before = WORD.findall(folded[max(0, start - 60):start])[-5:]
        maybe = set(before) & lex.hypothetical or (lex.lang == "ar" and may_happen(window, whole_word(folded, start)))
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
            # "Ukrayna'ya yönelik hava saldırısı": the name is the target of the noun its phrase modifies
            candidates = [replace(n, oblique=False, marked=True) if aimed_by_noun(sentence.text, n, o_start) else n
                          for n in candidates]
        nominal = nominal_trigger(lex, folded, start, trig.source)
        if lex.lang == "ar":         # "المقاومة الموالية للرئيس هادي": whose side a noun is on, not a participant
            candidates = [n for n in candidates if not describes_noun(sentence.text, n.mention.start)]
        relative: Name | None | bool = False
        if lex.lang == "ar" and not nominal:
            relative = relative_head(sentence.text, o_start, names) if not resumptive(folded, start, trig) else False
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
            plural = plural_verb(whole_word(folded, start), trig.source)
            unnamed = None if fronted or plural or definite_before(sentence.text, o_start) else \
                unnamed_subject(sentence.text, verb_end, names) or title_subject(sentence.text, verb_end, names)
            if unnamed and not any(a <= unnamed.mention.start < b for a, b in happenings):
                # the adjectives inside it ("السورية") are no names of their own
                candidates = sorted([n for n in candidates if not (unnamed.mention.start <= n.mention.start
                                                              and n.mention.end <= unnamed.mention.end)]
                                    + [unnamed], key=lambda n: n.mention.start)
        actor, target = word_order_roles(candidates, o_start, verb_end, lex.order)
        actors = with_coordinated(candidates, actor)
        if lex.lang in PARSED:                       # a parser: roles from its structure
            visit = trig.mode == "visit" and not _meeting(lex, trig.source)
            actor, target, actors = parsed_roles(sentence, lex.lang, o_start, o_end, visit,
                                                  trig.type in ("MOBILIZE", "RETREAT"),
                                                  two_sided(kind, sentence.text[o_start:o_end].lower()))
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
            actor, target = confirmed(sentence.text, folded, origin, lex, candidates, actor, target,
                                       o_start, verb_end, nominal, relative=relative is not False)
            if lex.lang == "ar" and actor is not None and target is None and not nominal and \
                    actor.mention.end <= o_start:
                # after the whole trigger: "أطلقت النار على …" has no object "النار"
                target = None if discussion(trig.source) else unnamed_object(sentence.text, o_end, names)
            if lex.lang == "ar" and actor is not None and target is None and trig.type != "DEMAND":
                target = against_phrase(sentence.text, o_end, names)
            if lex.lang == "ar" and not nominal and relative is False and actor is not None and \
                    actor.mention.start >= verb_end and (subject_before(sentence.text, o_start)
                                                         or plural_verb(whole_word(folded, start), trig.source)):
                actor = None             # "الملك سلمان يلتقي الرئيس أوباما", "اجتمعوا": the subject stands before
            if lex.lang == "ar" and patient_noun(trig.source):
                # "مقتل البغدادي", "تم اعتقال X": the genitive undergoes the act; only a marked agent does it
                actor = arabic_agent(sentence.text, folded, origin, lex, candidates, o_end)
                target = patient_after(sentence.text, o_end, candidates)
            if lex.lang == "ar" and nominal and actor is None and not patient_noun(trig.source):
                # "قام الوزير X بزيارة إلى Y": the light verb's subject does what its noun names
                actor, target = light_verb_roles(sentence.text, o_start, o_end, candidates) or (actor, target)
            if lex.lang == "ar" and nominal and visit_noun(trig.source):
                actor, target = visit_roles(sentence.text, o_end, candidates) or (actor, target)
            if lex.lang == "ar" and trig.type == "DEMAND":
                actor, target = demand_roles(sentence.text, candidates, actor, target, verb_end)
            if lex.lang == "ar" and (
                    (trig.type == "DISAPPROVE" and inside_request(sentence.text, verb_end, candidates, target))
                    or behind_act_noun(sentence.text, o_end, target, names)
                    or (trig.type in ("FIGHT", "ASSAULT") and nominal and owner_after_noun(sentence.text, o_end,
                                                                                            target))):
                # "اتهم X Y بتهريب الأسلحة إلى Z", "رفض X أي حوار مع Z", "قصف للحوثيين": Z is no target here
                target = None
            if lex.lang == "tr":
                actor, target = turkish_roles(sentence.text, candidates, actor, target, o_start, o_end, kind)
                actor, target = headline_roles(sentence.text, candidates, o_start, o_end) or (actor, target)
                if kind == "FIGHT" and by_terrorists(sentence.text, o_start, o_end):
                    kind = "ASSAULT"     # "teröristlerce yapılan saldırı", "terör saldırısı": not war between armies
            if lex.lang == "ar" and trig.type == "FIGHT" and trig.source.startswith(("استهدف", "يستهدف", "تستهدف",
                                                                                    "استهداف")) and \
                    not armed_clause(folded):
                actor = None             # "المحكمة تستهدف القادة الأفارقة": aimed at, no armed force told
            if lex.lang == "ar" and denial(trig.source):
                actor = target = None    # "نفت الوزارة …": a denial of an unnamed report, kept as its type only
            if target is None and kind in ONE_PARTY and \
                    fold_form(trig.source.split()[0].rstrip("*")) in lex.acted_on:
                actor = None             # "Yargıtay … tahliye etti": a release told without whom it frees
            actors = with_coordinated(candidates, actor) if actor else []
            pair = joint_pair(candidates, actor) if target is None and two_sided(kind, sentence.text[o_start:o_end].lower()) \
                else None
            if pair is not None:         # "وقعت مصر والأردن اتفاقية": one party each side, as "between X and Y"
                actor, target = pair
                actors = [actor.name]
            elif lex.lang == "ar" and kind == "CONSULT" and actor is not None and actor.mention.label == "LOC":
                actor, actors = None, []     # "وزار … القاهرة": a place is visited or met in, it visits no one
        if actor is None and target is None and mode not in ("multilateral", "third-party") and \
                two_sided(kind, sentence.text[o_start:o_end].lower()):     # a mediator's "between" is not its sides
            sides = between_sides(sentence.text, lex, names, o_end)
            if sides is not None:    # "dialogue stratégique entre l'Arménie et les États-Unis": one each side
                actor, target = sides
                actors = [actor.name]
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
# "bırakmasını", "bırakmaya", "bırakmak", "çağrı yapmaktan"). Turkish uses them for what is wanted, needed, asked or at issue; an
# act told as done takes a finite verb or the factive -DIK ("bıraktı", "bıraktığı").
_TR_ACTION_NOMINAL = re.compile(r"^m[ae](?:s[ıi](?:n[ıiae]|nd[ae]|yl[ae])?|s[uü](?:n[uüae]|nd[ae]|yl[ae])?|y[ae]|k(?:t[ae]n|l[ae])?)?$")


_TWO_SIDED = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# the agreement nouns of a signing (SUPPORT, as "signed an agreement" is in every lexicon)
_AGREEMENT_NOUN = re.compile(r"(?:اتفاق|مذكر|anlaşma|antlaşma|mutabakat|accord|traité|protocole|соглашени|договор|"
                             r"меморандум)")


def two_sided(kind: str, trigger: str) -> bool:
    """A kind whose two coordinated subjects act on each other: talks, agreements, cooperation, a signing."""
    return kind in _TWO_SIDED or (kind == "SUPPORT" and bool(_AGREEMENT_NOUN.search(trigger)))


def _action_nominal(folded: str, start: int, end: int, trig: Trigger) -> bool:
    """Whether the open end of a Turkish trigger form ("silah* bırak*") was filled by an action nominal's
    suffix; a form that spells its own ending ("çekilmesi", "görüşme") is the lexicon's choice and stands."""
    last = trig.source.split()[-1]
    if not last.endswith("*"):
        return False
    stem = fold_form(last.rstrip("*"))
    word = re.findall(r"[\w']+", folded[start:end])[-1]       # the match ends where its last word does
    return word.startswith(stem) and bool(_TR_ACTION_NOMINAL.match(word[len(stem):]))


def _meeting(lex: LanguageLexicon, source: str) -> bool:
    """A meeting or talks ("переговоры", "s'est entretenu"), not a visit: "в Сочи" says where it was held."""
    return any(fold_form(word.rstrip("*")).startswith(stem) for word in source.split() for stem in lex.meetings)


def _object_is_person(sentence: SentenceInput, lex: LanguageLexicon, start: int, end: int) -> bool:
    """Whether the trigger at [start, end) acts on a person: its parsed object is animate (Russian, from
    natasha's morphology: "выдала России подозреваемого" hands over a man, "выдал ордер" issues a paper)."""
    if lex.lang != "ru":
        return True                  # no animacy in the other languages' analyses: the trigger stands
    from .russian import object_is_person
    return object_is_person(sentence.text, start, end)


_PROTESTERS = ("протестующ", "демонстрант", "митингующ")


def _inside_name(sentence: SentenceInput, start: int, end: int) -> bool:
    """A trigger that is part of a person's or organisation's name ("Özel Harekat Başkanlığı")."""
    return any(m.label in ("PER", "ORG") and m.start <= start and end <= m.end for m in sentence.mentions)


def _reclassified(lex: LanguageLexicon, trig: Trigger, folded: str, start: int, end: int,
                  war: bool = False) -> tuple[str, str | None]:
    """The trigger's type, or the one its sentence shows it to be: an Arabic killing by warplanes, shelling or
    the army is FIGHT, not ASSAULT (`arabic.combat_killing`); an attack called terrorist or aimed at a hotel,
    market or mosque is ASSAULT, not FIGHT (`arabic.terror_attack`); one told in words with no force is
    DISAPPROVE (`arabic.verbal_attack`); armed groups driven out (طرد) is FIGHT; so is a killing told with no
    means in an article of war (`war`)."""
    if lex.lang == "ar" and trig.type == "ASSAULT" and trig.mode is None and (
            combat_killing(folded) or fighters_killed(folded, start, end) or (war and uncued_killing(folded, start))):
        return "FIGHT", None
    if lex.lang == "ar" and trig.type == "FIGHT" and terror_attack(folded, start, end):
        return "ASSAULT", None
    if lex.lang == "ar" and trig.type == "FIGHT" and verbal_attack(folded, start):
        return "DISAPPROVE", None    # "هاجم الوزير المعارضة في كلمة": criticism, not force
    if lex.lang == "ar" and trig.type == "SANCTION" and trig.source in ("طرد", "يطرد") and armed_clause(folded):
        return "FIGHT", None         # "طُردوا منها في عملية عسكرية": driven out by force, not expelled by decree
    return trig.type, trig.mode
