"""Coverage-guided fuzzing (atheris) of everything that reads untrusted bytes at ingest.

    python bench/fuzz_readers.py --target all --seconds 300 [--corpus DIR]

Targets: `charset` (detect_charset + decode_text + refuse_binary), `feed` (parse_feed), `opml` (read_opml),
`warc` (read_warc on the bytes as a .warc.gz/.warc file), `telegram` (an export's result.json), `html` (the
extract stage on a page), `controls` (strip_controls / inert). A reader may refuse its input only with
InputError; any other exception is a crash: it is printed with the input (base64) and counted. `all` spreads the
time over every target. Seeds come from tests/fixtures and the demo corpus, plus --corpus when given (for
instance ../shared/peer-corpora). Prints one JSON line per target: inputs, inputs/s, crashes.
"""

from __future__ import annotations

import argparse
import base64
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("charset", "feed", "opml", "warc", "telegram", "html", "controls")


def _target(name: str):
    """The function to fuzz: bytes -> None, raising only InputError on bad input."""
    from dragoman.errors import InputError  # noqa: F401  (imported for the caller's except)
    if name == "charset":
        from dragoman.ingest.decode import decode_text, html_charset, refuse_binary

        def run(data: bytes) -> None:
            refuse_binary("f", data)
            decode_text("f", data, label=None)
            html_charset("f", data)
        return run
    if name == "feed":
        from dragoman.ingest.feeds import parse_feed
        return lambda data: parse_feed(data, "f.xml")
    if name == "opml":
        from dragoman.ingest.opml import read_opml
        return lambda data: read_opml(data, "f.opml", [])
    if name == "warc":
        from dragoman.ingest.warcfile import read_warc
        folder = Path(tempfile.mkdtemp(prefix="fuzz-warc-"))

        def run(data: bytes) -> None:
            path = folder / ("f.warc.gz" if data[:2] == b"\x1f\x8b" else "f.warc")
            path.write_bytes(data)
            for _ in read_warc(path, 2_000_000):
                pass
        return run
    if name == "telegram":
        from dragoman.ingest.telegram import read_export
        folder = Path(tempfile.mkdtemp(prefix="fuzz-tg-"))

        def run(data: bytes) -> None:
            (folder / "result.json").write_bytes(data)
            for _ in read_export(folder):
                pass
        return run
    if name == "html":
        from dragoman.model import Document
        from dragoman.pipeline import REGISTRY, Skip, _discover
        from dragoman.settings import Settings
        _discover()
        extract = REGISTRY["extract"].build(Settings())

        def run(data: bytes) -> None:
            doc = Document(id="f", source="local", content_type="text/html", meta={"charset": "utf-8"})
            doc.raw = data
            try:
                extract(doc)
            except Skip:
                pass
        return run
    if name == "controls":
        from dragoman.text.controls import inert, strip_controls

        def run(data: bytes) -> None:
            text = data.decode("utf-8", errors="replace")
            once = strip_controls(text)
            assert strip_controls(once) == once, "strip_controls is not idempotent"
            assert "\x1b" not in inert(text) and "\u202e" not in inert(text)
        return run
    raise ValueError(name)


SEEDS = {"charset": ["tests/fixtures/pages/*.html", "src/dragoman/demo/pages/*"],
         "feed": ["src/dragoman/demo/feeds/*.xml", "tests/fixtures/feeds/*"],
         "opml": ["src/dragoman/demo/feeds/*.opml"],
         "warc": ["tests/fixtures/**/*.warc*"],
         "telegram": ["src/dragoman/demo/telegram/**/result.json", "tests/fixtures/telegram/**/*.json"],
         "html": ["tests/fixtures/pages/*.html", "src/dragoman/demo/pages/*.html"],
         "controls": ["tests/fixtures/pages/*.html"]}


def seeds(name: str, corpus: Path | None, folder: Path) -> Path:
    """A seed folder for libFuzzer: our fixtures for this target, and the extra corpus's files."""
    out = folder / name
    out.mkdir(parents=True, exist_ok=True)
    files = [p for pattern in SEEDS[name] for p in ROOT.glob(pattern) if p.is_file()]
    if corpus is not None:
        files += [p for p in corpus.rglob("*") if p.is_file() and p.stat().st_size < 200_000][:400]
    for n, path in enumerate(files):
        (out / f"seed{n:04d}").write_bytes(path.read_bytes()[:200_000])
    return out


def fuzz_one(name: str, seconds: int, corpus: Path | None, queue) -> None:
    """Runs in a child process: atheris owns the process until its time is up."""
    import atheris
    with atheris.instrument_imports():
        from dragoman.errors import InputError
        run = _target(name)
    stats = {"inputs": 0, "crashes": 0, "first_crash": None}
    started = time.monotonic()

    def one(data: bytes) -> None:
        stats["inputs"] += 1
        try:
            run(data)
        except InputError:
            pass
        except Exception as exc:  # noqa: BLE001 - a crash is what we are counting
            stats["crashes"] += 1
            if stats["first_crash"] is None:
                stats["first_crash"] = f"{type(exc).__name__}: {exc}"[:300]
                sys.stderr.write(f"CRASH {name}: {type(exc).__name__}: {exc}\n"
                                 f"input (base64): {base64.b64encode(data[:4000]).decode()}\n")
        if time.monotonic() - started > seconds:
            queue.put(stats | {"seconds": round(time.monotonic() - started, 1)})
            queue.close()
            queue.join_thread()
            os._exit(0)                 # atheris would count an exception here as a crash

    folder = Path(tempfile.mkdtemp(prefix="fuzz-seeds-"))
    atheris.Setup([sys.argv[0], str(seeds(name, corpus, folder)), "-rss_limit_mb=4096", "-max_len=200000",
                   "-timeout=30", f"-artifact_prefix={folder}/"], one)
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=(*TARGETS, "all"), default="all")
    parser.add_argument("--seconds", type=int, default=300, help="total fuzzing time")
    parser.add_argument("--corpus", type=Path, help="extra seed files (e.g. ../shared/peer-corpora)")
    args = parser.parse_args()
    names = TARGETS if args.target == "all" else (args.target,)
    each = max(10, args.seconds // len(names))
    context = multiprocessing.get_context("spawn")
    total = {"inputs": 0, "crashes": 0, "seconds": 0.0}
    for name in names:
        queue = context.Queue()
        child = context.Process(target=fuzz_one, args=(name, each, args.corpus, queue))
        child.start()
        child.join(each + 600)
        if child.is_alive():
            child.kill()
        stats = queue.get() if not queue.empty() else {"inputs": 0, "crashes": 1, "seconds": each,
                                                        "first_crash": f"the fuzzer died (exit {child.exitcode})"}
        stats["inputs_per_s"] = round(stats["inputs"] / max(stats["seconds"], 0.1), 1)
        print(json.dumps({"target": name} | stats), flush=True)
        for key in ("inputs", "crashes", "seconds"):
            total[key] += stats[key]
    print(json.dumps({"target": "all", **total,
                      "inputs_per_s": round(total["inputs"] / max(total["seconds"], 0.1), 1)}), flush=True)


if __name__ == "__main__":
    main()
