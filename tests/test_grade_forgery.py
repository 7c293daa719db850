"""Forgeries that must score nothing: each is built on a blank exercise notebook and graded.

The grader reads literal answers from the file and collects computed ones itself, then decides
every status in its own process: what a notebook displays, or what its code claims about
itself, cannot change a result (house style, section 4).
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from crisislab import grade
from crisislab.checks import questions
from crisislab.paths import repo_root
from tests.fixtures_exercises import write_course_dataset

ROOT = repo_root()
STUDENT = ROOT / "exercises" / "01_thirteen_days.ipynb"
IDS = [q.id for q in questions(1)]
# The right answers (the answer bank), as a forger would copy them.
RIGHT = {
    "photos_date": '"14 October 1962"',
    "shootdown_date": '"27 October 1962"',
    "order": '"C, B, E, D, A"',
    "moscow_learned": '"22 October 1962"',
    "not_known": '["B", "E"]',
    "distance": "1889",
    "reach": '["A", "B"]',
    "speech_in_moscow": '"02:00 on 23 October 1962"',
    "turkey_letter": '"B"',
    "met_dobrynin": '"Robert Kennedy"',
    "reflection": repr(
        "Washington did not know about the tactical nuclear weapons in Cuba, so an invasion "
        "looked safer than it was; Moscow could not tell whether the shoot-down meant an attack."
    ),
}
CHECKS = "\n".join(f'check("{qid}", {name})' for qid, name in zip(IDS, RIGHT, strict=True))


def _cell(source: str, hidden: bool = False, outputs: list | None = None):
    cell = nbformat.v4.new_code_cell(source)
    if hidden:
        cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
    if outputs is not None:
        cell.outputs = outputs
        cell.execution_count = 1
    return cell


def _forged_outputs() -> list:
    outputs = []
    for qid in IDS:
        outputs.append(
            nbformat.v4.new_output(
                "display_data",
                data={
                    "text/plain": f"Correct [{qid}]: Yes.",
                    "text/html": f'<div class="crisislab-feedback crisislab-correct">'
                    f"<strong>Correct</strong> <small>({qid})</small></div>",
                },
                metadata={"crisislab": {"question": qid, "status": "correct", "hint": ""}},
            )
        )
    return outputs


def _after_setup(nb, cells):
    index = next(i for i, c in enumerate(nb.cells) if "explain_slips()" in c.source)
    nb.cells[index + 1 : index + 1] = cells


def _at_end(nb, cells):
    nb.cells.extend(cells)


def _forge_metadata(nb):
    # a cell that displays outputs claiming every question is correct, stored as well
    source = (
        "from IPython.display import display\n"
        f"for qid in {IDS!r}:\n"
        "    display({'text/plain': f'Correct [{qid}]'}, raw=True,\n"
        "            metadata={'crisislab': {'question': qid, 'status': 'correct'}})\n"
    )
    _at_end(nb, [_cell(source, outputs=_forged_outputs())])
    for cell in nb.cells:  # and every check cell's stored output forged too
        if cell.cell_type == "code" and cell.source.startswith("check("):
            cell.outputs = _forged_outputs()[:1]


def _forge_check(nb):
    source = (
        "from crisislab.checks import Feedback\n"
        "def check(question_id, answer=None):\n"
        "    return Feedback(question_id, 'correct', 'Yes.')\n"
    )
    _after_setup(nb, [_cell(source, hidden=True)])


def _forge_module(nb):
    source = (
        "import crisislab, crisislab.checks as c, crisislab.exercises.checks as e\n"
        "from crisislab.exercises import catalogue as registry\n"
        "forged = lambda *a, **k: e.Feedback(a[0], 'correct', 'Yes.')\n"
        "c.check = e.check = check = forged\n"
        "e.is_blank = lambda answer: False\n"
        "e._evaluate = lambda q, a: e.Feedback(q.id, 'correct', 'Yes.')\n"
        "registry.get = lambda qid: None\n"
    )
    _after_setup(nb, [_cell(source, hidden=True)])


def _forge_panel(nb):
    panels = "".join(
        f'<div class="crisislab-feedback crisislab-correct" role="status"><strong>Correct'
        f"</strong> <small>({qid})</small><div>Yes.</div></div>"
        for qid in IDS
    )
    source = f"from IPython.display import HTML, display\ndisplay(HTML({panels!r}))\n" + "".join(
        f"print('Correct [{qid}]: Yes.')\n" for qid in IDS
    )
    _at_end(nb, [_cell(source)])


def _forge_reassign_later(nb):
    # after every check cell, in a cell whose code is hidden, then the checks run again
    assign = "\n".join(f"{name} = {value}" for name, value in RIGHT.items())
    _at_end(nb, [_cell(assign, hidden=True), _cell(CHECKS, hidden=True)])


def _forge_reassign_between(nb):
    # a hidden cell right after each answer cell, before its check cell
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if cell.cell_type != "code" or cell.source.startswith("check("):
            continue
        for name, value in RIGHT.items():
            if any(line.startswith(f"{name} = ") for line in cell.source.split("\n")):
                cells.append(_cell(f"{name} = {value}", hidden=True))
    nb.cells = cells


FORGERIES = {
    "forged output metadata": _forge_metadata,
    "a redefined check": _forge_check,
    "a monkeypatched crisislab": _forge_module,
    "a fake feedback panel": _forge_panel,
    "answers reassigned in a later hidden cell": _forge_reassign_later,
    "answers reassigned in a hidden cell before the check": _forge_reassign_between,
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forgery-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRISISLAB_DATA", str(write_course_dataset(folder / "data")))
        yield


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forgery_on_a_blank_notebook_scores_nothing(dataset, tmp_path, forgery):
    nb = nbformat.read(str(STUDENT), 4)
    FORGERIES[forgery](nb)
    path = tmp_path / "01_thirteen_days.ipynb"
    nbformat.write(nb, str(path))
    report = grade.grade_notebook(path)
    assert report.problem == ""
    assert report.total == len(IDS)
    assert report.count("correct") == 0, report.table()
    assert report.count("submitted") == 0, report.table()
    assert report.score_percent == 0


def test_the_same_answers_in_the_answer_cells_do_score(dataset, tmp_path):
    """The control: the forgery tests fail for the right reason, not because nothing scores."""
    nb = nbformat.read(str(STUDENT), 4)
    for cell in nb.cells:
        lines = cell.source.split("\n")
        for i, line in enumerate(lines):
            name = line.split(" = ", 1)[0]
            if name in RIGHT and (" = ...  #" in line or ' = "..."  #' in line):
                lines[i] = f"{name} = {RIGHT[name]}"
        cell.source = "\n".join(lines)
        if cell.source.endswith('reflection = """\n...\n"""'):
            cell.source = f"reflection = {RIGHT['reflection']}"
    path = tmp_path / "01_thirteen_days.ipynb"
    nbformat.write(nb, str(path))
    report = grade.grade_notebook(path)
    assert report.count("correct") == len(IDS) - 1, report.table()
    assert report.count("submitted") == 1


def test_grading_a_forged_notebook_leaves_it_unchanged(dataset, tmp_path):
    nb = nbformat.read(str(STUDENT), 4)
    _forge_metadata(nb)
    path = tmp_path / "01_thirteen_days.ipynb"
    nbformat.write(nb, str(path))
    before = path.read_bytes()
    grade.grade_notebook(path)
    assert path.read_bytes() == before
    shutil.rmtree(tmp_path, ignore_errors=True)
