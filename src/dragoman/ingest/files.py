"""Ingest local files and folders (.html, .htm, .txt, .md) with analyst translation sidecars (.en.tsv)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..model import SuppliedTranslation
from ..workspace import Workspace
from .decode import canonical_url, decode_text, html_charset, refuse_binary
from .items import IngestReport, Item, record_failure, store_item

CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".md": "text/markdown"}
SIDECAR = ".en.tsv"      # analyst translation: ORIGINAL<TAB>ENGLISH per line


def discover(paths: Iterable[Path], extensions: Iterable[str]) -> Iterator[Path | InputError]:
    """Files to ingest, folders walked in name order; sidecars and hidden files are not items."""
    wanted = {e.lower() for e in extensions}
    for path in paths:
        if not path.exists():
            yield InputError(str(path), "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or child.name.endswith(SIDECAR):
                    continue
                if child.suffix.lower() in wanted:
                    yield child
                else:
                    yield InputError(str(child), _unsupported(child, wanted))
        elif path.name.endswith(SIDECAR):
            yield InputError(str(path), "is a translation sidecar; ingest the page beside it instead")
        elif path.suffix.lower() not in wanted:
            yield InputError(str(path), _unsupported(path, wanted))
        else:
            yield path


def _unsupported(path: Path, wanted: set[str]) -> str:
    return f"unsupported format {path.suffix or '(no extension)'!r} (ingest reads {', '.join(sorted(wanted))})"


def read_sidecar(path: Path) -> tuple[list[SuppliedTranslation], list[str]]:
    """Pairs from `<stem>.en.tsv`, and a note for each line that could not be used."""
    pairs, notes = [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [f"{path.name}: not valid UTF-8; translation ignored"]
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        original, sep, english = line.partition("\t")
        if not sep or not original.strip() or not english.strip() or "\t" in english:
            notes.append(f"{path.name} line {number}: expected ORIGINAL<TAB>ENGLISH; line ignored")
            continue
        pairs.append(SuppliedTranslation(original.strip(), english.strip()))
    return pairs, notes


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR)


def _title_from_text(text: str, markdown: bool) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return re.sub(r"^#+\s*", "", line) if markdown else line[:200]
    return None


def read_file(path: Path, max_bytes: int) -> Item:
    """Validate and read one file into an Item."""
    item = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(item, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, "
                                   "setting ingest.max_bytes)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(item, "permission denied") from None
    except OSError as exc:
        raise InputError(item, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(item, "empty file")
    refuse_binary(item, data)
    content_type = CONTENT_TYPES[path.suffix.lower()]
    meta = {"file": path.name}
    if content_type == "text/html":
        charset = html_charset(item, data)
        url = canonical_url(data.decode(charset, errors="replace"))
        return Item(raw=data, content_type=content_type, origin=item, url=url, charset=charset, meta=meta)
    text, charset = decode_text(item, data)
    if not text.strip():
        raise InputError(item, "empty file")
    return Item(raw=data, content_type=content_type, origin=item, charset=charset, text=text, meta=meta,
                title=_title_from_text(text, content_type == "text/markdown"))


def ingest_paths(ws: Workspace, paths: Iterable[Path],
                 progress: Callable[[str, str, int], None] | None = None) -> IngestReport:
    """Archive and store every readable file; report each item as new, unchanged, updated or failed.

    `progress(item, status, total)` is called after each item.
    """
    paths = list(paths)
    report = IngestReport(run_id=ws.store.start_run("ingest", {"paths": [str(p) for p in paths]}))
    max_bytes = ws.settings["ingest.max_bytes"]
    items = list(discover(paths, ws.settings["ingest.extensions"]))
    for found in items:
        status = "failed"
        try:
            if isinstance(found, InputError):
                raise found
            item = read_file(found, max_bytes)
            sidecar = sidecar_for(found)
            if sidecar.exists():
                item.supplied_translations, notes = read_sidecar(sidecar)
                report.warnings += [(str(sidecar), n) for n in notes]
            status = store_item(ws, item, report)
        except InputError as exc:
            record_failure(ws, report, exc)
        if progress:
            progress(str(found.item if isinstance(found, InputError) else found), status, len(items))
    ws.store.finish_run(report.run_id, {k: v for k, v in report.as_dict().items() if k != "new_ids"})
    return report
