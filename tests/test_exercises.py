"""Exercise notebooks: generated from their solutions, nothing leaks, every question placed once."""

from __future__ import annotations

import re

import nbformat
import pytest

from crisislab import authoring, notebooks
from crisislab.checks import questions
from crisislab.paths import repo_root

ROOT = repo_root()
SOLUTIONS = authoring.solution_notebooks(ROOT)
_CHECK = re.compile(r"""check\(\s*["']([^"']+)["']""")


def test_there_is_an_exercise_for_lesson_one():
    assert ROOT / "exercises" / "solutions" / "01_thirteen_days.ipynb" in SOLUTIONS
    assert not (ROOT / "exercises" / "solutions" / ".keep").exists()


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_committed_student_notebook_is_exactly_a_fresh_generation(solution):
    assert authoring.stale_problems(solution) == []


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_no_solution_text_leaks_into_the_student_notebook(solution):
    solved = notebooks.read(solution)
    student_text = authoring.student_path(solution).read_text(encoding="utf-8")
    student = notebooks.read(authoring.student_path(solution))
    outside = "\n".join(
        authoring.strip_solutions(c.source)[0] for c in solved.cells if c.cell_type == "code"
    )
    lines = authoring.solution_lines(solved)
    assert lines, "a solution notebook without solutions"
    for line in lines:
        if line.startswith("#") or line in outside:
            continue
        assert line not in student_text, f"solution line leaked: {line!r}"
    assert "BEGIN SOLUTION" not in student_text and "END SOLUTION" not in student_text
    for cell in student.cells:
        assert authoring.SOLUTION_ONLY_TAG not in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_student_outputs_show_not_attempted_and_solutions_correct(solution):
    """What nbval then proves by re-running: every check is correct (or, for free text,
    submitted) in the key, and not attempted in the student's blank notebook."""
    from crisislab.exercises.catalogue import get

    for path, key in ((solution, True), (authoring.student_path(solution), False)):
        nb = notebooks.read(path)
        seen = {}
        for cell in nb.cells:
            if cell.cell_type != "code" or not cell.source.startswith("check("):
                continue
            qid = _CHECK.findall(cell.source)[0]
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", [])]
            seen[qid] = texts[0].split(" [")[0] if texts else ""
        assert seen, path.name
        for qid, word in seen.items():
            if not key:
                expected = "Not attempted"
            else:
                expected = "Submitted" if get(qid).kind == "text" else "Correct"
            assert word == expected, (path.name, qid, word)


def _checked_ids(path):
    nb = notebooks.read(path)
    return [
        qid for cell in nb.cells if cell.cell_type == "code" for qid in _CHECK.findall(cell.source)
    ]


def test_every_registered_question_appears_in_exactly_one_notebook_pair():
    places = {}
    for solution in SOLUTIONS:
        solved, student = _checked_ids(solution), _checked_ids(authoring.student_path(solution))
        assert solved == student, solution.name  # the pair checks the same questions
        assert len(solved) == len(set(solved)), f"{solution.name} checks a question twice"
        for qid in solved:
            places.setdefault(qid, []).append(solution.name)
    for q in questions():
        if q.lesson == 0:  # the practice question lives in lesson 0, not in an exercise
            assert q.id not in places
            continue
        found = places.get(q.id, [])
        assert len(found) == 1, f"{q.id} is checked in {found or 'no exercise'}"
        assert found[0].startswith(f"{q.lesson:02d}_"), f"{q.id} is in {found[0]}"
    registered = {q.id for q in questions()}
    assert set(places) <= registered, "a notebook checks an unregistered question"


# ---------------------------------------------------------------- the generator itself


def test_strip_solutions_replaces_block_with_prompt():
    source = (
        "x = 1\n"
        "# BEGIN SOLUTION a date inside the quotes\n"
        "helper = 2\n"
        'answer = "22 October 1962"\n'
        "# END SOLUTION\n"
        "check('q', answer)"
    )
    stripped, removed = authoring.strip_solutions(source)
    assert stripped == "x = 1\nanswer = ...  # a date inside the quotes\ncheck('q', answer)"
    assert removed == ["helper = 2\n", 'answer = "22 October 1962"\n']


@pytest.mark.parametrize(
    "kind, solution, stub",
    [
        ("date", 'when = "22 October 1962"', 'when = "..."  # p'),
        ("date", "when = date(1962, 10, 22)", 'when = "..."  # p'),
        ("choice", 'letter = "B"', 'letter = "..."  # p'),
        ("multiple", 'letters = ["A", "C"]', 'letters = "..."  # p'),
        ("number", "n = 42", "n = ...  # p"),
        ("time", "t = moment.astimezone(zone)", "t = ...  # p"),
        ("date", 'when = row["date"]', 'when = "..."  # p'),
        ("text", "path = sim.summary_markdown() + note", "path = ...  # p"),
        ("text", 'essay = """Some words."""', '# p\nessay = """\n...\n"""'),
    ],
)
def test_templates_let_a_novice_type_inside_quotes(kind, solution, stub):
    """Typed text gets quotes (no SyntaxError for 14 October 1962); code keeps a bare `...`."""
    from crisislab.checks import is_blank

    source = f"# BEGIN SOLUTION p\n{solution}\n# END SOLUTION"
    name = solution.split(" = ")[0]
    stripped, _ = authoring.strip_solutions(source, kinds={name: kind})
    assert stripped == stub
    namespace: dict = {}
    exec(stripped, namespace)  # the untouched template runs, and reads as not attempted
    assert is_blank(namespace[name])


def test_a_novice_typing_inside_the_quotes_makes_a_string(tmp_path, monkeypatch):
    from crisislab.checks import check
    from tests.fixtures_exercises import use_course_data

    use_course_data(tmp_path / "data", monkeypatch)
    filled = '"..."'.replace("...", "14 October 1962")
    assert check("01.photos-date", eval(filled)).status != "unanswered"


def test_strip_solutions_keeps_indent_and_has_a_default_prompt():
    source = "if True:\n    # BEGIN SOLUTION\n    print('hi')\n    # END SOLUTION\n"
    stripped, _ = authoring.strip_solutions(source)
    assert stripped == "if True:\n    ...  # your answer here\n"


@pytest.mark.parametrize(
    "source, message",
    [
        ("# BEGIN SOLUTION\nx = 1\n", "without"),
        ("x = 1\n# END SOLUTION\n", "without"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "nested"),
    ],
)
def test_unbalanced_markers_are_refused(source, message):
    with pytest.raises(authoring.SolutionMarkerError, match=message):
        authoring.strip_solutions(source, "cell 3")


def _solution_notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    key = nbformat.v4.new_markdown_cell("Answer key")
    key.metadata["tags"] = ["solution-only"]
    answer = nbformat.v4.new_code_cell("# BEGIN SOLUTION a number\nanswer = 42\n# END SOLUTION")
    answer.outputs = [nbformat.v4.new_output("stream", name="stdout", text="42")]
    answer.execution_count = 1
    nb.cells = [key, nbformat.v4.new_markdown_cell("# Title"), answer]
    folder = tmp_path / "exercises" / "solutions"
    folder.mkdir(parents=True)
    path = folder / "07_topic.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_generate_writes_the_student_notebook_and_detects_staleness(tmp_path):
    solution = _solution_notebook(tmp_path)
    target = authoring.generate(solution, run=False)
    assert target == tmp_path / "exercises" / "07_topic.ipynb"
    student = notebooks.read(target)
    assert [c.cell_type for c in student.cells] == ["markdown", "code"]
    assert student.cells[1].source == "answer = ...  # a number"
    assert student.cells[1].outputs == [] and student.cells[1].execution_count is None
    assert student.metadata["kernelspec"]["name"] == "python3"
    assert authoring.stale_problems(solution) == []
    # An author edits the solution notebook but forgets to regenerate: the check says so.
    solved = notebooks.read(solution)
    solved.cells[1].source = "# A new title"
    nbformat.write(solved, str(solution))
    assert authoring.stale_problems(solution) == [
        "07_topic.ipynb: cell 1 differs from a fresh generation"
    ]


def test_generate_check_command_exit_codes(tmp_path, capsys):
    solution = _solution_notebook(tmp_path)
    assert authoring.main(["generate", "--check", str(solution)]) == 1
    assert "missing" in capsys.readouterr().out
    assert authoring.main(["generate", "--no-execute", str(solution)]) == 0
    assert authoring.main(["generate", "--check", str(solution)]) == 0
