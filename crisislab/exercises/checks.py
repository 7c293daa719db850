"""Check a student's answer and show friendly feedback: the course's exercise API.

    >>> from crisislab.checks import check
    >>> check("00.try-it", ...)                  # not attempted yet
    >>> check("00.try-it", "22 October 1962")    # a panel: correct, and one sentence of why

:func:`check` never raises, whatever the answer's type or shape. A student sees a panel saying
*not attempted*, *correct* (with why and a source), *not yet* (with a hint aimed at the likely
mistake) or, for free text that a person scores, *submitted* (with the rubric and a model
answer). Questions live in :mod:`crisislab.exercises.registry` and the banks; their facts come
from ``data/`` and are read only when an answer is checked, so this module imports fast and a
data problem shows as "this question's data is unavailable", never as a traceback.

The panel is for the student only: the grader (:mod:`crisislab.exercises.grading`) never
reads it, and decides every status again from the answers themselves.
"""

from __future__ import annotations

import difflib
import html
import math
import numbers
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from . import catalogue
from .facts import (
    ChoiceFacts,
    DateFacts,
    NameFacts,
    NumberFacts,
    OrderFacts,
    TextFacts,
    TimeFacts,
    Unavailable,
    answer_hash,
)
from .registry import Question
from .text import (
    MAX_ANSWER_CHARS,
    evidence_missing,
    filler_reason,
    is_blank_text,
    normalise_name,
    words,
)

UNANSWERED, CORRECT, INCORRECT, SUBMITTED = "unanswered", "correct", "incorrect", "submitted"
STATUSES = (CORRECT, SUBMITTED, INCORRECT, UNANSWERED)
STATUS_WORDS = {
    UNANSWERED: "Not attempted",
    CORRECT: "Correct",
    INCORRECT: "Not yet",
    SUBMITTED: "Submitted",
}
STATUS_COLOURS = {
    UNANSWERED: "#7F7F7F",
    CORRECT: "#009E73",
    INCORRECT: "#E69F00",
    SUBMITTED: "#0072B2",
}
MAX_TEXT_CHARS = 50_000  # for reflections

__all__ = [
    "CORRECT",
    "INCORRECT",
    "SUBMITTED",
    "UNANSWERED",
    "Feedback",
    "ask",
    "check",
    "missing_answer",
    "normalise_name",
    "questions",
]


def questions(lesson: int | None = None) -> list[Question]:
    """Every registered question, or one lesson's (see :mod:`crisislab.exercises.catalogue`)."""
    return catalogue.questions(lesson)


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` returns: a status, a plain-text message and an HTML panel."""

    question_id: str
    status: str  # "unanswered", "correct", "incorrect" or "submitted"
    message: str
    why: str = ""
    sources: str = ""
    model_answer: str = ""
    rubric: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        """True only when an automatically checked answer was accepted."""
        return self.status == CORRECT

    @property
    def hint(self) -> str:
        """The hint for a wrong answer (empty otherwise)."""
        return self.message if self.status == INCORRECT else ""

    def text(self) -> str:
        """The panel as plain text: what nbval compares and a screen reader gets."""
        lines = [f"{STATUS_WORDS[self.status]} [{self.question_id}]: {self.message}"]
        if self.why:
            lines.append(f"Why: {self.why}")
        if self.model_answer:
            lines.append(f"A model answer: {self.model_answer}")
        if self.rubric:
            lines.append("The rubric (what a good answer does):")
        lines.extend(f"- {item}" for item in self.rubric)
        if self.sources:
            lines.append(f"Source: {_cite(self.sources)}")
        return "\n".join(lines)

    def html(self) -> str:
        """The panel as escaped, deterministic HTML (status in words, not colour alone)."""
        e = html.escape
        colour = STATUS_COLOURS[self.status]
        parts = [
            f'<div class="crisislab-feedback crisislab-{self.status}" role="status" '
            f'style="border:1px solid #ccc;border-left:6px solid {colour};padding:6px 10px;'
            f'margin:4px 0;max-width:48em">',
            f"<strong>{e(STATUS_WORDS[self.status])}</strong> "
            f"<small>({e(self.question_id)})</small>",
            f"<div>{e(self.message)}</div>",
        ]
        if self.why:
            parts.append(f"<div><em>Why:</em> {e(self.why)}</div>")
        if self.model_answer:
            parts.append(f"<div><em>A model answer:</em> {e(self.model_answer)}</div>")
        if self.rubric:
            items = "".join(f"<li>{e(item)}</li>" for item in self.rubric)
            parts.append(
                f"<div><em>The rubric (what a good answer does):</em><ul>{items}</ul></div>"
            )
        if self.sources:
            parts.append(f"<div><small>Source: {e(_cite(self.sources))}</small></div>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_mimebundle_(self, include=None, exclude=None):
        # No status in the output's metadata: the grader never trusts what outputs claim.
        return {"text/plain": self.text(), "text/html": self.html()}

    def __repr__(self) -> str:
        return self.text()


def _cite(ids: str) -> str:
    from ..sources import cite

    return cite(ids)


@dataclass(frozen=True)
class Attempt:
    """The last answer checked for a question in this session (kept for "Save my answers")."""

    question_id: str
    answer: str
    feedback: Feedback


_ATTEMPTS: dict[str, Attempt] = {}


def attempts(lesson: int | None = None) -> list[Attempt]:
    """The last checked answer of each question in this session, in registry order."""
    order = [q.id for q in questions(lesson)]
    return [_ATTEMPTS[qid] for qid in order if qid in _ATTEMPTS]


def clear_attempts() -> None:
    """Forget the answers checked in this session (tests use it)."""
    _ATTEMPTS.clear()


class _Reject(Exception):
    """The answer cannot be read as the kind of answer asked for; the message says why."""


# ---------------------------------------------------------------- the entry point


def check(question_id: str, answer: object = ..., *, record: bool = True) -> Feedback:
    """Check an answer and return feedback; never raises, whatever the answer is.

    ``record=False`` checks without remembering the answer for "Save my answers" (the grader
    and the saved work use it).
    """
    try:
        return _check(question_id, answer, record)
    except Exception:  # a bug or a hostile object must never reach the student as a traceback
        return Feedback(
            str(question_id) if isinstance(question_id, str) else "?",
            INCORRECT,
            "This answer could not be read. Give a plain value, such as text in quotes "
            "or a number, and run the cell again.",
        )


def missing_answer(question_id: str, name: str, slip: str = "") -> Feedback:
    """The "not attempted" panel for a check cell whose answer variable does not exist yet.

    ``slip`` says what went wrong in the answer cell, when known (e.g. text without quotes).
    """
    question = catalogue.get(question_id)
    shown = question.id if question else str(question_id)[:80]
    reason = slip or (
        f"`{name}` has no value yet: its answer cell has not been run, or it stopped with an error."
    )
    return Feedback(
        shown,
        UNANSWERED,
        f"{reason} Fix and run the answer cell above (Shift + Enter), then run this one again.",
    )


def _check(question_id: str, answer: object, record: bool) -> Feedback:
    question = catalogue.get(question_id)
    if question is None:
        known = ", ".join(q.id for q in questions()[:3])
        shown = question_id if isinstance(question_id, str) else "?"
        return Feedback(
            shown[:80],
            UNANSWERED,
            f"There is no question {shown[:80]!r}. Check the id in the check(...) line "
            f"(ids look like {known}).",
        )
    if isinstance(answer, str) and not str.__str__(answer).strip():
        feedback = Feedback(
            question.id,
            UNANSWERED,
            f"Your answer is empty: write {question.answer_form}, run that cell, then run "
            "this one again.",
        )
    elif is_blank(answer):
        feedback = Feedback(
            question.id,
            UNANSWERED,
            f"Replace the ... with your answer ({question.answer_form}), run that cell, then "
            "run this one again.",
        )
    else:
        feedback = _evaluate(question, answer)
    if record:
        _ATTEMPTS[question.id] = Attempt(question.id, _shown(answer, question.kind), feedback)
    return feedback


def is_blank(answer: object) -> bool:
    """True for an untouched answer: ``...``, ``None``, ``"..."``, ``[...]`` or ``["..."]``."""
    if answer is ... or answer is None:
        return True
    if isinstance(answer, str):
        return is_blank_text(str.__str__(answer))
    if isinstance(answer, (list, tuple)) and type(answer) in (list, tuple):
        return len(answer) <= 50 and all(is_blank(item) for item in answer)
    return False


_blank = is_blank


def _shown(answer: object, kind: str = "") -> str:
    """The answer as text for the saved work: full text for strings, a short repr otherwise."""
    limit = MAX_TEXT_CHARS if kind == "text" else 200
    try:
        if is_blank(answer):
            return "(not attempted)"
        if isinstance(answer, str):
            text = str.__str__(answer)
        elif isinstance(answer, (list, tuple, set, frozenset, dict)) and len(answer) > 100:
            text = f"({type(answer).__name__} of {len(answer)} items)"
        else:
            text = repr(answer)
        if not isinstance(text, str):
            raise TypeError
    except Exception:
        return "(an answer that cannot be shown as text)"
    return text if len(text) <= limit else text[:limit] + "..."


def _evaluate(question: Question, answer: object) -> Feedback:
    try:
        facts = question.facts()
    except Unavailable as exc:
        return _unavailable(question, str(exc))
    except Exception:
        return _unavailable(question, "the data could not be read")
    try:
        return _EVALUATORS[question.kind](question, facts, answer)
    except _Reject as exc:
        return Feedback(question.id, INCORRECT, str(exc))


def _unavailable(question: Question, detail: str) -> Feedback:
    return Feedback(
        question.id,
        UNANSWERED,
        f"This question's data is unavailable ({detail}), so the answer cannot be checked "
        "now. Tell your instructor; the rest of the notebook still works.",
    )


def _kind_of(answer: object) -> str:
    """What a value is, in a student's words ("a list", "a number", "True or False")."""
    if isinstance(answer, bool):
        return "True or False"
    if isinstance(answer, (numbers.Number, Decimal)):
        return "a number"
    if isinstance(answer, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(answer, dict):
        return "a dictionary"
    if isinstance(answer, datetime):
        return "a date and time"
    if isinstance(answer, date):
        return "a date"
    if isinstance(answer, time):
        return "a time"
    if isinstance(answer, str):
        return "text"
    return "something that is not text, a number or a list"


def _text_answer(answer: object, what: str) -> str:
    if not isinstance(answer, str):
        raise _Reject(f"Give {what} in quotes, not {_kind_of(answer)}.")
    text = str.__str__(answer)
    if len(text) > MAX_ANSWER_CHARS:
        raise _Reject(f"That is a very long answer: give just {what}.")
    return " ".join(text.split())


# ---------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DATE_EXAMPLE = 'a date such as "31 December 1999", "1999-12-31" or date(1999, 12, 31)'


def parse_date(answer: object, default_year: int | None = None) -> date:
    """Read a date as a person would type it; raise _Reject (with a hint) when it is not one."""
    if isinstance(answer, datetime):
        return answer.date()
    if isinstance(answer, date):
        return answer
    if type(answer).__name__ == "datetime64":  # numpy
        answer = str(answer)[:10]
    if isinstance(answer, bool) or isinstance(answer, numbers.Number):
        raise _Reject(f"A number alone is not a date: give {_DATE_EXAMPLE}.")
    if isinstance(answer, (list, tuple, set, frozenset)):
        raise _Reject(f"Give one date, not a list: {_DATE_EXAMPLE}.")
    text = _text_answer(answer, _DATE_EXAMPLE).lower()
    return _date_from_text(text, default_year)


def _date_from_text(text: str, default_year: int | None) -> date:
    iso = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[t\s])", text)
    if iso:
        return _make_date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = re.match(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$", text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), _year(numeric[3])
        if first > 12 >= second:
            return _make_date(year, second, first)
        if second > 12 >= first:
            return _make_date(year, first, second)
        if first == second:
            return _make_date(year, first, second)
        raise _Reject('Day/month or month/day? Write the month as a word, e.g. "31 December 1999".')
    tokens = re.findall(r"[a-z]+|\d+", text)
    months = [_MONTHS[t] for t in tokens if t in _MONTHS]
    numbers_ = [t for t in tokens if t.isdigit()]
    if not months:
        raise _Reject(f"That does not look like a date: give {_DATE_EXAMPLE}.")
    years = [t for t in numbers_ if len(t) == 4]
    days = [int(t) for t in numbers_ if len(t) <= 2 and 1 <= int(t) <= 31]
    if not days:
        raise _Reject('Which day of the month? Give a full date, e.g. "31 December 1999".')
    year = int(years[0]) if years else default_year
    if year is None:
        raise _Reject('Which year? Give a full date, e.g. "31 December 1999".')
    return _make_date(year, months[0], days[0])


def _year(text: str) -> int:
    value = int(text)
    return 1900 + value if len(text) == 2 else value


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Reject("That is not a day of the calendar: check the day and month.") from None


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _check_date(question: Question, facts: DateFacts, answer: object) -> Feedback:
    given = parse_date(answer, default_year=facts.answer.year)
    if given == facts.answer:
        return _right(question, facts, f"Yes: {_long(given)}.")
    if (given.month, given.day) == (facts.answer.month, facts.answer.day):
        return _wrong(question, f"Right day and month, but check the year: {given.year}?")
    side = "too early" if given < facts.answer else "too late"
    for day, hint in facts.wrong:
        if day == given:
            return _wrong(question, f"Not {_long(given)}. {hint}")
    close = " but close" if abs((given - facts.answer).days) <= 3 else ""
    where = "the timeline" if question.lesson else '"What this course is about" in lesson 0'
    return _wrong(question, f"Not {_long(given)}: that is {side}{close}. Look again at {where}.")


# ---------------------------------------------------------------- numbers


def parse_number(answer: object) -> tuple[float, str]:
    """Read one number and any unit words after it (e.g. "1,887 km" -> (1887.0, "km"))."""
    if isinstance(answer, bool):
        raise _Reject("Give a number, not True or False.")
    if isinstance(answer, (numbers.Real, Decimal)):
        value = float(answer)
        unit = ""
    elif not isinstance(answer, str):
        if isinstance(answer, (list, tuple, set, frozenset)):
            raise _Reject("Give one number, not a list (no quotes or brackets needed).")
        raise _Reject(f"Give a number (no quotes needed), not {_kind_of(answer)}.")
    else:
        text = _text_answer(answer, "a number").lower()
        found = re.findall(r"[-+]?\d[\d,\u202f\u00a0_ ]*(?:\.\d+)?(?:e[-+]?\d+)?", text)
        found = [f.strip() for f in found if f.strip()]
        if not found:
            raise _Reject("That has no number in it: give a number, in digits.")
        if len(found) > 1 and re.search(r"\d\s*[/\u00f7:]\s*[-+]?\d", text):
            raise _Reject("Work the division out and give one number, such as 8.75.")
        if len(found) > 1:
            raise _Reject("Give one number (not a range or a list).")
        raw = re.sub(r"[,\u202f\u00a0_ ]", "", found[0])
        try:
            value = float(raw)
        except ValueError:
            raise _Reject(
                "That number could not be read: write it in digits, like 1,234."
            ) from None
        unit = " ".join(re.findall(r"[a-z%]+", re.sub(r"\de[-+]?\d", "", text)))
    if math.isnan(value) or math.isinf(value):
        raise _Reject("That is not a finite number: give a number, in digits.")
    return value, unit


def decimals_for(tolerance: float, answer: float = 0.0) -> int:
    """The decimal places to show an answer with, so that every value shown so is accepted.

    A value that rounds to the shown answer is at most half a unit from it, and the shown
    answer is itself a rounding of the true one: together they must stay within the tolerance.
    """
    for places in range(7):
        unit = 10.0**-places
        if unit / 2 + abs(answer - round(answer, places)) <= tolerance + 1e-12:
            return places
    return 6


def _fmt(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def _is_percent(facts: NumberFacts) -> bool:
    return facts.unit.strip() in ("%", "percent", "per cent")


def _check_number(question: Question, facts: NumberFacts, answer: object) -> Feedback:
    value, unit = parse_number(answer)
    said = set(unit.split())
    places = decimals_for(facts.tolerance, facts.answer)
    unit_text = facts.unit if facts.unit != "%" else "%"
    if said & {"mile", "miles", "mi"} and facts.unit == "km":
        return _wrong(question, "Give the answer in kilometres (km), not miles.")
    if said & {"m", "metre", "metres", "meter", "meters"} and facts.unit == "km":
        return _wrong(question, "Give the answer in kilometres (km), not metres.")
    if abs(value - facts.answer) <= facts.tolerance:
        if facts.exact:  # a count: no "about"
            shown_unit = "" if unit_text.startswith("(") else f" {unit_text}"
            return _right(question, facts, f"Yes: {int(facts.answer):,}{shown_unit}.")
        return _right(question, facts, f"Yes: about {_fmt(facts.answer, places)} {unit_text}.")
    fraction = f"That looks like a fraction ({value:g}): as a percentage, multiply it by 100."
    if _is_percent(facts) and 0 < abs(value) < 1 <= abs(facts.answer):
        return _wrong(question, fraction)  # 0.207 or 0.07 for a percentage
    for wrong_value, hint in facts.wrong:
        if abs(value - wrong_value) <= facts.tolerance:
            return _wrong(question, hint)
    if _is_percent(facts) and abs(value * 100 - facts.answer) <= facts.tolerance:
        return _wrong(question, fraction)
    side = "too low" if value < facts.answer else "too high"
    close = ", but close" if abs(value - facts.answer) <= 0.05 * abs(facts.answer) else ""
    if value == int(value) and abs(value) < 1e15:
        shown = f"{int(value):,}"
    else:
        shown = _fmt(value, places) if abs(value) >= 10.0**-places else f"{value:g}"
    advice = facts.advice or "Check your working against the question."
    return _wrong(question, f"{shown} {unit_text} is {side}{close}. {advice}")


# ---------------------------------------------------------------- clock times


def parse_time(
    answer: object, default_year: int | None = None
) -> tuple[int, date | None, datetime | None]:
    """Read a clock time, maybe with a date: (minutes after midnight, date or None, aware dt)."""
    if isinstance(answer, datetime):
        if answer.tzinfo is not None and answer.utcoffset() is not None:
            return answer.hour * 60 + answer.minute, answer.date(), answer
        return answer.hour * 60 + answer.minute, answer.date(), None
    if isinstance(answer, time):
        return answer.hour * 60 + answer.minute, None, None
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 23:
        return answer * 60, None, None
    example = 'a time and its day in quotes, such as "14:30 on 31 December"'
    if isinstance(answer, bool) or isinstance(answer, numbers.Number):
        raise _Reject(f"A number alone is not a time of day: give {example}.")
    if isinstance(answer, (list, tuple, set, frozenset)):
        raise _Reject(f"Give one time, not a list: {example}.")
    text = _text_answer(answer, example).lower()
    if re.fullmatch(r"\d{4}", text):
        hour, minute = int(text[:2]), int(text[2:])
        rest = ""
        suffix = ""
    else:
        match = re.search(
            r"(?<![\d-])(\d{1,2})\s*(?::|h)\s*(\d{2})(?!\d)\s*(a\.?\s?m\.?|p\.?\s?m\.?)?"
            r"|(?<![\d-])(\d{1,2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])",
            text,
        )
        if not match:
            raise _Reject(f"That does not look like a time: give {example}.")
        if match[1] is not None:
            hour, minute, suffix = int(match[1]), int(match[2]), match[3] or ""
        else:
            hour, minute, suffix = int(match[4]), 0, match[5]
        rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,;")
    suffix = suffix.replace(".", "").replace(" ", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise _Reject("With a.m. or p.m., the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise _Reject("That is not a time of day: hours run 0-23 and minutes 0-59.")
    day = None
    if re.search(r"\d", rest) or any(w in _MONTHS for w in re.findall(r"[a-z]+", rest)):
        try:
            day = _date_from_text(rest, default_year=default_year)
        except _Reject:
            day = None
    return hour * 60 + minute, day, None


def _check_time(question: Question, facts: TimeFacts, answer: object) -> Feedback:
    target = facts.answer
    minutes, day, aware = parse_time(answer, default_year=target.year)
    if aware is not None:
        if aware.utcoffset() != target.utcoffset():
            shown = aware.strftime("%H:%M")
            return _wrong(
                question,
                f"That moment is still on another clock ({shown}, UTC{_offset_text(aware)}): "
                f"convert it to {facts.target_place} time with "
                f'.astimezone(ZoneInfo("{getattr(target.tzinfo, "key", "Europe/Moscow")}")).',
            )
        minutes, day = aware.hour * 60 + aware.minute, aware.date()
    clock = f"{target:%H:%M} on {_long(target.date())}"
    target_minutes = target.hour * 60 + target.minute
    diff = (minutes - target_minutes + 720) % 1440 - 720  # clock difference, -720..719
    if abs(diff) <= facts.tolerance_minutes:
        if day is None and facts.needs_day:
            return _wrong(
                question,
                f"The clock time is right; the question also asks for the day: which day was "
                f"it then in {facts.target_place}? Give the time with its day.",
            )
        if day is not None and day != target.date():
            return _wrong(
                question,
                f"The time is right, but which day was it in {facts.target_place}? "
                f"Count the hours across midnight.",
            )
        return _right(question, facts, f"Yes: {clock} in {facts.target_place}.")
    gap = int((target.utcoffset() - facts.source.utcoffset()).total_seconds() // 60)
    source_minutes = facts.source.hour * 60 + facts.source.minute
    if minutes == source_minutes:
        return _wrong(
            question,
            f"That is the time in {facts.source_place}: convert it to {facts.target_place} time.",
        )
    if (minutes - (source_minutes - gap)) % 1440 == 0:
        return _wrong(
            question,
            f"You went the wrong way: {facts.target_place} is "
            f"{'ahead of' if gap > 0 else 'behind'} {facts.source_place}.",
        )
    if abs(diff) == 60:
        return _wrong(
            question,
            "One hour off: mind daylight-saving time. Look up each city's UTC offset on that "
            f"very day (zoneinfo knows the rules of {target.year}).",
        )
    if abs(diff) == 720:
        return _wrong(question, "Twelve hours off: a.m. or p.m.?")
    side = "too early" if diff < 0 else "too late"
    return _wrong(
        question,
        f"That is {side}. Find each city's offset from UTC on that day, then add the difference.",
    )


def _offset_text(moment: datetime) -> str:
    return f"{moment.utcoffset().total_seconds() / 3600:+g}"


# ---------------------------------------------------------------- choices and order


def _labels(answer: object, options: tuple[tuple[str, str], ...], many: bool) -> list[str]:
    """The option labels an answer names: letters, option texts, or a list of them."""
    by_key = {}
    for label, text in options:
        by_key[label.casefold()] = label
        by_key[normalise_name(text)] = label
    for label, text in options:  # "Washington" for "Washington, D.C."; "X" for "X (Y)"
        for short in (text.split(",")[0], re.sub(r"\s*\(.*?\)", "", text)):
            by_key.setdefault(normalise_name(short), label)
    letters = "/".join(dict.fromkeys(label for label, _ in options))

    def known(item: str) -> bool:
        key = item.strip().strip(").").strip()
        return key.casefold() in by_key or normalise_name(key) in by_key

    def one(item: object) -> str:
        if not isinstance(item, str):
            raise _Reject(
                f"Give the letters of the options ({letters}) as text in quotes, "
                f"not {_kind_of(item)}."
            )
        key = item.strip().strip(").").strip()
        found = by_key.get(key.casefold()) or by_key.get(normalise_name(key))
        if found is None:
            shown = key if len(key) <= 30 else key[:30] + "..."
            raise _Reject(f"{shown!r} is not one of the options: use the letters {letters}.")
        return found

    if isinstance(answer, (list, tuple, set, frozenset)):
        if len(answer) > 50:
            raise _Reject(f"That is a long list: use the letters {letters}.")
        items = sorted(answer, key=str) if isinstance(answer, (set, frozenset)) else answer
        return [one(item) for item in items]
    if isinstance(answer, str):
        text = _text_answer(answer, f"the letters {letters}")
        if known(text):
            return [one(text)]
        single = {label.casefold() for label, _ in options if len(label) == 1}
        found: list[str] = []
        parts = re.split(r"\s*(?:[,;>]|->|\band\b|\bthen\b|&)\s*", text)
        merged: list[str] = []
        for part in parts:  # "Washington, D.C." split at its comma: join it again
            if merged and not known(part) and known(f"{merged[-1]}, {part}"):
                merged[-1] = f"{merged[-1]}, {part}"
            else:
                merged.append(part)
        for part in merged:
            tokens = part.split()
            compact = re.sub(r"[^a-z]", "", part.casefold())
            if not part or known(part):
                found.extend([one(part)] if part else [])
            elif len(tokens) > 1 and all(known(w) for w in tokens):
                found.extend(one(w) for w in tokens)
            elif many and len(compact) > 1 and set(compact) <= single:
                found.extend(one(ch) for ch in compact.upper())
            else:
                found.append(one(part))
        return found
    raise _Reject(
        f"Give the letters of the options ({letters}) as text in quotes, not {_kind_of(answer)}."
    )


def _is_right(question: Question, facts: ChoiceFacts, label: str) -> bool:
    key = answer_hash(question.id, label) if facts.hashed else label
    return key in facts.correct


def _check_choice(question: Question, facts: ChoiceFacts, answer: object) -> Feedback:
    many = facts.multiple
    chosen = _labels(answer, facts.options, many)
    texts = dict(facts.options)
    if not many:
        if len(chosen) != 1:
            return _wrong(question, "Give one letter only.")
        label = chosen[0]
        if _is_right(question, facts, label):
            return _right(question, facts, f"Yes: {label}, {texts[label]}.", facts.notes[label])
        return _wrong(question, f"Not {label}. {facts.notes.get(label, '')}".strip())
    unique = list(dict.fromkeys(chosen))
    wrong = [label for label in unique if not _is_right(question, facts, label)]
    right = [label for label in unique if _is_right(question, facts, label)]
    if wrong:
        return _wrong(question, f"Not {wrong[0]}. {facts.notes.get(wrong[0], '')}".strip())
    missing = len(facts.correct) - len(right)
    if missing > 0:
        more = "one more option belongs" if missing == 1 else f"{missing} more options belong"
        return _wrong(question, f"Right so far, but {more} in your answer.")
    why = " ".join(facts.notes[label] for label in sorted(right))
    return _right(question, facts, f"Yes: {', '.join(sorted(right))}.", why)


def _check_order(question: Question, facts: OrderFacts, answer: object) -> Feedback:
    options = facts.items + tuple((label, facts.ids[label]) for label, _ in facts.items)
    chosen = _labels(answer, options, many=True)
    letters = ", ".join(label for label, _ in facts.items)
    missing = [label for label, _ in facts.items if label not in chosen]
    if len(chosen) != len(set(chosen)):
        repeated = next(label for label in chosen if chosen.count(label) > 1)
        return _wrong(question, f"{repeated} appears twice: use each of {letters} once.")
    if missing:
        return _wrong(question, f"{missing[0]} is missing: use each of {letters} once.")
    if tuple(chosen) == facts.order:
        return _right(question, facts, f"Yes: {', '.join(chosen)}.")
    rank = {label: i for i, label in enumerate(facts.order)}
    titles = dict(facts.items)
    for first, second in zip(chosen, chosen[1:], strict=False):
        if rank[first] > rank[second]:
            return _wrong(
                question,
                f"Out of order: '{titles[first]}' ({first}) came after "
                f"'{titles[second]}' ({second}), not before. Check their dates.",
            )
    return _wrong(question, "Check the order against the timeline.")  # unreachable


# ---------------------------------------------------------------- names

_TITLES = {
    "president",
    "mr",
    "general",
    "ambassador",
    "attorney",
    "secretary",
    "premier",
    "chairman",
    "comrade",
    "the",
    "first",
    "prime",
    "minister",
    "sir",
    "dr",
}
# Words that describe a person's role rather than name them ("the Soviet leader").
_DESCRIPTION_WORDS = _TITLES | set(
    "a an of his her their its soviet american us usa u s uk russian cuban chinese ukrainian "
    "leader leaders head chief boss commander director man woman guy person someone somebody "
    "he she him who air force navy army military defense defence state foreign cia kgb svr "
    "white house kremlin brother advisor adviser envoy official officer pilot general's "
    "the leader country government party central committee joint chiefs staff".split()
)


def _describes(word: str) -> bool:
    """A word of a description ("the President's brother"), possessive or plural included."""
    return word in _DESCRIPTION_WORDS or (word.endswith("s") and word[:-1] in _DESCRIPTION_WORDS)


def _name_keys(text: str) -> list[str]:
    key = normalise_name(text)
    parts = key.split()
    no_titles = [w for w in parts if w not in _TITLES]
    no_initials = [w for w in no_titles if len(w) > 1]
    keys = [key, " ".join(no_titles), " ".join(no_initials)]
    return [k for k in dict.fromkeys(keys) if k]


def _check_name(question: Question, facts: NameFacts, answer: object) -> Feedback:
    text = _text_answer(answer, 'a person\'s name, like "Firstname Lastname",')
    accepted = set(facts.accepted)
    accepted |= {k for a in facts.accepted for k in _name_keys(a)} - set(facts.others)
    keys = _name_keys(text)
    if not keys:
        raise _Reject('Give a person\'s name in quotes, like "Firstname Lastname".')
    for key in keys:
        if key in accepted:
            return _right(question, facts, f"Yes: {facts.name}.")
    for key in keys:
        if key in facts.others:
            return _wrong(question, _other_person(facts, facts.others[key]))
    if all(_describes(word) for word in normalise_name(text).split()):
        return _wrong(
            question,
            "That describes a role; give the person's name (first name and surname), as in "
            "the course's people table.",
        )
    pool = sorted(accepted | set(facts.others))
    close = difflib.get_close_matches(keys[0], pool, n=1, cutoff=0.85)
    if close and len(keys[0]) >= 5:
        if close[0] in accepted:
            return _right(question, facts, f"Yes: {facts.name} (mind the spelling: {facts.name}).")
        return _wrong(question, _other_person(facts, facts.others[close[0]]))
    return _wrong(
        question,
        "That name is not among the people of the crisis in the course's people table: "
        "check the spelling, or look them up there.",
    )


def _other_person(facts: NameFacts, other: tuple[str, str, str]) -> str:
    person_id, name, role = other
    hint = facts.wrong.get(person_id)
    if hint:
        return hint
    return f"That would be {name} ({role}): not the one asked about. Think again."


# ---------------------------------------------------------------- free text, scored by a person

_PATH_HEADER = "My path through the decision simulator"


def _path_problem(text: str) -> tuple[str, str]:
    """For a decision path with a comment: (what is wrong, or "", the comment alone).

    The path is the simulator's summary pasted as it prints it (with or without the ``##`` and
    the table's ``|``), followed by the student's own sentences.
    """
    if _PATH_HEADER.casefold() not in text.casefold():
        return (
            "Paste your path first: run the cell above the answer cell, which prints your "
            "path, copy it between the triple quotes, then add one sentence of your own.",
            "",
        )
    made = re.search(r"(\d+) of (\d+) decisions made", text)
    if made is None or int(made[1]) == 0:
        return (
            "Your path is empty: make at least one decision in the simulator (click an option "
            "at a decision point), then run the cell that prints your path and paste it again.",
            "",
        )

    def from_the_path(line: str) -> bool:
        plain = line.strip()
        return (
            plain.startswith(("|", "#"))
            or "\t" in line
            or "decisions made" in plain
            or _PATH_HEADER.casefold() in plain.casefold()
            or bool(re.match(r"\d{4}-\d{2}-\d{2}\b", plain))  # a table row, copied as text
            or plain.casefold().startswith("date decision")
        )

    comment = "\n".join(line for line in text.splitlines() if not from_the_path(line))
    return "", comment


def _check_text(question: Question, facts: TextFacts, answer: object) -> Feedback:
    if not isinstance(answer, str):
        raise _Reject(
            'Your answer should be text: write it between the triple quotes (""" ... """) in '
            "the answer cell, then run that cell and this one again."
        )
    text = str.__str__(answer)
    if len(text) > MAX_TEXT_CHARS:
        raise _Reject("That is very long: keep your answer to a few paragraphs.")
    if facts.path:
        problem, text = _path_problem(text)
        if problem:
            return _wrong(question, problem)
    given = tuple(t for t in (question.prompt, facts.template) if t)
    reason = filler_reason(text, facts.min_words, given)
    if not reason and facts.evidence:
        from .facts import evidence_keys

        ids, names = evidence_keys()
        reason = evidence_missing(text, ids, names, facts.evidence)
    if reason:
        return _wrong(question, reason)
    count = len(words(text))
    return Feedback(
        question.id,
        SUBMITTED,
        f"Submitted ({count} words of your own): this answer is scored by a person, you or "
        "your instructor, with the rubric below; it is not marked automatically. Compare it "
        "with the model answer, then improve it if you like.",
        model_answer=facts.model_answer,
        rubric=facts.rubric,
        sources=facts.sources,
    )


# ---------------------------------------------------------------- shared


def _right(question: Question, facts: object, message: str, why: str | None = None) -> Feedback:
    return Feedback(
        question.id,
        CORRECT,
        message,
        why=why if why is not None else getattr(facts, "why", ""),
        sources=getattr(facts, "sources", ""),
    )


def _wrong(question: Question, hint: str) -> Feedback:
    return Feedback(question.id, INCORRECT, hint)


_EVALUATORS = {
    "date": _check_date,
    "number": _check_number,
    "choice": _check_choice,
    "multiple": _check_choice,
    "order": _check_order,
    "name": _check_name,
    "time": _check_time,
    "text": _check_text,
}


# ---------------------------------------------------------------- showing a question


class Prompt:
    """A question as shown in a notebook: the prompt, its options, how to answer."""

    def __init__(self, question_id: str) -> None:
        self.question_id = question_id

    def _parts(self) -> tuple[str, list[str], str]:
        question = catalogue.get(self.question_id)
        if question is None:
            return f"There is no question {self.question_id!r}.", [], ""
        lines, note = options_of(question)
        form = f"Your answer: {question.answer_form}." if question.answer_form else ""
        return f"{question.prompt}", lines, " ".join(p for p in (form, note) if p)

    def text(self) -> str:
        """The question as plain text."""
        prompt, lines, note = self._parts()
        body = [f"Question {self.question_id}: {prompt}", *[f"  {line}" for line in lines]]
        if note:
            body.append(note)
        return "\n".join(body)

    def html(self) -> str:
        """The question as escaped HTML."""
        e = html.escape
        prompt, lines, note = self._parts()
        items = "".join(f"<li>{e(line)}</li>" for line in lines)
        options = f'<ul style="list-style:none">{items}</ul>' if items else ""
        return (
            f'<div class="crisislab-question"><strong>Question {e(self.question_id)}:</strong> '
            f"{e(prompt)}{options}<div><small>{e(note)}</small></div></div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text(), "text/html": self.html()}

    def __repr__(self) -> str:
        return self.text()


def options_of(question: Question) -> tuple[list[str], str]:
    """A question's labelled options as lines ("A. ..."), and a note if they cannot be read."""
    if question.kind not in ("choice", "multiple", "order"):
        return [], ""
    try:
        facts = question.facts()
        items = facts.items if question.kind == "order" else facts.options
        return [f"{label}. {text}" for label, text in items], ""
    except Exception as exc:
        detail = str(exc) if isinstance(exc, Unavailable) else "it could not be read"
        return [], f"(This question's data is unavailable: {detail}.)"


def ask(question_id: str) -> Prompt:
    """Show a question (its prompt and, for choices and orderings, the labelled options)."""
    return Prompt(question_id)
