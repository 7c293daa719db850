"""Grade exercise notebooks: run each in a fresh kernel (never changing it) and report.

Usage (from the course folder)::

    python -m crisislab.grade exercises/01_thirteen_days.ipynb
    python -m crisislab.grade submissions/ --csv scores.csv     # every notebook in a folder

It prints a table (question, status, hint) and a score for each notebook, and exits 0 only
when every question is correct (1 while anything is wrong or not attempted, 2 when a notebook
cannot be read). Notebooks run with nbclient in their own folder; each ``check(...)`` output
carries its question and status in its metadata, which is what the grader reads.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import notebooks
from .checks import CORRECT, INCORRECT, UNANSWERED, questions

TIMEOUT_SECONDS = 120
STATUS_TEXT = {CORRECT: "correct", INCORRECT: "not yet", UNANSWERED: "not attempted"}
_CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Result:
    """One question's outcome in a graded notebook."""

    question_id: str
    status: str
    hint: str = ""


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
    def complete(self) -> bool:
        """True when the notebook ran and every question is correct."""
        return not self.problem and self.total > 0 and self.count(CORRECT) == self.total

    @property
    def score_percent(self) -> float:
        return 100.0 * self.count(CORRECT) / self.total if self.total else 0.0

    def table(self) -> str:
        """The report as a plain-text table with a score line."""
        lines = [f"== {self.notebook}"]
        if self.problem:
            lines.append(f"Could not grade: {self.problem}")
            return "\n".join(lines)
        width = max([len("Question"), *(len(r.question_id) for r in self.results)])
        lines.append(f"{'Question':<{width}}  {'Status':<13}  Hint")
        for r in self.results:
            lines.append(f"{r.question_id:<{width}}  {STATUS_TEXT[r.status]:<13}  {r.hint}")
        lines.extend(f"Note: {error}" for error in self.cell_errors)
        lines.append(
            f"Score: {self.count(CORRECT)}/{self.total} correct ({self.score_percent:.0f}%); "
            f"{self.count(INCORRECT)} not yet, {self.count(UNANSWERED)} not attempted."
        )
        return "\n".join(lines)


def lesson_of(path: Path) -> int | None:
    """The lesson number in an exercise file name, e.g. 1 for ``01_thirteen_days.ipynb``."""
    match = re.match(r"^(\d{2})_", Path(path).name)
    return int(match[1]) if match else None


def _expected(nb: nbformat.NotebookNode, lesson: int | None) -> list[str]:
    """The questions a notebook should answer: its lesson's, plus any other it checks."""
    ids = [q.id for q in questions(lesson)] if lesson is not None else []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for qid in _CHECK_CALL.findall(cell.source):
                if qid not in ids:
                    ids.append(qid)
    return ids


def _hint(meta: dict) -> str:
    """The hint for a wrong answer, or why a question could not be checked (data missing)."""
    hint = str(meta.get("hint") or "")
    message = str(meta.get("message") or "")
    if not hint and meta.get("status") == UNANSWERED and not message.startswith("Replace ..."):
        return message
    return hint


def grade_notebook(path: Path | str, timeout: int = TIMEOUT_SECONDS) -> Report:
    """Run one notebook in a fresh kernel, in memory, and collect each question's status."""
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
    expected = _expected(nb, report.lesson)
    if not expected:
        report.problem = f"{path.name} checks no course questions."
        return report
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = notebooks.course_client(
        nb, path.resolve().parent, timeout, allow_errors=True, interrupt_on_timeout=True
    )
    try:
        # The kernel process's own log lines (not the student's output) would only be noise.
        client.execute(stderr=subprocess.DEVNULL)
    except Exception as exc:  # the kernel died or could not start: report, do not crash
        report.problem = f"the notebook could not be run ({type(exc).__name__})."
        return report
    seen: dict[str, Result] = {}
    code_number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        code_number += 1
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("crisislab")
            if isinstance(meta, dict) and meta.get("question") in expected:
                status = meta.get("status")
                if status in STATUS_TEXT:
                    seen[meta["question"]] = Result(meta["question"], status, _hint(meta))
            if output.get("output_type") == "error":
                report.cell_errors.append(
                    f"code cell {code_number} raised {output.get('ename', 'an error')}."
                )
    for qid in expected:
        report.results.append(
            seen.get(qid, Result(qid, UNANSWERED, "Its check cell did not run or was removed."))
        )
    return report


def notebooks_in(target: Path) -> list[Path]:
    """The notebooks to grade: the file itself, or every .ipynb directly in a folder."""
    if target.is_dir():
        return sorted(
            p for p in target.glob("*.ipynb") if not p.name.startswith(".") and p.is_file()
        )
    return [target]


def write_csv(reports: list[Report], out: Path) -> None:
    """One row per notebook: counts, score and any problem (for the instructor kit)."""
    with Path(out).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "notebook",
                "lesson",
                "correct",
                "not_yet",
                "not_attempted",
                "total",
                "score_percent",
                "problem",
            ]
        )
        for r in reports:
            writer.writerow(
                [
                    r.notebook,
                    "" if r.lesson is None else r.lesson,
                    r.count(CORRECT),
                    r.count(INCORRECT),
                    r.count(UNANSWERED),
                    r.total,
                    f"{r.score_percent:.0f}" if not r.problem else "",
                    r.problem,
                ]
            )


def main(argv: list[str] | None = None) -> int:
    """Grade notebooks or folders; exit 0 only when everything is correct."""
    parser = argparse.ArgumentParser(
        prog="python -m crisislab.grade",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, help="notebooks or folders of notebooks")
    parser.add_argument("--csv", type=Path, help="write one CSV row of scores per notebook")
    parser.add_argument("--timeout", type=int, default=TIMEOUT_SECONDS, help="seconds per cell")
    args = parser.parse_args(argv)

    targets: list[Path] = []
    for path in args.paths:
        found = notebooks_in(path)
        if path.is_dir() and not found:
            print(f"== {path.name or path}\nCould not grade: the folder holds no notebooks.")
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
    if any(r.problem for r in reports):
        return 2
    return 0 if all(r.complete for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
