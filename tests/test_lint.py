"""ruff keeps the package, tests and benchmarks clean (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crisislab.paths import repo_root


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    cmd = [str(ruff)] if ruff.exists() else [sys.executable, "-m", "ruff"]
    out = subprocess.run(
        [*cmd, "check", "crisislab", "tests", "benchmarks"],
        cwd=repo_root(),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
