"""Lesson 1 keeps its promises: objectives, sections, sources that exist, verbatim quotations.

nbval re-runs the lesson and compares its outputs; these tests check what nbval cannot: that
every citation resolves, that the Sources cell lists exactly what is cited, and that every
blockquote is a row of quotes.csv with its speaker, date and source ids.
"""

from __future__ import annotations

import re

import pytest

from crisislab import data, notebooks
from crisislab.course import lesson
from crisislab.paths import repo_root

PATH = repo_root() / "lessons" / "01_thirteen_days.ipynb"
CITATION = re.compile(r"\[([a-z0-9][a-z0-9.\-_]*(?:;\s*[a-z0-9][a-z0-9.\-_]*)*)\](?!\()")
QUOTE_ID = re.compile(r"\(quote id `([^`]+)`\)")

pytestmark = pytest.mark.skipif(not PATH.exists(), reason="lesson 1 is not written yet")


@pytest.fixture(scope="module")
def nb():
    return notebooks.read(PATH)


def markdown(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def code_cells(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def cited_ids(nb) -> list[str]:
    ids = []
    for text in markdown(nb):
        for group in CITATION.findall(text):
            ids.extend(part.strip() for part in group.split(";"))
    return ids


def bibliography_ids(nb) -> list[str]:
    (cell,) = [c for c in code_cells(nb) if c.startswith("sources.bibliography(")]
    return re.findall(r'"([^"]+)"', cell)


def test_title_hook_and_time(nb):
    first = nb.cells[0].source
    assert first.startswith("# Thirteen Days\n")
    assert "**Time:** 30-45 minutes" in first


def test_objectives_are_the_course_maps_verbatim(nb):
    (cell,) = [t for t in markdown(nb) if t.startswith("## Learning objectives")]
    for number, objective in enumerate(lesson(1).objectives, start=1):
        assert f"{number}. {objective}" in cell


@pytest.mark.parametrize(
    "heading",
    [
        "## Before you start",
        "## 1. Why Cuba, why 1962?",
        "## 2. The thirteen days",
        "## 3. What each side did not know",
        "## 4. Why the missiles mattered",
        "## 5. How it ended",
        "## Summary",
        "## What's next",
        "## Sources",
    ],
)
def test_sections_in_order(nb, heading):
    texts = markdown(nb)
    assert any(heading in t for t in texts)


def test_sections_come_in_order(nb):
    text = "\n".join(markdown(nb))
    positions = [text.index(f"## {n}.") for n in range(1, 6)]
    assert positions == sorted(positions)
    assert text.index("## Summary") > positions[-1]


def test_links_to_exercises_and_next_lesson(nb):
    text = "\n".join(markdown(nb))
    assert "(../exercises/01_thirteen_days.ipynb)" in text
    assert "(02_strategic_empathy.ipynb)" in text


def test_seed_articles_opening_scene_is_there(nb):
    text = "\n".join(markdown(nb))
    assert "8:45 on the morning of 16 October 1962" in text


def test_every_citation_exists_in_the_bibliography_table(nb):
    known = set(data.load("sources")["id"])
    cited = cited_ids(nb)
    assert len(cited) > 30
    assert [i for i in cited if i not in known] == []


def test_sources_cell_lists_exactly_what_is_cited(nb):
    listed = bibliography_ids(nb)
    assert len(listed) == len(set(listed))
    assert set(listed) == set(cited_ids(nb))


def test_every_blockquote_is_a_verbatim_row_of_quotes_csv(nb):
    quotes = data.load("quotes").set_index("id")
    people = data.load("people").set_index("id")
    found = 0
    for text in markdown(nb):
        for block in re.findall(r"(?:^>.*\n?)+", text, flags=re.M):
            lines = [line[1:].strip() for line in block.splitlines()]
            (quote_id,) = QUOTE_ID.findall(block)
            row = quotes.loc[quote_id]
            assert lines[0] == row["text"], quote_id
            attribution = lines[-1]
            assert people.loc[row["speaker_id"], "name"] in attribution
            day = row["date"]
            assert f"{day.day} {day:%B %Y}" in attribution
            assert "[" + "; ".join(row["source_ids"].split(";")) + "]" in attribution
            found += 1
    assert found >= 10


def test_washington_moscow_and_havana_each_have_a_voice(nb):
    quotes = data.load("quotes").set_index("id")
    people = data.load("people").set_index("id")
    text = "\n".join(markdown(nb))
    actors = {people.loc[quotes.loc[q, "speaker_id"], "actor"] for q in QUOTE_ID.findall(text)}
    assert {"United States", "Soviet Union", "Cuba"} <= actors


def test_no_quotation_marks_outside_blockquotes(nb):
    """A quotation in prose would escape the check above: quotes live in blockquotes only."""
    for text in markdown(nb):
        prose = "\n".join(line for line in text.splitlines() if not line.startswith(">"))
        prose = re.sub(r"`[^`]*`", "", prose)
        assert '"' not in prose, prose[:120]


def test_one_explorer_and_one_range_map(nb):
    """The browser tests find the widgets by their classes: one of each on the page."""
    source = "\n".join(code_cells(nb))
    assert source.count("TimelineExplorer(") == 1
    assert source.count("RangeMap(") == 1
    assert "from crisislab.maps import RangeMap, range_map_figure" in source


def test_notebook_is_clean(nb):
    assert notebooks.hygiene_problems(PATH) == []
