"""Binder builds the pinned environment before copying the repository, so it is cached.

Checked with repo2docker's own planner (``repo2docker --no-build --debug .``): no Docker needed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from crisislab.paths import repo_root


def _repo2docker() -> list[str]:
    exe = Path(sys.executable).parent / "repo2docker"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("repo2docker")
    assert found, "repo2docker is pinned in requirements-dev.txt; install the dev requirements"
    return [found]


def test_dockerfile_installs_pins_before_copying_repo():
    out = subprocess.run(
        [*_repo2docker(), "--no-build", "--debug", "."],
        cwd=repo_root(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    dockerfile = out.stdout
    assert "FROM " in dockerfile, out.stderr[-2000:]
    lines = dockerfile.splitlines()

    def first(pattern):
        return next(i for i, line in enumerate(lines) if pattern in line)

    pins = first('pip install --no-cache-dir -r "requirements.txt"')
    copy_repo = first("COPY --chown=0:0 src/ ${REPO_DIR}/")
    post_build = first("./postBuild")
    assert pins < copy_repo < post_build
    # repo2docker must not install the package itself (non-editable) on top of postBuild.
    assert "pip install --no-cache-dir ." not in dockerfile
