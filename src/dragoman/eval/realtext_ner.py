"""The entity layer of the realtext dev gold (`gold/realtext/<lang>.yaml`) scored against the pipeline.

Each annotated article's gold text goes through the same stages a workspace runs (segment, then entities, with
the article's language forced and its publication date set), so what is scored is exactly what the analyst
would see. Two figures per label: exact spans (start, end and label all equal) and overlap (a found name
that overlaps a gold name of the same label counts for precision, a gold name overlapped by a found one of the
same label counts for recall). PER+ORG is the pair the targets are set on; MISC is not annotated and is left out.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterable

from ..errors import DragomanError
from .ner import Gold, _prf
from .realtext import DEFAULT_ROOT, LANGS, Article, load_gold

LABELS = ("PER", "ORG", "LOC")
GROUPS = {"PER+ORG": ("PER", "ORG"), "all": LABELS}
STAGES = ("segment", "entities")


def pipeline_spans(articles: list[Article], settings: Any = None) -> list[list[Gold]]:
    """(start, end, label) of every mention the entities stage finds in each article's gold text."""
    from ..model import Document
    from ..pipeline import Worker, plan
    from ..settings import Settings
    settings = settings or Settings()
    worker = Worker(plan(settings, only=STAGES), settings)
    out = []
    for article in articles:
        doc = Document(id=article.file, source="realtext-dev", text=article.text, language=article.lang,
                       published=article.published, meta={"language_forced": article.lang})
        outcome = worker.process_one(doc)
        if outcome.failed:
            raise DragomanError(f"{article.file}: the pipeline failed ({outcome.events[-1][2]})")
        out.append([(m.span.start, m.span.end, m.label) for m in outcome.doc.mentions])
    return out


def _overlap_counts(gold: list[Gold], pred: list[Gold], label: str) -> tuple[int, int, int, int]:
    """(found names that hit a gold name, found names, gold names hit, gold names) for one label."""
    g = [s for s in gold if s[2] == label]
    p = [s for s in pred if s[2] == label]
    hit_p = sum(any(a < y and x < b for x, y, _ in g) for a, b, _ in p)
    hit_g = sum(any(a < y and x < b for x, y, _ in p) for a, b, _ in g)
    return hit_p, len(p), hit_g, len(g)


def score(pairs: Iterable[tuple[list[Gold], list[Gold]]]) -> dict[str, Any]:
    """Exact and overlap P/R/F1 per label and per group (PER+ORG, all)."""
    pairs = list(pairs)
    exact = {label: [0, 0, 0] for label in LABELS}        # tp, fp, fn
    overlap = {label: [0, 0, 0, 0] for label in LABELS}   # hit_p, p, hit_g, g
    for gold, pred in pairs:
        g = {s for s in gold if s[2] in exact}
        p = {s for s in pred if s[2] in exact}
        for s in g & p:
            exact[s[2]][0] += 1
        for s in p - g:
            exact[s[2]][1] += 1
        for s in g - p:
            exact[s[2]][2] += 1
        for label in LABELS:
            for i, n in enumerate(_overlap_counts(sorted(g), sorted(p), label)):
                overlap[label][i] += n
    out: dict[str, Any] = {}
    for name, labels in {**{label: (label,) for label in LABELS}, **GROUPS}.items():
        tp, fp, fn = (sum(exact[label][i] for label in labels) for i in range(3))
        hp, np_, hg, ng = (sum(overlap[label][i] for label in labels) for i in range(4))
        row = _prf(tp, fp, fn)
        op = hp / np_ if np_ else 0.0
        orr = hg / ng if ng else 0.0
        row["overlap"] = {"precision": round(op, 4), "recall": round(orr, 4),
                          "f1": round(2 * op * orr / (op + orr), 4) if op + orr else 0.0}
        out[name] = row
    return out


def errors(article: Article, gold: list[Gold], pred: list[Gold]) -> list[str]:
    """Readable misses and false names of one article (for tuning; never written to the repo)."""
    g, p = set(gold), set(pred)
    lines = [f"  FP {s[2]} {article.text[s[0]:s[1]]!r} @{s[0]}" for s in sorted(p - g) if s[2] in LABELS]
    lines += [f"  FN {s[2]} {article.text[s[0]:s[1]]!r} @{s[0]}" for s in sorted(g - p)]
    return lines


def evaluate(root: Path | str = DEFAULT_ROOT, langs: Iterable[str] = LANGS, *, settings: Any = None,
             show: bool = False) -> dict[str, Any]:
    """Score every language that has gold articles; a language without gold is listed as such."""
    root = Path(root)
    if not root.is_dir():
        raise DragomanError(f"{root}: realtext-dev folder not found; pass --root ../shared/realtext-dev")
    out: dict[str, Any] = {"root": str(root), "languages": {}}
    for lang in langs:
        if lang not in LANGS:
            raise DragomanError(f"no realtext gold for language {lang!r}; there are {', '.join(LANGS)}")
        records = load_gold(lang, root, layer="entities")
        rows = [(a, [tuple(e[:3]) for e in r.get("entities") or []]) for a, r in records]
        if not rows:
            out["languages"][lang] = {"articles": 0}
            continue
        started = time.perf_counter()
        found = pipeline_spans([a for a, _ in rows], settings)
        result = score((g, p) for (_, g), p in zip(rows, found))
        result.update(articles=len(rows), seconds=round(time.perf_counter() - started, 2))
        if show:
            result["errors"] = {a.file: errors(a, g, p) for (a, g), p in zip(rows, found)}
        out["languages"][lang] = result
    return out


def format_text(result: dict[str, Any]) -> str:
    lines = [f"realtext NER ({result['root']}): exact spans, overlap in brackets"]
    for lang, r in result["languages"].items():
        if not r.get("articles"):
            lines.append(f"{lang}: no gold articles yet")
            continue
        lines.append(f"{lang} ({r['articles']} articles, {r['seconds']} s):")
        lines.append(f"  {'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'found':>5}   overlap P / R / F1")
        for name in (*LABELS, *GROUPS):
            m = r[name]
            o = m["overlap"]
            lines.append(f"  {name:<8} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['gold']:5d} "
                         f"{m['predicted']:5d}   {o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f}")
        for file, rows in (r.get("errors") or {}).items():
            if rows:
                lines.append(f"  {file}")
                lines.extend(rows)
    return "\n".join(lines)
