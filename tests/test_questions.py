"""The question registry: every question well formed, and no check vacuous.

For every auto-checked question, at least two plausible wrong answers are rejected and at least
two reasonable spellings of the right answer are accepted (on the fixture dataset, whose rows
carry the real dates, places and people). Against the real data, every question resolves.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from crisislab import course
from crisislab.checks import CORRECT, INCORRECT, SUBMITTED, UNANSWERED, check, questions
from crisislab.exercises.catalogue import get
from crisislab.exercises.registry import KINDS, Question, register
from crisislab.paths import repo_root
from tests.fixtures_exercises import use_course_data

RIGHT = {
    "00.try-it": ["22 October 1962", "Oct 22, 1962", "1962-10-22", date(1962, 10, 22)],
    "01.photos-date": ["14 October 1962", "October 14th, 1962", "14/10/1962", date(1962, 10, 14)],
    "01.shootdown-date": ["27 October 1962", "Sat, Oct 27 1962", "1962-10-27", "10/27/1962"],
    "01.order": ["C, B, E, D, A", ["C", "B", "E", "D", "A"], "cbeda", "C > B > E > D > A"],
    "01.moscow-learned": ["22 October 1962", "22 Oct", datetime(1962, 10, 22, 19, 0)],
    "01.did-not-know": [
        ["B", "E"],
        "B, E",
        "eb",
        ("e", "b"),
        ["Submarine B-59 readies a nuclear torpedo", "E"],
    ],
    "01.distance-washington": [1889, 1888.6, "1,889 km", "1889km", "about 1890 kilometres"],
    "01.r12-reach": [["A", "B"], "A, B", "b a", {"A", "B"}, "Miami and Washington"],
    "01.speech-moscow-time": [
        "02:00 on 23 October",
        "2 am, 23 Oct 1962",
        "2:00 a.m. on 23 October 1962",
        "1962-10-23 02:00",
        datetime(1962, 10, 23, 2, 0, tzinfo=ZoneInfo("Europe/Moscow")),
    ],
    "01.turkey-letter": ["B", "b", " B) ", ["B"], "Khrushchev's message of 27 October"],
    "01.rfk-dobrynin": [
        "Robert Kennedy",
        "robert f. kennedy",
        "RFK",
        "Bobby Kennedy",
        "ROBERT KENNEDY",
    ],
}

# Each wrong answer with a fragment of the hint it must get (aimed at the likely mistake).
WRONG = {
    "00.try-it": [
        ("16 October 1962", "photographs"),
        ("28 October 1962", "ended"),
        ("1 Oct 1962", "too early"),
    ],
    "01.photos-date": [
        ("16 October 1962", "Bundy"),
        ("22 October 1962", "public"),
        ("15 Oct 1962", "too late"),
    ],
    "01.shootdown-date": [
        ("28 October 1962", "day before"),
        ("26 October 1962", "one day later"),
        ("27 October 1963", "year"),
    ],
    "01.order": [
        (
            "A, B, C, D, E",
            "'A U-2 is shot down over Cuba' (A) came after 'The quarantine begins' (B)",
        ),
        (
            "C, B, D, E, A",
            "'Khrushchev's long private letter' (D) came after 'The Bucharest is let through' (E)",
        ),
        ("C, B, E, D", "A is missing"),
        ("C, C, E, D, A", "twice"),
    ],
    "01.moscow-learned": [
        ("14 October 1962", "photographs were taken"),
        ("16 October 1962", "Kennedy learned"),
        ("24 October 1962", "known for a while"),
    ],
    "01.did-not-know": [
        ("B", "one more"),
        ("A", "Not A"),
        (["B", "D", "E"], "Not D"),
        ("C, E", "Not C"),
    ],
    "01.distance-washington": [
        (1173, "miles"),
        ("1173 miles", "not miles"),
        (1919, "flat-map"),
        (447, "Miami"),
        (2174, "New York"),
        (1500, "too low"),
    ],
    "01.r12-reach": [("A", "one more"), (["A", "B", "C"], "Not C"), ("D", "Not D")],
    "01.speech-moscow-time": [
        ("19:00", "time in Washington"),
        ("12:00", "wrong way"),
        ("03:00", "daylight-saving"),
        ("14:00", "a.m. or p.m."),
        ("02:00 on 22 October 1962", "which day"),
        # the question asks for the day too, so a clock time alone is not enough
        ("02:00", "also asks for the day"),
        (2, "also asks for the day"),
        (time(2, 0), "also asks for the day"),
        # the moment itself, still on Washington's clock, is not converted yet
        (datetime(1962, 10, 22, 19, 0, tzinfo=ZoneInfo("America/New_York")), "another clock"),
    ],
    "01.turkey-letter": [
        ("A", "Not A"),
        ("C", "Not C"),
        ("D", "Not D"),
    ],
    "01.rfk-dobrynin": [
        ("Kennedy", "did not go himself"),
        ("Dobrynin", "ambassador himself"),
        ("Dean Rusk", "Rusk"),
        ("Castro", "Fidel Castro"),
    ],
}


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    return use_course_data(tmp_path / "data", monkeypatch)


def test_every_auto_checked_question_has_right_and_wrong_cases():
    auto = [q.id for q in questions() if q.kind != "text" and q.lesson <= 1]  # 2+: own tests
    assert sorted(auto) == sorted(RIGHT), "add RIGHT cases for every question"
    assert sorted(auto) == sorted(WRONG), "add WRONG cases for every question"
    for qid in auto:
        assert len(RIGHT[qid]) >= 2 and len(WRONG[qid]) >= 2, qid


@pytest.mark.parametrize("qid", sorted(RIGHT))
def test_right_answers_are_accepted(course_data, qid):
    for answer in RIGHT[qid]:
        feedback = check(qid, answer)
        assert feedback.status == CORRECT, (qid, answer, feedback.message)


@pytest.mark.parametrize("qid", sorted(WRONG))
def test_wrong_answers_are_rejected_with_a_pointed_hint(course_data, qid):
    for answer, fragment in WRONG[qid]:
        feedback = check(qid, answer)
        assert feedback.status == INCORRECT, (qid, answer)
        assert fragment in feedback.hint, (qid, answer, feedback.hint)


def test_date_feedback_says_early_or_late(course_data):
    assert "too early" in check("01.shootdown-date", "20 October 1962").hint
    assert "too late" in check("01.photos-date", "19 October 1962").hint
    assert "close" in check("01.photos-date", "13 October 1962").hint


def test_ambiguous_numeric_date_asks_for_the_month_in_words(course_data):
    assert "month as a word" in check("00.try-it", "05/06/1962").hint


def test_reflection_checks_something_was_written_then_shows_model_and_rubric(course_data):
    assert check("01.reflection", ...).status == UNANSWERED
    short = check("01.reflection", "I think so.")
    assert short.status == INCORRECT and "at least" in short.hint
    assert check("01.reflection", 42).status == INCORRECT
    text = "Washington did not know about the tactical weapons, so an invasion looked safer."
    written = check(
        "01.reflection",
        text + " Moscow, for its part, could not tell whether the shoot-down meant an attack.",
    )
    assert written.status == SUBMITTED and "scored by a person" in written.message
    assert not written.correct
    assert written.model_answer and len(written.rubric) >= 3
    assert "A model answer" in written.text() and "<li>" in written.html()


def test_lesson_question_modules_all_load():
    from crisislab.exercises import catalogue as registry

    questions()
    assert registry.LOAD_ERRORS == {}


def test_registry_is_well_formed():
    ids = [q.id for q in questions()]
    assert len(ids) == len(set(ids))
    for q in questions():
        assert q.kind in KINDS
        assert q.id.startswith(f"{q.lesson:02d}.")
        assert q.prompt.strip().endswith(("?", ".", ")")), q.id
        objectives = course.lesson(q.lesson).objectives
        assert q.objective is not None and 1 <= q.objective <= len(objectives), q.id
        assert get(q.id) is q


def test_lesson_one_has_enough_questions_on_every_objective():
    lesson_one = questions(lesson=1)
    auto = [q for q in lesson_one if q.kind != "text"]
    assert len(auto) >= 8
    assert sum(q.kind == "text" for q in lesson_one) >= 1
    kinds = {q.kind for q in auto}
    assert {"date", "number", "order", "name", "time"} <= kinds
    assert kinds & {"choice", "multiple"}
    covered = {q.objective for q in lesson_one}
    assert covered == set(range(1, len(course.lesson(1).objectives) + 1))


def test_lesson_zero_has_the_practice_question():
    assert [q.id for q in questions(lesson=0)] == ["00.try-it"]


def test_registering_twice_or_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="twice"):
        register(Question("00.try-it", 0, "Again?", "date", lambda: None, objective=1))
    with pytest.raises(ValueError, match="kind"):
        register(Question("99.odd", 0, "Odd?", "essay", lambda: None, objective=1))


def test_order_items_are_not_shown_in_order(course_data):
    facts = get("01.order").facts()
    assert [label for label, _ in facts.items] != list(facts.order)


def test_answers_follow_the_data(course_data):
    """Change a fact in the data and the accepted answer changes with it: no drift."""
    from tests import datafixtures
    from tests.fixtures_exercises import EVENTS

    moved = [dict(e, date="1962-10-15") if e["id"] == "e62-u2-photographs" else e for e in EVENTS]
    datafixtures.write_table(course_data, "events_1962", [*datafixtures.EVENTS_1962, *moved])
    assert check("01.photos-date", "15 October 1962").status == CORRECT
    assert check("01.photos-date", "14 October 1962").status == INCORRECT


# ---------------------------------------------------------------- against the real data

REAL = repo_root() / "data" / "events_1962.csv"


@pytest.mark.skipif(not REAL.exists(), reason="the real data is not in data/ yet")
@pytest.mark.parametrize(
    "q", [q for q in questions() if q.kind != "text" and q.lesson <= 1], ids=lambda q: q.id
)
def test_every_question_resolves_on_the_real_data(monkeypatch, q):
    monkeypatch.delenv("CRISISLAB_DATA", raising=False)
    q.facts()  # raises Unavailable if a row or value is missing
    feedback = check(q.id, "definitely not an answer 999")
    assert feedback.status == INCORRECT, feedback.message
