"""Every exercise question of the course, registered once: id, lesson, prompt, kind, feedback.

Accepted answers are *derived* from ``data/`` where the fact lives there (an event's date, a
geodesic distance between two places, a time converted with ``zoneinfo``), so that a check can
never drift from the tables the lessons show. Nothing is read at import: each question's
``facts()`` loads what it needs when a student checks an answer, and a question whose data is
missing raises :class:`Unavailable`, which :func:`crisislab.checks.check` turns into a friendly
"this question's data is unavailable" panel.

    >>> from crisislab.questions import questions
    >>> [q.id for q in questions(lesson=1)][:2]
    ['01.photos-date', '01.shootdown-date']
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

KINDS = ("date", "number", "choice", "multiple", "order", "name", "time", "text")


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


@dataclass(frozen=True)
class TextFacts:
    """A reflection: not graded; checks something was written, then shows a model and a rubric."""

    model_answer: str
    rubric: tuple[str, ...]
    sources: str
    min_words: int = 15


@dataclass(frozen=True)
class Question:
    """One registered question: what is asked, of which kind, and how to build its facts."""

    id: str
    lesson: int
    prompt: str
    kind: str
    facts: Callable[[], object] = field(repr=False, compare=False)
    objective: int | None = None  # 1-based number of the lesson objective it practises
    example: str = ""  # what a well-formed answer looks like, shown in the student prompt


_REGISTRY: dict[str, Question] = {}


def register(question: Question) -> Question:
    """Add a question to the registry; ids are unique and kinds known (an author's mistake)."""
    if question.id in _REGISTRY:
        raise ValueError(f"question {question.id!r} is registered twice")
    if question.kind not in KINDS:
        raise ValueError(f"question {question.id!r} has unknown kind {question.kind!r}")
    _REGISTRY[question.id] = question
    return question


def questions(lesson: int | None = None) -> list[Question]:
    """Every registered question (or one lesson's), in the order they were registered."""
    _load_lesson_modules()
    return [q for q in _REGISTRY.values() if lesson is None or q.lesson == lesson]


def get(question_id: object) -> Question | None:
    """The question with this id, or None."""
    if not isinstance(question_id, str):
        return None
    _load_lesson_modules()
    return _REGISTRY.get(question_id)


#: Lesson modules that failed to import, with the error (a test keeps this empty).
LOAD_ERRORS: dict[str, str] = {}
_LOADED = False


def _load_lesson_modules() -> None:
    """Import the other lessons' question modules (``questions_NN.py``) once, on first use.

    Lazily, so that importing the checks stays fast; a module that fails to import is noted in
    :data:`LOAD_ERRORS` and its questions answer "there is no question", never a traceback.
    """
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import importlib
    import pkgutil
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(folder)]))
    for name in names:
        if re.fullmatch(r"questions_\d{2}", name):
            try:
                importlib.import_module(f"{__package__}.{name}")
            except Exception as exc:  # reported by the tests, never raised at a student
                LOAD_ERRORS[name] = f"{type(exc).__name__}: {exc}"


# ---------------------------------------------------------------- reading the data (lazily)


def _table(name: str):
    from . import data  # imported here: the checks module must import fast

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


# ---------------------------------------------------------------- lesson 0: a practice question

register(
    Question(
        "00.try-it",
        0,
        "On what date did President Kennedy address the nation about the missiles in Cuba?",
        "date",
        _event_date(
            "e62-address-to-nation",
            (
                (
                    "e62-bundy-briefs-president",
                    "That is when Kennedy first saw the photographs; "
                    "he spoke to the public almost a week later.",
                ),
                ("e62-radio-moscow-acceptance", "That is the day the crisis ended."),
            ),
        ),
        objective=3,
        example='a date such as "1 October 1962"',
    )
)

# ---------------------------------------------------------------- lesson 1: Thirteen Days

register(
    Question(
        "01.photos-date",
        1,
        "On what date did the U-2 take the photographs that showed the missile sites in Cuba?",
        "date",
        _event_date(
            "e62-u2-photographs",
            (
                (
                    "e62-bundy-briefs-president",
                    "That is when Bundy showed the President the "
                    "photographs; they had been taken, and analysed, before.",
                ),
                (
                    "e62-address-to-nation",
                    "That is when the public learned of the missiles, "
                    "a week after the photographs were taken.",
                ),
            ),
        ),
        objective=1,
        example='a date such as "1 October 1962"',
    )
)

register(
    Question(
        "01.shootdown-date",
        1,
        "On what date was an American U-2 shot down over Cuba, on the day later called "
        '"Black Saturday"?',
        "date",
        _event_date(
            "e62-u2-shot-down",
            (
                (
                    "e62-radio-moscow-acceptance",
                    "That is the day Radio Moscow announced the "
                    "missiles would be removed: the U-2 was lost the day before.",
                ),
                (
                    "e62-khrushchev-letter-26oct",
                    "That is the day of Khrushchev's first, long letter. Look one day later.",
                ),
            ),
        ),
        objective=1,
        example='a date such as "1 October 1962"',
    )
)

_ORDER_ITEMS = (
    # (label, event id), shown in this scrambled order
    ("A", "e62-u2-shot-down"),
    ("B", "e62-quarantine-begins"),
    ("C", "e62-address-to-nation"),
    ("D", "e62-khrushchev-letter-26oct"),
    ("E", "e62-bucharest"),
)


def event_order_facts(
    year: int, items: tuple[tuple[str, str], ...], cite: Callable[..., str] | None = None
) -> Callable[[], OrderFacts]:
    """Facts for "put these events in order": labelled event ids of one year, as shown.

    The right order is read from the data (events compared as instants, across time zones),
    so the question follows any correction of a date or a time in the events table.
    """

    def facts() -> OrderFacts:
        from . import data

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


_order_facts = event_order_facts(1962, _ORDER_ITEMS)


register(
    Question(
        "01.order",
        1,
        "Put these events in the order they happened (earliest first), as a list of letters.",
        "order",
        _order_facts,
        objective=1,
        example='a list of letters such as ["A", "B", "C", "D", "E"], in your order',
    )
)


def _moscow_learned_facts() -> DateFacts:
    from .data import parse_learned

    row = _event("e62-u2-photographs")
    raw = str(row.get("moscow_learned", ""))
    try:
        learned = parse_learned(raw)
    except ValueError:
        learned = None
    if learned is None or raw.strip().isdigit():
        raise Unavailable("events_1962.csv gives no day on which Moscow learned of the photographs")
    hints = _event_hints(
        (
            (
                "e62-u2-photographs",
                "That is when the photographs were taken: Washington knew "
                "within two days, but Moscow did not know that it knew.",
            ),
            (
                "e62-bundy-briefs-president",
                "That is when Kennedy learned of the missiles. He "
                "kept it secret for almost a week while the ExComm debated.",
            ),
            (
                "e62-quarantine-begins",
                "By then Moscow had known for a while: look at how "
                "Washington chose to reveal what it knew.",
            ),
        ),
        learned,
    )
    why = (
        f"Moscow learned that the Americans had found the missiles on {_long_date(learned)}; "
        "for the first week of the crisis, Washington knew something Moscow did not know it knew."
    )
    return DateFacts(learned, why, _sources(row), hints)


register(
    Question(
        "01.moscow-learned",
        1,
        "On what date did Moscow learn that Washington had found the missiles in Cuba? "
        "(Use the timeline's 'Moscow learned' column for the U-2 photographs.)",
        "date",
        _moscow_learned_facts,
        objective=2,
        example='a date such as "1 October 1962"',
    )
)

# "What Washington did not know": options are events; an event is right when Washington learned
# of it only after the crisis (the washington_learned column is later than 28 October 1962).
_NOT_KNOWN_OPTIONS = (
    ("A", "e62-u2-photographs"),
    ("B", "e62-b59"),
    ("C", "e62-khrushchev-letter-26oct"),
    ("D", "e62-maultsby-u2"),
    ("E", "e62-tactical-nuclear-forces-cuba"),
)
_CRISIS_END = date(1962, 10, 28)


def _not_known_facts() -> ChoiceFacts:
    from .data import parse_learned

    rows = {label: _event(event_id) for label, event_id in _NOT_KNOWN_OPTIONS}
    correct, notes = set(), {}
    for label, row in rows.items():
        raw = str(row.get("washington_learned", "")).strip()
        try:
            learned = parse_learned(raw)
        except ValueError:
            raise Unavailable(f"{row['id']} has no readable washington_learned") from None
        when = "never" if learned is None else (raw if len(raw) == 4 else _long_date(learned))
        later = learned is None or learned > _CRISIS_END
        if later:
            correct.add(label)
            after = "never at the time" if learned is None else f"only in {when}"
            notes[label] = f"'{row['title']}': Washington learned of it {after}."
        else:
            notes[label] = (
                f"Washington knew of '{row['title']}' by {when}, during the crisis itself."
            )
    if not correct:
        raise Unavailable("no option is an event Washington learned of only after the crisis")
    return ChoiceFacts(
        options=tuple((label, rows[label]["title"]) for label, _ in _NOT_KNOWN_OPTIONS),
        correct=frozenset(correct),
        notes=notes,
        why="Some of the most dangerous facts of the crisis were unknown in Washington then.",
        sources=_lead_sources(*rows.values()),
        multiple=True,
    )


register(
    Question(
        "01.did-not-know",
        1,
        "Which of these did Washington NOT know about during the crisis (it learned of them "
        "only after 28 October 1962)? Give every letter that applies.",
        "multiple",
        _not_known_facts,
        objective=2,
        example='a list of letters such as ["A"] or ["A", "C"]',
    )
)


def _place(place_id: str) -> dict:
    return _row("places", place_id)


def _distance(a: dict, b: dict) -> float:
    from .geo import distance_km

    return distance_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))


def _distance_facts() -> NumberFacts:
    site, capital = _place("san-cristobal"), _place("washington")
    km = _distance(site, capital)
    wrong = [(km / 1.609344, "That looks like the distance in miles: give it in kilometres.")]
    flat = math.hypot(capital["lat"] - site["lat"], capital["lon"] - site["lon"]) * 111.2
    wrong.append(
        (
            flat,
            "That looks like a flat-map distance (degrees times 111 km). The Earth is round: "
            "use geo.distance_km, which measures along the great circle.",
        )
    )
    for other in ("miami", "new-york"):
        try:
            place = _place(other)
        except Unavailable:
            continue
        wrong.append((_distance(site, place), f"That is the distance to {place['name']}."))
    why = (
        f"Along the great circle, {site['name']} is {km:,.0f} km from {capital['name']}: "
        "the first missiles found in Cuba could reach the American capital within minutes."
    )
    return NumberFacts(
        answer=km,
        tolerance=max(15.0, 0.01 * km),
        unit="km",
        why=why,
        sources=_sources(site, capital),
        wrong=tuple(wrong),
        unit_words=("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    )


register(
    Question(
        "01.distance-washington",
        1,
        "How far is it, in km, from the San Cristobal missile sites to Washington? "
        "(Use geo.distance_km with the coordinates in the places table.)",
        "number",
        _distance_facts,
        objective=3,
        example="a number of km, such as 1234",
    )
)

_REACH_OPTIONS = (("A", "miami"), ("B", "washington"), ("C", "new-york"), ("D", "moscow"))


def _reach_facts() -> ChoiceFacts:
    weapon = _row("weapons", "r-12")
    site = _place("san-cristobal")
    reach = weapon.get("range_km_high")
    if reach is None or reach != reach:  # empty cell (NaN)
        raise Unavailable("weapons.csv gives no highest range for the R-12")
    correct, notes, options = set(), {}, []
    for label, place_id in _REACH_OPTIONS:
        place = _place(place_id)
        km = _distance(site, place)
        options.append((label, place["name"]))
        if km <= reach:
            correct.add(label)
            notes[label] = f"{place['name']} is {km:,.0f} km away: within {reach:,.0f} km."
        else:
            notes[label] = (
                f"{place['name']} is {km:,.0f} km from {site['name']}, beyond {reach:,.0f} km."
            )
    why = (
        f"Published ranges of the R-12 run from {weapon['range_km_low']:,.0f} to {reach:,.0f} km; "
        "compare each city's great-circle distance from San Cristobal with the highest figure."
    )
    return ChoiceFacts(
        options=tuple(options),
        correct=frozenset(correct),
        notes=notes,
        why=why,
        sources=_lead_sources(weapon, site),
        multiple=True,
    )


register(
    Question(
        "01.r12-reach",
        1,
        "Which of these cities were within reach of an R-12 launched from San Cristobal, taking "
        "the highest published range in the weapons table? Give every letter that applies.",
        "multiple",
        _reach_facts,
        objective=3,
        example='a list of letters such as ["A"] or ["A", "C"]',
    )
)


def _speech_moscow_facts() -> TimeFacts:
    row = _event("e62-address-to-nation")
    if not row.get("time_local"):
        raise Unavailable("events_1962.csv gives no time for the address to the nation")
    hour, minute = (int(x) for x in row["time_local"].split(":"))
    day = row["date"]
    source = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(row["tz"]))
    target = source.astimezone(ZoneInfo("Europe/Moscow"))
    gap = (target.utcoffset() - source.utcoffset()).total_seconds() / 3600
    why = (
        f"{source:%H:%M} in Washington on {_long_date(source.date())} was {target:%H:%M} in Moscow "
        f"on {_long_date(target.date())}: Moscow was {gap:g} hours ahead, because Washington was "
        f"on UTC{_offset(source)} ({'daylight-saving' if source.dst() else 'standard'} time) "
        f"and Moscow on UTC{_offset(target)}."
    )
    return TimeFacts(target, source, "Moscow", "Washington", why, _sources(row))


def _offset(moment: datetime) -> str:
    hours = moment.utcoffset().total_seconds() / 3600
    return f"{hours:+g}"


register(
    Question(
        "01.speech-moscow-time",
        1,
        "Kennedy began his address to the nation at 7 p.m. in Washington. What time was it in "
        "Moscow (and on what day)?",
        "time",
        _speech_moscow_facts,
        objective=3,
        example='a time such as "14:30 on 1 October 1962", or a datetime',
    )
)

# Which message first tied Cuba to Turkey. The right label is stored hashed, so that the answer
# is not given away at a glance; each option's note comes from the event's own description.
_TURKEY_OPTIONS = (
    # (label, how the option is named, the event it stands for); the day comes from the data
    ("A", "Khrushchev's letter of {day}", "e62-khrushchev-letter-26oct"),
    ("B", "Khrushchev's message of {day}", "e62-khrushchev-letter-27oct"),
    ("C", "Kennedy's reply of {day}", "e62-kennedy-reply-27oct"),
    ("D", "Khrushchev's message of {day}", "e62-radio-moscow-acceptance"),
)
_TURKEY_HASHES = frozenset({"c066478c3084f27582da0ade5edaae811214e4a2fe3969cd18d8ac9fb2b2885b"})


def _turkey_facts() -> ChoiceFacts:
    rows = {label: _event(event_id) for label, _, event_id in _TURKEY_OPTIONS}
    names = {
        label: name.format(day=f"{rows[label]['date'].day} {rows[label]['date']:%B}")
        for label, name, _ in _TURKEY_OPTIONS
    }
    notes = {
        label: f"{row['title']} ({_long_date(row['date'])}): {_sentence(row['description'])}"
        for label, row in rows.items()
    }
    return ChoiceFacts(
        options=tuple((label, names[label]) for label, _, _ in _TURKEY_OPTIONS),
        correct=_TURKEY_HASHES,
        notes=notes,
        why="The trade of missiles in Cuba for missiles in Turkey became the crisis's secret "
        "bargain.",
        sources=_lead_sources(*rows.values()),
        hashed=True,
    )


register(
    Question(
        "01.turkey-letter",
        1,
        "Which message first demanded that the United States remove its missiles from Turkey "
        "in exchange for the Soviet missiles in Cuba? Give one letter.",
        "choice",
        _turkey_facts,
        objective=4,
        example='one letter such as "A"',
    )
)


def _people_index() -> tuple[dict[str, dict], dict[str, tuple[str, str, str]]]:
    from .checks import normalise_name

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
        from .checks import normalise_name

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


register(
    Question(
        "01.rfk-dobrynin",
        1,
        "Who met the Soviet ambassador, Anatoly Dobrynin, on the evening of 27 October to "
        "offer the deal that ended the crisis?",
        "name",
        _person_facts(
            "rfk",
            "e62-rfk-dobrynin",
            {
                "jfk": "The President sent someone he trusted completely: which Kennedy? "
                "Give the first name too.",
                "dobrynin": "Dobrynin is the ambassador himself: who did he meet?",
                "rusk": "Rusk drafted the idea, but he did not go to the meeting.",
                "khrushchev": "Khrushchev was in Moscow; the meeting was in Washington.",
            },
            "{name} met Dobrynin on {date}: a public no-invasion pledge, and a private "
            "promise that the missiles in Turkey would go within months.",
        ),
        objective=4,
        example='a name such as "Firstname Lastname"',
    )
)

register(
    Question(
        "01.reflection",
        1,
        "Pick one moment of the crisis when Washington and Moscow knew different things. "
        "What did each side know, and how might the gap have changed what the leaders did?",
        "text",
        lambda: TextFacts(
            model_answer=(
                "On 27 October the Americans did not know that Soviet forces in Cuba had "
                "short-range nuclear weapons, or that the submarine B-59 carried a nuclear "
                "torpedo. The Joint Chiefs pressed for an air strike and invasion on the "
                "assumption that only the missiles they had photographed were there. Had "
                "Kennedy agreed, Soviet commanders might have used weapons he did not know "
                "existed. Moscow, for its part, could not tell whether the U-2 shot down that "
                "day was the start of an attack it had not ordered. The gap made both leaders "
                "look for time and a private channel."
            ),
            rubric=(
                "Names a specific moment (a day or an event) and uses the timeline to say "
                "when each side learned of it.",
                "States what Washington knew and what Moscow knew, without hindsight.",
                "Explains a consequence: a decision that the gap made more likely or riskier.",
                "Cites at least one source id from the course data.",
            ),
            sources="",
        ),
        objective=2,
        example="a few sentences between quotes",
    )
)


__all__ = [
    "KINDS",
    "Question",
    "Unavailable",
    "answer_hash",
    "get",
    "questions",
    "register",
]
