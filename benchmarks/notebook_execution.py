"""How long each course notebook takes to run, against the floor: a notebook that only imports.

Run from the course folder:  python benchmarks/notebook_execution.py [--repeat 3] [paths...]

The floor is a one-cell notebook holding every import statement found in the course notebooks
(pandas, matplotlib, ipywidgets, crisislab and its modules), run the same way: a fresh kernel
through nbclient, in the notebook's folder. Kernel start-up and imports are most of what a short
notebook costs, so the ratio says how much a notebook adds on top. Notebooks and the floor are
run in turns (floor, every notebook; repeated), so a change of machine load hits all alike.
It prints the median of each and the ratio. Target: every notebook within 1.5x the floor.
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crisislab import notebooks  # noqa: E402

TARGET_RATIO = 1.5
BASE_IMPORTS = ("import ipywidgets", "import matplotlib", "import pandas")


def import_lines(paths: list[Path]) -> list[str]:
    """Every distinct top-level-module import statement in the notebooks' code cells."""
    found: set[str] = set(BASE_IMPORTS)
    for path in paths:
        for cell in notebooks.read(path).cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
                    found.add(ast.unparse(node))
    return sorted(found)


def floor_notebook(lines: list[str]) -> nbformat.NotebookNode:
    """A notebook with one code cell that imports what the course imports, and nothing else."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("\n".join(lines)))
    return nb


def run_once(nb: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to execute a copy of ``nb`` in a fresh kernel, as crisislab.authoring does."""
    client = notebooks.course_client(nbformat.from_dict(nb), folder, 600)
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    paths = [p.resolve() for p in args.paths] or notebooks.course_notebooks(ROOT)
    lines = import_lines(paths)
    floor = floor_notebook(lines)
    read = {path: notebooks.read(path) for path in paths}

    times: dict[str, list[float]] = {"floor": []}
    for turn in range(args.repeat):
        times["floor"].append(run_once(floor, ROOT / "lessons"))
        for path in paths:
            name = path.relative_to(ROOT).as_posix()
            times.setdefault(name, []).append(run_once(read[path], path.parent))
        print(f"turn {turn + 1} of {args.repeat} done", file=sys.stderr, flush=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f}; {args.repeat} runs each")
    print(f"floor imports: {'; '.join(lines)}")
    base = statistics.median(times["floor"])
    print(f"{'notebook':<46} {'median':>8} {'ratio':>7}")
    print(f"{'floor (imports only)':<46} {base:>7.2f}s {1.0:>6.2f}x")
    worst = 0.0
    for name, values in times.items():
        if name == "floor":
            continue
        ratio = statistics.median(values) / base
        worst = max(worst, ratio)
        flag = "" if ratio <= TARGET_RATIO else "  over target"
        print(f"{name:<46} {statistics.median(values):>7.2f}s {ratio:>6.2f}x{flag}")
    verdict = "met" if worst <= TARGET_RATIO else "NOT met"
    print(f"worst ratio {worst:.2f}x (target <= {TARGET_RATIO}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
