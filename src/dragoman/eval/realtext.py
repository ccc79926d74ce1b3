"""Dev golds on ../shared/realtext-dev: real articles no one here wrote, annotated by us as offsets only.

The articles stay in ../shared; the repo keeps, per language, `gold/realtext/<lang>.yaml` with character offsets
into each article's *gold text*: the title, then each `<p>` paragraph, joined by blank lines (`article_text`).
A `check` (a hash of that text) catches a changed source file. Offsets and labels only, never the text.

One file per language holds every layer for the articles annotated so far:

    articles:
      - file: ar/dev-ar01-aawsat-2015-07-24.html
        check: 3f2a…                           # sha1 of the gold text, first 12 hex digits
        entities:  [[start, end, PER|ORG|LOC], …]   # every name: people, organisations, places (LOC incl. countries)
        places:    [[start, end, lat, lon, level, country], …]   # level: country|admin|region|city|facility
        dates:     [[start, end, "YYYY-MM-DD", "YYYY-MM-DD"], …]  # interval, end exclusive; null, null = unresolvable
        events:    [{trigger: [s, e], type: PLOVER, mode: …, actor: [s, e] | null, target: [s, e] | null,
                     main: true|false, status: happened|planned|negated|hypothetical|claimed}, …]
        negatives: [[start, end], …]           # sentences that report no event

Annotators draft with surface strings (`draft_to_gold`), which turns them into offsets. Each article falls in
the dev or the test half by its file name (`split_of`): tune on dev, report test beside it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from lxml import html as lxml_html

from ..errors import DragomanError

GOLD_DIR = Path(__file__).with_name("gold") / "realtext"
DEFAULT_ROOT = Path("../shared/realtext-dev")
LANGS = ("ar", "ru", "tr", "fr")
SPLITS = ("dev", "test")


def split_of(file: str) -> str:
    """The half an annotated article belongs to: "dev" (rules are tuned on it) or "test" (held out, only
    reported). Decided by the file name alone, so annotating more articles never moves one across."""
    return "test" if hashlib.sha1(file.encode("utf-8")).digest()[0] % 2 else "dev"


@dataclass(frozen=True, slots=True)
class Article:
    file: str              # relative to the realtext-dev root, e.g. "ar/dev-ar01-….html"
    lang: str
    title: str
    text: str              # the gold text: title + paragraphs, "\n\n"-joined
    published: datetime | None

    @property
    def check(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]


def article_text(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([title, *paragraphs]) if title else "\n\n".join(paragraphs)


def read_article(root: Path, file: str) -> Article:
    path = root / file
    try:
        tree = lxml_html.fromstring(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise DragomanError(f"{path}: cannot read the article ({exc})") from exc
    heading = tree.find(".//h1")
    title = " ".join((heading.text_content() if heading is not None else tree.findtext(".//title") or "").split())
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    published = None
    for meta in tree.iter("meta"):
        if meta.get("property") == "article:published_time":
            try:
                published = datetime.fromisoformat(meta.get("content", ""))
            except ValueError:
                published = None
    return Article(file=file, lang=file.split("/", 1)[0], title=title,
                   text=article_text(title, [p for p in paragraphs if p]), published=published)


def articles(root: Path, lang: str) -> list[Article]:
    folder = root / lang
    if not folder.is_dir():
        raise DragomanError(f"{folder}: no realtext-dev folder for {lang!r} (expected ../shared/realtext-dev)")
    return [read_article(root, f"{lang}/{p.name}") for p in sorted(folder.glob("*.html"))]


def gold_path(lang: str) -> Path:
    return GOLD_DIR / f"{lang}.yaml"


def load_gold(lang: str, root: Path = DEFAULT_ROOT, gold_dir: Path | None = None,
              layer: str | None = None) -> list[tuple[Article, dict[str, Any]]]:
    """Each annotated article with its gold record; a record whose source text changed is an error.
    `gold_dir` reads `<lang>.yaml` from another folder (a gold file still in review); `layer` keeps only the
    records annotated for it (a record without the key, e.g. events only, was not: an empty list was)."""
    path = Path(gold_dir) / f"{lang}.yaml" if gold_dir else gold_path(lang)
    if not path.is_file():
        return []
    records = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("articles") or []
    out = []
    for record in records:
        if layer is not None and layer not in record:
            continue
        article = read_article(root, record["file"])
        if record.get("check") and record["check"] != article.check:
            raise DragomanError(f"{path}: {record['file']} changed since it was annotated "
                                f"(check {record['check']} ≠ {article.check})")
        out.append((article, record))
    return out


# ------------------------------------------------------------------------------------------------ drafting

_WORD = re.compile(r"\w", re.UNICODE)


def _bounded(text: str, start: int, end: int) -> bool:
    """The match does not cut a word in half at either edge. Arabic proclitics (و ب ل ك ف ال) and Turkish
    suffixes are *outside* a name, so a name may start right after a proclitic or end before a suffix: the
    annotator marks exactly the name, and `allow_affix` drafts say so."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _WORD.match(before) and not _WORD.match(after)


def find_all(text: str, surface: str, *, affix: bool = False) -> list[tuple[int, int]]:
    spans, i = [], text.find(surface)
    while i >= 0:
        if affix or _bounded(text, i, i + len(surface)):
            spans.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return spans


def locate(text: str, surface: str, *, near: str | None = None, nth: int | None = None,
           affix: bool = False) -> list[tuple[int, int]]:
    """Spans of `surface`: inside the first occurrence of `near` (a longer context string) when given, else the
    `nth` occurrence (1-based) when given, else every occurrence."""
    if near:
        base = text.find(near)
        if base < 0:
            raise DragomanError(f"context not found: {near[:60]!r}")
        inner = near.find(surface)
        if inner < 0:
            raise DragomanError(f"{surface!r} not inside its context {near[:60]!r}")
        return [(base + inner, base + inner + len(surface))]
    spans = find_all(text, surface, affix=affix) or find_all(text, surface, affix=True)
    if not spans:
        raise DragomanError(f"not found: {surface!r}")
    if nth is not None:
        if nth > len(spans):
            raise DragomanError(f"{surface!r}: occurrence {nth} asked, {len(spans)} found")
        return [spans[nth - 1]]
    return spans


def _drop_nested(rows: list[list[Any]]) -> list[list[Any]]:
    """An all-occurrences surface ("Aleppo") must not also mark the inside of a longer span ("Aleppo province")."""
    rows = sorted(rows, key=lambda r: (r[0], -(r[1] - r[0])))
    kept: list[list[Any]] = []
    for row in rows:
        if any(k[0] <= row[0] and row[1] <= k[1] and (k[0], k[1]) != (row[0], row[1]) for k in kept):
            continue
        if any((k[0], k[1]) == (row[0], row[1]) for k in kept):
            continue
        kept.append(row)
    return kept


def draft_to_gold(article: Article, draft: dict[str, Any]) -> dict[str, Any]:
    """Turn a draft written with surface strings into an offsets-only gold record.

    Draft keys (each item's `s` is the surface; optional `near` (context), `nth`, `affix: true`):
      entities:  [{s, label}]                     every occurrence unless near/nth
      places:    [{s, lat, lon, level, country}]  every occurrence unless near/nth
      dates:     [{s, start, end}]                every occurrence unless near/nth
      events:    [{trigger: {s, near}, type, mode, actor: {s, near}|null, target: …, main, status}]
      negatives: [{s}]                             a whole sentence (or a unique part of it, then `sentence: true`)
    """
    text = article.text

    def spans(item: dict[str, Any]) -> list[tuple[int, int]]:
        # str(): YAML reads a bare year surface (1999) as an int
        return locate(text, str(item["s"]), near=item.get("near"), nth=item.get("nth"), affix=bool(item.get("affix")))

    def one(item: dict[str, Any] | None) -> list[int] | None:
        if not item:
            return None
        found = spans(item)
        if len(found) != 1:
            found = found[:1]      # an event role names its first occurrence unless `near` says otherwise
        return list(found[0])

    record: dict[str, Any] = {"file": article.file, "check": article.check}
    record["entities"] = _drop_nested([[s, e, item["label"]] for item in draft.get("entities") or []
                                       for s, e in spans(item)])
    record["places"] = _drop_nested([[s, e, item.get("lat"), item.get("lon"), item.get("level"), item.get("country")]
                                     for item in draft.get("places") or [] for s, e in spans(item)])
    record["dates"] = _drop_nested([[s, e, _iso(item.get("start")), _iso(item.get("end"))]
                                    for item in draft.get("dates") or [] for s, e in spans(item)])
    record["events"] = [{"trigger": one(ev["trigger"]), "type": ev["type"], "mode": ev.get("mode"),
                         "actor": one(ev.get("actor")), "target": one(ev.get("target")),
                         "main": bool(ev.get("main")), "status": ev.get("status", "happened")}
                        for ev in draft.get("events") or []]
    record["negatives"] = [one(item) for item in draft.get("negatives") or []]
    return record


def _iso(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def write_gold(lang: str, records: list[dict[str, Any]]) -> Path:
    """Replace the records of these files in the language's gold file (others are kept), in file order."""
    path = gold_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = {}
    if path.is_file():
        for rec in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("articles") or []:
            existing[rec["file"]] = rec
    for rec in records:
        existing[rec["file"]] = rec
    body = {"articles": [existing[k] for k in sorted(existing)]}
    header = (f"# Dev gold on ../shared/realtext-dev/{lang}: offsets into each article's gold text (title + <p>\n"
              f"# paragraphs, blank-line joined; see dragoman/eval/realtext.py). Offsets and labels only, never text.\n")
    path.write_text(header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120,
                                            default_flow_style=None), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """`python -m dragoman.eval.realtext DRAFT.yaml [--root ../shared/realtext-dev]`: draft → gold file.

    The draft is `{lang: xx, articles: [{file: …, entities: […], …}]}`; errors name the article and surface."""
    import argparse
    import sys
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("draft", type=Path)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--show", action="store_true", help="print every gold span with its text to check it")
    args = parser.parse_args(argv)
    draft = yaml.safe_load(args.draft.read_text(encoding="utf-8"))
    records, failed = [], 0
    for item in draft["articles"]:
        article = read_article(args.root, item["file"])
        try:
            records.append(draft_to_gold(article, item))
        except DragomanError as exc:
            failed += 1
            print(f"{item['file']}: {exc}", file=sys.stderr)
    if failed:
        sys.exit(f"{failed} article(s) failed; nothing written")
    path = write_gold(draft["lang"], records)
    print(f"{path}: {len(records)} article(s) written")
    if args.show:
        for rec in records:
            text = read_article(args.root, rec["file"]).text
            print(f"== {rec['file']}")
            for layer in ("entities", "places", "dates"):
                for row in rec[layer]:
                    print(f"  {layer[:3]} {text[row[0]:row[1]]!r} {row[2:]}")
            for ev in rec["events"]:
                t = ev["trigger"]
                role = {k: (text[ev[k][0]:ev[k][1]] if ev[k] else None) for k in ("actor", "target")}
                print(f"  evt {ev['type']} {text[t[0]:t[1]]!r} {role} main={ev['main']} {ev['status']}")
            for neg in rec["negatives"]:
                print(f"  neg {text[neg[0]:neg[1]]!r}")


if __name__ == "__main__":
    main()
