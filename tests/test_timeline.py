"""The timeline explorer, driven through its Python API on the small fixture dataset."""

from __future__ import annotations

import re
from datetime import date

import ipywidgets as widgets
import pandas as pd
import pytest

from crisislab import data, timeline
from crisislab.timeline import TimelineExplorer, overview_figure
from tests.datafixtures import write_dataset

OCT = 10


def day(n: int) -> date:
    return date(1962, OCT, n)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    folder = write_dataset(tmp_path / "data")
    monkeypatch.setenv("CRISISLAB_DATA", str(folder))
    return folder


@pytest.fixture
def events(folder):
    return data.events(1962, folder)


@pytest.fixture
def explorer(events):
    return TimelineExplorer(events)


def card_ids(html_text: str) -> list[str]:
    return re.findall(r'<div class="crisislab-card" data-event-id="([^"]+)"', html_text)


# -- days and the slider ------------------------------------------------------------------------


def test_days_cover_the_crisis_and_reach_run_up(explorer):
    assert explorer.days[0] == day(4)  # the run-up event is reachable
    assert all(day(n) in explorer.days for n in range(14, 29))  # every crisis day
    assert day(5) not in explorer.days  # quiet run-up days are skipped
    assert explorer.days == sorted(explorer.days)


def test_default_day_and_first_card(explorer):
    assert explorer.day == day(16)
    assert explorer.shown_events() == ["e62-briefing"]
    assert card_ids(explorer.card_html()) == ["e62-briefing"]


def test_select_day_accepts_iso_text(explorer):
    explorer.select_day("1962-10-22")
    assert explorer.day == day(22)
    assert explorer.shown_events() == ["e62-address"]


@pytest.mark.parametrize("bad", [date(1962, 9, 1), date(1963, 1, 1)])
def test_select_day_outside_slider_says_where_it_runs(explorer, bad):
    with pytest.raises(ValueError, match="not on the slider.*Nearest days"):
        explorer.select_day(bad)


@pytest.mark.parametrize("bad", ["27 October", "1962-13-01"])
def test_select_day_refuses_text_that_is_not_a_date(explorer, bad):
    with pytest.raises(ValueError, match="not a date"):
        explorer.select_day(bad)


def test_select_day_refuses_other_types(explorer):
    with pytest.raises(TypeError):
        explorer.select_day(27)


def test_day_without_events_says_no_events(explorer):
    explorer.select_day(day(18))
    assert explorer.shown_events() == []
    assert '<p class="crisislab-empty">No events' in explorer.card_html()
    assert card_ids(explorer.card_html()) == []


def test_moving_the_slider_like_the_browser_updates_cards(explorer):
    explorer.day_slider.index = explorer.days.index(day(28))  # what the frontend syncs
    assert explorer.shown_events() == ["e62-broadcast"]
    assert "Radio Moscow broadcast" in explorer.card_html()


# -- knowledge views -------------------------------------------------------------------------------


def test_moscow_did_not_know_of_the_briefing_on_the_day(explorer):
    explorer.select_day(day(16))
    explorer.set_view("moscow")
    assert explorer.shown_events() == []
    assert "No events" in explorer.card_html()
    explorer.set_view("washington")
    assert explorer.shown_events() == ["e62-briefing"]


def test_moscow_view_shows_an_event_on_the_day_moscow_learned_of_it(explorer):
    explorer.set_view("What Moscow knew")  # the label works too
    explorer.select_day(day(22))
    # 22 Oct: Moscow learns of the 16 Oct briefing; the 19:00 address reaches it on the 23rd.
    assert explorer.shown_events() == ["e62-briefing"]
    assert "Happened on Tuesday 16 October 1962" in explorer.card_html()
    explorer.select_day(day(23))
    assert explorer.shown_events() == ["e62-address"]
    assert "Moscow knew of it from Tuesday 23 October 1962" in explorer.card_html()


def test_what_washington_never_knew_never_shows(explorer):
    explorer.set_view("washington")
    for d in explorer.days:
        explorer.select_day(d)
        assert "e62-warheads" not in explorer.shown_events()
    explorer.set_view("now")
    explorer.select_day(day(4))
    assert explorer.shown_events() == ["e62-warheads"]
    assert "Washington knew of it only in 1992" in explorer.card_html()
    explorer.set_view("moscow")
    assert explorer.shown_events() == ["e62-warheads"]


def test_no_view_shows_an_event_before_that_capital_knew(explorer, events):
    learned = {
        view: {r["id"]: data.parse_learned(r[column]) for _, r in events.iterrows()}
        for view, column in (("washington", "washington_learned"), ("moscow", "moscow_learned"))
    }
    happened = dict(zip(events["id"], events["date"], strict=True))
    for view in ("washington", "moscow"):
        explorer.set_view(view)
        for d in explorer.days:
            explorer.select_day(d)
            for event_id in explorer.shown_events():
                assert learned[view][event_id] is not None
                assert learned[view][event_id] <= d
                assert happened[event_id] <= d


def test_unknown_view_is_refused(explorer):
    with pytest.raises(ValueError, match="Unknown view 'havana'"):
        explorer.set_view("havana")
    assert explorer.view == "now"


# -- actor filter ------------------------------------------------------------------------------


def test_actor_filter(explorer):
    assert explorer.actors == ["United States", "Soviet Union", "Cuba"]
    explorer.select_day(day(4))
    explorer.set_actors(["Cuba"])
    assert explorer.shown_events() == ["e62-warheads"]
    explorer.set_actors("united states")  # a single name, any case
    assert explorer.shown_events() == []
    assert "No events" in explorer.card_html()
    explorer.select_day(day(16))
    assert explorer.shown_events() == ["e62-briefing"]


def test_no_actor_selected_says_so(explorer):
    explorer.set_actors([])
    assert explorer.shown_events() == []
    assert "No events shown: no actor is selected." in explorer.card_html()


def test_unknown_actor_is_refused(explorer):
    with pytest.raises(ValueError, match="'Martians' is not an actor.*United States"):
        explorer.set_actors(["Martians"])


# -- three clocks --------------------------------------------------------------------------------


def test_address_at_1900_in_washington_is_0200_next_day_in_moscow(explorer):
    times = explorer.local_times("e62-address")
    assert times == {
        "Washington": "19:00, Monday 22 October 1962",
        "Moscow": "02:00, Tuesday 23 October 1962",
        "Havana": "18:00, Monday 22 October 1962",
    }
    explorer.select_day(day(22))
    assert "<b>Moscow</b> 02:00, Tuesday 23 October 1962" in explorer.card_html()


def test_clocks_use_1962_offsets_after_daylight_time_ended(explorer):
    # Washington left daylight time at 02:00 on 28 October 1962: Moscow 17:00 is 09:00 EST.
    times = explorer.local_times("e62-broadcast")
    assert times["Moscow"] == "about 17:00, Sunday 28 October 1962"  # hour precision
    assert times["Washington"] == "about 09:00, Sunday 28 October 1962"


def test_day_precision_events_do_not_invent_a_time(explorer):
    times = explorer.local_times("e62-warheads")
    assert times["Havana"] == "Thursday 4 October 1962, time not known"
    assert times["Washington"] == "time not known (Thursday 4 October 1962 in Havana)"
    assert not any(re.search(r"\d\d:\d\d", text) for text in times.values())


def test_local_times_of_unknown_event(explorer):
    with pytest.raises(KeyError, match="no event 'e62-nothing'"):
        explorer.local_times("e62-nothing")


# -- cards: content and escaping ---------------------------------------------------------------


def test_card_carries_title_description_actors_sources(explorer):
    explorer.select_day(day(4))
    card = explorer.card_html()
    assert "Warheads arrive" in card
    assert "A ship brings nuclear warheads." in card
    assert "Actors: Soviet Union, Cuba" in card
    assert "Sources: [dobbs-2008]" in card


def test_all_text_from_data_is_escaped(events):
    events.loc[events["id"] == "e62-briefing", "title"] = '<script>alert("x")</script>'
    events.loc[events["id"] == "e62-briefing", "description"] = "Ships & <b>planes</b>"
    explorer = TimelineExplorer(events)
    card = explorer.card_html()
    assert "<script>" not in card and "<b>planes</b>" not in card
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in card
    assert "Ships &amp; &lt;b&gt;planes&lt;/b&gt;" in card


def test_html_is_deterministic(events):
    one, two = TimelineExplorer(events), TimelineExplorer(events)
    for explorer in (one, two):
        explorer.select_day(day(22))
    assert one.card_html() == two.card_html()
    assert one.status.value == two.status.value
    assert one.figure.value == two.figure.value


# -- alert level -------------------------------------------------------------------------------


def test_alert_level_track(explorer):
    explorer.select_day(day(16))
    assert explorer.alert_level() is None
    assert "no change recorded so far" in explorer.status_text()
    explorer.select_day(day(27))
    assert explorer.alert_level() == 3
    assert "DEFCON 3 (since 22 October 1962: Address to the nation)" in explorer.status_text()


@pytest.mark.parametrize(
    "text, level", [("DEFCON 3", 3), ("defcon 2 (SAC)", 2), ("special combat duty regime", None)]
)
def test_defcon_level(text, level):
    assert timeline.defcon_level(text) == level


# -- figure: drawn once, artists updated ----------------------------------------------------------


def test_figure_is_drawn_once_and_the_marker_moves(explorer):
    figure = explorer._figure.fig
    marker = explorer._figure.markers[0]
    explorer.select_day(day(27))
    assert explorer._figure.fig is figure and explorer._figure.markers[0] is marker
    x = explorer.days.index(day(27))
    assert list(marker.get_xdata()) == [x, x]
    assert explorer._figure.day_text.get_text().startswith("Sat 27 Oct 1962: day 12 of 13")


def test_figure_png_changes_with_day_and_is_cached(explorer):
    first = explorer.figure_png()
    assert first.startswith(b"\x89PNG")
    explorer.select_day(day(27))
    assert explorer.figure_png() != first
    explorer.select_day(day(16))
    assert explorer.figure_png() == first
    assert 'alt="Timeline of the whole period with Tuesday 16 October 1962 marked' in (
        explorer.figure.value
    )


# -- widget contract (the browser tests rely on it) ------------------------------------------


def test_widget_contract(explorer):
    assert isinstance(explorer.day_slider, widgets.SelectionSlider)
    assert explorer.day_slider.description == "Day"
    # Named buttons stand in for widgets.Play, whose icon-only buttons have no name.
    assert explorer.previous_button.description == "\u25c0 Previous day"
    assert explorer.next_button.description == "Next day \u25b6"
    assert isinstance(explorer.play_button, widgets.ToggleButton)
    assert explorer.play_button.description == "Play the days"
    assert isinstance(explorer.view_buttons, widgets.ToggleButtons)
    assert explorer.view_buttons.description == "View"
    assert explorer.view_buttons.style.button_width == "auto"  # labels never cut off
    assert all(isinstance(b, widgets.Checkbox) for b in explorer.actor_boxes.values())
    assert [b.description for b in explorer.actor_boxes.values()] == explorer.actors
    assert explorer.all_actors_button.description == "All actors"
    assert explorer.no_actors_button.description == "No actors"
    assert not any(
        isinstance(w, (widgets.Dropdown, widgets.SelectMultiple, widgets.Play))
        for w in _descendants(explorer.widget)
    )
    assert "crisislab-widget" in explorer.widget._dom_classes
    assert "crisislab-cards" in explorer.cards._dom_classes
    assert isinstance(explorer.cards, widgets.HTML)


def _descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)


def test_status_line_is_a_live_region_naming_day_and_view(explorer):
    assert 'role="status"' in explorer.status.value
    assert 'aria-live="polite"' in explorer.status.value
    explorer.set_view("moscow")
    assert "Tuesday 16 October 1962" in explorer.status_text()
    assert "What Moscow knew" in explorer.status_text()


def test_previous_and_next_buttons_step_and_stop_at_the_ends(explorer):
    explorer.select_day(day(16))
    explorer.next_button.click()
    assert explorer.day == day(17)
    explorer.previous_button.click()
    explorer.previous_button.click()
    assert explorer.day == day(15)
    explorer.select_day(explorer.days[0])
    explorer.previous_button.click()
    assert explorer.day == explorer.days[0]


def test_play_steps_through_the_days_and_stops_at_the_last(explorer):
    explorer.select_day(explorer.days[-2])
    explorer.play_button.value = True  # no kernel loop here: drive the ticks by hand
    assert explorer.play_button.description == "Pause"
    explorer._tick()
    assert explorer.day == explorer.days[-1]
    explorer._tick()
    assert explorer.play_button.value is False
    assert explorer.play_button.description == "Play the days"
    explorer.play_button.value = True  # from the last day, Play starts again at the first
    assert explorer.day == explorer.days[0]
    explorer.play_button.value = False


def test_actor_checkboxes_and_all_none_buttons(explorer):
    explorer.select_day(day(4))
    explorer.actor_boxes["United States"].value = False  # what a click or Space syncs
    explorer.actor_boxes["Soviet Union"].value = False
    assert explorer.shown_events() == ["e62-warheads"]
    assert "actors: Cuba" in explorer.status_text()
    explorer.no_actors_button.click()
    assert explorer.selected_actors == ()
    assert "no actor is selected" in explorer.card_html()
    explorer.all_actors_button.click()
    assert explorer.selected_actors == tuple(explorer.actors)
    assert "actors:" not in explorer.status_text()


def test_repr_is_the_widget_with_a_text_form(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == (
        "TimelineExplorer: Tuesday 16 October 1962, view 'What we know now'; "
        "events shown: e62-briefing"
    )


# -- static overview figure ----------------------------------------------------------------------


def _annotations(fig):
    return [child.get_text() for ax in fig.axes for child in ax.texts]


def test_overview_figure_lanes_alerts_and_key_moments(events):
    fig = overview_figure(events)
    alert_ax, lanes_ax, text_ax = fig.axes
    lanes = [t.get_text() for t in lanes_ax.get_xticklabels()]
    assert lanes == ["United States", "Soviet Union", "Cuba"]
    days = [t.get_text() for t in alert_ax.get_yticklabels()]
    assert days[0] == "Sun 14 Oct 1962" and days[-1] == "Sun 28 Oct 1962"
    assert "Thu 4 Oct 1962" not in days  # outside the default window
    titles = [t.get_text() for t in text_ax.texts]
    assert titles == [
        "Bundy briefs the President",
        "Address to the nation",
        "Radio Moscow broadcast",
    ]
    assert "DEFCON 3" in _annotations(fig)
    assert "What we know now" in fig.get_suptitle()


def test_overview_figure_window_and_views(events):
    fig = overview_figure(events, start=date(1962, 10, 1), end=day(16))
    days = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert days[0] == "Thu 4 Oct 1962"
    assert "DEFCON 3" not in _annotations(fig)
    moscow = overview_figure(events, view="moscow", start=day(16), end=day(16))
    assert [t.get_text() for t in moscow.axes[2].texts] == []  # Moscow learned only on the 22nd


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"view": "havana"}, "Unknown view"),
        ({"start": day(20), "end": day(16)}, "comes after"),
        ({"start": date(1962, 1, 1), "end": date(1962, 2, 1)}, "No days with events"),
    ],
)
def test_overview_figure_refuses_bad_arguments(events, kwargs, message):
    with pytest.raises(ValueError, match=message):
        overview_figure(events, **kwargs)


def test_overview_alt_says_what_it_shows(events):
    alt = timeline.overview_alt(events)
    assert "3 key moments" in alt and "DEFCON 3 on 22 October" in alt
    # It lists the key moments the figure writes out, with their first actor.
    keys = events[events["importance"] == 1]
    for title in keys["title"]:
        assert title in alt


def test_overview_marks_each_key_moment_with_its_actor_marker(events):
    fig = overview_figure(events)
    text_ax = fig.axes[2]
    markers = [line.get_marker() for line in text_ax.get_lines()]
    keys = timeline.ordered_events(events)
    keys = keys[keys["importance"] == 1]
    expected = [timeline.style.actor_marker(a.split(";")[0].strip()) for a in keys["actors"]]
    assert sorted(markers) == sorted(expected)  # colour is not the only cue


def test_year_only_learning_shows_no_earlier_than_the_end_of_that_year(events):
    # "1962" only says "sometime in 1962": the event must not show in October as if known then.
    events.loc[events["id"] == "e62-warheads", "moscow_learned"] = "1962"
    explorer = TimelineExplorer(events)
    explorer.set_view("moscow")
    for d in explorer.days:
        explorer.select_day(d)
        assert "e62-warheads" not in explorer.shown_events()
    explorer.set_view("now")
    explorer.select_day(day(4))
    assert "Moscow knew of it sometime in 1962" in explorer.card_html()
    assert timeline.known_from("1962") == date(1962, 12, 31)
    assert timeline.known_from("1962-10-22") == date(1962, 10, 22)
    assert timeline.known_from("never") is None


def test_alert_level_is_not_carried_past_the_tracked_days(events):
    late = events[events["id"] == "e62-briefing"].copy()
    late["id"], late["date"], late["title"] = "e62-late", date(1962, 11, 20), "Later event"
    explorer = TimelineExplorer(pd.concat([events, late]))
    explorer.select_day(date(1962, 11, 20))
    assert explorer.shown_events() == ["e62-late"]
    assert explorer.alert_level() is None
    assert "not tracked after 28 October 1962" in explorer.status_text()


def test_revealed_later_lists_what_a_capital_learned_only_years_later(events):
    table = timeline.revealed_later(events)
    assert list(table["id"]) == ["e62-warheads"]
    row = table.iloc[0]
    assert row["Washington learned"] == 1992 and row["Moscow learned"] == ""
    events.loc[events["id"] == "e62-warheads", "washington_learned"] = "1962"
    assert timeline.revealed_later(events).empty  # same year is not "later"


def test_explorer_works_on_2022_events_too(folder):
    explorer = TimelineExplorer(data.events(2022, folder))
    assert explorer.days == [date(2022, 2, 24)]  # no 1962 crisis window without 1962 events
    assert explorer.shown_events() == ["e22-invasion"]
    assert "no change recorded in these events" in explorer.status_text()
    times = explorer.local_times("e22-invasion")
    # The fixture's invasion row is "approximate": the date is uncertain, so no clock time.
    assert times["Moscow"] == (
        "time not known; date approximate (about Thursday 24 February 2022, Kyiv)"
    )


# -- collapsed cards ------------------------------------------------------------------------------


def collapsed_text(html_text: str) -> str:
    """What a reader sees before opening any card: everything but the inside of <details>."""
    shut = re.sub(r"</summary>.*?</details>", "", html_text, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shut)).strip()


def test_a_card_collapses_to_time_title_and_one_line(explorer):
    explorer.select_day(day(28))
    card = explorer.card_html()
    assert card.count("<details") == card.count("<summary") == len(card_ids(card)) == 1
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", card, flags=re.S)[1]
    assert "Radio Moscow broadcast" in summary
    assert "about 17:00 Moscow (09:00 Washington)" in summary  # the order the cards run in
    assert "crisislab-card-when" in summary and "crisislab-card-line" in summary
    # Clocks, sources and knowledge are inside the fold, not in the summary.
    assert "Sources:" not in summary and "crisislab-clock" not in summary
    assert "Sources:" in card


def test_card_line_is_the_first_sentence_and_the_rest_is_not_repeated():
    line, rest = timeline.card_line("A ship brings warheads. It docks at Mariel. Nobody saw.")
    assert line == "A ship brings warheads."
    assert rest == "It docks at Mariel. Nobody saw."
    long = "word " * 60 + "end."
    line, rest = timeline.card_line(long)
    assert len(line) <= timeline.CARD_LINE_CHARS and line.endswith("\u2026")
    assert rest == long.strip()  # a cut line: the open card gives the whole description


def test_an_event_without_a_known_time_says_so_once(explorer):
    explorer.select_day(day(4))
    card = explorer.card_html()
    assert card.lower().count("time not known") == 2  # the summary, then one line inside
    assert "crisislab-clock" not in card
    assert "Time not known; Thursday 4 October 1962 (Havana)." in card


def test_the_busiest_day_collapses_to_about_two_screens_of_text():
    explorer = TimelineExplorer()  # the course's own 1962 events
    explorer.select_day(date(1962, 10, 27))
    cards = explorer.card_html()
    assert len(card_ids(cards)) >= 10
    text = collapsed_text(cards)
    # About 11 cards of time, title and one line: 250 characters or so each.
    assert len(text) < 3200, len(text)
    assert len(text) < len(re.sub(r"<[^>]+>", " ", cards)) / 3
