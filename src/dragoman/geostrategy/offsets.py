""""X km <direction> of Y": the area the words allow, and whether a site's known position lies in it.

The area is a sector: bearings within the compass word's half-width, distances within the figure's rounding
tolerance (see geometry.rounding_tolerance). A claim holds when the site's bearing and distance from Y both fall
inside; otherwise we say by how much it misses (degrees outside the sector, km outside the distance band, and
the km from the site to the nearest point the claim allows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

from .geometry import Sector, destination, measure, rounding_tolerance, sector
from .locate import Spot

_GRID = 24          # steps per side when searching the sector for the point nearest to the site


@dataclass(frozen=True)
class Offset:
    """A stated offset from an anchor: the implied point and the sector it stands for."""

    anchor: Spot
    km: float
    sector: Sector
    tolerance_km: float

    @property
    def point(self) -> tuple[float, float]:
        return destination(self.anchor.lat, self.anchor.lon, self.sector.bearing, self.km)

    def corners(self) -> list[tuple[float, float]]:
        near, far = self.km - self.tolerance_km, self.km + self.tolerance_km
        left, right = self.sector.bearing - self.sector.half_width, self.sector.bearing + self.sector.half_width
        return [destination(self.anchor.lat, self.anchor.lon, b, d) for b in (left, right) for d in (near, far)]

    def radius_km(self) -> float:
        """How far the allowed area reaches from the implied point (its uncertainty)."""
        lat, lon = self.point
        centre = Spot("", "", lat, lon, "coordinates")
        return max(measure(centre, Spot("", "", la, lo, "coordinates")).km for la, lo in self.corners())

    def polygon(self, steps: int = 16) -> list[list[float]]:
        """The sector as a closed GeoJSON ring ([lon, lat])."""
        near, far = self.km - self.tolerance_km, self.km + self.tolerance_km
        first = self.sector.bearing - self.sector.half_width
        bearings = [first + 2 * self.sector.half_width * i / steps for i in range(steps + 1)]
        pts = [destination(self.anchor.lat, self.anchor.lon, b, far) for b in bearings]
        pts += [destination(self.anchor.lat, self.anchor.lon, b, near) for b in reversed(bearings)]
        ring = [[round(lon, 5), round(lat, 5)] for lat, lon in pts]
        return ring + ring[:1]

    def nearest_km(self, site: Spot) -> float:
        """The distance from `site` to the nearest point of the allowed area (0 inside it), by a fine grid."""
        if self.allows(site):
            return 0.0
        near = max(0.0, self.km - self.tolerance_km)
        best = float("inf")
        for i in range(_GRID + 1):
            bearing = self.sector.bearing - self.sector.half_width + 2 * self.sector.half_width * i / _GRID
            for j in range(_GRID + 1):
                lat, lon = destination(self.anchor.lat, self.anchor.lon, bearing,
                                       near + (self.km + self.tolerance_km - near) * j / _GRID)
                best = min(best, measure(site, Spot("", "", lat, lon, "coordinates")).km)
        return best

    def allows(self, site: Spot) -> bool:
        m = measure(self.anchor, site)
        return self.sector.holds(m.bearing) and abs(m.km - self.km) <= self.tolerance_km

    def describe(self) -> str:
        return f"{self.km:g} km {self.sector.word} of {self.anchor.name}"


def offset(anchor: Spot, km: float, direction: str) -> Offset:
    return Offset(anchor, float(km), sector(direction), rounding_tolerance(float(km)))


@dataclass(frozen=True)
class Verdict:
    """A site's known position against a stated offset."""

    site: Spot
    claim: Offset
    actual_km: float
    actual_bearing: float
    holds: bool
    distance_off_km: float      # beyond the tolerance band (0 when inside)
    bearing_off_deg: float      # beyond the sector (0 when inside)
    miss_km: float              # site → nearest allowed point

    def as_dict(self) -> dict:
        lat, lon = self.claim.point
        return {
            "claim": self.claim.describe(), "site": self.site.as_dict(), "anchor": self.claim.anchor.as_dict(),
            "claimed_km": self.claim.km, "tolerance_km": round(self.claim.tolerance_km, 1),
            "claimed_direction": self.claim.sector.word, "claimed_bearing": self.claim.sector.bearing,
            "sector_half_width": self.claim.sector.half_width,
            "implied_point": {"lat": round(lat, 5), "lon": round(lon, 5),
                              "uncertainty_km": round(self.claim.radius_km(), 1)},
            "actual_km": round(self.actual_km, 1), "actual_bearing": round(self.actual_bearing, 1),
            "actual_direction": _compass(self.actual_bearing),
            "verdict": "consistent" if self.holds else "inconsistent",
            "distance_off_km": round(self.distance_off_km, 1), "bearing_off_deg": round(self.bearing_off_deg, 1),
            "miss_km": round(self.miss_km, 1), "summary": self.summary(),
        }

    def summary(self) -> str:
        actual = (f"{self.site.name} lies {self.actual_km:.0f} km {_compass(self.actual_bearing)} "
                  f"({self.actual_bearing:.0f}°) of {self.claim.anchor.name}")
        if self.holds:
            return f"'{self.claim.describe()}': consistent — {actual}"
        misses = []
        if self.distance_off_km > 0:
            misses.append(f"distance off by {self.distance_off_km:.0f} km beyond ±{self.claim.tolerance_km:.0f}")
        if self.bearing_off_deg > 0:
            misses.append(f"direction off by {self.bearing_off_deg:.0f}° beyond ±{self.claim.sector.half_width:g}°")
        return (f"'{self.claim.describe()}': inconsistent — {actual}; {', '.join(misses)}; "
                f"{self.miss_km:.0f} km from the nearest point the claim allows")


def check(site: Spot, claim: Offset) -> Verdict:
    m = measure(claim.anchor, site)
    return Verdict(site, claim, m.km, m.bearing, claim.allows(site),
                   max(0.0, abs(m.km - claim.km) - claim.tolerance_km), claim.sector.outside_by(m.bearing),
                   claim.nearest_km(site))


def agree(a: Offset, b: Offset) -> bool:
    """Whether two stated offsets of the same site can both be true (their areas touch)."""
    if a.anchor.lat == b.anchor.lat and a.anchor.lon == b.anchor.lon:
        bearings_meet = (abs(_turn(a.sector.bearing, b.sector.bearing))
                         <= a.sector.half_width + b.sector.half_width)
        distances_meet = abs(a.km - b.km) <= a.tolerance_km + b.tolerance_km
        return bearings_meet and distances_meet
    lat, lon = b.point
    return a.nearest_km(Spot("", "", lat, lon, "coordinates")) <= b.radius_km()


def _turn(x: float, y: float) -> float:
    from .geometry import angle_between
    return angle_between(x, y)


def _compass(bearing: float) -> str:
    from .geometry import compass
    return compass(bearing)


_STATED = re.compile(r"^\s*(?:about\s+|some\s+|around\s+)?(\d+(?:[.,]\d+)?)\s*(?:km|kilomet(?:re|er)s?)\s+"
                     r"(?:to\s+the\s+)?([a-z][a-z\s\-]*?)\s+of\s+(.+?)\s*$", re.IGNORECASE)


def parse_stated(text: str) -> tuple[float, str, str]:
    """"150 km south-east of Benghazi" → (150.0, "south-east", "Benghazi"); InputError naming the text else."""
    m = _STATED.match(text or "")
    if not m:
        raise InputError(f"offset {text!r}", "expected the form '150 km south-east of Benghazi'")
    sector(m.group(2))                       # fail here, naming the direction, when it is no compass word
    return float(m.group(1).replace(",", ".")), m.group(2).strip(), m.group(3).strip()
