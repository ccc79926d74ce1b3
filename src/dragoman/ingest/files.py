"""Ingest local files and folders (.html, .htm, .txt, .md) with analyst translation sidecars (.en.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..model import Document, SuppliedTranslation, document_id, sha256_hex
from ..workspace import Workspace
from .decode import canonical_url, decode_text, html_charset, refuse_binary, source_of

CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".md": "text/markdown"}
SIDECAR = ".en.tsv"      # analyst translation: ORIGINAL<TAB>ENGLISH per line


@dataclass
class IngestReport:
    run_id: int = 0
    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)      # (item, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"run": self.run_id, "new": len(self.new), "unchanged": len(self.unchanged),
                "updated": len(self.updated), "failed": [{"item": i, "reason": r} for i, r in self.failed],
                "warnings": [{"item": i, "reason": r} for i, r in self.warnings], "new_ids": self.new}


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


def read_file(path: Path, max_bytes: int) -> tuple[Document, bytes]:
    """Validate and read one file into a new Document (without its capture yet)."""
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
    if content_type == "text/html":
        charset = html_charset(item, data)
        html = data.decode(charset, errors="replace")
        url = canonical_url(html)
        text, title = "", None
    else:
        text, charset = decode_text(item, data)
        if not text.strip():
            raise InputError(item, "empty file")
        url, title = None, _title_from_text(text, content_type == "text/markdown")
    digest = sha256_hex(data)
    doc = Document(id=document_id(url, digest), source=source_of(url), url=url, title=title, text=text,
                   content_type=content_type, meta={"charset": charset, "file": path.name})
    return doc, data


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
        if isinstance(found, InputError):
            _fail(ws, report, found)
            if progress:
                progress(found.item, "failed", len(items))
            continue
        try:
            status = _ingest_one(ws, found, max_bytes, report)
        except InputError as exc:
            _fail(ws, report, exc)
            status = "failed"
        if progress:
            progress(str(found), status, len(items))
    ws.store.finish_run(report.run_id, {k: v for k, v in report.as_dict().items() if k != "new_ids"})
    return report


def _fail(ws: Workspace, report: IngestReport, exc: InputError) -> None:
    report.failed.append((exc.item, exc.reason))
    ws.store.record_events(report.run_id, [(exc.item, "ingest", "error", exc.reason, None)])


def _ingest_one(ws: Workspace, path: Path, max_bytes: int, report: IngestReport) -> str:
    doc, data = read_file(path, max_bytes)
    sidecar = sidecar_for(path)
    pairs: list[SuppliedTranslation] = []
    if sidecar.exists():
        pairs, notes = read_sidecar(sidecar)
        report.warnings += [(str(sidecar), n) for n in notes]
    if ws.store.has_document(doc.id):
        stored = ws.store.get_document(doc.id)
        if pairs and pairs != stored.supplied_translations:
            ws.store.replace_supplied_translations(doc.id, pairs)
            report.updated.append(doc.id)
            return "updated"
        report.unchanged.append(doc.id)
        return "unchanged"
    doc.supplied_translations = pairs
    doc.capture = ws.archive.write(data, uri=doc.url or path.resolve().as_uri(), content_type=doc.content_type,
                                   origin=str(path), charset=doc.meta.get("charset"))
    with ws.store.transaction():
        ws.store.add_document(doc)
    report.new.append(doc.id)
    return "new"
