"""Build data/coastlines_110m.json from the world-atlas npm package (Natural Earth land, 1:110m).

The course draws range rings over coastlines and needs no network when it runs, so the land
outlines ship in data/. This script regenerates them from the package file, once:

    mkdir /tmp/atlas && cd /tmp/atlas && npm pack world-atlas@2
    python data/build/coastlines.py /tmp/atlas/world-atlas-2.0.2.tgz

It reads ``package/land-110m.json`` (TopoJSON) straight from the .tgz given on the command line,
decodes the quantized, delta-encoded arcs, stitches each polygon ring from its arcs, and writes
``{"source": ..., "licence": ..., "polygons": [[ring, hole, ...], ...]}`` where a ring is a closed
list of ``[lon, lat]`` pairs in decimal degrees (WGS84), rounded to 0.01 degree (about 1 km,
finer than the 1:110m source). The output is deterministic: the same .tgz gives the same bytes.

The TopoJSON is spherical; the course plots on plain longitude/latitude axes. So each ring is
made a simple planar polygon: longitudes are unwrapped (no jump at 180 degrees, so they may run a
little past +-180), a ring that encircles a pole (Antarctica) is closed along that pole, a ring
that runs past +-180 is written twice (the copy shifted by 360 degrees), and outer rings run
anticlockwise, holes (the Caspian Sea) clockwise, so that any fill rule fills land only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
from pathlib import Path

MEMBER = "package/land-110m.json"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "coastlines_110m.json"
DECIMALS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)
    return arcs


def stitch_ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring from its arc indices (``~i`` means arc ``i`` reversed), rounded."""
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)  # arcs share their end points
    rounded: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area in square degrees: positive for an anticlockwise ring."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def planar(ring: list[list[float]], outer: bool) -> list[list[list[float]]]:
    """The ring as planar polygons on lon/lat axes: unwrapped, closed at a pole, copied by 360."""
    unwrapped = [list(ring[0])]
    for lon, lat in ring[1:]:
        step = lon - ring[len(unwrapped) - 1][0]
        step -= 360.0 * round(step / 360.0)
        unwrapped.append([round(unwrapped[-1][0] + step, DECIMALS), lat])
    drift = unwrapped[-1][0] - unwrapped[0][0]
    if abs(drift) > 180.0:  # went once around the globe: close the ring along the pole
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        unwrapped += [[unwrapped[-1][0], pole], [unwrapped[0][0], pole], list(unwrapped[0])]
    if (signed_area(unwrapped) > 0) != outer:
        unwrapped = unwrapped[::-1]
    copies = [unwrapped]
    lons = [lon for lon, _ in unwrapped]
    for shift in (-360.0, 360.0):
        if (shift < 0 and max(lons) > 180.0) or (shift > 0 and min(lons) < -180.0):
            copies.append([[round(lon + shift, DECIMALS), lat] for lon, lat in unwrapped])
    return copies


def polygons(topology: dict, name: str = "land") -> list[list[list[list[float]]]]:
    """Every polygon of the named object as a list of rings (outer ring first, then holes)."""
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            parts = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            parts = geometry["arcs"]
        else:
            continue
        for polygon in parts:
            rings = [stitch_ring(ring, arcs) for ring in polygon]
            rings = [ring for ring in rings if len(ring) >= 4]  # closed, at least a triangle
            if not rings:
                continue
            outers = planar(rings[0], outer=True)
            holes = [planar(ring, outer=False) for ring in rings[1:]]
            for outer_ring in outers:
                west = min(lon for lon, _ in outer_ring)
                east = max(lon for lon, _ in outer_ring)
                inside = [
                    hole
                    for copies in holes
                    for hole in copies
                    if west <= min(lon for lon, _ in hole) and max(lon for lon, _ in hole) <= east
                ]
                result.append([outer_ring, *inside])
    return result


def build(tgz: Path) -> dict:
    """The coastline document built from the world-atlas package file ``tgz``."""
    raw = tgz.read_bytes()
    with tarfile.open(tgz, "r:gz") as archive:
        topology = json.load(archive.extractfile(MEMBER))
        package = json.load(archive.extractfile("package/package.json"))
    return {
        "source": (
            f"Natural Earth 1:110m land (version 4.1.0) via the npm package world-atlas "
            f"{package['version']} ({MEMBER}); built by data/build/coastlines.py"
        ),
        "source_sha256": hashlib.sha256(raw).hexdigest(),
        "licence": (
            "Natural Earth data is in the public domain "
            "(https://www.naturalearthdata.com/about/terms-of-use/); world-atlas is ISC-licensed, "
            "Copyright 2013-2019 Michael Bostock."
        ),
        "format": (
            "polygons: list of polygons; each a list of closed rings [[lon, lat], ...], outer "
            "ring first (anticlockwise), then holes (clockwise); decimal degrees, WGS84; "
            "longitudes unwrapped so every ring is a simple planar polygon (they may pass +-180; "
            "such rings appear twice, 360 degrees apart); Antarctica is closed along the pole"
        ),
        "polygons": polygons(topology),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: read the .tgz, write the JSON, say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tgz", type=Path, help="world-atlas-2.x.y.tgz made by `npm pack`")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON file")
    args = parser.parse_args(argv)
    document = build(args.tgz)
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=True) + "\n"
    args.out.write_text(text, encoding="utf-8")
    points = sum(len(ring) for polygon in document["polygons"] for ring in polygon)
    print(
        f"wrote {args.out.name}: {len(document['polygons'])} polygons, {points} points, "
        f"{len(text.encode()) / 1024:.0f} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
