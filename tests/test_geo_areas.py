"""Centre points of areas computed from the grid cells their towns occupy (geo/areas.py)."""

from dragoman.geo.areas import cell_of, centre


def _cells(points, size=0.5):
    return {cell_of(lat, lon, size) for lat, lon in points}


def test_a_province_settled_along_its_south_is_centred_on_its_territory():
    # Dense towns along 43-45 N, a few settlements up to 56 N: the centre lies near the middle of 43-56 N,
    # not on the crowded south as a mean of towns would put it.
    south = [(43 + i * 0.25, -95 + j * 0.5) for i in range(9) for j in range(40)]
    north = [(46 + k, -95 + (k * 7) % 20) for k in range(11)] + [(56.0, -95.0), (56.0, -76.0)]
    lat, lon = centre(_cells(south + north), 0.5)
    mean = sum(p[0] for p in south + north) / len(south + north)
    assert 47.5 < lat < 51 and lat > mean + 2
    assert -95 < lon < -75


def test_far_islands_are_left_out_and_the_antimeridian_is_crossed():
    mainland = [(40 + i * 0.5, -100 + j * 0.5) for i in range(10) for j in range(10)]
    island = [(20.0, -157.0)]                                        # a far island: not part of the mainland
    lat, lon = centre(_cells(mainland + island), 0.5)
    assert 41 < lat < 45 and -100 < lon < -95
    fiji_like = [(-17 - i * 0.5, 177.5 + j * 0.5) for i in range(4) for j in range(6)]   # 177.5 E to 179.5 W
    lat, lon = centre(_cells(fiji_like), 0.5)
    assert -19 < lat < -16.5 and (lon > 178 or lon < -179)
    assert centre(set(), 0.5) is None


def test_scattered_enclaves_keep_their_point_on_their_own_land():
    # Four small enclaves on two coasts (as Puducherry's): the hull centre would fall between them, on
    # another area's land; the occupied cell nearest it stands in.
    enclaves = [(11.93, 79.83), (10.92, 79.83), (11.70, 75.53), (16.73, 82.22)]
    lat, lon = centre(_cells(enclaves), 0.5)
    assert any(abs(lat - a) <= 0.5 and abs(lon - b) <= 0.5 for a, b in enclaves)
    block = [(40 + i * 0.5, 10 + j * 0.5) for i in range(6) for j in range(6)]     # a compact area: its middle
    lat, lon = centre(_cells(block), 0.5)
    assert 41 < lat < 42.5 and 11 < lon < 12.5
