"""Briefs an analyst keeps in the workspace: draft from the knowledge base (or start blank and pick excerpts),
edit, re-draft, render.

The analyst's own work (title, analysis, pull quote, image, picked excerpts, order of sources) is kept apart in
`edits` and laid over every re-draft (`brief/overlay.py`), so re-drafting with new documents never overwrites
what the analyst wrote. Every change is audited, and the evidence check runs again after it.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import msgspec

from ..brief.model import Brief
from ..brief.overlay import EDIT_NAMES, add_excerpt as put_excerpt, cited, overlay, rebase, source_doc
from ..errors import InputError, NotFound
from ..store.repo import now_iso
from . import audit
from .audit import Actor

EDITABLE = EDIT_NAMES
BLANK_QUERY = "excerpts picked by the analyst"
NOT_BACKED = "not backed: "
FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def draft(ws, *, query: str | None = None, entity: str | None = None, start: date | None = None,
          end: date | None = None, title: str | None = None, actor: Actor) -> dict[str, Any]:
    """A brief drafted about `entity`/`query`; with neither, a blank brief named `title` to pick excerpts into."""
    if not (query or entity or (title and title.strip())):
        raise InputError("brief", "say what it is about (an entity and/or a query), or give a title to start "
                                  "a blank brief and pick excerpts into it")
    request = {"query": query, "entity": entity, "from": start.isoformat() if start else None,
               "to": end.isoformat() if end else None, "title": title}
    drafted = _assemble(ws, request)
    stamp = now_iso()
    with ws.store.transaction() as con:
        cur = con.execute("INSERT INTO briefs (title, request, data, edits, author, created, updated)"
                          " VALUES (?, ?, ?, '{}', ?, ?, ?)",
                          (drafted.title, json.dumps(request), _dump(drafted), actor.name, stamp, stamp))
        brief_id = int(cur.lastrowid)
        audit.record(con, actor, "brief.draft", f"brief:{brief_id}", None, request)
    return get(ws, brief_id)


def list_briefs(ws) -> list[dict[str, Any]]:
    return [dict(r) for r in ws.store.con.execute(
        "SELECT id, title, author, created, updated FROM briefs ORDER BY updated DESC")]


def get(ws, brief_id: int, *, checks: bool = False) -> dict[str, Any]:
    """The brief, what the analyst edited, and its problems; `checks` adds the evidence check per sentence."""
    row = _row(ws, brief_id)
    brief = _load(row["data"])
    out = {"id": row["id"], "author": row["author"], "created": row["created"], "updated": row["updated"],
           "request": json.loads(row["request"]),
           "edited": sorted(set(json.loads(row["edits"])) & {*EDITABLE, "excerpts"}),
           "problems": brief.problems(), "brief": msgspec.to_builtins(brief)}
    if checks:
        out["checks"] = sentence_checks(ws, brief)
    return out


def edit(ws, brief_id: int, changes: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """Apply the analyst's changes to the editable parts; anything else is refused by name."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InputError(f"brief {brief_id}", f"cannot edit {', '.join(unknown)}; editable: {', '.join(EDITABLE)}")
    row = _row(ws, brief_id)
    current = msgspec.to_builtins(_load(row["data"]))
    changes = dict(changes)
    if "analysis" in changes:
        if not isinstance(changes["analysis"], list):
            raise InputError(f"brief {brief_id}", "analysis: a list of paragraphs, each {\"sentences\": […]}")
        try:
            changes["analysis"] = rebase(current["analysis"], changes["analysis"])
        except (AttributeError, TypeError, ValueError, KeyError):
            raise InputError(f"brief {brief_id}", "analysis: a list of paragraphs, each {\"sentences\": [{\"text\": "
                                                  "…, \"footnotes\": [numbers], \"excerpts\": [ids]}]}") from None
    if "order" in changes:
        order = changes["order"]
        if not isinstance(order, dict) or set(order) - {"sources", "excerpts"} or not all(
                isinstance(v, list) and all(isinstance(i, str) for i in v) for v in order.values()):
            raise InputError(f"brief {brief_id}", "order: {\"sources\": [document ids], \"excerpts\": [excerpt ids]}")
    if changes.get("pull_quote"):
        _check_quote(current, changes["pull_quote"], brief_id)
    if "image" in changes and changes["image"] is not None:
        changes["image"] = _chosen_image(ws, current, changes["image"], brief_id)
    edits = json.loads(row["edits"]) | changes
    if "analysis" in changes or "pull_quote" in changes:
        excerpts, notes = cited(current, edits.get("analysis", []), edits.get("pull_quote"))
        edits["excerpts"] = _union(edits.get("excerpts", []), excerpts)
        if "analysis" in changes:
            edits["notes"] = notes
    updated = _checked(ws, overlay(current, edits))
    problems = updated.problems()
    if problems:
        raise InputError(f"brief {brief_id}", "; ".join(problems))
    _save(ws, brief_id, updated, edits, actor, "brief.edit", {k: current.get(k) for k in changes}, changes)
    return get(ws, brief_id, checks=True)


def add_excerpt(ws, brief_id: int, doc_id: str, sentence: int, text: str | None, actor: Actor) -> dict[str, Any]:
    """Add sentence `sentence` of a document (or the part `text` of it, in the original or the English) to the
    brief as an excerpt of its source; the pick is kept across re-drafts."""
    from ..brief.excerpts import make_excerpt
    row = _row(ws, brief_id)
    doc = ws.store.get_document(doc_id)
    if not 0 <= sentence < len(doc.sentences):
        raise InputError(f"document {doc.id}", f"no sentence {sentence} (it has {len(doc.sentences)})")
    excerpt = msgspec.to_builtins(make_excerpt(doc, [sentence]))
    if text and " ".join(text.split()):
        excerpt = _cut(doc, excerpt, " ".join(text.split()))
    source = _source_for(ws, doc)
    current = msgspec.to_builtins(_load(row["data"]))
    edits = json.loads(row["edits"])
    kept = [k for k in edits.get("excerpts", []) if k["excerpt"]["id"] != excerpt["id"]]   # the latest pick wins
    edits["excerpts"] = kept + [{"source": source, "excerpt": excerpt}]
    if not put_excerpt(current, source, excerpt):
        return get(ws, brief_id, checks=True)                  # already in the brief: nothing changes
    updated = _checked(ws, overlay(current, edits))
    _save(ws, brief_id, updated, edits, actor, "brief.excerpt", None,
          {"document": doc.id, "sentence": sentence, "excerpt": excerpt["id"], "text": text})
    return get(ws, brief_id, checks=True)


def redraft(ws, brief_id: int, actor: Actor) -> dict[str, Any]:
    """Draft again from the same request (new documents count) and lay the analyst's edits over it."""
    row = _row(ws, brief_id)
    request, edits = json.loads(row["request"]), json.loads(row["edits"])
    merged = _checked(ws, overlay(_assemble(ws, request), edits))
    problems = merged.problems()
    if problems:          # never drop the analyst's work silently: say what no longer fits
        raise InputError(f"brief {brief_id}", "the analyst's edits no longer fit the new draft: " + "; ".join(problems))
    _save(ws, brief_id, merged, edits, actor, "brief.redraft", None, {"kept_edits": sorted(set(edits) & set(EDITABLE))})
    return get(ws, brief_id, checks=True)


def image_choices(ws, brief_id: int) -> list[dict[str, Any]]:
    """The pictures the brief may show: licensed figures in its documents' archived pages, and the current one."""
    from ..brief.image import image_for
    from ..vocab.termbase import TermBase
    data = msgspec.to_builtins(_load(_row(ws, brief_id)["data"]))
    found = [data["image"]] if data.get("image") else []
    outlets = {source_doc(s): s["outlet"] for s in data["sources"]}
    outlets |= {n["doc_id"]: n.get("outlet") or "" for n in data["notes"] if n.get("doc_id")}
    terms = TermBase.for_workspace(ws.root)
    for doc_id, outlet in outlets.items():
        if doc_id is None:
            continue
        try:
            doc = ws.store.get_document(doc_id)
        except NotFound:
            continue
        if doc.capture is None or "html" not in (doc.content_type or ""):
            continue
        image = image_for(doc, ws.archive.read(doc.capture), outlet=outlet or doc.source, terms=terms)
        if image is not None and all(i["path_or_url"] != image.path_or_url for i in found):
            found.append(msgspec.to_builtins(image))
    return found


def sentence_checks(ws, brief: Brief) -> list[dict[str, Any]]:
    """The evidence check per analysis sentence, in reading order: {"paragraph", "sentence", "backed", "why"}."""
    from ..brief.check import sentence_failures
    failures = sentence_failures(brief, _reports(ws, brief))
    places = [(p, s) for p, para in enumerate(brief.analysis) for s in range(len(para.sentences))]
    return [{"paragraph": p, "sentence": s, "backed": not why, "why": why} for (p, s), why in zip(places, failures)]


def render(ws, brief_id: int, fmt: str) -> tuple[bytes, str]:
    """The brief in one of md, html, pdf, docx: (bytes, media type)."""
    from ..brief.render import render as write
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    brief = _load(_row(ws, brief_id)["data"])
    with tempfile.TemporaryDirectory(prefix="dragoman-brief-") as tmp:
        path = write(brief, Path(tmp) / f"brief.{fmt}")
        return path.read_bytes(), FORMATS[fmt]


def _assemble(ws, request: dict[str, Any]) -> Brief:
    """The draft for a stored request; a blank brief when it names neither entity nor query."""
    from ..brief.assemble import assemble
    if not (request.get("query") or request.get("entity")):
        return Brief(title=request.get("title") or "Untitled brief", query=BLANK_QUERY,
                     created=datetime.now(timezone.utc))
    return assemble(ws, query=request.get("query"), entity=request.get("entity"),
                    start=date.fromisoformat(request["from"]) if request.get("from") else None,
                    end=date.fromisoformat(request["to"]) if request.get("to") else None, title=request.get("title"))


def _reports(ws, brief: Brief) -> list:
    """The reports (events and claims) of every document the brief cites, for the evidence check."""
    from ..analysis.participants import Names
    from ..analysis.reports import reports_from_documents
    from ..outlets import Registry
    ids = {e.doc_id for s in brief.sources for e in s.excerpts} | {n.doc_id for n in brief.notes if n.doc_id}
    docs = []
    for doc_id in sorted(ids):
        try:
            docs.append(ws.store.get_document(doc_id))
        except NotFound:
            continue                  # a document gone from the workspace backs nothing
    return reports_from_documents(docs, Registry.load(ws.root), Names.for_connection(ws.store.con))


def _checked(ws, brief: Brief) -> Brief:
    """The brief with its check line and "not backed" warnings brought up to date with its analysis."""
    from ..brief.check import check_brief
    result = check_brief(brief, _reports(ws, brief))
    brief.check = result.line
    brief.warnings = [w for w in brief.warnings if not w.startswith(NOT_BACKED)] + \
        [NOT_BACKED + failure for failure in result.failures]
    return brief


def _save(ws, brief_id: int, brief: Brief, edits: dict[str, Any], actor: Actor, action: str, before: Any,
          after: Any) -> None:
    with ws.store.transaction() as con:
        con.execute("UPDATE briefs SET title = ?, data = ?, edits = ?, updated = ? WHERE id = ?",
                    (brief.title, _dump(brief), json.dumps(edits, ensure_ascii=False), now_iso(), brief_id))
        audit.record(con, actor, action, f"brief:{brief_id}", before, after)


def _union(kept: list[dict[str, Any]], more: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {k["excerpt"]["id"] for k in kept}
    return kept + [m for m in more if m["excerpt"]["id"] not in seen and not seen.add(m["excerpt"]["id"])]


def _source_for(ws, doc) -> dict[str, Any]:
    """The source block (without excerpts) a document gets in a brief: outlet, grade, titles, date, URL."""
    from ..brief.select import Selection
    from ..outlets import Registry
    sel = Selection(ws, Registry.load(ws.root))
    outlet, descriptor, grade = sel.describe(doc)
    title, english = sel.titles(doc)
    return {"outlet": outlet, "descriptor": descriptor, "grade": grade, "title_original": title,
            "title_language": doc.language or "und", "title_english": english,
            "published": doc.published.date().isoformat() if doc.published else None, "url": doc.url,
            "doc_id": doc.id}


def _cut(doc, excerpt: dict[str, Any], text: str) -> dict[str, Any]:
    """The part `text` of a one-sentence excerpt: found in the English, the English is cut (the original stays
    whole); found in the original, the original and its span are cut (the English stays that of the sentence)."""
    from ..brief.excerpts import excerpt_id
    from ..model import Span
    english, original = excerpt["english"], excerpt["original"]
    if text == english or text == original:
        return excerpt
    if text in english:
        return excerpt | {"english": _marked(english, text), "cut": True}
    pattern = re.compile(r"\s+".join(re.escape(word) for word in text.split()))
    found = pattern.search(doc.text, excerpt["start"], excerpt["end"])
    if found is None:
        raise InputError(f"document {doc.id}", f"“{text[:80]}” is not part of that sentence, in the original or "
                                               "in its English; select text inside one sentence")
    span = Span(found.start(), found.end())
    return excerpt | {"id": excerpt_id(doc, [span]), "original": _marked(original, " ".join(found.group(0).split())),
                      "start": span.start, "end": span.end, "cut": True,
                      "translation": f"{excerpt['translation']}; English of the whole sentence"}


def _marked(whole: str, part: str) -> str:
    """`part` of `whole` with … where it leaves words out before or after."""
    at = whole.find(part)
    lead = "… " if at > 0 else ""
    tail = " …" if at + len(part) < len(whole) else ""
    return f"{lead}{part}{tail}"


def _check_quote(data: dict[str, Any], quote: Any, brief_id: int) -> None:
    """A pull quote must quote one of the brief's excerpts word for word (… may leave words out)."""
    if not isinstance(quote, dict) or not quote.get("text") or not quote.get("excerpt_id"):
        raise InputError(f"brief {brief_id}", "pull_quote: {\"text\": …, \"excerpt_id\": …} or null")
    excerpt = next((e for s in data["sources"] for e in s["excerpts"] if e["id"] == quote["excerpt_id"]), None)
    if excerpt is None:
        raise InputError(f"brief {brief_id}", f"pull quote: the brief has no excerpt {quote['excerpt_id']!r}")
    flat = lambda value: " ".join(str(value).split())          # noqa: E731
    pieces = [flat(p) for p in re.split(r"…|\.\.\.", quote["text"]) if flat(p)]
    if not pieces or not all(p in flat(excerpt["english"]) or p in flat(excerpt["original"]) for p in pieces):
        raise InputError(f"brief {brief_id}", "the pull quote must quote its excerpt word for word (… may leave "
                                              "words out)")


def _chosen_image(ws, data: dict[str, Any], image: Any, brief_id: int) -> dict[str, Any]:
    """The picture chosen, as found in the documents (its licence and credit are never taken from the client)."""
    wanted = image.get("path_or_url") if isinstance(image, dict) else None
    for choice in image_choices(ws, brief_id):
        if choice["path_or_url"] == wanted:
            return choice
    raise InputError(f"brief {brief_id}", f"image {wanted!r} is not a licensed picture of this brief's documents")


def _row(ws, brief_id: int):
    row = ws.store.con.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
    if row is None:
        raise NotFound(f"brief {brief_id} not found")
    return row


def _dump(brief: Brief) -> str:
    return msgspec.json.encode(brief).decode("utf-8")


def _load(data: str) -> Brief:
    return msgspec.json.decode(data, type=Brief)
