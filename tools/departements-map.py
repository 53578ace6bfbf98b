#!/usr/bin/env python3
"""Outlines of the départements as SVG paths, for the map of `scrutin coverage --html`.

    python3 tools/departements-map.py GEOJSON_DIR > patterns/departements.svgpaths.tsv

Reads departements-version-simplifiee.geojson (metropolitan France) and the
five departements-<overseas>.geojson files of GEOJSON_DIR. Writes one
tab-separated row per département (kind `departement`), per département of
Paris and its inner ring enlarged (kind `zoom`) and per inset frame (kind
`frame`): kind, code, name, SVG path. Coordinates are in a 1000 x 800
viewBox: metropolitan France on the right, Paris and its inner ring enlarged
in its top right corner, the overseas départements each in a box of their
own down the left side. Each area is
projected on its own (longitude scaled by the cosine of its middle
latitude), outlines are thinned (Douglas-Peucker, half a unit) and rounded
to whole units. Same input, same bytes out.
"""

import json
import math
import sys

WIDTH, HEIGHT = 1000, 800
METRO_BOX = (200.0, 10.0, 790.0, 780.0)
INSET_W, INSET_H, INSET_GAP = 170.0, 140.0, 12.0
OVERSEAS = ["guadeloupe", "martinique", "guyane", "la-reunion", "mayotte"]
# Too small on the map of France to be seen, let alone pointed at.
ZOOM = ["75", "92", "93", "94"]
ZOOM_FRAME = (850, 10, 140, 120)
ZOOM_NAME = "Paris et petite couronne"
TOLERANCE = 0.5
MIN_AREA = 3.0  # square units: smaller islands vanish, except a département's largest


def rings(geometry):
    """Outer and inner rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [r for polygon in geometry["coordinates"] for r in polygon]


def fit(features, box):
    """A projection of lon/lat into `box` (x, y, w, h), centred, aspect kept."""
    points = [p for f in features for r in rings(f["geometry"]) for p in r]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    w = (max(lons) - min(lons)) * k
    h = max(lats) - min(lats)
    bx, by, bw, bh = box
    scale = min(bw / w, bh / h)
    x0 = bx + (bw - w * scale) / 2
    y0 = by + (bh - h * scale) / 2
    lon0, lat1 = min(lons), max(lats)

    def project(p):
        return ((p[0] - lon0) * k * scale + x0, (lat1 - p[1]) * scale + y0)

    return project


def simplify(points, tolerance):
    """Douglas-Peucker, iterative, first and last points kept."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        far, at = 0.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > far:
                far, at = d, i
        if at is not None and far > tolerance:
            keep[at] = True
            stack.append((a, at))
            stack.append((at, b))
    return [p for p, k in zip(points, keep) if k]


def area(ring):
    return abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))
    ) / 2


def ring_path(ring):
    """`M x y` then relative moves, closed."""
    out = ["M%d %d" % ring[0], "l"]
    moves = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        moves.append("%d %d" % (x1 - x0, y1 - y0))
    out.append(" ".join(moves).replace(" -", "-"))
    out.append("z")
    return "".join(out)


def path(feature, project):
    shapes = []
    for r in rings(feature["geometry"]):
        pts = simplify([project(p) for p in r], TOLERANCE)
        rounded = []
        for x, y in pts:
            q = (int(round(x)), int(round(y)))
            if not rounded or rounded[-1] != q:
                rounded.append(q)
        while len(rounded) > 1 and rounded[-1] == rounded[0]:
            rounded.pop()
        if len(rounded) >= 3:
            shapes.append(rounded)
    largest = max(shapes, key=area)
    kept = [s for s in shapes if s is largest or area(s) >= MIN_AREA]
    return "".join(ring_path(s) for s in kept)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["features"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = sys.argv[1].rstrip("/")
    rows = []
    metro = load(folder + "/departements-version-simplifiee.geojson")
    project = fit(metro, METRO_BOX)
    for f in metro:
        rows.append(("departement", f["properties"]["code"], f["properties"]["nom"], path(f, project)))
    inner = [f for f in metro if f["properties"]["code"] in ZOOM]
    x, y, w, h = ZOOM_FRAME
    project = fit(inner, (x + 6.0, y + 16.0, w - 12.0, h - 22.0))
    for f in inner:
        rows.append(("zoom", f["properties"]["code"], f["properties"]["nom"], path(f, project)))
    rows.append(("frame", "75", ZOOM_NAME, "M%d %dh%dv%dh-%dz" % (x, y, w, h, w)))
    for i, name in enumerate(OVERSEAS):
        features = load("%s/departements-%s.geojson" % (folder, name))
        y = 10 + i * (INSET_H + INSET_GAP)
        # A margin inside the frame, so that no coast touches it.
        project = fit(features, (16.0, y + 6, INSET_W - 12, INSET_H - 12))
        for f in features:
            code = f["properties"]["code"]
            rows.append(("departement", code, f["properties"]["nom"], path(f, project)))
            frame = "M10 %dh%dv%dh-%dz" % (y, INSET_W, INSET_H, INSET_W)
            rows.append(("frame", code, f["properties"]["nom"], frame))
    rows.sort(key=lambda r: (r[0], r[1]))
    out = sys.stdout
    out.write("kind\tcode\tname\td\n")
    for r in rows:
        out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
