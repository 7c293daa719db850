"""Reading answers from a notebook file: literals parsed (never run), computed ones located."""

from __future__ import annotations

import ast
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import nbformat
import pytest

from crisislab.exercises import answers


def _node(source: str) -> ast.expr:
    return ast.parse(source, mode="eval").body


@pytest.mark.parametrize(
    "source, value",
    [
        ('"14 October 1962"', "14 October 1962"),
        ("1889.5", 1889.5),
        ('["B", "E"]', ["B", "E"]),
        ('("A", "C")', ("A", "C")),
        ("date(1962, 10, 27)", date(1962, 10, 27)),
        ("datetime.date(1962, 10, 27)", date(1962, 10, 27)),
        (
            'datetime(1962, 10, 23, 2, 0, tzinfo=ZoneInfo("Europe/Moscow"))',
            datetime(1962, 10, 23, 2, 0, tzinfo=ZoneInfo("Europe/Moscow")),
        ),
        ("time(2, 0)", time(2, 0)),
        ("...", ...),
        ('"""\n...\n"""', "\n...\n"),
    ],
)
def test_literals_are_read_without_running_anything(source, value):
    assert answers.literal_value(_node(source)) == value


@pytest.mark.parametrize(
    "source",
    [
        "geo.distance_km(1, 2, 3, 4)",
        "__import__('os').system('echo hi')",
        '"a" + "b"',
        "date(1962, 10, int('27'))",
        "open('x').read()",
    ],
)
def test_anything_else_is_not_a_literal(source):
    with pytest.raises(Exception):  # noqa: B017 (any refusal will do: nothing was run)
        answers.literal_value(_node(source))


def test_the_tagged_encoding_keeps_dates_times_and_zones():
    moment = {"t": "datetime", "v": "1962-10-23T02:00:00+03:00", "tz": "Europe/Moscow"}
    decoded = answers.decode(moment)
    assert decoded == datetime(1962, 10, 23, 2, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    assert decoded.tzinfo == ZoneInfo("Europe/Moscow")
    assert answers.decode({"t": "date", "v": "1962-10-27"}) == date(1962, 10, 27)
    assert answers.decode({"t": "list", "v": [{"t": "str", "v": "B"}, {"t": "int", "v": "3"}]}) == [
        "B",
        3,
    ]
    assert answers.decode({"t": "ellipsis"}) is ...
    assert repr(answers.decode({"t": "other", "type": "DataFrame"})) == "<DataFrame>"
    with pytest.raises(ValueError):
        answers.decode({"t": "pickle", "v": "..."})


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for source in sources:
        if source.startswith("## "):
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source))
    return nb


def test_the_answer_cell_is_the_last_visible_one_before_the_check():
    nb = _notebook(
        "## 1. On the right day",
        'ask("01.photos-date")',
        'photos_date = "16 October 1962"',
        'photos_date = "14 October 1962"\nprint("changed my mind")',
        'check("01.photos-date", photos_date)',
        'photos_date = "1 October 1962"',
    )
    found = answers.read_answers(nb, ["01.photos-date"])["01.photos-date"]
    assert (found.value, found.how) == ("14 October 1962", "literal")
    assert found.where.startswith('the cell under "1. On the right day" that starts "photos')


def test_an_answer_changed_later_in_its_cell_counts_as_computed():
    nb = _notebook(
        'ask("01.order")', 'order = ["C"]\norder.append("B")', 'check("01.order", order)'
    )
    found = answers.read_answers(nb, ["01.order"])["01.order"]
    assert found.how == "computed"


def test_a_missing_check_cell_and_a_missing_answer_are_named():
    nb = _notebook('ask("01.order")', 'check("01.order", order)')
    found = answers.read_answers(nb, ["01.order", "01.photos-date"])
    assert "gives `order` a value" in found["01.order"].slip
    assert "check cell is missing" in found["01.photos-date"].slip
