"""The check API: statuses, the feedback panel, never raising, and data problems shown kindly."""

from __future__ import annotations

import html
import subprocess
import sys
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisislab import checks
from crisislab.checks import (
    CORRECT,
    INCORRECT,
    SUBMITTED,
    UNANSWERED,
    Feedback,
    ask,
    check,
    questions,
)
from crisislab.exercises.facts import answer_hash
from tests.fixtures_exercises import use_course_data

IDS = [q.id for q in questions()]


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    return use_course_data(tmp_path / "data", monkeypatch)


@pytest.mark.parametrize("blank", [..., None, "", "   \n"])
@pytest.mark.parametrize("qid", IDS)
def test_blank_answers_are_not_attempted(course_data, qid, blank):
    feedback = check(qid, blank)
    assert feedback.status == UNANSWERED
    if isinstance(blank, str):  # an empty answer is told so, not to replace a ... it lacks
        assert feedback.message.startswith("Your answer is empty: write ")
    else:
        assert "Replace the ..." in feedback.message
    assert feedback.hint == ""


def test_default_answer_is_not_attempted(course_data):
    assert check("00.try-it").status == UNANSWERED


def test_feedback_fields_for_right_and_wrong(course_data):
    right = check("00.try-it", "22 October 1962")
    assert right.status == CORRECT and right.correct and right.hint == ""
    assert "22 October 1962" in right.message
    assert right.why and right.sources  # one sentence of why, with a source id
    wrong = check("00.try-it", "16 October 1962")
    assert wrong.status == INCORRECT and not wrong.correct
    assert wrong.hint == wrong.message and "photographs" in wrong.hint


def test_panel_says_status_in_words_and_cites_source(course_data):
    for answer, word in [(..., "Not attempted"), ("22 Oct 1962", "Correct"), ("1 Oct", "Not yet")]:
        feedback = check("00.try-it", answer)
        bundle = feedback._repr_mimebundle_()
        assert f"<strong>{word}</strong>" in bundle["text/html"]
        assert bundle["text/plain"].startswith(word)
        assert set(bundle) == {"text/plain", "text/html"}  # no status metadata to forge
    right = check("00.try-it", "22 Oct 1962")
    assert "Source: [frus61-63v11d19]" in right.text()
    assert "[frus61-63v11d19]" in right.html()


def test_panel_is_deterministic(course_data):
    first = check("01.order", "A, B, C, D, E")._repr_mimebundle_()
    second = check("01.order", "A, B, C, D, E")._repr_mimebundle_()
    assert first == second
    assert "0x" not in first["text/html"]


def test_panel_escapes_text():
    feedback = Feedback("q<1>", INCORRECT, "<script>alert(1)</script> & more", why="a<b")
    page = feedback.html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "q&lt;1&gt;" in page and "a&lt;b" in page
    assert html.unescape(page).count("<script>") == 1  # only as escaped text


def test_unknown_question_is_friendly(course_data):
    feedback = check("01.no-such-question", "x")
    assert feedback.status == UNANSWERED
    assert "There is no question" in feedback.message
    assert check(12345, "x").status == UNANSWERED  # a non-string id too


def test_missing_data_gives_unavailable_panel_not_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLAB_DATA", str(tmp_path / "nowhere"))
    own = [q for q in questions() if q.lesson <= 1]  # lessons 2+ test their own
    for qid in [q.id for q in own if q.kind != "text"]:  # reflections need no data
        feedback = check(qid, "something")
        assert feedback.status == UNANSWERED
        assert "data is unavailable" in feedback.message, qid
    assert "unavailable" in ask("01.order").text()


def test_one_missing_row_affects_only_its_question(tmp_path, monkeypatch):
    from tests import datafixtures
    from tests.fixtures_exercises import EVENTS

    folder = use_course_data(tmp_path, monkeypatch)
    rows = [*datafixtures.EVENTS_1962, *[e for e in EVENTS if e["id"] != "e62-u2-shot-down"]]
    datafixtures.write_table(folder, "events_1962", rows)
    shot = check("01.shootdown-date", "27 October 1962")
    assert shot.status == UNANSWERED and "e62-u2-shot-down" in shot.message
    assert check("01.photos-date", "14 October 1962").status == CORRECT


def test_broken_data_file_is_unavailable(course_data):
    (course_data / "places.csv").write_text("id,name\nbroken", encoding="utf-8")
    feedback = check("01.distance-washington", 1888)
    assert feedback.status == UNANSWERED and "places" in feedback.message


def test_checks_module_imports_fast_without_reading_data(tmp_path):
    code = (
        "import sys, crisislab.checks\n"
        "assert 'pandas' not in sys.modules, 'checks must not load data at import'\n"
        "print(len(crisislab.checks.questions()))"
    )
    env = {"CRISISLAB_DATA": str(tmp_path / "missing"), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= 10


def test_hashed_answer_works_without_clear_text(course_data):
    from crisislab.exercises.catalogue import get

    facts = get("01.turkey-letter").facts()
    assert facts.hashed and "B" not in facts.correct
    assert answer_hash("01.turkey-letter", "B") in facts.correct
    assert check("01.turkey-letter", "B").status == CORRECT
    assert check("01.turkey-letter", "A").status == INCORRECT


def test_attempts_keep_the_last_answer(course_data):
    check("00.try-it", "1 October 1962")
    check("00.try-it", "22 October 1962")
    kept = checks.attempts(0)
    assert [a.question_id for a in kept] == ["00.try-it"]
    assert kept[0].answer == "22 October 1962" and kept[0].feedback.status == CORRECT


def test_ask_shows_prompt_and_options(course_data):
    shown = ask("01.r12-reach")
    text = shown.text()
    assert "A. Miami" in text and "B. Washington" in text
    assert "<li>A. Miami</li>" in shown._repr_mimebundle_()["text/html"]
    assert "no question" in ask("nope").text()


# ---------------------------------------------------------------- never raises


class _Hostile:
    def __str__(self):
        raise RuntimeError("str")

    __repr__ = __str__

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __bool__(self):
        raise RuntimeError("bool")


class _HostileStr(str):
    def strip(self, *args):
        raise RuntimeError("strip")

    def split(self, *args):
        raise RuntimeError("split")

    def lower(self):
        raise RuntimeError("lower")


def _odd_values():
    import itertools

    import numpy as np
    import pandas as pd

    looped: list = []
    looped.append(looped)
    return [
        _Hostile(),
        _HostileStr("22 October 1962"),
        "x" * 5_000_000,
        "1" * 100_000,
        "A, " * 50_000,
        float("nan"),
        float("inf"),
        -0.0,
        10**400,
        True,
        Decimal("NaN"),
        Fraction(1, 3),
        1j,
        b"22 October 1962",
        bytearray(b"A"),
        date.max,
        datetime.min,
        time(23, 59),
        looped,
        {"answer": "A"},
        {1, 2},
        (),
        [None],
        [[["A"]]],
        itertools.count(),
        (x for x in "ABCDE"),
        np.nan,
        np.array(["A", "B"]),
        np.datetime64("1962-10-22"),
        pd.NA,
        pd.NaT,
        pd.Timestamp("1962-10-22"),
        pd.Series([1, 2]),
        object(),
        type,
        print,
        Ellipsis,
        NotImplemented,
        "\x00\ud800",
        "<script>alert(1)</script>",
        "ä" * 300,
        "29 February 1962",
        "99:99",
        "31/31/1962",
    ]


@pytest.mark.parametrize("qid", IDS)
def test_odd_values_never_raise(course_data, qid):
    for value in _odd_values():
        feedback = check(qid, value)
        assert feedback.status in (UNANSWERED, CORRECT, INCORRECT)
        assert isinstance(feedback.message, str)
        feedback._repr_mimebundle_()  # the panel renders too


_TEXTY = st.lists(
    st.sampled_from([*"0123456789:/-., ABCDEabcde", "October", "Oct", "pm", "km", "1962"]),
    max_size=20,
).map("".join)
_ANY = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True),
        st.fractions(),
        st.complex_numbers(),
        st.text(),
        _TEXTY,
        st.binary(),
        st.dates(),
        st.datetimes(),
        st.times(),
        st.timezones().map(lambda tz: datetime(1962, 10, 23, 2, tzinfo=tz)),
        st.just(...),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=3),
        st.frozensets(st.text(max_size=3), max_size=4),
    ),
    max_leaves=10,
)


@pytest.mark.parametrize("qid", IDS)
@settings(
    max_examples=75,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answer=_ANY)
def test_check_never_raises_property(course_data, qid, answer):
    feedback = check(qid, answer)
    assert feedback.status in (UNANSWERED, CORRECT, INCORRECT, SUBMITTED)
    assert "could not be read. Give a plain value" not in feedback.message  # no internal error
    assert feedback.question_id == qid
    text, page = feedback.text(), feedback.html()
    assert isinstance(text, str) and page.startswith("<div")
