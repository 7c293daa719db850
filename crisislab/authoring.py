"""Author tools: execute notebooks in place so that committed outputs come from one clean run.

Usage (from the course folder)::

    python -m crisislab.authoring execute                 # every lesson and exercise notebook
    python -m crisislab.authoring execute lessons/00_start_here.ipynb
    python -m crisislab.authoring check                   # hygiene report, exit 1 on problems
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import notebooks
from .paths import relative_to_root, repo_root

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
    # The kernel inherits this; it silences a debugger warning that would land on stderr.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name=notebooks.KERNEL_NAME,
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, str(path))
    return nb


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
    args = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
