"""Dates scored on the realtext dev gold (`gold/realtext/<lang>.yaml`, layer `dates`).

Each gold date is a span of the article's gold text and the interval it names ([start, end), end exclusive; null,
null when it cannot be placed). The times extraction runs on the whole gold text with the article's language and
its publication date as the anchor, exactly as the pipeline dates a document (`times.date_document`).

Measures, per language and overall:
- date precision: share of predicted dates that overlap a gold date span AND name the same interval (day-exact
  boundaries; a prediction without an interval matches only a gold date without one);
- "is a date" precision: share of predicted dates that overlap any gold date span;
- recall: share of gold dates overlapped by a prediction, and by one with the same interval.
Hits below `times.CONFIDENT` (0.5) are uncertain: kept with a note but left out of timelines and event dates,
so they are counted apart ("uncertain"), not as predictions.
Every wrong or missed date is listed with its text, so errors can be read, not just counted.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DragomanError
from .realtext import DEFAULT_ROOT, LANGS, load_gold


def _interval(hit) -> tuple[str | None, str | None]:
    if hit.begin is None or hit.end_dt is None:
        return None, None
    return hit.begin.date().isoformat(), hit.end_dt.date().isoformat()


def _gold_interval(row: list[Any]) -> tuple[str | None, str | None]:
    def iso(v: Any) -> str | None:
        if v in (None, ""):
            return None
        return v.isoformat() if isinstance(v, date) else str(v)
    return iso(row[2]), iso(row[3])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_article(text: str, lang: str, published, gold_rows: list[list[Any]]) -> dict[str, Any]:
    """Counts and the errors of one article. Uncertain hits (confidence below 0.5: kept with a note, left out
    of timelines and event dates) are counted apart, not as predictions."""
    from ..times import CONFIDENT, date_document
    found = date_document(text, lang, published)
    hits = [h for h in found if h.confidence >= CONFIDENT]
    gold = [((r[0], r[1]), _gold_interval(r)) for r in gold_rows]
    out = {"predicted": len(hits), "is_date": 0, "right": 0, "gold": len(gold), "found": 0, "found_right": 0,
           "uncertain": len(found) - len(hits), "errors": []}
    for h in hits:
        span, interval = (h.start, h.end), _interval(h)
        over = [g for g in gold if _overlaps(span, g[0])]
        if over:
            out["is_date"] += 1
        if any(g[1] == interval for g in over):
            out["right"] += 1
        else:
            why = f"gold {over[0][1][0]}..{over[0][1][1]}" if over else "not a gold date"
            out["errors"].append(f"wrong   {h.text!r} → {interval[0]}..{interval[1]} ({h.rule}; {why})")
    for span, interval in gold:
        over = [h for h in hits if _overlaps(span, (h.start, h.end))]
        if over:
            out["found"] += 1
        if any(_interval(h) == interval for h in over):
            out["found_right"] += 1
        elif not over:
            out["errors"].append(f"missed  {text[span[0]:span[1]]!r} (gold {interval[0]}..{interval[1]})")
    return out


def _ratios(c: dict[str, int]) -> dict[str, Any]:
    def div(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None
    return {"articles": c["articles"], "predicted": c["predicted"], "gold": c["gold"], "uncertain": c["uncertain"],
            "date_precision": div(c["right"], c["predicted"]), "is_date_precision": div(c["is_date"], c["predicted"]),
            "recall": div(c["found"], c["gold"]), "right_recall": div(c["found_right"], c["gold"])}


def evaluate(root: Path = DEFAULT_ROOT, langs: tuple[str, ...] = LANGS, gold_dir: Path | None = None) -> dict[str, Any]:
    """Score every language that has gold articles; a language without gold is listed as such."""
    if not Path(root).is_dir():
        raise DragomanError(f"{root}: no realtext-dev folder (expected ../shared/realtext-dev)")
    started = time.perf_counter()
    keys = ("articles", "predicted", "is_date", "right", "gold", "found", "found_right", "uncertain")
    total = dict.fromkeys(keys, 0)
    languages: dict[str, Any] = {}
    errors: dict[str, list[str]] = defaultdict(list)
    for lang in langs:
        records = load_gold(lang, Path(root), gold_dir=gold_dir, layer="dates")
        if not records:
            languages[lang] = None
            continue
        counts = dict.fromkeys(keys, 0)
        for article, record in records:
            result = score_article(article.text, article.lang, article.published, record.get("dates") or [])
            counts["articles"] += 1
            for k in keys[1:]:
                counts[k] += result[k]
            errors[lang].extend(f"{article.file}: {e}" for e in result["errors"])
        for k in keys:
            total[k] += counts[k]
        languages[lang] = _ratios(counts)
    return {"languages": languages, "overall": _ratios(total), "errors": dict(errors),
            "seconds": round(time.perf_counter() - started, 2)}


def format_text(result: dict[str, Any], show_errors: bool = False) -> str:
    def pct(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:.1%}"

    lines = ["times on realtext gold: date precision (right interval) / is-a-date precision / recall "
             f"(overlap, right interval)   [{result['seconds']} s]"]
    for lang, row in [*result["languages"].items(), ("all", result["overall"])]:
        if row is None:
            lines.append(f"  {lang}: no gold articles yet")
            continue
        lines.append(f"  {lang:>3}: {row['articles']:>2} articles, {row['predicted']:>3} predicted, {row['gold']:>3} gold"
                     f"   precision {pct(row['date_precision'])} / {pct(row['is_date_precision'])}"
                     f"   recall {pct(row['recall'])} / {pct(row['right_recall'])}   ({row['uncertain']} uncertain)")
    if show_errors:
        for lang, errs in result["errors"].items():
            lines.extend(f"  ! {lang} {e}" for e in errs)
    return "\n".join(lines)
