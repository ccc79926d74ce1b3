"""The outlet registry (bundled + the workspace's outlets.yaml): list, show, and an analyst's edit (audited)."""

from __future__ import annotations

from typing import Any

from ..outlets import Outlet, Registry
from ..outlets.registry import grade_meaning
from . import audit
from .audit import Actor


def outlet_dict(registry: Registry, o: Outlet) -> dict[str, Any]:
    origin = "workspace" if registry.root is not None and registry.origins.get(o.id) == str(registry.overlay_path) \
        else "bundled"
    return o.to_dict() | {"grade_meaning": grade_meaning(o.reliability), "family": registry.family(o),
                          "origin": origin}


def list_outlets(root) -> list[dict[str, Any]]:
    registry = Registry.load(root)
    return [outlet_dict(registry, o) for o in registry]


def show(root, ident: str) -> dict[str, Any]:
    registry = Registry.load(root)
    return outlet_dict(registry, registry.lookup(ident))


def edit(ws, ident: str, fields: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """Change fields of an outlet; the change goes to the workspace overlay and the audit log."""
    registry = Registry.load(ws.root)
    before = outlet_dict(registry, registry.lookup(ident))
    changed = registry.edit(before["id"], **fields)
    after = outlet_dict(Registry.load(ws.root), changed)
    with ws.store.transaction() as con:
        audit.record(con, actor, "outlet.edit", before["id"], {k: before.get(k) for k in fields},
                     {k: after.get(k) for k in fields})
    return after
