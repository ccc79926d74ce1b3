"""Events scored on the realtext dev gold (`gold/realtext/<lang>.yaml`, layers `events` and `negatives`).

Each annotated article's gold text goes through the pipeline's own stages (all but `extract`: the gold text
is the input) with its language and publication date, and its events are compared with the gold:

- a coded event *matches* a gold event when its trigger overlaps the gold trigger (an event coded on the English
  rendering has no position: it matches a gold trigger inside its sentence);
- *type right*: the coded type is the gold type, or the act a framing event is about ("promised to supply
  aid" coded AGREE about AID, gold AID planned);
- a role is *right* when both are empty, or the coded name matches the gold span's text or the canonical name
  of a mention over it: `eval.events.actor_match` (token Jaccard >= 0.5 or the same head word), or the same
  after folding, dropping function words of every language and cutting each word to its first five letters
  (Turkish and Arabic endings, Russian cases), with Jaccard >= 0.5 or one name's words all inside the other's
  ("Ираклий Кобахидзе" in "премьер-министр Грузии Ираклий Кобахидзе");
- **precision**: of the events the coder *assigns* (actor and, where the type needs one, target established:
  what may enter the timeline and the brief), the share that match a gold event with type, actor and target
  right; an assigned event no gold event matches counts as wrong. Type precision over every coded event is
  shown beside it;
- **main-event recall**: of the gold events marked `main`, the share some coded event matches with the type
  right (roles not required: that is what precision measures);
- **negative precision**: of the gold sentences that report no event, the share where no assigned event has
  its trigger (coded events left unassigned are shown too).

Every figure is given for the dev half (rules are tuned on it), the held-out test half and all articles
(`realtext.split_of`: by file name).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import DragomanError
from ..model import Document, Event
from ..text.normalize import fold
from .events import actor_match
from .realtext import DEFAULT_ROOT, LANGS, SPLITS, Article, gold_path, load_gold, split_of

FACT_STATUSES = ("happened",)


def run_articles(articles: list[Article], settings=None) -> list[Document]:
    """The pipeline's stages (all but extract) over each article's gold text, language and date."""
    from ..pipeline import plan, process
    from ..settings import Settings
    settings = settings or Settings()
    stages = plan(settings, disable=("extract",))
    docs = [Document(id=f"realtext-{i}", source="realtext-dev", text=a.text, language=a.lang,
                     published=a.published, meta={"language_forced": a.lang, "path": a.file})
            for i, a in enumerate(articles)]
    done: dict[str, Document] = {}
    for outcomes in process(iter(docs), stages, settings, workers=1, batch_size=8):
        for outcome in outcomes:
            done[outcome.doc.id] = outcome.doc
    return [done[d.id] for d in docs]


def _trigger(doc: Document, event: Event) -> tuple[int, int] | None:
    if event.via is not None or not event.trigger:
        return None
    at = doc.text.find(event.trigger, event.span.start, event.span.end)
    return (at, at + len(event.trigger)) if at >= 0 else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentence_of(doc: Document, at: int) -> tuple[int, int]:
    for s in doc.sentences:
        if s.span.start <= at < s.span.end:
            return s.span.start, s.span.end
    return at, at + 1


def _matches(doc: Document, event: Event, gold: dict[str, Any]) -> bool:
    where = _trigger(doc, event)
    g = tuple(gold["trigger"])
    if where is not None:
        return _overlap(where, g)
    return _overlap(_sentence_of(doc, event.span.start), g)


def _type_right(event: Event, gold: dict[str, Any]) -> bool:
    return gold["type"] in (event.value, event.act)


def _gold_names(doc: Document, span: list[int] | None) -> list[str]:
    if not span:
        return []
    names = [doc.text[span[0]:span[1]]]
    names += [m.value for m in doc.mentions if m.span.start < span[1] and span[0] < m.span.end]
    return [n for n in dict.fromkeys(names) if n]


_FUNCTION = frozenset("""и в во на с со по к у о об из за от до для а но или не ни же ли the of and in on at for to
et de du des la le les l d un une en au aux à ou ve ile bir bu da de ki için ya و في من على الى إلى عن مع ثم أو او""".split())
_ARABIC_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?(?=\w{3})")


def _stems(name: str) -> set[str]:
    words = [w for w in re.findall(r"\w+", fold(name)) if w not in _FUNCTION]
    return {_ARABIC_CLITIC.sub("", w)[:5] for w in words}


def _names_match(coded: str, gold: str) -> bool:
    if actor_match(coded, gold):
        return True
    a, b = _stems(coded), _stems(gold)
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= 0.5 or a <= b or b <= a


def _role_right(doc: Document, coded: list[str], span: list[int] | None) -> bool:
    gold = _gold_names(doc, span)
    if not gold or not coded:
        return not gold and not coded
    return any(_names_match(c, g) for c in coded for g in gold)


def _fully_right(doc: Document, event: Event, gold: dict[str, Any]) -> bool:
    return _type_right(event, gold) and _role_right(doc, event.actors, gold.get("actor")) and \
        _role_right(doc, event.targets, gold.get("target"))


def score_article(doc: Document, record: dict[str, Any]) -> dict[str, Any]:
    """Counts and per-event rows for one article."""
    golds = record.get("events") or []
    rows = []
    counts: Counter = Counter()
    for event in doc.events:
        matched = [g for g in golds if _matches(doc, event, g)]
        right = any(_fully_right(doc, event, g) for g in matched)
        typed = any(_type_right(event, g) for g in matched)
        counts["coded"] += 1
        counts["type_right"] += typed
        if event.assigned:
            counts["assigned"] += 1
            counts["assigned_right"] += right
        rows.append({"trigger": event.trigger, "type": event.value, "act": event.act, "status": event.status,
                     "assigned": event.assigned, "actors": event.actors, "targets": event.targets,
                     "matched": bool(matched), "type_right": typed, "right": right})
    for gold in golds:
        if gold.get("main"):
            counts["main"] += 1
            counts["main_found"] += any(_matches(doc, e, gold) and _type_right(e, gold) for e in doc.events)
    for span in record.get("negatives") or []:
        if not span:
            continue
        inside = [e for e in doc.events if (t := _trigger(doc, e)) is not None and span[0] <= t[0] < span[1]]
        counts["negatives"] += 1
        counts["negatives_clean"] += not any(e.assigned for e in inside)
        counts["negatives_empty"] += not inside
    return {"counts": counts, "rows": rows}


def evaluate(root: Path = DEFAULT_ROOT, langs: tuple[str, ...] = LANGS, *, details: bool = False,
             settings=None, split: str = "all") -> dict[str, Any]:
    """Score every language with a gold file, per half (`split`: dev, test, or all for both halves and their
    sum); raises when no language has one."""
    if split not in (*SPLITS, "all"):
        raise DragomanError(f"split {split!r}: give dev, test or all")
    started = time.perf_counter()
    result: dict[str, Any] = {"languages": {}, "split": split}
    for lang in langs:
        if not gold_path(lang).is_file():
            continue
        pairs = [(a, r) for a, r in load_gold(lang, root, layer="events") if split in ("all", split_of(a.file))]
        if not pairs:
            continue
        docs = run_articles([a for a, _ in pairs], settings)
        totals: dict[str, Counter] = {half: Counter() for half in SPLITS}
        articles = []
        for (article, record), doc in zip(pairs, docs):
            scored = score_article(doc, record)
            totals[split_of(article.file)].update(scored["counts"])
            if details:
                articles.append({"file": article.file, "split": split_of(article.file), **scored,
                                 "counts": dict(scored["counts"])})
        halves = {half: _summary(totals[half]) | {"articles": sum(split_of(a.file) == half for a, _ in pairs)}
                  for half in SPLITS if split in ("all", half)}
        both = _summary(totals["dev"] + totals["test"]) if split == "all" else dict(halves[split])
        result["languages"][lang] = both | {"splits": halves} | ({"articles": articles} if details else {})
    if not result["languages"]:
        raise DragomanError(f"no realtext gold for {', '.join(langs)} under {gold_path('xx').parent} "
                            f"(or no articles in it); see dragoman/eval/realtext.py")
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _rate(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _summary(c: Counter) -> dict[str, Any]:
    return {"coded": c["coded"], "assigned": c["assigned"],
            "precision": _rate(c["assigned_right"], c["assigned"]),
            "type_precision": _rate(c["type_right"], c["coded"]),
            "main_recall": _rate(c["main_found"], c["main"]), "main_events": c["main"],
            "negative_precision": _rate(c["negatives_clean"], c["negatives"]),
            "negative_no_event": _rate(c["negatives_empty"], c["negatives"]), "negatives": c["negatives"]}


def format_text(result: dict[str, Any]) -> str:
    def pct(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:6.1%}"

    def row(name: str, r: dict[str, Any]) -> str:
        return (f"  {name:<9} {pct(r['precision'])}     {r['assigned']:>4}/{r['coded']:<5}   "
                f"{pct(r['type_precision'])}     {pct(r['main_recall'])}      {r['main_events']:>4}     "
                f"{pct(r['negative_precision'])}        {pct(r['negative_no_event'])}   {r['negatives']}")

    lines = [f"events on realtext-dev ({result['seconds']} s; dev = tuned on, test = held out)",
             "  lang/half  precision  (of assigned)  type prec.  main recall  (of main)  negatives clean  (no event)  n"]
    for lang, r in result["languages"].items():
        for half, h in r["splits"].items():
            lines.append(row(f"{lang} {half}", h))
        if len(r["splits"]) > 1:
            lines.append(row(f"{lang} all", r))
    return "\n".join(lines)
