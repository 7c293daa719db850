"""Lesson 3's questions: registered, each accepting its answer and rejecting plausible wrong
ones with a hint, facts derived from the data (letters, decisions, events), and a friendly
'unavailable' panel instead of a traceback when the data is missing."""

from __future__ import annotations

import pytest

import crisislab.exercises.bank.lesson03  # noqa: F401  (registers the questions)
from crisislab import letters
from crisislab.checks import CORRECT, INCORRECT, SUBMITTED, UNANSWERED, check
from crisislab.exercises.catalogue import questions

IDS = [
    "03.blockade-critic",
    "03.military-advocates",
    "03.letter26-offer",
    "03.reply-promises",
    "03.reply-word-count",
    "03.war-count",
    "03.turkey-paragraph",
    "03.public-terms",
    "03.secret-term",
    "03.close-reading",
    "03.my-path",
]


def test_lesson_3_questions_are_registered_in_order():
    assert [q.id for q in questions(lesson=3)] == IDS
    auto = [q for q in questions(lesson=3) if q.kind != "text"]
    assert len(auto) >= 6
    assert all(q.objective in (1, 2, 3) for q in questions(lesson=3))


def test_the_import_registers_once():
    import importlib

    import crisislab.exercises.bank.lesson03 as module

    assert importlib.import_module("crisislab.exercises.bank.lesson03") is module
    assert len([q for q in questions(lesson=3) if q.id == "03.war-count"]) == 1


def _reply_words() -> int:
    return letters.word_count(letters.text("kennedy-1962-10-27"))


def _war() -> int:
    return letters.count_word(letters.text("khrushchev-1962-10-26"), "war")


def _turkey() -> int:
    return letters.find("khrushchev-1962-10-27", "turkey")[0]


RIGHT = {
    "03.blockade-critic": ["Curtis LeMay", "lemay", "General LeMay"],
    "03.military-advocates": ["A, C", ["C", "A"], "a c"],
    "03.letter26-offer": ["B", "b"],
    "03.reply-promises": ["A, B", ["B", "A"]],
    "03.public-terms": ["A, B", ["A", "B"]],
    "03.secret-term": ["C", "c)"],
}


@pytest.mark.parametrize("question_id", sorted(RIGHT))
def test_right_answers_are_accepted(question_id):
    for answer in RIGHT[question_id]:
        feedback = check(question_id, answer)
        assert feedback.status == CORRECT, (answer, feedback.text())
        assert feedback.why


def test_counts_are_computed_from_the_stored_letters():
    assert check("03.reply-word-count", _reply_words()).correct
    assert check("03.reply-word-count", f"{_reply_words()} words").correct
    assert check("03.war-count", _war()).correct
    assert check("03.war-count", str(_war())).correct
    assert check("03.turkey-paragraph", _turkey()).correct
    assert check("03.turkey-paragraph", f"paragraph {_turkey()}").correct
    feedback = check("03.war-count", _war())
    assert "FRUS 1961-63 vol. VI, doc. 65" in feedback.why
    assert "FRUS 1961-63 vol. VI, doc. 67" in check("03.reply-word-count", _reply_words()).why


WRONG = {
    "03.blockade-critic": [
        ("Maxwell Taylor", "Army general"),
        ("McNamara", "blockade"),
        ("Kennedy", ""),
    ],
    "03.military-advocates": [("A", "one more"), ("A, B, C", "Not B"), ("D", "Not D")],
    "03.letter26-offer": [("A", "public letter"), ("D", "Not D")],
    "03.reply-promises": [("A, B, C", "Not C"), ("A", "one more"), ("D", "Guantanamo")],
    "03.public-terms": [("A, B, C", "secret"), ("B", "one more"), ("D", "Guantanamo")],
    "03.secret-term": [("B", "published reply"), ("A", "Moscow radio")],
}


@pytest.mark.parametrize("question_id", sorted(WRONG))
def test_plausible_wrong_answers_get_a_hint(question_id):
    for answer, hint in WRONG[question_id]:
        feedback = check(question_id, answer)
        assert feedback.status == INCORRECT, (answer, feedback.text())
        assert hint in feedback.message, (answer, feedback.message)


def test_counting_mistakes_get_targeted_hints():
    split_count = len(letters.text("kennedy-1962-10-27").split())
    assert split_count != _reply_words()
    feedback = check("03.reply-word-count", split_count)
    assert feedback.status == INCORRECT and "text.split()" in feedback.message
    assert check("03.reply-word-count", _reply_words() + 1).status == INCORRECT
    other = letters.count_word(letters.text("khrushchev-1962-10-27"), "war")
    if other != _war():
        assert "27 October" in check("03.war-count", other).message
    reply = letters.count_word(letters.text("kennedy-1962-10-27"), "war")
    if reply not in (_war(), other):
        assert "Kennedy's reply" in check("03.war-count", reply).message
    assert check("03.war-count", _war() + 3).status == INCORRECT


def test_paragraph_mistakes_get_targeted_hints():
    first = _turkey()
    index = check("03.turkey-paragraph", first - 1)
    assert index.status == INCORRECT and "Python index" in index.message
    times = letters.count_word(letters.text("khrushchev-1962-10-27"), "turkey")
    if times not in (first, first - 1):
        assert "how often" in check("03.turkey-paragraph", times).message
    assert check("03.turkey-paragraph", first + 1).status == INCORRECT


def test_blank_and_odd_answers_never_raise():
    for question_id in IDS:
        assert check(question_id, ...).status == UNANSWERED
        for odd in (None, object(), {"a": 1}, 10**100, float("nan"), ["x"] * 3):
            feedback = check(question_id, odd)
            assert feedback.status in (UNANSWERED, INCORRECT)


def test_reflections_need_some_words_and_show_a_model_answer():
    assert check("03.close-reading", "too short").status == INCORRECT
    text = (
        "The counts put war high, but the knot of war passage asks both leaders to stop "
        "pulling; counting cannot see that plea or what the reply leaves out."
    )
    feedback = check("03.close-reading", text)
    assert feedback.status == SUBMITTED and feedback.model_answer and feedback.rubric
    # the model answer is built from the letters, and quotes them verbatim
    top = letters.top_words(letters.text("khrushchev-1962-10-26"), 1)[0][0]
    assert f"'{top}'" in feedback.model_answer
    quoted = feedback.model_answer.split("war: '")[1].split(".'")[0]
    assert quoted in " ".join(letters.text("khrushchev-1962-10-26").split())
    assert "excerpt" not in feedback.model_answer + " ".join(feedback.rubric)
    assert "frus61-63v6d65" in feedback.sources


def test_path_question_accepts_a_simulator_summary():
    from crisislab.decisions import DecisionSimulator

    sim = DecisionSimulator()
    sim.choose("oct16-response", "air-strike")
    comment = (
        "\nI chose an air strike first because the missiles seemed an intolerable threat, "
        "but the feedback showed the strike could not promise to destroy every launcher."
    )
    feedback = check("03.my-path", sim.summary_markdown() + comment)
    assert feedback.status == SUBMITTED and not feedback.correct
    # the path alone, an empty path, or a comment of filler is not yet work to score
    assert check("03.my-path", sim.summary_markdown()).status == INCORRECT
    empty = DecisionSimulator().summary_markdown() + comment
    assert "path is empty" in check("03.my-path", empty).message
    assert check("03.my-path", sim.summary_markdown() + " blah" * 45).status == INCORRECT


def test_missing_data_shows_unavailable_not_a_traceback(tmp_path, monkeypatch):
    from tests.datafixtures import write_dataset

    monkeypatch.setenv("CRISISLAB_DATA", str(write_dataset(tmp_path / "data")))
    for question_id in (
        "03.reply-word-count",
        "03.war-count",
        "03.turkey-paragraph",
        "03.military-advocates",
        "03.letter26-offer",
        "03.public-terms",
    ):
        feedback = check(question_id, "A")
        assert feedback.status == UNANSWERED, question_id
        assert "unavailable" in feedback.message
