"""`EventCoder`: PLOVER events in sentences of any supported language, built once per worker."""

from __future__ import annotations

import re

from dataclasses import replace

from .noise import inside_noise, is_noise_line, noise_spans
from .types import ONE_PARTY, EventHit, MentionRef, SentenceInput

LANGUAGES = ("en", "ar", "ru", "tr", "fr")
# Runs of capitalised words (with name particles), and capitalised articles that start sentences, not names.
_UPPER = "A-ZÀ-ÞА-ЯЁÇĞİÖŞÜ"
_CAPITALISED = re.compile(rf"(?<![\w'’])[{_UPPER}][\w'’-]*"
                          rf"(?:\s+(?:(?:de|du|des|al|el|bin|ben|ibn|von|van|la)\s+)?[{_UPPER}][\w-]*)*")
_SUBJECT_NEXT = re.compile(r",|\s+(?:ve|и|et|and)\s", re.IGNORECASE)
_LEADING_WORDS = {"le", "la", "les", "un", "une", "l", "en", "au", "dans", "selon", "bu", "bir", "ve", "в", "на",
                  "по", "и"}
# Term-base kinds that can take part in an event, as mention labels.
_KIND_LABELS = {"person": "PER", "organisation": "ORG", "unit": "ORG", "place": "LOC", "facility": "LOC"}


class EventCoder:
    """Codes sentences into PLOVER events. English uses the dependency parse; Arabic, Russian, Turkish and
    French use trigger lexicons and word order. Everything heavy loads on first use, once per process."""

    def __init__(self) -> None:
        self._english = None

    def code(self, sentences: list[SentenceInput], lang: str) -> list[EventHit]:
        """Every event found; `EventHit.sentence` is the index of its sentence in `sentences`.
        A non-English sentence without mentions gets its names from the term base and capitalisation.
        Bylines, credits and citation lines give no events, nor do triggers inside addresses, slugs and
        hashtags; each event says whether its roles are established (`assigned`)."""
        lang = (lang or "en").split("-")[0].lower()
        if lang == "en":
            if self._english is None:
                from .english import EnglishCoder
                self._english = EnglishCoder()
            # Only a sentence with a trigger word can give an event: the noise checks below need not read the
            # others (most of a page), which go on as empty sentences and are skipped like noise lines.
            sentences = [s if s.text.strip() and self._english.needs_parse(s.text) else SentenceInput("", s.offset)
                         for s in sentences]
        keep = [bool(s.text) and not is_noise_line(s.text) for s in sentences]
        sentences = [s if not k else _without_noise(s) for s, k in zip(sentences, keep)]
        sentences = [s if s.mentions or lang == "en" or not k else _with_termbase_mentions(s, lang)
                     for s, k in zip(sentences, keep)]
        if lang == "en":
            hits = self._english.code([s if k else SentenceInput("", s.offset) for s, k in zip(sentences, keep)],
                                      filtered=True)
        elif lang in LANGUAGES:
            from .multilingual import code_sentence
            war = lang == "ar" and _war_article([s.text for s, k in zip(sentences, keep) if k])
            hits = [hit for i, s in enumerate(sentences) if keep[i] for hit in code_sentence(s, lang, i, war)]
        else:
            return []
        return [assign(h) for h in hits if not inside_noise(sentences[h.sentence].text, h.trigger_start,
                                                             h.trigger_end)]

    @staticmethod
    def top(hits: list[EventHit]) -> EventHit | None:
        """The event the coder is surest of (the first one on a tie)."""
        return max(hits, key=lambda h: (h.confidence, -h.sentence, -h.trigger_start), default=None)


def _with_termbase_mentions(sentence: SentenceInput, lang: str) -> SentenceInput:
    """Names of people, organisations and places from the term base, with their canonical English; in scripts
    with capitals, other capitalised word runs as MISC names ("Dbeybe, Erdoğan ile ... görüştü")."""
    from ..vocab.termbase import TermBase
    text = sentence.text
    found = TermBase.load_default().find(text, lang)
    mentions = [MentionRef(m.start, m.end, _KIND_LABELS[m.term.kind], m.term.english)
                for m in found if m.term.kind in _KIND_LABELS]
    if lang != "ar":
        for match in _CAPITALISED.finditer(text):
            start, end = match.span()
            first_word = not text[:start].strip()
            if first_word and " " not in match.group(0) and not _SUBJECT_NEXT.match(text, end):
                continue                 # a first word is capitalised anyway, unless "X," or "X and" follows
            if match.group(0).lower() in _LEADING_WORDS or any(m.start < end and start < m.end for m in mentions):
                continue
            mentions.append(MentionRef(start, end, "MISC"))
    if not mentions:
        return sentence
    return SentenceInput(text, sentence.offset, sorted(mentions, key=lambda m: m.start))


def assign(hit: EventHit) -> EventHit:
    """Mark whether the event's roles are established: an actor, and a target unless the type stands with an
    actor alone. An unassigned event keeps its type but is never told as a fact."""
    actors = [a for a in hit.actors if a and a.strip()]
    targets = [t for t in hit.targets if t and t.strip() and t not in actors]
    assigned = bool(actors) and (bool(targets) or hit.type in ONE_PARTY)
    return replace(hit, assigned=assigned) if assigned != hit.assigned else hit


def _war_article(texts: list[str]) -> bool:
    """Whether an Arabic article tells only of war (document context for a killing told with no means); only
    an article that tells of a killing (قتل) is read for it."""
    if not any("قتل" in t for t in texts):
        return False
    from .arabic_kinds import war_article
    from .participants import fold
    return war_article([fold(t)[0] for t in texts])


def _without_noise(sentence: SentenceInput) -> SentenceInput:
    """The sentence without the names found inside its addresses, slugs and hashtags."""
    spans = noise_spans(sentence.text)
    if not spans or not sentence.mentions:
        return sentence
    kept = [m for m in sentence.mentions if not any(s <= m.start and m.end <= e for s, e in spans)]
    return SentenceInput(sentence.text, sentence.offset, kept)
