"""Determinism: each notebook, executed twice in fresh kernels, shows identical text outputs.

The two runs are the ones tests/test_offline.py makes (one with the network blocked, one
without), so each notebook runs twice in the whole suite. Compared per code cell: execution
count, stream text, and every text representation (text/plain, text/html, text/markdown,
text/latex); images and widget model ids (random by design) are left out.
"""

from __future__ import annotations

import difflib

import nbformat
import pytest

from tests.test_offline import NOTEBOOKS, course_copy, executed_pair  # noqa: F401 (a fixture)

TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex")


def text_outputs(nb: nbformat.NotebookNode) -> list[tuple]:
    """(cell number, execution count, kind, text) for every text output of every code cell."""
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        found.append((number, cell.execution_count, "count", ""))
        for output in cell.outputs:
            kind = output["output_type"]
            if kind == "stream":
                found.append((number, cell.execution_count, output["name"], output["text"]))
            elif kind == "error":
                found.append((number, cell.execution_count, "error", output["ename"]))
            else:
                for mime in TEXT_TYPES:
                    if mime in output.get("data", {}):
                        text = output["data"][mime]
                        text = "".join(text) if isinstance(text, list) else text
                        found.append((number, cell.execution_count, mime, text))
    return found


def first_difference(a: list[tuple], b: list[tuple]) -> str:
    """Where two output lists first differ, as a short diff for the failure message."""
    for left, right in zip(a, b, strict=False):
        if left != right:
            diff = difflib.unified_diff(
                str(left[3]).splitlines(), str(right[3]).splitlines(), lineterm="", n=1
            )
            return f"cell {left[0]} ({left[2]} vs {right[2]}):\n" + "\n".join(list(diff)[:20])
    return f"{len(a)} outputs against {len(b)}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_two_runs_show_the_same_text(name, course_copy):  # noqa: F811
    first, second = executed_pair(name, course_copy)
    assert first.error is None and second.error is None, (first.error, second.error)
    a, b = text_outputs(first.notebook), text_outputs(second.notebook)
    assert any(kind != "count" for _n, _c, kind, _t in a), f"{name} shows no output at all"
    assert a == b, f"{name}: the two runs differ at {first_difference(a, b)}"


def test_comparison_sees_a_difference():
    """The comparison is not vacuous: a changed number in an HTML output is noticed."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x", execution_count=1)
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result", {"text/plain": "1", "text/html": "<b>1</b>"}, execution_count=1
        )
    ]
    nb.cells.append(cell)
    other = nbformat.reads(nbformat.writes(nb), as_version=4)
    other.cells[0].outputs[0]["data"]["text/html"] = "<b>2</b>"
    assert text_outputs(nb) != text_outputs(other)
    assert "cell 1 (text/html" in first_difference(text_outputs(nb), text_outputs(other))
