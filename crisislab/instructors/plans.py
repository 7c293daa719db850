"""Session plans: the fixed headings, objectives from the course map, timing tables that add up.

A plan is Markdown with ``## `` sections; its timing table has rows ``| 0-5 | activity |`` that
must run from minute 0 to the plan's stated length with no gap or overlap.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import course
from ..paths import repo_root

PLAN_HEADINGS = (
    "Objectives",
    "Before the session",
    "Materials",
    "Timing (50 minutes)",
    "Common difficulties",
    "Discussion questions",
    "What students hand in",
)
_TIMING_ROW = re.compile(r"^\|\s*(\d+)\s*-\s*(\d+)\s*\|")


def plans_dir() -> Path:
    """Where the per-lesson plans live: ``instructors/plans/``."""
    return repo_root() / "instructors" / "plans"


def plan_path(lesson_number: int, folder: Path | None = None) -> Path:
    """The 50-minute plan of one lesson, e.g. ``instructors/plans/lesson_02.md``."""
    return (folder or plans_dir()) / f"lesson_{lesson_number:02d}.md"


def sections(markdown: str) -> dict[str, str]:
    """The ``## `` sections of a Markdown text, by heading."""
    found: dict[str, str] = {}
    current = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


def timing(markdown: str) -> list[tuple[int, int, str]]:
    """The rows ``| start-end | activity |`` of a plan's timing table, as minutes."""
    rows = []
    for line in markdown.splitlines():
        match = _TIMING_ROW.match(line.strip())
        if match:
            rest = line.strip().split("|")[2].strip()
            rows.append((int(match[1]), int(match[2]), rest))
    return rows


def discussion_questions(markdown: str) -> list[str]:
    """The numbered questions of a plan's Discussion questions section."""
    text = sections(markdown).get("Discussion questions", "")
    return [m.group(1).strip() for m in re.finditer(r"^\d+\.\s+(.+)$", text, re.M)]


def timing_problems(rows: list[tuple[int, int, str]], minutes: int) -> list[str]:
    """What is wrong with a timing table: gaps, overlaps, or not ending on time."""
    if not rows:
        return ["the timing table has no rows like '| 0-5 | activity |'"]
    problems = []
    if rows[0][0] != 0:
        problems.append(f"the timing starts at minute {rows[0][0]}, not 0")
    for (_, end, _), (start, _, _) in zip(rows, rows[1:], strict=False):
        if start != end:
            problems.append(f"the timing jumps from minute {end} to minute {start}")
    for start, end, _ in rows:
        if end <= start:
            problems.append(f"the row {start}-{end} does not move forward")
    if rows[-1][1] != minutes:
        problems.append(f"the timing ends at minute {rows[-1][1]}, not {minutes}")
    return problems


def plan_problems(lesson: course.Lesson, folder: Path | None = None) -> list[str]:
    """Everything missing from a lesson's plan, as sentences; empty when the plan is complete."""
    path = plan_path(lesson.number, folder)
    name = f"instructors/plans/{path.name}"
    if not path.exists():
        return [f"{name}: missing (lesson {lesson.number}, {lesson.title}, has no plan)"]
    text = path.read_text(encoding="utf-8")
    found = sections(text)
    problems = [f"{name}: no '## {h}' section" for h in PLAN_HEADINGS if h not in found]
    objectives = found.get("Objectives", "")
    problems += [
        f"{name}: objective not listed as in crisislab/course.py: {o!r}"
        for o in lesson.objectives
        if o not in objectives
    ]
    rows = timing(found.get("Timing (50 minutes)", ""))
    problems += [f"{name}: {p}" for p in timing_problems(rows, 50)]
    questions = discussion_questions(text)
    if len(questions) < 3:
        problems.append(f"{name}: {len(questions)} discussion questions, at least 3 expected")
    answers = sections(text).get("Discussion questions", "").count("Good answers touch on")
    if answers < len(questions):
        problems.append(f"{name}: each discussion question needs 'Good answers touch on: ...'")
    return problems


def all_plan_problems(folder: Path | None = None) -> list[str]:
    """Plan problems for every lesson in the course map."""
    return [p for lesson in course.LESSONS for p in plan_problems(lesson, folder)]


# ---------------------------------------------------------------- times from the course map

TIME_LINE = re.compile(r"^\*\*Time alone:\*\* .*$", re.M)


def time_line(lesson: course.Lesson) -> str:
    """The line a plan states its lesson's time with, from the course map."""
    return f"**Time alone:** {lesson.minutes} (measured, from `crisislab/course.py`)."


_OBJECTIVES = re.compile(r"(## Objectives\n\n[^\n]*\n\n)((?:\d+\. [^\n]*\n)+)")


def sync_times(folder: Path | None = None, guide: Path | None = None) -> list[Path]:
    """Write each lesson's time and objectives from ``course.LESSONS`` into its plan and the guide.

    A plan gets (or keeps up to date) a ``**Time alone:**`` line after its title and its
    numbered objectives; the guide's lesson table gets the time in its second column and the
    objectives in its fourth. Returns the files changed.
    """
    changed = []
    for lesson in course.LESSONS:
        path = plan_path(lesson.number, folder)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if TIME_LINE.search(text):
            new = TIME_LINE.sub(time_line(lesson), text, count=1)
        else:
            title, rest = text.split("\n", 1)
            new = f"{title}\n\n{time_line(lesson)}\n{rest}"
        listed = "".join(f"{n}. {o}\n" for n, o in enumerate(lesson.objectives, start=1))
        new = _OBJECTIVES.sub(lambda m, listed=listed: m.group(1) + listed, new, count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    guide = guide or (repo_root() / "instructors" / "README.md")
    text = guide.read_text(encoding="utf-8")
    new = text
    for lesson in course.LESSONS:
        row = re.compile(rf"^(\| {lesson.number}\. [^|]+\| )[^|]+(\|[^|]+\| )[^|]+(\|)", re.M)
        objectives = " ".join(lesson.objectives).replace("|", "/")
        new = row.sub(
            lambda m, lesson=lesson, objectives=objectives: (
                f"{m.group(1)}{lesson.minutes} {m.group(2)}{objectives} {m.group(3)}"
            ),
            new,
        )
    if new != text:
        guide.write_text(new, encoding="utf-8")
        changed.append(guide)
    return changed
