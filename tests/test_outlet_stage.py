"""The outlet stage names each document's outlet from the registry and marks unknown ones unrated."""

from dragoman.model import Document
from dragoman.pipeline import REGISTRY, plan
from dragoman.settings import Settings


def _outlet_stage():
    plan(Settings())                                   # discovers the stages
    return REGISTRY["outlet"].build(Settings())


def test_known_site_gets_the_registry_name_and_descriptor():
    run = _outlet_stage()
    doc = run(Document(id="d1", source="aa.com.tr", url="https://www.aa.com.tr/ar/arab-world/x/2973215",
                       outlet="الأناضول", text="نص"))
    assert doc.outlet == "Anadolu Agency" and doc.meta["outlet_id"] == "anadolu"
    assert doc.meta["outlet_descriptor"] == "Turkish state-run news agency" and doc.meta["site_name"] == "الأناضول"


def test_unknown_site_is_unrated_and_keeps_its_name():
    run = _outlet_stage()
    doc = run(Document(id="d2", source="example-news.ly", url="https://example-news.ly/a", outlet="Example",
                       text="text"))
    assert doc.outlet == "Example" and "outlet_id" not in doc.meta
    assert doc.meta["reliability"] == "unrated" and doc.meta["outlet_descriptor"].startswith("unrated outlet")
