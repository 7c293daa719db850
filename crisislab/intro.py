"""Lesson 0's practice widget: a slider over the thirteen days that says which day it is.

It is deliberately tiny: students learn how a widget behaves (drag, arrow keys, read what
changes) before meeting the real explorers. Like every course widget it has a Python API
(``select_day``, ``shown_text``) and a static form (``table_html``).
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import ipywidgets as widgets

from . import style

FIRST_DAY = date(1962, 10, 16)
DAYS = 13


def crisis_day(number: int) -> date:
    """The calendar date of day ``number`` (1-13) of the crisis, counting 16 October as day 1."""
    if not 1 <= int(number) <= DAYS:
        raise ValueError(f"The crisis has days 1 to {DAYS}, not {number}.")
    return FIRST_DAY + timedelta(days=int(number) - 1)


def describe(number: int) -> str:
    """A sentence for a crisis day, e.g. 'Day 12 of 13: Saturday 27 October 1962'."""
    day = crisis_day(number)
    return f"Day {int(number)} of {DAYS}: {day:%A} {day.day} {day:%B %Y}"


def table_html() -> str:
    """All thirteen days as a small HTML table (the widget's static form)."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{html.escape(f'{crisis_day(n):%A}')}</td>"
        f"<td>{crisis_day(n).isoformat()}</td></tr>"
        for n in range(1, DAYS + 1)
    )
    return f"<table><tr><th>Day</th><th>Weekday</th><th>Date</th></tr>{rows}</table>"


class DayPicker:
    """A slider over the thirteen days and a line of text that follows it."""

    def __init__(self, start: int = 1) -> None:
        self.slider = widgets.IntSlider(
            value=start,
            min=1,
            max=DAYS,
            step=1,
            description="Crisis day",
            continuous_update=True,
            style={"description_width": "initial"},
        )
        self.label = widgets.HTML()
        self.slider.observe(self._on_change, names="value")
        self.widget = style.course_widget([self.slider, self.label], "crisislab-daypicker")
        self._render()

    def _on_change(self, _change) -> None:
        self._render()

    def _render(self) -> None:
        # A visible status line in an aria-live region: the slider's handle announces only
        # its number (ipywidgets sets no aria-valuetext), so the day is said here.
        self.label.value = (
            f"<p class='crisislab-day crisislab-status-line' role='status' aria-live='polite'>"
            f"<b>{html.escape(describe(self.slider.value))}</b></p>"
        )

    def select_day(self, number: int) -> None:
        """Move the slider to day ``number`` (1-13), as a student would."""
        crisis_day(number)  # raises a clear ValueError for a day outside the crisis
        self.slider.value = int(number)

    def shown_text(self) -> str:
        """The sentence the widget shows now."""
        return describe(self.slider.value)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = f"DayPicker showing: {self.shown_text()}"
        return bundle
