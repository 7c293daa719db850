"""Author tools: execute notebooks in place so that committed outputs come from one clean run.

Usage (from the course folder)::

    python -m crisislab.authoring execute                 # every lesson and exercise notebook
    python -m crisislab.authoring execute lessons/00_start_here.ipynb
    python -m crisislab.authoring check                   # hygiene report, exit 1 on problems
    python -m crisislab.authoring generate                # student exercises from solutions
    python -m crisislab.authoring generate --check        # exit 1 if a student notebook is stale

``generate`` reads each ``exercises/solutions/NN_topic.ipynb``, replaces every block between
``# BEGIN SOLUTION`` and ``# END SOLUTION`` by a template and a one-line prompt (any text after
``BEGIN SOLUTION`` on its line), drops cells tagged ``solution-only``, writes
``exercises/NN_topic.ipynb`` and executes both notebooks. The template depends on the question
checked with that name (see :func:`template_for`): ``name = "..."`` for text typed in quotes
(a date, a name, letters), triple quotes around ``...`` for free text, and ``name = ...`` for a
number or an answer computed by code. A novice can type inside the quotes without a
SyntaxError, and the untouched template still reads as "not attempted".
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
import textwrap
from pathlib import Path

import nbformat

from .. import notebooks
from ..paths import relative_to_root, repo_root

TIMEOUT_SECONDS = 300


def _clean_metadata(nb: nbformat.NotebookNode) -> None:
    """Keep only stable notebook metadata, so that re-executing changes no bytes needlessly."""
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": notebooks.KERNEL_NAME,
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder, and save it in place."""
    path = Path(path).resolve()
    nb = notebooks.read(path)
    _clean_metadata(nb)
    client = notebooks.course_client(nb, path.parent, TIMEOUT_SECONDS)
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, str(path))
    return nb


# ---------------------------------------------------------------- generate student exercises

BEGIN_MARK = "# BEGIN SOLUTION"
END_MARK = "# END SOLUTION"
SOLUTION_ONLY_TAG = "solution-only"
DEFAULT_PROMPT = "your answer here"
_BEGIN = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION\b[ \t:.\-]*(?P<prompt>.*?)\s*$")
_END = re.compile(r"^[ \t]*# END SOLUTION\b")


class SolutionMarkerError(ValueError):
    """A solution notebook has unbalanced BEGIN/END SOLUTION markers."""


def _assignment(block: list[str]) -> tuple[str | None, ast.expr | None]:
    """The last plain name a solution block assigns, and the value it assigns."""
    try:
        tree = ast.parse(textwrap.dedent("".join(block)))
    except SyntaxError:
        return None, None
    name, value = None, None
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                name, value = target.id, getattr(node, "value", None)
    return name, value


def _assigned_name(block: list[str]) -> str | None:
    """The last plain name a solution block assigns (``answer = ...`` -> ``answer``)."""
    return _assignment(block)[0]


QUOTED, TRIPLE, BARE = '"..."', '"""\n...\n"""', "..."


def template_for(kind: str | None, solution_value: ast.expr | None) -> str:
    """The template a student fills in: quotes for typed text, bare ``...`` for numbers and code.

    Dates, names and letters are typed, so they get quotes (``14 October 1962`` typed inside
    them is already a string); numbers and times are often computed, so they keep ``...``; free
    text gets triple quotes, unless the solution builds it with code (a simulator's path).
    """
    from .answers import literal_value

    if kind in ("date", "name", "choice", "multiple", "order"):
        return QUOTED
    if kind != "text" or solution_value is None:
        return BARE
    try:
        literal_value(solution_value)
    except Exception:
        return BARE
    return TRIPLE


def templates_of(nb: nbformat.NotebookNode) -> dict[str, str]:
    """For each answer name a notebook checks, the kind of its question (or None)."""
    from .answers import _check_calls
    from .catalogue import get

    kinds: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for qid, _arg, name in _check_calls(cell.source):
                question = get(qid)
                if name and question is not None:
                    kinds.setdefault(name, question.kind)
    return kinds


def strip_solutions(
    source: str, where: str = "a cell", kinds: dict[str, str] | None = None
) -> tuple[str, list[str]]:
    """A cell's source with each solution block replaced; also the removed solution lines.

    ``kinds`` maps answer names to their question's kind, which chooses the template.
    """
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    removed: list[str] = []
    index = 0
    while index < len(lines):
        begin = _BEGIN.match(lines[index])
        if not begin:
            if _END.match(lines[index]):
                raise SolutionMarkerError(f"{where}: '{END_MARK}' without '{BEGIN_MARK}'")
            out.append(lines[index])
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _END.match(lines[end]):
            if _BEGIN.match(lines[end]):
                raise SolutionMarkerError(f"{where}: nested '{BEGIN_MARK}'")
            end += 1
        if end == len(lines):
            raise SolutionMarkerError(f"{where}: '{BEGIN_MARK}' without '{END_MARK}'")
        block = lines[index + 1 : end]
        removed.extend(block)
        indent, prompt = begin["indent"], begin["prompt"] or DEFAULT_PROMPT
        name, value = _assignment(block)
        template = template_for((kinds or {}).get(name), value) if name else BARE
        if not name:
            stub = f"...  # {prompt}"
        elif template == TRIPLE:
            body = template.replace("\n", f"\n{indent}")
            stub = f"# {prompt}\n{indent}{name} = {body}"
        else:
            stub = f"{name} = {template}  # {prompt}"
        newline = "\n" if end + 1 < len(lines) or lines[end].endswith("\n") else ""
        out.append(f"{indent}{stub}{newline}")
        index = end + 1
    return "".join(out), removed


def student_version(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student notebook for a solution notebook: solutions stripped, outputs cleared."""
    student = copy.deepcopy(solution)
    kinds = templates_of(solution)
    cells = []
    for number, cell in enumerate(student.cells, start=1):
        if SOLUTION_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.source, _ = strip_solutions(cell.source, f"cell {number}", kinds)
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    student.cells = cells
    _clean_metadata(student)
    return student


def solution_lines(solution: nbformat.NotebookNode) -> list[str]:
    """Every non-blank line inside a solution block (what must never reach students)."""
    found = []
    for number, cell in enumerate(solution.cells, start=1):
        if cell.cell_type == "code":
            found.extend(strip_solutions(cell.source, f"cell {number}")[1])
    return [line.strip() for line in found if line.strip()]


def student_path(solution_path: Path) -> Path:
    """Where a solution notebook's student version lives: ``exercises/NN_topic.ipynb``."""
    solution_path = Path(solution_path)
    return solution_path.parent.parent / solution_path.name


def solution_notebooks(root: Path | None = None) -> list[Path]:
    """Every solution notebook, in order."""
    root = root or repo_root()
    return sorted((root / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.get("metadata", {}).get("tags", []))) for c in nb.cells]


def stale_problems(solution_path: Path) -> list[str]:
    """Differences between a committed student notebook and a fresh generation (empty if none)."""
    target = student_path(solution_path)
    if not target.exists():
        return [f"{target.name}: missing (run python -m crisislab.authoring generate)"]
    expected = _sources(student_version(notebooks.read(solution_path)))
    found = _sources(notebooks.read(target))
    if expected == found:
        return []
    if len(expected) != len(found):
        return [f"{target.name}: {len(found)} cells, a fresh generation has {len(expected)}"]
    for number, (want, have) in enumerate(zip(expected, found, strict=True), start=1):
        if want != have:
            return [f"{target.name}: cell {number} differs from a fresh generation"]
    return []


def generate(solution_path: Path, run: bool = True) -> Path:
    """Write the student notebook of one solution notebook; then execute both (unless told)."""
    solution_path = Path(solution_path).resolve()
    target = student_path(solution_path)
    nbformat.write(student_version(notebooks.read(solution_path)), str(target))
    if run:
        execute(solution_path)
        execute(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crisislab.authoring",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="execute notebooks in place (default: all of them)")
    run.add_argument("paths", nargs="*", type=Path)
    chk = sub.add_parser("check", help="report hygiene problems (default: all notebooks)")
    chk.add_argument("paths", nargs="*", type=Path)
    gen = sub.add_parser("generate", help="write student exercises from exercises/solutions/")
    gen.add_argument("paths", nargs="*", type=Path, help="solution notebooks (default: all)")
    gen.add_argument("--no-execute", action="store_true", help="write without executing")
    gen.add_argument("--check", action="store_true", help="exit 1 if a student copy is stale")
    args = parser.parse_args(argv)

    if args.command == "generate":
        return _generate_command(args)

    paths = args.paths or notebooks.course_notebooks(repo_root())
    if args.command == "execute":
        for path in paths:
            print(f"executing {relative_to_root(path)}", flush=True)
            execute(path)
        return 0
    problems = [p for path in paths for p in notebooks.hygiene_problems(path)]
    for problem in problems:
        print(problem)
    print(f"{len(paths)} notebook(s), {len(problems)} problem(s)")
    return 1 if problems else 0


def _generate_command(args: argparse.Namespace) -> int:
    sources = args.paths or solution_notebooks()
    if args.check:
        problems = [p for path in sources for p in stale_problems(path)]
        for problem in problems:
            print(problem)
        print(f"{len(sources)} exercise(s), {len(problems)} stale")
        return 1 if problems else 0
    for path in sources:
        print(f"generating {relative_to_root(student_path(path))}", flush=True)
        generate(path, run=not args.no_execute)
    return 0


if __name__ == "__main__":
    sys.exit(main())
