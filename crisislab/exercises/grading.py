"""Grade exercise notebooks in this process, from the answers themselves, and report.

Usage (from the course folder; ``.venv/bin/python`` works without activating anything)::

    .venv/bin/python -m crisislab.grade exercises/01_thirteen_days.ipynb
    .venv/bin/python -m crisislab.grade submissions/ --csv scores.csv   # a folder of notebooks

For each notebook it prints every question's status (correct, not yet, not attempted, or
*to score* for free text a person scores with the rubric), a score over the automatically
checked questions, and the cells that raised an error, named by the heading above them and
their first line. ``--csv`` writes one row per notebook: one column per question (its status),
then the counts and the score; a folder that mixes lessons gets every lesson's columns, blank
where a question does not apply.

The grader never trusts what a notebook displays. An answer typed as a literal (text, a number,
a list, ``date(...)``) is read from the file with ``ast``, never executed; an answer computed
by code is collected from a fresh kernel run (the file is not changed) and marked "computed".
Every status is then decided here, by :func:`crisislab.exercises.checks.check`. Exit status:
0 when every automatically checked answer is correct and every free-text answer is submitted,
1 otherwise, 2 when a notebook cannot be read or run.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import notebooks
from . import answers as _answers
from .catalogue import get
from .checks import CORRECT, INCORRECT, SUBMITTED, UNANSWERED, Feedback, check, questions

TIMEOUT_SECONDS = 120
STATUS_TEXT = {
    CORRECT: "correct",
    SUBMITTED: "to score",
    INCORRECT: "not yet",
    UNANSWERED: "not attempted",
}
_COUNTED = (CORRECT, SUBMITTED, INCORRECT, UNANSWERED)
_COUNT_COLUMNS = ("correct", "submitted", "not_yet", "not_attempted")
_CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Result:
    """One question's outcome in a graded notebook."""

    question_id: str
    status: str
    hint: str = ""
    how: str = ""  # "literal" (read from the file), "computed" (from a kernel run) or ""
    by_a_person: bool = False  # free text, scored with the rubric


@dataclass
class Report:
    """A graded notebook: each question's result, cells that raised, or why it was not run."""

    notebook: str
    lesson: int | None = None
    results: list[Result] = field(default_factory=list)
    cell_errors: list[str] = field(default_factory=list)
    problem: str = ""

    def count(self, status: str) -> int:
        """How many questions have this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def auto_total(self) -> int:
        """How many questions are checked automatically (free text is not)."""
        return sum(1 for r in self.results if not r.by_a_person)

    @property
    def auto_correct(self) -> int:
        return sum(1 for r in self.results if not r.by_a_person and r.status == CORRECT)

    @property
    def complete(self) -> bool:
        """True when it ran, every checked answer is correct and all free text is submitted."""
        return (
            not self.problem
            and self.total > 0
            and all(r.status == (SUBMITTED if r.by_a_person else CORRECT) for r in self.results)
        )

    @property
    def score_percent(self) -> float:
        """Correct answers over automatically checked questions (free text is not counted)."""
        return 100.0 * self.auto_correct / self.auto_total if self.auto_total else 0.0

    def status_of(self, question_id: str) -> str:
        """A question's status in words ("correct", "to score"...), or "" when not asked."""
        for r in self.results:
            if r.question_id == question_id:
                return STATUS_TEXT[r.status]
        return ""

    def table(self) -> str:
        """The report as a plain-text table with a score line."""
        lines = [f"== {self.notebook}"]
        if self.problem:
            lines.append(f"Could not grade: {self.problem}")
            if not self.results:
                return "\n".join(lines)
        width = max([len("Question"), *(len(r.question_id) for r in self.results)])
        lines.append(f"{'Question':<{width}}  {'Status':<13}  {'Answer':<8}  Hint")
        for r in self.results:
            lines.append(
                f"{r.question_id:<{width}}  {STATUS_TEXT[r.status]:<13}  {r.how:<8}  {r.hint}"
            )
        lines.extend(f"Note: {error}" for error in self.cell_errors)
        lines.append(self.score_line())
        return "\n".join(lines)

    def score_line(self) -> str:
        """The summary: the score over automatically checked questions, then free text apart."""
        auto = [r for r in self.results if not r.by_a_person]
        free = [r for r in self.results if r.by_a_person]

        def counted(items: list[Result], status: str) -> int:
            return sum(1 for r in items if r.status == status)

        line = (
            f"Score: {self.auto_correct}/{self.auto_total} automatically checked questions "
            f"correct ({self.score_percent:.0f}%; the score counts these questions only): "
            f"{counted(auto, INCORRECT)} not yet, {counted(auto, UNANSWERED)} not attempted."
        )
        if free:
            line += (
                f" Free text, scored by a person with the rubric and not in the score: "
                f"{counted(free, SUBMITTED)} to score, {counted(free, INCORRECT)} not yet, "
                f"{counted(free, UNANSWERED)} not attempted."
            )
        return line


def lesson_of(path: Path) -> int | None:
    """The lesson number in an exercise file name, e.g. 1 for ``01_thirteen_days.ipynb``."""
    match = re.match(r"^(\d{2})_", Path(path).name)
    return int(match[1]) if match else None


def lesson_checked(nb: nbformat.NotebookNode) -> int | None:
    """The lesson whose questions a notebook checks most (for a file named without it)."""
    lessons = [
        question.lesson
        for cell in nb.cells
        if cell.cell_type == "code"
        for qid in _CHECK_CALL.findall(cell.source)
        if (question := get(qid)) is not None
    ]
    return max(set(lessons), key=lessons.count) if lessons else None


def _expected(nb: nbformat.NotebookNode, lesson: int | None) -> list[str]:
    """The questions a notebook should answer: its lesson's, plus any other it checks."""
    ids = [q.id for q in questions(lesson)] if lesson is not None else []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for qid in _CHECK_CALL.findall(cell.source):
                if qid not in ids and get(qid) is not None:
                    ids.append(qid)
    return ids


def _result(qid: str, answer: _answers.Answer) -> Result:
    question = get(qid)
    by_a_person = bool(question and question.scored_by_a_person)
    if answer.slip:
        return Result(qid, UNANSWERED, answer.slip, answer.how, by_a_person)
    feedback: Feedback = check(qid, answer.value, record=False)
    hint = feedback.message if feedback.status in (INCORRECT, UNANSWERED) else ""
    if feedback.status == UNANSWERED and feedback.message.startswith("Replace the ..."):
        hint = ""
    return Result(qid, feedback.status, hint, answer.how, by_a_person)


def grade_notebook(path: Path | str, timeout: int = TIMEOUT_SECONDS, run: bool = True) -> Report:
    """Grade one notebook: read its answers, run it for computed ones, decide each status here.

    ``run=False`` reads literal answers only (computed ones are then "not attempted").
    """
    path = Path(path)
    report = Report(notebook=path.name, lesson=lesson_of(path))
    if not path.is_file():
        report.problem = f"there is no notebook at {path.name!r} (check the path)."
        return report
    try:
        nb = notebooks.read(path)
    except Exception:
        report.problem = (
            f"{path.name} is not a readable notebook (the file is damaged or not .ipynb JSON). "
            "Download it again, or restore it from a copy."
        )
        return report
    if report.lesson is None:
        report.lesson = lesson_checked(nb)
    expected = _expected(nb, report.lesson)
    if not expected:
        report.problem = f"{path.name} checks no course questions."
        return report
    located = _answers.locate(nb, expected)
    if run:
        report.cell_errors, report.problem = _answers.collect_computed(
            nb, located, path.resolve().parent, timeout
        )
    else:
        for item in located.values():
            if item.answer.how == _answers.COMPUTED:
                item.answer.slip = "computed answers are read only when the notebook is run."
    report.results = [_result(qid, located[qid].answer) for qid in expected]
    return report


def notebooks_in(target: Path) -> list[Path]:
    """The notebooks to grade: the file itself, or every .ipynb directly in a folder."""
    if target.is_dir():
        return sorted(
            p for p in target.glob("*.ipynb") if not p.name.startswith(".") and p.is_file()
        )
    return [target]


def csv_columns(reports: list[Report]) -> list[str]:
    """Every question asked in any of the reports, lesson by lesson, in registry order."""
    asked = {r.question_id for report in reports for r in report.results}
    order = [q.id for q in questions() if q.id in asked]
    extra = sorted(asked - set(order))
    return order + extra


def write_csv(reports: list[Report], out: Path) -> None:
    """One row per notebook: a status column per question, the counts and the score."""
    columns = csv_columns(reports)
    with Path(out).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "notebook",
                "lesson",
                *columns,
                *_COUNT_COLUMNS,
                "total",
                "auto_checked",
                "score_percent",
                "computed",
                "problem",
            ]
        )
        for r in reports:
            unreadable = bool(r.problem) and not r.results
            writer.writerow(
                [
                    r.notebook,
                    "" if r.lesson is None else r.lesson,
                    *(r.status_of(qid) for qid in columns),
                    *(("",) * 4 if unreadable else (r.count(s) for s in _COUNTED)),
                    "" if unreadable else r.total,
                    "" if unreadable else r.auto_total,
                    "" if unreadable else f"{r.score_percent:.0f}",
                    ";".join(x.question_id for x in r.results if x.how == _answers.COMPUTED),
                    r.problem,
                ]
            )


def main(argv: list[str] | None = None) -> int:
    """Grade notebooks or folders; exit 0 only when everything is correct or submitted."""
    parser = argparse.ArgumentParser(
        prog="python -m crisislab.grade",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, help="notebooks or folders of notebooks")
    parser.add_argument("--csv", type=Path, help="write one CSV row of statuses per notebook")
    parser.add_argument("--timeout", type=int, default=TIMEOUT_SECONDS, help="seconds per cell")
    args = parser.parse_args(argv)

    targets: list[Path] = []
    for path in args.paths:
        found = notebooks_in(path)
        if path.is_dir() and not found:
            print(f"== {path.name or path}\nCould not grade: the folder holds no notebooks.")
            print("Exit status 2: a folder given holds no notebooks (.ipynb files).")
            return 2
        targets.extend(found)
    reports = []
    for target in targets:
        report = grade_notebook(target, timeout=args.timeout)
        reports.append(report)
        print(report.table(), flush=True)
    if args.csv:
        write_csv(reports, args.csv)
        print(f"Scores written to {args.csv}")
    return _exit_status(reports)


def _exit_status(reports: list[Report]) -> int:
    """The exit status, with one line saying why it is not 0."""
    broken = [r.notebook for r in reports if r.problem]
    if broken:
        print(
            f"Exit status 2: {len(broken)} notebook(s) could not be graded fully "
            f"({', '.join(broken)}): see 'Could not grade' above."
        )
        return 2
    unfinished = [r.notebook for r in reports if not r.complete]
    if unfinished:
        print(
            f"Exit status 1: {len(unfinished)} notebook(s) still have answers that are not yet "
            f"correct or submitted ({', '.join(unfinished)}); nothing went wrong in grading."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
