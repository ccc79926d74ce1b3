"""KML 2.2 for Google Earth and QGIS: a Document with one Folder per layer (Events, Places, Facilities), written
element by element with lxml's incremental writer.

Events carry their date as a TimeStamp at its precision (`2023-09-28`, `2023-09`, `2023`) or a TimeSpan (a week
or season), so Google Earth's time slider works; every field is also in ExtendedData, which QGIS and GDAL read as
columns. Events not told as done are named with their status first (`[planned] CONSULT…`) and drawn with a
hollow style.

Text from pages is escaped twice where it has to be: lxml escapes it as XML, and a balloon `description` (which
Google Earth renders as HTML) is HTML-escaped first, so a title holding `<script>` shows as those characters.
"""

from __future__ import annotations

from typing import Any, TextIO

from lxml import etree

from .layers import Layers
from .text import coordinate, html_text

NS = "http://www.opengis.net/kml/2.2"
FOLDERS = {"event": "Events", "place": "Places", "facility": "Facilities"}
STYLES = {  # id -> (icon colour aabbggrr, scale)
    "event": ("ff0000ff", 1.0), "event-not-done": ("7f0000ff", 0.8), "place": ("ffffaa00", 0.8),
    "facility": ("ff00aaff", 1.0),
}
_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def write(ctx, out: TextIO) -> None:
    layers = Layers(ctx)
    wanted = ctx.options["layers"]
    with etree.xmlfile(_Sink(out), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("kml", nsmap={None: NS}):
            with xf.element("Document"):
                xf.write(_text("name", "Dragoman export"), pretty_print=True)
                for style, (colour, scale) in STYLES.items():
                    xf.write(_style(style, colour, scale), pretty_print=True)
                if "event" in wanted:
                    with xf.element("Folder"):
                        xf.write(_text("name", FOLDERS["event"]), pretty_print=True)
                        for event, props, place in layers.events():
                            style = "event" if event.factual else "event-not-done"
                            xf.write(_placemark(props, place.lat, place.lon, style, _when(props)), "\n")
                            ctx.summary.count("event")
                else:
                    for _ in layers.events():
                        pass                         # still read: the place layers are tallied on the way
                tallies = layers.tallies()
                for layer in ("place", "facility"):
                    if layer not in wanted:
                        continue
                    with xf.element("Folder"):
                        xf.write(_text("name", FOLDERS[layer]), pretty_print=True)
                        for tally in (t for t in tallies if t.place.layer == layer):
                            xf.write(_placemark(tally.properties(), tally.place.lat, tally.place.lon, layer, None),
                                     "\n")
                            ctx.summary.count(layer)


class _Sink:
    """lxml's incremental writer wants bytes; the export's file is text."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(data.decode("utf-8"))


def _placemark(props: dict[str, Any], lat: float, lon: float, style: str, when) -> etree._Element:
    mark = etree.Element("Placemark", id=_xml_id(props["id"]))
    mark.append(_text("name", props["name"]))
    if when is not None:
        mark.append(when)
    mark.append(_text("description", _balloon(props)))
    mark.append(_text("styleUrl", f"#{style}"))
    data = etree.SubElement(mark, "ExtendedData")
    for key, value in props.items():
        if value is None or value == [] or key == "name":
            continue
        field = etree.SubElement(data, "Data", name=key)
        field.append(_text("value", _plain(value)))
    point = etree.SubElement(mark, "Point")
    point.append(_text("coordinates", f"{coordinate(lon)},{coordinate(lat)}"))
    return mark


def _when(props: dict[str, Any]) -> etree._Element | None:
    """A TimeStamp at the date's own precision, or a TimeSpan for a week or season; None when undated."""
    if not props.get("date"):
        return None
    if props.get("date_end"):
        span = etree.Element("TimeSpan")
        span.append(_text("begin", props["date"]))
        span.append(_text("end", props["date_end"]))
        return span
    stamp = etree.Element("TimeStamp")
    stamp.append(_text("when", props["date"]))
    return stamp


def _balloon(props: dict[str, Any]) -> str:
    """The balloon Google Earth shows (as HTML): every piece of page text HTML-escaped."""
    if props["layer"] == "event":
        lines = [f"{props['status_words']}", f"{props.get('date') or 'date unknown'}"
                 f"{' – ' + props['date_end'] if props.get('date_end') else ''} ({props.get('date_precision') or '-'})",
                 f"{props['outlet']} ({props['outlet_descriptor']}; grade {props['outlet_grade']})"]
        lines += [props[k] for k in ("english", "original") if props.get(k)]
        lines += [f"excerpt {props['excerpt_id']}" if props.get("excerpt_id") else "", props.get("url") or ""]
    else:
        lines = [f"{props['feature'] or 'place'}, precision {props['geo_precision']} "
                 f"({props['geo_precision_words']})",
                 f"named in {props['documents']} document(s) by {', '.join(props['outlets'])}"] + props["urls"]
    return html_text("\n".join(line for line in lines if line))


def _style(ident: str, colour: str, scale: float) -> etree._Element:
    style = etree.Element("Style", id=ident)
    icon_style = etree.SubElement(style, "IconStyle")
    icon_style.append(_text("color", colour))
    icon_style.append(_text("scale", str(scale)))
    icon = etree.SubElement(icon_style, "Icon")
    icon.append(_text("href", _ICON))
    return style


def _text(tag: str, value: str) -> etree._Element:
    element = etree.Element(tag)
    element.text = value
    return element


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _xml_id(value: str) -> str:
    """An XML id (NCName) from ours: letters, digits, dot, dash and underscore only, never starting with a digit."""
    return "_" + "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in value)
