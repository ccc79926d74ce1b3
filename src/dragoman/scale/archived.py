"""A document's archived bytes as they travel to a Dask worker: its WARC record still compressed.

The client is the one writer and, on a small cluster, shares its machine with the workers: inflating each page
(~170 KB of HTML from ~35 KB of gzip), parsing its WARC headers and hashing it there cost it ~1.5–2.5 ms a
document, and the inflated bytes then crossed the client, the scheduler and the worker. So the client sends the
record's compressed bytes and the worker reads them as `Archive.read` would (`archive.payload`: same bytes, same
SHA-256 check, same errors, which the worker reports as the document's `archive` event).

A record's compressed length is not stored; it ends where the next record the workspace knows of begins (every
document's and every other capture's offset), or at the file's end. Records nothing points at (a brief's
picture) may lie between: then a little more is sent, never less. Where that stretch is longer than the record
could be, the client reads the record itself, as before.
"""

from __future__ import annotations

import bisect
import io
from typing import TYPE_CHECKING

from ..archive import ArchiveError, payload
from ..model import Capture, Document

if TYPE_CHECKING:
    from ..workspace import Workspace

SLACK = 64 * 1024        # WARC headers and gzip framing beyond the payload; deflate grows no input by more


class ArchivedRecords:
    """The client's side: what to send for a document whose stages need its raw bytes."""

    def __init__(self, ws: "Workspace") -> None:
        self.ws = ws
        starts: dict[str, set[int]] = {}
        for archive, offset in ws.store.con.execute(
                "SELECT capture_archive, capture_offset FROM documents WHERE capture_archive IS NOT NULL"
                " UNION ALL SELECT archive, offset FROM captures"):
            starts.setdefault(archive, set()).add(offset)
        self.starts = {archive: sorted(offsets) for archive, offsets in starts.items()}
        self.sizes: dict[str, int] = {}

    def _end(self, capture: Capture) -> int:
        offsets = self.starts.get(capture.archive, [])
        i = bisect.bisect_right(offsets, capture.offset)
        if i < len(offsets):
            return offsets[i]
        if capture.archive not in self.sizes:      # records of pending documents are written before the run
            try:
                self.sizes[capture.archive] = (self.ws.archive.root / capture.archive).stat().st_size
            except FileNotFoundError:
                self.sizes[capture.archive] = 0     # `region` says the file is missing
        return self.sizes[capture.archive]

    def wire(self, doc: Document) -> tuple[bytes | None, bytes | None]:
        """(raw, archived): the record's compressed bytes, or, where they cannot be told apart from what follows
        them, the raw bytes read here. Raises ArchiveError as `Archive.read` does."""
        assert doc.capture is not None
        end = self._end(doc.capture)
        if end - doc.capture.offset > doc.capture.length + doc.capture.length // 64 + SLACK:
            return self.ws.archive.read(doc.capture), None
        return None, self.ws.archive.region(doc.capture, end)


def unpack(doc: Document, archived: bytes) -> tuple[bytes | None, str | None]:
    """The worker's side: (raw bytes, None), or (None, why they cannot be read)."""
    assert doc.capture is not None
    try:
        return payload(io.BytesIO(archived), doc.capture), None
    except ArchiveError as exc:
        return None, str(exc)
