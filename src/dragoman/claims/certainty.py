"""How sure a claim sounds, in [0, 1].

The scale starts from who is speaking and how directly, then each hedge found in the sentence multiplies it by
its lexicon weight (0.5 for "якобы", 0.6 "allegedly", 0.7 "reportedly"/"aurait", 0.8 "likely"/"يُرجّح",
0.85 "may"/"قد"), and each outlet relaying it second-hand ("according to TASS") by RELAY:

    source                         quote   reported / assessment
    named person or organisation   1.00    0.90
    unnamed official               0.85    0.80
    an outlet or its correspondent 0.75    0.70
    anonymous ("informed sources") 0.65    0.60   (also "reportedly" with no source: an unattributed report)
    observers, analysts, experts   0.60    0.50
    the outlet's own hedged view     -     0.90   ("likely", "probablement" with no other source)

So a named minister's direct quote is 1.0, "informed sources said" 0.6, "sources said Haftar likely asked"
0.48, and "observers expect … may …" 0.42. Results are rounded to two places and never fall below FLOOR.
"""

from __future__ import annotations

from typing import Iterable

BASE = {
    True: {"named": 1.0, "official": 0.85, "outlet": 0.75, "anonymous": 0.65, "observers": 0.6},
    False: {"named": 0.9, "official": 0.8, "outlet": 0.7, "anonymous": 0.6, "observers": 0.5},
}
OWN_VIEW = 0.9
RELAY = 0.95
FLOOR = 0.05


def certainty(source_type: str, *, quote: bool = False, own_view: bool = False,
              hedge_weights: Iterable[float] = (), relays: int = 0) -> float:
    """The certainty of one claim on the scale above."""
    value = OWN_VIEW if own_view else BASE[quote][source_type]
    for weight in hedge_weights:
        value *= weight
    value *= RELAY ** relays
    return round(max(FLOOR, min(1.0, value)), 2)
