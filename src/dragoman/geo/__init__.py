"""Places: a gazetteer (GeoNames towns, ISO countries and subdivisions, airfields, our facility table), a spotter
for place names in ar/ru/tr/fr/en text, and a resolver that puts each on the map with an ACLED precision code.

    gaz = Gazetteer.open()                       # built on first use into the cache, then read-only
    places = resolve(text, spot(text, "ar", gaz), gaz, lang="ar")
"""

from .gazetteer import Candidate, Gazetteer
from .keys import name_key
from .resolve import Resolution, resolve, toponym
from .spot import Toponym, spot

__all__ = ["Candidate", "Gazetteer", "Resolution", "Toponym", "name_key", "resolve", "spot", "toponym"]
