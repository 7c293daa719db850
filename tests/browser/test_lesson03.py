"""Lesson 3 in a real JupyterLab: Run All, read a letter, then choose at two decision points.

After Run All a paragraph of Khrushchev's 27 October letter about Turkey must be on the page,
quoted from the full FRUS text with its document number.
At the first decision point the blockade is chosen with the mouse and the feedback must say it
was the historical choice; the next point is reached with the 'Next decision point' button and
an option is chosen from the keyboard (Tab focus, Enter): the feedback must show what was chosen
instead and the labelled informed speculation, and the path table must record both choices.
With CRISISLAB_SCREENSHOTS=<folder>, the simulator is photographed after each step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from crisislab.paths import repo_root

from . import lab

LESSON3 = "lessons/03_decisions_under_pressure.ipynb"

pytestmark = pytest.mark.skipif(
    not (repo_root() / LESSON3).exists(), reason="lesson 3 not written yet"
)


def _snap(locator, name: str) -> None:
    """Photograph the simulator when CRISISLAB_SCREENSHOTS names a folder (for people to see)."""
    folder = os.environ.get("CRISISLAB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        locator.screenshot(path=str(Path(folder) / f"lesson03-{name}.png"))


def _option(simulator, label: str):
    return simulator.locator(".crisislab-option", has_text=re.compile(rf"^{re.escape(label)}$"))


def test_lesson3_simulator_gives_feedback_at_two_decision_points(page, jupyter):
    lab.open_lab(page, jupyter, LESSON3)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    # -- the letters: a verbatim FRUS paragraph, with sender, date and document number ---------
    proposal = (
        lab.active(page)
        .locator(
            "blockquote.crisislab-letter",
            has_text="Nikita S. Khrushchev, letter of 27 October 1962",
        )
        .first
    )
    proposal.scroll_into_view_if_needed()
    expect(proposal).to_contain_text("Turkey")
    expect(proposal).to_contain_text("FRUS 1961-63 vol. VI, doc. 66")
    _snap(proposal, "turkey-proposal")

    simulator = page.locator(".crisislab-decisions").first
    simulator.scroll_into_view_if_needed()
    expect(simulator).to_contain_text("16 October 1962: How to respond to the missiles")
    expect(simulator.locator(".crisislab-option")).to_have_count(6)
    _snap(simulator, "point1-before")

    # -- decision point 1: the mouse chooses the blockade, which is what Kennedy chose ---------
    _option(simulator, "A naval blockade (the 'quarantine')").click()
    feedback = simulator.locator(".crisislab-decision-feedback")
    expect(feedback).to_contain_text("This is what was chosen.")
    expect(feedback).to_contain_text("How Moscow read it")
    expect(feedback).to_contain_text("Robert S. McNamara")
    expect(feedback).not_to_contain_text("informed speculation")
    _snap(simulator, "point1-blockade")

    # -- decision point 2, reached with the Next button; an option chosen from the keyboard ----
    simulator.locator("button", has_text=re.compile(r"^Next decision point$")).click()
    expect(simulator).to_contain_text("Congress leaders demand more")
    expect(simulator.locator(".crisislab-option")).to_have_count(3)
    strike = _option(simulator, "Switch to an air strike and invasion")
    strike.focus()
    strike.press("Enter")
    expect(feedback).to_contain_text("What was chosen instead: Announce the quarantine as planned.")
    expect(feedback.locator(".crisislab-speculation")).to_contain_text(
        "informed speculation, after Sheldon M. Stern"
    )
    expect(feedback).to_contain_text("Richard B. Russell Jr.")
    path = simulator.locator(".crisislab-decision-path")
    expect(path).to_contain_text("Switch to an air strike and invasion")
    expect(path.locator("tr").nth(1)).to_contain_text("yes")  # point 1: same as in 1962
    expect(path.locator("tr").nth(2)).to_contain_text("no")  # point 2: different
    _snap(simulator, "point2-strike")
    lab.assert_no_errors(page)
