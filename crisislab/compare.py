"""Lesson 4: 1962 and 2022 side by side, moment by moment, number by number, claim by claim.

- ``crisis_day`` and ``aligned_events`` put both timelines on one "crisis day" axis (day 1 is
  an anchor event of each year), and ``timelines_figure`` draws them in one figure with the
  paired moments of ``data/pairs.csv`` joined.
- ``ComparisonExplorer`` pairs moments by kind (public threat, alert, ambiguous incident,
  backchannel, face-saving step, third-party role): both events with their sources and each
  side's documented words, then what is alike and unlike. ``PairsTable`` is its static form.
- ``arsenal_figure``, ``range_ratio`` and ``channels_figure`` turn ``forces.csv`` and
  ``channels.csv`` into charts; every number comes from the data at run time.
- ``ArgumentMap`` shows the article's claims (``claims.csv``) with evidence for and against.
- ``brief_template`` and ``missing_sections`` support the capstone strategic-empathy brief.

    >>> explorer = ComparisonExplorer()
    >>> explorer.select_kind("ambiguous_incident")
    >>> explorer.shown_events()            # ('e62-u2-shot-down', 'e22-przewodow-missile')
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Iterable
from datetime import date

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import data, sources, style
from .timeline import long_date

#: The kinds of moment, in the order the explorer offers them, with their labels.
KIND_LABELS = {
    "public_threat": "Public threat",
    "alert": "Alert",
    "ambiguous_incident": "Ambiguous incident",
    "backchannel": "Backchannel",
    "face_saving": "Face-saving step",
    "third_party": "Third-party role",
}
#: What each kind means, shown under the menu and in the static table.
KIND_DEFINITIONS = {
    "public_threat": "A leader states in public how his side would answer, including with "
    "nuclear weapons.",
    "alert": "A side raises the readiness of forces that include nuclear weapons.",
    "ambiguous_incident": "A deadly incident whose author and meaning are unclear at first.",
    "backchannel": "A private or deniable contact that says what public statements cannot.",
    "face_saving": "A step, or talk of one, that lets a leader back down without humiliation.",
    "third_party": "A state or body outside the two sides that steps in or takes a position.",
}
#: Day 1 of each crisis on the common axis: the morning Kennedy saw the photographs, and
#: Putin's "not a bluff" address, which opened the autumn of nuclear signalling in 2022.
ANCHORS = {1962: "e62-bundy-briefs-president", 2022: "e22-mobilisation-address"}
YEARS = (1962, 2022)

_CITATION = re.compile(r"\[([a-z0-9][a-z0-9.\-_;\s]*)\]")


def _split(value: object) -> list[str]:
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def cited_ids(text: str) -> list[str]:
    """The source ids cited in square brackets in a text, in order of first use."""
    found: list[str] = []
    for group in _CITATION.findall(text or ""):
        for part in _split(group):
            if part not in found:
                found.append(part)
    return found


def _text_html(text: str) -> str:
    """Escape a text; its bracketed citations become small, quiet source ids."""
    escaped = html.escape(str(text))
    return re.sub(r"\[([^\]]+)\]", r'<small class="crisislab-cite">[\1]</small>', escaped)


def _plain(markup: str) -> str:
    text = re.sub(r"<(br|/p|/li|/blockquote|/h3|/h4|/tr)>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def kind_key(name: str) -> str:
    """The kind for a key or label a student might type ('alert', 'Face-saving step')."""
    wanted = str(name).strip().casefold().replace("-", "_").replace(" ", "_")
    for key, label in KIND_LABELS.items():
        if wanted in (key, label.casefold().replace("-", "_").replace(" ", "_")):
            return key
    raise ValueError(f"Unknown kind {name!r}; choose one of: " + ", ".join(KIND_LABELS))


# --------------------------------------------------------------------------------------------
# One axis for both crises
# --------------------------------------------------------------------------------------------


def crisis_day(day: date, anchor: date) -> int:
    """The day number of ``day`` when ``anchor`` is day 1 (the day before it is day 0)."""
    return (day - anchor).days + 1


def anchor_dates(
    events_1962: pd.DataFrame, events_2022: pd.DataFrame, anchors: dict[int, str] | None = None
) -> dict[int, date]:
    """The date of each year's anchor event (day 1 on the common axis)."""
    anchors = ANCHORS if anchors is None else anchors
    result = {}
    for year, frame in ((1962, events_1962), (2022, events_2022)):
        match = frame[frame["id"] == anchors[year]]
        if match.empty:
            raise ValueError(f"The anchor event {anchors[year]!r} is not in the {year} events.")
        result[year] = match.iloc[0]["date"]
    return result


def aligned_events(
    events_1962: pd.DataFrame | None = None,
    events_2022: pd.DataFrame | None = None,
    anchors: dict[int, str] | None = None,
) -> pd.DataFrame:
    """Both timelines in one table with a ``crisis_day`` column (day 1 = each year's anchor)."""
    events_1962 = data.events(1962) if events_1962 is None else events_1962
    events_2022 = data.events(2022) if events_2022 is None else events_2022
    days = anchor_dates(events_1962, events_2022, anchors)
    frames = []
    for year, frame in ((1962, events_1962), (2022, events_2022)):
        part = frame[["id", "date", "title", "actors", "importance"]].copy()
        part.insert(0, "year", year)
        part["crisis_day"] = [crisis_day(d, days[year]) for d in part["date"]]
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def _check_pairs(pairs: pd.DataFrame, years: dict[str, int]) -> None:
    """Each pair joins a 1962 event to a 2022 event, and its kind is a known kind."""
    for row in pairs.to_dict("records"):
        if row["kind"] not in KIND_LABELS:
            raise ValueError(f"pair {row['id']!r}: unknown kind {row['kind']!r}")
        for column, year in (("event_1962", 1962), ("event_2022", 2022)):
            found = years.get(row[column])
            if found != year:
                where = "is not in the course's events" if found is None else f"is a {found} event"
                raise ValueError(f"pair {row['id']!r}: {column} {row[column]!r} {where}")


def _quote_year(quote: dict) -> int:
    """The side (1962 or 2022) a quote belongs to, from the date it is about."""
    when = str(quote.get("about_date") or quote.get("said_on") or "")
    return 1962 if when[:4].isdigit() and int(when[:4]) < 2000 else 2022


def _main_actor(row: dict) -> str:
    return _split(row.get("actors", ""))[0] if row.get("actors") else "Other"


#: The default window of the common axis: the thirteen days of 1962 and the autumn of 2022.
WINDOW = (-15, 65)


def _stagger(ends: list[tuple[float, int]], gap: float) -> dict[int, int]:
    """A label level per pair number, so that labels of nearby days do not overlap."""
    levels: dict[int, int] = {}
    placed: list[tuple[float, int]] = []
    for x, number in sorted(ends):
        used = {level for px, level in placed if abs(px - x) < gap}
        level = next(i for i in range(len(ends) + 1) if i not in used)
        levels[number] = level
        placed.append((x, level))
    return levels


def _spread(
    points: list[tuple[float, int]], gap: float, low: float, high: float
) -> dict[int, float]:
    """Label x positions at least ``gap`` apart, each run of crowded labels centred on its
    markers and kept inside [low, high]: numbers in one row, never a pile."""
    runs: list[list[tuple[float, int]]] = []
    for x, number in sorted(points):
        if runs and x - runs[-1][-1][0] < gap:
            runs[-1].append((x, number))
        else:
            runs.append([(x, number)])
    placed: dict[int, float] = {}
    last = -math.inf
    for run in runs:
        width = gap * (len(run) - 1)
        start = sum(x for x, _ in run) / len(run) - width / 2
        start = min(max(start, low, last + gap), high - width)
        for k, (_x, number) in enumerate(run):
            placed[number] = start + k * gap
        last = start + width
    return placed


def timelines_figure(
    pairs: pd.DataFrame | None = None,
    events_1962: pd.DataFrame | None = None,
    events_2022: pd.DataFrame | None = None,
    anchors: dict[int, str] | None = None,
    window: tuple[int, int] = WINDOW,
    width: float = 9.0,
    height: float = 4.4,
) -> Figure:
    """Both timelines on one crisis-day axis: key events as markers, each pair joined by a line.

    The pairs are numbered in the order of ``pairs.csv``; the legend names each number's kind,
    so the figure reads without colour. A paired event outside the window is drawn at the
    window's edge with its day written out. The thirteen days of 1962 are shaded.
    """
    pairs = data.load("pairs") if pairs is None else pairs
    events_1962 = data.events(1962) if events_1962 is None else events_1962
    events_2022 = data.events(2022) if events_2022 is None else events_2022
    table = aligned_events(events_1962, events_2022, anchors)
    by_id = {row["id"]: row for row in table.to_dict("records")}
    _check_pairs(pairs, {i: r["year"] for i, r in by_id.items()})
    low, high = window
    if low >= high:
        raise ValueError("The window runs from an earlier day to a later one, e.g. (-15, 65).")
    lane = {1962: 1.0, 2022: 0.0}

    fig = style.new_figure(width, height)
    ax = fig.add_subplot()
    ax.axvspan(0.5, 13.5, color=style.OKABE_ITO["yellow"], alpha=0.3, lw=0)
    ax.text(
        7,
        -0.62,
        "days 1-13:\nthe thirteen days\nof 1962",
        ha="center",
        va="bottom",
        fontsize=style.FONT_SIZES["annotation"],
    )
    paired = set(pairs["event_1962"]) | set(pairs["event_2022"])
    inside = table[(table["crisis_day"] >= low) & (table["crisis_day"] <= high)]
    key = inside[(inside["importance"] == 1) | inside["id"].isin(paired)]
    seen_actors: dict[str, None] = {}
    for row in key.to_dict("records"):
        actor = _main_actor(row)
        seen_actors.setdefault(actor)
        big = row["id"] in paired
        ax.plot(
            [row["crisis_day"]],
            [lane[row["year"]]],
            linestyle="none",
            marker=style.actor_marker(actor),
            markersize=8 if big else 4,
            color=style.actor_colour(actor),
            alpha=1.0 if big else 0.5,
            gid=f"event:{row['id']}",
        )
    records = list(enumerate(pairs.to_dict("records"), start=1))
    clamp = {}
    for number, row in records:
        for year in YEARS:
            day = by_id[row[f"event_{year}"]]["crisis_day"]
            clamp[number, year] = (min(max(day, low), high), day)
    handles = []
    gap = (high - low) / 28  # about one label's width
    for year, sign in ((1962, 1), (2022, -1)):
        # Labels of days inside the window sit in one row, spread apart, each joined to its
        # marker by a thin leader; labels of days outside it stack at the window's edge.
        inner = [
            (clamp[n, year][0], n) for n, _row in records if clamp[n, year][0] == clamp[n, year][1]
        ]
        spread = _spread(inner, gap, low, high)
        outer = [(clamp[n, year][0], n) for n, _row in records if n not in spread]
        levels = _stagger(outer, gap=(high - low) / 40)
        for number, _row in records:
            x, day = clamp[number, year]
            if number in spread:
                label_x, y = spread[number], lane[year] + sign * 0.3
                if abs(label_x - x) > 1e-9:
                    ax.plot(
                        [x, label_x],
                        [lane[year] + sign * 0.06, y - sign * 0.07],
                        color=style.OKABE_ITO["grey"],
                        linewidth=0.6,
                    )
                text, ha = str(number), "center"
            else:
                label_x, y = x, lane[year] + sign * (0.13 + 0.1 * levels[number])
                text, ha = f"{number} (day {day})", ("left" if x == low else "right")
            ax.text(
                label_x,
                y,
                text,
                ha=ha,
                va="center",
                fontsize=style.FONT_SIZES["annotation"],
                fontweight="bold",
                gid=f"label:{year}:{number}",
            )
    for number, row in records:
        ax.plot(
            [clamp[number, 1962][0], clamp[number, 2022][0]],
            [lane[1962], lane[2022]],
            color=style.OKABE_ITO["grey"],
            linewidth=0.8,
            linestyle="-" if clamp[number, 2022][0] == clamp[number, 2022][1] else "--",
            gid=f"pair:{row['id']}",
        )
        handles.append(
            Line2D([], [], linestyle="none", label=f"{number}: {KIND_LABELS[row['kind']]}")
        )
    handles.extend(style.actor_legend_handles(seen_actors))
    days = anchor_dates(events_1962, events_2022, anchors)
    ax.set_yticks(
        [lane[1962], lane[2022]],
        [
            f"1962\n(day 1 = {days[1962].day} {days[1962]:%b %Y})",
            f"2022\n(day 1 = {days[2022].day} {days[2022]:%b %Y})",
        ],
    )
    ax.set_xlim(low - 1, high + 1)
    ax.set_ylim(-0.75, 1.75)
    ax.set_xlabel("Crisis day (day 1 = each year's anchor event; negative = before it)")
    ax.set_title("1962 and 2022 on one crisis-day axis, paired moments joined")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def timelines_alt(
    pairs: pd.DataFrame | None = None,
    events_1962: pd.DataFrame | None = None,
    events_2022: pd.DataFrame | None = None,
    anchors: dict[int, str] | None = None,
) -> str:
    """Alt text for the timelines figure: each numbered pair with its two crisis days."""
    pairs = data.load("pairs") if pairs is None else pairs
    table = aligned_events(events_1962, events_2022, anchors).set_index("id")
    parts = []
    for number, row in enumerate(pairs.to_dict("records"), start=1):
        old, new = table.loc[row["event_1962"]], table.loc[row["event_2022"]]
        parts.append(
            f"{number} {KIND_LABELS[row['kind']]}: 1962 day {old['crisis_day']}, "
            f"2022 day {new['crisis_day']}"
        )
    return (
        "Two timelines on one crisis-day axis, 1962 above and 2022 below, with paired moments "
        "joined by lines. " + "; ".join(parts) + "."
    )


# --------------------------------------------------------------------------------------------
# The comparison explorer
# --------------------------------------------------------------------------------------------


class ComparisonExplorer:
    """Pick a kind of moment; read a 1962 event and a 2022 event side by side, with sources.

    Drive it with its buttons or from Python: ``select_kind(kind)``, ``select_pair(pair_id)``;
    read ``shown_events()``, ``shown_quotes()``, ``column_text(year)``, ``comparison_text()``
    and ``sources()``.
    """

    def __init__(
        self,
        pairs: pd.DataFrame | None = None,
        events_1962: pd.DataFrame | None = None,
        events_2022: pd.DataFrame | None = None,
        quotes: pd.DataFrame | None = None,
        people: pd.DataFrame | None = None,
        kind: str | None = None,
        anchors: dict[int, str] | None = None,
    ) -> None:
        self.pairs = data.load("pairs") if pairs is None else pairs
        if self.pairs.empty:
            raise ValueError("There are no pairs to compare (data/pairs.csv is empty).")
        events_1962 = data.events(1962) if events_1962 is None else events_1962
        events_2022 = data.events(2022) if events_2022 is None else events_2022
        quotes = data.load("quotes") if quotes is None else quotes
        people = data.load("people") if people is None else people
        self._events = {
            **{r["id"]: {**r, "year": 1962} for r in events_1962.to_dict("records")},
            **{r["id"]: {**r, "year": 2022} for r in events_2022.to_dict("records")},
        }
        _check_pairs(self.pairs, {i: r["year"] for i, r in self._events.items()})
        self._pairs = {row["id"]: row for row in self.pairs.to_dict("records")}
        self._people = {row["id"]: row for row in people.to_dict("records")}
        self._quotes_by_event: dict[str, list[dict]] = {}
        self._quotes = {row["id"]: row for row in quotes.to_dict("records")}
        for row in self._quotes.values():
            if row.get("event_id"):
                self._quotes_by_event.setdefault(row["event_id"], []).append(row)
        try:
            self._anchor = anchor_dates(events_1962, events_2022, anchors)
        except ValueError:
            self._anchor = {}
        kinds = [k for k in KIND_LABELS if any(p["kind"] == k for p in self._pairs.values())]
        # Toggle buttons and previous/next buttons, not menus: in JupyterLab the arrow keys on
        # a menu move the notebook's cell instead (ipywidgets#3912).
        self.kind_buttons = widgets.ToggleButtons(
            options=[(KIND_LABELS[k], k) for k in kinds],
            value=kind_key(kind) if kind else kinds[0],
            description="Kind of moment",
            style={"description_width": "initial", "button_width": "auto"},
        )
        self._pair = self.pair_ids(self.kind_buttons.value)[0]
        self.previous_pair_button = widgets.Button(
            description="\u25c0 Previous pair", tooltip="The previous pair of this kind"
        )
        self.next_pair_button = widgets.Button(
            description="Next pair \u25b6", tooltip="The next pair of this kind"
        )
        self.previous_pair_button.on_click(lambda _button: self.step_pair(-1))
        self.next_pair_button.on_click(lambda _button: self.step_pair(1))
        self.status = widgets.HTML()
        self.status.add_class("crisislab-status")
        self.heading = widgets.HTML()
        self.heading.add_class("crisislab-compare-heading")
        self.columns = {year: widgets.HTML(layout=widgets.Layout(width="49%")) for year in YEARS}
        for year, column in self.columns.items():
            column.add_class(f"crisislab-compare-{year}")
        self.comparison = widgets.HTML()
        self.comparison.add_class("crisislab-compare-verdict")
        self.kind_buttons.observe(self._on_kind, names="value")
        self.widget = style.course_widget(
            [
                self.kind_buttons,
                widgets.HBox([self.previous_pair_button, self.next_pair_button]),
                self.status,
                self.heading,
                widgets.HBox(
                    [self.columns[1962], self.columns[2022]],
                    layout=widgets.Layout(width="100%", justify_content="space-between"),
                ),
                self.comparison,
            ],
            "crisislab-compare",
        )
        self._render()

    # -- Python API ---------------------------------------------------------------------------

    def kinds(self) -> list[str]:
        """The kinds on the buttons, in the order shown."""
        return [value for _label, value in self.kind_buttons.options]

    @property
    def kind(self) -> str:
        """The selected kind (e.g. 'ambiguous_incident')."""
        return self.kind_buttons.value

    @property
    def pair(self) -> str:
        """The id of the selected pair."""
        return self._pair

    def pair_ids(self, kind: str | None = None) -> list[str]:
        """The ids of the pairs of a kind (the selected kind by default), in data order."""
        wanted = self.kind if kind is None else kind_key(kind)
        return [i for i, row in self._pairs.items() if row["kind"] == wanted]

    def select_kind(self, kind: str) -> None:
        """Pick a kind by key or label ('backchannel', 'Face-saving step'); shows its first pair."""
        self.kind_buttons.value = kind_key(kind)

    def select_pair(self, pair_id: str) -> None:
        """Pick a pair by id; the kind buttons follow it."""
        if pair_id not in self._pairs:
            raise ValueError(f"Unknown pair {pair_id!r}; choose one of: " + ", ".join(self._pairs))
        self.kind_buttons.value = self._pairs[pair_id]["kind"]
        if self._pair != pair_id:
            self._pair = pair_id
            self._render()

    def step_pair(self, by: int = 1) -> None:
        """Show the next pair of the selected kind (``by=1``) or the previous one, wrapping."""
        ids = self.pair_ids()
        self.select_pair(ids[(ids.index(self._pair) + int(by)) % len(ids)])

    def status_text(self) -> str:
        """The status line above the heading, as plain text."""
        return _plain(self.status.value)

    def shown_events(self) -> tuple[str, str]:
        """The ids of the 1962 and the 2022 event shown now."""
        row = self._row()
        return row["event_1962"], row["event_2022"]

    def shown_quotes(self, year: int | None = None) -> list[str]:
        """The quote ids shown now: under one year's event, or under both (year=None)."""
        ids = []
        for event_id, event_year in zip(self.shown_events(), YEARS, strict=True):
            if year is None or int(year) == event_year:
                ids += [q["id"] for q in self._column_quotes(event_id, event_year)]
        return ids

    def column_html(self, year: int) -> str:
        """The HTML of one year's column as shown now."""
        return self.columns[self._year(year)].value

    def column_text(self, year: int) -> str:
        """One year's column as plain text (what a screen reader gets)."""
        return _plain(self.column_html(year))

    def comparison_text(self) -> str:
        """The alike/unlike panel as plain text."""
        return _plain(self.comparison.value)

    def sources(self) -> list[str]:
        """Every source id behind what is shown now: the pair, both events, the quotes."""
        ids = _split(self._row()["source_ids"])
        for event_id in self.shown_events():
            ids += _split(self._events[event_id]["source_ids"])
        for quote_id in self.shown_quotes():
            ids += _split(self._quotes[quote_id]["source_ids"])
        return list(dict.fromkeys(ids))

    # -- Rendering ----------------------------------------------------------------------------

    def _year(self, year: int) -> int:
        try:
            value = int(year)
        except (TypeError, ValueError):
            value = None
        if value not in YEARS:
            raise ValueError(f"Choose the year 1962 or 2022, not {year!r}.")
        return value

    def _row(self) -> dict:
        return self._pairs[self._pair]

    def _on_kind(self, change) -> None:
        self._pair = self.pair_ids(change["new"])[0]
        self._render()

    def _column_quotes(self, event_id: str, year: int) -> list[dict]:
        """The quotes under one year's event: those tied to it in quotes.csv, then the pair's
        own ``quote_ids`` of that side (by the quote's event, else the year it is about)."""
        found = list(self._quotes_by_event.get(event_id, []))
        for quote_id in _split(self._row().get("quote_ids", "")):
            quote = self._quotes.get(quote_id)
            if quote is None or any(q["id"] == quote_id for q in found):
                continue
            tied = self._events.get(quote.get("event_id") or "")
            side = tied["year"] if tied else _quote_year(quote)
            if side == year:
                found.append(quote)
        return found

    def _quote_html(self, quote: dict) -> str:
        e = html.escape
        speaker = self._people.get(quote["speaker_id"], {})
        name = speaker.get("name", quote["speaker_id"])
        when = sources.quote_when(quote)
        return (
            f'<blockquote class="crisislab-quote" data-quote="{e(quote["id"], quote=True)}" '
            f'style="margin:6px 0 6px 8px;padding-left:8px;border-left:3px solid #999">'
            f"&ldquo;{e(quote['text'])}&rdquo;<br><small>&mdash; {e(name)}, {e(when)} "
            f"[{e(quote['source_ids'])}]</small></blockquote>"
        )

    def _when(self, event: dict) -> str:
        when = long_date(event["date"])
        if event.get("time_local") and event.get("time_precision") in ("minute", "hour"):
            about = "about " if event["time_precision"] == "hour" else ""
            when += f", {about}{event['time_local']} ({event['tz']})"
        anchor = self._anchor.get(event["year"])
        if anchor is not None:
            when += f"; crisis day {crisis_day(event['date'], anchor)}"
        return when

    def _column(self, event_id: str) -> str:
        e = html.escape
        event = self._events[event_id]
        actor = _main_actor(event)
        quotes = "".join(self._quote_html(q) for q in self._column_quotes(event_id, event["year"]))
        if not quotes:
            quotes = (
                "<p><small>No quotation tied to this event in the course's quotes table.</small>"
                "</p>"
            )
        return (
            f'<div style="border-top:6px solid {style.actor_colour(actor)};padding:4px 8px">'
            f"<h4>{event['year']}: {e(event['title'])}</h4>"
            f"<p><b>When:</b> {e(self._when(event))}</p>"
            f"<p><b>Who:</b> {e(event['actors'].replace(';', ', '))}</p>"
            f"<p>{e(event['description'])}</p>"
            f"<p><small>Sources: [{e(event['source_ids'])}]</small></p>"
            f"<p><b>In their own words:</b></p>{quotes}</div>"
        )

    def _render(self) -> None:
        row = self._row()
        number = self.pair_ids().index(row["id"]) + 1
        count = len(self.pair_ids())
        old, new = (self._events[row[f"event_{year}"]]["title"] for year in YEARS)
        for button in (self.previous_pair_button, self.next_pair_button):
            button.disabled = count < 2
        self.status.value = style.status_html(
            f"<b>{html.escape(KIND_LABELS[row['kind']])}</b>, pair {number} of {count}: "
            f"{html.escape(old)} (1962) / {html.escape(new)} (2022)"
        )
        self.heading.value = (
            f"<h3>{html.escape(KIND_LABELS[row['kind']])} "
            f"<small>(pair {number} of {count} of this kind)</small></h3>"
            f"<p><i>{html.escape(KIND_DEFINITIONS[row['kind']])}</i></p>"
        )
        self.columns[1962].value = self._column(row["event_1962"])
        self.columns[2022].value = self._column(row["event_2022"])
        self.comparison.value = (
            '<div style="border:1px solid #ccc;padding:4px 10px;margin-top:6px">'
            f"<p><b>Alike:</b> {_text_html(row['alike'])}</p>"
            f"<p><b>Unlike:</b> {_text_html(row['unlike'])}</p>"
            "<p><small>The course's words; interpretations are attributed, and the source ids "
            "in brackets lead to the bibliography.</small></p></div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        old, new = (self._events[i]["title"] for i in self.shown_events())
        bundle["text/plain"] = (
            f"ComparisonExplorer: {KIND_LABELS[self.kind]}: {old} (1962) / {new} (2022)"
        )
        return bundle


def pairs_table_html(
    pairs: pd.DataFrame | None = None,
    events_1962: pd.DataFrame | None = None,
    events_2022: pd.DataFrame | None = None,
) -> str:
    """Every pair as a table row: kind, the two events, alike, unlike (the static form)."""
    pairs = data.load("pairs") if pairs is None else pairs
    events_1962 = data.load("events_1962") if events_1962 is None else events_1962
    events_2022 = data.load("events_2022") if events_2022 is None else events_2022
    events = {r["id"]: r for r in pd.concat([events_1962, events_2022]).to_dict("records")}
    e = html.escape
    rows = []
    for row in pairs.to_dict("records"):
        cells = []
        for column in ("event_1962", "event_2022"):
            event = events.get(row[column], {"title": row[column], "date": None})
            day = long_date(event["date"]) if isinstance(event["date"], date) else ""
            cells.append(f"{e(event['title'])}<br><small>{e(day)}</small>")
        rows.append(
            f'<tr><th style="vertical-align:top">{e(KIND_LABELS.get(row["kind"], row["kind"]))}'
            f'</th><td style="vertical-align:top">{cells[0]}</td>'
            f'<td style="vertical-align:top">{cells[1]}</td>'
            f'<td style="vertical-align:top">{_text_html(row["alike"])}</td>'
            f'<td style="vertical-align:top">{_text_html(row["unlike"])}</td></tr>'
        )
    head = "<tr><th>Kind</th><th>1962</th><th>2022</th><th>Alike</th><th>Unlike</th></tr>"
    return f'<table class="crisislab-pairs">{head}{"".join(rows)}</table>'


class PairsTable:
    """The static table of every pair, as HTML with a plain-text form."""

    def __init__(self, pairs: pd.DataFrame | None = None) -> None:
        self.pairs = data.load("pairs") if pairs is None else pairs

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = "\n".join(
            f"{KIND_LABELS.get(r['kind'], r['kind'])}: {r['event_1962']} / {r['event_2022']}\n"
            f"   Alike: {r['alike']}\n   Unlike: {r['unlike']}"
            for r in self.pairs.to_dict("records")
        )
        return {"text/html": pairs_table_html(self.pairs), "text/plain": text}


# --------------------------------------------------------------------------------------------
# The numbers: arsenals as ranges, nuclear states, channels and their delays
# --------------------------------------------------------------------------------------------

#: Actors whose arsenals the charts compare, with a label per year.
ARSENAL_SIDES = (
    ("United States", 1962),
    ("Soviet Union", 1962),
    ("United States", 2022),
    ("Russia", 2022),
)
ARSENAL_METRICS = {
    "total_stockpile": "Total stockpile",
    "deployed_strategic_warheads": "Deployed strategic warheads\n(1962: weapons ready to use)",
}


def force_range(forces: pd.DataFrame, actor: str, year: int, metric: str) -> tuple[float, float]:
    """The (low, high) of one row of the forces table; a clear error when there is none."""
    match = forces[
        (forces["actor"] == actor) & (forces["year"] == year) & (forces["metric"] == metric)
    ]
    if match.empty:
        raise KeyError(f"forces.csv has no {metric} row for {actor} in {year}")
    row = match.iloc[0]
    return float(row["low"]), float(row["high"])


def midpoint(value: tuple[float, float]) -> float:
    """The middle of a (low, high) range."""
    low, high = value
    return (low + high) / 2


def range_ratio(
    numerator: tuple[float, float], denominator: tuple[float, float]
) -> tuple[float, float]:
    """The ratio of two ranges as a range: (smallest possible, largest possible).

    The smallest divides the low numerator by the high denominator; the largest, the other
    way round. Zero or negative denominators are refused.
    """
    (nlow, nhigh), (dlow, dhigh) = numerator, denominator
    if dlow <= 0 or dhigh <= 0:
        raise ValueError("A ratio needs a positive denominator.")
    if nlow > nhigh or dlow > dhigh:
        raise ValueError("A range is written (low, high) with low <= high.")
    return nlow / dhigh, nhigh / dlow


def _number(value: float) -> str:
    return f"{value:,.0f}"


def _range_text(low: float, high: float) -> str:
    return _number(low) if low == high else f"{_number(low)}-{_number(high)}"


def arsenal_figure(forces: pd.DataFrame | None = None, width: float = 10.0) -> Figure:
    """Arsenals of 1962 and 2022 as ranges (low to high), plus the number of nuclear states.

    Each bar runs from the low to the high figure of a row, with both numbers written next to
    it; a row missing from the data is said to be missing, not drawn as zero.
    """
    forces = data.load("forces") if forces is None else forces
    fig = style.new_figure(width, 3.8)
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [3, 3, 1.6]})
    labels = [f"{actor} {year}" for actor, year in ARSENAL_SIDES]
    for ax, (metric, title) in zip(axes[:2], ARSENAL_METRICS.items(), strict=True):
        top = 0.0
        for y, (actor, year) in enumerate(ARSENAL_SIDES):
            try:
                low, high = force_range(forces, actor, year, metric)
            except KeyError:
                ax.text(0, y, "  not in the data", va="center", fontsize=9, gid=f"missing:{y}")
                continue
            top = max(top, high)
            ax.plot(
                [low, high],
                [y, y],
                color=style.actor_colour(actor),
                linewidth=9,
                solid_capstyle="butt",
                gid=f"range:{actor}:{year}:{metric}",
            )
            ax.plot([low, high], [y, y], linestyle="none", marker="|", color="black", ms=14)
            ax.text(
                high,
                y,
                "   " + _range_text(low, high),
                va="center",
                fontsize=style.FONT_SIZES["annotation"],
                gid=f"label:{actor}:{year}:{metric}",
            )
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, max(top, 1.0) * 1.45)
        ax.set_title(title, fontsize=style.FONT_SIZES["label"])
        ax.set_xlabel("warheads (range: low to high)")
    ax = axes[2]
    for x, year in enumerate((1962, 2022)):
        try:
            low, high = force_range(forces, "Other", year, "nuclear_states")
        except KeyError:
            ax.text(x, 0.5, "not in\nthe data", ha="center", fontsize=9)
            continue
        ax.bar([x], [high], color=style.OKABE_ITO["grey"], width=0.6)
        ax.text(x, high + 0.2, _range_text(low, high), ha="center", gid=f"states:{year}")
    ax.set_xticks([0, 1], ["1962", "2022"])
    ax.set_ylim(0, 11)
    ax.set_title("States with\nnuclear weapons", fontsize=style.FONT_SIZES["label"])
    return fig


def arsenal_alt(forces: pd.DataFrame | None = None) -> str:
    """Alt text for the arsenal figure, with every range as the data gives it."""
    forces = data.load("forces") if forces is None else forces
    parts = []
    for metric, title in ARSENAL_METRICS.items():
        cells = []
        for actor, year in ARSENAL_SIDES:
            try:
                cells.append(
                    f"{actor} {year}: {_range_text(*force_range(forces, actor, year, metric))}"
                )
            except KeyError:
                cells.append(f"{actor} {year}: not in the data")
        parts.append(f"{title.splitlines()[0]}: " + ", ".join(cells))
    states = []
    for year in (1962, 2022):
        try:
            states.append(
                f"{year}: {_range_text(*force_range(forces, 'Other', year, 'nuclear_states'))}"
            )
        except KeyError:
            states.append(f"{year}: not in the data")
    parts.append("States with nuclear weapons: " + ", ".join(states))
    return "Bar ranges of nuclear arsenals. " + ". ".join(parts) + "."


def arsenal_table(forces: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows the arsenal chart draws, with their counting rules, as a small table."""
    forces = data.load("forces") if forces is None else forces
    wanted = forces["metric"].isin([*ARSENAL_METRICS, "nuclear_states"])
    table = forces[wanted][
        ["actor", "year", "metric", "low", "high", "counting_rule", "source_ids"]
    ]
    return table.sort_values(["metric", "year", "actor"], kind="stable").reset_index(drop=True)


CHANNEL_FLOOR_HOURS = 0.1  # a log axis cannot show zero: "up to N hours" bars start here


def _hours_text(hours: float) -> str:
    """12 h, 1.5 h, 2,016 h (about 12 weeks): readable across four orders of magnitude."""
    if hours >= 24 * 7:
        return f"{hours:,.0f} h (about {hours / (24 * 7):.0f} weeks)"
    if hours >= 48:
        return f"{hours:,.0f} h (about {hours / 24:.0f} days)"
    return f"{hours:g} h"


def channel_delay_text(low: float, high: float) -> str:
    """A documented delay in words: "8.3-11.5 h", "up to 13.9 h", "about 1 h", "1,872 h (...)"."""
    if low == 0:
        return f"up to {_hours_text(high)}"
    if low == high:
        return _hours_text(high)
    return f"{low:g}-{_hours_text(high)}"


def channels_figure(channels: pd.DataFrame | None = None, width: float = 10.0) -> Figure:
    """Every channel between the capitals, 1962 and 2022, with its documented delay if any.

    Delays run from under an hour to weeks, so the axis is logarithmic. A documented ceiling
    ("received by the next day") is drawn as "up to" from the left edge; a channel whose delay
    no source documents says so in words, rather than showing zero.
    """
    channels = data.load("channels") if channels is None else channels
    rows = channels.sort_values(["year", "kind", "id"], kind="stable").to_dict("records")
    fig = style.new_figure(width, 0.5 * max(len(rows), 3) + 1.5)
    ax = fig.add_subplot()
    ax.set_xscale("log")
    known = [r["delay_hours_high"] for r in rows if r["delay_hours_high"] == r["delay_hours_high"]]
    top = max(known or [1.0])
    for y, row in enumerate(rows):
        low, high = row["delay_hours_low"], row["delay_hours_high"]
        colour = style.actor_colour(row["from_actor"])
        if low == low and high == high:  # both present (NaN != NaN)
            start = max(low, CHANNEL_FLOOR_HOURS)
            if high > start * 1.05:
                ax.plot([start, high], [y, y], color=colour, linewidth=6, solid_capstyle="butt")
            else:
                ax.plot([high], [y], marker="D", color=colour, markersize=8, linestyle="none")
            if low == 0:  # a ceiling: an arrow-like open end at the left
                ax.plot([start], [y], marker="<", color=colour, markersize=8, linestyle="none")
            ax.text(
                high * 1.25,
                y,
                channel_delay_text(low, high),
                va="center",
                fontsize=style.FONT_SIZES["annotation"],
                gid=f"delay:{row['id']}",
            )
        else:
            ax.text(
                CHANNEL_FLOOR_HOURS * 1.1,
                y,
                "no documented delay",
                va="center",
                color="#555555",
                fontsize=style.FONT_SIZES["annotation"],
                gid=f"nodelay:{row['id']}",
            )
    names = [
        textwrap.shorten(f"{r['year']} {r['kind']}: {r['name']}", 64, placeholder="...")
        for r in rows
    ]
    ax.set_yticks(range(len(rows)), ["\n".join(textwrap.wrap(n, 34)) for n in names])
    for y in range(1, len(rows)):
        if rows[y]["year"] != rows[y - 1]["year"]:  # a rule between the years
            ax.axhline(y - 0.5, color="#777777", linewidth=0.8)
    ax.invert_yaxis()
    right = top * 600  # room inside the axes for the longest label ("2,016 h (about 12 weeks)")
    ax.set_xlim(CHANNEL_FLOOR_HOURS, right)
    ticks = [t for t in (0.1, 1, 6, 24, 24 * 7, 24 * 7 * 12) if t <= top * 2]
    labels = {0.1: "6 min", 1: "1 h", 6: "6 h", 24: "1 day", 168: "1 week", 2016: "12 weeks"}
    ax.set_xticks(ticks, [labels[t] for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel("documented delay: from sending (or first asking) to reading or answering")
    ax.set_title("Documented delays between the capitals, 1962 and 2022 (log scale)")
    return fig


def channels_alt(channels: pd.DataFrame | None = None) -> str:
    """Alt text for the channels figure, with every documented delay in words."""
    channels = data.load("channels") if channels is None else channels
    known = channels[channels["delay_hours_high"].notna()].sort_values(["year", "id"])
    parts = [
        f"{r['name']} ({r['year']}): "
        f"{channel_delay_text(r['delay_hours_low'], r['delay_hours_high'])}"
        for r in known.to_dict("records")
    ]
    return (
        f"The {len(channels)} channels of 1962 and 2022 as rows on a logarithmic scale; a "
        f"documented delay is given for {len(known)} of them"
        + (": " + "; ".join(parts) if parts else "")
        + ". The others say that no delay is documented."
    )


# --------------------------------------------------------------------------------------------
# The argument map
# --------------------------------------------------------------------------------------------

CLAIM_COLUMNS = {
    "claim": "The article's claim",
    "evidence_given": "Evidence it gives",
    "supports": "What supports it",
    "cuts_against": "What cuts against it",
    "left_out": "What it leaves out",
}


def claims_table_html(claims: pd.DataFrame | None = None) -> str:
    """The argument map as a table: one row per claim, one column per part of the map."""
    claims = data.load("claims") if claims is None else claims
    head = "".join(f"<th>{html.escape(label)}</th>" for label in CLAIM_COLUMNS.values())
    rows = []
    for number, row in enumerate(claims.to_dict("records"), start=1):
        cells = "".join(
            f'<td style="vertical-align:top">{_text_html(row[column])}</td>'
            for column in CLAIM_COLUMNS
        )
        rows.append(
            f'<tr data-claim="{html.escape(row["id"], quote=True)}"><th>{number}</th>{cells}</tr>'
        )
    return f'<table class="crisislab-claims"><tr><th>#</th>{head}</tr>{"".join(rows)}</table>'


def claims_cards_html(claims: pd.DataFrame | None = None) -> str:
    """The argument map as left-aligned cards: one card per claim, its parts stacked below it
    (readable at any width, unlike five narrow columns)."""
    claims = data.load("claims") if claims is None else claims
    cards = []
    for number, row in enumerate(claims.to_dict("records"), start=1):
        parts = "".join(
            f'<p class="crisislab-claim-part" data-part="{column}" style="margin:4px 0">'
            f"<b>{html.escape(label)}:</b> {_text_html(row[column])}</p>"
            for column, label in CLAIM_COLUMNS.items()
            if column != "claim" and str(row[column] or "").strip()
        )
        cards.append(
            f'<div class="crisislab-claim-card" data-claim="{html.escape(row["id"], quote=True)}" '
            'style="text-align:left;border-left:4px solid #7F7F7F;padding:4px 12px;'
            'margin:10px 0;max-width:48em">'
            f'<h4 style="margin:4px 0">Claim {number}. {_text_html(row["claim"])}</h4>'
            f"{parts}</div>"
        )
    return f'<div class="crisislab-claims">{"".join(cards)}</div>'


class ArgumentMap:
    """The article's claims with the evidence for and against, as cards (static)."""

    def __init__(self, claims: pd.DataFrame | None = None) -> None:
        self.claims = data.load("claims") if claims is None else claims

    def claim_ids(self) -> list[str]:
        """The claim ids in the order shown."""
        return list(self.claims["id"])

    def row(self, claim_id: str) -> dict:
        """One claim's row as a dict (claim, evidence_given, supports, cuts_against, left_out)."""
        match = self.claims[self.claims["id"] == claim_id]
        if match.empty:
            raise KeyError(f"There is no claim {claim_id!r}; claims: {', '.join(self.claim_ids())}")
        return match.iloc[0].to_dict()

    def text(self) -> str:
        """The map as plain text: each claim, then what supports and what cuts against it."""
        lines = []
        for number, row in enumerate(self.claims.to_dict("records"), start=1):
            lines.append(f"{number}. {row['claim']}")
            for column in ("evidence_given", "supports", "cuts_against", "left_out"):
                lines.append(f"   {CLAIM_COLUMNS[column]}: {row[column]}")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": claims_cards_html(self.claims), "text/plain": self.text()}


# --------------------------------------------------------------------------------------------
# The capstone: a strategic-empathy brief
# --------------------------------------------------------------------------------------------

#: The sections of a brief, in order; each starts a line of the template with "Name:".
BRIEF_SECTIONS = (
    "Leader and date",
    "Fears",
    "Goals",
    "Pressures",
    "Red lines",
    "Face-saving exits",
    "What I might be mirror-imaging",
    "Sources",
)
BRIEF_PROMPTS = {
    "Leader and date": "whose mind you are trying to read, and on which day of 2022",
    "Fears": "what this leader fears most, in their own documented words where possible",
    "Goals": "what they want to achieve, and what they could live with",
    "Pressures": "who presses on them at home, in their alliance, on the battlefield",
    "Red lines": "what they have said they will not accept, and how they said it",
    "Face-saving exits": "a step that would let them back down without humiliation",
    "What I might be mirror-imaging": "where you assume they think as you or your side would",
    "Sources": "quote ids, event ids and source ids from the course's data",
}

#: The rubric of the capstone (shown after the check, in the lesson and in the saved work).
BRIEF_RUBRIC = (
    "Chooses one leader and one day of 2022, and stays in that leader's position at that time "
    "(no hindsight).",
    "Grounds fears, goals and red lines in the leader's own documented words, quoted from the "
    "course's quotes table with speaker, date and source id.",
    "Names pressures from more than one direction (domestic, allies, the battlefield, third "
    "parties), each with a source.",
    "Proposes a face-saving exit the leader could plausibly accept, and says who else would "
    "have to accept it (including Ukraine).",
    "Names at least one way the author might be mirror-imaging, and what evidence would show it.",
    "Keeps understanding apart from agreement: explains the leader's view without endorsing "
    "or condemning it.",
)

#: A worked example (also the capstone's model answer).
EXAMPLE_BRIEF = (
    "Leader and date: Vladimir Putin, 1 October 2022, the day after he signed the treaties "
    "annexing four Ukrainian regions (event e22-annexation-ceremony). "
    "Fears: as stated, NATO's eastward expansion and deployments near Russia, which his Foreign "
    "Ministry's draft treaties of 17 December 2021 asked the United States and NATO to halt "
    "(event e22-russia-draft-treaties); Western sanctions and 'aggressive statements' by NATO "
    "leaders, which he cited on 27 February (event e22-deterrence-alert-order); a West he "
    "accused of nuclear blackmail on 21 September (event e22-mobilisation-address). These are "
    "stated concerns: the brief records them as his, not as proof of his private motives. His "
    "warning of 24 February (quote q-putin-24feb-consequences) is not evidence of his fears: it "
    "is a threat, which shows what he wants others to fear. "
    "Goals: to keep the regions he has declared annexed and to keep NATO out of Ukraine. "
    "Pressures: the partial mobilisation he announced at home; partners such as India telling "
    "him 'Today's era isn't of war' (quote q-modi-not-era-of-war, 16 September 2022); and US "
    "warnings of 'catastrophic consequences for Russia' (quote q-sullivan-cbs-catastrophic, "
    "25 September 2022). "
    "Red lines: in his words, 'if the territorial integrity of our country is threatened, we "
    "will certainly use all the means at our disposal to protect Russia and our people' (quote "
    "q-putin-21sep-not-a-bluff, 21 September 2022); after 30 September Moscow counts the "
    "regions it declared annexed as Russian territory, an annexation the UN General Assembly "
    "condemned (event e22-unga-es-11-4). "
    "Face-saving exits: a pause that Moscow could describe as protecting Russians rather than "
    "as a retreat; any exit also needs Ukraine, whose foreign minister said on 9 December 2021 "
    "that Kyiv will reject anything decided behind its back [euromaidanpress-2021-12-09-kuleba]. "
    "What I might be mirror-imaging: I assume he weighs losses as a leader facing elections "
    "would; he may weigh the humiliation of retreat more heavily. A quiet withdrawal presented "
    "as regrouping would show my reading was too gloomy. "
    "Sources: e22-russia-draft-treaties; e22-deterrence-alert-order; e22-mobilisation-address; "
    "q-putin-21sep-not-a-bluff; q-modi-not-era-of-war; q-sullivan-cbs-catastrophic; "
    "e22-annexation-ceremony; e22-unga-es-11-4."
)


def brief_template(leader: str = "...", day: str = "...") -> str:
    """The capstone template as text: one line per section, each with what to write."""
    lines = [f"Leader and date: {leader}, {day}"]
    for section in BRIEF_SECTIONS[1:]:
        lines.append(f"{section}: ... ({BRIEF_PROMPTS[section]})")
    return "\n".join(lines)


def missing_sections(text: str) -> list[str]:
    """The template sections a brief does not yet fill in (a section needs its "Name:" line)."""
    if not isinstance(text, str):
        return list(BRIEF_SECTIONS)
    missing = []
    for section in BRIEF_SECTIONS:
        match = re.search(rf"{re.escape(section)}\s*:\s*(.*)", text, re.I)
        if not match:
            missing.append(section)
            continue
        body = match.group(1).strip()
        if not body or body.startswith("...") or body.startswith("("):
            missing.append(section)
    return missing


def brief_sections_html(text: str) -> str:
    """A small checklist panel: which sections of the brief are filled in."""
    missing = set(missing_sections(text))
    items = "".join(
        f"<li>{'[ ]' if s in missing else '[x]'} {html.escape(s)}"
        f"{' (to do)' if s in missing else ''}</li>"
        for s in BRIEF_SECTIONS
    )
    return f'<ul class="crisislab-brief-checklist" style="list-style:none">{items}</ul>'


def iter_cited(values: Iterable[str]) -> list[str]:
    """Every bracketed source id in several texts, in order of first use."""
    found: list[str] = []
    for value in values:
        for source_id in cited_ids(value):
            if source_id not in found:
                found.append(source_id)
    return found
