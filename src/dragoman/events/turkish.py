"""Turkish roles for the lexicon coder (`multilingual.py`): case endings (accusative and dative mark the target,
the ablative is whence, the genitive owns a noun), voice (a passive's subject is its target, only an agent
"-ce/-ca, tarafından" or an instrumental act noun acts) and postpositions that take a name out of the roles."""

from __future__ import annotations

import re

from .participants import Name, can_act, fold

CASE_SUFFIX = re.compile(r"^['’](?:y?[ıiuü]|y?[ae]|n[ıiuüae])(?!\w)")   # Turkish accusative / dative after a name


# Turkish postpositions after a name (its case ending first): "CHP konusunda", "Öcalan hakkında", "X için".
POSTPOSITION = re.compile(r"^(?:['’]\w*)?\s+(?:konusunda|hakkında|hakkinda|için|icin|gibi|kadar|yüzünden|"
                          r"yuzunden|nedeniyle|ile ilgili|dolayısıyla|dolayisiyla|sayesinde)(?!\w)")


# "Öcalan'ın çağrısını destekledi": a genitive owning the object (an accusative noun) is what the act is about.
OBJECT_OWNER = re.compile(r"^'n?[iuü]n\s+\w+(?:s[iuü]n[iuü]|[iuü]n[iuü])(?!\w)")


# The ablative after a name ("İran'dan", "Bakanlığı'ndan"): whence, or from whom a demand is made.
ABLATIVE = re.compile(r"^'n?[dt][ae]n(?!\w)")


# Turkish voice and word class, read from the trigger's last word: passive (-il-, -in-, -n-: "tahliye edildi",
# "tutuklandı", "öldürüldü"), finite or participle verb endings, else a noun ("operasyonu", "çağrısına").
_TR_PASSIVE = re.compile(r"(?:edil|[a-z](?:il|ıl|ul|ül|an|en|ın|in|un|ün))(?:d|m|ir|ır|ur|ür|ecek|acak|en|an|e|a)",
                         re.IGNORECASE)


_TR_VERB = re.compile(r"(?:d[ıiuü]|t[ıiuü]|m[ıiuü]ş|yor|[ae]c[ae]k|[ae]n|d[ıiuü]ğ|t[ıiuü]ğ|[ıiuü]r|[ae]r)"
                      r"(?:[ıiuü]|t[ıiuü]|d[ıiuü])?(?:lar|ler|m|n|k|n[ıiuü]z|s[ıiuü])?(?:[ıiuü]n[ıiuü]|[ıiuü]|na|ne)?$",
                      re.IGNORECASE)


# A participle or verbal noun ("görüştüğü", "ettiğini", "yaptığımız"): a relative or complement clause.
_TR_PARTICIPLE = re.compile(r"[dt][ıiuü]ğ[ıiuü]\w*$", re.IGNORECASE)


# A name in the genitive ("Bahçeli'nin çağrısı") owns the noun after it; "-ce/-ca" and "tarafından" mark the agent.
_TR_GENITIVE = re.compile(r"^(?:['’]?n?[ıiuü]n|['’]?[ıiuü]n|['’]n[ıiuü]n)(?!\w)")


# "İsrail suikastıyla öldürüldü", "Yargıtay kararıyla tahliye edildi": a name before an act or decision noun in
# the instrumental is the agent of the passive that follows.
_TR_INSTRUMENT_AGENT = re.compile(r"^(?:'\w+)?\s+(?:suikast|saldiri|karar|emr|talimat|operasyon|bombardiman)\w*?"
                                  r"(?:[iuü]?y?l[ae])(?!\w)")


_TR_AGENT = re.compile(r"^\w*['’]?\w*?(?:[cç][ae])(?!\w)|^\S*\s+tarafından", re.IGNORECASE)


def turkish_roles(text: str, names: list[Name], actor: Name | None, target: Name | None, start: int,
                   end: int) -> tuple[Name | None, Name | None]:
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
    if _TR_PARTICIPLE.search(last.casefold()):
        # "DEM Parti'nin CHP ile görüştüğü gün": a participle's subject is in the genitive; a name set off
        # before it ("Bahçeli, DEM Parti'ye, CHP ile görüştüğü gün … uyardı") is the main verb's subject
        owner = next((n for n in reversed(names) if n.mention.end <= start and not n.place
                      and _TR_GENITIVE.match(text[n.mention.end:n.mention.end + 6].split()[0] if
                                             text[n.mention.end:n.mention.end + 6].split() else "")
                      and len(text[n.mention.end:start].split()) <= 6
                      and not re.search(r"[,;:.!?]", text[n.mention.end:start])), None)
        return owner, (None if target is owner else target)
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
    if actor is not None and _genitive_after(text, actor):
        actor = None                 # "Erdoğan'ın danışmanı Esad ile görüştü": the adviser met, not Erdoğan
    return actor, target


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


# Turkish "-sız/-siz" ("without"): "çatışmasızlık" is the absence of fighting.
PRIVATIVE = re.compile(r"s[iuü]z(?:l[iuü]k\w*)?$")
