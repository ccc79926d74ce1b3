"""Stored documents whose source no outlet entry matches: what the analyst should add to the registry."""

from __future__ import annotations

from typing import Any

from ..store.repo import Store
from .registry import Registry, source_label


def unrated_sources(store: Store, registry: Registry) -> list[dict[str, Any]]:
    """One row per unmatched source (host or t.me/handle): document count, the names documents give it and an
    example URL; most documents first."""
    rows: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[str, str | None, str | None], bool] = {}
    for source, outlet_name, url in store.con.execute("SELECT source, outlet, url FROM documents"):
        # Documents of one source are matched alike except for sections (bbc.com/arabic vs bbc.com/news).
        key = (source, outlet_name, "/".join(url.split("/", 4)[:4]) if url else None)
        if key not in seen:
            seen[key] = registry.match(url=url, source=source, name=outlet_name) is None
        if not seen[key]:
            continue
        label = source_label(source, url, outlet_name)
        row = rows.setdefault(label, {"source": label, "documents": 0, "names": [], "example_url": url})
        row["documents"] += 1
        if outlet_name and outlet_name not in row["names"]:
            row["names"].append(outlet_name)
    return sorted(rows.values(), key=lambda r: (-r["documents"], r["source"]))
