"""Re-hash every archived capture the database points at and list the ones that no longer match."""

from __future__ import annotations

from typing import Any, Callable

from . import Archive, ArchiveError


def verify(store, archive: Archive, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    checked, problems = 0, []
    for owner, capture in store.all_captures():
        checked += 1
        try:
            archive.read(capture, verify=True)
        except ArchiveError as exc:
            problems.append({"item": owner, "archive": capture.archive, "offset": capture.offset,
                             "sha256": capture.sha256, "reason": str(exc)})
        if progress:
            progress(checked)
    return {"checked": checked, "ok": checked - len(problems), "mismatches": problems}
