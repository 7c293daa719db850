"""Lesson 2 in a real JupyterLab: Run All, then drive the game and the perspective explorer.

The game's 'Both stand firm (war)' slider is moved with the arrow keys and the list of stable
outcomes must change; the perspective explorer's menu is moved with the keyboard and its three
columns must change. With CRISISLAB_SCREENSHOTS=<folder>, the widgets are photographed before
and after each step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from crisislab.paths import repo_root

from . import lab

LESSON2 = "lessons/02_strategic_empathy.ipynb"

pytestmark = pytest.mark.skipif(
    not (repo_root() / LESSON2).exists(), reason="lesson 2 not written yet"
)


def _snap(locator, name: str) -> None:
    """Photograph one widget when CRISISLAB_SCREENSHOTS names a folder (for people to look at)."""
    folder = os.environ.get("CRISISLAB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        locator.screenshot(path=str(Path(folder) / f"lesson02-{name}.png"))


def test_lesson2_game_and_perspectives_answer_the_keyboard(page, jupyter):
    lab.open_lab(page, jupyter, LESSON2)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    # -- the game of chicken: a slider moved with the arrow keys changes the equilibria ---------
    game = page.locator(".crisislab-chicken").first
    game.scroll_into_view_if_needed()
    summary = game.locator(".crisislab-equilibria")
    expect(summary).to_contain_text("3 stable outcomes")
    expect(summary).to_contain_text("both stand firm with probability 25%")
    _snap(game, "chicken-before")
    figure = game.locator(".crisislab-figure img")
    picture_before = figure.get_attribute("src")

    handle = lab.slider_handle(page, "Both stand firm (war)")
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(4):  # 0 -> -2 in steps of 0.5
        handle.press("ArrowLeft")
    readout = lab.slider(page, "Both stand firm (war)").locator(".widget-readout")
    expect(readout).to_have_text(re.compile(r"^[-\u2212]2\.0$"))  # d3 prints a true minus
    # each side now stands firm with 1/(1 + 3) = 25%, so both with 6.25%
    expect(summary).to_contain_text("both stand firm with probability 6%")
    expect(game.locator(".crisislab-game-table")).to_contain_text("-2, -2")
    assert figure.get_attribute("src") != picture_before  # the best replies moved
    expect(figure).to_have_attribute("alt", re.compile(r"25% Moscow firm, 25% Washington firm"))
    _snap(game, "chicken-after-slider")

    private = game.locator("button", has_text=re.compile(r"^Private concession$"))
    private.click()
    expect(private).to_have_class(re.compile(r"mod-active"))
    expect(summary).to_contain_text("with private concession")
    expect(summary).to_contain_text("Without the exit, both stand firm with probability 6%")
    _snap(game, "chicken-private")

    # -- the perspective explorer: another moment from the keyboard changes every column -------
    explorer = page.locator(".crisislab-perspectives").first
    explorer.scroll_into_view_if_needed()
    columns = {
        key: explorer.locator(f".crisislab-perspective-{key}").first
        for key in ("washington", "moscow", "havana")
    }
    expect(columns["washington"]).to_contain_text("What Washington saw")
    expect(explorer.locator(".crisislab-moment")).to_contain_text("Kennedy sees the photographs")
    before = {key: column.inner_text() for key, column in columns.items()}
    _snap(explorer, "perspectives-before")

    # The "Next moment" button, reached and pressed from the keyboard (Tab order, then Enter).
    next_button = explorer.locator("button", has_text="Next moment")
    next_button.focus()
    next_button.press("Enter")
    expect(explorer.locator(".crisislab-moment")).to_contain_text("The tanker Bucharest")
    for key, column in columns.items():
        expect(column).not_to_have_text(before[key])
    expect(columns["washington"]).to_contain_text("Bucharest")
    expect(columns["moscow"]).to_contain_text("I cannot agree to this")  # Khrushchev, 24 October
    expect(columns["havana"]).to_contain_text("What Havana did not know")
    _snap(explorer, "perspectives-after")

    # "Previous moment" from the first wraps round to the last, with the mouse this time.
    previous_button = explorer.locator("button", has_text="Previous moment")
    previous_button.click()  # back to the first moment
    previous_button.click()  # round to the last
    expect(explorer.locator(".crisislab-moment")).to_contain_text("The secret Jupiter arrangement")
    expect(explorer.locator(".crisislab-status-line")).to_contain_text(
        "28 October 1962: The secret Jupiter arrangement"
    )
    expect(columns["moscow"]).to_contain_text("delicacy")
    _snap(explorer, "perspectives-jupiters")
    lab.assert_no_errors(page)
