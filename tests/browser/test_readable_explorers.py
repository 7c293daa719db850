"""Explorers a student can read, in a real JupyterLab at 1280 x 900.

A scratch notebook (in the course copy, not part of the course) shows the timeline on its busiest
day, 27 October 1962, and the decision simulator with every decision made. The timeline's cards
are collapsed to time, title and one line; one opens from the keyboard (Tab to its summary,
Enter) and shuts again; the busiest day's cards stay within about two screens. The simulator
marks the chosen option in words and closes the six decisions with an end screen.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from . import lab

#: The busiest day's cards, all collapsed, stay within one and a half 900 px screens (788 px now).
BUSIEST_DAY_MAX_PX = 1350

CELLS = (
    "from datetime import date\n"
    "from crisislab.timeline import TimelineExplorer\n\n"
    "timeline = TimelineExplorer(day=date(1962, 10, 27))\n"
    "timeline",
    "from crisislab.decisions import DecisionSimulator\n\n"
    "sim = DecisionSimulator()\n"
    "for point in sim.points:\n"
    "    sim.choose(point.id, point.chosen)\n"
    "sim",
)


@pytest.fixture(scope="module")
def readable_notebook(course_root) -> str:
    folder = course_root / "scratch"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(code) for code in CELLS]
    nbformat.write(nb, str(folder / "readable.ipynb"))
    return "scratch/readable.ipynb"


def test_busiest_day_cards_are_collapsed_short_and_open_with_the_keyboard(
    page, jupyter, readable_notebook
):
    lab.open_lab(page, jupyter, readable_notebook)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    cards = lab.active(page).locator(".crisislab-cards").first
    cards.scroll_into_view_if_needed()
    expect(cards).to_contain_text("Anderson")
    count = cards.locator(".crisislab-card").count()
    assert count >= 10, f"only {count} cards on 27 October"
    height = cards.evaluate("el => el.getBoundingClientRect().height")
    print(f"\ntimeline: 27 October, {count} collapsed cards, {height:.0f} px high")
    assert height < BUSIEST_DAY_MAX_PX, f"the busiest day is {height:.0f} px high"

    first = cards.locator("details.crisislab-card-details").first
    summary = first.locator("summary").first
    expect(first).not_to_have_attribute("open", "")
    expect(first.locator(".crisislab-card-sources")).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("open", "")
    expect(first.locator(".crisislab-card-sources")).to_be_visible()
    assert first.evaluate("el => el.contains(document.activeElement)"), "focus left the card"
    page.keyboard.press("Enter")
    expect(first).not_to_have_attribute("open", "")


def test_simulator_marks_the_choice_in_words_and_ends_with_a_summary(
    page, jupyter, readable_notebook
):
    lab.open_lab(page, jupyter, readable_notebook)
    lab.clear_and_run_all(page)
    lab.assert_no_errors(page)

    box = lab.active(page).locator(".crisislab-decisions").first
    box.scroll_into_view_if_needed()
    feedback = box.locator(".crisislab-decision-feedback").first
    expect(feedback).to_contain_text("Your choice")
    expect(feedback).to_contain_text(re.compile("what was chosen", re.I))
    end = box.locator(".crisislab-decision-end").first
    expect(end).to_be_visible()
    expect(end).to_contain_text("B-59")
    expect(end).to_contain_text("oct16-response: blockade")
    lab.assert_no_errors(page)
