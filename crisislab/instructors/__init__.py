"""The instructor kit's scripts: role-play printables from ``data/``, a print pack, plan checks.

Usage (from the course folder)::

    python -m crisislab.instructors cards      # roleplay/: cards, forms, Control sheet, record
    python -m crisislab.instructors handouts   # handouts/: readers, worksheets, exercises, keys
    python -m crisislab.instructors check      # every lesson has a plan with the fixed headings
    python -m crisislab.instructors times      # lesson times from the course map into the plans
    python -m crisislab.instructors pages      # print to PDF, page counts into the guide
    python -m crisislab.instructors link https://hub.example.org   # an nbgitpuller link

The role cards are rendered from ``data/roles.csv`` (and the people, quotes, events, channels and
sources it points to), never typed by hand. The print pack is made from the committed lessons,
which are stored executed, so their figures are already in them: nothing is re-executed.
"""

from __future__ import annotations

from .cli import main, roleplay_dir, write_cards
from .handouts import (
    WIDGET_MIME,
    WIDGET_NOTE,
    handouts_dir,
    lesson_notebooks,
    write_handouts,
)
from .links import COURSE_REPO, nbgitpuller_link
from .plans import (
    PLAN_HEADINGS,
    all_plan_problems,
    discussion_questions,
    plan_path,
    plan_problems,
    plans_dir,
    sections,
    timing,
    timing_problems,
)
from .role_cards import (
    CARD_CSS,
    ROLEPLAY_DAY,
    SIDE_LABELS,
    SIDES,
    Card,
    CardEvent,
    CardQuote,
    card_html,
    card_markdown,
    cards,
    cards_html,
    cards_markdown,
)
from .roleplay import record_html, record_markdown

__all__ = [
    "CARD_CSS",
    "COURSE_REPO",
    "PLAN_HEADINGS",
    "ROLEPLAY_DAY",
    "SIDES",
    "SIDE_LABELS",
    "WIDGET_MIME",
    "WIDGET_NOTE",
    "Card",
    "CardEvent",
    "CardQuote",
    "all_plan_problems",
    "card_html",
    "card_markdown",
    "cards",
    "cards_html",
    "cards_markdown",
    "discussion_questions",
    "handouts_dir",
    "lesson_notebooks",
    "main",
    "nbgitpuller_link",
    "plan_path",
    "plan_problems",
    "plans_dir",
    "record_html",
    "record_markdown",
    "roleplay_dir",
    "sections",
    "timing",
    "timing_problems",
    "write_cards",
    "write_handouts",
]
