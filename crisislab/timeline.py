"""The timeline explorer: the crisis day by day, seen from now, from Washington or from Moscow.

``TimelineExplorer(events)`` shows the selected day's events as cards (each with its time on
the clocks of Washington, Moscow and Havana), the US forces' alert level, and a figure of the
whole period with the selected day marked. Its *knowledge views* show an event in a capital's
view only once that capital knew of it (``washington_learned`` / ``moscow_learned``).

    >>> explorer = TimelineExplorer()                 # the 1962 events from data/
    >>> explorer.select_day(date(1962, 10, 27))
    >>> explorer.set_view("moscow")
    >>> explorer.shown_events()                       # event ids, in the order they happened

``overview_figure(events)`` is the static form for readers on GitHub or on paper.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory
from PIL import Image

from . import data, sources, style

#: The three clocks every card shows, as label -> IANA zone (1962 offsets come from zoneinfo).
CLOCKS = {
    "Washington": "America/New_York",
    "Moscow": "Europe/Moscow",
    "Havana": "America/Havana",
}

#: The views: what we know now, and what each capital knew at the time.
VIEWS = {
    "now": "What we know now",
    "washington": "What Washington knew",
    "moscow": "What Moscow knew",
}
_LEARNED_COLUMN = {"washington": "washington_learned", "moscow": "moscow_learned"}
_CAPITAL = {"washington": "Washington", "moscow": "Moscow"}

#: Every day of this window is on the slider; before and after it, only days with events.
CRISIS_WINDOW = (date(1962, 10, 14), date(1962, 10, 28))
#: The thirteen days themselves (16-28 October 1962), shaded in the figures.
THIRTEEN_DAYS = (date(1962, 10, 16), date(1962, 10, 28))
DEFAULT_DAY = date(1962, 10, 16)

_YEAR_ONLY = re.compile(r"\d{4}")
#: The course data records US alert changes during the crisis only; after this day the
#: level is shown as not tracked rather than carried forward (it was lowered later).
ALERT_TRACKED_UNTIL = CRISIS_WINDOW[1]
_DEFCON = re.compile(r"^\s*DEFCON\s*([1-5])\b", re.I)
_NAMED_LANES = 3
OTHERS = "Others"


# --------------------------------------------------------------------------------------------
# Plain functions: days, clocks, knowledge, alert levels
# --------------------------------------------------------------------------------------------


def _as_date(value: date | datetime | str) -> date:
    """A date from a date, a datetime or an ISO string such as "1962-10-27"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date; write it as 1962-10-27.") from None
    raise TypeError(f"Expected a date such as date(1962, 10, 27), not {type(value).__name__}.")


def long_date(day: date) -> str:
    """A date as people write it: 'Saturday 27 October 1962'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """A date for slider and axis labels: 'Sat 27 Oct 1962'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _zone_label(tz: str) -> str:
    for label, zone in CLOCKS.items():
        if zone == tz:
            return label
    return "UTC" if tz in ("Etc/UTC", "UTC") else tz.rsplit("/", 1)[-1].replace("_", " ")


def event_instant(row: pd.Series | dict) -> datetime | None:
    """The moment of an event as an aware datetime, or None when only the day is known."""
    if row["time_precision"] not in ("minute", "hour") or not row["time_local"]:
        return None
    return data.instant(row["date"], row["time_local"], row["tz"])


def local_times_for(row: pd.Series | dict) -> dict[str, str]:
    """An event's time on the three clocks, e.g. {'Moscow': '02:00, Tuesday 23 October 1962'}.

    Day-precision events say that the time is not known instead of inventing one.
    """
    moment = event_instant(row)
    day = row["date"]
    own = _zone_label(row["tz"])
    result = {}
    for label, zone in CLOCKS.items():
        if moment is not None:
            local = moment.astimezone(ZoneInfo(zone))
            text = f"{local:%H:%M}, {long_date(local.date())}"
            result[label] = ("about " + text) if row["time_precision"] == "hour" else text
        elif row["time_precision"] == "approximate":
            result[label] = f"time not known; date approximate (about {long_date(day)}, {own})"
        elif label == own:
            result[label] = f"{long_date(day)}, time not known"
        else:
            result[label] = f"time not known ({long_date(day)} in {own})"
    return result


def known_from(value: str) -> date | None:
    """The first day a side surely knew: the date, or 31 December of a year-only value."""
    learned = data.parse_learned(value)
    if learned is not None and _YEAR_ONLY.fullmatch((value or "").strip()):
        return date(learned.year, 12, 31)
    return learned


def learned_text(value: str, happened: date) -> str:
    """When a side learned of an event, in words: 'the same day', 'on ...', 'only in 1992'."""
    value = (value or "").strip()
    if not value:
        return "not recorded"
    if value == "never":
        return "never"
    learned = data.parse_learned(value)
    if _YEAR_ONLY.fullmatch(value):
        return f"sometime in {value}" if learned.year == happened.year else f"only in {value}"
    if learned <= happened:
        return "on the day" if learned == happened else f"in advance ({long_date(learned)})"
    return f"on {long_date(learned)}"


def revealed_later(events: pd.DataFrame) -> pd.DataFrame:
    """Events a capital learned of only in a later year: what was secret, and when it came out.

    One row per event (in time order) with its date, title and the year each side learned of
    it, for events where at least one side's learned value is a year after the event's year.
    """
    rows = []
    for _, row in ordered_events(events).iterrows():
        later = {}
        for view, column in _LEARNED_COLUMN.items():
            value = (row[column] or "").strip()
            if _YEAR_ONLY.fullmatch(value) and int(value) > row["date"].year:
                later[view] = int(value)
        if later:
            rows.append(
                {
                    "date": row["date"].isoformat(),
                    "event": row["title"],
                    "Washington learned": later.get("washington", ""),
                    "Moscow learned": later.get("moscow", ""),
                    "id": row["id"],
                }
            )
    columns = ["date", "event", "Washington learned", "Moscow learned", "id"]
    return pd.DataFrame(rows, columns=columns)


def defcon_level(alert_level: str) -> int | None:
    """The DEFCON number of an alert_level cell ('DEFCON 3' -> 3), None for anything else."""
    match = _DEFCON.match(alert_level or "")
    return int(match.group(1)) if match else None


def alert_changes(events: pd.DataFrame) -> list[tuple[date, int, str, str]]:
    """The US alert-level changes in time order: (date, DEFCON level, event id, title)."""
    changes = []
    for _, row in events.iterrows():
        level = defcon_level(row["alert_level"])
        if level is not None:
            changes.append((row["date"], level, row["id"], row["title"]))
    return changes


def alert_on(events: pd.DataFrame, day: date) -> tuple[int, date, str, str] | None:
    """The US alert level in force on a day: (level, since, event id, title), or None.

    None before the first recorded change, and after the last day the data tracks.
    """
    changes = alert_changes(events)
    horizon = max([ALERT_TRACKED_UNTIL, *(c[0] for c in changes)])
    if day > horizon:
        return None
    current = None
    for changed, level, event_id, title in alert_changes(events):
        if changed <= day:
            current = (level, changed, event_id, title)
    return current


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def ordered_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the order they happened (as UTC instants), with a fresh index."""
    keys = [
        data.instant(d, t, z).astimezone(UTC)
        for d, t, z in zip(events["date"], events["time_local"], events["tz"], strict=True)
    ]
    return (
        events.assign(_t=keys)
        .sort_values(["_t", "id"], kind="stable")
        .drop(columns="_t")
        .reset_index(drop=True)
    )


def explorer_days(events: pd.DataFrame, window: tuple[date, date] = CRISIS_WINDOW) -> list[date]:
    """The slider's days: every day of the crisis window, and around it each day with news.

    A day has news when an event happened or a capital learned of one (exact dates only).
    """
    days = set(events["date"])
    if not days:
        raise ValueError("The explorer needs at least one event.")
    first, last = min(days), max(days)
    if any(window[0] <= d <= window[1] for d in days):
        days.update(window[0] + timedelta(n) for n in range((window[1] - window[0]).days + 1))
    for column in _LEARNED_COLUMN.values():
        for value in events[column]:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", (value or "").strip()):
                learned = date.fromisoformat(value.strip())
                if first <= learned <= last:
                    days.add(learned)
    return sorted(days)


def shown_day(row: pd.Series | dict, view: str, days: list[date]) -> date | None:
    """The slider day on which an event shows in a view, or None if it never shows there.

    "now" shows an event on the day it happened. A capital's view shows it on the first day on
    which that capital knew of it (never before it happened). A year-only value ("1992") says
    only "sometime that year", so the event shows once that year is over: never too early.
    """
    if view == "now":
        return row["date"]
    learned = known_from(row[_LEARNED_COLUMN[view]])
    if learned is None:
        return None
    start = max(row["date"], learned)
    for day in days:
        if day >= start:
            return day
    return None


def lanes_for(events: pd.DataFrame) -> list[str]:
    """Swimlanes: the first three actors present (in the course's actor order), then Others."""
    present = {a for value in events["actors"] for a in _split(value)}
    named = [a for a in data.ACTORS if a in present][:_NAMED_LANES]
    return named + ([OTHERS] if present - set(named) else [])


def _lane_of(actor: str, lanes: list[str]) -> str:
    return actor if actor in lanes else OTHERS


# --------------------------------------------------------------------------------------------
# Cards
# --------------------------------------------------------------------------------------------


def card_for(row: pd.Series | dict, view: str = "now", day: date | None = None) -> str:
    """One event as an HTML card (every text from the data escaped)."""
    esc = html.escape
    actors = _split(row["actors"])
    colour = style.actor_colour(actors[0]) if actors else style.OTHER_COLOUR
    event_id = esc(row["id"], quote=True)
    parts = [
        f'<div class="crisislab-card" data-event-id="{event_id}" '
        f'style="border-left:6px solid {colour};padding:2px 10px;margin:6px 0">'
    ]
    if view != "now" and day is not None and day != row["date"]:
        capital = _CAPITAL[view]
        value = (row[_LEARNED_COLUMN[view]] or "").strip()
        if _YEAR_ONLY.fullmatch(value):
            known = f"{capital} learned of it {learned_text(value, row['date'])}"
        else:
            known = f"{capital} knew of it from {long_date(day)}"
        parts.append(
            f'<p class="crisislab-card-late"><i>Happened on {esc(long_date(row["date"]))}; '
            f"{esc(known)}.</i></p>"
        )
    # Collapsed: time, title and one line; the rest opens on click, or Enter on the summary
    # (<details> is keyboard-operable by itself, with no script).
    line, rest = card_line(row["description"])
    parts.append(
        '<details class="crisislab-card-details"><summary class="crisislab-card-summary">'
        f'<span class="crisislab-card-when">{esc(summary_time(row))}</span> '
        f'<b class="crisislab-card-title">{esc(row["title"])}</b>'
        f'<br><span class="crisislab-card-line">{esc(line)}</span></summary>'
    )
    if event_instant(row) is None:  # one line, not "time not known" on each clock
        parts.append(f'<p class="crisislab-card-times">{esc(unknown_time_text(row))}</p>')
    else:
        clocks = " &middot; ".join(
            f'<span class="crisislab-clock" data-clock="{esc(label)}"><b>{esc(label)}</b> '
            f"{esc(text)}</span>"
            for label, text in local_times_for(row).items()
        )
        parts.append(f'<p class="crisislab-card-times">{clocks}</p>')
    if rest:
        parts.append(f'<p class="crisislab-card-text">{esc(rest)}</p>')
    meta = [f"Actors: {esc(', '.join(actors))}"]
    if row["place"]:
        meta.append(f"Place: {esc(row['place'])}")
    meta.append(f"Category: {esc(row['category'])}")
    if row["alert_level"]:
        meta.append(f"Alert level: {esc(row['alert_level'])}")
    parts.append(f'<p class="crisislab-card-meta"><small>{" &middot; ".join(meta)}</small></p>')
    knew = [
        f"{_CAPITAL[v]} knew of it {esc(learned_text(row[c], row['date']))}"
        for v, c in _LEARNED_COLUMN.items()
    ]
    parts.append(f'<p class="crisislab-card-knowledge"><small>{"; ".join(knew)}.</small></p>')
    if row["note"]:
        parts.append(f'<p class="crisislab-card-note"><small>Note: {esc(row["note"])}</small></p>')
    parts.append(
        f'<p class="crisislab-card-sources"><small>Sources: '
        f"{esc(sources.cite(row['source_ids']))}</small></p>"
    )
    if row.get("support_note"):
        parts.append(
            f'<p class="crisislab-card-support"><small>About the sources: '
            f"{esc(row['support_note'])}</small></p>"
        )
    parts.append("</details></div>")
    return "".join(parts)


#: The one line a collapsed card shows: the description's first sentence, at most this long.
CARD_LINE_CHARS = 120
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'\u201c(])")


def card_line(description: str) -> tuple[str, str]:
    """(the one line a collapsed card shows, the rest of the description shown when open).

    The line is the first sentence; a sentence longer than ``CARD_LINE_CHARS`` is cut at a word
    and ends with an ellipsis, and then the open card repeats the description in full.
    """
    text = " ".join(str(description or "").split())
    parts = _SENTENCE_END.split(text, maxsplit=1)
    first, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    if len(first) <= CARD_LINE_CHARS:
        return first, rest
    cut = first[: CARD_LINE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026", text


def summary_time(row: pd.Series | dict) -> str:
    """The time a collapsed card shows, on the event's own clock and, where that is another,
    on Washington's (the cards run in that order): '10:20 Havana (10:20 Washington)',
    'about 13:30 Washington', or 'Time not known' / 'Date approximate'."""
    moment = event_instant(row)
    if moment is None:
        return "Date approximate" if row["time_precision"] == "approximate" else "Time not known"
    own = _zone_label(row["tz"])
    local = moment.astimezone(ZoneInfo(row["tz"]))
    text = f"{local:%H:%M} {own}"
    reference = next(iter(CLOCKS))
    if own != reference:
        there = moment.astimezone(ZoneInfo(CLOCKS[reference]))
        day = "" if there.date() == local.date() else f", {there:%a}"
        text += f" ({there:%H:%M}{day} {reference})"
    return ("about " + text) if row["time_precision"] == "hour" else text


def unknown_time_text(row: pd.Series | dict) -> str:
    """One line for an event without a known time (instead of one per clock)."""
    day, own = row["date"], _zone_label(row["tz"])
    if row["time_precision"] == "approximate":
        return f"Time not known; date approximate (about {long_date(day)}, {own})."
    return f"Time not known; {long_date(day)} ({own})."


def empty_html(reason: str = "No events on this day in this view.") -> str:
    """What the cards area says when nothing is shown."""
    return f'<p class="crisislab-empty">{html.escape(reason)}</p>'


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Where each day sits on the figure's time axis (one step per slider day)."""

    days: tuple[date, ...]

    def position(self, day: date) -> int:
        return self.days.index(day)

    def ticks(self) -> tuple[list[int], list[str]]:
        """Tick positions and labels: each year before/after the window, every 2nd crisis day."""
        positions, labels, seen_years = [], [], set()
        for i, day in enumerate(self.days):
            in_window = CRISIS_WINDOW[0] <= day <= CRISIS_WINDOW[1]
            if in_window:
                if (day - CRISIS_WINDOW[0]).days % 2 == 0:
                    positions.append(i)
                    labels.append(f"{day.day} {day:%b}")
                continue
            after = day > CRISIS_WINDOW[1] and i > 0 and self.days[i - 1] <= CRISIS_WINDOW[1]
            if (day.year not in seen_years or after) and (not positions or i - positions[-1] > 2):
                positions.append(i)
                labels.append(f"{day.day} {day:%b %Y}" if day.year == 1962 else str(day.year))
            seen_years.add(day.year)
        return positions, labels


def _shade_thirteen_days(ax, layout: _Layout, label: bool = True) -> None:
    inside = [i for i, d in enumerate(layout.days) if THIRTEEN_DAYS[0] <= d <= THIRTEEN_DAYS[1]]
    if inside:
        ax.axvspan(inside[0] - 0.5, inside[-1] + 0.5, color=style.OKABE_ITO["yellow"], alpha=0.18)
        if label:
            ax.text(
                inside[0] - 0.4,
                0.98,
                "the thirteen days",
                transform=blended_transform_factory(ax.transData, ax.transAxes),
                ha="left",
                va="top",
                style="italic",
                fontsize=style.FONT_SIZES["annotation"],
            )


def _alert_steps(events: pd.DataFrame, days: Iterable[date]) -> np.ndarray:
    """The DEFCON level in force on each day (NaN before any recorded change)."""
    levels = []
    for day in days:
        current = alert_on(events, day)
        levels.append(np.nan if current is None else current[0])
    return np.array(levels, dtype=float)


def _draw_alert_track(ax, events: pd.DataFrame, layout: _Layout, xs: np.ndarray) -> None:
    levels = _alert_steps(events, layout.days)
    ax.step(xs, levels, where="mid", color=style.OKABE_ITO["blue"], linewidth=2, label="DEFCON")
    for changed, level, _, _ in alert_changes(events):
        if changed in layout.days:
            x = layout.position(changed)
            ax.plot([x], [level], marker="o", color=style.OKABE_ITO["blue"], linestyle="none")
            ax.annotate(
                f"DEFCON {level}",
                (x, level),
                xytext=(3, -2),
                textcoords="offset points",
                fontsize=style.FONT_SIZES["annotation"],
                va="top",
            )
    ax.set_ylim(5.5, 0.5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_ylabel("US alert\n(DEFCON)")


class _TimelineFigure:
    """The explorer's figure: drawn once per view, then only the day marker is redrawn."""

    def __init__(self, events: pd.DataFrame, days: list[date], width=8.0, height=3.2) -> None:
        self.events = events
        self.layout = _Layout(tuple(days))
        self.lanes = lanes_for(events)
        self.fig = style.new_figure(width, height)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax, self.alert_ax = self.fig.subplots(
            2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1.3]}
        )
        xs = np.arange(len(days))
        self.view_artists: dict[str, list] = {}
        for view in VIEWS:
            self.view_artists[view] = self._draw_events(view)
        _shade_thirteen_days(self.ax, self.layout, label=False)
        _shade_thirteen_days(self.alert_ax, self.layout)
        self.ax.set_yticks(range(len(self.lanes)), self.lanes)
        self.ax.set_ylim(len(self.lanes) - 0.5, -0.5)
        self.ax.set_xlim(-0.5, len(days) - 0.5)
        _draw_alert_track(self.alert_ax, events, self.layout, xs)
        positions, labels = self.layout.ticks()
        self.alert_ax.set_xticks(positions, labels, rotation=45, ha="right")
        self.alert_ax.set_xlabel(
            "Day (every day of 14-28 Oct 1962; before and after: days with news)"
        )
        # The animated artists are left out of the cached background and drawn on top of it.
        self.markers = [
            ax.axvline(0, color=style.OKABE_ITO["black"], linewidth=2, animated=True)
            for ax in (self.ax, self.alert_ax)
        ]
        # The day label is the axes title: a placeholder reserves its room in the layout.
        self.day_text = self.ax.set_title(
            "Sat 27 Oct 1962: day 12 of 13", loc="left", fontweight="bold"
        )
        self._backgrounds: dict[str, object] = {}
        self._laid_out = False

    def _draw_events(self, view: str) -> list:
        """Markers for each event in each of its actors' lanes, at the day it shows in a view."""
        by_lane: dict[str, tuple[list, list]] = {lane: ([], []) for lane in self.lanes}
        for _, row in self.events.iterrows():
            day = shown_day(row, view, list(self.layout.days))
            if day is None or day not in self.layout.days:
                continue
            for actor in _split(row["actors"]):
                lane = _lane_of(actor, self.lanes)
                by_lane[lane][0].append(self.layout.position(day))
                by_lane[lane][1].append(90 if row["importance"] == 1 else 30)
        artists = []
        for number, lane in enumerate(self.lanes):
            xs, sizes = by_lane[lane]
            artists.append(
                self.ax.scatter(
                    xs,
                    [number] * len(xs),
                    s=sizes,
                    marker=style.actor_marker(lane),
                    color=style.actor_colour(lane),
                    edgecolors="black",
                    linewidths=0.4,
                    zorder=3,
                    label=lane,
                    visible=view == "now",
                )
            )
        return artists

    def _background(self, view: str):
        if view not in self._backgrounds:
            for name, artists in self.view_artists.items():
                for artist in artists:
                    artist.set_visible(name == view)
            if not self._laid_out:
                # Lay out once with the label in place, then freeze the layout: later draws
                # only repaint, and the label is drawn on top of the cached background.
                self.canvas.draw()
                self.fig.set_layout_engine("none")
                self.day_text.set_animated(True)
                self._laid_out = True
            self.canvas.draw()
            self._backgrounds[view] = self.canvas.copy_from_bbox(self.fig.bbox)
        return self._backgrounds[view]

    def mark(self, day: date, view: str, label: str) -> None:
        """Move the marker and the label to a day (artists updated, not redrawn from scratch)."""
        x = self.layout.position(day)
        for line in self.markers:
            line.set_xdata([x, x])
        self.day_text.set_text(label)

    def render(self, day: date, view: str, label: str) -> bytes:
        """The figure for a day and view as PNG bytes (background cached, marker blitted)."""
        background = self._background(view)
        self.mark(day, view, label)
        self.canvas.restore_region(background)
        for line in self.markers:
            line.axes.draw_artist(line)
        self.ax.draw_artist(self.day_text)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw")
        buffer = io.BytesIO()
        # A 64-colour palette PNG: the figure has a dozen flat colours, and a palette image
        # encodes faster, and about 2.5 times smaller, than RGB (benchmarks/README.md).
        palette = image.convert("RGB").quantize(colors=64, method=Image.Quantize.FASTOCTREE)
        palette.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


def overview_figure(
    events: pd.DataFrame,
    start: date | None = None,
    end: date | None = None,
    view: str = "now",
) -> Figure:
    """The static timeline: swimlanes by actor, US alert levels, key moments annotated.

    Time runs down the page, one row per day (every day of the crisis window; before and after
    it, days with events). Key moments (importance 1) are written out next to their day.
    """
    if view not in VIEWS:
        raise ValueError(f"Unknown view {view!r}; choose one of: {', '.join(VIEWS)}.")
    events = ordered_events(events)
    start = start or CRISIS_WINDOW[0]
    end = end or CRISIS_WINDOW[1]
    if start > end:
        raise ValueError(f"The start ({start}) comes after the end ({end}).")
    all_days = explorer_days(events)
    days = [d for d in all_days if start <= d <= end]
    if not days:
        raise ValueError(f"No days with events between {start} and {end}.")
    lanes = lanes_for(events)
    rows: dict[date, list] = {d: [] for d in days}
    for _, row in events.iterrows():
        day = shown_day(row, view, all_days)
        if day in rows:
            rows[day].append(row)
    key_lines = {d: [r for r in rows[d] if r["importance"] == 1] for d in days}
    # Each day gets as many text lines as it has key moments (at least one).
    heights = [max(1, len(key_lines[d])) for d in days]
    tops = np.concatenate([[0], np.cumsum(heights)[:-1]])
    centre = {d: tops[i] + (heights[i] - 1) / 2 for i, d in enumerate(days)}
    total = float(sum(heights))

    fig = style.new_figure(11.0, 1.2 + 0.3 * total)
    grid = fig.add_gridspec(1, 3, width_ratios=[1.1, 2.2, 5.5])
    alert_ax = fig.add_subplot(grid[0])
    lanes_ax = fig.add_subplot(grid[1], sharey=alert_ax)
    text_ax = fig.add_subplot(grid[2], sharey=alert_ax)
    for ax in (alert_ax, lanes_ax, text_ax):
        ax.set_ylim(total - 0.5, -0.5)
    # Shade the thirteen days and write the days down the left.
    inside = [d for d in days if THIRTEEN_DAYS[0] <= d <= THIRTEEN_DAYS[1]]
    if inside:
        lo = tops[days.index(inside[0])] - 0.5
        hi = tops[days.index(inside[-1])] + heights[days.index(inside[-1])] - 0.5
        for ax in (alert_ax, lanes_ax, text_ax):
            ax.axhspan(lo, hi, color=style.OKABE_ITO["yellow"], alpha=0.18)
    alert_ax.set_yticks([centre[d] for d in days], [short_date(d) for d in days])

    # Alert track: DEFCON level in force on each day, as a step line with labelled changes.
    levels = _alert_steps(events, days)
    ys = np.array([centre[d] for d in days])
    alert_ax.step(levels, ys, where="mid", color=style.OKABE_ITO["blue"], linewidth=2)
    for changed, level, _, _ in alert_changes(events):
        if changed in centre:
            alert_ax.plot([level], [centre[changed]], "o", color=style.OKABE_ITO["blue"])
            alert_ax.annotate(
                f"DEFCON {level}",
                (level, centre[changed]),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=style.FONT_SIZES["annotation"],
            )
    alert_ax.set_xlim(5.5, 0.5)
    alert_ax.set_xticks([5, 4, 3, 2, 1])
    alert_ax.set_xlabel("US alert (DEFCON)")
    alert_ax.set_title("Alert", loc="left")

    # Swimlanes: a marker for each event in each of its actors' lanes.
    for number, lane in enumerate(lanes):
        xs, ys_lane, sizes = [], [], []
        for d in days:
            for row in rows[d]:
                if lane in {_lane_of(a, lanes) for a in _split(row["actors"])}:
                    xs.append(number)
                    ys_lane.append(centre[d])
                    sizes.append(80 if row["importance"] == 1 else 25)
        lanes_ax.scatter(
            xs,
            ys_lane,
            s=sizes,
            marker=style.actor_marker(lane),
            color=style.actor_colour(lane),
            edgecolors="black",
            linewidths=0.4,
            zorder=3,
            label=lane,
        )
    lanes_ax.set_xticks(range(len(lanes)), lanes, rotation=30, ha="right")
    lanes_ax.set_xlim(-0.6, len(lanes) - 0.4)
    lanes_ax.tick_params(axis="y", labelleft=False)
    lanes_ax.set_title("Who acted", loc="left")

    # Key moments written out beside their day, each after its first actor's marker (the
    # marker of that actor's lane), so the actor is read from a shape and not only a colour.
    text_ax.set_xlim(0, 1)
    text_ax.axis("off")
    text_ax.set_title("Key moments (marker: first actor)", loc="left")
    for i, d in enumerate(days):
        for k, row in enumerate(key_lines[d]):
            actors = _split(row["actors"])
            marker_lane = _lane_of(actors[0], lanes) if actors else OTHERS
            text_ax.plot(
                [0.01],
                [tops[i] + k],
                linestyle="none",
                marker=style.actor_marker(marker_lane),
                markersize=7,
                color=style.actor_colour(marker_lane),
                markeredgecolor="black",
                markeredgewidth=0.4,
                clip_on=False,
            )
            text_ax.annotate(
                row["title"],
                xy=(0.04, tops[i] + k),
                xycoords="data",
                va="center",
                ha="left",
                fontsize=style.FONT_SIZES["annotation"],
                color="black",
                bbox={
                    "boxstyle": "round,pad=0.2",
                    "facecolor": "white",
                    "edgecolor": style.actor_colour(marker_lane),
                },
            )
    title = {"now": "What we know now", **{v: f"What {c} knew" for v, c in _CAPITAL.items()}}
    fig.suptitle(
        f"{title[view]}: {long_date(days[0])} to {long_date(days[-1])}",
        fontsize=style.FONT_SIZES["title"],
    )
    return fig


def overview_alt(events: pd.DataFrame, start: date | None = None, end: date | None = None) -> str:
    """Alt text for overview_figure: what it shows, with every key moment it writes out."""
    start = start or CRISIS_WINDOW[0]
    end = end or CRISIS_WINDOW[1]
    events = ordered_events(events)
    keys = events[(events["importance"] == 1) & (events["date"] >= start) & (events["date"] <= end)]
    changes = [
        f"DEFCON {level} on {d.day} {d:%B}"
        for d, level, _, _ in alert_changes(events)
        if start <= d <= end
    ]
    alert = ("US alert changes: " + ", ".join(changes) + ".") if changes else ""
    moments = "; ".join(
        f"{d.day} {d:%B}: {title} ({(_split(actors) or [OTHERS])[0]})"
        for d, title, actors in zip(keys["date"], keys["title"], keys["actors"], strict=True)
    )
    listed = f" Key moments (first actor in brackets): {moments}." if moments else ""
    return (
        f"Timeline from {long_date(start)} to {long_date(end)}, one row per day, with a marker "
        f"for each event in the lane of each actor involved and {len(keys)} key moments "
        f"written out.{listed} {alert}"
    ).strip()


# --------------------------------------------------------------------------------------------
# The explorer
# --------------------------------------------------------------------------------------------


class TimelineExplorer:
    """Explore the crisis day by day: event cards on three clocks, knowledge views, alert level.

    Drive it with the controls or from Python: ``select_day``, ``set_view``, ``set_actors``,
    then read ``shown_events()``, ``card_html()`` or ``local_times(event_id)``.
    """

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        day: date | str | None = None,
        view: str = "now",
        figure_width: float = 8.0,
        figure_height: float = 3.2,
    ) -> None:
        events = data.events(1962) if events is None else events
        self.events = ordered_events(events)
        self.days = explorer_days(self.events)
        self._by_id = {row["id"]: row for _, row in self.events.iterrows()}
        self.actors = [a for a in data.ACTORS if any(a in _split(v) for v in self.events["actors"])]
        # For each view, the slider day on which each event shows (None: never in that view).
        self._shown: dict[str, dict[date, list[str]]] = {}
        for name in VIEWS:
            per_day: dict[date, list[str]] = {}
            for _, row in self.events.iterrows():
                shown = shown_day(row, name, self.days)
                if shown is not None:
                    per_day.setdefault(shown, []).append(row["id"])
            self._shown[name] = per_day
        self._figure = _TimelineFigure(self.events, self.days, figure_width, figure_height)
        self._png_cache: dict[tuple[date, str], str] = {}
        self._alert_changes = alert_changes(self.events)

        start = _as_date(day) if day is not None else DEFAULT_DAY
        if start not in self.days:
            start = self.days[0]
        self.day_slider = widgets.SelectionSlider(
            options=[(short_date(d), d) for d in self.days],
            value=start,
            description="Day",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        # Named buttons, not widgets.Play: its icon-only buttons have no accessible name.
        self.previous_button = widgets.Button(
            description="\u25c0 Previous day", tooltip="Show the day before"
        )
        self.play_button = widgets.ToggleButton(
            value=False,
            description="Play the days",
            icon="play",
            tooltip="Step through the days, one every 1.5 seconds; press again to pause",
        )
        self.next_button = widgets.Button(
            description="Next day \u25b6", tooltip="Show the next day"
        )
        self.previous_button.on_click(lambda _button: self.step(-1))
        self.next_button.on_click(lambda _button: self.step(1))
        self.play_button.observe(self._on_play, names="value")
        self.play_interval = 1.5
        self._timer = None
        self.view_buttons = widgets.ToggleButtons(
            options=[(label, name) for name, label in VIEWS.items()],
            value=self._view_name(view),
            description="View",
            style={"description_width": "initial", "button_width": "auto"},
        )
        # Checkboxes, not a multi-select: each answers Tab and Space, and says its state.
        self.actor_boxes = {
            actor: widgets.Checkbox(
                value=True, description=actor, indent=False, layout=widgets.Layout(width="auto")
            )
            for actor in self.actors
        }
        self.all_actors_button = widgets.Button(
            description="All actors", tooltip="Show the events of every actor"
        )
        self.no_actors_button = widgets.Button(
            description="No actors", tooltip="Clear every actor, then tick the ones you want"
        )
        self.all_actors_button.on_click(lambda _button: self.set_actors(self.actors))
        self.no_actors_button.on_click(lambda _button: self.set_actors([]))
        self._updating = False
        self.status = widgets.HTML()
        self.status.add_class("crisislab-status")
        self.figure = widgets.HTML()
        self.figure.add_class("crisislab-figure")
        self.cards = widgets.HTML()
        self.cards.add_class("crisislab-cards")
        for control in (self.day_slider, self.view_buttons, *self.actor_boxes.values()):
            control.observe(self._on_change, names="value")
        actors_row = widgets.HBox(
            [
                widgets.Label("Actors:"),
                *self.actor_boxes.values(),
                self.all_actors_button,
                self.no_actors_button,
            ],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        actors_row.add_class("crisislab-actors")
        self.widget = style.course_widget(
            [
                self.day_slider,
                widgets.HBox(
                    [self.previous_button, self.play_button, self.next_button],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.view_buttons,
                actors_row,
                self.status,
                self.figure,
                self.cards,
            ],
            "crisislab-timeline",
        )
        self._render()

    # -- Python API ---------------------------------------------------------------------------

    @property
    def day(self) -> date:
        """The selected day."""
        return self.day_slider.value

    @property
    def view(self) -> str:
        """The selected view: 'now', 'washington' or 'moscow'."""
        return self.view_buttons.value

    def select_day(self, day: date | str) -> None:
        """Move the day slider to a day (a date or 'YYYY-MM-DD'), as a student would."""
        wanted = _as_date(day)
        if wanted not in self.days:
            later = [d for d in self.days if d > wanted]
            earlier = [d for d in self.days if d < wanted]
            near = ", ".join(str(d) for d in (earlier[-1:] + later[:1]))
            raise ValueError(
                f"{wanted} is not on the slider. It runs from {self.days[0]} to {self.days[-1]}: "
                f"every day from {CRISIS_WINDOW[0]} to {CRISIS_WINDOW[1]}, and before and after "
                f"that the days with events. Nearest days: {near}."
            )
        self.day_slider.value = wanted

    def set_view(self, name: str) -> None:
        """Choose a view: 'now', 'washington' or 'moscow' (or a label: 'What Moscow knew')."""
        self.view_buttons.value = self._view_name(name)

    def step(self, by: int = 1) -> None:
        """Move ``by`` days along the slider (1: the next day, -1: the day before), stopping
        at either end."""
        index = self.days.index(self.day) + int(by)
        self.day_slider.value = self.days[min(max(index, 0), len(self.days) - 1)]

    @property
    def selected_actors(self) -> tuple[str, ...]:
        """The actors whose boxes are ticked, in the course's actor order."""
        return tuple(a for a, box in self.actor_boxes.items() if box.value)

    def set_actors(self, names: Iterable[str] | str) -> None:
        """Show only events in which at least one of these actors took part."""
        if isinstance(names, str):
            names = [names]
        chosen = []
        lookup = {a.casefold(): a for a in self.actors}
        for name in names:
            actor = lookup.get(str(name).strip().casefold())
            if actor is None:
                raise ValueError(
                    f"{name!r} is not an actor of these events; choose from: "
                    + ", ".join(self.actors)
                )
            if actor not in chosen:
                chosen.append(actor)
        self._updating = True
        try:
            for actor, box in self.actor_boxes.items():
                box.value = actor in chosen
        finally:
            self._updating = False
        self._render()

    def shown_events(self) -> list[str]:
        """The ids of the events shown now, in the order they happened."""
        selected = set(self.selected_actors)
        ids = self._shown[self.view].get(self.day, [])
        return [i for i in ids if selected & set(_split(self._by_id[i]["actors"]))]

    def card_html(self) -> str:
        """The HTML of the event cards shown now."""
        return self.cards.value

    def status_text(self) -> str:
        """The line above the figure, as plain text: day, view, count, alert level."""
        return re.sub(r"<[^>]+>", "", html.unescape(self.status.value))

    def local_times(self, event_id: str) -> dict[str, str]:
        """An event's time in Washington, Moscow and Havana (1962 offsets, from zoneinfo)."""
        if event_id not in self._by_id:
            raise KeyError(f"There is no event {event_id!r} in this timeline.")
        return local_times_for(self._by_id[event_id])

    def alert_level(self) -> int | None:
        """The US forces' DEFCON level in force on the selected day (None before any change)."""
        current = alert_on(self.events, self.day)
        return None if current is None else current[0]

    def figure_png(self) -> bytes:
        """The figure as it is shown now, as PNG bytes."""
        return base64.b64decode(self._png(self.day, self.view))

    # -- Rendering ----------------------------------------------------------------------------

    def _view_name(self, name: str) -> str:
        key = str(name).strip().casefold()
        for view, label in VIEWS.items():
            if key in (view, label.casefold()):
                return view
        raise ValueError(
            f"Unknown view {name!r}; choose one of: "
            + ", ".join(f"{v!r} ({label})" for v, label in VIEWS.items())
        )

    def _on_change(self, _change) -> None:
        if not self._updating:
            self._render()

    def _on_play(self, change) -> None:
        """Play steps through the days on the kernel's event loop; pressed again, it pauses."""
        if change["new"]:
            self.play_button.description, self.play_button.icon = "Pause", "pause"
            if self.day == self.days[-1]:
                self.day_slider.value = self.days[0]
            self._schedule()
        else:
            self.play_button.description, self.play_button.icon = "Play the days", "play"
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def _schedule(self) -> None:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop (plain Python): play does nothing on its own
            return
        self._timer = loop.call_later(self.play_interval, self._tick)

    def _tick(self) -> None:
        """One step of Play: the next day, or stop at the last one."""
        self._timer = None
        if not self.play_button.value:
            return
        if self.day == self.days[-1]:
            self.play_button.value = False
            return
        self.step(1)
        self._schedule()

    def _label(self, day: date) -> str:
        if THIRTEEN_DAYS[0] <= day <= THIRTEEN_DAYS[1]:
            number = (day - THIRTEEN_DAYS[0]).days + 1
            return f"{short_date(day)}: day {number} of 13"
        return short_date(day)

    def _png(self, day: date, view: str) -> str:
        key = (day, view)
        if key not in self._png_cache:
            png = self._figure.render(day, view, f"{self._label(day)} \u00b7 {VIEWS[view]}")
            self._png_cache[key] = base64.b64encode(png).decode("ascii")
        return self._png_cache[key]

    def _alert_html(self, day: date) -> str:
        if not self._alert_changes:
            return "US forces' alert level: no change recorded in these events"
        current = alert_on(self.events, day)
        if current is None and day > ALERT_TRACKED_UNTIL:
            return (
                "US forces' alert level: not tracked after "
                f"{ALERT_TRACKED_UNTIL.day} {ALERT_TRACKED_UNTIL:%B %Y} in the course data"
            )
        if current is None:
            return "US forces' alert level: no change recorded so far"
        level, since, _, title = current
        return (
            f"US forces' alert level: <b>DEFCON {level}</b> "
            f"(since {since.day} {since:%B %Y}: {html.escape(title)})"
        )

    def _alt(self, day: date, view: str) -> str:
        return (
            f"Timeline of the whole period with {long_date(day)} marked, in the view "
            f"'{VIEWS[view]}': a row of markers for each of {', '.join(self._figure.lanes)}, and "
            f"below it the US alert level (DEFCON, 1 = war)."
        )

    def _render(self) -> None:
        day, view = self.day, self.view
        ids = self.shown_events()
        if ids:
            cards = "".join(card_for(self._by_id[i], view, day) for i in ids)
        elif not self.selected_actors:
            cards = empty_html("No events shown: no actor is selected.")
        else:
            cards = empty_html(f"No events on this day in the view '{VIEWS[view]}'.")
        count = f"{len(ids)} event{'s' if len(ids) != 1 else ''} shown"
        label = self._label(day)
        where = f" ({label.split(': ', 1)[1]})" if ": day" in label else ""
        actors = self.selected_actors
        who = (
            ""
            if len(actors) == len(self.actors)
            else f" &middot; actors: {html.escape(', '.join(actors) or 'none')}"
        )
        self.status.value = style.status_html(
            f"<b>{html.escape(long_date(day))}</b>{where} &middot; "
            f"{html.escape(VIEWS[view])}{who} &middot; {count} &middot; {self._alert_html(day)}"
        )
        self.figure.value = style.figure_img_html(self._png(day, view), self._alt(day, view))
        self.cards.value = cards

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        shown = ", ".join(self.shown_events()) or "none"
        bundle["text/plain"] = (
            f"TimelineExplorer: {long_date(self.day)}, view '{VIEWS[self.view]}'; "
            f"events shown: {shown}"
        )
        return bundle
