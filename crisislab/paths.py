"""Find the course's folders from wherever a notebook or script runs.

Notebooks run with their own folder as the working directory (``lessons/``,
``exercises/``, ``exercises/solutions/``), scripts usually from the repository root.
The package lives in the repository (installed with ``pip install -e .``), so the
data folder is found next to it; ``CRISISLAB_DATA`` overrides this (tests use it).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def repo_root() -> Path:
    """The repository's top folder: the one that holds ``crisislab/`` and ``data/``."""
    candidate = _PACKAGE_DIR.parent
    if (candidate / "data").is_dir():
        return candidate
    # Fallback for an unusual install: walk up from the working directory.
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir() and (folder / "crisislab").is_dir():
            return folder
    raise FileNotFoundError(
        "Could not find the course folder (the one with data/ and crisislab/). "
        "Open the notebook from inside the course, or set CRISISLAB_DATA."
    )


def data_dir() -> Path:
    """The folder of the course's tables (``data/``), or ``$CRISISLAB_DATA`` when set."""
    override = os.environ.get("CRISISLAB_DATA")
    if override:
        return Path(override)
    return repo_root() / "data"


def data_path(name: str) -> Path:
    """Path of one file in the data folder, e.g. ``data_path("sources.csv")``."""
    return data_dir() / name


def relative_to_root(path: Path) -> str:
    """A path as shown to people: relative to the course folder, never a machine path."""
    path = Path(path).resolve()
    try:
        return path.relative_to(repo_root()).as_posix()
    except ValueError:
        return path.name
