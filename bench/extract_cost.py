"""CPU milliseconds a page of the extract stage alone, optionally against another version of it in the same process.

    python bench/extract_cost.py --input ../shared/eval/extraction-scrapinghub/html --rounds 3
    git show main:src/dragoman/stages/extract.py > /tmp/extract_main.py
    python bench/extract_cost.py --input ../shared/eval/extraction-scrapinghub/html --against /tmp/extract_main.py

Pages are read as `dragoman extract` reads them, the stage (and `--against`'s) is built and preloaded, every page
runs once to warm caches, then the versions take turns over all pages for `--rounds` rounds (same pages, same
process, back to back: the machine is shared, so CPU time of this process, never wall time). `--dump FILE`
writes each version's title, text and extractor per page as JSON (`FILE` for ours, `FILE.against` for the other)
so that outputs can be compared.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dragoman.extract_files import _document
from dragoman.pipeline import Skip
from dragoman.settings import Settings


def read_pages(folders: list[Path], settings: Settings) -> list:
    """Documents for every page in the folders (gzipped pages are unpacked first, as the bench pages are)."""
    docs = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            for page in sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".htm", ".html.gz"))):
                if page.name.endswith(".gz"):
                    target = Path(tmp) / page.name.removesuffix(".gz")
                    target.write_bytes(gzip.decompress(page.read_bytes()))
                    page = target
                docs.append(_document(page, settings, None, None))
    return docs


def build_from(path: Path | None, settings: Settings):
    """The extract stage function of this tree, or of another copy of `stages/extract.py`."""
    if path is None:
        from dragoman.stages import extract as module
    else:
        spec = importlib.util.spec_from_file_location("dragoman.stages._extract_against", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    fn = module.build(settings)
    if hasattr(fn, "preload"):
        fn.preload([])
    return fn


def run_once(fn, doc) -> tuple[float, dict]:
    doc = copy.deepcopy(doc)
    started = time.process_time()
    try:
        out = fn(doc)
        result = {"title": out.title, "text": out.text, "extractor": out.meta.get("extractor")}
    except Skip as skip:
        result = {"skip": skip.reason}
    return time.process_time() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, action="append", required=True, help="a folder of pages (repeatable)")
    parser.add_argument("--against", type=Path, help="another extract.py to time in the same process")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    settings = Settings()
    docs = read_pages(args.input, settings)
    versions = {"this": build_from(None, settings)}
    if args.against:
        versions["against"] = build_from(args.against, settings)
    outputs: dict[str, dict] = {name: {} for name in versions}
    for name, fn in versions.items():                  # warm-up, and the outputs
        for doc in docs:
            outputs[name][doc.meta["path"].rsplit("/", 1)[-1]] = run_once(fn, doc)[1]
    per_round: dict[str, list[float]] = {name: [] for name in versions}
    for _ in range(args.rounds):
        for name, fn in versions.items():
            cpu = sum(run_once(fn, doc)[0] for doc in docs)
            per_round[name].append(1000 * cpu / len(docs))
    for name, values in per_round.items():
        print(f"{name}: {len(docs)} pages, CPU ms a page by round " + " ".join(f"{v:.1f}" for v in values)
              + f"; median {statistics.median(values):.1f}")
    paths: dict[str, dict[str, int]] = {}
    for name, pages in outputs.items():
        counts: dict[str, int] = {}
        for result in pages.values():
            key = result.get("extractor") or "skip"
            counts[key] = counts.get(key, 0) + 1
        paths[name] = counts
        print(f"{name} paths: {json.dumps(dict(sorted(counts.items(), key=lambda kv: -kv[1])))}")
    if args.against:
        differ = [key for key in outputs["this"] if outputs["this"][key] != outputs["against"][key]]
        print(f"outputs differing: {len(differ)} of {len(docs)}" + (f" ({', '.join(differ[:12])})" if differ else ""))
    if args.dump:
        args.dump.write_text(json.dumps(outputs["this"], ensure_ascii=False, indent=1), encoding="utf-8")
        if args.against:
            Path(f"{args.dump}.against").write_text(json.dumps(outputs["against"], ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
