"""p50/p95 server time of the workbench API on a large workspace (issue 14's targets: list and view ≤ 50 ms,
search ≤ 150 ms at p95 on ≥ 10,000 documents).

The workspace is the demo corpus run through the pipeline once, then each processed document stored again
under new ids and URLs (annotations included) until there are --documents of them; requests go through the
ASGI app in-process (FastAPI's test client), so the figures are the server's own time.

    .venv/bin/python bench/server_latency.py --documents 10000 --requests 200
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from large_workspace import open_or_build, percentiles


def measure(client, path: str, params_list: list[dict], n: int) -> dict[str, float]:
    times = []
    for i in range(n):
        started = time.perf_counter()
        response = client.get(path.format(**params_list[i % len(params_list)]),
                              params=params_list[i % len(params_list)].get("query"))
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.text[:200])
    return percentiles(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workspace", type=Path, help="Reuse (or build) the workspace here.")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from dragoman.web import create_app
    root = open_or_build(args.workspace, args.documents, "dragoman-latency-")
    client = TestClient(create_app(root))
    total = client.get("/api/stats").json()["documents"]
    ids = [item["id"] for item in client.get("/api/documents", params={"limit": 200}).json()["items"]]
    random.seed(1)
    lists = [{"query": q} for q in ({"limit": 50}, {"lang": "ar", "limit": 50}, {"offset": 5000, "limit": 50},
                                    {"from": "2023-09-01", "to": "2023-09-30"}, {"entity": "Haftar"},
                                    {"q": "Haftar", "limit": 50}, {"status": "done", "outlet": "TASS"})]
    searches = [{"query": {"q": q}} for q in ("حفتر", "Шойгу", "Haftar Moscow", "\"air base\"", "Wagner", "Hafter")]
    views = [{"doc": random.choice(ids)} for _ in range(50)]
    rows = {"documents list (7 filter mixes)": measure(client, "/api/documents", lists, args.requests),
            "search (6 queries, 4 scripts)": measure(client, "/api/search", searches, args.requests),
            "document view": measure(client, "/api/documents/{doc}", views, args.requests)}
    print(f"{total} documents, {args.requests} requests each, pid {os.getpid()}")
    print("| route | p50 ms | p95 ms | max ms |\n|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |")


if __name__ == "__main__":
    main()
