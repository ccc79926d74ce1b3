"""The analyst's edits laid over a drafted brief, so that re-drafting never overwrites what the analyst wrote.

Edits are kept apart from the draft (the `edits` column of a stored brief) as plain JSON:

- "title", "subtitle", "pull_quote", "image": replace the draft's;
- "analysis": the analyst's paragraphs; each sentence's `basis` (what the evidence check tests) is kept from the
  draft while its text is unchanged, and becomes the content words of the new text when the analyst rewrote it;
- "excerpts": [{"source": …, "excerpt": …}] the excerpts the analyst picked or cites, brought back into a new draft
  that lacks them; "notes": the notes the analyst's analysis cites, renumbered to the new draft's numbers;
- "order": {"sources": [document ids], "excerpts": [excerpt ids]} the analyst's order of sources and excerpts.

All functions work on plain data (msgspec builtins) and return a Brief; nothing here reads the workspace.
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec

from ..errors import InputError
from .check import content_words
from .model import Brief

TEXT_EDITS = ("title", "subtitle", "pull_quote", "image")
EDIT_NAMES = (*TEXT_EDITS, "analysis", "order")


def overlay(base: Brief | dict[str, Any], edits: dict[str, Any]) -> Brief:
    """`base` (a draft, or the brief as it stands) with every edit in `edits` applied."""
    data = copy.deepcopy(base if isinstance(base, dict) else msgspec.to_builtins(base))
    for kept in edits.get("excerpts", []):
        add_excerpt(data, kept["source"], kept["excerpt"])
    numbers = _keep_notes(data, edits.get("notes", []))
    for key in TEXT_EDITS:
        if key in edits:
            data[key] = edits[key]
    if "analysis" in edits:
        data["analysis"] = [{"sentences": [s | {"footnotes": [numbers.get(n, n) for n in s.get("footnotes", [])]}
                                           for s in p["sentences"]]} for p in edits["analysis"]]
    if "order" in edits:
        _order(data, edits["order"])
    return to_brief(data)


def to_brief(data: dict[str, Any]) -> Brief:
    try:
        return msgspec.convert(data, Brief)
    except msgspec.ValidationError as exc:
        raise InputError("brief edit", str(exc)) from None


def source_doc(source: dict[str, Any]) -> str | None:
    """The document a source block stands for (older briefs name it only through their excerpts)."""
    if source.get("doc_id"):
        return source["doc_id"]
    return source["excerpts"][0]["doc_id"] if source.get("excerpts") else None


def add_excerpt(data: dict[str, Any], source: dict[str, Any], excerpt: dict[str, Any]) -> bool:
    """Put `excerpt` under its document's source block (made from `source` when the brief has none); one the
    brief holds already (same original span) takes the new English (an analyst's cut of it). False when nothing
    changes."""
    for block in data["sources"]:
        for i, held in enumerate(block["excerpts"]):
            if held["id"] == excerpt["id"]:
                if held == excerpt:
                    return False
                block["excerpts"][i] = excerpt
                return True
    block = next((s for s in data["sources"] if source_doc(s) == excerpt["doc_id"]), None)
    if block is None:
        block = {k: v for k, v in source.items() if k != "excerpts"} | {"excerpts": [], "doc_id": excerpt["doc_id"]}
        data["sources"].append(block)
    block["excerpts"].append(excerpt)
    return True


def cited(data: dict[str, Any], analysis: list[dict[str, Any]], pull_quote: dict[str, Any] | None
          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The excerpts (with their source) and the notes that `analysis` and `pull_quote` cite, from `data`."""
    ids = {e for p in analysis for s in p["sentences"] for e in s.get("excerpts", [])}
    if pull_quote:
        ids.add(pull_quote["excerpt_id"])
    numbers = {n for p in analysis for s in p["sentences"] for n in s.get("footnotes", [])}
    excerpts = [{"source": {k: v for k, v in s.items() if k != "excerpts"} | {"doc_id": source_doc(s)}, "excerpt": e}
                for s in data["sources"] for e in s["excerpts"] if e["id"] in ids]
    notes = [n for n in data["notes"] if n["number"] in numbers]
    return excerpts, notes


def rebase(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The analyst's paragraphs with each sentence's basis: the draft's while the text is unchanged, else what
    the new text says (its content words, the same participants), so the check tests what is now written."""
    by_text = {s["text"]: s.get("basis") for p in old for s in p["sentences"]}
    out = []
    for p_index, paragraph in enumerate(new):
        sentences = []
        for s_index, sentence in enumerate(paragraph.get("sentences", [])):
            text = " ".join(str(sentence.get("text", "")).split())
            if not text:
                continue                  # an emptied sentence is a deleted one
            basis = by_text.get(text)
            if basis is None:
                before = _at(old, p_index, s_index)
                participants = list((before or {}).get("participants", []))
                basis = {"kind": "claim", "participants": participants, "type": None, "words": content_words(text)}
            sentences.append({"text": text, "footnotes": [int(n) for n in sentence.get("footnotes", [])],
                              "excerpts": [str(e) for e in sentence.get("excerpts", [])], "basis": basis})
        if sentences:
            out.append({"sentences": sentences})
    return out


def _at(paragraphs: list[dict[str, Any]], p: int, s: int) -> dict[str, Any] | None:
    if p < len(paragraphs) and s < len(paragraphs[p]["sentences"]):
        return paragraphs[p]["sentences"][s].get("basis")
    return None


def _keep_notes(data: dict[str, Any], kept: list[dict[str, Any]]) -> dict[int, int]:
    """Old note number → number in `data`: the same document's note, else the kept note appended."""
    numbers: dict[int, int] = {}
    for note in kept:
        same = next((n for n in data["notes"] if n.get("doc_id") == note.get("doc_id") and
                     (note.get("doc_id") or n.get("text") == note.get("text"))), None)
        if same is None:
            same = note | {"number": max((n["number"] for n in data["notes"]), default=0) + 1}
            data["notes"].append(same)
        numbers[note["number"]] = same["number"]
    return numbers


def _order(data: dict[str, Any], order: dict[str, Any]) -> None:
    """Sources and excerpts in the analyst's order; ones the analyst has not placed follow in the draft's order."""
    def rank(wanted: list[str], key: str | None, fallback: int) -> tuple[int, int]:
        return (wanted.index(key), 0) if key in wanted else (len(wanted), fallback)
    sources, excerpts = list(order.get("sources", [])), list(order.get("excerpts", []))
    data["sources"] = [s for _, s in sorted(enumerate(data["sources"]),
                                            key=lambda pair: rank(sources, source_doc(pair[1]), pair[0]))]
    for block in data["sources"]:
        block["excerpts"] = [e for _, e in sorted(enumerate(block["excerpts"]),
                                                  key=lambda pair: rank(excerpts, pair[1]["id"], pair[0]))]
