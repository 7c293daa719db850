"""Read, check and execute the course's notebooks (shared by authoring, grading and tests).

Hygiene rules (house style section 5): executed top to bottom in one run (execution counts
1..n), no error output except in cells tagged ``raises-exception``, no stderr, no absolute
machine paths, under 2 MB, kernelspec ``python3``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat

from .paths import repo_root

MAX_NOTEBOOK_BYTES = 2_000_000
KERNEL_NAME = "python3"
RAISES_TAG = "raises-exception"

# Absolute paths that would only make sense on the author's machine.
_MACHINE_PATH = re.compile(
    r"(?<![\w.])("
    r"/home/[\w.-]+/|/root/|/tmp/|/Users/[\w.-]+/|/work/|/private/var/|/var/folders/"
    r"|[A-Za-z]:\\+Users\\+"
    r")"
)


def course_client(nb: nbformat.NotebookNode, folder: Path, timeout: int, **options):
    """An nbclient client that runs ``nb`` as the course always does.

    A fresh ``python3`` kernel working in ``folder`` (the notebook's own), no timing metadata
    and no saved widget state, so outputs are deterministic and notebooks stay small.
    Authoring, grading, the offline test and the benchmark all run notebooks through it.
    """
    from nbclient import NotebookClient

    # The kernel inherits this; it silences a debugger warning that would land on stderr.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,
        store_widget_state=False,
        **options,
    )


def course_notebooks(root: Path | None = None) -> list[Path]:
    """Every committed lesson and exercise notebook, in a stable order."""
    root = root or repo_root()
    found = [
        *root.glob("lessons/*.ipynb"),
        *root.glob("exercises/*.ipynb"),
        *root.glob("exercises/solutions/*.ipynb"),
    ]
    return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts)


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(str(path), as_version=4)


def machine_paths(text: str, root: Path | None = None) -> list[str]:
    """Absolute machine paths found in a text (including this checkout's own location)."""
    found = [m.group(0) for m in _MACHINE_PATH.finditer(text)]
    root_text = str((root or repo_root()).resolve())
    if root_text not in ("/", "") and root_text in text:
        found.append(root_text)
    return found


def hygiene_problems(path: Path) -> list[str]:
    """Everything wrong with a committed notebook, as sentences; empty when it is clean."""
    path = Path(path)
    problems: list[str] = []
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        problems.append(f"{path.name}: {size / 1e6:.1f} MB, over the 2 MB limit")
    text = path.read_text(encoding="utf-8")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # any parse failure is one problem to report, not a crash
        return [f"{path.name}: not a readable notebook ({exc})"]

    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != KERNEL_NAME:
        problems.append(f"{path.name}: kernelspec is {kernel!r}, expected {KERNEL_NAME!r}")

    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.get("execution_count") for c in code_cells]
    if counts != list(range(1, len(code_cells) + 1)):
        problems.append(
            f"{path.name}: not executed top to bottom in one run "
            f"(execution counts {counts[:10]}{'...' if len(counts) > 10 else ''})"
        )
    for index, cell in enumerate(code_cells, start=1):
        tags = cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and RAISES_TAG not in tags:
                problems.append(
                    f"{path.name}: code cell {index} has an error output "
                    f"({output.get('ename')}) but is not tagged {RAISES_TAG!r}"
                )
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append(f"{path.name}: code cell {index} has stderr output")
    for found in sorted(set(machine_paths(text))):
        problems.append(f"{path.name}: holds an absolute machine path ({found})")
    return problems
