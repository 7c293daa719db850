"""Print each lesson's measured time: words read, widgets, questions and the longest stretch.

    python benchmarks/reading_time.py            # every lesson and exercise notebook
    python benchmarks/reading_time.py lessons/01_thirteen_days.ipynb

The time comes from crisislab.reading_time.measure (200 words a minute, 5 minutes a widget,
2 a question, collapsed "Go deeper" blocks and the Sources list left out); the course map in
crisislab/course.py states the rounded figure, and tests/test_reading_time.py holds them equal.
"""

from __future__ import annotations

import sys
from pathlib import Path

from crisislab import course
from crisislab.paths import repo_root
from crisislab.reading_time import MAX_STRETCH_WORDS, measure


def main(argv: list[str]) -> int:
    root = repo_root()
    paths = [Path(a) for a in argv] or [
        root / item.path for item in course.LESSONS if item.available()
    ] + sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb"))
    print(
        f"{'notebook':38} {'minutes':>7} {'stated':>14} {'words':>6} {'widgets':>7} "
        f"{'questions':>9} {'longest stretch':>15}"
    )
    stated = {item.path: item.minutes for item in course.LESSONS}
    for path in paths:
        estimate = measure(path)
        flag = " <- over" if estimate.longest_stretch > MAX_STRETCH_WORDS * 1.15 else ""
        name = str(path.relative_to(root))
        print(
            f"{name:38} {estimate.minutes:7.1f} "
            f"{stated.get(name, ''):>14} {estimate.words:6d} {estimate.widgets:7d} "
            f"{estimate.questions:9d} {estimate.longest_stretch:15d}{flag}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
