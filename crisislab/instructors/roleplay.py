"""The role-play's script: rooms by class size, rounds, injects, channels, timings and printables.

Everything a Control (the teacher) needs is generated here from ``data/``: the seating of 12 to 36
students (``data/roleplay_rooms.csv``), the events released in each round with the minute of
release in the 50- and the 90-minute versions (the Control log), the channels with their
documented delays (``data/channels.csv``), message forms, the record sheet for the debrief
(``events_1962.csv`` in the order things happened) and the full references of every card.
Injects are documented events, quotations and letters only: Control never reads an invented
pressure.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from .. import data, sources
from ..paths import data_dir
from .printing import E, page
from .role_cards import SIDE_LABELS, SIDES, Card, cards, plain, when

WASHINGTON = ZoneInfo("America/New_York")
ROOMS_FILE = "roleplay_rooms.csv"
CLASS_SIZES = (12, 20, 28, 36)
MAX_ROOM_RATIO = 1.5  # no room more than about half again the size of another
RECORD_DAYS = (date(1962, 10, 27), date(1962, 10, 28))


# ---------------------------------------------------------------- rooms by class size


@dataclass(frozen=True)
class Seat:
    """How many students play one role card in a class of a given size."""

    class_size: int
    room: str
    role_id: str
    players: int


def rooms_table(folder: Path | str | None = None) -> list[Seat]:
    """``data/roleplay_rooms.csv``, checked: known rooms and roles, whole numbers of players."""
    folder = Path(folder) if folder is not None else data_dir()
    path = folder / ROOMS_FILE
    role_sides = dict(zip(*(data.load("roles", folder)[c] for c in ("id", "side")), strict=True))
    seats = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            rid = row.get("role_id", "")
            for column in ("class_size", "players"):
                if not (row.get(column) or "").isdigit() or int(row[column]) < 1:
                    raise data.DataError(
                        ROOMS_FILE, number, column, "a whole number >= 1", row.get(column), rid
                    )
            if rid not in role_sides:
                raise data.DataError(ROOMS_FILE, number, "role_id", "an id in roles.csv", rid)
            if row.get("room") != role_sides[rid]:
                raise data.DataError(
                    ROOMS_FILE,
                    number,
                    "room",
                    f"the role's side in roles.csv ({role_sides[rid]})",
                    row.get("room"),
                    rid,
                )
            seats.append(Seat(int(row["class_size"]), row["room"], rid, int(row["players"])))
    return seats


def room_sizes(seats: list[Seat]) -> dict[str, int]:
    """Players per room, in room order."""
    count = Counter()
    for seat in seats:
        count[seat.room] += seat.players
    return {side: count[side] for side in SIDES if count[side]}


def seating(students: int, folder: Path | str | None = None) -> list[Seat]:
    """Seats for any class of 12 to 36: the table's row at or below, extra students added.

    Each extra student joins the smallest room, as a second (or third) player of the card in
    that room with the fewest players, so the rooms stay within half again of each other.
    """
    table = rooms_table(folder)
    sizes = sorted({s.class_size for s in table})
    if not sizes or students < sizes[0] or students > sizes[-1]:
        raise ValueError(f"The role-play seats {sizes[0]} to {sizes[-1]} students.")
    base = max(s for s in sizes if s <= students)
    seats = {s.role_id: s for s in table if s.class_size == base}
    for _ in range(students - base):
        rooms = room_sizes(list(seats.values()))
        room = min(rooms, key=lambda r: (rooms[r], SIDES.index(r)))
        seat = min((s for s in seats.values() if s.room == room), key=lambda s: s.players)
        seats[seat.role_id] = Seat(students, room, seat.role_id, seat.players + 1)
    return [Seat(students, s.room, s.role_id, s.players) for s in seats.values()]


# ---------------------------------------------------------------- rounds and channels


@dataclass(frozen=True)
class Round:
    """One round of the game: a stretch of 27-28 October 1962, in Washington time."""

    number: int
    name: str
    start: datetime
    end: datetime


def _wash(day: int, hour: int) -> datetime:
    return datetime(1962, 10, day, hour, 0, tzinfo=WASHINGTON)


ROUNDS = (
    Round(1, "Morning", _wash(27, 8), _wash(27, 12)),
    Round(2, "Midday", _wash(27, 12), _wash(27, 15)),
    Round(3, "Afternoon", _wash(27, 15), _wash(27, 18)),
    Round(4, "Night and Sunday morning", _wash(27, 18), _wash(28, 10)),
)


def round_of(moment: datetime) -> int | None:
    """The round whose stretch of time holds a moment, or None (before or after the game)."""
    for item in ROUNDS:
        if item.start <= moment < item.end:
            return item.number
    return None


@dataclass(frozen=True)
class Channel:
    """A way a message travels in the game, with its documented delay in 1962."""

    id: str  # channels.csv id
    name: str
    who: str  # who may use it in the game
    public: bool
    meeting: bool = False  # face to face: the message is delivered at once


CHANNELS = (
    Channel("c62-radio-moscow", "Radio Moscow broadcast", "the Presidium", True),
    Channel(
        "c62-usun-cable",
        "Cable to or from the US Mission at the UN (New York)",
        "the ExComm and Stevenson",
        False,
    ),
    Channel(
        "c62-scali-fomin",
        "Scali-Fomin: a reporter and a Soviet counselor",
        "Scali and Fomin, each reporting to his own side",
        False,
    ),
    Channel(
        "c62-rfk-dobrynin",
        "Meeting with the Soviet ambassador",
        "the ExComm (one person) and Dobrynin",
        False,
        meeting=True,
    ),
    Channel("c62-un-u-thant", "Through U Thant", "anyone, by a message to U Thant", False),
    Channel(
        "c62-soviet-embassy-cable",
        "Soviet embassy cable (Washington-Moscow)",
        "Dobrynin and Fomin to Moscow, Moscow to them",
        False,
    ),
    Channel(
        "c62-us-embassy-moscow-cable",
        "Khrushchev's private letter, via the US Embassy in Moscow",
        "the Presidium to Kennedy",
        False,
    ),
    Channel("c62-leader-letters", "Kennedy's letter to Khrushchev", "the ExComm", False),
)
# Havana and Moscow wrote through the Soviet ambassador in Havana: no row in channels.csv has a
# figure for that line, so the game gives it the rule of the other embassy cables.
HAVANA_LINE = "Cable between Havana and Moscow (through the Soviet ambassador in Havana)"
SENT_AT = "the middle of the round it is sent in, plus the middle of the documented range"


def channel_rows(folder: Path | str | None = None) -> dict[str, dict]:
    """The channels.csv rows of the game's channels."""
    frame = data.load("channels", folder)
    return {row["id"]: row for row in frame.to_dict("records")}


def delay_hours(row: dict) -> float | None:
    """The delay the game uses: the middle of the documented range, or None without a figure."""
    low, high = row.get("delay_hours_low"), row.get("delay_hours_high")
    if high is None or pd.isna(high):
        return None
    low = float(high) if low is None or pd.isna(low) else float(low)
    return (low + float(high)) / 2


def delivery_round(sent: int, hours: float | None) -> int | None:
    """When a message sent in round ``sent`` arrives: its documented delay from mid-round.

    With no documented figure, the game delivers next round. None: after the game (the message
    is read at the debrief).
    """
    item = ROUNDS[sent - 1]
    if hours is None:
        return sent + 1 if sent < len(ROUNDS) else None
    arrival = item.start + (item.end - item.start) / 2 + timedelta(hours=hours)
    found = round_of(arrival)
    return None if found is None else max(found, sent)


def delay_text(row: dict) -> str:
    """The documented delay in words, from channels.csv: "about 8.3 to 11.5 hours"."""
    low, high = row.get("delay_hours_low"), row.get("delay_hours_high")
    if high is None or pd.isna(high):
        return "no documented figure"
    if low is None or pd.isna(low) or float(low) == 0:
        return f"up to about {_hours(float(high))}"
    low_text, high_text = _hours(float(low)), _hours(float(high))
    if low_text == high_text:
        return f"about {high_text}"
    return f"about {low_text.removesuffix(' hours')} to {high_text}"


def _hours(value: float) -> str:
    if value < 1.5:
        return f"{round(value * 60)} minutes" if value < 0.9 else "an hour"
    return f"{value:.0f} hours" if value == int(value) else f"{value:.1f} hours"


def delivery_rule(row: dict, meeting: bool = False) -> str:
    """The game's rule for a channel, computed from its documented delay."""
    if meeting:
        return "at once: a meeting at the go-betweens' table, up to 3 minutes, once a round"
    hours = delay_hours(row)
    rounds = [delivery_round(n, hours) for n in range(1, len(ROUNDS) + 1)]
    if hours is None:
        return "next round (no documented figure)"
    if all(r == n for n, r in enumerate(rounds, start=1)):
        return "the same round"
    parts = []
    for sent, arrives in enumerate(rounds, start=1):
        parts.append(f"sent in {sent}: " + (f"round {arrives}" if arrives else "after the game"))
    return "; ".join(parts)


# ---------------------------------------------------------------- injects and the Control log

ALL_ROOMS = SIDES


@dataclass(frozen=True)
class Inject:
    """A documented event, letter or quotation Control releases to some rooms in a round."""

    rooms: tuple[str, ...]
    event_id: str = ""
    round: int | None = None  # only for events without a time (or learned later than they happened)
    read: str = ""  # a quotes.csv id Control reads aloud, or a letters.csv id handed out
    pressure: str = ""  # which documented pressure it is, for the Control sheet
    # Release only the description's first sentence: the rest of the row is an outcome the
    # rooms decide, and must not leak into the game.
    first_sentence: bool = False


INJECTS = (
    Inject(
        ALL_ROOMS,
        "e62-khrushchev-letter-27oct",
        read="q-khrushchev-27oct-turkey-proposal",
        pressure="Khrushchev's public Turkey letter (letters.csv khrushchev-1962-10-27)",
    ),
    Inject(
        ("Presidium",),
        "e62-castro-letter-to-khrushchev",
        round=1,
        read="q-castro-26oct-self-defense",
        pressure="Castro's letter of 26-27 October",
    ),
    Inject(("Havana",), "e62-u2-shot-down"),
    Inject(("ExComm", "Presidium"), "e62-maultsby-u2"),
    Inject(("ExComm",), "e62-jcs-recommend-strike", pressure="the Joint Chiefs"),
    Inject(("Presidium",), "e62-u2-shot-down", round=2),
    Inject(
        ("Havana",),
        "e62-tactical-nuclear-forces-cuba",
        round=2,
        pressure="the Presidium's order of 22-23 October on what Pliyev might use",
    ),
    Inject(("ExComm",), "e62-excomm-learns-anderson", pressure="the Joint Chiefs"),
    Inject(("ExComm", "Havana"), "e62-crusaders-fired-on"),
    Inject(ALL_ROOMS, "e62-white-house-statement-turkey"),
    Inject(
        ("ExComm",), "e62-jcs-urge-monday-strike", pressure="the Joint Chiefs", first_sentence=True
    ),
)


@dataclass(frozen=True)
class Segment:
    """One row of a role-play timing table: minutes, what happens, and the round if any."""

    start: int
    end: int
    activity: str
    round: int | None = None


BRIEFING = (
    "Briefing: rooms, rules, the channels and their delays, the message form. Players read the "
    "open half of their card (cut off the sealed strip first; Control keeps the strips)."
)


def _round_text(n: int) -> str:
    item = ROUNDS[n - 1]
    extra = " Every room ends with its final decision in writing." if n == len(ROUNDS) else ""
    name = item.name[0].lower() + item.name[1:]
    return (
        f"Round {n}, {name} ({item.start:%H:%M}-{item.end:%H:%M} Washington time): "
        "Control releases the injects at the minutes of the Control log and carries messages; "
        f"each player writes the round's decision on the card.{extra}"
    )


VERSIONS: dict[int, tuple[Segment, ...]] = {
    50: (
        Segment(0, 4, BRIEFING + " (Players read their cards at home beforehand.)"),
        *(Segment(4 + 7 * (n - 1), 4 + 7 * n, _round_text(n), n) for n in range(1, 5)),
        Segment(
            32,
            37,
            "Debrief 1, compare (5 min): each room's recorder reads its decisions; "
            "hand out the record sheet and find the rows.",
        ),
        Segment(
            37,
            40,
            "Debrief 2, open the strips (3 min): Control hands back the sealed "
            "strips; each room reads aloud one thing it did not know.",
        ),
        Segment(
            40,
            47,
            "Debrief 3, name the empathy (7 min): discussion questions 1-3 of the role-play page.",
        ),
        Segment(
            47,
            50,
            "Exit: one sentence each, what would you tell a leader in a crisis today? (3 min)",
        ),
    ),
    90: (
        Segment(0, 12, BRIEFING),
        *(Segment(12 + 12 * (n - 1), 12 + 12 * n, _round_text(n), n) for n in range(1, 5)),
        Segment(
            60,
            68,
            "Debrief 1, compare (8 min): each room's recorder reads its decisions; "
            "hand out the record sheet and find the rows.",
        ),
        Segment(
            68,
            73,
            "Debrief 2, open the strips (5 min): Control hands back the sealed "
            "strips; each room reads aloud what it did not know.",
        ),
        Segment(
            73,
            85,
            "Debrief 3, name the empathy (12 min): discussion questions 1-4 of the role-play page.",
        ),
        Segment(
            85,
            90,
            "Exit: one sentence each, what would you tell a leader in a crisis today? (5 min)",
        ),
    ),
}


def timing_rows(minutes: int, offset: int = 0) -> list[tuple[int, int, str]]:
    """A version's timing as ``(start, end, activity)`` rows, shifted by ``offset`` minutes."""
    return [(s.start + offset, s.end + offset, s.activity) for s in VERSIONS[minutes]]


def timing_table(minutes: int, offset: int = 0) -> str:
    """A version's timing as a Markdown table (what the plans print, and a test compares)."""
    lines = ["| Minutes | Activity |", "|---|---|"]
    lines += [f"| {a}-{b} | {text} |" for a, b, text in timing_rows(minutes, offset)]
    return "\n".join(lines)


@dataclass(frozen=True)
class Release:
    """One line of the Control log."""

    minute: int
    round: int
    rooms: tuple[str, ...]
    event_id: str
    when: str
    title: str
    read: str
    pressure: str
    public: bool


def _event_moment(row: dict) -> datetime | None:
    if not row["time_local"]:
        return None
    return data.instant(row["date"], row["time_local"], row["tz"]).astimezone(WASHINGTON)


def _said(row: dict, first_sentence: bool) -> str:
    """What Control reads of an event: its title, or the first sentence of its description."""
    if not first_sentence:
        return row["title"]
    return re.split(r"\.\s+(?=[A-Z])", row["description"])[0].rstrip(".") + "."


def control_log(minutes: int, folder: Path | str | None = None) -> list[Release]:
    """Every inject with the minute Control releases it in a version (50 or 90 minutes).

    An event with a time is released in the round holding that time, at the point of the round
    that matches it; one without a time (or learned by a room later than it happened) names its
    round and is released at the round's start. Sorted by minute.
    """
    events = data.events(1962, folder).set_index("id", drop=False)
    segments = {s.round: s for s in VERSIONS[minutes] if s.round}
    releases = []
    for inject in INJECTS:
        row = events.loc[inject.event_id].to_dict()
        moment = _event_moment(row)
        number = inject.round or (round_of(moment) if moment else None)
        if number is None:
            raise ValueError(f"{inject.event_id}: no round (give one, or a time in the game)")
        segment, item = segments[number], ROUNDS[number - 1]
        share = 0.0
        if inject.round is None and moment is not None:
            share = (moment - item.start) / (item.end - item.start)
        usable = segment.end - segment.start - 2  # the last two minutes are for the decision
        minute = segment.start + math.floor(share * usable)
        public = set(inject.rooms) == set(ALL_ROOMS)
        releases.append(
            Release(
                minute,
                number,
                inject.rooms,
                inject.event_id,
                when(row),
                _said(row, inject.first_sentence),
                inject.read,
                inject.pressure,
                public,
            )
        )
    return sorted(releases, key=lambda r: (r.minute, ALL_ROOMS.index(r.rooms[0])))


# ---------------------------------------------------------------- the record sheet


@dataclass(frozen=True)
class RecordRow:
    """One event of 27-28 October 1962 on the record sheet."""

    id: str
    when: str
    title: str
    description: str
    washington_learned: str
    moscow_learned: str
    source_ids: str


def learned_text(value: str) -> str:
    """A learned cell as a reader wants it: "27 Oct 1962", "1989", "never"."""
    value = (value or "").strip()
    if not value:
        return "not recorded"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%b %Y}"


def record_rows(folder: Path | str | None = None) -> list[RecordRow]:
    """The events of 27-28 October 1962, in the order they happened (``data.events``)."""
    events = data.events(1962, folder)
    days = events[events["date"].isin(RECORD_DAYS)]
    return [
        RecordRow(
            r["id"],
            when(r),
            r["title"],
            r["description"],
            learned_text(r["washington_learned"]),
            learned_text(r["moscow_learned"]),
            r["source_ids"],
        )
        for r in days.to_dict("records")
    ]


def record_markdown(folder: Path | str | None = None) -> str:
    """The record of 27-28 October 1962 as Markdown, for the debrief."""
    lines = [
        "# The record: 27-28 October 1962 (for the debrief)",
        "",
        "What actually happened, in the order it happened, from `data/events_1962.csv`, with "
        "when each capital learned of it. Hand it out only at the debrief (print "
        "`record.html`). Generated by `python -m crisislab.instructors cards`: correct the "
        "data, not this file.",
        "",
        "| When | What happened | Washington learned | Moscow learned | Sources |",
        "|---|---|---|---|---|",
    ]
    for row in record_rows(folder):
        cells = [
            row.when,
            f"**{row.title}** (`{row.id}`). {row.description}",
            row.washington_learned,
            row.moscow_learned,
            row.source_ids.replace(";", "; "),
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


PRINT_CSS = """
.record th:nth-child(1), .record td:nth-child(1) { width: 26mm; }
.record th:nth-child(3), .record td:nth-child(3), .record th:nth-child(4),
.record td:nth-child(4) { width: 21mm; }
.record td, .record th { font-size: 8.5pt; }
.form { height: 120mm; border: 0.5mm solid #111; padding: 3mm; margin-bottom: 4mm;
        break-inside: avoid; page-break-inside: avoid; font-size: 10pt; }
.form .line { border-bottom: 0.3mm solid #777; height: 7mm; }
.form .boxes { columns: 2; font-size: 9pt; margin: 1mm 0 2mm 0; }
.log td, .log th { font-size: 8.5pt; }
.log.releases th:nth-child(1), .log.releases td:nth-child(1) { width: 15mm; }
.log.releases th:nth-child(2), .log.releases td:nth-child(2) { width: 32mm; }
.log.channels th:nth-child(1), .log.channels td:nth-child(1),
.log.channels th:nth-child(2), .log.channels td:nth-child(2) { width: 32mm; }
.log.channels th:nth-child(4), .log.channels td:nth-child(4) { width: 38mm; }
.log.seats th:nth-child(1), .log.seats td:nth-child(1),
.log.seats th:nth-child(2), .log.seats td:nth-child(2) { width: 45mm; }
.refs li { font-size: 8pt; margin-bottom: 0.5mm; } .refs { padding-left: 5mm; }
"""


def record_html(folder: Path | str | None = None) -> str:
    """The record sheet, printable: the events of 27-28 October in order, with learned dates."""
    rows = "".join(
        f"<tr><td>{E(r.when)}</td><td><strong>{E(r.title)}.</strong> {E(r.description)}</td>"
        f"<td>{E(r.washington_learned)}</td><td>{E(r.moscow_learned)}</td></tr>"
        for r in record_rows(folder)
    )
    body = (
        "<h1>The record: 27-28 October 1962</h1>"
        '<p class="print-note">For the debrief only. What happened, in the order it happened, '
        "and when each capital learned of it (a year means the public record, decades later). "
        "Times are local to the place named.</p>"
        '<table class="record"><thead><tr><th>When</th><th>What happened</th>'
        "<th>Washington learned</th><th>Moscow learned</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    return page("The record: 27-28 October 1962", body, PRINT_CSS)


# ---------------------------------------------------------------- message forms


def forms_html(per_page: int = 2, pages: int = 1) -> str:
    """Blank message forms, two to a page: every channel with its documented delay."""
    rows = channel_rows()
    boxes = "".join(
        f"<div>&#9744; {E(c.name)} ({E(delay_text(rows[c.id]))})</div>" for c in CHANNELS
    )
    boxes += f"<div>&#9744; {E(HAVANA_LINE)} (no documented figure)</div>"
    boxes += "<div>&#9744; Order or statement to Control</div>"
    form = (
        '<div class="form"><div class="sans"><strong>MESSAGE</strong> &nbsp; Round sent: ____ '
        "&nbsp; Delivered (Control): round ____</div>"
        "<p>From: ______________________ &nbsp; To: ______________________</p>"
        f'<div class="boxes">{boxes}</div>'
        "<p>&#9744; Public &nbsp; &#9744; Private &nbsp; Text (80 words at most):</p>"
        + '<div class="line"></div>' * 6
        + "</div>"
    )
    sheets = "".join(f'<div class="page">{form * per_page}</div>' for _ in range(pages))
    return page("Message forms: Black Saturday, 27 October 1962", sheets, PRINT_CSS)


# ---------------------------------------------------------------- the Control sheet


def _rooms_table_html(folder: Path | str | None = None) -> str:
    seats = rooms_table(folder)
    all_cards = {c.id: c for c in cards(folder)}
    head = "".join(f"<th>{n} students</th>" for n in CLASS_SIZES)
    rows = []
    for side in SIDES:
        for role in [c for c in all_cards.values() if c.side == side]:
            cells = []
            for size in CLASS_SIZES:
                found = [s.players for s in seats if s.class_size == size and s.role_id == role.id]
                cells.append(f"<td>{found[0] if found else '-'}</td>")
            rows.append(
                f"<tr><td>{E(SIDE_LABELS[side])}</td><td>{E(role.name)}</td>"
                + "".join(cells)
                + "</tr>"
            )
    totals = "".join(
        "<td>"
        + E(
            " / ".join(
                str(v) for v in room_sizes([s for s in seats if s.class_size == size]).values()
            )
        )
        + "</td>"
        for size in CLASS_SIZES
    )
    rows.append(
        f"<tr><td colspan='2'><strong>Room sizes</strong> (in the order above)</td>{totals}</tr>"
    )
    return (
        f'<table class="log seats"><thead><tr><th>Room</th><th>Card</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def control_log_html(minutes: int, folder: Path | str | None = None) -> str:
    """The Control log of one version as an HTML table."""
    quotes = data.load("quotes", folder).set_index("id")
    rows = []
    for release in control_log(minutes, folder):
        rooms = "every room (public)" if release.public else ", ".join(release.rooms)
        read = ""
        if release.read in quotes.index:
            q = quotes.loc[release.read]
            read = f"<br><em>Read aloud:</em> &ldquo;{E(q['text'])}&rdquo;"
        pressure = f"<br><em>Pressure:</em> {E(release.pressure)}" if release.pressure else ""
        rows.append(
            f"<tr><td>{release.minute}</td><td>Round {release.round}<br>{E(rooms)}</td>"
            f"<td><strong>{E(release.title)}</strong> ({E(release.when)}){read}{pressure}</td>"
            "</tr>"
        )
    return (
        f'<table class="log releases"><thead><tr><th>Minute</th><th>Round, to</th><th>Release '
        f"</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def channels_html(folder: Path | str | None = None) -> str:
    """The channels of the game with their documented delays and the rule they give."""
    rows = channel_rows(folder)
    body = "".join(
        f"<tr><td>{E(c.name)}{' (public)' if c.public else ''}</td><td>{E(c.who)}</td>"
        f"<td>{E(delay_text(rows[c.id]))}: {E(rows[c.id]['note'] or rows[c.id]['description'])}"
        f"</td><td>{E(delivery_rule(rows[c.id], c.meeting))}</td></tr>"
        for c in CHANNELS
    )
    body += (
        f"<tr><td>{E(HAVANA_LINE)}</td><td>Havana and the Presidium</td>"
        "<td>no documented figure</td><td>next round</td></tr>"
    )
    return (
        f'<table class="log channels"><thead><tr><th>Channel</th><th>Who uses it</th><th>Delay in '
        f"1962</th><th>In the game (from {SENT_AT})</th></tr></thead><tbody>{body}"
        "</tbody></table>"
    )


def references_html(all_cards: list[Card]) -> str:
    """Each card's full references, for the instructor (the student's card names them briefly)."""
    parts = []
    for card in all_cards:
        refs = "".join(f"<li>{E(sources.reference_text(i))}</li>" for i in card.source_ids)
        parts.append(
            f'<div class="avoid"><h3>{E(card.name)} ({E(card.id)})</h3>'
            f'<ol class="refs">{refs}</ol></div>'
        )
    return "".join(parts)


def control_html(folder: Path | str | None = None) -> str:
    """The Control sheet: seating, channels, the Control log of both versions, references."""
    all_cards = cards(folder)
    body = [
        '<div class="page"><h1>Control sheet: Black Saturday, 27 October 1962</h1>'
        '<p class="print-note">For the teacher. Seating for 12, 20, 28 and 36 students (players '
        "per card; for other sizes, see the role-play page), the channels with their documented "
        "delays, the minute each inject is released, and every card's full references. "
        "Generated from data/ by python -m crisislab.instructors cards.</p>"
        "<h2>Rooms and cards by class size</h2>"
        + _rooms_table_html(folder)
        + "<h2>Channels</h2>"
        + channels_html(folder)
        + "</div>",
    ]
    for minutes in (50, 90):
        body.append(
            f'<div class="page"><h2>Control log, {minutes}-minute version</h2>'
            + control_log_html(minutes, folder)
            + "</div>"
        )
    body.append(
        '<div class="page"><h2>Sources of each card</h2>' + references_html(all_cards) + "</div>"
    )
    return page("Control sheet: Black Saturday, 27 October 1962", "".join(body), PRINT_CSS)


def decisions_missing(all_cards: list[Card]) -> list[str]:
    """Roles without a written decision for every round (each player decides every round)."""
    return [c.id for c in all_cards if len([d for d in c.decisions if d.strip()]) != len(ROUNDS)]


def card_plain_text(card: Card) -> str:
    """A card's visible text with citations removed (for tests of what a student reads)."""
    return " ".join(plain(t) for t in (card.position, card.private_knowledge, card.does_not_know))
