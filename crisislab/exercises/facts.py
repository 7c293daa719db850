"""What a question knows once its data is read: one dataclass of facts per kind of question.

Accepted answers are *derived* from ``data/`` where the fact lives there (an event's date, a
geodesic distance between two places, a time converted with ``zoneinfo``), so that a check can
never drift from the tables the lessons show. Nothing is read at import: a question's
``facts()`` loads what it needs when an answer is checked, and a question whose data is missing
raises :class:`Unavailable`, which :func:`crisislab.exercises.checks.check` turns into a
friendly "this question's data is unavailable" panel. The helpers below are shared by the
question banks in :mod:`crisislab.exercises.bank`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from .text import normalise_name


class Unavailable(Exception):
    """A question's facts cannot be built from the data (missing file, row or value)."""


def answer_hash(question_id: str, answer: str) -> str:
    """The stored form of a hidden answer: sha256 of the question id and the normalised answer."""
    text = f"crisislab:{question_id}:{answer.strip().casefold()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- resolved facts, one per kind


@dataclass(frozen=True)
class DateFacts:
    """A date question: the accepted date and hints for dates students often give instead."""

    answer: date
    why: str
    sources: str
    wrong: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class NumberFacts:
    """A number with a tolerance and unit, plus hints for values that betray a known mistake."""

    answer: float
    tolerance: float
    unit: str
    why: str
    sources: str
    wrong: tuple[tuple[float, str], ...] = ()
    unit_words: tuple[str, ...] = ()
    advice: str = ""  # what to check when the value is simply off (only what applies)
    exact: bool = False  # a count: the correct panel says "Yes: 16 times", not "about 16"


@dataclass(frozen=True)
class ChoiceFacts:
    """Single or multiple choice: labelled options, the right labels (maybe hashed), notes."""

    options: tuple[tuple[str, str], ...]  # (label, text), in the order shown
    correct: frozenset[str]  # labels, or answer_hash(question id, label) when hashed
    notes: dict[str, str]  # per label: why it is right, or a hint when it is chosen wrongly
    why: str
    sources: str
    multiple: bool = False
    hashed: bool = False


@dataclass(frozen=True)
class OrderFacts:
    """Events to put in order: labelled items as shown and the order they happened in."""

    items: tuple[tuple[str, str], ...]  # (label, event title), in the (scrambled) order shown
    ids: dict[str, str]  # label -> event id
    order: tuple[str, ...]  # labels in the order the events happened
    why: str
    sources: str


@dataclass(frozen=True)
class NameFacts:
    """A person: every accepted spelling, and who else a name could mean (for the hint)."""

    person_id: str
    name: str
    accepted: frozenset[str]  # normalised names and aliases of the right person
    others: dict[str, tuple[str, str, str]]  # normalised alias -> (person id, name, role)
    wrong: dict[str, str]  # person id -> hint for that likely mix-up
    why: str
    sources: str


@dataclass(frozen=True)
class TimeFacts:
    """A moment converted between capitals: the answer as an aware local time, and the source."""

    answer: datetime  # aware, in the target zone
    source: datetime  # aware, as recorded
    target_place: str
    source_place: str
    why: str
    sources: str
    tolerance_minutes: int = 10
    needs_day: bool = True  # the question asks for the day as well as the time


@dataclass(frozen=True)
class TextFacts:
    """A reflection: not graded; checks something was written, then shows a model and a rubric."""

    model_answer: str
    rubric: tuple[str, ...]
    sources: str
    min_words: int = 15  # words of the student's own, not copied from the prompt or template
    template: str = ""  # the text given to fill in (copying it back is not an answer)
    path: bool = False  # a decision path from the simulator, followed by a comment
    # When set, the answer must cite an id from the data and name a leader; this id is the
    # example the hint gives.
    evidence: str = ""


# ---------------------------------------------------------------- reading the data (lazily)


def _table(name: str):
    from .. import data  # imported here: the checks module must import fast

    try:
        return data.load(name)
    except Exception as exc:  # DataError, a missing file: the question says it is unavailable
        raise Unavailable(f"the table {name} could not be loaded ({exc})") from None


def _row(table: str, row_id: str) -> dict:
    frame = _table(table)
    match = frame[frame["id"] == row_id]
    if match.empty:
        raise Unavailable(f"{table}.csv has no row {row_id!r}")
    return match.iloc[0].to_dict()


def _event(event_id: str) -> dict:
    return _row("events_1962", event_id)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _sources(*rows: dict) -> str:
    ids: list[str] = []
    for row in rows:
        for part in str(row.get("source_ids", "")).split(";"):
            if part.strip() and part.strip() not in ids:
                ids.append(part.strip())
    return ";".join(ids)


def _lead_sources(*rows: dict) -> str:
    """The first source of each row: a short citation for an answer that spans several rows."""
    ids: list[str] = []
    for row in rows:
        first = str(row.get("source_ids", "")).split(";")[0].strip()
        if first and first not in ids:
            ids.append(first)
    return ";".join(ids)


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _event_hints(pairs: tuple[tuple[str, str], ...], answer: date) -> tuple[tuple[date, str], ...]:
    """Hints keyed by the dates of other events (skipped when an event is missing)."""
    hints = []
    for event_id, hint in pairs:
        try:
            day = _event(event_id)["date"]
        except Unavailable:
            continue
        if day != answer:
            hints.append((day, hint))
    return tuple(hints)


def _event_date(event_id: str, hints: tuple[tuple[str, str], ...] = ()) -> Callable[[], DateFacts]:
    def facts() -> DateFacts:
        row = _event(event_id)
        why = f"{row['title']}: {_long_date(row['date'])}. {_sentence(row['description'])}"
        return DateFacts(row["date"], why, _sources(row), _event_hints(hints, row["date"]))

    return facts


def event_order_facts(
    year: int, items: tuple[tuple[str, str], ...], cite: Callable[..., str] | None = None
) -> Callable[[], OrderFacts]:
    """Facts for "put these events in order": labelled event ids of one year, as shown.

    The right order is read from the data (events compared as instants, across time zones),
    so the question follows any correction of a date or a time in the events table.
    """

    def facts() -> OrderFacts:
        from .. import data

        rows = {label: _row(f"events_{year}", event_id) for label, event_id in items}
        try:
            ordered_ids = list(data.events(year)["id"])
        except Exception as exc:
            raise Unavailable(f"the {year} events could not be ordered ({exc})") from None
        order = tuple(sorted(rows, key=lambda label: ordered_ids.index(rows[label]["id"])))
        steps = "; ".join(
            f"{rows[label]['title']} ({_long_date(rows[label]['date'])})" for label in order
        )
        return OrderFacts(
            items=tuple((label, rows[label]["title"]) for label, _ in items),
            ids=dict(items),
            order=order,
            why=f"In order: {steps}.",
            sources=(cite or _lead_sources)(*rows.values()),
        )

    return facts


def _people_index() -> tuple[dict[str, dict], dict[str, tuple[str, str, str]]]:
    frame = _table("people")
    by_id, aliases = {}, {}
    for row in frame.to_dict("records"):
        by_id[row["id"]] = row
        for alias in [row["id"], row["name"], *str(row.get("aliases", "")).split(";")]:
            key = normalise_name(alias)
            if key and key not in aliases:
                aliases[key] = (row["id"], row["name"], row["role"])
    return by_id, aliases


def _person_facts(
    person_id: str, event_id: str, wrong: dict[str, str], why: str
) -> Callable[[], NameFacts]:
    def facts() -> NameFacts:
        by_id, aliases = _people_index()
        if person_id not in by_id:
            raise Unavailable(f"people.csv has no row {person_id!r}")
        row = by_id[person_id]
        event = _event(event_id)
        accepted = {normalise_name(row["id"]), normalise_name(row["name"])}
        accepted |= {normalise_name(a) for a in str(row.get("aliases", "")).split(";")}
        accepted.discard("")
        others = {k: v for k, v in aliases.items() if v[0] != person_id}
        # A name shared by two people (say, "Kennedy") is not accepted: it does not say who.
        accepted -= set(others)
        text = why.format(name=row["name"], role=row["role"], date=_long_date(event["date"]))
        return NameFacts(
            person_id, row["name"], frozenset(accepted), others, wrong, text, _sources(event, row)
        )

    return facts


def evidence_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The ids a free-text answer can cite (sources, quotes, events) and people's names.

    Names are reduced with :func:`normalise_name`: each person's full name, aliases and
    surname (the last word of the name that is not a suffix such as Jr. or II).
    """
    ids: set[str] = set()
    for table in ("sources", "quotes", "events_1962", "events_2022"):
        ids |= {str(i).strip().casefold() for i in _table(table)["id"] if str(i).strip()}
    names: set[str] = set()
    for row in _table("people").to_dict("records"):
        full = normalise_name(row["name"])
        names.add(full)
        names |= {normalise_name(a) for a in str(row.get("aliases", "")).split(";")}
        parts = [w for w in full.split() if w not in ("jr", "sr", "ii", "iii") and len(w) > 1]
        if parts and len(parts[-1]) >= 4:
            names.add(parts[-1])
    # The speakers of the quotes (by id, e.g. "putin"), even where people.csv lacks a row.
    for speaker in _table("quotes").get("speaker_id", []):
        key = normalise_name(str(speaker).replace("-", " "))
        if len(key) >= 4:
            names.add(key)
    names.discard("")
    names.discard("nan")
    return frozenset(ids), frozenset(names)


def quote_when(quote: dict) -> str:
    """When a quotation was said, as :func:`crisislab.sources.quote_when` shows it."""
    try:
        from ..sources import quote_when as when
    except ImportError:
        day = quote.get("about_date")
        return _long_date(day) if isinstance(day, date) else ""
    return str(when(quote))


def quote_attribution(quote: dict) -> str:
    """Who said a quotation (their name in people.csv), in what kind of record, and when.

    For display, never for logic: "Nikita S. Khrushchev, 27 October 1962", with the time
    from :func:`crisislab.sources.quote_when` (the quotes table's ``said_on``, ``about_date``
    and ``kind``).
    """
    people = _table("people").set_index("id")
    speaker = str(quote.get("speaker_id", ""))
    name = str(people.loc[speaker, "name"]) if speaker in people.index else speaker
    when = quote_when(quote)
    return f"{name}, {when}" if when else name
