"""The course map: every lesson with its time and learning objectives, in one place.

Lesson 0 renders this map, the README lists the same lessons, and a test keeps them in step.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .paths import repo_root


@dataclass(frozen=True)
class Lesson:
    number: int
    title: str
    filename: str
    minutes: str  # "about N min": measured by crisislab.reading_time (tests hold them equal)
    question: str
    objectives: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"lessons/{self.filename}"

    def available(self) -> bool:
        """True once the lesson's notebook is in the course folder."""
        return (repo_root() / self.path).exists()


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        0,
        "Start here",
        "00_start_here.ipynb",
        "about 15 min",
        "How does this course work, and what question does it ask?",
        (
            "Run a cell, restart the kernel and use a widget.",
            "Find where each fact in the course comes from.",
            "Check an answer and keep your work.",
        ),
    ),
    Lesson(
        1,
        "Thirteen Days",
        "01_thirteen_days.ipynb",
        "about 40 min",
        "What happened in October 1962, and who knew what, when?",
        (
            "Place the key events of 16-28 October 1962 in order and on the right day.",
            "Explain what Washington and Moscow each knew, and did not know, at each stage.",
            "Compute what the missiles in Cuba could reach and convert times between capitals.",
            "Describe the public and the secret terms that ended the crisis.",
        ),
    ),
    Lesson(
        2,
        "Strategic empathy",
        "02_strategic_empathy.ipynb",
        "about 40 min",
        "Why could Kennedy and Khrushchev step back?",
        (
            "Define strategic empathy and tell it apart from sympathy or agreement.",
            "Recognise mirror-imaging, the security dilemma and attribution errors in 1962.",
            "Weigh the article's evidence against other explanations.",
            "Build an empathy map for a leader on a given day.",
        ),
    ),
    Lesson(
        3,
        "Decisions under pressure",
        "03_decisions_under_pressure.ipynb",
        "about 40 min",
        "What could the leaders choose, and how did each side read the other's choices?",
        (
            "Compare the options the ExComm weighed and who argued for which.",
            "Analyse the October letters as primary sources.",
            "Explain the backchannels and why parts of the deal stayed secret.",
        ),
    ),
    Lesson(
        4,
        "1962 and 2022",
        "04_1962_and_2022.ipynb",
        "about 40 min",
        "Does the lesson of 1962 apply to the nuclear crisis of 2022?",
        (
            "Set out what Moscow, Kyiv and Washington said they wanted in 2022, and tell a "
            "stated concern from a threat.",
            "Compare the 1962 and 2022 crises moment by moment, and judge how far each parallel "
            "goes.",
            "Compute and interpret arsenal figures given as ranges.",
            "Evaluate the article's argument with evidence for and against.",
            "Write a strategic-empathy brief for a leader in 2022.",
        ),
    ),
)


def lesson(number: int) -> Lesson:
    """The lesson with this number."""
    for item in LESSONS:
        if item.number == number:
            return item
    raise KeyError(f"There is no lesson {number}; lessons run from 0 to {len(LESSONS) - 1}.")


def course_map_html() -> str:
    """The course map as an HTML table: lesson, time, question, objectives, status."""
    rows = []
    for item in LESSONS:
        objectives = "".join(f"<li>{html.escape(o)}</li>" for o in item.objectives)
        status = "ready" if item.available() else "coming soon"
        rows.append(
            "<tr>"
            f"<td>{item.number}. {html.escape(item.title)}</td>"
            f"<td>{html.escape(item.minutes)}</td>"
            f"<td>{html.escape(item.question)}<ul>{objectives}</ul></td>"
            f"<td>{status}</td>"
            "</tr>"
        )
    head = "<tr><th>Lesson</th><th>Time</th><th>Question and objectives</th><th>Status</th></tr>"
    return f'<table class="crisislab-course-map">{head}{"".join(rows)}</table>'


def course_map_text() -> str:
    """The course map as plain text (what nbval compares, what a screen reader gets)."""
    lines = []
    for item in LESSONS:
        status = "" if item.available() else " (coming soon)"
        lines.append(f"{item.number}. {item.title} ({item.minutes}){status}: {item.question}")
    return "\n".join(lines)


class CourseMap:
    """Displays the course map in a notebook (HTML, with a plain-text fallback)."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": course_map_html(), "text/plain": course_map_text()}
