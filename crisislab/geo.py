"""Distances and destinations on the sphere (house style: geodesic, never degrees as circles).

A spherical Earth of mean radius 6,371.0088 km (IUGG) is within about 0.5 % of the ellipsoid for
the distances the course uses, well inside the spread of published missile ranges.
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def destination(
    lat: float, lon: float, bearing_deg: np.ndarray | float, distance: float
) -> tuple[np.ndarray, np.ndarray]:
    """Points reached from (lat, lon) along the given bearings after ``distance`` km."""
    phi1, lam1 = np.radians(lat), np.radians(lon)
    theta = np.radians(bearing_deg)
    delta = distance / EARTH_RADIUS_KM
    phi2 = np.arcsin(np.sin(phi1) * np.cos(delta) + np.cos(phi1) * np.sin(delta) * np.cos(theta))
    lam2 = lam1 + np.arctan2(
        np.sin(theta) * np.sin(delta) * np.cos(phi1), np.cos(delta) - np.sin(phi1) * np.sin(phi2)
    )
    lon2 = (np.degrees(lam2) + 540.0) % 360.0 - 180.0
    return np.degrees(phi2), lon2


def range_ring(
    lat: float, lon: float, radius_km: float, points: int = 361
) -> tuple[np.ndarray, np.ndarray]:
    """The closed ring of points at ``radius_km`` from a centre: (lats, lons)."""
    bearings = np.linspace(0.0, 360.0, points)
    return destination(lat, lon, bearings, radius_km)
