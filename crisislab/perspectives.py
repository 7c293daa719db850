"""The perspective explorer: one moment of the crisis, seen side by side from three capitals.

Each moment (a row of ``data/moments.csv``) is shown in three columns, Washington, Moscow and
Havana: what that capital saw or did (in the course's words, with source ids), its own
documented words (quotes from ``data/quotes.csv``, each in the column of its speaker's
capital), and what it did not know at the time. Above the columns, the events of the moment
from ``data/events_1962.csv``, with when each capital learned of them.

    >>> explorer = PerspectiveExplorer()
    >>> explorer.select("m62-u2-shot-down")
    >>> explorer.column_text("moscow")          # what the Moscow column says, as plain text
    >>> explorer.shown_quotes("havana")         # quote ids shown in the Havana column

``moments_table_html()`` is the static form for readers on GitHub or on paper.
"""

from __future__ import annotations

import html
import re
from datetime import date

import ipywidgets as widgets
import pandas as pd

from . import data, sources, style

#: The three columns: key -> (label, actor in the data's vocabulary).
CAPITALS = {
    "washington": ("Washington", "United States"),
    "moscow": ("Moscow", "Soviet Union"),
    "havana": ("Havana", "Cuba"),
}
_LEARNED = {"washington": "washington_learned", "moscow": "moscow_learned"}
_CITATION = re.compile(r"\[([a-z0-9][a-z0-9.\-_;\s]*)\]")


def _split(value: object) -> list[str]:
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if isinstance(day, date) else "undated"


def capital_of(actor: str) -> str | None:
    """The column key ('washington', 'moscow', 'havana') for an actor, or None for others."""
    for key, (_label, name) in CAPITALS.items():
        if actor == name:
            return key
    return None


def _capital_key(name: str) -> str:
    key = str(name).strip().casefold()
    for capital, (label, actor) in CAPITALS.items():
        if key in (capital, label.casefold(), actor.casefold()):
            return capital
    raise ValueError(
        f"Unknown capital {name!r}; choose one of: " + ", ".join(repr(c) for c in CAPITALS)
    )


def cited_ids(text: str) -> list[str]:
    """The source ids cited in square brackets in a moment's text, in order."""
    found: list[str] = []
    for group in _CITATION.findall(text or ""):
        for part in _split(group):
            if part not in found:
                found.append(part)
    return found


def _text_html(text: str) -> str:
    """Escape a moment's text; citations become small, quiet source ids."""
    escaped = html.escape(text)
    return re.sub(r"\[([^\]]+)\]", r'<small class="crisislab-cite">[\1]</small>', escaped)


def _learned_text(value: str) -> str:
    value = str(value or "").strip()
    if not value:
        return "not recorded"
    if value == "never":
        return "never at the time"
    if re.fullmatch(r"\d{4}", value):
        return f"only in {value}"
    try:
        return _long_date(date.fromisoformat(value))
    except ValueError:
        return value


class PerspectiveExplorer:
    """Pick a moment; read how Washington, Moscow and Havana each saw it, side by side.

    Drive it with its buttons or from Python: ``select(moment_id)``; read ``column_text(capital)``,
    ``shown_quotes(capital)``, ``unknown(capital)`` and ``shown_events()``.
    """

    def __init__(
        self,
        moments: pd.DataFrame | None = None,
        events: pd.DataFrame | None = None,
        quotes: pd.DataFrame | None = None,
        people: pd.DataFrame | None = None,
        moment: str | None = None,
    ) -> None:
        self.moments = data.load("moments") if moments is None else moments
        if self.moments.empty:
            raise ValueError("There are no moments to explore (data/moments.csv is empty).")
        events = data.load("events_1962") if events is None else events
        quotes = data.load("quotes") if quotes is None else quotes
        people = data.load("people") if people is None else people
        self._moments = {row["id"]: row for row in self.moments.to_dict("records")}
        self._events = {row["id"]: row for row in events.to_dict("records")}
        self._quotes = {row["id"]: row for row in quotes.to_dict("records")}
        self._people = {row["id"]: row for row in people.to_dict("records")}
        order = sorted(
            self._moments.values(), key=lambda r: (r["date"], list(self._moments).index(r["id"]))
        )
        self._order = [(f"{_long_date(r['date'])}: {r['title']}", r["id"]) for r in order]
        self._moment = self._moment_id(moment) if moment else order[0]["id"]
        # Previous/next buttons, not a menu: in JupyterLab the arrow keys on a menu move the
        # notebook's cell instead (ipywidgets#3912); buttons answer Tab and Enter or Space.
        self.previous_button = widgets.Button(
            description="\u25c0 Previous moment", tooltip="Show the previous moment"
        )
        self.next_button = widgets.Button(
            description="Next moment \u25b6", tooltip="Show the next moment"
        )
        self.previous_button.on_click(lambda _button: self.step(-1))
        self.next_button.on_click(lambda _button: self.step(1))
        self.status = widgets.HTML()
        self.status.add_class("crisislab-status")
        self.heading = widgets.HTML()
        self.heading.add_class("crisislab-moment")
        self.columns: dict[str, widgets.HTML] = {}
        boxes = []
        for key in CAPITALS:
            # Stacked, one capital under the other: one readable column at any width.
            column = widgets.HTML(layout=widgets.Layout(width="100%", max_width="48em"))
            column.add_class(f"crisislab-perspective-{key}")
            self.columns[key] = column
            boxes.append(column)
        self.others = widgets.HTML()
        self.widget = style.course_widget(
            [
                widgets.HBox([self.previous_button, self.next_button]),
                self.status,
                self.heading,
                widgets.VBox(boxes, layout=widgets.Layout(width="100%")),
                self.others,
            ],
            "crisislab-perspectives",
        )
        self._render()

    # -- Python API ---------------------------------------------------------------------------

    def moment_ids(self) -> list[str]:
        """The ids of the moments, in the order the buttons step through them (by date)."""
        return [value for _label, value in self._order]

    @property
    def moment(self) -> str:
        """The id of the selected moment."""
        return self._moment

    def select(self, moment_id: str) -> None:
        """Pick a moment by id (e.g. 'm62-bucharest') or by its title."""
        wanted = self._moment_id(moment_id)
        if wanted != self._moment:
            self._moment = wanted
            self._render()

    def step(self, by: int = 1) -> None:
        """Show the next moment (``by=1``) or the previous one (``by=-1``), wrapping around."""
        ids = self.moment_ids()
        self.select(ids[(ids.index(self.moment) + int(by)) % len(ids)])

    def status_text(self) -> str:
        """The status line above the columns, as plain text ('Moment 2 of 6: ...')."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.status.value))

    def shown_events(self) -> list[str]:
        """The ids of the events listed for the selected moment, in date order."""
        ids = [i for i in _split(self._row()["event_ids"]) if i in self._events]
        return sorted(ids, key=lambda i: (self._events[i]["date"], ids.index(i)))

    def shown_quotes(self, capital: str | None = None) -> list[str]:
        """The quote ids shown now: in one capital's column, or everywhere (capital=None)."""
        wanted = None if capital is None else _capital_key(capital)
        shown = []
        for quote_id in _split(self._row()["quote_ids"]):
            if quote_id not in self._quotes:
                continue
            where = self._quote_capital(quote_id)
            if wanted is None or where == wanted:
                shown.append(quote_id)
        return shown

    def view(self, capital: str) -> str:
        """What a capital saw or did at this moment (the course's words, with source ids)."""
        return str(self._row()[f"{_capital_key(capital)}_view"])

    def unknown(self, capital: str) -> str:
        """What a capital did not know at this moment, and when it came out."""
        return str(self._row()[f"{_capital_key(capital)}_unknown"])

    def column_html(self, capital: str) -> str:
        """The HTML of one column as shown now."""
        return self.columns[_capital_key(capital)].value

    def column_text(self, capital: str) -> str:
        """One column as plain text (what a screen reader gets)."""
        text = re.sub(r"<(br|/p|/li|/blockquote|/h4)>", "\n", self.column_html(capital))
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())

    def sources(self) -> list[str]:
        """Every source id behind what is shown now (moment, events and quotes)."""
        ids = _split(self._row()["source_ids"])
        for event_id in self.shown_events():
            ids += _split(self._events[event_id]["source_ids"])
        for quote_id in self.shown_quotes():
            ids += _split(self._quotes[quote_id]["source_ids"])
        return list(dict.fromkeys(ids))

    # -- Rendering ----------------------------------------------------------------------------

    def _row(self) -> dict:
        return self._moments[self._moment]

    def _moment_id(self, name: str) -> str:
        key = str(name).strip()
        if key in self._moments:
            return key
        for moment_id, row in self._moments.items():
            if key.casefold() == str(row["title"]).casefold():
                return moment_id
        raise ValueError(f"Unknown moment {name!r}; choose one of: " + ", ".join(self._moments))

    def _quote_capital(self, quote_id: str) -> str | None:
        speaker = self._people.get(self._quotes[quote_id]["speaker_id"])
        return capital_of(speaker["actor"]) if speaker else None

    def _quote_html(self, quote_id: str) -> str:
        quote = self._quotes[quote_id]
        speaker = self._people.get(quote["speaker_id"], {})
        name = speaker.get("name", quote["speaker_id"])
        when = sources.quote_when(quote)
        label = quote_source_label(quote["source_ids"])
        byline = f"{name}, {when}" + (f" ({label})" if label else "")
        e = html.escape
        return (
            f'<blockquote class="crisislab-quote" data-quote="{e(quote_id, quote=True)}" '
            f'style="margin:6px 0 6px 8px;padding-left:8px;border-left:3px solid #999">'
            f"&ldquo;{e(quote['text'])}&rdquo;<br><small>&mdash; {e(byline)}</small></blockquote>"
        )

    def _column(self, key: str) -> str:
        label, actor = CAPITALS[key]
        row = self._row()
        colour = style.actor_colour(actor)
        quotes = "".join(self._quote_html(q) for q in self.shown_quotes(key))
        if not quotes:
            quotes = "<p><small>No quotation from this side at this moment in the data.</small></p>"
        return (
            f'<div style="border-top:6px solid {colour};padding:4px 8px">'
            f"<h4>{html.escape(label)} ({html.escape(actor)})</h4>"
            f"<p><b>What {html.escape(label)} saw:</b> {_text_html(row[f'{key}_view'])}</p>"
            f"<p><b>In their own words:</b></p>{quotes}"
            f"<p><b>What {html.escape(label)} did not know:</b> "
            f"{_text_html(row[f'{key}_unknown'])}</p></div>"
        )

    def _heading(self) -> str:
        row = self._row()
        items = []
        for event_id in self.shown_events():
            event = self._events[event_id]
            learned = "; ".join(
                f"{CAPITALS[k][0]} learned: {_learned_text(event.get(column, ''))}"
                for k, column in _LEARNED.items()
            )
            items.append(
                f"<li>{html.escape(_long_date(event['date']))}: {html.escape(event['title'])} "
                f"<small>({html.escape(learned)}) [{html.escape(event['source_ids'])}]</small></li>"
            )
        return (
            f"<h3>{html.escape(row['title'])}, {html.escape(_long_date(row['date']))}</h3>"
            f"<p><b>The record</b> (events in the course's timeline):</p><ul>{''.join(items)}</ul>"
        )

    def _others(self) -> str:
        others = [q for q in self.shown_quotes() if self._quote_capital(q) is None]
        if not others:
            return ""
        return "<p><b>Other voices:</b></p>" + "".join(self._quote_html(q) for q in others)

    def _render(self) -> None:
        ids = self.moment_ids()
        label = dict((v, k) for k, v in self._order)[self._moment]
        self.status.value = style.status_html(
            f"Moment {ids.index(self._moment) + 1} of {len(ids)}: <b>{html.escape(label)}</b>"
        )
        self.heading.value = self._heading()
        for key, column in self.columns.items():
            column.value = self._column(key)
        self.others.value = self._others()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        row = self._row()
        bundle["text/plain"] = (
            f"PerspectiveExplorer: {row['title']} ({_long_date(row['date'])}); "
            f"quotes shown: {', '.join(self.shown_quotes()) or 'none'}"
        )
        return bundle


def moments_table_html(moments: pd.DataFrame | None = None) -> str:
    """Every moment as a table: one row per moment, one column per capital (the static form)."""
    moments = data.load("moments") if moments is None else moments
    head = "".join(f"<th>{html.escape(label)}</th>" for label, _ in CAPITALS.values())
    rows = []
    for row in moments.sort_values("date", kind="stable").to_dict("records"):
        cells = "".join(
            f'<td style="vertical-align:top">{_text_html(row[f"{key}_view"])}'
            f"<br><i>Did not know:</i> {_text_html(row[f'{key}_unknown'])}</td>"
            for key in CAPITALS
        )
        rows.append(
            f'<tr><th style="vertical-align:top">{html.escape(row["title"])}<br>'
            f"<small>{html.escape(_long_date(row['date']))}</small></th>{cells}</tr>"
        )
    return f'<table class="crisislab-moments"><tr><th>Moment</th>{head}</tr>{"".join(rows)}</table>'


def moments_table_text(moments: pd.DataFrame | None = None) -> str:
    """The moments as plain text: date and title, one a line."""
    moments = data.load("moments") if moments is None else moments
    return "\n".join(
        f"{_long_date(r['date'])}: {r['title']}"
        for r in moments.sort_values("date", kind="stable").to_dict("records")
    )


class MomentsTable:
    """The static table of the moments (all, or those named), as HTML with a plain-text form."""

    def __init__(
        self, ids: list[str] | str | None = None, moments: pd.DataFrame | None = None
    ) -> None:
        moments = data.load("moments") if moments is None else moments
        if ids is not None:
            wanted = _split(ids) if isinstance(ids, str) else list(ids)
            unknown = [i for i in wanted if i not in set(moments["id"])]
            if unknown:
                raise ValueError(f"Unknown moment {unknown[0]!r}; see data/moments.csv.")
            moments = moments[moments["id"].isin(wanted)]
        self.moments = moments

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": moments_table_html(self.moments),
            "text/plain": moments_table_text(self.moments),
        }


# --------------------------------------------------------------------------------------------
# Quotations and empathy maps, as the lesson shows them
# --------------------------------------------------------------------------------------------


class QuoteBlock:
    """One quotation from data/quotes.csv as a blockquote: verbatim text, speaker, date, ids."""

    def __init__(
        self,
        quote_id: str,
        quotes: pd.DataFrame | None = None,
        people: pd.DataFrame | None = None,
    ) -> None:
        quotes = data.load("quotes") if quotes is None else quotes
        people = data.load("people") if people is None else people
        match = quotes[quotes["id"] == quote_id]
        if match.empty:
            raise KeyError(f"There is no quote {quote_id!r} in data/quotes.csv.")
        self.row = match.iloc[0].to_dict()
        speaker = people[people["id"] == self.row["speaker_id"]]
        self.speaker = speaker.iloc[0]["name"] if not speaker.empty else self.row["speaker_id"]
        self.when = sources.quote_when(self.row)

    def _byline(self) -> str:
        """Speaker, date and one short source label: 'Fidel Castro, 26 October 1962 (Dobbs
        2008)'. The quote id stays out of the reader's way (a data attribute in the HTML)."""
        when = f", {self.when}" if self.when else ""
        label = quote_source_label(self.row["source_ids"])
        return f"{self.speaker}{when}" + (f" ({label})" if label else "")

    def context_line(self) -> str:
        """The quote's context in one short line (its first sentence, cut if long)."""
        return short_context(self.row.get("context", ""))

    def _repr_mimebundle_(self, include=None, exclude=None):
        e = html.escape
        context = self.context_line()
        context_html = f"<br><i>{e(context)}</i>" if context else ""
        return {
            "text/html": (
                f'<blockquote class="crisislab-quote" data-quote="{e(self.row["id"], quote=True)}" '
                'style="border-left:4px solid #999;'
                f'margin:8px 0;padding:4px 12px">&ldquo;{e(self.row["text"])}&rdquo;'
                f"<br><small>&mdash; {e(self._byline())}{context_html}</small>"
                "</blockquote>"
            ),
            "text/plain": f"> \u201c{self.row['text']}\u201d\n> \u2014 {self._byline()}",
        }


#: Source tiers preferred for a quote's one source label: the document, a memoir, a scholar.
_LABEL_TIERS = ("primary", "memoir", "scholarly")
#: A quote's context line is cut to about this many characters.
CONTEXT_CHARS = 110


def quote_source_label(source_ids: str) -> str:
    """One short label for a quote's sources: its first primary, memoir or scholarly source
    (``sources.short_label``), else its first source; "" when it has none."""
    ids = _split(source_ids)
    if not ids:
        return ""
    table = sources._table()
    chosen = next(
        (i for i in ids if i in table.index and table.loc[i, "tier"] in _LABEL_TIERS), ids[0]
    )
    return sources.short_label(chosen, table)


def short_context(text: object) -> str:
    """A context in one short line: its first sentence, cut at a word with an ellipsis."""
    value = " ".join(str(text or "").split())
    first = re.split(r"(?<=[.;])\s+", value, maxsplit=1)[0].rstrip(";")
    if len(first) <= CONTEXT_CHARS:
        return first
    return first[: CONTEXT_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def quote(quote_id: str) -> QuoteBlock:
    """Show a quotation from data/quotes.csv (verbatim, with speaker, date and source ids)."""
    return QuoteBlock(quote_id)


EMPATHY_FIELDS = {
    "fears": "What they fear",
    "goals": "What they want",
    "pressures": "Who presses them, and how",
    "cannot_say": "What they cannot say in public",
    "way_out": "What would let them back down",
}


def _filled(value: object) -> str:
    """A part of the map as text; empty when it is blank or still the placeholder ``...``."""
    if value is None or value is ...:
        return ""
    text = str(value).strip()
    return "" if text in ("...", "\u2026") else text


class EmpathyMap:
    """An empathy map for a leader on a day: fears, goals, pressures, the unsayable, a way out."""

    def __init__(self, leader: str, day: str, sources: str = "", **fields: str) -> None:
        unknown = set(fields) - set(EMPATHY_FIELDS)
        if unknown:
            raise ValueError(
                f"Unknown part {sorted(unknown)[0]!r}; an empathy map has: "
                + ", ".join(EMPATHY_FIELDS)
            )
        self.leader, self.day, self.sources = str(leader), str(day), str(sources)
        self.fields = {key: _filled(fields.get(key)) for key in EMPATHY_FIELDS}

    def missing(self) -> list[str]:
        """The parts still to fill in (empty, or left as ...)."""
        return [key for key, value in self.fields.items() if not value]

    def _repr_mimebundle_(self, include=None, exclude=None):
        e = html.escape
        rows = "".join(
            f'<tr><th style="text-align:left;vertical-align:top">{e(label)}</th>'
            f"<td>{e(self.fields[key]) or '<i>(to fill in)</i>'}</td></tr>"
            for key, label in EMPATHY_FIELDS.items()
        )
        sources = f"<p><small>Sources: [{e(self.sources)}]</small></p>" if self.sources else ""
        lines = [f"Empathy map: {self.leader}, {self.day}"]
        lines += [
            f"- {label}: {self.fields[k] or '(to fill in)'}" for k, label in EMPATHY_FIELDS.items()
        ]
        if self.sources:
            lines.append(f"Sources: [{self.sources}]")
        return {
            "text/html": (
                f'<table class="crisislab-empathy-map"><caption><b>Empathy map: '
                f"{e(self.leader)}, {e(self.day)}</b></caption>{rows}</table>{sources}"
            ),
            "text/plain": "\n".join(lines),
        }
