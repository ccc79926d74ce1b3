"""Subdivisions (states, provinces, governorates) for the gazetteer.

OurAirports files every airfield under a region code (mostly ISO 3166-2, some older or finer: "CN-34" for
Anhui, Philippine provinces); GeoNames towns are filed under their own admin1 codes, which are matched to those
regions by the airfields nearest the largest towns (build.py). Each region is then joined with pycountry's
subdivision of the same code, or of the same name once type words are dropped ("Anhui Sheng" = "Anhui
Province"), which brings the ISO name and its ru/tr/fr translations. A first-level ISO subdivision OurAirports
lacks (the Philippine regions) is assembled from its children. The point is the centre of the land the
region's towns and airfields cover (areas.centre).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .areas import Areas, Cell
from .keys import name_key
from .places import Additions
from .sources import ALT, DEMONYM, PRIMARY, Record, alternate_ok, clean_alternate, subdivision_names

_TYPE_WORDS = re.compile(
    r"\s+(?:Special Administrative Region|Autonomous Region|Autonomous Republic|Autonomous Okrug|Autonomous Oblast|"
    r"Metropolitan Area|Capital District|Capital Region|Capital Territory|Federal District|Province|Region|"
    r"Municipality|District|County|Governorate|State|Department|Oblast|Krai|Kray|Prefecture|Territory|Division|"
    r"Parish|Canton|Voivodeship|Emirate|Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|SAR)$", re.I)


def short_name(name: str) -> str:
    """"Anhui Province" -> "Anhui", "Guangxi Zhuangzu Zizhiqu" -> "Guangxi" (type words dropped)."""
    previous = None
    while previous != name:
        previous, name = name, _TYPE_WORDS.sub("", name).strip()
    return name


@dataclass
class _Area:
    code: str
    country: str
    name: str
    names: list[tuple[str, int, str]] = field(default_factory=list)
    cells: set[Cell] = field(default_factory=set)
    groups: list[tuple[str, str]] = field(default_factory=list)
    display: str = ""
    iso_codes: set[str] = field(default_factory=set)   # the ISO codes joined to it (SD-KH is OurAirports' SD-03)
    assembled: bool = False         # made from its children: its towns keep their own region as admin1


def area_records(regions: dict[str, dict], town_groups: dict[str, list[tuple[str, str]]], towns: Areas,
                 airport_cells: dict[str, set[Cell]],
                 additions: Additions) -> list[tuple[Record, list[tuple[str, str]]]]:
    """(record, GeoNames (country, admin1) groups filed under it) for every region with a point."""
    areas: dict[str, _Area] = {}
    by_name: dict[tuple[str, str], _Area] = {}
    for code, row in regions.items():
        short = short_name(row["name"])
        area = _Area(code, row["iso_country"], short, [(row["name"], PRIMARY, "en"), (short, ALT, "en")])
        for keyword in (row.get("keywords") or "").split(","):
            keyword = keyword.strip()
            if keyword and not keyword.startswith("Airports in") and alternate_ok(keyword):
                area.names.append((keyword, ALT, ""))
        area.cells = set(airport_cells.get(code, ()))
        for group in town_groups.get(code, ()):
            area.groups.append(group)
            area.cells |= towns.cells.get(group, set())
        areas[code] = area
        by_name.setdefault((area.country, name_key(short)), area)
    children: dict[str, list[_Area]] = defaultdict(list)
    orphans = []
    for code, country, english, names, parent in subdivision_names():
        english = clean_alternate(english) or english              # "Central Luzon (Region III)"
        names = names + [(english, ALT, "en")]
        area = areas.get(code) or by_name.get((country, name_key(short_name(english))))
        if area is None:
            if not parent:
                orphans.append((code, country, english, names))
            continue
        area.names += names + [(short_name(english), ALT, "")]
        area.iso_codes.add(code)
        area.display = area.display or short_name(english)
        if parent:
            children[parent].append(area)
    for code, country, english, names in orphans:       # built from their children (Philippine regions)
        kids = children.get(code, [])
        if kids:
            area = _Area(code, country, english, names + [(short_name(english), ALT, "")], display=english,
                         assembled=True)
            for kid in kids:
                area.cells |= kid.cells
                area.groups += kid.groups
            areas[code] = area
    out = []
    for area in areas.values():
        point = towns.centre_of_cells(area.cells)
        if point is None:
            continue
        for code in sorted({area.code} | area.iso_codes):
            extra = additions.subdivisions.get(code)
            if extra:
                area.names += [(n, ALT, lang) for lang, ns in extra.names.items() for n in ns]
                area.names += [(d, DEMONYM, "en") for d in extra.demonyms]
        display = area.display or area.name
        population = sum(towns.population.get(g, 0) for g in area.groups)
        out.append((Record(f"iso:{area.code}", display, point[0], point[1], area.country, "region", population,
                           display, "ourairports+pycountry", area.names), [] if area.assembled else area.groups))
    return out
