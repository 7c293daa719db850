"""Lessons a student finishes in the time they state: the time is measured, not hoped for."""

from __future__ import annotations

import json
import re

import pytest

from crisislab import course, data, paths, reading_time, sources

ROOT = paths.repo_root()
LESSONS = [item for item in course.LESSONS if item.available()]
SOURCE_IDS = set(data.load("sources")["id"])


def _markdown_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


# --- the measuring function itself ------------------------------------------------------------


def _notebook(tmp_path, cells):
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _md(text, tags=()):
    return {"cell_type": "markdown", "metadata": {"tags": list(tags)}, "source": text}


def _code(outputs=(), tags=()):
    return {
        "cell_type": "code",
        "metadata": {"tags": list(tags)},
        "source": "x",
        "outputs": list(outputs),
        "execution_count": 1,
    }


def test_words_skip_markup_addresses_and_collapsed_blocks():
    text = (
        "Two words [and a link](https://example.org/very/long/address) "
        "<b>bold</b><details><summary>Go deeper</summary>ten words that a student may skip "
        "entirely if short of time</details>"
    )
    assert reading_time.words(text) == 6  # "Two words and a link bold" (the summary skipped too)


def test_measure_counts_reading_widgets_questions_and_stretches(tmp_path):
    words_200 = " ".join(["word"] * 200)
    html = {"output_type": "display_data", "data": {"text/html": "<p>" + words_200 + "</p>"}}
    path = _notebook(
        tmp_path,
        [
            _md(words_200),
            _code([html]),  # printed text a student reads
            _code([html], tags=["widget"]),  # the explorer's own output is the widget's 5 min
            _md(words_200),
            _md("Answer this.", tags=["question"]),
            _md("## Sources"),
            _code([html]),  # the bibliography is not counted
        ],
    )
    estimate = reading_time.measure(path)
    assert estimate.words == 602
    assert estimate.widgets == 1 and estimate.questions == 1
    assert estimate.stretches == [400, 202, 0]
    assert estimate.minutes == pytest.approx(602 / 200 + 5 + 2)
    assert estimate.rounded == 15


# --- every lesson ------------------------------------------------------------------------------


@pytest.mark.parametrize("item", LESSONS, ids=lambda i: i.filename)
def test_each_lesson_takes_the_time_the_course_map_states(item):
    estimate = reading_time.measure(ROOT / item.path)
    stated = int(re.search(r"\d+", item.minutes).group())
    assert item.minutes == reading_time.minutes_text(stated)
    low, high = (15, 20) if item.number == 0 else (30, 45)
    assert low <= stated <= high, f"{item.filename}: {estimate.summary()}"
    assert abs(estimate.minutes - stated) <= 5, f"{item.filename}: {estimate.summary()}"


@pytest.mark.parametrize("item", LESSONS, ids=lambda i: i.filename)
def test_no_long_stretch_of_reading_between_two_things_to_do(item):
    estimate = reading_time.measure(ROOT / item.path)
    limit = reading_time.MAX_STRETCH_WORDS * 1.15  # "about 350 words"
    assert estimate.longest_stretch <= limit, estimate.summary()


@pytest.mark.parametrize("item", LESSONS, ids=lambda i: i.filename)
def test_the_stated_time_is_the_same_everywhere(item):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if f"]({item.path})" in line)
    assert item.minutes in row, row
    header = _markdown_cells(ROOT / item.path)[0]
    assert item.minutes in header, header[:300]
    plan = ROOT / "instructors" / "plans" / f"lesson_{item.number:02d}.md"
    if plan.exists():
        text = plan.read_text(encoding="utf-8")
        assert item.minutes in text, plan.name
    for path in (ROOT / "lessons" / "00_start_here.ipynb", ROOT / "instructors" / "README.md"):
        text = path.read_text(encoding="utf-8")
        stale = re.findall(r"\b\d{2}-\d{2} min", text)
        assert not stale, f"{path.name} still states ranges: {stale}"


# --- citations that do not get in the way --------------------------------------------------------

_MARKER = re.compile(r"\]\(#Sources \"([^\"]+)\"\)")
_BRACKET = re.compile(r"\[([a-z0-9][a-z0-9.\-_]+(?:;\s*[a-z0-9][a-z0-9.\-_]+)*)\](?!\()")


@pytest.mark.parametrize("item", [i for i in LESSONS if i.number], ids=lambda i: i.filename)
def test_a_paragraph_shows_at_most_one_short_citation_marker(item):
    for cell in _markdown_cells(ROOT / item.path):
        if re.match(r"\s*#+\s*Sources", cell):
            continue
        for paragraph in re.split(r"\n\s*\n", cell):
            markers = _MARKER.findall(paragraph)
            assert len(markers) <= 1, paragraph[:200]
            for source_id in markers:
                assert source_id in SOURCE_IDS, source_id
            brackets = [b for b in _BRACKET.findall(paragraph) if b.split(";")[0] in SOURCE_IDS]
            assert not brackets, f"id brackets in {item.filename}: {brackets}"


@pytest.mark.parametrize("item", [i for i in LESSONS if i.number], ids=lambda i: i.filename)
def test_every_marker_leads_to_an_entry_in_the_lessons_sources_list(item):
    text = (ROOT / item.path).read_text(encoding="utf-8")
    cells = json.loads(text)["cells"]
    listed = ""
    for cell in cells:
        if "sources" in cell.get("metadata", {}).get("tags", []):
            listed += json.dumps(cell.get("outputs", []))
    assert listed, f"{item.filename} has no cell tagged 'sources' (its Sources list)"
    for cell in _markdown_cells(ROOT / item.path):
        for source_id in _MARKER.findall(cell):
            assert f"[{source_id}]" in listed, f"{source_id} is not in the Sources list"


def test_marker_is_short_and_carries_its_id():
    assert sources.marker("dobbs-2008") == '[Dobbs 2008](#Sources "dobbs-2008")'
    assert sources.short_label("frus61-63v6d65") == "FRUS vol. VI doc. 65"
    assert sources.marker("dobbs-2008", "Dobbs") == '[Dobbs](#Sources "dobbs-2008")'


@pytest.mark.parametrize(
    "path", sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.name
)
def test_each_exercise_states_its_measured_time(path):
    estimate = reading_time.measure(path)
    header = " ".join(_markdown_cells(path)[:2])
    stated = re.search(r"\*\*Time:\*\* about (\d+) min", header)
    assert stated, f"{path.name} states no time"
    assert abs(estimate.minutes - int(stated.group(1))) <= 5, estimate.summary()
