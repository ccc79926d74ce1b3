"""Whose word an event sentence rests on. When every report of a happening tells it only through someone else
("قالت فوكس نيوز إن سليماني وصل إلى موسكو"), the sentence says so: "…, according to Fox News cited by X". A speaker is
named only where the pipeline knows them: an English gloss of an anonymous or official source, another outlet the
outlet lexicon found, or a person or organisation of the report who is not one of the event's own parties;
anyone else is "a source"."""

from __future__ import annotations

from .draft import english_part, source_kind
from .naming import shown


def according_to(reports: list) -> str | None:
    """"sources cited by X", "a senior US official cited by X", "a source cited by X"; None when some outlet tells
    the happening in its own voice."""
    if not reports or any(not r.attributed_to or own_voice(r) for r in reports):
        return None
    if {source_type(r) for r in reports} == {"anonymous"}:
        return f"sources cited by {' and '.join(sorted({r.outlet for r in reports})[:2])}"
    said = list(dict.fromkeys(f"{speaker(r)} cited by {r.outlet}" for r in reports))
    return " and ".join(said[:2])


def speaker(report) -> str:
    """Who an event's covering claim is attributed to, as the brief may name them."""
    link = report.attributed_to[-1]
    english = english_part(link)
    if english and (source_type(report) in ("anonymous", "observers") or report.source_type == "official"):
        return english
    name = link.split(" (", 1)[0].strip()
    if report.source_type == "outlet":
        return shown(name)                 # another outlet, as the outlet lexicon found it
    # a party "telling" its own act is as often the claim finder's slip ("Haftar went to Moscow…, these people
    # said" gave the chain "Haftar")
    if getattr(report, "kinds", {}).get(name) in ("person", "organisation") \
            and name not in (*report.actors, *report.targets):
        return shown(name)
    return "a source"


def own_voice(report) -> bool:
    """The covering claim is the outlet speaking for itself ("the newspaper learned that…")."""
    return all(link.split(" (", 1)[0].strip().casefold() == report.outlet.casefold() for link in report.attributed_to)


def source_type(report) -> str:
    """anonymous, observers, named or outlet: as the claim finder typed its source, else from the chain."""
    typed = getattr(report, "source_type", None)
    if typed in ("anonymous", "observers", "outlet"):
        return typed
    if typed in ("named", "official"):
        return "named"
    return source_kind(report.attributed_to)[0]
