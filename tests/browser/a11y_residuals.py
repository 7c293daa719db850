"""What the course cannot fix from its own code: known accessibility residuals, with upstream links.

The accessibility test (``test_accessibility.py``) fails on any serious or critical axe-core
violation in markup the course produces, except the ones listed here. Each entry names the axe
rule, a CSS selector the offending element matches, why the course cannot fix it, what the
course does instead, and the upstream issues to watch. When an upstream fix lands (and the pins
in requirements.txt move to it), delete the entry: the test then proves the fix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Residual:
    """A violation the course cannot fix: the rule, where it occurs, why, and where to follow it."""

    rule: str
    selector: str
    why: str
    instead: str
    upstream: tuple[str, ...]


RESIDUALS: tuple[Residual, ...] = (
    Residual(
        rule="aria-input-field-name",
        selector=".widget-slider .noUi-handle",
        why=(
            "An ipywidgets slider's handle (a noUiSlider div with role=slider) gets no aria-label "
            "or aria-labelledby: its visible description is a separate <label> the handle does "
            "not reference, and ipywidgets 8 sets no ARIA attribute from Python. A "
            "SelectionSlider's handle also announces the option's index (aria-valuetext '27') "
            "rather than the label it shows ('Tue 16 Oct 1962')."
        ),
        instead=(
            "Every slider has a visible description, and the value it sets is said in a visible "
            "status line in an aria-live region next to it (the day, the payoff table and its "
            "stable outcomes). The timeline's days can also be stepped with named 'Previous day' "
            "and 'Next day' buttons, which do have names."
        ),
        upstream=(
            "https://github.com/jupyter-widgets/ipywidgets/issues/2650",
            "https://github.com/jupyter-widgets/ipywidgets/issues/3912",
            "https://github.com/leongersen/noUiSlider/issues/1223",
        ),
    ),
)


#: Limits that no axe rule reports, kept here so they are not forgotten.
KNOWN_LIMITS: tuple[Residual, ...] = (
    Residual(
        rule="(none: live-region timing)",
        selector=".crisislab-status-line",
        why=(
            "An ipywidgets HTML widget replaces its whole innerHTML on every change, so the "
            "course's status line (role=status, aria-live=polite) is a new element each time "
            "rather than an old region whose text changes; some screen readers announce only "
            "changes inside a region that was already on the page."
        ),
        instead=(
            "The status line is visible, comes right after the controls in reading order, and "
            "the chosen button itself says it is chosen (a tick in its text, bold, a dark fill), "
            "so the state is there to read even when the change is not announced."
        ),
        upstream=("https://github.com/jupyter-widgets/ipywidgets/issues/2650",),
    ),
)


def for_the_browser() -> list[dict[str, str]]:
    """The residuals as the browser test passes them to the page: rule and selector."""
    return [{"rule": item.rule, "selector": item.selector} for item in RESIDUALS]
