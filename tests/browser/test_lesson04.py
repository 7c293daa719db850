"""Lesson 4 in a real JupyterLab: Run All, then pick other kinds in the comparison explorer.

The lesson leaves the explorer on the ambiguous incidents (the U-2 of 1962, Przewodow in 2022).
The test picks another kind from the keyboard ("End": the last kind, third-party roles) and with
the mouse (backchannel, then the second backchannel pair), and checks each time that the kind
heading, both event columns and the alike/unlike panel change. With
CRISISLAB_SCREENSHOTS=<folder>, the explorer is photographed before and after each step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from crisislab.paths import repo_root

from . import lab

LESSON4 = "lessons/04_1962_and_2022.ipynb"

pytestmark = pytest.mark.skipif(
    not (repo_root() / LESSON4).exists(), reason="lesson 4 not written yet"
)


def _snap(locator, name: str) -> None:
    """Photograph the explorer when CRISISLAB_SCREENSHOTS names a folder (for people to look at)."""
    folder = os.environ.get("CRISISLAB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        locator.screenshot(path=str(Path(folder) / f"lesson04-{name}.png"))


def _state(explorer) -> dict[str, str]:
    parts = {
        "heading": ".crisislab-compare-heading",
        "1962": ".crisislab-compare-1962",
        "2022": ".crisislab-compare-2022",
        "verdict": ".crisislab-compare-verdict",
    }
    return {key: explorer.locator(css).first.inner_text() for key, css in parts.items()}


def _changed_everywhere(page, explorer, before: dict[str, str]) -> dict[str, str]:
    """Wait until the heading, both columns and the alike/unlike panel all show new text."""
    after = _state(explorer)
    for _ in range(100):  # up to about 10 s: widget updates arrive one model at a time
        if all(after[key] != before[key] for key in before):
            return after
        page.wait_for_timeout(100)
        after = _state(explorer)
    unchanged = [key for key in before if after[key] == before[key]]
    raise AssertionError(f"these parts of the explorer did not change: {unchanged}")


def test_lesson4_comparison_explorer_changes_pair_with_the_kind(page, jupyter):
    lab.open_lab(page, jupyter, LESSON4)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    explorer = page.locator(".crisislab-compare").first
    explorer.scroll_into_view_if_needed()
    # Whatever kind the lesson leaves selected, the explorer shows a pair and its verdict.
    expect(explorer.locator(".crisislab-compare-heading")).to_contain_text("pair 1 of")
    expect(explorer.locator(".crisislab-compare-1962")).to_contain_text("1962:")
    expect(explorer.locator(".crisislab-compare-2022")).to_contain_text("2022:")
    expect(explorer.locator(".crisislab-compare-verdict")).to_contain_text("Alike:")
    before = _state(explorer)
    _snap(explorer, "1-first-kind")

    # From the keyboard: Tab along the kind buttons to the last one, then Enter. (A menu would
    # lose the arrow keys to the notebook's cell selection: jupyter-widgets/ipywidgets#3912.)
    kinds = lab.toggle_buttons(page, "Kind of moment")
    kinds.first.focus()
    for _ in range(kinds.count() - 1):
        page.keyboard.press("Tab")
    last = kinds.last
    assert last.evaluate("el => el === document.activeElement")
    last.press("Enter")
    after_key = _changed_everywhere(page, explorer, before)
    assert "Third-party role" in after_key["heading"], after_key["heading"]
    assert "U Thant" in after_key["1962"], after_key["1962"]
    _snap(explorer, "2-third-party-keyboard")

    # With the mouse: backchannel, then the second backchannel pair with "Next pair".
    kinds.filter(has_text=re.compile(r"^Backchannel$")).click()
    after_mouse = _changed_everywhere(page, explorer, after_key)
    assert "pair 1 of 2" in after_mouse["heading"]
    assert "Robert Kennedy meets Dobrynin" in after_mouse["1962"]
    assert "Backchannel" in after_mouse["heading"], after_mouse["heading"]
    assert "Burns" in after_mouse["2022"], after_mouse["2022"]
    _snap(explorer, "3-backchannel")

    explorer.locator("button", has_text="Next pair").click()
    second = _changed_everywhere(page, explorer, after_mouse)
    assert "pair 2 of 2" in second["heading"], second["heading"]
    assert "Fomin" in second["1962"], second["1962"]
    _snap(explorer, "4-backchannel-second-pair")
    print(
        f"\nlesson 4: {before['heading'].splitlines()[0]} -> {after_key['heading'].splitlines()[0]}"
        f" -> {after_mouse['heading'].splitlines()[0]} -> pair 2 of 2"
    )
    lab.assert_no_errors(page)
