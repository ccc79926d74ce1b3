"""Turkish roles for the lexicon coder (`multilingual.py`): case endings (accusative and dative mark the target,
the ablative is whence, the genitive owns a noun), voice (a passive's subject is its target, only an agent
"-ce/-ca, tarafından" or an instrumental act noun acts) and postpositions that take a name out of the roles."""

from __future__ import annotations

import re

from .participants import Name, can_act, clear, fold

# Turkish accusative, dative or comitative ("Çorumlu'yla görüştü": the same as "ile") after a name
CASE_SUFFIX = re.compile(r"^['’](?:y?[ıiuü]|y?[ae]|n[ıiuüae]|y?l[ae])(?!\w)")


# Turkish postpositions after a name (its case ending first): "CHP konusunda", "Öcalan hakkında", "X için".
POSTPOSITION = re.compile(r"^(?:['’]\w*)?\s+(?:konusunda|hakkında|hakkinda|için|icin|gibi|kadar|yüzünden|"
                          r"yuzunden|nedeniyle|ile ilgili|dolayısıyla|dolayisiyla|sayesinde)(?!\w)")


# "Öcalan'ın çağrısını destekledi": a genitive owning the object (an accusative noun) is what the act is about.
# "Washington'un yaptırım kararını kınadı": the object may be a compound of two nouns.
OBJECT_OWNER = re.compile(r"^'n?[iuü]n\s+(?:\w+\s+){0,2}?\w+(?:s[iuü]n[iuü]|[iuü]n[iuü])(?!\w)")


# A bare name of a place or body before a possessed noun in an oblique case ("Suriye politikasını", "Gazze
# halkına", "ABD yönetimine"): the name modifies that noun (a compound), which is itself the object or an adjunct;
# the name is neither the verb's subject nor, on its own, its object. (In the nominative, "CHP lideri Özel", it may
# stand for the subject, so it is left alone; a person before such a noun, "Ali Tan görevinden alındı", is its
# subject and owner. With an apostrophe, "Özel Harekat Başkanlığı'nda", the name is the head of a longer name
# cut short.) Folded text after the name.
MODIFIER_OF_OBLIQUE = re.compile(r"^\s+\w+?(?:s[iuü]|[iuü])['’]?n(?:[iuü]|[ae]|d[ae]|t[ae]|d[ae]n|t[ae]n)(?!\w)")

# "Gazze'ye yönelik saldırılar": a name before "yönelik" is inside a noun phrase, not the verb's target.
_TOWARD = re.compile(r"^['’]\w*\s+yönelik(?!\w)")


def aimed_by_noun(text: str, name: Name, start: int) -> bool:
    """"Rusya'nın Ukrayna'ya yönelik hava saldırısı": the name before "yönelik" is the target of the event noun
    that phrase modifies (the trigger at `start`, at most two words on)."""
    gap = fold(text[name.mention.end:start])[0]
    return bool(re.fullmatch(r"['’]\w*\s+yönelik(?:\s+\w+){0,2}\s+", gap))


def modifies_noun(folded_after: str) -> bool:
    """Whether the (folded) text right after a name makes it a modifier inside a noun phrase."""
    return bool(MODIFIER_OF_OBLIQUE.match(folded_after) or _TOWARD.match(folded_after))


# The ablative after a name ("İran'dan", "Bakanlığı'ndan"): whence, or from whom a demand is made.
ABLATIVE = re.compile(r"^'n?[dt][ae]n(?!\w)")

# "NGS'de çalışan işçiler", "CHP'deki kriz": a name in the locative (with "-ki" or not) says where; the locative
# marks neither subject nor object, whatever the name's label.
LOCATIVE = re.compile(r"^'n?[dt][ae](?:ki)?(?!\w)")


# Turkish voice, read from the end of the (folded) verb: stem, the passive marker ("-n-" after a vowel:
# "tutukla-n-dı"; "-ıl-" after a consonant: "öldür-ül-dü", "ed-il-di"; "-ın-" after l: "al-ın-dı"), an optional
# negative "-ma/-me", then a tense, participle or verbal noun (a passive's aorist is "-ır", never "-ar": "görüştü-ler",
# "göster-iler" are no passives), then person, copula, possessive or case endings.
# Anchored so that letters inside a stem ("kına-dı", "sorgula-dı", "yinele-di") or a plural person ending
# ("görüştü-ler", "ara-dı-lar") are no passive.
_TR_PASSIVE = re.compile(
    r"^(?P<stem>\w{2,}?)(?P<mark>(?<=\w\w[aeiouöü])n|(?<=[^aeiouöü])[iuü]l|(?<=l)[iuü]n)(?:m[ae])?"
    r"(?:[dt][iuü]ğ?|m[iuü]ş|[iuü]?yor|y?[ae]c[ae][kğ]|[iuü]r|y?[ae]n|m[ae]k?|[ae]r[ae]k|[iuü]nc[ae]|"
    r"[iuü]p|m[ae]kt[ae]|s[ae]|z)"
    r"(?:[dt][iuü]r|[dt][iuü]|m[iuü]ş|[iuü]?m|[iuü]?n|k|z|s[iuü]|l[ae]r|[iuü]|[ae]|[iuü]n[iuü]|[iuü]n[ae]|"
    r"[iuü]nd[ae]|[iuü]nd[ae]n|n[iuü]|n[ae]|nd[ae]|yl[ae]|[iuü]yl[ae]|k[ae]n|d[ae]|d[ae]n)*$")


# Verbs whose stem ends like a passive but act ("ihbarda bulundu", "geri çekildi", "görevinden ayrıldı",
# "eyleme katıldı", "sokaklara döküldü", "kurtuldu"): the subject does it.
_ACTIVE_STEMS = frozenset({"bulun", "cekil", "çekil", "ayril", "katil", "dokul", "dökül", "kurtul"})


_TR_VERB = re.compile(r"(?:d[ıiuü]|t[ıiuü]|m[ıiuü]ş|yor|[ae]c[ae]k|[ae]n|d[ıiuü]ğ|t[ıiuü]ğ|[ıiuü]r|[ae]r)"
                      r"(?:[ıiuü]|t[ıiuü]|d[ıiuü])?(?:lar|ler|m|n|k|n[ıiuü]z|s[ıiuü])?(?:[ıiuü]n[ıiuü]|[ıiuü]|na|ne)?$",
                      re.IGNORECASE)


# A plural noun ("soruşturmalar", "operasyonları", "görüşmelerde") is no aorist verb ("yapar", "ederler"): after
# "-lar/-ler" a tense or the aorist's own r would stand ("yaptılar", "yapıyorlar", "yaparlar").
_TR_PLURAL_NOUN = re.compile(r"(?<!d[iuü])(?<!t[iuü])(?<!yor)(?<!c[ae]k)(?<!m[iuü]ş)(?<!r)"
                             r"l[ae]r(?:[iuü]|[iuü]n[iuü]|[iuü]n[ae]|[ae]|d[ae]n?|[iuü]n|l[ae])?$")


# A noun with the possessive "-sı" after its vowel ("saldırısı", "çağrısını", "istifasına") is no verb either.
_TR_POSSESSIVE_NOUN = re.compile(r"[aeiouöü]s[iuü](?:n[iuü]|n[ae]|nd[ae]|nd[ae]n|yl[ae])?$")


def is_passive(word: str) -> bool:
    """A passive verb or participle, read from a folded word ("tutuklandı", "edilmişti", "alınan")."""
    match = _TR_PASSIVE.match(word.lower())
    return bool(match) and match.group("stem") + match.group("mark") not in _ACTIVE_STEMS


def is_verb(word: str) -> bool:
    """A finite verb or participle, read from a folded word's ending."""
    return (bool(_TR_VERB.search(word)) and not _TR_PLURAL_NOUN.search(word) and
            not _TR_POSSESSIVE_NOUN.search(word)) or bool(_CONDITIONAL.search(word))


# A participle ("görüştüğü", "ettiğini", "yaptığımız"): a relative or complement clause, whose subject is in the
# genitive; so is a verbal noun of a phrase ("hedef almasını", "ziyaret etmesi"). A one-word event noun
# ("görüşmesi", "soruşturması") takes only the genitive right before it.
_TR_PARTICIPLE = re.compile(r"[dt][ıiuü]ğ[ıiuü]\w*$", re.IGNORECASE)
# A genitive that owns a noun in an oblique case ("Yılmaz'ın emeklilik kararına … şerh koyacağını"): the
# owner of that noun, not the subject of the verb.
_OWNS_OBLIQUE = re.compile(r"^['’]\w*\s+(?:\w+\s+)?\w+?(?:s[ıiuü]|[ıiuü])n(?:[ıiuü]|[ae]|d[ae]|d[ae]n)(?!\w)")
_TR_FUTURE_PARTICIPLE = re.compile(r"[ae]c[ae]ğ[ıiuü]\w*$", re.IGNORECASE)
_TR_VERBAL_NOUN = re.compile(r"m[ae]s[ıiuü]\w*$", re.IGNORECASE)


# A name in the genitive ("Bahçeli'nin çağrısı") owns the noun after it; "-ce/-ca" and "tarafından" mark the agent.
_TR_GENITIVE = re.compile(r"^(?:['’]?n?[ıiuü]n|['’]?[ıiuü]n|['’]n[ıiuü]n)(?!\w)")


# "İsrail suikastıyla öldürüldü", "Yargıtay kararıyla tahliye edildi": a name before an act or decision noun in
# the instrumental is the agent of the passive that follows.
_TR_INSTRUMENT_AGENT = re.compile(r"^(?:'\w+)?\s+(?:suikast|saldiri|karar|emr|talimat|operasyon|bombardiman)\w*?"
                                  r"(?:[iuü]?y?l[ae])(?!\w)")


_TR_AGENT = re.compile(r"^\w*['’]?\w*?(?:[cç][ae])(?!\w)|^\S*\s+tarafından", re.IGNORECASE)


def turkish_roles(text: str, names: list[Name], actor: Name | None, target: Name | None, start: int,
                   end: int, kind: str = "") -> tuple[Name | None, Name | None]:
    """Turkish roles kept only where the grammar says them: a passive's subject is its target and its actor
    only an agent ("teröristlerce", "X tarafından", "X'in kararıyla"); a participle's subject is the name it
    qualifies ("istifa eden X") or its genitive; a noun trigger's actor is the name in the genitive right
    before it; the verb ends its clause, so a target after the trigger belongs to another one."""
    # "iddianame, Ankara 32. Ağır Ceza Mahkemesi'ne gönderildi": a name inside a gapped trigger is where it goes
    names = [n for n in names if not (_building(n, text) or _adjectival(text, n, names)
                                      or (start <= n.mention.start and n.mention.end <= end))]
    area = next((n for n in names if n is actor and _area_genitive(text, n)), None)
    names = [n for n in names if not _area_genitive(text, n)]
    if area is not None:
        # "TSK, Irak'ın kuzeyinde hava harekâtı düzenledi": Iraq is where; the comma-set head subject acts
        actor = _head_subject(text, names, area.mention.start)
    actor = None if actor is not None and actor not in names else actor
    target = None if target is not None and target not in names else target
    owner = _owner_of_modified_head(text, names, start, end)
    if owner is not None:
        # "Washington'un yaptırım kararını kınadı": the sanction is Washington's, on no one named here
        return owner, None
    verb, verb_end = clause_verb(text, start, end)
    folded_verb = fold(verb)[0]
    passive = is_passive(folded_verb)
    about = _about_target(text, names, start) if kind in _ABOUT_KINDS else None
    head = _participle_head(text, names, verb_end) if _TR_ACTIVE_PARTICIPLE.search(folded_verb) else None
    if target is not None and target.mention.start >= end:
        target = None
    pair = _ile_pair(text, names, start) if kind in _SYMMETRIC or _AGREEMENT.search(fold(text[start:end])[0]) else None
    if pair is not None and not passive:
        return pair              # "Erdoğan ile Putin, Soçi'de bir araya geldi": the first acts, the second met
    if pair is not None and passive and _BETWEEN.match(text[pair[1].mention.end:pair[1].mention.end + 30]):
        return pair              # "Türkiye ile Irak arasında anlaşma imzalandı": the two parties, the first named first
    # "Hamas heyetini kabul etti", "ABD'li yetkililerle görüştü": the party a delegation speaks for is the target
    delegate = next((n for n in names if n.mention.end <= start and not n.place
                     and _DELEGATION.match(fold(text[n.mention.end:n.mention.end + 40])[0])), None)
    if delegate is not None:
        if actor is delegate:
            actor = _head_subject(text, names, delegate.mention.start)
        if target is None or target is actor:
            target = delegate
    marked_agent = next((n for n in names if n.mention.end <= start and not n.place
                         and _TR_AGENT.match(text[n.mention.end:n.mention.end + 20])), None)
    # "Bahçeli'nin talimatıyla istifa eden Kocabey": an instruction or decision acts only through a passive
    instrument = next((n for n in names if n.mention.end <= start and not n.place
                       and _TR_INSTRUMENT_AGENT.match(fold(text[n.mention.end:n.mention.end + 30])[0])), None)
    agent = marked_agent or (instrument if passive else None)
    if _SUFFERED.search(fold(text[start:verb_end])[0]) and not passive:
        # "Altınörs 22 yıl hapis cezası aldı", "Ali Tan saldırıya uğradı": who receives a sentence or suffers an
        # attack undergoes it; who gave or made it is not named
        return None, head or (actor if actor is not None else target)
    if _TR_INFINITIVE.search(folded_verb):
        # "IŞİD'e karşı çağrı yapmaktan verildi bu cezalar": an infinitive has no subject of its own
        return None, target
    if _first_person(folded_verb):
        # "Feti Yıldız'ı aradım", "Bakanla görüştük", "görüştüğüm isimler": the writer (or "we") acts, unnamed
        return None, target if target is not None and target.mention.end <= start else about
    if head is not None:
        if passive:          # "tutuklanan Ayhan Kaplan": the name a passive participle qualifies undergoes it
            return agent, head
        # "istifa eden Hamit Kocabey", "Ankara'yı eleştiren Moskova": the participle's subject is its head
        aimed = target if target is not None and target is not head and target.mention.end <= start else None
        return head, aimed or about
    if passive and _TR_PARTICIPLE.search(folded_verb):
        # "Yerlikaya, 150 kişinin gözaltına alındığını açıkladı": a passive complement's subject is in the
        # genitive; the name set off before it reports, it does not undergo
        owner = next((n for n in reversed(names) if n.mention.end <= start and not n.place
                      and _genitive_after(text, n) and _participle_subject(text, n, start)), None)
        return agent, owner or (target if target is not None and target.marked else None) or about
    if passive:
        if target is not None and _in_relative_clause(text, target, start):
            target = None            # "Gölbaşı'na gelen Şükür … ağırlanıyordu": Gölbaşı belongs to "gelen"
        if agent is not None and target is None and actor in (None, agent):
            # "Ali Tan, polis tarafından gözaltına alındı": the passive's subject is the unmarked name before its
            # agent, in the same clause
            target = next((n for n in reversed(names) if n.mention.end <= agent.mention.start and n is not agent
                           and not (n.place or n.marked or n.oblique) and clear(text, n.mention.end, agent.mention.start, "tr")
                           and len(text[n.mention.end:agent.mention.start].split()) <= 8), None)
            actor = agent
        if actor is instrument and instrument is not agent:
            actor = None
        return agent, (target or actor or about if actor is not agent else target or about)
    phrase = len(text[start:verb_end].split()) > 1
    if _TR_PARTICIPLE.search(folded_verb) or (phrase and _TR_VERBAL_NOUN.search(folded_verb)):
        # "DEM Parti'nin CHP ile görüştüğü gün": a participle's subject is in the genitive; a name set off
        # before it ("Bahçeli, DEM Parti'ye, CHP ile görüştüğü gün … uyardı") is the main verb's subject; a
        # genitive set off by a comma ("Yılmaz'ın, geçen yıl … soruşturma başlattığını") can own no noun, so it
        # is the subject of the participle
        owner = next((n for n in reversed(names) if n.mention.end <= start and not n.place
                      and _genitive_after(text, n) and _participle_subject(text, n, start)), None)
        return owner, (None if target is owner else target) or (about if about is not owner else None)
    if _TR_FUTURE_PARTICIPLE.search(folded_verb):
        # "Peskov, Putin'in Erdoğan ile görüşeceğini açıkladı", "Bahçeli, Öcalan'ın … çağrısı yapacağını
        # açıkladı": a genitive is the complement's own subject, and the name set off before it reports; with
        # none ("Erdoğan, Biden ile görüşeceğini söyledi") the subject is the sentence's, as word order says
        owner = next((n for n in reversed(names) if n.mention.end <= start and not n.place
                      and _genitive_after(text, n) and _participle_subject(text, n, start)
                      and not _OWNS_OBLIQUE.match(text[n.mention.end:n.mention.end + 60])), None)
        if owner is not None:
            # whom it acts on stands between its subject and the verb, with its case ("Erdoğan ile")
            aimed = next((n for n in reversed(names) if owner.mention.end <= n.mention.start
                          and n.mention.end <= start and n.marked and not n.place), None)
            return owner, aimed or (about if about is not owner else None)
    if not is_verb(folded_verb) and _ASKED_FOR.match(fold(text[start:end])[0].split()[-1] + fold(text[end:end + 30])[0]):
        # "Öcalan'ın silah bırakma çağrısı": the genitive owns the call, not the act called for, whose doer
        # is not named here
        return agent, None
    if not is_verb(folded_verb):
        owner = next((n for n in reversed(names) if n.mention.end <= start
                      and _owns_noun(text, names, n, start)
                      and _TR_GENITIVE.match(text[n.mention.end:start].split()[0] if text[n.mention.end:start].split()
                                             else text[n.mention.end:start])), None)
        if owner is not None and fold(text[start:end])[0].startswith(_UNDERGONE):
            # "Özdağ'ın gözaltısı", "gazetecilerin tahliyesi": the owner of an arrest or release undergoes it
            return agent, owner
        if owner is None and agent is None and _SAME_SUBJECT.match(fold(text[start:end + 40])[0]):
            # "Özel, Kılıçdaroğlu ile görüşmesinin ardından açıklama yaptı": the adverbial's subject is the
            # sentence's
            subject = _head_subject(text, names, start)
            if subject is not None:
                return subject, (target if target is not subject else None) or about
        if owner is None and agent is None and _TR_OBJECT_NOUN.search(fold(text[start:end + 12])[0]):
            subject, aimed = _comma_subject(text, names, start)
            if subject is not None:
                return subject, aimed
        return owner or agent, (None if target is not None and target is (owner or agent) else target) or about
    if actor is not None and _genitive_after(text, actor):
        actor = None                 # "Erdoğan'ın danışmanı Esad ile görüştü": the adviser met, not Erdoğan
    if target is None and kind in ("FIGHT", "ASSAULT"):
        target = _site_owner(text, names, actor, start)
    if target is not None and _in_relative_clause(text, target, start):
        target = None                # "Bahçeli ile görüşen Özel'i eleştirdi": Bahçeli belongs to "görüşen"
    return actor, target or (about if about is not actor else None)


# Events two parties do together: "X ile Y" heading the clause names both.
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_AGREEMENT = re.compile(r"(?:anlaşma|mutabakat|antlaşma)")
# An act nominal (-mA, no ending of its own) heading a noun of asking: "silah bırakma çağrısı", "geri çekilme
# talebi". The one who asks is not the one asked to act.
_ASKED_FOR = re.compile(r"^\w+m[ae]\s+(?:çağr|cagr|talep|talebi|istek|isteğ|isteg|davet)")

_BETWEEN = re.compile(r"^['’]?\w*\s+aras[iı]nda(?!\w)")

# A delegation, officials or envoys of a party, in an oblique case: "heyetini", "heyetiyle", "yetkilileriyle";
# so too a state's office-holder named by the office alone ("Irak Başbakanı ile görüştü", "Rusya Dışişleri
# Bakanını kabul etti"): the case is on the office, and the state it belongs to is the one met.
_DELEGATION = re.compile(r"^(?:['’]l[iıuü])?\s+(?:(?:heyet|delegasyon|yetkili|temsilci|elçi)\w*?"
                         r"|(?:\w+\s+)?(?:başbakan|cumhurbaşkan|bakan|büyükelçi|devlet başkan)[iıuü]\w*?)"
                         r"(?:n[iıuü]|n[ae]|y?l[ae]|\s+ile)(?!\w)")

# "Irak'ın kuzeyinde", "Irak'ın kuzeyindeki", "Suriye'nin içine", "Gazze sınırında": a genitive owning an area noun says where.
AREA_GENITIVE = re.compile(r"^['’]n?[iıuü]n\s+(?:kuzey|güney|guney|doğu|dogu|batı|bati|iç|sınır|sinir|yakın|"
                            r"yakin|çevre|cevre|merkez|kırsal|kirsal|topraklar)\w*?(?:d[ae](?:ki)?|[ae]|d[ae]n)(?!\w)")

# A possessed verbal noun in a time adverbial: "görüşmesinin ardından", "ziyaretinden sonra", "görüşmesi
# sırasında". Its subject is the main clause's (the possessive is the third person, the same as the subject).
_SAME_SUBJECT = re.compile(r"^\S*?(?:s[iıuü]|[iıuü])(?:n[iıuü]n\s+(?:hemen\s+)?(?:ardından|ardindan|sonrasında|sonrasinda|"
                           r"öncesinde|oncesinde|sırasında|sirasinda)|nd[ae]n\s+(?:sonra|önce|once)|"
                           r"\s+(?:sırasında|sirasinda|sonrasında|sonrasinda|öncesinde|oncesinde))(?!\w)")


# A comma right after a name, after its short form in brackets, or after the delegation it heads ("DEM Parti
# heyeti, …").
_SET_OFF = re.compile(r"(?:\s*\([^()\s]{1,10}\)|\s+(?:heyeti|yetkilileri|temsilcileri|delegasyonu))?,")


# The possessed head noun an event noun modifies, in the accusative ("yaptırım kararını", "saldırı planını").
_MODIFIED_HEAD = re.compile(r"^\s+\w+(?:s[iuü]n[iuü]|[iuü]n[iuü])\s")


def _owner_of_modified_head(text: str, names: list[Name], start: int, end: int) -> Name | None:
    """"Washington'un yaptırım kararını": an event noun right after a genitive name and before the possessed head
    it modifies is the owner's act, inside another verb's object; the owner is its actor and no target is told."""
    if not _MODIFIED_HEAD.match(fold(text[end:end + 30])[0]):
        return None
    return next((n for n in names if n.mention.end <= start and not n.place
                 and re.fullmatch(r"['’]n?[ıiuü]n\s+(?:\w+\s+)?", text[n.mention.end:start])), None)


# Armed sites named by whose they are ("PKK mevzilerini", "IŞİD hedeflerini", "Hamas tünellerini") in the
# accusative right before a strike's verb: striking them strikes their owner.
_SITE = re.compile(r"^\s+(?:mevzi|hedef|kamp|s[iı][gğ][iı]na[kğ]|üs|üss|karargah|karargâh|bar[iı]na[kğ]|"
                   r"t[uü]nel|cephanel[iı]k|m[uü]himmat)\w*?(?:[iuü]n[iuü]|s[iuü]n[iuü])"
                   r"(?:\s+(?:\w+\s+)?[\w'’]+?y?l[ae])?\s+$")     # "savaş uçaklarıyla": with what


def _site_owner(text: str, names: list[Name], actor: Name | None, start: int) -> Name | None:
    """The bare name of a side (not a place) before an armed site in the accusative, right before the verb."""
    return next((n for n in names if n is not actor and not n.place and can_act(n) and n.mention.end <= start
                 and _SITE.match(fold(text[n.mention.end:start])[0])), None)


def _area_genitive(text: str, name: Name) -> bool:
    return bool(AREA_GENITIVE.match(fold(text[name.mention.end:name.mention.end + 40])[0]))


def _head_subject(text: str, names: list[Name], before: int) -> Name | None:
    """The name that opens its sentence set off by a comma ("TSK, …", "Sezgin Baran Korkmaz (SBK), …"), before
    `before`: the subject."""
    head = next((n for n in names if n.mention.end <= before
                 and _SET_OFF.match(text[n.mention.end:n.mention.end + 16])), None)
    if head is None or head.place or head.marked or head.oblique or not can_act(head) or \
            re.search(r"[,;:.!?]", text[:head.mention.start]) or re.search(r"[;:.!?]", text[head.mention.end:before]):
        return None
    return head


def _ile_pair(text: str, names: list[Name], start: int) -> tuple[Name, Name] | None:
    """"Erdoğan ile Putin, …", "Türkiye ile Irak arasında …" or "Erdoğan ile Putin'in görüşmesi" before the
    trigger: two parties joined by "ile", the first heading its sentence, the second with no case ending of its own
    or with the genitive of the event noun right after it. (actor, target): the first party, and the second or
    the object the two act on."""
    for first, second in zip(names, names[1:]):
        if second.mention.end > start or first.place or second.place or not (can_act(first) and can_act(second)):
            continue
        if re.fullmatch(r"(?:['’]\w*)?\s+ile\s+", text[first.mention.end:second.mention.start]) and \
                not re.search(r"[,;:.!?]", text[:first.mention.start]) and \
                not re.search(r"[;:.!?]", text[second.mention.end:start]) and \
                (re.match(r"(?:,|['’]?\w*\s+aras[iı]nda(?!\w))", text[second.mention.end:second.mention.end + 30])
                 or re.fullmatch(r"['’]n?[ıiuü]n\s+", text[second.mention.end:start])
                 # "Irak ile Türkiye anlaşma imzaladı": the second bare (no case of its own), so the subject too
                 or (re.match(r"\s", text[second.mention.end:second.mention.end + 1])
                     and not POSTPOSITION.match(text[second.mention.end:second.mention.end + 40]))):
            aimed = next((n for n in names if second.mention.end <= n.mention.start and n.mention.end <= start
                          and n.marked and not n.place), None)
            # "Erdoğan ile Aliyev, Putin'i ziyaret etti": a joint subject, and its object the target
            return first, aimed or second
    return None


def _in_relative_clause(text: str, name: Name, start: int) -> bool:
    """The name (with "ile" after it) is the argument of a participle right after it, before the trigger."""
    rest = re.sub(r"^['’]\w*", "", text[name.mention.end:start])
    match = re.match(r"\s+(?:ile\s+)?([\w’']+)\s", rest)
    if not match:
        return False
    word = fold(match.group(1))[0]
    return len(word) >= 4 and is_verb(word) and bool(re.search(r"(?:[ae]n|[dt][iuü]ğ[iuü]\w*|[ae]c[ae]ğ[iuü]\w*)$", word))


def _paired(text: str, prev: Name, cur: Name) -> bool:
    """Two names joined by "ve", a title allowed before the second ("X ve Emniyet Müdürü Y")."""
    words = text[prev.mention.end:cur.mention.start].split()
    return words[:1] == ["ve"] and len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words[1:])


def share_case(text: str, names: list[Name]) -> None:
    """Suspended affixation: "Kocaman ve Çorumlu'yla görüştü", "Erdoğan ve Bahçeli'yi eleştirdi", "Yıldız ve
    Kara hakkında": the case ending or postposition after the last of two joined names governs the first too."""
    for prev, cur in zip(reversed(names[:-1]), reversed(names[1:])):
        if (cur.marked or cur.oblique) and not prev.place and _paired(text, prev, cur):
            prev.marked = prev.marked or cur.marked
            prev.oblique = prev.oblique or cur.oblique


# A building or site is where an event happens, never a party to it ("Emevi Camisi'ne bir ziyaret yaptı"); a
# palace stays out of the list: "Beyaz Saray", "Beştepe" speak for a government.
_BUILDING = re.compile(r"(?:^|\s)(?:cami|camii|kilise|müze|muze|havalimanı|havalimani|"
                       r"havaalanı|havaalani|hastane|türbe|turbe|kale|köprü|kopru|stadyum|meydan|santral|santrali|"
                       r"ngs|baraj|barajı|rafineri|fabrika|üs|üssü|maden|liman|limanı)\w{0,3}$", re.IGNORECASE)
# "Akkuyu Nükleer Güç Santrali", "Akkuyu NGS": a plant, dam or base named before its kind is a site too.
_SITE_AFTER = re.compile(r"^(?:['’]\w*)?\s+(?:nükleer\s+(?:güç\s+)?santral|nukleer\s+(?:guc\s+)?santral|ngs\b|"
                         r"santral|baraj|rafineri|limanı|üssü|havalimanı)", re.IGNORECASE)


# "MHP'li Kılavuz": a name with "-li" right before another name describes that person (a member, a native) and is
# no party of its own; alone ("6 IŞİD'li", "CHP'li yönetici") it stands for the members.
_ADJECTIVAL = re.compile(r"^['’]?l[ıiuü]\s+$")


def _adjectival(text: str, name: Name, names: list[Name]) -> bool:
    return any(0 <= n.mention.start - name.mention.end <= 6
               and _ADJECTIVAL.match(text[name.mention.end:n.mention.start]) for n in names)


def _building(name: Name, text: str = "") -> bool:
    return name.mention.label in ("LOC", "ORG", "MISC") and (
        bool(_BUILDING.search(fold(name.name)[0])) or bool(_BUILDING.search(fold(text[name.mention.start:name.mention.end])[0]))
        or bool(_SITE_AFTER.match(text[name.mention.end:name.mention.end + 40])))


# "hapis cezası aldı" (received a sentence), "saldırıya uğradı", "işkenceye maruz kaldı" (suffered it): the
# subject of these phrases undergoes the event.
_SUFFERED = re.compile(r"ceza\w*\s+(?:\w+\s+)?al|\s(?:uğra|ugra|maruz)\w*$")


# Event nouns whose genitive owner undergoes them (an arrest, a release, an expulsion), folded.
_UNDERGONE = ("gözalti", "tutuklan", "tutuklama", "tahliye", "ihrac", "serbest birak", "saliveril", "sürgün",
              "sinir dişi")


# Light verbs that make a verb of an event noun ("soruşturma başlattı", "tahliye edildi", "ihbarda bulundu"):
# their voice and form are the clause's.
# The stem's next letter is spelled out: "alkışladı", "etkisi", "vergi" are no light verbs.
_LIGHT_VERB = re.compile(r"^\s+((?:ed[iey]|et[tm]|yap[tıiam]|ver[dime]|bulun|al[dıiam]|başlat|düzenle|"
                         r"gerçekleştir|uğra|uygula)\w*)", re.IGNORECASE)


def clause_verb(text: str, start: int, end: int) -> tuple[str, int]:
    """The word that carries the trigger's voice and form, and where it ends: the trigger's last word, or the
    light verb right after an event noun ("tahliye edilmişti", "istifa eden")."""
    words = text[start:end].split()
    last = words[-1] if words else ""
    if not is_verb(fold(last)[0]):
        light = _LIGHT_VERB.match(text[end:end + 40])
        if light:
            return light.group(1), end + light.end()
    return last, end


def future_light_verb(text: str, start: int, end: int) -> bool:
    """The light verb after an event noun is in the future ("askeri operasyon yapılacağını", "ziyaret
    gerçekleştirecek"): the act is announced, not told as done."""
    verb, _ = clause_verb(text, start, end)
    if verb == (text[start:end].split() or [""])[-1]:
        return False             # the trigger's own word: the lexicon's intent endings read it
    word = fold(verb)[0]
    # a negated future ("taviz vermeyeceğini") is no announcement: the negation reads it
    return bool(re.search(r"y?[ae]c[ae][kğ]", word)) and not re.search(r"m[ae]y[ae]c[ae][kğ]", word)


# First person singular or plural on the verb or participle: the subject is the writer or the speaker's side.
_FIRST_PERSON = re.compile(r"(?:[dt][iuü](?:m|k)|yor(?:um|uz)|[ae]c[ae][gğk][iuü](?:m|z)|m[iuü]ş[iuü](?:m|z)|"
                           r"[dt][iuü]ğ[iuü](?:m|m[iuü]z)(?:[iuü]?n?[iuü]?|d[ae]|l[ae])?)$")
_NOT_VERBS = frozenset({"yardim"})       # a lexicon noun shaped like a past first person ("yar-dım")

# The infinitive "-mAk", bare or with the ablative, instrumental or dative ("yapmak", "yapmaktan", "yapmakla",
# "yapmaya" is the verbal noun): it names an act without a subject. ("yapmakta", progressive, is finite.)
_TR_INFINITIVE = re.compile(r"m[ae](?:k|kt[ae]n|kl[ae]|ğ[ae])$")


def _first_person(word: str) -> bool:
    return bool(_FIRST_PERSON.search(word)) and word not in _NOT_VERBS


# An active participle ("eden", "yapan", "eleştiren") qualifies the noun after it, which is its subject;
# a passive one ("tutuklanan", "alınan") the noun that undergoes it.
_TR_ACTIVE_PARTICIPLE = re.compile(r"(?:y?[ae]n)$")


def _participle_head(text: str, names: list[Name], verb_end: int) -> Name | None:
    """The name right after a participle ("istifa eden Hamit Kocabey"): the noun the participle qualifies."""
    gap = text[verb_end:verb_end + 3]
    return next((n for n in names if n.mention.start >= verb_end and not text[verb_end:n.mention.start].strip()
                 and gap[:1].isspace() and not n.place and not _genitive_after(text, n)), None)


def _participle_subject(text: str, name: Name, start: int) -> bool:
    """A genitive name close before the participle in its own clause, or set off by a comma right after its
    ending (a genitive before a comma owns no noun)."""
    rest = text[name.mention.end:start]
    ending = re.match(r"^['’]?\w*", rest)
    after = rest[ending.end():] if ending else rest
    words = len(rest.split())
    if after.startswith(","):
        return words <= 10 and not re.search(r"[,;:.!?]", after[1:])
    return words <= 6 and not re.search(r"[,;:.!?]", rest)


# "X hakkında soruşturma", "Y ile ilgili suç duyurusu", "Z aleyhine dava": the name an investigation,
# accusation or measure is about is its target (elsewhere such a name takes no role: POSTPOSITION).
_ABOUT = re.compile(r"^(?:['’]\w*)?\s+(?:hakkında|hakkinda|hakkındaki|hakkindaki|ile ilgili|aleyhine)(?!\w)")
_ABOUT_KINDS = frozenset({"INVESTIGATE", "DISAPPROVE", "COERCE", "SANCTION"})


def _about_target(text: str, names: list[Name], start: int) -> Name | None:
    """The name before the trigger, in its clause and close by, that an about-postposition governs."""
    for n in reversed(names):
        if n.mention.end > start or n.place:
            continue
        gap = text[n.mention.end:start]
        if _ABOUT.match(gap) and len(gap.split()) <= 8 and not re.search(r"[;:.!?]", gap):
            at = names.index(n)          # "Yılmaz ve Seydioğulları hakkında": the first of the pair leads
            while at > 0 and not names[at - 1].place and _paired(text, names[at - 1], names[at]):
                at -= 1
            return names[at]
    return None


# Verbal negation "-me/-ma" after the stem ("görüşmedi", "reddetmeyecek", "tutuklanmamış"); "görüşme",
# "tutuklamada" are nouns.
_NEGATIVE = re.compile(r"^(?:[iuü]?[ln])?m[ae](?:d[iuü]|y[ae]c[ae][kğ]|m[iuü][sş]|z|y[iuü]p|y[iuü]n|y[ae]n)")


def negated(text: str, start: int, end: int, form: str = "") -> bool:
    """The trigger's verb carries the negative suffix ("görüşmedi", "reddetmeyecek"), or the light verb after
    its noun does ("taviz vermeyen"); not where the lexicon form spells the negative itself: "uygun bulmadı"
    (found it unfit) is a rejection told, not one denied."""
    token = re.match(r"[\w'’]+", text[start + text[start:end].rfind(" ") + 1:])
    word = fold(token.group(0))[0] if token else ""
    last = fold(form.split()[-1].rstrip("*"))[0] if form.split() else ""
    if last and any(_NEGATIVE.match(last[i:]) for i in range(2, len(last) - 2)):
        return False
    # a spelled-out form may hold the negative itself ("görüşmedi"): look after the first three letters
    if any(_NEGATIVE.match(word[i:]) for i in range(3, len(word) - 2)):
        return True
    verb, _ = clause_verb(text, start, end)
    light = fold(verb)[0]
    stem = re.match(r"(?:ed|et|yap|ver|bulun|al|baslat|başlat|duzenle|düzenle|gerçekleştir)", light)
    return verb != (text[start:end].split() or [""])[-1] and bool(stem) and \
        bool(_NEGATIVE.match(light[stem.end():]))



# Inside a noun phrase a case-marked name may stand between the genitive owner and the event noun: "Erdoğan'ın
# Putin ile görüşmesi", "İsrail'in Gazze'ye yönelik saldırıları".
_NP_LINKS = frozenset({"ile", "yönelik", "yonelik", "karşı", "karsi", "dönük", "donuk", "ilişkin", "iliskin", "ve"})


def _owns_noun(text: str, names: list[Name], owner: Name, start: int) -> bool:
    """Only the owner's ending, or marked names with their endings and linking words, between the genitive
    name and the event noun."""
    gap = text[owner.mention.end:start]
    if not gap.split()[1:]:
        return True
    if re.search(r"[,;:.!?“”\"«»()]", gap) or len(gap.split()) > 7:
        return False
    inner = [n for n in names if owner.mention.end <= n.mention.start and n.mention.end <= start]
    if not inner or not all(n.marked and not n.place for n in inner):
        return False
    for n in sorted(inner, key=lambda n: -n.mention.start):       # take the names (and their endings) out
        lo, hi = n.mention.start - owner.mention.end, n.mention.end - owner.mention.end
        gap = gap[:lo] + " " + re.sub(r"^['’]\w*", "", gap[hi:])
    words = gap.split()
    return bool(words) and bool(_TR_GENITIVE.match(words[0])) and \
        all(fold(w)[0] in _NP_LINKS for w in words[1:])


def _genitive_after(text: str, name: Name) -> bool:
    """A name in the genitive owns the noun after it; it is never the subject of a finite verb."""
    words = text[name.mention.end:name.mention.end + 8].split()
    return bool(words) and bool(_TR_GENITIVE.match(words[0]))


# An event noun as the object of the clause's verb: in the accusative ("çağrısını yineledi") or before a light
# verb ("suç duyurusunda bulundu", "çağrı yaptı").
_TR_OBJECT_NOUN = re.compile(r"^\S*(?:[si]n[iuü]|s[iuü]n[iuü]|n[iuü])(?:\s|$)|^\S+\s+(?:bulun|yap|ilet|yinele)")


_TR_QUOTED = re.compile(r"[“\"«][^”\"»]{0,80}[”\"»]")


def _comma_subject(text: str, names: list[Name], start: int) -> tuple[Name | None, Name | None]:
    """"MHP lideri Devlet Bahçeli, Öcalan'a “…” çağrısını yineledi": the name set off by a comma at the head of
    its sentence is the subject of the verb whose object the event noun is; a dative or accusative name between
    them (outside the quotation) is the target."""
    subject = next((n for n in names if n.mention.end <= start and text[n.mention.end:n.mention.end + 1] == ","), None)
    if subject is None or subject.place or subject.marked or subject.oblique or not can_act(subject) or \
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


# "Putin'i aradı", "beni aradı": the verb "ara-" is a phone call only with a person as its object (an accusative
# name or pronoun right before it); "belgeleri aradı", "çıkış yolu arıyor" are searches.
_ACCUSATIVE = re.compile(r"^['’](?:y?[ıiuü]|n[ıiuü])\s+$")
_OBJECT_PRONOUNS = frozenset({"beni", "bizi", "seni", "sizi", "onu", "onları", "kendisini"})


def phoned(text: str, names: list[Name], start: int) -> bool:
    """A person is the object right before "aradı": a name in the accusative or an object pronoun."""
    before = text[max(0, start - 40):start].split()
    if before and fold(before[-1])[0] in {fold(p)[0] for p in _OBJECT_PRONOUNS}:
        return True
    return any(n.mention.end <= start and _ACCUSATIVE.match(text[n.mention.end:start])
               and n.mention.label in ("PER", "ORG") for n in names)


# The question particle after the verb ("görüştü mü?", "vermiş midir?"), or a sentence that ends in a question
# with the trigger in its last clause: the event is asked about, not told.
_QUESTION = re.compile(r"^\s+m[iuü](?:d[iuü]r|yd[iuü]|ym[iuü]ş|s[iuü]n(?:[iuü]z)?|y[iuü]z|y[iuü]m|l[ae]r)?(?!\w)")


# The conditional on the verb ("yasak getirirse", "tutuklanırsa", "ederse", "yapmazsa"): the act is supposed.
_CONDITIONAL = re.compile(r"(?:[iuü]r|[ae]r|m[ae]z|[dt][iuü]|m[iuü]ş|yor|c[ae]k)s[ae](?:m|n|k|n[iuü]z|l[ae]r)?$")


def asked(text: str, start: int, end: int) -> bool:
    """The trigger's clause is a question, or its verb is conditional, or it follows a conditional clause
    ("yasak getirirse CHP sokağa dökülür")."""
    verb, verb_end = clause_verb(text, start, end)
    if _QUESTION.match(fold(text[verb_end:verb_end + 12])[0]) or _CONDITIONAL.search(fold(verb)[0]):
        return True
    if any(len(w) > 4 and _CONDITIONAL.search(w) for w in fold(re.split(r"[.;:!?]", text[:start])[-1])[0].split()):
        return True
    # "Kaçmaz mı vermiştir?": the particle after another word of the clause; a wh-question ("X ile neler
    # konuştum?") takes the event as given
    rest = text[end:].rstrip()
    clause = re.split(r"[.;:!?“”\"«»]", text[:start])[-1] + text[start:]
    return rest.endswith("?") and not re.search(r"[.;:!“”\"«»]", rest[:-1]) and \
        bool(re.search(r"(?<!\w)m[iuü](?:d[iuü]r|yd[iuü])?(?!\w)", fold(clause)[0]))


# "katmak istedi", "görüşmek istiyor": after an infinitive "iste-" is wanting to act oneself, not a demand
# made of anyone ("X'in çekilmesini istedi" is one).
_INFINITIVE = re.compile(r"m[ae]k$")


def wants_to(text: str, start: int) -> bool:
    """The word before "iste-" is an infinitive."""
    before = text[max(0, start - 40):start].split()
    return bool(before) and bool(_INFINITIVE.search(fold(before[-1])[0]))


# "istifasını istedi", "serbest bırakılmasını talep etti", "istifaya çağırdı", "geri çekilmeye davet etti",
# "tutuklama talebiyle / istemiyle": an event noun that is the object of a demand (the dative a call is made to, the
# noun a request names) is asked for, not told as done.
_DEMANDED = re.compile(r"^\S*(?:[iuü]|n[iuü]|s[iuü]n[iuü])\s+(?:iste|talep et|talep ed|talep etti)\w*"
                       r"|^\S*(?:y[ae]|n[ae])\s+(?:çağir|cagir|davet et|davet ed)\w*"   # "istifaya çağırdı"
                       r"|^\S+\s+(?:talep|taleb\w*|istem(?:i|iyle|li|ine))(?!\w)"   # "tutuklama talebiyle, istemiyle"
                       r"|^\S+\s+(?:çağri|cagri)(?:s[iı]\w*|lar\w*)")                  # "görüşme çağrısı", "ateşkes çağrıları"


# A verbless headline: "Erdoğan'dan Esad'a görüşme çağrısı", "Fidan'dan İsrail'e sert tepki": from X (ablative),
# to Y (dative), an event noun last. The ablative is who speaks or acts, the dative whom it is aimed at.
_DATIVE = re.compile(r"^['’](?:y|n)?[ae](?!\w)")
_HEADLINE_WORDS = 10
# Finite verb endings (past, present, future, reported past, aorist, with person): no verbless headline ends in one.
_FINITE = re.compile(r"(?:[dt][iuü](?:lar|ler|m|k|n|niz|nuz)?|yor\w*|[ae]c[ae]k(?:lar|ler)?|m[iuü]ş\w*|[aeiuü]r(?:lar|ler)?)$")


def headline_roles(text: str, names: list[Name], start: int, end: int) -> tuple[Name, Name | None] | None:
    """(actor, target) of the event noun that ends a short verbless headline, from its ablative and dative
    names before it; None where the sentence is longer, goes on after the noun, or has no ablative name."""
    tail = re.fullmatch(r"(\w*)[\s.!?…\"”'’]*", text[end:])
    if len(text.split()) > _HEADLINE_WORDS or tail is None or "," in text[:start] or \
            _FINITE.search(fold(text[start:end] + tail.group(1))[0]):
        return None                  # a sentence with a verb ("Fidan, Moskova'dan dönünce … görüştü")
    source = next((n for n in names if n.ablative and n.mention.end <= start and can_act(n)), None)
    if source is None:
        return None
    aimed = next((n for n in names if source.mention.end <= n.mention.start and n.mention.end <= start
                  and _DATIVE.match(text[n.mention.end:n.mention.end + 5])), None)
    return source, aimed


def demanded(text: str, start: int, end: int) -> bool:
    """The trigger (an event noun in the accusative, or a phrase ending in a verbal noun: "destek vermesini")
    is what the verb after it demands."""
    _, verb_end = clause_verb(text, start, end)
    last = start + max(text[start:verb_end].rstrip().rfind(" ") + 1, 0)
    return bool(_DEMANDED.match(fold(text[last:verb_end + 30])[0]))


# "X'i hedef aldı" is an attack in war news and a verbal attack in politics: it is an accusation only where its
# sentence names what was said (a statement, question, speech, post), else it is left uncoded.
_SPEECH = re.compile(r"(?<!\w)(?:aciklama|söz|soru|konusma|paylasim|tweet|tivit|yazi|mesaj|demec|ifade|elestiri)\w*")


def in_words(text: str) -> bool:
    """The sentence tells of something said."""
    return bool(_SPEECH.search(fold(text)[0].replace("ç", "c").replace("ş", "s")))


# Turkish "-sız/-siz" ("without"): "çatışmasızlık" is the absence of fighting.
PRIVATIVE = re.compile(r"s[iuü]z(?:l[iuü]k\w*)?$")


# "teröristlerce yapılan saldırı", "PKK'lı teröristler saldırdı": violence by terrorists is ASSAULT, not war between
# armies; but a terror word before a passive with no agent suffix names who undergoes it ("3 terörist etkisiz hale
# getirildi": a military operation).
_TERROR = re.compile(r"ter[oö]r\w*", re.IGNORECASE)


def by_terrorists(text: str, start: int, end: int) -> bool:
    """A terror word close before the trigger (or in it) names who attacks."""
    found = list(_TERROR.finditer(fold(text[max(0, start - 40):end])[0]))
    if not found:
        return False
    verb, _ = clause_verb(text, start, end)
    return not is_passive(fold(verb)[0]) or any(re.search(r"(?:[cç][ae]|tarafından)$", m.group(0))
                                                 for m in found) or "tarafından" in text[max(0, start - 40):start]
