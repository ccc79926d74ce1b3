"""Canonical entities: list, profile, and the analyst's merge / split / undo, each written to the audit log."""

from __future__ import annotations

from typing import Any

from ..store.entities import EntityStore
from . import audit
from .audit import Actor


def list_entities(ws, *, kind: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    return EntityStore(ws.store.con).list(kind, limit)


def profile(ws, name_or_id: str) -> dict[str, Any]:
    return EntityStore(ws.store.con).profile(name_or_id)


def merge(ws, keep: str, other: str, actor: Actor) -> dict[str, Any]:
    store = EntityStore(ws.store.con)
    kept, merged = store.get(keep)["id"], store.get(other)["id"]
    merge_id = store.merge(kept, merged, actor="analyst")      # by hand; the audit log says who
    result = {"merge": merge_id, "kept": kept, "merged": merged}
    audit.record(ws.store.con, actor, "entity.merge", kept, {"entities": [kept, merged]}, result)
    return result


def split(ws, entity: str, variants: list[str], actor: Actor) -> dict[str, Any]:
    store = EntityStore(ws.store.con)
    before = store.get(entity)["id"]
    new_id = store.split(entity, variants, actor="analyst")
    result = {"entity": new_id, "from": before, "variants": variants, "merge": store.merges(new_id)[-1]["id"]}
    audit.record(ws.store.con, actor, "entity.split", before, {"entity": before}, result)
    return result


def undo(ws, merge_id: int, actor: Actor) -> dict[str, Any]:
    result = EntityStore(ws.store.con).undo(merge_id)
    audit.record(ws.store.con, actor, "entity.undo", f"#{merge_id}", None, result)
    return result
