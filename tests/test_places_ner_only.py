"""An NER LOC that no gazetteer source holds is a place only when a cue word says what kind of place it is:
statistical models call people and outlets LOC, and an unresolved "place" with no coordinates misleads."""

from dragoman.model import Document, Mention, Span
from dragoman.pipeline import REGISTRY, plan
from dragoman.settings import Settings


def _places(text: str, lang: str, locs: list[str]) -> dict[str, tuple]:
    settings = Settings()
    plan(settings)                                     # registers the stages
    doc = REGISTRY["segment"].build(settings)(Document(id="d", source="local", text=text, language=lang))
    doc.mentions = [Mention(span=Span(text.index(n), text.index(n) + len(n)), text=n, value=n, label="LOC",
                            stage="entities", version="t", source="spacy") for n in locs]
    return {p.text: (p.lat, p.feature) for p in REGISTRY["places"].build(settings)(doc).places}


def test_unknown_loc_without_cue_is_not_a_place():
    text = ("Le Catholicos Aram a reçu la délégation à Paris. "
            "Les avions se sont posés sur la base aérienne de Zorgluba, selon T24.")
    found = _places(text, "fr", ["Catholicos", "Paris", "Zorgluba", "T24"])
    assert "Catholicos" not in found and "T24" not in found
    assert found["Paris"][0] is not None                    # resolved places are unaffected
    assert "Zorgluba" in found and found["Zorgluba"][0] is None   # the cue keeps an unknown base, unresolved


def test_unknown_turkish_loc_without_cue_is_dropped_known_town_kept():
    text = "Kanımca bu karar yanlış. Heyet dün Gaziantep'e ulaştı ve Yürüye'de bekledi."
    found = _places(text, "tr", ["Kanımca", "Gaziantep", "Yürüye"])
    assert "Kanımca" not in found and "Yürüye" not in found
    assert found["Gaziantep"][0] is not None
