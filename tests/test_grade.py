"""The grader on a blank, a half-done and a fully solved notebook, and on broken input.

Each notebook runs in a real kernel (nbclient) against the fixture dataset, so these tests take
a few seconds each; they are the proof that `python -m crisislab.grade` reports correctly.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from crisislab import grade
from crisislab.paths import repo_root
from tests.fixtures_exercises import write_course_dataset

ROOT = repo_root()
STUDENT = ROOT / "exercises" / "01_thirteen_days.ipynb"
SOLVED = ROOT / "exercises" / "solutions" / "01_thirteen_days.ipynb"
LESSON_ONE = 11  # questions registered for lesson 1 (10 auto-checked and 1 reflection)
AUTO_ONE = 10


def _fill(nb, answers):
    """Replace the template line `name = ...` or `name = "..."` of each answer cell."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = cell.source.split("\n")
        for i, line in enumerate(lines):
            name = line.split(" = ", 1)[0]
            if name in answers and (" = ...  #" in line or ' = "..."  #' in line):
                lines[i] = f"{name} = {answers[name]}"
        cell.source = "\n".join(lines)
    return nb


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade three notebooks once for the module: blank, half done, solved."""
    folder = tmp_path_factory.mktemp("grade")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRISISLAB_DATA", str(write_course_dataset(folder / "data")))
        blank = folder / "blank" / "01_thirteen_days.ipynb"
        half = folder / "half" / "01_thirteen_days.ipynb"
        solved = folder / "solved" / "01_thirteen_days.ipynb"
        for path in (blank, half, solved):
            path.parent.mkdir()
        shutil.copy(STUDENT, blank)
        shutil.copy(SOLVED, solved)
        answers = {
            "photos_date": '"14 October 1962"',
            "shootdown_date": '"Oct 27, 1962"',
            "order": '["A", "B", "C", "D", "E"]',
            "distance": "1889",
        }
        nbformat.write(_fill(nbformat.read(str(STUDENT), 4), answers), str(half))
        before = {p: _digest(p) for p in (blank, half, solved)}
        reports = {
            name: grade.grade_notebook(p)
            for name, p in (("blank", blank), ("half", half), ("solved", solved))
        }
        after = {p: _digest(p) for p in (blank, half, solved)}
    return reports, before, after, {"blank": blank, "half": half, "solved": solved}


def test_blank_notebook_is_all_not_attempted(graded):
    report = graded[0]["blank"]
    assert report.problem == "" and report.total == LESSON_ONE
    assert report.count("unanswered") == LESSON_ONE and not report.complete
    assert (
        "Score: 0/10 automatically checked questions correct (0%; the score counts these "
        "questions only): 0 not yet, 10 not attempted. Free text, scored by a person with the "
        "rubric and not in the score: 0 to score, 0 not yet, 1 not attempted."
    ) in report.table()
    assert report.cell_errors == []


def test_half_done_notebook_reports_each_question(graded):
    report = graded[0]["half"]
    status = {r.question_id: r.status for r in report.results}
    assert status["01.photos-date"] == "correct"
    assert status["01.shootdown-date"] == "correct"
    assert status["01.distance-washington"] == "correct"
    assert status["01.order"] == "incorrect"
    assert status["01.r12-reach"] == "unanswered"
    assert (report.count("correct"), report.count("incorrect"), report.count("unanswered")) == (
        3,
        1,
        7,
    )
    table = report.table()
    assert "01.order" in table and "not yet" in table and "came after" in table  # the hint
    assert "Score: 3/10 automatically checked questions correct (30%; the score" in table
    assert "questions only): 1 not yet, 6 not attempted." in table
    how = {r.question_id: r.how for r in report.results}
    assert how["01.photos-date"] == "literal" and how["01.distance-washington"] == "literal"


def test_solved_notebook_is_complete(graded):
    report = graded[0]["solved"]
    assert report.complete and report.count("correct") == AUTO_ONE
    assert report.count("submitted") == 1  # the reflection: to score, never "correct"
    assert "Score: 10/10 automatically checked questions correct (100%;" in report.table()
    assert re.search(r"01\.reflection +to score", report.table())
    how = {r.question_id: r.how for r in report.results}
    # computed by code in the answer cell: collected from the kernel, dates with their zone
    assert how["01.distance-washington"] == "computed"
    assert how["01.speech-moscow-time"] == "computed"
    assert how["01.photos-date"] == "literal"


def test_grading_never_changes_the_notebook(graded):
    _, before, after, _ = graded
    assert before == after


def test_exit_codes_and_csv_for_a_folder(graded, tmp_path, monkeypatch, capsys):
    _, _, _, paths = graded
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(paths["half"], folder / "01_alice.ipynb")
    shutil.copy(paths["solved"], folder / "01_bob.ipynb")
    out = tmp_path / "scores.csv"
    assert grade.main([str(folder), "--csv", str(out)]) == 1  # alice is not done
    printed = capsys.readouterr().out
    assert "== 01_alice.ipynb" in printed and "== 01_bob.ipynb" in printed
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [
        (r["notebook"], r["correct"], r["submitted"], r["auto_checked"], r["score_percent"])
        for r in rows
    ] == [
        ("01_alice.ipynb", "3", "0", "10", "30"),
        ("01_bob.ipynb", "10", "1", "10", "100"),
    ]
    # one column per question, holding its status
    assert rows[0]["01.photos-date"] == "correct" and rows[0]["01.order"] == "not yet"
    assert rows[0]["01.r12-reach"] == "not attempted"
    assert rows[1]["01.reflection"] == "to score"
    assert rows[1]["computed"] == "01.distance-washington;01.r12-reach;01.speech-moscow-time"


def test_command_line_exits_zero_when_all_correct(graded, tmp_path):
    _, _, _, paths = graded
    env = {**os.environ, "CRISISLAB_DATA": str(write_course_dataset(tmp_path / "data"))}
    done = subprocess.run(
        [sys.executable, "-m", "crisislab.grade", str(paths["solved"])],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""  # no kernel log noise for the instructor
    assert "10/10 automatically checked questions correct" in done.stdout


def test_a_cell_that_raises_is_reported_and_grading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    nb = _fill(
        nbformat.read(str(STUDENT), 4),
        {"photos_date": "undefined_name", "shootdown_date": '"27 October 1962"'},
    )
    path = tmp_path / "01_thirteen_days.ipynb"
    nbformat.write(nb, str(path))
    report = grade.grade_notebook(path)
    status = {r.question_id: r for r in report.results}
    assert status["01.shootdown-date"].status == "correct"  # cells after the error still ran
    assert status["01.photos-date"].status == "unanswered"
    assert status["01.photos-date"].how == "computed"
    assert 'under "1. On the right day"' in status["01.photos-date"].hint
    # the cell is named as a student sees it, not by an internal index
    assert report.cell_errors[0] == (
        'the cell under "1. On the right day" that starts "photos_date = undefined_name" '
        "raised NameError."
    )
    assert not any("code cell" in e for e in report.cell_errors)


def test_unavailable_data_is_reported_as_the_reason(tmp_path, monkeypatch):
    from tests import datafixtures
    from tests.fixtures_exercises import EVENTS

    folder = write_course_dataset(tmp_path / "data")
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    kept = [e for e in EVENTS if e["id"] != "e62-u2-photographs"]
    datafixtures.write_table(folder, "events_1962", [*datafixtures.EVENTS_1962, *kept])
    path = tmp_path / "01_thirteen_days.ipynb"
    answers = {"photos_date": '"14 October 1962"'}
    nbformat.write(_fill(nbformat.read(str(STUDENT), 4), answers), str(path))
    report = grade.grade_notebook(path)
    results = {r.question_id: r for r in report.results}
    assert results["01.photos-date"].status == "unanswered"
    assert "data is unavailable" in results["01.photos-date"].hint
    assert results["01.shootdown-date"].status == "unanswered"
    assert results["01.shootdown-date"].hint == ""  # plainly not attempted: no noise


def test_corrupt_and_missing_notebooks_get_a_clear_message(tmp_path, capsys):
    broken = tmp_path / "01_thirteen_days.ipynb"
    broken.write_text("{ this is not a notebook", encoding="utf-8")
    assert grade.main([str(broken)]) == 2
    assert "not a readable notebook" in capsys.readouterr().out
    assert grade.main([str(tmp_path / "01_missing.ipynb")]) == 2
    assert "there is no notebook" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert grade.main([str(empty)]) == 2
    assert "holds no notebooks" in capsys.readouterr().out


def test_a_syntax_slip_is_named_without_running_anything(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    nb = nbformat.read(str(STUDENT), 4)
    for cell in nb.cells:
        cell.source = cell.source.replace('photos_date = "..."', "photos_date = 14 October 1962")
    path = tmp_path / "01_thirteen_days.ipynb"
    nbformat.write(nb, str(path))
    report = grade.grade_notebook(path, run=False)
    result = {r.question_id: r for r in report.results}["01.photos-date"]
    assert result.status == "unanswered"
    assert 'under "1. On the right day"' in result.hint and "between quotes" in result.hint


def test_literal_answers_are_read_from_the_file_without_a_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    answers = {
        "photos_date": "date(1962, 10, 14)",
        "order": '"C, B, E, D, A"',
        "turkey_letter": '"B"',
        "reflection": '"blah " * 45',  # computed, and not read without a kernel
    }
    path = tmp_path / "01_thirteen_days.ipynb"
    nbformat.write(_fill(nbformat.read(str(STUDENT), 4), answers), str(path))
    report = grade.grade_notebook(path, run=False)
    status = {r.question_id: (r.status, r.how) for r in report.results}
    assert status["01.photos-date"] == ("correct", "literal")
    assert status["01.order"] == ("correct", "literal")
    assert status["01.turkey-letter"] == ("correct", "literal")
    assert status["01.distance-washington"] == ("unanswered", "literal")  # the untouched `...`


def test_a_folder_mixing_lessons_gives_one_csv_with_every_lessons_columns(tmp_path, monkeypatch):
    from crisislab.checks import questions

    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(SOLVED, folder / "01_alice.ipynb")
    minimal = nbformat.v4.new_notebook()
    minimal.cells = [
        nbformat.v4.new_code_cell("from crisislab.checks import check"),
        nbformat.v4.new_code_cell('define = "C"'),
        nbformat.v4.new_code_cell('check("02.define", define)'),
    ]
    nbformat.write(minimal, str(folder / "02_bob.ipynb"))
    (folder / "03_carol.ipynb").write_text("not json", encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert grade.main([str(folder), "--csv", str(out)]) == 2  # carol's file is unreadable
    rows = {r["notebook"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    header = next(csv.reader(out.open(encoding="utf-8")))
    for qid in [q.id for q in questions(1)] + [q.id for q in questions(2)]:
        assert qid in header
    assert header.index("01.reflection") < header.index("02.define") < header.index("correct")
    assert rows["01_alice.ipynb"]["02.define"] == ""  # blank where it does not apply
    assert rows["02_bob.ipynb"]["01.photos-date"] == ""
    assert rows["02_bob.ipynb"]["02.empathy-map"] == "not attempted"
    assert rows["03_carol.ipynb"]["problem"].startswith("03_carol.ipynb is not a readable")
    assert rows["03_carol.ipynb"]["score_percent"] == ""


def test_readme_grading_command_works_from_a_fresh_terminal(graded, tmp_path):
    """`.venv/bin/python -m crisislab.grade` with no activated environment and a bare PATH."""
    venv_python = ROOT / ".venv" / "bin" / "python"
    if not venv_python.exists():
        pytest.skip("no .venv in this checkout")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/python -m crisislab.grade submissions/ --csv scores.csv" in readme
    _, _, _, paths = graded
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(paths["solved"], folder / "01_bob.ipynb")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "CRISISLAB_DATA": str(write_course_dataset(tmp_path / "data")),
    }
    done = subprocess.run(
        [
            ".venv/bin/python",
            "-m",
            "crisislab.grade",
            str(folder),
            "--csv",
            str(tmp_path / "s.csv"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "10/10 automatically checked questions correct" in done.stdout


# ---------------------------------------------------------------- a student reader's findings


def test_the_lesson_column_is_filled_when_the_file_name_lacks_the_number(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    minimal = nbformat.v4.new_notebook()
    minimal.cells = [
        nbformat.v4.new_code_cell("from crisislab.checks import check"),
        nbformat.v4.new_code_cell('define = "C"'),
        nbformat.v4.new_code_cell('check("02.define", define)'),
    ]
    path = tmp_path / "bob.ipynb"
    nbformat.write(minimal, str(path))
    report = grade.grade_notebook(path, run=False)
    assert report.lesson == 2
    out = tmp_path / "scores.csv"
    grade.write_csv([report], out)
    assert next(csv.DictReader(out.open(encoding="utf-8")))["lesson"] == "2"


def test_a_non_zero_exit_prints_one_line_saying_why(graded, tmp_path, monkeypatch, capsys):
    _, _, _, paths = graded
    monkeypatch.setenv("CRISISLAB_DATA", str(write_course_dataset(tmp_path / "data")))
    assert grade.main([str(paths["half"])]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("Exit status 1: 1 notebook(s) still have answers that are not yet ")
    assert "nothing went wrong in grading" in last
    broken = tmp_path / "01_broken.ipynb"
    broken.write_text("not json", encoding="utf-8")
    assert grade.main([str(broken)]) == 2
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == (
        "Exit status 2: 1 notebook(s) could not be graded fully (01_broken.ipynb): see "
        "'Could not grade' above."
    )
    assert grade.main([str(paths["solved"])]) == 0
    assert "Exit status" not in capsys.readouterr().out


def test_a_not_yet_free_text_beside_100_percent_reads_clearly():
    report = grade.Report("01_x.ipynb", 1)
    report.results = [
        grade.Result("01.photos-date", "correct"),
        grade.Result("01.reflection", "incorrect", by_a_person=True),
    ]
    assert report.score_line() == (
        "Score: 1/1 automatically checked questions correct (100%; the score counts these "
        "questions only): 0 not yet, 0 not attempted. Free text, scored by a person with the "
        "rubric and not in the score: 0 to score, 1 not yet, 0 not attempted."
    )


def test_readmes_say_where_venv_comes_from():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (
        "no programming experience needed: every cell is\nready to run, and a few exercise "
        "questions ask you to change one line of code"
    ) in readme
    grading = readme[readme.index("- **Grading**") :][:400]
    assert "[Set up and open the course](#set-up-and-open-the-course) has made `.venv`" in grading
    guide = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Grading a folder of submissions") :][:600]
    assert "set-up step in the README's *Set up and open the course*" in section
