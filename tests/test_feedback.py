"""Feedback that agrees with itself, and free text told from filler (issue: honest statuses).

Each case the issue names has a test here: the number band and its hint, a fraction given for
a percentage, units and places only where a question has them, a hint about the type of a
wrong value, a time question that needs the day, no 1962 in a 2022 question, the unconverted
time, a description instead of a name; and a filler corpus that is never correct or submitted.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisislab.checks import CORRECT, INCORRECT, SUBMITTED, UNANSWERED, ask, check, questions
from crisislab.exercises.catalogue import get
from crisislab.exercises.checks import decimals_for
from tests.fixtures_exercises import use_course_data


@pytest.fixture
def course_data(tmp_path, monkeypatch, request):
    """The data each question needs: the lesson 1 and lesson 4 fixtures, else the real data."""
    qid = (
        request.node.callspec.params.get("qid", "01.") if hasattr(request.node, "callspec") else ""
    )
    if qid.startswith("04."):
        from tests.test_compare import write_lesson4_data

        folder = write_lesson4_data(tmp_path / "data")
        monkeypatch.setenv("CRISISLAB_DATA", str(folder))
        return folder
    if qid.startswith(("02.", "03.")):
        monkeypatch.delenv("CRISISLAB_DATA", raising=False)
        try:
            get(qid).facts()
        except Exception as exc:  # the lead's data being edited: say so, do not pass vacuously
            pytest.skip(f"the real data for {qid} does not load now ({str(exc)[:80]})")
        return None
    return use_course_data(tmp_path / "data", monkeypatch)


NUMBERS = [q.id for q in questions() if q.kind == "number"]
TEXTS = [q.id for q in questions() if q.kind == "text"]
NAMES = [q.id for q in questions() if q.kind == "name"]
CHOICES = [q.id for q in questions() if q.kind in ("choice", "multiple", "order")]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("qid", NUMBERS)
def test_the_value_a_correct_answer_shows_is_itself_accepted(course_data, qid):
    facts = get(qid).facts()
    right = check(qid, facts.answer)
    assert right.status == CORRECT
    shown = float(
        re.search(r"(?:about|Yes:) ([\d,]+(?:\.\d+)?)", right.message)[1].replace(",", "")
    )
    assert check(qid, shown).status == CORRECT, (qid, shown)
    # and a value that is not accepted is never called "about" the answer
    unit = 10.0 ** -decimals_for(facts.tolerance, facts.answer)
    for outside in (facts.answer + facts.tolerance + unit, facts.answer - facts.tolerance - unit):
        wrong = check(qid, outside)
        assert wrong.status == INCORRECT
        assert "about" not in wrong.message.split(".")[0]


def test_decimals_follow_the_tolerance():
    assert decimals_for(0.175, 8.75) == 1  # "about 8.8": 8.7 and 8.8 both accepted
    assert decimals_for(0.5, 312.0) == 0
    assert decimals_for(15.0, 1887.3) == 0
    assert decimals_for(0.6, 12.54) == 1


@pytest.mark.parametrize("qid", ["04.ready-ratio-1962"])
def test_a_ratio_near_a_whole_number_is_not_called_by_it(course_data, qid):
    """The issue's case: 8.7 "about 9" while 9 was "too high". The hint now agrees."""
    facts = get(qid).facts()
    message = check(qid, facts.answer).message
    shown = float(re.search(r"about ([\d.]+)", message)[1])
    assert abs(shown - facts.answer) <= facts.tolerance


@pytest.mark.parametrize("qid", ["04.stockpile-percent-2022", "02.war-risk"])
def test_a_fraction_for_a_percentage_gets_multiply_by_100(course_data, qid):
    facts = get(qid).facts()
    feedback = check(qid, facts.answer / 100)
    assert feedback.status == INCORRECT
    assert "multiply" in feedback.message and "100" in feedback.message
    assert not re.search(r"\b0 percent\b|\b0 %", feedback.message)


@pytest.mark.parametrize("qid", NUMBERS)
def test_places_and_units_are_mentioned_only_where_the_question_has_them(course_data, qid):
    facts = get(qid).facts()
    message = check(qid, facts.answer * 3 + 1000).message
    if facts.unit != "km":
        assert "places" not in message and "units" not in message, message
    else:
        assert "kilometres" in message


@pytest.mark.parametrize(
    "qid, answer, words",
    [
        ("01.distance-washington", [1889], "not a list"),
        ("01.distance-washington", {"km": 1889}, "not a dictionary"),
        ("03.reply-word-count", True, "not True or False"),
        ("01.photos-date", ["14 October 1962"], "not a list"),
        ("01.rfk-dobrynin", 42, "not a number"),
        ("01.turkey-letter", 2, "not a number"),
        ("01.speech-moscow-time", ["02:00"], "not a list"),
        ("01.reflection", ["some", "words"], "should be text"),
    ],
)
def test_a_wrong_type_gets_a_hint_about_the_type(course_data, qid, answer, words):
    feedback = check(qid, answer)
    assert feedback.status == INCORRECT
    assert words in feedback.message
    assert "as text in quotes" not in feedback.message or get(qid).kind != "number"


# ---------------------------------------------------------------- times


@pytest.mark.parametrize("qid", ["01.speech-moscow-time", "04.moscow-time"])
def test_a_time_question_that_asks_for_the_day_requires_it(course_data, qid):
    facts = get(qid).facts()
    target = facts.answer
    assert "day" in get(qid).prompt
    for bare in (target.hour, f"{target:%H:%M}", target.time()):
        feedback = check(qid, bare)
        assert feedback.status == INCORRECT and "day" in feedback.message
    assert check(qid, f"{target:%H:%M} on {target.day} {target:%B %Y}").status == CORRECT


@pytest.mark.parametrize("qid", ["01.speech-moscow-time", "04.moscow-time"])
def test_the_unconverted_moment_is_not_yet_with_a_hint(course_data, qid):
    facts = get(qid).facts()
    feedback = check(qid, facts.source)  # the aware moment, still on the source clock
    assert feedback.status == INCORRECT
    assert "astimezone" in feedback.message and facts.target_place in feedback.message
    assert check(qid, facts.source.astimezone(ZoneInfo("Europe/Moscow"))).status == CORRECT


@pytest.mark.parametrize("qid", ["04.moscow-time"])
def test_a_2022_question_never_mentions_1962(course_data, qid):
    facts = get(qid).facts()
    target = facts.answer
    shown = [ask(qid).text(), get(qid).answer_form]
    for minutes in range(0, 24 * 60, 30):
        moment = target.replace(hour=minutes // 60, minute=minutes % 60)
        for answer in (f"{moment:%H:%M} on 7 October 2022", f"{moment:%H:%M}"):
            shown.append(check(qid, answer).text())
    shown.append(check(qid, datetime(2022, 10, 6, 19, 32)).text())
    shown.append(check(qid, "half past two").text())
    assert not any("1962" in text for text in shown)


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("qid", NAMES)
@pytest.mark.parametrize(
    "description", ["the Soviet leader", "The President", "the Air Force chief", "his brother"]
)
def test_a_description_instead_of_a_name_asks_for_the_name(course_data, qid, description):
    feedback = check(qid, description)
    assert feedback.status == INCORRECT
    assert "person's name" in feedback.message


# ---------------------------------------------------------------- prompts give the form only


@pytest.mark.parametrize("qid", CHOICES)
def test_a_prompt_never_offers_an_option_as_its_example(course_data, qid):
    question = get(qid)
    facts = question.facts()
    labels = {label for label, _ in (facts.items if question.kind == "order" else facts.options)}
    text = ask(qid).text().split("Your answer:")[1]
    quoted = set(re.findall(r'"([^"]*)"', text))
    assert not quoted & labels, (qid, quoted & labels)
    assert "Answer with" not in ask(qid).text()


def test_no_form_holds_a_date_of_the_crisis():
    for question in questions():
        assert not re.search(r"October 196\d|October 2022", question.answer_form), question.id


# ---------------------------------------------------------------- free text and filler

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
    "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit."
)


def _filler(qid: str) -> list[object]:
    from crisislab.compare import brief_template

    prompt = get(qid).prompt
    corpus: list[object] = [
        "",
        "...",
        '"""\n...\n"""'.strip('"'),
        "blah " * 45,
        "blah" * 45,
        "asdf " * 20,
        "asdf asdf qwerty asdf zxcv asdf " * 5,
        "a" * 400,
        "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm",
        "the the the the the the the the the the the the the the the the the the",
        "I think that it is what it is and that is it, I think it is what it is. " * 3,
        LOREM,
        LOREM * 3,
        prompt,
        prompt + " " + prompt,
        prompt + " I agree.",
        brief_template(),
        brief_template("Putin", "1 October 2022"),
        "test test test test test test test test test test test test test test test",
    ]
    return corpus


@pytest.mark.parametrize("qid", TEXTS)
def test_filler_is_never_correct_and_never_submitted(course_data, qid):
    for answer in _filler(qid):
        feedback = check(qid, answer)
        assert feedback.status in (INCORRECT, UNANSWERED), (qid, str(answer)[:60], feedback)


@pytest.mark.parametrize("qid", TEXTS)
def test_filler_is_refused_kindly_and_the_template_is_not_attempted(course_data, qid):
    assert check(qid, "\n...\n").status == UNANSWERED
    feedback = check(qid, "blah " * 45)
    assert feedback.status == INCORRECT
    assert "your own" in feedback.message or get(qid).facts().path
    assert "Traceback" not in feedback.text()


@pytest.mark.parametrize("qid", TEXTS)
def test_the_model_answer_is_submitted_never_correct(course_data, qid):
    question = get(qid)
    facts = question.facts()
    answer = facts.model_answer
    if facts.path:
        from crisislab.decisions import DecisionSimulator

        sim = DecisionSimulator()
        sim.choose("oct16-response", "air-strike")
        answer = sim.summary_markdown() + "\n" + facts.model_answer
    feedback = check(qid, answer)
    assert feedback.status == SUBMITTED and not feedback.correct
    assert feedback.model_answer and feedback.rubric
    assert "Submitted" in feedback.text() and "rubric" in feedback.text()
    assert "<li>" in feedback.html()


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    word=st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12),
    times=st.integers(min_value=1, max_value=200),
)
def test_one_word_repeated_is_never_submitted(course_data, word, times):
    for qid in TEXTS:
        assert check(qid, " ".join([word] * times)).status != SUBMITTED
        assert check(qid, word * times).status != SUBMITTED


def test_a_free_text_answer_is_never_counted_correct_by_the_feedback_api(course_data):
    feedback = check("01.reflection", get("01.reflection").facts().model_answer)
    assert feedback.status == SUBMITTED and feedback.hint == "" and not feedback.correct


def test_dates_still_accept_what_a_person_types(course_data):
    for answer in ("14 October 1962", "1962-10-14", date(1962, 10, 14), "Oct 14, 1962"):
        assert check("01.photos-date", answer).status == CORRECT


def test_lesson_zero_date_hint_points_to_lesson_zero_not_a_timeline():
    feedback = check("00.try-it", "1 October 1962")
    assert feedback.status != "correct"
    assert "timeline" not in feedback.message
    assert "lesson 0" in feedback.message


# ---------------------------------------------------------------- a student reader's findings

OFF_TOPIC = (
    "I like pizza and football, and my summer holidays at the beach with friends and family. "
    "Every year we swim in the warm sea, build castles out of wet sand, eat ice cream after "
    "lunch and play cards until the sun goes down behind the hills. My brother prefers "
    "basketball; my sister reads novels about dragons under a striped umbrella while our "
    "parents cook fish on a small grill. Next August we hope to visit a lake in the mountains, "
    "rent bicycles, climb a rocky peak and photograph wild goats near an old wooden chapel."
)


@pytest.mark.parametrize("qid", ["02.empathy-map"])
def test_short_filler_and_an_empty_text_are_told_what_they_are(course_data, qid):
    blah = check(qid, "blah blah")
    assert blah.status == INCORRECT
    assert blah.message.startswith("That looks like filler")
    assert "template as given" not in blah.message
    short = check(qid, "Khrushchev was afraid.")
    assert short.message.startswith("Write a little more in your own words")
    empty = check(qid, "")
    assert empty.status == UNANSWERED
    assert empty.message == (
        "Your answer is empty: write a few sentences of your own between the triple quotes, "
        "run that cell, then run this one again."
    )


@pytest.mark.parametrize("qid", ["02.empathy-map", "04.capstone"])
def test_an_off_topic_text_must_cite_the_data_and_name_a_leader(course_data, qid):
    from crisislab import data

    feedback = check(qid, OFF_TOPIC)
    assert feedback.status == INCORRECT
    assert feedback.message.startswith(
        "This is a start, but it does not yet speak about the crisis: name the leader you "
        "write about and cite at least one source, quote or event id from the course's data"
    )
    quote_id = data.load("quotes")["id"].iloc[0]
    leader = data.load("people")["name"].iloc[0]
    only_id = check(qid, f"{OFF_TOPIC} [{quote_id}]")
    assert only_id.message.startswith("Good: you cite the course's data. Now name the leader")
    only_name = check(qid, f"{OFF_TOPIC} {leader}.")
    assert only_name.message.startswith("Good: you name your leader. Now cite at least one")
    both = check(qid, f"{OFF_TOPIC} {leader} [{quote_id}].")
    assert both.status == SUBMITTED and not both.correct


def test_option_names_joined_with_and_or_commas_match_as_a_list_does(course_data):
    wanted = check("01.r12-reach", ["A", "B"])
    names = dict(get("01.r12-reach").facts().options)
    first, second = names["A"], names["B"]  # Miami; Washington, D.C. in the course's data
    short = second.split(",")[0]
    for answer in (
        f"{first} and {short}",
        [first, short],
        f"{first}, {second}",
        f"{first} and {second}",
    ):
        feedback = check("01.r12-reach", answer)
        assert "is not one of the options" not in feedback.message, answer
        assert (feedback.status, feedback.message) == (wanted.status, wanted.message), answer


@pytest.mark.parametrize(
    ("qid", "typed"), [("04.ready-ratio-1962", "3500/400"), ("02.war-risk", "1/12")]
)
def test_a_fraction_typed_as_text_is_asked_to_be_worked_out(course_data, qid, typed):
    feedback = check(qid, typed)
    assert feedback.status == INCORRECT
    assert feedback.message == "Work the division out and give one number, such as 8.75."


@pytest.mark.parametrize("qid", ["04.stockpile-percent-2022"])
def test_any_fraction_for_a_percentage_and_no_formula_in_the_hint(course_data, qid):
    for value in (0.07, 0.5):
        assert check(qid, value).message == (
            f"That looks like a fraction ({value:g}): as a percentage, multiply it by 100."
        )
    for value in (3, 1.2, 60):
        message = check(qid, value).message
        assert "minus 1" not in message and "subtract 1" not in message
        assert "times 100" not in message and "multiply by 100" not in message


def test_name_hints_point_to_the_source_without_naming_the_answer(course_data):
    jfk = check("01.rfk-dobrynin", "John F. Kennedy").message
    assert jfk == (
        "The President did not go himself: he sent someone he trusted. Reread the timeline's "
        "entry for the evening of 27 October to see who went."
    )
    brother = check("01.rfk-dobrynin", "the President's brother")
    assert brother.message.startswith("That describes a role; give the person's name")


@pytest.mark.parametrize("qid", ["02.who-said-concern"])
def test_the_quote_hint_and_why_name_people_not_ids(course_data, qid):
    wrong = check(qid, "John F. Kennedy").message
    assert wrong == (
        "Look at who is addressed in the quotation, then reread the quotes table (or the "
        "letters) to see who wrote these words on 27 October."
    )
    right = check(qid, "Nikita Khrushchev")
    assert right.status == CORRECT
    assert "khrushchev," not in right.why
    assert re.match(r"Nikita S\. Khrushchev \([^)]*\), 27 October 1962\. ", right.why)


@pytest.mark.parametrize(
    ("qid", "unit"),
    [("03.war-count", " times"), ("03.reply-word-count", " words"), ("03.turkey-paragraph", "")],
)
def test_exact_counts_are_not_about(course_data, qid, unit):
    count = int(get(qid).facts().answer)
    assert check(qid, count).message == f"Yes: {count:,}{unit}."


@pytest.mark.parametrize("qid", ["04.ready-ratio-1962"])
def test_a_ratio_with_a_tolerance_keeps_about(course_data, qid):
    assert check(qid, get(qid).facts().answer).message.startswith("Yes: about ")


@pytest.mark.parametrize("qid", ["02.define"])
def test_mirror_imaging_is_not_called_its_own_opposite(course_data, qid):
    message = check(qid, "D").message
    assert message.startswith("Not D. That is mirror-imaging, the error strategic empathy")
    assert "opposite" not in message


@pytest.mark.parametrize("qid", ["03.my-path"])
def test_a_pasted_path_with_a_comment_is_submitted(course_data, qid):
    from crisislab.decisions import DecisionSimulator
    from crisislab.exercises.answers import Unreadable

    sim = DecisionSimulator()
    point = sim.points[0]
    sim.choose(point.id, point.options[0].id)
    comment = (
        "\n\nI chose differently because I wanted to see how the generals would answer, "
        "and the feedback made me think about time."
    )
    pasted = sim.summary_markdown() + comment
    assert check(qid, pasted).status == SUBMITTED
    rendered = "\n".join(line.strip("#| ").replace(" | ", "\t") for line in pasted.splitlines())
    assert check(qid, rendered).status == SUBMITTED  # copied from the rendered table
    assert check(qid, comment).message.startswith("Paste your path first: run the cell above")
    for other in (5, check("00.try-it", "1 May 1962"), Unreadable("Feedback")):
        message = check(qid, other).message
        assert message.startswith("Your answer should be text: write it between the triple")
        assert "object" not in message and "Unreadable" not in message and "Feedback" not in message


def test_the_notebooks_give_one_answer_form_and_mention_save(course_data):
    import nbformat

    from crisislab.paths import repo_root

    folder = repo_root() / "exercises"
    first = nbformat.read(folder / "01_thirteen_days.ipynb", as_version=4)
    sources = [cell.source for cell in first.cells]
    order_cell = next(s for s in sources if s.startswith("order = "))
    known_cell = next(s for s in sources if s.startswith("not_known = "))
    for qid, cell in (("01.order", order_cell), ("01.did-not-know", known_cell)):
        form = get(qid).answer_form
        assert cell.startswith(('order = "..."', 'not_known = "..."'))
        assert "inside the quotes" in cell and "separated by commas" in cell
        assert "inside the quotes, separated by commas" in form and "[" not in form
    third = nbformat.read(folder / "03_decisions_under_pressure.ipynb", as_version=4)
    assert "**Save my answers** keeps your" in third.cells[0].source
    path_cell = next(c.source for c in third.cells if "my_path =" in c.source)
    assert path_cell == (
        "# paste your path here (the simulator prints it), then add one sentence of your own\n"
        'my_path = """\n...\n"""'
    )
    assert any(c.source.startswith("print(sim.summary_markdown())") for c in third.cells)
