"""The lessons in a real JupyterLab and Notebook 7: Run All, no errors, widgets answer the keyboard.

The lesson-0 test prints how long the page took from a key press to the changed day text
(a measurement for the record, never an assertion).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from crisislab.intro import describe
from crisislab.paths import repo_root

from . import lab

LESSON0 = "lessons/00_start_here.ipynb"
LESSON1 = "lessons/01_thirteen_days.ipynb"
DAY_TEXT = re.compile(r"Day (\d+) of 13: \w+ \d+ October 1962")


def _day_shown(page) -> int:
    text = page.locator(".crisislab-day").first.inner_text()
    match = DAY_TEXT.search(text)
    assert match, f"unexpected day text {text!r}"
    return int(match.group(1))


def _install_change_clock(page, selector: str) -> None:
    """Record (performance.now(), text) each time the element under ``selector`` changes."""
    page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).closest('.jp-OutputArea-output');
            window.__changes = [];
            new MutationObserver(() => {
                const el = box.querySelector(selector);
                window.__changes.push([performance.now(), el ? el.textContent : '']);
            }).observe(box, {subtree: true, childList: true, characterData: true});
        }""",
        selector,
    )


def _press_and_time(page, handle, key: str, selector: str) -> float:
    """Press ``key`` on ``handle``; return ms from the key press to the first text change."""
    before = page.locator(selector).first.inner_text()
    page.evaluate("window.__changes = []")
    start = page.evaluate("performance.now()")
    handle.press(key)
    page.wait_for_function(
        "([sel, old]) => { const el = document.querySelector(sel);"
        " return el && el.textContent !== old; }",
        arg=[selector, before],
    )
    changes = page.evaluate("window.__changes")
    return changes[0][0] - start


def test_lesson0_runs_in_jupyterlab_and_the_slider_answers_the_keyboard(page, jupyter):
    lab.open_lab(page, jupyter, LESSON0)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    handle = lab.slider_handle(page, "Crisis day")
    handle.scroll_into_view_if_needed()
    expect(handle).to_be_visible()
    handle.focus()
    start = _day_shown(page)
    assert start == 12  # the lesson's next cell moves the shared picker to day 12

    for _ in range(4):
        handle.press("ArrowLeft")
    expect(page.locator(".crisislab-day").first).to_have_text(describe(8))

    _install_change_clock(page, ".crisislab-day")
    latency = _press_and_time(page, handle, "ArrowRight", ".crisislab-day")
    print(f"\nlesson 0 slider: key press to visible day text in {latency:.0f} ms")
    for _ in range(2):
        handle.press("ArrowRight")
    expect(page.locator(".crisislab-day").first).to_have_text(describe(11))
    assert _day_shown(page) == 11
    readout = lab.slider(page, "Crisis day").locator(".widget-readout")
    expect(readout).to_have_text("11")
    lab.assert_no_errors(page)


def test_lesson0_renders_and_runs_in_notebook7(page, jupyter):
    lab.open_notebook7(page, jupyter, LESSON0)
    expect(lab.active(page)).to_contain_text("Start here")
    lab.clear_and_run_all(page, lab=False)
    lab.assert_no_errors(page)
    handle = lab.slider_handle(page, "Crisis day")
    handle.scroll_into_view_if_needed()
    # Home, End and Page Up/Down reach the slider in Notebook 7 (arrow keys do not: see below).
    handle.press("Home")
    expect(page.locator(".crisislab-day").first).to_have_text(describe(1))
    handle.press("PageUp")
    expect(page.locator(".crisislab-day").first).to_have_text(describe(6))
    handle.press("End")
    expect(page.locator(".crisislab-day").first).to_have_text(describe(13))
    lab.assert_no_errors(page)


def test_exercise_notebook_renders_and_runs_in_notebook7(page, jupyter):
    """The blank exercise notebook runs in Notebook 7 and every check says "not attempted"."""
    lab.open_notebook7(page, jupyter, "exercises/01_thirteen_days.ipynb")
    expect(lab.active(page)).to_contain_text("Exercises 1")
    lab.clear_and_run_all(page, lab=False)
    lab.assert_no_errors(page)
    panels = page.locator(".crisislab-feedback")
    expect(panels.first).to_be_visible()
    statuses = panels.evaluate_all("els => els.map(e => e.className)")
    assert statuses and all("crisislab-unanswered" in c for c in statuses), statuses
    save = page.get_by_role("button", name="Save my answers").first
    save.scroll_into_view_if_needed()
    expect(save).to_be_visible()


@pytest.mark.xfail(
    strict=True,
    reason="Notebook 7 binds ArrowLeft/ArrowRight in command mode to heading navigation, so "
    "they never reach a focused widget (jupyter/notebook#7716); JupyterLab is not affected. "
    "When this passes, tell students the arrow keys work in Notebook 7 too.",
)
def test_notebook7_slider_takes_arrow_keys(page, jupyter):
    lab.open_notebook7(page, jupyter, LESSON0)
    lab.clear_and_run_all(page, lab=False)
    handle = lab.slider_handle(page, "Crisis day")
    handle.scroll_into_view_if_needed()
    handle.press("ArrowLeft")
    expect(page.locator(".crisislab-day").first).to_have_text(describe(11), timeout=3_000)


@pytest.fixture
def range_map_notebook(course_root) -> str:
    """A scratch notebook in the course copy that shows the RangeMap (not part of the course)."""
    folder = course_root / "scratch"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(nbformat.v4.new_code_cell("from crisislab.maps import RangeMap\n\nRangeMap()"))
    nbformat.write(nb, str(folder / "range_map.ipynb"))
    return "scratch/range_map.ipynb"


def _listed(page) -> list[str]:
    return page.locator(".crisislab-range-list li").all_inner_texts()


def test_range_map_buttons_change_the_city_list(page, jupyter, range_map_notebook):
    lab.open_lab(page, jupyter, range_map_notebook)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)
    cities = page.locator(".crisislab-range-list").first
    expect(cities.locator("li").first).to_be_visible()
    before = _listed(page)
    assert any(item.startswith("Havana") for item in before), before
    image = lab.active(page).locator(".crisislab-range-map .crisislab-figure img").first
    expect(image).to_be_visible()
    picture, alt = image.get_attribute("src"), image.get_attribute("alt")
    assert alt.startswith("Map of the range of the R-12"), alt  # an <img alt>, not widgets.Image

    # From the keyboard: Tab from the first missile button to the last (the Jupiter), Enter.
    missiles = lab.toggle_buttons(page, "Missile")
    missiles.first.focus()
    for _ in range(missiles.count() - 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(missiles.last).to_have_class(re.compile(r"mod-active"))
    expect(cities).to_contain_text("PGM-19 Jupiter from San Cristobal")
    expect(cities).to_contain_text("not deployed here")
    assert _listed(page) != before
    expect(image).not_to_have_attribute("src", picture)  # the map was redrawn
    expect(image).not_to_have_attribute("alt", alt)  # and says what it shows now

    # With the mouse: the Jupiter where it stood, at Gioia del Colle in Italy.
    lab.toggle_buttons(page, "Site").filter(has_text=re.compile(r"^Gioia")).click()
    expect(cities).to_contain_text("PGM-19 Jupiter from Gioia del Colle")
    expect(cities.locator("li", has_text="Moscow")).to_have_count(1)
    assert not any(item.startswith("Washington") for item in _listed(page))
    missiles.first.click()
    expect(cities).to_contain_text("R-12 (SS-4 Sandal) from Gioia del Colle")
    lab.assert_no_errors(page)
    # The HTML widget replaces its <img> on every update, so scroll the widget's own box (which
    # stays) into view, for the screenshot kept with CRISISLAB_SCREENSHOTS.
    lab.active(page).locator(".crisislab-range-map").first.scroll_into_view_if_needed()


@pytest.mark.skipif(not (repo_root() / LESSON1).exists(), reason="lesson 1 not written yet")
def test_lesson1_timeline_answers_the_keyboard_and_the_view(page, jupyter):
    lab.open_lab(page, jupyter, LESSON1)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    handle = lab.slider_handle(page, "Day")
    handle.scroll_into_view_if_needed()
    handle.focus()
    cards = page.locator(".crisislab-cards").first
    expect(cards).to_be_visible()

    def card_ids() -> list[str]:
        return cards.locator(".crisislab-card").evaluate_all(
            "els => els.map(e => e.dataset.eventId)"
        )

    status = page.locator(".crisislab-status").first

    def step(key: str) -> None:
        """Press a key on the Day slider and wait until the status line names another day."""
        before = status.inner_text()
        handle.press(key)
        expect(status).not_to_have_text(before, timeout=5_000)

    if handle.get_attribute("aria-valuenow") != handle.get_attribute("aria-valuemin"):
        step("Home")  # the first day on the slider (the run leaves it elsewhere)
    before_html = cards.inner_html()
    for _ in range(10):  # a day may have no events: step on until the cards change
        step("ArrowRight")
        if cards.inner_html() != before_html:
            break
    assert cards.inner_html() != before_html, "the cards did not change as the Day slider moved"
    shown = card_ids()

    view = (
        lab.active(page)
        .locator(".widget-toggle-buttons")
        .filter(has=page.locator(".widget-label", has_text=re.compile(r"^View$")))
    )
    buttons = view.locator("button")
    assert buttons.count() >= 2
    current = view.locator("button.mod-active").first.inner_text()
    target = next(b for b in buttons.all() if b.inner_text() != current)
    status_before, cards_before = status.inner_text(), cards.inner_html()
    target.click()
    expect(target).to_have_class(re.compile(r"mod-active"))
    expect(status).not_to_have_text(status_before)
    print(
        f"\nlesson 1: view {current!r} -> {target.inner_text()!r}; cards changed: "
        f"{cards.inner_html() != cards_before}; day cards before: {shown}"
    )
    lab.assert_no_errors(page)
