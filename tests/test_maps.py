"""Range maps: geodesic distances and rings, the places in range, the figure and the widget."""

from __future__ import annotations

import gzip
import html
import importlib.util
import io
import json
import re
import tarfile
from html.parser import HTMLParser

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.path import Path as MplPath

from crisislab import geo, maps
from crisislab.paths import repo_root
from tests.datafixtures import PLACES, WEAPONS, write_dataset, write_table

EXTRA_PLACES = [
    {**PLACES[1], "id": "moscow", "name": "Moscow", "actor": "Soviet Union", "lat": "55.7558",
     "lon": "37.6173"},
    {**PLACES[1], "id": "havana", "name": "Havana", "kind": "capital", "actor": "Cuba",
     "lat": "23.1136", "lon": "-82.3666", "years": "1962"},
    {**PLACES[1], "id": "miami", "name": "Miami & Dade <1962>", "kind": "city",
     "lat": "25.7617", "lon": "-80.1918"},
    {**PLACES[1], "id": "kyiv-2022", "name": "Kyiv", "kind": "capital", "actor": "Ukraine",
     "lat": "50.4501", "lon": "30.5234", "years": "2022"},
]  # fmt: skip
EXTRA_WEAPONS = [
    {**WEAPONS[0], "id": "fkr-1", "name": "FKR-1", "nato_name": "", "kind": "cruise",
     "range_km_low": "", "range_km_high": "", "deployed_at": ""},
    {**WEAPONS[0], "id": "thor", "name": "Thor", "nato_name": "", "kind": "IRBM",
     "range_km_low": "2850", "range_km_high": "2850", "deployed_at": "washington"},
]  # fmt: skip


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    """The small fixture dataset, plus a few places and weapons with known answers."""
    folder = write_dataset(tmp_path / "data")
    write_table(folder, "places", [dict(r) for r in PLACES + EXTRA_PLACES])
    write_table(folder, "weapons", [dict(r) for r in WEAPONS + EXTRA_WEAPONS])
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    return folder


# --- distances and places in range ---------------------------------------------------------------


@pytest.mark.parametrize(
    "site, place, km",
    [
        # Published great-circle distances (common distance calculators, 6,371 km sphere).
        ("washington", "moscow", 7820),
        ("washington", "havana", 1823),
        ("washington", "miami", 1487),
    ],
)
def test_distances_match_known_values(fixture_data, site, place, km):
    frame = maps.distances_from(site).set_index("id")
    assert frame.loc[place, "distance_km"] == pytest.approx(km, rel=0.01)


def test_within_range_uses_low_or_high_estimate(fixture_data):
    # Fixture R-12: 1,800-2,100 km from San Cristobal; Washington lies about 1,890 km away.
    low = maps.within_range("san-cristobal", "r-12", which="low")
    high = maps.within_range("san-cristobal", "r-12", which="high")
    assert "washington" not in set(low["id"])
    assert "washington" in set(high["id"])
    row = high.set_index("id").loc["washington"]
    assert row["distance_km"] == pytest.approx(
        geo.distance_km(22.71, -83.05, 38.9072, -77.0369), rel=1e-9
    )
    assert 1800 < row["distance_km"] <= 2100


def test_within_range_is_sorted_and_excludes_the_site(fixture_data):
    frame = maps.within_range("san-cristobal", "r-12", which="high")
    assert "san-cristobal" not in set(frame["id"])
    assert list(frame["distance_km"]) == sorted(frame["distance_km"])
    assert list(frame["id"][:2]) == ["havana", "miami"]  # ~75 km, then ~400 km
    assert {"id", "name", "kind", "actor", "distance_km"} <= set(frame.columns)
    assert "moscow" not in set(frame["id"])


def test_within_range_counts_only_places_of_the_weapons_year(fixture_data):
    frame = maps.distances_from("moscow")
    assert "kyiv-2022" in set(frame["id"])  # without a year every place counts
    thor = maps.within_range("washington", "thor", which="high")  # a 1962 weapon
    assert "kyiv-2022" not in set(maps.distances_from("washington", year=1962)["id"])
    assert "kyiv-2022" not in set(thor["id"])


def test_within_range_kinds_filter(fixture_data):
    frame = maps.within_range("san-cristobal", "r-12", which="high", kinds=("capital",))
    assert set(frame["kind"]) == {"capital"}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: maps.within_range("atlantis", "r-12"), "'atlantis'"),
        (lambda: maps.within_range("san-cristobal", "r-99"), "'r-99'"),
        (lambda: maps.within_range("san-cristobal", "r-12", which="middle"), "'middle'"),
        (lambda: maps.within_range("san-cristobal", "fkr-1"), "no range"),
        (lambda: maps.range_map_figure("atlantis", "r-12"), "Unknown site 'atlantis'"),
        (lambda: maps.range_map_figure("san-cristobal", "fkr-1"), "'fkr-1'"),
        (lambda: maps.RangeMap(weapon_id="fkr-1", year=None), "no range"),
    ],
)
def test_unhappy_paths_raise_a_clear_value_error(fixture_data, call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_range_of_a_weapon_with_one_figure_counts_for_both(fixture_data):
    assert maps.range_km("thor") == (2850.0, 2850.0)
    assert maps.range_km("r-12") == (1800.0, 2100.0)


def test_menus_list_weapons_with_a_range_and_where_they_were_deployed(fixture_data):
    assert maps.ranged_weapons() == ["r-12", "thor"]
    assert maps.ranged_weapons(2022) == []
    assert maps.launch_sites() == ["san-cristobal", "washington"]


# --- what the map shows --------------------------------------------------------------------------


def test_rings_are_geodesic(fixture_data):
    view = maps.range_view("san-cristobal", "r-12")
    for (lons, lats), radius in ((view.low_ring, 1800), (view.high_ring, 2100)):
        distances = [
            geo.distance_km(22.71, -83.05, la, lo) for la, lo in zip(lats, lons, strict=True)
        ]
        assert np.allclose(distances, radius, rtol=1e-6)
    # Not a circle in degrees: the ring is wider in longitude than in latitude at 22.7 N.
    lons, lats = view.high_ring
    assert (lons.max() - lons.min()) > 1.05 * (lats.max() - lats.min())


def test_figure_shows_band_rings_labels_and_title(fixture_data):
    fig = maps.range_map_figure("san-cristobal", "r-12")
    ax = fig.axes[0]
    view = maps.range_view("san-cristobal", "r-12")
    assert "R-12 (SS-4 Sandal)" in ax.get_title()
    assert "1,800-2,100 km" in ax.get_title() and "sources disagree" in ax.get_title()
    lines = {line.get_linestyle(): line for line in ax.get_lines() if len(line.get_xdata()) > 10}
    np.testing.assert_allclose(lines["-"].get_xdata(), view.high_ring[0])
    np.testing.assert_allclose(lines["--"].get_ydata(), view.low_ring[1])
    texts = [t.get_text() for t in ax.texts if t.get_visible()]
    assert "high: 2,100 km" in texts and "low: 1,800 km" in texts
    assert any(t.startswith("Washington") and t.endswith("km") for t in texts)
    band = [p for p in ax.patches if p.get_visible() and p.get_alpha() == 0.25]
    assert len(band) == 1
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Range, low estimate" in legend and "Out of range" in legend


def test_a_single_range_figure_draws_no_band(fixture_data):
    fig = maps.range_map_figure("washington", "thor")
    ax = fig.axes[0]
    assert "range 2,850 km" in ax.get_title() and "disagree" not in ax.get_title()
    assert not [p for p in ax.patches if p.get_visible() and p.get_alpha() == 0.25]
    assert "2,850 km" in [t.get_text() for t in ax.texts]


def test_a_weapon_shown_away_from_its_sites_says_so(fixture_data):
    view = maps.range_view("washington", "r-12")
    assert "not deployed there" in view.title()
    assert "not deployed here" in maps.cities_html(view)


def test_alt_text_names_weapon_site_and_places(fixture_data):
    alt = maps.range_view("san-cristobal", "r-12").alt_text()
    assert alt.startswith("Map of the range of the R-12 (SS-4 Sandal) from San Cristobal")
    assert "Washington (1,8" in alt and "on the sphere" in alt


# --- the widget ----------------------------------------------------------------------------------


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._in = True
            self.items.append("")

    def handle_endtag(self, tag):
        if tag == "li":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.items[-1] += data


def _listed_names(value: str) -> list[str]:
    parser = _Items()
    parser.feed(value)
    return [item.split(": ")[0] for item in parser.items]


def test_widget_controls_and_list(fixture_data):
    rmap = maps.RangeMap(year=None)
    assert isinstance(rmap.site_buttons, widgets.ToggleButtons)
    assert isinstance(rmap.weapon_buttons, widgets.ToggleButtons)
    assert rmap.site_buttons.description == "Site"
    assert rmap.weapon_buttons.description == "Missile"
    assert rmap.site_buttons.style.button_width == "auto"  # labels never cut off
    assert "crisislab-widget" in rmap.widget._dom_classes
    assert 'role="status"' in rmap.status.value
    assert "crisislab-range-list" in rmap.cities._dom_classes
    assert rmap.shown_cities() == _listed_names(rmap.cities.value)
    assert rmap.shown_cities()[:2] == ["Havana", "Miami & Dade <1962>"]
    assert "Miami &amp; Dade &lt;1962&gt;" in rmap.cities.value  # data text is escaped
    assert "Washington: 1,8" in rmap.cities.value
    assert "only within the high estimate" in rmap.cities.value
    # The map is an <img alt> in an HTML widget (widgets.Image has no alt text).
    assert isinstance(rmap.image, widgets.HTML)
    assert rmap.image.value.startswith('<img src="data:image/png;base64,iVBOR')
    assert f'alt="{html.escape(rmap.alt_text(), quote=True)}"' in rmap.image.value
    assert rmap.png().startswith(b"\x89PNG")


def test_widget_select_updates_the_same_artists(fixture_data):
    rmap = maps.RangeMap(year=None)
    fig, ax = rmap.figure, rmap.figure.axes[0]
    high_line, title_before = rmap._drawing.high_line, ax.get_title()
    png_before = rmap.image.value
    rmap.select("washington", "thor")
    assert rmap.figure is fig and fig.axes == [ax] and rmap._drawing.high_line is high_line
    assert ax.get_title() != title_before and "Thor" in ax.get_title()
    assert rmap.site_buttons.value == "washington" and rmap.weapon_buttons.value == "thor"
    assert rmap.shown_cities() == _listed_names(rmap.cities.value)
    assert "Washington" not in rmap.shown_cities()
    assert rmap.image.value != png_before
    lons, _ = high_line.get_data()
    np.testing.assert_allclose(lons, maps.range_view("washington", "thor").high_ring[0])


def test_widget_button_change_updates_the_list(fixture_data):
    rmap = maps.RangeMap(year=None)
    before = rmap.cities.value
    rmap.site_buttons.value = "washington"  # what a click, or Tab and Space, syncs
    assert rmap.cities.value != before and "from <b>Washington</b>" in rmap.cities.value
    assert "from <b>Washington (not deployed there)</b>" in rmap.status.value


def test_widget_select_refuses_unknown_ids(fixture_data):
    rmap = maps.RangeMap(year=None)
    with pytest.raises(ValueError, match="'atlantis'"):
        rmap.select("atlantis", "r-12")
    with pytest.raises(ValueError, match="'r-99'"):
        rmap.select("san-cristobal", "r-99")
    with pytest.raises(ValueError, match="'moscow' is not among this map's choices"):
        rmap.select("moscow", "r-12")


def test_widget_text_form_is_deterministic(fixture_data):
    first = maps.RangeMap(year=None)._repr_mimebundle_()["text/plain"]
    second = maps.RangeMap(year=None)._repr_mimebundle_()["text/plain"]
    assert first == second
    assert first.startswith("RangeMap showing: Map of the range of the R-12")
    assert "0x" not in first


# --- coastlines ---------------------------------------------------------------------------------


def _on_land(lon: float, lat: float) -> bool:
    """Inside an odd number of rings: inside an outer ring and not inside one of its holes."""
    return sum(MplPath(ring).contains_point((lon, lat)) for ring in maps.coastlines()) % 2 == 1


def test_coastline_file_is_small_and_puts_land_where_it_is(fixture_data):
    path = repo_root() / "data" / maps.COASTLINES_FILE
    assert path.stat().st_size < 300_000
    document = json.loads(path.read_text())
    assert "public domain" in document["licence"] and "Natural Earth" in document["source"]
    assert _on_land(-79.5, 22.0)  # central Cuba
    assert _on_land(37.6, 55.75)  # Moscow
    assert _on_land(32.85, 39.92)  # Ankara
    assert not _on_land(-90.0, 25.0)  # Gulf of Mexico
    assert not _on_land(50.5, 42.0)  # the Caspian Sea, a hole in Eurasia
    assert not _on_land(34.0, 43.0)  # the Black Sea


def _load_builder():
    path = repo_root() / "data" / "build" / "coastlines.py"
    spec = importlib.util.spec_from_file_location("coastlines_builder", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tgz(tmp_path, topology: dict):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, payload in (
            ("package/land-110m.json", topology),
            ("package/package.json", {"version": "9.9.9"}),
        ):
            raw = json.dumps(payload).encode()
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
    path = tmp_path / "world-atlas-9.9.9.tgz"
    path.write_bytes(gzip.compress(buffer.getvalue(), mtime=0))
    return path


def test_builder_decodes_quantized_arcs_and_stitches_rings(tmp_path):
    builder = _load_builder()
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
        # Arc 0: (0,0) -> (4,0) -> (4,4) as deltas; arc 1 closes the square via (0,4).
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 4], [0, -4]], [[4, 4], [-4, 0]]],
        "objects": {"land": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 2, 1]]},
        ]}},
    }  # fmt: skip
    out = tmp_path / "coast.json"
    assert builder.main([str(_tgz(tmp_path, topology)), "--out", str(out)]) == 0
    document = json.loads(out.read_text())
    (polygon,) = document["polygons"]
    assert polygon[0] == [[-10, 20], [-8, 20], [-8, 21], [-10, 21], [-10, 20]]
    assert "world-atlas 9.9.9" in document["source"]


def test_builder_makes_antimeridian_rings_planar(tmp_path):
    builder = _load_builder()
    # An island from 179 E to 179 W, as spherical TopoJSON stores it: lon jumps from 179 to -179.
    ring = [[179.0, -16.0], [-179.0, -16.0], [-179.0, -17.0], [179.0, -17.0], [179.0, -16.0]]
    copies = builder.planar(ring, outer=True)
    assert len(copies) == 2
    for copy in copies:
        lons = [lon for lon, _ in copy]
        assert max(lons) - min(lons) == pytest.approx(2.0)  # no jump across the map
        assert builder.signed_area(copy) > 0  # outer rings run anticlockwise
    assert {min(lon for lon, _ in c) for c in copies} == {179.0, -181.0}


# --- the real data (merged into data/) ------------------------------------------------------------

REAL = repo_root() / "data"


def _real_ids(table: str) -> set[str]:
    path = REAL / f"{table}.csv"
    if not path.exists():
        return set()
    return {line.split(",")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]}


needs_real = pytest.mark.skipif(
    not {"san-cristobal", "washington", "moscow", "izmir-cigli"} <= _real_ids("places")
    or not {"r-12", "r-14", "jupiter"} <= _real_ids("weapons"),
    reason="the real places and weapons tables are not merged into data/ yet",
)


@pytest.fixture
def real_data(monkeypatch):
    monkeypatch.delenv("CRISISLAB_DATA", raising=False)


@needs_real
def test_real_washington_in_r12_range_of_san_cristobal_moscow_not(real_data):
    high = set(maps.within_range("san-cristobal", "r-12", which="high")["id"])
    assert "washington" in high and "moscow" not in high


@needs_real
def test_real_moscow_in_jupiter_range_from_turkey(real_data):
    assert "moscow" in set(maps.within_range("izmir-cigli", "jupiter", which="high")["id"])


@needs_real
@pytest.mark.parametrize(
    "site, place, km",
    [("washington", "havana", 1823), ("washington", "new-york", 328), ("moscow", "havana", 9580)],
)
def test_real_distances_match_known_values(real_data, site, place, km):
    frame = maps.distances_from(site).set_index("id")
    assert frame.loc[place, "distance_km"] == pytest.approx(km, rel=0.01)


@needs_real
def test_real_range_map_widget_default_and_jupiter(real_data):
    rmap = maps.RangeMap()
    assert "Washington, D.C." in rmap.shown_cities()
    rmap.select("gioia-del-colle", "jupiter")
    assert "Moscow" in rmap.shown_cities()
    assert "PGM-19 Jupiter" in rmap.figure.axes[0].get_title()


# -- the widget draws the land once per site; the legend fits the weapon ------------------------


def test_a_single_ring_weapon_has_no_low_high_legend(fixture_data):
    drawing = maps._MapDrawing(maps.data.load("places"))
    drawing.show(maps.range_view("washington", "thor"))  # one published range
    assert not drawing.legend.get_visible() and drawing.single_legend.get_visible()
    labels = [t.get_text() for t in drawing.single_legend.get_texts()]
    assert labels == ["Launch site", "Range", "Within range", "Out of range"]
    assert not any("estimate" in label for label in labels)
    drawing.show(maps.range_view("san-cristobal", "r-12"))  # sources disagree: a band
    assert drawing.legend.get_visible() and not drawing.single_legend.get_visible()


def test_the_widget_keeps_one_background_per_site_and_blits_the_rest(fixture_data):
    rmap = maps.RangeMap(year=None)
    site = rmap.site_buttons.value
    frame = rmap.frame(site)
    weapons = [value for _, value in rmap.weapon_buttons.options]
    for weapon in weapons:
        rmap.select(site, weapon)
        assert rmap._drawing._frame == frame  # the same extent for every missile of a site
        assert rmap.png().startswith(b"\x89PNG")
    legends = {maps.range_view(site, w).disputed for w in weapons}
    assert len(rmap._drawing._backgrounds) == len(legends)  # land drawn once per legend kind
    lons, _ = rmap._drawing.high_line.get_data()  # the rings still move with set_data
    np.testing.assert_allclose(lons, maps.range_view(site, weapons[-1]).high_ring[0])
    assert rmap._drawing.high_line.get_animated() and not rmap._drawing.legend.get_animated()
