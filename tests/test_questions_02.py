"""Lesson 2's questions: each accepts its answer, rejects plausible wrong ones with a hint."""

from __future__ import annotations

import pytest

from crisislab import course
from crisislab.checks import CORRECT, INCORRECT, SUBMITTED, UNANSWERED, check
from crisislab.exercises.bank.lesson02 import LESSON
from crisislab.exercises.catalogue import get, questions
from tests.datafixtures import write_dataset

RIGHT = {
    "02.define": "C",
    "02.empathy-not-sympathy": ["A", "C"],
    "02.mirror-imaging": "A",
    "02.security-dilemma": "B",
    "02.attribution": "D",
    "02.who-said-concern": "Nikita Khrushchev",
    "02.memoir-vs-cable": "A",
    "02.trachtenberg": "B",
    "02.chicken-stable": "B, C",
    "02.war-risk": "8.2%",
    "02.empathy-map": (
        "Khrushchev on 27 October fears an invasion of Cuba and a war set off by commanders "
        "he cannot restrain; he wants Cuba safe; the Presidium and Castro press him; he cannot "
        "say the deployment failed; a no-invasion pledge and a private promise on Turkey would "
        "let him back down [wilson-113045; whp-anderson]."
    ),
}

WRONG = {
    "02.define": ("D", "mirror-imaging"),
    "02.empathy-not-sympathy": ("A, D", "sympathy"),
    "02.mirror-imaging": ("D", "character"),
    "02.security-dilemma": ("A", "own safety measure"),
    "02.attribution": ("A", "local commanders"),
    "02.who-said-concern": ("Kennedy", "reread the quotes table"),
    "02.memoir-vs-cable": ("B", "repeats the account"),
    "02.trachtenberg": ("C", "Radchenko and Zubok"),
    "02.chicken-stable": ("A, B", "would rather switch"),
    "02.war-risk": (25, "without the exit"),
}


def test_lesson_2_has_enough_questions_each_tied_to_an_objective():
    found = questions(lesson=LESSON)
    assert {q.id for q in found} == set(RIGHT)
    auto = [q for q in found if q.kind != "text"]
    assert len(auto) >= 6
    assert any(q.kind == "text" for q in found)
    objectives = course.lesson(LESSON).objectives
    for q in found:
        assert q.objective is not None and 1 <= q.objective <= len(objectives), q.id
    assert {q.objective for q in found} == set(range(1, len(objectives) + 1))


@pytest.mark.parametrize("question_id", sorted(RIGHT))
def test_right_answer_is_accepted_with_a_reason(question_id):
    feedback = check(question_id, RIGHT[question_id])
    expected = SUBMITTED if get(question_id).kind == "text" else CORRECT
    assert feedback.status == expected, feedback.message
    assert feedback.why or feedback.model_answer


@pytest.mark.parametrize("question_id", sorted(WRONG))
def test_plausible_wrong_answer_gets_a_targeted_hint(question_id):
    answer, words = WRONG[question_id]
    feedback = check(question_id, answer)
    assert feedback.status == INCORRECT
    assert words in feedback.message


@pytest.mark.parametrize("question_id", sorted(RIGHT))
def test_blank_and_odd_answers_never_raise(question_id):
    assert check(question_id, ...).status == UNANSWERED
    for odd in (object(), {"a": 1}, 3.5j, ["Z"]):
        assert check(question_id, odd).status in (INCORRECT, UNANSWERED)


def test_answers_people_would_type_are_accepted():
    assert check("02.empathy-not-sympathy", "c and a").correct
    assert check("02.who-said-concern", "khrushchev").correct
    assert check("02.war-risk", 8.16).correct
    assert not check("02.war-risk", 28.6).correct  # one side's chance, not both
    assert "fraction" in check("02.war-risk", 0.0816).message


def test_multiple_choice_needs_every_right_letter():
    feedback = check("02.chicken-stable", "B")
    assert feedback.status == INCORRECT and "one more option" in feedback.message


def test_game_answers_come_from_the_solver(monkeypatch):
    from crisislab import games

    real = games.pure_equilibria
    monkeypatch.setattr(games, "pure_equilibria", lambda row, col: [(1, 1)])
    assert check("02.chicken-stable", "D").correct
    monkeypatch.setattr(games, "pure_equilibria", real)
    assert not check("02.chicken-stable", "D").correct


def test_a_short_reflection_is_asked_for_more():
    feedback = check("02.empathy-map", "He was afraid.")
    assert feedback.status == INCORRECT and "at least 40 words" in feedback.message


def test_missing_data_makes_a_question_unavailable_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(write_dataset(tmp_path / "data")))
    for question_id in ("02.define", "02.who-said-concern", "02.memoir-vs-cable"):
        feedback = check(question_id, RIGHT[question_id])
        assert feedback.status == UNANSWERED
        assert "unavailable" in feedback.message


def test_prompts_name_the_form_of_an_answer():
    for question_id in RIGHT:
        assert get(question_id).answer_form


def test_lesson_and_exercise_state_the_course_objectives_verbatim(root):
    import nbformat

    objectives = course.lesson(LESSON).objectives
    for path in ("lessons/02_strategic_empathy.ipynb", "exercises/02_strategic_empathy.ipynb"):
        notebook = root / path
        if not notebook.exists():
            pytest.skip(f"{path} not written yet")
        text = "\n".join(c.source for c in nbformat.read(str(notebook), as_version=4).cells)
        for objective in objectives:
            assert objective.rstrip(".") in text, (path, objective)
