"""Near-duplicate detection at scale: the exact prefix-filtered join against MinHash LSH on synthetic news-sized
texts (300 words from a 20,000-word Zipf vocabulary; every 20th document republished with 2–12 % of its words
changed, so the copies' Jaccard spreads across the 0.5 threshold).

    python bench/near_duplicates.py --sizes 10000 30000 100000 --exact-max 30000

Each (method, size) runs in its own process, so its peak RSS (ru_maxrss) is its own. Reports seconds, peak RSS,
pairs found, and LSH's agreement with the exact join where both ran.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import time
from datetime import datetime, timedelta, timezone

import numpy as np


def corpus(size: int, seed: int = 5):
    from dragoman.analysis.duplicates import Text
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"w{i}" for i in range(20_000)])
    ranks = np.arange(1, 20_001)
    p = 1 / ranks
    p /= p.sum()
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    originals = size - size // 20
    texts = []
    for i in range(originals):
        texts.append(Text(f"d{i}", " ".join(vocabulary[rng.choice(20_000, 300, p=p)]), None,
                          start + timedelta(minutes=i)))
    for k in range(size // 20):
        source = texts[k * 19 % originals]
        words = source.text.split()
        changed = rng.choice(len(words), int(len(words) * rng.uniform(0.02, 0.12)), replace=False)
        for j in changed:
            words[j] = vocabulary[rng.integers(20_000)]
        texts.append(Text(f"c{k}", " ".join(words), None, source.published + timedelta(hours=1)))
    return texts


def run(method: str, size: int, queue) -> None:
    from dragoman.analysis.duplicates import near_duplicates
    texts = corpus(size)
    started = time.perf_counter()
    found = near_duplicates(texts, method=method)
    seconds = time.perf_counter() - started
    queue.put({"method": method, "documents": size, "seconds": round(seconds, 1),
               "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
               "duplicates": len(found), "found": sorted(found.items())})


def measure(method: str, size: int) -> dict:
    queue = mp.get_context("spawn").Queue()
    proc = mp.get_context("spawn").Process(target=run, args=(method, size, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--exact-max", type=int, default=30_000)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        lsh = measure("lsh", size)
        row = {k: v for k, v in lsh.items() if k != "found"}
        if size <= args.exact_max:
            exact = measure("exact", size)
            truth, got = set(exact["found"]), set(lsh["found"])
            row |= {"exact_seconds": exact["seconds"], "exact_peak_rss_mb": exact["peak_rss_mb"],
                    "exact_duplicates": exact["duplicates"],
                    "lsh_recall": round(len(truth & got) / len(truth), 4) if truth else None,
                    "lsh_precision": round(len(truth & got) / len(got), 4) if got else None}
        rows.append(row)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
