"""The outlet behind a document, from the registry: its name, descriptor and reliability grade.

Runs right after extraction, so later stages (claims put the outlet at the head of every chain) and every
output speak of "al-Araby al-Jadeed" whatever the site calls itself; the site's own name is kept in `meta`.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..pipeline import stage
from ..settings import Settings

VERSION = "1"


@stage("outlet", version=VERSION, requires=("text",), assigns=("outlet", "meta"))
def build(settings: Settings):
    """Match the document to the outlet registry (domain, mirror, Telegram handle or name); else unrated."""
    from ..outlets import Registry

    root = settings["workspace.root"]
    registry = Registry.load(Path(root) if root else None)

    def outlet(doc: Document) -> Document:
        found, _, descriptor, grade = registry.describe_document(doc)
        doc.meta["outlet_descriptor"], doc.meta["reliability"] = descriptor, grade
        if found is None:
            doc.meta.pop("outlet_id", None)
            return doc
        if doc.outlet and doc.outlet != found.name:
            doc.meta["site_name"] = doc.outlet
        doc.meta["outlet_id"], doc.outlet = found.id, found.name
        return doc

    return outlet
