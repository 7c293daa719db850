"""Lesson 4's questions: right answers accepted in several spellings, wrong ones rejected with a
pointed hint, answers derived from the data (change a row, the answer follows), never a
traceback. On the fixture of ``tests/test_compare.py``; the last test resolves the real data.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crisislab import compare
from crisislab.checks import CORRECT, INCORRECT, SUBMITTED, UNANSWERED, ask, check, questions
from crisislab.paths import repo_root
from tests import datafixtures
from tests.test_compare import FORCES, write_lesson4_data

IDS = [q.id for q in questions(lesson=4)]
AUTO = [q.id for q in questions(lesson=4) if q.kind != "text"]

RIGHT = {
    "04.match-incident": ["B", "b", " B) ", ["B"], "Missile falls in Poland"],
    "04.pair-kind": ["C", "c", "Backchannel"],
    "04.ready-ratio-1962": [5, 5.0, "5", "5 times", "about 5.1"],
    "04.stockpile-percent-2022": [20, "20%", "20 percent", 19.6],
    "04.order-2022": ["B, D, E, A, C", ["B", "D", "E", "A", "C"], "bdeac", "B > D > E > A > C"],
    "04.moscow-time": [
        "02:32 on 7 October",
        "2:32 am, 7 Oct 2022",
        "02:32 on 7 October 2022",
        datetime(2022, 10, 7, 2, 32, tzinfo=ZoneInfo("Europe/Moscow")),
    ],
    "04.quote-claim-1962": ["B", "b", ["B"]],
    "04.quote-claim-2022": ["C", " c ", ("C",)],
}

WRONG = {
    "04.match-incident": [
        ("A", "not an incident whose author was unclear"),
        ("D", "pairs that with 'Robert Kennedy meets Dobrynin' as a backchannel"),
    ],
    "04.pair-kind": [("D", "third party"), ("A", "public"), ("B", "readiness")],
    "04.ready-ratio-1962": [
        (10, "low Soviet figure"),
        (3.33, "high Soviet figure"),
        (0.2, "turn the division around"),
        (50, "too high"),
    ],
    "04.stockpile-percent-2022": [
        (7.7, "high ends"),
        (16.7, "divides by Russia's"),
        (1.2, "the ratio of the two figures"),
    ],
    "04.order-2022": [
        ("A, B, C, D, E", "'Armageddon remark' (A) came after 'Alert order' (B)"),
        ("B, D, E, C", "A is missing"),
        ("B, B, E, A, C", "twice"),
    ],
    "04.moscow-time": [
        ("19:32", "time in New York"),
        ("12:32", "wrong way"),
        ("03:32", "One hour off"),
        ("14:32", "a.m. or p.m."),
        ("02:32 on 6 October 2022", "which day"),
        ("02:32", "also asks for the day"),
        (datetime(2022, 10, 6, 19, 32, tzinfo=ZoneInfo("America/New_York")), "another clock"),
        ("03:32 on 7 October 2022", "rules of 2022"),
    ],
    "04.quote-claim-1962": [("A", "LeMay is not describing"), ("D", "about 2022")],
    "04.quote-claim-2022": [("A", "Khrushchev in 1962"), ("B", "secrecy")],
}


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    folder = write_lesson4_data(tmp_path / "data")
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    return folder


def test_lesson_four_registers_its_questions_on_every_objective():
    assert len(AUTO) >= 6
    assert "04.capstone" in IDS and len(IDS) == len(set(IDS))
    kinds = {q.kind for q in questions(lesson=4)}
    assert {"choice", "number", "order", "time", "text"} <= kinds
    objectives = {q.objective for q in questions(lesson=4)}
    assert objectives == {1, 2, 3, 4}


def test_every_auto_checked_question_has_right_and_wrong_cases():
    assert sorted(AUTO) == sorted(RIGHT) == sorted(WRONG)
    for qid in AUTO:
        assert len(RIGHT[qid]) >= 2 and len(WRONG[qid]) >= 2, qid


@pytest.mark.parametrize("qid", sorted(RIGHT))
def test_right_answers_are_accepted(course_data, qid):
    for answer in RIGHT[qid]:
        feedback = check(qid, answer)
        assert feedback.status == CORRECT, (qid, answer, feedback.message)
        assert feedback.why and feedback.sources, qid


@pytest.mark.parametrize("qid", sorted(WRONG))
def test_wrong_answers_are_rejected_with_a_pointed_hint(course_data, qid):
    for answer, fragment in WRONG[qid]:
        feedback = check(qid, answer)
        assert feedback.status == INCORRECT, (qid, answer)
        assert fragment in feedback.hint, (qid, answer, feedback.hint)


@pytest.mark.parametrize("qid", IDS)
@pytest.mark.parametrize("blank", [..., None, "", "  "])
def test_blank_answers_are_not_attempted(course_data, qid, blank):
    assert check(qid, blank).status == UNANSWERED


@pytest.mark.parametrize("qid", IDS)
@pytest.mark.parametrize(
    "odd", [object(), float("nan"), -1, ["A"] * 60, {"a": 1}, b"B", True, "x" * 5000]
)
def test_odd_values_never_raise(course_data, qid, odd):
    assert check(qid, odd).status in (CORRECT, INCORRECT, UNANSWERED)


def test_missing_data_gives_an_unavailable_panel(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(tmp_path / "nowhere"))
    for qid in AUTO:
        feedback = check(qid, "B")
        assert feedback.status == UNANSWERED and "data is unavailable" in feedback.message, qid


def test_a_missing_forces_row_affects_only_its_question(course_data):
    rows = [r for r in FORCES if r["id"] != "f-su-62"]
    datafixtures.write_table(course_data, "forces", rows)
    feedback = check("04.ready-ratio-1962", 5)
    assert feedback.status == UNANSWERED and "Soviet Union in 1962" in feedback.message
    assert check("04.stockpile-percent-2022", 20).status == CORRECT


def test_answers_follow_the_data(course_data):
    """Revise a forces row (as the data helper may) and the accepted ratio follows it."""
    rows = [dict(r, low="400", high="600") if r["id"] == "f-su-62" else r for r in FORCES]
    datafixtures.write_table(course_data, "forces", rows)
    assert check("04.ready-ratio-1962", 2).status == CORRECT
    assert check("04.ready-ratio-1962", 5).status == INCORRECT


def test_order_items_are_not_shown_in_order(course_data):
    from crisislab.exercises.catalogue import get

    facts = get("04.order-2022").facts()
    assert [label for label, _ in facts.items] != list(facts.order)


def test_ask_shows_the_claims_as_options(course_data):
    text = ask("04.quote-claim-1962").text()
    assert "B. Kennedy pulled back" in text and "[dobbs-2008]" not in text


def test_capstone_checks_length_then_shows_model_and_rubric(course_data):
    short = check("04.capstone", "Putin fears NATO.")
    assert short.status == INCORRECT and "Write a little more" in short.hint
    done = check("04.capstone", compare.EXAMPLE_BRIEF)
    assert done.status == SUBMITTED and not done.correct
    assert done.model_answer == compare.EXAMPLE_BRIEF
    assert done.rubric == compare.BRIEF_RUBRIC
    assert "mirror-imaging" in done.text()


REAL = repo_root() / "data"


@pytest.mark.skipif(not (REAL / "pairs.csv").exists(), reason="lesson 4 data not merged yet")
@pytest.mark.parametrize("qid", AUTO)
def test_every_question_resolves_on_the_real_data(monkeypatch, qid):
    from crisislab.exercises.catalogue import get

    monkeypatch.delenv("CRISISLAB_DATA", raising=False)
    get(qid).facts()  # raises Unavailable if a row or value is missing
    assert check(qid, "definitely not an answer 999").status == INCORRECT
