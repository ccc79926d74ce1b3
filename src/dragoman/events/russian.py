"""Russian roles from natasha's syntax parser (Universal Dependencies; the shared rules are in `syntax.py`).
"по лагерю", "против Израиля", "с Хафтаром" lead to the target; "в"/"на" only for motion, strikes and visits
("вошли в Алеппо" is accusative); a bare genitive after an event noun ("наступление повстанцев") is its actor.

The parser loads on first use, once per process, over the navec embeddings the Russian NER already holds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .syntax import Grammar, Parse, Role, Token, roles as syntax_roles
from .types import MentionRef

__all__ = ["Role", "roles", "parse"]

TARGET_PREPS = ("против", "по", "с", "со", "на", "в", "во", "к", "ко", "у", "из")   # "из": what is withdrawn from
PRONOUNS = frozenset({"он", "она", "оно", "они", "его", "её", "ее", "их", "мы", "я", "вы", "ты", "который",
                      "которая", "которые", "которое", "это", "кто"})
# Verbs that carry an event noun ("провёл переговоры", "нанесла удар", "начали наступление"); under any other
# verb ("связывал первую поездку Евкурова с …") the noun names an event told elsewhere, not a new one.
LIGHT_VERBS = ("провод", "провел", "провёл", "провести", "провед", "нанес", "нанёс", "нанос", "соверш",
               "нача", "начин", "продолж", "вед", "вёл", "вел", "осуществ", "предприн", "устро", "организ", "объяв",
               "открыл", "открыв", "запуст", "возобнов")


def _locative(tok: Token, prep: str) -> bool:
    """"в Сирии", "на востоке", "из Москвы": where it happened or whence ("вошли в Алеппо" is accusative:
    whither); a deployment or a withdrawal takes these as its target."""
    return prep == "из" or (prep in ("в", "во", "на", "у") and tok.feats.get("Case") != "Acc")


GRAMMAR = Grammar(TARGET_PREPS, _locative, PRONOUNS, LIGHT_VERBS,
                  acts=("удар", "авиаудар", "атак", "обстрел", "помощ", "поддержк"), genitive_actor=True,
                  leader_words=("глав",), place_preps=("в", "во", "на", "из"),
                  reporting=("сообщ", "заяв", "сказал", "отметил", "добавил", "пишет", "написал", "рассказ",
                             "подчеркн", "уточн", "передает", "передаёт"))


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any, Any]:
    from natasha import NewsMorphTagger, NewsSyntaxParser, Segmenter

    from ..ner.russian import embedding
    vectors = embedding()              # the NER's navec vectors: loaded once for both
    return Segmenter(), NewsSyntaxParser(vectors), NewsMorphTagger(vectors)


@lru_cache(maxsize=256)
def parse(text: str) -> Parse:
    from natasha import Doc
    segmenter, syntax, morph = _models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.parse_syntax(syntax)
    doc.tag_morph(morph)
    return Parse(text, [Token(t.id, t.head_id, t.rel, t.pos, t.text, t.start, t.stop, dict(t.feats or {}))
                        for t in doc.tokens])


def object_is_person(text: str, start: int, end: int) -> bool:
    """Whether the verb at [start, end) of `text` has a direct object that is animate: a person or people
    ("выдала России подозреваемого", "выдал Мохаммеда Дейфа"), not a thing ("выдал ордер", "выдал санкцию")."""
    parsed = parse(text)
    verbs = [t for t in parsed.tokens if t.start < end and start < t.stop]
    ids = {t.id for t in verbs}
    objects = [t for t in parsed.tokens if t.head_id in ids and t.rel == "obj"]
    return any(t.feats.get("Animacy") == "Anim" for t in objects)


def roles(text: str, start: int, end: int, mentions: list[MentionRef], *, visit: bool = False,
          motion: bool = False) -> tuple[list[Role], Role | None]:
    """(actors, target) of the trigger at [start, end) of the Russian sentence `text`."""
    return syntax_roles(parse(text), GRAMMAR, start, end, mentions, visit=visit, motion=motion)
