"""One hostile page among ordinary ones: do the others still get done and committed while it runs?

    python bench/slow_page.py --input ../shared/eval/extraction-scrapinghub/html --pages 63 \
        --sentences 40000 [--set pipeline.stage_timeout_s=120]

Ingests N ordinary pages plus one page of `--sentences` copies of "Haftar met Shoigu in Moscow on Monday."
(~1.5 MB at 40,000), then runs the pipeline with worker processes (2 by default) in a child process while this
one polls the database. Reports when the ordinary pages were all committed, when the run ended, and what
became of the slow page (done, or failed with its reason).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "Haftar met Shoigu in Moscow on Monday."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=ROOT.parent / "shared" / "eval" / "extraction-scrapinghub" / "html")
    parser.add_argument("--pages", type=int, default=63)
    parser.add_argument("--sentences", type=int, default=40000)
    parser.add_argument("--limit-s", type=float, default=900.0, help="give up watching after this long")
    parser.add_argument("--set", action="append", default=[], help="NAME=VALUE setting for the run")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from dragoman.ingest.sources import ingest_sources
    from dragoman.workspace import DB_FILE, Workspace

    with tempfile.TemporaryDirectory(prefix="slow-page-") as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for path in sorted(args.input.iterdir())[: args.pages]:
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            (pages / path.name.removesuffix(".gz")).write_bytes(data)
        slow = pages / "zz-slow.html"
        slow.write_text("<html><head><title>Slow</title></head><body><p>" + " ".join([SENTENCE] * args.sentences)
                        + "</p></body></html>", encoding="utf-8")
        home = Path(tmp) / "ws"
        ws = Workspace.open(home, create=True)
        report = ingest_sources(ws, [pages])
        slow_id = next(i for i in report.new if ws.store.get_document(i).meta.get("file") == slow.name)
        ws.close()
        overrides = [a for s in args.set for a in ("--set", s)]
        started = time.monotonic()
        run = subprocess.Popen([sys.executable, "-m", "dragoman", "--workspace", str(home), *overrides, "run",
                                "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        others_done_at, others_before_slow = None, None
        while run.poll() is None and time.monotonic() - started < args.limit_s:
            time.sleep(1.0)
            con = sqlite3.connect(home / DB_FILE, timeout=30)
            finished = con.execute("SELECT count(*) FROM documents WHERE status != 'pending' AND id != ?",
                                   (slow_id,)).fetchone()[0]
            slow_pending = con.execute("SELECT status = 'pending' FROM documents WHERE id = ?",
                                       (slow_id,)).fetchone()[0]
            con.close()
            if others_done_at is None and finished >= len(report.new) - 1:
                others_done_at = time.monotonic() - started
                others_before_slow = bool(slow_pending)
        if run.poll() is None:
            run.kill()
        out, err = run.communicate()
        ended = time.monotonic() - started
        con = sqlite3.connect(home / DB_FILE)
        slow_status = con.execute("SELECT status FROM documents WHERE id = ?", (slow_id,)).fetchone()[0]
        reason = con.execute("SELECT stage, reason FROM run_events WHERE item = ?", (slow_id,)).fetchall()
        con.close()
        print(json.dumps({"ordinary_pages": len(report.new) - 1, "slow_sentences": args.sentences,
                          "others_committed_s": round(others_done_at, 1) if others_done_at else None,
                          "others_committed_while_slow_ran": others_before_slow,
                          "run_s": round(ended, 1), "slow_page": slow_status, "slow_reason": reason,
                          "run": json.loads(out) if out.strip().startswith("{") else err[-500:]},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
