"""Lesson 1 keeps its promises: objectives, sections, markers that resolve, quotations from data.

nbval re-runs the lesson and compares its outputs; these tests check what nbval cannot: that
every citation marker resolves to the Sources list, that quotations come from quotes.csv (shown
with crisislab.perspectives.quote), and that the stated time is the course map's.
"""

from __future__ import annotations

import re

import pytest

from crisislab import data, notebooks
from crisislab.course import lesson
from crisislab.maps import range_km
from crisislab.paths import repo_root
from crisislab.source_policy import refusal

PATH = repo_root() / "lessons" / "01_thirteen_days.ipynb"
MARKER = re.compile(r"\]\(#Sources \"([^\"]+)\"\)")
QUOTE_CALL = re.compile(r'^quote\("([^"]+)"\)\s*$', re.M)


@pytest.fixture(scope="module")
def nb():
    return notebooks.read(PATH)


def markdown(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def code_cells(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def sources_cell(nb) -> str:
    (cell,) = [c for c in nb.cells if "sources" in c.metadata.get("tags", [])]
    return cell.source


def test_title_hook_and_time(nb):
    first = nb.cells[0].source
    assert first.startswith("# Thirteen Days\n")
    assert f"*Estimated time: {lesson(1).minutes}*" in first


def test_objectives_are_the_course_maps_verbatim(nb):
    (cell,) = [t for t in markdown(nb) if t.startswith("## Learning objectives")]
    for number, objective in enumerate(lesson(1).objectives, start=1):
        assert f"{number}. {objective}" in cell


def test_sections_come_in_order(nb):
    text = "\n".join(markdown(nb))
    headings = [
        "## Before you start",
        "## 1. The road to October",
        "## 2. The thirteen days",
        "## 3. Who knew what, when",
        "## 4. Why the missiles mattered",
        "## 5. How it ended",
        "## Summary",
        "## What's next",
        "## Sources",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_links_and_opening_scene(nb):
    text = "\n".join(markdown(nb))
    assert "(../exercises/01_thirteen_days.ipynb)" in text
    assert "(02_strategic_empathy.ipynb)" in text
    assert "8:45 on the morning of 16 October 1962" in text


def test_every_marker_and_quote_source_is_listed_and_none_is_refused(nb):
    table = data.load("sources").set_index("id")
    quotes = data.load("quotes").set_index("id")
    listed = set(re.findall(r'"([^"]+)"', sources_cell(nb)))
    cited = {i for text in markdown(nb) for i in MARKER.findall(text)}
    for quote_id in QUOTE_CALL.findall("\n".join(code_cells(nb))):
        cited.update(s.strip() for s in quotes.loc[quote_id, "source_ids"].split(";"))
    cited = {i for i in cited if not refusal(table.loc[i, "url"] or "")}
    assert cited <= listed
    for source_id in listed:
        assert source_id in table.index, source_id
        assert not refusal(table.loc[source_id, "url"] or ""), source_id


def test_washington_moscow_and_havana_each_have_a_voice(nb):
    quotes = data.load("quotes").set_index("id")
    people = data.load("people").set_index("id")
    shown = QUOTE_CALL.findall("\n".join(code_cells(nb)))
    actors = {people.loc[quotes.loc[q, "speaker_id"], "actor"] for q in shown}
    assert {"United States", "Soviet Union", "Cuba"} <= actors


def test_one_explorer_and_one_range_map(nb):
    source = "\n".join(code_cells(nb))
    assert source.count("TimelineExplorer(") == 1
    assert source.count("RangeMap(") == 1


def test_the_r12_message_matches_the_weapons_table(nb):
    """One R-12 answer: the range weapons.csv holds, and never a flight time."""
    low, high = range_km("r-12")
    text = "\n".join(markdown(nb))
    assert f"{low:,.0f}" in text
    if high != low:
        assert f"{low:,.0f} to {high:,.0f} km" in text
    assert "within minutes" not in text


def test_the_troop_gap_is_shown(nb):
    source = "\n".join(code_cells(nb))
    assert "soviet_troops_in_cuba_us_estimate" in source


def test_notebook_is_clean(nb):
    assert notebooks.hygiene_problems(PATH) == []
