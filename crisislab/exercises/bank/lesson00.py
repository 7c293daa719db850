"""Lesson 0's practice question (the "try it" of lessons/00_start_here.ipynb)."""

from __future__ import annotations

from ..facts import _event_date
from ..registry import Question, register

# ---------------------------------------------------------------- lesson 0: a practice question

register(
    Question(
        "00.try-it",
        0,
        "On what date did President Kennedy address the nation about the missiles in Cuba?",
        "date",
        _event_date(
            "e62-address-to-nation",
            (
                (
                    "e62-bundy-briefs-president",
                    "That is when Kennedy first saw the photographs; "
                    "he spoke to the public almost a week later.",
                ),
                ("e62-radio-moscow-acceptance", "That is the day the crisis ended."),
            ),
        ),
        objective=3,
    )
)
