"""The print pack: for each lesson a reader, a worksheet, paper exercises and their answer key.

- **Reader** (``NN_topic_reader.html``): the lesson's narrative, quotations, figures (with their
  alt text) and the static forms of its widgets, from the committed, executed notebook. No code
  cells, no "Go deeper" blocks, and a short source list at the end instead of the full one.
- **Worksheet** (``NN_topic_worksheet.html``): the lesson's written tasks as frames to fill in
  by hand (the empathy map, the role-play record, the capstone brief).
- **Paper exercises** (``NN_topic_exercises.html``) from the question registry, and a separate
  **answer key** (``NN_topic_answers.html``) from ``exercises/solutions``.

Every page uses the kit's print CSS (:mod:`.printing`); nothing is re-executed and nothing is
fetched from the network.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from pathlib import Path

import nbformat

from .. import course, notebooks, sources
from ..paths import repo_root
from .printing import E, page

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "Interactive widget: it works in Jupyter. On paper, the static figure or table next to it "
    "tells the same story."
)
READER_PAGE_BUDGET = 10  # pages of A4 or Letter a reader may take (tests print and count)

READER_CSS = """
.reader { font-size: 10pt; line-height: 1.32; }
.reader h1 { font-size: 17pt; } .reader h2 { break-after: avoid; page-break-after: avoid; }
.reader blockquote { margin: 2mm 0 2mm 4mm; padding-left: 3mm; border-left: 0.8mm solid #555; }
.reader figure, .reader .output { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
.reader .output img { display: block; max-width: 100%; max-height: 95mm; width: auto;
                      margin: 0 auto; }
.reader .output table { font-size: 8pt; table-layout: auto; }
.reader .output { overflow-wrap: anywhere; }
.reader .widget-note { font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #333;
                       border-left: 0.8mm solid #999; padding-left: 2mm; margin: 1mm 0; }
.sources-short { columns: 2; column-gap: 6mm; font-size: 8pt; padding-left: 4mm; }
.sources-short li { break-inside: avoid; margin-bottom: 0.6mm; }
.task { border: 0.4mm solid #111; padding: 2mm 3mm; margin: 0 0 3mm 0;
        break-inside: avoid; page-break-inside: avoid; }
.task .lines { height: var(--h, 30mm);
  background: repeating-linear-gradient(#fff 0 6.5mm, #999 6.5mm 6.8mm); }
.options { list-style: none; padding-left: 2mm; margin: 1mm 0; }
.key { margin: 0 0 3mm 0; break-inside: avoid; page-break-inside: avoid; }
.key pre { background: #f1f1f1; padding: 1.5mm; }
"""


def lesson_notebooks(root: Path | None = None) -> list[Path]:
    """Every lesson notebook (``lessons/NN_*.ipynb``), so new lessons are picked up as added."""
    root = root or repo_root()
    return sorted(p for p in (root / "lessons").glob("[0-9][0-9]_*.ipynb") if p.is_file())


# ---------------------------------------------------------------- the reader

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.I | re.S)
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.I | re.S)
_DETAILS = re.compile(r"<details\b.*?</details>", re.I | re.S)
_MARKER = re.compile(r"\]\(#Sources \"([^\"]+)\"\)")
_BRACKET_IDS = re.compile(r"\[([a-z0-9][a-z0-9.\-_]+(?:;\s*[a-z0-9][a-z0-9.\-_]+)*)\](?!\()")
_ALT = re.compile(r"<img\b[^>]*\balt=\"([^\"]*)\"", re.I)
_HANDLERS = re.compile(r"\son[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_ANCHOR = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_SOURCES_HEADING = re.compile(r"^\s*#{1,3}\s*Sources\b", re.M)


def _markdown_html(text: str) -> str:
    from nbconvert.filters import markdown2html

    text = _DETAILS.sub("", text)
    text = re.sub(r"\]\(#Sources \"[^\"]+\"\)", "]()", text)  # a marker reads as its label
    rendered = _ANCHOR.sub("", markdown2html(text))
    return re.sub(r'<a href="">(.*?)</a>', r"\1", rendered)


def _clean_html(fragment: str) -> str:
    """An output's HTML without scripts, styles or event handlers (a static page)."""
    fragment = _DETAILS.sub("", _SCRIPT.sub("", fragment))  # "Go deeper" stays in the lesson
    return _HANDLERS.sub("", _STYLE.sub("", fragment))


def _output_html(output) -> str:
    """The printable form of one output: a figure with its alt text, a table, or nothing."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return ""  # printed text and errors belong to the code, which a reader does not show
    bundle = output.get("data", {})
    if "image/png" in bundle:
        found = _ALT.search(bundle.get("text/html", ""))
        alt = found.group(1) if found else bundle.get("text/plain", "A figure from the lesson")
        png = bundle["image/png"]
        png = png if isinstance(png, str) else base64.b64encode(png).decode()
        return (
            f'<figure class="output"><img src="data:image/png;base64,{png.strip()}" '
            f'alt="{E(alt, quote=True)}"></figure>'
        )
    if "text/html" in bundle:
        html = bundle["text/html"]
        html = "".join(html) if isinstance(html, list) else html
        return f'<div class="output">{_clean_html(html)}</div>'
    if WIDGET_MIME in bundle:
        return f'<p class="widget-note">{E(WIDGET_NOTE)}</p>'
    if "text/markdown" in bundle:
        return f'<div class="output">{_markdown_html(bundle["text/markdown"])}</div>'
    return ""


def cited_ids(markdown: str) -> list[str]:
    """Source ids cited in a lesson's Markdown: short markers and bracketed ids."""
    found = list(_MARKER.findall(markdown))
    for group in _BRACKET_IDS.findall(markdown):
        found += [i.strip() for i in group.split(";")]
    return list(dict.fromkeys(found))


def _short_sources(ids: Iterable[str]) -> str:
    table = sources._table()
    items = []
    for source_id in ids:
        if source_id not in table.index:
            continue
        row = table.loc[source_id]
        items.append(f"<li>{E(sources.short_label(source_id, table))}: {E(str(row['title']))}</li>")
    if not items:
        return ""
    return (
        '<h2>Sources</h2><p class="small">Each source as the lesson cites it; the full '
        "references, with addresses, are in the lesson's Sources list and in "
        f'data/sources.csv.</p><ul class="sources-short">{"".join(items)}</ul>'
    )


def lesson_number(path: Path) -> int:
    """The lesson number from a notebook's name (``02_strategic_empathy.ipynb`` is 2)."""
    return int(Path(path).name[:2])


def reader_html(path: Path | str) -> str:
    """A lesson as a student reader: narrative, quotations, figures, static widget forms."""
    path = Path(path)
    nb = notebooks.read(path)
    parts, cited = [], []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if _SOURCES_HEADING.match(cell.source):
                break  # the full source list: replaced by a short one at the end
            cited += cited_ids(cell.source)
            parts.append(_markdown_html(cell.source))
        elif cell.cell_type == "code":
            parts.extend(filter(None, (_output_html(o) for o in cell.get("outputs", []))))
    number = lesson_number(path)
    try:
        minutes = course.lesson(number).minutes
    except KeyError:
        minutes = ""
    note = (
        f'<p class="print-note">Reader for lesson {number} of the Thirteen Days course'
        + (f" ({E(minutes)} in Jupyter)" if minutes else "")
        + f". {E(WIDGET_NOTE)} Code cells are left out: in Jupyter they draw the figures and "
        'check answers. Longer "Go deeper" passages are in the lesson itself.</p>'
    )
    body = f'<div class="reader">{note}{"".join(parts)}{_short_sources(dict.fromkeys(cited))}</div>'
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip() if nb.cells else path.stem
    return page(f"Reader: {title}", body, READER_CSS)


# ---------------------------------------------------------------- exercises and answer keys


def _questions(number: int):
    from ..checks import questions

    return [q for q in questions() if q.lesson == number]


def _facts(question):
    try:
        return question.facts()
    except Exception:  # noqa: BLE001 - data unavailable: the paper form still prints the prompt
        return None


def _lines(height_mm: int) -> str:
    return f'<div class="lines" style="--h: {height_mm}mm"></div>'


def _options_html(facts) -> str:
    options = getattr(facts, "options", None) or getattr(facts, "items", None)
    if not options:
        return ""
    return (
        '<ul class="options">'
        + "".join(f"<li><strong>{E(label)}.</strong> {E(text)}</li>" for label, text in options)
        + "</ul>"
    )


def _paper_form(form: str) -> str:
    """A notebook answer form for paper: no quotes or brackets to type."""
    form = re.sub(r",?\s*(inside|in) (the )?quotes", "", form)
    form = re.sub(r",?\s*like \S.*$", "", form)
    form = re.sub(r"\s*\(no quotes needed\)|, or code that computes it|, or a datetime", "", form)
    form = form.replace(" between the triple quotes", "")
    return form.strip(" ,")


def exercises_html(number: int) -> str:
    """The lesson's checked questions on paper: prompt, form of the answer, options, space."""
    items = []
    for n, question in enumerate(_questions(number), start=1):
        facts = _facts(question)
        form = _paper_form(getattr(question, "answer_form", ""))
        space = 55 if question.scored_by_a_person else 14
        items.append(
            f'<div class="task"><p><strong>{n}.</strong> {E(question.prompt)}</p>'
            + (f'<p class="small muted">Answer: {E(form)}</p>' if form else "")
            + _options_html(facts)
            + _lines(space)
            + f'<p class="small muted">Question {E(question.id)}</p></div>'
        )
    title = _lesson_title(number)
    body = (
        f"<h1>Exercises: lesson {number}, {E(title)}</h1>"
        '<p class="print-note">Answer on this sheet. The answer key is a separate file, '
        "for the teacher.</p>" + "".join(items)
    )
    return page(f"Exercises: lesson {number}", body, READER_CSS)


def solution_answers(number: int, root: Path | None = None) -> dict[str, str]:
    """Each question's answer as written in its solution notebook (between the markers)."""
    root = root or repo_root()
    found = sorted((root / "exercises" / "solutions").glob(f"{number:02d}_*.ipynb"))
    if not found:
        return {}
    nb = nbformat.read(str(found[0]), as_version=4)
    answers, pending = {}, None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "# BEGIN SOLUTION" in cell.source:
            body = cell.source.split("# BEGIN SOLUTION", 1)[1].split("# END SOLUTION", 1)[0]
            pending = "\n".join(body.splitlines()[1:]).strip()
            continue
        checked = re.search(r"check\(\s*[\"']([^\"']+)[\"']", cell.source)
        if checked and pending is not None:
            answers[checked.group(1)] = pending
            pending = None
    return answers


def answers_html(number: int) -> str:
    """The answer key: the solution notebook's answer, why it is right, or the model answer."""
    solved = solution_answers(number)
    items = []
    for n, question in enumerate(_questions(number), start=1):
        facts = _facts(question)
        parts = [f"<p><strong>{n}. {E(question.id)}</strong> {E(question.prompt)}</p>"]
        if question.id in solved:
            parts.append(f"<pre>{E(solved[question.id])}</pre>")
        model = getattr(facts, "model_answer", "")
        if model:
            parts.append(
                f"<p><strong>Model answer (status <em>submitted</em>, scored by a "
                f"person):</strong> {E(model)}</p>"
            )
            rubric = getattr(facts, "rubric", ())
            if rubric:
                parts.append(
                    "<p><strong>Criteria:</strong></p><ul>"
                    + "".join(f"<li>{E(c)}</li>" for c in rubric)
                    + "</ul>"
                )
        why = getattr(facts, "why", "")
        if why:
            parts.append(f"<p><strong>Why:</strong> {E(why)}</p>")
        items.append(f'<div class="key">{"".join(parts)}</div>')
    title = _lesson_title(number)
    body = (
        f"<h1>Answer key: lesson {number}, {E(title)}</h1>"
        '<p class="print-note">For the teacher. Answers from the solution notebook '
        f"exercises/solutions/; written answers are scored with instructors/rubrics.md.</p>"
        + "".join(items)
    )
    return page(f"Answer key: lesson {number}", body, READER_CSS)


# ---------------------------------------------------------------- worksheets

ROLEPLAY_RECORD_ROWS = (
    "Round 1, morning",
    "Round 2, midday",
    "Round 3, afternoon",
    "Round 4, night and Sunday morning",
)


def _lesson_title(number: int) -> str:
    try:
        return course.lesson(number).title
    except KeyError:
        return f"Lesson {number}"


def _text_tasks(number: int) -> str:
    parts = []
    for question in _questions(number):
        if not question.scored_by_a_person:
            continue
        facts = _facts(question)
        template = getattr(facts, "template", "") or ""
        labels = [
            line.split(":")[0].strip(" -*#")
            for line in template.splitlines()
            if ":" in line and len(line.split(":")[0]) < 50
        ]
        if question.id == "02.empathy-map" and not labels:
            from ..perspectives import EMPATHY_FIELDS

            labels = ["Leader and day", *EMPATHY_FIELDS.values(), "Sources"]
        frame = "".join(f"<p><strong>{E(label)}:</strong></p>{_lines(22)}" for label in labels)
        parts.append(
            f'<div class="task"><p><strong>{E(question.id)}.</strong> {E(question.prompt)}</p>'
            + (frame or _lines(90))
            + "</div>"
        )
    return "".join(parts)


def _roleplay_record() -> str:
    rows = "".join(
        f"<tr><td>{E(name)}</td><td style='height:30mm'></td><td></td><td></td></tr>"
        for name in ROLEPLAY_RECORD_ROWS
    )
    return (
        '<div class="task"><h2>Role-play record: Black Saturday, 27 October 1962</h2>'
        "<p>Room: ____________________ Recorder: ____________________</p>"
        "<table><thead><tr><th>Round</th><th>What the room decided, and who argued for what"
        "</th><th>Messages sent (to whom, by which channel)</th><th>Messages received</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        "<p><strong>Final decision:</strong></p>" + _lines(25) + "</div>"
    )


def worksheet_html(number: int) -> str | None:
    """The lesson's written tasks as frames to fill by hand; None for a lesson with none."""
    tasks = _text_tasks(number)
    if number == 3:
        tasks += _roleplay_record()
    if not tasks:
        return None
    title = _lesson_title(number)
    body = (
        f"<h1>Worksheet: lesson {number}, {E(title)}</h1>"
        '<p class="print-note">Write by hand. Give a source id (from the reader or the '
        "course's tables) for each part; written work is scored with a rubric.</p>" + tasks
    )
    return page(f"Worksheet: lesson {number}", body, READER_CSS)


# ---------------------------------------------------------------- writing the pack


def handouts_dir() -> Path:
    """Where the print pack goes: ``instructors/handouts/`` (generated, kept out of git)."""
    return repo_root() / "instructors" / "handouts"


def pack(lesson_path: Path) -> dict[str, str]:
    """The print pack of one lesson, by file name."""
    stem, number = Path(lesson_path).stem, lesson_number(lesson_path)
    files = {f"{stem}_reader.html": reader_html(lesson_path)}
    worksheet = worksheet_html(number)
    if worksheet:
        files[f"{stem}_worksheet.html"] = worksheet
    if _questions(number):
        files[f"{stem}_exercises.html"] = exercises_html(number)
        files[f"{stem}_answers.html"] = answers_html(number)
    return files


def write_handouts(
    out_dir: Path | str | None = None, lessons: Iterable[Path] | None = None
) -> list[Path]:
    """Write each lesson's reader, worksheet, exercises and answer key; return their paths."""
    out = Path(out_dir) if out_dir is not None else handouts_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for lesson_path in lessons if lessons is not None else lesson_notebooks():
        for name, text in pack(Path(lesson_path)).items():
            target = out / name
            target.write_text(text, encoding="utf-8")
            paths.append(target)
    return paths
