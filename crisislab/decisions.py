"""The decision simulator: the crisis's hardest choices, as the participants saw them.

Each *decision point* (16 October: how to respond; 22 October: what to announce; 25 October:
the tanker Bucharest; 27 October: the U-2, the two letters, Turkey) offers the options the
record shows, who argued for each and, where ``quotes.csv`` has it, their words. After a choice
the simulator says what was actually chosen and why, how Moscow read it (from its documents),
and, for roads not taken, what a named historian suggests might have followed: always
labelled *informed speculation* (or *the course's own reasoning*, drawing on a named historian),
never presented as fact. Moscow's reaction to what was done is shown only under the historical
choice; another option shows Moscow's own position at the time. When all the decisions are made,
an end screen sets the student's path beside history, with the dangers the historical path met.

The content lives in ``data/decisions.json`` and is validated on load against the people,
quotes, events and sources tables; any problem raises :class:`crisislab.data.DataError` naming
the file, the point/option and the field.

    >>> sim = DecisionSimulator()
    >>> sim.choose("oct16-response", "air-strike")   # the feedback, as a Feedback object
    >>> sim.state()                                  # where the student is and what they chose
    >>> sim.summary_markdown()                       # their path beside the historical one
    >>> sim.path_text()                              # "oct16-response: air-strike" lines
    >>> DecisionSimulator().load_path(text)          # replays a pasted path in a fresh kernel
    >>> display(sim)                                 # the widget: one button per option

``decisions_table_html()`` is the static form for readers on GitHub or on paper.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ipywidgets as widgets

from . import data, sources, style
from .data import DataError
from .paths import data_dir
from .perspectives import quote_source_label
from .timeline import card_line

FILE = "decisions.json"
SPECULATION = "informed speculation"
#: The course's own reasoning about a road not taken, drawing on a named historian.
OWN_REASONING = "the course's own reasoning"
#: The labels a counterfactual may carry: never presented as fact.
COUNTERFACTUAL_LABELS = (SPECULATION, OWN_REASONING)
#: Dangers of the path actually taken (events_1962 ids), shown on the end screen: the
#: historical path was not the safe one.
HISTORICAL_DANGERS = ("e62-u2-shot-down", "e62-maultsby-u2", "e62-b59")
#: Feedback headings the widget, the text form and the tests share.
YOUR_CHOICE = "Your choice"
MOSCOW_HISTORICAL = "How Moscow read it"
MOSCOW_OTHER = "Moscow's side at the time"
#: Sections shown open in the panel; the others fold (<details>) and open on click or Enter.
OPEN_SECTIONS = (YOUR_CHOICE, "What became of this option")
#: Decision points must fall within the crisis (the U-2 photographs to the settlement).
DATE_RANGE = (date(1962, 10, 14), date(1962, 10, 28))
_ID = re.compile(r"^[a-z0-9][a-z0-9.\-_]*$")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.I)


@dataclass(frozen=True)
class Counterfactual:
    """A road not taken: what a named historian suggests, labelled informed speculation."""

    label: str
    historian: str
    text: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    """One option at a decision point, as the participants saw it."""

    id: str
    label: str
    advocates: tuple[str, ...]
    advocates_note: str
    quote_id: str
    what_happened: str
    moscow_reading: str
    counterfactual: Counterfactual | None
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class DecisionPoint:
    """A moment of decision: the situation, the question, the options and what was chosen."""

    id: str
    date: date
    title: str
    situation: str
    question: str
    event_ids: tuple[str, ...]
    chosen: str
    why_chosen: str
    moscow_reading: str
    moscow_quote_id: str
    source_ids: tuple[str, ...]
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError with the known ids otherwise)."""
        for item in self.options:
            if item.id == option_id:
                return item
        known = ", ".join(o.id for o in self.options)
        raise KeyError(f"Decision point {self.id!r} has no option {option_id!r} ({known}).")

    @property
    def historical(self) -> Option:
        """The option that was actually taken."""
        return self.option(self.chosen)


# ---------------------------------------------------------------- loading and validation


class _Checker:
    """Checks one decisions file and names file, point/option and field in every error."""

    def __init__(self, file: str, refs: dict[str, set[str]] | None) -> None:
        self.file, self.refs = file, refs

    def fail(
        self,
        index: int | None,
        where: str | None,
        field: str | None,
        expected: str,
        found: object = None,
    ) -> DataError:
        return DataError(self.file, index, field, expected, found, where)

    def text(self, obj: dict, field: str, index: int, where: str, required: bool = True) -> str:
        value = obj.get(field, "")
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise self.fail(index, where, field, "a text value", type(value).__name__)
        value = " ".join(value.split())
        if required and not value:
            raise self.fail(index, where, field, "a value (this field is required)", "")
        if _MARKUP.search(value):
            raise self.fail(index, where, field, "plain text without HTML or script markup", value)
        return value

    def ident(self, obj: dict, field: str, index: int, where: str) -> str:
        value = self.text(obj, field, index, where)
        if not _ID.match(value):
            raise self.fail(
                index, where, field, "an id of lowercase letters, digits, '.', '-' or '_'", value
            )
        return value

    def ids(
        self, obj: dict, field: str, index: int, where: str, table: str, required: bool
    ) -> tuple[str, ...]:
        value = obj.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(index, where, field, f"a list of {table} ids", value)
        if required and not value:
            raise self.fail(index, where, field, f"at least one {table} id", "[]")
        for item in value:
            self.known(item, table, index, where, field)
        return tuple(value)

    def known(self, value: str, table: str, index: int, where: str, field: str) -> None:
        if self.refs is None or not value:
            return
        if value not in self.refs[table]:
            raise self.fail(index, where, field, f"an id that exists in {table}", value)


def _refs(folder: Path) -> dict[str, set[str]]:
    events = set(data.load("events_1962", folder)["id"])
    return {
        "sources": set(data.load("sources", folder)["id"]),
        "people": set(data.load("people", folder)["id"]),
        "quotes": set(data.load("quotes", folder)["id"]),
        "events": events,
    }


def parse_decisions(
    doc: object, file: str = FILE, refs: dict[str, set[str]] | None = None
) -> tuple[DecisionPoint, ...]:
    """Validate a decisions document (already parsed JSON) and return its decision points.

    ``refs`` maps table names (sources, people, quotes, events) to known ids; without it the
    cross-references are not checked (useful for checking the shape alone).
    """
    check = _Checker(file, refs)
    if not isinstance(doc, dict) or not isinstance(doc.get("points"), list):
        raise check.fail(
            None, None, "points", "a JSON object with a list 'points'", type(doc).__name__
        )
    if not doc["points"]:
        raise check.fail(None, None, "points", "at least one decision point", "[]")
    points, seen = [], set()
    for index, raw in enumerate(doc["points"], start=1):
        if not isinstance(raw, dict):
            raise check.fail(index, None, None, "a decision point (a JSON object)", raw)
        pid = check.ident(raw, "id", index, f"point {index}")
        if pid in seen:
            raise check.fail(index, pid, "id", "a unique point id", pid)
        seen.add(pid)
        try:
            day = date.fromisoformat(check.text(raw, "date", index, pid))
        except ValueError:
            raise check.fail(
                index, pid, "date", "an ISO date YYYY-MM-DD", raw.get("date")
            ) from None
        if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
            raise check.fail(index, pid, "date", "a date between 14 and 28 October 1962", day)
        chosen = check.ident(raw, "chosen", index, pid)
        raw_options = raw.get("options") if isinstance(raw.get("options"), list) else []
        if len(raw_options) >= 2 and chosen not in {
            o.get("id") for o in raw_options if isinstance(o, dict)
        }:
            raise check.fail(index, pid, "chosen", "the id of one of this point's options", chosen)
        options = _parse_options(check, raw, index, pid)
        moscow_quote = check.text(raw, "moscow_quote_id", index, pid, required=False)
        check.known(moscow_quote, "quotes", index, pid, "moscow_quote_id")
        points.append(
            DecisionPoint(
                id=pid,
                date=day,
                title=check.text(raw, "title", index, pid),
                situation=check.text(raw, "situation", index, pid),
                question=check.text(raw, "question", index, pid),
                event_ids=check.ids(raw, "event_ids", index, pid, "events", required=False),
                chosen=chosen,
                why_chosen=check.text(raw, "why_chosen", index, pid),
                moscow_reading=check.text(raw, "moscow_reading", index, pid),
                moscow_quote_id=moscow_quote,
                source_ids=check.ids(raw, "source_ids", index, pid, "sources", required=True),
                options=options,
            )
        )
    return tuple(points)


def _parse_options(check: _Checker, raw: dict, index: int, pid: str) -> tuple[Option, ...]:
    items = raw.get("options")
    if not isinstance(items, list) or len(items) < 2:
        raise check.fail(index, pid, "options", "a list of at least two options", items)
    options, seen = [], set()
    chosen = raw.get("chosen")
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise check.fail(
                index, f"{pid}/option {number}", None, "an option (a JSON object)", item
            )
        oid = check.ident(item, "id", index, f"{pid}/option {number}")
        where = f"{pid}/{oid}"
        if oid in seen:
            raise check.fail(index, where, "id", "a unique option id within the point", oid)
        seen.add(oid)
        advocates = check.ids(item, "advocates", index, where, "people", required=False)
        note = check.text(item, "advocates_note", index, where, required=not advocates)
        quote = check.text(item, "quote_id", index, where, required=False)
        check.known(quote, "quotes", index, where, "quote_id")
        counterfactual = _parse_counterfactual(check, item, index, where, required=oid != chosen)
        options.append(
            Option(
                id=oid,
                label=check.text(item, "label", index, where),
                advocates=advocates,
                advocates_note=note,
                quote_id=quote,
                what_happened=check.text(item, "what_happened", index, where),
                moscow_reading=check.text(item, "moscow_reading", index, where),
                counterfactual=counterfactual,
                source_ids=check.ids(item, "source_ids", index, where, "sources", required=True),
            )
        )
    return tuple(options)


def _parse_counterfactual(
    check: _Checker, item: dict, index: int, where: str, required: bool
) -> Counterfactual | None:
    raw = item.get("counterfactual")
    if raw is None:
        if required:
            raise check.fail(
                index,
                where,
                "counterfactual",
                "a counterfactual for an option that was not taken "
                "(label, historian, text, source_ids)",
                None,
            )
        return None
    if not isinstance(raw, dict):
        raise check.fail(index, where, "counterfactual", "a JSON object", raw)
    label = check.text(raw, "label", index, where)
    if label not in COUNTERFACTUAL_LABELS:
        raise check.fail(
            index,
            where,
            "counterfactual.label",
            " or ".join(repr(x) for x in COUNTERFACTUAL_LABELS),
            label,
        )
    return Counterfactual(
        label=label,
        historian=check.text(raw, "historian", index, where),
        text=check.text(raw, "text", index, where),
        source_ids=check.ids(raw, "source_ids", index, where, "sources", required=True),
    )


def counterfactual_heading(cf: Counterfactual) -> str:
    """The heading of a road-not-taken box, naming its label and the historian it draws on."""
    if cf.label == OWN_REASONING:
        return f"If this had been chosen ({cf.label}, drawing on {cf.historian})"
    return f"If this had been chosen ({cf.label}, after {cf.historian})"


def load_decisions(folder: Path | str | None = None) -> tuple[DecisionPoint, ...]:
    """Read and validate ``decisions.json`` (cross-checked with the course's tables)."""
    folder = Path(folder) if folder is not None else data_dir()
    path = folder / FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(FILE, None, None, "the file to exist in the data folder") from None
    except UnicodeDecodeError:
        raise DataError(FILE, None, None, "UTF-8 text") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(FILE, exc.lineno, None, "well-formed JSON", exc.msg) from None
    return parse_decisions(doc, FILE, _refs(folder))


# ---------------------------------------------------------------- feedback


@dataclass(frozen=True)
class Feedback:
    """What a choice shows: the student's option, the historical one, Moscow, speculation."""

    point: DecisionPoint
    option: Option
    names: dict[str, str]
    quotes: dict[str, dict]

    @property
    def historical(self) -> bool:
        """True when the student chose what was actually chosen."""
        return self.option.id == self.point.chosen

    def sources(self) -> list[str]:
        """Every source id the feedback rests on, in order of first use."""
        ids: list[str] = []
        parts = [self.option.source_ids, self.point.source_ids]
        if self.option.counterfactual:
            parts.insert(1, self.option.counterfactual.source_ids)
        moscow_quote = self.point.moscow_quote_id if self.historical else ""
        for quote_id in (self.option.quote_id, moscow_quote):
            if quote_id and quote_id in self.quotes:
                parts.append(tuple(self.quotes[quote_id]["source_ids"].split(";")))
        for group in parts:
            for item in group:
                if item and item not in ids:
                    ids.append(item)
        return ids

    def _advocates(self) -> str:
        people = [self.names.get(p, p) for p in self.option.advocates]
        text = ", ".join(people) if people else "no one by name in the course's sources"
        if self.option.advocates_note:
            text = text.rstrip(".") + f". {self.option.advocates_note}"
        return text

    def _quote(self, quote_id: str) -> tuple[str, str] | None:
        row = self.quotes.get(quote_id)
        if not row:
            return None
        speaker = self.names.get(row["speaker_id"], row["speaker_id"])
        when = sources.quote_when(row)
        label = quote_source_label(row["source_ids"])  # one short label, as QuoteBlock's
        return row["text"], f"{speaker}, {when}" + (f"; {label}" if label else "")

    def sections(self) -> list[tuple[str, str]]:
        """The feedback as (heading, text) pairs: what the widget and the text form show."""
        point, option = self.point, self.option
        chosen = point.historical
        verdict = (
            "This is what was chosen."
            if self.historical
            else f"What was chosen instead: {chosen.label}."
        )
        out = [
            (YOUR_CHOICE, f"You chose {option.label}. {verdict}"),
            ("Who argued for it", self._advocates()),
        ]
        quote = self._quote(option.quote_id)
        if quote:
            out.append(("In their words", f"\u201c{quote[0]}\u201d ({quote[1]})"))
        out.append(("What became of this option", option.what_happened))
        out.append(("What was actually chosen, and why", point.why_chosen))
        if self.historical:
            # The point's reading is Moscow's reaction to what was actually done: it belongs
            # under the historical choice only (after an air strike Moscow would not have
            # learned of it from Kennedy's speech of 22 October).
            out.append((MOSCOW_HISTORICAL, f"{point.moscow_reading} {option.moscow_reading}"))
            moscow_quote = self._quote(point.moscow_quote_id)
            if moscow_quote:
                out.append(("Moscow's words", f"\u201c{moscow_quote[0]}\u201d ({moscow_quote[1]})"))
        else:
            out.append((MOSCOW_OTHER, option.moscow_reading))
        cf = option.counterfactual
        if cf is not None:
            out.append((counterfactual_heading(cf), f"{cf.text} [{'; '.join(cf.source_ids)}]"))
        out.append(("Sources", "; ".join(self.sources())))
        return out

    def text(self) -> str:
        """Plain text: what nbval compares and a screen reader gets."""
        head = f"{_long(self.point.date)}: {self.point.title}"
        return "\n".join([head, *(f"{h}: {t}" for h, t in self.sections())])

    def html(self) -> str:
        """Escaped, deterministic HTML; the speculation is boxed and labelled in words."""
        e = html.escape
        rows = []
        for heading, text in self.sections():
            if heading in OPEN_SECTIONS:
                rows.append(f"<p><b>{e(heading)}:</b> {e(text)}</p>")
                continue
            # Every other section folds: its heading shows, its text opens on click or Enter.
            speculation = heading.startswith("If this had been chosen")
            box = (
                ' class="crisislab-speculation" style="border:1px dashed #7F7F7F;'
                'padding:4px 8px;margin:4px 0"'
                if speculation
                else ' class="crisislab-decision-section"'
            )
            rows.append(
                f"<details{box}><summary><b>{e(heading)}</b></summary><p>{e(text)}</p></details>"
            )
        marker = "historical" if self.historical else "counterfactual"
        return (
            f'<div class="crisislab-decision-feedback crisislab-{marker}" role="status">'
            f"<h4>{e(_long(self.point.date))}: {e(self.point.title)}</h4>{''.join(rows)}</div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text(), "text/html": self.html()}

    def __repr__(self) -> str:
        return self.text()


def _long(day: object) -> str:
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"


# ---------------------------------------------------------------- the simulator


class DecisionSimulator:
    """Walk through the decision points; choose an option; compare your path with history."""

    def __init__(
        self, points: tuple[DecisionPoint, ...] | None = None, folder: Path | str | None = None
    ) -> None:
        self.points = tuple(points) if points is not None else load_decisions(folder)
        if not self.points:
            raise ValueError("The simulator needs at least one decision point.")
        people = data.load("people", folder)
        quotes = data.load("quotes", folder)
        self.names = dict(zip(people["id"], people["name"], strict=True))
        self.quotes = {row["id"]: row for row in quotes.to_dict("records")}
        self._choices: dict[str, str] = {}
        self._current = self.points[0].id
        self._folder = folder
        self._dangers: list[dict] | None = None
        self._build_widget()
        self._render()

    # ----- the Python API

    def point(self, point_id: str) -> DecisionPoint:
        """The decision point with this id (KeyError naming the known ids otherwise)."""
        for item in self.points:
            if item.id == point_id:
                return item
        known = ", ".join(p.id for p in self.points)
        raise KeyError(f"There is no decision point {point_id!r}; the points are: {known}.")

    def feedback(self, point_id: str, option_id: str) -> Feedback:
        """The feedback for an option, without recording a choice."""
        point = self.point(point_id)
        return Feedback(point, point.option(option_id), self.names, self.quotes)

    def choose(self, point_id: str, option_id: str) -> Feedback:
        """Choose an option at a decision point (as a click does) and return its feedback."""
        feedback = self.feedback(point_id, option_id)
        self._choices[point_id] = option_id
        self._current = point_id
        self._render(feedback)
        return feedback

    def go_to(self, point_id: str) -> None:
        """Show a decision point (its earlier choice, if any, stays recorded)."""
        self.point(point_id)
        self._current = point_id
        self._render()

    def state(self) -> dict:
        """Where the student is: current point, choices so far, and whether all are made."""
        return {
            "current": self._current,
            "choices": {p.id: self._choices[p.id] for p in self.points if p.id in self._choices},
            "matches_history": {
                p.id: self._choices[p.id] == p.chosen for p in self.points if p.id in self._choices
            },
            "complete": all(p.id in self._choices for p in self.points),
        }

    def reset(self) -> None:
        """Forget every choice and go back to the first decision point."""
        self._choices.clear()
        self._current = self.points[0].id
        self._render()

    def path(self) -> list[dict]:
        """One row per decision point: the student's choice beside the historical one."""
        rows = []
        for p in self.points:
            mine = self._choices.get(p.id)
            rows.append(
                {
                    "point": p.id,
                    "date": p.date.isoformat(),
                    "title": p.title,
                    "your_choice": p.option(mine).label if mine else "(not chosen yet)",
                    "historical_choice": p.historical.label,
                    "same": None if mine is None else mine == p.chosen,
                }
            )
        return rows

    def summary_markdown(self) -> str:
        """The path summary as Markdown, to paste into an answer or save with your work."""
        rows = self.path()
        made = sum(r["same"] is not None for r in rows)
        same = sum(bool(r["same"]) for r in rows)
        lines = [
            "## My path through the decision simulator",
            "",
            f"{made} of {len(rows)} decisions made; {same} the same as in 1962.",
            "",
            "| Date | Decision | My choice | Historical choice | Same? |",
            "|---|---|---|---|---|",
        ]
        for r in rows:
            mark = "-" if r["same"] is None else ("yes" if r["same"] else "no")
            cells = [r["date"], r["title"], r["your_choice"], r["historical_choice"], mark]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        return "\n".join(lines)

    def path_text(self) -> str:
        """Your path as plain lines, one per decision made: "oct16-response: blockade".

        Paste it into exercise 3 (between triple quotes); ``load_path`` replays it in a fresh
        kernel, where no click can be replayed.
        """
        return "\n".join(
            f"{p.id}: {self._choices[p.id]}" for p in self.points if p.id in self._choices
        )

    def load_path(self, text: str) -> None:
        """Make the choices written in ``text`` (lines "point-id: option-id", as path_text
        gives); blank lines and lines starting with # are skipped. Every line is checked
        before any choice is made, and an unknown point or option raises naming the line."""
        if not isinstance(text, str):
            raise TypeError(
                f"Paste your path as text (sim.path_text()), not {type(text).__name__}."
            )
        wanted: list[tuple[str, str]] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            point_id, sep, option_id = (part.strip() for part in line.partition(":"))
            if not sep:
                raise ValueError(f"Line {number} ({line!r}) is not 'point-id: option-id'.")
            try:
                self.point(point_id).option(option_id)
            except KeyError as error:
                raise ValueError(f"Line {number}: {error.args[0]}") from None
            wanted.append((point_id, option_id))
        for point_id, option_id in wanted:
            self._choices[point_id] = option_id
            self._current = point_id
        self._render()

    def historical_dangers(self) -> list[dict]:
        """The dangers met on the path actually taken (B-59, Anderson, Maultsby), as rows of
        events_1962 (id, date, title, description, source_ids); ids missing from the data are
        left out."""
        if self._dangers is None:
            events = data.load("events_1962", self._folder).set_index("id", drop=False)
            self._dangers = [
                {k: events.loc[i, k] for k in ("id", "date", "title", "description", "source_ids")}
                for i in HISTORICAL_DANGERS
                if i in events.index
            ]
        return self._dangers

    def end_html(self) -> str:
        """The end-of-path screen: your choices beside history, the dangers of the historical
        path, and your path as text to paste into exercise 3."""
        e = html.escape
        rows = self.path()
        same = sum(bool(r["same"]) for r in rows)
        dangers = "".join(
            f"<li><b>{e(d['title'])}</b> ({e(_long(d['date']))}). "
            f"{e(card_line(d['description'])[0])} "
            f"<small>[{e('; '.join(str(d['source_ids']).split(';')[:3]))}]</small></li>"
            for d in self.historical_dangers()
        )
        danger_block = (
            "<p>The path actually taken was not safe either. On it:</p>"
            f"<ul>{dangers}</ul>"
            "<p>None of these was chosen by the ExComm; each could have turned the crisis.</p>"
            if dangers
            else ""
        )
        return (
            '<div class="crisislab-decision-end">'
            f"<h4>The end of the {len(rows)} decisions</h4>"
            f"<p>You made {len(rows)} decisions; {same} the same as in 1962.</p>"
            f"{self.summary_html()}{danger_block}"
            "<p><b>Your path as text</b> (for exercise 3: run <code>sim.path_text()</code>, "
            "or copy these lines; <code>sim.load_path(text)</code> replays them):</p>"
            f'<pre class="crisislab-path-text">{e(self.path_text())}</pre></div>'
        )

    def summary_html(self) -> str:
        """The path summary as an escaped HTML table (words, not colour, say same or not)."""
        e = html.escape
        body = "".join(
            f"<tr><td>{e(r['date'])}</td><td>{e(r['title'])}</td><td>{e(r['your_choice'])}</td>"
            f"<td>{e(r['historical_choice'])}</td>"
            f"<td>{'-' if r['same'] is None else ('yes' if r['same'] else 'no')}</td></tr>"
            for r in self.path()
        )
        return (
            '<table class="crisislab-decision-path"><tr><th>Date</th><th>Decision</th>'
            "<th>Your choice</th><th>Historical choice</th><th>Same?</th></tr>"
            f"{body}</table>"
        )

    def shown_text(self) -> str:
        """What the widget's feedback area shows now, as plain text."""
        return re.sub(r"<[^>]+>", " ", html.unescape(self.feedback_html.value)).strip()

    # ----- the widget

    def _build_widget(self) -> None:
        # Previous/next buttons, not a menu: in JupyterLab the arrow keys on a menu move the
        # notebook's cell instead (ipywidgets#3912); buttons answer Tab and Enter or Space.
        self.previous_button = widgets.Button(
            description="Previous decision point",
            icon="arrow-left",
            layout=widgets.Layout(width="auto"),
        )
        self.previous_button.on_click(self._on_previous)
        self.next_button = widgets.Button(
            description="Next decision point",
            icon="arrow-right",
            layout=widgets.Layout(width="auto"),
        )
        self.next_button.on_click(self._on_next)
        self.status = widgets.HTML()
        self.status.add_class("crisislab-status")
        self.situation = widgets.HTML()
        self.buttons = widgets.VBox()
        # One set of option buttons per point, made once and then updated in place: rebuilt
        # buttons would send the keyboard focus back to the top of the page.
        self._option_buttons: dict[str, list[widgets.Button]] = {}
        self.feedback_html = widgets.HTML()
        self.reset_button = widgets.Button(
            description="Start again", icon="undo", layout=widgets.Layout(width="auto")
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.path_html = widgets.HTML()
        self.widget = style.course_widget(
            [
                widgets.HBox([self.previous_button, self.next_button]),
                self.status,
                self.situation,
                self.buttons,
                self.feedback_html,
                widgets.HBox([self.reset_button]),
                self.path_html,
            ],
            "crisislab-decisions",
            layout=widgets.Layout(max_width="60em"),
        )

    def _option_button(self, point: DecisionPoint, option: Option) -> widgets.Button:
        button = widgets.Button(
            description=option.label,
            tooltip=f"Choose: {option.label}",
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        button.add_class("crisislab-option")
        button.on_click(lambda _b, p=point.id, o=option.id: self.choose(p, o))
        return button

    def _buttons_for(self, point: DecisionPoint) -> list[widgets.Button]:
        if point.id not in self._option_buttons:
            self._option_buttons[point.id] = [self._option_button(point, o) for o in point.options]
        return self._option_buttons[point.id]

    def _on_previous(self, _button=None) -> None:
        ids = [p.id for p in self.points]
        self.go_to(ids[(ids.index(self._current) - 1) % len(ids)])

    def _on_next(self, _button=None) -> None:
        ids = [p.id for p in self.points]
        position = ids.index(self._current)
        self.go_to(ids[(position + 1) % len(ids)])

    def status_text(self) -> str:
        """The status line above the situation, as plain text."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.status.value))

    def _render(self, feedback: Feedback | None = None) -> None:
        e = html.escape
        point = self.point(self._current)
        self.situation.value = (
            f"<h3>{e(_long(point.date))}: {e(point.title)}</h3><p>{e(point.situation)}</p>"
            f"<p><b>{e(point.question)}</b> Choose one option.</p>"
        )
        buttons = self._buttons_for(point)
        if list(self.buttons.children) != buttons:
            self.buttons.children = buttons
        mine = self._choices.get(point.id)
        for option, button in zip(point.options, buttons, strict=True):
            # The chosen option is marked by a tick and a border (CSS), not by colour alone.
            if option.id == mine:
                button.add_class("crisislab-chosen")
            else:
                button.remove_class("crisislab-chosen")
        number = [p.id for p in self.points].index(point.id) + 1
        chosen = (
            f"you chose: <b>{e(point.option(mine).label)}</b>"
            + (" (as in 1962)" if mine == point.chosen else " (not what was chosen in 1962)")
            if mine
            else "no option chosen yet"
        )
        self.status.value = style.status_html(
            f"Decision point {number} of {len(self.points)}: {e(_long(point.date))}, "
            f"{e(point.title)} &middot; {chosen}"
        )
        if feedback is None and point.id in self._choices:
            feedback = self.feedback(point.id, self._choices[point.id])
        self.feedback_html.value = (
            feedback.html()
            if feedback is not None
            else "<p><i>Choose an option to see what happened.</i></p>"
        )
        if self.state()["complete"]:
            self.path_html.value = self.end_html()
        else:
            self.path_html.value = (
                "<h4>Your path so far</h4>"
                + self.summary_html()
                + "<p><small>When you have made every decision, an end screen sums up your "
                "path; <code>sim.path_text()</code> gives it as lines to paste into exercise 3."
                "</small></p>"
            )

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        state = self.state()
        bundle["text/plain"] = (
            f"DecisionSimulator: {len(self.points)} decision points; showing "
            f"{state['current']}; {len(state['choices'])} chosen so far."
        )
        return bundle


# ---------------------------------------------------------------- static form


def decisions_table_html(points: tuple[DecisionPoint, ...] | None = None) -> str:
    """Every decision point with its options and the historical choice, as an HTML table."""
    points = points if points is not None else load_decisions()
    e = html.escape
    rows = []
    for p in points:
        options = "".join(
            f"<li>{e(o.label)}{' <b>(chosen)</b>' if o.id == p.chosen else ''}</li>"
            for o in p.options
        )
        rows.append(
            f"<tr><td>{e(_long(p.date))}</td><td>{e(p.title)}</td><td><ul>{options}</ul></td>"
            f"<td>{e(p.why_chosen)} <small>[{e('; '.join(p.source_ids))}]</small></td></tr>"
        )
    return (
        '<table class="crisislab-decisions-table"><tr><th>Date</th><th>Decision</th>'
        f"<th>Options</th><th>What was chosen, and why</th></tr>{''.join(rows)}</table>"
    )


def decisions_table_text(points: tuple[DecisionPoint, ...] | None = None) -> str:
    """The same table as plain text (one line per point)."""
    points = points if points is not None else load_decisions()
    return "\n".join(
        f"{_long(p.date)}: {p.title}. Options: {'; '.join(o.label for o in p.options)}. "
        f"Chosen: {p.historical.label}."
        for p in points
    )


class DecisionsTable:
    """The static table, displayed as HTML with a plain-text form."""

    def __init__(self, points: tuple[DecisionPoint, ...] | None = None) -> None:
        self.points = points if points is not None else load_decisions()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": decisions_table_html(self.points),
            "text/plain": decisions_table_text(self.points),
        }
