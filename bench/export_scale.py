"""Export time, size and peak memory on a large workspace, per format.

    python bench/export_scale.py --documents 20000 [--source dragoman-demo] [--formats stix,ftm,geojson,kml,csv]

The large workspace is made from a processed one (`--source`, else the demo corpus ingested and processed here):
its document rows are cloned, each clone with its own id and URL, until there are `--documents` of them. Each
export then runs as its own `dragoman export` process; the kernel reports its CPU time and peak RSS. Above
`export.stories_max_documents` the STIX export streams without stories (it says so), which is what bounds it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dragoman.store import connect
from dragoman.workspace import DB_FILE, Workspace

FORMATS = ("stix", "ftm", "geojson", "kml", "csv")


def demo_workspace(root: Path) -> Path:
    from dragoman.demo import demo_sources
    from dragoman.ingest.sources import ingest_sources
    from dragoman.runner import run_pending
    ws = Workspace.open(root, create=True)
    try:
        ingest_sources(ws, demo_sources())
        run_pending(ws)
    finally:
        ws.close()
    return root


def clone(source: Path, target: Path, documents: int) -> int:
    """A workspace at `target` holding `source`'s processed documents cloned up to `documents` rows."""
    Workspace.init(target)
    src = sqlite3.connect(f"file:{source / DB_FILE}?mode=ro", uri=True)
    dst = sqlite3.connect(target / DB_FILE)
    src.backup(dst)
    src.close()
    dst.close()
    connect(target / DB_FILE).close()                 # brings a workspace of an older schema up to date
    dst = sqlite3.connect(target / DB_FILE)
    for extra in ("outlets.yaml",):
        if (source / extra).exists():
            shutil.copy(source / extra, target / extra)
    originals = [r[0] for r in dst.execute("SELECT rowid FROM documents WHERE status = 'done'")]
    have = dst.execute("SELECT count(*) FROM documents WHERE status = 'done'").fetchone()[0]
    copy = 0
    while have < documents:
        copy += 1
        take = originals[:documents - have]
        marks = ",".join("?" * len(take))
        # a clone: its own id (the copy number in hex, then the original's tail) and URL; everything else the same
        dst.execute(
            "INSERT INTO documents (id, source, outlet, url, title, published, language, content_type,"
            " capture_archive, capture_offset, capture_sha256, origin, pipeline, status, data, ingested_at,"
            " updated_at)"
            " SELECT new_id, source, outlet, url || '#copy-' || ?1, title, published, language, content_type,"
            " capture_archive, capture_offset, capture_sha256, origin, pipeline, status,"
            " json_set(data, '$.id', new_id, '$.url', url || '#copy-' || ?1), ingested_at, updated_at"
            f" FROM (SELECT *, printf('d%05x', ?1) || substr(id, 7) AS new_id FROM documents"
            f" WHERE rowid IN ({marks}))", (copy, *take))
        have += len(take)
    dst.commit()
    dst.close()
    return have


def run_export(workspace: Path, fmt: str, out: Path, logs: Path) -> dict:
    """One `dragoman export` process: wall and CPU seconds and its peak RSS, both from the kernel (wait4), so a
    busy machine slows the wall clock but not the CPU figure."""
    command = [sys.executable, "-m", "dragoman", "-w", str(workspace), "export", fmt, "-o", str(out), "--json"]
    started = time.perf_counter()
    with open(logs / f"{fmt}.out", "w") as stdout, open(logs / f"{fmt}.err", "w") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"export {fmt} failed ({code}): {(logs / f'{fmt}.err').read_text()[-2000:]}")
    summary = json.loads((logs / f"{fmt}.out").read_text())
    cpu = usage.ru_utime + usage.ru_stime
    return {"format": fmt, "documents": summary["documents"], "wall_s": round(seconds, 1),
            "cpu_s": round(cpu, 1), "docs_per_cpu_s": round(summary["documents"] / cpu, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "size_mb": round(out.stat().st_size / 2**20, 1), "records": sum(summary["records"].values()),
            "skipped": summary["skipped"], "warnings": summary["warnings"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--source", type=Path, help="a processed workspace (default: the demo, built here)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "export_scale.json")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    with tempfile.TemporaryDirectory(prefix="dragoman-export-bench-") as tmp:
        source = args.source or demo_workspace(Path(tmp) / "demo")
        big = Path(tmp) / "big"
        started = time.perf_counter()
        n = clone(source, big, args.documents)
        print(f"workspace: {n} documents cloned from {source} in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
        results = []
        for fmt in formats:
            results.append(run_export(big, fmt, Path(tmp) / f"export.{fmt}", Path(tmp)))
            print(json.dumps(results[-1]), file=sys.stderr)
    report = {"documents": n, "source": str(args.source or "demo corpus"), "exports": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
