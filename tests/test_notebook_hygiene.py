"""Every committed notebook is clean; the hygiene check itself catches each kind of fault."""

from __future__ import annotations

import nbformat
import pytest

from crisislab import notebooks
from crisislab.paths import repo_root

COMMITTED = notebooks.course_notebooks()


def test_there_are_notebooks_to_check():
    assert any(p.name == "00_start_here.ipynb" for p in COMMITTED)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.relative_to(repo_root()).as_posix())
def test_committed_notebook_is_clean(path):
    assert notebooks.hygiene_problems(path) == []


def _clean_notebook(tmp_path, cells=3, name="good.ipynb"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(nbformat.v4.new_markdown_cell("# Title"))
    for i in range(1, cells + 1):
        cell = nbformat.v4.new_code_cell(f"{i} + 1", execution_count=i)
        cell.outputs = [
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": str(i + 1)}, execution_count=i
            )
        ]
        nb.cells.append(cell)
    path = tmp_path / name
    nbformat.write(nb, str(path))
    return path, nb


def _rewrite(path, nb):
    nbformat.write(nb, str(path))
    return path


def test_fixture_clean_notebook_passes(tmp_path):
    path, _ = _clean_notebook(tmp_path)
    assert notebooks.hygiene_problems(path) == []


def test_out_of_order_notebook_is_caught(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[1].execution_count, nb.cells[2].execution_count = 2, 1
    problems = notebooks.hygiene_problems(_rewrite(path, nb))
    assert any("top to bottom" in p for p in problems)


def test_unexecuted_cell_is_caught(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[3].execution_count = None
    assert any("top to bottom" in p for p in notebooks.hygiene_problems(_rewrite(path, nb)))


def test_error_output_is_caught_unless_tagged(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[2].outputs = [
        nbformat.v4.new_output(
            "error", ename="ZeroDivisionError", evalue="division by zero", traceback=[]
        )
    ]
    problems = notebooks.hygiene_problems(_rewrite(path, nb))
    assert any("error output (ZeroDivisionError)" in p for p in problems)
    nb.cells[2].metadata["tags"] = ["raises-exception"]
    assert notebooks.hygiene_problems(_rewrite(path, nb)) == []


def test_stderr_is_caught(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[1].outputs.append(nbformat.v4.new_output("stream", name="stderr", text="Warning!"))
    assert any("stderr" in p for p in notebooks.hygiene_problems(_rewrite(path, nb)))


@pytest.mark.parametrize(
    "machine_path",
    [
        "/home/alice/course/data/events.csv",
        "/root/thirteen-days/lessons",
        "/Users/bob/Desktop/data.csv",
        "C:\\\\Users\\\\carol\\\\course",
        "/tmp/tmpabc123/data",
    ],
)
def test_machine_path_is_caught(tmp_path, machine_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=machine_path)]
    problems = notebooks.hygiene_problems(_rewrite(path, nb))
    assert any("absolute machine path" in p for p in problems)


def test_own_checkout_path_is_caught(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[1].source = f"open('{repo_root() / 'data' / 'x.csv'}')"
    assert any("machine path" in p for p in notebooks.hygiene_problems(_rewrite(path, nb)))


def test_relative_paths_are_fine(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[
        1
    ].source = "open('../data/events_1962.csv')  # a relative path, and a URL: https://x.org/tmp/"
    assert notebooks.hygiene_problems(_rewrite(path, nb)) == []


def test_wrong_kernel_is_caught(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.metadata["kernelspec"]["name"] = "conda-env-myenv-py"
    assert any("kernelspec" in p for p in notebooks.hygiene_problems(_rewrite(path, nb)))


def test_oversized_notebook_is_caught(tmp_path):
    path, nb = _clean_notebook(tmp_path)
    nb.cells[1].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": "A" * 2_100_000, "text/plain": "big"}
        )
    ]
    assert any("MB" in p for p in notebooks.hygiene_problems(_rewrite(path, nb)))


def test_unreadable_notebook_is_reported_not_raised(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{ this is not json", encoding="utf-8")
    problems = notebooks.hygiene_problems(path)
    assert len(problems) == 1 and "not a readable notebook" in problems[0]
