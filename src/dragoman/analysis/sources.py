"""Who published a document, as analysis counts sources: the registry's outlet, its descriptor and grade, and
the family it belongs to (outlets of one family, or an unrated site, count as one source)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from ..outlets import UNRATED, Registry
from ..outlets.registry import identified, source_label

# How much one family weighs in corroboration, by the best Admiralty source grade among its reports.
GRADE_WEIGHT = {"A": 1.0, "B": 1.0, "C": 1.0, "D": 0.75, "E": 0.5, "F": 0.5, UNRATED: 0.5}
RELIABLE = frozenset("ABC")
UNIDENTIFIED_FAMILY = "unidentified outlets"


@dataclass(frozen=True, slots=True)
class Source:
    outlet_id: str | None
    outlet: str
    family: str
    descriptor: str
    grade: str


def describe(registry: Registry, doc: Document) -> Source:
    """The outlet behind `doc` (by Telegram handle, URL, source or name); unknown outlets stay "unrated"."""
    telegram = doc.source if doc.source.startswith(("t.me/", "telegram.me/")) else None
    outlet = registry.match(url=doc.url, source=doc.source, name=doc.outlet, telegram=telegram)
    if outlet is None:
        _, name, descriptor, _ = registry.describe_document(doc)
        # an unrated site counts once by its host; files whose publisher nothing names count as one source too:
        # they may well be one outlet's
        family = source_label(doc.source, doc.url, doc.outlet) if identified(doc.source, doc.url, doc.outlet) \
            else UNIDENTIFIED_FAMILY
        return Source(None, name, family, descriptor, UNRATED)
    return Source(outlet.id, outlet.name, registry.family(outlet), outlet.descriptor, outlet.reliability)


def weight(grade: str) -> float:
    return GRADE_WEIGHT.get(grade, GRADE_WEIGHT[UNRATED])
