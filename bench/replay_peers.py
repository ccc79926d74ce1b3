"""Replay other projects' test corpora (../shared/peer-corpora) through `dragoman ingest` and `dragoman run`.

    python bench/replay_peers.py [--corpora ../shared/peer-corpora] [--only chardet] [--timeout 900]

Each corpus goes into a fresh workspace through the real CLI, one `ingest` of its folder and one `run`. Counted:
tracebacks on stderr, hangs (a command past --timeout), what was stored or refused, refusals whose reason is not
one line, and for chardet whether every text was decoded as the encoding its file name states. The test suite
replays a deterministic sample of the same corpora (tests/test_peer_corpora.py); this script replays all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("feedparser", "html5lib-tree-construction", "warcio", "chardet")


def expected_encoding(name: str) -> str:
    """chardet's file names start with the encoding, then `___` or `__`: `windows-1251-russian__x.txt`."""
    encoding = name.split("__")[0]
    return re.sub(r"-(bulgarian|russian|arabic|turkish|greek|hebrew|hungarian|thai)$", "", encoding, flags=re.I)


def cli(args: list[str], home: Path, timeout: float) -> tuple[int | None, str, str, float]:
    env = {**os.environ, "DRAGOMAN_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "dragoman", *args], capture_output=True, text=True,
                              env=env, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return None, exc.stdout or "", exc.stderr or "", time.perf_counter() - started
    return proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - started


def chardet_check(home: Path, folder: Path) -> dict[str, object]:
    """Every chardet text (.txt and .html) decoded as its stated encoding?"""
    sys.path.insert(0, str(ROOT / "src"))
    from dragoman.text.controls import strip_controls
    from dragoman.workspace import Workspace
    ws = Workspace.open(home, readonly=True)
    wrong: list[str] = []
    checked = 0
    try:
        for row in ws.store.con.execute("SELECT id FROM documents"):
            doc = ws.store.get_document(row[0])
            path = Path(doc.meta.get("file", ""))
            if not path.name:
                continue
            raw = ws.archive.read(doc.capture)
            want = raw.decode(expected_encoding(path.name), errors="replace").lstrip("\ufeff")
            got = raw.decode(doc.meta.get("charset") or "utf-8", errors="replace").lstrip("\ufeff")
            checked += 1
            if path.suffix == ".txt" and doc.text != strip_controls(want):
                wrong.append(path.name)
            elif path.suffix == ".html" and got != want:
                wrong.append(path.name)
    finally:
        ws.close()
    return {"checked": checked, "wrong": wrong}


def replay(corpus: Path, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="replay-") as tmp:
        home = Path(tmp) / "ws"
        files = sum(1 for p in corpus.rglob("*") if p.is_file() and p.name != "LICENSE")
        code, out, err, ingest_s = cli(["ingest", "--json", str(corpus)], home, timeout)
        report = json.loads(out) if code in (0, 1) and out.strip() else {}
        failed = report.get("failed", [])
        result: dict[str, object] = {
            "files": files, "ingest_s": round(ingest_s, 1), "ingest_hang": code is None,
            "tracebacks": err.count("Traceback"), "stored": report.get("new", 0), "refused": len(failed),
            "multi_line_reasons": sum("\n" in f["reason"] for f in failed),
            "longest_reason": max((len(f["reason"]) for f in failed), default=0)}
        code, out, err, run_s = cli(["run", "--json"], home, timeout)
        ran = json.loads(out) if code in (0, 1) and out.strip() else {}
        result |= {"run_s": round(run_s, 1), "run_hang": code is None,
                   "tracebacks": result["tracebacks"] + err.count("Traceback"),
                   "run_ok": ran.get("ok"), "run_failed": ran.get("failed")}
        if corpus.name == "chardet":
            result["chardet"] = chardet_check(home, corpus)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "peer-corpora")
    parser.add_argument("--only", choices=CORPORA, action="append")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a command counts as hung")
    args = parser.parse_args()
    results = {}
    for name in args.only or CORPORA:
        results[name] = replay(args.corpora / name, args.timeout)
        print(json.dumps({name: results[name]}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
