"""The instructor kit's scripts: role cards from ``data/``, lesson handouts, plan checks, links.

Usage (from the course folder)::

    python -m crisislab.instructors cards      # instructors/roleplay/: cards.md, .html, record.md
    python -m crisislab.instructors handouts   # instructors/handouts/NN_topic.html, one a lesson
    python -m crisislab.instructors check      # every lesson has a plan with the fixed headings
    python -m crisislab.instructors link https://hub.example.org   # an nbgitpuller link

The role cards are rendered from ``data/roles.csv`` (and the people, quotes, events and sources it
points to), never typed by hand. Handouts are made from the committed lessons, which are stored
executed, so their figures are already in them: nothing is re-executed.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from . import course, data, notebooks, sources
from .paths import relative_to_root, repo_root

# ---------------------------------------------------------------- role cards

ROLEPLAY_DAY = date(1962, 10, 27)
SIDES = ("ExComm", "Presidium", "Embassy", "Havana")
SIDE_LABELS = {
    "ExComm": "ExComm room, Washington",
    "Presidium": "Presidium room, Moscow",
    "Embassy": "Soviet embassy, Washington (between the rooms)",
    "Havana": "Havana (a table of its own)",
}
# Which capital's knowledge a side shares (events_1962's washington_learned / moscow_learned).
_LEARNED_COLUMN = {
    "ExComm": "washington_learned",
    "Presidium": "moscow_learned",
    "Embassy": "moscow_learned",
}


@dataclass(frozen=True)
class CardQuote:
    """A quotation printed on a card, with its speaker, date and sources."""

    id: str
    speaker: str
    date: str
    text: str
    source_ids: str


@dataclass(frozen=True)
class CardEvent:
    """An event on a card's timeline."""

    id: str
    when: str
    title: str


@dataclass(frozen=True)
class Card:
    """One role card: what the role stands for, knows and does not know on 27 October 1962."""

    id: str
    person_id: str
    name: str
    office: str
    side: str
    position: str
    private_knowledge: str
    does_not_know: str
    quotes: tuple[CardQuote, ...]
    timeline: tuple[CardEvent, ...]  # events the role's capital knew of by that morning
    sealed_quotes: tuple[CardQuote, ...]  # said later: read only at the debrief
    sealed_events: tuple[CardEvent, ...]  # later, or unknown to the role's side that morning
    source_ids: tuple[str, ...]


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


_CITY = {"America/New_York": "Washington", "Europe/Moscow": "Moscow", "America/Havana": "Havana"}


def _when(row) -> str:
    day = row["date"]
    text = f"{day.day} {day:%B %Y}"
    if row["time_local"]:
        city = _CITY.get(row["tz"], row["tz"].split("/")[-1].replace("_", " "))
        text += f", {row['time_local']} {city} time"
    return text


def _known_that_morning(side: str, event) -> bool:
    """True when the role's side knew of an event before 27 October (so it goes on the card)."""
    if event["date"] >= ROLEPLAY_DAY:
        return False
    if side == "Havana":  # no Havana column: Castro's table knows the events Cuba took part in
        return "Cuba" in _split(event["actors"])
    learned = data.parse_learned(event[_LEARNED_COLUMN[side]])
    return learned is not None and learned <= ROLEPLAY_DAY


def _lookup(frame: pd.DataFrame, key: str, value: str, number: int, column: str, rid: str):
    match = frame[frame[key] == value]
    if match.empty:
        table = {"people": "people.csv", "quotes": "quotes.csv"}.get(key, "events_1962.csv")
        raise data.DataError(
            "roles.csv", number, column, f"an id that exists in {table}", value, rid
        )
    return match.iloc[0]


def cards(folder: Path | str | None = None) -> list[Card]:
    """Every role card from ``roles.csv``, in room order (ExComm, Presidium, Embassy, Havana)."""
    roles = data.load("roles", folder)
    people = data.load("people", folder)
    quotes = data.load("quotes", folder)
    events = data.events(1962, folder)
    names = dict(zip(people["id"], people["name"], strict=True))
    result = []
    for number, row in enumerate(roles.to_dict("records"), start=1):
        person = _lookup(people, "id", row["person_id"], number, "person_id", row["id"])
        open_quotes, sealed_quotes, cited = [], [], list(_split(row["source_ids"]))
        for qid in _split(row["quote_ids"]):
            q = _lookup(quotes, "id", qid, number, "quote_ids", row["id"])
            quote_row = CardQuote(
                qid,
                names.get(q["speaker_id"], q["speaker_id"]),
                sources.quote_when(q),
                q["text"],
                q["source_ids"],
            )
            early = _said_before(q, ROLEPLAY_DAY)
            (open_quotes if early else sealed_quotes).append(quote_row)
            cited.extend(i for i in _split(q["source_ids"]) if i not in cited)
        timeline, sealed_events = [], []
        wanted = _split(row["event_ids"])
        for eid in wanted:
            _lookup(events, "id", eid, number, "event_ids", row["id"])  # names a missing id
        for event in events[events["id"].isin(wanted)].to_dict("records"):  # in time order
            item = CardEvent(event["id"], _when(event), event["title"])
            (timeline if _known_that_morning(row["side"], event) else sealed_events).append(item)
        result.append(
            Card(
                id=row["id"],
                person_id=row["person_id"],
                name=person["name"],
                office=person["role"],
                side=row["side"],
                position=row["position"],
                private_knowledge=row["private_knowledge"],
                does_not_know=row["does_not_know"],
                quotes=tuple(open_quotes),
                timeline=tuple(timeline),
                sealed_quotes=tuple(sealed_quotes),
                sealed_events=tuple(sealed_events),
                source_ids=tuple(dict.fromkeys(cited)),
            )
        )
    order = {side: i for i, side in enumerate(SIDES)}
    return sorted(result, key=lambda card: order[card.side])  # stable: file order within a room


_INTRO = (
    "Role cards for the role-play *Black Saturday, 27 October 1962* (see "
    "`instructors/roleplay/README.md`). Each card is as of the **morning of Saturday 27 October "
    "1962**. Print one card per player. The part below the fold line is **sealed**: players "
    "fold it under and read it only at the debrief. Source ids in square brackets resolve in "
    "the Sources list on each card and in `data/sources.csv`. Generated from `data/roles.csv` "
    "by `python -m crisislab.instructors cards`: correct the data, not this file."
)


def _said_before(q: dict, day: date) -> bool:
    """Whether a quotation's words existed before ``day`` (a later recollection never did)."""
    if q["kind"] in ("recollection", "reported_later"):
        return False
    try:
        return date.fromisoformat(str(q["said_on"])) < day
    except ValueError:  # a bare year: only a year before 1962's crisis counts
        return int(str(q["said_on"])[:4]) < day.year


def _quote_md(q: CardQuote) -> str:
    when = q.date or "undated"
    return f'> "{q.text}"\n>\n> {q.speaker}, {when} [{q.source_ids.replace(";", "; ")}]'


def card_markdown(card: Card, number: int = 1, total: int = 1) -> str:
    """One card as Markdown (the sealed part after a fold line)."""
    lines = [
        f"## Card {number} of {total}: {card.name}",
        "",
        f"*{card.office}*. Room: **{SIDE_LABELS[card.side]}**. Card id `{card.id}`.",
        "",
        "**Your position, as of the morning of Saturday 27 October 1962.** " + card.position,
        "",
        "**What you know that the other room may not.** " + card.private_knowledge,
        "",
    ]
    if card.quotes:
        lines += ["**In their words**", ""]
        for q in card.quotes:
            lines += [_quote_md(q), ""]
    if card.timeline:
        lines += ["**Your timeline so far**", ""]
        lines += [f"- {e.when}: {e.title} (`{e.id}`)" for e in card.timeline]
        lines.append("")
    lines += [
        "* * *",
        "",
        "**Fold here: sealed until the debrief.**",
        "",
        "**What you do not know.** " + card.does_not_know,
        "",
    ]
    if card.sealed_events:
        lines += ["**What happened, or what you learned only later**", ""]
        lines += [f"- {e.when}: {e.title} (`{e.id}`)" for e in card.sealed_events]
        lines.append("")
    for q in card.sealed_quotes:
        lines += [_quote_md(q), ""]
    lines += ["**Sources**", ""]
    lines += [f"- {sources.reference_text(i)}" for i in card.source_ids]
    return "\n".join(lines) + "\n"


def cards_markdown(all_cards: list[Card]) -> str:
    """Every card as one Markdown document, with a list of roles by room."""
    lines = ["# Role cards: Black Saturday, 27 October 1962", "", _INTRO, ""]
    for side in SIDES:
        members = [c for c in all_cards if c.side == side]
        if members:
            lines.append(f"- **{SIDE_LABELS[side]}:** " + ", ".join(c.name for c in members))
    lines.append("")
    for number, card in enumerate(all_cards, start=1):
        lines += [card_markdown(card, number, len(all_cards)), ""]
    return "\n".join(lines).rstrip() + "\n"


_E = html.escape
_CITATION = re.compile(r"\[([a-z0-9][a-z0-9.\-_; ]*)\]")

CARD_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11.5pt; line-height: 1.4;
       color: #111; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin: 0 0 .2em 0; }
.card { border: 2px solid #111; padding: .8em 1.1em; margin: 1.5em 0; }
.room { font-weight: bold; text-transform: uppercase; letter-spacing: .05em; }
.fold { border-top: 2px dashed #111; margin: 1em 0 .6em 0; padding-top: .2em;
        font-size: .85em; text-align: center; }
blockquote { margin: .5em 0 .5em 1em; padding-left: .8em; border-left: 3px solid #555; }
.sources { font-size: .8em; } .id { font-family: monospace; font-size: .9em; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; }
  .card { page-break-after: always; break-after: page; border: none; margin: 0; padding: 0; }
  .intro { page-break-after: always; break-after: page; } a { color: #111; } }
"""


def _html_text(text: str) -> str:
    """Escape text and mark its bracketed source ids (so print readers see them as citations)."""
    escaped = _E(text)
    return _CITATION.sub(lambda m: f'<span class="id">[{m.group(1)}]</span>', escaped)


def _quote_html(q: CardQuote) -> str:
    ids = _E(q.source_ids.replace(";", "; "))
    return (
        f"<blockquote>&ldquo;{_E(q.text)}&rdquo;<br>&mdash; {_E(q.speaker)}, "
        f'{_E(q.date or "undated")} <span class="id">[{ids}]</span></blockquote>'
    )


def _events_html(events: Iterable[CardEvent]) -> str:
    items = "".join(
        f'<li>{_E(e.when)}: {_E(e.title)} <span class="id">({_E(e.id)})</span></li>' for e in events
    )
    return f"<ul>{items}</ul>"


def card_html(card: Card, number: int = 1, total: int = 1) -> str:
    """One card as an HTML section (every text from data is escaped)."""
    parts = [
        f'<section class="card" id="{_E(card.id, quote=True)}">',
        f"<h2>Card {number} of {total}: {_E(card.name)}</h2>",
        f'<p><em>{_E(card.office)}</em><br><span class="room">Room: '
        f"{_E(SIDE_LABELS[card.side])}</span></p>",
        "<p><strong>Your position, as of the morning of Saturday 27 October 1962.</strong> "
        f"{_html_text(card.position)}</p>",
        "<p><strong>What you know that the other room may not.</strong> "
        f"{_html_text(card.private_knowledge)}</p>",
    ]
    if card.quotes:
        parts.append("<p><strong>In their words</strong></p>")
        parts.extend(_quote_html(q) for q in card.quotes)
    if card.timeline:
        parts.append("<p><strong>Your timeline so far</strong></p>" + _events_html(card.timeline))
    parts.append('<div class="fold">fold here: sealed until the debrief</div>')
    parts.append(f"<p><strong>What you do not know.</strong> {_html_text(card.does_not_know)}</p>")
    if card.sealed_events:
        parts.append(
            "<p><strong>What happened, or what you learned only later</strong></p>"
            + _events_html(card.sealed_events)
        )
    parts.extend(_quote_html(q) for q in card.sealed_quotes)
    refs = "".join(f"<li>{_E(sources.reference_text(i))}</li>" for i in card.source_ids)
    parts.append(f'<div class="sources"><strong>Sources</strong><ul>{refs}</ul></div>')
    parts.append("</section>")
    return "\n".join(parts)


def cards_html(all_cards: list[Card]) -> str:
    """Every card as one printable, self-contained HTML page (one card per printed page)."""
    rooms = "".join(
        f"<li><strong>{_E(SIDE_LABELS[side])}:</strong> "
        + _E(", ".join(c.name for c in all_cards if c.side == side))
        + "</li>"
        for side in SIDES
        if any(c.side == side for c in all_cards)
    )
    intro = _E(_INTRO).replace("*Black Saturday, 27 October 1962*", "<em>Black Saturday</em>")
    intro = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", intro)
    intro = re.sub(r"`(.+?)`", r'<span class="id">\1</span>', intro)
    body = "\n".join(card_html(c, n, len(all_cards)) for n, c in enumerate(all_cards, start=1))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Role cards: Black Saturday, 27 October 1962</title>\n"
        f"<style>{CARD_CSS}</style>\n</head>\n<body>\n"
        '<div class="intro"><h1>Role cards: Black Saturday, 27 October 1962</h1>'
        f"<p>{intro}</p><ul>{rooms}</ul></div>\n{body}\n</body>\n</html>\n"
    )


def record_markdown(folder: Path | str | None = None) -> str:
    """The record of 27-28 October 1962 from ``events_1962.csv``, for the debrief."""
    events = data.events(1962, folder)
    days = events[events["date"].isin([ROLEPLAY_DAY, date(1962, 10, 28)])]
    lines = [
        "# The record: 27-28 October 1962 (for the debrief)",
        "",
        "What actually happened, in order, from `data/events_1962.csv`, with when each capital "
        "learned of it. Hand it out only at the debrief. Generated by `python -m "
        "crisislab.instructors cards`: correct the data, not this file.",
        "",
        "| When | What happened | Washington learned | Moscow learned | Sources |",
        "|---|---|---|---|---|",
    ]
    for row in days.to_dict("records"):
        cells = [
            _when(row),
            f"**{row['title']}** (`{row['id']}`). {row['description']}",
            row["washington_learned"],
            row["moscow_learned"],
            row["source_ids"].replace(";", "; "),
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def roleplay_dir() -> Path:
    """Where the role-play's generated files go: ``instructors/roleplay/``."""
    return repo_root() / "instructors" / "roleplay"


def write_cards(out_dir: Path | str | None = None) -> list[Path]:
    """Write cards.md, cards.html and record.md; return their paths."""
    out = Path(out_dir) if out_dir is not None else roleplay_dir()
    out.mkdir(parents=True, exist_ok=True)
    all_cards = cards()
    written = {
        "cards.md": cards_markdown(all_cards),
        "cards.html": cards_html(all_cards),
        "record.md": record_markdown(),
    }
    paths = []
    for name, text in written.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------- handouts

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "Interactive widget: it works in Jupyter. In this handout it shows as text; the static "
    "figure or table next to it tells the same story."
)
HANDOUT_CSS = """
.crisislab-handout-note { border: 1px solid #555; padding: .5em .8em; margin: 1em auto;
  max-width: 60em; font-family: sans-serif; font-size: 10pt; }
@media print { .jp-InputArea, .jp-Cell-inputWrapper { break-inside: avoid; }
  .jp-OutputArea-output img { max-width: 100% !important; break-inside: avoid; } }
"""
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.I | re.S)


def lesson_notebooks(root: Path | None = None) -> list[Path]:
    """Every lesson notebook (``lessons/NN_*.ipynb``), so new lessons are picked up as added."""
    root = root or repo_root()
    return sorted(p for p in (root / "lessons").glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _static_notebook(nb):
    """A copy of an executed notebook whose widget outputs show their text form, with a note."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            bundle = output.get("data")
            if bundle and WIDGET_MIME in bundle:
                del bundle[WIDGET_MIME]
                plain = bundle.get("text/plain", "")
                if "text/html" not in bundle:
                    bundle["text/plain"] = f"[{WIDGET_NOTE}]\n{plain}".rstrip()
    return nb


def lesson_handout_html(path: Path | str) -> str:
    """A lesson as one self-contained HTML page for printing or reading without Jupyter."""
    from nbconvert import HTMLExporter  # imported here: only instructors need nbconvert

    path = Path(path)
    nb = _static_notebook(notebooks.read(path))
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    body = _SCRIPT.sub("", body)  # a static page: no scripts, nothing fetched from a CDN
    note = (
        '<div class="crisislab-handout-note">Handout of <code>'
        f"{_E(relative_to_root(path))}</code> from the Thirteen Days course, made by "
        "<code>python -m crisislab.instructors handouts</code> from the executed lesson. "
        f"{_E(WIDGET_NOTE)} Code cells are shown as they are; run the lesson in Jupyter to "
        "try them.</div>"
    )
    body = body.replace("</head>", f"<style>{HANDOUT_CSS}</style>\n</head>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + note, body, count=1)
    return body


def handouts_dir() -> Path:
    """Where handouts go: ``instructors/handouts/`` (generated, kept out of git)."""
    return repo_root() / "instructors" / "handouts"


def write_handouts(
    out_dir: Path | str | None = None, lessons: Iterable[Path] | None = None
) -> list[Path]:
    """Write one ``NN_topic.html`` per lesson notebook; return their paths."""
    out = Path(out_dir) if out_dir is not None else handouts_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for lesson_path in lessons if lessons is not None else lesson_notebooks():
        target = out / (Path(lesson_path).stem + ".html")
        target.write_text(lesson_handout_html(lesson_path), encoding="utf-8")
        paths.append(target)
    return paths


# ---------------------------------------------------------------- session plans

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


# ---------------------------------------------------------------- JupyterHub link

COURSE_REPO = "https://github.com/thirteen-days/course"


def nbgitpuller_link(
    hub_url: str,
    repo: str = COURSE_REPO,
    branch: str = "main",
    notebook: str = "lessons/00_start_here.ipynb",
) -> str:
    """An nbgitpuller link that pulls the course into a hub user's home and opens a notebook."""
    hub = hub_url.rstrip("/")
    if not hub.startswith(("https://", "http://")):
        raise ValueError("Give the hub's address, starting with https:// (or http://).")
    folder = repo.rstrip("/").split("/")[-1].removesuffix(".git")
    urlpath = f"lab/tree/{folder}/{notebook}"
    return (
        f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}"
        f"&branch={quote(branch, safe='')}&urlpath={quote(urlpath, safe='')}"
    )


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """Write role cards or handouts, check the plans, or print a JupyterHub link."""
    parser = argparse.ArgumentParser(
        prog="python -m crisislab.instructors",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cards_cmd = commands.add_parser("cards", help="role cards and the debrief record")
    cards_cmd.add_argument("--out", type=Path, help="folder (default instructors/roleplay)")
    handouts_cmd = commands.add_parser("handouts", help="one HTML handout per lesson")
    handouts_cmd.add_argument("--out", type=Path, help="folder (default instructors/handouts)")
    handouts_cmd.add_argument("lessons", nargs="*", type=Path, help="lesson notebooks (all)")
    commands.add_parser("check", help="every lesson has a complete 50-minute plan")
    link_cmd = commands.add_parser("link", help="an nbgitpuller link for a JupyterHub")
    link_cmd.add_argument("hub", help="the hub's address, e.g. https://hub.example.org")
    link_cmd.add_argument("--repo", default=COURSE_REPO)
    link_cmd.add_argument("--branch", default="main")
    link_cmd.add_argument("--notebook", default="lessons/00_start_here.ipynb")
    args = parser.parse_args(argv)

    if args.command == "cards":
        for path in write_cards(args.out):
            print(f"wrote {relative_to_root(path)}")
        return 0
    if args.command == "handouts":
        missing = [p for p in args.lessons if not p.is_file()]
        if missing:
            print(f"There is no lesson notebook at {missing[0]}.")
            return 2
        for path in write_handouts(args.out, args.lessons or None):
            print(f"wrote {relative_to_root(path)} ({path.stat().st_size / 1e3:.0f} kB)")
        return 0
    if args.command == "check":
        problems = all_plan_problems()
        for problem in problems:
            print(problem)
        print("Plans: " + ("complete." if not problems else f"{len(problems)} problem(s)."))
        return 1 if problems else 0
    try:
        print(nbgitpuller_link(args.hub, args.repo, args.branch, args.notebook))
    except ValueError as exc:
        print(exc)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
