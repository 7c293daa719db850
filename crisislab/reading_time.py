"""How long a lesson takes, measured from the notebook itself, so the stated times stay honest.

A student reads at about 200 words a minute. The time of a lesson is the words of its markdown
cells and of the text outputs a student must read (the Sources list excluded), at that pace,
plus 5 minutes for each widget to explore and 2 for each question to answer. Collapsed "Go
deeper" blocks (``<details>``) are optional and count at zero.

Cells say what they are with notebook tags, which JupyterLab shows and keeps:

- ``widget``: a code cell whose output is an explorer to try (5 minutes);
- ``question``: a cell with a question to answer or a task to do (2 minutes);
- ``sources``: the bibliography at the end (not counted).

In an exercise notebook every cell that calls ``check(...)`` is a question as well.

A *stretch* is the reading between two things to do; the house style keeps each under about
350 words. ``python benchmarks/reading_time.py`` prints the table for every lesson.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

WORDS_PER_MINUTE = 200
WIDGET_MINUTES = 5
QUESTION_MINUTES = 2
MAX_STRETCH_WORDS = 350
ACTIVITY_TAGS = ("widget", "question")

_DETAILS = re.compile(r"<details\b.*?</details>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\]\([^)]*\)")  # keep a link's words, not its address
_CHECK = re.compile(r"^\s*check\(", re.M)
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF][\w'\u2019.,:%-]*")


def words(text: str) -> int:
    """Words a student reads in markdown or HTML: collapsed blocks, tags and URLs left out."""
    text = _DETAILS.sub(" ", text)
    text = _LINK.sub("]", text)
    text = html.unescape(_TAG.sub(" ", text))
    return len(_WORD.findall(text))


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _output_text(output: dict) -> str:
    """What a student reads of one output: its HTML if it has one, else its plain text."""
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return "".join(text) if isinstance(text, list) else text
    bundle = output.get("data", {})
    for kind in ("text/html", "text/markdown", "text/plain"):
        if kind in bundle:
            value = bundle[kind]
            value = "".join(value) if isinstance(value, list) else value
            if kind == "text/plain" and "application/vnd.jupyter.widget-view+json" in bundle:
                return ""  # a widget's plain repr is not what the student sees
            if kind == "text/plain" and "image/png" in bundle:
                return ""  # a figure: its alt text is read by screen readers, not counted
            return value
    return ""


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


@dataclass
class Estimate:
    """A lesson's measured time and what it is made of."""

    path: str
    words: int = 0
    widgets: int = 0
    questions: int = 0
    stretches: list[int] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        return (
            self.words / WORDS_PER_MINUTE
            + WIDGET_MINUTES * self.widgets
            + QUESTION_MINUTES * self.questions
        )

    @property
    def rounded(self) -> int:
        """Minutes rounded up to the next 5, as lessons state them ("about 40 min")."""
        return int(5 * math.ceil(self.minutes / 5))

    @property
    def longest_stretch(self) -> int:
        return max(self.stretches, default=0)

    def summary(self) -> str:
        return (
            f"{Path(self.path).name}: {self.minutes:.0f} min ({self.words} words, "
            f"{self.widgets} widgets, {self.questions} questions; longest reading stretch "
            f"{self.longest_stretch} words)"
        )


def measure(path: str | Path) -> Estimate:
    """Measure a notebook: words read, widgets, questions, and the reading stretches."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    estimate = Estimate(str(path))
    stretch = 0
    in_sources = False
    for cell in notebook.get("cells", []):
        tags = _tags(cell)
        source = _source(cell)
        if cell.get("cell_type") == "markdown" and re.match(r"\s*#+\s*Sources\b", source):
            in_sources = True
        if in_sources or "sources" in tags:
            continue
        count = 0
        if cell.get("cell_type") == "markdown":
            count = words(source)
        elif "widget" not in tags:
            count = sum(words(_output_text(o)) for o in cell.get("outputs", []))
        estimate.words += count
        stretch += count
        checks = cell.get("cell_type") == "code" and _CHECK.search(source)
        if checks or any(tag in tags for tag in ACTIVITY_TAGS):
            estimate.widgets += "widget" in tags
            estimate.questions += "question" in tags or bool(checks)
            estimate.stretches.append(stretch)
            stretch = 0
    estimate.stretches.append(stretch)
    return estimate


def minutes_text(minutes: int) -> str:
    """How a lesson states its time: ``about 40 min``."""
    return f"about {minutes} min"
