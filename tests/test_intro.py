"""Lesson 0's practice widget: the day slider, its status line and its static table."""

from __future__ import annotations

import pytest

from crisislab.intro import DayPicker, describe, table_html


def test_day_picker_says_the_day_in_a_live_status_line():
    picker = DayPicker()
    assert picker.shown_text() == "Day 1 of 13: Tuesday 16 October 1962"
    picker.select_day(12)
    assert picker.shown_text() == describe(12) == "Day 12 of 13: Saturday 27 October 1962"
    # The slider's handle announces only its number: the line under it says the day aloud.
    assert "role='status'" in picker.label.value and "aria-live='polite'" in picker.label.value
    assert "crisislab-day" in picker.label.value
    assert "crisislab-widget" in picker.widget._dom_classes  # the focus ring's scope
    assert picker.slider.description == "Crisis day"


def test_day_picker_refuses_days_outside_the_crisis():
    with pytest.raises(ValueError, match="days 1 to 13"):
        DayPicker().select_day(14)


def test_static_table_lists_the_thirteen_days():
    assert table_html().count("<tr>") == 14
