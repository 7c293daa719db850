"""Load the course's tables from ``data/`` and refuse bad data loudly.

Every table is validated on load: required columns, types, ISO dates, known time zones,
unique ids, every source id resolving to ``sources.csv``, ``low <= high``, sane chronology,
and no markup in text. Any failure raises one :class:`DataError` that names the file, the
row, the column and what was expected; nothing partial is returned.

Files are read as plain CSV text (never executed, never unpickled).

    >>> from crisislab import data
    >>> events = data.load("events_1962")          # a pandas DataFrame with typed columns
    >>> data.load_all()                            # every table, cross-references checked
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pandas as pd

from .paths import data_dir


class DataError(ValueError):
    """A data file is malformed. The message names file, row, column and what was expected."""

    def __init__(
        self,
        file: str,
        row: int | None,
        column: str | None,
        expected: str,
        found: object = None,
        row_id: str | None = None,
    ) -> None:
        self.file, self.row, self.column, self.expected, self.found = (
            file,
            row,
            column,
            expected,
            found,
        )
        where = file
        if row is not None:
            where += f", row {row}"
            if row_id:
                where += f" (id {row_id!r})"
        if column is not None:
            where += f", column {column!r}"
        message = f"{where}: expected {expected}"
        if found is not None:
            shown = str(found)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            message += f", found {shown!r}"
        super().__init__(message)


ACTORS = (
    "United States",
    "Soviet Union",
    "Cuba",
    "Russia",
    "Ukraine",
    "United Nations",
    "NATO",
    "Turkey",
    "Italy",
    "United Kingdom",
    "France",
    "Germany",
    "China",
    "India",
    "Poland",
    "Belarus",
    "Vatican",
    "IAEA",
    "G20",
    "Other",
)
TIERS = ("primary", "memoir", "scholarly", "press", "reference")
# How a quotation reached us: a record made at the time (transcript, letter, cable); words
# reported at the time by someone else; words reported later by someone else; or a later
# recollection by the speaker (memoir, interview). See data/README.md.
QUOTE_KINDS = ("record", "reported_at_time", "reported_later", "recollection")
NOTE_MAX_SENTENCES = 2
CATEGORIES = ("military", "diplomatic", "intelligence", "public", "domestic")
PRECISIONS = ("minute", "hour", "day", "approximate")

_ID = re.compile(r"^[a-z0-9][a-z0-9.\-_]*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_YEAR = re.compile(r"^\d{4}$")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.I)
_ZONES = None

# Words about how the course was made, which must never reach a student or an instructor
# (they belong in research_note columns and commit messages). "Brief" and "session" in their
# ordinary senses (a policy brief, a class session) do not match.
PROCESS_TALK = re.compile(
    r"(read|verified|confirmed|found|checked|seen|located)[^.;]{0,40}\b(this|a|that|an earlier|"
    r"the previous) (research |work )?session"
    r"|task brief|the brief's\b|the brief cited|brief (cites|cited|says|gives)"
    r"|(figure|number|date) (given )?in the brief"
    r"|not cited\)|\(not cited|read earlier|seed article|research pass|quality pass"
    r"|not verified in a source|could not be (found|verified) (in|by) (this|the) (session|author)",
    re.I,
)
# Abbreviations whose full stop does not end a sentence (for the two-sentence note rule).
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|e\.g|i\.e|p|pp|vol|vols|no|nos|doc|ed|eds|Gen|Col|Lt|Maj|Capt|Adm|Mr|Mrs|Dr|"
    r"St|Jr|Sr|approx|c|ca|cf|fig|ch|Oct|Nov|Dec|Jan|Feb|Sept|Aug|U\.S|U\.N|U\.K|a\.m|p\.m)\.$"
)


def sentences(text: str) -> int:
    """How many sentences a note holds (abbreviations such as "U.S." or "p." do not end one)."""
    count = 1
    for match in re.finditer(r"[.!?][\"')\]]*\s+(?=[A-Z0-9\"'(])", text):
        head = text[: match.start() + 1]
        if _ABBREVIATION.search(head[-8:]):
            continue
        count += 1
    return count


def _zones() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    return _ZONES


@dataclass(frozen=True)
class Column:
    """How one column is checked and typed."""

    kind: str  # id, text, note, date, time, tz, choice, choices, number, integer, year,
    # learned, said, ids, url, source_ids, ref, refs
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str | None = None  # table that an id (or ids) must exist in, checked by load_all


@dataclass(frozen=True)
class Table:
    """A table's file, columns, id column and the rules that span columns."""

    name: str
    columns: dict[str, Column]
    id_column: str = "id"
    years: tuple[int, int] | None = None  # allowed range of the `date` column's year
    low_high: tuple[tuple[str, str], ...] = ()
    checks: tuple = field(default_factory=tuple)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _event_columns() -> dict[str, Column]:
    return {
        "id": Column("id"),
        "date": Column("date"),
        "time_local": Column("time", required=False),
        "tz": Column("tz"),
        "time_precision": Column("choice", choices=PRECISIONS),
        "actors": Column("choices", choices=ACTORS),
        "place": Column("text", required=False),
        "title": Column("text"),
        "description": Column("text"),
        "category": Column("choice", choices=CATEGORIES),
        "alert_level": Column("text", required=False),
        "washington_learned": Column("learned", required=False),
        "moscow_learned": Column("learned", required=False),
        "importance": Column("integer", choices=("1", "2", "3")),
        "source_ids": Column("source_ids"),
        "note": Column("note", required=False),
        "support_note": Column("note", required=False),
        "research_note": Column("text", required=False),
    }


TABLES: dict[str, Table] = {
    "sources": Table(
        "sources",
        {
            "id": Column("id"),
            "author": Column("text"),
            "title": Column("text"),
            "publisher": Column("text", required=False),
            "year": Column("year", required=False),  # many web pages carry no date
            "url": Column("url", required=False),
            "tier": Column("choice", choices=TIERS),
            "research_note": Column("text", required=False),
        },
    ),
    "events_1962": Table("events_1962", _event_columns(), years=(1952, 1964)),
    "events_2022": Table("events_2022", _event_columns(), years=(2019, 2024)),
    "people": Table(
        "people",
        {
            "id": Column("id"),
            "name": Column("text"),
            "aliases": Column("text", required=False),
            "actor": Column("choice", choices=ACTORS),
            "role": Column("text"),
            "years": Column("text", required=False),
            "born": Column("year", required=False),
            "died": Column("year", required=False),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
        low_high=(("born", "died"),),
    ),
    "places": Table(
        "places",
        {
            "id": Column("id"),
            "name": Column("text"),
            "kind": Column(
                "choice", choices=("missile_site", "city", "capital", "base", "port", "sea_area")
            ),
            "actor": Column("choices", choices=ACTORS),
            "lat": Column("number"),
            "lon": Column("number"),
            "years": Column("text", required=False),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
    ),
    "weapons": Table(
        "weapons",
        {
            "id": Column("id"),
            "name": Column("text"),
            "nato_name": Column("text", required=False),
            "actor": Column("choices", choices=ACTORS),
            "kind": Column(
                "choice",
                choices=(
                    "MRBM",
                    "IRBM",
                    "ICBM",
                    "SLBM",
                    "cruise",
                    "tactical",
                    "bomber",
                    "SAM",
                    "torpedo",
                ),
            ),
            "range_km_low": Column("number", required=False),
            "range_km_high": Column("number", required=False),
            "deployed_at": Column("refs", required=False, ref="places"),
            "year": Column("year"),
            "planned_count": Column("number", required=False),
            "arrived_count_low": Column("number", required=False),
            "arrived_count_high": Column("number", required=False),
            "arrived": Column("choice", required=False, choices=("yes", "no", "partly")),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
        low_high=(("range_km_low", "range_km_high"), ("arrived_count_low", "arrived_count_high")),
    ),
    "forces": Table(
        "forces",
        {
            "id": Column("id"),
            "actor": Column("choice", choices=ACTORS),
            "year": Column("year"),
            "metric": Column(
                "choice",
                choices=(
                    "total_stockpile",
                    "deployed_strategic_warheads",
                    "icbm_launchers",
                    "icbm_warheads",
                    "slbm_launchers",
                    "strategic_bombers",
                    "nuclear_states",
                    "soviet_troops_in_cuba",
                    "soviet_troops_in_cuba_us_estimate",
                ),
            ),
            "low": Column("number"),
            "high": Column("number"),
            "counting_rule": Column("text"),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
        low_high=(("low", "high"),),
    ),
    "channels": Table(
        "channels",
        {
            "id": Column("id"),
            "year": Column("year"),
            "name": Column("text"),
            "from_actor": Column("choice", choices=ACTORS),
            "to_actor": Column("choice", choices=ACTORS),
            "kind": Column(
                "choice",
                choices=(
                    "letter",
                    "cable",
                    "broadcast",
                    "backchannel",
                    "hotline",
                    "deconfliction",
                    "meeting",
                    "intermediary",
                ),
            ),
            "description": Column("text"),
            "delay_hours_low": Column("number", required=False),
            "delay_hours_high": Column("number", required=False),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
        low_high=(("delay_hours_low", "delay_hours_high"),),
    ),
    "quotes": Table(
        "quotes",
        {
            "id": Column("id"),
            "speaker_id": Column("ref", ref="people"),
            "said_on": Column("said"),  # when the words were said or written: a date or a year
            "about_date": Column("date", required=False),  # the day they are about
            "kind": Column("choice", choices=QUOTE_KINDS),
            "text": Column("text"),
            "context": Column("text"),
            "event_id": Column("ref", required=False, ref="events"),
            "tags": Column("text", required=False),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "support_note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
        years=(1940, 2024),
    ),
    "glossary": Table(
        "glossary",
        {
            "term": Column("text"),
            "definition": Column("text"),
            "see_also": Column("text", required=False),
            "source_ids": Column("source_ids"),
        },
        id_column="term",
    ),
    "letters": Table(
        "letters",
        {
            "id": Column("id"),  # the text is data/letters/<id>.txt (see crisislab.letters)
            "date": Column("date"),
            "sender_id": Column("ref", ref="people"),
            "recipient_id": Column("ref", ref="people"),
            "title": Column("text"),
            "frus_volume": Column("text", required=False),
            "frus_document": Column("integer", required=False),
            "url": Column("url"),
            "source_ids": Column("source_ids"),
            "note": Column("note", required=False),
            "research_note": Column("text", required=False),
        },
        years=(1962, 1962),
    ),
    "moments": Table(
        "moments",
        {
            "id": Column("id"),
            "title": Column("text"),
            "date": Column("date"),
            "event_ids": Column("refs", ref="events"),
            "washington_view": Column("text"),
            "moscow_view": Column("text"),
            "havana_view": Column("text"),
            "washington_unknown": Column("text"),
            "moscow_unknown": Column("text"),
            "havana_unknown": Column("text"),
            "quote_ids": Column("refs", required=False, ref="quotes"),
            "source_ids": Column("source_ids"),
        },
        years=(1962, 1962),
    ),
    "pairs": Table(
        "pairs",
        {
            "id": Column("id"),
            "kind": Column(
                "choice",
                choices=(
                    "public_threat",
                    "alert",
                    "ambiguous_incident",
                    "backchannel",
                    "face_saving",
                    "third_party",
                ),
            ),
            "event_1962": Column("ref", ref="events"),  # crisislab.compare checks the year
            "event_2022": Column("ref", ref="events"),
            "alike": Column("text"),
            "unlike": Column("text"),
            # Quotes shown beside the pair besides those tied to its events (optional).
            "quote_ids": Column("refs", required=False, ref="quotes"),
            "source_ids": Column("source_ids"),
        },
    ),
    "claims": Table(
        "claims",
        {
            "id": Column("id"),
            "claim": Column("text"),
            "evidence_given": Column("text"),
            "supports": Column("text"),
            "cuts_against": Column("text"),
            "left_out": Column("text"),
            "source_ids": Column("source_ids"),
        },
    ),
    "roles": Table(
        "roles",
        {
            "id": Column("id"),  # the role-play cards of crisislab.instructors
            "person_id": Column("ref", ref="people"),
            "side": Column("choice", choices=("ExComm", "Presidium", "Havana", "Embassy")),
            "position": Column("text"),
            "private_knowledge": Column("text"),
            "does_not_know": Column("text"),
            "quote_ids": Column("refs", required=False, ref="quotes"),
            "event_ids": Column("refs", required=False, ref="events"),
            "source_ids": Column("source_ids"),
        },
    ),
}

# Tables every course install must have; the others load when their file exists.
EVENT_TABLES = ("events_1962", "events_2022")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_learned(value: str) -> date | None:
    """When a side learned of an event: an ISO date, a year (taken as 1 January), or None.

    ``never`` and an empty cell give None: the event never shows in that side's view.
    """
    value = (value or "").strip()
    if not value or value == "never":
        return None
    if _YEAR.match(value):
        return date(int(value), 1, 1)
    return date.fromisoformat(value)


def _read_rows(path: Path, table: Table) -> list[dict[str, str]]:
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(name, None, None, "the file to exist in the data folder") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            name, None, None, "UTF-8 text", f"undecodable byte at {exc.start}"
        ) from None
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [c for c in table.columns if c not in header]
        if missing:
            raise DataError(name, None, missing[0], "a header with this column", ",".join(header))
        rows = []
        for number, row in enumerate(reader, start=1):
            if None in row:  # more cells than header columns
                raise DataError(
                    name,
                    number,
                    None,
                    f"{len(header)} cells as in the header",
                    f"{len(header) + len(row[None])} cells",
                )
            rows.append({k: (v if v is not None else "") for k, v in row.items()})
    except csv.Error as exc:
        raise DataError(name, reader.line_num, None, "well-formed CSV", str(exc)) from None
    return rows


def _check_cell(
    table: Table,
    column: str,
    spec: Column,
    value: str,
    number: int,
    row_id: str | None,
    source_ids: set[str] | None,
) -> object:
    """Check one cell; return its typed value."""
    file = table.file

    def fail(expected: str) -> DataError:
        return DataError(file, number, column, expected, value, row_id)

    value = value.strip()
    if not value:
        if spec.required:
            raise fail("a value (this column is required)")
        return None
    if _MARKUP.search(value):
        raise fail("plain text without HTML or script markup")
    kind = spec.kind
    if kind == "id":
        if not _ID.match(value):
            raise fail("an id of lowercase letters, digits, '.', '-' or '_'")
        return value
    if kind == "note":
        talk = PROCESS_TALK.search(value)
        if talk:
            raise fail(
                "a note for students, without words about how the course was made "
                f"(move {talk.group(0)!r} to research_note)"
            )
        if sentences(value) > NOTE_MAX_SENTENCES:
            raise fail(
                f"a note of at most {NOTE_MAX_SENTENCES} sentences "
                "(put provenance in research_note)"
            )
        return value
    if kind in ("text", "url", "ref"):
        if kind == "url" and not value.startswith(("https://", "http://")):
            raise fail("a web address starting with https:// or http://")
        if kind == "ref" and not _ID.match(value):
            raise fail("an id of another table")
        return value
    if kind == "date":
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise fail("an ISO date YYYY-MM-DD") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise fail("an ISO date YYYY-MM-DD")
        if table.years and not table.years[0] <= parsed.year <= table.years[1]:
            raise fail(f"a date between {table.years[0]} and {table.years[1]}")
        return parsed
    if kind == "time":
        if not _TIME.match(value):
            raise fail("a local time HH:MM (24-hour)")
        return value
    if kind == "tz":
        if value not in _zones():
            raise fail("an IANA time zone such as America/New_York or Europe/Moscow")
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail("an IANA time zone known to zoneinfo") from None
        return value
    if kind == "choice":
        if value not in spec.choices:
            raise fail("one of " + ", ".join(spec.choices))
        return value
    if kind == "choices":
        parts = _split(value)
        bad = [p for p in parts if p not in spec.choices]
        if bad or not parts:
            raise DataError(
                file,
                number,
                column,
                "';'-separated values from: " + ", ".join(spec.choices),
                bad[0] if bad else value,
                row_id,
            )
        return ";".join(parts)
    if kind in ("number", "integer", "year"):
        try:
            number_value = float(value.replace(",", "")) if kind == "number" else int(value)
        except ValueError:
            raise fail(
                {"number": "a number", "integer": "a whole number", "year": "a year YYYY"}[kind]
            ) from None
        if kind == "number" and number_value != number_value:  # NaN
            raise fail("a number")
        if spec.choices and value not in spec.choices:
            raise fail("one of " + ", ".join(spec.choices))
        if kind == "year" and not 1800 <= number_value <= 2100:
            raise fail("a year between 1800 and 2100")
        return number_value
    if kind == "said":
        try:
            if not _YEAR.match(value):
                date.fromisoformat(value)
        except ValueError:
            raise fail(
                "an ISO date YYYY-MM-DD, or a year YYYY when only the year is known"
            ) from None
        return value
    if kind == "learned":
        try:
            parse_learned(value)
        except ValueError:
            raise fail("an ISO date, a year YYYY, or 'never'") from None
        return value
    if kind == "refs":
        parts = _split(value)
        if not all(_ID.match(p) for p in parts):
            raise fail("';'-separated ids of another table")
        return ";".join(parts)
    if kind == "source_ids":
        parts = _split(value)
        if not parts:
            raise fail("at least one source id")
        if source_ids is not None:
            for part in parts:
                if part not in source_ids:
                    raise DataError(
                        file, number, column, "source ids that exist in sources.csv", part, row_id
                    )
        return ";".join(parts)
    raise AssertionError(f"unknown column kind {kind}")  # a programming error, not data


def _validate(
    table: Table, rows: list[dict[str, str]], source_ids: set[str] | None
) -> pd.DataFrame:
    file = table.file
    seen: dict[str, int] = {}
    typed_rows = []
    for number, row in enumerate(rows, start=1):
        row_id = (row.get(table.id_column) or "").strip() or None
        typed = {}
        for column, spec in table.columns.items():
            typed[column] = _check_cell(
                table, column, spec, row.get(column, ""), number, row_id, source_ids
            )
        key = str(typed[table.id_column]).casefold()
        if key in seen:
            raise DataError(
                file,
                number,
                table.id_column,
                f"a unique id (row {seen[key]} has it already)",
                row_id,
                row_id,
            )
        seen[key] = number
        for low, high in table.low_high:
            lo, hi = typed.get(low), typed.get(high)
            if lo is not None and hi is not None and lo > hi:
                raise DataError(file, number, low, f"{low} <= {high} ({hi:g})", lo, row_id)
        if table.name.startswith("events"):
            _check_event(table, typed, number, row_id)
        typed_rows.append(typed)
    # Typed columns: numbers float64 (NaN when empty), whole numbers Int64 (<NA> when empty),
    # dates as datetime.date objects, every other column text ("" when empty, never NaN).
    columns = {}
    for column, spec in table.columns.items():
        values = [row[column] for row in typed_rows]
        if spec.kind == "number":
            columns[column] = pd.Series(values, dtype="float64")
        elif spec.kind in ("integer", "year"):
            columns[column] = pd.Series(values, dtype="Int64")
        elif spec.kind == "date":
            columns[column] = pd.Series(values, dtype="object")
        else:
            columns[column] = pd.Series(["" if v is None else v for v in values], dtype="object")
    frame = pd.DataFrame(columns, columns=list(table.columns))
    return frame


def _check_event(table: Table, typed: dict, number: int, row_id: str | None) -> None:
    """Rules that span an event's columns: precision matches the time, learning is sane."""
    file = table.file
    if typed["time_precision"] in ("minute", "hour") and not typed["time_local"]:
        raise DataError(
            file,
            number,
            "time_local",
            f"a time, since time_precision is {typed['time_precision']!r}",
            "",
            row_id,
        )
    for column in ("washington_learned", "moscow_learned"):
        value = typed[column] or ""
        learned = parse_learned(value)
        if learned is None:
            continue
        # A bare year only says "sometime that year"; a date may precede the event by a
        # month at most (an announced step, such as the quarantine, is known before it starts).
        too_early = (
            learned.year < typed["date"].year
            if _YEAR.match(value)
            else (typed["date"] - learned).days > 31
        )
        if too_early:
            raise DataError(
                file,
                number,
                column,
                "a date no earlier than a month before the event itself",
                typed[column],
                row_id,
            )
    if table.name == "events_1962":
        for column in ("washington_learned", "moscow_learned"):
            if not typed[column]:
                raise DataError(
                    file,
                    number,
                    column,
                    "when this side learned of the event (a date, a year or "
                    "'never'); the knowledge views need it",
                    "",
                    row_id,
                )


_CACHE: dict[tuple, pd.DataFrame] = {}


def _signature(folder: Path, names: tuple[str, ...]) -> tuple:
    sig = []
    for name in names:
        path = folder / f"{name}.csv"
        try:
            stat = path.stat()
            sig.append((name, stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            sig.append((name, None, None))
    return tuple(sig)


def _source_ids(folder: Path) -> set[str]:
    return set(load("sources", folder)["id"])


def load(name: str, folder: Path | str | None = None) -> pd.DataFrame:
    """Load and validate one table by name (e.g. ``"events_1962"``); return a copy.

    Raises :class:`DataError` for any problem. Results are cached until the file changes.
    """
    if name not in TABLES:
        raise DataError(
            f"{name}.csv", None, None, "one of the course's tables: " + ", ".join(TABLES)
        )
    folder = Path(folder) if folder is not None else data_dir()
    deps = (name,) if name == "sources" else (name, "sources")
    key = (str(folder.resolve()), name, _signature(folder, deps))
    if key not in _CACHE:
        table = TABLES[name]
        source_ids = None if name == "sources" else _source_ids(folder)
        rows = _read_rows(folder / table.file, table)
        _CACHE[key] = _validate(table, rows, source_ids)
    return _CACHE[key].copy()


def available_tables(folder: Path | str | None = None) -> list[str]:
    """Names of the tables whose files exist in the data folder."""
    folder = Path(folder) if folder is not None else data_dir()
    return [name for name, table in TABLES.items() if (folder / table.file).exists()]


def load_all(folder: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Load every table present and check references between them (people, places, events)."""
    folder = Path(folder) if folder is not None else data_dir()
    tables = {name: load(name, folder) for name in available_tables(folder)}
    ids = {name: set(frame[TABLES[name].id_column]) for name, frame in tables.items()}
    ids["events"] = ids.get("events_1962", set()) | ids.get("events_2022", set())
    for name, frame in tables.items():
        for column, spec in TABLES[name].columns.items():
            if spec.ref is None:
                continue
            known = ids.get(spec.ref)
            if known is None:
                continue
            for number, value in enumerate(frame[column], start=1):
                for part in _split(value or ""):
                    if part not in known:
                        raise DataError(
                            TABLES[name].file,
                            number,
                            column,
                            f"an id that exists in {spec.ref}",
                            part,
                            frame[TABLES[name].id_column].iloc[number - 1],
                        )
    return tables


def instant(day: date, time_local: str | None, tz: str) -> datetime:
    """The moment of an event as an aware datetime (noon local when only the day is known)."""
    hour, minute = (int(x) for x in time_local.split(":")) if time_local else (12, 0)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz))


def events(year: int = 1962, folder: Path | str | None = None) -> pd.DataFrame:
    """The events of 1962 or 2022, in the order they happened (compared as UTC instants)."""
    if year not in (1962, 2022):
        raise ValueError("Events are kept for 1962 and 2022.")
    frame = load(f"events_{year}", folder)
    keys = [
        instant(d, t, z).astimezone(UTC)
        for d, t, z in zip(frame["date"], frame["time_local"], frame["tz"], strict=True)
    ]
    return (
        frame.assign(_t=keys)
        .sort_values(["_t", "id"], kind="stable")
        .drop(columns="_t")
        .reset_index(drop=True)
    )
