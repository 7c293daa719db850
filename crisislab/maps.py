"""What the missiles could reach: geodesic range rings over coastlines, and the places inside them.

Ranges come from ``weapons.csv`` as a low and a high figure, because published ranges disagree
(for the R-12, a Pentagon briefing and a CIA memo differ by hundreds of km). The map therefore
draws a band between the two rings, and every list says which estimate a place is inside. Rings and
distances are computed on the sphere (:mod:`crisislab.geo`), never as circles in degrees.

    >>> from crisislab import maps
    >>> maps.within_range("san-cristobal", "r-12", which="high")   # a DataFrame, nearest first
    >>> maps.range_map_figure("izmir-cigli", "jupiter")              # static figure
    >>> maps.RangeMap()                                              # the widget

Flight times are left to the lessons' prose: the data holds no sourced flight-time figure.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Polygon
from matplotlib.path import Path as MplPath
from PIL import Image

from . import data, geo, style
from .paths import data_dir, repo_root

COASTLINES_FILE = "coastlines_110m.json"
RING_POINTS = 361
#: Place kinds the widget lists and labels (missile sites and sea areas would only add noise).
LISTED_KINDS = ("capital", "city", "port", "base")
#: Weapon kinds left out of the map's buttons (their ranges are tens of km).
NOT_STRIKE_KINDS = ("SAM", "torpedo")
#: Place kinds named on the map (ports and bases are markers only, to keep labels apart).
LABELLED_KINDS = ("capital", "city")
LAND_COLOUR = "#DCDCDC"
COAST_COLOUR = "#7F7F7F"

_COAST_CACHE: dict[tuple, list[np.ndarray]] = {}


# --- data ------------------------------------------------------------------------------------


def _coastline_path() -> Path:
    """The coastline file: in the data folder, else in the course's own data/ (tests' fixtures)."""
    for folder in (data_dir(), repo_root() / "data"):
        path = Path(folder) / COASTLINES_FILE
        if path.exists():
            return path
    raise FileNotFoundError(
        f"{COASTLINES_FILE} is missing from data/; rebuild it with data/build/coastlines.py."
    )


def coastlines() -> list[np.ndarray]:
    """Natural Earth 1:110m land outlines as closed rings, each an (n, 2) array of lon, lat."""
    path = _coastline_path()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _COAST_CACHE:
        document = json.loads(path.read_text(encoding="utf-8"))
        rings = [
            np.asarray(ring, dtype=float) for polygon in document["polygons"] for ring in polygon
        ]
        _COAST_CACHE.clear()
        _COAST_CACHE[key] = rings
    return _COAST_CACHE[key]


def _first_actor(actors: str) -> str:
    return (actors or "").split(";")[0].strip()


def _site_row(site_id: str) -> pd.Series:
    places = data.load("places")
    match = places[places["id"] == site_id]
    if match.empty:
        raise ValueError(f"Unknown site {site_id!r}: there is no place with this id in places.csv.")
    return match.iloc[0]


def _weapon_row(weapon_id: str) -> pd.Series:
    weapons = data.load("weapons")
    match = weapons[weapons["id"] == weapon_id]
    if match.empty:
        raise ValueError(
            f"Unknown weapon {weapon_id!r}: there is no weapon with this id in weapons.csv."
        )
    return match.iloc[0]


def _has_value(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def range_km(weapon_id: str) -> tuple[float, float]:
    """The (low, high) range of a weapon in km; one figure counts for both when only one is known.

    Raises ValueError naming the weapon when weapons.csv gives it no range.
    """
    row = _weapon_row(weapon_id)
    low, high = row["range_km_low"], row["range_km_high"]
    if not _has_value(low) and not _has_value(high):
        raise ValueError(
            f"Weapon {weapon_id!r} ({row['name']}) has no range in weapons.csv, "
            "so there is nothing to draw."
        )
    low = float(low) if _has_value(low) else float(high)
    high = float(high) if _has_value(high) else low
    return low, high


def _in_year(years: str, year: int | None) -> bool:
    if year is None or not (years or "").strip():
        return True
    return str(year) in [part.strip() for part in years.split(";")]


def distances_from(site_id: str, year: int | None = None) -> pd.DataFrame:
    """Every other place with its great-circle distance from the site, nearest first.

    With ``year``, only places that the table marks as existing in that year (``years``).
    """
    site = _site_row(site_id)
    places = data.load("places")
    places = places[places["id"] != site_id]
    if year is not None:
        places = places[[_in_year(y, year) for y in places["years"]]]
    distances = [
        geo.distance_km(site["lat"], site["lon"], lat, lon)
        for lat, lon in zip(places["lat"], places["lon"], strict=True)
    ]
    frame = places[["id", "name", "kind", "actor", "lat", "lon"]].assign(distance_km=distances)
    return frame.sort_values(["distance_km", "id"], kind="stable").reset_index(drop=True)


def within_range(
    site_id: str,
    weapon_id: str,
    which: str = "low",
    kinds: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Places (not the site itself) within the weapon's low or high range, nearest first.

    Only places that existed in the weapon's year count (``years`` in places.csv), so a 2022
    place never shows as a 1962 target; ``kinds`` keeps only those place kinds.
    """
    if which not in ("low", "high"):
        raise ValueError(f"which must be 'low' or 'high', not {which!r}.")
    _site_row(site_id)  # a clear error for an unknown site, before the weapon's
    low, high = range_km(weapon_id)
    year = int(_weapon_row(weapon_id)["year"])
    frame = distances_from(site_id, year=year)
    limit = low if which == "low" else high
    frame = frame[frame["distance_km"] <= limit]
    if kinds is not None:
        frame = frame[frame["kind"].isin(kinds)]
    return frame.reset_index(drop=True)


def ranged_weapons(year: int | None = None) -> list[str]:
    """Ids of strike weapons with a range and a deployment site (of ``year``), in table order.

    Air-defence missiles (kind SAM) are left out: a 40 km ring says nothing on a regional map.
    """
    weapons = data.load("weapons")
    keep = (
        (weapons["range_km_low"].notna() | weapons["range_km_high"].notna())
        & (weapons["deployed_at"].str.strip() != "")
        & ~weapons["kind"].isin(NOT_STRIKE_KINDS)
    )
    if year is not None:
        keep &= weapons["year"] == year
    return list(weapons.loc[keep, "id"])


def launch_sites(year: int | None = None) -> list[str]:
    """Ids of places that a weapon of :func:`ranged_weapons` was deployed at, in table order."""
    places = data.load("places")
    weapons = data.load("weapons").set_index("id")
    deployed = set()
    for weapon_id in ranged_weapons(year):
        at = weapons.loc[weapon_id, "deployed_at"]
        deployed.update(p.strip() for p in at.split(";") if p.strip())
    return [pid for pid in places["id"] if pid in deployed]


def _deployed_here(site_id: str, weapon_id: str) -> bool:
    row = _weapon_row(weapon_id)
    return site_id in [p.strip() for p in (row["deployed_at"] or "").split(";")]


# --- what a map shows --------------------------------------------------------------------------


@dataclass(frozen=True)
class RangeView:
    """Everything one map shows: site, weapon, the two rings and the places with distances."""

    site_id: str
    site_name: str
    site_lat: float
    site_lon: float
    weapon_id: str
    weapon_label: str
    actor: str
    low_km: float
    high_km: float
    deployed_here: bool
    low_ring: tuple[np.ndarray, np.ndarray]  # (lons, lats), longitudes continuous around the site
    high_ring: tuple[np.ndarray, np.ndarray]
    places: pd.DataFrame  # distances_from(site, weapon year)

    @property
    def disputed(self) -> bool:
        """True when sources give different ranges (the map then shows a band)."""
        return self.low_km != self.high_km

    def band_text(self) -> str:
        """The range as people read it, e.g. '1,609-2,037 km' or '2,850 km'."""
        if self.disputed:
            return f"{self.low_km:,.0f}-{self.high_km:,.0f} km"
        return f"{self.high_km:,.0f} km"

    def title(self) -> str:
        """The figure's title: which missile, from where, and its range band."""
        where = self.site_name if self.deployed_here else f"{self.site_name} (not deployed there)"
        note = ", sources disagree" if self.disputed else ""
        return f"{self.weapon_label} from {where}\nrange {self.band_text()}{note}"

    def listed(self) -> pd.DataFrame:
        """Places of the listed kinds within the high range (the list the widget shows)."""
        cached = self.__dict__.get("_listed")
        if cached is None:
            frame = self.places[self.places["kind"].isin(LISTED_KINDS)]
            cached = frame[frame["distance_km"] <= self.high_km].reset_index(drop=True)
            object.__setattr__(self, "_listed", cached)  # a frozen view: computed once
        return cached.copy()

    def alt_text(self) -> str:
        """A sentence saying what the map shows, for screen readers and nbval."""
        inside = self.listed()
        names = ", ".join(
            f"{name} ({km:,.0f} km)"
            for name, km in zip(inside["name"], inside["distance_km"], strict=True)
        )
        return (
            f"Map of the range of the {self.weapon_label} from {self.site_name}: rings at "
            f"{self.band_text()} computed on the sphere. "
            + (f"Within range: {names}." if names else "No listed place is within range.")
        )


def _ring(lat: float, lon: float, radius: float) -> tuple[np.ndarray, np.ndarray]:
    lats, lons = geo.range_ring(lat, lon, radius, points=RING_POINTS)
    lons = lon + (lons - lon + 180.0) % 360.0 - 180.0  # no jump where a ring crosses 180 degrees
    return lons, lats


def range_view(site_id: str, weapon_id: str) -> RangeView:
    """Compute what the map of ``weapon_id`` fired from ``site_id`` shows (no drawing)."""
    site = _site_row(site_id)
    weapon = _weapon_row(weapon_id)
    low, high = range_km(weapon_id)
    lat, lon = float(site["lat"]), float(site["lon"])
    label = weapon["name"] + (f" ({weapon['nato_name']})" if weapon["nato_name"] else "")
    return RangeView(
        site_id=site_id,
        site_name=site["name"],
        site_lat=lat,
        site_lon=lon,
        weapon_id=weapon_id,
        weapon_label=label,
        actor=_first_actor(weapon["actor"]),
        low_km=low,
        high_km=high,
        deployed_here=_deployed_here(site_id, weapon_id),
        low_ring=_ring(lat, lon, low),
        high_ring=_ring(lat, lon, high),
        places=distances_from(site_id, year=int(weapon["year"])),
    )


def cities_html(view: RangeView) -> str:
    """The places within range as an HTML list, every name escaped, nearest first."""
    rows = []
    for place_id, name, km in zip(
        view.listed()["id"], view.listed()["name"], view.listed()["distance_km"], strict=True
    ):
        which = (
            "within both estimates"
            if km <= view.low_km
            else "only within the high estimate"
            if view.disputed
            else "within range"
        )
        rows.append(
            f'<li data-place-id="{html.escape(place_id)}">{html.escape(name)}: '
            f"{km:,.0f} km ({which})</li>"
        )
    heading = (
        f"<p><b>{html.escape(view.weapon_label)}</b> from <b>{html.escape(view.site_name)}</b>, "
        f"range {html.escape(view.band_text())}"
        + (" (sources disagree)" if view.disputed else "")
        + ("" if view.deployed_here else "; this weapon was not deployed here")
        + ".</p>"
    )
    if not rows:
        return heading + "<p>No city, port or base in the table is within range.</p>"
    return heading + f"<ol>{''.join(rows)}</ol>"


# --- drawing -----------------------------------------------------------------------------------


def _land_patch() -> PathPatch:
    vertices, codes = [], []
    for ring in coastlines():
        vertices.extend(ring.tolist())
        codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return PathPatch(
        MplPath(vertices, codes),
        facecolor=LAND_COLOUR,
        edgecolor=COAST_COLOUR,
        linewidth=0.6,
        zorder=0,
    )


def _band_xy(view: RangeView) -> np.ndarray:
    """The area between the two rings as one polygon (high ring out, low ring back)."""
    (hx, hy), (lx, ly) = view.high_ring, view.low_ring
    return np.column_stack([np.concatenate([hx, lx[::-1]]), np.concatenate([hy, ly[::-1]])])


def _short(name: str) -> str:
    """A place name without its bracketed detail, for labels on the map."""
    return name.split(" (")[0]


def _label_point(ring: tuple[np.ndarray, np.ndarray], bearing: float) -> tuple[float, float]:
    index = int(round(bearing / 360.0 * (RING_POINTS - 1)))
    return float(ring[0][index]), float(ring[1][index])


def map_extent(
    rings: list[tuple[np.ndarray, np.ndarray]], site_lon: float, site_lat: float
) -> tuple[float, float, float, float]:
    """(west, east, south, north) of a map showing these rings and the site, with a margin."""
    lons = np.concatenate([*(ring[0] for ring in rings), [site_lon]])
    lats = np.concatenate([*(ring[1] for ring in rings), [site_lat]])
    pad_x = max(2.0, 0.08 * (lons.max() - lons.min()))
    pad_y = max(2.0, 0.08 * (lats.max() - lats.min()))
    west, east = float(lons.min() - pad_x), float(lons.max() + pad_x)
    south, north = max(-89.0, float(lats.min() - pad_y)), min(89.0, float(lats.max() + pad_y))
    return west, east, south, north


_LEGEND_PLACE = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}


class _MapDrawing:
    """One figure with every artist of a range map, created once and updated by ``show``.

    In the widget (``animated=True``) the land, axes and ticks of each map frame are drawn once
    and kept as a background bitmap; a new missile restores it and draws only the rings, markers,
    labels, title and legend on top (blitting), as the timeline does.
    """

    def __init__(self, places: pd.DataFrame, animated: bool = False) -> None:
        self.figure = style.new_figure(9.5, 6.0)
        FigureCanvasAgg(self.figure)  # a renderer to measure labels with (see show)
        ax = self.ax = self.figure.add_subplot()
        ax.add_patch(_land_patch())
        self.band = Polygon(np.zeros((3, 2)), closed=True, alpha=0.25, linewidth=0, zorder=1)
        ax.add_patch(self.band)
        (self.low_line,) = ax.plot([], [], linestyle="--", linewidth=1.6, zorder=2)
        (self.high_line,) = ax.plot([], [], linestyle="-", linewidth=1.8, zorder=2)
        (self.inside,) = ax.plot(
            [], [], linestyle="none", marker="o", markersize=6, color="black", zorder=4
        )
        (self.outside,) = ax.plot(
            [], [], linestyle="none", marker="o", markersize=6, markerfacecolor="white",
            markeredgecolor="black", zorder=4,
        )  # fmt: skip
        (self.site,) = ax.plot(
            [], [], linestyle="none", marker="*", markersize=16, color="black", zorder=5
        )
        box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.8, "linewidth": 0}
        size = style.FONT_SIZES["annotation"]
        # Ring labels sit at each ring's southernmost point: the high one below its ring, the
        # low one above its own, so they never overlap even when the two rings nearly coincide.
        self.high_label = ax.text(0, 0, "", fontsize=size, ha="center", va="top", bbox=box)
        self.low_label = ax.text(0, 0, "", fontsize=size, ha="center", va="bottom", bbox=box)
        self.site_label = ax.text(
            0, 0, "", fontsize=size, fontweight="bold", ha="left", va="top", zorder=6
        )
        listed = places[places["kind"].isin(LABELLED_KINDS)]
        self.place_labels = {
            place_id: ax.text(
                lon, lat, "", fontsize=size, ha="left", va="bottom", clip_on=True, zorder=6
            )
            for place_id, lat, lon in zip(listed["id"], listed["lat"], listed["lon"], strict=True)
        }
        for text in self.place_labels.values():
            text.set_visible(False)
        ax.set_xlabel("Longitude (degrees)")
        ax.set_ylabel("Latitude (degrees)")
        ax.set_title("")
        site_handle = Line2D([], [], linestyle="none", marker="*", markersize=12, color="black")
        inside_handle = Line2D([], [], linestyle="none", marker="o", color="black")
        outside_handle = Line2D(
            [], [], linestyle="none", marker="o", markerfacecolor="white", color="black"
        )
        self.legend = ax.legend(
            handles=[
                site_handle,
                Line2D([], [], color="black", linestyle="--"),
                Line2D([], [], color="black", linestyle="-"),
                Patch(facecolor="grey", alpha=0.35),
                inside_handle,
                outside_handle,
            ],
            labels=[
                "Launch site",
                "Range, low estimate",
                "Range, high estimate",
                "Between the estimates",
                "Within range (high estimate)",
                "Out of range",
            ],
            frameon=False,
            **_LEGEND_PLACE,
        )
        # A weapon with one published range has one ring: its legend has no low/high entries.
        self.single_legend = Legend(
            ax,
            [site_handle, Line2D([], [], color="black", linestyle="-"), inside_handle,
             outside_handle],
            ["Launch site", "Range", "Within range", "Out of range"],
            frameon=False,
            **_LEGEND_PLACE,
        )  # fmt: skip
        self.single_legend.set_visible(False)
        ax.add_artist(self.single_legend)
        self.animated = animated
        self._backgrounds: dict[tuple, object] = {}
        self._frame: tuple[float, float, float, float] | None = None
        self._laid_out = False
        if animated:
            for artist in self._moving():
                artist.set_animated(True)

    def _moving(self) -> list:
        """The artists that change with the missile, in drawing order (the rest is background:
        the site's name and the places' labels depend on the site alone)."""
        artists = [
            self.band, self.low_line, self.high_line, self.inside, self.outside, self.site,
            self.high_label, self.low_label, self.ax.title,
        ]  # fmt: skip
        return sorted(artists, key=lambda a: a.get_zorder())

    def render(self) -> bytes:
        """The map as now shown, as PNG bytes: the frame's background (land, axes, ticks) drawn
        once and kept, the moving artists drawn on top of it."""
        canvas = self.figure.canvas
        # The legend is part of the background: one with low/high entries, one without.
        labels = tuple(t.get_text() for t in (self.site_label, *self.place_labels.values()))
        key = (self._frame, self.ax.get_aspect(), self.legend.get_visible(), labels)
        if key not in self._backgrounds:
            canvas.draw()  # animated artists are left out: land, axes, ticks and legend only
            self._backgrounds[key] = canvas.copy_from_bbox(self.figure.bbox)
        canvas.restore_region(self._backgrounds[key])
        for artist in self._moving():
            self.ax.draw_artist(artist)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw")
        buffer = io.BytesIO()
        # A palette PNG, as the timeline's: a few flat colours encode fast and small.
        palette = image.convert("RGB").quantize(colors=64, method=Image.Quantize.FASTOCTREE)
        palette.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()

    def show(self, view: RangeView, frame: tuple[float, float, float, float] | None = None) -> None:
        """Point every artist at ``view`` (set_data, set_xy, set_text; nothing is re-created).

        ``frame`` (west, east, south, north) keeps the map's extent fixed, e.g. for every
        missile from one site; by default the map is fitted to this view's outer ring.
        """
        colour = style.actor_colour(view.actor)
        self.band.set_xy(_band_xy(view))
        self.band.set_facecolor(colour)
        self.band.set_visible(view.disputed)
        self.low_line.set_data(*view.low_ring)
        self.high_line.set_data(*view.high_ring)
        self.low_line.set_color(colour)
        self.high_line.set_color(colour)
        self.low_line.set_visible(view.disputed)
        self.legend.set_visible(view.disputed)
        self.single_legend.set_visible(not view.disputed)
        self.site.set_data([view.site_lon], [view.site_lat])
        self.site_label.set_position((view.site_lon + 0.8, view.site_lat - 0.5))
        self.site_label.set_text(_short(view.site_name))
        self.high_label.set_position(_label_point(view.high_ring, 180.0))
        self.low_label.set_position(_label_point(view.low_ring, 180.0))
        if view.disputed:
            self.high_label.set_text(f"high: {view.high_km:,.0f} km")
            self.low_label.set_text(f"low: {view.low_km:,.0f} km")
        else:
            self.high_label.set_text(f"{view.high_km:,.0f} km")
            self.low_label.set_text("")

        places = view.places
        near = places["distance_km"] <= view.high_km
        self.inside.set_data(places.loc[near, "lon"], places.loc[near, "lat"])
        self.outside.set_data(places.loc[~near, "lon"], places.loc[~near, "lat"])
        west, east, south, north = frame or map_extent(
            [view.high_ring], view.site_lon, view.site_lat
        )
        self._frame = (west, east, south, north)
        # Places close to the site on this map's scale keep their marker but lose their label,
        # which would sit on the site's own; the list beside the map names them all.
        span = (east - west) / 1.16  # the rings' own width, without the margins
        crowded_km = 0.05 * span * 111.0 * math.cos(math.radians(view.site_lat))
        distances = dict(zip(places["id"], places["distance_km"], strict=True))
        where = {
            place_id: (float(lon), float(lat), name)
            for place_id, lon, lat, name in zip(
                places["id"], places["lon"], places["lat"], places["name"], strict=True
            )
        }
        for place_id, text in self.place_labels.items():
            km = distances.get(place_id)
            lon, lat, name = where[place_id] if km else (0, 0, "")
            in_view = west <= lon <= east and south <= lat <= north
            if km is None or km < crowded_km or not in_view:  # site, other year, crowded, away
                text.set_visible(False)
                text.set_text("")
                continue
            # Labels in the eastern third of the map read leftwards, so they stay on the map.
            right = lon > west + 2.0 * (east - west) / 3.0
            text.set_horizontalalignment("right" if right else "left")
            text.set_text(f"{_short(name)} {km:,.0f} km")
            text.set_position((lon - 0.4 if right else lon + 0.4, lat + 0.3))
            text.set_visible(True)

        self.ax.set_xlim(west, east)
        self.ax.set_ylim(south, north)
        # Plain longitude/latitude axes, stretched so that a degree east is as long as a degree
        # north at the site's latitude: shapes near the site look right; rings are geodesic.
        self.ax.set_aspect(1.0 / max(0.2, math.cos(math.radians(view.site_lat))))
        self.ax.set_title(view.title())
        self._hide_overlapping_labels(places)

    def _hide_overlapping_labels(self, places: pd.DataFrame) -> None:
        """Hide a place's label where it would overprint one already placed (nearest first).

        The marker stays and the list beside the map names every place, so nothing is lost.
        """
        if not self._laid_out:
            # The first time only: let constrained layout place the axes, then freeze that
            # layout, so later updates measure labels without a full extra draw (fast path).
            # (After set_layout_engine("none") the engine is a placeholder, not None.)
            self.figure.draw_without_rendering()
            self.figure.set_layout_engine("none")
            self._laid_out = True
        self.ax.apply_aspect()  # the axes box for this view's aspect, as drawing will set it
        renderer = self.figure.canvas.get_renderer()
        # In the widget the ring labels are drawn over the site's background (in a white box),
        # so the places' labels there depend on the site alone and are drawn once with it.
        fixed = (self.site_label,) if self.animated else (
            self.site_label, self.high_label, self.low_label
        )  # fmt: skip
        taken = [t.get_window_extent(renderer) for t in fixed if t.get_visible() and t.get_text()]
        for place_id in places["id"]:
            text = self.place_labels.get(place_id)
            if text is None or not text.get_visible():
                continue
            box = text.get_window_extent(renderer)
            if any(box.overlaps(other) for other in taken):
                text.set_visible(False)
                text.set_text("")
            else:
                taken.append(box)


def range_map_figure(site_id: str, weapon_id: str) -> Figure:
    """A static map of the weapon's range band from the site, with places and their distances."""
    view = range_view(site_id, weapon_id)
    drawing = _MapDrawing(data.load("places"))
    drawing.show(view)
    return drawing.figure


def _options(ids: list[str], table: str, label) -> list[tuple[str, str]]:
    frame = data.load(table).set_index("id")
    return [(label(frame.loc[i]), i) for i in ids]


class RangeMap:
    """Pick a launch site and a missile; see its range band on a map and the places inside it."""

    def __init__(
        self, site_id: str = "san-cristobal", weapon_id: str = "r-12", year: int | None = 1962
    ) -> None:
        sites = launch_sites(year)
        weapons = ranged_weapons(year)
        _site_row(site_id)  # clear errors for unknown ids or a weapon without a range
        range_km(weapon_id)
        if site_id not in sites:
            sites.append(site_id)
        if weapon_id not in weapons:
            weapons.append(weapon_id)
        # Toggle buttons, not menus: in JupyterLab the arrow keys on a menu move the notebook's
        # cell instead (ipywidgets#3912); each button answers Tab and Enter or Space.
        self.site_buttons = widgets.ToggleButtons(
            options=_options(sites, "places", lambda row: _short(row["name"])),
            value=site_id,
            description="Site",
            tooltips=[label for label, _ in _options(sites, "places", lambda row: row["name"])],
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.weapon_buttons = widgets.ToggleButtons(
            options=_options(
                weapons,
                "weapons",
                lambda row: row["name"] + (f" ({row['nato_name']})" if row["nato_name"] else ""),
            ),
            value=weapon_id,
            description="Missile",
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.status = widgets.HTML()
        self.status.add_class("crisislab-status")
        self.cities = widgets.HTML()
        self.cities.add_class("crisislab-range-list")
        self._drawing = _MapDrawing(data.load("places"), animated=True)
        self._weapon_ids = weapons
        self._frames: dict[str, tuple[float, float, float, float]] = {}
        # An <img alt> in an HTML widget: widgets.Image has no alt text.
        self.image = widgets.HTML()
        self.image.add_class("crisislab-figure")
        self._updating = False
        # Each (site, missile) pair is drawn once; going back to it shows the kept picture.
        self._png_cache: dict[tuple[str, str], str] = {}
        self._drawn: tuple[str, str] | None = None
        self.site_buttons.observe(self._on_change, names="value")
        self.weapon_buttons.observe(self._on_change, names="value")
        self.widget = style.course_widget(
            [self.site_buttons, self.weapon_buttons, self.status, self.cities, self.image],
            "crisislab-range-map",
        )
        self._render()

    def _on_change(self, _change) -> None:
        if not self._updating:
            self._render()

    def _render(self) -> None:
        key = (self.site_buttons.value, self.weapon_buttons.value)
        self.view = range_view(*key)
        where = (
            self.view.site_name
            if self.view.deployed_here
            else (f"{self.view.site_name} (not deployed there)")
        )
        self.status.value = style.status_html(
            f"Showing <b>{html.escape(self.view.weapon_label)}</b> from "
            f"<b>{html.escape(where)}</b>: {len(self.view.listed())} places within range"
        )
        self.cities.value = cities_html(self.view)
        png = self._png_cache.get(key)
        if png is None:  # first visit of this pair: draw it once, keep the picture
            self._sync_drawing()
            png = base64.b64encode(self._drawing.render()).decode("ascii")
            self._png_cache[key] = png
        self.image.value = style.figure_img_html(png, self.view.alt_text())

    def png(self) -> bytes:
        """The map as shown now, as PNG bytes."""
        return base64.b64decode(
            self._png_cache[(self.site_buttons.value, self.weapon_buttons.value)]
        )

    def frame(self, site_id: str) -> tuple[float, float, float, float]:
        """The map's extent for a site: it fits the outer ring of every missile on offer, so
        that switching missile keeps the scale (and the land drawn once for the site)."""
        if site_id not in self._frames:
            site = _site_row(site_id)
            lat, lon = float(site["lat"]), float(site["lon"])
            rings = [_ring(lat, lon, range_km(w)[1]) for w in self._weapon_ids]
            self._frames[site_id] = map_extent(rings, lon, lat)
        return self._frames[site_id]

    def _sync_drawing(self) -> None:
        key = (self.site_buttons.value, self.weapon_buttons.value)
        if self._drawn != key:
            self._drawing.show(self.view, frame=self.frame(key[0]))
            self._drawn = key

    @property
    def figure(self) -> Figure:
        """The one figure the widget draws into, showing the current site and missile."""
        self._sync_drawing()
        return self._drawing.figure

    def select(self, site_id: str, weapon_id: str) -> None:
        """Show ``weapon_id`` fired from ``site_id``, as a student pressing both buttons would."""
        site_ids = [value for _, value in self.site_buttons.options]
        weapon_ids = [value for _, value in self.weapon_buttons.options]
        if site_id not in site_ids:
            _site_row(site_id)  # unknown id: the clear error from the table
            raise ValueError(
                f"Site {site_id!r} is not among this map's choices: {', '.join(site_ids)}."
            )
        if weapon_id not in weapon_ids:
            range_km(weapon_id)  # unknown id or no range: the clear error from the table
            raise ValueError(
                f"Weapon {weapon_id!r} is not among this map's choices: {', '.join(weapon_ids)}."
            )
        self._updating = True
        try:
            self.site_buttons.value = site_id
            self.weapon_buttons.value = weapon_id
        finally:
            self._updating = False
        self._render()

    def shown_cities(self) -> list[str]:
        """Names of the places the list shows now, nearest first."""
        return list(self.view.listed()["name"])

    def alt_text(self) -> str:
        """What the map shows now, in one sentence."""
        return self.view.alt_text()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = f"RangeMap showing: {self.alt_text()}"
        return bundle
