"""Every explorer works from the keyboard alone, in a real JupyterLab.

A scratch notebook (in the course copy, not part of the course) shows the six explorers. For
each, the focus is put on the explorer's first control, as a student tabbing into it would find
it; from there only Tab and keys are used: Tab to one control, press Enter, Space or an arrow
key, then check that the control's value and the course's output changed, that the control
kept the focus (nothing was rebuilt under it), that JupyterLab's active cell did not move, and
that the focus ring is visible at 3:1 or more.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from . import a11y, lab

EXPLORERS = {
    "timeline": "from crisislab.timeline import TimelineExplorer\n\nTimelineExplorer()",
    "perspectives": (
        "from crisislab.perspectives import PerspectiveExplorer\n\nPerspectiveExplorer()"
    ),
    "decisions": "from crisislab.decisions import DecisionSimulator\n\nDecisionSimulator()",
    "compare": "from crisislab.compare import ComparisonExplorer\n\nComparisonExplorer()",
    "range-map": "from crisislab.maps import RangeMap\n\nRangeMap()",
    "chicken": "from crisislab.games import ChickenGame\n\nChickenGame()",
}


@pytest.fixture(scope="module")
def explorers_notebook(course_root) -> str:
    """A scratch notebook in the course copy with every explorer, a markdown cell between."""
    folder = course_root / "scratch"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for name, code in EXPLORERS.items():
        nb.cells.append(nbformat.v4.new_markdown_cell(f"## {name}"))
        nb.cells.append(nbformat.v4.new_code_cell(code))
    nbformat.write(nb, str(folder / "explorers.ipynb"))
    return "scratch/explorers.ipynb"


@pytest.fixture(scope="module")
def explorers_page(chromium, jupyter, explorers_notebook):
    """One page with every explorer shown (Run All once for the module's tests)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(30_000)
    page = context.new_page()
    lab.open_lab(page, jupyter, explorers_notebook)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)
    yield page
    context.close()


def _active_cell(page) -> int:
    """The index of JupyterLab's active cell."""
    return lab.active(page).evaluate(
        "nb => [...nb.querySelectorAll('.jp-Cell')].findIndex("
        "c => c.classList.contains('jp-mod-active'))"
    )


def _focused(locator) -> bool:
    return locator.evaluate(
        "el => el === document.activeElement || el.contains(document.activeElement)"
    )


def _tab_to(page, start, target, limit: int = 60) -> int:
    """Focus ``start``, then press Tab until ``target`` has the focus; return the Tab count."""
    start.scroll_into_view_if_needed()
    start.focus()
    for count in range(limit + 1):
        if _focused(target):
            return count
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target} in {limit} presses")


def _assert_focus_ring(page, locator) -> None:
    """The focused control shows an outline of at least 2 px at 3:1 or more against white."""
    style = locator.evaluate(
        """el => { const s = getComputedStyle(el, null);
           return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
    )
    outline_style, width, colour = style
    assert outline_style not in ("none", "hidden"), f"no focus outline: {style}"
    assert float(width.removesuffix("px")) >= 2.0, f"focus outline too thin: {style}"
    ratio = a11y.contrast_ratio(a11y.parse_rgb(colour), (255, 255, 255))
    assert ratio >= 3.0, f"focus outline contrast {ratio:.1f}:1 < 3:1 ({colour})"


def _assert_labels_not_cut(box) -> None:
    cut = box.evaluate(
        """box => [...box.querySelectorAll('.widget-toggle-button, .widget-label, .jupyter-button')]
             .filter(el => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
             .map(el => el.textContent.trim())"""
    )
    assert not cut, f"labels cut off: {cut}"


def _explorer(page, css_class: str):
    box = lab.active(page).locator(f".{css_class}").first
    box.scroll_into_view_if_needed()
    expect(box).to_be_visible()
    _assert_labels_not_cut(box)
    return box


def _status(box):
    return box.locator(".crisislab-status-line").first


def _press(page, target, key: str) -> None:
    """Press a key on the focused control; JupyterLab's active cell must not move."""
    cell = _active_cell(page)
    page.keyboard.press(key)
    page.wait_for_timeout(100)
    assert _active_cell(page) == cell, f"{key} moved JupyterLab's active cell"


def test_timeline_next_day_and_actor_checkbox(explorers_page):
    page = explorers_page
    box = _explorer(page, "crisislab-timeline")
    status, cards = _status(box), box.locator(".crisislab-cards").first
    start = box.get_by_role("button", name="\u25c0 Previous day")
    target = box.get_by_role("button", name="Next day \u25b6")
    assert _tab_to(page, start, target) == 2  # Previous day, Play the days, Next day
    _assert_focus_ring(page, target)
    before = status.inner_text()
    _press(page, target, "Enter")
    expect(status).not_to_have_text(before)
    expect(status).to_contain_text("Wednesday 17 October 1962")
    assert _focused(target), "the Next day button lost the focus"

    cuba = box.get_by_role("checkbox", name="Cuba")
    _tab_to(page, target, cuba)
    _assert_focus_ring(page, cuba)
    cards_before = cards.inner_html()
    _press(page, cuba, "Space")
    expect(cuba).not_to_be_checked()
    expect(status).to_contain_text("actors: United States, Soviet Union")
    assert _focused(cuba)
    print(f"\ntimeline: cards changed with Cuba unticked: {cards.inner_html() != cards_before}")


def test_perspectives_next_moment(explorers_page):
    page = explorers_page
    box = _explorer(page, "crisislab-perspectives")
    status = _status(box)
    start = box.get_by_role("button", name="\u25c0 Previous moment")
    target = box.get_by_role("button", name="Next moment \u25b6")
    assert _tab_to(page, start, target) == 1
    _assert_focus_ring(page, target)
    heading = box.locator(".crisislab-moment").first.inner_text()
    expect(status).to_contain_text(re.compile(r"^Moment 1 of \d+"))
    _press(page, target, "Enter")
    expect(status).to_contain_text(re.compile(r"^Moment 2 of \d+"))
    expect(box.locator(".crisislab-moment").first).not_to_have_text(heading)
    assert _focused(target)


def test_decisions_option_keeps_the_focus(explorers_page):
    page = explorers_page
    box = _explorer(page, "crisislab-decisions")
    status = _status(box)
    start = box.get_by_role("button", name="Previous decision point")
    options = box.locator(".crisislab-option")
    target = options.nth(1)
    _tab_to(page, start, target)
    _assert_focus_ring(page, target)
    feedback = box.locator(".crisislab-decision-feedback")
    expect(feedback).to_have_count(0)
    label = target.inner_text()
    _press(page, target, "Enter")
    expect(feedback).to_contain_text("You chose")
    expect(status).to_contain_text("you chose:")
    expect(target).to_have_class(re.compile(r"crisislab-chosen"))
    # The same button keeps the focus: the simulator updates its buttons in place.
    assert _focused(target), "choosing an option sent the focus away"
    assert page.evaluate("document.activeElement.textContent") == label

    first = options.nth(0)
    page.keyboard.press("Shift+Tab")
    assert _focused(first)
    _press(page, first, "Space")
    expect(first).to_have_class(re.compile(r"crisislab-chosen"))
    expect(target).not_to_have_class(re.compile(r"crisislab-chosen"))
    assert _focused(first)


def test_comparison_kind_buttons_and_next_pair(explorers_page):
    page = explorers_page
    box = _explorer(page, "crisislab-compare")
    status = _status(box)
    kinds = box.locator(".widget-toggle-buttons").first.locator("button")
    target = kinds.filter(has_text="Backchannel").first
    _tab_to(page, kinds.first, target)
    _assert_focus_ring(page, target)
    _press(page, target, "Enter")
    expect(target).to_have_class(re.compile(r"mod-active"))
    expect(status).to_contain_text(re.compile(r"^Backchannel, pair 1 of \d"))
    assert _focused(target)

    next_pair = box.get_by_role("button", name="Next pair \u25b6")
    _tab_to(page, target, next_pair)
    column = box.locator(".crisislab-compare-1962").first.inner_text()
    _press(page, next_pair, "Enter")
    expect(status).to_contain_text("pair 2 of")
    expect(box.locator(".crisislab-compare-1962").first).not_to_have_text(column)
    assert _focused(next_pair)


def test_range_map_site_button(explorers_page):
    page = explorers_page
    box = _explorer(page, "crisislab-range-map")
    status, cities = _status(box), box.locator(".crisislab-range-list").first
    sites = box.locator(".widget-toggle-buttons").first.locator("button")
    target = sites.filter(has_text="Gioia del Colle").first
    _tab_to(page, sites.first, target)
    _assert_focus_ring(page, target)
    image = box.locator(".crisislab-figure img").first
    alt = image.get_attribute("alt")
    assert alt and alt.startswith("Map of the range of the R-12")
    _press(page, target, "Space")
    expect(target).to_have_class(re.compile(r"mod-active"))
    expect(status).to_contain_text("Gioia del Colle")
    expect(cities).to_contain_text("from Gioia del Colle")
    expect(image).not_to_have_attribute("alt", alt)
    assert _focused(target)


def test_chicken_game_slider_and_exit_button(explorers_page):
    page = explorers_page
    box = _explorer(page, "crisislab-chicken")
    status, table = _status(box), box.locator(".crisislab-game-table").first
    presets = box.locator(".widget-toggle-buttons").first.locator("button")
    handle = box.locator(".widget-slider .noUi-handle").first
    readout = box.locator(".widget-slider .widget-readout").first
    _tab_to(page, presets.first, handle)
    _assert_focus_ring(page, handle)
    value, before = readout.inner_text(), table.inner_text()
    _press(page, handle, "ArrowRight")
    expect(readout).not_to_have_text(value)
    expect(table).not_to_have_text(before)
    expect(status).to_contain_text("Your own numbers")
    assert _focused(handle)

    exits = box.locator(".widget-toggle-buttons").nth(1).locator("button")
    target = exits.filter(has_text="Public concession").first
    _tab_to(page, handle, target)
    _assert_focus_ring(page, target)
    before = table.inner_text()
    _press(page, target, "Enter")
    expect(target).to_have_class(re.compile(r"mod-active"))
    expect(status).to_contain_text("Public concession")
    expect(table).not_to_have_text(before)
    assert _focused(target)
