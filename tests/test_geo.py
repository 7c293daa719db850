"""Geodesic distances match published great-circle values within 1 %."""

from __future__ import annotations

import numpy as np
import pytest

from crisislab import geo


@pytest.mark.parametrize(
    "a, b, km",
    [
        # Reference values: great-circle distances from the haversine formula on a
        # 6,371 km sphere, as tabulated by common distance calculators.
        ((38.9072, -77.0369), (55.7558, 37.6173), 7820),  # Washington - Moscow
        ((40.7128, -74.0060), (51.5074, -0.1278), 5570),  # New York - London
        ((23.1136, -82.3666), (25.7617, -80.1918), 368),  # Havana - Miami
    ],
)
def test_known_distances(a, b, km):
    assert geo.distance_km(*a, *b) == pytest.approx(km, rel=0.01)


def test_distance_is_symmetric_and_zero_on_itself():
    assert geo.distance_km(10, 20, 10, 20) == 0
    assert geo.distance_km(1, 2, 3, 4) == pytest.approx(geo.distance_km(3, 4, 1, 2))


def test_range_ring_points_are_all_at_the_radius():
    lats, lons = geo.range_ring(22.7, -83.0, 2000, points=73)
    distances = [geo.distance_km(22.7, -83.0, la, lo) for la, lo in zip(lats, lons, strict=True)]
    assert np.allclose(distances, 2000, rtol=1e-6)
    assert lats[0] == pytest.approx(lats[-1]) and lons[0] == pytest.approx(lons[-1])


def test_ring_wraps_longitude_into_range():
    lats, lons = geo.range_ring(60, 179, 1000)
    assert lons.min() >= -180 and lons.max() <= 180
