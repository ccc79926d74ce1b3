"""Geostrategic arithmetic on the WGS84 ellipsoid: distances and bearings between places and facilities,
"X km south-east of Y" as the area it implies, press claims checked against the facility table, aircraft reach
(range rings, what lies within reach) and corridors of legs.

    a, b = locate("Hmeimim"), locate("Al-Jufra")
    leg = measure(a, b)                       # km, bearings
    check_offset(locate("Al-Kharrouba"), locate("Benghazi"), km=150, direction="south-east")
"""

from .geometry import Measure, destination, measure
from .locate import Spot, locate

__all__ = ["Measure", "Spot", "destination", "locate", "measure"]
