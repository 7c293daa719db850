"""Keep a student's work: write the answers to ``my_work/NN_topic.md``.

The file reads on its own: each question's prompt and options, the answer given, the feedback,
free text in full. Answers checked in this session are saved as checked; after a kernel restart
the others are read again from the notebook file (literal answers only, never by running it),
and any answer that cannot be saved is named, with the reason.
It never overwrites: when ``01_thirteen_days.md`` exists, the next save is
``01_thirteen_days-2.md``, then ``-3``... Each file is written to a temporary file in the same
folder and moved into place with ``os.replace``, so an interrupted save leaves no partial file.

    >>> from crisislab.export import SaveButton, save_answers
    >>> SaveButton("01_thirteen_days")      # the "Save my answers" button of an exercise
    >>> save_answers("01_thirteen_days")    # the same from code; returns the file's path
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path

import ipywidgets as widgets

from .. import notebooks
from ..paths import relative_to_root, repo_root
from . import answers, catalogue, checks

BINDER_NOTE = (
    "On Binder nothing is kept after you close the tab: download the file now "
    "(right-click it in the file browser on the left, then Download)."
)


def work_folder() -> Path:
    """The folder where saved work goes: ``my_work/`` in the course folder."""
    return repo_root() / "my_work"


def _lesson(name: str) -> int | None:
    match = re.match(r"^(\d{2})", name)
    return int(match[1]) if match else None


def _safe_name(name: str) -> str:
    stem = Path(str(name)).stem
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._")
    return stem or "my_answers"


def _block(text: str) -> str:
    """Text shown verbatim in Markdown: a fenced block whose fence the text cannot close."""
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


def notebook_file(name: str) -> Path | None:
    """The exercise notebook a save is for: ``name.ipynb`` here, or in ``exercises/``."""
    stem = _safe_name(name)
    for folder in (Path.cwd(), repo_root() / "exercises"):
        candidate = folder / f"{stem}.ipynb"
        if candidate.is_file():
            return candidate
    return None


def _from_notebook(name: str, ids: list[str]) -> tuple[dict[str, tuple[str, object]], str]:
    """Answers read from the notebook file (literal ones, never run): id -> (answer, feedback
    or the reason it could not be read); and a note when the file cannot be read."""
    path = notebook_file(name)
    if path is None:
        return {}, (
            f"The notebook {_safe_name(name)}.ipynb was not found next to this one, so only "
            "answers checked since the kernel started are saved."
        )
    try:
        found = answers.read_answers(notebooks.read(path), ids)
    except Exception:
        return {}, f"The notebook {path.name} could not be read, so only checked answers are saved."
    read: dict[str, tuple[str, object]] = {}
    for qid, answer in found.items():
        question = catalogue.get(qid)
        kind = question.kind if question else ""
        if answer.slip:
            read[qid] = ("", f"Not saved: {answer.slip}")
        elif answer.how == answers.COMPUTED:
            read[qid] = (
                "",
                "Not saved: this answer is computed by code, which is not re-run when saving. "
                "Run its cells and its check cell, then save again.",
            )
        else:
            read[qid] = (
                checks._shown(answer.value, kind),
                checks.check(qid, answer.value, record=False),
            )
    return read, ""


def render_markdown(name: str, lesson: int | None = None) -> str:
    """The saved work as Markdown: every question of the lesson with its prompt and options.

    Answers checked in this session come first; any other is read from the notebook file as
    last saved (after a kernel restart, say), and anything that cannot be saved says why.
    """
    lesson = _lesson(name) if lesson is None else lesson
    done = {a.question_id: a for a in checks.attempts(lesson)}
    asked = checks.questions(lesson) if lesson is not None else []
    if lesson is None:
        asked = [q for q in checks.questions() if q.id in done]
    missing = [q.id for q in asked if q.id not in done]
    from_file, file_note = _from_notebook(name, missing) if missing else ({}, "")
    counts = {status: 0 for status in checks.STATUS_WORDS}
    entries = []
    for question in asked:
        attempt = done.get(question.id)
        if attempt is not None:
            entries.append((question, attempt.answer, attempt.feedback, ""))
        elif question.id in from_file and isinstance(from_file[question.id][1], checks.Feedback):
            shown, feedback = from_file[question.id]
            entries.append((question, shown, feedback, "read from the notebook file as last saved"))
        else:
            reason = from_file.get(question.id, ("", "Not checked in this session."))[1]
            entries.append((question, "", None, str(reason)))
    for _, _, feedback, _ in entries:
        counts[feedback.status if feedback else checks.UNANSWERED] += 1
    lines = [
        f"# My answers: {name}",
        "",
        "Saved with the *Save my answers* button of the Thirteen Days course.",
        "",
        f"{counts[checks.CORRECT]} correct, {counts[checks.INCORRECT]} not yet, "
        f"{counts[checks.UNANSWERED]} not attempted, {counts[checks.SUBMITTED]} submitted "
        f"for scoring with the rubric, of {len(asked)} questions.",
    ]
    if file_note:
        lines += ["", file_note]
    for question, shown, feedback, note in entries:
        lines += ["", f"## {question.id}", "", f"**Question.** {question.prompt}", ""]
        options, _ = checks.options_of(question)
        if options:
            lines += [*[f"- {line}" for line in options], ""]
        if feedback is None:
            lines.append(f"*{note}*")
            continue
        lines += ["**My answer:**", "", _block(shown), ""]
        if note:
            lines += [f"*({note})*", ""]
        lines.append(f"**Check:** {checks.STATUS_WORDS[feedback.status]}. {feedback.message}")
        if feedback.why:
            lines += ["", f"*Why:* {feedback.why}"]
        if feedback.model_answer:
            lines += ["", f"*A model answer:* {feedback.model_answer}"]
        if feedback.rubric:
            lines += ["", "*The rubric:*", *[f"- {item}" for item in feedback.rubric]]
    return "\n".join(lines) + "\n"


def unsaved(text: str) -> int:
    """How many questions a saved file could not hold an answer for."""
    return text.count("*Not saved:")


def next_free_path(folder: Path, name: str) -> Path:
    """``folder/name.md``, or ``name-2.md``, ``name-3.md``... whichever does not exist yet."""
    stem = _safe_name(name)
    candidate = folder / f"{stem}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.md"
        number += 1
    return candidate


def write_new(path: Path, text: str) -> Path:
    """Write a new file atomically (temp file + os.replace); never leave a partial file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)  # atomic, and refuses when another save got there first
        except FileExistsError:
            raise FileExistsError(path.name) from None
        except OSError:  # a file system without hard links: check, then move
            if path.exists():
                raise FileExistsError(path.name) from None
            os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
    return path


def save_answers(name: str, folder: Path | str | None = None, lesson: int | None = None) -> Path:
    """Write this session's answers for an exercise to a new file; return its path."""
    folder = Path(folder) if folder is not None else work_folder()
    text = render_markdown(_safe_name(name), lesson)
    for _ in range(5):  # a save racing another one simply takes the next number
        try:
            return write_new(next_free_path(folder, name), text)
        except FileExistsError:
            continue
    raise FileExistsError(f"could not find a free file name for {name} in {folder.name}")


class SaveButton:
    """The "Save my answers" button: saves on click and says where, in an HTML line."""

    def __init__(self, name: str, folder: Path | str | None = None) -> None:
        self.name = _safe_name(name)
        self.folder = Path(folder) if folder is not None else None
        self.button = widgets.Button(
            description="Save my answers",
            tooltip=f"Write your checked answers to my_work/{self.name}.md",
            icon="save",
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML(
            value=f"<small>Writes your answers to my_work/{html.escape(self.name)}.md "
            "(a new numbered file if it already exists).</small>"
        )
        self.button.on_click(self._on_click)
        self.widget = widgets.VBox([self.button, self.status])
        self.last_path: Path | None = None

    def _on_click(self, _button=None) -> None:
        self.save()

    def save(self) -> Path | None:
        """Save now (what a click does); the result is shown in the widget, never printed."""
        try:
            path = save_answers(self.name, self.folder)
        except Exception as exc:  # disk full, read-only folder: say so in the widget
            self.status.value = (
                f"<b>Not saved:</b> {html.escape(type(exc).__name__)}. "
                "Use File &gt; Download to keep the notebook instead."
            )
            return None
        self.last_path = path
        missing = unsaved(path.read_text(encoding="utf-8"))
        gap = (
            f" {missing} answer(s) could not be saved; the file says which and why."
            if missing
            else ""
        )
        self.status.value = (
            f"<b>Saved</b> to {html.escape(relative_to_root(path))}.{html.escape(gap)} "
            f"{html.escape(BINDER_NOTE)}"
        )
        return path

    def shown_text(self) -> str:
        """The status line as plain text."""
        return re.sub(r"<[^>]+>", "", html.unescape(self.status.value))

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = (
            f"[Save my answers] button: writes my_work/{self.name}.md "
            "(a new numbered file if it already exists)."
        )
        return bundle
