"""The timeline explorer on the course's real 1962 data: key ids, clocks and knowledge views.

Only ids the course guarantees are used, never row counts, so the data can grow.
"""

from __future__ import annotations

from datetime import date

import pytest

from crisislab import data
from crisislab.paths import data_dir
from crisislab.timeline import TimelineExplorer, overview_figure

pytestmark = pytest.mark.skipif(
    not (data_dir() / "events_1962.csv").exists(), reason="the course data is not merged yet"
)

KEY_EVENTS = {
    "e62-u2-photographs": date(1962, 10, 14),
    "e62-bundy-briefs-president": date(1962, 10, 16),
    "e62-excomm-first-meeting": date(1962, 10, 16),
    "e62-defcon3": date(1962, 10, 22),
    "e62-address-to-nation": date(1962, 10, 22),
    "e62-quarantine-begins": date(1962, 10, 24),
    "e62-sac-defcon2": date(1962, 10, 24),
    "e62-bucharest": date(1962, 10, 25),
    "e62-u2-shot-down": date(1962, 10, 27),
    "e62-maultsby-u2": date(1962, 10, 27),
    "e62-b59": date(1962, 10, 27),
    "e62-rfk-dobrynin": date(1962, 10, 27),
    "e62-radio-moscow-acceptance": date(1962, 10, 28),
}


@pytest.fixture(scope="module")
def explorer():
    return TimelineExplorer(data.events(1962))


@pytest.mark.parametrize("event_id, day", KEY_EVENTS.items())
def test_key_event_shows_on_its_day_now(explorer, event_id, day):
    explorer.set_view("now")
    explorer.set_actors(explorer.actors)
    explorer.select_day(day)
    assert event_id in explorer.shown_events()
    assert f'data-event-id="{event_id}"' in explorer.card_html()


def test_the_address_on_three_clocks(explorer):
    assert explorer.local_times("e62-address-to-nation") == {
        "Washington": "19:00, Monday 22 October 1962",
        "Moscow": "02:00, Tuesday 23 October 1962",
        "Havana": "18:00, Monday 22 October 1962",
    }


def test_the_seed_articles_845_briefing(explorer):
    assert explorer.local_times("e62-bundy-briefs-president")["Washington"] == (
        "08:45, Tuesday 16 October 1962"
    )


def test_the_broadcast_of_28_october_after_daylight_time_ended(explorer):
    times = explorer.local_times("e62-radio-moscow-acceptance")
    assert times["Moscow"].startswith("17:04, Sunday 28 October")
    assert times["Washington"].startswith("09:04, Sunday 28 October")  # EST from 02:00 that day


def test_moscow_did_not_know_of_the_briefing_on_16_october(explorer):
    explorer.set_actors(explorer.actors)
    explorer.select_day(date(1962, 10, 16))
    explorer.set_view("moscow")
    assert "e62-bundy-briefs-president" not in explorer.shown_events()
    explorer.set_view("washington")
    assert "e62-bundy-briefs-president" in explorer.shown_events()


@pytest.mark.parametrize("event_id", ["e62-b59", "e62-indigirka-arrives"])
def test_washington_view_never_shows_what_came_out_decades_later(explorer, event_id):
    explorer.set_view("washington")
    explorer.set_actors(explorer.actors)
    for day in explorer.days:
        explorer.select_day(day)
        assert event_id not in explorer.shown_events()


def test_alert_levels_during_the_crisis(explorer):
    explorer.select_day(date(1962, 10, 21))
    assert explorer.alert_level() is None
    explorer.select_day(date(1962, 10, 22))
    assert explorer.alert_level() == 3
    explorer.select_day(date(1962, 10, 27))
    assert explorer.alert_level() == 2


def test_overview_names_the_key_moments():
    fig = overview_figure(data.events(1962))
    texts = [t.get_text() for t in fig.axes[2].texts]
    titles = data.events(1962).set_index("id")["title"]
    for event_id in ("e62-bundy-briefs-president", "e62-u2-shot-down", "e62-rfk-dobrynin"):
        assert titles[event_id] in texts
