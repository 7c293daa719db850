"""The decision simulator: validation of decisions.json (file, point/option, field named), the
Python API (choose, state, reset, path), the widget driven by clicks, and the real content:
every decision point reachable and every option giving sourced feedback."""

from __future__ import annotations

import copy
import json

import pytest

from crisislab import data, decisions
from crisislab.data import DataError
from crisislab.decisions import DecisionSimulator, load_decisions, parse_decisions
from tests.datafixtures import write_dataset

SPEC = decisions.SPECULATION


def _cf(historian="Michael Dobbs"):
    return {
        "label": SPEC,
        "historian": historian,
        "text": "It might have escalated.",
        "source_ids": ["dobbs-2008"],
    }


def small_doc() -> dict:
    """Two decision points that use only the fixture dataset's ids."""
    option = {
        "advocates_note": "",
        "quote_id": "",
        "what_happened": "Happened.",
        "moscow_reading": "Moscow saw it.",
        "source_ids": ["frus61-63v11d19"],
    }
    return {
        "points": [
            {
                "id": "p1",
                "date": "1962-10-16",
                "title": "First choice",
                "situation": "Photographs show missiles.",
                "question": "What now?",
                "event_ids": ["e62-briefing"],
                "chosen": "wait",
                "why_chosen": "Time mattered.",
                "moscow_reading": "Moscow waited too.",
                "moscow_quote_id": "q-knot",
                "source_ids": ["frus61-63v11d19"],
                "options": [
                    {
                        **option,
                        "id": "wait",
                        "label": "Wait",
                        "advocates": ["jfk"],
                        "counterfactual": None,
                    },
                    {
                        **option,
                        "id": "strike",
                        "label": "Strike",
                        "advocates": [],
                        "advocates_note": "Nobody named.",
                        "quote_id": "q-knot",
                        "counterfactual": _cf(),
                    },
                ],
            },
            {
                "id": "p2",
                "date": "1962-10-27",
                "title": "Second choice",
                "situation": "Two letters.",
                "question": "Which one?",
                "event_ids": [],
                "chosen": "first",
                "why_chosen": "It offered a way out.",
                "moscow_reading": "Accepted.",
                "moscow_quote_id": "",
                "source_ids": ["dobbs-2008"],
                "options": [
                    {
                        **option,
                        "id": "first",
                        "label": "The first",
                        "advocates": ["jfk"],
                        "counterfactual": None,
                    },
                    {
                        **option,
                        "id": "second",
                        "label": "The second",
                        "advocates": ["khrushchev"],
                        "counterfactual": _cf("Sheldon Stern"),
                    },
                ],
            },
        ]
    }


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    folder = write_dataset(tmp_path / "data")
    (folder / "decisions.json").write_text(json.dumps(small_doc()), encoding="utf-8")
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    return folder


def _write(folder, doc):
    (folder / "decisions.json").write_text(json.dumps(doc), encoding="utf-8")


# ---------------------------------------------------------------- validation


def test_loads_the_fixture_points(dataset):
    points = load_decisions()
    assert [p.id for p in points] == ["p1", "p2"]
    assert points[0].historical.id == "wait"
    assert points[0].option("strike").counterfactual.historian == "Michael Dobbs"


@pytest.mark.parametrize(
    "change, where, field",
    [
        (
            lambda d: d["points"][0]["options"][1].update(counterfactual=None),
            "p1/strike",
            "counterfactual",
        ),
        (
            lambda d: d["points"][0]["options"][1]["counterfactual"].update(label="fact"),
            "p1/strike",
            "counterfactual.label",
        ),
        (
            lambda d: d["points"][0]["options"][1]["counterfactual"].update(historian=""),
            "p1/strike",
            "historian",
        ),
        (
            lambda d: d["points"][0]["options"][0].update(advocates=["nobody"]),
            "p1/wait",
            "advocates",
        ),
        (
            lambda d: d["points"][0]["options"][0].update(quote_id="q-missing"),
            "p1/wait",
            "quote_id",
        ),
        (lambda d: d["points"][0]["options"][0].update(source_ids=[]), "p1/wait", "source_ids"),
        (
            lambda d: d["points"][0]["options"][0].update(source_ids=["nowhere"]),
            "p1/wait",
            "source_ids",
        ),
        (lambda d: d["points"][0]["options"][0].update(label="<b>Wait</b>"), "p1/wait", "label"),
        (lambda d: d["points"][0].update(chosen="nothing"), "p1", "chosen"),
        (lambda d: d["points"][0].update(date="1962-11-30"), "p1", "date"),
        (lambda d: d["points"][0].update(date="16 Oct"), "p1", "date"),
        (lambda d: d["points"][0].update(event_ids=["e62-nope"]), "p1", "event_ids"),
        (lambda d: d["points"][1].update(id="p1"), "p1", "id"),
        (lambda d: d["points"][0]["options"][1].update(id="wait"), "p1/wait", "id"),
        (lambda d: d["points"][0].update(options=d["points"][0]["options"][:1]), "p1", "options"),
        (
            lambda d: d["points"][1]["options"][1].update(advocates=[], advocates_note=""),
            "p2/second",
            "advocates_note",
        ),
        (lambda d: d["points"][0].update(why_chosen=""), "p1", "why_chosen"),
    ],
)
def test_bad_content_names_file_point_option_and_field(dataset, change, where, field):
    doc = small_doc()
    change(doc)
    _write(dataset, doc)
    with pytest.raises(DataError) as info:
        load_decisions()
    message = str(info.value)
    assert message.startswith("decisions.json")
    assert repr(where) in message
    assert repr(field) in message


def test_malformed_or_missing_files_raise_dataerror(dataset):
    (dataset / "decisions.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="well-formed JSON"):
        load_decisions()
    (dataset / "decisions.json").write_text('{"points": []}', encoding="utf-8")
    with pytest.raises(DataError, match="at least one decision point"):
        load_decisions()
    (dataset / "decisions.json").unlink()
    with pytest.raises(DataError, match="decisions.json: expected the file to exist"):
        load_decisions()


def test_shape_can_be_checked_without_cross_references():
    doc = small_doc()
    doc["points"][0]["options"][0]["advocates"] = ["anyone"]
    assert len(parse_decisions(doc)) == 2  # no refs given: ids not looked up
    with pytest.raises(DataError):
        parse_decisions(["not", "a", "dict"])


# ---------------------------------------------------------------- the Python API


def test_choose_state_reset_and_path(dataset):
    sim = DecisionSimulator()
    assert sim.state() == {"current": "p1", "choices": {}, "matches_history": {}, "complete": False}
    feedback = sim.choose("p1", "strike")
    assert not feedback.historical
    assert sim.state()["choices"] == {"p1": "strike"}
    assert sim.state()["matches_history"] == {"p1": False}
    sim.choose("p2", "first")
    state = sim.state()
    assert state["complete"] and state["current"] == "p2"
    assert state["matches_history"] == {"p1": False, "p2": True}
    path = sim.path()
    assert [(r["your_choice"], r["historical_choice"], r["same"]) for r in path] == [
        ("Strike", "Wait", False),
        ("The first", "The first", True),
    ]
    sim.reset()
    assert sim.state()["choices"] == {} and sim.state()["current"] == "p1"
    assert sim.path()[0]["same"] is None


def test_choose_refuses_unknown_points_and_options(dataset):
    sim = DecisionSimulator()
    with pytest.raises(KeyError, match="p1, p2"):
        sim.choose("p9", "wait")
    with pytest.raises(KeyError, match="wait, strike"):
        sim.choose("p1", "surrender")
    assert sim.state()["choices"] == {}


def test_feedback_for_a_road_not_taken_is_labelled_speculation_and_sourced(dataset):
    sim = DecisionSimulator()
    feedback = sim.choose("p1", "strike")
    text = feedback.text()
    assert "What was chosen instead: Wait." in text
    assert f"({SPEC}, after Michael Dobbs)" in text
    assert "Nobody named." in text
    assert "untie that knot" in text  # the quote, from quotes.csv
    assert feedback.sources() == ["frus61-63v11d19", "dobbs-2008"]
    html = feedback.html()
    assert "crisislab-speculation" in html and "informed speculation" in html
    assert "<b>Wait</b>" not in html


def test_historical_choice_has_no_speculation(dataset):
    feedback = DecisionSimulator().choose("p1", "wait")
    assert feedback.historical
    assert "This is what was chosen." in feedback.text()
    assert SPEC not in feedback.text()
    assert "John F. Kennedy" in feedback.text()


def test_text_is_escaped_in_html(dataset):
    doc = small_doc()
    doc["points"][0]["why_chosen"] = "Time & patience > haste"
    _write(dataset, doc)
    html = DecisionSimulator().choose("p1", "wait").html()
    assert "Time &amp; patience &gt; haste" in html


def test_summary_markdown_lists_both_paths(dataset):
    sim = DecisionSimulator()
    sim.choose("p1", "strike")
    markdown = sim.summary_markdown()
    assert "1 of 2 decisions made; 0 the same as in 1962." in markdown
    assert "| 1962-10-16 | First choice | Strike | Wait | no |" in markdown
    assert "| 1962-10-27 | Second choice | (not chosen yet) | The first | - |" in markdown


# ---------------------------------------------------------------- the widget


def test_clicking_an_option_button_shows_feedback_and_updates_the_path(dataset):
    sim = DecisionSimulator()
    assert "Choose an option" in sim.shown_text()
    labels = [b.description for b in sim.buttons.children]
    assert labels == ["Wait", "Strike"]
    sim.buttons.children[1].click()
    assert sim.state()["choices"] == {"p1": "strike"}
    assert "What was chosen instead: Wait." in sim.shown_text()
    assert "Strike" in sim.path_html.value and "no" in sim.path_html.value


def test_previous_and_next_buttons_reach_every_point(dataset):
    sim = DecisionSimulator()
    sim.next_button.click()
    assert sim.state()["current"] == "p2"
    assert [b.description for b in sim.buttons.children] == ["The first", "The second"]
    sim.next_button.click()
    assert sim.state()["current"] == "p1"  # wraps round
    sim.previous_button.click()
    assert sim.state()["current"] == "p2"
    assert "Second choice" in sim.situation.value
    assert sim.status_text().startswith("Decision point 2 of 2: 27 October 1962, Second choice")


def test_choosing_updates_the_buttons_in_place_so_focus_stays(dataset):
    """Rebuilt buttons would send keyboard focus to the page body: the same objects stay."""
    sim = DecisionSimulator()
    before = list(sim.buttons.children)
    before[1].click()
    assert list(sim.buttons.children) == before
    assert "crisislab-chosen" in before[1]._dom_classes  # marked by a tick, not colour alone
    assert "crisislab-chosen" not in before[0]._dom_classes
    assert "you chose: Strike (not what was chosen in 1962)" in sim.status_text()
    before[0].click()
    assert "crisislab-chosen" in before[0]._dom_classes
    assert "crisislab-chosen" not in before[1]._dom_classes
    assert "you chose: Wait (as in 1962)" in sim.status_text()
    sim.go_to("p2")
    sim.go_to("p1")
    assert list(sim.buttons.children) == before  # made once per point
    assert 'role="status"' in sim.status.value and 'aria-live="polite"' in sim.status.value


def test_reset_button_and_return_to_a_chosen_point(dataset):
    sim = DecisionSimulator()
    sim.buttons.children[0].click()
    sim.go_to("p2")
    sim.go_to("p1")
    assert "This is what was chosen." in sim.shown_text()  # the earlier choice is shown again
    sim.reset_button.click()
    assert sim.state()["choices"] == {}
    assert "Choose an option" in sim.shown_text()


def test_widget_controls_have_visible_descriptions_and_plain_text_repr(dataset):
    sim = DecisionSimulator()
    assert sim.previous_button.description == "Previous decision point"
    assert sim.next_button.description == "Next decision point"
    assert all(b.description for b in sim.buttons.children)
    assert sim.reset_button.description
    assert "crisislab-widget" in sim.widget._dom_classes
    bundle = sim._repr_mimebundle_()
    assert bundle["text/plain"] == (
        "DecisionSimulator: 2 decision points; showing p1; 0 chosen so far."
    )


def test_static_table_marks_the_historical_choice(dataset):
    points = load_decisions()
    html = decisions.decisions_table_html(points)
    assert "<li>Wait <b>(chosen)</b></li>" in html
    assert "Chosen: Wait." in decisions.decisions_table_text(points)
    bundle = decisions.DecisionsTable(points)._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}


# ---------------------------------------------------------------- the real content


@pytest.fixture(scope="module")
def real():
    return DecisionSimulator()


def test_real_content_has_at_least_five_points_with_the_issue_days(real):
    assert len(real.points) >= 5
    days = {p.date.isoformat() for p in real.points}
    assert {"1962-10-16", "1962-10-22", "1962-10-25", "1962-10-27"} <= days


def test_every_real_point_is_reachable_from_the_widget(real):
    real.reset()
    seen = [real.state()["current"]]
    for _ in range(len(real.points) - 1):
        real.next_button.click()
        seen.append(real.state()["current"])
    assert seen == [p.id for p in real.points]
    real.reset()


def test_every_real_option_gives_sourced_feedback(real):
    known = set(data.load("sources")["id"])
    for point in real.points:
        assert len(point.options) >= 2
        for option in point.options:
            feedback = real.feedback(point.id, option.id)
            sources = feedback.sources()
            assert sources and set(sources) <= known, (point.id, option.id)
            text = feedback.text()
            assert "What was actually chosen, and why" in text
            if option.id == point.chosen:
                assert "How Moscow read it" in text and point.moscow_reading in text
            else:
                assert "Moscow's side at the time" in text
                assert point.moscow_reading not in text  # Moscow's reaction to what was done
            if option.id != point.chosen:
                assert SPEC in text and option.counterfactual.historian in text
                assert option.counterfactual.source_ids


def test_every_real_quote_exists_verbatim_in_quotes_csv(real):
    quotes = data.load("quotes").set_index("id")
    for point in real.points:
        for quote_id in [point.moscow_quote_id, *(o.quote_id for o in point.options)]:
            if quote_id:
                text = real.feedback(point.id, point.chosen).quotes[quote_id]["text"]
                assert text == quotes.loc[quote_id, "text"]


def test_a_broken_copy_of_the_real_content_is_refused():
    from crisislab.paths import data_dir

    doc = json.loads((data_dir() / "decisions.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(doc)
    broken["points"][0]["options"][0]["advocates"].append("not-a-person")
    refs = {
        "sources": set(data.load("sources")["id"]),
        "people": set(data.load("people")["id"]),
        "quotes": set(data.load("quotes")["id"]),
        "events": set(data.load("events_1962")["id"]),
    }
    assert len(parse_decisions(doc, refs=refs)) == len(doc["points"])
    with pytest.raises(DataError, match="not-a-person"):
        parse_decisions(broken, refs=refs)


# ---------------------------------------------------------------- readable panel and end screen


def test_the_choice_is_marked_in_words_and_sections_fold(dataset):
    sim = DecisionSimulator()
    html = sim.choose("p1", "strike").html()
    assert "<b>Your choice:</b> You chose Strike. What was chosen instead: Wait." in html
    assert html.count("<details") >= 4  # advocates, quote, why, Moscow, speculation, sources
    assert '<details class="crisislab-speculation"' in html
    assert "<summary><b>Sources</b></summary>" in html


def test_moscow_reaction_is_written_per_option(dataset):
    sim = DecisionSimulator()
    text = sim.feedback("p1", "strike").text()
    assert "Moscow waited too." not in text  # the reaction to the historical choice
    assert "Moscow's side at the time: Moscow saw it." in text
    assert "untie that knot" in text  # the option's own quote stays
    historical = sim.feedback("p1", "wait").text()
    assert "How Moscow read it: Moscow waited too. Moscow saw it." in historical


def test_the_course_own_reasoning_is_an_accepted_label(dataset):
    doc = small_doc()
    doc["points"][0]["options"][1]["counterfactual"]["label"] = decisions.OWN_REASONING
    _write(dataset, doc)
    text = DecisionSimulator().feedback("p1", "strike").text()
    assert "(the course's own reasoning, drawing on Michael Dobbs)" in text
    doc["points"][0]["options"][1]["counterfactual"]["label"] = "my guess"
    _write(dataset, doc)
    with pytest.raises(DataError, match="counterfactual.label"):
        load_decisions()


def test_path_text_round_trips_into_a_fresh_simulator(dataset):
    sim = DecisionSimulator()
    sim.choose("p1", "strike")
    sim.choose("p2", "first")
    assert sim.path_text() == "p1: strike\np2: first"
    fresh = DecisionSimulator()
    fresh.load_path("# my path\n\n" + sim.path_text() + "\n")
    assert fresh.state()["choices"] == {"p1": "strike", "p2": "first"}
    assert fresh.summary_markdown() == sim.summary_markdown()
    with pytest.raises(ValueError, match="Line 1"):
        fresh.load_path("p1: surrender")
    with pytest.raises(ValueError, match="not 'point-id: option-id'"):
        fresh.load_path("p1 strike")
    assert fresh.state()["choices"] == {"p1": "strike", "p2": "first"}  # nothing half-done


def test_the_end_screen_closes_the_path(dataset):
    sim = DecisionSimulator()
    sim.choose("p1", "wait")
    assert "crisislab-decision-end" not in sim.path_html.value
    assert "path_text()" in sim.path_html.value  # documented in the panel
    sim.choose("p2", "second")
    end = sim.path_html.value
    assert "crisislab-decision-end" in end and "The end of the 2 decisions" in end
    assert "1 the same as in 1962" in end
    assert "p1: wait\np2: second" in end


def test_the_real_historical_path_shows_its_own_dangers(real):
    real.reset()
    for point in real.points:
        real.choose(point.id, point.chosen)
    end = real.path_html.value
    assert "crisislab-decision-end" in end
    for word in ("B-59", "Anderson", "Maultsby"):
        assert word in end, word
    assert "oct16-response: blockade" in end
    strike = real.feedback("oct16-response", "air-strike").text()
    assert "22 October" not in strike.split("Moscow's side at the time:")[1].split("\n")[0]
    real.reset()
