"""One home for the exercise code: ``crisislab/exercises/``, no import cycles, old names kept."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib

from crisislab.paths import repo_root

ROOT = repo_root()
PACKAGE = ROOT / "crisislab" / "exercises"


def _module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path) -> set[str]:
    """Every crisislab.exercises module a file imports, at module level or inside functions."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("crisislab.exercises") and m != name}


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_the_exercise_modules_import_each_other_without_a_cycle():
    graph = {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}
    graph = {k: {m for m in v if m in graph} for k, v in graph.items()}
    done, stack = set(), []

    def visit(node):
        if node in stack:
            raise AssertionError("import cycle: " + " -> ".join([*stack, node]))
        if node in done:
            return
        stack.append(node)
        for other in sorted(graph[node]):
            visit(other)
        stack.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)
    assert "crisislab.exercises.checks" in graph and graph["crisislab.exercises.registry"] == set()


def test_the_banks_are_one_module_per_lesson():
    banks = sorted(p.name for p in (PACKAGE / "bank").glob("lesson*.py"))
    assert banks == [f"lesson{n:02d}.py" for n in range(5)]
    assert not list((ROOT / "crisislab").glob("questions*.py"))


def test_the_documented_names_keep_working():
    import crisislab.authoring
    import crisislab.checks
    import crisislab.export
    import crisislab.grade
    from crisislab.exercises import authoring, checks, export, grading

    assert crisislab.checks is checks and crisislab.export is export
    assert crisislab.grade is grading and crisislab.authoring is authoring
    from crisislab.checks import ask, check  # what every exercise notebook imports

    assert callable(ask) and callable(check)


def test_the_commands_still_run_with_python_dash_m():
    for module in ("crisislab.grade", "crisislab.authoring"):
        done = subprocess.run(
            [sys.executable, "-m", module, "--help"], capture_output=True, text=True, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
        assert f"python -m {module}" in done.stdout


def test_pyproject_ships_the_subpackages_and_has_no_build_system():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "build-system" not in config  # see tests/test_binder.py
    packages = config["tool"]["setuptools"]["packages"]
    found = sorted(_module_name(p.parent) for p in (ROOT / "crisislab").rglob("__init__.py"))
    assert sorted(packages) == found
